/* reading.h - what the document page shows of a document beyond its
 * metadata: the beginning of its text, the passages (pages) that hold the
 * words of the search it was opened from, each with its snippet and page
 * number, and the documents most like it ("Documents proches": Xapian's
 * expand set over it, xap_db_similar).  Only the passages shown are read.
 *
 * GET /api/documents/{id}/reading?q=... answers it as JSON:
 *   {"text": "...", "more": true|false, "paged": true|false,
 *    "passages": [{"page": 3, "passage": 2, "snippet": "...<mark>...</mark>..."}],
 *    "similar": [{"id", "title", "date", "type", "link"}]}
 * "text" is plain text (the page escapes it), "snippet" HTML as in search
 * results.  Each read starts again on the latest revision when commits
 * overwrote the one it read (searcher_retrying). */
#ifndef VEILLE_READING_H
#define VEILLE_READING_H

#include "searcher.h"
#include "verr.h"

/* How much of the text's beginning is shown (bytes, cut at a space). */
#define READING_TEXT_MAX 6000
/* At most this many passages, and this many similar documents. */
#define READING_PASSAGES_MAX 5
#define READING_SIMILAR_MAX 5

/* The reading of document id for query q (NULL or "": no passages), as
 * JSON (caller frees), or NULL with err: VERR_NOTFOUND for an unknown or
 * malformed id. */
char *reading_json(searcher *s, const char *id, const char *q, verr *err);

#endif
