/* writes.h - the documentalist's writes: DELETE and PATCH of
 * /api/documents/{id}, and uploads (POST /api/documents), with the
 * reading of their bodies and the writer thread that runs them.
 *
 * The daemon never writes the index: each write is queued for
 * veille-index (submit.h), which may wait for the index's lock, for
 * seconds when an indexing run holds it.  They run one at a time in a
 * thread of their own, their connections suspended, so that no
 * connection thread (and none of the searches it carries) waits with
 * them.  Checks that need no index (body type and
 * size) are made before, in the connection's thread; the token is
 * checked by the route table (routes.c). */
#ifndef VEILLE_WRITES_H
#define VEILLE_WRITES_H

#include <microhttpd.h>
#include "request.h"
#include "server.h"

/* Largest PATCH body read. */
#define WRITES_BODY_MAX (64u * 1024u)

/* Every call of a request after its headers, before routing: an upload's
 * form reader is made (or the upload refused, answered once its body has
 * been read), and pieces of body go to it or to PATCH's buffer.  TRUE
 * when the call brought a piece of body, which is taken (*size set to 0;
 * the bodies of other requests are dropped): the caller answers MHD_YES
 * and waits for the rest. */
gboolean writes_read_body(request *rq, const char *method, const char *url, const char *data,
                          size_t *size);

/* Route handlers (routes.h): on the first call the write is handed to
 * the writer thread, on the call that follows its wake-up it is answered
 * (the document's JSON, 202 when it stays queued, or an error). */
enum MHD_Result writes_delete(server *sv, request *rq, const char *url, const char *id);
enum MHD_Result writes_patch(server *sv, request *rq, const char *url, const char *id);
enum MHD_Result writes_upload(server *sv, request *rq, const char *url, const char *unused);

/* The thread that, every [admin] retry_s seconds (and at start) while
 * writes wait in the queue (a daemon restarted, an indexing run that
 * held the lock), hands the writer thread a retry.  Runs until SIGTERM
 * (sv->stopping).  Its data: the server. */
gpointer writes_retry_loop(gpointer sv);

/* GThreadPool function of sv->writes (user data: the server). */
void writes_worker(gpointer task, gpointer sv);

void write_task_free(write_task *t);

#endif
