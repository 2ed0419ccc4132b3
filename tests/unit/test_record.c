/* test_record.c - documents as indexed: folded and stemmed French text,
 * field prefixes, filter terms and values (schema.h), checked by searching
 * them back with queries folded the same way, including terms that must
 * be absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "schema.h"
#include "tag.h"
#include "text.h"

static char *dir;
static xap_db *db;

static void add(xap_wdb *w, record_builder *rb, const char *path, const char *title,
                const char *text, const char *theme, const char *region, const char *date)
{
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, title);
    docmeta_set(&m->text, text);
    docmeta_set(&m->date, date);
    docmeta_add(m->themes, theme);
    docmeta_add(m->regions, region);
    test_put_document(w, rb, m, path, NULL); /* catalogue values as tags, no thesaurus */
    docmeta_free(m);
}

static int setup(void **state)
{
    (void)state;
    verr err;
    dir = test_tmpdir("veille-record-XXXXXX");
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    record_builder *rb = record_builder_new(&err);
    add(w, rb, "/c/1.pdf", "Compte rendu de réunion à La Réunion",
        "La santé mentale des jeunes et l'accès aux soins. Diagnostic partagé.",
        "Santé mentale", "La Réunion", "2014-03-05");
    add(w, rb, "/c/2.pdf", "Guide nutrition",
        "Ateliers cuisine et activité physique d'évaluation. ARSENAL de mesures.",
        "Nutrition", "Occitanie", "2016");
    add(w, rb, "/c/3.pdf", "Rapport d'activité",
        "Les ŒUVRES sociales et l’ARS : financement des actions.", "Évaluation", "Grand Est",
        NULL);
    assert_int_equal(xap_wdb_commit(w, &err), 0);
    record_builder_free(rb);
    xap_wdb_free(w);
    db = xap_db_open(dir, &err);
    return db == NULL;
}

static int teardown(void **state)
{
    (void)state;
    xap_db_free(db);
    int rc = test_rmtree(dir);
    g_free(dir);
    return rc;
}

/* Number of documents a user query matches, folded and parsed as the
 * daemon will (French stemming, title: prefix). */
static unsigned hits(const char *user_query)
{
    verr err;
    char *folded = text_fold(user_query, -1);
    xap_qparser *qp = xap_qparser_new(&err);
    xap_stem *stem = xap_stem_new("french", &err);
    xap_stopper *stop = xap_stopper_new(text_french_stopwords(), &err);
    xap_qparser_set_stemmer(qp, stem, &err);
    xap_qparser_set_stopper(qp, stop, &err);
    xap_qparser_set_database(qp, db, &err);
    xap_qparser_set_default_op(qp, XAP_OP_AND, &err);
    xap_qparser_add_prefix(qp, "titre", PFX_TITLE, &err);
    unsigned n = test_count_matches(db, qp, folded);
    xap_stopper_free(stop);
    xap_stem_free(stem);
    xap_qparser_free(qp);
    g_free(folded);
    return n;
}

static void test_accents_and_case(void **state)
{
    (void)state;
    assert_int_equal(hits("sante mentale"), 1);
    assert_int_equal(hits("Santé Mentale"), 1);
    assert_int_equal(hits("REUNION"), 1);
    assert_int_equal(hits("acces"), 1);            /* from "l'accès" */
    assert_int_equal(hits("evaluation"), 1);       /* from "d'évaluation" */
    assert_int_equal(hits("oeuvres"), 1);          /* from "ŒUVRES" */
    assert_int_equal(hits("\"sante mentale\""), 1);
    assert_int_equal(hits("\"mentale sante\""), 0);
}

static void test_stemming_and_fields(void **state)
{
    (void)state;
    assert_int_equal(hits("jeune"), 1);            /* "jeunes" */
    assert_int_equal(hits("financements"), 1);     /* "financement" */
    assert_int_equal(hits("titre:guide"), 1);
    assert_int_equal(hits("titre:ateliers"), 0);   /* body only, not title */
    assert_int_equal(hits("ars"), 1);              /* ARS, and not inside ARSENAL */
    assert_int_equal(hits("arsenal"), 1);
}

static int has_term(const char *term)
{
    unsigned f = 0;
    assert_int_equal(xap_db_termfreq(db, term, &f, NULL), 0);
    return (int)f;
}

static void test_filter_terms(void **state)
{
    (void)state;
    assert_int_equal(has_term("XTHsante-mentale"), 1);
    assert_int_equal(has_term("XRErunion"), 0);          /* slug keeps "la" */
    assert_int_equal(has_term("XREla-reunion"), 1);
    assert_int_equal(has_term("Y2014"), 1);
    assert_int_equal(has_term("M201403"), 1);
    assert_int_equal(has_term("M201600"), 0);            /* year only: no month term */
    assert_int_equal(has_term("Tapplication/pdf"), 3);
    assert_int_equal(has_term("Lfr") + has_term("Lund"), 3); /* short texts: "und" */
    assert_int_equal(has_term("XTYcompte-rendu"), 1);    /* guessed from the title */
    assert_int_equal(has_term("XTYguide"), 1);
    assert_int_equal(has_term("XEXTpdf"), 3);
    assert_int_equal(has_term("réunion"), 0);            /* never unfolded */
    assert_int_equal(has_term("Zl"), 0); /* elided article: a stop word, kept unstemmed for phrases only */
}

static int count_value(xap_docid id, const char *value, size_t len, void *ud)
{
    (void)id;
    if (len == strlen("sante-mentale") && memcmp(value, "sante-mentale", len) == 0)
        (*(int *)ud)++;
    return 0;
}

static void test_facet_slots(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(xap_db_values(db, SLOT_THEMES, count_value, &n, NULL), 0);
    assert_int_equal(n, 1);
}

static void test_doctype_guess(void **state)
{
    (void)state;
    assert_string_equal(record_guess_doctype("Compte-rendu du comité"), "Compte rendu");
    assert_string_equal(record_guess_doctype("Invitation : séminaire CLS"), "Invitation");
    assert_string_equal(record_guess_doctype("Rapport d'activité 2012"), "Rapport d'activité");
    assert_null(record_guess_doctype("Les jardins partagés, un guide pour tous les quartiers"));
    assert_null(record_guess_doctype(NULL));
    /* a cover's or a heading's line, not a report's section */
    assert_string_equal(record_guess_doctype_in_text("Séminaire\n\nLes CLS, quelle plus-value ?\n\n"
                                                     "Constat\n\nDepuis 2009...\n\nINVITATION\n"),
                        "Invitation");
    assert_string_equal(record_guess_doctype_in_text("Groupe de travail\nCompte rendu :\n"),
                        "Compte rendu");
    assert_null(record_guess_doctype_in_text("Rapport annuel\n\nÉvaluation\n\nSynthèse\n"));
    assert_null(record_guess_doctype_in_text("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n"
                                             "15\nInvitation\n"));
    assert_null(record_guess_doctype_in_text("Rapport annuel 2019\nSommaire\nProgramme\n"));
    assert_null(record_guess_doctype_in_text(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accents_and_case),
        cmocka_unit_test(test_stemming_and_fields),
        cmocka_unit_test(test_filter_terms),
        cmocka_unit_test(test_facet_slots),
        cmocka_unit_test(test_doctype_guess),
    };
    return cmocka_run_group_tests_name("record", tests, setup, teardown);
}
