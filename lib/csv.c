/* csv.c - a small RFC 4180 reader (csv.h).  Where each quoted field ends
 * is looked up in a table computed once over the text (close_table), so a
 * broken quote, which sends reading back to the line after its record's
 * first, costs no new scan of the rest of the text. */
#include "csv.h"
#include "text.h"

#include <string.h>

typedef struct {
    const char *text;   /* after the BOM */
    gsize len;
    gsize *close_at;    /* offset -> first lone quote from there ("" pairs skipped), or len;
                         * NULL when the text has no quote */
    char sep;
} reader;

static char detect_separator(const char *text)
{
    size_t semi = 0, comma = 0;
    gboolean quoted = FALSE;
    for (const char *p = text; *p != '\0' && (*p != '\n' || quoted); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == ';')
            semi++;
        else if (!quoted && *p == ',')
            comma++;
    }
    return semi >= comma && semi > 0 ? ';' : ',';
}

/* close_at of reader: filled from the end, since a "" pair continues to
 * wherever reading from just after it ends. */
static gsize *close_table(const char *s, gsize len)
{
    gsize *at = g_new(gsize, len + 1);
    at[len] = len;
    for (gsize i = len; i-- > 0;) {
        if (s[i] != '"')
            at[i] = at[i + 1];
        else if (i + 1 < len && s[i + 1] == '"')
            at[i] = at[i + 2];
        else
            at[i] = i;
    }
    return at;
}

static void record_free(gpointer p)
{
    csv_record *r = p;
    g_ptr_array_unref(r->fields);
    g_free(r);
}

static void problem_free(gpointer p)
{
    csv_problem *pb = p;
    g_free(pb->reason);
    g_free(pb);
}

void csv_table_free(csv_table *t)
{
    if (t == NULL)
        return;
    g_ptr_array_unref(t->records);
    g_ptr_array_unref(t->problems);
    g_free(t);
}

/* Keeps a record unless every field is empty. */
static void keep_record(csv_table *t, csv_record *r)
{
    for (guint i = 0; i < r->fields->len; i++) {
        if (*(const char *)g_ptr_array_index(r->fields, i) != '\0') {
            g_ptr_array_add(t->records, r);
            return;
        }
    }
    record_free(r);
}

static csv_record *record_new(guint line)
{
    csv_record *r = g_new0(csv_record, 1);
    r->line = line;
    r->fields = g_ptr_array_new_with_free_func(g_free);
    return r;
}

/* Whether a field may end at offset i: separator, line end or end of text. */
static gboolean at_field_end(const reader *r, gsize i)
{
    const char *s = r->text;
    return i >= r->len || s[i] == r->sep || s[i] == '\n' ||
           (s[i] == '\r' && (i + 1 >= r->len || s[i + 1] == '\n'));
}

/* Why the quoted field opening at offset open is broken (French, caller
 * frees), quoting the start of the cell. */
static char *broken_quote(const reader *r, gsize open, gboolean unclosed)
{
    const char *cell = r->text + open + 1;
    char *start = g_strchomp(g_strndup(cell, MIN(strcspn(cell, "\r\n"), (size_t)120)));
    gboolean cut = strlen(start) > 40;
    text_truncate_utf8(start, 40);
    char *why = g_strdup_printf(unclosed ? "guillemet ouvert jamais refermé : « %s%s »"
                                         : "guillemet isolé dans une cellule entre guillemets : "
                                           "« %s%s » (un guillemet s'y écrit \"\")",
                                start, cut ? "…" : "");
    g_free(start);
    return why;
}

/* Reads one field at *i (a field start); appends it to rec and moves *i
 * to the character that ends it, counting line breaks in *line.  FALSE
 * with *why (French, caller frees) when its quoting is broken. */
static gboolean read_field(const reader *r, gsize *i, guint *line, csv_record *rec, char **why)
{
    const char *s = r->text;
    GString *field = g_string_new(NULL);
    gsize k = *i;

    if (k < r->len && s[k] == '"') {
        gsize close = r->close_at[k + 1], after = close + 1;
        while (after < r->len && (s[after] == ' ' || s[after] == '\t'))
            after++;
        if (close >= r->len || !at_field_end(r, after)) {
            /* a line break inside means the quote opened here was left open */
            gboolean unclosed = close >= r->len || memchr(s + k, '\n', close - k) != NULL;
            *why = broken_quote(r, k, unclosed);
            g_string_free(field, TRUE);
            return FALSE;
        }
        for (k++; k < close; k++) {
            if (s[k] == '"')
                k++; /* the first of a "" pair */
            else if (s[k] == '\n')
                (*line)++;
            g_string_append_c(field, s[k]);
        }
        k = after < r->len && s[after] == '\r' ? after + 1 : after;
    } else {
        while (k < r->len && s[k] != r->sep && s[k] != '\n')
            g_string_append_c(field, s[k++]);
        if (field->len > 0 && field->str[field->len - 1] == '\r' && s[k] != r->sep)
            g_string_truncate(field, field->len - 1);
    }
    g_ptr_array_add(rec->fields, g_string_free(field, FALSE));
    *i = k;
    return TRUE;
}

/* Reads the record at offset *pos, which starts on line *line; returns it
 * and moves *pos and *line past it.  NULL with *why (French, caller frees)
 * when its quoting is broken; *pos and *line are then left as they were. */
static csv_record *read_record(const reader *r, gsize *pos, guint *line, char **why)
{
    csv_record *rec = record_new(*line);
    gsize i = *pos;
    guint l = *line;

    for (;;) {
        if (!read_field(r, &i, &l, rec, why)) {
            record_free(rec);
            return NULL;
        }
        if (i >= r->len)
            break;
        if (r->text[i++] == '\n') {
            l++;
            break;
        }
    }
    *pos = i;
    *line = l;
    return rec;
}

csv_table *csv_parse(const char *text)
{
    csv_table *t = g_new0(csv_table, 1);
    reader r = { 0 };

    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3;
    r.text = text;
    r.len = strlen(text);
    r.sep = t->separator = detect_separator(text);
    r.close_at = strchr(text, '"') != NULL ? close_table(text, r.len) : NULL;
    t->records = g_ptr_array_new_with_free_func(record_free);
    t->problems = g_ptr_array_new_with_free_func(problem_free);

    gsize pos = 0;
    guint line = 1;
    while (pos < r.len) {
        char *why = NULL;
        csv_record *rec = read_record(&r, &pos, &line, &why);
        if (rec != NULL) {
            keep_record(t, rec);
            continue;
        }
        csv_problem *p = g_new(csv_problem, 1);
        p->line = line;
        p->reason = why;
        g_ptr_array_add(t->problems, p);
        /* read again from the next line: the rows a runaway quote took */
        const char *nl = memchr(text + pos, '\n', r.len - pos);
        pos = nl != NULL ? (gsize)(nl - text) + 1 : r.len;
        line++;
    }
    g_free(r.close_at);
    return t;
}
