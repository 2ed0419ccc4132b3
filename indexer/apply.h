/* apply.h - veille-index applies the documentalist's queued writes
 * (pending.h): corrections and deletions (edit.h), and uploads, whose
 * file is extracted in the sandbox and prepared like any other (prepare.h).
 *
 * Each request is committed on its own, then its outcome is written and
 * the request removed, so that what the daemon reads as applied is in the
 * index.  A request that fails (a document deleted since, a file Veille
 * cannot read) fails alone, with its reason; an uploaded file that cannot
 * be indexed is removed from the collection again. */
#ifndef VEILLE_APPLY_H
#define VEILLE_APPLY_H

#include <glib.h>
#include <stdio.h>
#include "tag.h"
#include "verr.h"
#include "writer.h"

/* Applies every request waiting for db_path's index, oldest first, with
 * the writer w (which holds its lock) and tagger t (NULL: no thesaurus);
 * when some wait, what w holds uncommitted is committed first.
 * Outcomes (pending_outcome *) are appended to outcomes (may be NULL).
 * Returns 0, or -1 with err when the index or the spool fails (the
 * requests not applied yet stay queued). */
int apply_pending(index_writer *w, const char *db_path, const tagger *t, GPtrArray *outcomes,
                  verr *err);

/* veille-index --apply-pending: opens db_path (waiting up to lock_wait_s
 * for the lock), applies the queue with the index's own vocabulary, and
 * prints {"requests": [outcome...]} on out when json is set, else one
 * French line per request.  Returns 0, or -1 with err (VERR_LOCKED: the
 * lock stayed held). */
int apply_run(const char *db_path, unsigned lock_wait_s, gboolean json, FILE *out, verr *err);

#endif
