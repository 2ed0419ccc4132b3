/* server.h - what the daemon's threads share: the snapshot of settings
 * and vocabulary in force (swapped whole by SIGHUP, held by each request
 * while it runs), each thread's searcher, the answer cache, the thread
 * pools and the count of work handed to them.
 *
 * The server owns everything it points to; main.c creates and frees it. */
#ifndef VEILLE_SERVER_H
#define VEILLE_SERVER_H

#include <glib.h>
#include <pthread.h>
#include "clients.h"
#include "config.h"
#include "demand.h"
#include "match.h"
#include "response_cache.h"
#include "search.h"
#include "verr.h"
#include "vocab.h"

/* What SIGHUP reloads: the vocabulary (from the index) and the reloadable
 * settings of the configuration file.  Immutable once made but for
 * no_index (under the server's lock); requests hold a reference while
 * they run. */
typedef struct {
    gint refs;
    vocab *v;                  /* NULL if the index holds none */
    matcher *m;                /* over v; NULL with it */
    config_settings settings;  /* resolved (config_settings_resolve) */
    unsigned generation;       /* which snapshot this is: part of cache keys */
    gboolean no_index;         /* the index could not be opened: no vocabulary yet */
} snapshot;

typedef struct {
    char *db_path;
    char *config_path;     /* may be NULL */
    char *listen;          /* "host:port" listened on */
    clients *clients;      /* trusted proxies, shares of each client */
    snapshot *snap;        /* current one, guarded by lock */
    pthread_mutex_t lock;  /* guards snap and searchers */
    GPtrArray *searchers;  /* every thread's searcher, freed at exit */
    pthread_key_t key;     /* this thread's searcher */
    response_cache *cache; /* recent search answers; NULL: none */
    GThreadPool *pool;     /* the threads that run searches (search_jobs.h) */
    GThreadPool *costly;   /* the one thread that runs costly searches (params_costly) */
    GThreadPool *writes;   /* the thread that runs the documentalist's writes (writes.h) */
    gint in_flight;        /* work handed to the pools and not answered */
    gint retry_queued;     /* a retry of queued writes waits in sv->writes */
    GThread *retrier;      /* writes_retry_loop */
    demand *demand;        /* the searches asked, for the documentalist */
    GThread *demand_flusher; /* writes them out every DEMAND_FLUSH_S, and at the end */
    gint demand_stop;      /* the searches are over: a last flush, then stop */
    gint stopping;         /* SIGTERM: no more work to the pools */
} server;

/* A snapshot of the index at db_path (its vocabulary) with settings,
 * which it takes (settings is left empty).  An index that cannot be
 * opened yet gives a snapshot without vocabulary (no_index), with a line
 * on stderr.  NULL with err when the index's vocabulary cannot be read. */
snapshot *snapshot_new(const char *db_path, config_settings *settings, verr *err);
void snapshot_unref(snapshot *sn);

/* The current snapshot, referenced: the caller unrefs it. */
snapshot *server_snapshot(server *sv);

/* SIGHUP: reads the configuration file once more and the index's
 * vocabulary, and swaps the new snapshot in (requests running keep the
 * old one); the answer cache is emptied.  On failure the previous
 * snapshot stays, with a line on stderr. */
void server_reload(server *sv);

/* This thread's searcher, opened on first use.  While the index cannot be
 * opened (not created yet, damaged) each call tries again; the first
 * thread to open it after the daemon started without it reloads (the
 * vocabulary comes with the index).  Borrowed until the server is freed;
 * NULL with err. */
searcher *server_searcher(server *sv, verr *err);

/* Before handing work to a pool: FALSE once SIGTERM has come (the caller
 * answers 503), else the work is counted until server_work_done. */
gboolean server_work_begin(server *sv);
void server_work_done(server *sv);

#endif
