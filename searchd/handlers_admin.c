/* handlers_admin.c - health, metrics, the documentalist's status page and
 * the web files (handlers.h). */
#include "handlers.h"
#include "admin.h"
#include "http.h"
#include "jsonutil.h"
#include "metrics.h"
#include "params.h"
#include "reply_error.h"
#include "static.h"

#include <stdio.h>
#include <string.h>

/* GET /healthz: the document count, or 503 with why the index cannot be
 * read.  A split index says how many of its shards answer: one missing
 * leaves the daemon answering (partial answers), so it stays 200 and
 * "status":"partial". */
enum MHD_Result handle_healthz(server *sv, request *rq, const char *url, const char *arg)
{
    verr err;
    unsigned n = 0;
    (void)url;
    (void)arg;
    searcher *s = server_searcher(sv, &err);
    if (s == NULL || searcher_doccount(s, &n, &err) != 0) {
        reply_error re;
        reply_error_for(&err, &re);
        fprintf(stderr, "veille-searchd: healthz: %s (%s)\n", err.msg, err.cls);
        JsonBuilder *b = json_builder_new();
        json_builder_begin_object(b);
        jsonutil_add_string(b, "status", "unavailable");
        jsonutil_add_string(b, "reason", re.code);
        jsonutil_add_string(b, "message", re.message);
        json_builder_end_object(b);
        return http_send_json(rq, MHD_HTTP_SERVICE_UNAVAILABLE, jsonutil_finish(b));
    }
    const index_reader *r = searcher_reader(s);
    guint shards = index_reader_shards(r), missing = index_reader_missing(r);
    if (shards == 0)
        return http_send_json(rq, MHD_HTTP_OK,
                              g_strdup_printf("{\"status\":\"ok\",\"documents\":%u}", n));
    return http_send_json(rq, MHD_HTTP_OK,
                          g_strdup_printf("{\"status\":\"%s\",\"documents\":%u,\"shards\":%u,"
                                          "\"missing_shards\":%u}",
                                          missing > 0 ? "partial" : "ok", n, shards, missing));
}

enum MHD_Result handle_metrics(server *sv, request *rq, const char *url, const char *arg)
{
    verr err;
    unsigned n = 0;
    (void)url;
    (void)arg;
    searcher *s = server_searcher(sv, &err);
    if (s != NULL)
        searcher_doccount(s, &n, &err);
    response_cache_stats cs;
    response_cache_get_stats(sv->cache, &cs);
    return http_send_body(rq, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", "no-store",
                          metrics_render(n, &cs));
}

/* GET /api/admin/status: indexing runs and failures, for the documentalist. */
enum MHD_Result handle_admin_status(server *sv, request *rq, const char *url, const char *arg)
{
    verr err;
    (void)url;
    (void)arg;
    char *json = admin_status_json(sv->db_path, &err);
    if (json == NULL)
        return http_send_verr(rq, &err);
    return http_send_json(rq, MHD_HTTP_OK, json);
}

/* The rows of a demand report as a JSON array member. */
static void add_rows(JsonBuilder *b, const char *name, const GPtrArray *rows)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < rows->len; i++) {
        const demand_row *r = g_ptr_array_index(rows, i);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "query", r->query);
        jsonutil_add_int(b, "asked", r->asked);
        jsonutil_add_int(b, "found_nothing", r->found_nothing);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* GET /api/admin/demand?days=N: what coordinators looked for over the last
 * N days (default and at most the days kept): the most asked searches
 * and those that found nothing, 50 each. */
enum MHD_Result handle_admin_demand(server *sv, request *rq, const char *url, const char *arg)
{
    (void)url;
    (void)arg;
    unsigned kept = rq->snap->settings.demand_days, days = kept;
    const char *asked = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "days");
    if (asked != NULL && !params_parse_uint(asked, 1, 3660, &days))
        return http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                               "paramètre days : entier de 1 à 3660");
    days = MIN(days, kept);
    GPtrArray *frequent = NULL, *nothing = NULL;
    demand_report(sv->demand, days, 50, &frequent, &nothing);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    jsonutil_add_int(b, "days", days);
    jsonutil_add_int(b, "kept_days", kept);
    add_rows(b, "frequent", frequent);
    add_rows(b, "found_nothing", nothing);
    json_builder_end_object(b);
    g_ptr_array_unref(frequent);
    g_ptr_array_unref(nothing);
    return http_send_json(rq, MHD_HTTP_OK, jsonutil_finish(b));
}

/* The headers of a web file: browsers keep the files and ask each time
 * whether they changed (etag); pages get a content security policy. */
static void web_headers(struct MHD_Response *r, const char *name, const char *type,
                        const char *etag)
{
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (g_str_has_suffix(name, ".html")) {
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "base-uri 'none'; frame-ancestors 'self'");
        MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    }
}

/* A page, script or style of web/ (static.h); 304 when the browser has it. */
enum MHD_Result handle_web_file(server *sv, request *rq, const char *url, const char *arg)
{
    char name[STATIC_NAME_MAX];
    char *body = NULL;
    gsize len = 0;
    const char *type = NULL;
    verr err;
    (void)sv;
    (void)arg;
    if (static_file_for(url, name, sizeof name) == NULL ||
        static_read(rq->snap->settings.web_dir, name, &body, &len, &type, &err) != 0)
        return http_send_error(rq, MHD_HTTP_NOT_FOUND, "not_found", "adresse inconnue");
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)body, len);
    char *etag = g_strdup_printf("\"%.32s\"", sum);
    const char *known = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "If-None-Match");
    gboolean same = known != NULL && strstr(known, etag) != NULL;
    struct MHD_Response *r = same
        ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
        : MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (same)
        g_free(body);
    web_headers(r, name, type, etag);
    g_free(sum);
    g_free(etag);
    enum MHD_Result ret = http_queue(rq, same ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}
