/* test_shards.c - an index split into shards (index/shards.h,
 * index/writer.h, index/reader.h): the layout file and its errors; each
 * document written to the shard its id names, and nowhere else; DB keeps
 * the rest and comes first in reads; a reader over shards counts every
 * document, leaves out a shard that cannot be opened and says so, and its
 * revision moves at each commit. */
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

#include "prepare.h"
#include "reader.h"
#include "record.h"
#include "schema.h"
#include "shards.h"
#include "writer.h"

/* Writes dir/index.shards; returns the index's path (caller frees). */
static char *layout(const char *dir, const char *text)
{
    char *file = g_build_filename(dir, "index.shards", NULL);
    g_file_set_contents(file, text, -1, NULL);
    g_free(file);
    return g_build_filename(dir, "index", NULL);
}

static void test_layout_file(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-shards-layout-XXXXXX");
    char *db = g_build_filename(dir, "index", NULL);
    assert_null(shard_layout_load(db, &err));
    assert_int_equal(err.code, VERR_OK); /* no file: one database */
    g_free(db);

    db = layout(dir, "[shards]\ncount = 2\nretry_s = 5\n[shard 0]\nwrite = parts/0\n"
                     "[shard 1]\nwrite = 10.0.0.2:7110\nread = 10.0.0.2:7111; [::1]:7112 ;/srv/r1\n");
    shard_layout *l = shard_layout_load(db, &err);
    assert_non_null(l);
    assert_int_equal(shard_layout_count(l), 2);
    assert_int_equal(shard_layout_retry_s(l), 5);
    assert_int_equal(shard_layout_timeout_ms(l), 5000);
    char *want = g_build_filename(dir, "parts", "0", NULL);
    assert_string_equal(shard_layout_writer(l, 0)->path, want); /* relative to the file */
    g_free(want);
    assert_int_equal(shard_layout_readers(l, 0)->len, 1);    /* read defaults to write */
    const shard_place *w1 = shard_layout_writer(l, 1);
    assert_null(w1->path);
    assert_string_equal(w1->host, "10.0.0.2");
    assert_int_equal(w1->port, 7110);
    const GPtrArray *r1 = shard_layout_readers(l, 1);
    assert_int_equal(r1->len, 3);
    assert_string_equal(((shard_place *)g_ptr_array_index(r1, 1))->host, "::1");
    char *said = shard_place_describe(g_ptr_array_index(r1, 1));
    assert_string_equal(said, "[::1]:7112");
    g_free(said);
    assert_string_equal(((shard_place *)g_ptr_array_index(r1, 2))->path, "/srv/r1");
    /* the id's first eight hex digits, modulo the count */
    assert_int_equal(shard_layout_pick(l, "0000000100000000"), 1);
    assert_int_equal(shard_layout_pick(l, "fffffffe00000000"), 0);
    shard_layout_free(l);

    const char *bad[] = {
        "[shards]\ncount = 0\n",
        "[shards]\ncount = 2\n[shard 0]\nwrite = a\n",        /* shard 1 missing */
        "[shards]\ncount = 1\n[shard 0]\nwrite = host:notaport\n",
        "[shards]\ncount = 1\ntimeout_ms = -3\n[shard 0]\nwrite = a\n",
        "[shards]\ncount = 1\n[shard 0]\nwrite = a\nread = h:99999\n",
        "not an ini file",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_free(db);
        db = layout(dir, bad[i]);
        assert_null(shard_layout_load(db, &err));
        assert_int_equal(err.code, VERR_PARSE);
        assert_non_null(strstr(err.msg, "index.shards"));
        /* neither program opens an index whose layout is wrong */
        assert_null(index_reader_open(db, &err));
        assert_null(index_writer_open(db, NULL, &err));
    }
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

static docmeta *new_doc(const char *path, const char *title)
{
    docmeta *m = docmeta_new();
    prepare_set_file(m, path, 10, 20);
    docmeta_set(&m->sha256, "00");
    docmeta_set(&m->mime, "text/plain");
    docmeta_set(&m->title, title);
    docmeta_set(&m->text, "Compte rendu de la réunion sur la nutrition des enfants du quartier.");
    return m;
}

/* Prepares and puts the document DIR/NAME-I.txt; OUT id: its id. */
static void put_numbered(index_writer *w, const char *dir, const char *name, int i,
                         char id[DOC_ID_LEN + 1])
{
    verr err;
    char *path = g_strdup_printf("%s/%s-%d.txt", dir, name, i);
    docmeta *m = new_doc(path, "Compte rendu");
    assert_int_equal(prepare_document(index_writer_db(w), m, NULL, NULL, NULL, NULL, &err), 0);
    assert_int_equal(index_writer_put(w, m, "::1", &err), 0);
    g_strlcpy(id, m->id, DOC_ID_LEN + 1);
    docmeta_free(m);
    g_free(path);
}

/* Documents in the folder database at path (a missing one: -1). */
static int docs_in(const char *path)
{
    xap_db *db = xap_db_open(path, NULL);
    unsigned n = 0;
    int rc = db != NULL && xap_db_doccount(db, &n, NULL) == 0 ? (int)n : -1;
    xap_db_free(db);
    return rc;
}

static void test_write_and_read(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-shards-XXXXXX");
    char *db = layout(dir, "[shards]\ncount = 3\nretry_s = 1\n[shard 0]\nwrite = p/0\n"
                           "[shard 1]\nwrite = p/1\n[shard 2]\nwrite = p/2\n");
    shard_layout *l = shard_layout_load(db, &err);
    assert_non_null(l);
    index_writer *w = index_writer_open(db, NULL, &err);
    assert_non_null(w);
    int per_shard[3] = { 0 };
    char ids[12][DOC_ID_LEN + 1];
    for (int i = 0; i < 12; i++) {
        put_numbered(w, dir, "doc", i, ids[i]);
        per_shard[shard_layout_pick(l, ids[i])]++;
    }
    assert_int_equal(index_writer_record_run(w, "{\"run\":1}", &err), 0);
    /* the writer's own view sees every document before the commit */
    unsigned n = 0;
    assert_int_equal(xap_db_doccount(index_writer_db(w), &n, &err), 0);
    assert_int_equal(n, 12);
    assert_int_equal(index_writer_commit(w, &err), 0);
    for (int s = 0; s < 3; s++) {
        char *part = g_strdup_printf("%s/p/%d", dir, s);
        assert_int_equal(docs_in(part), per_shard[s]); /* each where its id says */
        g_free(part);
    }
    assert_int_equal(docs_in(db), 0); /* DB holds no document... */

    index_reader *r = index_reader_open(db, &err);
    assert_non_null(r);
    assert_int_equal(index_reader_shards(r), 3);
    assert_int_equal(index_reader_missing(r), 0);
    assert_int_equal(xap_db_doccount(index_reader_db(r), &n, &err), 0);
    assert_int_equal(n, 12);
    char *runs = NULL; /* ... but the rest, read first */
    assert_int_equal(xap_db_get_metadata(index_reader_db(r), META_RUNS, &runs, &err), 0);
    assert_non_null(strstr(runs, "\"run\":1"));
    free(runs);
    unsigned long long before, after;
    assert_true(index_reader_revision(r, &before));

    /* a deletion goes to the document's shard; readers see it move */
    assert_int_equal(index_writer_delete(w, ids[0], &err), 0);
    assert_int_equal(index_writer_commit(w, &err), 0);
    int changed = 0;
    assert_int_equal(index_reader_reopen(r, &changed, &err), 0);
    assert_true(changed);
    assert_true(index_reader_revision(r, &after));
    assert_true(after != before);
    assert_int_equal(xap_db_doccount(index_reader_db(r), &n, &err), 0);
    assert_int_equal(n, 11);
    index_writer_free(w);
    index_reader_free(r);

    /* a shard that cannot be opened is missing, not fatal (the whole-index
     * tools refuse it) */
    char *moved = g_strdup_printf("%s/p/1", dir), *aside = g_strdup_printf("%s/p/1-aside", dir);
    assert_int_equal(g_rename(moved, aside), 0);
    r = index_reader_open(db, &err);
    assert_non_null(r);
    assert_int_equal(index_reader_missing(r), 1);
    assert_true(index_reader_shard_missing(r, 1));
    assert_false(index_reader_shard_missing(r, 0));
    assert_int_equal(xap_db_doccount(index_reader_db(r), &n, &err), 0);
    assert_int_equal((int)n, 11 - per_shard[1] + (shard_layout_pick(l, ids[0]) == 1));
    assert_true(index_reader_revision(r, &before));
    assert_null(index_reader_open_whole(db, &err));
    assert_int_equal(err.code, VERR_NETWORK);
    /* back: the watch finds it again within retry_s (1 s), and the next
     * reopen brings it in; no reopen before that tries it itself */
    assert_int_equal(g_rename(aside, moved), 0);
    assert_int_equal(index_reader_reopen(r, &changed, &err), 0);
    assert_false(changed);
    assert_int_equal(index_reader_missing(r), 1);
    index_reader *fresh = index_reader_open(db, &err); /* nor a new reader (a new thread's) */
    assert_non_null(fresh);
    assert_int_equal(index_reader_missing(fresh), 1);
    index_reader_free(fresh);
    for (int tries = 0; tries < 30 && index_reader_missing(r) > 0; tries++) {
        g_usleep(100 * 1000);
        assert_int_equal(index_reader_reopen(r, &changed, &err), 0);
    }
    assert_true(changed);
    assert_int_equal(index_reader_missing(r), 0);
    fresh = index_reader_open(db, &err);
    assert_int_equal(index_reader_missing(fresh), 0);
    index_reader_free(fresh);
    assert_true(index_reader_revision(r, &after));
    assert_true(after != before); /* answers of the partial index are not served again */
    assert_int_equal(xap_db_doccount(index_reader_db(r), &n, &err), 0);
    assert_int_equal(n, 11);
    index_reader_free(r);
    g_free(moved);
    g_free(aside);
    shard_layout_free(l);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

/* A shard that cannot commit fails the commit with its own error, and
 * DB is not marked with the new count. */
static void test_failed_shard_commit(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-shards-XXXXXX");
    char *db = layout(dir, "[shards]\ncount = 3\n[shard 0]\nwrite = p/0\n"
                           "[shard 1]\nwrite = p/1\n[shard 2]\nwrite = p/2\n");
    index_writer *w = index_writer_open(db, NULL, &err);
    assert_non_null(w);
    char id[DOC_ID_LEN + 1];
    for (int i = 0; i < 12; i++)
        put_numbered(w, dir, "doc", i, id);
    assert_int_equal(index_writer_commit(w, &err), 0);
    char *count = NULL;
    assert_int_equal(xap_db_get_metadata(index_writer_db(w), META_COMMIT, &count, &err), 0);
    assert_string_equal(count, "1");
    free(count);
    /* shard 1's revision file cannot be replaced: a folder stands there */
    char *rev = g_strdup_printf("%s/p/1/iamglass", dir), *aside = g_strdup_printf("%s.aside", rev);
    char *inside = g_strdup_printf("%s/x", rev);
    assert_int_equal(g_rename(rev, aside), 0);
    assert_int_equal(g_mkdir(rev, 0755), 0);
    assert_true(g_file_set_contents(inside, "x", 1, NULL));
    shard_layout *l = shard_layout_load(db, &err);
    assert_non_null(l);
    gboolean for_shard_1 = FALSE; /* documents until one goes to shard 1 */
    for (int i = 0; i < 200 && !for_shard_1; i++) {
        put_numbered(w, dir, "more", i, id);
        for_shard_1 = shard_layout_pick(l, id) == 1;
    }
    assert_true(for_shard_1);
    shard_layout_free(l);
    verr_clear(&err);
    assert_int_equal(index_writer_commit(w, &err), -1);
    assert_int_not_equal(err.code, VERR_OK);
    assert_true(err.msg[0] != '\0');
    assert_int_equal(xap_db_get_metadata(index_writer_db(w), META_COMMIT, &count, &err), 0);
    assert_string_equal(count, "1"); /* DB still says the last whole commit */
    free(count);
    index_writer_free(w);
    g_unlink(inside);
    g_rmdir(rev);
    assert_int_equal(g_rename(aside, rev), 0);
    g_free(inside);
    g_free(aside);
    g_free(rev);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_file),
        cmocka_unit_test(test_write_and_read),
        cmocka_unit_test(test_failed_shard_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
