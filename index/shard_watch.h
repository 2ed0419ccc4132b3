/* shard_watch.h - which replicas of the index's shards answer, watched in
 * the background.
 *
 * A reader that finds none of a shard's replicas answering leaves the
 * shard out (reader.h) and hands its replicas to the watch.  A thread of
 * the watch's own tries each of them every retry_s seconds (an open: a
 * connection to its server, up to the connect timeout) and notes when one
 * answers again; readers connect to it at their next reopen.  So a search
 * never waits on a replica that does not answer, however many threads
 * search: before the watch, one search per thread and retry_s paid the
 * connect timeout (a second, for a machine that is down).
 *
 * One watch per process, shared by every reader; its thread starts with
 * the first replica handed over and lasts as long as the process.
 * Thread-safe.  It copies what it is given. */
#ifndef VEILLE_SHARD_WATCH_H
#define VEILLE_SHARD_WATCH_H

#include <glib.h>
#include "shards.h"

/* Watches place (of layout l) until it answers again: tried every
 * shard_layout_retry_s(l) seconds, from now on. */
void shard_watch_add(const shard_layout *l, const shard_place *place);

/* Whether place answered the watch since it was last handed over. */
gboolean shard_watch_answers(const shard_place *place);
/* Whether place is being watched and has not answered yet: not worth a
 * try in a search. */
gboolean shard_watch_down(const shard_place *place);

#endif
