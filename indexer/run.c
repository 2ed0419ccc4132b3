/* run.c - one indexing run (run.h).  Sections: summary, decisions
 * (unchanged / touched / moved / to extract), writing, the run itself. */
#include "run.h"
#include "apply.h"
#include "pending.h"
#include "docstore.h"
#include "catalogue.h"
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

/* Commit at least this often, whatever the batch size. */
#define COMMIT_EVERY_US (5 * G_USEC_PER_SEC)

/* ---- Summary ----------------------------------------------------------------- */

static void problem_free(gpointer p)
{
    run_problem *r = p;
    g_free(r->path);
    g_free(r->reason);
    g_free(r);
}

static void add_problem(GPtrArray *list, const char *path, const char *reason)
{
    run_problem *r = g_new0(run_problem, 1);
    r->path = g_strdup(path);
    r->reason = g_strdup(reason);
    g_ptr_array_add(list, r);
}

void run_summary_init(run_summary *s)
{
    memset(s, 0, sizeof *s);
    s->failures = g_ptr_array_new_with_free_func(problem_free);
    s->skips = g_ptr_array_new_with_free_func(problem_free);
    s->notes = g_ptr_array_new_with_free_func(g_free);
    s->requests = g_ptr_array_new_with_free_func((GDestroyNotify)pending_outcome_free);
}

void run_summary_clear(run_summary *s)
{
    if (s->failures != NULL) g_ptr_array_unref(s->failures);
    if (s->skips != NULL) g_ptr_array_unref(s->skips);
    if (s->notes != NULL) g_ptr_array_unref(s->notes);
    if (s->requests != NULL) g_ptr_array_unref(s->requests);
    memset(s, 0, sizeof *s);
}

void run_summary_print(const run_summary *s, FILE *out)
{
    guint done = s->added + s->updated;
    fprintf(out, "%s%u fichiers vus : %u ajoutés, %u mis à jour, %u inchangés, %u déplacés, "
            "%u supprimés, %u ignorés, %u en échec (+%u échecs ou ignorés connus, inchangés)\n",
            s->interrupted ? "Interrompu. " : "", s->walked, s->added, s->updated,
            s->unchanged + s->touched, s->moved, s->removed, s->skipped, s->failed,
            s->failed_before);
    fprintf(out, "Durée : %.1f s, %.1f documents extraits par seconde (CPU : extraction "
            "%.1f s, indexation %.1f s)\n", s->seconds, s->seconds > 0 ? done / s->seconds : 0.0,
            s->cpu_extract, s->cpu_index);
    if (s->failures->len > 0) {
        fprintf(out, "Échecs :\n");
        for (guint i = 0; i < s->failures->len; i++) {
            const run_problem *p = g_ptr_array_index(s->failures, i);
            fprintf(out, "  %s : %s\n", p->path, p->reason);
        }
    }
    if (s->skips->len > 0) {
        fprintf(out, "Ignorés (type non pris en charge) :\n");
        for (guint i = 0; i < s->skips->len; i++) {
            const run_problem *p = g_ptr_array_index(s->skips, i);
            fprintf(out, "  %s : %s\n", p->path, p->reason);
        }
    }
    if (s->notes->len > 0) {
        fprintf(out, "À corriger :\n");
        for (guint i = 0; i < s->notes->len; i++)
            fprintf(out, "  %s\n", (const char *)g_ptr_array_index(s->notes, i));
    }
}

/* name: [{path, reason}...] of list (run_problem *). */
static void add_problems(JsonBuilder *b, const char *name, const GPtrArray *list)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < list->len; i++) {
        const run_problem *p = g_ptr_array_index(list, i);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "path");
        json_builder_add_string_value(b, p->path);
        json_builder_set_member_name(b, "reason");
        json_builder_add_string_value(b, p->reason);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

char *run_summary_json(const run_summary *s)
{
    JsonBuilder *b = json_builder_new();
    GDateTime *now = g_date_time_new_now_utc();
    char *when = g_date_time_format_iso8601(now);
    const struct { const char *name; guint value; } counts[] = {
        { "walked", s->walked }, { "added", s->added }, { "updated", s->updated },
        { "unchanged", s->unchanged + s->touched }, { "moved", s->moved },
        { "removed", s->removed }, { "skipped", s->skipped }, { "failed", s->failed },
        { "failed_before", s->failed_before },
    };
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "finished");
    json_builder_add_string_value(b, when);
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++) {
        json_builder_set_member_name(b, counts[i].name);
        json_builder_add_int_value(b, counts[i].value);
    }
    json_builder_set_member_name(b, "seconds");
    json_builder_add_double_value(b, s->seconds);
    json_builder_set_member_name(b, "interrupted");
    json_builder_add_boolean_value(b, s->interrupted);
    add_problems(b, "failures", s->failures);
    add_problems(b, "skips", s->skips);
    json_builder_set_member_name(b, "notes");
    json_builder_begin_array(b);
    for (guint i = 0; i < s->notes->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(s->notes, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "requests");
    pending_outcomes_build(b, s->requests);
    json_builder_end_object(b);
    char *out = jsonutil_finish(b);
    g_free(when);
    g_date_time_unref(now);
    return out;
}

/* ---- The run's state -------------------------------------------------------- */

typedef struct {
    char *path;
    gint64 size, mtime;
    char *sha256;
    const catalogue_entry *cat;  /* borrowed from the run's catalogue */
    gboolean was_indexed;        /* replaces an older version */
} job;

static void job_free(job *j)
{
    g_free(j->path);
    g_free(j->sha256);
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
} run_ctx;

static const char *catalogue_hash(const catalogue_entry *e) { return e != NULL ? e->hash : ""; }

/* The stamp key of a record with catalogue row e (may be NULL). */
static char *tags_key(const run_ctx *c, const catalogue_entry *e)
{
    return stamp_key_new(catalogue_hash(e), c->vocab_key);
}

static int maybe_commit(run_ctx *c, gboolean force)
{
    gint64 now = g_get_monotonic_time();
    guint pending = index_writer_pending(c->w);
    if (pending == 0)
        return 0;
    if (!force && pending < c->opt->batch && now - c->last_commit_us < COMMIT_EVERY_US)
        return 0;
    if (index_writer_commit(c->w, &c->write_err) != 0) {
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
        add_problem(c->sum->skips, j->path, why->msg);
    } else {
        c->sum->failed++;
        add_problem(c->sum->failures, j->path, why->msg);
    }
}

static void write_document(run_ctx *c, const job *j, docmeta *m)
{
    verr e;
    prepare_set_file(m, j->path, j->size, j->mtime);
    docmeta_set(&m->sha256, j->sha256);
    char *key = tags_key(c, j->cat);
    if (prepare_and_put(c->w, m, j->cat, NULL, c->tagger, c->sum->notes, key, &e) != 0) {
        write_error(c, &e);
    } else {
        if (j->was_indexed)
            c->sum->updated++;
        else
            c->sum->added++;
        clear_failure(c, j->path);
    }
    g_free(key);
}

static void on_extracted(void *job_ptr, docmeta *result, const verr *failure, void *ud)
{
    run_ctx *c = ud;
    job *j = job_ptr;
    if (result != NULL)
        write_document(c, j, result);
    else if (!run_stop_requested || failure->code != VERR_TIMEOUT)
        record_failure(c, j, failure);
    docmeta_free(result);
    progress_step(&c->prog);
    if (maybe_commit(c, FALSE) != 0)
        run_stop_requested = 1;
    job_free(j);
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

/* Decides what to do with one walked file; queues extraction jobs. */
static void plan_file(run_ctx *c, const walked_file *w, GQueue *todo)
{
    const catalogue_entry *cat = catalogue_lookup(c->cat, w->path);
    known_file *known = g_hash_table_lookup(c->state.indexed, w->path);
    const known_file *failed = g_hash_table_lookup(c->state.failed, w->path);
    verr e;

    char *key = tags_key(c, cat);
    gboolean same_key = known != NULL && strcmp(known->catalogue_hash, key) == 0;
    gboolean same_row = known != NULL && !stamp_key_row_changed(known->catalogue_hash, key);
    g_free(key);
    if (known != NULL)
        known->seen = TRUE;
    if (known != NULL && known->size == w->size && known->mtime == w->mtime && same_key) {
        c->sum->unchanged++;
        return;
    }
    if (failed != NULL && failed->size == w->size && failed->mtime == w->mtime) {
        c->sum->failed_before++;
        return;
    }
    char *sha = stamp_hash_file(w->path, &e);
    if (sha == NULL) {
        job j = { w->path, w->size, w->mtime, NULL, cat, FALSE };
        record_failure(c, &j, &e);
        return;
    }
    if (known != NULL && strcmp(known->sha256, sha) == 0 && same_row) {
        /* same content and catalogue row: a touch, or a new vocabulary */
        if (rewrite_document(c, w->path, w, cat, &e) == 0) {
            c->sum->touched++;
            g_free(sha);
            return;
        }
    } else if (known == NULL) {
        const known_file *from = find_moved_from(c, sha);
        if (from != NULL && rewrite_document(c, from->path, w, cat, &e) == 0) {
            ((known_file *)from)->seen = TRUE; /* not pruned: it moved */
            c->sum->moved++;
            clear_failure(c, w->path);
            g_free(sha);
            return;
        }
    }
    job *j = g_new0(job, 1);
    j->path = g_strdup(w->path);
    j->size = w->size;
    j->mtime = w->mtime;
    j->sha256 = sha;
    j->cat = cat;
    j->was_indexed = known != NULL;
    g_queue_push_tail(todo, j);
}

static void prune(run_ctx *c)
{
    GHashTableIter it;
    gpointer key, value;
    verr e;

    g_hash_table_iter_init(&it, c->state.indexed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const known_file *k = value;
        if (k->seen || access(k->path, F_OK) == 0)
            continue;
        char id[DOC_ID_LEN + 1];
        record_id_for_path(k->path, id);
        if (index_writer_delete(c->w, id, &e) != 0) {
            write_error(c, &e);
            return;
        }
        c->sum->removed++;
    }
    g_hash_table_iter_init(&it, c->state.failed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const known_file *k = value;
        if (access(k->path, F_OK) != 0)
            clear_failure(c, k->path);
    }
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
    sandbox_limits lim = { c->opt->jobs, c->opt->timeout_s, c->opt->mem_mb };
    sandbox *sb = sandbox_new(&lim);

    progress_start(&c->prog, g_queue_get_length(todo), c->opt->quiet);
    while (!run_stop_requested && !c->write_failed &&
           (!g_queue_is_empty(todo) || sandbox_running(sb) > 0)) {
        while (!g_queue_is_empty(todo) && sandbox_has_room(sb) && !run_stop_requested) {
            job *j = g_queue_pop_head(todo);
            verr e;
            if (sandbox_start(sb, j->path, j, &e) != 0) {
                record_failure(c, j, &e);
                job_free(j);
                progress_step(&c->prog);
            }
        }
        sandbox_collect(sb, 200, on_extracted, c);
    }
    if (run_stop_requested)
        sandbox_abort(sb, on_extracted, c);
    progress_finish(&c->prog);
    sandbox_free(sb);
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
    todo = NULL;
    if (opt->prune && !run_stop_requested && !c.write_failed)
        prune(&c);
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
    index_writer_free(c.w); /* nothing pending after the last commit */
    g_free(db_abs);
    return rc;
}
