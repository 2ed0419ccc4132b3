/* expansion.c - a query's thesaurus mentions as Xapian queries
 * (expansion.h). */
#include "expansion.h"
#include "facet.h"
#include "schema.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

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

static void add_prefixed_term(GPtrArray *parts, const char *prefix, const char *value)
{
    char *slug = text_slug(value);
    char *term = g_strconcat(prefix, slug, NULL);
    g_ptr_array_add(parts, xap_query_term(term, 1, NULL));
    g_free(term);
    g_free(slug);
}

/* What finds a concept: its labels' queries (or its XK term), and its
 * filter term, so tagged documents match. */
static void add_concept(GPtrArray *parts, const expansion_concept *ec, const xap_stem *stem,
                        gboolean concept_terms)
{
    const vocab_concept *c = ec->concept;
    /* the tagger records no acronym concept: their labels stay phrases */
    if (!concept_terms || c->kind == VOCAB_ACRONYM) {
        for (guint i = 0; i < ec->labels->len; i++) {
            xap_query *q = label_query(g_ptr_array_index(ec->labels, i), stem);
            if (q != NULL)
                g_ptr_array_add(parts, q);
        }
    } else {
        add_prefixed_term(parts, PFX_CONCEPT, c->id);
    }
    const facet_def *facet = facet_for_kind(c->kind);
    if (facet != NULL)
        add_prefixed_term(parts, facet->prefix,
                          c->kind == VOCAB_DEPARTMENT && c->notation ? c->notation : c->id);
}

/* The query of one mention: what the user typed (a phrase), OR the
 * concepts it names.  Expansion only widens: a document holding the words
 * typed is found whether or not it was tagged ("JEUNES" in capitals,
 * which the tagger takes for no label). */
static xap_query *mention_query(const expansion *e, const xap_stem *stem, gboolean concept_terms)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    xap_query *typed = label_query(e->matched, stem);
    if (typed != NULL)
        g_ptr_array_add(parts, typed);
    for (guint i = 0; i < e->concepts->len; i++)
        add_concept(parts, g_ptr_array_index(e->concepts, i), stem, concept_terms);
    xap_query *q = xap_query_combine(XAP_OP_OR, (xap_query *const *)parts->pdata, parts->len,
                                     NULL);
    g_ptr_array_unref(parts);
    return q;
}

/* q with the ':' of every "veillexp:" the user typed made a space, so that
 * only our own rewrites name expansions.  Caller frees. */
static char *unforged(const char *q)
{
    char *out = g_strdup(q);
    const gsize n = strlen(EXPANSION_FIELD);
    for (char *p = out; *p != '\0'; p++)
        if (g_ascii_strncasecmp(p, EXPANSION_FIELD ":", n + 1) == 0)
            p[n] = ' ';
    return out;
}

query_expansion *query_expansion_new(const vocab *v, const matcher *m, const xap_stem *stem,
                                     gboolean concept_terms, const char *user_query)
{
    query_expansion *qe = g_new0(query_expansion, 1);
    char *own = unforged(user_query);
    qe->mentions = expand_query(v, m, own);
    qe->queries = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    GString *text = g_string_new(NULL);
    const char *scanned = qe->mentions->text;
    gsize copied = 0;
    for (guint i = 0; i < qe->mentions->expansions->len; i++) {
        const expansion *e = g_ptr_array_index(qe->mentions->expansions, i);
        g_ptr_array_add(qe->queries, mention_query(e, stem, concept_terms));
        g_string_append_len(text, scanned + copied, (gssize)(e->start - copied));
        g_string_append_printf(text, "%s:%u", EXPANSION_FIELD, i);
        copied = e->end;
    }
    g_string_append(text, scanned + copied);
    qe->text = g_string_free(text, FALSE);
    g_free(own);
    return qe;
}

void query_expansion_free(query_expansion *qe)
{
    if (qe == NULL)
        return;
    g_free(qe->text);
    expanded_query_free(qe->mentions);
    g_ptr_array_unref(qe->queries);
    g_free(qe);
}

xap_query *expansion_field_query(const char *text, void *ud)
{
    const query_expansion *qe = ud;
    char *end = NULL;
    unsigned long n = strtoul(text, &end, 10);
    if (end == text || *end != '\0' || n >= qe->queries->len ||
        g_ptr_array_index(qe->queries, n) == NULL)
        return NULL;
    xap_query *q = g_ptr_array_index(qe->queries, n);
    return xap_query_combine(XAP_OP_OR, &q, 1, NULL);
}
