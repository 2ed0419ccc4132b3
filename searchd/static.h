/* static.h - the web pages, scripts and styles of web/, served as they are.
 *
 * Only fixed addresses map to files: "/" (index.html), "/admin"
 * (admin.html), "/widget.js", and "/static/NAME" where NAME is made of
 * [a-z0-9-] with an extension .js, .css, .svg or .html; no other part of a
 * request reaches the file system. */
#ifndef VEILLE_STATIC_H
#define VEILLE_STATIC_H

#include <glib.h>
#include "verr.h"

/* The folder of the web files: dir if given, else ./web when it holds
 * index.html (a source tree), else the installed share/veille/web
 * (datadir.h).  A line on stderr says when the folder found has no
 * index.html, or when none was found (the compiled path is then returned,
 * and pages answer 404).  Never NULL; caller frees. */
char *static_dir(const char *dir);

/* Room for the longest file name static_file_for gives. */
#define STATIC_NAME_MAX 128

/* The file name url maps to, copied into buf (size bytes), or NULL when
 * url is not a static address or its name does not fit. */
const char *static_file_for(const char *url, char *buf, gsize size);

/* Reads name from dir: OUT *body (caller frees), *len, *type (static
 * string).  Errors: VERR_NOTFOUND, VERR_IO. */
int static_read(const char *dir, const char *name, char **body, gsize *len, const char **type,
                verr *err);

#endif
