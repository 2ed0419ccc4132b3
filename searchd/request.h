/* request.h - one request's state, from libmicrohttpd's first look at it
 * (request_start) to its completion (request_completed), and the
 * libmicrohttpd callbacks that make and end it: the access log line, the
 * metrics, and the shares of connections and requests each client may
 * hold (clients.h).
 *
 * A request owns every pointer it holds but conn (libmicrohttpd's) and
 * snap (a reference, released at completion). */
#ifndef VEILLE_REQUEST_H
#define VEILLE_REQUEST_H

#include <glib.h>
#include <microhttpd.h>
#include "multipart.h"
#include "server.h"
#include "upload.h"
#include "verr.h"

typedef struct search_job search_job;
typedef struct write_task write_task;

typedef struct {
    struct MHD_Connection *conn;
    gint64 start_us;
    snapshot *snap;     /* vocabulary and settings for this request */
    char *uri;          /* as received, for the access log */
    const char *route;  /* metric name of its route (routes.c); NULL: "other" */
    unsigned status;    /* set when the response is queued */
    gboolean started;   /* request_admit has seen the headers */
    gboolean handled;   /* its route's handler ran once (a woken-up request runs it again) */
    char *client;       /* the one asking (clients.h), for the log */
    gboolean proxied;   /* through a trusted proxy: one of client's requests counted */
    search_job *job;    /* GET /api/search, /feed.atom (search_jobs.h) */
    /* the documentalist's writes (writes.h): */
    GString *body;      /* request body (PATCH), at most WRITES_BODY_MAX bytes */
    multipart *mp;      /* the upload's form (POST) */
    verr body_err;      /* why the form was refused (body_err.code != VERR_OK) */
    upload *up;
    gboolean refused;   /* POST: answered before reading the body */
    gboolean too_large; /* the body went past WRITES_BODY_MAX */
    write_task *write;  /* DELETE, PATCH, POST: run by the writer thread */
} request;

/* MHD_OPTION_URI_LOG_CALLBACK: a new request's record (its state pointer);
 * a target over 96 KiB is answered 414 at once. */
void *request_start(void *cls, const char *uri, struct MHD_Connection *c);

/* The first call of a request, with its headers: takes the snapshot and
 * names the client; a proxied client over its share is answered 429. */
enum MHD_Result request_admit(server *sv, request *rq);

/* MHD_OPTION_NOTIFY_COMPLETED (cls: the server): the access log line,
 * the metrics, and the request freed. */
void request_completed(void *cls, struct MHD_Connection *c, void **state,
                       enum MHD_RequestTerminationCode toe);

/* MHD's accept policy and MHD_OPTION_NOTIFY_CONNECTION (cls: the
 * server): each direct client holds a share of connections. */
enum MHD_Result request_accept(void *cls, const struct sockaddr *addr, socklen_t len);
void request_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                        enum MHD_ConnectionNotificationCode toe);

/* libmicrohttpd's buffer per connection: the request line and headers
 * must fit (a search with 30,000 filter values is 60 KB, and gets a 400
 * that says the limit rather than a bare 431). */
#define REQUEST_CONNECTION_MEMORY (128u * 1024u)

#endif
