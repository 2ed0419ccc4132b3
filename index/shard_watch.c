/* shard_watch.c - which replicas of the index's shards answer, watched in the background (shard_watch.h). */
#include "shard_watch.h"

#include <stdio.h>

typedef struct {
    shard_place place;     /* copied */
    unsigned timeout_ms, connect_timeout_ms, retry_s;
    gboolean answers;
    gint64 next_try;       /* monotonic µs, while not answering */
} watched;

static GMutex lock;
static GCond wake;
static GHashTable *places;  /* shard_place_describe -> watched, under lock */
static GThread *thread;

static void watched_free(gpointer p)
{
    watched *w = p;
    g_free(w->place.path);
    g_free(w->place.host);
    g_free(w);
}

/* Tries w's place once, without the lock: whether it answers. */
static gboolean try_place(const watched *w)
{
    verr e;
    verr_clear(&e);
    xap_db *db = shard_place_open_with(&w->place, w->timeout_ms, w->connect_timeout_ms, &e);
    xap_db_free(db);
    return db != NULL;
}

static gpointer watch_loop(gpointer unused)
{
    (void)unused;
    g_mutex_lock(&lock);
    for (;;) {
        gint64 now = g_get_monotonic_time(), next = G_MAXINT64;
        watched *due = NULL;
        GHashTableIter it;
        gpointer value;
        g_hash_table_iter_init(&it, places);
        while (g_hash_table_iter_next(&it, NULL, &value)) {
            watched *w = value;
            if (w->answers)
                continue;
            if (w->next_try <= now && due == NULL)
                due = w;
            else
                next = MIN(next, w->next_try);
        }
        if (due == NULL) {
            if (next == G_MAXINT64)
                g_cond_wait(&wake, &lock);
            else
                g_cond_wait_until(&wake, &lock, next);
            continue;
        }
        /* tried on a copy, outside the lock: readers never wait on it */
        watched copy = *due;
        copy.place.path = g_strdup(due->place.path);
        copy.place.host = g_strdup(due->place.host);
        char *key = shard_place_describe(&copy.place);
        gint64 scheduled = due->next_try = now + (gint64)copy.retry_s * G_USEC_PER_SEC;
        g_mutex_unlock(&lock);
        gboolean answers = try_place(&copy);
        g_mutex_lock(&lock);
        watched *w = g_hash_table_lookup(places, key); /* entries are never removed */
        if (answers && w != NULL && !w->answers && w->next_try == scheduled) {
            w->answers = TRUE;
            fprintf(stderr, "index: replica %s answers again\n", key);
        }
        g_free(key);
        g_free(copy.place.path);
        g_free(copy.place.host);
    }
    return NULL;
}

void shard_watch_add(const shard_layout *l, const shard_place *place)
{
    char *key = shard_place_describe(place);
    g_mutex_lock(&lock);
    if (places == NULL)
        places = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, watched_free);
    watched *w = g_hash_table_lookup(places, key);
    if (w == NULL) {
        w = g_new0(watched, 1);
        w->place.path = g_strdup(place->path);
        w->place.host = g_strdup(place->host);
        w->place.port = place->port;
        g_hash_table_insert(places, key, w);
        key = NULL;
    }
    w->timeout_ms = shard_layout_timeout_ms(l);
    w->connect_timeout_ms = shard_layout_connect_timeout_ms(l);
    w->retry_s = MAX(shard_layout_retry_s(l), 1u);
    if (w->answers || w->next_try == 0) { /* new, or lost again: from retry_s on */
        w->answers = FALSE;
        w->next_try = g_get_monotonic_time() + (gint64)w->retry_s * G_USEC_PER_SEC;
    }
    if (thread == NULL)
        thread = g_thread_new("shard-watch", watch_loop, NULL);
    g_cond_signal(&wake);
    g_mutex_unlock(&lock);
    g_free(key);
}

/* OUT *watched: whether place is watched; returns whether it answered. */
static gboolean look_up(const shard_place *place, gboolean *is_watched)
{
    char *key = shard_place_describe(place);
    g_mutex_lock(&lock);
    const watched *w = places != NULL ? g_hash_table_lookup(places, key) : NULL;
    gboolean answers = w != NULL && w->answers;
    *is_watched = w != NULL;
    g_mutex_unlock(&lock);
    g_free(key);
    return answers;
}

gboolean shard_watch_answers(const shard_place *place)
{
    gboolean is_watched;
    return look_up(place, &is_watched);
}

gboolean shard_watch_down(const shard_place *place)
{
    gboolean is_watched;
    return !look_up(place, &is_watched) && is_watched;
}
