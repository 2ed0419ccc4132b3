/* match_count.c - exact counts from posting-list bitsets (match_count.h). */
#include "match_count.h"
#include "facet.h"
#include "facet_count.h"

#include <string.h>

/* A match set: bit d of word d >> 6 for document d. */
typedef struct {
    guint64 *w;
    gsize n;
} bits;

static void bits_and(bits *out, const bits *a)
{
    for (gsize i = 0; i < out->n; i++)
        out->w[i] &= a->w[i];
}

static unsigned bits_count(const bits *b)
{
    unsigned n = 0;
    for (gsize i = 0; i < b->n; i++)
        n += (unsigned)__builtin_popcountll(b->w[i]);
    return n;
}

/* q's documents into a new set of n words (q NULL: every bit set).
 * 1, 0 (q cannot be evaluated so: *out NULL) or -1 with err. */
static int eval(const xap_db *db, const xap_query *q, gsize n, gint64 deadline_us, bits *out,
                verr *err)
{
    out->n = n;
    out->w = g_new0(guint64, n);
    if (q == NULL) {
        memset(out->w, 0xff, n * sizeof *out->w);
        return 1;
    }
    int rc = xap_query_docset(db, q, out->w, n, deadline_us, err);
    if (rc != 0) {
        g_free(out->w);
        out->w = NULL;
    }
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

int match_count(const xap_db *db, const facet_columns *cols, const xap_query *base,
                xap_query *const *filters, size_t nf, const xap_query *fixed,
                double seconds, unsigned *total, GHashTable *const *counts, verr *err)
{
    gint64 deadline_us = seconds > 0 ? g_get_monotonic_time() + (gint64)(seconds * 1e6) : 0;
    xap_docid last = 0;
    if (xap_db_lastdocid(db, &last, err) != 0)
        return -1;
    gsize n = (gsize)last / 64 + 1;
    bits text = { 0 }, filter[FACET_COUNT] = { { 0 } }, all = { 0 };
    int rc = eval(db, base, n, deadline_us, &text, err);
    if (rc == 1 && fixed != NULL) {
        bits f = { 0 };
        if ((rc = eval(db, fixed, n, deadline_us, &f, err)) == 1)
            bits_and(&text, &f);
        g_free(f.w);
    }
    for (size_t f = 0; f < nf && rc == 1; f++)
        if (filters[f] != NULL)
            rc = eval(db, filters[f], n, deadline_us, &filter[f], err);
    if (rc == 1) {
        /* everything: the total and the facets without a filter */
        all.n = n;
        all.w = g_memdup2(text.w, n * sizeof *text.w);
        for (size_t f = 0; f < nf; f++)
            if (filter[f].w != NULL)
                bits_and(&all, &filter[f]);
        *total = bits_count(&all);
        facet_tally *t = facet_tally_new(cols);
        facet_tally_add_bits(t, all.w, n, -1);
        for (size_t f = 0; f < nf && rc == 1; f++) {
            if (filter[f].w == NULL) {
                if (facet_count_tally(t, f, counts[f]) != 0)
                    rc = -1;
                continue;
            }
            /* a filtered facet: over the others' filters, not its own */
            facet_tally *alone = facet_tally_new(cols);
            memcpy(all.w, text.w, n * sizeof *text.w);
            for (size_t g = 0; g < nf; g++)
                if (g != f && filter[g].w != NULL)
                    bits_and(&all, &filter[g]);
            facet_tally_add_bits(alone, all.w, n, (int)f);
            if (facet_count_tally(alone, f, counts[f]) != 0)
                rc = -1;
            facet_tally_free(alone);
        }
        facet_tally_free(t);
        if (rc == -1)
            verr_set(err, VERR_INTERNAL, "facet", "comptage des facettes impossible");
    }
    g_free(all.w);
    g_free(text.w);
    for (size_t f = 0; f < nf; f++)
        g_free(filter[f].w);
    return rc;
}
