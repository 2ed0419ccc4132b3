/* run.c - one indexing run (run.h; its summary: run_summary.c).  Sections: the
 * run's state, copies (one content in several files: copies.h), writing,
 * decisions (unchanged / touched / moved / copy / to extract), the run itself. */
#include "run.h"
#include "apply.h"
#include "pending.h"
#include "docstore.h"
#include "catalogue.h"
#include "copies.h"
#include "detect.h"
#include "prepare.h"
#include "progress.h"
#include "record.h"
#include "sandbox.h"
#include "schema.h"
#include "skos.h"
#include "skos_guard.h"
#include "state.h"
#include "tag.h"
#include "vocab.h"
#include "vocab_store.h"
#include "walk.h"
#include "writer.h"
#include "xapian-c/xapian_c.h"

#include <errno.h>
#include "jsonutil.h"
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

volatile sig_atomic_t run_stop_requested;

/* ---- The run's state -------------------------------------------------------- */

typedef struct {
    char *path;
    gint64 size, mtime;
    char *sha256;
    const catalogue_entry *cat;  /* borrowed from the run's catalogue */
    gboolean was_indexed;        /* replaces an older version */
    char *correction_from;       /* a copy promoted in place of a document gone: that
                                  * document's id, whose correction it takes; or NULL */
    GPtrArray *copies;           /* files of the same content walked while this one waited:
                                  * its copies once it is written (known_file *), or NULL */
    /* extracted, waiting for the jobs started before it (write order) */
    guint seq;                   /* when it started, from 0 in its extract_all */
    docmeta *result;             /* owned; NULL: failed */
    verr failure;
} job;

static void job_free(job *j)
{
    g_free(j->path);
    g_free(j->sha256);
    g_free(j->correction_from);
    if (j->copies != NULL)
        g_ptr_array_unref(j->copies);
    docmeta_free(j->result);
    g_free(j);
}

typedef struct {
    const run_options *opt;
    run_summary *sum;
    index_writer *w;
    catalogue *cat;
    index_state state;
    progress prog;
    gint64 last_commit_us;
    verr write_err;        /* first error writing the index */
    gboolean write_failed;
    vocab *vocab;          /* NULL: no thesaurus, catalogue tags only */
    tagger *tagger;
    char vocab_key[13];    /* first 12 hex digits of the vocabulary digest */
    /* identical contents (copies.h) */
    GHashTable *kept;      /* sha256 -> path of its document, for the contents walked (owned) */
    GHashTable *planned;   /* sha256 -> job * waiting for extraction (borrowed) */
    GHashTable *dirty;     /* set of sha256 (owned) whose copies changed, stored at the end */
    /* documents are written in the order their extractions started (the
     * walk's), whichever finishes first, so that an index built twice
     * numbers them alike: its ties rank alike */
    GHashTable *finished;  /* seq -> job * extracted, waiting for earlier ones (borrowed) */
    guint next_seq, next_write;
} run_ctx;

static const char *catalogue_hash(const catalogue_entry *e) { return e != NULL ? e->hash : ""; }

/* The stamp key of a record with catalogue row e (may be NULL). */
static char *tags_key(const run_ctx *c, const catalogue_entry *e)
{
    return stamp_key_new(catalogue_hash(e), c->vocab_key);
}

static void store_copies(run_ctx *c);

static int maybe_commit(run_ctx *c, gboolean force)
{
    gint64 now = g_get_monotonic_time();
    guint pending = index_writer_pending(c->w);
    if (pending == 0)
        return 0;
    if (!force && pending < c->opt->batch &&
        now - c->last_commit_us < (gint64)c->opt->commit_every_s * G_USEC_PER_SEC)
        return 0;
    store_copies(c); /* committed with the documents they belong to */
    if (c->write_failed || index_writer_commit(c->w, &c->write_err) != 0) {
        c->write_failed = TRUE;
        return -1;
    }
    c->last_commit_us = now;
    return 0;
}

/* Records a write error; the run stops at the next check. */
static void write_error(run_ctx *c, const verr *e)
{
    if (!c->write_failed)
        c->write_err = *e;
    c->write_failed = TRUE;
}

/* ---- Copies ------------------------------------------------------------------- */

/* path is now the document of content sha256. */
static void keep_content(run_ctx *c, const char *sha256, const char *path)
{
    g_hash_table_replace(c->kept, g_strdup(sha256), g_strdup(path));
}

/* The path of the document holding content sha256, as far as this run
 * knows: one it kept, else an indexed file of that content still there;
 * NULL when none. */
static const char *content_holder(const run_ctx *c, const char *sha256)
{
    const char *kept = g_hash_table_lookup(c->kept, sha256);
    if (kept != NULL)
        return kept;
    GPtrArray *same = g_hash_table_lookup(c->state.by_sha, sha256);
    for (guint i = 0; same != NULL && i < same->len; i++) {
        const known_file *k = g_ptr_array_index(same, i);
        /* a file walked that still held it would be kept: this one changed */
        if (!k->seen && access(k->path, F_OK) == 0)
            return k->path;
    }
    return NULL;
}

static void mark_dirty(run_ctx *c, const char *sha256)
{
    g_hash_table_add(c->dirty, g_strdup(sha256));
}

/* Records path as a copy of content sha256 (nothing if it is one). */
static void add_copy(run_ctx *c, const char *sha256, const char *path, gint64 size, gint64 mtime)
{
    GPtrArray *list = g_hash_table_lookup(c->state.copies_by_sha, sha256);
    if (list == NULL) {
        list = copies_list_new();
        g_hash_table_insert(c->state.copies_by_sha, g_strdup(sha256), list);
    }
    if (copies_find(list, path) >= 0)
        return;
    known_file *k = copies_entry_new(path, size, mtime, sha256);
    k->seen = TRUE;
    g_ptr_array_add(list, k);
    g_hash_table_replace(c->state.copies, k->path, k);
    mark_dirty(c, sha256);
    c->sum->duplicates++;
}

/* Forgets copy k (freed). */
static void drop_copy(run_ctx *c, known_file *k)
{
    mark_dirty(c, k->sha256);
    g_hash_table_remove(c->state.copies, k->path);
    GPtrArray *list = g_hash_table_lookup(c->state.copies_by_sha, k->sha256);
    if (list != NULL)
        g_ptr_array_remove(list, k);
}

/* Stores the copies the run changed. */
static void store_copies(run_ctx *c)
{
    GHashTableIter it;
    gpointer sha;
    verr e;
    g_hash_table_iter_init(&it, c->dirty);
    while (g_hash_table_iter_next(&it, &sha, NULL) && !c->write_failed) {
        GPtrArray *list = g_hash_table_lookup(c->state.copies_by_sha, sha);
        if (index_writer_store_copies(c->w, sha, list, &e) != 0)
            write_error(c, &e);
    }
    g_hash_table_remove_all(c->dirty);
}

/* ---- Writing ------------------------------------------------------------------ */

static void clear_failure(run_ctx *c, const char *path)
{
    verr e;
    if (g_hash_table_contains(c->state.failed, path) &&
        index_writer_forget_failure(c->w, path, &e) != 0)
        write_error(c, &e);
}

static void record_failure(run_ctx *c, const job *j, const verr *why)
{
    /* a worker killed from outside twice says nothing of the file: it is
     * not remembered as failed, so the next run tries it again */
    verr e;
    if (strcmp(why->cls, "killed") != 0 &&
        index_writer_remember_failure(c->w, j->path, j->size, j->mtime, why->msg, &e) != 0)
        write_error(c, &e);
    if (why->code == VERR_UNSUPPORTED) {
        c->sum->skipped++;
        run_summary_add_problem(c->sum->skips, j->path, why->msg);
    } else {
        c->sum->failed++;
        run_summary_add_problem(c->sum->failures, j->path, why->msg);
    }
}

static void write_document(run_ctx *c, const job *j, docmeta *m)
{
    verr e;
    prepare_set_file(m, j->path, j->size, j->mtime);
    docmeta_set(&m->sha256, j->sha256);
    char *key = tags_key(c, j->cat);
    if (prepare_and_put(c->w, m, j->cat, j->correction_from, c->tagger, c->sum->notes, key,
                        &e) != 0 ||
        (j->correction_from != NULL &&
         (index_writer_move_correction(c->w, j->correction_from, m->id, &e) != 0 ||
          (strcmp(j->correction_from, m->id) != 0 &&
           index_writer_delete(c->w, j->correction_from, &e) != 0)))) {
        write_error(c, &e);
    } else {
        keep_content(c, j->sha256, j->path);
        guint ocr = m->ocr_pages != NULL ? m->ocr_pages->len : 0;
        c->sum->ocr_documents += ocr > 0;
        c->sum->ocr_pages += ocr;
        c->sum->ocr_skipped += (guint)MAX(m->ocr_skipped, 0);
        if (j->was_indexed)
            c->sum->updated++;
        else
            c->sum->added++;
        clear_failure(c, j->path);
    }
    g_free(key);
}

/* Writes extracted job j (its result, or its failure), then frees it. */
static void finish_job(run_ctx *c, job *j)
{
    docmeta *result = j->result;
    const verr *failure = &j->failure;
    j->result = NULL;
    if (g_hash_table_lookup(c->planned, j->sha256) == j)
        g_hash_table_remove(c->planned, j->sha256);
    if (result != NULL)
        write_document(c, j, result);
    else if (!run_stop_requested || failure->code != VERR_TIMEOUT)
        record_failure(c, j, failure);
    /* the files of the same content share its fate */
    for (guint i = 0; j->copies != NULL && i < j->copies->len; i++) {
        const known_file *k = g_ptr_array_index(j->copies, i);
        if (result != NULL) {
            add_copy(c, j->sha256, k->path, k->size, k->mtime);
        } else if (!run_stop_requested || failure->code != VERR_TIMEOUT) {
            job same = { .path = k->path, .size = k->size, .mtime = k->mtime, .sha256 = j->sha256 };
            record_failure(c, &same, failure);
        }
    }
    docmeta_free(result);
    if (maybe_commit(c, FALSE) != 0)
        run_stop_requested = 1;
    job_free(j);
}

/* Extracted jobs kept waiting for an earlier, slower one at most: past
 * it, the earliest waiting goes on (order is kept among the others). */
#define WRITE_ORDER_WAITING 64

/* Writes the finished jobs whose turn came; with force, every one. */
static void write_in_order(run_ctx *c, gboolean force)
{
    while (g_hash_table_size(c->finished) > 0) {
        guint seq = c->next_write;
        if (!g_hash_table_contains(c->finished, GUINT_TO_POINTER(seq))) {
            if (!force && g_hash_table_size(c->finished) <= WRITE_ORDER_WAITING)
                return;
            seq = G_MAXUINT; /* the earliest waiting goes on without the slow one */
            GHashTableIter it;
            gpointer key;
            g_hash_table_iter_init(&it, c->finished);
            while (g_hash_table_iter_next(&it, &key, NULL))
                seq = MIN(seq, GPOINTER_TO_UINT(key));
        }
        job *j = g_hash_table_lookup(c->finished, GUINT_TO_POINTER(seq));
        g_hash_table_remove(c->finished, GUINT_TO_POINTER(seq));
        if (seq >= c->next_write) /* a late one does not take the turn back */
            c->next_write = seq + 1;
        finish_job(c, j);
    }
}

/* sandbox_done_fn: j extracted (result taken) or failed; written in turn. */
static void on_extracted(void *job_ptr, docmeta *result, const verr *failure, void *ud)
{
    run_ctx *c = ud;
    job *j = job_ptr;
    j->result = result;
    if (result == NULL)
        j->failure = *failure;
    progress_step(&c->prog);
    g_hash_table_insert(c->finished, GUINT_TO_POINTER(j->seq), j);
    write_in_order(c, FALSE);
}

/* Rewrites an indexed document in place: new path (a move) and/or new
 * stamp (a touch, a new vocabulary), without re-extracting.  old_path
 * names the document to start from; its correction follows it. */
static int rewrite_document(run_ctx *c, const char *old_path, const walked_file *w,
                            const catalogue_entry *cat, verr *err)
{
    char old_id[DOC_ID_LEN + 1];
    char *key = NULL;
    int rc = -1;

    record_id_for_path(old_path, old_id);
    docmeta *m = docstore_load(index_writer_db(c->w), old_id, TRUE, err);
    if (m == NULL)
        goto cleanup;
    /* The stored text may be shorter than what was indexed (RECORD_DATA_TEXT_MAX):
     * rebuilding from it would lose terms, so only short texts are rebuilt. */
    if (m->text != NULL && strlen(m->text) >= RECORD_DATA_TEXT_MAX) {
        verr_set(err, VERR_INVALID, "move", "text too long to rebuild");
        goto cleanup;
    }
    /* A record older than title sources (schema 4) may lack the title the
     * extractor now infers from the layout: a file in place is extracted
     * again (a moved one is rebuilt, so that its correction follows it,
     * with the title title_settle gives it). */
    if (m->title_source == NULL && strcmp(old_path, w->path) == 0) {
        verr_set(err, VERR_INVALID, "move", "record without a title source");
        goto cleanup;
    }
    prepare_set_file(m, w->path, w->size, w->mtime);
    key = tags_key(c, cat);
    if (prepare_and_put(c->w, m, cat, old_id, c->tagger, c->sum->notes, key, err) != 0 ||
        index_writer_move_correction(c->w, old_id, m->id, err) != 0 ||
        (strcmp(old_id, m->id) != 0 && index_writer_delete(c->w, old_id, err) != 0))
        goto cleanup;
    rc = 0;
cleanup:
    g_free(key);
    docmeta_free(m);
    return rc;
}

/* ---- Decisions ------------------------------------------------------------------ */

/* An indexed file with this content whose own file is gone, or NULL. */
static const known_file *find_moved_from(const run_ctx *c, const char *sha256)
{
    GPtrArray *same = g_hash_table_lookup(c->state.by_sha, sha256);
    for (guint i = 0; same != NULL && i < same->len; i++) {
        const known_file *k = g_ptr_array_index(same, i);
        if (!k->seen && access(k->path, F_OK) != 0)
            return k;
    }
    return NULL;
}

/* When content sha256 is already another file's document, the walked
 * file w becomes a copy of it (its own document, if any, removed): TRUE.
 * known: w's document, or NULL. */
static gboolean plan_as_copy(run_ctx *c, const walked_file *w, const known_file *known,
                             const char *sha256)
{
    const char *holder = content_holder(c, sha256);
    if (holder == NULL || strcmp(holder, w->path) == 0)
        return FALSE;
    verr e;
    char id[DOC_ID_LEN + 1];
    record_id_for_path(w->path, id);
    if (known != NULL && index_writer_delete(c->w, id, &e) != 0) {
        write_error(c, &e);
        return TRUE;
    }
    add_copy(c, sha256, w->path, w->size, w->mtime);
    clear_failure(c, w->path);
    return TRUE;
}

/* A walked file that is a copy (k): TRUE when that settles it (unchanged,
 * or the same content under a new date); FALSE when its content changed:
 * it is no copy any more, and *sha gets its new content's hash, or stays
 * NULL when it cannot be read (recorded as failed). */
static gboolean plan_known_copy(run_ctx *c, known_file *k, const walked_file *w, char **sha)
{
    verr e;
    k->seen = TRUE;
    if (k->size == w->size && k->mtime == w->mtime) {
        c->sum->unchanged++;
        return TRUE;
    }
    if ((*sha = stamp_hash_file(w->path, &e)) == NULL) {
        job j = { .path = w->path, .size = w->size, .mtime = w->mtime };
        drop_copy(c, k);
        record_failure(c, &j, &e);
        return TRUE;
    }
    if (strcmp(*sha, k->sha256) == 0) {
        k->size = w->size;
        k->mtime = w->mtime;
        mark_dirty(c, k->sha256);
        c->sum->unchanged++;
        g_free(*sha);
        *sha = NULL;
        return TRUE;
    }
    drop_copy(c, k);
    return FALSE;
}

static job *job_new(const walked_file *w, char *sha256, const catalogue_entry *cat,
                    gboolean was_indexed)
{
    job *j = g_new0(job, 1);
    j->path = g_strdup(w->path);
    j->size = w->size;
    j->mtime = w->mtime;
    j->sha256 = sha256;
    j->cat = cat;
    j->was_indexed = was_indexed;
    return j;
}

/* Queues j, unless a job for the same content waits: j then becomes its
 * copy (and is freed), its file's document, if any, removed (it held
 * another content). */
static void queue_job(run_ctx *c, job *j, GQueue *todo)
{
    job *first = g_hash_table_lookup(c->planned, j->sha256);
    if (first != NULL) {
        verr e;
        char id[DOC_ID_LEN + 1];
        record_id_for_path(j->path, id);
        if (j->was_indexed && index_writer_delete(c->w, id, &e) != 0)
            write_error(c, &e);
        if (first->copies == NULL)
            first->copies = copies_list_new();
        g_ptr_array_add(first->copies, copies_entry_new(j->path, j->size, j->mtime, j->sha256));
        job_free(j);
        return;
    }
    g_hash_table_insert(c->planned, j->sha256, j);
    g_queue_push_tail(todo, j);
}

/* Decides what to do with one walked file; queues extraction jobs. */
static void plan_file(run_ctx *c, const walked_file *w, GQueue *todo)
{
    const catalogue_entry *cat = catalogue_lookup(c->cat, w->path);
    known_file *known = g_hash_table_lookup(c->state.indexed, w->path);
    known_file *copy = g_hash_table_lookup(c->state.copies, w->path);
    const known_file *failed = g_hash_table_lookup(c->state.failed, w->path);
    char *sha = NULL;
    verr e;

    char *key = tags_key(c, cat);
    gboolean same_key = known != NULL && strcmp(known->catalogue_hash, key) == 0;
    gboolean same_row = known != NULL && !stamp_key_row_changed(known->catalogue_hash, key);
    g_free(key);
    if (known != NULL)
        known->seen = TRUE;
    if (known != NULL && copy != NULL) { /* a document, whose copy entry is stale */
        drop_copy(c, copy);
        copy = NULL;
    }
    if (known != NULL && known->size == w->size && known->mtime == w->mtime && same_key) {
        /* an index written before copies may hold the same content twice */
        if (!plan_as_copy(c, w, known, known->sha256)) {
            keep_content(c, known->sha256, w->path);
            c->sum->unchanged++;
        }
        return;
    }
    if (copy != NULL && plan_known_copy(c, copy, w, &sha))
        return;
    if (failed != NULL && failed->size == w->size && failed->mtime == w->mtime) {
        g_free(sha);
        c->sum->failed_before++;
        return;
    }
    if (sha == NULL && (sha = stamp_hash_file(w->path, &e)) == NULL) {
        job j = { .path = w->path, .size = w->size, .mtime = w->mtime, .cat = cat };
        record_failure(c, &j, &e);
        return;
    }
    if (plan_as_copy(c, w, known, sha)) {
        g_free(sha);
        return;
    }
    if (known != NULL && strcmp(known->sha256, sha) == 0 && same_row) {
        /* same content and catalogue row: a touch, or a new vocabulary */
        if (rewrite_document(c, w->path, w, cat, &e) == 0) {
            keep_content(c, sha, w->path);
            c->sum->touched++;
            g_free(sha);
            return;
        }
    } else if (known == NULL) {
        const known_file *from = find_moved_from(c, sha);
        if (from != NULL && rewrite_document(c, from->path, w, cat, &e) == 0) {
            ((known_file *)from)->seen = TRUE; /* not pruned: it moved */
            keep_content(c, sha, w->path);
            c->sum->moved++;
            clear_failure(c, w->path);
            g_free(sha);
            return;
        }
    }
    queue_job(c, job_new(w, sha, cat, known != NULL), todo);
}

/* The first copy of content sha256 still there becomes its document: in
 * place of gone (an indexed file gone, whose correction it takes), or,
 * when gone is NULL, of a document that no longer holds that content.
 * The copy's record is rebuilt from gone's when it can be, else its file
 * is queued on later.  FALSE when no copy is left. */
static gboolean promote_copy(run_ctx *c, const char *sha256, const known_file *gone,
                             GQueue *later)
{
    GPtrArray *list = g_hash_table_lookup(c->state.copies_by_sha, sha256);
    while (list != NULL && list->len > 0) {
        known_file *k = g_ptr_array_index(list, 0);
        walked_file w = { g_strdup(k->path), k->size, k->mtime };
        if (k->seen && c->sum->unchanged > 0)
            c->sum->unchanged--; /* counted as an unchanged copy: it is promoted now */
        drop_copy(c, k);
        if (access(w.path, F_OK) != 0) {
            g_free(w.path);
            continue;
        }
        verr e;
        const catalogue_entry *cat = catalogue_lookup(c->cat, w.path);
        if (gone != NULL && rewrite_document(c, gone->path, &w, cat, &e) == 0) {
            c->sum->moved++;
        } else {
            /* gone's document (and correction) go once the copy is written */
            job *j = job_new(&w, g_strdup(sha256), cat, FALSE);
            if (gone != NULL) {
                char id[DOC_ID_LEN + 1];
                record_id_for_path(gone->path, id);
                j->correction_from = g_strdup(id);
            }
            queue_job(c, j, later);
        }
        keep_content(c, sha256, w.path);
        g_free(w.path);
        return TRUE;
    }
    return FALSE;
}

/* Removes the documents and copies whose files are gone; a document gone
 * with copies left moves to its first copy (queued on later when its
 * record cannot be rebuilt). */
static void prune(run_ctx *c, GQueue *later)
{
    GHashTableIter it;
    gpointer key, value;
    verr e;

    g_hash_table_iter_init(&it, c->state.indexed);
    while (g_hash_table_iter_next(&it, &key, &value) && !c->write_failed) {
        const known_file *k = value;
        if (k->seen || access(k->path, F_OK) == 0)
            continue;
        if (g_hash_table_contains(c->kept, k->sha256) || !promote_copy(c, k->sha256, k, later)) {
            char id[DOC_ID_LEN + 1];
            record_id_for_path(k->path, id);
            if (index_writer_delete(c->w, id, &e) != 0) {
                write_error(c, &e);
                return;
            }
            c->sum->removed++;
        }
    }
    GPtrArray *gone = g_ptr_array_new();
    g_hash_table_iter_init(&it, c->state.copies);
    while (g_hash_table_iter_next(&it, &key, &value))
        if (!((known_file *)value)->seen && access(key, F_OK) != 0)
            g_ptr_array_add(gone, value);
    for (guint i = 0; i < gone->len; i++)
        drop_copy(c, g_ptr_array_index(gone, i));
    g_ptr_array_unref(gone);
    g_hash_table_iter_init(&it, c->state.failed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const known_file *k = value;
        if (access(k->path, F_OK) != 0)
            clear_failure(c, k->path);
    }
}

/* Copies whose content no document holds any more (its file now holds
 * another content): the first one left becomes its document (queued on
 * later). */
static void settle_copies(run_ctx *c, GQueue *later)
{
    GHashTableIter it;
    gpointer sha, list;
    GPtrArray *orphans = g_ptr_array_new_with_free_func(g_free);
    verr e;
    g_hash_table_iter_init(&it, c->state.copies_by_sha);
    while (g_hash_table_iter_next(&it, &sha, &list) && !c->write_failed) {
        xap_docid holder = 0;
        if (((GPtrArray *)list)->len == 0 || g_hash_table_contains(c->planned, sha))
            continue;
        if (copies_holder(index_writer_db(c->w), sha, &holder, &e) != 0)
            write_error(c, &e);
        else if (holder == 0)
            g_ptr_array_add(orphans, g_strdup(sha));
    }
    for (guint i = 0; i < orphans->len; i++)
        promote_copy(c, g_ptr_array_index(orphans, i), NULL, later);
    g_ptr_array_unref(orphans);
}

/* ---- The run ------------------------------------------------------------------------ */

static void load_catalogues(run_ctx *c, const walk_result *walk)
{
    GPtrArray *files = g_ptr_array_new();
    if (c->opt->catalogue != NULL)
        g_ptr_array_add(files, (gpointer)c->opt->catalogue);
    for (guint i = 0; i < walk->catalogues->len; i++)
        g_ptr_array_add(files, g_ptr_array_index(walk->catalogues, i));
    catalogue_set_tagger(c->cat, c->tagger);
    for (guint i = 0; i < files->len; i++) {
        verr e;
        if (catalogue_load(c->cat, g_ptr_array_index(files, i), c->sum->notes, &e) != 0)
            g_ptr_array_add(c->sum->notes, g_strdup_printf("catalogue ignoré : %s", e.msg));
    }
    g_ptr_array_unref(files);
}

/* The vocabulary: the SKOS folder when given and valid, else the one the
 * index holds.  A new vocabulary is stored in the index. */
static int load_vocabulary(run_ctx *c, verr *err)
{
    verr e;
    if (c->opt->no_tagging)
        return 0;
    vocab *stored = vocab_store_load(index_writer_db(c->w), &e);
    if (stored == NULL && e.code != VERR_OK && e.code != VERR_PARSE) {
        *err = e;
        return -1;
    }
    if (stored == NULL && e.code != VERR_OK)
        g_ptr_array_add(c->sum->notes, g_strdup_printf("vocabulaire de l'index illisible : %s",
                                                       e.msg));
    if (c->opt->thesaurus != NULL) {
        char *files = skos_dir_digest(c->opt->thesaurus, &e);
        char *source = files != NULL ? g_strdup_printf("%s:%d:%s", files, VOCAB_JSON_VERSION,
                                                       SCHEMA_VERSION) : NULL;
        g_free(files);
        char *stored_source = NULL;
        if (stored != NULL && source != NULL &&
            xap_db_get_metadata(index_writer_db(c->w), META_THESAURUS_SOURCE, &stored_source,
                                NULL) == 0 && strcmp(source, stored_source) == 0) {
            c->vocab = stored; /* the same files: not read again (0.5 s with every commune) */
            stored = NULL;
        } else if ((c->vocab = skos_guard_load_dir(c->opt->thesaurus, &e)) == NULL) {
            g_ptr_array_add(c->sum->notes, g_strdup_printf(
                "thésaurus refusé, %s : %s", stored != NULL ? "le vocabulaire précédent reste "
                "en usage" : "pas d'étiquetage automatique", e.msg));
        } else if (index_writer_store_vocab(c->w, c->vocab, source, err) != 0) {
            free(stored_source);
            g_free(source);
            vocab_free(stored);
            return -1;
        }
        free(stored_source);
        g_free(source);
    }
    if (c->vocab == NULL)
        c->vocab = stored;
    else
        vocab_free(stored);
    if (c->vocab != NULL)
        c->tagger = tagger_new(c->vocab);
    vocab_store_key(c->vocab, c->vocab_key);
    return 0;
}

static void extract_all(run_ctx *c, GQueue *todo)
{
    if (g_queue_is_empty(todo)) {
        g_queue_free(todo);
        return;
    }
    sandbox_limits lim = { c->opt->jobs, c->opt->timeout_s, c->opt->mem_mb };
    sandbox *sb = sandbox_new(&lim);

    progress_start(&c->prog, g_queue_get_length(todo), c->opt->quiet);
    c->next_seq = c->next_write = 0;
    while (!run_stop_requested && !c->write_failed &&
           (!g_queue_is_empty(todo) || sandbox_running(sb) > 0)) {
        while (!g_queue_is_empty(todo) && sandbox_has_room(sb) && !run_stop_requested) {
            job *j = g_queue_pop_head(todo);
            j->seq = c->next_seq++;
            verr e;
            if (sandbox_start(sb, j->path, j, &e) != 0)
                on_extracted(j, NULL, &e, c); /* fails as if extracted, copies too */
        }
        sandbox_collect(sb, 200, on_extracted, c);
    }
    if (run_stop_requested)
        sandbox_abort(sb, on_extracted, c);
    write_in_order(c, TRUE); /* what waited for a job a stop or an error ended */
    progress_finish(&c->prog);
    sandbox_free(sb);
    g_hash_table_remove_all(c->planned); /* what is left (a stop) is freed */
    g_queue_free_full(todo, (GDestroyNotify)job_free);
}

static double cpu_seconds(int who)
{
    struct rusage ru;
    if (getrusage(who, &ru) != 0)
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void say_waiting(void *ud, unsigned wait_ms)
{
    (void)ud;
    fprintf(stderr, "veille-index : index verrouillé par une autre écriture, attente "
            "(%u s au plus)…\n", wait_ms / 1000);
}

/* Writes the run's summary and commits what is left. */
static void finish_run(run_ctx *c)
{
    verr e;
    char *json = run_summary_json(c->sum);
    if (!c->write_failed && index_writer_record_run(c->w, json, &e) != 0)
        write_error(c, &e);
    g_free(json);
    if (!c->write_failed)
        maybe_commit(c, TRUE);
}

int run_index(const run_options *opt, run_summary *sum, verr *err)
{
    run_ctx c = { .opt = opt, .sum = sum };
    c.kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    c.planned = g_hash_table_new(g_str_hash, g_str_equal);
    c.dirty = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c.finished = g_hash_table_new(g_direct_hash, g_direct_equal);
    walk_result walk = { 0 };
    GQueue *todo = g_queue_new();
    gint64 t0 = g_get_monotonic_time();
    char *db_abs = g_canonicalize_filename(opt->db_path, NULL);
    int rc = -1;

    writer_lock_wait wait = { opt->lock_wait_s * 1000, &run_stop_requested, say_waiting, NULL };
    if ((c.w = index_writer_open(db_abs, &wait, err)) == NULL || detect_init(err) != 0 ||
        index_state_load(&c.state, index_writer_db(c.w), err) != 0 ||
        load_vocabulary(&c, err) != 0 || index_writer_mark_schema(c.w, err) != 0 ||
        walk_inputs(opt->inputs, db_abs, &walk, err) != 0)
        goto cleanup;
    for (guint i = 0; i < walk.problems->len; i++)
        g_ptr_array_add(sum->notes, g_strdup(g_ptr_array_index(walk.problems, i)));
    c.cat = catalogue_new();
    load_catalogues(&c, &walk);
    c.last_commit_us = g_get_monotonic_time();
    sum->walked = walk.files->len;
    for (guint i = 0; i < walk.files->len && !run_stop_requested && !c.write_failed; i++) {
        plan_file(&c, g_ptr_array_index(walk.files, i), todo);
        maybe_commit(&c, FALSE);
    }
    extract_all(&c, todo);
    todo = g_queue_new();
    if (opt->prune && !run_stop_requested && !c.write_failed)
        prune(&c, todo);
    if (!run_stop_requested && !c.write_failed)
        settle_copies(&c, todo);
    extract_all(&c, todo); /* the copies promoted in place of their document */
    todo = NULL;
    store_copies(&c);
    /* the documentalist's requests that waited for this run's lock */
    if (!run_stop_requested && !c.write_failed) {
        verr e;
        if (apply_pending(c.w, db_abs, c.tagger, sum->requests, &e) != 0)
            g_ptr_array_add(sum->notes, g_strdup_printf("demandes en attente non appliquées : %s",
                                                        e.msg));
    }
    sum->interrupted = run_stop_requested != 0;
    sum->seconds = (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
    sum->cpu_index = cpu_seconds(RUSAGE_SELF);
    sum->cpu_extract = cpu_seconds(RUSAGE_CHILDREN);
    finish_run(&c);
    if (c.write_failed) {
        if (err != NULL)
            *err = c.write_err;
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (todo != NULL)
        g_queue_free_full(todo, (GDestroyNotify)job_free);
    catalogue_free(c.cat);
    tagger_free(c.tagger);
    vocab_free(c.vocab);
    walk_result_clear(&walk);
    index_state_clear(&c.state);
    g_hash_table_unref(c.kept);
    g_hash_table_unref(c.planned);
    g_hash_table_unref(c.dirty);
    g_hash_table_unref(c.finished);
    index_writer_free(c.w); /* nothing pending after the last commit */
    g_free(db_abs);
    return rc;
}
