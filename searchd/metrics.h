/* metrics.h - request counters and latency histogram of the daemon, in the
 * Prometheus text format (GET /metrics).  Thread-safe. */
#ifndef VEILLE_METRICS_H
#define VEILLE_METRICS_H

#include <glib.h>
#include "response_cache.h"

/* Counts one request of route (a short name such as "search") that ended
 * with status after seconds. */
void metrics_record(const char *route, unsigned status, double seconds);

/* Notes that a worker reopened the index at a new revision (now). */
void metrics_reopened(void);

/* The exposition text; documents is the index's document count, cache
 * the answer cache's figures.  Caller frees. */
char *metrics_render(unsigned documents, const response_cache_stats *cache);

#endif
