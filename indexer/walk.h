/* walk.h - finds the files to index under the paths given on the command
 * line.  Hidden files and folders (".name") are skipped, symbolic links to
 * folders are not followed (no loops), and a "catalogue.csv" at the top of
 * a folder given on the command line is taken as that folder's catalogue
 * instead of a document.
 *
 * A folder may hold a ".veille-ignore" file: one glob pattern per line
 * ('#' starts a comment), matched against the names of the entries of that
 * folder and of every folder below it; a matching file or folder is not
 * indexed (e.g. "src", "*.tmp", "brouillons"). */
#ifndef VEILLE_WALK_H
#define VEILLE_WALK_H

#include <glib.h>
#include "verr.h"

typedef struct {
    char *path;      /* absolute, canonical */
    gint64 size;
    gint64 mtime;
} walked_file;

typedef struct {
    GPtrArray *files;       /* of walked_file *, owned, sorted by path */
    GPtrArray *catalogues;  /* of char * (CSV paths), owned */
    GPtrArray *problems;    /* of char *: unreadable paths, French */
} walk_result;

/* Walks every path in inputs; skip_dir (may be NULL), the index's own
 * folder, is never entered, nor what lives beside it under its name
 * (skip_dir.arrivals, skip_dir.alerts/...).  Unreadable entries go to problems.  Returns
 * 0, or non-zero with err set when an input does not exist. */
int walk_inputs(const char *const *inputs, const char *skip_dir, walk_result *out, verr *err);
void walk_result_clear(walk_result *r);

#endif
