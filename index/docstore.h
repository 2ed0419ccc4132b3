/* docstore.h - a document's stored record in a Xapian document's data.
 *
 * The record is docmeta_to_record's: metadata JSON, a NUL byte, the text.
 * Readers that only show metadata skip the text; the daemon's snippets and
 * the indexer's re-tagging read it.  The functions leave ownership of doc
 * and db with the caller. */
#ifndef VEILLE_DOCSTORE_H
#define VEILLE_DOCSTORE_H

#include "docmeta.h"
#include "xapian-c/xapian_c.h"

/* The docmeta stored in doc, with its text when with_text; NULL on error. */
docmeta *docstore_read(const xap_doc *doc, gboolean with_text, verr *err);
/* Stores m in doc, text cut to max_text bytes; 0 or -1. */
int docstore_write(xap_doc *doc, const docmeta *m, gsize max_text, verr *err);

/* The Xapian document of id in db (caller frees with xap_doc_free); NULL
 * with err (VERR_NOTFOUND for an unknown or malformed id). */
xap_doc *docstore_find(const xap_db *db, const char *id, verr *err);

/* The stored record of document id in db, with its text when with_text;
 * NULL with err (VERR_NOTFOUND for an unknown or malformed id: ids are
 * 16 hex digits, never paths).  Caller frees. */
docmeta *docstore_load(const xap_db *db, const char *id, gboolean with_text, verr *err);

#endif
