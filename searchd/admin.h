/* admin.h - the documentalist's endpoints, behind a token.
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

/* Removes document id from the index.  Its file is moved first to a
 * ".veille-corbeille" folder beside it (hidden folders are not indexed),
 * so nothing is lost and the next indexing run does not bring it back.
 * OUT *moved_to (may be NULL): where the file went; caller frees.
 * Errors: VERR_NOTFOUND, VERR_LOCKED (the indexer is writing: retry),
 * VERR_IO. */
int admin_delete(const char *db_path, const char *id, char **moved_to, verr *err);

/* Applies the documentalist's corrections in json (an object with any of
 * "title", "type" (strings), "themes", "regions" (arrays of labels or
 * ids)) to document id: stored for later indexing runs, and the document
 * is rewritten and re-tagged now with v (may be NULL).  Errors:
 * VERR_PARSE (bad JSON, with what is wrong), VERR_NOTFOUND, VERR_LOCKED. */
struct vocab;
int admin_patch(const char *db_path, const char *id, const char *json,
                const struct vocab *v, verr *err);

/* The state of indexing for the documentalist's page, as JSON:
 * {"documents": N, "runs": [the last runs' summaries, newest first],
 *  "failed": [{"id", "path", "reason", ...}, ...]}.  Caller frees. */
char *admin_status_json(const char *db_path, verr *err);

#endif
