/* test_xapian_c.c - the C shim over Xapian: indexing, searching, facets,
 * and every error path turning into a status, never an exception. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "xapian-c/xapian_c.h"

static char *make_tmpdir(void) { return test_tmpdir("veille-test-XXXXXX"); }

static void rm_rf(const char *dir) { assert_int_equal(test_rmtree(dir), 0); }

/* Adds a document with unique term Q<id>, body text and a year value. */
static void add_doc(xap_wdb *w, const char *id, const char *text, const char *year)
{
    verr err;
    xap_doc *d = xap_doc_new();
    xap_termgen *tg = xap_termgen_new(&err);
    xap_stem *stem = xap_stem_new("french", &err);
    char *q = g_strdup_printf("Q%s", id);

    assert_int_equal(xap_termgen_set_stemmer(tg, stem, &err), 0);
    assert_int_equal(xap_termgen_set_document(tg, d, &err), 0);
    assert_int_equal(xap_termgen_index(tg, text, strlen(text), 1, "", &err), 0);
    assert_int_equal(xap_doc_add_boolean_term(d, q, &err), 0);
    assert_int_equal(xap_doc_set_value(d, 2, year, strlen(year), &err), 0);
    assert_int_equal(xap_doc_set_data(d, text, strlen(text), &err), 0);
    assert_int_equal(xap_wdb_replace(w, q, d, NULL, &err), 0);
    g_free(q);
    xap_stem_free(stem);
    xap_termgen_free(tg);
    xap_doc_free(d);
}

static void test_index_and_search(void **state)
{
    (void)state;
    verr err;
    char *dir = make_tmpdir();
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    assert_non_null(w);
    add_doc(w, "a", "sante mentale des jeunes", "2012");
    add_doc(w, "b", "nutrition et activite physique", "2013");
    add_doc(w, "c", "conseils locaux de sante mentale", "2013");
    add_doc(w, "a", "sante mentale des adolescents", "2012"); /* replaces a */
    assert_int_equal(xap_wdb_commit(w, &err), 0);

    xap_db *db = xap_db_open(dir, &err);
    assert_non_null(db);
    unsigned n = 0;
    assert_int_equal(xap_db_doccount(db, &n, &err), 0);
    assert_int_equal(n, 3);

    xap_qparser *qp = xap_qparser_new(&err);
    xap_stem *stem = xap_stem_new("french", &err);
    xap_qparser_set_stemmer(qp, stem, &err);
    xap_qparser_set_database(qp, db, &err);
    xap_query *q = NULL;
    assert_int_equal(xap_qparser_parse(qp, "\"sante mentale\"", XAP_QP_DEFAULT, &q, &err), 0);

    xap_enquire *enq = xap_enquire_new(db, &err);
    xap_spy *spy = xap_spy_new(2, &err);
    xap_enquire_set_query(enq, q, &err);
    xap_enquire_add_spy(enq, spy, &err);
    xap_mset *ms = NULL;
    assert_int_equal(xap_enquire_mset(enq, 0, 10, n, &ms, &err), 0);
    assert_int_equal(xap_mset_size(ms), 2);
    unsigned lower, est, upper;
    xap_mset_estimates(ms, &lower, &est, &upper);
    assert_int_equal(lower, 2);
    assert_int_equal(upper, 2);
    assert_int_equal(xap_spy_total(spy), 2);

    xap_doc *d = NULL;
    char *data = NULL;
    assert_int_equal(xap_mset_document(ms, 0, &d, &err), 0);
    assert_int_equal(xap_doc_get_data(d, &data, NULL, &err), 0);
    assert_non_null(strstr(data, "sante mentale"));
    assert_null(strstr(data, "jeunes")); /* replaced, not added */
    free(data);
    xap_doc_free(d);

    /* stemming: "adolescent" finds "adolescents" */
    xap_query *q2 = NULL;
    xap_mset *ms2 = NULL;
    assert_int_equal(xap_qparser_parse(qp, "adolescent", XAP_QP_DEFAULT, &q2, &err), 0);
    xap_enquire_set_query(enq, q2, &err);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms2, &err), 0);
    assert_int_equal(xap_mset_size(ms2), 1);

    /* out of range item is an error, not a crash */
    assert_int_not_equal(xap_mset_item(ms2, 5, NULL, NULL, NULL, &err), 0);
    assert_int_equal(err.code, VERR_INVALID);

    xap_mset_free(ms2);
    xap_query_free(q2);
    xap_mset_free(ms);
    xap_spy_free(spy);
    xap_enquire_free(enq);
    xap_query_free(q);
    xap_qparser_free(qp);
    xap_stem_free(stem);
    xap_db_free(db);
    xap_wdb_free(w);
    rm_rf(dir);
    g_free(dir);
}

static int count_term(const char *term, size_t len, unsigned freq, void *ud)
{
    (void)term; (void)len; (void)freq;
    (*(int *)ud)++;
    return 0;
}

static void test_metadata_terms_values(void **state)
{
    (void)state;
    verr err;
    char *dir = make_tmpdir();
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    add_doc(w, "x", "diagnostic local", "2014");
    add_doc(w, "y", "diagnostic partage", "2015");
    assert_int_equal(xap_wdb_set_metadata(w, "veille:k1", "v1", &err), 0);
    assert_int_equal(xap_wdb_set_metadata(w, "veille:k2", "v2", &err), 0);
    assert_int_equal(xap_wdb_commit(w, &err), 0);

    xap_db *db = xap_wdb_db(w);
    int n = 0;
    assert_int_equal(xap_db_allterms(db, "Q", count_term, &n, &err), 0);
    assert_int_equal(n, 2);
    char *v = NULL;
    assert_int_equal(xap_db_get_metadata(db, "veille:k2", &v, &err), 0);
    assert_string_equal(v, "v2");
    free(v);
    assert_int_equal(xap_db_get_metadata(db, "absent", &v, &err), 0);
    assert_string_equal(v, "");
    free(v);
    xap_docid id = 0;
    assert_int_equal(xap_db_find_term(db, "Qy", &id, &err), 0);
    assert_int_equal(xap_db_find_term(db, "Qnope", &id, &err), 1);
    assert_int_equal(err.code, VERR_NOTFOUND);
    assert_int_equal(xap_wdb_delete(w, "Qx", &err), 0);
    assert_int_equal(xap_wdb_commit(w, &err), 0);
    unsigned count = 0;
    xap_db_doccount(db, &count, &err);
    assert_int_equal(count, 1);

    /* a document that does not exist */
    xap_doc *d = NULL;
    assert_int_not_equal(xap_db_get_document(db, 999, &d, &err), 0);
    assert_int_equal(err.code, VERR_NOTFOUND);
    assert_string_equal(err.cls, "DocNotFoundError");
    assert_null(d);

    xap_wdb_free(w);
    rm_rf(dir);
    g_free(dir);
}

static void test_missing_database(void **state)
{
    (void)state;
    verr err;
    verr_clear(&err);
    xap_db *db = xap_db_open("/nonexistent/veille/index", &err);
    assert_null(db);
    assert_int_equal(err.code, VERR_NOTFOUND);
    assert_true(strlen(err.msg) > 0);
    assert_null(xap_wdb_open("/nonexistent/veille/index", 0, &err));
    assert_int_equal(err.code, VERR_NOTFOUND);
}

static void test_locked_database(void **state)
{
    (void)state;
    verr err;
    char *dir = make_tmpdir();
    xap_wdb *w1 = xap_wdb_open(dir, 1, &err);
    assert_non_null(w1);
    xap_wdb *w2 = xap_wdb_open(dir, 1, &err);
    assert_null(w2);
    assert_int_equal(err.code, VERR_LOCKED);
    assert_string_equal(err.cls, "DatabaseLockError");
    xap_wdb_free(w1);
    rm_rf(dir);
    g_free(dir);
}

static void test_malformed_query(void **state)
{
    (void)state;
    verr err;
    xap_qparser *qp = xap_qparser_new(&err);
    xap_query *q = NULL;
    int rc = xap_qparser_parse(qp, "sante AND", XAP_QP_DEFAULT, &q, &err);
    assert_int_not_equal(rc, 0);
    assert_null(q);
    assert_int_equal(err.code, VERR_PARSE);
    assert_string_equal(err.cls, "QueryParserError");
    assert_int_not_equal(xap_qparser_parse(qp, NULL, 0, &q, &err), 0);
    assert_int_equal(err.code, VERR_INVALID);
    xap_qparser_free(qp);

    /* an unknown stemmer */
    assert_null(xap_stem_new("klingon", &err));
    assert_int_equal(err.code, VERR_INVALID);
}

static void test_closed_database(void **state)
{
    (void)state;
    verr err;
    char *dir = make_tmpdir();
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    add_doc(w, "z", "habitat indigne", "2016");
    xap_wdb_commit(w, &err);
    xap_db *db = xap_db_open(dir, &err);
    assert_non_null(db);
    xap_db_close(db);
    unsigned n = 0;
    int rc = xap_db_doccount(db, &n, &err);
    xap_docid id;
    if (rc == 0) /* doccount may be cached; a lookup must touch the tables */
        rc = xap_db_find_term(db, "Qz", &id, &err);
    assert_int_not_equal(rc, 0);
    assert_int_equal(err.code, VERR_INVALID);
    xap_db_free(db);
    xap_wdb_free(w);
    rm_rf(dir);
    g_free(dir);
}

static void test_query_building(void **state)
{
    (void)state;
    verr err;
    xap_query *a = xap_query_term("XTHsante-mentale", 1, &err);
    xap_query *b = xap_query_term("XREoccitanie", 1, &err);
    xap_query *subs[] = { a, b };
    xap_query *and = xap_query_combine(XAP_OP_AND, subs, 2, &err);
    char *desc = NULL;
    assert_int_equal(xap_query_describe(and, &desc, &err), 0);
    assert_non_null(strstr(desc, "XTHsante-mentale AND XREoccitanie"));
    free(desc);
    xap_query *empty = xap_query_combine(XAP_OP_OR, NULL, 0, &err);
    assert_true(xap_query_is_empty(empty));
    xap_query *range = xap_query_value_range(0, "20120101", "20121231", &err);
    assert_non_null(range);
    xap_query_free(range);
    xap_query_free(empty);
    xap_query_free(and);
    xap_query_free(a);
    xap_query_free(b);
}

/* Match sets from posting lists stop at their deadline: the caller then
 * counts with the matcher. */
static void test_docset_deadline(void **state)
{
    (void)state;
    verr err;
    char *dir = make_tmpdir();
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    assert_non_null(w);
    for (int i = 0; i < 3000; i++) {
        char id[16];
        g_snprintf(id, sizeof id, "d%d", i);
        add_doc(w, id, i % 2 ? "sante mentale" : "nutrition", "2012");
    }
    assert_int_equal(xap_wdb_commit(w, &err), 0);
    xap_db *db = xap_db_open(dir, &err);
    xap_query *q = xap_query_term("sante", 1, &err);
    size_t n = 3001 / 64 + 1;
    uint64_t *bits = g_new0(uint64_t, n);
    assert_int_equal(xap_query_docset(db, q, bits, n, 0, &err), 0);   /* no deadline */
    unsigned set = 0;
    for (size_t i = 0; i < n; i++)
        set += (unsigned)__builtin_popcountll(bits[i]);
    assert_int_equal(set, 1500);
    gint64 now = g_get_monotonic_time();
    assert_int_equal(xap_query_docset(db, q, bits, n, now + 60 * G_USEC_PER_SEC, &err), 0);
    assert_int_equal(xap_query_docset(db, q, bits, n, now - 1, &err), 1); /* past it */
    g_free(bits);
    xap_query_free(q);
    xap_db_free(db);
    xap_wdb_free(w);
    rm_rf(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_and_search),
        cmocka_unit_test(test_metadata_terms_values),
        cmocka_unit_test(test_missing_database),
        cmocka_unit_test(test_locked_database),
        cmocka_unit_test(test_malformed_query),
        cmocka_unit_test(test_closed_database),
        cmocka_unit_test(test_query_building),
        cmocka_unit_test(test_docset_deadline),
    };
    return cmocka_run_group_tests_name("xapian_c", tests, NULL, NULL);
}
