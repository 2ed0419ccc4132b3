/* bench/ocr.c - OCR word accuracy and speed, against known text.
 *
 * Usage: ocr WORKDIR SCAN_DPI FILE.pdf...
 *
 * For each PDF (which has a text layer): its text is extracted as usual
 * (the reference), then each page is drawn into an image at SCAN_DPI, in
 * grey, as a scanner would, and the images are written to
 * WORKDIR/scan-N.pdf, a PDF with no text layer.  That file is extracted
 * with OCR (ocr.h), timed, and its words are aligned with the
 * reference's: word accuracy is 1 - (substitutions + deletions +
 * insertions) / reference words, on folded words (case and accents
 * aside, as search sees them).  Prints a line per file, then the totals
 * and the pages per second.  Figures only; nothing is asserted. */
#include "extract.h"
#include "detect.h"
#include "ocr.h"
#include "../tests/unit/testutil.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The folded words of text, in order. */
static GPtrArray *words_of(const char *text)
{
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    char *folded = text_fold(text != NULL ? text : "", -1);
    GString *w = g_string_new(NULL);
    for (const char *p = folded;; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0 && g_unichar_isalnum(c)) {
            g_string_append_unichar(w, c);
            continue;
        }
        if (w->len > 0)
            g_ptr_array_add(words, g_strdup(w->str));
        g_string_truncate(w, 0);
        if (c == 0)
            break;
    }
    g_string_free(w, TRUE);
    g_free(folded);
    return words;
}

/* Word-level edit distance between ref and hyp (two rows). */
static guint edit_distance(const GPtrArray *ref, const GPtrArray *hyp)
{
    guint *prev = g_new(guint, hyp->len + 1), *cur = g_new(guint, hyp->len + 1);
    for (guint j = 0; j <= hyp->len; j++)
        prev[j] = j;
    for (guint i = 1; i <= ref->len; i++) {
        cur[0] = i;
        for (guint j = 1; j <= hyp->len; j++) {
            guint sub = prev[j - 1] + (strcmp(g_ptr_array_index(ref, i - 1),
                                              g_ptr_array_index(hyp, j - 1)) != 0);
            guint del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = MIN(sub, MIN(del, ins));
        }
        guint *t = prev;
        prev = cur;
        cur = t;
    }
    guint d = prev[hyp->len];
    g_free(prev);
    g_free(cur);
    return d;
}

static docmeta *extract_with(const char *path, gboolean ocr)
{
    extract_options o = extract_default_options;
    o.ocr = ocr;
    extract_configure(&o);
    docmeta *m = docmeta_new();
    verr err;
    if (extract_file(path, m, &err) != 0) {
        fprintf(stderr, "%s: %s\n", path, err.msg);
        docmeta_free(m);
        return NULL;
    }
    return m;
}

int main(int argc, char **argv)
{
    ocr_restart_single_threaded(argv);
    if (argc < 4) {
        fprintf(stderr, "usage: %s WORKDIR SCAN_DPI FILE.pdf...\n", argv[0]);
        return 2;
    }
    if (detect_init(NULL) != 0)
        return 1;
    double dpi = atof(argv[2]);
    guint ref_words = 0, errors = 0, pages = 0, read_pages = 0;
    double seconds = 0;
    printf("%-60s %5s %6s %6s %8s %7s\n", "file", "pages", "words", "errors", "accuracy", "s");
    for (int i = 3; i < argc; i++) {
        char *scan = g_strdup_printf("%s/scan-%d.pdf", argv[1], i - 2);
        docmeta *ref = extract_with(argv[i], FALSE);
        int n = ref != NULL ? test_rasterize_pdf(argv[i], scan, dpi) : -1;
        gint64 t0 = g_get_monotonic_time();
        docmeta *got = n > 0 ? extract_with(scan, TRUE) : NULL;
        double s = (double)(g_get_monotonic_time() - t0) / 1e6;
        if (got != NULL) {
            GPtrArray *rw = words_of(ref->text), *gw = words_of(got->text);
            guint e = edit_distance(rw, gw);
            printf("%-60.60s %5d %6u %6u %8.3f %7.2f\n", argv[i], n, rw->len, e,
                   rw->len > 0 ? 1.0 - (double)e / rw->len : 0.0, s);
            ref_words += rw->len;
            errors += e;
            pages += (guint)n;
            read_pages += got->ocr_pages != NULL ? got->ocr_pages->len : 0;
            seconds += s;
            g_ptr_array_unref(rw);
            g_ptr_array_unref(gw);
        }
        docmeta_free(ref);
        docmeta_free(got);
        g_free(scan);
    }
    printf("\nscan %.0f dpi: %u pages (%u read by OCR), %u reference words, word accuracy "
           "%.3f, %.2f s, %.2f pages/s (one thread)\n",
           dpi, pages, read_pages, ref_words, ref_words > 0 ? 1.0 - (double)errors / ref_words : 0,
           seconds, seconds > 0 ? pages / seconds : 0);
    detect_shutdown();
    return 0;
}
