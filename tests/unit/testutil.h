/* testutil.h - helpers shared by the unit tests: temporary folders, a
 * small index, PDFs drawn with cairo. */
#ifndef VEILLE_TESTUTIL_H
#define VEILLE_TESTUTIL_H

/* A new folder under /tmp named after tmpl ("veille-x-XXXXXX"); aborts the
 * test run if it cannot be made.  Caller frees with g_free(). */
char *test_tmpdir(const char *tmpl);

/* Removes dir and everything below it.  Returns 0 on success. */
int test_rmtree(const char *dir);

struct xap_db;
struct xap_qparser;
struct xap_wdb;
struct record_builder;
struct docmeta;
struct tagger;
struct vocab;

/* The project's vocabulary (thesaurus/, the tests run from the top
 * folder), or NULL after saying why on stderr.  Caller frees. */
struct vocab *test_load_thesaurus(void);

/* Gives m the id of path (and a dummy digest and the PDF type when it has
 * none), prepares it (prepare.h: tags by t, NULL: the catalogue values
 * alone), builds its record and puts it in w, as veille-index would.
 * Aborts the run on failure. */
void test_put_document(struct xap_wdb *w, struct record_builder *rb, struct docmeta *m,
                       const char *path, const struct tagger *t);

/* Number of documents (at most 10) that text, parsed by qp with the
 * default flags, matches in db; fails the test on a parse error. */
unsigned test_count_matches(struct xap_db *db, struct xap_qparser *qp, const char *text);

/* A piece of a PDF drawn by test_write_pdf. */
typedef struct {
    int page;            /* 0-based; -1 ends the list */
    double size;         /* points */
    double x, y;         /* baseline, from the top left */
    const char *text;    /* NULL: a filled rectangle (an image's place) */
    int bold;
} pdf_item;

/* Writes an A4 PDF named name in dir, with Info title (NULL: none) and
 * the items; returns its path (caller frees).  Fails the test on error. */
char *test_write_pdf(const char *dir, const char *name, const char *title,
                     const pdf_item *items);

/* The same pages drawn as a scanner would give them: each page an image
 * at dpi, with no text layer (rectangles are drawn black into it too). */
char *test_write_scanned_pdf(const char *dir, const char *name, const pdf_item *items,
                             double dpi);

/* Writes every page of the PDF at in as an image at dpi into out, a PDF
 * with no text layer, as a scanner would give it.  Returns the page
 * count, or -1 when in cannot be read.  (bench/ocr, tests/tools/scan_pdf) */
int test_rasterize_pdf(const char *in, const char *out, double dpi);

/* Frees cairo's and fontconfig's font caches, which leak checks would
 * report: at the end of a test program that drew or read PDFs. */
void test_release_font_caches(void);

#endif
