/* weburl.h - web addresses as Veille takes them: http or https, parsed
 * leniently, with their path and query left encoded (an old site's
 * "rapport%E9.pdf" is an address).  The one test of "is this a web
 * address" for the source addresses of documents (corrections, HTML
 * pages, the place a host names). */
#ifndef VEILLE_WEBURL_H
#define VEILLE_WEBURL_H

#include <glib.h>

/* s parsed when it is an http(s) address (its host may be empty: callers
 * that need one check it), else NULL.  Caller frees with g_uri_unref(). */
GUri *weburl_parse(const char *s);

#endif
