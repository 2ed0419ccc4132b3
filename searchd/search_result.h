/* search_result.h - what a search found, before any rendering: the JSON
 * answer (render_json.h) and the Atom feed (feed.h) are two renderings of
 * it, and the answer cache keeps it (response_cache.h).
 *
 * A result owns all it holds (no pointer into the vocabulary or the
 * index, which a reload or a commit may replace), is immutable once
 * search_run has returned it, and is shared by reference counting
 * (atomic): threads may read and ref it at once. */
#ifndef VEILLE_SEARCH_RESULT_H
#define VEILLE_SEARCH_RESULT_H

#include <glib.h>
#include "docmeta.h"

typedef struct {
    char *value;               /* the facet's value: concept id, type, year */
    char *label;               /* French label (the value itself for types and years) */
    unsigned count;            /* matching documents with that value */
} search_facet_value;

typedef struct {
    const char *name;          /* "theme", "region", "type", "year" (facet.h, static) */
    GPtrArray *values;         /* of search_facet_value *, in the answer's order */
} search_facet;

/* A thesaurus expansion of the query, as reported to the user. */
typedef struct {
    char *matched;             /* the words of the query, as typed */
    char *concept, *label;     /* the concept's id and preferred label */
    const char *kind;          /* vocab_kind_name(): static */
    GPtrArray *also_searched;  /* of char *: labels searched too */
} search_expansion;

typedef struct {
    docmeta *doc;              /* its stored record, without its text */
    char *snippet;             /* HTML: escaped text, matches in <mark> */
    guint page;                /* the PDF page the snippet is from (from 1); 0: not paged */
    double score;              /* its relevance weight (Xapian's; 0 for a query of filters
                                * only): equal scores are ties, in any order */
    GPtrArray *missing;        /* of char *: the query's words it lacks, as typed (relaxed
                                * results only; may be empty) */
} search_hit;

typedef struct {
    gint refs;
    unsigned total;            /* matching documents, Xapian's estimate: exact when
                                * total_exact */
    unsigned entries;          /* results across pages: versions of one report are one
                                * (versions.h); total when there are none */
    gboolean total_exact;
    unsigned page, per_page;
    char *query;               /* as asked; NULL for none */
    char *did_you_mean;        /* spelling correction; NULL: none */
    char *searched_instead;    /* the correction searched in place of the query, which
                                * found (almost) nothing; NULL: the query itself */
    gboolean relaxed;          /* every word together found too little: documents with
                                * most of the words are ranked too (search.c) */
    GPtrArray *expansions;     /* of search_expansion * */
    GPtrArray *hits;           /* of search_hit *, in rank order */
    GPtrArray *facets;         /* of search_facet *, in the answer's order */
    guint shards;              /* shards of the index (reader.h); 0: not split */
    GArray *missing_shards;    /* of guint: those that did not answer, whose documents
                                * this result lacks (a partial answer); NULL: none */
    double took_ms;            /* the search's time */
} search_result;

/* An empty result (one reference).  Caller releases with search_result_unref. */
search_result *search_result_new(void);
search_result *search_result_ref(search_result *r);
void search_result_unref(search_result *r);

/* About how many bytes r holds (what the answer cache charges for it). */
gsize search_result_size(const search_result *r);

/* Appends a hit: doc, snippet and missing (of char *, may be NULL) are
 * taken; page is the snippet's (0: none). */
void search_result_add_hit(search_result *r, docmeta *doc, char *snippet, guint page,
                           double score, GPtrArray *missing);

/* Appends an expansion (strings copied; also_searched of char *). */
void search_result_add_expansion(search_result *r, const char *matched, const char *concept,
                                 const char *label, const char *kind,
                                 const GPtrArray *also_searched);

/* The label of a facet value, for search_result_add_facet. */
typedef const char *(*search_label_fn)(const char *value, void *ud);

/* Appends facet name (static) with counts (char * value -> count as
 * GUINT_TO_POINTER), ordered by value when by_value (years), else by
 * count, highest first, then value; each labelled by label_of (NULL: the
 * value itself). */
void search_result_add_facet(search_result *r, const char *name, GHashTable *counts,
                             gboolean by_value, search_label_fn label_of, void *ud);

#endif
