/* suggest.c - completions (suggest.h). */
#include "suggest.h"
#include "jsonutil.h"
#include "text.h"

#include <string.h>

#define SUGGEST_MAX 10
/* communes offered: seats, and those of this many inhabitants */
#define SUGGEST_TOWN_MIN 5000

typedef struct {
    JsonBuilder *b;
    GHashTable *seen;   /* folded texts offered */
    guint n;            /* offered */
} offers;

static void offer(offers *o, const char *text, const char *kind, const char *id)
{
    json_builder_begin_object(o->b);
    jsonutil_add_string(o->b, "text", text);
    jsonutil_add_string(o->b, "kind", kind);
    if (id != NULL)
        jsonutil_add_string(o->b, "id", id);
    json_builder_end_object(o->b);
    o->n++;
}

/* Whether a label of c (folded) starts with key. */
static gboolean concept_starts(const vocab_concept *c, const char *key)
{
    char *f = text_fold(c->pref, -1);
    gboolean hit = g_str_has_prefix(f, key);
    g_free(f);
    for (guint j = 0; !hit && j < c->alt->len; j++) {
        char *a = text_fold(g_ptr_array_index(c->alt, j), -1);
        hit = g_str_has_prefix(a, key);
        g_free(a);
    }
    return hit;
}

/* Whether c is one of the 33,000 communes too small to offer: folding
 * every commune's name cost each keystroke tens of milliseconds, and
 * a town named like a common word ("Vue") is no completion of "vu". */
static gboolean minor_town(const vocab_concept *c)
{
    return c->kind == VOCAB_TOWN && !(c->flags & VOCAB_SEAT) &&
           ((c->flags & VOCAB_COMMON_WORD) || c->population < SUGGEST_TOWN_MIN);
}

/* 1. thesaurus labels (themes first, then places), half the offers at most */
static void offer_labels(offers *o, const vocab *v, const char *key)
{
    for (int pass = 0; pass < 2 && v != NULL; pass++)
        for (guint i = 0; i < vocab_size(v) && o->n < SUGGEST_MAX / 2; i++) {
            const vocab_concept *c = vocab_nth(v, i);
            gboolean theme = c->kind == VOCAB_THEME;
            if ((pass == 0) != theme || c->kind == VOCAB_ACRONYM ||
                c->kind == VOCAB_FORMER_REGION || minor_town(c) || !concept_starts(c, key))
                continue;
            char *f = text_fold(c->pref, -1);
            if (!g_hash_table_contains(o->seen, f)) {
                offer(o, c->pref, vocab_kind_name(c->kind), c->id);
                g_hash_table_add(o->seen, f);
            } else {
                g_free(f);
            }
        }
}

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

/* The candidate most frequent of t not taken yet, taken; NULL: none left. */
static const char *take_most_frequent(term_ctx *t)
{
    guint best = G_MAXUINT;
    for (guint i = 0; i < t->terms->len; i++)
        if (g_array_index(t->freqs, unsigned, i) > 0 &&
            (best == G_MAXUINT ||
             g_array_index(t->freqs, unsigned, i) > g_array_index(t->freqs, unsigned, best)))
            best = i;
    if (best == G_MAXUINT)
        return NULL;
    g_array_index(t->freqs, unsigned, best) = 0;
    return g_ptr_array_index(t->terms, best);
}

/* 2. frequent words of the collection with the beginning of key's last
 * word (the most frequent few).  0, or -1 with err. */
static int offer_words(offers *o, searcher *s, const char *key, verr *err)
{
    const char *last = strrchr(key, ' ');
    last = last != NULL ? last + 1 : key;
    if (strlen(last) < 2 || !g_ascii_islower(last[0]))
        return 0;
    term_ctx t = { g_ptr_array_new_with_free_func(g_free),
                   g_array_new(FALSE, FALSE, sizeof(unsigned)), 2 };
    int rc = xap_db_allterms(searcher_db(s), last, keep_term, &t, err);
    for (guint k = 0; rc == 0 && k < 4 && o->n < SUGGEST_MAX; k++) {
        const char *word = take_most_frequent(&t);
        if (word == NULL)
            break;
        char *text = g_strdup_printf("%.*s%s", (int)(last - key), key, word);
        if (!g_hash_table_contains(o->seen, text)) {
            offer(o, text, "word", NULL);
            g_hash_table_add(o->seen, text);
        } else {
            g_free(text);
        }
    }
    g_ptr_array_unref(t.terms);
    g_array_unref(t.freqs);
    return rc;
}

char *suggest_json(searcher *s, const vocab *v, const char *q, verr *err)
{
    char *folded = text_fold(q != NULL ? q : "", -1);
    char *key = text_squash_space(folded);
    offers o = { json_builder_new(), g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 0 };
    char *out = NULL;
    json_builder_begin_object(o.b);
    jsonutil_add_string(o.b, "q", q);
    json_builder_set_member_name(o.b, "suggestions");
    json_builder_begin_array(o.b);
    if (strlen(key) >= 2) {
        if (searcher_reopen(s, err) != 0)
            goto cleanup;
        offer_labels(&o, v, key);
        if (offer_words(&o, s, key, err) != 0)
            goto cleanup;
    }
    json_builder_end_array(o.b);
    json_builder_end_object(o.b);
    out = jsonutil_finish(o.b);
    o.b = NULL;
cleanup:
    if (o.b != NULL)
        g_object_unref(o.b);
    g_hash_table_unref(o.seen);
    g_free(key);
    g_free(folded);
    return out;
}
