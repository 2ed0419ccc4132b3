/* handlers.h - the route handlers (routes.h) that answer in the
 * connection's thread or hand a search over, by group:
 *  - handlers_search.c: searches and feeds (search_jobs.h), completion,
 *    the thesaurus, the OpenSearch description;
 *  - handlers_document.c: a document's record and its file;
 *  - handlers_admin.c: health, metrics, the documentalist's status page
 *    and the web files.
 * The documentalist's writes are writes.h's.  Each takes the request's
 * path (url) and the text of its route's placeholder (arg, or NULL). */
#ifndef VEILLE_HANDLERS_H
#define VEILLE_HANDLERS_H

#include <microhttpd.h>
#include "request.h"
#include "server.h"

enum MHD_Result handle_search(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_feed(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_suggest(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_thesaurus(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_opensearch(server *sv, request *rq, const char *url, const char *arg);

/* arg: the document id */
enum MHD_Result handle_document(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_document_file(server *sv, request *rq, const char *url, const char *arg);

enum MHD_Result handle_healthz(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_metrics(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_admin_status(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_admin_demand(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_document_reading(server *sv, request *rq, const char *url, const char *id);
enum MHD_Result handle_alerts_subscribe(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_alerts_confirm_page(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_alerts_confirm(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_alerts_unsubscribe_page(server *sv, request *rq, const char *url,
                                               const char *arg);
enum MHD_Result handle_alerts_unsubscribe(server *sv, request *rq, const char *url, const char *arg);
enum MHD_Result handle_web_file(server *sv, request *rq, const char *url, const char *arg);

#endif
