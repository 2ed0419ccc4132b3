/* metrics.c - Prometheus counters (metrics.h). */
#include "metrics.h"

#include <string.h>

static const double buckets[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 };
#define N_BUCKETS G_N_ELEMENTS(buckets)

typedef struct {
    char *route;
    unsigned status;
    guint64 count;
} counter;

static GMutex lock;
static GPtrArray *counters;                 /* of counter *, guarded by lock */
static guint64 bucket_counts[N_BUCKETS + 1]; /* last: +Inf */
static double latency_sum;
static guint64 latency_count;
static gint64 last_reopen_us;                /* real time, guarded by lock */

void metrics_reopened(void)
{
    g_mutex_lock(&lock);
    last_reopen_us = g_get_real_time();
    g_mutex_unlock(&lock);
}

void metrics_record(const char *route, unsigned status, double seconds)
{
    g_mutex_lock(&lock);
    if (counters == NULL)
        counters = g_ptr_array_new();
    counter *found = NULL;
    for (guint i = 0; i < counters->len && found == NULL; i++) {
        counter *c = g_ptr_array_index(counters, i);
        if (c->status == status && strcmp(c->route, route) == 0)
            found = c;
    }
    if (found == NULL) {
        found = g_new0(counter, 1);
        found->route = g_strdup(route);
        found->status = status;
        g_ptr_array_add(counters, found);
    }
    found->count++;
    for (size_t b = 0; b <= N_BUCKETS; b++)
        if (b == N_BUCKETS || seconds <= buckets[b])
            bucket_counts[b]++;
    latency_sum += seconds;
    latency_count++;
    g_mutex_unlock(&lock);
}

char *metrics_render(unsigned documents, const response_cache_stats *cache)
{
    GString *out = g_string_new(NULL);
    g_mutex_lock(&lock);
    g_string_append(out, "# HELP veille_requests_total HTTP requests by route and status.\n"
                         "# TYPE veille_requests_total counter\n");
    for (guint i = 0; counters != NULL && i < counters->len; i++) {
        const counter *c = g_ptr_array_index(counters, i);
        g_string_append_printf(out, "veille_requests_total{route=\"%s\",status=\"%u\"} %" G_GUINT64_FORMAT "\n",
                               c->route, c->status, c->count);
    }
    g_string_append(out, "# HELP veille_request_duration_seconds Time to answer a request.\n"
                         "# TYPE veille_request_duration_seconds histogram\n");
    for (size_t b = 0; b < N_BUCKETS; b++)
        g_string_append_printf(out, "veille_request_duration_seconds_bucket{le=\"%g\"} %" G_GUINT64_FORMAT "\n",
                               buckets[b], bucket_counts[b]);
    g_string_append_printf(out, "veille_request_duration_seconds_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n"
                           "veille_request_duration_seconds_sum %g\n"
                           "veille_request_duration_seconds_count %" G_GUINT64_FORMAT "\n",
                           bucket_counts[N_BUCKETS], latency_sum, latency_count);
    g_string_append_printf(out, "# HELP veille_last_reopen_timestamp_seconds When a worker last "
                                "picked up a new index revision (0: not since start).\n"
                                "# TYPE veille_last_reopen_timestamp_seconds gauge\n"
                                "veille_last_reopen_timestamp_seconds %.3f\n",
                           (double)last_reopen_us / G_USEC_PER_SEC);
    g_mutex_unlock(&lock);
    g_string_append_printf(out, "# HELP veille_documents Documents in the index.\n"
                                "# TYPE veille_documents gauge\nveille_documents %u\n", documents);
    g_string_append_printf(out, "# HELP veille_search_cache_lookups_total Searches looked up in "
                                "the answer cache, by result.\n"
                                "# TYPE veille_search_cache_lookups_total counter\n"
                                "veille_search_cache_lookups_total{result=\"hit\"} %" G_GUINT64_FORMAT "\n"
                                "veille_search_cache_lookups_total{result=\"miss\"} %" G_GUINT64_FORMAT "\n"
                                "# HELP veille_search_cache_bytes Memory held by cached answers.\n"
                                "# TYPE veille_search_cache_bytes gauge\n"
                                "veille_search_cache_bytes %" G_GSIZE_FORMAT "\n",
                           cache->hits, cache->misses, cache->bytes);
    return g_string_free(out, FALSE);
}
