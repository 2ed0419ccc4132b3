/* writer_lock.c - waiting for the index's write lock (writer_lock.h). */
#include "writer_lock.h"

xap_wdb *writer_lock_open(const char *path, int create, const writer_lock_wait *w, verr *err)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(w != NULL ? w->wait_ms : 0) * 1000;
    gboolean told = FALSE;
    for (;;) {
        verr e;
        verr_clear(&e);
        xap_wdb *wdb = xap_wdb_open(path, create, &e);
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
