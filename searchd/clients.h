/* clients.h - who is asking: the real client behind the reverse proxies
 * the configuration trusts, and how much each client may hold at once.
 *
 * Behind a proxy every connection comes from the proxy's address, so a
 * per-address limit on connections would lock everyone out together.
 * Connections from a trusted proxy are not counted by address; the
 * client named by its X-Forwarded-For is, by the requests it has under
 * way.  X-Forwarded-* headers from anyone else are ignored.
 *
 * Thread-safe (libmicrohttpd calls from its pool of threads).  IPv4, as
 * the daemon listens. */
#ifndef VEILLE_CLIENTS_H
#define VEILLE_CLIENTS_H

#include <glib.h>
#include <sys/socket.h>
#include "verr.h"

typedef struct clients clients;

/* trusted: "127.0.0.1, 10.0.0.0/8" (addresses or IPv4 CIDR blocks; NULL
 * or "": none).  per_client: connections a direct client, and requests a
 * proxied one, may have at once.  NULL with err for a bad list. */
clients *clients_new(const char *trusted, unsigned per_client, verr *err);
void clients_free(clients *cl);

/* Whether peer (a connecting socket's address) is a trusted proxy. */
gboolean clients_trusted(const clients *cl, const struct sockaddr *peer);

/* A new connection from peer: FALSE when peer already holds its share
 * (a trusted proxy never does). */
gboolean clients_may_connect(clients *cl, const struct sockaddr *peer);
/* Counts a connection from peer in, or out. */
void clients_connected(clients *cl, const struct sockaddr *peer);
void clients_disconnected(clients *cl, const struct sockaddr *peer);

/* The address of the one asking: peer's, or, when peer is a trusted
 * proxy, the rightmost address of forwarded_for (X-Forwarded-For, may be
 * NULL) that is not itself a trusted proxy.  Caller frees. */
char *clients_address(const clients *cl, const struct sockaddr *peer, const char *forwarded_for);

/* A request of a proxied client (its address from clients_address)
 * begins: FALSE, nothing counted, when it already has per_client under
 * way.  Each TRUE is paired with one clients_request_end. */
gboolean clients_request_begin(clients *cl, const char *address);
void clients_request_end(clients *cl, const char *address);

#endif
