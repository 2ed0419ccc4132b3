/* expand.h - query expansion from the thesaurus, for the search daemon.
 *
 * expand_query() finds the vocabulary's labels in a user's query (loose
 * matching: any case, accents or not, on word boundaries; never inside a
 * quoted phrase, after a "field:" prefix or beside NEAR and ADJ, which
 * Xapian applies to words only) and builds, for each, a Xapian
 * query matching any of its labels: synonyms and acronyms both ways ("CLS"
 * <-> "contrat local de santé"), a theme's narrower concepts, and for a
 * former region today's region ("Basse-Normandie" -> Normandie), plus the
 * concept's filter term so tagged documents match.  On an index with
 * concept terms (schema.h XK, written from the tagger's mentions) each
 * concept's labels are searched through its one XK term, a posting list,
 * instead of a phrase query per label; the words the user typed stay a
 * phrase, which, when they name themes only, weighs the documents the
 * concept terms find (AND_MAYBE) instead of finding more.  The query text comes
 * back with each span replaced by "veillexp:N"; a QueryParser given
 * expand_field_query() for the field EXPAND_FIELD turns those into the
 * built queries, leaving the user's operators and other words to Xapian.
 * A "veillexp:" the user types is not a field.  The expansions are
 * reported, so the daemon can show them.  Nothing goes
 * through Xapian's synonym table (which the remote backend ignores). */
#ifndef VEILLE_EXPAND_H
#define VEILLE_EXPAND_H

#include "match.h"
#include "vocab.h"
#include "xapian-c/xapian_c.h"

#define EXPAND_FIELD "veillexp"

typedef struct {
    char *matched;          /* the words of the query, as typed */
    const vocab_concept *concept; /* borrowed from the vocab */
    GPtrArray *added;       /* of char *: the labels also searched */
    xap_query *query;       /* owned */
} expansion;

typedef struct {
    char *text;             /* the rewritten query, for the QueryParser */
    GPtrArray *expansions;  /* of expansion *, owned */
} expanded_query;

/* stem: the stemmer the index was built with; concept_terms: whether the
 * index has XK terms.  A query typed in capitals
 * is matched (and rewritten) in lower case, its operators kept.  Never fails on valid
 * UTF-8: a query with nothing to expand comes back unchanged.  Caller
 * frees with expanded_query_free(). */
expanded_query *expand_query(const vocab *v, const matcher *m, const xap_stem *stem,
                             gboolean concept_terms, const char *user_query);
void expanded_query_free(expanded_query *eq);

/* xap_field_fn for EXPAND_FIELD; ud is the expanded_query. */
xap_query *expand_field_query(const char *text, void *ud);

#endif
