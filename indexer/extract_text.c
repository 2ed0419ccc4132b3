/* extract_text.c - plain text files in any common encoding.
 *
 * The encoding is detected (text.h: UTF-8, UTF-16 with BOM, otherwise
 * Windows-1252), never assumed.  A text written in Markdown (by its name,
 * or by its marks: markdown_is_likely) is read as Markdown
 * (extract_markdown.c); otherwise the title is left to title_settle
 * (title.h): the first line that is not boilerplate. */
#include "extract.h"
#include "text.h"

#include <string.h>

int extract_text(const char *path, docmeta *out, verr *err)
{
    char *raw = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    text_charset cs;

    if (!g_file_get_contents(path, &raw, &len, &gerr)) {
        verr_from_gerror(err, VERR_IO, gerr);
        g_clear_error(&gerr);
        return -1;
    }
    if (len > EXTRACT_MAX_TEXT)
        len = EXTRACT_MAX_TEXT;
    char *utf8 = text_to_utf8(raw, len, &cs);
    g_free(raw);
    docmeta_set(&out->charset, text_charset_name(cs));

    int rc = 0;
    if (!extract_is_table(out->mime != NULL ? out->mime : "", path) &&
        (g_strcmp0(out->mime, "text/markdown") == 0 || markdown_is_likely(utf8)))
        rc = extract_markdown_text(utf8, path, out, err);
    else
        docmeta_set(&out->text, utf8);
    g_free(utf8);
    return rc;
}
