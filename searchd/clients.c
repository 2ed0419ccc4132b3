/* clients.c - real client addresses and per-client shares (clients.h). */
#include "clients.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    guint32 net, mask;   /* host order */
} block;

struct clients {
    GArray *trusted;     /* of block */
    unsigned per_client;
    pthread_mutex_t lock;
    GHashTable *conns;   /* direct client address -> connections (GUINT_TO_POINTER) */
    GHashTable *requests; /* proxied client address -> requests under way */
};

/* "a.b.c.d" or "a.b.c.d/n" into *b; FALSE if it is neither. */
static gboolean parse_block(const char *text, block *b)
{
    char *addr = g_strdup(text);
    char *slash = strchr(addr, '/');
    unsigned bits = 32;
    struct in_addr in;
    gboolean ok = TRUE;
    if (slash != NULL) {
        char *end = NULL;
        *slash = '\0';
        bits = (unsigned)strtoul(slash + 1, &end, 10);
        ok = end != slash + 1 && *end == '\0' && bits <= 32;
    }
    ok = ok && inet_pton(AF_INET, addr, &in) == 1;
    if (ok) {
        b->mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
        b->net = ntohl(in.s_addr) & b->mask;
    }
    g_free(addr);
    return ok;
}

clients *clients_new(const char *trusted, unsigned per_client, verr *err)
{
    clients *cl = g_new0(clients, 1);
    cl->trusted = g_array_new(FALSE, FALSE, sizeof(block));
    cl->per_client = per_client;
    pthread_mutex_init(&cl->lock, NULL);
    cl->conns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cl->requests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **parts = g_strsplit_set(trusted != NULL ? trusted : "", ",; ", -1);
    for (char **p = parts; *p != NULL; p++) {
        block b;
        if (**p == '\0')
            continue;
        if (!parse_block(*p, &b)) {
            verr_set(err, VERR_PARSE, "config", "[server] trusted_proxies: « %s » is not an "
                     "IPv4 address or CIDR block", *p);
            g_strfreev(parts);
            clients_free(cl);
            return NULL;
        }
        g_array_append_val(cl->trusted, b);
    }
    g_strfreev(parts);
    return cl;
}

void clients_free(clients *cl)
{
    if (cl == NULL)
        return;
    g_array_unref(cl->trusted);
    g_hash_table_unref(cl->conns);
    g_hash_table_unref(cl->requests);
    pthread_mutex_destroy(&cl->lock);
    g_free(cl);
}

static gboolean trusted_ip(const clients *cl, guint32 ip)
{
    for (guint i = 0; i < cl->trusted->len; i++) {
        const block *b = &g_array_index(cl->trusted, block, i);
        if ((ip & b->mask) == b->net)
            return TRUE;
    }
    return FALSE;
}

/* peer's IPv4 address in host order; FALSE for another family. */
static gboolean peer_ip(const struct sockaddr *peer, guint32 *ip)
{
    if (peer == NULL || peer->sa_family != AF_INET)
        return FALSE;
    *ip = ntohl(((const struct sockaddr_in *)peer)->sin_addr.s_addr);
    return TRUE;
}

gboolean clients_trusted(const clients *cl, const struct sockaddr *peer)
{
    guint32 ip;
    return peer_ip(peer, &ip) && trusted_ip(cl, ip);
}

static char *peer_text(const struct sockaddr *peer)
{
    char buf[INET_ADDRSTRLEN] = "-";
    if (peer != NULL && peer->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)peer)->sin_addr, buf, sizeof buf);
    return g_strdup(buf);
}

/* Adds delta to key's count in table (under cl->lock); an entry at 0 goes. */
static void count(GHashTable *table, const char *key, int delta)
{
    unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(table, key));
    if (delta < 0 && n == 0)
        return;
    n = delta < 0 ? n - 1 : n + 1;
    if (n == 0)
        g_hash_table_remove(table, key);
    else
        g_hash_table_insert(table, g_strdup(key), GUINT_TO_POINTER(n));
}

gboolean clients_may_connect(clients *cl, const struct sockaddr *peer)
{
    if (clients_trusted(cl, peer))
        return TRUE;
    char *key = peer_text(peer);
    pthread_mutex_lock(&cl->lock);
    unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(cl->conns, key));
    pthread_mutex_unlock(&cl->lock);
    g_free(key);
    return n < cl->per_client;
}

static void count_connection(clients *cl, const struct sockaddr *peer, int delta)
{
    if (clients_trusted(cl, peer))
        return;
    char *key = peer_text(peer);
    pthread_mutex_lock(&cl->lock);
    count(cl->conns, key, delta);
    pthread_mutex_unlock(&cl->lock);
    g_free(key);
}

void clients_connected(clients *cl, const struct sockaddr *peer) { count_connection(cl, peer, 1); }
void clients_disconnected(clients *cl, const struct sockaddr *peer) { count_connection(cl, peer, -1); }

char *clients_address(const clients *cl, const struct sockaddr *peer, const char *forwarded_for)
{
    if (forwarded_for == NULL || !clients_trusted(cl, peer))
        return peer_text(peer);
    char **hops = g_strsplit(forwarded_for, ",", -1);
    char *found = NULL;
    guint n = g_strv_length(hops);
    for (guint i = n; i > 0 && found == NULL; i--) {
        const char *hop = g_strstrip(hops[i - 1]);
        struct in_addr in;
        if (inet_pton(AF_INET, hop, &in) != 1)
            break; /* not an address: trust nothing to its left */
        if (!trusted_ip(cl, ntohl(in.s_addr)) || i == 1)
            found = g_strdup(hop);
    }
    g_strfreev(hops);
    return found != NULL ? found : peer_text(peer);
}

gboolean clients_request_begin(clients *cl, const char *address)
{
    pthread_mutex_lock(&cl->lock);
    unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(cl->requests, address));
    gboolean ok = n < cl->per_client;
    if (ok)
        count(cl->requests, address, 1);
    pthread_mutex_unlock(&cl->lock);
    return ok;
}

void clients_request_end(clients *cl, const char *address)
{
    pthread_mutex_lock(&cl->lock);
    count(cl->requests, address, -1);
    pthread_mutex_unlock(&cl->lock);
}
