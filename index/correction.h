/* correction.h - the documentalist's corrections (title, type, themes,
 * regions) of one document, kept in the index's metadata under
 * META_CORRECTION_PREFIX + id, so that every later indexing run applies
 * them again (after the catalogue: corrections win). */
#ifndef VEILLE_CORRECTION_H
#define VEILLE_CORRECTION_H

#include "docmeta.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* The metadata key of id's correction.  Caller frees. */
char *correction_key(const char *id);

/* The stored correction of id (only its corrected fields set, listed in
 * manual), or NULL when there is none (err untouched) or on error. */
docmeta *correction_load(const xap_db *db, const char *id, verr *err);

/* Applies id's stored correction, if any, to m.  Returns 0, or non-zero
 * with err when the index cannot be read. */
int correction_apply(const xap_db *db, const char *id, docmeta *m, verr *err);

/* Reads a correction sent by the documentalist: a JSON object with any of
 * "title" and "type" (text of 1 to 500 bytes), "themes" and "regions"
 * (lists of labels); each field given is listed in manual.  NULL with err
 * (VERR_PARSE, a French message naming the field) for anything else. */
docmeta *correction_parse(const char *json, verr *err);

#endif
