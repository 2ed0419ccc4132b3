/* response_cache.h - the answers to recent searches, kept while the index
 * and the settings stay as they were.
 *
 * Exact facet counts cost a pass over the whole match set; a coordinator
 * paging back, the website's widget asking the same "latest on this theme"
 * for every visitor, or a feed reader polling an alert all repeat a search
 * whose answer cannot have changed.  The cache is a least-recently-used
 * map from a key to a response body, bounded in bytes and shared by the
 * daemon's threads (a mutex guards it).  Keys carry the index revision
 * and the settings generation (search_cache_key), so a commit or a reload
 * makes old entries unreachable: they are never served, only aged out.
 * Bodies are JSON objects whose last member is "took_ms" (searcher_run):
 * a hit restates it and adds "cached": true. */
#ifndef VEILLE_RESPONSE_CACHE_H
#define VEILLE_RESPONSE_CACHE_H

#include <glib.h>

typedef struct response_cache response_cache;

/* A cache holding at most max_bytes of keys and bodies; NULL (no cache)
 * when max_bytes is 0.  Free with response_cache_free. */
response_cache *response_cache_new(gsize max_bytes);
void response_cache_free(response_cache *c);

/* The body stored under key with "took_ms" set to took_ms and "cached":
 * true, or NULL on a miss (and when c is NULL).  Caller frees. */
char *response_cache_get(response_cache *c, const char *key, double took_ms);

/* Keeps a copy of body under key (a body larger than a quarter of the
 * cache is not kept), dropping the least recently used entries. */
void response_cache_put(response_cache *c, const char *key, const char *body);

/* Forgets everything (settings reloaded). */
void response_cache_clear(response_cache *c);

typedef struct {
    guint64 hits, misses;
    guint entries;
    gsize bytes, max_bytes;
} response_cache_stats;

void response_cache_get_stats(response_cache *c, response_cache_stats *out);

#endif
