/* multipart.h - a strict, streaming reader of multipart/form-data bodies
 * (RFC 7578 over RFC 2046), fed in pieces as they arrive.
 *
 * Every part must carry "Content-Disposition: form-data" with a name;
 * header blocks are at most MULTIPART_HEADERS_MAX bytes; the body must
 * end with the closing delimiter.  Anything else is refused with a French
 * message (VERR_PARSE), and the reader stays failed.  Part contents go to
 * the handler as they come, never held whole.  Knows nothing of HTTP:
 * the fuzzer (tests/fuzz/fuzz_multipart.c) drives it directly. */
#ifndef VEILLE_MULTIPART_H
#define VEILLE_MULTIPART_H

#include <glib.h>
#include "verr.h"

#define MULTIPART_HEADERS_MAX 8192
#define MULTIPART_BOUNDARY_MAX 70

/* Called as parts are read; each returns 0, or -1 with err to stop the
 * reading (the reader is then failed with that err).  name and filename
 * (NULL when the part has none) are borrowed for the call. */
typedef struct {
    int (*part_begin)(void *ud, const char *name, const char *filename, verr *err);
    int (*part_data)(void *ud, const char *data, size_t len, verr *err);
    int (*part_end)(void *ud, verr *err);
} multipart_handler;

typedef struct multipart multipart;

/* A reader for a body of content_type (the request's Content-Type), or
 * NULL with err when that is not multipart/form-data with a valid
 * boundary.  h and ud are borrowed for the reader's life. */
multipart *multipart_new(const char *content_type, const multipart_handler *h, void *ud,
                         verr *err);
/* Reads the next len bytes of the body; -1 with err once it has failed. */
int multipart_feed(multipart *mp, const char *data, size_t len, verr *err);
/* The body is over: -1 with err unless it ended with its closing
 * delimiter and the reader never failed. */
int multipart_finish(multipart *mp, verr *err);
void multipart_free(multipart *mp);

#endif
