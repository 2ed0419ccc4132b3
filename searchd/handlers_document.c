/* handlers_document.c - a document's record, its reading (text, passages,
 * neighbours) and its original file (handlers.h). */
#include "handlers.h"
#include "document.h"
#include "http.h"
#include "params.h"
#include "reading.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* GET /api/documents/{id}: metadata and tags with their evidence. */
enum MHD_Result handle_document(server *sv, request *rq, const char *url, const char *id)
{
    verr err;
    (void)url;
    searcher *s = server_searcher(sv, &err);
    char *json = s != NULL ? document_json(s, id, &err) : NULL;
    if (json == NULL)
        return http_send_verr(rq, &err);
    return http_send_json(rq, MHD_HTTP_OK, json);
}

/* GET /api/documents/{id}/reading?q=: the beginning of its text, the
 * passages with q's words, the documents most like it (reading.h). */
enum MHD_Result handle_document_reading(server *sv, request *rq, const char *url, const char *id)
{
    verr err;
    (void)url;
    const char *q = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "q");
    if (q != NULL && (strlen(q) > PARAMS_Q_LEN || !g_utf8_validate(q, -1, NULL)))
        return http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                               "paramètre q : texte UTF-8 de 1000 octets au plus");
    searcher *s = server_searcher(sv, &err);
    char *json = s != NULL ? reading_json(s, id, q, &err) : NULL;
    if (json == NULL)
        return http_send_verr(rq, &err);
    return http_send_json(rq, MHD_HTTP_OK, json);
}

/* The open regular file fd (taken) as the answer, named after path: to
 * download, or shown by the browser when inline (PDF only: a browser
 * would run the scripts of an HTML file on this site's origin). */
static enum MHD_Result send_file(request *rq, int fd, const struct stat *st, const char *path,
                                 const char *mime, gboolean inline_view)
{
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st->st_size, fd);
    char *base = g_path_get_basename(path);
    char *escaped = g_uri_escape_string(base, NULL, FALSE);
    gboolean shown = inline_view && g_strcmp0(mime, "application/pdf") == 0;
    char *disposition = g_strdup_printf("%s; filename*=UTF-8''%s", shown ? "inline" : "attachment",
                                        escaped);
    MHD_add_response_header(r, "Content-Type", mime);
    MHD_add_response_header(r, "Content-Disposition", disposition);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = http_queue(rq, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    g_free(disposition);
    g_free(escaped);
    g_free(base);
    return ret;
}

/* GET /documents/{id}/file: the original file, to download; with
 * ?inline=1 a PDF opens in the browser (the result links add #page=N).
 * The path comes from the index, never from the request. */
enum MHD_Result handle_document_file(server *sv, request *rq, const char *url, const char *id)
{
    verr err;
    char *path = NULL, *mime = NULL;
    enum MHD_Result ret;
    (void)url;
    searcher *s = server_searcher(sv, &err);
    if (s == NULL || document_file(s, id, &path, &mime, &err) != 0)
        return http_send_verr(rq, &err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        ret = http_send_error(rq, MHD_HTTP_NOT_FOUND, "not_found", "fichier absent du disque");
    } else {
        const char *shown = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "inline");
        ret = send_file(rq, fd, &st, path, mime, g_strcmp0(shown, "1") == 0);
    }
    g_free(path);
    g_free(mime);
    return ret;
}
