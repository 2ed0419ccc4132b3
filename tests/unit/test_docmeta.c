/* test_docmeta.c - a document's metadata (lib/docmeta.h) and its stored
 * record (index/docstore.h): what the catalogue and corrections overlay,
 * JSON and record round trips with the text cut on a character, and the
 * date keys that sort and filter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "docmeta.h"
#include "docstore.h"

static void test_overlay(void **state)
{
    (void)state;
    docmeta *extracted = docmeta_new();
    docmeta_set(&extracted->title, "Titre extrait");
    docmeta_set(&extracted->title_source, "font");
    docmeta_set(&extracted->organisation, "Mairie");
    docmeta_add(extracted->themes, "Nutrition");
    docmeta *row = docmeta_new();
    docmeta_set(&row->title, "Titre du catalogue");
    docmeta_set(&row->title_source, "catalogue");
    docmeta_add(row->regions, "Bretagne");
    docmeta_add(row->manual, "title");
    docmeta_add(row->manual, "regions");
    docmeta_overlay(row, extracted);
    assert_string_equal(extracted->title, "Titre du catalogue"); /* set: wins */
    assert_string_equal(extracted->title_source, "catalogue");   /* and says so */
    assert_string_equal(extracted->organisation, "Mairie");      /* unset: stays */
    assert_int_equal(extracted->themes->len, 1);
    assert_string_equal(g_ptr_array_index(extracted->regions, 0), "Bretagne");
    assert_true(docmeta_is_manual(extracted, "title"));
    assert_false(docmeta_is_manual(extracted, "organisation"));
    docmeta_add(extracted->authors, "A");
    docmeta_add(extracted->authors, "A"); /* no duplicate */
    docmeta_add(extracted->authors, "");  /* nor empty value */
    assert_int_equal(extracted->authors->len, 1);
    /* a manual title of unknown origin (no title_source) */
    docmeta *old = docmeta_new();
    docmeta_set(&old->title, "Titre corrigé");
    docmeta_overlay(old, extracted);
    assert_string_equal(extracted->title_source, "manual");
    docmeta_free(old);
    docmeta_free(row);
    docmeta_free(extracted);
}

static void test_record_round_trip(void **state)
{
    (void)state;
    verr err;
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Santé mentale");
    docmeta_set(&m->title_source, "heading");
    docmeta_set(&m->date, "2014-03");
    docmeta_set(&m->text, "é é é é");
    docmeta_add_tag(m, "theme", "sante-mentale", "Santé mentale", 12.5, "auto", "« santé » ×2");
    gsize len = 0;
    char *rec = docmeta_to_record(m, 5, &len); /* 5 bytes: cut inside the third "é" */
    docmeta *back = docmeta_from_record(rec, len, TRUE, &err);
    assert_non_null(back);
    assert_string_equal(back->title, "Santé mentale");
    assert_string_equal(back->title_source, "heading");
    assert_true(g_utf8_validate(back->text, -1, NULL));
    assert_true(strlen(back->text) <= 5);
    assert_int_equal(back->tags->len, 1);
    assert_string_equal(((docmeta_tag *)g_ptr_array_index(back->tags, 0))->evidence,
                        "« santé » ×2");
    docmeta_free(back);
    back = docmeta_from_record(rec, len, FALSE, &err);
    assert_null(back->text);
    docmeta_free(back);
    assert_null(docmeta_from_record("{broken", 7, TRUE, &err));
    assert_int_equal(err.code, VERR_PARSE);
    g_free(rec);

    /* the text comes back from its passages: pages joined by form feeds */
    const char *texts[] = { "é é é é", "page un\n\f\npage deux\n\f\n", "" };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        docmeta_set(&m->text, texts[i]);
        xap_doc *doc = xap_doc_new();
        text_chunks *chunks = text_chunks_split(m->text, 1024);
        guint32 *starts = g_new0(guint32, chunks->chunks->len + 1);
        assert_int_equal(docstore_write(doc, m, chunks, starts, &err), 0);
        back = docstore_read(doc, TRUE, &err);
        assert_non_null(back);
        assert_string_equal(back->text, texts[i]);
        docmeta_free(back);
        g_free(starts);
        text_chunks_free(chunks);
        xap_doc_free(doc);
    }
    docmeta_free(m);
}

static void test_dates(void **state)
{
    (void)state;
    char key[9];
    docmeta *m = docmeta_new();
    docmeta_set(&m->date, "2014-03");
    docmeta_date_key(m, key);
    assert_string_equal(key, "20140300");
    assert_int_equal(docmeta_year(m), 2014);
    docmeta_set(&m->date, NULL);
    docmeta_date_key(m, key);
    assert_string_equal(key, "");
    assert_int_equal(docmeta_year(m), 0);
    docmeta_free(m);
}

static void expect_date(const char *text, const char *want)
{
    char *got = docmeta_date_in_text(text);
    if (want == NULL)
        assert_null(got);
    else
        assert_string_equal(got, want);
    g_free(got);
}

/* A cover's date, never a paragraph's; a year alone as the last resort. */
static void test_date_in_text(void **state)
{
    (void)state;
    expect_date("2012\n\nRapport d'activité\n\nMars 2013\n\nPlateforme ASV\n", "2013-03");
    expect_date("Séminaire\n\nDepuis la loi HPST de juillet 2009, un nouvel instrument de "
                "contractualisation, le contrat local de santé, est proposé aux territoires.\n"
                "INVITATION\nMercredi 14 novembre 2012\n& Jeudi 15 novembre 2012\n",
                "2012-11-14");
    expect_date("Compte rendu\nRéunion du 1er février 2021\n", "2021-02-01");
    expect_date("Compte rendu\nLyon, le 05/03/2019\n", "2019-03-05");
    expect_date("Note 2020-06-30\n", "2020-06-30");
    expect_date("2015\nBilan\n", "2015");
    expect_date("Bilan\nle 31 février 2015\n", "2015-02"); /* no such day: the month */
    expect_date("Pas de date ici, ni de 12 mars.\n", NULL);
    /* a paragraph wrapped at 72 columns, and a table's row */
    expect_date("Séminaire\n\nDepuis la loi HPST de juillet 2009, un nouvel instrument de\n"
                "contractualisation, en juillet 2009.\n", NULL);
    expect_date("Date;Objet\n01/02/2020;Achat\n", NULL);
    expect_date(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_record_round_trip),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_in_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
