/* arrivals.h - when each content first entered the collection, kept
 * beside the index (DB.arrivals: "sha256<TAB>added" lines, appended), so
 * that rebuilding the index, by hand or for a new schema, does not make
 * every document new to the feeds and the alerts.  The one writer owns it
 * (writer.h); the preparation pipeline reads and extends it (prepare.c). */
#ifndef VEILLE_ARRIVALS_H
#define VEILLE_ARRIVALS_H

#include <glib.h>
#include "verr.h"

typedef struct arrivals arrivals;

/* The ledger of the index at db_path (read at the first lookup). */
arrivals *arrivals_open(const char *db_path);
void arrivals_free(arrivals *a);

/* When content sha256 first arrived ("YYYY-MM-DDThh:mm:ssZ"), or NULL.
 * Borrowed from a. */
const char *arrivals_lookup(arrivals *a, const char *sha256);

/* Records that sha256 arrived at added, unless it is known.  0, or -1
 * with err (the ledger cannot be written: the index still is). */
int arrivals_remember(arrivals *a, const char *sha256, const char *added, verr *err);

#endif
