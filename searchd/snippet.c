/* snippet.c - highlighted passages (snippet.h). */
#include "snippet.h"
#include "text.h"
#include "wordmatch.h"

#include <string.h>

typedef struct {
    gsize start, end;   /* bytes in the text */
    gboolean hit;
} word;

/* Folded, singular form used on both sides: "soins" ~ "soin" (text_singular). */
static char *normal_form(const char *s, gssize len)
{
    char *f = text_fold(s, len);
    text_singular(f, strlen(f));
    return f;
}

/* The query's words, folded (typed: as typed). */
static GPtrArray *query_words(const char *query, gboolean typed)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const char *p = query, *limit = query + strlen(query), *start;
    while (*p != '\0') {
        p = text_next_word(p, limit, &start, NULL);
        if (p == start)
            break;
        if (*p == ':') /* a field prefix such as "titre:" */
            continue;
        gsize n = (gsize)(p - start);
        if (text_is_operator(start, n)) /* words hold no '/': "NEAR/3" is NEAR, then 3 */
            continue;
        /* a stop word as typed, not its singular: "dans" is no "dan" */
        char *f = text_fold(start, (gssize)n), *w = normal_form(start, (gssize)n);
        if (*w != '\0' && !text_is_stopword(f) && !text_is_stopword(w))
            g_ptr_array_add(out, typed ? g_strndup(start, n) : g_strdup(w));
        g_free(w);
        g_free(f);
    }
    return out;
}

GPtrArray *snippet_query_words(const char *query) { return query_words(query, FALSE); }
GPtrArray *snippet_query_words_typed(const char *query) { return query_words(query, TRUE); }

static void append_escaped(GString *out, const char *s, gsize len)
{
    char *esc = g_markup_escape_text(s, (gssize)len);
    g_string_append(out, esc);
    g_free(esc);
}

/* The words of text (its first 256 KiB: enough for a passage), each
 * marked when one of words; reading stops once a window of max_words
 * holds as many hits as there are query words (no later one can beat
 * it).  Of word. */
static GArray *read_words(const char *text, const GPtrArray *words, guint max_words)
{
    wordmatch *wanted = wordmatch_new();
    for (guint i = 0; i < words->len; i++)
        wordmatch_add(wanted, g_ptr_array_index(words, i), 1);
    guint distinct = wordmatch_size(wanted);
    GArray *ws = g_array_new(FALSE, FALSE, sizeof(word));
    const char *p = text, *limit = text + MIN(strlen(text), (gsize)256 * 1024), *start;
    guint window_hits = 0, full_since = 0;
    while (p < limit) {
        gboolean ascii;
        p = text_next_word(p, limit, &start, &ascii);
        if (p == start)
            break;
        word w = { (gsize)(start - text), (gsize)(p - text),
                   wordmatch_lookup(wanted, start, (gsize)(p - start), ascii) != 0 };
        g_array_append_val(ws, w);
        window_hits += w.hit;
        if (ws->len > max_words)
            window_hits -= g_array_index(ws, word, ws->len - 1 - max_words).hit;
        if (distinct > 0 && window_hits >= distinct && full_since == 0)
            full_since = ws->len;
        if (full_since > 0 && ws->len >= full_since + max_words)
            break;
    }
    wordmatch_free(wanted);
    return ws;
}

/* Where the passage starts: a few words before the first hit of the
 * window of max_words words with the most hits; 0 without any. */
static guint best_start(const GArray *ws, guint max_words)
{
    guint best = 0, best_hits = 0, hits = 0;
    for (guint i = 0; i < ws->len; i++) {
        hits += g_array_index(ws, word, i).hit;
        if (i >= max_words)
            hits -= g_array_index(ws, word, i - max_words).hit;
        if (hits > best_hits) {
            best_hits = hits;
            best = i >= max_words ? i - max_words + 1 : 0;
        }
    }
    for (guint i = best; best_hits > 0 && i < ws->len; i++)
        if (g_array_index(ws, word, i).hit)
            return i > 5 ? i - 5 : 0;
    return best;
}

char *snippet_make(const char *text, const GPtrArray *words, guint max_words)
{
    GArray *ws = read_words(text, words, max_words);
    GString *out = g_string_new(NULL);
    if (ws->len > 0) {
        guint from = best_start(ws, max_words), to = MIN(ws->len, from + max_words);
        gsize pos = g_array_index(ws, word, from).start;
        if (from > 0)
            g_string_append(out, "… ");
        for (guint i = from; i < to; i++) {
            const word *w = &g_array_index(ws, word, i);
            if (w->start > pos) {
                char *gap = g_strndup(text + pos, w->start - pos);
                g_strdelimit(gap, "\n\t\r\f", ' ');
                append_escaped(out, gap, strlen(gap));
                g_free(gap);
            }
            if (w->hit)
                g_string_append(out, "<mark>");
            append_escaped(out, text + w->start, w->end - w->start);
            if (w->hit)
                g_string_append(out, "</mark>");
            pos = w->end;
        }
        if (to < ws->len)
            g_string_append(out, " …");
    }
    g_array_unref(ws);
    char *squashed = text_squash_space(out->str);
    g_string_free(out, TRUE);
    return squashed;
}
