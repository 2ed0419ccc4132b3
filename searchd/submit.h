/* submit.h - the daemon's side of the documentalist's writes.  The daemon
 * never opens the index for writing: a correction, a deletion or an upload
 * is queued as a request (pending.h), then the one writer, veille-index
 * --apply-pending, is started to apply it.  When veille-index answers
 * within APPLY_LOCK_WAIT_S the request's outcome is the answer; when a
 * long indexing run holds the index, the request stays queued (202) and
 * is applied by that run's end or by a later submit_retry.
 *
 * The daemon reads veille-index's exit status and its --json summary,
 * never its messages.  Called from the daemon's one writer thread. */
#ifndef VEILLE_SUBMIT_H
#define VEILLE_SUBMIT_H

#include <glib.h>
#include "pending.h"
#include "verr.h"

/* How long veille-index waits for the lock before the request is left
 * queued. */
#define APPLY_LOCK_WAIT_S 2

typedef enum { SUBMIT_APPLIED, SUBMIT_PENDING, SUBMIT_FAILED } submit_state;

typedef struct {
    submit_state state;
    char *request;   /* the request's name (pending.h) */
    char *doc_id;    /* applied: the document (an upload's new one) */
    verr err;        /* failed: why (its outcome's reason) */
} submit_result;

/* Queues r for db_path's index and has it applied.  Returns 0 with *out
 * filled (caller clears it), or -1 with err when it could not even be
 * queued, or when veille-index failed without applying it (it then stays
 * queued). */
int submit_write(const char *db_path, pending_request *r, submit_result *out, verr *err);

/* The answer to a request left queued (202): {"status": "pending",
 * "request": name, "message": French}.  Caller frees. */
char *submit_pending_json(const submit_result *res);

/* Starts veille-index --apply-pending when requests wait for db_path's
 * index (the daemon's retry, also at start).  0, or -1 with err. */
int submit_retry(const char *db_path, verr *err);

void submit_result_clear(submit_result *r);

#endif
