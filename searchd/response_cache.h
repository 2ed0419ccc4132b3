/* response_cache.h - the results of recent searches, kept while the index
 * and the settings stay as they were.
 *
 * Exact facet counts cost a pass over the whole match set; a coordinator
 * paging back, the website's widget asking the same "latest on this theme"
 * for every visitor, or a feed reader polling an alert all repeat a search
 * whose answer cannot have changed.  The cache is a least-recently-used
 * map from a key to an answer, bounded in bytes and shared by the daemon's
 * threads (a mutex guards it).  An answer is the search's result
 * (search_result.h, immutable, shared by reference), from which a feed is
 * rendered, and its JSON rendered once without "took_ms", which a JSON
 * hit completes with its own time and "cached": true (render_json_timed):
 * rendering a result's JSON again costs a hundred times more than that
 * (see the README's answer cache).  Keys carry
 * the index revision and the settings generation (search_cache_key), so a
 * commit or a reload makes old entries unreachable: they are never served,
 * only aged out. */
#ifndef VEILLE_RESPONSE_CACHE_H
#define VEILLE_RESPONSE_CACHE_H

#include <glib.h>
#include "search_result.h"

typedef struct response_cache response_cache;

/* A cache holding at most max_bytes of keys and results; NULL (no cache)
 * when max_bytes is 0.  Free with response_cache_free. */
response_cache *response_cache_new(gsize max_bytes);
void response_cache_free(response_cache *c);

/* The result stored under key, referenced (caller unrefs), or NULL on a
 * miss (and when c is NULL).  OUT *json: its JSON without "took_ms", a
 * GRefString the caller releases (g_ref_string_release). */
search_result *response_cache_get(response_cache *c, const char *key, char **json);

/* Keeps r (a reference) and a copy of json, its JSON without "took_ms"
 * (render_json_search), under key (an answer larger than a quarter of
 * the cache is not kept), dropping the least recently used entries. */
void response_cache_put(response_cache *c, const char *key, search_result *r, const char *json);

/* Forgets everything (settings reloaded). */
void response_cache_clear(response_cache *c);

typedef struct {
    guint64 hits, misses;
    guint entries;
    gsize bytes, max_bytes;
} response_cache_stats;

void response_cache_get_stats(response_cache *c, response_cache_stats *out);

#endif
