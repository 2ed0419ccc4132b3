/* upload.h - POST /api/documents: a report uploaded by the documentalist
 * (multipart/form-data: "file", and optional "title", "type", "themes",
 * "regions"), stored in the collection folder and indexed through the
 * same pipeline as any other file (veille-index, in its sandbox). */
#ifndef VEILLE_UPLOAD_H
#define VEILLE_UPLOAD_H

#include <glib.h>
#include "verr.h"
#include "vocab.h"

/* Largest file accepted. */
#define UPLOAD_MAX (50u * 1024u * 1024u)

typedef struct upload upload;

/* A new upload into folder dir (created if needed); NULL with err. */
upload *upload_new(const char *dir, verr *err);
/* Feeds one piece of a multipart field; returns FALSE to stop (too large,
 * write error: see upload_failed). */
gboolean upload_feed(upload *u, const char *key, const char *filename, const char *data,
                     size_t size);
/* Why the upload cannot go on, or NULL.  HTTP-ish: err.code VERR_NOMEM
 * means too large, VERR_IO a write error. */
const verr *upload_failed(const upload *u);

/* Checks the file's type (415 if Veille cannot extract it: VERR_UNSUPPORTED),
 * moves it into the folder under a safe name, runs indexer (veille-index)
 * on it against db, then applies the metadata fields through
 * admin_patch.  OUT *id: the new document's id (caller frees). */
int upload_finish(upload *u, const char *indexer, const char *db, const struct vocab *v,
                  char **id, verr *err);

/* Removes what is left of the upload (its temporary file) and frees it. */
void upload_free(upload *u);

#endif
