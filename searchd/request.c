/* request.c - one request's life (request.h): its record, the client it
 * comes from, the access log line and metrics at its end; the client
 * shares of connections. */
#include "request.h"
#include "http.h"
#include "metrics.h"
#include "search_jobs.h"
#include "writes.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* Longest request target answered: far more than the bounded parameters
 * of a search need (params.h), far less than libmicrohttpd's buffer. */
#define URI_MAX (96u * 1024u)

/* Answers 414 on c's socket and closes it.  libmicrohttpd 0.9.75 waits
 * for the connection's timeout when a request line leaves its buffer
 * almost full (seen at about 65,500 bytes of a 64 KiB buffer), instead of
 * answering; nothing of the
 * response has been written yet at this point, so the answer is ours. */
static void refuse_long_uri(struct MHD_Connection *c)
{
    static const char answer[] =
        "HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: 62\r\n\r\n"
        "{\"error\":\"uri_too_long\",\"message\":\"adresse de plus de 96 Kio\"}";
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (info == NULL)
        return;
    ssize_t w = send(info->connect_fd, answer, sizeof answer - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)w; /* a client that does not read its answer loses it */
    shutdown(info->connect_fd, SHUT_RDWR);
}

void *request_start(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    request *rq = g_new0(request, 1);
    if (strlen(uri) > URI_MAX) {
        refuse_long_uri(c);
        rq->status = 414;
    }
    rq->conn = c;
    rq->start_us = g_get_monotonic_time();
    rq->uri = g_strndup(uri, 2048);
    for (char *p = rq->uri; *p != '\0'; p++) /* keep the log one line per request */
        if ((unsigned char)*p < 0x20 || *p == '"')
            *p = '?';
    return rq;
}

static const struct sockaddr *peer_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info != NULL ? info->client_addr : NULL;
}

enum MHD_Result request_admit(server *sv, request *rq)
{
    rq->started = TRUE;
    rq->snap = server_snapshot(sv);
    const struct sockaddr *peer = peer_of(rq->conn);
    rq->client = clients_address(sv->clients, peer,
                                 MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                             "X-Forwarded-For"));
    if (clients_trusted(sv->clients, peer)) {
        rq->proxied = clients_request_begin(sv->clients, rq->client);
        if (!rq->proxied)
            return http_send_error(rq, MHD_HTTP_TOO_MANY_REQUESTS, "too_many_requests",
                                   "trop de requêtes simultanées depuis cette adresse");
    }
    return MHD_YES;
}

static void request_free(request *rq)
{
    snapshot_unref(rq->snap);
    if (rq->body != NULL)
        g_string_free(rq->body, TRUE);
    multipart_free(rq->mp);
    upload_free(rq->up);
    search_job_free(rq->job);
    write_task_free(rq->write);
    g_free(rq->client);
    g_free(rq->uri);
    g_free(rq);
}

void request_completed(void *cls, struct MHD_Connection *c, void **state,
                       enum MHD_RequestTerminationCode toe)
{
    server *sv = cls;
    request *rq = *state;
    if (rq == NULL)
        return;
    double seconds = (double)(g_get_monotonic_time() - rq->start_us) / G_USEC_PER_SEC;
    if (rq->client == NULL) /* over before its headers: the peer's address */
        rq->client = clients_address(sv->clients, peer_of(c), NULL);
    if (rq->proxied)
        clients_request_end(sv->clients, rq->client);
    GDateTime *now = g_date_time_new_now_utc();
    char *ts = g_date_time_format_iso8601(now);
    fprintf(stderr, "%s %s \"%s\" %u %.1fms%s\n", ts, rq->client, rq->uri, rq->status,
            seconds * 1000, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    metrics_record(rq->route != NULL ? rq->route : "other", rq->status, seconds);
    g_free(ts);
    g_date_time_unref(now);
    request_free(rq);
    *state = NULL;
}

/* ---- Connections ---------------------------------------------------------------------- */

enum MHD_Result request_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    server *sv = cls;
    (void)len;
    return clients_may_connect(sv->clients, addr) ? MHD_YES : MHD_NO;
}

void request_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                        enum MHD_ConnectionNotificationCode toe)
{
    server *sv = cls;
    (void)socket_context;
    const struct sockaddr *peer = peer_of(c);
    if (peer == NULL)
        return;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        clients_connected(sv->clients, peer);
    else
        clients_disconnected(sv->clients, peer);
}
