/* verr.h - the error object every Veille function fills on failure.
 *
 * A verr is owned by the caller (usually on the stack) and may be NULL when
 * the caller does not care why something failed.  Filling it never
 * allocates, so it works on out-of-memory paths too.  Functions that fail
 * return a non-zero status or NULL and describe the failure here. */
#ifndef VEILLE_VERR_H
#define VEILLE_VERR_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    VERR_OK = 0,
    VERR_IO,          /* file system or system call failure */
    VERR_PARSE,       /* malformed input: query, CSV, XML, PDF ... */
    VERR_NOTFOUND,    /* no such file, document or key */
    VERR_LOCKED,      /* another process holds the write lock */
    VERR_MODIFIED,    /* database changed under a reader: reopen and retry */
    VERR_INVALID,     /* bad argument or use of a closed object */
    VERR_NOMEM,       /* allocation failed */
    VERR_TIMEOUT,     /* a time limit ran out */
    VERR_UNSUPPORTED, /* a file type or feature we do not handle */
    VERR_INTERNAL,    /* anything else */
    VERR_CANCELLED,   /* the one who asked has gone: nobody wants the answer */
    VERR_NETWORK      /* a remote database (a shard's server) stopped answering */
} verr_code;

#define VERR_CLASS_LEN 48
#define VERR_MSG_LEN 512

typedef struct verr {
    verr_code code;             /* VERR_OK when nothing failed */
    char cls[VERR_CLASS_LEN];   /* origin, e.g. Xapian's "DatabaseLockError" */
    char msg[VERR_MSG_LEN];     /* human-readable reason, UTF-8, cut between characters */
} verr;

/* Resets err to "no error".  err may be NULL. */
void verr_clear(verr *err);

/* Fills err (if non-NULL) with code, class and a printf-style message;
 * one longer than VERR_MSG_LEN is cut on a character boundary and ends
 * with "…" (messages are UTF-8). */
void verr_set(verr *err, verr_code code, const char *cls, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* Copies a GError's message into err; the GError is not freed. */
void verr_from_gerror(verr *err, verr_code code, const GError *gerr);

/* A short English name for a code ("io", "parse" ...). Static string. */
const char *verr_code_name(verr_code code);
/* The code named name (verr_code_name's); VERR_INTERNAL if none is. */
verr_code verr_code_from_name(const char *name);

G_END_DECLS

#endif
