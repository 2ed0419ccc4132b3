/* expand.c - thesaurus query expansion (expand.h). */
#include "expand.h"
#include "schema.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static void expansion_free(gpointer p)
{
    expansion *e = p;
    g_free(e->matched);
    g_ptr_array_unref(e->added);
    xap_query_free(e->query);
    g_free(e);
}

void expanded_query_free(expanded_query *eq)
{
    if (eq == NULL)
        return;
    g_free(eq->text);
    g_ptr_array_unref(eq->expansions);
    g_free(eq);
}

/* ---- Queries for labels ------------------------------------------------------ */

/* One label as a query: a single word as itself or its stem, several words
 * as a phrase (stop words are indexed unstemmed with positions). */
static xap_query *label_query(const char *label, const xap_stem *stem)
{
    char *folded = text_fold(label, -1);
    char **words = g_regex_split_simple("[^[:alnum:]]+", folded, 0, 0);
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    xap_query *q = NULL;

    for (char **w = words; *w != NULL; w++)
        if (**w != '\0')
            g_ptr_array_add(terms, xap_query_term(*w, 1, NULL));
    if (terms->len == 1) {
        char *stemmed = NULL, *zterm = NULL;
        xap_query *parts[2] = { g_ptr_array_index(terms, 0), NULL };
        if (stem != NULL && xap_stem_word(stem, words[0][0] != '\0' ? words[0] : folded,
                                          &stemmed, NULL) == 0) {
            zterm = g_strconcat("Z", stemmed, NULL);
            parts[1] = xap_query_term(zterm, 1, NULL);
        }
        q = xap_query_combine(XAP_OP_OR, parts, parts[1] != NULL ? 2 : 1, NULL);
        xap_query_free(parts[1]);
        free(stemmed);
        g_free(zterm);
    } else if (terms->len > 1) {
        q = xap_query_combine(XAP_OP_PHRASE, (xap_query *const *)terms->pdata, terms->len, NULL);
    }
    g_ptr_array_unref(terms);
    g_strfreev(words);
    g_free(folded);
    return q;
}

static const char *filter_prefix(vocab_kind kind)
{
    switch (kind) {
    case VOCAB_THEME: return PFX_THEME;
    case VOCAB_REGION: return PFX_REGION;
    case VOCAB_DEPARTMENT: return PFX_DEPARTMENT;
    case VOCAB_TOWN: return PFX_TOWN;
    default: return NULL;
    }
}

typedef struct {
    const vocab *v;
    const xap_stem *stem;
    gboolean concept_terms; /* the index has XK terms (schema 3) */
    GPtrArray *parts;      /* of xap_query * */
    GHashTable *labels;    /* folded labels already added */
    expansion *e;
} builder;

/* Notes label as searched (report: listed to the user); search: adds a
 * query for it (FALSE when the concept's XK term stands for it). */
static void add_label(builder *b, const char *label, gboolean report, gboolean search)
{
    char *key = text_fold(label, -1);
    if (g_hash_table_contains(b->labels, key)) {
        g_free(key);
        return;
    }
    g_hash_table_add(b->labels, key);
    xap_query *q = search ? label_query(label, b->stem) : NULL;
    if (q != NULL)
        g_ptr_array_add(b->parts, q);
    if (report)
        g_ptr_array_add(b->e->added, g_strdup(label));
}

static void add_prefixed_term(builder *b, const char *prefix, const char *value)
{
    char *slug = text_slug(value);
    char *term = g_strconcat(prefix, slug, NULL);
    g_ptr_array_add(b->parts, xap_query_term(term, 1, NULL));
    g_free(term);
    g_free(slug);
}

/* Labels (or concept term) and filter term of c; descendants too for
 * themes (depth-limited). */
static void add_concept(builder *b, const vocab_concept *c, int depth)
{
    /* the tagger records no acronym concept: their labels stay phrases */
    gboolean phrases = !b->concept_terms || c->kind == VOCAB_ACRONYM;
    add_label(b, c->pref, TRUE, phrases);
    for (guint i = 0; i < c->alt->len; i++)
        add_label(b, g_ptr_array_index(c->alt, i), depth == 0, phrases);
    if (!phrases)
        add_prefixed_term(b, PFX_CONCEPT, c->id);
    const char *prefix = filter_prefix(c->kind);
    if (prefix != NULL)
        add_prefixed_term(b, prefix,
                          c->kind == VOCAB_DEPARTMENT && c->notation ? c->notation : c->id);
    if (c->kind == VOCAB_THEME && depth < 3)
        for (guint i = 0; i < c->narrower->len; i++) {
            const vocab_concept *n = vocab_get(b->v, g_ptr_array_index(c->narrower, i));
            if (n != NULL)
                add_concept(b, n, depth + 1);
        }
}

static expansion *build_expansion(const vocab *v, const xap_stem *stem, gboolean concept_terms,
                                  const match_hit *hit, const char *matched)
{
    expansion *e = g_new0(expansion, 1);
    builder b = { v, stem, concept_terms, g_ptr_array_new(),
                  g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), e };
    e->matched = g_strdup(matched);
    e->added = g_ptr_array_new_with_free_func(g_free);
    e->concept = hit->concepts[0];
    /* What the user typed (not an expansion) is searched as a phrase.  When
     * it names themes only, whose labels the tagger finds in any case, the
     * concept terms already find its documents: the phrase then only adds
     * its weight to them (AND_MAYBE), and is checked on those documents
     * alone rather than on every one holding its words. */
    gboolean themes_only = concept_terms;
    for (guint i = 0; i < hit->n_concepts; i++)
        themes_only &= hit->concepts[i]->kind == VOCAB_THEME;
    xap_query *typed = themes_only ? label_query(matched, stem) : NULL;
    add_label(&b, matched, FALSE, typed == NULL);
    for (guint i = 0; i < hit->n_concepts; i++) {
        const vocab_concept *c = hit->concepts[i];
        if (c->kind == VOCAB_FORMER_REGION) {
            const vocab_concept *now = vocab_region_of(v, c);
            add_concept(&b, c, 1);
            if (now != NULL) {
                add_concept(&b, now, 0);
                e->concept = now;
            }
        } else {
            add_concept(&b, c, 0);
        }
    }
    e->query = xap_query_combine(XAP_OP_OR, (xap_query *const *)b.parts->pdata, b.parts->len,
                                 NULL);
    if (typed != NULL && e->query != NULL) {
        xap_query *both[2] = { e->query, typed };
        e->query = xap_query_combine(XAP_OP_AND_MAYBE, both, 2, NULL);
        xap_query_free(both[0]);
    }
    xap_query_free(typed);
    for (guint i = 0; i < b.parts->len; i++)
        xap_query_free(g_ptr_array_index(b.parts, i));
    g_ptr_array_unref(b.parts);
    g_hash_table_unref(b.labels);
    return e;
}

/* ---- Scanning the query -------------------------------------------------------- */

typedef struct {
    const vocab *v;
    const xap_stem *stem;
    gboolean concept_terms;
    const char *query;
    GString *out;
    gsize copied;          /* bytes of query already copied to out */
    expanded_query *eq;
} scan_ctx;

/* Whether the span at start lies inside "..." or follows "field:". */
static gboolean protected_span(const char *q, gsize start)
{
    guint quotes = 0;
    for (gsize i = 0; i < start; i++)
        quotes += q[i] == '"';
    return (quotes % 2) == 1 || (start > 0 && q[start - 1] == ':');
}

/* Whether the n bytes at w are NEAR, ADJ, NEAR/n or ADJ/n. */
static gboolean is_proximity(const char *w, gsize n)
{
    static const char *const ops[] = { "NEAR", "ADJ" };
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++) {
        gsize k = strlen(ops[i]);
        if (n >= k && strncmp(w, ops[i], k) == 0 && (n == k || w[k] == '/'))
            return TRUE;
    }
    return FALSE;
}

/* Whether the word before start or after end is a proximity operator:
 * Xapian applies those to words only, not to the query an expansion is
 * ("habitat ADJ j" failed to run, found by tests/fuzz/fuzz_query). */
static gboolean beside_proximity(const char *q, gsize start, gsize end)
{
    gsize b = start, a;
    while (b > 0 && g_ascii_isspace(q[b - 1]))
        b--;
    for (a = b; a > 0 && !g_ascii_isspace(q[a - 1]); a--)
        ;
    const char *next = q + end;
    while (g_ascii_isspace(*next))
        next++;
    return is_proximity(q + a, b - a) || is_proximity(next, strcspn(next, " \t\r\n"));
}

static int on_hit(const match_hit *hit, void *ud)
{
    scan_ctx *s = ud;
    if (protected_span(s->query, hit->start) || beside_proximity(s->query, hit->start, hit->end))
        return 0;
    char *matched = g_strndup(s->query + hit->start, hit->end - hit->start);
    expansion *e = build_expansion(s->v, s->stem, s->concept_terms, hit, matched);
    g_free(matched);
    g_string_append_len(s->out, s->query + s->copied, (gssize)(hit->start - s->copied));
    g_string_append_printf(s->out, "%s:%u", EXPAND_FIELD, s->eq->expansions->len);
    g_ptr_array_add(s->eq->expansions, e);
    s->copied = hit->end;
    return 0;
}

/* A query typed in capitals ("ACCES AUX SOINS"), lower-cased but for its
 * boolean operators, so that its words match labels as a lower-case query
 * does (the matcher leaves upper-case words, taken for acronyms, as they
 * are).  NULL when q has a lower-case letter or no letter. */
static char *lower_shouting(const char *q)
{
    gboolean letters = FALSE;
    for (const char *p = q; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_islower(c))
            return NULL;
        letters |= g_unichar_isalpha(c);
    }
    if (!letters)
        return NULL;
    static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ" };
    GString *out = g_string_new(NULL);
    for (const char *p = q; *p != '\0';) {
        gsize n = strcspn(p, " \t");
        gboolean op = FALSE;
        for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
            op |= strlen(ops[i]) == n && strncmp(p, ops[i], n) == 0;
        char *low = op ? g_strndup(p, n) : g_utf8_strdown(p, (gssize)n);
        g_string_append(out, low);
        g_free(low);
        p += n;
        gsize blanks = strspn(p, " \t");
        g_string_append_len(out, p, (gssize)blanks);
        p += blanks;
    }
    return g_string_free(out, FALSE);
}

/* q with the ':' of every "veillexp:" the user typed made a space, so that
 * only expand_query's own rewrites name expansions.  Caller frees. */
static char *unforged(const char *q)
{
    char *out = g_strdup(q);
    const gsize n = strlen(EXPAND_FIELD);
    for (char *p = out; *p != '\0'; p++)
        if (g_ascii_strncasecmp(p, EXPAND_FIELD ":", n + 1) == 0)
            p[n] = ' ';
    return out;
}

expanded_query *expand_query(const vocab *v, const matcher *m, const xap_stem *stem,
                             gboolean concept_terms, const char *typed)
{
    char *own = unforged(typed);
    char *lowered = lower_shouting(own);
    const char *user_query = lowered != NULL ? lowered : own;
    expanded_query *eq = g_new0(expanded_query, 1);
    scan_ctx s = { v, stem, concept_terms, user_query, g_string_new(NULL), 0, eq };
    eq->expansions = g_ptr_array_new_with_free_func(expansion_free);
    matcher_scan(m, user_query, 0, MATCH_LOOSE, on_hit, &s);
    g_string_append(s.out, user_query + s.copied);
    eq->text = g_string_free(s.out, FALSE);
    g_free(lowered);
    g_free(own);
    return eq;
}

xap_query *expand_field_query(const char *text, void *ud)
{
    const expanded_query *eq = ud;
    char *end = NULL;
    unsigned long n = strtoul(text, &end, 10);
    if (end == text || *end != '\0' || n >= eq->expansions->len)
        return NULL;
    const expansion *e = g_ptr_array_index(eq->expansions, n);
    return xap_query_combine(XAP_OP_OR, (xap_query *const *)&e->query, 1, NULL);
}
