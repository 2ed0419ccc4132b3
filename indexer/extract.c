/* extract.c - MIME type -> extractor table and the common entry point
 * (extract.h). */
#include "extract.h"
#include "detect.h"
#include "text.h"
#include "title.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *mime;
    extract_fn fn;
} extractors[] = {
    { "application/pdf", extract_pdf },
    { "text/plain", extract_text },
    { "text/csv", extract_text },
    { "text/markdown", extract_text },
    { "text/x-log", extract_text },
    { "text/html", extract_html },
    { "application/xhtml+xml", extract_html },
    { "application/vnd.oasis.opendocument.text", extract_odt },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extract_docx },
    { "application/vnd.ms-word.document.macroEnabled.12", extract_docx },
    { "application/vnd.oasis.opendocument.presentation", extract_odp },
    { "application/vnd.openxmlformats-officedocument.presentationml.presentation", extract_pptx },
    { "application/vnd.openxmlformats-officedocument.presentationml.slideshow", extract_pptx },
    { "application/vnd.ms-powerpoint.presentation.macroEnabled.12", extract_pptx },
    { "application/vnd.oasis.opendocument.spreadsheet", extract_ods },
    { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extract_xlsx },
    { "application/vnd.ms-excel.sheet.macroEnabled.12", extract_xlsx },
    { "application/msword", extract_msoffice },
    { "application/vnd.ms-excel", extract_msoffice },
    { "application/vnd.ms-powerpoint", extract_msoffice },
    { "application/vnd.ms-office", extract_msoffice },
    { "application/CDFV2", extract_msoffice },
    { "application/x-ole-storage", extract_msoffice },
    { "text/rtf", extract_rtf },
    { "image/jpeg", extract_image },
    { "image/png", extract_image },
    { "image/tiff", extract_image },
    { "image/bmp", extract_image },
    { "image/x-ms-bmp", extract_image },
    { "image/webp", extract_image },
    { "application/rtf", extract_rtf },
};

const extract_options extract_default_options = { TRUE, 20, 120, 20 };
static extract_options current_options = { TRUE, 20, 120, 20 };

void extract_configure(const extract_options *o)
{
    current_options = *o;
}

const extract_options *extract_current_options(void)
{
    return &current_options;
}

static extract_more_time_fn more_time_hook;

void extract_set_more_time_hook(extract_more_time_fn fn)
{
    more_time_hook = fn;
}

void extract_ask_more_time(unsigned extra_s)
{
    if (more_time_hook != NULL)
        more_time_hook(extra_s);
}

extract_fn extract_for_mime(const char *mime)
{
    if (mime == NULL)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(extractors); i++)
        if (strcmp(extractors[i].mime, mime) == 0)
            return extractors[i].fn;
    return NULL;
}

/* A damaged PDF may defeat libmagic (garbage before the header, no header
 * at all) yet open in poppler, which rebuilds the cross-reference table.
 * So for content libmagic cannot name ("application/octet-stream"), a
 * "%PDF-" in the first kilobyte (where readers accept it) or a .pdf name
 * sends the file to the PDF extractor, which fails with a reason if it is
 * not one.  Content libmagic does name always wins over the name. */
static gboolean looks_like_pdf(const char *path)
{
    char buf[1024];
    if (g_str_has_suffix(path, ".pdf") || g_str_has_suffix(path, ".PDF"))
        return TRUE;
    FILE *f = fopen(path, "rb");
    size_t n = f != NULL ? fread(buf, 1, sizeof buf, f) : 0;
    if (f != NULL)
        fclose(f);
    return memmem(buf, n, "%PDF-", 5) != NULL;
}

static gboolean is_markdown_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot != NULL &&
           (g_ascii_strcasecmp(dot, ".md") == 0 || g_ascii_strcasecmp(dot, ".markdown") == 0);
}

gboolean extract_is_table(const char *mime, const char *path)
{
    const char *dot = strrchr(path, '.');
    return strstr(mime, "csv") != NULL || strstr(mime, "spreadsheet") != NULL ||
           strstr(mime, "excel") != NULL || (dot != NULL && g_ascii_strcasecmp(dot, ".csv") == 0);
}

int extract_file(const char *path, docmeta *out, verr *err)
{
    char *mime = detect_mime(path, err);
    int rc = -1;

    if (mime == NULL)
        return -1;
    if (strcmp(mime, "application/zip") == 0 || strcmp(mime, "application/octet-stream") == 0) {
        char *inner = detect_zip_document(path);
        if (inner != NULL) {
            g_free(mime);
            mime = inner;
        }
    }
    /* a Markdown page that holds HTML is "text/html" to libmagic: its name
     * says what it is */
    if (g_str_has_prefix(mime, "text/") && is_markdown_name(path)) {
        g_free(mime);
        mime = g_strdup("text/markdown");
    }
    if (strcmp(mime, "application/octet-stream") == 0 && looks_like_pdf(path)) {
        g_free(mime);
        mime = g_strdup("application/pdf");
    }
    docmeta_set(&out->mime, mime);
    extract_fn fn = extract_for_mime(mime);
    if (fn == NULL) {
        verr_set(err, VERR_UNSUPPORTED, "type", "type non pris en charge : %s", mime);
        goto cleanup;
    }
    rc = fn(path, out, err);
    if (rc == 0) {
        title_settle(out, path);
        if (out->date == NULL && !extract_is_table(mime, path)) { /* the file records none: its cover's */
            char *date = docmeta_date_in_text(out->text);
            docmeta_set(&out->date, date);
            g_free(date);
        }
    }
    else if (err != NULL && err->code == VERR_UNSUPPORTED && strstr(err->msg, mime) == NULL) {
        /* skipped as a type, with the extractor's reason (an image without text) */
        char why[VERR_MSG_LEN];
        g_strlcpy(why, err->msg, sizeof why);
        verr_set(err, VERR_UNSUPPORTED, "type", "type non pris en charge : %s (%s)", mime, why);
    }
cleanup:
    g_free(mime);
    return rc;
}

void extract_next_page(GString *text, int *pages)
{
    if ((*pages)++ > 0)
        extract_append(text, "\f", 1);
}

void extract_set_paged_text(docmeta *out, const GString *text, int pages)
{
    char *clean = text_clean(text->str, (gssize)text->len);
    docmeta_set(&out->text, clean);
    g_free(clean);
    out->pages = pages;
}

gboolean extract_append(GString *buf, const char *text, gssize len)
{
    size_t n = len < 0 ? strlen(text) : (size_t)len;
    if (buf->len >= EXTRACT_MAX_TEXT)
        return FALSE;
    if (buf->len + n > EXTRACT_MAX_TEXT)
        n = EXTRACT_MAX_TEXT - buf->len;
    g_string_append_len(buf, text, (gssize)n);
    return buf->len < EXTRACT_MAX_TEXT;
}
