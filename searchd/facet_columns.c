/* facet_columns.c - facet values in memory, counted per match set
 * (facet_columns.h). */
#include "facet_columns.h"

#include <string.h>

typedef struct {
    guint32 *ids;          /* document id -> value number, 0: no value */
    GPtrArray *values;     /* value number -> GBytes *; [0] is NULL */
} column;

struct facet_columns {
    gint refs;
    char *key;
    unsigned long long revision;
    xap_slot *slots;
    size_t n;
    xap_docid last;        /* highest document id of the revision */
    column *cols;
};

struct facet_tally {
    const facet_columns *fc;
    guint32 **counts;      /* [column][value number] */
};

/* The columns last loaded, handed to every thread at that revision. */
static GMutex kept_lock;
static facet_columns *kept;

void facet_columns_unref(facet_columns *fc)
{
    if (fc == NULL || !g_atomic_int_dec_and_test(&fc->refs))
        return;
    for (size_t i = 0; i < fc->n; i++) {
        g_free(fc->cols[i].ids);
        if (fc->cols[i].values != NULL)
            g_ptr_array_unref(fc->cols[i].values);
    }
    g_free(fc->cols);
    g_free(fc->slots);
    g_free(fc->key);
    g_free(fc);
}

typedef struct {
    column *col;
    GHashTable *numbers;   /* GBytes * (borrowed from values) -> number */
    xap_docid last;
} load_ctx;

static int on_value(xap_docid id, const char *value, size_t len, void *ud)
{
    load_ctx *c = ud;
    if (id > c->last || len == 0)
        return 0;
    GBytes *key = g_bytes_new(value, len);
    gpointer number = g_hash_table_lookup(c->numbers, key);
    if (number == NULL) {
        g_ptr_array_add(c->col->values, key);
        number = GUINT_TO_POINTER(c->col->values->len - 1);
        g_hash_table_insert(c->numbers, key, number);
    } else {
        g_bytes_unref(key);
    }
    c->col->ids[id] = GPOINTER_TO_UINT(number);
    return 0;
}

static facet_columns *load(const xap_db *db, const char *key, unsigned long long revision,
                           const xap_slot *slots, size_t n, verr *err)
{
    facet_columns *fc = g_new0(facet_columns, 1);
    fc->refs = 1;
    fc->key = g_strdup(key);
    fc->revision = revision;
    fc->slots = g_memdup2(slots, n * sizeof *slots);
    fc->n = n;
    fc->cols = g_new0(column, n);
    if (xap_db_lastdocid(db, &fc->last, err) != 0)
        goto failed;
    for (size_t i = 0; i < n; i++) {
        column *col = &fc->cols[i];
        col->ids = g_new0(guint32, (gsize)fc->last + 1);
        col->values = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
        g_ptr_array_add(col->values, NULL);
        load_ctx c = { col, g_hash_table_new(g_bytes_hash, g_bytes_equal), fc->last };
        int rc = xap_db_values(db, slots[i], on_value, &c, err);
        g_hash_table_unref(c.numbers);
        if (rc != 0)
            goto failed;
    }
    return fc;
failed:
    facet_columns_unref(fc);
    return NULL;
}

static gboolean same(const facet_columns *fc, const char *key, unsigned long long revision,
                     const xap_slot *slots, size_t n)
{
    return fc != NULL && fc->revision == revision && fc->n == n &&
           strcmp(fc->key, key) == 0 && memcmp(fc->slots, slots, n * sizeof *slots) == 0;
}

facet_columns *facet_columns_get(const xap_db *db, const char *key, unsigned long long revision,
                                 const xap_slot *slots, size_t n, verr *err)
{
    facet_columns *fc;
    g_mutex_lock(&kept_lock); /* held while loading: one load per revision */
    if (same(kept, key, revision, slots, n)) {
        fc = kept;
        g_atomic_int_inc(&fc->refs);
    } else if ((fc = load(db, key, revision, slots, n, err)) != NULL &&
               (kept == NULL || strcmp(kept->key, key) != 0 || kept->revision < revision)) {
        facet_columns_unref(kept); /* threads still counting with it keep theirs */
        g_atomic_int_inc(&fc->refs);
        kept = fc;
    }
    g_mutex_unlock(&kept_lock);
    return fc;
}

facet_tally *facet_tally_new(const facet_columns *fc)
{
    facet_tally *t = g_new0(facet_tally, 1);
    t->fc = fc;
    t->counts = g_new0(guint32 *, fc->n);
    for (size_t i = 0; i < fc->n; i++)
        t->counts[i] = g_new0(guint32, fc->cols[i].values->len);
    return t;
}

void facet_tally_free(facet_tally *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->fc->n; i++)
        g_free(t->counts[i]);
    g_free(t->counts);
    g_free(t);
}

int facet_tally_add(xap_docid id, void *ud)
{
    facet_tally *t = ud;
    const facet_columns *fc = t->fc;
    if (id > fc->last)
        return 0;
    for (size_t i = 0; i < fc->n; i++)
        t->counts[i][fc->cols[i].ids[id]]++;
    return 0;
}

void facet_tally_add_bits(facet_tally *t, const guint64 *bits, gsize nwords, int i)
{
    const facet_columns *fc = t->fc;
    gsize words = MIN(nwords, (gsize)fc->last / 64 + 1);
    size_t from = i < 0 ? 0 : (size_t)i, to = i < 0 ? fc->n : (size_t)i + 1;
    for (gsize w = 0; w < words; w++) {
        for (guint64 b = bits[w]; b != 0; b &= b - 1) {
            xap_docid id = (xap_docid)(w * 64 + (gsize)__builtin_ctzll(b));
            if (id > fc->last)
                return;
            for (size_t c = from; c < to; c++)
                t->counts[c][fc->cols[c].ids[id]]++;
        }
    }
}

int facet_tally_values(const facet_tally *t, size_t i, xap_term_cb cb, void *ud)
{
    const column *col = &t->fc->cols[i];
    for (guint v = 1; v < col->values->len; v++) {
        if (t->counts[i][v] == 0)
            continue;
        gsize len = 0;
        const char *value = g_bytes_get_data(g_ptr_array_index(col->values, v), &len);
        int rc = cb(value, len, t->counts[i][v], ud);
        if (rc != 0)
            return rc;
    }
    return 0;
}
