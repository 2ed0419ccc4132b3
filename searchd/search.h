/* search.h - one faceted search over the index: the user's query (folded,
 * thesaurus-expanded, parsed with French stemming), filters (values of a
 * facet ORed, facets ANDed), sorting, paging, and exact facet counts.
 *
 * A searcher holds one thread's Xapian objects (they are not thread-safe)
 * and reopens its database before each search, so documents committed by
 * veille-index show up without a restart.  The vocabulary comes from the
 * index (vocab.h); it is shared read-only between searchers. */
#ifndef VEILLE_SEARCH_H
#define VEILLE_SEARCH_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"
#include "vocab.h"
#include "match.h"

#define SEARCH_PER_PAGE_MAX 100

/* Ranking settings ([search] in the configuration file; bench/relevance
 * chose the defaults). */
typedef struct {
    double k1, b;             /* BM25: term frequency saturation, length normalisation */
    xap_stem_strategy stem;   /* stemming of query words */
    double title_boost;       /* weight added to matches in the title (0: none) */
    double phrase_boost;      /* weight added when a query's words come in order (0: none) */
    gboolean expand;          /* thesaurus expansion of queries */
    double time_limit_ms;     /* a search still running after this fails (VERR_TIMEOUT) */
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
    gboolean sort_by_date;
    unsigned page;            /* 1-based */
    unsigned per_page;
    gboolean no_facets;       /* skip facet counting (feeds) */
    const search_tuning *tuning; /* NULL: search_tuning_default */
    /* Asked between the steps of a search: TRUE when nobody waits for the
     * answer any more (the client hung up); the search then stops with
     * VERR_CANCELLED.  NULL: never. */
    gboolean (*gone)(void *ud);
    void *gone_ud;
} search_request;

typedef struct searcher searcher;

/* Opens db_path for this thread.  v and m may be NULL (no expansion). */
searcher *searcher_new(const char *db_path, const vocab *v, const matcher *m, verr *err);
void searcher_free(searcher *s);
/* The vocabulary the next searches use (the caller keeps it alive while
 * they run: the daemon swaps vocabularies on SIGHUP). */
void searcher_set_vocab(searcher *s, const vocab *v, const matcher *m);

/* Runs req; returns the JSON response body (caller frees), or NULL with
 * err: VERR_PARSE for a query syntax error (message says what),
 * VERR_TIMEOUT past tuning->time_limit_ms, VERR_CANCELLED when req->gone
 * says so, VERR_MODIFIED when commits overwrote the index's revision under
 * it again and again (it starts over on the latest one, a few times),
 * others for server-side failures.  The body's last member is "took_ms", which
 * a cached copy restates (response_cache.h). */
char *searcher_run(searcher *s, const search_request *req, verr *err);

/* The key under which the answer to req may be cached (response_cache.h):
 * every parameter of req (a facet's values in a canonical order), the
 * index revision, after a reopen, and generation, which names the
 * settings and vocabulary in force.  Caller frees; NULL with err if the
 * index cannot be reopened. */
char *search_cache_key(searcher *s, const search_request *req, unsigned generation, verr *err);

/* The document with this id as JSON (metadata, tags; no text), or NULL
 * with VERR_NOTFOUND. */
char *searcher_document(searcher *s, const char *id, verr *err);

/* Completions for what a user is typing: thesaurus labels (themes and
 * places), document titles and frequent words that start like q, as JSON.
 * Caller frees; NULL with err on failure. */
char *searcher_suggest(searcher *s, const char *q, verr *err);

/* The stored file of document id: OUT *path and *mime (caller frees with
 * g_free), *title (may be NULL).  VERR_NOTFOUND if unknown. */
int searcher_file(searcher *s, const char *id, char **path, char **mime, char **title, verr *err);

/* The vocabulary as JSON for facet trees: themes (with narrower ids) and
 * regions, French labels.  Caller frees. */
char *thesaurus_json(const vocab *v);

/* Number of documents, for /healthz and /metrics. */
int searcher_doccount(searcher *s, unsigned *out, verr *err);

#endif
