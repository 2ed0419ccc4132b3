/* reader.h - the index opened for reading, whole or in shards, by the one
 * reading path every program takes (the daemon's searches, veille-index
 * --list and --show, the alerts, the admin page).
 *
 * An index of one database is opened as Xapian opens it (a folder or a
 * stub file).  A split index (shards.h) is read as one Xapian database
 * made of DB first, then each shard through the first of its replicas
 * that answers: Xapian itself merges the shards' rankings, totals and
 * spy counts, as exact as one index holding the same documents.
 *
 * A shard none of whose replicas answers is left out, and said so
 * (index_reader_missing): the reader keeps answering from the others, and
 * its replicas are watched in the background (shard_watch.h); the reopen
 * after one answers again brings the shard back, without a search ever
 * waiting on a replica that does not answer.  A
 * read that fails with VERR_NETWORK (a server stopped mid-answer) is
 * reported with index_reader_lost; the next reopen then checks each
 * remote shard and moves to another replica, or leaves the shard out.
 *
 * What identifies the state read (index_reader_revision): for one local
 * database, Xapian's revision; for shards, a hash of DB's revision, each
 * shard's commit count (META_COMMIT, which veille-index bumps at each
 * commit: Xapian 1.4 gives no revision for a remote database) and which
 * shards are missing.  A stub file of several databases has none.
 *
 * Not thread-safe: one reader per thread, as Xapian's objects are. */
#ifndef VEILLE_READER_H
#define VEILLE_READER_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct index_reader index_reader;

/* Opens the index at db_path.  NULL with err when db_path itself cannot
 * be opened or its shard file is wrong; shards that do not answer are
 * only missing. */
index_reader *index_reader_open(const char *db_path, verr *err);
/* The same, for a tool that must see every document (veille-index
 * --list, --show, --stats): NULL with VERR_NETWORK and a French message
 * naming them when some shards do not answer. */
index_reader *index_reader_open_whole(const char *db_path, verr *err);
void index_reader_free(index_reader *r);

/* The database to read: every answering shard behind DB.  Borrowed until
 * the next reopen that says *changed, or index_reader_free. */
const xap_db *index_reader_db(const index_reader *r);

/* Moves to the latest state; brings back a missing shard when its retry
 * time has come, and checks the remote shards after index_reader_lost.
 * *changed (may be NULL) says whether anything moved: a new revision, or
 * a shard gone or back (index_reader_db is then a new handle).  0, or -1
 * with err when DB itself cannot be read. */
int index_reader_reopen(index_reader *r, int *changed, verr *err);

/* A read failed with VERR_NETWORK: the next reopen checks the shards. */
void index_reader_lost(index_reader *r);

/* Number of shards (0: the index is not split). */
guint index_reader_shards(const index_reader *r);
/* Number of shards left out, and whether shard i is one. */
guint index_reader_missing(const index_reader *r);
gboolean index_reader_shard_missing(const index_reader *r, guint i);

/* Whether some shard read is behind a server: each lookup in it is then
 * a round trip, worth batching. */
gboolean index_reader_remote(const index_reader *r);

/* Whether document id (16 hex digits) lives in a shard left out: a
 * lookup that did not find it cannot say it does not exist. */
gboolean index_reader_home_missing(const index_reader *r, const char *id);

/* The state read, as described above: FALSE when there is none. */
gboolean index_reader_revision(const index_reader *r, unsigned long long *out);

#endif
