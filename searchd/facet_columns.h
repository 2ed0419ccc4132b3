/* facet_columns.h - every document's facet values in memory, to count
 * facets over a match set without reading the index once per document.
 *
 * Exact facet counts visit every matching document.  Xapian's
 * ValueCountMatchSpy reads each one's value from the index (a value-stream
 * lookup and a string per document and slot): at 100,000 documents, most
 * of a search's time.  Here each slot becomes a column, an array from
 * document id to a small value number, loaded once per index revision by
 * walking the value streams, and shared read-only by the daemon's threads;
 * counting a match is then one array increment per document and slot
 * (a docid spy, xapian_c.h).  Columns need Xapian's revision, which it
 * gives for one local database only: an index split over several (a stub
 * file) or remote shards (stock xapian-tcpsrv) is counted with
 * ValueCountMatchSpy over the same slots, and both count the same
 * (tests/unit/test_facet_columns.c; the daemon's tests over two databases).
 *
 * Memory: 4 bytes per document and slot, plus the distinct values. */
#ifndef VEILLE_FACET_COLUMNS_H
#define VEILLE_FACET_COLUMNS_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct facet_columns facet_columns;

/* The columns of slots[0..n) of db, open at revision; key names the
 * index (its path).  The last columns loaded are kept and handed out
 * again for the same key and revision.  Caller releases with
 * facet_columns_unref.  NULL with err if the index cannot be read. */
facet_columns *facet_columns_get(const xap_db *db, const char *key, unsigned long long revision,
                                 const xap_slot *slots, size_t n, verr *err);
void facet_columns_unref(facet_columns *fc);

/* Counts of one match set, column by column. */
typedef struct facet_tally facet_tally;

/* A zeroed tally over fc (fc must outlive it). */
facet_tally *facet_tally_new(const facet_columns *fc);
void facet_tally_free(facet_tally *t);
/* xap_docid_cb: counts document id's values; ud is the tally.  Returns 0. */
int facet_tally_add(xap_docid id, void *ud);
/* Counts every document whose bit is set in bits (bit d of word d >> 6:
 * xap_query_docset's layout; nwords words): into column i only, or into
 * every column if i < 0. */
void facet_tally_add_bits(facet_tally *t, const guint64 *bits, gsize nwords, int i);
/* Calls cb(value, len, count, ud) for each value of column i that some
 * counted document has; stops at and returns cb's first non-zero. */
int facet_tally_values(const facet_tally *t, size_t i, xap_term_cb cb, void *ud);

#endif
