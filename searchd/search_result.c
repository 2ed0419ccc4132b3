/* search_result.c - a search's result (search_result.h). */
#include "search_result.h"
#include "text.h"

#include <string.h>

static void hit_free(gpointer p)
{
    search_hit *h = p;
    docmeta_free(h->doc);
    g_free(h->snippet);
    if (h->missing != NULL)
        g_ptr_array_unref(h->missing);
    g_free(h);
}

static void expansion_free(gpointer p)
{
    search_expansion *e = p;
    g_free(e->matched);
    g_free(e->concept);
    g_free(e->label);
    g_ptr_array_unref(e->also_searched);
    g_free(e);
}

static void facet_value_free(gpointer p)
{
    search_facet_value *v = p;
    g_free(v->value);
    g_free(v->label);
    g_free(v);
}

static void facet_free(gpointer p)
{
    search_facet *f = p;
    g_ptr_array_unref(f->values);
    g_free(f);
}

search_result *search_result_new(void)
{
    search_result *r = g_new0(search_result, 1);
    r->refs = 1;
    r->expansions = g_ptr_array_new_with_free_func(expansion_free);
    r->hits = g_ptr_array_new_with_free_func(hit_free);
    r->facets = g_ptr_array_new_with_free_func(facet_free);
    return r;
}

search_result *search_result_ref(search_result *r)
{
    g_atomic_int_inc(&r->refs);
    return r;
}

void search_result_unref(search_result *r)
{
    if (r == NULL || !g_atomic_int_dec_and_test(&r->refs))
        return;
    g_free(r->query);
    g_free(r->did_you_mean);
    g_free(r->searched_instead);
    g_ptr_array_unref(r->expansions);
    g_ptr_array_unref(r->hits);
    g_ptr_array_unref(r->facets);
    if (r->missing_shards != NULL)
        g_array_unref(r->missing_shards);
    g_free(r);
}

static gsize str_size(const char *s)
{
    return s != NULL ? strlen(s) + 1 + 16 : 0; /* 16: the allocator's share */
}

static gsize strings_size(const GPtrArray *a)
{
    gsize n = sizeof(GPtrArray) + a->len * sizeof(gpointer);
    for (guint i = 0; i < a->len; i++)
        n += str_size(g_ptr_array_index(a, i));
    return n;
}

static gsize doc_size(const docmeta *m)
{
    const char *const fields[] = { m->id, m->path, m->mime, m->charset, m->title,
                                   m->title_source, m->organisation, m->subject, m->keywords, m->summary,
                                   m->date, m->doctype, m->source_url, m->lang, m->sha256 };
    gsize n = sizeof *m + strings_size(m->authors) + strings_size(m->themes) +
              strings_size(m->regions) + strings_size(m->manual);
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        n += str_size(fields[i]);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        n += sizeof *t + str_size(t->facet) + str_size(t->id) + str_size(t->label) +
             str_size(t->source) + str_size(t->evidence);
    }
    return n;
}

gsize search_result_size(const search_result *r)
{
    gsize n = sizeof *r + str_size(r->query) + str_size(r->did_you_mean) +
              str_size(r->searched_instead);
    for (guint i = 0; i < r->hits->len; i++) {
        const search_hit *h = g_ptr_array_index(r->hits, i);
        n += sizeof *h + doc_size(h->doc) + str_size(h->snippet) +
             (h->missing != NULL ? strings_size(h->missing) : 0);
    }
    for (guint i = 0; i < r->expansions->len; i++) {
        const search_expansion *e = g_ptr_array_index(r->expansions, i);
        n += sizeof *e + str_size(e->matched) + str_size(e->concept) + str_size(e->label) +
             strings_size(e->also_searched);
    }
    for (guint f = 0; f < r->facets->len; f++) {
        const search_facet *facet = g_ptr_array_index(r->facets, f);
        for (guint i = 0; i < facet->values->len; i++) {
            const search_facet_value *v = g_ptr_array_index(facet->values, i);
            n += sizeof *v + str_size(v->value) + str_size(v->label);
        }
    }
    return n;
}

void search_result_add_hit(search_result *r, docmeta *doc, char *snippet, guint page,
                           double score, GPtrArray *missing)
{
    search_hit *h = g_new0(search_hit, 1);
    h->score = score;
    h->doc = doc;
    h->snippet = snippet;
    h->page = page;
    h->missing = missing;
    g_ptr_array_add(r->hits, h);
}

void search_result_add_expansion(search_result *r, const char *matched, const char *concept,
                                 const char *label, const char *kind,
                                 const GPtrArray *also_searched)
{
    search_expansion *e = g_new0(search_expansion, 1);
    e->matched = g_strdup(matched);
    e->concept = g_strdup(concept);
    e->label = g_strdup(label);
    e->kind = kind;
    e->also_searched = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < also_searched->len; i++)
        g_ptr_array_add(e->also_searched, g_strdup(g_ptr_array_index(also_searched, i)));
    g_ptr_array_add(r->expansions, e);
}

static int by_count(gconstpointer a, gconstpointer b, gpointer ud)
{
    GHashTable *counts = ud;
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    guint cx = GPOINTER_TO_UINT(g_hash_table_lookup(counts, x));
    guint cy = GPOINTER_TO_UINT(g_hash_table_lookup(counts, y));
    return cx != cy ? (cx < cy ? 1 : -1) : strcmp(x, y);
}

void search_result_add_facet(search_result *r, const char *name, GHashTable *counts,
                             gboolean by_value, search_label_fn label_of, void *ud)
{
    GPtrArray *keys = g_ptr_array_new();
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, counts);
    while (g_hash_table_iter_next(&it, &key, NULL))
        g_ptr_array_add(keys, key);
    if (by_value)
        g_ptr_array_sort(keys, text_compare_ptrs);
    else
        g_ptr_array_sort_with_data(keys, by_count, counts);
    search_facet *f = g_new0(search_facet, 1);
    f->name = name;
    f->values = g_ptr_array_new_full(keys->len, facet_value_free);
    for (guint i = 0; i < keys->len; i++) {
        const char *k = g_ptr_array_index(keys, i);
        search_facet_value *v = g_new0(search_facet_value, 1);
        v->value = g_strdup(k);
        v->label = g_strdup(label_of != NULL ? label_of(k, ud) : k);
        v->count = GPOINTER_TO_UINT(g_hash_table_lookup(counts, k));
        g_ptr_array_add(f->values, v);
    }
    g_ptr_array_unref(keys);
    g_ptr_array_add(r->facets, f);
}
