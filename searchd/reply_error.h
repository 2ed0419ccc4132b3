/* reply_error.h - what a client is told of a failure: an HTTP status, a
 * short code for programs and a French message for people.
 *
 * Our own messages (a bad parameter, an unknown document, a time limit)
 * go out as they are.  An index that is missing, damaged or of another
 * version gives 503 and a French reason that names no path; anything
 * else is a 500 whose detail goes only to the server's log. */
#ifndef VEILLE_REPLY_ERROR_H
#define VEILLE_REPLY_ERROR_H

#include <glib.h>
#include "verr.h"

typedef struct {
    unsigned status;            /* HTTP status */
    const char *code;           /* "bad_request", "index_unavailable"...: static */
    char message[VERR_MSG_LEN]; /* French, UTF-8 */
    gboolean log_detail;        /* err's own text is for the log, not the client */
} reply_error;

/* Fills out for err (which must hold a failure). */
void reply_error_for(const verr *err, reply_error *out);

/* Whether err says the index cannot be opened or read (missing, damaged,
 * of another version): what /healthz reports as unavailable. */
gboolean reply_error_is_index(const verr *err);

#endif
