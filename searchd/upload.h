/* upload.h - POST /api/documents: a report uploaded by the documentalist
 * (multipart/form-data: "file", and optional "title", "type", "themes",
 * "regions"), stored in the collection folder and indexed through the
 * same pipeline as any other file (veille-index, in its sandbox). */
#ifndef VEILLE_UPLOAD_H
#define VEILLE_UPLOAD_H

#include <glib.h>
#include "verr.h"
#include "multipart.h"
#include "vocab.h"

/* Largest file accepted. */
#define UPLOAD_MAX (50u * 1024u * 1024u)

typedef struct upload upload;

/* A new upload into folder dir (created if needed); NULL with err. */
upload *upload_new(const char *dir, verr *err);
/* What reads the form (multipart.h) into an upload given as user data:
 * one "file" part (a second is refused), each other field once, fields
 * of at most 4 KiB.  Its errors: VERR_NOMEM too large, VERR_IO a write
 * error, VERR_PARSE a malformed form. */
extern const multipart_handler upload_form;
/* Why the upload cannot go on, or NULL (the error upload_form gave). */
const verr *upload_failed(const upload *u);

/* Checks the file's type (415 if Veille cannot extract it: VERR_UNSUPPORTED),
 * runs indexer; a file of a known type that cannot be indexed (encrypted,
 * damaged: VERR_UNSUPPORTED with class "unindexable") is removed again;
 * moves it into the folder under a safe name, runs indexer (veille-index)
 * on it against db, then applies the metadata fields through
 * admin_patch.  OUT *id: the new document's id (caller frees). */
int upload_finish(upload *u, const char *indexer, const char *db, const struct vocab *v,
                  char **id, verr *err);

/* Removes the temporary files of uploads that a stopped daemon left in
 * dir (".upload-*" untouched for UPLOAD_STALE_S); returns how many. */
#define UPLOAD_STALE_S 600
unsigned upload_clean_stale(const char *dir);

/* Removes what is left of the upload (its temporary file) and frees it. */
void upload_free(upload *u);

#endif
