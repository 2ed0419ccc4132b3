/* test_query.c - a search's query text and filters: folding keeps the
 * boolean operators, widens plain plurals to their singular (one rule,
 * text_singular), drops stop words but beside an operator or in quotes,
 * leaves words beside NEAR and ADJ as typed; date bounds in the index's
 * form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "query.h"

static void test_fold(void **state)
{
    (void)state;
    static const struct { const char *q, *folded; } rows[] = {
        { "Santé Mentale", "sante mentale" },
        /* operators kept, in capitals only */
        { "santé AND NOT jeunes", "sante AND NOT (jeunes OR jeune)" },
        { "or and", "or and" },
        /* plurals widened, with the one plural rule */
        { "comptes rendus", "(comptes OR compte) (rendus OR rendu)" },
        { "locaux", "(locaux OR local)" },
        { "réseaux locaux", "(reseaux OR reseau) (locaux OR local)" },
        { "travaux", "(travaux OR traval)" },
        { "titre:guides", "titre:guides" },          /* not a plain word */
        /* stop words dropped, but beside an operator ("santé OR" would be
         * a syntax error), alone or in brackets */
        { "accès aux soins", "(acces OR acce)  (soins OR soin)" },
        { "SANTE ET AUX DROITS", "sante   (droits OR droit)" },
        { "santé OR avec", "sante OR avec" },
        { "les OR avec", "les OR avec" },
        { "(avec)", "(avec)" },
        /* a bracket that closes nothing, or a group of a stop word alone,
         * would find nothing: « payante (si » is an aside */
        { "payante (si", "payante " },
        { "payante (si)", "payante " },
        { "payante) de", "payante " },
        { "payante (si santé)", "payante ( sante)" },
        { "(santé OR nutrition", "sante OR nutrition" },
        { "\"(cls\" santé", "\"(cls\" sante" },
        { "les", "les" },                            /* stop words only: folded whole */
        { "le la", "le la" },
        /* quotes and proximity: as typed, folded */
        { "\"comptes rendus\"", "\"comptes rendus\"" },
        { "habitat NEAR logements", "habitat NEAR logements" },
        { "habitat NEAR/3 logements", "habitat NEAR/3 logements" },
        { "logements ADJ indignes", "logements ADJ indignes" },
        { "NEARBY des gens", "nearby  (gens OR gen)" }, /* a word, not NEAR */
        { "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *f = query_fold(rows[i].q, TRUE);
        if (strcmp(f, rows[i].folded) != 0)
            fail_msg("\"%s\" folds to \"%s\", not \"%s\"", rows[i].q, f, rows[i].folded);
        g_free(f);
    }
    /* the query whose spelling is corrected keeps the words as typed,
     * stop words too (the correction is shown as the user would type it) */
    char *f = query_fold("comptes rendus des travaux", FALSE);
    assert_string_equal(f, "comptes rendus des travaux");
    g_free(f);
}

static void test_plain_words(void **state)
{
    (void)state;
    assert_true(query_plain_words("accès aux soins"));
    assert_true(query_plain_words("l'ACS existe-t-elle encore ?")); /* a hyphen inside a word */
    assert_false(query_plain_words("soins"));                        /* one word */
    assert_false(query_plain_words("\"accès aux soins\""));
    assert_false(query_plain_words("santé -mentale"));
    assert_false(query_plain_words("santé +mentale"));
    assert_false(query_plain_words("santé NOT mentale"));
    assert_false(query_plain_words("titre:guide nutrition"));
    assert_false(query_plain_words("(santé mentale)"));
    assert_false(query_plain_words("sant* mentale"));
}

static void test_date_bounds(void **state)
{
    (void)state;
    static const struct { const char *date; gboolean upper; const char *bound; } rows[] = {
        { "2012", FALSE, "20120000" }, { "2012", TRUE, "20129999" },
        { "2012-03", FALSE, "20120300" }, { "2012-03", TRUE, "20120399" },
        { "2012-03-05", FALSE, "20120305" }, { "2012-03-05", TRUE, "20120305" },
        { "2012-3-5", FALSE, "20120305" },
        { "hier", FALSE, NULL }, { "999", FALSE, NULL }, { "0999", TRUE, NULL },
        { "", FALSE, NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *b = query_date_bound(rows[i].date, rows[i].upper);
        if (g_strcmp0(b, rows[i].bound) != 0)
            fail_msg("\"%s\" (%s) gives %s", rows[i].date, rows[i].upper ? "to" : "from",
                     b != NULL ? b : "NULL");
        g_free(b);
    }
}

static void test_fixed_filters(void **state)
{
    (void)state;
    search_request req = { .date_from = "2012", .date_to = "2015-06" };
    xap_query *q = NULL;
    verr err;
    assert_int_equal(query_fixed_filters(&req, &q, &err), 0);
    assert_non_null(q);
    xap_query_free(q);
    req = (search_request){ .date_to = "demain" };
    assert_int_equal(query_fixed_filters(&req, &q, &err), -1);
    assert_int_equal(err.code, VERR_PARSE);
    assert_null(q);
    req = (search_request){ 0 };
    assert_int_equal(query_fixed_filters(&req, &q, &err), 0);
    assert_null(q);                                  /* none */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_plain_words),
        cmocka_unit_test(test_date_bounds),
        cmocka_unit_test(test_fixed_filters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
