/* response_cache.c - LRU of search results and their JSON (response_cache.h). */
#include "response_cache.h"

#include <string.h>

typedef struct {
    char *key;
    search_result *result; /* a reference */
    char *json;            /* GRefString: the result's JSON without "took_ms" */
    gsize size;            /* bytes charged to the cache */
} entry;

struct response_cache {
    GMutex lock;
    GHashTable *by_key;    /* key (owned by the entry) -> GList link in lru */
    GQueue lru;            /* of entry *, most recently used first */
    gsize bytes, max_bytes;
    guint64 hits, misses;
};

static void entry_free(entry *e)
{
    g_free(e->key);
    search_result_unref(e->result);
    g_ref_string_release(e->json);
    g_free(e);
}

response_cache *response_cache_new(gsize max_bytes)
{
    if (max_bytes == 0)
        return NULL;
    response_cache *c = g_new0(response_cache, 1);
    g_mutex_init(&c->lock);
    c->by_key = g_hash_table_new(g_str_hash, g_str_equal);
    g_queue_init(&c->lru);
    c->max_bytes = max_bytes;
    return c;
}

static void drop(response_cache *c, GList *link)
{
    entry *e = link->data;
    g_hash_table_remove(c->by_key, e->key);
    g_queue_delete_link(&c->lru, link);
    c->bytes -= e->size;
    entry_free(e);
}

void response_cache_clear(response_cache *c)
{
    if (c == NULL)
        return;
    g_mutex_lock(&c->lock);
    while (c->lru.tail != NULL)
        drop(c, c->lru.tail);
    g_mutex_unlock(&c->lock);
}

void response_cache_free(response_cache *c)
{
    if (c == NULL)
        return;
    response_cache_clear(c);
    g_hash_table_unref(c->by_key);
    g_mutex_clear(&c->lock);
    g_free(c);
}

search_result *response_cache_get(response_cache *c, const char *key, char **json)
{
    if (c == NULL)
        return NULL;
    search_result *out = NULL;
    g_mutex_lock(&c->lock);
    GList *link = g_hash_table_lookup(c->by_key, key);
    if (link != NULL) {
        g_queue_unlink(&c->lru, link);
        g_queue_push_head_link(&c->lru, link);
        entry *e = link->data;
        out = search_result_ref(e->result);
        *json = g_ref_string_acquire(e->json);
        c->hits++;
    } else {
        c->misses++;
    }
    g_mutex_unlock(&c->lock);
    return out;
}

void response_cache_put(response_cache *c, const char *key, search_result *r, const char *json)
{
    if (c == NULL)
        return;
    gsize size = sizeof(entry) + strlen(key) + 1 + search_result_size(r) + strlen(json) + 1 +
                 64; /* 64: hash and list */
    if (size > c->max_bytes / 4)
        return;
    entry *e = g_new(entry, 1);
    e->key = g_strdup(key);
    e->result = search_result_ref(r);
    e->json = g_ref_string_new(json);
    e->size = size;
    g_mutex_lock(&c->lock);
    GList *old = g_hash_table_lookup(c->by_key, key);
    if (old != NULL)
        drop(c, old);
    g_queue_push_head(&c->lru, e);
    g_hash_table_insert(c->by_key, e->key, c->lru.head);
    c->bytes += size;
    while (c->bytes > c->max_bytes && c->lru.tail != NULL)
        drop(c, c->lru.tail);
    g_mutex_unlock(&c->lock);
}

void response_cache_get_stats(response_cache *c, response_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (c == NULL)
        return;
    g_mutex_lock(&c->lock);
    out->hits = c->hits;
    out->misses = c->misses;
    out->entries = c->lru.length;
    out->bytes = c->bytes;
    out->max_bytes = c->max_bytes;
    g_mutex_unlock(&c->lock);
}
