/* test_index.c - the index layer (index/): the facet table, stamp keys,
 * correction parsing, the pipeline's order (catalogue, then correction,
 * then tags, language and type), the writer's corrections, failures and
 * run history, the documentalist's edits, and the spool of pending
 * requests with their outcomes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "correction.h"
#include "docstore.h"
#include "edit.h"
#include "facet.h"
#include "pending.h"
#include "prepare.h"
#include "record.h"
#include "schema.h"
#include "state.h"
#include "writer.h"

/* ---- the facet table -------------------------------------------------------------- */

static void test_facets(void **state)
{
    (void)state;
    assert_string_equal(facet_by_name("theme")->prefix, PFX_THEME);
    assert_int_equal(facet_by_name("region")->slot, SLOT_REGIONS);
    assert_true(facet_by_name("region")->is_set);
    assert_false(facet_by_name("type")->tagged);
    assert_null(facet_by_name("nope"));
    assert_ptr_equal(facet_for_kind(VOCAB_TOWN), facet_get(FACET_TOWN));
    assert_null(facet_for_kind(VOCAB_ACRONYM));
    assert_null(facet_for_kind(VOCAB_FORMER_REGION));
    size_t n;
    const facet_def *const *counted = facet_counted(&n);
    assert_int_equal(n, 4);
    const char *order[] = { "theme", "region", "type", "year" };
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(counted[i]->name, order[i]);
        assert_true(counted[i]->slot != FACET_NO_SLOT);
    }
    /* a tag's facet is its vocabulary kind's name */
    for (facet_id f = 0; f < FACET_COUNT; f++)
        if (facet_get(f)->tagged)
            assert_string_equal(vocab_kind_name(facet_get(f)->kind), facet_get(f)->name);
}

/* ---- stamp keys ------------------------------------------------------------------- */

static void test_stamp_keys(void **state)
{
    (void)state;
    char *a = stamp_key_new("row1", "vocabA");
    char *b = stamp_key_new("row1", "vocabB");
    char *c = stamp_key_new(NULL, "vocabA");
    assert_string_equal(a, "row1:vocabA:" SCHEMA_VERSION);
    assert_string_equal(c, ":vocabA:" SCHEMA_VERSION);
    assert_false(stamp_key_row_changed(a, b)); /* a new vocabulary, the same row */
    assert_true(stamp_key_row_changed(a, c));
    g_free(a);
    g_free(b);
    g_free(c);
}

/* ---- correction parsing ----------------------------------------------------------- */

static void test_correction_parse(void **state)
{
    (void)state;
    verr err;
    docmeta *c = correction_parse("{\"title\":\"Nouveau\",\"themes\":[\"Nutrition\",\"CLS\"],"
                                  "\"type\":\"Guide\"}", &err);
    assert_non_null(c);
    assert_string_equal(c->title, "Nouveau");
    assert_string_equal(c->doctype, "Guide");
    assert_int_equal(c->themes->len, 2);
    assert_int_equal(c->manual->len, 3); /* title, doctype, themes */
    docmeta_free(c);
    static const char *const bad[] = {
        "{\"auteur\":\"x\"}", "{\"title\":\"\"}", "{\"title\":3}", "{\"themes\":[1]}",
        "[\"title\"]", "{\"title\":", "{\"regions\":\"Bretagne\"}",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        verr_clear(&err);
        assert_null(correction_parse(bad[i], &err));
        assert_int_equal(err.code, VERR_PARSE);
        assert_true(strlen(err.msg) > 0);
    }
    verr_clear(&err);
    assert_null(correction_parse("{\"auteur\":\"x\"}", &err));
    assert_non_null(strstr(err.msg, "auteur")); /* names the field, and those it knows */
    assert_non_null(strstr(err.msg, "organisation"));
}

/* date, authors, organisation, summary: {JSON, the field as stored} */
static void test_correction_parse_more_fields(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        const char *date;
    } dates[] = {
        { "{\"date\":\"2012-03-05\"}", "2012-03-05" },
        { "{\"date\":\"05/03/2012\"}", "2012-03-05" },
        { "{\"date\":\"mars 2012\"}", "2012-03" },
        { "{\"date\":\" 2019 \"}", "2019" },
        { "{\"date\":\"2019-05\"}", "2019-05" },
    };
    verr err;
    for (size_t i = 0; i < G_N_ELEMENTS(dates); i++) {
        docmeta *c = correction_parse(dates[i].json, &err);
        assert_non_null(c);
        assert_string_equal(c->date, dates[i].date);
        assert_true(docmeta_is_manual(c, "date"));
        assert_int_equal(c->manual->len, 1);
        docmeta_free(c);
    }

    docmeta *c = correction_parse("{\"source_url\":\"https://www.amiens.fr/cls\"}", &err);
    assert_non_null(c);
    assert_string_equal(c->source_url, "https://www.amiens.fr/cls");
    assert_true(docmeta_is_manual(c, "source_url"));
    docmeta *found = docmeta_new(); /* "" clears the address a page gave */
    docmeta_set(&found->source_url, "https://www.bretagne.ars.sante.fr/cls");
    docmeta_free(c);
    c = correction_parse("{\"source_url\":\"\"}", &err);
    assert_non_null(c);
    docmeta_overlay(c, found);
    assert_null(found->source_url);
    docmeta_free(found);
    docmeta_free(c);
    c = correction_parse("{\"authors\":[\"Marie Curie\",\"Élise Martin\"],"
                                  "\"organisation\":\"ARS Bretagne\","
                                  "\"summary\":\"Première ligne.\\nSeconde ligne.\"}", &err);
    assert_non_null(c);
    assert_int_equal(c->authors->len, 2);
    assert_string_equal(g_ptr_array_index(c->authors, 1), "Élise Martin");
    assert_string_equal(c->organisation, "ARS Bretagne");
    assert_string_equal(c->summary, "Première ligne.\nSeconde ligne.");
    assert_true(docmeta_is_manual(c, "authors"));
    assert_true(docmeta_is_manual(c, "organisation"));
    assert_true(docmeta_is_manual(c, "summary"));
    assert_false(docmeta_is_manual(c, "date"));
    docmeta_free(c);

    /* an empty list of authors is a correction: it clears them */
    c = correction_parse("{\"authors\":[]}", &err);
    assert_non_null(c);
    assert_int_equal(c->authors->len, 0);
    assert_true(docmeta_is_manual(c, "authors"));
    docmeta *m = docmeta_new();
    docmeta_add(m->authors, "Auteur extrait");
    docmeta_set(&m->organisation, "Organisme extrait");
    docmeta_overlay(c, m);
    assert_int_equal(m->authors->len, 0);
    assert_string_equal(m->organisation, "Organisme extrait"); /* not corrected: kept */
    docmeta_free(c);
    /* each corrected field is copied over the extracted one */
    c = correction_parse("{\"date\":\"2019-05\",\"authors\":[\"A. Nouvel\"],"
                         "\"organisation\":\"Ville de Lyon\",\"summary\":\"Résumé.\"}", &err);
    assert_non_null(c);
    docmeta_set(&m->date, "2001");
    docmeta_set(&m->summary, "Ancien résumé");
    docmeta_overlay(c, m);
    assert_string_equal(m->date, "2019-05");
    assert_int_equal(m->authors->len, 1);
    assert_string_equal(g_ptr_array_index(m->authors, 0), "A. Nouvel");
    assert_string_equal(m->organisation, "Ville de Lyon");
    assert_string_equal(m->summary, "Résumé.");
    assert_int_equal(m->manual->len, 4);
    docmeta_free(c);
    docmeta_free(m);

    /* bad values: {JSON, the field its message names} */
    char *long_name = g_strnfill(501, 'a'), *long_summary = g_strnfill(5001, 'b');
    char *ok_summary = g_strnfill(5000, 'b');
    char *too_long_author = g_strdup_printf("{\"authors\":[\"%s\"]}", long_name);
    char *too_long_org = g_strdup_printf("{\"organisation\":\"%s\"}", long_name);
    char *too_long_summary = g_strdup_printf("{\"summary\":\"%s\"}", long_summary);
    char *longest_summary = g_strdup_printf("{\"summary\":\"%s\"}", ok_summary);
    const struct {
        const char *json;
        const char *field;   /* as the message names it, in French */
    } bad[] = {
        { "{\"date\":\"bientôt\"}", "date" },
        { "{\"date\":\"2012-13-45\"}", "date" },
        { "{\"date\":\"31/02/2012\"}", "date" },
        { "{\"date\":\"1850\"}", "date" },
        { "{\"date\":\"\"}", "date" },
        { "{\"date\":2012}", "date" },
        { "{\"date\":null}", "date" },
        { "{\"authors\":\"Marie Curie\"}", "auteurs" },
        { "{\"authors\":[\"\"]}", "auteurs" },
        { "{\"authors\":[\"ok\",3]}", "auteurs" },
        { too_long_author, "auteurs" },
        { "{\"organisation\":\"\"}", "organisation" },
        { "{\"organisation\":[\"ARS\"]}", "organisation" },
        { too_long_org, "organisation" },
        { "{\"summary\":\"\"}", "résumé" },
        { too_long_summary, "résumé" },
        { "{\"source_url\":\"www.amiens.fr\"}", "adresse d'origine" },
        { "{\"source_url\":\"javascript:alert(1)\"}", "adresse d'origine" },
        { "{\"source_url\":\"https://a b/\"}", "adresse d'origine" },
        { "{\"title\":\"Bon\",\"date\":\"jamais\"}", "date" }, /* one bad field fails all */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        verr_clear(&err);
        assert_null(correction_parse(bad[i].json, &err));
        assert_int_equal(err.code, VERR_PARSE);
        assert_true(g_str_has_prefix(err.msg, bad[i].field));
    }
    verr_clear(&err);
    assert_null(correction_parse("{\"date\":\"bientôt\"}", &err));
    assert_non_null(strstr(err.msg, "date illisible"));
    c = correction_parse(longest_summary, &err); /* 5000 bytes is the most */
    assert_non_null(c);
    assert_int_equal(strlen(c->summary), 5000);
    docmeta_free(c);
    verr_clear(&err);
    assert_null(correction_parse("{\"authors\":[\"Mari\xC3\"]}", &err)); /* not UTF-8 */
    assert_int_equal(err.code, VERR_PARSE);
    g_free(longest_summary);
    g_free(too_long_summary);
    g_free(too_long_org);
    g_free(too_long_author);
    g_free(ok_summary);
    g_free(long_summary);
    g_free(long_name);
}

/* ---- the writer, the pipeline and the edits --------------------------------------- */

static char *dbdir;

static docmeta *new_doc(const char *path, const char *title, const char *text)
{
    docmeta *m = docmeta_new();
    prepare_set_file(m, path, 10, 20);
    docmeta_set(&m->sha256, "00");
    docmeta_set(&m->mime, "text/plain");
    docmeta_set(&m->title, title);
    docmeta_set(&m->text, text);
    return m;
}

/* How many documents of w's index hold term. */
static int term_count(index_writer *w, const char *term)
{
    unsigned n = 0;
    assert_int_equal(xap_db_termfreq(index_writer_db(w), term, &n, NULL), 0);
    return (int)n;
}

static void test_pipeline_order(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-index-cat-XXXXXX");
    char *csv = g_build_filename(dir, "catalogue.csv", NULL);
    char *file = g_build_filename(dir, "a.txt", NULL);
    g_file_set_contents(file, "x", -1, NULL);
    g_file_set_contents(csv, "fichier;titre;thèmes\na.txt;Compte rendu du catalogue;Nutrition\n", -1,
                        NULL);
    catalogue *cat = catalogue_new();
    assert_int_equal(catalogue_load(cat, csv, NULL, &err), 0);
    index_writer *w = index_writer_open(dbdir, NULL, &err);
    assert_non_null(w);
    docmeta *m = new_doc(file, "Titre extrait", "Le compte rendu de la réunion des partenaires du quartier : les habitants et les "
                         "professionnels de santé ont présenté les actions de l'année, avec les "
                         "élus de la ville et les associations qui sont dans le contrat local.");
    docmeta *corr = correction_parse("{\"themes\":[\"Santé mentale\"]}", &err);
    assert_int_equal(index_writer_store_correction(w, m->id, corr, &err), 0);
    assert_int_equal(prepare_document(index_writer_db(w), m, catalogue_lookup(cat, file), NULL,
                                      NULL, NULL, &err), 0);
    assert_string_equal(m->title, "Compte rendu du catalogue");  /* the catalogue wins over extraction */
    assert_int_equal(m->themes->len, 1);
    assert_string_equal(g_ptr_array_index(m->themes, 0), "Santé mentale"); /* the correction wins */
    assert_int_equal(m->tags->len, 1);                    /* no thesaurus: the values as tags */
    assert_string_equal(m->lang, "fr");
    assert_string_equal(m->doctype, "Compte rendu"); /* from the title */
    docmeta_free(corr);
    docmeta_free(m);
    index_writer_free(w);
    catalogue_free(cat);
    g_free(file);
    g_free(csv);
    test_rmtree(dir);
    g_free(dir);
}

static void test_writer_and_edits(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-index-edit-XXXXXX");
    char *file = g_build_filename(dir, "rapport.txt", NULL);
    g_file_set_contents(file, "texte", -1, NULL);
    index_writer *w = index_writer_open(dbdir, NULL, &err);
    assert_non_null(w);
    docmeta *m = new_doc(file, "Rapport", "Un rapport sur la nutrition des enfants.");
    char *id = g_strdup(m->id);
    assert_int_equal(index_writer_remember_failure(w, file, 1, 2, "illisible", &err), 0);
    docmeta_set(&m->added, "2020-01-02T03:04:05Z"); /* it arrived then */
    assert_int_equal(prepare_document(index_writer_db(w), m, NULL, NULL, NULL, NULL, &err), 0);
    assert_int_equal(index_writer_put(w, m, "::3", &err), 0);
    assert_int_equal(index_writer_forget_failure(w, file, &err), 0);
    assert_true(index_writer_pending(w) > 0);
    assert_int_equal(index_writer_commit(w, &err), 0);
    assert_int_equal(index_writer_pending(w), 0);
    index_state st;
    assert_int_equal(index_state_load(&st, index_writer_db(w), &err), 0);
    assert_false(g_hash_table_contains(st.failed, file)); /* forgotten */
    assert_true(g_hash_table_contains(st.indexed, file));
    index_state_clear(&st);

    /* corrections pile up field by field, and survive a rebuild */
    docmeta *c1 = correction_parse("{\"title\":\"Titre corrigé\"}", &err);
    docmeta *c2 = correction_parse("{\"type\":\"Guide\"}", &err);
    assert_int_equal(edit_correct(w, id, c1, NULL, &err), 0);
    assert_int_equal(edit_correct(w, id, c2, NULL, &err), 0);
    docmeta *back = docstore_load(index_writer_db(w), id, FALSE, &err);
    assert_string_equal(back->title, "Titre corrigé");
    assert_string_equal(back->doctype, "Guide");
    docmeta_free(back);
    docmeta *stored = correction_load(index_writer_db(w), id, &err);
    assert_string_equal(stored->title, "Titre corrigé");
    docmeta_free(stored);

    /* a corrected date, authors and organisation reach the terms */
    docmeta *c3 = correction_parse("{\"date\":\"mai 1987\",\"authors\":[\"Zéphyrine Quokkason\"],"
                                   "\"organisation\":\"Mairie de Trifouilly\"}", &err);
    assert_int_equal(edit_correct(w, id, c3, NULL, &err), 0);
    assert_int_equal(term_count(w, "Y1987"), 1);
    assert_int_equal(term_count(w, "M198705"), 1);
    assert_int_equal(term_count(w, "Azephyrine"), 1);
    assert_int_equal(term_count(w, "quokkason"), 1); /* free text finds authors too */
    assert_int_equal(term_count(w, "XOtrifouilly"), 1);
    docmeta_free(c3);
    c3 = correction_parse("{\"date\":\"1988\",\"authors\":[]}", &err);
    assert_int_equal(edit_correct(w, id, c3, NULL, &err), 0);
    assert_int_equal(term_count(w, "Y1987"), 0);      /* the record is rebuilt, not added to */
    assert_int_equal(term_count(w, "M198705"), 0);
    assert_int_equal(term_count(w, "Y1988"), 1);
    assert_int_equal(term_count(w, "Azephyrine"), 0); /* authors cleared */
    assert_int_equal(term_count(w, "XOtrifouilly"), 1); /* earlier corrections stay */
    back = docstore_load(index_writer_db(w), id, FALSE, &err);
    assert_string_equal(back->date, "1988");
    assert_int_equal(back->authors->len, 0);
    assert_string_equal(back->title, "Titre corrigé");
    docmeta_free(back);
    docmeta_free(c3);

    /* it keeps its arrival when it is corrected, or extracted and prepared again */
    back = docstore_load(index_writer_db(w), id, FALSE, &err);
    assert_string_equal(back->added, "2020-01-02T03:04:05Z");
    docmeta_free(back);
    docmeta *again = new_doc(file, "Rapport", "Un rapport revu sur la nutrition.");
    assert_int_equal(prepare_document(index_writer_db(w), again, NULL, NULL, NULL, NULL, &err), 0);
    assert_string_equal(again->added, "2020-01-02T03:04:05Z");
    /* a record older than arrival times arrived when it was indexed */
    docmeta_set(&again->added, NULL);
    assert_int_equal(index_writer_put(w, again, "::3", &err), 0);
    xap_doc *old = docstore_find(index_writer_db(w), id, &err);
    char *arrival = NULL, *indexed = NULL;
    size_t len = 0;
    assert_int_equal(docstore_added(old, &arrival, &err), 0);
    assert_int_equal(xap_doc_get_value(old, SLOT_INDEXED, &indexed, &len, &err), 0);
    char *from_indexed = docmeta_added_from_key(indexed);
    assert_string_equal(arrival, from_indexed);
    g_free(from_indexed);
    free(indexed);
    g_free(arrival);
    xap_doc_free(old);
    docmeta_set(&again->added, "2020-01-02T03:04:05Z");
    assert_int_equal(index_writer_put(w, again, "::3", &err), 0);
    docmeta_free(again);
    assert_int_equal(edit_correct(w, "0123456789abcdef", c1, NULL, &err), -1);
    assert_int_equal(err.code, VERR_NOTFOUND);
    assert_null(docstore_load(index_writer_db(w), "../../etc/passwd", FALSE, &err));
    assert_int_equal(err.code, VERR_NOTFOUND);

    /* a deletion keeps the file, in the trash */
    char *trashed = NULL;
    assert_int_equal(edit_delete(w, id, &trashed, &err), 0);
    assert_false(g_file_test(file, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(trashed, G_FILE_TEST_EXISTS));
    assert_non_null(strstr(trashed, EDIT_TRASH_DIR));
    assert_null(docstore_load(index_writer_db(w), id, FALSE, &err));

    /* the run history keeps RUNS_KEPT summaries, newest first */
    for (int i = 0; i < RUNS_KEPT + 3; i++) {
        char *run = g_strdup_printf("{\"n\":%d}", i);
        assert_int_equal(index_writer_record_run(w, run, &err), 0);
        g_free(run);
    }
    char *runs = NULL;
    assert_int_equal(xap_db_get_metadata(index_writer_db(w), META_RUNS, &runs, &err), 0);
    assert_true(g_str_has_prefix(runs, "[{\"n\":22}"));
    assert_int_equal(strlen(runs) - strlen(g_strrstr(runs, "{\"n\":3}")), strlen(runs) - 8);
    free(runs);
    docmeta_free(c1);
    docmeta_free(c2);
    docmeta_free(m);
    g_free(trashed);
    g_free(id);
    index_writer_free(w);
    g_free(file);
    test_rmtree(dir);
    g_free(dir);
}

static void test_writer_locked(void **state)
{
    (void)state;
    verr err;
    index_writer *w = index_writer_open(dbdir, NULL, &err);
    assert_non_null(w);
    writer_lock_wait wait = { 200, NULL, NULL, NULL };
    assert_null(index_writer_open(dbdir, &wait, &err));
    assert_int_equal(err.code, VERR_LOCKED);
    index_writer_free(w);
}

/* ---- the spool of pending requests ------------------------------------------------ */

static void test_pending(void **state)
{
    (void)state;
    verr err;
    char *db = g_build_filename(dbdir, "spooled", NULL);
    GPtrArray *none = pending_list(db, &err); /* no folder yet: nothing waits */
    assert_non_null(none);
    assert_int_equal(none->len, 0);
    g_ptr_array_unref(none);

    pending_request a = { .kind = PENDING_CORRECT, .doc_id = "0123456789abcdef",
                          .correction = "{\"title\":\"T\"}" };
    pending_request b = { .kind = PENDING_UPLOAD, .path = "/srv/uploads/x.pdf" };
    pending_request c = { .kind = PENDING_DELETE, .doc_id = "fedcba9876543210" };
    assert_int_equal(pending_submit(db, &a, &err), 0);
    assert_int_equal(pending_submit(db, &b, &err), 0);
    assert_int_equal(pending_submit(db, &c, &err), 0);
    char *dir = pending_dir(db);
    char *junk = g_build_filename(dir, "zzzz.json", NULL);
    g_file_set_contents(junk, "{\"kind\":\"upload\"}", -1, NULL); /* no path: not a request */

    GPtrArray *q = pending_list(db, &err);
    assert_int_equal(q->len, 3);
    const pending_request *first = g_ptr_array_index(q, 0);
    assert_string_equal(first->name, a.name); /* arrival order */
    assert_int_equal(first->kind, PENDING_CORRECT);
    assert_string_equal(first->correction, "{\"title\":\"T\"}");
    assert_string_equal(((pending_request *)g_ptr_array_index(q, 1))->path, "/srv/uploads/x.pdf");
    g_ptr_array_unref(q);

    assert_null(pending_outcome_read(db, a.name));
    pending_outcome ok = { .name = a.name, .kind = PENDING_CORRECT, .doc_id = a.doc_id,
                           .applied = TRUE, .done = g_get_real_time() };
    pending_outcome failed = { .name = b.name, .kind = PENDING_UPLOAD, .applied = FALSE,
                               .done = g_get_real_time() };
    verr_set(&failed.err, VERR_UNSUPPORTED, "unindexable", "fichier non indexé : chiffré");
    assert_int_equal(pending_finish(db, &ok, &err), 0);
    assert_int_equal(pending_finish(db, &failed, &err), 0);
    q = pending_list(db, &err);
    assert_int_equal(q->len, 1); /* only the deletion still waits */
    g_ptr_array_unref(q);

    pending_outcome *back = pending_outcome_read(db, b.name);
    assert_non_null(back);
    assert_false(back->applied);
    assert_int_equal(back->err.code, VERR_UNSUPPORTED);
    assert_string_equal(back->err.cls, "unindexable");
    assert_string_equal(back->err.msg, "fichier non indexé : chiffré");
    pending_outcome_free(back);
    back = pending_outcome_read(db, a.name);
    assert_true(back->applied);
    assert_string_equal(back->doc_id, "0123456789abcdef");
    pending_outcome_free(back);

    GPtrArray *recent = pending_recent(db, 10);
    assert_int_equal(recent->len, 2);
    assert_string_equal(((pending_outcome *)g_ptr_array_index(recent, 0))->name, b.name);
    g_ptr_array_unref(recent);
    assert_null(pending_outcome_from_json("{\"kind\":\"nope\",\"request\":\"x\"}"));
    assert_null(pending_outcome_from_json("not json"));

    g_free(a.name);
    g_free(b.name);
    g_free(c.name);
    g_free(junk);
    g_free(dir);
    g_free(db);
}

static int setup(void **state)
{
    (void)state;
    dbdir = test_tmpdir("veille-index-XXXXXX");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_rmtree(dbdir);
    g_free(dbdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_stamp_keys),
        cmocka_unit_test(test_correction_parse),
        cmocka_unit_test(test_correction_parse_more_fields),
        cmocka_unit_test(test_pipeline_order),
        cmocka_unit_test(test_writer_and_edits),
        cmocka_unit_test(test_writer_locked),
        cmocka_unit_test(test_pending),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
