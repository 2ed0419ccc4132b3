/* upload.h - POST /api/documents: a report uploaded by the documentalist
 * (multipart/form-data: "file", and optional "title", "type", "date",
 * "organisation", "summary", "authors" (separated by "|" or lines),
 * "themes", "regions" (by "|" or ","), "confirm"), stored in the collection folder and indexed by
 * the one writer through the same pipeline as any other file
 * (veille-index, in its sandbox).  A file whose content the collection
 * already holds is refused unless "confirm" is "1". */
#ifndef VEILLE_UPLOAD_H
#define VEILLE_UPLOAD_H

#include <glib.h>
#include "verr.h"
#include "multipart.h"
#include "submit.h"
#include "xapian-c/xapian_c.h"

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

/* OUT *id: the document of db whose content is the uploaded file's (same
 * SHA-256), or NULL when there is none or the form says "confirm" = "1"
 * (the documentalist adds it all the same).  Caller frees; 0, or -1 with
 * err when db cannot be read. */
int upload_duplicate(const upload *u, const xap_db *db, char **id, verr *err);

/* Moves the file into the folder under a safe name and queues it for
 * veille-index (submit.h), with the form's fields as its correction
 * (correction.h): veille-index decides whether it can read
 * it, and removes it again when it cannot (an unknown type: VERR_UNSUPPORTED;
 * an encrypted or damaged file: class "unindexable").  OUT *out: applied,
 * failed or left pending (caller clears).  -1 with err for a bad form or
 * when it could not be queued. */
int upload_finish(upload *u, const char *db, submit_result *out, verr *err);

/* Removes the temporary files of uploads that a stopped daemon left in
 * dir (".upload-*" untouched for UPLOAD_STALE_S); returns how many. */
#define UPLOAD_STALE_S 600
unsigned upload_clean_stale(const char *dir);

/* Removes what is left of the upload (its temporary file) and frees it. */
void upload_free(upload *u);

#endif
