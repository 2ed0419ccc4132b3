/* search.c - one faceted search (search.h).  Sections: an attempt's
 * steps (queries, the match, facet counts, spelling), the result, the
 * cache key. */
#include "search.h"
#include "accents.h"
#include "copies.h"
#include "versions.h"
#include "docstore.h"
#include "facet.h"
#include "facet_count.h"
#include "match_count.h"
#include "missing_words.h"
#include "passage.h"
#include "query.h"
#include "schema.h"
#include "snippet.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* A query of plain words that finds fewer documents with every word is
 * searched again with any of them (QUERY_MOST_WORDS): those with the most
 * words rank first, and each says which words it lacks ([search]
 * relax_below; bench/real/run chose it). */
#define RELAX_BELOW 30

/* A correction is searched instead when it finds more than the words as
 * typed and at least this many documents: otherwise the words as typed,
 * relaxed, do better (bench/real/run: misspelled queries 0.435 -> 0.472). */
#define CORRECT_MIN 10

/* Chosen with bench/real/run (real fiches) and bench/real/manpages,
 * keeping bench/relevance (corpus/) where it was (README, Ranking): DPH,
 * title boost 0.5 over title words of wdf 20, relaxing below 30 documents
 * with a coordination preference of 1.  Stemming stays on although
 * stem=none scored a little higher on corpus/ once, since it loses the
 * French inflections that plural widening does not cover (mentaux/mental).
 * k1 and b are Lucene's BM25 parameters, for weighting = bm25. */
const search_tuning search_tuning_default = {
    .weighting = WEIGHTING_DPH, .k1 = 1.2, .b = 0.75, .stem = XAP_STEM_SOME,
    .title_boost = 0.5, .phrase_boost = 0, .expand = TRUE, .time_limit_ms = 5000,
    .relax_below = RELAX_BELOW, .relax_strict_boost = 1, .relax_prefix_boost = 1.5,
    .correct_min = CORRECT_MIN,
    .count_from_postings = TRUE,
};

/* "Did you mean" is looked for when a query finds fewer documents. */
#define SPELLING_BELOW 3



/* One attempt at a request, begun at t0 (the time limit counts from there). */
typedef struct {
    searcher *s;
    const search_request *req;
    const search_tuning *t;
    gint64 t0;
    double seconds;               /* the time limit, for Xapian */
    query_mode mode;              /* every word, or most of them (relaxed) */
    unsigned doccount;
    const facet_def *const *facets; /* the counted ones (facet_counted) */
    size_t nf;
    xap_query *base;              /* the text query */
    xap_query *filters[FACET_COUNT]; /* per counted facet; NULL: not filtered */
    xap_query *fixed;             /* dates, languages, sources; may be NULL */
    query_expansion *qe;          /* may be NULL */
    char *corrected;
    xap_enquire *enq;
    xap_mset *ms;
    facet_columns *cols;          /* NULL: Xapian's spies count */
    facet_counter *counter;       /* of the main match */
    GHashTable *counts[FACET_COUNT];
    gboolean counted;             /* total and counts from posting lists (match_count.h) */
    gboolean collapsed;           /* versions of one report collapsed into one result */
    xap_spy *groups;              /* then: every match's group, to count documents and groups */
    gboolean in_time;             /* the matcher checked every match within its time limit */
    unsigned total;               /* then the exact total */
} attempt;

/* ---- Steps ---------------------------------------------------------------------------- */

/* Between the steps of a search: FALSE with err once it has run past its
 * time limit, or once nobody waits for it. */
static gboolean still_wanted(const attempt *a, verr *err)
{
    double ms = (double)(g_get_monotonic_time() - a->t0) / 1000.0;
    if (a->t->time_limit_ms > 0 && ms > a->t->time_limit_ms) {
        verr_set(err, VERR_TIMEOUT, "deadline", "recherche trop longue (plus de %.0f ms) : "
                 "précisez la recherche ou retirez des filtres", a->t->time_limit_ms);
        return FALSE;
    }
    if (a->req->gone != NULL && a->req->gone(a->req->gone_ud)) {
        verr_set(err, VERR_CANCELLED, "gone", "recherche abandonnée : le client est parti");
        return FALSE;
    }
    return TRUE;
}

/* The text query and the filters.  0, or -1 with err. */
static int make_queries(attempt *a, verr *err)
{
    char *none = NULL; /* relaxed, the typed words' correction stays as it was */
    a->base = query_text(a->s, a->req, a->mode, &a->qe,
                         a->mode == QUERY_MOST_WORDS ? &none : &a->corrected, err);
    g_free(none);
    if (a->base == NULL)
        return -1;
    for (size_t f = 0; f < a->nf; f++) {
        a->filters[f] = query_terms_filter(query_facet_values(a->req, a->facets[f]),
                                           a->facets[f]->prefix);
        a->counts[f] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    return query_fixed_filters(a->req, &a->fixed, err);
}

/* The ranked page, with the facets that have no filter counted by the
 * same match.  0, or -1 with err. */
static int run_match(attempt *a, verr *err)
{
    xap_query *q = query_filtered(a->base, a->filters, a->nf, a->fixed, -1, err);
    const search_request *req = a->req;
    int rc = -1;
    a->enq = xap_enquire_new(searcher_db(a->s), err);
    if (q == NULL || a->enq == NULL || xap_enquire_set_query(a->enq, q, err) != 0 ||
        (a->t->weighting == WEIGHTING_BM25 ? xap_enquire_set_bm25(a->enq, a->t->k1, a->t->b, err)
                                           : xap_enquire_set_dph(a->enq, err)) != 0 ||
        xap_enquire_set_time_limit(a->enq, a->seconds, err) != 0 ||
        (req->sort != SORT_RELEVANCE &&
         xap_enquire_sort_by_value(a->enq, req->sort == SORT_DATE ? SLOT_DATE : SLOT_ADDED, 1,
                                   err) != 0))
        goto cleanup;
    unsigned unfiltered = 0;
    for (size_t f = 0; f < a->nf; f++)
        unfiltered |= a->filters[f] == NULL ? 1u << f : 0;
    /* no columns (several databases): Xapian's spies count instead */
    a->cols = req->no_facets ? NULL : facet_count_columns(a->s, NULL);
    /* Without a filtered facet, one pass of the matcher ranks and counts
     * (it visits every match anyway: a term's best weights are not known
     * in advance); a filtered facet would cost it a pass of its own, and
     * posting-list bitsets count them all with one evaluation. */
    if (a->cols != NULL && a->t->count_from_postings && unfiltered != (1u << a->nf) - 1) {
        int counted = match_count(searcher_db(a->s), a->cols, a->base, a->filters, a->nf,
                                  a->fixed, a->seconds, &a->total, a->counts, err);
        if (counted < 0)
            goto cleanup;
        a->counted = counted == 1;
    }
    if (!req->no_facets && !a->counted &&
        (a->counter = facet_counter_attach(a->enq, a->cols, unfiltered, err)) == NULL)
        goto cleanup;
    /* versions of one report are one result (versions.h); the matcher then
     * visits every match, so that the results are counted exactly */
    a->collapsed = searcher_versions(a->s) && !req->each_version;
    if (a->collapsed && (xap_enquire_set_collapse_key(a->enq, SLOT_VERSION_GROUP, err) != 0 ||
                         (a->groups = xap_spy_new(SLOT_VERSION_GROUP, err)) == NULL ||
                         xap_enquire_add_spy(a->enq, a->groups, err) != 0))
        goto cleanup;
    /* counted already: Xapian only ranks the page, and may stop early */
    gint64 started = g_get_monotonic_time();
    if (xap_enquire_mset(a->enq, (req->page - 1) * req->per_page, req->per_page,
                         a->counted && !a->collapsed ? 0 : a->doccount, &a->ms, err) == 0 &&
        still_wanted(a, err))
        rc = 0;
    a->in_time = (double)(g_get_monotonic_time() - started) / G_USEC_PER_SEC < a->seconds;
cleanup:
    xap_query_free(q);
    return rc;
}

/* Exact counts over the whole match set: the facets without a filter
 * from the main match, each filtered one by a match of its own without
 * its filter.  0, or -1 with err. */
static int count_facets(attempt *a, verr *err)
{
    for (size_t f = 0; f < a->nf && !a->req->no_facets && !a->counted; f++) {
        int rc;
        if (a->filters[f] == NULL) {
            rc = facet_counter_values(a->counter, f, a->counts[f], err);
        } else {
            xap_query *fq = query_filtered(a->base, a->filters, a->nf, a->fixed, (int)f, err);
            rc = fq != NULL ? facet_count_alone(searcher_db(a->s), fq, a->cols, f, a->counts[f],
                                                a->doccount, a->seconds, err) : -1;
            xap_query_free(fq);
        }
        if (rc != 0 || !still_wanted(a, err))
            return -1;
    }
    return 0;
}

/* "Did you mean": asked of the spelling table only when the query finds
 * (almost) nothing, since it costs a scan per word. */
static void find_spelling(attempt *a, unsigned estimated)
{
    if (estimated >= SPELLING_BELOW || a->req->q == NULL || *a->req->q == '\0' ||
        accents_all_words_known(searcher_db(a->s), a->req->q))
        return;
    /* the words as typed are corrected, not the thesaurus's expansions */
    search_tuning plain = *a->t;
    plain.expand = FALSE;
    search_request typed = *a->req;
    typed.tuning = &plain;
    query_expansion *none = NULL;
    char *folded = NULL;
    xap_query *unused = query_text(a->s, &typed, QUERY_SPELLING, &none, &folded, NULL);
    xap_query_free(unused);
    query_expansion_free(none);
    /* no correction from Xapian: the words as typed, for spelling.h's own */
    if (folded == NULL)
        folded = query_fold(a->req->q, FALSE);
    if (folded != NULL)
        a->corrected = accents_restore(searcher_db(a->s), a->req->m, a->req->q, folded);
    g_free(folded);
}

/* The queries, the ranked page and the facet counts. */
static gboolean match_and_count(attempt *a, verr *err)
{
    return make_queries(a, err) == 0 && run_match(a, err) == 0 && count_facets(a, err) == 0;
}

/* After attempt_clear: ready to search again in mode. */
static void attempt_reset(attempt *a, query_mode mode)
{
    attempt fresh = { .s = a->s, .req = a->req, .t = a->t, .t0 = a->t0, .seconds = a->seconds,
                      .mode = mode, .doccount = a->doccount, .facets = a->facets, .nf = a->nf };
    *a = fresh;
}

static void attempt_clear(attempt *a)
{
    for (size_t f = 0; f < a->nf; f++) {
        xap_query_free(a->filters[f]);
        if (a->counts[f] != NULL)
            g_hash_table_unref(a->counts[f]);
    }
    xap_mset_free(a->ms);
    xap_enquire_free(a->enq);
    xap_spy_free(a->groups);
    facet_counter_free(a->counter);
    facet_columns_unref(a->cols);
    xap_query_free(a->fixed);
    xap_query_free(a->base);
    query_expansion_free(a->qe);
    g_free(a->corrected);
}

/* ---- The result ------------------------------------------------------------------------- */

/* The words snippets mark: the query's (OUT *n_typed of them), then the
 * preferred labels of its expansions ("cls" marks "contrat local de
 * santé" too). */
static GPtrArray *marked_words(const attempt *a, guint *n_typed)
{
    GPtrArray *words = snippet_query_words(a->req->q != NULL ? a->req->q : "");
    *n_typed = words->len;
    for (guint i = 0; a->qe != NULL && i < a->qe->mentions->expansions->len; i++) {
        const expansion *e = g_ptr_array_index(a->qe->mentions->expansions, i);
        GPtrArray *more = snippet_query_words(e->concept->pref);
        for (guint j = 0; j < more->len; j++)
            g_ptr_array_add(words, g_strdup(g_ptr_array_index(more, j)));
        g_ptr_array_unref(more);
    }
    return words;
}

/* The page's documents with their snippets, each made from the one
 * passage (page) that holds the most of the query's words, and with their
 * other versions.  0, or -1 with err. */
static int add_hits(const attempt *a, search_result *r, verr *err)
{
    guint n_typed = 0;
    GPtrArray *words = marked_words(a, &n_typed);
    passage_words *pw = passage_words_new(searcher_db(a->s), searcher_stem(a->s), words, n_typed);
    gboolean remote = index_reader_remote(searcher_reader(a->s));
    if (remote)
        passage_words_from_text(pw);
    guint n = xap_mset_size(a->ms);
    xap_docid *ids = g_new0(xap_docid, n + 1);
    double *scores = g_new0(double, n + 1);
    xap_doc **docs = g_new0(xap_doc *, n + 1); /* each hit's (its group's newest) */
    docmeta **metas = g_new0(docmeta *, n + 1);  /* their records */
    const char **record_ids = g_new0(const char *, n + 1); /* metas' ids */
    GHashTable *sizes = NULL;
    GPtrArray **missing = NULL;
    int rc = 0;
    if (remote && xap_mset_fetch(a->ms, err) != 0) /* one round of requests, not one per hit */
        rc = -1;
    for (guint i = 0; i < n && rc == 0; i++)
        if ((rc = xap_mset_item(a->ms, i, &ids[i], &scores[i], NULL, err)) == 0)
            rc = xap_mset_document(a->ms, i, &docs[i], err);
    /* the hits' group sizes in one match (a term lookup per shard and hit
     * otherwise); with no versions in the index every group is alone */
    if (rc == 0 && searcher_versions(a->s) && n > 0)
        rc = (sizes = versions_group_sizes(searcher_db(a->s), docs, n, err)) != NULL ? 0 : -1;
    else if (rc == 0)
        sizes = g_hash_table_new(g_str_hash, g_str_equal);
    /* a group of versions shows its newest (by arrival for what's new) */
    for (guint i = 0; i < n && rc == 0 && a->collapsed; i++) {
        xap_docid best = ids[i];
        rc = versions_newest(searcher_db(a->s), best, docs[i], a->req->sort == SORT_ADDED, sizes,
                             &ids[i], err);
        if (rc == 0 && ids[i] != best) {
            xap_doc_free(docs[i]);
            docs[i] = NULL;
            rc = xap_db_get_document(searcher_db(a->s), ids[i], &docs[i], err);
        }
    }
    for (guint i = 0; i < n && rc == 0; i++)
        if ((metas[i] = docstore_read(docs[i], FALSE, err)) == NULL)
            rc = -1;
        else
            record_ids[i] = metas[i]->id;
    if (rc == 0 && a->mode == QUERY_MOST_WORDS &&
        (missing = missing_words_of_hits(searcher_db(a->s), searcher_stem(a->s), a->req->q, ids,
                                         record_ids, n, err)) == NULL)
        rc = -1;
    for (guint i = 0; i < n && rc == 0; i++) {
        const xap_doc *doc = docs[i];
        passage_choice at;
        docmeta *m = metas[i];
        char *text = NULL;
        metas[i] = NULL; /* taken */
        if (copies_attach(searcher_db(a->s), m, err) != 0 ||
            versions_attach(searcher_db(a->s), doc, m, VERSIONS_SHOWN, sizes, err) != 0 ||
            passage_choose(searcher_db(a->s), ids[i], doc, pw, &at, err) != 0 ||
            (text = docstore_passage(doc, at.passage, err)) == NULL) {
            docmeta_free(m);
            rc = -1;
            break;
        }
        char *snippet = snippet_make(text, passage_words_marked(pw), 30);
        g_free(text);
        search_result_add_hit(r, m, snippet, at.page, scores[i],
                              missing != NULL ? missing[i] : NULL);
        if (missing != NULL)
            missing[i] = NULL; /* taken */
    }
    for (guint i = 0; i < n; i++) {
        xap_doc_free(docs[i]);
        docmeta_free(metas[i]);
        if (missing != NULL && missing[i] != NULL)
            g_ptr_array_unref(missing[i]);
    }
    if (sizes != NULL)
        g_hash_table_unref(sizes);
    g_free(missing);
    g_free(metas);
    g_free(record_ids);
    g_free(docs);
    g_free(ids);
    g_free(scores);
    passage_words_free(pw);
    g_ptr_array_unref(words);
    return rc;
}

static const char *concept_label(const char *id, void *ud)
{
    const vocab_concept *c = ud != NULL ? vocab_get(ud, id) : NULL;
    return c != NULL ? c->pref : id;
}

/* The number of documents a's match found (OUT *exact, may be NULL:
 * whether it is the count): exact when counted from posting lists, else
 * Xapian's estimate (exact too when facets are counted).  With versions
 * collapsed, Xapian's bounds are loose (its lower bound may count groups)
 * even when it checked every match: the groups' spy counts them then. */
static unsigned found(const attempt *a, gboolean *exact)
{
    unsigned lower, estimated, upper;
    xap_mset_estimates(a->ms, &lower, &estimated, &upper);
    gboolean spied = a->collapsed && a->in_time;
    if (exact != NULL)
        *exact = a->counted || spied || (!a->collapsed && lower == upper);
    return a->counted ? a->total : spied ? xap_spy_total(a->groups) : estimated;
}

static int count_group(const char *value, size_t len, unsigned freq, void *ud)
{
    (void)value;
    (void)len;
    (void)freq;
    (*(unsigned *)ud)++;
    return 0;
}

/* The results across pages: with versions collapsed, the groups the
 * matches belong to; else the documents. */
static int entries(const attempt *a, unsigned total, unsigned *out, verr *err)
{
    *out = total;
    if (!a->collapsed)
        return 0;
    *out = 0;
    return xap_spy_values(a->groups, 0, count_group, out, err);
}

static search_result *make_result(const attempt *a, verr *err)
{
    search_result *r = search_result_new();
    gboolean exact;
    r->total = found(a, &exact);
    r->total_exact = exact;
    if (entries(a, r->total, &r->entries, err) != 0) {
        search_result_unref(r);
        return NULL;
    }
    r->page = a->req->page;
    r->per_page = a->req->per_page;
    r->query = g_strdup(a->req->q);
    r->did_you_mean = g_strdup(a->corrected);
    r->relaxed = a->mode == QUERY_MOST_WORDS;
    const index_reader *reader = searcher_reader(a->s);
    r->shards = index_reader_shards(reader);
    for (guint i = 0; i < r->shards; i++)
        if (index_reader_shard_missing(reader, i)) {
            if (r->missing_shards == NULL)
                r->missing_shards = g_array_new(FALSE, FALSE, sizeof(guint));
            g_array_append_val(r->missing_shards, i);
        }
    for (guint i = 0; a->qe != NULL && i < a->qe->mentions->expansions->len; i++) {
        const expansion *e = g_ptr_array_index(a->qe->mentions->expansions, i);
        search_result_add_expansion(r, e->matched, e->concept->id, e->concept->pref,
                                    vocab_kind_name(e->concept->kind), e->added);
    }
    if (add_hits(a, r, err) != 0) {
        search_result_unref(r);
        return NULL;
    }
    for (size_t f = 0; f < a->nf; f++)
        search_result_add_facet(r, a->facets[f]->name, a->counts[f],
                                a->facets[f]->id == FACET_YEAR,
                                a->facets[f]->tagged ? concept_label : NULL,
                                (void *)a->req->v);
    r->took_ms = (double)(g_get_monotonic_time() - a->t0) / 1000.0;
    return r;
}

/* ---- Running ---------------------------------------------------------------------------- */

typedef struct {
    const search_request *req;
    gint64 t0;
} run_ctx;


/* A query that finds (almost) nothing, with a spelling correction: the
 * correction is searched instead when it finds more, and at least
 * tuning->correct_min documents (instead: a copy of
 * the request, whose q it becomes; OUT *searched: the correction).
 * FALSE with err when that search fails. */
static gboolean try_correction(attempt *a, search_request *instead, char **searched, verr *err)
{
    if (a->req->as_typed || a->corrected == NULL || found(a, NULL) >= SPELLING_BELOW)
        return TRUE;
    char *fix = g_strdup(a->corrected);
    instead->q = fix;
    attempt b = *a;
    attempt_reset(&b, QUERY_ALL_WORDS);
    b.req = instead;
    if (!match_and_count(&b, err)) {
        attempt_clear(&b);
        g_free(fix);
        return FALSE;
    }
    /* only a correction that finds enough on its own: otherwise the
     * words as typed, relaxed, do better (bench/real/run) */
    if (found(&b, NULL) > found(a, NULL) && found(&b, NULL) >= a->t->correct_min) {
        attempt_clear(a);
        *a = b;
        *searched = fix;
    } else {
        attempt_clear(&b);
        g_free(fix);
        instead->q = NULL;
    }
    return TRUE;
}

/* searcher_attempt_fn: one attempt at ctx's request. */
static void *search_attempt(searcher *s, void *ctx, verr *err)
{
    const run_ctx *rc = ctx;
    search_request instead = *rc->req;
    attempt a = { .s = s, .req = rc->req, .t0 = rc->t0, .mode = QUERY_ALL_WORDS };
    search_result *r = NULL;
    char *searched = NULL;
    a.t = rc->req->tuning != NULL ? rc->req->tuning : &search_tuning_default;
    a.seconds = a.t->time_limit_ms / 1000.0;
    a.facets = facet_counted(&a.nf);
    if (!still_wanted(&a, err) || searcher_reopen(s, err) != 0 ||
        xap_db_doccount(searcher_db(s), &a.doccount, err) != 0 || !match_and_count(&a, err))
        goto done;
    find_spelling(&a, found(&a, NULL));
    if (!try_correction(&a, &instead, &searched, err))
        goto done;
    if (found(&a, NULL) < a.t->relax_below && a.req->q != NULL && query_plain_words(a.req->q)) {
        char *corrected = a.corrected; /* the typed words' correction stays */
        const search_request *req = a.req;
        a.corrected = NULL;
        attempt_clear(&a);
        attempt_reset(&a, QUERY_MOST_WORDS);
        a.req = req;
        /* a word the index lacks matches nothing, relaxed or not: its
         * correction (the words of the index kept as typed) is relaxed in
         * its place (fiches' misspelled queries: MRR@10 0.548 -> 0.621) */
        if (corrected != NULL && searched == NULL && !req->as_typed) {
            instead.q = searched = g_strdup(corrected);
            a.req = &instead;
        }
        a.corrected = corrected;
        if (!match_and_count(&a, err))
            goto done;
    }
    if ((r = make_result(&a, err)) != NULL && searched != NULL) {
        g_free(r->query); /* the answer is to what was asked */
        r->query = g_strdup(rc->req->q);
        r->searched_instead = searched;
        searched = NULL;
    }
done:
    g_free(searched);
    attempt_clear(&a);
    return r;
}

search_result *search_run(searcher *s, const search_request *req, verr *err)
{
    char *calls = query_without_call_brackets(req->q);
    /* an aside's bracket left open: the words stay plain, and relax */
    char *plain = req->q != NULL ? query_without_unbalanced_brackets(calls != NULL ? calls : req->q)
                                 : NULL;
    g_free(calls);
    search_request cleaned = *req;
    if (plain != NULL)
        cleaned.q = plain;
    run_ctx ctx = { &cleaned, g_get_monotonic_time() };
    search_result *r = searcher_retrying(s, search_attempt, &ctx, err);
    if (r != NULL && plain != NULL) { /* the answer is to what was asked */
        g_free(r->query);
        r->query = g_strdup(req->q);
    }
    g_free(plain);
    return r;
}

/* ---- Cache key -------------------------------------------------------------------------- */

/* Appends a length-prefixed field, so that no value can pass for two. */
static void key_field(GString *key, const char *value)
{
    value = value != NULL ? value : "";
    g_string_append_printf(key, "%zu:%s", strlen(value), value);
}

static void key_values(GString *key, const GPtrArray *values)
{
    GPtrArray *sorted = g_ptr_array_new();
    for (guint i = 0; values != NULL && i < values->len; i++)
        g_ptr_array_add(sorted, g_ptr_array_index(values, i));
    g_ptr_array_sort(sorted, text_compare_ptrs);
    g_string_append_printf(key, "[%u]", sorted->len);
    for (guint i = 0; i < sorted->len; i++)
        key_field(key, g_ptr_array_index(sorted, i));
    g_ptr_array_unref(sorted);
}

char *search_request_key(const search_request *req, unsigned long long revision,
                         unsigned generation)
{
    GString *key = g_string_new(NULL);
    g_string_append_printf(key, "r%llu g%u p%u n%u %c%c ", revision, generation, req->page,
                           req->per_page, "rda"[req->sort],
                           req->no_facets ? '-' : 'f');
    g_string_append_c(key, req->as_typed ? 't' : 'c');
    g_string_append_c(key, req->each_version ? 'v' : 'g');
    key_field(key, req->q);
    key_field(key, req->date_from);
    key_field(key, req->date_to);
    key_field(key, req->added_since);
    const GPtrArray *lists[] = { req->themes, req->regions, req->types, req->years,
                                 req->langs, req->sources };
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        key_values(key, lists[i]);
    return g_string_free(key, FALSE);
}

char *search_result_key(const searcher *s, const search_request *req, unsigned generation)
{
    unsigned long long revision;
    return searcher_revision(s, &revision) ? search_request_key(req, revision, generation) : NULL;
}

char *search_cache_key(searcher *s, const search_request *req, unsigned generation, verr *err)
{
    unsigned long long revision;
    if (searcher_reopen(s, err) != 0)
        return NULL;
    if (!searcher_revision(s, &revision)) {
        verr_set(err, VERR_INVALID, "revision", "no single revision to key answers on");
        return NULL;
    }
    return search_request_key(req, revision, generation);
}
