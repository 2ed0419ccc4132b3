/* passage.c - the passage a hit's snippet comes from (passage.h). */
#include "passage.h"
#include "docstore.h"
#include "text.h"
#include "textchunks.h"
#include "wordmatch.h"

#include <stdlib.h>
#include <string.h>

/* Index terms looked at per word: a short stem ("ca") begins thousands. */
#define TERMS_SCANNED_MAX 200
/* Words told apart in a passage's count of distinct words. */
#define WORDS_MAX 32

typedef struct {
    char *term;
    guint word;          /* which of the words it stands for */
} word_term;

struct passage_words {
    GArray *terms;       /* of word_term */
    guint32 typed;       /* the bits of the words typed (the others: expansions') */
    GPtrArray *marked;   /* of char * */
    wordmatch *from_text; /* passage_words_from_text: terms and words, with their bits */
};

typedef struct {
    const xap_stem *stem;
    const char *want;    /* the stem */
    passage_words *pw;
    guint word, scanned;
} term_scan;

static gboolean has_term(const passage_words *pw, const char *term)
{
    for (guint i = 0; i < pw->terms->len; i++)
        if (strcmp(g_array_index(pw->terms, word_term, i).term, term) == 0)
            return TRUE;
    return FALSE;
}

static void add_term(passage_words *pw, const char *term, guint word)
{
    if (*term == '\0' || has_term(pw, term))
        return;
    word_term t = { g_strdup(term), word };
    g_array_append_val(pw->terms, t);
    g_ptr_array_add(pw->marked, g_strdup(term));
}

/* xap_term_cb over the terms beginning with the stem: those of that stem. */
static int on_term(const char *term, size_t len, unsigned freq, void *ud)
{
    term_scan *ts = ud;
    (void)freq;
    if (++ts->scanned > TERMS_SCANNED_MAX)
        return 1;
    char *t = g_strndup(term, len), *stem = NULL;
    if (xap_stem_word(ts->stem, t, &stem, NULL) == 0 && stem != NULL &&
        strcmp(stem, ts->want) == 0)
        add_term(ts->pw, t, ts->word);
    free(stem);
    g_free(t);
    return 0;
}

passage_words *passage_words_new(const xap_db *db, const xap_stem *stem, const GPtrArray *words,
                                 guint n_typed)
{
    passage_words *pw = g_new0(passage_words, 1);
    for (guint i = 0; i < n_typed && i < WORDS_MAX; i++)
        pw->typed |= 1u << i;
    pw->terms = g_array_new(FALSE, FALSE, sizeof(word_term));
    pw->marked = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < words->len; i++) {
        const char *w = g_ptr_array_index(words, i);
        g_ptr_array_add(pw->marked, g_strdup(w));
        guint word = MIN(i, WORDS_MAX - 1);
        add_term(pw, w, word);
        char *s = NULL;
        if (xap_stem_word(stem, w, &s, NULL) == 0 && s != NULL && strlen(s) >= 2) {
            term_scan ts = { stem, s, pw, word, 0 };
            xap_db_allterms(db, s, on_term, &ts, NULL);
        }
        free(s);
    }
    return pw;
}

void passage_words_free(passage_words *pw)
{
    if (pw == NULL)
        return;
    for (guint i = 0; i < pw->terms->len; i++)
        g_free(g_array_index(pw->terms, word_term, i).term);
    g_array_unref(pw->terms);
    g_ptr_array_unref(pw->marked);
    wordmatch_free(pw->from_text);
    g_free(pw);
}

const GPtrArray *passage_words_marked(const passage_words *pw) { return pw->marked; }

void passage_words_from_text(passage_words *pw)
{
    if (pw->from_text != NULL)
        return;
    pw->from_text = wordmatch_new();
    for (guint i = 0; i < pw->terms->len; i++) {
        const word_term *wt = &g_array_index(pw->terms, word_term, i);
        char *form = g_strdup(wt->term); /* a folded index term: its singular */
        form[text_singular(form, strlen(form))] = '\0';
        wordmatch_add(pw->from_text, form, 1u << wt->word);
        g_free(form);
    }
}

/* Per passage: which words it has (bits) and how many occurrences. */
typedef struct {
    const guint32 *starts;
    guint n;
    guint32 *words;
    guint *hits;
    guint word;
} tally;

static int on_position(unsigned pos, void *ud)
{
    tally *t = ud;
    int k = text_chunks_of_position(t->starts, t->n, pos);
    if (k >= 0) {
        t->words[k] |= 1u << t->word;
        t->hits[k]++;
    }
    return 0;
}

/* Whether passage k of t beats passage best for pw: more of the words
 * typed, then more words, then more occurrences. */
static gboolean beats(const tally *t, const passage_words *pw, guint k, guint best)
{
    int typed = __builtin_popcount(t->words[k] & pw->typed) -
                __builtin_popcount(t->words[best] & pw->typed);
    int more = __builtin_popcount(t->words[k]) - __builtin_popcount(t->words[best]);
    return typed > 0 || (typed == 0 && (more > 0 || (more == 0 && t->hits[k] > t->hits[best])));
}

/* Tallies each of t's passages from the words' term positions in
 * document id: a posting lookup per term. */
static int tally_from_positions(const xap_db *db, xap_docid id, const passage_words *pw, tally *t,
                                verr *err)
{
    int rc = 0;
    for (guint i = 0; i < pw->terms->len && rc == 0; i++) {
        const word_term *wt = &g_array_index(pw->terms, word_term, i);
        t->word = wt->word;
        rc = xap_db_positions(db, id, wt->term, on_position, t, err);
    }
    return rc;
}

/* Tallies each of t's passages from its stored text in doc. */
static int tally_from_text(const xap_doc *doc, const passage_words *pw, tally *t, verr *err)
{
    for (guint k = 0; k < t->n; k++) {
        char *text = docstore_passage(doc, k, err);
        if (text == NULL)
            return -1;
        const char *p = text, *limit = text + strlen(text), *start;
        while (p < limit) {
            gboolean ascii;
            p = text_next_word(p, limit, &start, &ascii);
            if (p == start)
                break;
            guint32 bits = wordmatch_lookup(pw->from_text, start, (gsize)(p - start), ascii);
            if (bits != 0) {
                t->words[k] |= bits;
                t->hits[k]++;
            }
        }
        g_free(text);
    }
    return 0;
}

int passage_rank(const xap_db *db, xap_docid id, const xap_doc *doc, const passage_words *pw,
                 passage_choice *out, guint max, guint *found, gboolean *paged_out, verr *err)
{
    gboolean paged = FALSE;
    guint32 *starts = NULL;
    guint n = 0;
    *found = 0;
    if (docstore_passage_starts(doc, &paged, &starts, &n, err) != 0)
        return -1;
    if (paged_out != NULL)
        *paged_out = paged && n > 0;
    if (n == 0)
        return 0; /* no stored text */
    tally t = { starts, n, g_new0(guint32, n), g_new0(guint, n), 0 };
    int rc = pw->from_text != NULL ? tally_from_text(doc, pw, &t, err)
                                   : tally_from_positions(db, id, pw, &t, err);
    /* the max best, each the best of those left (max is small) */
    gboolean *taken = g_new0(gboolean, n);
    while (*found < max) {
        guint best = n;
        for (guint k = 0; k < n; k++)
            if (!taken[k] && t.hits[k] > 0 && (best == n || beats(&t, pw, k, best)))
                best = k;
        if (best == n)
            break;
        taken[best] = TRUE;
        out[(*found)++] = (passage_choice){ best, paged ? best + 1 : 0 };
    }
    g_free(taken);
    g_free(t.words);
    g_free(t.hits);
    g_free(starts);
    return rc;
}

int passage_choose(const xap_db *db, xap_docid id, const xap_doc *doc, const passage_words *pw,
                   passage_choice *out, verr *err)
{
    guint found = 0;
    gboolean paged = FALSE;
    int rc = passage_rank(db, id, doc, pw, out, 1, &found, &paged, err);
    if (rc == 0 && found == 0) /* none of the words: the first passage */
        *out = (passage_choice){ 0, paged ? 1 : 0 };
    return rc;
}
