/* search.c - faceted search (search.h).  Sections: query building, facet
 * counting, result rendering. */
#include "search.h"
#include "docstore.h"
#include "docmeta.h"
#include "expand.h"
#include "facet_columns.h"
#include "jsonutil.h"
#include "metrics.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "text.h"
#include "xapian-c/xapian_c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct searcher {
    xap_db *db;
    xap_stem *stem;
    xap_stopper *stopper;
    const vocab *v;
    const matcher *m;
    /* what is known of the revision open, read when it changes: */
    gboolean concept_terms; /* the index has XK terms (schema 3 and later) */
    char *uuid;             /* names the database (its facet columns); malloc'd */
    gboolean has_revision;  /* one local database: Xapian gives its revision */
    unsigned long long revision;
};

/* Reads the layout, name and revision of the revision open. */
static int read_revision(searcher *s, verr *err)
{
    char *version = NULL;
    if (xap_db_get_metadata(s->db, META_SCHEMA, &version, err) != 0)
        return -1;
    s->concept_terms = atoi(version) >= 3;
    free(version);
    free(s->uuid);
    s->uuid = NULL;
    if (xap_db_uuid(s->db, &s->uuid, err) != 0)
        return -1;
    /* several databases (a stub file) have no revision: no columns, no cache */
    s->has_revision = xap_db_revision(s->db, &s->revision, NULL) == 0;
    return 0;
}

searcher *searcher_new(const char *db_path, const vocab *v, const matcher *m, verr *err)
{
    searcher *s = g_new0(searcher, 1);
    s->v = v;
    s->m = m;
    if ((s->db = xap_db_open(db_path, err)) == NULL ||
        (s->stem = xap_stem_new("french", err)) == NULL ||
        (s->stopper = xap_stopper_new(text_french_stopwords(), err)) == NULL ||
        read_revision(s, err) != 0) {
        searcher_free(s);
        return NULL;
    }
    return s;
}

/* Moves to the index's latest revision; notes when it changed (/metrics). */
static int reopen(searcher *s, verr *err)
{
    int changed = 0;
    if (xap_db_reopen(s->db, &changed, err) != 0)
        return -1;
    if (changed) {
        metrics_reopened();
        return read_revision(s, err);
    }
    return 0;
}

void searcher_set_vocab(searcher *s, const vocab *v, const matcher *m)
{
    s->v = v;
    s->m = m;
}

void searcher_free(searcher *s)
{
    if (s == NULL)
        return;
    xap_stopper_free(s->stopper);
    xap_stem_free(s->stem);
    xap_db_free(s->db);
    free(s->uuid);
    g_free(s);
}

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

char *search_cache_key(searcher *s, const search_request *req, unsigned generation, verr *err)
{
    if (reopen(s, err) != 0)
        return NULL;
    if (!s->has_revision) {
        verr_set(err, VERR_INVALID, "revision", "no single revision to key answers on");
        return NULL;
    }
    GString *key = g_string_new(NULL);
    g_string_append_printf(key, "r%llu g%u p%u n%u %c%c ", s->revision, generation, req->page,
                           req->per_page, req->sort_by_date ? 'd' : 'r',
                           req->no_facets ? '-' : 'f');
    key_field(key, req->q);
    key_field(key, req->date_from);
    key_field(key, req->date_to);
    const GPtrArray *lists[] = { req->themes, req->regions, req->types, req->years,
                                 req->langs, req->sources };
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        key_values(key, lists[i]);
    return g_string_free(key, FALSE);
}

int searcher_doccount(searcher *s, unsigned *out, verr *err)
{
    return reopen(s, err) == 0 ? xap_db_doccount(s->db, out, err) : -1;
}

/* ---- Query building ------------------------------------------------------------ */

typedef struct {
    const char *name;         /* API name */
    const char *prefix;       /* filter term prefix */
    xap_slot slot;            /* value slot counted */
    gboolean is_set;          /* the slot holds a set of ids (schema.h) */
} facet_def;

enum { F_THEME, F_REGION, F_TYPE, F_YEAR, F_COUNT };

/* "Did you mean" is looked for when a query finds fewer documents. */
#define SPELLING_BELOW 3

static const facet_def facets[F_COUNT] = {
    [F_THEME] = { "theme", PFX_THEME, SLOT_THEMES, TRUE },
    [F_REGION] = { "region", PFX_REGION, SLOT_REGIONS, TRUE },
    [F_TYPE] = { "type", PFX_TYPE, SLOT_TYPE, FALSE },
    [F_YEAR] = { "year", PFX_YEAR, SLOT_YEAR, FALSE },
};

/* The facet columns of the revision s is open at (shared by threads);
 * NULL without a single revision (several databases). */
static facet_columns *searcher_columns(searcher *s, verr *err)
{
    if (!s->has_revision)
        return NULL;
    xap_slot slots[F_COUNT];
    for (int f = 0; f < F_COUNT; f++)
        slots[f] = facets[f].slot;
    return facet_columns_get(s->db, s->uuid, s->revision, slots, F_COUNT, err);
}

static GPtrArray *facet_values(const search_request *r, int f)
{
    switch (f) {
    case F_THEME: return r->themes;
    case F_REGION: return r->regions;
    case F_TYPE: return r->types;
    default: return r->years;
    }
}

/* OR of values as filter terms with prefix (values are slugged); NULL
 * when there is none. */
static xap_query *terms_filter(const GPtrArray *values, const char *prefix)
{
    if (values == NULL || values->len == 0)
        return NULL;
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    for (guint i = 0; i < values->len; i++) {
        char *slug = text_slug(g_ptr_array_index(values, i));
        char *term = g_strconcat(prefix, slug, NULL);
        g_ptr_array_add(terms, xap_query_term(term, 1, NULL));
        g_free(term);
        g_free(slug);
    }
    xap_query *q = xap_query_combine(XAP_OP_OR, (xap_query *const *)terms->pdata, terms->len, NULL);
    g_ptr_array_unref(terms);
    return q;
}

static xap_query *facet_filter(const search_request *r, int f)
{
    return terms_filter(facet_values(r, f), facets[f].prefix);
}

/* "2012" -> "20120000" (from) or "20129999" (to); "2012-03-05" -> "20120305". */
static char *date_bound(const char *s, gboolean upper)
{
    int y = 0, m = 0, d = 0;
    int n = sscanf(s, "%4d-%2d-%2d", &y, &m, &d);
    if (n < 1 || y < 1000 || y > 9999)
        return NULL;
    if (n < 2) return g_strdup_printf("%04d%s", y, upper ? "9999" : "0000");
    if (n < 3) return g_strdup_printf("%04d%02d%s", y, m, upper ? "99" : "00");
    return g_strdup_printf("%04d%02d%02d", y, m, d);
}

/* Whether tok is an upper-case boolean operator (AND, OR, NOT, XOR, NEAR,
 * ADJ, NEAR/n, ADJ/n). */
static gboolean is_operator(const char *tok, gsize n)
{
    static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ", NULL };
    for (size_t i = 0; ops[i] != NULL; i++) {
        size_t k = strlen(ops[i]);
        if (n >= k && strncmp(tok, ops[i], k) == 0 && (n == k || tok[k] == '/'))
            return TRUE;
    }
    return FALSE;
}

/* A folded plain word that French stemming leaves plural: Snowball keeps
 * the s of "rendus", "avis", "bus" ("rendus" and "rendu" stem apart).
 * Such a word is searched as "(word OR singular)". */
static gboolean plural_to_widen(const char *w, gsize n)
{
    if (n < 4 || (w[n - 1] != 's' && w[n - 1] != 'x'))
        return FALSE;
    for (gsize i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return FALSE;
    return TRUE;
}

static gboolean is_stopword(const char *w)
{
    for (const char *const *stop = text_french_stopwords(); *stop != NULL; stop++)
        if (strcmp(w, *stop) == 0)
            return TRUE;
    return FALSE;
}

/* Folds a query for the parser, keeping its boolean operators, which
 * folding would turn into plain words; outside quotes, plain plural words
 * also search their singular (plural_to_widen) and stop words are left
 * out.  A query of stop words only is kept as it is.  Caller frees. */
static char *fold_query(const char *q)
{
    GString *out = g_string_new(NULL);
    const char *p = q;
    gboolean quoted = FALSE, after_proximity = FALSE, after_op = FALSE;
    while (*p != '\0') {
        const char *start = p;
        while (*p != '\0' && !g_ascii_isspace(*p))
            p++;
        gsize n = (gsize)(p - start);
        gboolean op = is_operator(start, n);
        if (op) {
            g_string_append_len(out, start, (gssize)n);
        } else {
            char *f = text_fold(start, (gssize)n);
            const char *next = p;
            while (g_ascii_isspace(*next))
                next++;
            gboolean proximity = g_str_has_prefix(next, "NEAR") || g_str_has_prefix(next, "ADJ");
            gsize next_n = strcspn(next, " \t\n\r\f\v");
            gboolean next_op = next_n > 0 && is_operator(next, next_n);
            /* a stop word beside an operator stays ("santé OR avec" would
             * become "santé OR", a syntax error): the parser's stopper
             * takes care of it there */
            if (!quoted && !after_proximity && !proximity && !after_op && !next_op &&
                is_stopword(f))
                ; /* a stop word alone between brackets would become a required term */
            else if (!quoted && !after_proximity && !proximity && plural_to_widen(f, strlen(f)))
                g_string_append_printf(out, "(%s OR %.*s)", f, (int)strlen(f) - 1, f);
            else
                g_string_append(out, f);
            for (const char *c = f; *c != '\0'; c++)
                quoted ^= *c == '"';
            g_free(f);
        }
        after_proximity = op && (g_str_has_prefix(start, "NEAR") || g_str_has_prefix(start, "ADJ"));
        after_op = op;
        while (g_ascii_isspace(*p))
            g_string_append_c(out, *p++);
    }
    if (strspn(out->str, " \t") == out->len) { /* only stop words */
        g_string_free(out, TRUE);
        return text_fold(q, -1);
    }
    return g_string_free(out, FALSE);
}

/* Chosen with bench/relevance --sweep (see README): Lucene's BM25
 * parameters and a title boost of 1 did best; stemming stays on although
 * stem=none scored a little higher on corpus/, since it loses the French
 * inflections that plural widening does not cover (mentaux/mental). */
const search_tuning search_tuning_default = {
    .k1 = 1.2, .b = 0.75, .stem = XAP_STEM_SOME, .title_boost = 1, .phrase_boost = 0,
    .expand = TRUE, .time_limit_ms = 5000,
};

/* Between the steps of a search: FALSE with err once it has run past its
 * time limit, or once nobody waits for it. */
static gboolean still_wanted(const search_request *req, const search_tuning *t, gint64 t0,
                             verr *err)
{
    double ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
    if (t->time_limit_ms > 0 && ms > t->time_limit_ms) {
        verr_set(err, VERR_TIMEOUT, "deadline", "recherche trop longue (plus de %.0f ms) : "
                 "précisez la recherche ou retirez des filtres", t->time_limit_ms);
        return FALSE;
    }
    if (req->gone != NULL && req->gone(req->gone_ud)) {
        verr_set(err, VERR_CANCELLED, "gone", "recherche abandonnée : le client est parti");
        return FALSE;
    }
    return TRUE;
}

/* base AND_MAYBE (extra scaled by boost): extra only adds weight.  Takes
 * both; NULL on error. */
static xap_query *boosted(xap_query *base, xap_query *extra, double boost, verr *err)
{
    xap_query *scaled = extra != NULL ? xap_query_scale(extra, boost, err) : NULL;
    xap_query *pair[2] = { base, scaled };
    xap_query *out = scaled != NULL ? xap_query_combine(XAP_OP_AND_MAYBE, pair, 2, err) : NULL;
    xap_query_free(scaled);
    xap_query_free(extra);
    xap_query_free(base);
    return out;
}

/* Whether q is plain words (no quotes, operators, fields or brackets),
 * two or more: then it can also be searched as a phrase. */
static gboolean plain_words(const char *q)
{
    if (strpbrk(q, "\"():+-*") != NULL)
        return FALSE;
    static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ" };
    char **words = g_strsplit_set(q, " \t", -1);
    int n = 0;
    gboolean ok = TRUE;
    for (char **w = words; *w != NULL; w++) {
        if (**w == '\0')
            continue;
        n++;
        for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
            ok &= strcmp(*w, ops[i]) != 0;
    }
    g_strfreev(words);
    return ok && n >= 2;
}

/* Makes err, a failure caused by the user's query q, a 400 (VERR_PARSE)
 * that says so first. */
static void query_refused(verr *err, const char *what, const char *q)
{
    char *why = g_strdup(err->msg); /* verr_set writes into err->msg */
    verr_set(err, VERR_PARSE, "query", "%s : %s (« %s »)", what, why, q);
    g_free(why);
}

/* The user's query, folded and expanded; match-all when empty.  OUT
 * *expanded (may stay NULL) reports the expansions; with spelling, OUT
 * *corrected gets Xapian's spelling correction (NULL: none), which costs
 * a scan of the spelling table per word. */
static xap_query *text_query(searcher *s, const char *q, gboolean spelling, const search_tuning *t,
                             expanded_query **expanded, char **corrected, verr *err)
{
    xap_query *out = NULL;
    xap_qparser *qp = NULL;
    *expanded = NULL;
    *corrected = NULL;
    if (q == NULL || *q == '\0')
        return xap_query_all(err);
    expanded_query *eq = t->expand && s->v != NULL && s->m != NULL
                             ? expand_query(s->v, s->m, s->stem, s->concept_terms, q) : NULL;
    char *folded = fold_query(eq != NULL ? eq->text : q);
    qp = xap_qparser_new(err);
    if (qp == NULL || xap_qparser_set_stemmer(qp, s->stem, err) != 0 ||
        xap_qparser_set_stopper(qp, s->stopper, err) != 0 ||
        xap_qparser_set_default_op(qp, XAP_OP_AND, err) != 0 ||
        xap_qparser_set_stem_strategy(qp, t->stem, err) != 0 ||
        xap_qparser_add_prefix(qp, "titre", PFX_TITLE, err) != 0 ||
        xap_qparser_add_prefix(qp, "auteur", PFX_AUTHOR, err) != 0 ||
        xap_qparser_add_prefix(qp, "organisation", PFX_ORGANISATION, err) != 0 ||
        xap_qparser_set_database(qp, s->db, err) != 0 ||
        (eq != NULL && xap_qparser_add_field_fn(qp, EXPAND_FIELD, expand_field_query, eq, err) != 0))
        goto cleanup;
    if (xap_qparser_parse(qp, folded, XAP_QP_DEFAULT | XAP_QP_PURE_NOT |
                          (spelling ? XAP_QP_SPELLING_CORRECTION : 0), &out, err) != 0) {
        if (err != NULL && err->code == VERR_PARSE)
            query_refused(err, "requête mal formée", q);
        else if (err != NULL && err->code == VERR_UNSUPPORTED) /* NEAR or ADJ over more than words */
            query_refused(err, "requête non prise en charge", q);
        goto cleanup;
    }
    /* extra weight for the words in the title, and for the words in order */
    unsigned flags = XAP_QP_DEFAULT | XAP_QP_PURE_NOT;
    if (!spelling && t->title_boost > 0) {
        xap_query *title = NULL;
        if (xap_qparser_parse_prefixed(qp, folded, flags, PFX_TITLE, &title, err) != 0 ||
            (out = boosted(out, title, t->title_boost, err)) == NULL)
            goto cleanup;
    }
    if (!spelling && t->phrase_boost > 0 && plain_words(folded)) {
        char *quoted = g_strdup_printf("\"%s\"", folded);
        xap_query *phrase = NULL;
        int rc = xap_qparser_parse(qp, quoted, flags, &phrase, err);
        g_free(quoted);
        if (rc != 0 || (out = boosted(out, phrase, t->phrase_boost, err)) == NULL)
            goto cleanup;
    }
    /* "did you mean": only for what the user typed, not our expansions */
    if (spelling && (eq == NULL || eq->expansions->len == 0)) {
        char *c = NULL;
        if (xap_qparser_corrected(qp, &c, NULL) == 0 && *c != '\0')
            *corrected = g_strdup(c);
        free(c);
    }
cleanup:
    xap_qparser_free(qp);
    g_free(folded);
    if (out != NULL)
        *expanded = eq;
    else
        expanded_query_free(eq);
    return out;
}

/* AND of the non-NULL queries of parts, which it frees; NULL if none. */
static xap_query *and_all(xap_query **parts, size_t n, verr *err)
{
    xap_query *present[8];
    size_t k = 0;
    for (size_t i = 0; i < n && k < G_N_ELEMENTS(present); i++)
        if (parts[i] != NULL)
            present[k++] = parts[i];
    xap_query *q = k == 0 ? NULL : k == 1 ? present[0] : xap_query_combine(XAP_OP_AND, present, k, err);
    if (k > 1)
        for (size_t i = 0; i < k; i++)
            xap_query_free(present[i]);
    return q;
}

/* base AND every filter except skip (-1: none). */
static xap_query *filtered(xap_query *base, xap_query *const *filters, xap_query *dates, int skip,
                           verr *err)
{
    xap_query *parts[F_COUNT + 2];
    size_t n = 0;
    for (int f = 0; f < F_COUNT; f++)
        if (filters[f] != NULL && f != skip)
            parts[n++] = filters[f];
    if (dates != NULL)
        parts[n++] = dates;
    if (n == 0)
        return xap_query_combine(XAP_OP_AND, &base, 1, err);
    xap_query *all = xap_query_combine(XAP_OP_AND, parts, n, err);
    xap_query *pair[2] = { base, all };
    xap_query *q = xap_query_combine(XAP_OP_FILTER, pair, 2, err);
    xap_query_free(all);
    return q;
}

/* ---- Facet counting -------------------------------------------------------------- */

/* One facet being counted: the counts it gave. */
typedef struct {
    const facet_def *def;
    GHashTable *counts;       /* id -> count; borrowed */
} facet_count;

static void add_to(GHashTable *counts, char *key, unsigned freq)
{
    guint old = GPOINTER_TO_UINT(g_hash_table_lookup(counts, key));
    g_hash_table_replace(counts, key, GUINT_TO_POINTER(old + freq));
}

/* A slot value: a single id, or a set of ids each counted freq times. */
static int add_count(const char *value, size_t len, unsigned freq, void *ud)
{
    facet_count *fc = ud;
    if (!fc->def->is_set) {
        add_to(fc->counts, g_strndup(value, len), freq);
        return 0;
    }
    const char *end = value + len;
    while (value < end) {
        const char *sep = memchr(value, FACET_SET_SEP, (size_t)(end - value));
        if (sep == NULL)
            sep = end;
        if (sep > value)
            add_to(fc->counts, g_strndup(value, (gsize)(sep - value)), freq);
        value = sep + 1;
    }
    return 0;
}

/* Counts the facets of every document an enquire matches: from the facet
 * columns when the index is one local database at a known revision, else
 * with Xapian's ValueCountMatchSpy, one per facet wanted (several
 * databases, as a stub file lists them; remote shards, since xapian-tcpsrv
 * runs that spy).  The enquire borrows the spies. */
typedef struct {
    facet_tally *tally;
    xap_docid_spy *dspy;
    xap_spy *spies[F_COUNT];
} match_counter;

static int counter_attach(match_counter *mc, xap_enquire *enq, const facet_columns *cols,
                          unsigned want, verr *err)
{
    if (cols != NULL) {
        mc->tally = facet_tally_new(cols);
        mc->dspy = xap_docid_spy_new(facet_tally_add, mc->tally, err);
        return mc->dspy != NULL ? xap_enquire_add_docid_spy(enq, mc->dspy, err) : -1;
    }
    for (int f = 0; f < F_COUNT; f++)
        if ((want & (1u << f)) != 0 &&
            ((mc->spies[f] = xap_spy_new(facets[f].slot, err)) == NULL ||
             xap_enquire_add_spy(enq, mc->spies[f], err) != 0))
            return -1;
    return 0;
}

static int counter_values(const match_counter *mc, int f, facet_count *fc, verr *err)
{
    if (mc->tally != NULL)
        return facet_tally_values(mc->tally, (size_t)f, add_count, fc);
    return xap_spy_values(mc->spies[f], 0, add_count, fc, err);
}

static void counter_clear(match_counter *mc)
{
    xap_docid_spy_free(mc->dspy);
    facet_tally_free(mc->tally);
    for (int f = 0; f < F_COUNT; f++)
        xap_spy_free(mc->spies[f]);
    memset(mc, 0, sizeof *mc);
}

/* Counts facet f over q (all documents matching, exactly, unweighted: no
 * ranking to do): for a facet the user filters on, q leaves that filter
 * out so its alternatives keep their counts.  The other facets are
 * counted by the main match.  cols may be NULL (match_counter). */
static int count_facet_alone(searcher *s, xap_query *q, const facet_columns *cols, int f,
                             facet_count *fc, unsigned doccount, double seconds, verr *err)
{
    xap_enquire *enq = xap_enquire_new(s->db, err);
    xap_mset *ms = NULL;
    match_counter mc = { 0 };
    int rc = -1;
    if (enq != NULL && xap_enquire_set_query(enq, q, err) == 0 &&
        xap_enquire_set_unweighted(enq, err) == 0 &&
        xap_enquire_set_time_limit(enq, seconds, err) == 0 &&
        counter_attach(&mc, enq, cols, 1u << f, err) == 0 &&
        xap_enquire_mset(enq, 0, 0, doccount, &ms, err) == 0)
        rc = counter_values(&mc, f, fc, err);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    counter_clear(&mc);
    return rc;
}

/* ---- Rendering ---------------------------------------------------------------------- */

static const char *concept_label(const searcher *s, const char *id)
{
    const vocab_concept *c = s->v != NULL ? vocab_get(s->v, id) : NULL;
    return c != NULL ? c->pref : id;
}

static int by_count(gconstpointer a, gconstpointer b, gpointer ud)
{
    GHashTable *counts = ud;
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    guint cx = GPOINTER_TO_UINT(g_hash_table_lookup(counts, x));
    guint cy = GPOINTER_TO_UINT(g_hash_table_lookup(counts, y));
    return cx != cy ? (cx < cy ? 1 : -1) : strcmp(x, y);
}

static void render_facet(JsonBuilder *b, searcher *s, int f, GHashTable *counts)
{
    GPtrArray *keys = g_ptr_array_new();
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, counts);
    while (g_hash_table_iter_next(&it, &key, NULL))
        g_ptr_array_add(keys, key);
    if (f == F_YEAR)
        g_ptr_array_sort(keys, text_compare_ptrs);
    else
        g_ptr_array_sort_with_data(keys, by_count, counts);
    json_builder_set_member_name(b, facets[f].name);
    json_builder_begin_array(b);
    for (guint i = 0; i < keys->len; i++) {
        const char *k = g_ptr_array_index(keys, i);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "value");
        json_builder_add_string_value(b, k);
        json_builder_set_member_name(b, "label");
        json_builder_add_string_value(b, f == F_THEME || f == F_REGION ? concept_label(s, k) : k);
        json_builder_set_member_name(b, "count");
        json_builder_add_int_value(b, GPOINTER_TO_UINT(g_hash_table_lookup(counts, k)));
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    g_ptr_array_unref(keys);
}

static void add_str(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value != NULL)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

static void render_tags(JsonBuilder *b, const docmeta *m, const char *facet, const char *name)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, facet) != 0)
            continue;
        json_builder_begin_object(b);
        add_str(b, "id", t->id);
        add_str(b, "label", t->label);
        add_str(b, "source", t->source);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* The document's public fields (never its path: ids are opaque). */
static void render_document(JsonBuilder *b, const docmeta *m)
{
    add_str(b, "id", m->id);
    add_str(b, "title", m->title);
    json_builder_set_member_name(b, "authors");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->authors->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(m->authors, i));
    json_builder_end_array(b);
    add_str(b, "organisation", m->organisation);
    add_str(b, "date", m->date);
    add_str(b, "type", m->doctype);
    add_str(b, "mime", m->mime);
    add_str(b, "lang", m->lang);
    add_str(b, "summary", m->summary);
    add_str(b, "source_url", m->source_url);
    json_builder_set_member_name(b, "pages");
    json_builder_add_int_value(b, m->pages);
    render_tags(b, m, "theme", "themes");
    render_tags(b, m, "region", "regions");
    char *self = g_strdup_printf("/api/documents/%s", m->id);
    add_str(b, "link", self);
    g_free(self);
}

static docmeta *load_meta(const xap_mset *ms, unsigned i, verr *err)
{
    xap_doc *doc = NULL;
    docmeta *m = NULL;
    if (xap_mset_document(ms, i, &doc, err) == 0)
        m = docstore_read(doc, TRUE, err);
    xap_doc_free(doc);
    return m;
}

static void render_expansions(JsonBuilder *b, const expanded_query *eq)
{
    json_builder_set_member_name(b, "expansions");
    json_builder_begin_array(b);
    for (guint i = 0; eq != NULL && i < eq->expansions->len; i++) {
        const expansion *e = g_ptr_array_index(eq->expansions, i);
        json_builder_begin_object(b);
        add_str(b, "matched", e->matched);
        add_str(b, "concept", e->concept->id);
        add_str(b, "label", e->concept->pref);
        add_str(b, "kind", vocab_kind_name(e->concept->kind));
        json_builder_set_member_name(b, "also_searched");
        json_builder_begin_array(b);
        for (guint j = 0; j < e->added->len; j++)
            json_builder_add_string_value(b, g_ptr_array_index(e->added, j));
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* One attempt at req, begun at t0 (the time limit counts from there). */
static char *run_search(searcher *s, const search_request *req, gint64 t0, verr *err)
{
    xap_query *filters[F_COUNT] = { NULL };
    xap_query *base = NULL, *dates = NULL, *q = NULL;
    expanded_query *eq = NULL;
    char *corrected = NULL;
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    GHashTable *counts[F_COUNT] = { NULL };
    facet_count fcounts[F_COUNT] = { { NULL, NULL } };
    facet_columns *cols = NULL;
    match_counter main_counter = { 0 };
    GPtrArray *words = NULL;
    JsonBuilder *b = NULL;
    unsigned doccount = 0;
    char *out = NULL;

    const search_tuning *tuning = req->tuning != NULL ? req->tuning : &search_tuning_default;
    double seconds = tuning->time_limit_ms / 1000.0;
    if (!still_wanted(req, tuning, t0, err) || reopen(s, err) != 0 ||
        xap_db_doccount(s->db, &doccount, err) != 0)
        goto cleanup;
    if ((base = text_query(s, req->q, FALSE, tuning, &eq, &corrected, err)) == NULL)
        goto cleanup;
    for (int f = 0; f < F_COUNT; f++) {
        filters[f] = facet_filter(req, f);
        counts[f] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    if (req->date_from != NULL || req->date_to != NULL) {
        char *lo = req->date_from != NULL ? date_bound(req->date_from, FALSE) : NULL;
        char *hi = req->date_to != NULL ? date_bound(req->date_to, TRUE) : NULL;
        if ((req->date_from != NULL && lo == NULL) || (req->date_to != NULL && hi == NULL)) {
            verr_set(err, VERR_PARSE, "date", "date invalide (attendu AAAA ou AAAA-MM-JJ)");
            g_free(lo);
            g_free(hi);
            goto cleanup;
        }
        dates = xap_query_value_range(SLOT_DATE, lo, hi, err);
        g_free(lo);
        g_free(hi);
    }
    /* the filters that are not counted as facets go with the dates */
    xap_query *fixed[3] = { dates, terms_filter(req->langs, PFX_LANG),
                            terms_filter(req->sources, PFX_SOURCE) };
    dates = and_all(fixed, G_N_ELEMENTS(fixed), err);
    q = filtered(base, filters, dates, -1, err);
    enq = xap_enquire_new(s->db, err);
    if (q == NULL || enq == NULL || xap_enquire_set_query(enq, q, err) != 0 ||
        xap_enquire_set_bm25(enq, tuning->k1, tuning->b, err) != 0 ||
        xap_enquire_set_time_limit(enq, seconds, err) != 0)
        goto cleanup;
    if (req->sort_by_date && xap_enquire_sort_by_value(enq, SLOT_DATE, 1, err) != 0)
        goto cleanup;
    /* exact counts over the whole match set: the facets without a filter
     * are counted by the main match, each filtered one by a match of its
     * own without its filter */
    unsigned unfiltered = 0;
    for (int f = 0; f < F_COUNT; f++) {
        fcounts[f] = (facet_count){ &facets[f], counts[f] };
        unfiltered |= filters[f] == NULL ? 1u << f : 0;
    }
    /* no columns (several databases): Xapian's spies count instead */
    cols = req->no_facets ? NULL : searcher_columns(s, NULL);
    if (!req->no_facets && counter_attach(&main_counter, enq, cols, unfiltered, err) != 0)
        goto cleanup;
    unsigned per_page = req->per_page;
    if (xap_enquire_mset(enq, (req->page - 1) * per_page, per_page, doccount, &ms, err) != 0 ||
        !still_wanted(req, tuning, t0, err))
        goto cleanup;
    for (int f = 0; f < F_COUNT && !req->no_facets; f++) {
        int rc;
        if (filters[f] == NULL) {
            rc = counter_values(&main_counter, f, &fcounts[f], err);
        } else {
            xap_query *fq = filtered(base, filters, dates, f, err);
            rc = fq != NULL ? count_facet_alone(s, fq, cols, f, &fcounts[f], doccount, seconds,
                                                err) : -1;
            xap_query_free(fq);
        }
        if (rc != 0 || !still_wanted(req, tuning, t0, err))
            goto cleanup;
    }
    unsigned lower, estimated, upper;
    xap_mset_estimates(ms, &lower, &estimated, &upper);
    /* "did you mean": asked of the spelling table only when the query
     * finds (almost) nothing, since it costs a scan per word */
    if (estimated < SPELLING_BELOW && req->q != NULL && *req->q != '\0') {
        expanded_query *again = NULL;
        xap_query *unused = text_query(s, req->q, TRUE, tuning, &again, &corrected, NULL);
        xap_query_free(unused);
        expanded_query_free(again);
    }

    words = snippet_query_words(req->q != NULL ? req->q : "");
    for (guint i = 0; eq != NULL && i < eq->expansions->len; i++) { /* mark "contrat local..." too */
        const expansion *e = g_ptr_array_index(eq->expansions, i);
        GPtrArray *more = snippet_query_words(e->concept->pref);
        for (guint j = 0; j < more->len; j++)
            g_ptr_array_add(words, g_strdup(g_ptr_array_index(more, j)));
        g_ptr_array_unref(more);
    }
    b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "total");
    json_builder_add_int_value(b, estimated);
    json_builder_set_member_name(b, "total_exact");
    json_builder_add_boolean_value(b, lower == upper);
    json_builder_set_member_name(b, "page");
    json_builder_add_int_value(b, req->page);
    json_builder_set_member_name(b, "per_page");
    json_builder_add_int_value(b, per_page);
    add_str(b, "query", req->q);
    add_str(b, "did_you_mean", corrected);
    render_expansions(b, eq);
    json_builder_set_member_name(b, "results");
    json_builder_begin_array(b);
    for (unsigned i = 0; i < xap_mset_size(ms); i++) {
        docmeta *m = load_meta(ms, i, err);
        if (m == NULL)
            goto cleanup;
        json_builder_begin_object(b);
        render_document(b, m);
        char *snip = snippet_make(m->text != NULL ? m->text : "", words, 30);
        add_str(b, "snippet", snip);
        g_free(snip);
        json_builder_end_object(b);
        docmeta_free(m);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "facets");
    json_builder_begin_object(b);
    for (int f = 0; f < F_COUNT; f++)
        render_facet(b, s, f, counts[f]);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "took_ms");
    json_builder_add_double_value(b, (double)(g_get_monotonic_time() - t0) / 1000.0);
    json_builder_end_object(b);
    out = jsonutil_finish(b);
    b = NULL;
cleanup:
    if (b != NULL)
        g_object_unref(b);
    if (words != NULL)
        g_ptr_array_unref(words);
    for (int f = 0; f < F_COUNT; f++) {
        xap_query_free(filters[f]);
        if (counts[f] != NULL)
            g_hash_table_unref(counts[f]);
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    counter_clear(&main_counter);
    facet_columns_unref(cols);
    xap_query_free(q);
    xap_query_free(dates);
    xap_query_free(base);
    expanded_query_free(eq);
    g_free(corrected);
    return out;
}

/* How many times a read starts again on the index's latest revision when
 * commits overwrote the one it was reading (DatabaseModifiedError: a
 * reader may lag one commit behind, not two). */
#define MODIFIED_RETRIES 3

char *searcher_run(searcher *s, const search_request *req, verr *err)
{
    gint64 t0 = g_get_monotonic_time();
    char *out = NULL;
    verr e;
    verr_clear(&e);
    for (int attempt = 0; attempt <= MODIFIED_RETRIES && out == NULL; attempt++) {
        verr_clear(&e);
        out = run_search(s, req, t0, &e);
        if (out == NULL && e.code != VERR_MODIFIED)
            break;
    }
    if (out == NULL && err != NULL)
        *err = e;
    return out;
}

static docmeta *meta_by_id_once(searcher *s, const char *id, verr *err);

/* The stored record of document id, or NULL (VERR_NOTFOUND for an unknown
 * or malformed id: ids are 16 hex digits, never paths). */
static docmeta *meta_by_id(searcher *s, const char *id, verr *err)
{
    docmeta *m = NULL;
    verr e;
    for (int attempt = 0; attempt <= MODIFIED_RETRIES && m == NULL; attempt++) {
        verr_clear(&e);
        m = meta_by_id_once(s, id, &e);
        if (m == NULL && e.code != VERR_MODIFIED)
            break;
    }
    if (m == NULL && err != NULL)
        *err = e;
    return m;
}

/* One attempt of meta_by_id. */
static docmeta *meta_by_id_once(searcher *s, const char *id, verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_docid docid;
    xap_doc *doc = NULL;
    docmeta *m = NULL;

    if (!record_id_valid(id)) {
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return NULL;
    }
    g_snprintf(term, sizeof term, "%s%s", PFX_ID, id);
    if (reopen(s, err) != 0)
        return NULL;
    if (xap_db_find_term(s->db, term, &docid, err) != 0) {
        verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", id);
        return NULL;
    }
    if (xap_db_get_document(s->db, docid, &doc, err) == 0)
        m = docstore_read(doc, FALSE, err);
    xap_doc_free(doc);
    return m;
}

char *searcher_document(searcher *s, const char *id, verr *err)
{
    docmeta *m = meta_by_id(s, id, err);
    if (m == NULL)
        return NULL;
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    render_document(b, m);
    add_str(b, "subject", m->subject);
    add_str(b, "keywords", m->keywords);
    add_str(b, "charset", m->charset);
    json_builder_set_member_name(b, "size");
    json_builder_add_int_value(b, m->size);
    json_builder_set_member_name(b, "manual");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->manual->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(m->manual, i));
    json_builder_end_array(b);
    /* why each tag is there, for the documentalist */
    json_builder_set_member_name(b, "tags");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        json_builder_begin_object(b);
        add_str(b, "facet", t->facet);
        add_str(b, "id", t->id);
        add_str(b, "label", t->label);
        add_str(b, "source", t->source);
        add_str(b, "evidence", t->evidence);
        json_builder_set_member_name(b, "score");
        json_builder_add_double_value(b, t->score);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    char *file = g_strdup_printf("/documents/%s/file", m->id);
    add_str(b, "file", file);
    g_free(file);
    json_builder_end_object(b);
    docmeta_free(m);
    return jsonutil_finish(b);
}

int searcher_file(searcher *s, const char *id, char **path, char **mime, char **title, verr *err)
{
    docmeta *m = meta_by_id(s, id, err);
    if (m == NULL)
        return -1;
    *path = g_strdup(m->path);
    *mime = g_strdup(m->mime != NULL ? m->mime : "application/octet-stream");
    *title = g_strdup(m->title);
    docmeta_free(m);
    return 0;
}

char *thesaurus_json(const vocab *v)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    static const struct { const char *name; vocab_kind kind; } parts[] = {
        { "themes", VOCAB_THEME }, { "regions", VOCAB_REGION },
    };
    for (size_t p = 0; p < G_N_ELEMENTS(parts); p++) {
        json_builder_set_member_name(b, parts[p].name);
        json_builder_begin_array(b);
        for (guint i = 0; v != NULL && i < vocab_size(v); i++) {
            const vocab_concept *c = vocab_nth(v, i);
            if (c->kind != parts[p].kind)
                continue;
            json_builder_begin_object(b);
            add_str(b, "id", c->id);
            add_str(b, "label", c->pref);
            if (c->note != NULL)
                add_str(b, "note", c->note);
            const GPtrArray *lists[] = { c->alt, c->broader, c->narrower };
            const char *names[] = { "alt_labels", "broader", "narrower" };
            for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
                json_builder_set_member_name(b, names[l]);
                json_builder_begin_array(b);
                for (guint j = 0; j < lists[l]->len; j++)
                    json_builder_add_string_value(b, g_ptr_array_index(lists[l], j));
                json_builder_end_array(b);
            }
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

/* ---- Suggestions ------------------------------------------------------------------ */

#define SUGGEST_MAX 10

typedef struct {
    GPtrArray *terms;   /* of char *: frequent words */
    GArray *freqs;
    unsigned min_freq;
} term_ctx;

static int keep_term(const char *term, size_t len, unsigned freq, void *ud)
{
    term_ctx *t = ud;
    if (freq >= t->min_freq && len > 2) {
        g_ptr_array_add(t->terms, g_strndup(term, len));
        g_array_append_val(t->freqs, freq);
    }
    return t->terms->len >= 200; /* enough candidates */
}

static void suggestion(JsonBuilder *b, const char *text, const char *kind, const char *id)
{
    json_builder_begin_object(b);
    add_str(b, "text", text);
    add_str(b, "kind", kind);
    if (id != NULL)
        add_str(b, "id", id);
    json_builder_end_object(b);
}

char *searcher_suggest(searcher *s, const char *q, verr *err)
{
    char *folded = text_fold(q != NULL ? q : "", -1);
    char *key = text_squash_space(folded);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    JsonBuilder *b = json_builder_new();
    guint n = 0;
    char *out = NULL;

    json_builder_begin_object(b);
    add_str(b, "q", q);
    json_builder_set_member_name(b, "suggestions");
    json_builder_begin_array(b);
    if (strlen(key) < 2)
        goto done;
    if (reopen(s, err) != 0)
        goto failed;
    /* 1. thesaurus labels (themes first, then places) */
    for (int pass = 0; pass < 2 && s->v != NULL; pass++)
        for (guint i = 0; i < vocab_size(s->v) && n < SUGGEST_MAX / 2; i++) {
            const vocab_concept *c = vocab_nth(s->v, i);
            gboolean theme = c->kind == VOCAB_THEME;
            if ((pass == 0) != theme || c->kind == VOCAB_ACRONYM || c->kind == VOCAB_FORMER_REGION)
                continue;
            char *f = text_fold(c->pref, -1);
            gboolean hit = g_str_has_prefix(f, key);
            for (guint j = 0; !hit && j < c->alt->len; j++) {
                char *a = text_fold(g_ptr_array_index(c->alt, j), -1);
                hit = g_str_has_prefix(a, key);
                g_free(a);
            }
            if (hit && !g_hash_table_contains(seen, f)) {
                suggestion(b, c->pref, vocab_kind_name(c->kind), c->id);
                g_hash_table_add(seen, f);
                n++;
            } else {
                g_free(f);
            }
        }
    /* 2. frequent words of the collection with this beginning (last word) */
    const char *last = strrchr(key, ' ');
    last = last != NULL ? last + 1 : key;
    if (strlen(last) >= 2 && g_ascii_islower(last[0])) {
        term_ctx t = { g_ptr_array_new_with_free_func(g_free), g_array_new(FALSE, FALSE, sizeof(unsigned)), 2 };
        if (xap_db_allterms(s->db, last, keep_term, &t, err) != 0) {
            g_ptr_array_unref(t.terms);
            g_array_unref(t.freqs);
            goto failed;
        }
        for (guint k = 0; k < 4 && n < SUGGEST_MAX; k++) { /* the most frequent few */
            guint best = G_MAXUINT;
            for (guint i = 0; i < t.terms->len; i++)
                if (g_array_index(t.freqs, unsigned, i) > 0 &&
                    (best == G_MAXUINT || g_array_index(t.freqs, unsigned, i) >
                                              g_array_index(t.freqs, unsigned, best)))
                    best = i;
            if (best == G_MAXUINT)
                break;
            g_array_index(t.freqs, unsigned, best) = 0;
            const char *word = g_ptr_array_index(t.terms, best);
            GString *text = g_string_new(NULL);
            g_string_append_len(text, key, (gssize)(last - key));
            g_string_append(text, word);
            if (!g_hash_table_contains(seen, text->str)) {
                suggestion(b, text->str, "word", NULL);
                g_hash_table_add(seen, g_strdup(text->str));
                n++;
            }
            g_string_free(text, TRUE);
        }
        g_ptr_array_unref(t.terms);
        g_array_unref(t.freqs);
    }
done:
    json_builder_end_array(b);
    json_builder_end_object(b);
    out = jsonutil_finish(b);
    b = NULL;
failed:
    if (b != NULL)
        g_object_unref(b);
    g_hash_table_unref(seen);
    g_free(key);
    g_free(folded);
    return out;
}
