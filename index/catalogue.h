/* catalogue.h - the documentalist's catalogue: a CSV mapping files to
 * their manual metadata (title, authors, organisation, date, type,
 * themes, regions, source URL, summary, keywords).
 *
 * Columns are recognised by their header, in French or English, with or
 * without accents ("fichier"/"file", "titre"/"title", "thèmes"/"themes",
 * "régions"/"regions", "résumé"/"summary" ...).  Multi-valued cells
 * (authors, themes, regions) separate values with '|'.  Paths are
 * relative to the folder holding the CSV.  Catalogue values win over
 * extracted ones and are marked manual (docmeta.manual). */
#ifndef VEILLE_CATALOGUE_H
#define VEILLE_CATALOGUE_H

#include "docmeta.h"
#include "tag.h"
#include "verr.h"

typedef struct {
    char *path;       /* absolute path of the file it describes */
    guint line;       /* line in the CSV */
    docmeta *meta;    /* only the catalogue's fields are set */
    char *hash;       /* digest of the row: changes when the row changes */
} catalogue_entry;

typedef struct catalogue catalogue;

catalogue *catalogue_new(void);
void catalogue_free(catalogue *c);

/* With a tagger (borrowed until the last catalogue_load; NULL: none),
 * theme and region values the thesaurus does not know are reported as
 * rows are loaded (they still apply, as manual tags). */
void catalogue_set_tagger(catalogue *c, const tagger *t);

/* Reads csv_path (UTF-8 or Windows-1252, ';' or ',').  Every problem of
 * a row is appended to problems (char *, "FILE:LINE: reason", French, in
 * line order): a missing file, a bad date or URL, an unknown theme...
 * A row whose file cannot be used, with too many cells, or with broken
 * quotes (csv.h: reading resumes at the next line) is skipped; a bad cell
 * alone is left out of its row; the good rows still apply.  Returns 0, or
 * non-zero with err set when the file cannot be read, is empty, or its
 * header is unreadable or has no file column. */
int catalogue_load(catalogue *c, const char *csv_path, GPtrArray *problems, verr *err);

/* catalogue_load over the file's bytes, already read (len of them, not
 * necessarily NUL-terminated): csv_path only names the file in problems
 * and gives the folder rows' paths are relative to. */
int catalogue_load_bytes(catalogue *c, const char *csv_path, const char *bytes, gsize len,
                         GPtrArray *problems, verr *err);

/* The entry for an absolute path, or NULL.  Borrowed from c. */
const catalogue_entry *catalogue_lookup(const catalogue *c, const char *abs_path);

/* Number of entries loaded. */
guint catalogue_size(const catalogue *c);

/* Copies the entry's fields over m's and marks them manual. */
void catalogue_apply(const catalogue_entry *e, docmeta *m);

#endif
