/* csv.c - a small RFC 4180 reader (csv.h). */
#include "csv.h"

#include <string.h>

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

static void record_free(gpointer p)
{
    csv_record *r = p;
    g_ptr_array_unref(r->fields);
    g_free(r);
}

void csv_table_free(csv_table *t)
{
    if (t == NULL)
        return;
    g_ptr_array_unref(t->records);
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

csv_table *csv_parse(const char *text, verr *err)
{
    csv_table *t = g_new0(csv_table, 1);
    GString *field = g_string_new(NULL);
    guint line = 1, quote_line = 0;
    gboolean quoted = FALSE, was_quoted = FALSE;

    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3;
    t->separator = detect_separator(text);
    t->records = g_ptr_array_new_with_free_func(record_free);
    csv_record *rec = record_new(line);

    for (const char *p = text;; p++) {
        char c = *p;
        if (quoted) {
            if (c == '\0') {
                verr_set(err, VERR_PARSE, "csv",
                         "ligne %u : guillemet ouvert jamais refermé", quote_line);
                record_free(rec);
                csv_table_free(t);
                t = NULL;
                goto cleanup;
            }
            if (c == '"' && p[1] == '"') {
                g_string_append_c(field, '"');
                p++;
            } else if (c == '"') {
                quoted = FALSE;
            } else {
                if (c == '\n')
                    line++;
                g_string_append_c(field, c);
            }
            continue;
        }
        if (c == '"' && field->len == 0 && !was_quoted) {
            quoted = was_quoted = TRUE;
            quote_line = line;
        } else if (c == t->separator) {
            g_ptr_array_add(rec->fields, g_string_free(field, FALSE));
            field = g_string_new(NULL);
            was_quoted = FALSE;
        } else if (c == '\n' || c == '\0') {
            if (field->len > 0 && field->str[field->len - 1] == '\r')
                g_string_truncate(field, field->len - 1);
            g_ptr_array_add(rec->fields, g_string_free(field, FALSE));
            field = g_string_new(NULL);
            was_quoted = FALSE;
            keep_record(t, rec);
            if (c == '\0')
                break;
            line++;
            rec = record_new(line);
        } else {
            g_string_append_c(field, c);
        }
    }
cleanup:
    g_string_free(field, TRUE);
    return t;
}
