/* search_jobs.c - searches run by the pool, answers from the cache
 * (search_jobs.h). */
#include "search_jobs.h"
#include "feed.h"
#include "http.h"
#include "params.h"
#include "render_json.h"

#include <poll.h>
#include <stdlib.h>

struct search_job {
    search_request req;    /* its arrays owned */
    char *bad;             /* a bad parameter: answered without searching */
    gboolean atom;         /* an Atom feed, not JSON */
    char *base, *self;     /* feeds: the server's address and the request's */
    gint64 t0;
    request *rq;           /* borrowed: its connection is suspended while the job runs */
    char *key;             /* its key in the answer cache; NULL: no cache */
    unsigned status;       /* 0 until the answer is ready */
    char *body;            /* JSON or Atom; MHD frees it */
};

/* Whether the client of connection c (the user data) has hung up: a
 * search nobody waits for is abandoned (search_request.gone). */
static gboolean connection_gone(void *ud)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(ud, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (info == NULL)
        return FALSE;
    struct pollfd p = { .fd = info->connect_fd, .events = POLLRDHUP };
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *value)
{
    (void)kind;
    params_add(cls, key, value);
    return MHD_YES;
}

/* Parses the search parameters of c into req (arrays created here, freed
 * by params_clear); returns NULL, or a French message about the first bad
 * parameter (caller frees). */
static char *read_request(struct MHD_Connection *c, search_request *req)
{
    params p;
    params_init(&p, req);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_arg, &p);
    return params_take_error(&p);
}

static search_job *search_job_new(const server *sv, request *rq, const char *url,
                                  gboolean atom)
{
    search_job *j = g_new0(search_job, 1);
    j->t0 = g_get_monotonic_time();
    j->atom = atom;
    j->rq = rq;
    j->req = (search_request){ .page = 1, .per_page = atom ? 20 : 10, .no_facets = atom,
                               .sort = atom ? SORT_ADDED : SORT_RELEVANCE, .tuning = &rq->snap->settings.tuning,
                               .v = rq->snap->v, .m = rq->snap->m,
                               .gone = connection_gone, .gone_ud = rq->conn };
    j->bad = read_request(rq->conn, &j->req);
    if (atom) {
        j->base = http_public_base(sv, rq);
        j->self = http_request_target(rq, url);
    }
    return j;
}

void search_job_free(search_job *j)
{
    if (j == NULL)
        return;
    params_clear(&j->req);
    g_free(j->bad);
    g_free(j->base);
    g_free(j->self);
    g_free(j->key);
    free(j->body);
    g_free(j);
}

/* Sets the job's status and body: r rendered as Atom, or its JSON json
 * (render_json_search) with took_ms, cached or not; err when r is NULL. */
static void search_job_finish(server *sv, search_job *j, const search_result *r, const char *json,
                              double took_ms, gboolean cached, const verr *err)
{
    /* what coordinators look for: a search's first page, not feeds */
    if (r != NULL && !j->atom && j->req.page == 1 && sv->demand != NULL)
        demand_record(sv->demand, j->req.q, r->total);
    if (r == NULL) {
        j->body = http_verr_json(err, &j->status);
        j->atom = FALSE; /* errors are JSON */
    } else if (!j->atom) {
        j->status = MHD_HTTP_OK;
        j->body = render_json_timed(json, took_ms, cached);
    } else {
        j->body = feed_render(r, j->base, j->self);
        j->status = j->body != NULL ? MHD_HTTP_OK : MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* The job's answer from the cache, looked up in the connection's thread
 * (a hit needs no search thread).  FALSE on a miss, j->key then set for
 * the worker to store the result under. */
static gboolean search_job_cached(server *sv, search_job *j)
{
    verr err;
    searcher *s = sv->cache != NULL ? server_searcher(sv, &err) : NULL;
    if (s == NULL ||
        (j->key = search_cache_key(s, &j->req, j->rq->snap->generation, &err)) == NULL)
        return FALSE;
    char *json = NULL;
    search_result *r = response_cache_get(sv->cache, j->key, &json);
    if (r == NULL)
        return FALSE;
    search_job_finish(sv, j, r, json, (double)(g_get_monotonic_time() - j->t0) / 1000.0, TRUE,
                      NULL);
    g_ref_string_release(json);
    search_result_unref(r);
    return TRUE;
}

/* Runs the job's search (in a search thread) and caches its result. */
static void search_job_run(server *sv, search_job *j)
{
    verr err;
    verr_clear(&err);
    searcher *s = server_searcher(sv, &err);
    search_result *r = s != NULL ? search_run(s, &j->req, &err) : NULL;
    /* the JSON is rendered for the answer, or for the cache's JSON hits */
    /* stored under the state this search saw, not the one the lookup's
     * reader saw (search_result_key) */
    char *key = r != NULL && j->key != NULL
        ? search_result_key(s, &j->req, j->rq->snap->generation) : NULL;
    char *json = r != NULL && (!j->atom || key != NULL) ? render_json_search(r) : NULL;
    if (key != NULL)
        response_cache_put(sv->cache, key, r, json);
    g_free(key);
    search_job_finish(sv, j, r, json, r != NULL ? r->took_ms : 0, FALSE, &err);
    g_free(json);
    search_result_unref(r);
}

void search_job_worker(gpointer job, gpointer user_data)
{
    server *sv = user_data;
    search_job *j = job;
    search_job_run(sv, j);
    MHD_resume_connection(j->rq->conn);
    server_work_done(sv);
}

static enum MHD_Result search_job_send(request *rq, search_job *j)
{
    char *body = j->body;
    j->body = NULL;
    return j->atom ? http_send_body(rq, j->status, "application/atom+xml; charset=utf-8",
                                    j->status == MHD_HTTP_OK ? HTTP_FEED_CACHE_CONTROL
                                                             : "no-store", body)
                   : http_send_json(rq, j->status, body);
}

enum MHD_Result search_job_answer(server *sv, request *rq, const char *url, gboolean atom)
{
    if (rq->job == NULL) {
        rq->job = search_job_new(sv, rq, url, atom);
        if (rq->job->bad != NULL)
            return http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_parameter", rq->job->bad);
        if (search_job_cached(sv, rq->job))
            return search_job_send(rq, rq->job);
        if (!server_work_begin(sv))
            return http_send_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "stopping",
                                   "arrêt en cours");
        MHD_suspend_connection(rq->conn);
        g_thread_pool_push(params_costly(&rq->job->req) ? sv->costly : sv->pool, rq->job, NULL);
        return MHD_YES;
    }
    if (rq->job->status == 0) /* woken up early: nothing to send yet */
        return MHD_YES;
    return search_job_send(rq, rq->job);
}
