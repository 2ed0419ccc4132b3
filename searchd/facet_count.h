/* facet_count.h - exact facet counts over a whole match set, for the
 * facets a search counts (facet_counted(), facet.h), by their position i
 * in that list.
 *
 * Counts come from the facet columns (facet_columns.h) when the index is
 * one local database at a known revision, else from Xapian's
 * ValueCountMatchSpy, one per facet wanted: several databases, as a stub
 * file lists them, and remote shards, since xapian-tcpsrv runs that spy.
 * Both count the same (tests/unit/test_facet_columns.c).  A slot holding
 * a set of ids counts each id. */
#ifndef VEILLE_FACET_COUNT_H
#define VEILLE_FACET_COUNT_H

#include <glib.h>
#include "facet_columns.h"
#include "searcher.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* The facet columns of the revision s is open at (shared by threads;
 * caller unrefs); NULL without a single revision (several databases). */
facet_columns *facet_count_columns(const searcher *s, verr *err);

/* What counts the facets of every document an enquire matches. */
typedef struct facet_counter facet_counter;

/* A counter on enq (which borrows it until the counter is freed) for the
 * facets in want (bit i: facet i), from cols (may be NULL: Xapian's
 * spies).  NULL with err. */
facet_counter *facet_counter_attach(xap_enquire *enq, const facet_columns *cols, unsigned want,
                                    verr *err);
void facet_counter_free(facet_counter *fc);

/* Adds facet i's counts of the match that ran to counts (char * value,
 * owned by the table -> count as GUINT_TO_POINTER).  0, or -1 with err. */
int facet_counter_values(const facet_counter *fc, size_t i, GHashTable *counts, verr *err);

/* Adds facet i's counts in tally t to counts (as facet_counter_values). */
int facet_count_tally(const facet_tally *t, size_t i, GHashTable *counts);
/* Counts facet i over every document q matches (exactly, unweighted: no
 * ranking to do) into counts, within seconds: how a facet the user
 * filters on is counted, its filter left out of q, so that its
 * alternatives keep their counts.  cols may be NULL. */
int facet_count_alone(const xap_db *db, xap_query *q, const facet_columns *cols, size_t i,
                      GHashTable *counts, unsigned doccount, double seconds, verr *err);

#endif
