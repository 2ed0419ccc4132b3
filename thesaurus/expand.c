/* expand.c - what a query mentions of the thesaurus (expand.h). */
#include "expand.h"
#include "text.h"

#include <string.h>

static void expansion_concept_free(gpointer p)
{
    expansion_concept *ec = p;
    g_ptr_array_unref(ec->labels);
    g_free(ec);
}

static void expansion_free(gpointer p)
{
    expansion *e = p;
    g_free(e->matched);
    g_ptr_array_unref(e->added);
    g_ptr_array_unref(e->concepts);
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

/* ---- One mention's concepts and labels ------------------------------------------- */

typedef struct {
    const vocab *v;
    GHashTable *labels;    /* folded labels already listed */
    expansion *e;
} builder;

/* Lists label under ec unless met before (report: also shown to the user). */
static void add_label(builder *b, expansion_concept *ec, const char *label, gboolean report)
{
    char *key = text_fold(label, -1);
    if (g_hash_table_contains(b->labels, key)) {
        g_free(key);
        return;
    }
    g_hash_table_add(b->labels, key);
    g_ptr_array_add(ec->labels, (gpointer)label);
    if (report)
        g_ptr_array_add(b->e->added, g_strdup(label));
}

/* c with its labels, then its descendants for a theme (depth-limited). */
static void add_concept(builder *b, const vocab_concept *c, int depth)
{
    expansion_concept *ec = g_new0(expansion_concept, 1);
    ec->concept = c;
    ec->labels = g_ptr_array_new();
    g_ptr_array_add(b->e->concepts, ec);
    add_label(b, ec, c->pref, TRUE);
    for (guint i = 0; i < c->alt->len; i++)
        add_label(b, ec, g_ptr_array_index(c->alt, i), depth == 0);
    if (c->kind == VOCAB_THEME && depth < 3)
        for (guint i = 0; i < c->narrower->len; i++) {
            const vocab_concept *n = vocab_get(b->v, g_ptr_array_index(c->narrower, i));
            if (n != NULL)
                add_concept(b, n, depth + 1);
        }
}

static expansion *build_expansion(const vocab *v, const match_hit *hit, const char *matched)
{
    expansion *e = g_new0(expansion, 1);
    builder b = { v, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), e };
    e->start = hit->start;
    e->end = hit->end;
    e->matched = g_strdup(matched);
    e->added = g_ptr_array_new_with_free_func(g_free);
    e->concepts = g_ptr_array_new_with_free_func(expansion_concept_free);
    e->concept = hit->concepts[0];
    g_hash_table_add(b.labels, text_fold(matched, -1)); /* the words typed are no label to add */
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
    g_hash_table_unref(b.labels);
    return e;
}

/* ---- Scanning the query -------------------------------------------------------- */

typedef struct {
    const vocab *v;
    const char *query;
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
    return text_is_proximity(q + a, b - a) || text_is_proximity(next, strcspn(next, " \t\r\n"));
}

/* Whether the span at start is excluded: after NOT (alone or in "AND
 * NOT"), after a '-' that begins a word, or inside brackets that follow
 * one.  What a query excludes is excluded as typed: expanding
 * "psychiatrie" in "santé mentale NOT psychiatrie" to the whole Santé
 * mentale concept would exclude every document the query asks for. */
static gboolean negated_span(const char *q, gsize start)
{
    guint64 negated_groups = 0; /* bit d: the group at depth d is negated */
    guint depth = 0;
    gboolean pending = FALSE;   /* a NOT or a '-' waits for its operand */
    gsize i = 0;
    while (i < start) {
        if (g_ascii_isspace(q[i])) {
            i++;
            continue;
        }
        if (q[i] == '(') {
            if (depth < 63 && (pending || (negated_groups >> depth & 1)))
                negated_groups |= G_GUINT64_CONSTANT(1) << (depth + 1);
            depth += depth < 63;
            pending = FALSE;
            i++;
            continue;
        }
        if (q[i] == ')') {
            if (depth > 0)
                negated_groups &= ~(G_GUINT64_CONSTANT(1) << depth--);
            i++;
            continue;
        }
        gsize n = strcspn(q + i, " \t\r\n()");
        if (n == 3 && memcmp(q + i, "NOT", 3) == 0) {
            pending = TRUE;
        } else if (q[i] == '-' && (i == 0 || g_ascii_isspace(q[i - 1]) || q[i - 1] == '(')) {
            /* "-(" or the word the span is in; a lone " - " excludes nothing */
            pending = (n == 1 && q[i + 1] == '(') || (n > 1 && i + n > start);
        } else if (i + n < start) {
            pending = FALSE; /* a whole word before the span: the operand was it */
        }
        i += n;
    }
    return pending || (negated_groups >> depth & 1);
}

/* Whether the span [start, end) is part of a hyphenated word
 * ("logement" in "mal-logement"): the compound is searched as typed. */
static gboolean inside_compound(const char *q, gsize start, gsize end)
{
    return (start > 0 && q[start - 1] == '-' && start > 1 && !g_ascii_isspace(q[start - 2])) ||
           (q[end] == '-' && q[end + 1] != '\0' && !g_ascii_isspace(q[end + 1]));
}

static int on_hit(const match_hit *hit, void *ud)
{
    scan_ctx *s = ud;
    if (protected_span(s->query, hit->start) || beside_proximity(s->query, hit->start, hit->end) ||
        negated_span(s->query, hit->start) || inside_compound(s->query, hit->start, hit->end))
        return 0;
    char *matched = g_strndup(s->query + hit->start, hit->end - hit->start);
    g_ptr_array_add(s->eq->expansions, build_expansion(s->v, hit, matched));
    g_free(matched);
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
    GString *out = g_string_new(NULL);
    for (const char *p = q; *p != '\0';) {
        gsize n = strcspn(p, " \t");
        char *low = text_is_operator(p, n) ? g_strndup(p, n) : g_utf8_strdown(p, (gssize)n);
        g_string_append(out, low);
        g_free(low);
        p += n;
        gsize blanks = strspn(p, " \t");
        g_string_append_len(out, p, (gssize)blanks);
        p += blanks;
    }
    return g_string_free(out, FALSE);
}

expanded_query *expand_query(const vocab *v, const matcher *m, const char *typed)
{
    char *lowered = lower_shouting(typed);
    expanded_query *eq = g_new0(expanded_query, 1);
    eq->text = lowered != NULL ? lowered : g_strdup(typed);
    eq->expansions = g_ptr_array_new_with_free_func(expansion_free);
    scan_ctx s = { v, eq->text, eq };
    matcher_scan(m, eq->text, 0, MATCH_LOOSE, on_hit, &s);
    return eq;
}
