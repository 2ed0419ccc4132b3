/* scan_pdf.c - a PDF drawn as a scan, for the integration tests.
 *
 * Usage: scan_pdf IN.pdf OUT.pdf DPI
 * Writes each page of IN as an image at DPI into OUT, which has no text
 * layer (test_rasterize_pdf, testutil.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "../unit/testutil.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s IN.pdf OUT.pdf DPI\n", argv[0]);
        return 2;
    }
    int pages = test_rasterize_pdf(argv[1], argv[2], atof(argv[3]));
    if (pages < 0) {
        fprintf(stderr, "scan_pdf: %s: not a readable PDF\n", argv[1]);
        return 1;
    }
    printf("%d\n", pages);
    return 0;
}
