/* jsonutil.h - small helpers over json-glib shared by every module that
 * writes JSON. */
#ifndef VEILLE_JSONUTIL_H
#define VEILLE_JSONUTIL_H

#include <json-glib/json-glib.h>

/* The compact JSON text of what b built; b is released (invalidates b).
 * Caller frees the result with g_free(). */
char *jsonutil_finish(JsonBuilder *b);

/* Adds member name: value as a string, or null when value is NULL. */
void jsonutil_add_string(JsonBuilder *b, const char *name, const char *value);

/* Adds member name: value as an integer. */
void jsonutil_add_int(JsonBuilder *b, const char *name, gint64 value);

/* Adds member name: an array of values' strings (of char *). */
void jsonutil_add_strings(JsonBuilder *b, const char *name, const GPtrArray *values);

/* The same, leaving the member out when value is NULL or values empty
 * (compact stored forms: the compiled vocabulary, queued requests). */
void jsonutil_add_string_if_set(JsonBuilder *b, const char *name, const char *value);
void jsonutil_add_strings_if_any(JsonBuilder *b, const char *name, const GPtrArray *values);
/* Adds member name: an array of values' ints (a GArray of int), left out
 * when values is NULL or empty. */
void jsonutil_add_ints_if_any(JsonBuilder *b, const char *name, const GArray *values);

#endif
