/* test_apply.c - veille-index applying the documentalist's queued writes
 * (indexer/apply.h): in arrival order, each committed before its outcome
 * is written; a failing request fails alone with its reason; an upload is
 * extracted in the sandbox and prepared like any file, with its form's
 * fields as its correction; an upload Veille cannot read is removed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "apply.h"
#include "docstore.h"
#include "pending.h"
#include "prepare.h"
#include "record.h"

static char *queue(const char *db, pending_kind kind, const char *doc_id, const char *correction,
                   const char *path)
{
    verr err;
    pending_request r = { .kind = kind, .doc_id = (char *)doc_id, .correction = (char *)correction,
                          .path = (char *)path };
    assert_int_equal(pending_submit(db, &r, &err), 0);
    return r.name;
}

static const pending_outcome *outcome_of(const GPtrArray *outcomes, const char *name)
{
    for (guint i = 0; i < outcomes->len; i++)
        if (strcmp(((pending_outcome *)g_ptr_array_index(outcomes, i))->name, name) == 0)
            return g_ptr_array_index(outcomes, i);
    fail_msg("no outcome for %s", name);
    return NULL;
}

static void test_apply(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-apply-XXXXXX");
    char *db = g_build_filename(dir, "index", NULL);
    char *kept = g_build_filename(dir, "gardé.txt", NULL);
    char *gone = g_build_filename(dir, "supprimé.txt", NULL);
    char *upload = g_build_filename(dir, "depot.txt", NULL);
    char *binary = g_build_filename(dir, "image.bin", NULL);
    g_file_set_contents(kept, "k", -1, NULL);
    g_file_set_contents(gone, "g", -1, NULL);
    g_file_set_contents(upload, "Rapport sur le tatou à neuf bandes en Guyane : les habitants et les associations "
                        "de la commune ont présenté les actions de l'année avec les élus, "
                        "qui sont dans le contrat local de santé de la ville.\n", -1, NULL);
    g_file_set_contents(binary, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL);

    index_writer *w = index_writer_open(db, NULL, &err);
    assert_non_null(w);
    const char *paths[] = { kept, gone };
    char ids[2][DOC_ID_LEN + 1];
    for (int i = 0; i < 2; i++) {
        docmeta *m = docmeta_new();
        prepare_set_file(m, paths[i], 1, 1);
        docmeta_set(&m->sha256, "00");
        docmeta_set(&m->title, "Avant");
        g_strlcpy(ids[i], m->id, sizeof ids[i]);
        assert_int_equal(prepare_and_put(w, m, NULL, NULL, NULL, NULL, "::3", &err), 0);
        docmeta_free(m);
    }
    assert_int_equal(index_writer_commit(w, &err), 0);

    char *correct = queue(db, PENDING_CORRECT, ids[0], "{\"title\":\"Après\"}", NULL);
    char *unknown = queue(db, PENDING_CORRECT, "0123456789abcdef", "{\"title\":\"X\"}", NULL);
    char *removal = queue(db, PENDING_DELETE, ids[1], NULL, NULL);
    char *up = queue(db, PENDING_UPLOAD, NULL, "{\"title\":\"Le tatou\"}", upload);
    char *bad = queue(db, PENDING_UPLOAD, NULL, NULL, binary);
    GPtrArray *outcomes = g_ptr_array_new_with_free_func((GDestroyNotify)pending_outcome_free);
    assert_int_equal(apply_pending(w, db, NULL, outcomes, &err), 0);
    assert_int_equal(outcomes->len, 5);
    assert_string_equal(((pending_outcome *)g_ptr_array_index(outcomes, 0))->name, correct);

    assert_true(outcome_of(outcomes, correct)->applied);
    assert_false(outcome_of(outcomes, unknown)->applied);
    assert_int_equal(outcome_of(outcomes, unknown)->err.code, VERR_NOTFOUND);
    assert_true(outcome_of(outcomes, removal)->applied);
    const pending_outcome *o = outcome_of(outcomes, up);
    assert_true(o->applied);
    o = outcome_of(outcomes, bad);
    assert_false(o->applied);
    assert_int_equal(o->err.code, VERR_UNSUPPORTED);
    assert_false(g_file_test(binary, G_FILE_TEST_EXISTS)); /* not kept in the collection */

    const xap_db *view = index_writer_db(w);
    docmeta *m = docstore_load(view, ids[0], FALSE, &err);
    assert_string_equal(m->title, "Après");
    docmeta_free(m);
    assert_null(docstore_load(view, ids[1], FALSE, &err));
    m = docstore_load(view, outcome_of(outcomes, up)->doc_id, TRUE, &err);
    assert_non_null(m);
    assert_string_equal(m->title, "Le tatou");
    assert_non_null(strstr(m->text, "tatou"));
    assert_string_equal(m->lang, "fr");
    docmeta_free(m);

    GPtrArray *left = pending_list(db, &err);
    assert_int_equal(left->len, 0); /* every request has its outcome now */
    g_ptr_array_unref(left);
    pending_outcome *done = pending_outcome_read(db, up);
    assert_true(done->applied);
    pending_outcome_free(done);

    g_ptr_array_unref(outcomes);
    index_writer_free(w);
    g_free(correct);
    g_free(unknown);
    g_free(removal);
    g_free(up);
    g_free(bad);
    g_free(kept);
    g_free(gone);
    g_free(upload);
    g_free(binary);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
