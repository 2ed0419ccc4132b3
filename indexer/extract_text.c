/* extract_text.c - plain text files in any common encoding.
 *
 * The encoding is detected (text.h: UTF-8, UTF-16 with BOM, otherwise
 * Windows-1252), never assumed.  The title is the first non-empty line
 * when it is short enough to be one. */
#include "extract.h"
#include "text.h"

#include <string.h>

#define TITLE_MAX 200

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

    const char *p = utf8;
    while (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r')
        p++;
    const char *eol = strchr(p, '\n');
    size_t n = eol != NULL ? (size_t)(eol - p) : strlen(p);
    if (n > 0 && n <= TITLE_MAX) {
        char *line = g_strndup(p, n);
        char *title = text_squash_space(line);
        docmeta_set(&out->title, title);
        g_free(title);
        g_free(line);
    }
    docmeta_set(&out->text, utf8);
    g_free(utf8);
    return 0;
}
