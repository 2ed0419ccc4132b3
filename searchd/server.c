/* server.c - the daemon's shared state (server.h): snapshots, their
 * reload, each thread's searcher, work handed to the pools. */
#include "server.h"
#include "metrics.h"
#include "schema.h"
#include "xapian-c/xapian_c.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- Snapshots -------------------------------------------------------------------- */

snapshot *snapshot_new(const char *db_path, config_settings *settings, verr *err)
{
    static gint generations;
    snapshot *sn = g_new0(snapshot, 1);
    xap_db *db = xap_db_open(db_path, err);
    char *json = NULL;
    sn->refs = 1;
    sn->generation = (unsigned)g_atomic_int_add(&generations, 1);
    config_settings_move(&sn->settings, settings);
    if (db == NULL) { /* searches answer 503 until veille-index creates it */
        fprintf(stderr, "veille-searchd: the index %s cannot be opened yet: %s\n", db_path,
                err->msg);
        sn->no_index = TRUE;
    } else if (xap_db_get_metadata(db, META_THESAURUS, &json, err) != 0) {
        goto failed;
    }
    if (json != NULL && *json != '\0') {
        if ((sn->v = vocab_from_json(json, -1, err)) == NULL)
            goto failed;
        sn->m = matcher_new(sn->v);
    }
    free(json);
    xap_db_free(db);
    return sn;
failed:
    free(json);
    xap_db_free(db);
    snapshot_unref(sn);
    return NULL;
}

void snapshot_unref(snapshot *sn)
{
    if (sn == NULL || !g_atomic_int_dec_and_test(&sn->refs))
        return;
    matcher_free(sn->m);
    vocab_free(sn->v);
    config_settings_clear(&sn->settings);
    g_free(sn);
}

snapshot *server_snapshot(server *sv)
{
    pthread_mutex_lock(&sv->lock);
    snapshot *sn = sv->snap;
    g_atomic_int_inc(&sn->refs);
    pthread_mutex_unlock(&sv->lock);
    return sn;
}

void server_reload(server *sv)
{
    verr err;
    config cfg;
    snapshot *sn = NULL;
    if (config_load(sv->config_path, &cfg, &err) == 0) {
        config_settings_resolve(&cfg.settings, sv->db_path);
        sn = snapshot_new(sv->db_path, &cfg.settings, &err);
        config_clear(&cfg);
    }
    if (sn == NULL) {
        fprintf(stderr, "veille-searchd: reload failed, keeping the previous settings: %s\n",
                err.msg);
        return;
    }
    pthread_mutex_lock(&sv->lock);
    snapshot *old = sv->snap;
    sv->snap = sn;
    pthread_mutex_unlock(&sv->lock);
    snapshot_unref(old);
    response_cache_clear(sv->cache); /* their keys name the old generation: memory back now */
    fprintf(stderr, "veille-searchd: reloaded configuration and thesaurus (%u concepts)\n",
            sn->v != NULL ? vocab_size(sn->v) : 0);
}

/* ---- Searchers -------------------------------------------------------------------- */

/* searcher_reopened_fn: /metrics tells when the index was last reopened. */
static void count_reopen(void *ud)
{
    (void)ud;
    metrics_reopened();
}

searcher *server_searcher(server *sv, verr *err)
{
    searcher *s = pthread_getspecific(sv->key);
    if (s != NULL)
        return s;
    s = searcher_new(sv->db_path, count_reopen, NULL, err);
    if (s == NULL)
        return NULL;
    pthread_setspecific(sv->key, s);
    pthread_mutex_lock(&sv->lock);
    g_ptr_array_add(sv->searchers, s);
    gboolean stale = sv->snap->no_index;
    sv->snap->no_index = FALSE; /* one reload, whichever thread sees it first */
    pthread_mutex_unlock(&sv->lock);
    if (stale)
        server_reload(sv);
    return s;
}

/* ---- Work handed to the pools ------------------------------------------------------- */

gboolean server_work_begin(server *sv)
{
    g_atomic_int_inc(&sv->in_flight); /* before the check: see main.c's stop_work */
    if (g_atomic_int_get(&sv->stopping)) {
        g_atomic_int_dec_and_test(&sv->in_flight);
        return FALSE;
    }
    return TRUE;
}

void server_work_done(server *sv)
{
    g_atomic_int_dec_and_test(&sv->in_flight);
}
