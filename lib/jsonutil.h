/* jsonutil.h - small helpers over json-glib shared by every module that
 * writes JSON. */
#ifndef VEILLE_JSONUTIL_H
#define VEILLE_JSONUTIL_H

#include <json-glib/json-glib.h>

/* The compact JSON text of what b built; b is released (invalidates b).
 * Caller frees the result with g_free(). */
char *jsonutil_finish(JsonBuilder *b);

#endif
