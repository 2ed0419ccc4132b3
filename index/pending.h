/* pending.h - the documentalist's writes waiting for the one writer.
 *
 * The daemon never opens the index for writing.  A correction (PATCH), a
 * deletion or an upload becomes a request: a JSON file in the index's
 * spool folder (pending_dir: "<index>.pending"), written atomically (a
 * temporary file, fsync, rename), so that a crash or a restart of the
 * daemon loses none and never leaves half of one.  veille-index applies
 * them (apply.h) in the order they came: with --apply-pending, which the
 * daemon starts at once and again while some wait, and at the end of every
 * indexing run, which holds the lock anyway.  An applied request leaves
 * its outcome ("NAME.done", kept PENDING_DONE_KEPT_S) in place of itself. */
#ifndef VEILLE_PENDING_H
#define VEILLE_PENDING_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include "verr.h"

typedef enum { PENDING_CORRECT, PENDING_DELETE, PENDING_UPLOAD } pending_kind;

typedef struct {
    char *name;          /* "<queued µs>-<random>": names sort in arrival order */
    pending_kind kind;
    char *doc_id;        /* correct, delete: the document */
    char *correction;    /* correct, upload (may be NULL): JSON of correction_parse */
    char *path;          /* upload: the file, already in the collection */
    gint64 queued;       /* when it came, µs since the epoch */
} pending_request;

typedef struct {
    char *name;          /* the request's */
    pending_kind kind;
    char *doc_id;        /* the document (an upload's new one), may be NULL */
    gboolean applied;
    verr err;            /* not applied: why (its code, class and French message) */
    gint64 done;         /* µs since the epoch */
} pending_outcome;

#define PENDING_DONE_KEPT_S (7 * 24 * 3600)

/* "<db_path>.pending".  Caller frees. */
char *pending_dir(const char *db_path);

/* Queues r (its name and queued time are set here, its folder created if
 * need be).  0, or -1 with err. */
int pending_submit(const char *db_path, pending_request *r, verr *err);

/* The requests waiting, oldest first (pending_request *, owned by the
 * array).  A file that cannot be read as a request is left out (and left
 * alone).  NULL with err when the folder cannot be read; an empty array
 * when there is none. */
GPtrArray *pending_list(const char *db_path, verr *err);

/* Writes o as its request's outcome and removes the request.  0 or -1. */
int pending_finish(const char *db_path, const pending_outcome *o, verr *err);

/* The outcome of request name, or NULL while it is not applied. */
pending_outcome *pending_outcome_read(const char *db_path, const char *name);

/* The outcomes kept, newest first, at most max; outcomes older than
 * PENDING_DONE_KEPT_S are removed on the way. */
GPtrArray *pending_recent(const char *db_path, guint max);

/* JSON of an outcome, and back (NULL if malformed).  Caller frees. */
char *pending_outcome_json(const pending_outcome *o);
pending_outcome *pending_outcome_from_json(const char *json);
/* The same from a parsed node (NULL if it is not an outcome). */
pending_outcome *pending_outcome_from_node(JsonNode *node);

/* Adds outcomes (pending_outcome *) to b as an array value. */
void pending_outcomes_build(JsonBuilder *b, const GPtrArray *outcomes);

/* "correct", "delete", "upload". */
const char *pending_kind_name(pending_kind k);

void pending_request_free(pending_request *r);
void pending_outcome_free(pending_outcome *o);

#endif
