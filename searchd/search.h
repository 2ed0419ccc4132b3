/* search.h - one faceted search over the index: the user's query (folded,
 * thesaurus-expanded, parsed with French stemming: query.h), filters
 * (values of a facet ORed, facets ANDed), sorting, paging, exact facet
 * counts (facet_count.h), snippets and "did you mean"; the result is a
 * search_result, rendered by its callers.
 *
 * A search runs on the calling thread's searcher (searcher.h).  The
 * vocabulary comes with each request: the daemon swaps vocabularies on
 * SIGHUP while searches of the old one still run. */
#ifndef VEILLE_SEARCH_H
#define VEILLE_SEARCH_H

#include <glib.h>
#include "match.h"
#include "search_result.h"
#include "searcher.h"
#include "verr.h"
#include "vocab.h"
#include "xapian-c/xapian_c.h"

#define SEARCH_PER_PAGE_MAX 100

/* The order of results: by relevance, by the documents' own date, or by
 * their arrival in the collection (what's new), newest first. */
typedef enum { SORT_RELEVANCE, SORT_DATE, SORT_ADDED } search_sort;

/* Ranking settings ([search] in the configuration file; bench/relevance
 * chose the defaults). */
typedef enum { WEIGHTING_DPH, WEIGHTING_BM25 } weighting;

typedef struct {
    weighting weighting;      /* DPH (no parameters) or BM25 */
    double k1, b;             /* BM25: term frequency saturation, length normalisation */
    xap_stem_strategy stem;   /* stemming of query words */
    double title_boost;       /* weight added to matches in the title (0: none) */
    double phrase_boost;      /* weight added when a query's words come in order (0: none) */
    gboolean expand;          /* thesaurus expansion of queries */
    double time_limit_ms;     /* a search still running after this fails (VERR_TIMEOUT) */
    double relax_below;       /* plain words finding fewer documents all together are
                               * searched again with most of them (0: never) */
    double relax_strict_boost; /* relaxed, the documents with every word weigh this many
                               * times more */
    double relax_prefix_boost; /* relaxed, words sharing the start of a long query word
                               * ("obligat*" for "obligation": "obligatoires") weigh this
                               * (0: not searched) */
    double correct_min;       /* a spelling correction is searched instead when it finds more
                               * than the words as typed, and at least this many documents */
    gboolean count_from_postings; /* exact counts from posting-list bitsets (match_count.h)
                               * where they can be had, else from the matcher's spies */
} search_tuning;

extern const search_tuning search_tuning_default;

typedef struct {
    const char *q;            /* user query; NULL or "" for everything */
    GPtrArray *themes;        /* of char *: theme ids */
    GPtrArray *regions;       /* region ids */
    GPtrArray *types;         /* type slugs */
    GPtrArray *years;         /* "YYYY" */
    GPtrArray *langs;         /* language codes (fr, en), not counted */
    GPtrArray *sources;       /* organisations (names or slugs), not counted */
    const char *date_from;    /* "YYYY-MM-DD" or "YYYY", may be NULL */
    const char *date_to;
    const char *added_since;  /* entered the collection on or after this day ("YYYY-MM-DD",
                               * "YYYY-MM" or "YYYY"), may be NULL */
    search_sort sort;
    unsigned page;            /* 1-based */
    unsigned per_page;
    gboolean no_facets;       /* skip facet counting (feeds) */
    gboolean as_typed;        /* correct=0: never search the spelling correction instead */
    gboolean each_version;    /* versions=0: each version of a report a result of its own,
                               * not one per group (versions.h) */
    const search_tuning *tuning; /* NULL: search_tuning_default */
    const vocab *v;           /* expansion and facet labels; NULL: none (kept alive by the */
    const matcher *m;         /* caller while the search runs); m over v */
    /* Asked between the steps of a search: TRUE when nobody waits for the
     * answer any more (the client hung up); the search then stops with
     * VERR_CANCELLED.  NULL: never. */
    gboolean (*gone)(void *ud);
    void *gone_ud;
} search_request;

/* Runs req; returns its result (caller unrefs), or NULL with err:
 * VERR_PARSE for a query syntax error or a bad date (message says what),
 * VERR_TIMEOUT past tuning->time_limit_ms, VERR_CANCELLED when req->gone
 * says so, VERR_MODIFIED when commits overwrote the index's revision under
 * it again and again (it starts over on the latest one, a few times),
 * others for server-side failures. */
search_result *search_run(searcher *s, const search_request *req, verr *err);

/* The key under which the answer to req may be cached (response_cache.h):
 * every parameter of req, each length-prefixed so that no value can pass
 * for two, a facet's values in a canonical order; the index revision; and
 * generation, which names the settings and vocabulary in force.  Caller
 * frees. */
char *search_request_key(const search_request *req, unsigned long long revision,
                         unsigned generation);

/* search_request_key at s's revision, after a reopen.  NULL with err if
 * the index cannot be reopened or has no single revision (several
 * databases: no cache). */
char *search_cache_key(searcher *s, const search_request *req, unsigned generation, verr *err);
/* search_request_key at the revision s is at now, without a reopen: what
 * a result search_run has just made with s is stored under.  The key it
 * was looked up with came from another thread's reader, which may have
 * seen another state (a shard gone or back, a commit): storing under
 * that one could hand a partial answer out as a full one.  NULL without
 * a revision. */
char *search_result_key(const searcher *s, const search_request *req, unsigned generation);

#endif
