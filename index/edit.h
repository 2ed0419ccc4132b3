/* edit.h - the documentalist's edits of indexed documents, made through
 * the one writer (writer.h) and the one pipeline (prepare.h): a
 * correction, kept for every later run, and a deletion, whose file goes
 * to a trash folder beside it rather than away.  veille-index applies
 * them (apply.h) when the daemon queues them (pending.h). */
#ifndef VEILLE_EDIT_H
#define VEILLE_EDIT_H

#include "docmeta.h"
#include "tag.h"
#include "verr.h"
#include "writer.h"

/* The trash folder's name, in the deleted file's folder. */
#define EDIT_TRASH_DIR ".veille-corbeille"

/* Stores correction (correction_parse) for document id over its earlier
 * one and rebuilds the document from its stored record through the
 * pipeline (t NULL: no thesaurus).  VERR_NOTFOUND for an unknown id. */
int edit_correct(index_writer *w, const char *id, const docmeta *correction, const tagger *t,
                 verr *err);

/* Removes document id from the index and moves its file into the trash
 * folder (OUT *trashed, may be NULL: where it went; caller frees), its
 * copies' files too (copies.h: each into the trash folder beside it).
 * VERR_NOTFOUND for an unknown id. */
int edit_delete(index_writer *w, const char *id, char **trashed, verr *err);

#endif
