/* extract_pdf.c - PDF text and metadata with poppler-glib.
 *
 * poppler can neither be cancelled nor bounded in memory: this runs in a
 * sandboxed child (sandbox.h).  Its syntax warnings go to the GLib log
 * domain "Poppler"; they are counted into out->warnings.  When the Info
 * title is missing or useless, the first pages' layout gives one
 * (pdf_title.h); when none of its words is on the first pages, a title
 * set there in large type replaces it.  A page that looks scanned is read
 * by OCR (ocr.h) when the options allow it, within the per-page deadline
 * and the file's budget;
 * the pages read so are listed in out->ocr_pages, those left unread
 * counted in out->ocr_skipped. */
#include "extract.h"
#include "ocr.h"
#include "pdf_title.h"
#include "text.h"
#include "title.h"

#include <poppler.h>
#include <string.h>

static void count_warning(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                          gpointer ud)
{
    (void)domain; (void)level; (void)msg;
    (*(int *)ud)++;
}

/* Sets *field from a poppler string (transfer full), which it frees. */
static void take_string(char **field, gchar *value)
{
    if (value != NULL) {
        char *clean = text_clean(value, -1);
        char *squashed = text_squash_space(clean);
        docmeta_set(field, squashed);
        g_free(squashed);
        g_free(clean);
    }
    g_free(value);
}

static void split_authors(docmeta *out, const char *authors)
{
    char **parts = g_strsplit_set(authors, ";,", -1);
    for (char **p = parts; *p != NULL; p++)
        docmeta_add(out->authors, g_strstrip(*p));
    g_strfreev(parts);
}

/* The Info dictionary into out: title, subject, keywords, authors, date.
 * Returns whether its title is useless (one is to be inferred). */
static gboolean read_info(PopplerDocument *doc, const char *path, docmeta *out)
{
    take_string(&out->title, poppler_document_get_title(doc));
    take_string(&out->subject, poppler_document_get_subject(doc));
    take_string(&out->keywords, poppler_document_get_keywords(doc));
    char *author = poppler_document_get_author(doc);
    if (author != NULL) {
        char *clean = text_clean(author, -1);
        split_authors(out, clean);
        g_free(clean);
    }
    g_free(author);
    GDateTime *created = poppler_document_get_creation_date_time(doc);
    if (created != NULL) {
        char *iso = g_date_time_format(created, "%Y-%m-%d");
        char *date = docmeta_parse_date(iso);
        docmeta_set(&out->date, date);
        g_free(date);
        g_free(iso);
        g_date_time_unref(created);
    }
    return title_is_useless(out->title, path);
}

/* What a PDF's pages need to know of OCR. */
typedef struct {
    ocr_budget budget;
    const char *path;
    int has_images;        /* ocr_file_has_images: -1 until a thin page asks */
} scan_check;

/* Whether a page whose text layer is text looks scanned (ocr.h).  Asking
 * poppler where its images are draws the page, which can be slow: that is
 * done only within the OCR budget, which starts with the first such
 * question.  With OCR off or out of time, a page with hardly any text in a
 * file with images is taken for a scan, unread, without asking. */
static gboolean looks_scanned(PopplerPage *page, const char *text, scan_check *c)
{
    if (!ocr_text_is_thin(text))
        return FALSE;
    if (c->has_images < 0)
        c->has_images = ocr_file_has_images(c->path);
    if (!c->has_images)
        return FALSE;
    if (ocr_budget_next_page_ms(&c->budget) == 0)
        return TRUE;
    ocr_budget_start(&c->budget);
    return ocr_page_has_image(page);
}

/* The text of a page that looks scanned, read by OCR after its layer's
 * (which it replaces when there is none), or the layer's alone when OCR
 * is off or out of time: then the page counts as skipped. */
static gchar *read_scanned(PopplerPage *page, int number, gchar *layer, scan_check *c,
                           docmeta *out)
{
    unsigned deadline_ms = ocr_budget_next_page_ms(&c->budget);
    if (deadline_ms == 0) {
        out->ocr_skipped++;
        return layer;
    }
    verr err;
    char *read = ocr_read_page(page, deadline_ms, &err);
    if (read == NULL) {
        out->ocr_skipped++;
        return layer;
    }
    docmeta_add_ocr_page(out, number);
    gchar *both = g_strconcat(layer != NULL ? layer : "", layer != NULL ? "\n" : "", read, NULL);
    g_free(read);
    g_free(layer);
    return both;
}

/* The text of doc's n pages into out->text, cleaned and dehyphenated; its
 * first PDF_TITLE_PAGES pages are kept in first (referenced, with their
 * text layout cached) for the title. */
static void read_pages(PopplerDocument *doc, const char *path, int n, PopplerPage **first,
                       docmeta *out)
{
    GString *text = g_string_new(NULL);
    scan_check scans = { { NULL, 0 }, path, -1 };
    ocr_budget_init(&scans.budget);
    for (int i = 0; i < n; i++) {
        /* a page poppler cannot give (damaged files) stays an empty page,
         * so that the form feeds still number the pages */
        PopplerPage *page = poppler_document_get_page(doc, i);
        gchar *t = page != NULL ? poppler_page_get_text(page) : NULL;
        if (page != NULL && looks_scanned(page, t, &scans))
            t = read_scanned(page, i + 1, t, &scans, out);
        if (page != NULL && first != NULL && i < PDF_TITLE_PAGES)
            first[i] = g_object_ref(page);
        if (page != NULL)
            g_object_unref(page);
        gboolean more = extract_append(text, t != NULL ? t : "", -1) &&
                        extract_append(text, "\n\f\n", -1);
        g_free(t);
        if (!more)
            break;
    }
    char *clean = text_clean(text->str, (gssize)text->len);
    char *joined = text_dehyphenate(clean);
    docmeta_set(&out->text, joined);
    g_free(joined);
    g_free(clean);
    g_string_free(text, TRUE);
}

/* The length of text's first PDF_TITLE_PAGES pages (form feeds end them). */
static gsize first_pages_length(const char *text)
{
    const char *p = text != NULL ? text : "";
    for (int i = 0; i < PDF_TITLE_PAGES && (p = strchr(p, '\f')) != NULL; i++)
        p++;
    return p != NULL ? (gsize)(p - text) : (text != NULL ? strlen(text) : 0);
}

/* The title the n first pages' layout gives (pdf_title.h) into out, when
 * there is one; when only_large, only one set in large type, of two words
 * or more, or one that acronym (may be NULL) abbreviates. */
static void take_inferred_title(PopplerPage *const *first, int n, gboolean only_large,
                                const char *acronym, docmeta *out)
{
    const char *source = NULL;
    char *title = pdf_title_infer(first, n, &source);
    if (title != NULL && (!only_large || title_expands(title, acronym) ||
                          (g_strcmp0(source, TITLE_SOURCE_FONT) == 0 && title_words(title) >= 2))) {
        docmeta_set(&out->title, title);
        docmeta_set(&out->title_source, source);
    }
    g_free(title);
}

int extract_pdf(const char *path, docmeta *out, verr *err)
{
    GError *gerr = NULL;
    PopplerDocument *doc = NULL;
    char *uri = NULL;
    PopplerPage *first[PDF_TITLE_PAGES] = { NULL }; /* kept for the title, when needed */
    int rc = -1;
    guint handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, count_warning, &out->warnings);

    char *abs = g_canonicalize_filename(path, NULL); /* URIs need absolute paths */
    uri = g_filename_to_uri(abs, NULL, &gerr);
    g_free(abs);
    if (uri == NULL) {
        verr_from_gerror(err, VERR_INVALID, gerr);
        goto cleanup;
    }
    doc = poppler_document_new_from_file(uri, NULL, &gerr);
    if (doc == NULL) {
        if (g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
            verr_set(err, VERR_PARSE, "pdf", "PDF protégé par un mot de passe");
        else
            verr_set(err, VERR_PARSE, "pdf", "PDF illisible : %s",
                     gerr != NULL ? gerr->message : "erreur inconnue");
        goto cleanup;
    }

    gboolean infer = read_info(doc, path, out);
    int n = poppler_document_get_n_pages(doc);
    out->pages = n > 0 ? n : 0;
    read_pages(doc, path, n, first, out);
    /* an Info title its first pages never use is a job's or a template's
     * name ("plaquette A3-1"), one without a word of four letters an
     * acronym ("CLS" over « Contrat local de santé de la Communauté de
     * communes... »): a title set in large type there wins */
    gboolean thin = !infer && title_words(out->title) == 0;
    if (infer || thin || !title_in_text(out->title, out->text, first_pages_length(out->text))) {
        char *acronym = thin ? g_strdup(out->title) : NULL; /* out's title may change */
        take_inferred_title(first, MIN(n, PDF_TITLE_PAGES), !infer, acronym, out);
        g_free(acronym);
    }
    rc = 0;
cleanup:
    for (int i = 0; i < PDF_TITLE_PAGES; i++)
        if (first[i] != NULL)
            g_object_unref(first[i]);
    g_log_remove_handler("Poppler", handler);
    if (doc != NULL)
        g_object_unref(doc);
    g_free(uri);
    g_clear_error(&gerr);
    return rc;
}
