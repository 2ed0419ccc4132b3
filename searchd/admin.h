/* admin.h - the documentalist's token, and the state of the index for
 * her page.  Her writes are queued for veille-index (submit.h).
 *
 * The token comes from the configuration ([admin] token) or the
 * environment (VEILLE_ADMIN_TOKEN); without one these endpoints are off.
 * Requests carry "Authorization: Bearer TOKEN", compared in constant time. */
#ifndef VEILLE_ADMIN_H
#define VEILLE_ADMIN_H

#include <glib.h>
#include "verr.h"

/* Whether the Authorization header value (may be NULL) carries token. */
gboolean admin_authorised(const char *authorization, const char *token);

/* The state of indexing for the documentalist's page, as JSON:
 * {"documents": N, "runs": [the last runs' summaries, newest first],
 *  "failed": [{"id", "path", "reason", ...}, ...],
 *  "pending": [{"request", "kind", "document", "file", "queued"}, ...]: her
 *  writes waiting for the index, "applied": [the last outcomes, newest
 *  first: pending.h]}.  Caller frees. */
char *admin_status_json(const char *db_path, verr *err);

#endif
