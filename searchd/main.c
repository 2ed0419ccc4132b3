/* main.c - veille-searchd: the command line and the configuration's start
 * settings, the server's state and thread pools (server.h), libmicrohttpd
 * started with its callbacks (request.h, routes.h), then signals: SIGHUP
 * reloads (server_reload), SIGTERM and SIGINT drain the work under way
 * and stop.
 *
 * Requests are answered by the route table's handlers (routes.c); searches
 * run in a pool of threads (search_jobs.h), the documentalist's writes in
 * a thread of their own (writes.h). */
#include "clients.h"
#include "config.h"
#include "console.h"
#include "params.h"
#include "request.h"
#include "routes.h"
#include "search_jobs.h"
#include "server.h"
#include "upload.h"
#include "writes.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DEFAULT_DB "var/index"
#define DEFAULT_LISTEN "127.0.0.1:8080"

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    char *host = g_strdup(listen);
    char *colon = strrchr(host, ':');
    unsigned port = 0;
    int rc = -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (colon != NULL) {
        *colon = '\0';
        if (params_parse_uint(colon + 1, 0, 65535, &port) && inet_pton(AF_INET, host, &sa->sin_addr) == 1) {
            sa->sin_port = htons((uint16_t)port);
            rc = 0;
        }
    }
    g_free(host);
    return rc;
}

/* The command line over the configuration file's start settings: OUT
 * *cfg (caller clears).  FALSE, with a line on stderr, on a mistake. */
static gboolean read_options(int *argc, char ***argv, config *cfg, char **config_path)
{
    config_start cl = { .cache_mb = -1 };
    GOptionEntry entries[] = {
        { "db", 'd', 0, G_OPTION_ARG_FILENAME, &cl.db, "Index folder (default: $VEILLE_DB or "
          DEFAULT_DB ")", "DIR" },
        { "listen", 'l', 0, G_OPTION_ARG_STRING, &cl.listen, "Address and port (default "
          DEFAULT_LISTEN ")", "HOST:PORT" },
        { "threads", 't', 0, G_OPTION_ARG_INT, &cl.threads, "Search threads, and as many "
          "connection threads (default 4)", "N" },
        { "cache-mb", 0, 0, G_OPTION_ARG_INT, &cl.cache_mb, "Memory for cached search answers, "
          "in MB (default 64; 0: no cache)", "MB" },
        { "config", 'c', 0, G_OPTION_ARG_FILENAME, config_path, "INI configuration file ([server] "
          "db, listen, threads, cors_origins); the command line wins; SIGHUP reloads it",
          "FILE" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("- Veille search daemon");
    GError *gerr = NULL;
    verr err;
    gboolean ok = FALSE;
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, argc, argv, &gerr))
        console_option_failed("veille-searchd: ", gerr);
    else if (config_load(*config_path, cfg, &err) != 0)
        fprintf(stderr, "veille-searchd: %s: %s\n", *config_path, err.msg);
    else
        ok = TRUE;
    if (ok) { /* the command line wins */
        config_start *st = &cfg->start;
        if (cl.db != NULL) { g_free(st->db); st->db = g_steal_pointer(&cl.db); }
        if (cl.listen != NULL) { g_free(st->listen); st->listen = g_steal_pointer(&cl.listen); }
        st->threads = cl.threads != 0 ? cl.threads : st->threads != 0 ? st->threads : 4;
        st->cache_mb = cl.cache_mb >= 0 ? cl.cache_mb : st->cache_mb >= 0 ? st->cache_mb : 64;
        st->per_client = st->per_client != 0 ? st->per_client : 64;
    }
    g_free(cl.db);
    g_free(cl.listen);
    g_clear_error(&gerr);
    g_option_context_free(ctx);
    return ok;
}

/* How often the searches' counts are written out (demand.h). */
#define DEMAND_FLUSH_S 60

/* Writes the searches' counts out every DEMAND_FLUSH_S, and once more
 * when the daemon stops. */
static gpointer demand_flush_loop(gpointer data)
{
    server *sv = data;
    gint64 next = g_get_monotonic_time() + DEMAND_FLUSH_S * G_USEC_PER_SEC;
    gboolean last = FALSE;
    while (!last) {
        last = g_atomic_int_get(&sv->demand_stop) != 0;
        if (!last && g_get_monotonic_time() < next) {
            g_usleep(100 * 1000);
            continue;
        }
        verr err;
        snapshot *sn = server_snapshot(sv);
        if (demand_flush(sv->demand, sn->settings.demand_days, &err) != 0)
            fprintf(stderr, "veille-searchd: searches' counts not written: %s\n", err.msg);
        snapshot_unref(sn);
        next = g_get_monotonic_time() + DEMAND_FLUSH_S * G_USEC_PER_SEC;
    }
    return NULL;
}

/* The server's state from cfg (its settings taken); FALSE, with a line
 * on stderr, when the start settings are wrong or the index unreadable. */
static gboolean server_init(server *sv, config *cfg, const char *config_path,
                            struct sockaddr_in *sa)
{
    const config_start *st = &cfg->start;
    verr err;
    sv->config_path = g_strdup(config_path);
    sv->db_path = st->db != NULL ? g_strdup(st->db)
                  : g_strdup(getenv("VEILLE_DB") != NULL ? getenv("VEILLE_DB") : DEFAULT_DB);
    sv->listen = g_strdup(st->listen != NULL ? st->listen : DEFAULT_LISTEN);
    if (parse_listen(sv->listen, sa) != 0 || st->threads < 1 || st->threads > 256 ||
        st->cache_mb > 65536 || st->per_client < 1 || st->per_client > 100000) {
        fprintf(stderr, "veille-searchd: --listen takes IPv4:PORT, --threads 1..256, "
                "--cache-mb 0..65536, [server] per_client 1..100000\n");
        return FALSE;
    }
    if ((sv->clients = clients_new(st->trusted_proxies, (unsigned)st->per_client, &err)) == NULL) {
        fprintf(stderr, "veille-searchd: %s\n", err.msg);
        return FALSE;
    }
    config_settings_resolve(&cfg->settings, sv->db_path);
    if ((sv->snap = snapshot_new(sv->db_path, &cfg->settings, &err)) == NULL) {
        fprintf(stderr, "veille-searchd: cannot start on the index %s: %s\n", sv->db_path, err.msg);
        return FALSE;
    }
    unsigned stale = upload_clean_stale(sv->snap->settings.collection);
    if (stale > 0)
        fprintf(stderr, "veille-searchd: removed %u unfinished upload(s) from %s\n", stale,
                sv->snap->settings.collection);
    pthread_mutex_init(&sv->lock, NULL);
    pthread_key_create(&sv->key, NULL);
    sv->searchers = g_ptr_array_new_with_free_func((GDestroyNotify)searcher_free);
    sv->cache = response_cache_new((gsize)st->cache_mb * 1024 * 1024);
    sv->pool = g_thread_pool_new(search_job_worker, sv, st->threads, FALSE, NULL);
    sv->costly = g_thread_pool_new(search_job_worker, sv, 1, FALSE, NULL);
    sv->writes = g_thread_pool_new(writes_worker, sv, 1, FALSE, NULL);
    sv->retrier = g_thread_new("retry", writes_retry_loop, sv);
    char *demand_dir = g_strconcat(sv->db_path, ".demand", NULL);
    sv->demand = demand_new(demand_dir);
    g_free(demand_dir);
    sv->demand_flusher = g_thread_new("demand", demand_flush_loop, sv);
    return TRUE;
}

static void server_clear(server *sv)
{
    if (sv->retrier != NULL) {
        g_atomic_int_set(&sv->stopping, 1);
        g_thread_join(sv->retrier);
    }
    if (sv->pool != NULL)
        g_thread_pool_free(sv->pool, FALSE, TRUE);
    if (sv->costly != NULL)
        g_thread_pool_free(sv->costly, FALSE, TRUE);
    if (sv->writes != NULL)
        g_thread_pool_free(sv->writes, FALSE, TRUE);
    if (sv->searchers != NULL)
        g_ptr_array_unref(sv->searchers);
    if (sv->demand_flusher != NULL) { /* after the searches: their last counts are in */
        g_atomic_int_set(&sv->demand_stop, 1);
        g_thread_join(sv->demand_flusher);
    }
    demand_free(sv->demand);
    response_cache_free(sv->cache);
    snapshot_unref(sv->snap);
    clients_free(sv->clients);
    g_free(sv->db_path);
    g_free(sv->config_path);
    g_free(sv->listen);
}

static struct MHD_Daemon *start_http(server *sv, struct sockaddr_in *sa, unsigned threads)
{
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC,
        0, request_accept, sv, routes_on_request, sv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQUEST_CONNECTION_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, sv,
        MHD_OPTION_NOTIFY_CONNECTION, request_connection, sv,
        MHD_OPTION_URI_LOG_CALLBACK, request_start, NULL, MHD_OPTION_END);
}

/* SIGTERM: stops taking connections and work, and waits (at most 30 s)
 * for the work under way, whose connections get their answers. */
static void stop_work(server *sv, struct MHD_Daemon *d)
{
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    g_atomic_int_set(&sv->stopping, 1);
    for (int i = 0; i < 3000 && g_atomic_int_get(&sv->in_flight) > 0; i++)
        g_usleep(10 * 1000);
    g_usleep(50 * 1000); /* the last answers leave the sockets */
}

int main(int argc, char **argv)
{
    char *config_path = NULL;
    config cfg = { .start.cache_mb = -1 };
    server sv = { 0 };
    struct sockaddr_in sa;
    int status = 1;

    console_print_utf8();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* the pools' and MHD's threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    if (!read_options(&argc, &argv, &cfg, &config_path) ||
        !server_init(&sv, &cfg, config_path, &sa))
        goto cleanup;
    struct MHD_Daemon *d = start_http(&sv, &sa, (unsigned)cfg.start.threads);
    if (d == NULL) {
        fprintf(stderr, "veille-searchd: cannot listen on %s\n", sv.listen);
        goto cleanup;
    }
    fprintf(stderr, "veille-searchd: serving %s on http://%s\n", sv.db_path, sv.listen);
    int sig = 0;
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
        server_reload(&sv);
    fprintf(stderr, "veille-searchd: signal %d, draining and stopping\n", sig);
    stop_work(&sv, d);
    MHD_stop_daemon(d);
    status = 0;
cleanup:
    server_clear(&sv);
    config_clear(&cfg);
    g_free(config_path);
    return status;
}
