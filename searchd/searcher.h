/* searcher.h - one thread's reader of the index: its Xapian database
 * (Xapian objects are not thread-safe), the French stemmer and stop
 * words, and what is known of the revision it is open at.
 *
 * Each search, lookup or count reopens the database first
 * (searcher_reopen), so documents committed by veille-index show up
 * without a restart; the caller is told of each move to a new revision
 * (the daemon counts them for /metrics).  A read that commits overwrote
 * under it (DatabaseModifiedError: a reader may lag one commit behind,
 * not two) starts again on the latest revision (searcher_retrying). */
#ifndef VEILLE_SEARCHER_H
#define VEILLE_SEARCHER_H

#include <glib.h>
#include "reader.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct searcher searcher;

/* Called after a reopen that moved to a new revision. */
typedef void (*searcher_reopened_fn)(void *ud);

/* Opens db_path for this thread; reopened (may be NULL) is called with ud
 * on each later move to a new revision.  NULL with err. */
searcher *searcher_new(const char *db_path, searcher_reopened_fn reopened, void *ud, verr *err);
void searcher_free(searcher *s);

/* Moves to the index's latest revision.  0, or -1 with err. */
int searcher_reopen(searcher *s, verr *err);

/* Of the revision open (borrowed until the searcher is freed): */
const xap_db *searcher_db(const searcher *s);
const xap_stem *searcher_stem(const searcher *s);
const xap_stopper *searcher_stopper(const searcher *s);
/* whether the index has XK concept terms (schema 3 and later) */
gboolean searcher_concept_terms(const searcher *s);
/* whether some documents are versions of one another (versions.h), whose
 * groups searches collapse */
gboolean searcher_versions(const searcher *s);
/* the database's name (its facet columns, facet_columns.h) */
const char *searcher_uuid(const searcher *s);
/* its revision (index_reader_revision): FALSE without one (a stub file) */
gboolean searcher_revision(const searcher *s, unsigned long long *out);
/* the reader, to tell which shards answer (reader.h) */
const index_reader *searcher_reader(const searcher *s);

/* Number of documents, after a reopen, for /healthz and /metrics. */
int searcher_doccount(searcher *s, unsigned *out, verr *err);

/* One attempt at a read, begun after searcher_reopen: a result, or NULL
 * with err.  A shard that stops answering during the attempt
 * (VERR_NETWORK) is left out of the next one (reader.h). */
typedef void *(*searcher_attempt_fn)(searcher *s, void *ctx, verr *err);

/* attempt's result, tried again (a few times) while it fails with
 * VERR_MODIFIED; NULL with the last attempt's err. */
void *searcher_retrying(searcher *s, searcher_attempt_fn attempt, void *ctx, verr *err);

#endif
