/* multipart.c - streaming multipart/form-data reader (multipart.h).
 *
 * The body is read as if it started with CRLF, so that every delimiter,
 * the first one included, is CRLF "--" boundary.  States: before the
 * first delimiter (the preamble, ignored), just after a delimiter ("--"
 * closes the body, CRLF opens a part), a part's headers, its content, and
 * after the closing delimiter (the epilogue, ignored). */
#include "multipart.h"

#include <string.h>

typedef enum { PREAMBLE, AFTER_DELIMITER, HEADERS, CONTENT, EPILOGUE, FAILED } state;

struct multipart {
    const multipart_handler *h;
    void *ud;
    char *delimiter;     /* CRLF "--" boundary */
    size_t delimiter_len;
    state st;
    GByteArray *buf;     /* bytes not consumed yet */
    verr failure;
};

/* The value of parameter name in a header value's "; name=value" list
 * (quoted or not), or NULL.  Caller frees. */
static char *header_param(const char *value, const char *name)
{
    const char *p = strchr(value, ';');
    size_t nlen = strlen(name);
    while (p != NULL) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (g_ascii_strncasecmp(p, name, nlen) == 0 && p[nlen] == '=') {
            p += nlen + 1;
            GString *out = g_string_new(NULL);
            if (*p == '"') {
                for (p++; *p != '\0' && *p != '"'; p++) {
                    if (*p == '\\' && p[1] != '\0')
                        p++;
                    g_string_append_c(out, *p);
                }
                if (*p != '"') { /* unterminated */
                    g_string_free(out, TRUE);
                    return NULL;
                }
            } else {
                for (; *p != '\0' && *p != ';' && *p != ' ' && *p != '\t'; p++)
                    g_string_append_c(out, *p);
            }
            return g_string_free(out, FALSE);
        }
        /* skip this parameter, quotes included */
        gboolean quoted = FALSE;
        for (; *p != '\0' && (quoted || *p != ';'); p++) {
            if (*p == '\\' && quoted && p[1] != '\0')
                p++;
            else if (*p == '"')
                quoted = !quoted;
        }
        p = *p == ';' ? p : NULL;
    }
    return NULL;
}

multipart *multipart_new(const char *content_type, const multipart_handler *h, void *ud,
                         verr *err)
{
    if (content_type == NULL ||
        g_ascii_strncasecmp(content_type, "multipart/form-data", strlen("multipart/form-data")) != 0) {
        verr_set(err, VERR_UNSUPPORTED, "multipart", "corps attendu en multipart/form-data");
        return NULL;
    }
    char *boundary = header_param(content_type, "boundary");
    size_t blen = boundary != NULL ? strlen(boundary) : 0;
    if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX || strpbrk(boundary, "\r\n") != NULL) {
        verr_set(err, VERR_PARSE, "multipart", "multipart/form-data sans délimiteur valide "
                 "(boundary de 1 à %d caractères)", MULTIPART_BOUNDARY_MAX);
        g_free(boundary);
        return NULL;
    }
    multipart *mp = g_new0(multipart, 1);
    mp->h = h;
    mp->ud = ud;
    mp->delimiter = g_strconcat("\r\n--", boundary, NULL);
    mp->delimiter_len = strlen(mp->delimiter);
    mp->buf = g_byte_array_new();
    g_byte_array_append(mp->buf, (const guint8 *)"\r\n", 2);
    g_free(boundary);
    return mp;
}

void multipart_free(multipart *mp)
{
    if (mp == NULL)
        return;
    g_byte_array_unref(mp->buf);
    g_free(mp->delimiter);
    g_free(mp);
}

static int fail(multipart *mp, const verr *why)
{
    mp->failure = *why;
    mp->st = FAILED;
    return -1;
}

static int fail_parse(multipart *mp, const char *message)
{
    verr e;
    verr_set(&e, VERR_PARSE, "multipart", "%s", message);
    return fail(mp, &e);
}

/* Where the delimiter starts in the buffer, or -1. */
static gssize find_delimiter(const multipart *mp)
{
    const guint8 *hit = memmem(mp->buf->data, mp->buf->len, mp->delimiter, mp->delimiter_len);
    return hit != NULL ? hit - mp->buf->data : -1;
}

/* One part's header block (without its final empty line): opens the part. */
static int begin_part(multipart *mp, char *block)
{
    char *name = NULL, *filename = NULL;
    gboolean disposition = FALSE;
    int rc = -1;
    char **lines = g_strsplit(block, "\r\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        char *colon = strchr(*l, ':');
        if (**l == ' ' || **l == '\t' || colon == NULL || colon == *l) {
            fail_parse(mp, "en-tête de partie mal formé");
            goto cleanup;
        }
        *colon = '\0';
        const char *value = colon + 1;
        while (*value == ' ' || *value == '\t')
            value++;
        if (g_ascii_strcasecmp(*l, "Content-Disposition") != 0)
            continue;
        if (disposition) {
            fail_parse(mp, "partie avec deux Content-Disposition");
            goto cleanup;
        }
        disposition = TRUE;
        if (g_ascii_strncasecmp(value, "form-data", 9) != 0 ||
            (value[9] != '\0' && value[9] != ';' && value[9] != ' ')) {
            fail_parse(mp, "partie qui n'est pas « form-data »");
            goto cleanup;
        }
        name = header_param(value, "name");
        filename = header_param(value, "filename");
    }
    if (!disposition) {
        fail_parse(mp, "partie sans en-tête Content-Disposition");
        goto cleanup;
    }
    if (name == NULL || *name == '\0' || !g_utf8_validate(name, -1, NULL) ||
        (filename != NULL && !g_utf8_validate(filename, -1, NULL))) {
        fail_parse(mp, "partie sans nom de champ (name) ou nom non UTF-8");
        goto cleanup;
    }
    verr e;
    verr_clear(&e);
    rc = mp->h->part_begin(mp->ud, name, filename, &e) == 0 ? 0 : fail(mp, &e);
cleanup:
    g_strfreev(lines);
    g_free(name);
    g_free(filename);
    return rc;
}

/* Hands n bytes of content to the handler and drops them from the buffer. */
static int emit(multipart *mp, size_t n)
{
    verr e;
    verr_clear(&e);
    if (n > 0 && mp->h->part_data(mp->ud, (const char *)mp->buf->data, n, &e) != 0)
        return fail(mp, &e);
    g_byte_array_remove_range(mp->buf, 0, (guint)n);
    return 0;
}

/* Consumes what the buffer allows in the current state; 0 when it needs
 * more bytes, -1 on failure. */
static int step(multipart *mp, gboolean *progress)
{
    *progress = FALSE;
    switch (mp->st) {
    case PREAMBLE: {
        gssize at = find_delimiter(mp);
        if (at < 0) { /* keep what could be the start of a delimiter */
            if (mp->buf->len > mp->delimiter_len)
                g_byte_array_remove_range(mp->buf, 0, mp->buf->len - (guint)mp->delimiter_len);
            return 0;
        }
        g_byte_array_remove_range(mp->buf, 0, (guint)(at + (gssize)mp->delimiter_len));
        mp->st = AFTER_DELIMITER;
        break;
    }
    case AFTER_DELIMITER:
        if (mp->buf->len < 2)
            return 0;
        if (memcmp(mp->buf->data, "--", 2) == 0) {
            mp->st = EPILOGUE;
        } else if (memcmp(mp->buf->data, "\r\n", 2) == 0) {
            mp->st = HEADERS;
        } else {
            return fail_parse(mp, "délimiteur multipart suivi de caractères inattendus");
        }
        g_byte_array_remove_range(mp->buf, 0, 2);
        break;
    case HEADERS: {
        const guint8 *end = memmem(mp->buf->data, mp->buf->len, "\r\n\r\n", 4);
        gsize n = end != NULL ? (gsize)(end - mp->buf->data) : mp->buf->len;
        if (n > MULTIPART_HEADERS_MAX)
            return fail_parse(mp, "en-têtes de partie trop longs");
        if (end == NULL)
            return 0;
        char *block = g_strndup((const char *)mp->buf->data, n);
        gboolean nul = strlen(block) != n;
        int rc = nul ? fail_parse(mp, "en-tête de partie mal formé") : begin_part(mp, block);
        g_free(block);
        if (rc != 0)
            return -1;
        g_byte_array_remove_range(mp->buf, 0, (guint)(n + 4));
        mp->st = CONTENT;
        break;
    }
    case CONTENT: {
        gssize at = find_delimiter(mp);
        if (at < 0) { /* all but what could be the start of a delimiter */
            gsize keep = mp->delimiter_len - 1;
            return mp->buf->len > keep ? emit(mp, mp->buf->len - keep) : 0;
        }
        if (emit(mp, (size_t)at) != 0)
            return -1;
        verr e;
        verr_clear(&e);
        if (mp->h->part_end(mp->ud, &e) != 0)
            return fail(mp, &e);
        g_byte_array_remove_range(mp->buf, 0, (guint)mp->delimiter_len);
        mp->st = AFTER_DELIMITER;
        break;
    }
    case EPILOGUE:
        g_byte_array_set_size(mp->buf, 0);
        return 0;
    case FAILED:
        return -1;
    }
    *progress = TRUE;
    return 0;
}

int multipart_feed(multipart *mp, const char *data, size_t len, verr *err)
{
    if (mp->st == FAILED) {
        if (err != NULL)
            *err = mp->failure;
        return -1;
    }
    if (mp->st != EPILOGUE)
        g_byte_array_append(mp->buf, (const guint8 *)data, (guint)len);
    gboolean progress = TRUE;
    while (progress)
        if (step(mp, &progress) != 0) {
            if (err != NULL)
                *err = mp->failure;
            return -1;
        }
    return 0;
}

int multipart_finish(multipart *mp, verr *err)
{
    if (mp->st == FAILED) {
        if (err != NULL)
            *err = mp->failure;
        return -1;
    }
    if (mp->st != EPILOGUE) {
        fail_parse(mp, "corps multipart incomplet : délimiteur final absent");
        if (err != NULL)
            *err = mp->failure;
        return -1;
    }
    return 0;
}
