/* testutil.c - helpers shared by the unit tests (testutil.h). */
#include "testutil.h"
#include "prepare.h"

#include <ftw.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cairo-pdf.h>
#include <poppler.h>
#include <fontconfig/fontconfig.h>

#include "record.h"
#include "skos.h"
#include "xapian-c/xapian_c.h"

char *test_tmpdir(const char *tmpl)
{
    GError *err = NULL;
    char *dir = g_dir_make_tmp(tmpl, &err);
    if (dir == NULL) {
        fprintf(stderr, "cannot make a temporary folder: %s\n", err->message);
        abort();
    }
    return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int test_rmtree(const char *dir)
{
    return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

unsigned test_count_matches(struct xap_db *db, struct xap_qparser *qp, const char *text)
{
    verr err;
    xap_query *q = NULL;
    xap_mset *ms = NULL;
    assert_int_equal(xap_qparser_parse(qp, text, XAP_QP_DEFAULT, &q, &err), 0);
    xap_enquire *enq = xap_enquire_new(db, &err);
    xap_enquire_set_query(enq, q, &err);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 10, &ms, &err), 0);
    unsigned n = xap_mset_size(ms);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(q);
    return n;
}

void test_put_document(xap_wdb *w, record_builder *rb, docmeta *m, const char *path,
                       const tagger *t)
{
    verr err;
    char id[DOC_ID_LEN + 1], term[DOC_ID_LEN + 2];
    record_id_for_path(path, id);
    record_id_term(id, term);
    docmeta_set(&m->id, id);
    docmeta_set(&m->path, path);
    if (m->sha256 == NULL)
        docmeta_set(&m->sha256, "00");
    if (m->mime == NULL)
        docmeta_set(&m->mime, "application/pdf");
    xap_doc *d = prepare_document(NULL, m, NULL, NULL, t, NULL, &err) == 0
                     ? record_build(rb, m, NULL, &err) : NULL;
    if (d == NULL || xap_wdb_replace(w, term, d, NULL, &err) != 0) {
        fprintf(stderr, "cannot index %s: %s\n", path, err.msg);
        abort();
    }
    xap_doc_free(d);
}

/* Draws the items of page (0-based) with cr, in points. */
static void draw_page_items(cairo_t *cr, const pdf_item *items, int page)
{
    for (const pdf_item *it = items; it->page >= 0; it++) {
        if (it->page != page)
            continue;
        if (it->text == NULL) {
            cairo_rectangle(cr, it->x, it->y, 300, 300);
            cairo_fill(cr);
            continue;
        }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               it->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, it->size);
        cairo_move_to(cr, it->x, it->y);
        cairo_show_text(cr, it->text);
    }
}

/* A white image of a w by h points page at dpi, and a context on it that
 * draws in points (black).  Caller destroys both, or hands them to
 * paint_scan. */
static cairo_t *scan_begin(double w, double h, double dpi, cairo_surface_t **img)
{
    double k = dpi / 72.0;
    *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * k), (int)(h * k));
    cairo_t *cr = cairo_create(*img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_scale(cr, k, k);
    return cr;
}

/* Paints the image scan_begin made onto the PDF page of pdf (nothing else
 * on it: no text layer), then frees both. */
static void scan_end(cairo_t *pdf, cairo_t *icr, cairo_surface_t *img, double dpi)
{
    double k = dpi / 72.0;
    cairo_destroy(icr);
    cairo_save(pdf);
    cairo_scale(pdf, 1 / k, 1 / k);
    cairo_set_source_surface(pdf, img, 0, 0);
    cairo_paint(pdf);
    cairo_restore(pdf);
    cairo_surface_destroy(img);
}

/* The PDF of test_write_pdf (scan_dpi 0) or test_write_scanned_pdf. */
static char *write_pdf(const char *dir, const char *name, const char *title,
                       const pdf_item *items, double scan_dpi)
{
    char *path = g_build_filename(dir, name, NULL);
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    if (title != NULL)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_t *cr = cairo_create(s);
    int pages = 0;
    for (const pdf_item *it = items; it->page >= 0; it++)
        pages = it->page + 1 > pages ? it->page + 1 : pages;
    for (int page = 0; page < pages; page++) {
        if (scan_dpi <= 0) {
            draw_page_items(cr, items, page);
        } else { /* drawn into an image first: the PDF page holds only that */
            cairo_surface_t *img;
            cairo_t *icr = scan_begin(595, 842, scan_dpi, &img);
            draw_page_items(icr, items, page);
            scan_end(cr, icr, img, scan_dpi);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return path;
}

char *test_write_pdf(const char *dir, const char *name, const char *title,
                     const pdf_item *items)
{
    return write_pdf(dir, name, title, items, 0);
}

char *test_write_scanned_pdf(const char *dir, const char *name, const pdf_item *items,
                             double dpi)
{
    return write_pdf(dir, name, NULL, items, dpi);
}

int test_rasterize_pdf(const char *in, const char *out, double dpi)
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
        cairo_surface_t *img;
        cairo_t *cr = scan_begin(w, h, dpi, &img);
        poppler_page_render_for_printing(page, cr);
        cairo_pdf_surface_set_size(pdf, w, h);
        scan_end(pcr, cr, img, dpi);
        cairo_show_page(pcr);
        g_object_unref(page);
    }
    cairo_destroy(pcr);
    cairo_surface_destroy(pdf);
    g_object_unref(doc);
    return n;
}

void test_release_font_caches(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}

vocab *test_load_thesaurus(void)
{
    verr err;
    vocab *v = skos_load_dir("thesaurus", &err);
    if (v == NULL)
        fprintf(stderr, "thesaurus: %s\n", err.msg);
    return v;
}
