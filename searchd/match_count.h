/* match_count.h - a search's exact total and facet counts from posting
 * lists, without weighting every match.
 *
 * A search shows how many documents it matches and, over all of them, the
 * counts of the facets, a facet the user filters on being counted with
 * its own filter left out (facet_count.h).  Counting through Xapian's
 * matcher visits and weights every match, once per such facet.  Here the
 * text query, each filter and the fixed filters are each evaluated once
 * into a bitset of document ids (xap_query_docset), combined word by word,
 * and each set bit is counted into the facet columns (facet_columns.h);
 * Xapian then only ranks the page, free to stop early.
 *
 * It needs the facet columns (one local database at a revision) and
 * queries of the operators bitsets evaluate; otherwise the caller counts
 * with the matcher (spies), as over several databases or remote shards.
 * Both count the same (tests/unit/test_search.c compares them).
 * Memory: one bit per document per query part, freed on return. */
#ifndef VEILLE_MATCH_COUNT_H
#define VEILLE_MATCH_COUNT_H

#include <glib.h>
#include "facet_columns.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* Counts over db (whose columns cols are, for the counted facets in
 * facet_counted() order) the documents base AND fixed (may be NULL) AND
 * every non-NULL filters[f] match (nf of them, one per counted facet):
 * OUT *total, and for each f < nf, into counts[f] (char * value owned by
 * the table -> count as GUINT_TO_POINTER), facet f's counts over the
 * same with filters[f] left out.  1 when counted, 0 when a query holds an
 * operator bitsets cannot evaluate or when counting would take more than
 * seconds (0: no limit; nothing counted: the matcher, under its own time
 * limit, counts then), -1 with err. */
int match_count(const xap_db *db, const facet_columns *cols, const xap_query *base,
                xap_query *const *filters, size_t nf, const xap_query *fixed,
                double seconds, unsigned *total, GHashTable *const *counts, verr *err);

#endif
