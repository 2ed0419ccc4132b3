/* apply.c - applying the documentalist's queued writes (apply.h). */
#include "apply.h"
#include "copies.h"
#include "correction.h"
#include "docstore.h"
#include "edit.h"
#include "jsonutil.h"
#include "pending.h"
#include "prepare.h"
#include "sandbox.h"
#include "state.h"
#include "vocab_store.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The stored correction JSON of a request as a docmeta, or NULL (none);
 * -1 with err when it is malformed. */
static int request_correction(const pending_request *r, docmeta **out, verr *err)
{
    *out = NULL;
    if (r->correction == NULL)
        return 0;
    *out = correction_parse(r->correction, err);
    return *out != NULL ? 0 : -1;
}

/* Why an uploaded file could not be indexed, as the daemon answers it:
 * a type Veille does not read stays VERR_UNSUPPORTED (415), any other
 * failure becomes class "unindexable" (422). */
static void upload_refused(verr *err, const verr *why)
{
    if (why->code == VERR_UNSUPPORTED)
        verr_set(err, VERR_UNSUPPORTED, "upload", "%s", why->msg);
    else
        verr_set(err, VERR_UNSUPPORTED, "unindexable", "fichier non indexé : %s", why->msg);
}

/* An uploaded file whose content is already document holder: it becomes
 * one of its copies (copies.h), and the form's fields correct it.  OUT:
 * o->doc_id. */
static int upload_as_copy(index_writer *w, const pending_request *r, const struct stat *st,
                          const char *sha, xap_docid holder, const tagger *t,
                          pending_outcome *o, verr *err)
{
    xap_doc *doc = NULL;
    docmeta *m = NULL, *corr = NULL;
    GPtrArray *list = NULL;
    int rc = -1;
    if (xap_db_get_document(index_writer_db(w), holder, &doc, err) != 0 ||
        (m = docstore_read(doc, FALSE, err)) == NULL ||
        (list = copies_load(index_writer_db(w), sha, err)) == NULL)
        goto cleanup;
    /* the upload indexed already under its own path: a correction only */
    gboolean itself = g_strcmp0(m->path, r->path) == 0;
    if (!itself && copies_find(list, r->path) < 0)
        g_ptr_array_add(list, copies_entry_new(r->path, st->st_size, st->st_mtime, sha));
    o->doc_id = g_strdup(m->id);
    if ((!itself && index_writer_store_copies(w, sha, list, err) != 0) ||
        request_correction(r, &corr, err) != 0 ||
        (corr != NULL && edit_correct(w, m->id, corr, t, err) != 0))
        goto cleanup;
    rc = 0;
cleanup:
    if (list != NULL)
        g_ptr_array_unref(list);
    docmeta_free(corr);
    docmeta_free(m);
    xap_doc_free(doc);
    return rc;
}

/* Indexes an uploaded file, with its form's fields as a correction; a
 * content already in the collection becomes a copy (upload_as_copy).
 * OUT: o->doc_id. */
static int apply_upload(index_writer *w, const pending_request *r, const tagger *t,
                        pending_outcome *o, verr *err)
{
    struct stat st;
    docmeta *m = NULL, *corr = NULL;
    char *sha = NULL, *key = NULL;
    char vkey[13];
    verr why;
    xap_docid holder = 0;
    int rc = -1;
    if (stat(r->path, &st) != 0) {
        verr_set(err, VERR_NOTFOUND, "upload", "fichier déposé disparu : %s", g_strerror(errno));
        return -1;
    }
    if ((sha = stamp_hash_file(r->path, err)) == NULL ||
        copies_holder(index_writer_db(w), sha, &holder, err) != 0)
        goto cleanup;
    if (holder != 0) {
        rc = upload_as_copy(w, r, &st, sha, holder, t, o, err);
        goto cleanup;
    }
    if ((m = sandbox_extract_one(r->path, &sandbox_default_limits, &why)) == NULL) {
        upload_refused(err, &why);
        unlink(r->path); /* a file Veille cannot index does not stay in the collection */
        goto cleanup;
    }
    prepare_set_file(m, r->path, st.st_size, st.st_mtime);
    o->doc_id = g_strdup(m->id);
    vocab_store_key(t != NULL ? tagger_vocab(t) : NULL, vkey);
    key = stamp_key_new(NULL, vkey);
    if (request_correction(r, &corr, err) != 0 ||
        (corr != NULL && index_writer_store_correction(w, m->id, corr, err) != 0))
        goto cleanup;
    docmeta_set(&m->sha256, sha);
    if (prepare_and_put(w, m, NULL, NULL, t, NULL, key, err) != 0 ||
        index_writer_forget_failure(w, r->path, err) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    g_free(key);
    g_free(sha);
    docmeta_free(corr);
    docmeta_free(m);
    return rc;
}

static int apply_one(index_writer *w, const pending_request *r, const tagger *t,
                     pending_outcome *o, verr *err)
{
    docmeta *corr = NULL;
    int rc = -1;
    switch (r->kind) {
    case PENDING_CORRECT:
        o->doc_id = g_strdup(r->doc_id);
        if (request_correction(r, &corr, err) == 0 && corr != NULL)
            rc = edit_correct(w, r->doc_id, corr, t, err);
        else if (corr == NULL && r->correction == NULL)
            verr_set(err, VERR_PARSE, "json", "correction vide");
        break;
    case PENDING_DELETE:
        o->doc_id = g_strdup(r->doc_id);
        rc = edit_delete(w, r->doc_id, NULL, err);
        break;
    case PENDING_UPLOAD:
        rc = apply_upload(w, r, t, o, err);
        break;
    }
    docmeta_free(corr);
    return rc;
}

/* apply_pending over queue, the requests listed (pending_list; those
 * queued since wait for the next pass). */
static int apply_queue(index_writer *w, const char *db_path, const GPtrArray *queue,
                       const tagger *t, GPtrArray *outcomes, verr *err)
{
    int rc = 0;
    /* what the caller wrote first is committed on its own */
    if (queue->len > 0 && index_writer_pending(w) > 0)
        rc = index_writer_commit(w, err);
    for (guint i = 0; i < queue->len && rc == 0; i++) {
        const pending_request *r = g_ptr_array_index(queue, i);
        pending_outcome *o = g_new0(pending_outcome, 1);
        o->name = g_strdup(r->name);
        o->kind = r->kind;
        o->applied = apply_one(w, r, t, o, &o->err) == 0;
        /* what is said applied must be in the index: commit first */
        if (index_writer_commit(w, err) != 0) {
            rc = -1;
        } else {
            o->done = g_get_real_time();
            rc = pending_finish(db_path, o, err);
        }
        if (outcomes != NULL && rc == 0)
            g_ptr_array_add(outcomes, o);
        else
            pending_outcome_free(o);
    }
    return rc;
}

int apply_pending(index_writer *w, const char *db_path, const tagger *t, GPtrArray *outcomes,
                  verr *err)
{
    GPtrArray *queue = pending_list(db_path, err);
    int rc = queue != NULL ? apply_queue(w, db_path, queue, t, outcomes, err) : -1;
    if (queue != NULL)
        g_ptr_array_unref(queue);
    return rc;
}

/* {"requests": [outcome...]} */
static char *outcomes_json(const GPtrArray *outcomes)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "requests");
    pending_outcomes_build(b, outcomes);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

static void print_outcomes(const GPtrArray *outcomes, gboolean json, FILE *out)
{
    if (json) {
        char *text = outcomes_json(outcomes);
        fprintf(out, "%s\n", text);
        g_free(text);
        return;
    }
    for (guint i = 0; i < outcomes->len; i++) {
        const pending_outcome *o = g_ptr_array_index(outcomes, i);
        fprintf(out, "%s %s : %s%s\n", pending_kind_name(o->kind), o->name,
                o->applied ? "appliquée" : "échec, ", o->applied ? "" : o->err.msg);
    }
}

/* Whether a request of queue tags (a correction, an upload): only then is
 * the vocabulary loaded (0.2 s with every commune). */
static gboolean queue_tags(const GPtrArray *queue)
{
    for (guint i = 0; i < queue->len; i++)
        if (((const pending_request *)g_ptr_array_index(queue, i))->kind != PENDING_DELETE)
            return TRUE;
    return FALSE;
}

int apply_run(const char *db_path, unsigned lock_wait_s, gboolean json, FILE *out, verr *err)
{
    writer_lock_wait wait = { lock_wait_s * 1000, NULL, NULL, NULL };
    GPtrArray *outcomes = g_ptr_array_new_with_free_func((GDestroyNotify)pending_outcome_free);
    index_writer *w = index_writer_open(db_path, &wait, err);
    GPtrArray *queue = w != NULL ? pending_list(db_path, err) : NULL;
    vocab *v = NULL;
    tagger *t = NULL;
    verr e;
    int rc = -1;
    if (queue == NULL)
        goto cleanup;
    verr_clear(&e);
    v = queue_tags(queue) ? vocab_store_load(index_writer_db(w), &e) : NULL;
    if (v == NULL && e.code != VERR_OK) {
        *err = e;
        goto cleanup;
    }
    t = v != NULL ? tagger_new(v) : NULL;
    rc = apply_queue(w, db_path, queue, t, outcomes, err);
    print_outcomes(outcomes, json, out);
cleanup:
    if (queue != NULL)
        g_ptr_array_unref(queue);
    tagger_free(t);
    vocab_free(v);
    index_writer_free(w);
    g_ptr_array_unref(outcomes);
    return rc;
}
