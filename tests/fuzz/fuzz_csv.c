/* fuzz_csv.c - the CSV reader (lib/csv.c) on any bytes, made UTF-8 as the
 * catalogue makes them.  Checks: records and skipped records come in line
 * order, each on its own line; and the records written back with every
 * field quoted read back the same, with nothing skipped. */
#include "fuzzutil.h"
#include "csv.h"
#include "text.h"

#include <string.h>

static void check_lines(const csv_table *t)
{
    guint last_record = 0, last_problem = 0;
    for (guint i = 0; i < t->records->len; i++) {
        const csv_record *r = g_ptr_array_index(t->records, i);
        FUZZ_CHECK(r->line > last_record, "record %u on line %u after line %u", i, r->line,
                   last_record);
        FUZZ_CHECK(r->fields->len > 0, "record on line %u without a field", r->line);
        last_record = r->line;
        for (guint j = 0; j < t->problems->len; j++)
            FUZZ_CHECK(((const csv_problem *)g_ptr_array_index(t->problems, j))->line != r->line,
                       "line %u both read and skipped", r->line);
    }
    for (guint i = 0; i < t->problems->len; i++) {
        const csv_problem *p = g_ptr_array_index(t->problems, i);
        FUZZ_CHECK(p->line > last_problem, "problem on line %u after line %u", p->line,
                   last_problem);
        fuzz_check_utf8("problem", p->reason);
        last_problem = p->line;
    }
}

static char *write_back(const csv_table *t)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < t->records->len; i++) {
        const csv_record *r = g_ptr_array_index(t->records, i);
        for (guint f = 0; f < r->fields->len; f++) {
            if (f > 0)
                g_string_append_c(out, t->separator);
            g_string_append_c(out, '"');
            for (const char *c = g_ptr_array_index(r->fields, f); *c != '\0'; c++) {
                if (*c == '"')
                    g_string_append_c(out, '"');
                g_string_append_c(out, *c);
            }
            g_string_append_c(out, '"');
        }
        g_string_append(out, i % 2 == 0 ? "\r\n" : "\n");
    }
    return g_string_free(out, FALSE);
}

static void check_round_trip(const csv_table *t)
{
    if (t->records->len == 0)
        return;
    /* a header of one field has no separator to detect */
    const csv_record *header = g_ptr_array_index(t->records, 0);
    if (header->fields->len < 2 && t->separator != ',')
        return;
    char *text = write_back(t);
    csv_table *again = csv_parse(text);
    FUZZ_CHECK(again->separator == t->separator, "separator %c read back as %c", t->separator,
               again->separator);
    FUZZ_CHECK(again->problems->len == 0, "written back, line %u is skipped: %s",
               again->problems->len > 0
                   ? ((const csv_problem *)g_ptr_array_index(again->problems, 0))->line : 0,
               again->problems->len > 0
                   ? ((const csv_problem *)g_ptr_array_index(again->problems, 0))->reason : "");
    FUZZ_CHECK(again->records->len == t->records->len, "%u records read back as %u",
               t->records->len, again->records->len);
    for (guint i = 0; i < t->records->len; i++) {
        const csv_record *a = g_ptr_array_index(t->records, i), *b = g_ptr_array_index(again->records, i);
        FUZZ_CHECK(a->fields->len == b->fields->len, "record %u: %u fields read back as %u", i,
                   a->fields->len, b->fields->len);
        for (guint f = 0; f < a->fields->len; f++)
            FUZZ_CHECK(strcmp(g_ptr_array_index(a->fields, f), g_ptr_array_index(b->fields, f)) == 0,
                       "record %u field %u: \"%s\" read back as \"%s\"", i, f,
                       (char *)g_ptr_array_index(a->fields, f), (char *)g_ptr_array_index(b->fields, f));
    }
    csv_table_free(again);
    g_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = text_to_utf8((const char *)data, size, NULL);
    csv_table *t = csv_parse(text);
    check_lines(t);
    check_round_trip(t);
    csv_table_free(t);
    g_free(text);
    return 0;
}
