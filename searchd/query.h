/* query.h - the Xapian queries of a search: the user's text (folded,
 * expanded from the thesaurus, parsed with French stemming, with the
 * title and phrase boosts), the facet filters, and the filters that are
 * not counted (dates, languages, sources). */
#ifndef VEILLE_QUERY_H
#define VEILLE_QUERY_H

#include <glib.h>
#include "expansion.h"
#include "facet.h"
#include "search.h"
#include "searcher.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* Folds a query for the parser (text_fold), keeping its boolean
 * operators, which folding would turn into plain words; outside quotes,
 * with widen, a plain plural word also searches its singular ("(locaux OR
 * local)": Snowball keeps the s of "rendus", "avis", text_singular), a
 * hyphenated word is searched as written or by its parts ("(mal-logement
 * OR (mal AND logement))") and stop words are left out, but beside an operator ("santé OR avec" would
 * become "santé OR").  Without widen (the query whose spelling is
 * corrected, shown to the user as it would be typed) words stay as they
 * are, stop words too.  A query of stop words only is folded whole.  Caller frees. */
char *query_fold(const char *q, gboolean widen);

/* q without the brackets that close nothing or are never closed (outside
 * quotes): « payante (si » is a reader's aside, not a group, which the
 * parser would make one that finds nothing.  query_fold and search_run
 * apply it.  Caller frees. */
char *query_without_unbalanced_brackets(const char *q);

/* q without the "()" of a function written as in a manual ("ioctl()"):
 * Xapian takes it for an empty group, and the query finds nothing.  NULL
 * when q has none.  Caller frees. */
char *query_without_call_brackets(const char *q);

/* A date bound in the index's form: "2012" -> "20120000" (from) or
 * "20129999" (upper); "2012-03" -> "20120300" or "20120399";
 * "2012-03-05" -> "20120305".  NULL when s is not such a date.  Caller
 * frees. */
char *query_date_bound(const char *s, gboolean upper);

/* What query_text makes of the user's words. */
typedef enum {
    QUERY_ALL_WORDS,   /* every word must be in a document (the default) */
    QUERY_MOST_WORDS,  /* any word may be missing: the documents with every
                        * word first, then BM25 ranks those with more of them
                        * higher (search.c, when every word together finds
                        * too little) */
    QUERY_SPELLING     /* the words as typed, for their spelling correction */
} query_mode;

/* The user's query req->q, folded and expanded (req->tuning->expand, with
 * req->v and req->m); match-all when empty.  OUT *expanded (may stay
 * NULL): the expansion, for the answer (caller frees).  With
 * QUERY_SPELLING, OUT *corrected gets Xapian's spelling correction of what
 * the user typed (NULL: none; caller frees), which costs a scan of the
 * spelling table per word, and no boost is added.  NULL with err:
 * VERR_PARSE for a query Xapian refuses or cannot run, its reason first. */
xap_query *query_text(searcher *s, const search_request *req, query_mode mode,
                      query_expansion **expanded, char **corrected, verr *err);

/* Whether q is two or more plain words (no quotes, operators, fields or
 * brackets): those the answer may be relaxed for (QUERY_MOST_WORDS). */
gboolean query_plain_words(const char *q);

/* The values req filters facet f on (NULL: none). */
const GPtrArray *query_facet_values(const search_request *req, const facet_def *f);

/* OR of values as filter terms with prefix (values are slugged); NULL
 * when there is none. */
xap_query *query_terms_filter(const GPtrArray *values, const char *prefix);

/* The filters that are not counted as facets, ANDed: the dates, the day
 * of arrival (added_since), the languages and the sources of req.  OUT *out (NULL: none).  -1 with err
 * (VERR_PARSE) for a date that is not one. */
int query_fixed_filters(const search_request *req, xap_query **out, verr *err);

/* base filtered by every filters[i] (NULL ones left out) but filters[skip]
 * (-1: none), and by fixed (may be NULL).  Borrows them all; NULL on error. */
xap_query *query_filtered(xap_query *base, xap_query *const *filters, size_t n, xap_query *fixed,
                          int skip, verr *err);

#endif
