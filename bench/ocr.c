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
#include "text.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <poppler.h>
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

/* Writes every page of the PDF at in as a grey image at dpi into out, a
 * PDF with no text.  Returns the page count, or -1. */
static int rasterize(const char *in, const char *out, double dpi)
{
    char *abs = g_canonicalize_filename(in, NULL);
    char *uri = g_filename_to_uri(abs, NULL, NULL);
    PopplerDocument *doc = uri != NULL ? poppler_document_new_from_file(uri, NULL, NULL) : NULL;
    g_free(uri);
    g_free(abs);
    if (doc == NULL)
        return -1;
    int n = poppler_document_get_n_pages(doc);
    cairo_surface_t *pdf = cairo_pdf_surface_create(out, 595, 842);
    cairo_t *pcr = cairo_create(pdf);
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        double w = 0, h = 0;
        poppler_page_get_size(page, &w, &h);
        double s = dpi / 72.0;
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * s),
                                                          (int)(h * s));
        cairo_t *cr = cairo_create(img);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, s, s);
        poppler_page_render_for_printing(page, cr);
        cairo_destroy(cr);
        cairo_pdf_surface_set_size(pdf, w, h);
        cairo_save(pcr);
        cairo_scale(pcr, 1 / s, 1 / s);
        cairo_set_source_surface(pcr, img, 0, 0);
        cairo_paint(pcr);
        cairo_restore(pcr);
        cairo_show_page(pcr);
        cairo_surface_destroy(img);
        g_object_unref(page);
    }
    cairo_destroy(pcr);
    cairo_surface_destroy(pdf);
    g_object_unref(doc);
    return n;
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
        int n = ref != NULL ? rasterize(argv[i], scan, dpi) : -1;
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
