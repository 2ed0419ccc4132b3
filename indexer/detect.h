/* detect.h - file type detection by content, with libmagic.
 *
 * One process-wide libmagic cookie, loaded once, by detect_init() or by
 * the first detect_mime (each extraction worker loads its own). */
#ifndef VEILLE_DETECT_H
#define VEILLE_DETECT_H

#include "verr.h"

/* Loads the magic database. Returns 0, or non-zero with err set. */
int detect_init(verr *err);
void detect_shutdown(void);

/* The MIME type of the file at path ("application/pdf" ...), from its
 * content.  Caller frees with g_free(); NULL with err set on failure. */
char *detect_mime(const char *path, verr *err);

/* For a zip archive: the type of the office package it is (ODT, ODP,
 * ODS, DOCX, PPTX, XLSX), or NULL when it is none (or unreadable).
 * Caller frees. */
char *detect_zip_document(const char *path);

#endif
