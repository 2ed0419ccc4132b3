/* expansion.h - thesaurus expansion of a user's query as Xapian queries.
 *
 * The thesaurus says which concepts and labels a query mentions
 * (thesaurus/expand.h); here each mention becomes one Xapian query
 * matching any of its labels (one label as itself or its stem, several
 * words as a phrase) and its concepts' filter terms (facet.h), so tagged
 * documents match.  On an index with concept terms (schema.h XK, written
 * from the tagger's mentions) a concept's labels are searched through its
 * one XK term, a posting list, instead of a phrase query per label; the
 * words the user typed stay a phrase, which, when they name themes only,
 * weighs the documents the concept terms find (AND_MAYBE) instead of
 * finding more.  The query text comes back with each mention replaced by
 * "veillexp:N"; a QueryParser given expansion_field_query() for the field
 * EXPANSION_FIELD turns those into the built queries, leaving the user's
 * operators and other words to Xapian.  A "veillexp:" the user types is
 * not a field.  Nothing goes through Xapian's synonym table (which the
 * remote backend ignores). */
#ifndef VEILLE_EXPANSION_H
#define VEILLE_EXPANSION_H

#include "expand.h"
#include "xapian-c/xapian_c.h"

#define EXPANSION_FIELD "veillexp"

typedef struct {
    char *text;              /* the query rewritten for the QueryParser */
    expanded_query *mentions; /* what the thesaurus found (reported to the user) */
    GPtrArray *queries;      /* of xap_query *, owned: one per mention, in order */
} query_expansion;

/* stem: the stemmer the index was built with (NULL: words as typed);
 * concept_terms: whether the index has XK terms.  Caller frees with
 * query_expansion_free(). */
query_expansion *query_expansion_new(const vocab *v, const matcher *m, const xap_stem *stem,
                                     gboolean concept_terms, const char *user_query);
void query_expansion_free(query_expansion *qe);

/* xap_field_fn for EXPANSION_FIELD; ud is the query_expansion. */
xap_query *expansion_field_query(const char *text, void *ud);

#endif
