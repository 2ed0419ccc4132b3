/* routes.h - the daemon's one route table and the request callback that
 * dispatches through it.
 *
 * A route is a set of methods (GET includes HEAD), a path, a handler,
 * whether the documentalist's token is needed, and the name its requests
 * are counted under in /metrics.  A path is exact ("/api/search") or has
 * one placeholder ("/api/documents/{id}", "/documents/{id}/file"), which
 * stands for any text, '/' included, and is handed to the handler.  A
 * known path asked with another method is a 405, an unknown path a 404,
 * and OPTIONS, on any path, the CORS preflight. */
#ifndef VEILLE_ROUTES_H
#define VEILLE_ROUTES_H

#include <microhttpd.h>
#include "request.h"
#include "server.h"

/* url: the request's path; arg: the placeholder's text (NULL without). */
typedef enum MHD_Result (*route_handler)(server *sv, request *rq, const char *url,
                                         const char *arg);

enum { ROUTE_GET = 1, ROUTE_POST = 2, ROUTE_PATCH = 4, ROUTE_DELETE = 8 };

typedef struct {
    unsigned methods;               /* ROUTE_* */
    const char *path;               /* exact, or with one {placeholder} */
    gboolean (*accepts)(const char *url); /* a further test of the path; NULL: none */
    route_handler handler;
    gboolean admin;                 /* needs "Authorization: Bearer TOKEN" */
    const char *metric;             /* route label of /metrics */
} route;

typedef struct {
    const route *route;   /* the first route of the path; NULL: unknown path */
    gboolean allowed;     /* route takes the method (else the path's other routes did not) */
    char *arg;            /* the placeholder's text; caller frees */
} route_found;

/* Looks method and url up in the table: OUT *found. */
void routes_find(const char *method, const char *url, route_found *found);

/* libmicrohttpd's request callback (cls: the server; *state: the request
 * of request_start). */
enum MHD_Result routes_on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state);

#endif
