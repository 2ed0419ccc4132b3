/* suggest.c - completions (suggest.h). */
#include "suggest.h"
#include "accents.h"
#include "facet.h"
#include "schema.h"
#include "jsonutil.h"
#include "text.h"

#include <string.h>

#define SUGGEST_MAX 10
/* Words offered at least, when there are (concepts fill the rest). */
#define SUGGEST_WORDS_MIN 4
/* communes offered: seats, and those of this many inhabitants */
#define SUGGEST_TOWN_MIN 5000

/* One completion offered, with how many documents it finds. */
typedef struct {
    char *text;
    const char *kind;
    const char *id;     /* concepts; borrowed from the vocab */
    unsigned docs;
    int concept;        /* starts_how of a concept; 0: a word */
} candidate;

static void candidate_clear(gpointer p)
{
    g_free(((candidate *)p)->text);
}

typedef struct {
    searcher *s;
    GArray *found;      /* of candidate */
    GHashTable *seen;   /* folded text -> its index in found */
} offers;

static unsigned term_docs(searcher *s, const char *prefix, const char *value)
{
    char *slug = text_slug(value);
    char *term = g_strconcat(prefix, slug, NULL);
    unsigned n = 0;
    if (xap_db_termfreq(searcher_db(s), term, &n, NULL) != 0)
        n = 0;
    g_free(term);
    g_free(slug);
    return n;
}

/* The documents about c: those tagged with it (what its facet shows), or
 * when none is, those where the tagger found its labels (concept terms). */
static unsigned concept_docs(searcher *s, const vocab_concept *c)
{
    unsigned tagged = 0;
    const facet_def *f = facet_for_kind(c->kind);
    if (f != NULL)
        tagged = term_docs(s, f->prefix,
                           c->kind == VOCAB_DEPARTMENT && c->notation ? c->notation : c->id);
    return tagged > 0 ? tagged : term_docs(s, PFX_CONCEPT, c->id);
}

/* Adds text unless found already (folded): of two concepts of one name
 * (La Réunion the region and the department), the one that finds more
 * documents stays; a concept stays before a word.  Takes text. */
static void add_candidate(offers *o, char *text, const char *kind, const char *id,
                          unsigned docs, int concept)
{
    char *key = text_fold(text, -1);
    gpointer at;
    candidate c = { text, kind, id, docs, concept };
    if (docs == 0) {
        g_free(key);
        g_free(text);
    } else if (g_hash_table_lookup_extended(o->seen, key, NULL, &at)) {
        candidate *had = &g_array_index(o->found, candidate, GPOINTER_TO_UINT(at));
        if (concept != 0 && had->concept != 0 && docs > had->docs) { /* a concept stays */
            g_free(had->text);
            *had = c;
        } else {
            g_free(text);
        }
        g_free(key);
    } else {
        g_hash_table_insert(o->seen, key, GUINT_TO_POINTER(o->found->len));
        g_array_append_val(o->found, c);
    }
}

typedef enum { STARTS_NOT, STARTS_ALT, STARTS_PREF } starts_how;

/* Whether c's preferred label (folded) starts with key, or another one. */
static starts_how concept_starts(const vocab_concept *c, const char *key)
{
    char *f = text_fold(c->pref, -1);
    starts_how how = g_str_has_prefix(f, key) ? STARTS_PREF : STARTS_NOT;
    g_free(f);
    for (guint j = 0; how == STARTS_NOT && j < c->alt->len; j++) {
        char *a = text_fold(g_ptr_array_index(c->alt, j), -1);
        how = g_str_has_prefix(a, key) ? STARTS_ALT : STARTS_NOT;
        g_free(a);
    }
    return how;
}

/* Whether c is one of the 33,000 communes too small to offer: folding
 * every commune's name cost each keystroke tens of milliseconds, and
 * a town named like a common word ("Vue") is no completion of "vu". */
static gboolean minor_town(const vocab_concept *c)
{
    return c->kind == VOCAB_TOWN && !(c->flags & VOCAB_SEAT) &&
           ((c->flags & VOCAB_COMMON_WORD) || c->population < SUGGEST_TOWN_MIN);
}

/* 1. thesaurus labels: every concept with a label that begins with key,
 * under its preferred label */
static void offer_labels(offers *o, const vocab *v, const char *key)
{
    for (guint i = 0; v != NULL && i < vocab_size(v); i++) {
        const vocab_concept *c = vocab_nth(v, i);
        starts_how how;
        if (c->kind == VOCAB_ACRONYM || c->kind == VOCAB_FORMER_REGION || minor_town(c) ||
            (how = concept_starts(c, key)) == STARTS_NOT)
            continue;
        add_candidate(o, g_strdup(c->pref), vocab_kind_name(c->kind), c->id,
                      concept_docs(o->s, c), how);
    }
}

typedef struct {
    GPtrArray *terms;   /* of char *: words of the index */
    GArray *freqs;
} term_ctx;

static int keep_term(const char *term, size_t len, unsigned freq, void *ud)
{
    term_ctx *t = ud;
    char *word = g_strndup(term, len);
    gboolean stop = text_is_stopword(word); /* "par", "sans": no completion */
    g_free(word);
    if (freq >= 2 && len > 2 && !stop) {
        g_ptr_array_add(t->terms, g_strndup(term, len));
        g_array_append_val(t->freqs, freq);
    }
    return t->terms->len >= 200; /* enough candidates */
}

/* 2. words of the collection that begin like key's last word (key: q
 * folded), with the accents most documents write them with, after q's
 * words before it as typed.  0, or -1 with err. */
static int offer_words(offers *o, const char *q, const char *key, verr *err)
{
    const char *last = strrchr(key, ' ');
    last = last != NULL ? last + 1 : key;
    if (strlen(last) < 2 || !g_ascii_islower(last[0]))
        return 0;
    char *typed = g_strstrip(g_strdup(q));
    char *cut = typed + strlen(typed);
    while (cut > typed && !g_ascii_isspace(cut[-1]))
        cut--;
    *cut = '\0'; /* "Santé pu" -> "Santé " */
    term_ctx t = { g_ptr_array_new_with_free_func(g_free),
                   g_array_new(FALSE, FALSE, sizeof(unsigned)) };
    int rc = xap_db_allterms(searcher_db(o->s), last, keep_term, &t, err);
    for (guint k = 0; rc == 0 && k < t.terms->len; k++) {
        const char *word = g_ptr_array_index(t.terms, k);
        char *written = accents_word(searcher_db(o->s), word);
        add_candidate(o, g_strdup_printf("%s%s", typed, written != NULL ? written : word),
                      "word", NULL, g_array_index(t.freqs, unsigned, k), 0);
        g_free(written);
    }
    g_free(typed);
    g_ptr_array_unref(t.terms);
    g_array_unref(t.freqs);
    return rc;
}

/* Concepts named by their preferred label, by another one, then words;
 * each by the documents it finds. */
static int by_docs(gconstpointer a, gconstpointer b)
{
    const candidate *x = a, *y = b;
    if (x->concept != y->concept)
        return x->concept > y->concept ? -1 : 1;
    if (x->docs != y->docs)
        return x->docs > y->docs ? -1 : 1;
    return strcmp(x->text, y->text);
}

static void write_offers(JsonBuilder *b, GArray *found)
{
    g_array_sort(found, by_docs);
    guint concepts = 0, words = 0;
    for (guint i = 0; i < found->len; i++) {
        const candidate *c = &g_array_index(found, candidate, i);
        concepts += c->concept != 0;
        words += c->concept == 0;
    }
    /* words take the places concepts leave, four at least when there are */
    guint words_max = MAX(SUGGEST_MAX - MIN(concepts, SUGGEST_MAX), MIN(words, SUGGEST_WORDS_MIN));
    guint concepts_max = SUGGEST_MAX - MIN(words, words_max);
    for (guint i = 0, nc = 0, nw = 0; i < found->len; i++) {
        const candidate *c = &g_array_index(found, candidate, i);
        if (c->concept ? nc++ >= concepts_max : nw++ >= words_max)
            continue;
        json_builder_begin_object(b);
        jsonutil_add_string(b, "text", c->text);
        jsonutil_add_string(b, "kind", c->kind);
        if (c->id != NULL)
            jsonutil_add_string(b, "id", c->id);
        json_builder_set_member_name(b, "documents");
        json_builder_add_int_value(b, c->docs);
        json_builder_end_object(b);
    }
}

char *suggest_json(searcher *s, const vocab *v, const char *q, verr *err)
{
    char *folded = text_fold(q != NULL ? q : "", -1);
    char *key = text_squash_space(folded);
    offers o = { s, g_array_new(FALSE, FALSE, sizeof(candidate)),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
    g_array_set_clear_func(o.found, candidate_clear);
    char *out = NULL;
    if (strlen(key) >= 2) {
        if (searcher_reopen(s, err) != 0)
            goto cleanup;
        offer_labels(&o, v, key);
        if (offer_words(&o, q, key, err) != 0)
            goto cleanup;
    }
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    jsonutil_add_string(b, "q", q);
    json_builder_set_member_name(b, "suggestions");
    json_builder_begin_array(b);
    write_offers(b, o.found);
    json_builder_end_array(b);
    json_builder_end_object(b);
    out = jsonutil_finish(b);
cleanup:
    g_array_unref(o.found);
    g_hash_table_unref(o.seen);
    g_free(key);
    g_free(folded);
    return out;
}
