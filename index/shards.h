/* shards.h - an index split over several Xapian databases: which shards
 * there are, where each one is written and read, which one holds a
 * document.
 *
 * An index at DB is split when the file DB.shards exists beside it (as
 * DB.pending is): both programs read it, veille-index to write, the
 * daemon to search.  DB itself then holds no document, only the rest:
 * vocabulary, corrections, copies, file states, run history, spelling
 * data, and the commit count.  It comes first in every read view
 * (shard_view.h), so that Xapian, which reads metadata and spelling from a
 * view's first database only, reads them there; spelling, which Xapian
 * 1.4 gives through no remote database, works over remote shards so.
 *
 * The file (GKeyFile syntax):
 *   [shards]
 *   count = 4                  shards 0 to 3
 *   timeout_ms = 5000          a remote shard's answer (the daemon's own search
 *                              time limit: [search] time_limit_ms)
 *   connect_timeout_ms = 1000  reaching it, before trying the next replica
 *   retry_s = 2                a reader tries again a shard that failed
 *   changesets = 0             changesets veille-index keeps in the
 *                              folders it writes, for xapian-replicate
 *                              (XAPIAN_MAX_CHANGESETS, unless set)
 *   [shard 0]
 *   write = shards/0           a folder (relative to the file's), or
 *                              HOST:PORT of `xapian-tcpsrv --writable`
 *   read = 10.0.0.2:7010;10.0.0.3:7010
 *                              its replicas (xapian-tcpsrv, or folders),
 *                              tried in turn; default: write
 * A document goes to the shard its id names (ids are hashes: the first
 * eight hex digits modulo count), so its shard never depends on what else
 * the index holds, and moving a file moves its document to the new id's
 * shard.  The count is fixed once documents are written: changing it
 * means indexing again into new shards. */
#ifndef VEILLE_SHARDS_H
#define VEILLE_SHARDS_H

#include <glib.h>
#include "verr.h"
#include "writer_lock.h"
#include "xapian-c/xapian_c.h"

/* Metadata key of the commit count: veille-index bumps it at each commit,
 * in DB and in every shard, so that a reader tells one state of the whole
 * index from another (Xapian 1.4 gives no revision for a remote one). */
#define META_COMMIT "veille:commit"

/* Where a shard (or a replica of it) is: a folder, or a server. */
typedef struct {
    char *path;     /* absolute folder; NULL for a server */
    char *host;     /* xapian-tcpsrv's host; NULL for a folder */
    unsigned port;
} shard_place;

typedef struct shard_layout shard_layout;

/* The layout of the index at db_path, from db_path.shards.  NULL with
 * err->code VERR_OK when there is no such file (the index is one
 * database), NULL with VERR_PARSE and a French message naming the key
 * when the file is wrong. */
shard_layout *shard_layout_load(const char *db_path, verr *err);
void shard_layout_free(shard_layout *l);

guint shard_layout_count(const shard_layout *l);
/* The shard that holds document id (16 hex digits, record.h). */
guint shard_layout_pick(const shard_layout *l, const char *id);
/* Where shard i is written. */
const shard_place *shard_layout_writer(const shard_layout *l, guint i);
/* Its replicas, in the order they are tried (shard_place *), at least one. */
const GPtrArray *shard_layout_readers(const shard_layout *l, guint i);
unsigned shard_layout_timeout_ms(const shard_layout *l);
unsigned shard_layout_connect_timeout_ms(const shard_layout *l);
unsigned shard_layout_retry_s(const shard_layout *l);
/* [shards] changesets: 0 when unset. */
unsigned shard_layout_changesets(const shard_layout *l);

/* "folder" or "host:port", for messages.  Caller frees. */
char *shard_place_describe(const shard_place *p);

/* Opens p for reading: the folder, or a connection to its server.  NULL
 * with err (VERR_NETWORK when the server does not answer). */
xap_db *shard_place_open(const shard_layout *l, const shard_place *p, verr *err);
/* The same with the timeouts given, not a layout's. */
xap_db *shard_place_open_with(const shard_place *p, unsigned timeout_ms, unsigned connect_timeout_ms,
                              verr *err);
/* Opens p for writing, creating a folder's database when missing and
 * waiting as wait says while another writer holds it.  NULL with err. */
xap_wdb *shard_place_open_writable(const shard_layout *l, const shard_place *p,
                                   const writer_lock_wait *wait, verr *err);

/* Creates an empty shard database at path (and its folder), for
 * xapian-tcpsrv to serve: it only serves a database that exists.  0, or
 * -1 with err (an existing database is left as it is). */
int shard_create(const char *path, verr *err);

#endif
