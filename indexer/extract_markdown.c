/* extract_markdown.c - Markdown files, and plain text files written in
 * Markdown (what Pandoc and the text exports of word processors give:
 * "# Séminaire", "**gras**", "[lien](mailto:...)").
 *
 * Read as plain text, their markup would reach the snippets and the
 * title ("author: ..." from a front matter, "**Contact**").  So the
 * front matter is read for what it says (front_matter.h), the rest is
 * rendered to HTML by cmark, the CommonMark reference parser, with the raw
 * HTML it holds kept as it is ("<sup>", a "<ul>" of a converted table),
 * and that page goes through the HTML extractor: its visible text, its
 * first heading as the title. */
#include "extract.h"
#include "front_matter.h"
#include "title.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* How many lines a text is judged on. */
#define SNIFF_LINES 400

/* Whether line (n bytes) is an ATX heading: 1 to 6 '#', then a space and
 * text ("# Séminaire"; not "#include", "#1"). */
static gboolean is_atx_heading(const char *line, gsize n)
{
    gsize hashes = 0;
    while (hashes < n && line[hashes] == '#')
        hashes++;
    return hashes >= 1 && hashes <= 6 && hashes + 1 < n && line[hashes] == ' ' &&
           line[hashes + 1] != ' ';
}

/* How many times needle is in the n bytes at s. */
static guint count_in(const char *s, gsize n, const char *needle)
{
    guint count = 0;
    gsize k = strlen(needle);
    for (const char *p = s; (p = memmem(p, (size_t)(n - (gsize)(p - s)), needle, k)) != NULL;
         p += k)
        count++;
    return count;
}

gboolean markdown_is_likely(const char *text)
{
    if (text == NULL)
        return FALSE;
    if (front_matter_length(text, strlen(text)) > 0)
        return TRUE;
    guint headings = 0, bold = 0, links = 0;
    const char *p = text;
    for (int lines = 0; *p != '\0' && lines < SNIFF_LINES; lines++) {
        const char *eol = strchr(p, '\n');
        gsize n = eol != NULL ? (gsize)(eol - p) : strlen(p);
        headings += is_atx_heading(p, n) ? 1 : 0;
        bold += count_in(p, n, "**") / 2;
        links += count_in(p, n, "](");
        p = eol != NULL ? eol + 1 : p + n;
    }
    /* two marks of two kinds, or several of one: a heading or two in a
     * text file may be a comment's '#', but not with bold and links */
    guint kinds = (headings > 0) + (bold > 0) + (links > 0);
    return (kinds >= 2 && headings + bold + links >= 3) || headings >= 3 || bold >= 3 ||
           links >= 3;
}

/* Pandoc's and LaTeX's superscripts ("1^{ère}", "1^er^") as plain text
 * ("1ère"): short marks only, so that a formula's braces stay. */
static char *drop_superscript_marks(const char *text, gsize len)
{
    GString *out = g_string_sized_new(len);
    for (gsize i = 0; i < len; i++) {
        if (text[i] == '^' && i + 1 < len && text[i + 1] == '{') {
            const char *close = memchr(text + i + 2, '}', MIN(len - i - 2, (gsize)12));
            if (close != NULL && memchr(text + i + 2, ' ', (size_t)(close - text - i - 2)) == NULL) {
                g_string_append_len(out, text + i + 2, close - text - i - 2);
                i = (gsize)(close - text);
                continue;
            }
        }
        g_string_append_c(out, text[i]);
    }
    return g_string_free(out, FALSE);
}

int extract_markdown_text(const char *text, const char *path, docmeta *out, verr *err)
{
    gsize len = strlen(text);
    gsize fm = front_matter_length(text, len);
    docmeta *front = fm > 0 ? docmeta_new() : NULL;
    if (front != NULL && !front_matter_read(text, fm, front)) {
        docmeta_free(front); /* a horizontal rule, not YAML: part of the text */
        front = NULL;
        fm = 0;
    }
    char *body = drop_superscript_marks(text + fm, len - fm);
    char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_UNSAFE);
    g_free(body);
    int rc = -1;
    if (html == NULL) {
        verr_set(err, VERR_NOMEM, "cmark", "mémoire insuffisante pour lire le Markdown");
        goto done;
    }
    char *page = g_strconcat("<html><head><meta charset=\"utf-8\"></head><body>", html,
                             "</body></html>", NULL);
    free(html);
    rc = extract_html_data(page, strlen(page), path, out, err);
    g_free(page);
    if (rc == 0 && front != NULL) {
        if (front->title != NULL && !title_is_useless(front->title, path))
            docmeta_set(&front->title_source, TITLE_SOURCE_METADATA);
        else
            docmeta_set(&front->title, NULL);
        if (out->summary != NULL)
            docmeta_set(&front->summary, NULL);
        docmeta_overlay(front, out);
        if (front->lang != NULL)
            docmeta_set(&out->lang, front->lang);
    }
done:
    if (front != NULL)
        docmeta_free(front);
    return rc;
}
