/* facet_count.c - exact facet counts over match sets (facet_count.h). */
#include "facet_count.h"
#include "facet.h"
#include "schema.h"

#include <string.h>

struct facet_counter {
    facet_tally *tally;
    xap_docid_spy *dspy;
    xap_spy *spies[FACET_COUNT];
};

facet_columns *facet_count_columns(const searcher *s, verr *err)
{
    unsigned long long revision;
    /* Shards count with Xapian's own spies (in their servers when remote):
     * through several databases, Xapian 1.4 hands a spy each document's
     * id within its shard, which no column of the whole index is indexed by */
    if (!searcher_revision(s, &revision) || index_reader_shards(searcher_reader(s)) > 0)
        return NULL;
    size_t n;
    const facet_def *const *facets = facet_counted(&n);
    xap_slot slots[FACET_COUNT];
    for (size_t i = 0; i < n; i++)
        slots[i] = facets[i]->slot;
    return facet_columns_get(searcher_db(s), searcher_uuid(s), revision, slots, n, err);
}

facet_counter *facet_counter_attach(xap_enquire *enq, const facet_columns *cols, unsigned want,
                                    verr *err)
{
    facet_counter *fc = g_new0(facet_counter, 1);
    size_t n;
    const facet_def *const *facets = facet_counted(&n);
    if (cols != NULL) {
        fc->tally = facet_tally_new(cols);
        fc->dspy = xap_docid_spy_new(facet_tally_add, fc->tally, err);
        if (fc->dspy == NULL || xap_enquire_add_docid_spy(enq, fc->dspy, err) != 0)
            goto failed;
        return fc;
    }
    for (size_t i = 0; i < n; i++)
        if ((want & (1u << i)) != 0 &&
            ((fc->spies[i] = xap_spy_new(facets[i]->slot, err)) == NULL ||
             xap_enquire_add_spy(enq, fc->spies[i], err) != 0))
            goto failed;
    return fc;
failed:
    facet_counter_free(fc);
    return NULL;
}

void facet_counter_free(facet_counter *fc)
{
    if (fc == NULL)
        return;
    xap_docid_spy_free(fc->dspy);
    facet_tally_free(fc->tally);
    for (size_t i = 0; i < FACET_COUNT; i++)
        xap_spy_free(fc->spies[i]);
    g_free(fc);
}

/* One facet being counted. */
typedef struct {
    const facet_def *def;
    GHashTable *counts;
} facet_count;

static void add_to(GHashTable *counts, char *key, unsigned freq)
{
    guint old = GPOINTER_TO_UINT(g_hash_table_lookup(counts, key));
    g_hash_table_replace(counts, key, GUINT_TO_POINTER(old + freq));
}

/* A slot value: a single id, or a set of ids each counted freq times. */
static int add_count(const char *value, size_t len, unsigned freq, void *ud)
{
    facet_count *fc = ud;
    if (!fc->def->is_set) {
        add_to(fc->counts, g_strndup(value, len), freq);
        return 0;
    }
    const char *end = value + len;
    while (value < end) {
        const char *sep = memchr(value, FACET_SET_SEP, (size_t)(end - value));
        if (sep == NULL)
            sep = end;
        if (sep > value)
            add_to(fc->counts, g_strndup(value, (gsize)(sep - value)), freq);
        value = sep + 1;
    }
    return 0;
}

int facet_count_tally(const facet_tally *t, size_t i, GHashTable *counts)
{
    size_t n;
    facet_count one = { facet_counted(&n)[i], counts };
    return facet_tally_values(t, i, add_count, &one);
}

int facet_counter_values(const facet_counter *fc, size_t i, GHashTable *counts, verr *err)
{
    size_t n;
    facet_count one = { facet_counted(&n)[i], counts };
    if (fc->tally != NULL)
        return facet_count_tally(fc->tally, i, counts);
    return xap_spy_values(fc->spies[i], 0, add_count, &one, err);
}

int facet_count_alone(const xap_db *db, xap_query *q, const facet_columns *cols, size_t i,
                      GHashTable *counts, unsigned doccount, double seconds, verr *err)
{
    xap_enquire *enq = xap_enquire_new(db, err);
    xap_mset *ms = NULL;
    facet_counter *fc = NULL;
    int rc = -1;
    if (enq != NULL && xap_enquire_set_query(enq, q, err) == 0 &&
        xap_enquire_set_unweighted(enq, err) == 0 &&
        xap_enquire_set_time_limit(enq, seconds, err) == 0 &&
        (fc = facet_counter_attach(enq, cols, 1u << i, err)) != NULL &&
        xap_enquire_mset(enq, 0, 0, doccount, &ms, err) == 0)
        rc = facet_counter_values(fc, i, counts, err);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    facet_counter_free(fc);
    return rc;
}
