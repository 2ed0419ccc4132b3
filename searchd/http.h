/* http.h - the daemon's responses: every one is queued through
 * http_queue, which records its status for the access log and metrics
 * and adds the CORS headers an allowed Origin gets; JSON answers and
 * errors ({"error": code, "message": French text}); the CORS preflight;
 * and the addresses absolute links are made of (feeds, OpenSearch). */
#ifndef VEILLE_HTTP_H
#define VEILLE_HTTP_H

#include <microhttpd.h>
#include "request.h"
#include "verr.h"

/* How long shared caches may keep a feed: a feed reader polls, a proxy
 * answers most polls; five minutes late is still news. */
#define HTTP_FEED_CACHE_CONTROL "public, max-age=300"

/* Queues r (the caller still destroys it) on rq's connection with status. */
enum MHD_Result http_queue(request *rq, unsigned status, struct MHD_Response *r);

/* body (taken, freed with free(); NULL: empty) as type with status and
 * cache_control (NULL: no Cache-Control header). */
enum MHD_Result http_send_body(request *rq, unsigned status, const char *type,
                               const char *cache_control, char *body);

/* A JSON body (taken), never kept by browsers or proxies: the API's
 * answers follow the index. */
enum MHD_Result http_send_json(request *rq, unsigned status, char *body);

enum MHD_Result http_send_error(request *rq, unsigned status, const char *code,
                                const char *message);

/* The answer reply_error.h gives for err. */
enum MHD_Result http_send_verr(request *rq, const verr *err);

/* {"error": code, "message": message}.  Caller frees (g_free or free:
 * g_malloc is malloc in GLib >= 2.46, and MHD frees bodies with free). */
char *http_error_json(const char *code, const char *message);

/* The JSON error for err (reply_error.h); its detail, when it is not for
 * the client, goes to the log.  OUT *status.  Caller frees. */
char *http_verr_json(const verr *err, unsigned *status);

/* OPTIONS, on any path: the CORS preflight's 204. */
enum MHD_Result http_preflight(request *rq);

/* The scheme, host and port of absolute links (feeds, OpenSearch): the
 * configured public_url; else, through a trusted proxy, what its
 * X-Forwarded-Proto and X-Forwarded-Host say; else the address listened
 * on.  Never the Host header: a client could name any site there and a
 * shared cache would keep it.  Caller frees. */
char *http_public_base(const server *sv, const request *rq);

/* The path url and the query of rq, escaped again.  Caller frees. */
char *http_request_target(const request *rq, const char *url);

#endif
