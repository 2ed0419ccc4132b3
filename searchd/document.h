/* document.h - one document of the index by its id (16 hex digits, never
 * a path): its stored record, its JSON, its file.  Each read starts
 * again on the latest revision when commits overwrote the one it read
 * (searcher_retrying). */
#ifndef VEILLE_DOCUMENT_H
#define VEILLE_DOCUMENT_H

#include "docmeta.h"
#include "searcher.h"
#include "verr.h"

/* The stored record of document id, without its text (caller frees), or
 * NULL with err: VERR_NOTFOUND for an unknown or malformed id. */
docmeta *document_meta(searcher *s, const char *id, verr *err);

/* The document's JSON (render_json_document), or NULL with err as
 * document_meta.  Caller frees. */
char *document_json(searcher *s, const char *id, verr *err);

/* The stored file of document id: OUT *path and *mime (caller frees with
 * g_free; application/octet-stream when unknown).  -1 with err as
 * document_meta. */
int document_file(searcher *s, const char *id, char **path, char **mime, verr *err);

#endif
