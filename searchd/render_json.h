/* render_json.h - the API's JSON answers: a search result
 * (search_result.h), a document's record (GET /api/documents/{id}) and
 * the vocabulary (GET /api/thesaurus).  Every string returned is new and
 * the caller's to free (g_free or free). */
#ifndef VEILLE_RENDER_JSON_H
#define VEILLE_RENDER_JSON_H

#include <glib.h>
#include "docmeta.h"
#include "search_result.h"
#include "vocab.h"

/* The answer to a search but its time: {"total", "total_exact", "page",
 * "per_page", "query", "did_you_mean", "expansions", "results",
 * "facets"}, a JSON object to finish with render_json_timed. */
char *render_json_search(const search_result *r);

/* body (a JSON object, as render_json_search gives it) with "took_ms"
 * added as its last member, and "cached": true after it when cached. */
char *render_json_timed(const char *body, double took_ms, gboolean cached);

/* A document's record for the documentalist: its public fields (never
 * its path: ids are opaque), metadata, manual fields, every tag with
 * its evidence and score, and the link to its file. */
char *render_json_document(const docmeta *m);

/* The vocabulary for facet trees: themes (with narrower ids) and
 * regions, French labels.  v may be NULL (empty lists). */
char *render_json_thesaurus(const vocab *v);

#endif
