/* handlers_search.c - searches, feeds, completion, the thesaurus and the
 * OpenSearch description (handlers.h). */
#include "handlers.h"
#include "http.h"
#include "render_json.h"
#include "search_jobs.h"
#include "suggest.h"

#include <string.h>

enum MHD_Result handle_search(server *sv, request *rq, const char *url, const char *arg)
{
    (void)arg;
    return search_job_answer(sv, rq, url, FALSE);
}

enum MHD_Result handle_feed(server *sv, request *rq, const char *url, const char *arg)
{
    (void)arg;
    return search_job_answer(sv, rq, url, TRUE);
}

/* GET /api/suggest?q=: completions of what a user is typing. */
enum MHD_Result handle_suggest(server *sv, request *rq, const char *url, const char *arg)
{
    verr err;
    (void)url;
    (void)arg;
    const char *q = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "q");
    if (q == NULL || !g_utf8_validate(q, -1, NULL) || strlen(q) > 200)
        return http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                               "paramètre q : texte UTF-8 de 200 octets au plus");
    searcher *s = server_searcher(sv, &err);
    char *json = s != NULL ? suggest_json(s, rq->snap->v, q, &err) : NULL;
    if (json == NULL)
        return http_send_verr(rq, &err);
    return http_send_json(rq, MHD_HTTP_OK, json);
}

enum MHD_Result handle_thesaurus(server *sv, request *rq, const char *url, const char *arg)
{
    (void)sv;
    (void)url;
    (void)arg;
    return http_send_json(rq, MHD_HTTP_OK, render_json_thesaurus(rq->snap->v));
}

/* The OpenSearch description, so browsers can add Veille as a search engine. */
enum MHD_Result handle_opensearch(server *sv, request *rq, const char *url, const char *arg)
{
    (void)url;
    (void)arg;
    char *base = http_public_base(sv, rq);
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
    return http_send_body(rq, MHD_HTTP_OK, "application/opensearchdescription+xml; charset=utf-8",
                          "public, max-age=86400", xml);
}
