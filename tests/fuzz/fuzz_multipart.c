/* fuzz_multipart.c - the upload reader (searchd/multipart.c) on any body.
 * The input's first line is the Content-Type (its boundary), the rest the
 * body, fed in pieces whose sizes come from the input too.  Checks: no
 * crash or leak; a refusal is a French UTF-8 message, and the reader
 * stays refused; parts begin and end in pairs, with UTF-8 names; and when
 * the body is accepted, reading it again in one piece gives the same
 * parts and contents. */
#include "fuzzutil.h"
#include "multipart.h"

#include <string.h>

typedef struct {
    GString *log;
    int open;          /* parts begun and not ended */
} sink;

static int on_begin(void *ud, const char *name, const char *filename, verr *err)
{
    sink *s = ud;
    (void)err;
    FUZZ_CHECK(s->open == 0, "a part begins inside another");
    fuzz_check_utf8("name", name);
    if (filename != NULL)
        fuzz_check_utf8("filename", filename);
    g_string_append_printf(s->log, "[%s|%s]", name, filename != NULL ? filename : "");
    s->open = 1;
    return 0;
}

static int on_data(void *ud, const char *data, size_t len, verr *err)
{
    sink *s = ud;
    (void)err;
    FUZZ_CHECK(s->open == 1, "content outside a part");
    g_string_append_len(s->log, data, (gssize)len);
    return 0;
}

static int on_end(void *ud, verr *err)
{
    sink *s = ud;
    (void)err;
    FUZZ_CHECK(s->open == 1, "a part ends that did not begin");
    g_string_append_c(s->log, ';');
    s->open = 0;
    return 0;
}

static const multipart_handler handler = { on_begin, on_data, on_end };

/* Reads body (len bytes) in pieces cut at the given steps (cycled; NULL:
 * one piece); returns the log, or NULL when refused. */
static char *read_body(const char *type, const char *body, size_t len, const uint8_t *steps,
                       size_t nsteps)
{
    sink s = { g_string_new(NULL), 0 };
    verr err;
    verr_clear(&err);
    multipart *mp = multipart_new(type, &handler, &s, &err);
    int rc = mp != NULL ? 0 : -1;
    for (size_t off = 0, i = 0; rc == 0 && off < len; i++) {
        size_t n = steps != NULL && nsteps > 0 ? 1u + (size_t)(steps[i % nsteps] % 64) : len;
        n = MIN(n, len - off);
        rc = multipart_feed(mp, body + off, n, &err);
        off += n;
    }
    if (rc == 0)
        rc = multipart_finish(mp, &err);
    if (rc != 0) {
        fuzz_check_utf8("refusal", err.msg);
        FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
        if (mp != NULL)
            FUZZ_CHECK(multipart_feed(mp, "x", 1, NULL) != 0, "a refused reader reads on");
    } else {
        FUZZ_CHECK(s.open == 0, "the body ended inside a part");
    }
    multipart_free(mp);
    if (rc != 0) {
        g_string_free(s.log, TRUE);
        return NULL;
    }
    return g_string_free(s.log, FALSE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (nl == NULL)
        return 0;
    char *type = g_strndup((const char *)data, (gsize)(nl - data));
    const char *body = (const char *)nl + 1;
    size_t len = size - (size_t)(nl + 1 - data);
    char *pieces = read_body(type, body, len, data, (size_t)(nl - data));
    char *whole = read_body(type, body, len, NULL, 0);
    FUZZ_CHECK((pieces == NULL) == (whole == NULL), "accepted in %s only",
               pieces != NULL ? "pieces" : "one piece");
    if (pieces != NULL)
        FUZZ_CHECK(strcmp(pieces, whole) == 0, "pieces and one piece read differently");
    g_free(pieces);
    g_free(whole);
    g_free(type);
    return 0;
}
