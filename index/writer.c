/* writer.c - the one writer of an index (writer.h). */
#include "writer.h"
#include "arrivals.h"
#include "copies.h"
#include "correction.h"
#include "record.h"
#include "schema.h"
#include "shards.h"
#include "state.h"
#include "versions.h"
#include "vocab_store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

struct index_writer {
    xap_wdb *wdb;          /* the index, or (split) everything but its documents */
    shard_layout *layout;  /* NULL: not split */
    xap_wdb **shards;      /* split: each shard, written where the layout says */
    xap_db *view;          /* reads: wdb then every shard; wdb's own view when not split */
    unsigned long long commits; /* split: META_COMMIT, bumped at each commit */
    record_builder *rb;
    arrivals *arrivals;
    guint pending;
};

/* Xapian's lock of db_path taken for us (an open file description lock on
 * its flintlock, as Xapian 1.4 takes it), or -1 when someone holds it or
 * it cannot be had.  Closing the descriptor lets it go. */
static int take_lock(const char *db_path)
{
    char *path = g_build_filename(db_path, "flintlock", NULL);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    g_free(path);
    if (fd < 0)
        return -1;
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    if (fcntl(fd, F_OFD_SETLK, &fl) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Whether db_path holds tables but no revision file, all of them empty:
 * what Xapian leaves when killed while it creates an index (it writes
 * empty tables, then iamglass).  A table with data is never taken for
 * that: Xapian's own error says what is wrong then. */
static gboolean unfinished_creation(const char *db_path)
{
    char *rev = g_build_filename(db_path, "iamglass", NULL);
    gboolean created = g_file_test(rev, G_FILE_TEST_EXISTS);
    g_free(rev);
    GDir *dir = created ? NULL : g_dir_open(db_path, 0, NULL);
    const char *name;
    guint tables = 0, full = 0;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        if (!g_str_has_suffix(name, ".glass"))
            continue;
        char *path = g_build_filename(db_path, name, NULL);
        GStatBuf st;
        tables++;
        full += g_stat(path, &st) != 0 || st.st_size > 0;
        g_free(path);
    }
    if (dir != NULL)
        g_dir_close(dir);
    return tables > 0 && full == 0;
}

/* A first run killed while Xapian created the index leaves tables without
 * the revision file (iamglass), which Xapian then neither opens nor
 * creates over.  Nothing was ever committed there: the tables are removed,
 * under the index's lock (never while a writer may be creating them). */
static void discard_unfinished_creation(const char *db_path)
{
    if (!unfinished_creation(db_path))
        return;
    int lock = take_lock(db_path);
    GDir *dir = lock >= 0 && unfinished_creation(db_path) ? g_dir_open(db_path, 0, NULL) : NULL;
    const char *name;
    if (dir != NULL)
        fprintf(stderr, "veille-index : création de l'index %s interrompue : ses tables "
                        "vides sont effacées et l'index recréé\n", db_path);
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        if (!g_str_has_suffix(name, ".glass"))
            continue;
        char *path = g_build_filename(db_path, name, NULL);
        if (g_unlink(path) != 0)
            fprintf(stderr, "veille-index : %s : %s\n", path, g_strerror(errno));
        g_free(path);
    }
    if (dir != NULL)
        g_dir_close(dir);
    if (lock >= 0)
        close(lock);
}

/* Opens every shard of w's layout for writing, and the view over them. */
static int open_shards(index_writer *w, const writer_lock_wait *wait, verr *err)
{
    guint n = shard_layout_count(w->layout);
    w->shards = g_new0(xap_wdb *, n);
    char *commits = NULL;
    if (xap_db_get_metadata(xap_wdb_db(w->wdb), META_COMMIT, &commits, err) != 0)
        return -1;
    w->commits = g_ascii_strtoull(commits, NULL, 10);
    free(commits);
    if ((w->view = xap_db_new_empty(err)) == NULL ||
        xap_db_add(w->view, xap_wdb_db(w->wdb), err) != 0)
        return -1;
    for (guint i = 0; i < n; i++) {
        const shard_place *p = shard_layout_writer(w->layout, i);
        verr e;
        verr_clear(&e);
        if ((w->shards[i] = shard_place_open_writable(w->layout, p, wait, &e)) == NULL) {
            char *where = shard_place_describe(p);
            verr_set(err, e.code, e.cls, "partie %u de l'index (%s) : %s", i, where, e.msg);
            g_free(where);
            return -1;
        }
        if (xap_db_add(w->view, xap_wdb_db(w->shards[i]), err) != 0)
            return -1;
    }
    return 0;
}

/* Where document id is written. */
static xap_wdb *home_of(index_writer *w, const char *id)
{
    return w->layout != NULL ? w->shards[shard_layout_pick(w->layout, id)] : w->wdb;
}

index_writer *index_writer_open(const char *db_path, const writer_lock_wait *wait, verr *err)
{
    if (g_mkdir_with_parents(db_path, 0755) != 0) {
        verr_set(err, VERR_IO, "mkdir", "impossible de créer %s : %s", db_path,
                 g_strerror(errno));
        return NULL;
    }
    discard_unfinished_creation(db_path);
    verr e;
    shard_layout *layout = shard_layout_load(db_path, &e);
    if (layout == NULL && e.code != VERR_OK) {
        if (err != NULL)
            *err = e;
        return NULL;
    }
    /* changesets for xapian-replicate, in DB and the folder shards; read
     * by Xapian when it opens them (the indexer opens its writer before
     * it starts any thread) */
    if (layout != NULL && shard_layout_changesets(layout) > 0) {
        char n[16];
        g_snprintf(n, sizeof n, "%u", shard_layout_changesets(layout));
        g_setenv("XAPIAN_MAX_CHANGESETS", n, FALSE);
    }
    index_writer *w = g_new0(index_writer, 1);
    w->layout = layout;
    w->arrivals = arrivals_open(db_path);
    /* DB's lock first: it stands for the whole index, shards included */
    if ((w->wdb = writer_lock_open(db_path, 1, wait, err)) == NULL ||
        (layout != NULL && open_shards(w, wait, err) != 0) ||
        (w->rb = record_builder_new(err)) == NULL ||
        record_builder_spelling(w->rb, w->wdb, err) != 0) {
        index_writer_free(w);
        return NULL;
    }
    if (w->view == NULL)
        w->view = xap_wdb_db(w->wdb);
    return w;
}

void index_writer_free(index_writer *w)
{
    if (w == NULL)
        return;
    record_builder_free(w->rb);
    if (w->layout != NULL) {
        xap_db_free(w->view);
        for (guint i = 0; w->shards != NULL && i < shard_layout_count(w->layout); i++)
            xap_wdb_free(w->shards[i]);
        g_free(w->shards);
        shard_layout_free(w->layout);
    }
    xap_wdb_free(w->wdb);
    arrivals_free(w->arrivals);
    g_free(w);
}

const xap_db *index_writer_db(index_writer *w) { return w->view; }

arrivals *index_writer_arrivals(index_writer *w) { return w->arrivals; }

guint index_writer_pending(const index_writer *w) { return w->pending; }

/* Commits every shard, then DB, each marked with the new commit count:
 * a reader that sees DB's new state finds the shards' already there. */
static int commit_shards(index_writer *w, verr *err)
{
    char count[24];
    g_snprintf(count, sizeof count, "%llu", w->commits + 1);
    for (guint i = 0; i < shard_layout_count(w->layout); i++)
        if (xap_wdb_set_metadata(w->shards[i], META_COMMIT, count, err) != 0 ||
            xap_wdb_commit(w->shards[i], err) != 0)
            return -1;
    if (xap_wdb_set_metadata(w->wdb, META_COMMIT, count, err) != 0)
        return -1;
    w->commits++;
    return 0;
}

int index_writer_commit(index_writer *w, verr *err)
{
    if ((w->layout != NULL && commit_shards(w, err) != 0) || xap_wdb_commit(w->wdb, err) != 0)
        return -1;
    w->pending = 0;
    return 0;
}

/* Sets (value "" deletes) one metadata key. */
static int set_meta(index_writer *w, const char *key, const char *value, verr *err)
{
    if (xap_wdb_set_metadata(w->wdb, key, value, err) != 0)
        return -1;
    w->pending++;
    return 0;
}

int index_writer_put(index_writer *w, docmeta *m, const char *stamp_key, verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_doc *doc = record_build(w->rb, m, stamp_key, err);
    gboolean joined = FALSE;
    int rc = -1;
    record_id_term(m->id, term);
    if (doc != NULL && versions_mark(w->view, doc, m, &joined, err) == 0 &&
        (!joined || set_meta(w, META_HAS_VERSIONS, "1", err) == 0) &&
        xap_wdb_replace(home_of(w, m->id), term, doc, NULL, err) == 0) {
        w->pending++;
        rc = 0;
    }
    xap_doc_free(doc);
    return rc;
}

int index_writer_delete(index_writer *w, const char *id, verr *err)
{
    char term[DOC_ID_LEN + 2];
    record_id_term(id, term);
    if (xap_wdb_delete(home_of(w, id), term, err) != 0)
        return -1;
    w->pending++;
    return 0;
}

/* The metadata key of path's failure.  Caller frees. */
static char *failure_key(const char *path)
{
    char id[DOC_ID_LEN + 1];
    record_id_for_path(path, id);
    return g_strconcat(META_FAILED_PREFIX, id, NULL);
}

int index_writer_remember_failure(index_writer *w, const char *path, gint64 size, gint64 mtime,
                                  const char *reason, verr *err)
{
    char *key = failure_key(path);
    char *json = known_file_failure_json(path, size, mtime, reason);
    int rc = set_meta(w, key, json, err);
    g_free(json);
    g_free(key);
    return rc;
}

int index_writer_forget_failure(index_writer *w, const char *path, verr *err)
{
    char *key = failure_key(path), *old = NULL;
    int rc = xap_db_get_metadata(w->view, key, &old, err);
    if (rc == 0 && *old != '\0')
        rc = set_meta(w, key, "", err);
    free(old);
    g_free(key);
    return rc;
}

int index_writer_store_correction(index_writer *w, const char *id, const docmeta *correction,
                                  verr *err)
{
    verr e;
    verr_clear(&e);
    docmeta *merged = correction_load(w->view, id, &e);
    if (merged == NULL && e.code != VERR_OK) {
        if (err != NULL)
            *err = e;
        return -1;
    }
    if (merged == NULL)
        merged = docmeta_new();
    docmeta_overlay(correction, merged);
    char *key = correction_key(id);
    char *json = docmeta_to_json(merged, 0);
    int rc = set_meta(w, key, json, err);
    g_free(json);
    g_free(key);
    docmeta_free(merged);
    return rc;
}

int index_writer_move_correction(index_writer *w, const char *old_id, const char *new_id,
                                 verr *err)
{
    if (strcmp(old_id, new_id) == 0)
        return 0;
    char *from = correction_key(old_id), *to = correction_key(new_id), *json = NULL;
    int rc = xap_db_get_metadata(w->view, from, &json, err);
    if (rc == 0 && *json != '\0')
        rc = set_meta(w, to, json, err) != 0 || set_meta(w, from, "", err) != 0 ? -1 : 0;
    free(json);
    g_free(to);
    g_free(from);
    return rc;
}

int index_writer_store_copies(index_writer *w, const char *sha256, const GPtrArray *copies,
                              verr *err)
{
    char *key = copies_key(sha256), *json = copies_to_json(copies);
    int rc = set_meta(w, key, json, err);
    g_free(json);
    g_free(key);
    return rc;
}

int index_writer_store_vocab(index_writer *w, const vocab *v, const char *source, verr *err)
{
    char *stored = NULL;
    if (xap_db_get_metadata(w->view, META_THESAURUS, &stored, err) != 0)
        return -1;
    char *json = vocab_to_json(v);
    int rc = 0;
    if (strcmp(json, stored) != 0)
        rc = set_meta(w, META_THESAURUS, json, err) != 0 ||
             set_meta(w, META_THESAURUS_DIGEST, vocab_digest(v), err) != 0 ? -1 : 0;
    if (rc == 0)
        rc = set_meta(w, META_THESAURUS_SOURCE, source != NULL ? source : "", err);
    g_free(json);
    free(stored);
    return rc;
}

int index_writer_mark_schema(index_writer *w, verr *err)
{
    return set_meta(w, META_SCHEMA, SCHEMA_VERSION, err);
}

int index_writer_record_run(index_writer *w, const char *summary, verr *err)
{
    char *stored = NULL;
    if (set_meta(w, META_LAST_RUN, summary, err) != 0 ||
        xap_db_get_metadata(w->view, META_RUNS, &stored, err) != 0)
        return -1;
    JsonParser *p = json_parser_new();
    JsonArray *runs = json_array_new();
    if (json_parser_load_from_data(p, summary, -1, NULL))
        json_array_add_element(runs, json_node_copy(json_parser_get_root(p)));
    /* an unreadable history starts again */
    if (*stored != '\0' && json_parser_load_from_data(p, stored, -1, NULL) &&
        JSON_NODE_HOLDS_ARRAY(json_parser_get_root(p))) {
        JsonArray *old = json_node_get_array(json_parser_get_root(p));
        for (guint i = 0; i < json_array_get_length(old) && json_array_get_length(runs) < RUNS_KEPT;
             i++)
            json_array_add_element(runs, json_node_copy(json_array_get_element(old, i)));
    }
    JsonNode *root = json_node_init_array(json_node_alloc(), runs);
    char *text = json_to_string(root, FALSE);
    int rc = set_meta(w, META_RUNS, text, err);
    g_free(text);
    json_node_unref(root);
    json_array_unref(runs);
    g_object_unref(p);
    free(stored);
    return rc;
}
