/* correction.h - the documentalist's corrections (title, type, date,
 * authors, organisation, summary, source address, themes, regions) of one
 * document, kept
 * in the index's metadata under META_CORRECTION_PREFIX + id, so that
 * every later indexing run applies them again (after the catalogue:
 * corrections win). */
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
 *   "title", "type", "organisation"  text of 1 to 500 bytes;
 *   "summary"                        text of 1 to 5000 bytes (newlines kept);
 *   "date"                           a date as a person writes it ("2012-03-05",
 *                                    "05/03/2012", "mars 2012", "2012"), stored
 *                                    as docmeta_parse_date gives it;
 *   "authors"                        a list of names of 1 to 500 bytes each (an
 *                                    empty list clears the extracted ones);
 *   "source_url"                     the http(s) address the document was found
 *                                    at, of 1 to 2000 bytes (the tagger reads the
 *                                    place of its site: source_place.h); ""
 *                                    clears the extracted one;
 *   "themes", "regions"              lists of labels (or concept ids).
 * Each field given is listed in manual under its docmeta name (doctype for
 * type), which docmeta_overlay copies.  Caller frees.  NULL with err
 * (VERR_PARSE, a French message naming the field) for anything else. */
docmeta *correction_parse(const char *json, verr *err);

#endif
