/* http.c - responses, CORS and link addresses (http.h). */
#include "http.h"
#include "jsonutil.h"
#include "reply_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Queuing ------------------------------------------------------------------------ */

/* CORS: an allowed Origin gets itself back (the embedding website). */
static void add_cors(const request *rq, struct MHD_Response *r)
{
    const char *origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
    char **allowed = rq->snap != NULL ? rq->snap->settings.cors_origins : NULL;
    if (origin == NULL || allowed == NULL)
        return;
    for (char **o = allowed; *o != NULL; o++)
        if (strcmp(*o, origin) == 0 || strcmp(*o, "*") == 0) {
            MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
            MHD_add_response_header(r, "Vary", "Origin");
            break;
        }
}

enum MHD_Result http_queue(request *rq, unsigned status, struct MHD_Response *r)
{
    rq->status = status;
    add_cors(rq, r);
    return MHD_queue_response(rq->conn, status, r);
}

enum MHD_Result http_preflight(request *rq)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    MHD_add_response_header(r, "Access-Control-Allow-Headers", "Content-Type");
    MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
    enum MHD_Result ret = http_queue(rq, MHD_HTTP_NO_CONTENT, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- Bodies ------------------------------------------------------------------------- */

enum MHD_Result http_send_body(request *rq, unsigned status, const char *type,
                               const char *cache_control, char *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body != NULL ? strlen(body) : 0, body != NULL ? body : (char *)"",
        body != NULL ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", type);
    if (cache_control != NULL)
        MHD_add_response_header(r, "Cache-Control", cache_control);
    enum MHD_Result ret = http_queue(rq, status, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result http_send_json(request *rq, unsigned status, char *body)
{
    return http_send_body(rq, status, "application/json; charset=utf-8", "no-store", body);
}

char *http_error_json(const char *code, const char *message)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    jsonutil_add_string(b, "error", code);
    jsonutil_add_string(b, "message", message);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

enum MHD_Result http_send_error(request *rq, unsigned status, const char *code,
                                const char *message)
{
    return http_send_json(rq, status, http_error_json(code, message));
}

char *http_verr_json(const verr *err, unsigned *status)
{
    reply_error re;
    reply_error_for(err, &re);
    if (re.log_detail)
        fprintf(stderr, "veille-searchd: %s: %s (%s)\n", re.code, err->msg, err->cls);
    *status = re.status;
    return http_error_json(re.code, re.message);
}

enum MHD_Result http_send_verr(request *rq, const verr *err)
{
    unsigned status;
    char *body = http_verr_json(err, &status);
    return http_send_json(rq, status, body);
}

/* ---- Addresses ---------------------------------------------------------------------- */

char *http_public_base(const server *sv, const request *rq)
{
    if (rq->snap->settings.public_url != NULL)
        return g_strdup(rq->snap->settings.public_url);
    struct MHD_Connection *c = rq->conn;
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

char *http_request_target(const request *rq, const char *url)
{
    GString *out = g_string_new(url);
    MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_arg, out);
    return g_string_free(out, FALSE);
}
