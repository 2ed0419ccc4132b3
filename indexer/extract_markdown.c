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
#include "text.h"
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

/* The kinds of marks markdown_is_likely counts, besides headings. */
enum { MARK_HEADING, MARK_BOLD, MARK_LINK, MARK_SUPERSCRIPT, MARK_HTML, MARK_QUOTE, MARK_KINDS };

/* How many marks of each kind other than headings the line holds. */
static void count_marks(const char *line, guint marks[MARK_KINDS])
{
    static GRegex *re[MARK_KINDS];
    static const char *const patterns[MARK_KINDS] = {
        [MARK_BOLD] = "\\*\\*[^\\s*](?:[^*]*?[^\\s*])?\\*\\*", /* "**gras**", not "****" */
        [MARK_LINK] = "\\]\\([^)\\s]+\\)",                           /* "[texte](adresse)" */
        [MARK_SUPERSCRIPT] = "\\^\\{",                                  /* Pandoc's "1^{er}" */
        [MARK_HTML] = "<(?:ul|ol|li|sup|sub|br|div|span|table|tr|td|p|strong|em)[\\s>/]",
        [MARK_QUOTE] = "^> ",
    };
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        for (int k = 0; k < MARK_KINDS; k++)
            re[k] = patterns[k] != NULL ? g_regex_new(patterns[k], G_REGEX_OPTIMIZE, 0, NULL) : NULL;
        g_once_init_leave(&ready, 1);
    }
    for (int k = 0; k < MARK_KINDS; k++) {
        GMatchInfo *mi = NULL;
        if (re[k] != NULL && g_regex_match(re[k], line, 0, &mi))
            for (; g_match_info_matches(mi); g_match_info_next(mi, NULL))
                marks[k]++;
        g_match_info_free(mi);
    }
}

gboolean markdown_is_likely(const char *text)
{
    if (text == NULL)
        return FALSE;
    gsize fm = front_matter_length(text, strlen(text));
    if (fm > 0) {
        docmeta *scratch = docmeta_new();
        guint known = front_matter_read(text, fm, scratch);
        docmeta_free(scratch);
        if (known > 0)
            return TRUE;
    }
    guint marks[MARK_KINDS] = { 0 };
    gboolean after_blank = TRUE; /* the start of the text counts as a blank line */
    const char *p = text;
    char *line;
    for (int lines = 0; lines < SNIFF_LINES && (line = text_next_line(&p)) != NULL;
         lines++, g_free(line)) {
        gsize n = strlen(line);
        /* a heading stands after a blank line: runs of "# ..." lines are
         * a script's or a configuration's comments */
        if (is_atx_heading(line, n) && after_blank)
            marks[MARK_HEADING]++;
        count_marks(line, marks);
        after_blank = strspn(line, " \t\r") == n;
    }
    guint kinds = 0, total = 0;
    for (int k = 0; k < MARK_KINDS; k++) {
        kinds += marks[k] > 0 ? 1 : 0;
        total += marks[k];
    }
    /* marks of two kinds, three in all: one kind alone may be a plain
     * text's stars or comments */
    return kinds >= 2 && total >= 3;
}

/* Pandoc's and LaTeX's superscripts ("1^{ère}", "1^er^") as plain text
 * ("1ère"): short marks only, so that a formula's braces stay. */
static char *drop_superscript_marks(const char *text, gsize len)
{
    GString *out = g_string_sized_new(len);
    for (gsize i = 0; i < len; i++) {
        gboolean braces = text[i] == '^' && i + 1 < len && text[i + 1] == '{';
        gboolean carets = text[i] == '^' && i + 1 < len && text[i + 1] != '^';
        const char *from = text + i + (braces ? 2 : 1);
        const char *close = braces || carets
            ? memchr(from, braces ? '}' : '^', MIN(len - (gsize)(from - text), (gsize)11))
            : NULL;
        if (close != NULL && close > from && memchr(from, ' ', (size_t)(close - from)) == NULL &&
            memchr(from, '\n', (size_t)(close - from)) == NULL) {
            g_string_append_len(out, from, close - from);
            i = (gsize)(close - text);
            continue;
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
    if (front != NULL && front_matter_read(text, fm, front) == 0) {
        docmeta_free(front); /* text between two rules, not a front matter */
        front = NULL;
        fm = 0;
    }
    char *body = drop_superscript_marks(text + fm, len - fm);
    char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_UNSAFE);
    int rc = -1;
    if (html == NULL) {
        verr_set(err, VERR_NOMEM, "cmark", "mémoire insuffisante pour lire le Markdown");
        g_free(body);
        goto done;
    }
    char *page = g_strconcat("<html><head><meta charset=\"utf-8\"></head><body>", html,
                             "</body></html>", NULL);
    free(html);
    rc = extract_html_data(page, strlen(page), path, out, err);
    g_free(page);
    if (rc == 0 && text_count_letters(out->text) < text_count_letters(body) / 2) {
        /* raw HTML left open ("<!-- note", "<script>") hid the rest: the
         * text as it is loses less */
        docmeta_set(&out->text, body);
        docmeta_set(&out->title, NULL);
        docmeta_set(&out->title_source, NULL);
    }
    g_free(body);
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
