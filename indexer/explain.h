/* explain.h - `veille-index --explain FILE`: extracts one file (in the
 * sandbox), prepares it as an indexing run would (prepare.h: its catalogue
 * row, its stored correction, its tags), and prints each tag with its
 * score and evidence, for the documentalist.  Writes nothing. */
#ifndef VEILLE_EXPLAIN_H
#define VEILLE_EXPLAIN_H

#include <stdio.h>
#include "verr.h"

/* thesaurus: SKOS folder, or NULL to use the vocabulary stored in db.
 * catalogue: CSV, or NULL for the catalogue.csv beside the file, if any. */
int explain_file(const char *path, const char *thesaurus, const char *catalogue,
                 const char *db, FILE *out, verr *err);

#endif
