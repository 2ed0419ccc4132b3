/* main.c - veille-searchd: options, the vocabulary, libmicrohttpd with a
 * thread pool (one searcher, hence one Xapian Database, per thread),
 * routing, JSON errors, access log, signals.
 *
 * First step of the daemon: GET /healthz, /api/search, /feed.atom,
 * /api/thesaurus, /api/documents/{id} and /documents/{id}/file.  Every answer is JSON; a user's mistake is a 400
 * with a message, an unknown path a 404, another method a 405. */
#include "admin.h"
#include "correction.h"
#include "pending.h"
#include "submit.h"
#include "clients.h"
#include "feed.h"
#include "upload.h"
#include "jsonutil.h"
#include "metrics.h"
#include "params.h"
#include "match.h"
#include "schema.h"
#include "reply_error.h"
#include "response_cache.h"
#include "search.h"
#include "static.h"
#include "vocab.h"
#include "xapian-c/xapian_c.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB "var/index"
#define DEFAULT_LISTEN "127.0.0.1:8080"

/* What SIGHUP reloads: the vocabulary (from the index) and the settings
 * of the configuration file.  Requests hold a reference while they run. */
typedef struct {
    gint refs;
    vocab *v;              /* NULL if the index holds none */
    matcher *m;
    char **cors_origins;   /* origins allowed to call the API from a browser */
    char *admin_token;     /* documentalist token, NULL: admin endpoints off */
    char *collection;      /* folder where uploaded reports go */
    char *web_dir;         /* pages, scripts and styles (static.h) */
    char *public_url;      /* "https://host[/prefix]" of absolute links; NULL: see public_base */
    unsigned retry_s;      /* how often writes left pending are tried again, [admin] retry_s */
    search_tuning tuning;  /* ranking settings, [search] */
    unsigned generation;   /* which snapshot this is: part of cache keys */
    gboolean no_index;     /* the index could not be opened: no vocabulary yet */
} snapshot;

typedef struct {
    char *db_path;
    char *config_path;     /* may be NULL */
    char *listen;          /* "host:port" listened on */
    clients *clients;      /* trusted proxies, shares of each client */
    snapshot *snap;        /* current one, guarded by lock */
    pthread_mutex_t lock;  /* guards snap and searchers */
    GPtrArray *searchers;  /* every thread's searcher, freed at exit */
    pthread_key_t key;     /* this thread's searcher */
    response_cache *cache; /* recent search answers; NULL: none */
    GThreadPool *pool;     /* the threads that run searches */
    GThreadPool *costly;   /* the one thread that runs costly searches (params_costly) */
    GThreadPool *writes;   /* the thread that runs the documentalist's writes */
    gint in_flight;        /* searches handed to the pool and not answered */
    gint retry_queued;     /* a retry of pending writes is in the writer's queue */
    GThread *retrier;      /* queues those retries (retry_loop) */
    gint stopping;         /* SIGTERM: no more searches to the pool */
} server;

static void reload(server *sv);

/* This thread's searcher, opened on first use.  While the index cannot be
 * opened (not created yet, damaged) each call tries again; the first
 * thread to open it after the daemon started without it loads the
 * vocabulary (reload). */
static searcher *thread_searcher(server *sv, verr *err)
{
    searcher *s = pthread_getspecific(sv->key);
    if (s != NULL)
        return s;
    s = searcher_new(sv->db_path, NULL, NULL, err);
    if (s == NULL)
        return NULL;
    pthread_setspecific(sv->key, s);
    pthread_mutex_lock(&sv->lock);
    g_ptr_array_add(sv->searchers, s);
    gboolean stale = sv->snap->no_index;
    sv->snap->no_index = FALSE; /* one reload, whichever thread sees it first */
    pthread_mutex_unlock(&sv->lock);
    if (stale)
        reload(sv);
    return s;
}

static void snapshot_unref(snapshot *sn)
{
    if (sn == NULL || !g_atomic_int_dec_and_test(&sn->refs))
        return;
    matcher_free(sn->m);
    vocab_free(sn->v);
    g_strfreev(sn->cors_origins);
    g_free(sn->admin_token);
    g_free(sn->collection);
    g_free(sn->web_dir);
    g_free(sn->public_url);
    g_free(sn);
}

static snapshot *snapshot_ref(server *sv)
{
    pthread_mutex_lock(&sv->lock);
    snapshot *sn = sv->snap;
    g_atomic_int_inc(&sn->refs);
    pthread_mutex_unlock(&sv->lock);
    return sn;
}

/* ---- Requests ------------------------------------------------------------------- */

typedef struct search_job search_job;
typedef struct write_task write_task;

/* One request, from the URI log callback (MHD's first call) to completion. */
typedef struct {
    gint64 start_us;
    snapshot *snap;     /* vocabulary and settings for this request */
    char *uri;          /* as received, for the access log */
    const char *route;  /* short name for metrics */
    unsigned status;    /* set when the response is queued */
    gboolean started;   /* on_request has seen the headers */
    GString *body;      /* request body (PATCH), at most BODY_MAX bytes */
    multipart *mp;      /* the upload's form (POST) */
    verr body_err;      /* why the form was refused (body_err.code != VERR_OK) */
    upload *up;
    gboolean refused;   /* POST: answered before reading the body */
    gboolean too_large; /* the body went past BODY_MAX */
    search_job *job;    /* GET /api/search, /feed.atom */
    write_task *write;  /* DELETE, PATCH, POST: run by the writer thread */
    char *client;       /* the one asking (clients.h), for the log */
    gboolean proxied;   /* through a trusted proxy: one of client's requests counted */
} request;

#define BODY_MAX (64u * 1024u)

/* The request this thread is answering (MHD calls on_request synchronously). */
static _Thread_local request *current;

/* CORS: an allowed Origin gets itself back (the embedding website). */
static void add_cors(struct MHD_Connection *c, struct MHD_Response *r)
{
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (origin == NULL || current == NULL || current->snap->cors_origins == NULL)
        return;
    for (char **o = current->snap->cors_origins; *o != NULL; o++)
        if (strcmp(*o, origin) == 0 || strcmp(*o, "*") == 0) {
            MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
            MHD_add_response_header(r, "Vary", "Origin");
            break;
        }
}

/* Queues r with status, recording the status for the log and metrics. */
static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
    if (current != NULL)
        current->status = status;
    add_cors(c, r);
    return MHD_queue_response(c, status, r);
}

/* ---- Responses ------------------------------------------------------------------ */

/* body (taken; NULL: empty) as type with status and cache_control
 * (NULL: no Cache-Control header). */
static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status, const char *type,
                                 const char *cache_control, char *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body != NULL ? strlen(body) : 0, body != NULL ? body : (char *)"",
        body != NULL ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", type);
    if (cache_control != NULL)
        MHD_add_response_header(r, "Cache-Control", cache_control);
    enum MHD_Result ret = queue(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* The API's answers follow the index: browsers and proxies keep none. */
static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, char *body)
{
    return send_body(c, status, "application/json; charset=utf-8", "no-store", body);
}

/* How long shared caches may keep a feed: a feed reader polls, a proxy
 * answers most polls; five minutes late is still news. */
#define FEED_CACHE_CONTROL "public, max-age=300"

/* {"error": code, "message": message}.  Caller frees (g_free or free:
 * g_malloc is malloc in GLib >= 2.46, and MHD frees bodies with free). */
static char *error_json(const char *code, const char *message)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "error");
    json_builder_add_string_value(b, code);
    json_builder_set_member_name(b, "message");
    json_builder_add_string_value(b, message);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *code,
                                  const char *message)
{
    return send_json(c, status, error_json(code, message));
}

/* The JSON error for err (reply_error.h); its detail, when it is not for
 * the client, goes to the log.  OUT *status.  Caller frees. */
static char *verr_json(const verr *err, unsigned *status)
{
    reply_error re;
    reply_error_for(err, &re);
    if (re.log_detail)
        fprintf(stderr, "veille-searchd: %s: %s (%s)\n", re.code, err->msg, err->cls);
    *status = re.status;
    return error_json(re.code, re.message);
}

static enum MHD_Result send_verr(struct MHD_Connection *c, const verr *err)
{
    unsigned status;
    char *body = verr_json(err, &status);
    return send_json(c, status, body);
}

/* ---- /api/search --------------------------------------------------------------------- */

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

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    GString *out = cls;
    (void)kind;
    char *k = g_uri_escape_string(key, NULL, FALSE);
    char *v = g_uri_escape_string(value != NULL ? value : "", NULL, FALSE);
    g_string_append_printf(out, "%c%s=%s", strchr(out->str, '?') != NULL ? '&' : '?', k, v);
    g_free(v);
    g_free(k);
    return MHD_YES;
}

/* The path and query of the request, escaped again.  Caller frees. */
static char *request_target(struct MHD_Connection *c, const char *url)
{
    GString *out = g_string_new(url);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, out);
    return g_string_free(out, FALSE);
}

/* The scheme, host and port of absolute links (feeds, OpenSearch): the
 * configured public_url; else, through a trusted proxy, what its
 * X-Forwarded-Proto and X-Forwarded-Host say; else the address listened
 * on.  Never the Host header: a client could name any site there and a
 * shared cache would keep it.  Caller frees. */
static char *public_base(const server *sv, struct MHD_Connection *c, const snapshot *snap)
{
    if (snap->public_url != NULL)
        return g_strdup(snap->public_url);
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Host");
    const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    gboolean sane = host != NULL && *host != '\0' && strlen(host) < 256 &&
                    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789.-:[]") == strlen(host);
    if (info != NULL && clients_trusted(sv->clients, info->client_addr) && sane)
        return g_strdup_printf("%s://%s", proto != NULL && strcmp(proto, "https") == 0
                                              ? "https" : "http", host);
    return g_strdup_printf("http://%s", sv->listen);
}

/* ---- Searches, run by the worker pool ------------------------------------------------ */

/* A search or feed request: parsed in the connection's thread, run by a
 * worker of the pool (the connection waits suspended), answered in the
 * connection's thread again.  Workers take requests in arrival order
 * whatever connection they came on, so a slow search delays nobody else's
 * on the same keep-alive connection or the same libmicrohttpd thread. */
struct search_job {
    search_request req;    /* its arrays owned */
    char *bad;             /* a bad parameter: answered without searching */
    gboolean atom;         /* an Atom feed, not JSON */
    char *base, *self;     /* feeds: the server's address and the request's */
    gint64 t0;
    struct MHD_Connection *conn;
    snapshot *snap;        /* borrowed from the request */
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

static search_job *search_job_new(const server *sv, struct MHD_Connection *c, const char *url,
                                  gboolean atom, snapshot *snap)
{
    search_job *j = g_new0(search_job, 1);
    j->t0 = g_get_monotonic_time();
    j->atom = atom;
    j->conn = c;
    j->snap = snap;
    j->req = (search_request){ .page = 1, .per_page = atom ? 20 : 10, .no_facets = atom,
                               .sort_by_date = atom, .tuning = &snap->tuning,
                               .gone = connection_gone, .gone_ud = c };
    j->bad = read_request(c, &j->req);
    if (atom) {
        j->base = public_base(sv, c, snap);
        j->self = request_target(c, url);
    }
    return j;
}

static void search_job_free(search_job *j)
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

/* Sets the job's status and body from the search's JSON (consumed), or
 * from err when json is NULL. */
static void search_job_finish(search_job *j, char *json, const verr *err)
{
    if (json == NULL) {
        j->body = verr_json(err, &j->status);
        j->atom = FALSE; /* errors are JSON */
    } else if (!j->atom) {
        j->status = MHD_HTTP_OK;
        j->body = json;
    } else {
        j->body = feed_from_search(json, j->base, j->self);
        j->status = j->body != NULL ? MHD_HTTP_OK : MHD_HTTP_INTERNAL_SERVER_ERROR;
        g_free(json);
    }
}

/* The job's answer from the cache, looked up in the connection's thread
 * (a hit needs no search thread).  FALSE on a miss, j->key then set for
 * the worker to store the answer under. */
static gboolean search_job_cached(server *sv, search_job *j)
{
    verr err;
    searcher *s = sv->cache != NULL ? thread_searcher(sv, &err) : NULL;
    if (s == NULL || (j->key = search_cache_key(s, &j->req, j->snap->generation, &err)) == NULL)
        return FALSE;
    char *json = response_cache_get(sv->cache, j->key,
                                    (double)(g_get_monotonic_time() - j->t0) / 1000.0);
    if (json == NULL)
        return FALSE;
    search_job_finish(j, json, NULL);
    return TRUE;
}

/* Runs the job's search (in a search thread) and caches the answer. */
static void search_job_run(server *sv, search_job *j)
{
    verr err;
    verr_clear(&err);
    searcher *s = thread_searcher(sv, &err);
    char *json = NULL;
    if (s != NULL) {
        searcher_set_vocab(s, j->snap->v, j->snap->m);
        json = searcher_run(s, &j->req, &err);
    }
    if (json != NULL && j->key != NULL)
        response_cache_put(sv->cache, j->key, json);
    search_job_finish(j, json, &err);
}

/* GThreadPool function: runs a job, then wakes its connection up. */
static void worker(gpointer data, gpointer user_data)
{
    server *sv = user_data;
    search_job *j = data;
    search_job_run(sv, j);
    MHD_resume_connection(j->conn);
    g_atomic_int_dec_and_test(&sv->in_flight);
}

static enum MHD_Result search_job_send(struct MHD_Connection *c, search_job *j)
{
    char *body = j->body;
    j->body = NULL;
    return j->atom ? send_body(c, j->status, "application/atom+xml; charset=utf-8",
                               j->status == MHD_HTTP_OK ? FEED_CACHE_CONTROL : "no-store", body)
                   : send_json(c, j->status, body);
}

/* GET /api/search, and GET /feed.atom (the same search, newest first):
 * parsed and handed to the pool on the first call, answered when the
 * worker resumes the connection. */
static enum MHD_Result api_search(server *sv, struct MHD_Connection *c, request *rq,
                                  gboolean atom, const char *url)
{
    if (rq->job == NULL) {
        rq->job = search_job_new(sv, c, url, atom, rq->snap);
        if (rq->job->bad != NULL)
            return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", rq->job->bad);
        if (search_job_cached(sv, rq->job))
            return search_job_send(c, rq->job);
        g_atomic_int_inc(&sv->in_flight); /* before the check: see stop_searches */
        if (g_atomic_int_get(&sv->stopping)) {
            g_atomic_int_dec_and_test(&sv->in_flight);
            return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "stopping", "arrêt en cours");
        }
        MHD_suspend_connection(c);
        g_thread_pool_push(params_costly(&rq->job->req) ? sv->costly : sv->pool, rq->job, NULL);
        return MHD_YES;
    }
    if (rq->job->status == 0) /* woken up early: nothing to send yet */
        return MHD_YES;
    return search_job_send(c, rq->job);
}

static const char *route_name(const char *url)
{
    static const struct { const char *prefix, *name; } routes[] = {
        { "/api/search", "search" }, { "/feed.atom", "feed" }, { "/api/documents/", "document" },
        { "/documents/", "file" }, { "/api/thesaurus", "thesaurus" }, { "/healthz", "healthz" },
        { "/metrics", "metrics" }, { "/opensearch.xml", "opensearch" }, { "/api/suggest", "suggest" },
        { "/api/admin/", "admin" }, { "/static/", "static" }, { "/widget.js", "static" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(routes); i++)
        if (g_str_has_prefix(url, routes[i].prefix))
            return routes[i].name;
    return "other";
}

static enum MHD_Result suggest(server *sv, struct MHD_Connection *c)
{
    verr err;
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
    if (q == NULL || !g_utf8_validate(q, -1, NULL) || strlen(q) > 200)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                          "paramètre q : texte UTF-8 de 200 octets au plus");
    searcher *s = thread_searcher(sv, &err);
    char *json = s != NULL ? searcher_suggest(s, q, &err) : NULL;
    if (json == NULL)
        return send_verr(c, &err);
    return send_json(c, MHD_HTTP_OK, json);
}

static enum MHD_Result metrics(server *sv, struct MHD_Connection *c)
{
    verr err;
    unsigned n = 0;
    searcher *s = thread_searcher(sv, &err);
    if (s != NULL)
        searcher_doccount(s, &n, &err);
    response_cache_stats cs;
    response_cache_get_stats(sv->cache, &cs);
    return send_body(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", "no-store",
                     metrics_render(n, &cs));
}

/* The OpenSearch description, so browsers can add Veille as a search engine. */
static enum MHD_Result opensearch(const server *sv, struct MHD_Connection *c, request *rq)
{
    char *base = public_base(sv, c, rq->snap);
    char *h = g_markup_escape_text(base, -1);
    g_free(base);
    char *xml = g_strdup_printf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
        "  <ShortName>Veille ASV</ShortName>\n"
        "  <Description>Veille documentaire des Ateliers santé ville</Description>\n"
        "  <InputEncoding>UTF-8</InputEncoding>\n  <Language>fr</Language>\n"
        "  <Url type=\"application/json\" template=\"%s/api/search?q={searchTerms}&amp;page={startPage?}\"/>\n"
        "  <Url type=\"application/atom+xml\" template=\"%s/feed.atom?q={searchTerms}\"/>\n"
        "</OpenSearchDescription>\n", h, h);
    g_free(h);
    return send_body(c, MHD_HTTP_OK, "application/opensearchdescription+xml; charset=utf-8",
                     "public, max-age=86400", xml);
}

/* ---- Routing ------------------------------------------------------------------------- */

static enum MHD_Result healthz(server *sv, struct MHD_Connection *c)
{
    verr err;
    unsigned n = 0;
    searcher *s = thread_searcher(sv, &err);
    if (s == NULL || searcher_doccount(s, &n, &err) != 0) {
        reply_error re;
        reply_error_for(&err, &re);
        fprintf(stderr, "veille-searchd: healthz: %s (%s)\n", err.msg, err.cls);
        JsonBuilder *b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "status");
        json_builder_add_string_value(b, "unavailable");
        json_builder_set_member_name(b, "reason");
        json_builder_add_string_value(b, re.code);
        json_builder_set_member_name(b, "message");
        json_builder_add_string_value(b, re.message);
        json_builder_end_object(b);
        return send_json(c, MHD_HTTP_SERVICE_UNAVAILABLE, jsonutil_finish(b));
    }
    return send_json(c, MHD_HTTP_OK, g_strdup_printf("{\"status\":\"ok\",\"documents\":%u}", n));
}

static enum MHD_Result document(server *sv, struct MHD_Connection *c, const char *id)
{
    verr err;
    searcher *s = thread_searcher(sv, &err);
    char *json = s != NULL ? searcher_document(s, id, &err) : NULL;
    if (json == NULL)
        return send_verr(c, &err);
    return send_json(c, MHD_HTTP_OK, json);
}

/* The documentalist's token check; FALSE when allowed, else TRUE with the
 * answer queued in *ret. */
static gboolean admin_refused(struct MHD_Connection *c, request *rq, enum MHD_Result *ret)
{
    const char *token = rq != NULL ? rq->snap->admin_token : NULL;
    if (token == NULL)
        *ret = send_error(c, MHD_HTTP_FORBIDDEN, "forbidden",
                          "fonctions du documentaliste désactivées (pas de jeton configuré)");
    else if (!admin_authorised(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
                               token))
        *ret = send_error(c, MHD_HTTP_UNAUTHORIZED, "unauthorized", "jeton absent ou invalide");
    else
        return FALSE;
    return TRUE;
}

/* GET /api/admin/status: indexing runs and failures, for the documentalist. */
static enum MHD_Result admin_status(server *sv, struct MHD_Connection *c, request *rq)
{
    enum MHD_Result ret;
    if (admin_refused(c, rq, &ret))
        return ret;
    verr err;
    char *json = admin_status_json(sv->db_path, &err);
    if (json == NULL)
        return send_verr(c, &err);
    return send_json(c, MHD_HTTP_OK, json);
}

/* A page, script or style of web/ (static.h). */
static enum MHD_Result web_file(struct MHD_Connection *c, request *rq, const char *name)
{
    char *body = NULL;
    gsize len = 0;
    const char *type = NULL;
    verr err;
    if (rq == NULL || static_read(rq->snap->web_dir, name, &body, &len, &type, &err) != 0)
        return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "adresse inconnue");
    /* browsers keep the files and ask each time whether they changed */
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)body, len);
    char *etag = g_strdup_printf("\"%.32s\"", sum);
    const char *known = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    gboolean same = known != NULL && strstr(known, etag) != NULL;
    unsigned status = same ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
    struct MHD_Response *r = same
        ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
        : MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (same)
        g_free(body);
    g_free(sum);
    MHD_add_response_header(r, "ETag", etag);
    g_free(etag);
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (g_str_has_suffix(name, ".html")) {
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "base-uri 'none'; frame-ancestors 'self'");
        MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    }
    enum MHD_Result ret = queue(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- Writes, run by the writer thread ---------------------------------------------- */

/* The documentalist's writes (DELETE, PATCH, upload) wait for the index's
 * lock, for seconds when veille-index holds it: they run one at a time
 * in a thread of their own, their connections suspended, so that no
 * connection thread (and none of the searches it carries) waits with
 * them.  Checks that need no index (token, body type and size) are made
 * before, in the connection's thread. */
typedef enum { WRITE_DELETE, WRITE_PATCH, WRITE_UPLOAD, WRITE_RETRY } write_kind;

struct write_task {
    write_kind kind;
    char *id;                    /* DELETE, PATCH */
    request *rq;                 /* borrowed: its connection is suspended */
    struct MHD_Connection *conn;
    unsigned status;             /* 0 until the answer is ready */
    char *body;                  /* JSON; MHD frees it */
};

static void write_task_free(write_task *t)
{
    if (t == NULL)
        return;
    g_free(t->id);
    free(t->body);
    g_free(t);
}

static void task_verr(write_task *t, const verr *err)
{
    t->body = verr_json(err, &t->status);
}

/* The document's record as the answer, with status. */
static void task_document(server *sv, write_task *t, const char *id, unsigned status)
{
    verr err;
    searcher *s = thread_searcher(sv, &err);
    char *json = s != NULL ? searcher_document(s, id, &err) : NULL;
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
    char *path = NULL, *mime = NULL, *title = NULL;
    searcher *s = thread_searcher(sv, &err);
    int rc = s != NULL ? searcher_file(s, id, &path, &mime, &title, &err) : -1;
    g_free(path);
    g_free(mime);
    g_free(title);
    if (rc != 0)
        task_verr(t, &err);
    return rc == 0;
}

/* Queues a correction or deletion of t->id (correction: its JSON). */
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

/* PATCH /api/documents/{id}: corrections of title, type, themes, regions,
 * kept across later indexing runs. */
static void run_patch(server *sv, write_task *t)
{
    run_edit(sv, t, PENDING_CORRECT, t->rq->body != NULL ? t->rq->body->str : "");
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
        t->body = error_json("too_large", failed->msg);
    } else if (failed != NULL) {
        task_verr(t, failed);
    } else if (upload_finish(rq->up, sv->db_path, &res, &err) != 0) {
        task_verr(t, &err);
    } else {
        task_submitted(sv, t, &res, MHD_HTTP_CREATED);
    }
    submit_result_clear(&res);
}

/* Applies the requests left waiting (the retry thread's task). */
static void run_retry(server *sv, write_task *t)
{
    verr err;
    (void)t;
    g_atomic_int_set(&sv->retry_queued, 0);
    if (submit_retry(sv->db_path, &err) != 0)
        fprintf(stderr, "veille-searchd: pending writes not applied yet: %s\n", err.msg);
}

/* GThreadPool function of the writer thread. */
static void writer(gpointer data, gpointer user_data)
{
    server *sv = user_data;
    write_task *t = data;
    static void (*const run[])(server *, write_task *) = {
        [WRITE_DELETE] = run_delete, [WRITE_PATCH] = run_patch, [WRITE_UPLOAD] = run_upload,
        [WRITE_RETRY] = run_retry,
    };
    run[t->kind](sv, t);
    if (t->conn == NULL) { /* a retry: no connection waits */
        write_task_free(t);
        return;
    }
    MHD_resume_connection(t->conn);
    g_atomic_int_dec_and_test(&sv->in_flight);
}

/* While the daemon runs: every retry_s seconds (and at start), when
 * writes wait in the queue (a daemon restarted, an indexing run that held
 * the lock), hands the writer thread a retry. */
static gpointer retry_loop(gpointer data)
{
    server *sv = data;
    gint64 next = 0;
    while (!g_atomic_int_get(&sv->stopping)) {
        gint64 now = g_get_monotonic_time();
        if (now >= next && !g_atomic_int_get(&sv->retry_queued)) {
            snapshot *sn = snapshot_ref(sv);
            next = now + (gint64)sn->retry_s * G_USEC_PER_SEC;
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
static enum MHD_Result start_write(server *sv, struct MHD_Connection *c, request *rq,
                                   write_kind kind, const char *id)
{
    if (rq->write == NULL) {
        g_atomic_int_inc(&sv->in_flight); /* before the check: see stop_searches */
        if (g_atomic_int_get(&sv->stopping)) {
            g_atomic_int_dec_and_test(&sv->in_flight);
            return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "stopping", "arrêt en cours");
        }
        write_task *t = g_new0(write_task, 1);
        t->kind = kind;
        t->id = g_strdup(id);
        t->rq = rq;
        t->conn = c;
        rq->write = t;
        MHD_suspend_connection(c);
        g_thread_pool_push(sv->writes, t, NULL);
        return MHD_YES;
    }
    if (rq->write->status == 0) /* woken up early */
        return MHD_YES;
    char *body = rq->write->body;
    rq->write->body = NULL;
    return send_json(c, rq->write->status, body);
}

static enum MHD_Result delete_document(server *sv, struct MHD_Connection *c, request *rq,
                                       const char *id)
{
    enum MHD_Result ret;
    if (rq->write == NULL && admin_refused(c, rq, &ret))
        return ret;
    return start_write(sv, c, rq, WRITE_DELETE, id);
}

static enum MHD_Result patch_document(server *sv, struct MHD_Connection *c, request *rq,
                                      const char *id)
{
    enum MHD_Result ret;
    if (rq->write == NULL) {
        if (admin_refused(c, rq, &ret))
            return ret;
        const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        if (type == NULL || !g_str_has_prefix(type, "application/json"))
            return send_error(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                              "corps attendu en application/json");
        if (rq->too_large)
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                              "corps de plus de 64 Kio");
    }
    return start_write(sv, c, rq, WRITE_PATCH, id);
}

/* GET /documents/{id}/file: the original file.  The path comes from the
 * index, never from the request. */
static enum MHD_Result document_file(server *sv, struct MHD_Connection *c, const char *id)
{
    verr err;
    char *path = NULL, *mime = NULL, *title = NULL;
    enum MHD_Result ret;
    searcher *s = thread_searcher(sv, &err);
    if (s == NULL || searcher_file(s, id, &path, &mime, &title, &err) != 0)
        return send_verr(c, &err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        ret = send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "fichier absent du disque");
    } else {
        struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        char *base = g_path_get_basename(path);
        char *escaped = g_uri_escape_string(base, NULL, FALSE);
        char *disposition = g_strdup_printf("attachment; filename*=UTF-8''%s", escaped);
        MHD_add_response_header(r, "Content-Type", mime);
        MHD_add_response_header(r, "Content-Disposition", disposition);
        MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
        ret = queue(c, MHD_HTTP_OK, r);
        MHD_destroy_response(r);
        g_free(disposition);
        g_free(escaped);
        g_free(base);
    }
    g_free(path);
    g_free(mime);
    g_free(title);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state)
{
    server *sv = cls;
    request *rq = *state;
    enum MHD_Result ret;
    (void)version;
    (void)upload_data;
    if (rq != NULL && !rq->started) { /* first call: headers only */
        rq->started = TRUE;
        rq->snap = snapshot_ref(sv);
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const struct sockaddr *peer = info != NULL ? info->client_addr : NULL;
        rq->client = clients_address(sv->clients, peer,
                                     MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                                 "X-Forwarded-For"));
        if (clients_trusted(sv->clients, peer)) {
            rq->proxied = clients_request_begin(sv->clients, rq->client);
            if (!rq->proxied) {
                current = rq;
                ret = send_error(c, MHD_HTTP_TOO_MANY_REQUESTS, "too_many_requests",
                                 "trop de requêtes simultanées depuis cette adresse");
                current = NULL;
                return ret;
            }
        }
        return MHD_YES;
    }
    current = rq;
    if (rq != NULL) {
        verr e;
        searcher *s = thread_searcher(sv, &e);
        if (s != NULL)
            searcher_set_vocab(s, rq->snap->v, rq->snap->m);
    }
    gboolean post_upload = rq != NULL && strcmp(method, "POST") == 0 &&
                           strcmp(url, "/api/documents") == 0;
    if (post_upload && rq->mp == NULL && !rq->refused) {
        /* refusals are answered once the body has been read (and dropped):
         * answering earlier makes libmicrohttpd drop the connection */
        const char *token = rq->snap->admin_token;
        rq->refused = token == NULL ||
                      !admin_authorised(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                                    "Authorization"), token);
        if (!rq->refused) {
            rq->up = upload_new(rq->snap->collection, &rq->body_err);
            rq->mp = rq->up != NULL
                ? multipart_new(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
                                &upload_form, rq->up, &rq->body_err)
                : NULL;
            rq->refused = rq->mp == NULL;
        }
    }
    if (*upload_size != 0) {
        if (post_upload && rq->mp != NULL && !rq->refused && rq->body_err.code == VERR_OK)
            multipart_feed(rq->mp, upload_data, *upload_size, &rq->body_err);
        if (rq != NULL && strcmp(method, "PATCH") == 0) {
            if (rq->body == NULL)
                rq->body = g_string_new(NULL);
            if (rq->body->len + *upload_size > BODY_MAX)
                rq->too_large = TRUE;
            else
                g_string_append_len(rq->body, upload_data, (gssize)*upload_size);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    gboolean get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (strcmp(method, "OPTIONS") == 0) { /* CORS preflight */
        struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        MHD_add_response_header(r, "Access-Control-Allow-Headers", "Content-Type");
        MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
        ret = queue(c, MHD_HTTP_NO_CONTENT, r);
        MHD_destroy_response(r);
        current = NULL;
        return ret;
    }
    size_t n = strlen(url);
    char name_buf[128];
    gboolean file = g_str_has_prefix(url, "/documents/") && n > strlen("/documents//file") &&
                    g_str_has_suffix(url, "/file");
    if (post_upload && rq->refused) {
        if (admin_refused(c, rq, &ret)) {
            current = NULL;
            return ret;
        }
        ret = rq->up == NULL ? send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "error",
                                          "dossier de dépôt inaccessible")
                             : send_verr(c, &rq->body_err);
        current = NULL;
        return ret;
    }
    if (post_upload) {
        ret = start_write(sv, c, rq, WRITE_UPLOAD, NULL);
        rq->route = "upload";
        current = NULL;
        return ret;
    }
    if (strcmp(url, "/healthz") == 0 || strcmp(url, "/api/search") == 0 ||
        strcmp(url, "/api/thesaurus") == 0 || g_str_has_prefix(url, "/api/documents/") || file ||
        strcmp(url, "/feed.atom") == 0 || strcmp(url, "/metrics") == 0 ||
        strcmp(url, "/opensearch.xml") == 0 || strcmp(url, "/api/suggest") == 0) {
        if (strcmp(method, "DELETE") == 0 && g_str_has_prefix(url, "/api/documents/"))
            ret = delete_document(sv, c, rq, url + strlen("/api/documents/"));
        else if (strcmp(method, "PATCH") == 0 && g_str_has_prefix(url, "/api/documents/"))
            ret = patch_document(sv, c, rq, url + strlen("/api/documents/"));
        else if (!get)
            ret = send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                             "méthode non autorisée");
        else if (strcmp(url, "/healthz") == 0)
            ret = healthz(sv, c);
        else if (strcmp(url, "/api/search") == 0)
            ret = api_search(sv, c, rq, FALSE, url);
        else if (strcmp(url, "/feed.atom") == 0)
            ret = api_search(sv, c, rq, TRUE, url);
        else if (strcmp(url, "/metrics") == 0)
            ret = metrics(sv, c);
        else if (strcmp(url, "/api/suggest") == 0)
            ret = suggest(sv, c);
        else if (strcmp(url, "/opensearch.xml") == 0)
            ret = opensearch(sv, c, rq);
        else if (strcmp(url, "/api/thesaurus") == 0)
            ret = send_json(c, MHD_HTTP_OK, thesaurus_json(rq != NULL ? rq->snap->v : NULL));
        else if (file) {
            char *id = g_strndup(url + strlen("/documents/"),
                                 n - strlen("/documents/") - strlen("/file"));
            ret = document_file(sv, c, id);
            g_free(id);
        }
        else
            ret = document(sv, c, url + strlen("/api/documents/"));
    } else if (strcmp(url, "/api/admin/status") == 0) {
        ret = get ? admin_status(sv, c, rq)
                  : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                               "méthode non autorisée");
    } else if (static_file_for(url, name_buf, sizeof name_buf) != NULL) {
        ret = get ? web_file(c, rq, name_buf)
                  : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                               "méthode non autorisée");
    } else {
        ret = send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "adresse inconnue");
    }
    if (rq != NULL)
        rq->route = route_name(url);
    current = NULL;
    return ret;
}

/* Access log line and metrics when a request is over. */
static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    server *sv = cls;
    request *rq = *state;
    if (rq == NULL)
        return;
    double seconds = (double)(g_get_monotonic_time() - rq->start_us) / G_USEC_PER_SEC;
    if (rq->client == NULL) { /* over before its headers: the peer's address */
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        rq->client = clients_address(sv->clients, info != NULL ? info->client_addr : NULL, NULL);
    }
    if (rq->proxied)
        clients_request_end(sv->clients, rq->client);
    GDateTime *now = g_date_time_new_now_utc();
    char *ts = g_date_time_format_iso8601(now);
    fprintf(stderr, "%s %s \"%s\" %u %.1fms%s\n", ts, rq->client, rq->uri, rq->status,
            seconds * 1000, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    metrics_record(rq->route != NULL ? rq->route : "other", rq->status, seconds);
    snapshot_unref(rq->snap);
    g_free(ts);
    g_date_time_unref(now);
    if (rq->body != NULL)
        g_string_free(rq->body, TRUE);
    multipart_free(rq->mp);
    upload_free(rq->up);
    search_job_free(rq->job);
    write_task_free(rq->write);
    g_free(rq->client);
    g_free(rq->uri);
    g_free(rq);
    *state = NULL;
}

/* libmicrohttpd's buffer per connection: the request line and headers
 * must fit (a search with 30,000 filter values is 60 KB, and gets a 400
 * that says the limit rather than a bare 431). */
#define CONNECTION_MEMORY (128u * 1024u)

/* Longest request target answered: far more than the bounded parameters
 * of a search need (params.h), far less than libmicrohttpd's buffer. */
#define URI_MAX (96u * 1024u)

/* Answers 414 on c's socket and closes it.  libmicrohttpd 0.9.75 waits
 * for the connection's timeout when a request line leaves its buffer
 * almost full (seen at about 65,500 bytes of a 64 KiB buffer), instead of
 * answering; nothing of the
 * response has been written yet at this point, so the answer is ours. */
static void refuse_long_uri(struct MHD_Connection *c)
{
    static const char answer[] =
        "HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: 62\r\n\r\n"
        "{\"error\":\"uri_too_long\",\"message\":\"adresse de plus de 96 Kio\"}";
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (info == NULL)
        return;
    ssize_t w = send(info->connect_fd, answer, sizeof answer - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)w; /* a client that does not read its answer loses it */
    shutdown(info->connect_fd, SHUT_RDWR);
}

/* MHD's first look at a request: its record starts here. */
static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    request *rq = g_new0(request, 1);
    if (strlen(uri) > URI_MAX) {
        refuse_long_uri(c);
        rq->status = 414;
    }
    rq->start_us = g_get_monotonic_time();
    rq->uri = g_strndup(uri, 2048);
    for (char *p = rq->uri; *p != '\0'; p++) /* keep the log one line per request */
        if ((unsigned char)*p < 0x20 || *p == '"')
            *p = '?';
    return rq;
}

/* ---- Start-up ------------------------------------------------------------------------ */

/* A new snapshot: the index's vocabulary and the configuration's origins.
 * NULL with err on failure (the previous snapshot stays). */
/* [search] settings over the defaults; FALSE with err for a bad value. */
static gboolean read_tuning(GKeyFile *kf, search_tuning *t, verr *err)
{
    static const struct { const char *key; gsize offset; double min, max; } numbers[] = {
        { "bm25_k1", G_STRUCT_OFFSET(search_tuning, k1), 0, 10 },
        { "bm25_b", G_STRUCT_OFFSET(search_tuning, b), 0, 1 },
        { "title_boost", G_STRUCT_OFFSET(search_tuning, title_boost), 0, 100 },
        { "phrase_boost", G_STRUCT_OFFSET(search_tuning, phrase_boost), 0, 100 },
        { "time_limit_ms", G_STRUCT_OFFSET(search_tuning, time_limit_ms), 0, 600000 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
        if (!g_key_file_has_key(kf, "search", numbers[i].key, NULL))
            continue;
        GError *gerr = NULL;
        double v = g_key_file_get_double(kf, "search", numbers[i].key, &gerr);
        if (gerr != NULL || v < numbers[i].min || v > numbers[i].max) {
            verr_set(err, VERR_PARSE, "config", "[search] %s: a number from %g to %g",
                     numbers[i].key, numbers[i].min, numbers[i].max);
            g_clear_error(&gerr);
            return FALSE;
        }
        G_STRUCT_MEMBER(double, t, numbers[i].offset) = v;
    }
    char *stem = g_key_file_get_string(kf, "search", "stem", NULL);
    gboolean ok = TRUE;
    if (stem != NULL) {
        if (strcmp(stem, "some") == 0) t->stem = XAP_STEM_SOME;
        else if (strcmp(stem, "all") == 0) t->stem = XAP_STEM_ALL;
        else if (strcmp(stem, "none") == 0) t->stem = XAP_STEM_NONE;
        else ok = FALSE;
        if (!ok)
            verr_set(err, VERR_PARSE, "config", "[search] stem: some, all or none");
    }
    g_free(stem);
    if (ok && g_key_file_has_key(kf, "search", "expand", NULL)) {
        GError *gerr = NULL;
        t->expand = g_key_file_get_boolean(kf, "search", "expand", &gerr);
        if (gerr != NULL) {
            verr_set(err, VERR_PARSE, "config", "[search] expand: true or false");
            g_clear_error(&gerr);
            ok = FALSE;
        }
    }
    return ok;
}

static snapshot *load_snapshot(const server *sv, verr *err)
{
    snapshot *sn = g_new0(snapshot, 1);
    xap_db *db = xap_db_open(sv->db_path, err);
    char *json = NULL;
    static gint generations;
    sn->refs = 1;
    sn->tuning = search_tuning_default;
    sn->retry_s = 10;
    sn->generation = (unsigned)g_atomic_int_add(&generations, 1);
    if (db == NULL) { /* searches answer 503 until veille-index creates it */
        fprintf(stderr, "veille-searchd: the index %s cannot be opened yet: %s\n", sv->db_path,
                err->msg);
        sn->no_index = TRUE;
    } else if (xap_db_get_metadata(db, META_THESAURUS, &json, err) != 0) {
        goto failed;
    }
    if (json != NULL && *json != '\0') {
        if ((sn->v = vocab_from_json(json, -1, err)) == NULL)
            goto failed;
        sn->m = matcher_new(sn->v);
    }
    if (sv->config_path != NULL) {
        GKeyFile *kf = g_key_file_new();
        GError *gerr = NULL;
        if (!g_key_file_load_from_file(kf, sv->config_path, G_KEY_FILE_NONE, &gerr)) {
            verr_from_gerror(err, VERR_PARSE, gerr);
            g_clear_error(&gerr);
            g_key_file_free(kf);
            goto failed;
        }
        char *origins = g_key_file_get_string(kf, "server", "cors_origins", NULL);
        if (origins != NULL) { /* "a, b" or "a;b" */
            sn->cors_origins = g_strsplit_set(origins, ",;", -1);
            for (char **o = sn->cors_origins; *o != NULL; o++)
                g_strstrip(*o);
        }
        g_free(origins);
        sn->admin_token = g_key_file_get_string(kf, "admin", "token", NULL);
        sn->collection = g_key_file_get_string(kf, "admin", "collection", NULL);
        sn->web_dir = g_key_file_get_string(kf, "web", "dir", NULL);
        sn->public_url = g_key_file_get_string(kf, "server", "public_url", NULL);
        if (g_key_file_has_key(kf, "admin", "retry_s", NULL)) {
            int retry = g_key_file_get_integer(kf, "admin", "retry_s", NULL);
            if (retry < 1 || retry > 86400) {
                verr_set(err, VERR_PARSE, "config", "[admin] retry_s: seconds, 1 to 86400");
                g_key_file_free(kf);
                goto failed;
            }
            sn->retry_s = (unsigned)retry;
        }
        if (sn->public_url != NULL) {
            g_strstrip(sn->public_url);
            while (g_str_has_suffix(sn->public_url, "/"))
                sn->public_url[strlen(sn->public_url) - 1] = '\0';
            if (!g_str_has_prefix(sn->public_url, "http://") &&
                !g_str_has_prefix(sn->public_url, "https://")) {
                verr_set(err, VERR_PARSE, "config", "[server] public_url: http:// or https:// "
                         "followed by the host");
                g_key_file_free(kf);
                goto failed;
            }
        }
        gboolean tuned = read_tuning(kf, &sn->tuning, err);
        g_key_file_free(kf);
        if (!tuned)
            goto failed;
    }
    char *web = static_dir(sn->web_dir);
    g_free(sn->web_dir);
    sn->web_dir = web;
    if (sn->collection == NULL) { /* beside the index: var/index -> var/uploads */
        char *parent = g_path_get_dirname(sv->db_path);
        sn->collection = g_build_filename(parent, "uploads", NULL);
        g_free(parent);
    }
    if (getenv("VEILLE_ADMIN_TOKEN") != NULL && *getenv("VEILLE_ADMIN_TOKEN") != '\0') {
        g_free(sn->admin_token);
        sn->admin_token = g_strdup(getenv("VEILLE_ADMIN_TOKEN"));
    }
    free(json);
    xap_db_free(db);
    return sn;
failed:
    free(json);
    xap_db_free(db);
    snapshot_unref(sn);
    return NULL;
}

/* SIGHUP: swap in a new snapshot; requests running keep the old one. */
static void reload(server *sv)
{
    verr err;
    snapshot *sn = load_snapshot(sv, &err);
    if (sn == NULL) {
        fprintf(stderr, "veille-searchd: reload failed, keeping the previous settings: %s\n",
                err.msg);
        return;
    }
    pthread_mutex_lock(&sv->lock);
    snapshot *old = sv->snap;
    sv->snap = sn;
    pthread_mutex_unlock(&sv->lock);
    snapshot_unref(old);
    response_cache_clear(sv->cache); /* their keys name the old generation: memory back now */
    fprintf(stderr, "veille-searchd: reloaded configuration and thesaurus (%u concepts)\n",
            sn->v != NULL ? vocab_size(sn->v) : 0);
}

/* SIGTERM: stops taking connections and searches, and waits (at most 30 s)
 * for the searches under way, whose connections get their answers. */
static void stop_searches(server *sv, struct MHD_Daemon *d)
{
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    g_atomic_int_set(&sv->stopping, 1);
    for (int i = 0; i < 3000 && g_atomic_int_get(&sv->in_flight) > 0; i++)
        g_usleep(10 * 1000);
    g_usleep(50 * 1000); /* the last answers leave the sockets */
}

/* What is read once at start: the command line, then [server] in the
 * configuration file for what it left unset. */
typedef struct {
    char *db, *listen;       /* g_free */
    int threads, cache_mb;   /* 0 / -1: unset */
    char *trusted_proxies;   /* g_free; NULL: none */
    int per_client;          /* 0: unset */
} start_settings;

static int read_config(const char *path, start_settings *st, verr *err)
{
    GKeyFile *kf = g_key_file_new();
    GError *gerr = NULL;
    int rc = -1;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
        verr_from_gerror(err, VERR_PARSE, gerr);
        goto cleanup;
    }
    if (st->db == NULL)
        st->db = g_key_file_get_string(kf, "server", "db", NULL);
    if (st->listen == NULL)
        st->listen = g_key_file_get_string(kf, "server", "listen", NULL);
    if (st->threads == 0 && g_key_file_has_key(kf, "server", "threads", NULL))
        st->threads = g_key_file_get_integer(kf, "server", "threads", NULL);
    if (st->cache_mb < 0 && g_key_file_has_key(kf, "server", "cache_mb", NULL))
        st->cache_mb = g_key_file_get_integer(kf, "server", "cache_mb", NULL);
    st->trusted_proxies = g_key_file_get_string(kf, "server", "trusted_proxies", NULL);
    if (g_key_file_has_key(kf, "server", "per_client", NULL))
        st->per_client = g_key_file_get_integer(kf, "server", "per_client", NULL);
    rc = 0;
cleanup:
    g_clear_error(&gerr);
    g_key_file_free(kf);
    return rc;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    char *host = g_strdup(listen);
    char *colon = strrchr(host, ':');
    unsigned port = 0;
    int rc = -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (colon != NULL) {
        *colon = '\0';
        if (params_parse_uint(colon + 1, 0, 65535, &port) && inet_pton(AF_INET, host, &sa->sin_addr) == 1) {
            sa->sin_port = htons((uint16_t)port);
            rc = 0;
        }
    }
    g_free(host);
    return rc;
}

/* Connections: each direct client holds a share (clients.h). */
static enum MHD_Result accept_policy(void *cls, const struct sockaddr *addr, socklen_t len)
{
    server *sv = cls;
    (void)len;
    return clients_may_connect(sv->clients, addr) ? MHD_YES : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    server *sv = cls;
    (void)socket_context;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL)
        return;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        clients_connected(sv->clients, info->client_addr);
    else
        clients_disconnected(sv->clients, info->client_addr);
}

int main(int argc, char **argv)
{
    char *config = NULL;
    start_settings st = { .cache_mb = -1 };
    GOptionEntry entries[] = {
        { "db", 'd', 0, G_OPTION_ARG_FILENAME, &st.db, "Index folder (default: $VEILLE_DB or "
          DEFAULT_DB ")", "DIR" },
        { "listen", 'l', 0, G_OPTION_ARG_STRING, &st.listen, "Address and port (default "
          DEFAULT_LISTEN ")", "HOST:PORT" },
        { "threads", 't', 0, G_OPTION_ARG_INT, &st.threads, "Search threads, and as many "
          "connection threads (default 4)", "N" },
        { "cache-mb", 0, 0, G_OPTION_ARG_INT, &st.cache_mb, "Memory for cached search answers, "
          "in MB (default 64; 0: no cache)", "MB" },
        { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, "INI configuration file ([server] "
          "db, listen, threads, cors_origins); the command line wins; SIGHUP reloads it",
          "FILE" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("- Veille search daemon");
    GError *gerr = NULL;
    server sv = { 0 };
    struct sockaddr_in sa;
    verr err;
    int status = 1;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        fprintf(stderr, "veille-searchd: %s\n", gerr->message);
        goto cleanup;
    }
    if (config != NULL && read_config(config, &st, &err) != 0) {
        fprintf(stderr, "veille-searchd: %s: %s\n", config, err.msg);
        goto cleanup;
    }
    if (st.threads == 0)
        st.threads = 4;
    if (st.cache_mb < 0)
        st.cache_mb = 64;
    if (st.per_client == 0)
        st.per_client = 64;
    sv.config_path = config != NULL ? g_strdup(config) : NULL;
    sv.db_path = st.db != NULL ? g_strdup(st.db)
                 : g_strdup(getenv("VEILLE_DB") != NULL ? getenv("VEILLE_DB") : DEFAULT_DB);
    sv.listen = g_strdup(st.listen != NULL ? st.listen : DEFAULT_LISTEN);
    if (parse_listen(sv.listen, &sa) != 0 || st.threads < 1 || st.threads > 256 ||
        st.cache_mb > 65536 || st.per_client < 1 || st.per_client > 100000) {
        fprintf(stderr, "veille-searchd: --listen takes IPv4:PORT, --threads 1..256, "
                "--cache-mb 0..65536, [server] per_client 1..100000\n");
        goto cleanup;
    }
    if ((sv.clients = clients_new(st.trusted_proxies, (unsigned)st.per_client, &err)) == NULL) {
        fprintf(stderr, "veille-searchd: %s\n", err.msg);
        goto cleanup;
    }
    if ((sv.snap = load_snapshot(&sv, &err)) == NULL) {
        fprintf(stderr, "veille-searchd: cannot start on the index %s: %s\n", sv.db_path, err.msg);
        goto cleanup;
    }
    unsigned stale = upload_clean_stale(sv.snap->collection);
    if (stale > 0)
        fprintf(stderr, "veille-searchd: removed %u unfinished upload(s) from %s\n", stale,
                sv.snap->collection);
    pthread_mutex_init(&sv.lock, NULL);
    pthread_key_create(&sv.key, NULL);
    sv.searchers = g_ptr_array_new_with_free_func((GDestroyNotify)searcher_free);
    sv.cache = response_cache_new((gsize)st.cache_mb * 1024 * 1024);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* MHD's threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    sv.pool = g_thread_pool_new(worker, &sv, st.threads, FALSE, NULL);
    sv.costly = g_thread_pool_new(worker, &sv, 1, FALSE, NULL);
    sv.writes = g_thread_pool_new(writer, &sv, 1, FALSE, NULL);
    sv.retrier = g_thread_new("retry", retry_loop, &sv);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC,
        0, accept_policy, &sv, on_request, &sv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)st.threads, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, &sv, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &sv,
        MHD_OPTION_URI_LOG_CALLBACK, uri_logger, NULL, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "veille-searchd: cannot listen on %s\n", sv.listen);
        goto cleanup;
    }
    fprintf(stderr, "veille-searchd: serving %s on http://%s\n", sv.db_path, sv.listen);
    int sig = 0;
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
        reload(&sv);
    fprintf(stderr, "veille-searchd: signal %d, draining and stopping\n", sig);
    stop_searches(&sv, d);
    g_thread_join(sv.retrier);
    sv.retrier = NULL;
    MHD_stop_daemon(d);
    status = 0;
cleanup:
    if (sv.retrier != NULL) {
        g_atomic_int_set(&sv.stopping, 1);
        g_thread_join(sv.retrier);
    }
    if (sv.pool != NULL)
        g_thread_pool_free(sv.pool, FALSE, TRUE);
    if (sv.costly != NULL)
        g_thread_pool_free(sv.costly, FALSE, TRUE);
    if (sv.writes != NULL)
        g_thread_pool_free(sv.writes, FALSE, TRUE);
    if (sv.searchers != NULL)
        g_ptr_array_unref(sv.searchers);
    response_cache_free(sv.cache);
    snapshot_unref(sv.snap);
    clients_free(sv.clients);
    g_free(sv.db_path);
    g_free(sv.config_path);
    g_free(sv.listen);
    g_free(config);
    g_clear_error(&gerr);
    g_option_context_free(ctx);
    g_free(st.db);
    g_free(st.listen);
    g_free(st.trusted_proxies);
    return status;
}
