/* writes.c - the documentalist's writes, run by the writer thread
 * (writes.h). */
#include "writes.h"
#include "admin.h"
#include "correction.h"
#include "document.h"
#include "docstore.h"
#include "http.h"
#include "jsonutil.h"
#include "pending.h"
#include "submit.h"
#include "title.h"
#include "upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { WRITE_DELETE, WRITE_PATCH, WRITE_UPLOAD, WRITE_RETRY } write_kind;

struct write_task {
    write_kind kind;
    char *id;                    /* DELETE, PATCH */
    request *rq;                 /* borrowed: its connection is suspended; NULL: a retry */
    unsigned status;             /* 0 until the answer is ready */
    char *body;                  /* JSON; MHD frees it */
};

void write_task_free(write_task *t)
{
    if (t == NULL)
        return;
    g_free(t->id);
    free(t->body);
    g_free(t);
}

static void task_verr(write_task *t, const verr *err)
{
    t->body = http_verr_json(err, &t->status);
}

/* The document's record as the answer, with status. */
static void task_document(server *sv, write_task *t, const char *id, unsigned status)
{
    verr err;
    searcher *s = server_searcher(sv, &err);
    char *json = s != NULL ? document_json(s, id, &err) : NULL;
    if (json == NULL) {
        task_verr(t, &err);
        return;
    }
    t->status = status;
    t->body = json;
}

/* The answer to a queued write: the document (status) when applied, 202
 * when left pending, the failure's error otherwise. */
static void task_submitted(server *sv, write_task *t, const submit_result *res, unsigned status)
{
    if (res->state == SUBMIT_PENDING) {
        t->status = MHD_HTTP_ACCEPTED;
        t->body = submit_pending_json(res);
    } else if (res->state == SUBMIT_FAILED) {
        task_verr(t, &res->err);
    } else if (t->kind == WRITE_DELETE) {
        JsonBuilder *b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "deleted");
        json_builder_add_string_value(b, t->id);
        json_builder_set_member_name(b, "message");
        json_builder_add_string_value(b, "document retiré de l'index ; fichier mis à la corbeille");
        json_builder_end_object(b);
        t->status = MHD_HTTP_OK;
        t->body = jsonutil_finish(b);
    } else {
        task_document(sv, t, res->doc_id, status);
    }
}

/* Whether document id is in the index; FALSE with the answer set. */
static gboolean task_document_exists(server *sv, write_task *t, const char *id)
{
    verr err;
    char *path = NULL, *mime = NULL;
    searcher *s = server_searcher(sv, &err);
    int rc = s != NULL ? document_file(s, id, &path, &mime, &err) : -1;
    g_free(path);
    g_free(mime);
    if (rc != 0)
        task_verr(t, &err);
    return rc == 0;
}

/* Queues a correction (its JSON, checked first) or a deletion of t->id. */
static void run_edit(server *sv, write_task *t, pending_kind kind, const char *correction)
{
    verr err;
    submit_result res = { 0 };
    docmeta *parsed = NULL;
    if (kind == PENDING_CORRECT && (parsed = correction_parse(correction, &err)) == NULL) {
        task_verr(t, &err);
        return;
    }
    docmeta_free(parsed);
    if (!task_document_exists(sv, t, t->id))
        return;
    pending_request r = { .kind = kind, .doc_id = t->id, .correction = (char *)correction };
    if (submit_write(sv->db_path, &r, &res, &err) != 0)
        task_verr(t, &err);
    else
        task_submitted(sv, t, &res, MHD_HTTP_OK);
    g_free(r.name);
    submit_result_clear(&res);
}

/* DELETE /api/documents/{id}: the documentalist removes a document. */
static void run_delete(server *sv, write_task *t)
{
    run_edit(sv, t, PENDING_DELETE, NULL);
}

/* PATCH /api/documents/{id}: corrections of title, type, date, authors,
 * organisation, summary, themes, regions (correction.h), kept across
 * later indexing runs. */
static void run_patch(server *sv, write_task *t)
{
    run_edit(sv, t, PENDING_CORRECT, t->rq->body != NULL ? t->rq->body->str : "");
}

/* FALSE, with the answer in t, when the upload's content is already in
 * the collection (409, with the document it is) or the index cannot say;
 * TRUE: go on. */
static gboolean upload_checked(server *sv, write_task *t)
{
    verr err;
    char *id = NULL;
    searcher *s = server_searcher(sv, &err);
    if (s == NULL || searcher_reopen(s, &err) != 0 ||
        upload_duplicate(t->rq->up, searcher_db(s), &id, &err) != 0) {
        task_verr(t, &err);
        return FALSE;
    }
    if (id == NULL)
        return TRUE;
    docmeta *m = docstore_load(searcher_db(s), id, FALSE, NULL);
    char *title = m != NULL ? title_shown(m) : NULL;
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    jsonutil_add_string(b, "error", "duplicate");
    char *message = g_strdup_printf("ce fichier est déjà dans la collection%s%s%s : envoyez-le "
                                    "avec confirm=1 pour l'ajouter quand même",
                                    title != NULL ? " (« " : "", title != NULL ? title : "",
                                    title != NULL ? " »)" : "");
    jsonutil_add_string(b, "message", message);
    char *link = g_strdup_printf("/api/documents/%s", id), *page = g_strdup_printf("/?doc=%s", id);
    jsonutil_add_string(b, "document", link);
    jsonutil_add_string(b, "page", page);
    json_builder_end_object(b);
    t->status = MHD_HTTP_CONFLICT;
    t->body = jsonutil_finish(b);
    g_free(page);
    g_free(link);
    g_free(message);
    g_free(title);
    docmeta_free(m);
    g_free(id);
    return FALSE;
}

/* POST /api/documents, once the body is in. */
static void run_upload(server *sv, write_task *t)
{
    verr err;
    request *rq = t->rq;
    submit_result res = { 0 };
    if (rq->body_err.code == VERR_OK)
        multipart_finish(rq->mp, &rq->body_err);
    const verr *failed = rq->body_err.code != VERR_OK ? &rq->body_err : NULL;
    if (failed != NULL && failed->code == VERR_NOMEM) {
        t->status = MHD_HTTP_CONTENT_TOO_LARGE;
        t->body = http_error_json("too_large", failed->msg);
    } else if (failed != NULL) {
        task_verr(t, failed);
    } else if (!upload_checked(sv, t)) {
        /* a copy of a document already there: answered */
    } else if (upload_finish(rq->up, sv->db_path, &res, &err) != 0) {
        task_verr(t, &err);
    } else {
        task_submitted(sv, t, &res, MHD_HTTP_CREATED);
    }
    submit_result_clear(&res);
}

/* Applies the writes left queued (writes_retry_loop's task). */
static void run_retry(server *sv, write_task *t)
{
    verr err;
    (void)t;
    g_atomic_int_set(&sv->retry_queued, 0);
    if (submit_retry(sv->db_path, &err) != 0)
        fprintf(stderr, "veille-searchd: pending writes not applied yet: %s\n", err.msg);
}

void writes_worker(gpointer data, gpointer user_data)
{
    server *sv = user_data;
    write_task *t = data;
    static void (*const run[])(server *, write_task *) = {
        [WRITE_DELETE] = run_delete, [WRITE_PATCH] = run_patch, [WRITE_UPLOAD] = run_upload,
        [WRITE_RETRY] = run_retry,
    };
    run[t->kind](sv, t);
    if (t->rq == NULL) { /* a retry: no connection waits for it */
        write_task_free(t);
        return;
    }
    MHD_resume_connection(t->rq->conn);
    server_work_done(sv);
}

gpointer writes_retry_loop(gpointer data)
{
    server *sv = data;
    gint64 next = 0;
    while (!g_atomic_int_get(&sv->stopping)) {
        gint64 now = g_get_monotonic_time();
        if (now >= next && !g_atomic_int_get(&sv->retry_queued)) {
            snapshot *sn = server_snapshot(sv);
            next = now + (gint64)MAX(sn->settings.retry_s, 1) * G_USEC_PER_SEC;
            snapshot_unref(sn);
            GPtrArray *queue = pending_list(sv->db_path, NULL);
            if (queue != NULL && queue->len > 0) {
                write_task *t = g_new0(write_task, 1);
                t->kind = WRITE_RETRY;
                g_atomic_int_set(&sv->retry_queued, 1);
                g_thread_pool_push(sv->writes, t, NULL);
            }
            if (queue != NULL)
                g_ptr_array_unref(queue);
        }
        g_usleep(100 * 1000);
    }
    return NULL;
}

/* A write: handed to the writer thread on the first call, answered when
 * it resumes the connection. */
static enum MHD_Result start_write(server *sv, request *rq, write_kind kind, const char *id)
{
    if (rq->write == NULL) {
        if (!server_work_begin(sv))
            return http_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "stopping",
                                   "arrêt en cours");
        write_task *t = g_new0(write_task, 1);
        t->kind = kind;
        t->id = g_strdup(id);
        t->rq = rq;
        rq->write = t;
        MHD_suspend_connection(rq->conn);
        g_thread_pool_push(sv->writes, t, NULL);
        return MHD_YES;
    }
    if (rq->write->status == 0) /* woken up early */
        return MHD_YES;
    char *body = rq->write->body;
    rq->write->body = NULL;
    return http_send_json(rq, rq->write->status, body);
}

enum MHD_Result writes_delete(server *sv, request *rq, const char *url, const char *id)
{
    (void)url;
    return start_write(sv, rq, WRITE_DELETE, id);
}

enum MHD_Result writes_patch(server *sv, request *rq, const char *url, const char *id)
{
    (void)url;
    if (rq->write == NULL) {
        const char *type = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Content-Type");
        if (type == NULL || !g_str_has_prefix(type, "application/json"))
            return http_send_error(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                                   "corps attendu en application/json");
        if (rq->too_large)
            return http_send_error(rq, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                                   "corps de plus de 64 Kio");
    }
    return start_write(sv, rq, WRITE_PATCH, id);
}

enum MHD_Result writes_upload(server *sv, request *rq, const char *url, const char *unused)
{
    (void)url;
    (void)unused;
    if (rq->refused) /* with the right token (routes.c checked it): no form reader */
        return rq->up == NULL ? http_send_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "error",
                                                "dossier de dépôt inaccessible")
                              : http_send_verr(rq, &rq->body_err);
    return start_write(sv, rq, WRITE_UPLOAD, NULL);
}

/* ---- Bodies ---------------------------------------------------------------------------- */

gboolean writes_read_body(request *rq, const char *method, const char *url, const char *data,
                          size_t *size)
{
    gboolean post_upload = strcmp(method, "POST") == 0 && strcmp(url, "/api/documents") == 0;
    if (post_upload && rq->mp == NULL && !rq->refused) {
        /* refusals are answered once the body has been read (and dropped):
         * answering earlier makes libmicrohttpd drop the connection */
        const char *token = rq->snap->settings.admin_token;
        rq->refused = token == NULL ||
                      !admin_authorised(MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                                    "Authorization"), token);
        if (!rq->refused) {
            rq->up = upload_new(rq->snap->settings.collection, &rq->body_err);
            rq->mp = rq->up != NULL
                ? multipart_new(MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                            "Content-Type"),
                                &upload_form, rq->up, &rq->body_err)
                : NULL;
            rq->refused = rq->mp == NULL;
        }
    }
    if (*size == 0)
        return FALSE;
    if (post_upload && rq->mp != NULL && !rq->refused && rq->body_err.code == VERR_OK)
        multipart_feed(rq->mp, data, *size, &rq->body_err);
    if (strcmp(method, "PATCH") == 0 || (strcmp(method, "POST") == 0 && !post_upload)) {
        if (rq->body == NULL)
            rq->body = g_string_new(NULL);
        if (rq->body->len + *size > WRITES_BODY_MAX)
            rq->too_large = TRUE;
        else
            g_string_append_len(rq->body, data, (gssize)*size);
    }
    *size = 0;
    return TRUE;
}
