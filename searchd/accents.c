/* accents.c - accents back on a folded correction (accents.h). */
#include "accents.h"
#include "schema.h"
#include "spelling.h"
#include "text.h"

#include <string.h>

/* A replacement of corrected's bytes [start, end) by text. */
typedef struct {
    gsize start, end;
    char *text;
} respelling;

static void respelling_clear(gpointer p)
{
    g_free(((respelling *)p)->text);
}

typedef struct {
    const char *corrected;
    GArray *spans;  /* of respelling, left to right, not overlapping */
} label_ctx;

/* A label is written in lower case but for places and acronyms. */
static gboolean keeps_capitals(const vocab_concept *c)
{
    return c->kind != VOCAB_THEME;
}

static int on_label(const match_hit *hit, void *ud)
{
    label_ctx *l = ud;
    if (l->spans->len > 0 && g_array_index(l->spans, respelling, l->spans->len - 1).end > hit->start)
        return 0;
    char *label_folded = text_fold(hit->label, -1);
    char *span_folded = text_fold(l->corrected + hit->start, (gssize)(hit->end - hit->start));
    /* the matcher also matches singulars and plurals: only the same words */
    if (strcmp(label_folded, span_folded) == 0) {
        respelling r = { hit->start, hit->end,
                         keeps_capitals(hit->concepts[0]) ? g_strdup(hit->label)
                                                          : g_utf8_strdown(hit->label, -1) };
        g_array_append_val(l->spans, r);
    }
    g_free(span_folded);
    g_free(label_folded);
    return 0;
}

/* Whether s has letters, none in lower case. */
static gboolean shouted(const char *s)
{
    char *low = g_utf8_strdown(s, -1), *up = g_utf8_strup(s, -1);
    gboolean yes = strcmp(s, up) == 0 && strcmp(s, low) != 0;
    g_free(up);
    g_free(low);
    return yes;
}

/* The user's words, folded -> as typed (lower-cased when the whole query
 * is in capitals). */
static GHashTable *typed_words(const char *typed)
{
    GHashTable *words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    typed = typed != NULL ? typed : "";
    gboolean lower = shouted(typed);
    char **parts = g_regex_split_simple("[^[:alnum:]'-]+", typed, G_REGEX_OPTIMIZE, 0);
    for (char **p = parts; *p != NULL; p++)
        if (**p != '\0')
            g_hash_table_replace(words, text_fold(*p, -1),
                                 lower ? g_utf8_strdown(*p, -1) : g_strdup(*p));
    g_strfreev(parts);
    return words;
}

typedef struct {
    gsize prefix_len;
    unsigned best_freq, all_freq;
    char *best;
} accent_ctx;

static int on_accent_term(const char *term, size_t len, unsigned freq, void *ud)
{
    accent_ctx *a = ud;
    a->all_freq += freq;
    if (freq > a->best_freq) {
        a->best_freq = freq;
        g_free(a->best);
        a->best = g_strndup(term + a->prefix_len, len - a->prefix_len);
    }
    return 0;
}

char *accents_word(const xap_db *db, const char *w)
{
    if (db == NULL)
        return NULL;
    char *prefix = g_strdup_printf("%s%s%c", PFX_ACCENT, w, ACCENT_SEP);
    accent_ctx a = { strlen(prefix), 0, 0, NULL };
    unsigned docs = 0;
    /* the documents writing w without accents, at least: those holding it
     * less those with an accented form; more of them, and w stays ("des",
     * not "dès") */
    if (xap_db_allterms(db, prefix, on_accent_term, &a, NULL) != 0 ||
        (xap_db_termfreq(db, w, &docs, NULL) == 0 && docs > a.all_freq &&
         docs - a.all_freq > a.best_freq)) {
        g_free(a.best);
        a.best = NULL;
    }
    g_free(prefix);
    return a.best;
}

/* A word of a string: letters and digits, bytes [start, end). */
typedef struct {
    gsize start, end;
} word_span;

/* The words of s (runs of ASCII letters and digits and of non-ASCII bytes,
 * as folded text has them). */
static GArray *word_spans(const char *s)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(word_span));
    for (gsize i = 0; s[i] != '\0';) {
        if (!g_ascii_isalnum(s[i]) && (guchar)s[i] < 0x80) {
            i++;
            continue;
        }
        word_span w = { i, i };
        while (s[w.end] != '\0' && (g_ascii_isalnum(s[w.end]) || (guchar)s[w.end] >= 0x80))
            w.end++;
        g_array_append_val(out, w);
        i = w.end;
    }
    return out;
}

/* Appends corrected's bytes [from, to), each of its words (spans, all of
 * corrected's) respelled. */
static void append_words(GString *out, const char *corrected, const GArray *spans, gsize from,
                         gsize to, GHashTable *typed, const xap_db *db)
{
    gsize at = from;
    for (guint k = 0; k < spans->len; k++) {
        const word_span *span = &g_array_index(spans, word_span, k);
        if (span->start < from || span->end > to)
            continue;
        g_string_append_len(out, corrected + at, (gssize)(span->start - at));
        char *w = g_strndup(corrected + span->start, span->end - span->start);
        const char *as_typed = g_hash_table_lookup(typed, w);
        /* a stop word stays as typed: "des" is no "dès" */
        gboolean typed_accents = as_typed != NULL && (!g_str_is_ascii(as_typed) ||
                                                      text_is_stopword(w));
        char *indexed = !typed_accents ? accents_word(db, w) : NULL;
        g_string_append(out, typed_accents ? as_typed
                             : indexed != NULL ? indexed
                             : as_typed != NULL ? as_typed : w);
        g_free(indexed);
        g_free(w);
        at = span->end;
    }
    g_string_append_len(out, corrected + at, (gssize)(to - at));
}

/* Whether folded word f is a term of db (a word documents have). */
static gboolean indexed(const xap_db *db, const char *f)
{
    unsigned n = 0;
    return db != NULL && *f != '\0' && xap_db_termfreq(db, f, &n, NULL) == 0 && n > 0;
}

/* Whether folded word f stays as typed in any correction: a stop word or
 * a word of the index. */
static gboolean known_word(const xap_db *db, const char *f)
{
    return text_is_stopword(f) || indexed(db, f);
}

gboolean accents_all_words_known(const xap_db *db, const char *typed)
{
    char *folded = text_fold(typed != NULL ? typed : "", -1);
    GArray *t = word_spans(folded);
    gboolean all = TRUE;
    for (guint i = 0; i < t->len && all; i++) {
        const word_span *w = &g_array_index(t, word_span, i);
        char *f = g_strndup(folded + w->start, w->end - w->start);
        all = known_word(db, f);
        g_free(f);
    }
    g_array_unref(t);
    g_free(folded);
    return all;
}

/* corrected with the words the user typed in their place where those are
 * stop words or words of the index: Xapian's spelling table has no stop
 * words, so it "corrects" them ("des" -> "de"), and it offers a more
 * frequent word for a rare one that exists ("factoriser" -> "autoriser").
 * A word typed that the index lacks takes the best candidate of
 * spelling.h when there is one (Xapian's own choice, or none, otherwise).
 * Words are matched by position (the typed query folded as the corrected
 * one was, so "d'habitant" is two words in both), when both have as many;
 * operators and case do not count ("OR" stays "OR").  *changed: FALSE when
 * no word is left corrected. */
static char *keep_known_words(const xap_db *db, const char *typed, const char *corrected,
                              gboolean *changed)
{
    char *folded = text_fold(typed != NULL ? typed : "", -1);
    GArray *t = word_spans(folded), *c = word_spans(corrected);
    GString *out = g_string_new(NULL);
    gsize copied = 0;
    *changed = t->len != c->len;
    for (guint i = 0; t->len == c->len && i < c->len; i++) {
        const word_span *tw = &g_array_index(t, word_span, i);
        const word_span *cw = &g_array_index(c, word_span, i);
        char *f = g_strndup(folded + tw->start, tw->end - tw->start);
        char *w = g_strndup(corrected + cw->start, cw->end - cw->start);
        gboolean keep = known_word(db, f);
        char *better = keep ? NULL : spelling_candidate(db, f);
        const char *chosen = keep ? f : better != NULL ? better : w;
        if (g_ascii_strcasecmp(chosen, w) != 0) { /* "OR" stays "OR" */
            g_string_append_len(out, corrected + copied, (gssize)(cw->start - copied));
            g_string_append(out, chosen);
            copied = cw->end;
        }
        *changed |= g_ascii_strcasecmp(f, chosen) != 0;
        g_free(better);
        g_free(w);
        g_free(f);
    }
    g_string_append(out, corrected + copied);
    g_array_unref(c);
    g_array_unref(t);
    g_free(folded);
    return g_string_free(out, FALSE);
}

/* s with the elisions folding cut put back: "d invalidité" ->
 * "d'invalidité" (a French word never stands so before another). */
static char *rejoin_elisions(const char *s)
{
    static const char *const elided[] = { "l", "d", "j", "m", "n", "s", "t", "c", "qu",
                                          "jusqu", "lorsqu", "puisqu", NULL };
    GString *out = g_string_new(NULL);
    GArray *words = word_spans(s);
    gsize copied = 0;
    for (guint i = 0; i + 1 < words->len; i++) {
        const word_span *w = &g_array_index(words, word_span, i);
        const word_span *next = &g_array_index(words, word_span, i + 1);
        gboolean one_space = next->start == w->end + 1 && s[w->end] == ' ';
        gboolean elision = FALSE;
        for (size_t k = 0; elided[k] != NULL && one_space && !elision; k++)
            elision = strlen(elided[k]) == w->end - w->start &&
                      g_ascii_strncasecmp(s + w->start, elided[k], w->end - w->start) == 0;
        if (elision) {
            g_string_append_len(out, s + copied, (gssize)(w->end - copied));
            g_string_append_c(out, '\'');
            copied = next->start;
        }
    }
    g_string_append(out, s + copied);
    g_array_unref(words);
    return g_string_free(out, FALSE);
}

char *accents_restore(const xap_db *db, const matcher *m, const char *typed,
                      const char *folded_correction)
{
    gboolean changed;
    char *corrected = keep_known_words(db, typed, folded_correction, &changed);
    if (!changed) {
        g_free(corrected);
        return NULL;
    }
    label_ctx l = { corrected, g_array_new(FALSE, FALSE, sizeof(respelling)) };
    g_array_set_clear_func(l.spans, respelling_clear);
    if (m != NULL)
        matcher_scan(m, corrected, 0, MATCH_LOOSE, on_label, &l);
    GHashTable *words = typed_words(typed);
    GArray *spans = word_spans(corrected);
    GString *out = g_string_new(NULL);
    gsize at = 0;
    for (guint i = 0; i < l.spans->len; i++) {
        const respelling *r = &g_array_index(l.spans, respelling, i);
        append_words(out, corrected, spans, at, r->start, words, db);
        g_string_append(out, r->text);
        at = r->end;
    }
    append_words(out, corrected, spans, at, strlen(corrected), words, db);
    g_array_unref(spans);
    g_hash_table_unref(words);
    g_array_unref(l.spans);
    g_free(corrected);
    char *written = rejoin_elisions(out->str);
    g_string_free(out, TRUE);
    return written;
}
