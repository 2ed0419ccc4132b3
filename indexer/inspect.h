/* inspect.h - what the index holds, for a person: `veille-index --stats`,
 * `--list` and `--show ID|PATH`.  Output in French on out; each returns 0,
 * or non-zero with err set (index missing, document unknown). */
#ifndef VEILLE_INSPECT_H
#define VEILLE_INSPECT_H

#include <stdio.h>
#include "verr.h"

int inspect_stats(const char *db_path, FILE *out, verr *err);
int inspect_list(const char *db_path, FILE *out, verr *err);
int inspect_show(const char *db_path, const char *id_or_path, FILE *out, verr *err);

#endif
