/* missing_words.h - which of the words typed each hit of a page lacks
 * ("Il manque : tableau"), for the answers that rank documents holding
 * most of the words.
 *
 * A word is in a document when its stem's term or its singular's stem
 * term indexes it (as the query matched it).  The whole page is asked in
 * one match over its documents, each word weighing a power of two under
 * coordinate weighting, so that a hit's weight spells the words it holds:
 * no posting list is read whole, which over remote shards would cross the
 * network for every word and shard. */
#ifndef VEILLE_MISSING_WORDS_H
#define VEILLE_MISSING_WORDS_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* For each of the n hits (their docids in db, and their record ids), the
 * words of query q (as snippet_query_words_typed gives them, one letter
 * words aside) that it lacks, as typed.  An array of n arrays of char *
 * (caller frees each and the array), or NULL with err.  Words past the
 * 30th are never reported missing. */
GPtrArray **missing_words_of_hits(const xap_db *db, const xap_stem *stem, const char *q,
                                  const xap_docid *ids, const char *const *record_ids, guint n,
                                  verr *err);

#endif
