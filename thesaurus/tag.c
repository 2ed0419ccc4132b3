/* tag.c - themes and places from text, with evidence (tag.h). */
#include "tag.h"
#include "text.h"

#include <math.h>
#include <string.h>

/* Field weights. */
#define W_TITLE 5.0
#define W_META 3.0
#define W_BODY 1.0
/* A body label counts at most this many times (long reports repeat). */
#define BODY_CAP 12
/* For a theme, each of its body labels counts at most THEME_LABEL_CAP times
 * and all of them THEME_BODY_CAP: a document about a theme names it in
 * several ways, one that only passes by repeats one word ("logement" in
 * the resources of a health-insurance fiche). */
#define THEME_LABEL_CAP 4
#define THEME_BODY_CAP 24
/* Thresholds, chosen with bench/tagging on corpus/ and bench/real. */
#define TAG_THEME_MIN 5.0
#define TAG_THEME_SHARE 0.25
#define TAG_REGION_MIN 3.0
#define TAG_REGION_SHARE 0.34
#define TAG_DEPARTMENT_MIN 2.0
#define TAG_TOWN_MIN 2.0

struct tagger {
    const vocab *v;
    matcher *m;
};

tagger *tagger_new(const vocab *v)
{
    tagger *t = g_new0(tagger, 1);
    t->v = v;
    t->m = matcher_new(v);
    return t;
}

const vocab *tagger_vocab(const tagger *t) { return t->v; }

void tagger_free(tagger *t)
{
    if (t == NULL)
        return;
    matcher_free(t->m);
    g_free(t);
}

/* ---- Evidence ------------------------------------------------------------------ */

enum { FIELD_TITLE, FIELD_META, FIELD_BODY, FIELD_COUNT };
static const char *const field_names[] = { "titre", "métadonnées", "texte" };
static const double field_weights[] = { W_TITLE, W_META, W_BODY };

/* What one concept got: hits per field and per label. */
typedef struct {
    const vocab_concept *c;
    guint hits[FIELD_COUNT];
    GHashTable *labels;  /* label (borrowed) -> guint counts[FIELD_COUNT] */
    double own;          /* weighted score of its own labels */
    double theme;        /* the same, with the theme caps (THEME_LABEL_CAP) */
} concept_hits;

typedef struct {
    GHashTable *by_concept;  /* concept -> concept_hits */
    int field;
} scan_ctx;

static void hits_free(gpointer p)
{
    concept_hits *h = p;
    g_hash_table_unref(h->labels);
    g_free(h);
}

static concept_hits *hits_for(GHashTable *table, const vocab_concept *c)
{
    concept_hits *h = g_hash_table_lookup(table, c);
    if (h == NULL) {
        h = g_new0(concept_hits, 1);
        h->c = c;
        h->labels = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
        g_hash_table_insert(table, (gpointer)c, h);
    }
    return h;
}

static int on_hit(const match_hit *hit, void *ud)
{
    scan_ctx *s = ud;
    for (guint i = 0; i < hit->n_concepts; i++) {
        const vocab_concept *c = hit->concepts[i];
        if (c->kind == VOCAB_ACRONYM)
            continue;
        concept_hits *h = hits_for(s->by_concept, c);
        h->hits[s->field]++;
        guint *counts = g_hash_table_lookup(h->labels, hit->label);
        if (counts == NULL) {
            counts = g_new0(guint, FIELD_COUNT);
            g_hash_table_insert(h->labels, (gpointer)hit->label, counts);
        }
        counts[s->field]++;
    }
    return 0;
}

static double own_score(const concept_hits *h)
{
    double s = 0;
    for (int f = 0; f < FIELD_COUNT; f++)
        s += field_weights[f] * (f == FIELD_BODY ? MIN(h->hits[f], (guint)BODY_CAP) : h->hits[f]);
    return s;
}

/* own_score with a theme's caps: each body label counts at most
 * THEME_LABEL_CAP times, all of them at most THEME_BODY_CAP. */
static double theme_score(const concept_hits *h)
{
    double s = 0;
    guint body = 0;
    GHashTableIter it;
    gpointer label, counts;
    g_hash_table_iter_init(&it, h->labels);
    while (g_hash_table_iter_next(&it, &label, &counts))
        body += MIN(((const guint *)counts)[FIELD_BODY], (guint)THEME_LABEL_CAP);
    for (int f = 0; f < FIELD_COUNT; f++)
        s += field_weights[f] * (f == FIELD_BODY ? MIN(body, (guint)THEME_BODY_CAP) : h->hits[f]);
    return s;
}

/* "« santé mentale » ×3 (texte), « CLSM » ×1 (titre)" */
static void describe(const concept_hits *h, GString *out)
{
    GHashTableIter it;
    gpointer label, counts;
    g_hash_table_iter_init(&it, h->labels);
    while (g_hash_table_iter_next(&it, &label, &counts)) {
        const guint *n = counts;
        for (int f = 0; f < FIELD_COUNT; f++) {
            if (n[f] == 0)
                continue;
            g_string_append_printf(out, "%s« %s » ×%u (%s)", out->len > 0 ? ", " : "",
                                   (const char *)label, n[f], field_names[f]);
        }
    }
}

/* ---- Scoring ------------------------------------------------------------------- */

typedef struct {
    const vocab_concept *c;
    double score;
    GString *evidence;
} scored;

static void scored_free(gpointer p)
{
    scored *s = p;
    g_string_free(s->evidence, TRUE);
    g_free(s);
}

static scored *scored_for(GHashTable *table, const vocab_concept *c)
{
    scored *s = g_hash_table_lookup(table, c);
    if (s == NULL) {
        s = g_new0(scored, 1);
        s->c = c;
        s->evidence = g_string_new(NULL);
        g_hash_table_insert(table, (gpointer)c, s);
    }
    return s;
}

/* Adds to score own (a concept's own hits, scored), with evidence prefixed
 * by via ("Alès → ") when it counts for another concept. */
static void credit_score(scored *s, const concept_hits *h, double own, double factor,
                         const char *via)
{
    s->score += factor * own;
    GString *e = g_string_new(NULL);
    describe(h, e);
    if (e->len > 0)
        g_string_append_printf(s->evidence, "%s%s%s", s->evidence->len > 0 ? " ; " : "",
                               via != NULL ? via : "", e->str);
    g_string_free(e, TRUE);
}

static void credit(scored *s, const concept_hits *h, double factor, const char *via)
{
    credit_score(s, h, h->own, factor, via);
}

static double max_score(GHashTable *table, vocab_kind kind)
{
    double best = 0;
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, table);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const scored *s = val;
        if (s->c->kind == kind && s->score > best)
            best = s->score;
    }
    return best;
}

/* Themes: own score plus half of each narrower concept's (recursively). */
static void score_themes(const tagger *t, GHashTable *hits, GHashTable *out)
{
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const concept_hits *h = val;
        if (h->c->kind != VOCAB_THEME)
            continue;
        credit_score(scored_for(out, h->c), h, h->theme, 1.0, NULL);
        /* credit the ancestors, halving at each level */
        GPtrArray *frontier = g_ptr_array_new();
        g_ptr_array_add(frontier, (gpointer)h->c);
        double factor = 0.5;
        for (int depth = 0; depth < 4 && frontier->len > 0; depth++, factor /= 2) {
            GPtrArray *next = g_ptr_array_new();
            for (guint i = 0; i < frontier->len; i++) {
                const vocab_concept *c = g_ptr_array_index(frontier, i);
                for (guint j = 0; j < c->broader->len; j++) {
                    const vocab_concept *b = vocab_get(t->v, g_ptr_array_index(c->broader, j));
                    if (b == NULL || b->kind != VOCAB_THEME)
                        continue;
                    char *via = g_strdup_printf("%s → ", h->c->pref);
                    credit_score(scored_for(out, b), h, h->theme, factor, via);
                    g_free(via);
                    g_ptr_array_add(next, (gpointer)b);
                }
            }
            g_ptr_array_unref(frontier);
            frontier = next;
        }
        g_ptr_array_unref(frontier);
    }
}

/* Places: each hit counts for itself and rolls up to department and region. */
static void score_places(const tagger *t, GHashTable *hits, GHashTable *out)
{
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const concept_hits *h = val;
        const vocab_concept *c = h->c;
        if (c->kind == VOCAB_THEME || c->kind == VOCAB_ACRONYM)
            continue;
        char *via = g_strdup_printf("%s → ", c->pref);
        if (c->kind != VOCAB_FORMER_REGION)
            credit(scored_for(out, c), h, 1.0, NULL);
        const vocab_concept *dept = vocab_department_of(t->v, c);
        if (dept != NULL && dept != c)
            credit(scored_for(out, dept), h, 1.0, via);
        const vocab_concept *region = vocab_region_of(t->v, c);
        if (region != NULL && region != c)
            credit(scored_for(out, region), h, 1.0, via);
        g_free(via);
    }
}

/* ---- Applying -------------------------------------------------------------------- */

/* The facet a concept of kind k is tagged in (its kind's name: the
 * facet table, index/facet.h, names facets after vocabulary kinds), or
 * NULL for kinds that are never tags. */
static const char *facet_of(vocab_kind k)
{
    return k == VOCAB_FORMER_REGION || k == VOCAB_ACRONYM ? NULL : vocab_kind_name(k);
}

static docmeta_tag *find_tag(docmeta *m, const char *facet, const char *id)
{
    for (guint i = 0; i < m->tags->len; i++) {
        docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, facet) == 0 && strcmp(t->id, id) == 0)
            return t;
    }
    return NULL;
}

/* The concept a catalogue value names, or NULL; t may be NULL. */
static const vocab_concept *manual_concept(const tagger *t, const char *value, vocab_kind kind)
{
    if (t == NULL)
        return NULL;
    const vocab_concept *c = vocab_find_label(t->v, value, kind);
    if (c == NULL && kind == VOCAB_REGION) { /* "Picardie", "Gard", "Alès": roll up */
        static const vocab_kind places[] = { VOCAB_FORMER_REGION, VOCAB_DEPARTMENT, VOCAB_TOWN };
        for (size_t k = 0; k < G_N_ELEMENTS(places) && c == NULL; k++) {
            const vocab_concept *p = vocab_find_label(t->v, value, places[k]);
            c = p != NULL ? vocab_region_of(t->v, p) : NULL;
        }
    }
    return c;
}

gboolean tagger_knows(const tagger *t, const char *value, vocab_kind kind)
{
    return manual_concept(t, value, kind) != NULL;
}

/* The catalogue's values, as manual tags. */
static void add_manual(const tagger *t, docmeta *m, const GPtrArray *values, vocab_kind kind,
                       GPtrArray *unknown)
{
    const char *facet = facet_of(kind);
    for (guint i = 0; i < values->len; i++) {
        const char *value = g_ptr_array_index(values, i);
        const vocab_concept *c = manual_concept(t, value, kind);
        if (c != NULL) {
            if (find_tag(m, facet, c->id) == NULL)
                docmeta_add_tag(m, facet, c->id, c->pref, 0, "manual", NULL);
            continue;
        }
        char *slug = text_slug(value);
        if (*slug != '\0' && find_tag(m, facet, slug) == NULL)
            docmeta_add_tag(m, facet, slug, value, 0, "manual", NULL);
        if (t != NULL && unknown != NULL)
            g_ptr_array_add(unknown, g_strdup_printf("%s inconnu du thésaurus : « %s »",
                                                     kind == VOCAB_THEME ? "thème" : "lieu",
                                                     value));
        g_free(slug);
    }
}

static void add_auto(docmeta *m, const scored *s)
{
    const char *facet = facet_of(s->c->kind);
    docmeta_tag *have = find_tag(m, facet, s->c->id);
    if (have != NULL) {
        have->score = s->score;
        g_free(have->source);
        have->source = g_strdup("manual+auto");
        g_free(have->evidence);
        have->evidence = g_strdup(s->evidence->str);
        return;
    }
    docmeta_add_tag(m, facet, s->c->id, s->c->pref, s->score, "auto", s->evidence->str);
}

static int by_score(gconstpointer a, gconstpointer b)
{
    const scored *x = *(scored *const *)a, *y = *(scored *const *)b;
    return x->score < y->score ? 1 : x->score > y->score ? -1 : strcmp(x->c->id, y->c->id);
}

/* The scored concepts of kind over min and share * best, best first. */
static GPtrArray *above(GHashTable *scores, vocab_kind kind, double min, double share)
{
    GPtrArray *out = g_ptr_array_new();
    double best = max_score(scores, kind);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, scores);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        scored *s = val;
        if (s->c->kind == kind && s->score >= min && s->score >= share * best)
            g_ptr_array_add(out, s);
    }
    g_ptr_array_sort(out, by_score);
    return out;
}

static void scan_document(const tagger *t, const docmeta *m, GHashTable *hits)
{
    scan_ctx s = { hits, FIELD_TITLE };
    if (m->title != NULL)
        matcher_scan(t->m, m->title, 0, MATCH_STRICT, on_hit, &s);
    s.field = FIELD_META;
    const char *meta[] = { m->subject, m->keywords, m->summary, m->organisation };
    for (size_t i = 0; i < G_N_ELEMENTS(meta); i++)
        if (meta[i] != NULL)
            matcher_scan(t->m, meta[i], 0, MATCH_STRICT, on_hit, &s);
    s.field = FIELD_BODY;
    if (m->text != NULL)
        matcher_scan(t->m, m->text, TAG_BODY_MAX, MATCH_STRICT, on_hit, &s);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &k, &val))
    {
        ((concept_hits *)val)->own = own_score(val);
        ((concept_hits *)val)->theme = theme_score(val);
    }
}

/* Each concept found, with its label hits weighted as the index weighs
 * the words of those fields (title 5, metadata 2, body 1). */
static void note_mentions(GHashTable *hits, docmeta *m)
{
    static const guint wdf[] = { 5, 2, 1 };
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const concept_hits *h = val;
        guint n = 0;
        for (int f = 0; f < FIELD_COUNT; f++)
            n += wdf[f] * h->hits[f];
        if (n > 0)
            g_hash_table_insert(m->mentions, g_strdup(h->c->id), GUINT_TO_POINTER(n));
    }
}

void tagger_apply(const tagger *t, docmeta *m, gboolean automatic, GPtrArray *unknown)
{
    g_ptr_array_set_size(m->tags, 0);
    g_hash_table_remove_all(m->mentions);
    add_manual(t, m, m->themes, VOCAB_THEME, unknown);
    add_manual(t, m, m->regions, VOCAB_REGION, unknown);
    if (!automatic || t == NULL)
        return;

    GHashTable *hits = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, hits_free);
    GHashTable *scores = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, scored_free);
    scan_document(t, m, hits);
    note_mentions(hits, m);
    score_themes(t, hits, scores);
    score_places(t, hits, scores);

    GPtrArray *themes = above(scores, VOCAB_THEME, TAG_THEME_MIN, TAG_THEME_SHARE);
    for (guint i = 0; i < themes->len; i++)
        add_auto(m, g_ptr_array_index(themes, i));
    GPtrArray *regions = above(scores, VOCAB_REGION, TAG_REGION_MIN, TAG_REGION_SHARE);
    const vocab_concept *national = vocab_get(t->v, "national");
    gboolean have_region = FALSE;
    for (guint i = 0; i < regions->len; i++) {
        scored *s = g_ptr_array_index(regions, i);
        if (s->c == national)
            continue;
        add_auto(m, s);
        have_region = TRUE;
    }
    for (guint i = 0; i < m->tags->len && !have_region; i++) /* a manual region counts */
        have_region = strcmp(((docmeta_tag *)g_ptr_array_index(m->tags, i))->facet, vocab_kind_name(VOCAB_REGION)) == 0;
    if (!have_region && national != NULL) {
        scored *s = scored_for(scores, national);
        if (s->evidence->len == 0)
            g_string_append(s->evidence, "aucun territoire dominant");
        add_auto(m, s);
    }
    /* departments and towns, within the regions tagged */
    static const struct { vocab_kind kind; double min; } finer[] = {
        { VOCAB_DEPARTMENT, TAG_DEPARTMENT_MIN }, { VOCAB_TOWN, TAG_TOWN_MIN },
    };
    for (size_t f = 0; f < G_N_ELEMENTS(finer); f++) {
        GPtrArray *list = above(scores, finer[f].kind, finer[f].min, 0.0);
        for (guint i = 0; i < list->len; i++) {
            scored *s = g_ptr_array_index(list, i);
            const vocab_concept *r = vocab_region_of(t->v, s->c);
            if (r != NULL && find_tag(m, vocab_kind_name(VOCAB_REGION), r->id) != NULL)
                add_auto(m, s);
        }
        g_ptr_array_unref(list);
    }
    g_ptr_array_unref(regions);
    g_ptr_array_unref(themes);
    g_hash_table_unref(scores);
    g_hash_table_unref(hits);
}

void tagger_apply_plain(docmeta *m)
{
    tagger_apply(NULL, m, FALSE, NULL);
}
