/* writer_lock.c - waiting for the index's write lock (writer_lock.h). */
#include "writer_lock.h"

/* One attempt at opening a database for writing. */
typedef xap_wdb *(*open_fn)(const void *what, verr *err);

/* fn retried every 100 ms while it finds the database locked, for up to
 * w->wait_ms. */
static xap_wdb *open_waiting(open_fn fn, const void *what, const writer_lock_wait *w, verr *err)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(w != NULL ? w->wait_ms : 0) * 1000;
    gboolean told = FALSE;
    for (;;) {
        verr e;
        verr_clear(&e);
        xap_wdb *wdb = fn(what, &e);
        if (wdb != NULL)
            return wdb;
        if (e.code != VERR_LOCKED) {
            if (err != NULL)
                *err = e;
            return NULL;
        }
        if (w == NULL || g_get_monotonic_time() >= deadline || (w->stop != NULL && *w->stop)) {
            verr_set(err, VERR_LOCKED, "DatabaseLockError", "l'index est resté verrouillé par "
                     "une autre écriture pendant %.1f s", (w != NULL ? w->wait_ms : 0) / 1000.0);
            return NULL;
        }
        if (!told && w->on_wait != NULL)
            w->on_wait(w->ud, w->wait_ms);
        told = TRUE;
        g_usleep(100 * 1000);
    }
}

typedef struct {
    const char *path;
    int create;
} local_target;

static xap_wdb *open_local(const void *what, verr *err)
{
    const local_target *t = what;
    return xap_wdb_open(t->path, t->create, err);
}

xap_wdb *writer_lock_open(const char *path, int create, const writer_lock_wait *w, verr *err)
{
    local_target t = { path, create };
    return open_waiting(open_local, &t, w, err);
}

static xap_wdb *open_remote(const void *what, verr *err)
{
    const writer_lock_server *s = what;
    return xap_wdb_open_remote(s->host, s->port, s->timeout_ms, s->connect_timeout_ms, err);
}

xap_wdb *writer_lock_open_remote(const writer_lock_server *server, const writer_lock_wait *w,
                                 verr *err)
{
    return open_waiting(open_remote, server, w, err);
}
