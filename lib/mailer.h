/* mailer.h - sending one e-mail through the sendmail interface (msmtp,
 * postfix, exim on a real server; a stand-in program in the tests).
 *
 * The program is run without a shell as `SENDMAIL -i -- RECIPIENT`, the
 * whole message (headers, blank line, body) on its standard input; it
 * holds nothing of the caller's (child.h) and is killed past
 * MAILER_TIMEOUT_S.  The message is built by mailer_message, which refuses
 * header values that could add headers (line breaks). */
#ifndef VEILLE_MAILER_H
#define VEILLE_MAILER_H

#include <glib.h>
#include "verr.h"

#define MAILER_TIMEOUT_S 30

/* Whether address looks like one mail can go to: local@domain, no space,
 * no line break, no angle bracket, at most 254 bytes. */
gboolean mailer_address_ok(const char *address);

/* A UTF-8 text/plain message from from to to, with subject and body, and
 * extra headers (NULL-terminated "Name: value" strings, may be NULL).
 * NULL when an address or a header holds a line break.  Caller frees. */
char *mailer_message(const char *from, const char *to, const char *subject, const char *body,
                     const char *const *headers);

/* Gives message to sendmail for to.  0, or -1 with err (the program could
 * not run, failed, or took too long). */
int mailer_send(const char *sendmail, const char *to, const char *message, verr *err);

#endif
