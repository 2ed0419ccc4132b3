/* missing_words.c - which of the words typed each hit of a page lacks (missing_words.h). */
#include "missing_words.h"
#include "record.h"
#include "snippet.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Words told apart: their powers of two stay exact in a double's weight. */
#define WORDS_MAX 30

/* "Z" + the stem of word (the word itself if it cannot be stemmed). */
static char *stem_term(const xap_stem *stem, const char *word)
{
    char *s = NULL;
    xap_stem_word(stem, word, &s, NULL);
    char *term = g_strconcat("Z", s != NULL ? s : word, NULL);
    free(s);
    return term;
}

/* The query of word: the synonym of its stem's and its singular's terms. */
static xap_query *word_query(const xap_stem *stem, const char *typed, verr *err)
{
    char *f = text_fold(typed, -1);
    char *terms[2] = { stem_term(stem, f), NULL };
    text_singular(f, strlen(f));
    terms[1] = stem_term(stem, f);
    xap_query *subs[2] = { xap_query_term(terms[0], 1, err), NULL };
    size_t n = 1;
    if (subs[0] != NULL && strcmp(terms[0], terms[1]) != 0)
        n = (subs[1] = xap_query_term(terms[1], 1, err)) != NULL ? 2 : 0;
    xap_query *q = subs[0] != NULL && n > 0 ? xap_query_combine(XAP_OP_SYNONYM, subs, n, err) : NULL;
    for (size_t i = 0; i < 2; i++) {
        xap_query_free(subs[i]);
        g_free(terms[i]);
    }
    g_free(f);
    return q;
}

/* The query of the page: which of words (each 2^w) its documents hold. */
static xap_query *page_query(const xap_stem *stem, const GPtrArray *words,
                             const char *const *record_ids, guint n, verr *err)
{
    GPtrArray *any = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    GPtrArray *page = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    xap_query *q = NULL;
    int rc = 0;
    for (guint w = 0; w < words->len && w < WORDS_MAX && rc == 0; w++) {
        xap_query *one = word_query(stem, g_ptr_array_index(words, w), err);
        xap_query *scaled = one != NULL ? xap_query_scale(one, (double)(1u << w), err) : NULL;
        xap_query_free(one);
        if (scaled != NULL)
            g_ptr_array_add(any, scaled);
        else
            rc = -1;
    }
    for (guint i = 0; i < n && rc == 0; i++) {
        char term[DOC_ID_LEN + 2];
        record_id_term(record_ids[i], term);
        xap_query *t = xap_query_term(term, 1, err);
        if (t != NULL)
            g_ptr_array_add(page, t);
        else
            rc = -1;
    }
    xap_query *sides[2] = { NULL, NULL };
    if (rc == 0 && any->len > 0 && page->len > 0 &&
        (sides[0] = xap_query_combine(XAP_OP_OR, (xap_query *const *)any->pdata, any->len, err)) != NULL &&
        (sides[1] = xap_query_combine(XAP_OP_OR, (xap_query *const *)page->pdata, page->len, err)) != NULL)
        q = xap_query_combine(XAP_OP_FILTER, sides, 2, err);
    xap_query_free(sides[0]);
    xap_query_free(sides[1]);
    g_ptr_array_unref(any);
    g_ptr_array_unref(page);
    return q;
}

/* OUT held[i]: the bits of the words hit i holds, from q's match. */
static int match_page(const xap_db *db, const xap_query *q, const xap_docid *ids, guint n,
                      guint32 *held, verr *err)
{
    xap_enquire *enq = NULL;
    xap_mset *ms = NULL;
    int rc = -1;
    if ((enq = xap_enquire_new(db, err)) != NULL && xap_enquire_set_query(enq, q, err) == 0 &&
        /* twice the page: an id in two shards for a moment (a move between
         * commits) must not crowd out a hit */
        xap_enquire_set_coord(enq, err) == 0 &&
        xap_enquire_mset(enq, 0, 2 * n, 2 * n, &ms, err) == 0) {
        rc = 0;
        for (unsigned k = 0; k < xap_mset_size(ms) && rc == 0; k++) {
            xap_docid id;
            double weight;
            if ((rc = xap_mset_item(ms, k, &id, &weight, NULL, err)) != 0)
                break;
            for (guint i = 0; i < n; i++)
                if (ids[i] == id)
                    held[i] = (guint32)llround(weight);
        }
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

GPtrArray **missing_words_of_hits(const xap_db *db, const xap_stem *stem, const char *q,
                                  const xap_docid *ids, const char *const *record_ids, guint n,
                                  verr *err)
{
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *typed = snippet_query_words_typed(q != NULL ? q : "");
    for (guint i = 0; i < typed->len; i++) {
        char *f = text_fold(g_ptr_array_index(typed, i), -1);
        if (g_utf8_strlen(f, -1) > 1) /* not the "l" of "l'Ehpad" */
            g_ptr_array_add(words, g_strdup(g_ptr_array_index(typed, i)));
        g_free(f);
    }
    g_ptr_array_unref(typed);
    guint32 *held = g_new0(guint32, n + 1);
    xap_query *page = n > 0 && words->len > 0 ? page_query(stem, words, record_ids, n, err) : NULL;
    int rc = n > 0 && words->len > 0 ? (page != NULL ? match_page(db, page, ids, n, held, err) : -1) : 0;
    xap_query_free(page);
    GPtrArray **missing = NULL;
    if (rc == 0) {
        missing = g_new0(GPtrArray *, n + 1);
        for (guint i = 0; i < n; i++) {
            missing[i] = g_ptr_array_new_with_free_func(g_free);
            for (guint w = 0; w < words->len && w < WORDS_MAX; w++)
                if ((held[i] >> w & 1u) == 0)
                    g_ptr_array_add(missing[i], g_strdup(g_ptr_array_index(words, w)));
        }
    }
    g_free(held);
    g_ptr_array_unref(words);
    return missing;
}
