/* extract_rtf.c - Rich Text Format, through Debian's unrtf.
 *
 * unrtf --html turns the file into a UTF-8 HTML page (its characters as
 * entities, whatever the RTF's code page) with the RTF's title and author
 * in the head; it runs without a shell under the helper-program time
 * limit (tool_run.h), and the page goes through the HTML extractor.
 * unrtf writes the keywords as bare text inside the head and the
 * creation date as a comment: the first is dropped before parsing, the
 * second read here. */
#include "extract.h"
#include "tool_run.h"

#include <stdio.h>
#include <string.h>

/* Drops the lines of the head that are not markup (unrtf's keywords),
 * which an HTML parser would take for the start of the body. */
static void drop_bare_head_lines(GString *page)
{
    char *head_end = strstr(page->str, "</head>");
    if (head_end == NULL)
        return;
    gsize end = (gsize)(head_end - page->str);
    GString *out = g_string_sized_new(page->len);
    gboolean in_comment = FALSE; /* a comment may span lines: keep them all */
    for (gsize pos = 0; pos < end;) {
        const char *nl = memchr(page->str + pos, '\n', end - pos);
        gsize stop = nl != NULL ? (gsize)(nl - page->str) + 1 : end;
        const char *line = page->str + pos, *line_end = page->str + stop;
        const char *tag = memchr(line, '<', (gsize)(line_end - line));
        if (in_comment)
            g_string_append_len(out, line, (gssize)(line_end - line));
        else if (tag != NULL) /* markup; a bare text line that ends with markup keeps that */
            g_string_append_len(out, tag, (gssize)(line_end - tag));
        const char *open = g_strrstr_len(line, (gssize)(line_end - line), "<!--");
        const char *close = g_strrstr_len(line, (gssize)(line_end - line), "-->");
        if (open != NULL && (close == NULL || close < open))
            in_comment = TRUE;
        else if (close != NULL)
            in_comment = FALSE;
        pos = stop;
    }
    g_string_append(out, page->str + end);
    g_string_assign(page, out->str);
    g_string_free(out, TRUE);
}

/* The date of unrtf's "<!--creation date: 17 November 2016 -->" in the
 * head, as "YYYY-MM-DD", or NULL. */
static char *creation_date(const char *page)
{
    static const char *const months[] = { "January", "February", "March", "April", "May",
                                          "June", "July", "August", "September", "October",
                                          "November", "December" };
    const char *head_end = strstr(page, "</head>");
    const char *p = head_end != NULL ? g_strstr_len(page, head_end - page, "creation date:") : NULL;
    char month[16];
    int day, year;
    if (p == NULL || sscanf(p, "creation date: %d %15s %d", &day, month, &year) != 3)
        return NULL;
    for (int m = 0; m < 12; m++)
        if (strcmp(month, months[m]) == 0 && day >= 1 && day <= 31 && year > 1900 &&
            year < 3000)
            return g_strdup_printf("%04d-%02d-%02d", year, m + 1, day);
    return NULL;
}

static gboolean has_words(const char *s)
{
    for (const char *p = s; p != NULL && *p != '\0'; p = g_utf8_next_char(p))
        if (g_unichar_isalnum(g_utf8_get_char(p)))
            return TRUE;
    return FALSE;
}

int extract_rtf(const char *path, docmeta *out, verr *err)
{
    /* --nopict: unrtf would write each picture to a file in its working folder */
    const char *const argv[] = { "unrtf", "--nopict", "--html", path, NULL };
    tool_output res;
    if (tool_run(argv, extract_current_options()->tool_s * 1000u, EXTRACT_MAX_TEXT, &res,
                 err) != 0)
        return -1;
    drop_bare_head_lines(res.out);
    int rc = extract_html_data(res.out->str, res.out->len, path, out, err);
    if (rc == 0 && !has_words(out->text) && !has_words(out->title)) {
        verr_set(err, VERR_PARSE, "rtf", "RTF sans texte lisible");
        rc = -1;
    }
    char *date = rc == 0 && out->date == NULL ? creation_date(res.out->str) : NULL;
    if (date != NULL)
        docmeta_set(&out->date, date);
    g_free(date);
    tool_output_free(&res);
    return rc;
}
