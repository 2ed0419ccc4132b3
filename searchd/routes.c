/* routes.c - the route table and the dispatch through it (routes.h). */
#include "routes.h"
#include "admin.h"
#include "handlers.h"
#include "http.h"
#include "static.h"
#include "writes.h"

#include <string.h>

/* Whether url is one of the web files' addresses (static.h). */
static gboolean web_file_url(const char *url)
{
    char name[STATIC_NAME_MAX];
    return static_file_for(url, name, sizeof name) != NULL;
}

/* The only list of the daemon's routes: dispatch, the token check and
 * the metrics' route labels read it. */
static const route routes[] = {
    { ROUTE_GET, "/api/search", NULL, handle_search, FALSE, "search" },
    { ROUTE_GET, "/feed.atom", NULL, handle_feed, FALSE, "feed" },
    { ROUTE_GET, "/api/suggest", NULL, handle_suggest, FALSE, "suggest" },
    { ROUTE_GET, "/api/thesaurus", NULL, handle_thesaurus, FALSE, "thesaurus" },
    { ROUTE_GET, "/opensearch.xml", NULL, handle_opensearch, FALSE, "opensearch" },
    /* before /api/documents/{id}, whose placeholder would take "ID/reading" */
    { ROUTE_GET, "/api/documents/{id}/reading", NULL, handle_document_reading, FALSE, "reading" },
    { ROUTE_GET, "/api/documents/{id}", NULL, handle_document, FALSE, "document" },
    { ROUTE_PATCH, "/api/documents/{id}", NULL, writes_patch, TRUE, "document" },
    { ROUTE_DELETE, "/api/documents/{id}", NULL, writes_delete, TRUE, "document" },
    { ROUTE_POST, "/api/documents", NULL, writes_upload, TRUE, "upload" },
    { ROUTE_GET, "/documents/{id}/file", NULL, handle_document_file, FALSE, "file" },
    { ROUTE_POST, "/api/alerts", NULL, handle_alerts_subscribe, FALSE, "alerts" },
    { ROUTE_GET, "/alerts/confirm", NULL, handle_alerts_confirm_page, FALSE, "alerts" },
    { ROUTE_POST, "/alerts/confirm", NULL, handle_alerts_confirm, FALSE, "alerts" },
    { ROUTE_GET, "/alerts/unsubscribe", NULL, handle_alerts_unsubscribe_page, FALSE, "alerts" },
    { ROUTE_POST, "/alerts/unsubscribe", NULL, handle_alerts_unsubscribe, FALSE, "alerts" },
    { ROUTE_GET, "/healthz", NULL, handle_healthz, FALSE, "healthz" },
    { ROUTE_GET, "/metrics", NULL, handle_metrics, FALSE, "metrics" },
    { ROUTE_GET, "/api/admin/status", NULL, handle_admin_status, TRUE, "admin" },
    { ROUTE_GET, "/api/admin/demand", NULL, handle_admin_demand, TRUE, "admin" },
    { ROUTE_GET, NULL, web_file_url, handle_web_file, FALSE, "static" },
};

/* ---- Matching ----------------------------------------------------------------------- */

static unsigned method_bit(const char *method)
{
    if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
        return ROUTE_GET;
    if (strcmp(method, "POST") == 0)
        return ROUTE_POST;
    if (strcmp(method, "PATCH") == 0)
        return ROUTE_PATCH;
    if (strcmp(method, "DELETE") == 0)
        return ROUTE_DELETE;
    return 0;
}

/* Whether url has the route's path: OUT *arg the placeholder's text
 * (caller frees; left NULL without placeholder). */
static gboolean path_matches(const route *r, const char *url, char **arg)
{
    if (r->path == NULL)
        return r->accepts(url);
    const char *open = strchr(r->path, '{');
    if (open == NULL)
        return strcmp(r->path, url) == 0 && (r->accepts == NULL || r->accepts(url));
    const char *suffix = strchr(open, '}') + 1;
    size_t prefix_len = (size_t)(open - r->path), suffix_len = strlen(suffix), n = strlen(url);
    if (n < prefix_len + suffix_len || strncmp(url, r->path, prefix_len) != 0 ||
        strcmp(url + n - suffix_len, suffix) != 0 || (r->accepts != NULL && !r->accepts(url)))
        return FALSE;
    *arg = g_strndup(url + prefix_len, n - prefix_len - suffix_len);
    return TRUE;
}

void routes_find(const char *method, const char *url, route_found *found)
{
    unsigned bit = method_bit(method);
    memset(found, 0, sizeof *found);
    for (size_t i = 0; i < G_N_ELEMENTS(routes); i++) {
        char *arg = NULL;
        if (!path_matches(&routes[i], url, &arg))
            continue;
        if ((routes[i].methods & bit) != 0) {
            g_free(found->arg);
            *found = (route_found){ &routes[i], TRUE, arg };
            return;
        }
        if (found->route == NULL)
            *found = (route_found){ &routes[i], FALSE, arg };
        else
            g_free(arg);
    }
}

/* ---- Dispatch ----------------------------------------------------------------------- */

/* The documentalist's token check; FALSE when allowed, else TRUE with the
 * answer queued in *ret. */
static gboolean admin_refused(request *rq, enum MHD_Result *ret)
{
    const char *token = rq->snap->settings.admin_token;
    if (token == NULL)
        *ret = http_send_error(rq, MHD_HTTP_FORBIDDEN, "forbidden",
                               "fonctions du documentaliste désactivées (pas de jeton configuré)");
    else if (!admin_authorised(MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                           "Authorization"), token))
        *ret = http_send_error(rq, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                               "jeton absent ou invalide");
    else
        return FALSE;
    return TRUE;
}

static enum MHD_Result dispatch(server *sv, request *rq, const char *method, const char *url)
{
    route_found f;
    enum MHD_Result ret;
    routes_find(method, url, &f);
    rq->route = f.route != NULL ? f.route->metric : NULL;
    if (f.route == NULL) {
        ret = http_send_error(rq, MHD_HTTP_NOT_FOUND, "not_found", "adresse inconnue");
    } else if (!f.allowed) {
        ret = http_send_error(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                              "méthode non autorisée");
    } else if (!f.route->admin || rq->handled || !admin_refused(rq, &ret)) {
        rq->handled = TRUE; /* a woken-up request is not asked its token again */
        ret = f.route->handler(sv, rq, url, f.arg);
    }
    g_free(f.arg);
    return ret;
}

enum MHD_Result routes_on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state)
{
    server *sv = cls;
    request *rq = *state;
    (void)c;
    (void)version;
    if (!rq->started) /* first call: headers only */
        return request_admit(sv, rq);
    verr e; /* an index created since the start is opened here, with its vocabulary */
    server_searcher(sv, &e);
    if (writes_read_body(rq, method, url, upload_data, upload_size))
        return MHD_YES;
    if (strcmp(method, "OPTIONS") == 0)
        return http_preflight(rq);
    return dispatch(sv, rq, method, url);
}
