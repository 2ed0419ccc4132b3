/* test_facet_columns.c - facet counting from in-memory columns counts what
 * Xapian's ValueCountMatchSpy counts (the way remote shards are counted),
 * and columns follow the index revision. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "facet_columns.h"
#include "testutil.h"

static const xap_slot SLOTS[] = { 7, 9 };

/* Document i: term "all", "even" for even i; slot 7 a set of themes,
 * slot 9 a year, some documents without one or the other. */
static void add_docs(xap_wdb *w, int from, int to)
{
    static const char *const themes[] = { "a|b", "b", "", "a|c", "c" };
    for (int i = from; i < to; i++) {
        xap_doc *d = xap_doc_new();
        char term[32], year[8];
        g_snprintf(term, sizeof term, "Qdoc%d", i);
        assert_int_equal(xap_doc_add_boolean_term(d, term, NULL), 0);
        assert_int_equal(xap_doc_add_boolean_term(d, "all", NULL), 0);
        if (i % 2 == 0)
            assert_int_equal(xap_doc_add_boolean_term(d, "even", NULL), 0);
        const char *t = themes[i % 5];
        if (*t != '\0')
            assert_int_equal(xap_doc_set_value(d, SLOTS[0], t, strlen(t), NULL), 0);
        if (i % 7 != 0) {
            g_snprintf(year, sizeof year, "%d", 2010 + i % 4);
            assert_int_equal(xap_doc_set_value(d, SLOTS[1], year, 4, NULL), 0);
        }
        assert_int_equal(xap_wdb_replace(w, term, d, NULL, NULL), 0);
        xap_doc_free(d);
    }
    assert_int_equal(xap_wdb_commit(w, NULL), 0);
}

static int collect(const char *value, size_t len, unsigned freq, void *ud)
{
    GString *out = ud;
    g_string_append_printf(out, "%.*s=%u;", (int)len, value, freq);
    return 0;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the "value=count;" entries of list in byte order, then "|";
 * frees list. */
static void append_sorted(GString *out, GString *list)
{
    char **parts = g_strsplit(list->str, ";", -1);
    guint n = g_strv_length(parts);
    qsort(parts, n, sizeof *parts, by_text);
    for (guint p = 0; p < n; p++)
        if (*parts[p] != '\0')
            g_string_append_printf(out, "%s;", parts[p]);
    g_string_append(out, "|");
    g_strfreev(parts);
    g_string_free(list, TRUE);
}

/* "value=count;" for each slot, by both ways of counting, over term. */
static void count_both(xap_db *db, const char *key, const char *term, GString **by_spy,
                       GString **by_columns)
{
    unsigned long long rev = 0;
    assert_int_equal(xap_db_revision(db, &rev, NULL), 0);
    facet_columns *cols = facet_columns_get(db, key, rev, SLOTS, 2, NULL);
    assert_non_null(cols);
    facet_tally *tally = facet_tally_new(cols);
    xap_docid_spy *dspy = xap_docid_spy_new(facet_tally_add, tally, NULL);
    xap_spy *spies[2] = { xap_spy_new(SLOTS[0], NULL), xap_spy_new(SLOTS[1], NULL) };
    xap_enquire *enq = xap_enquire_new(db, NULL);
    xap_query *q = xap_query_term(term, 1, NULL);
    assert_int_equal(xap_enquire_set_query(enq, q, NULL), 0);
    assert_int_equal(xap_enquire_add_docid_spy(enq, dspy, NULL), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(xap_enquire_add_spy(enq, spies[i], NULL), 0);
    unsigned doccount = 0;
    xap_db_doccount(db, &doccount, NULL);
    xap_mset *ms = NULL;
    assert_int_equal(xap_enquire_mset(enq, 0, 3, doccount, &ms, NULL), 0);
    *by_spy = g_string_new(NULL);
    *by_columns = g_string_new(NULL);
    for (int i = 0; i < 2; i++) {
        GString *theirs = g_string_new(NULL), *mine = g_string_new(NULL);
        assert_int_equal(xap_spy_values(spies[i], 0, collect, theirs, NULL), 0);
        assert_int_equal(facet_tally_values(tally, (size_t)i, collect, mine), 0);
        append_sorted(*by_spy, theirs);
        append_sorted(*by_columns, mine);
    }
    xap_mset_free(ms);
    xap_query_free(q);
    xap_enquire_free(enq);
    for (int i = 0; i < 2; i++)
        xap_spy_free(spies[i]);
    xap_docid_spy_free(dspy);
    facet_tally_free(tally);
    facet_columns_unref(cols);
}

static void test_same_counts_as_spies(void **state)
{
    (void)state;
    char *dir = test_tmpdir("veille-columns-XXXXXX");
    xap_wdb *w = xap_wdb_open(dir, 1, NULL);
    add_docs(w, 0, 200);
    xap_db *db = xap_wdb_db(w);
    static const char *const terms[] = { "all", "even", "none" };
    for (size_t t = 0; t < G_N_ELEMENTS(terms); t++) {
        GString *spy, *cols;
        count_both(db, dir, terms[t], &spy, &cols);
        assert_string_equal(cols->str, spy->str);
        if (strcmp(terms[t], "all") == 0)
            assert_non_null(strstr(spy->str, "a|b=40;")); /* the test sees something */
        g_string_free(spy, TRUE);
        g_string_free(cols, TRUE);
    }

    /* a commit: the columns of the new revision count the new documents */
    add_docs(w, 200, 260);
    assert_int_equal(xap_db_reopen(db, NULL, NULL), 0);
    GString *spy, *cols;
    count_both(db, dir, "all", &spy, &cols);
    assert_string_equal(cols->str, spy->str);
    assert_non_null(strstr(spy->str, "a|b=52;"));
    g_string_free(spy, TRUE);
    g_string_free(cols, TRUE);

    /* the same revision hands out the same columns */
    unsigned long long rev = 0;
    assert_int_equal(xap_db_revision(db, &rev, NULL), 0);
    facet_columns *a = facet_columns_get(db, dir, rev, SLOTS, 2, NULL);
    facet_columns *b = facet_columns_get(db, dir, rev, SLOTS, 2, NULL);
    assert_ptr_equal(a, b);
    facet_columns_unref(a);
    facet_columns_unref(b);

    xap_wdb_free(w);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_counts_as_spies),
    };
    return cmocka_run_group_tests_name("facet_columns", tests, NULL, NULL);
}
