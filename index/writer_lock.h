/* writer_lock.h - opening the index for writing, waiting while another
 * writer holds it.
 *
 * Xapian lets one writer at a time hold an index and refuses the others
 * at once (DatabaseLockError).  Indexing runs and the applying of the
 * documentalist's queued writes (veille-index --apply-pending) both write:
 * each waits its turn here (index_writer_open), for up to a bound of its
 * own, instead of failing on the first refusal. */
#ifndef VEILLE_WRITER_LOCK_H
#define VEILLE_WRITER_LOCK_H

#include <signal.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct {
    unsigned wait_ms;                  /* how long to wait for the lock (0: not at all) */
    const volatile sig_atomic_t *stop; /* set by a signal handler: give up now; may be NULL */
    /* Called once, when the first attempt finds the index locked (to say
     * so to a person); may be NULL. */
    void (*on_wait)(void *ud, unsigned wait_ms);
    void *ud;
} writer_lock_wait;

/* xap_wdb_open(path, create) retried every 100 ms while the index is
 * locked, for up to w->wait_ms (w may be NULL: no waiting).  Still locked
 * then: NULL with VERR_LOCKED and a French message. */
xap_wdb *writer_lock_open(const char *path, int create, const writer_lock_wait *w, verr *err);

/* A database served by `xapian-tcpsrv --writable` (a shard, shards.h). */
typedef struct {
    const char *host;
    unsigned port, timeout_ms, connect_timeout_ms;
} writer_lock_server;

/* xap_wdb_open_remote, waiting as writer_lock_open does. */
xap_wdb *writer_lock_open_remote(const writer_lock_server *server, const writer_lock_wait *w,
                                 verr *err);

#endif
