/* docstore.h - a document's stored record in a Xapian document.
 *
 * The document's data holds docmeta_to_record's metadata JSON; its text
 * is kept in passages (textchunks.h), one value slot each from
 * SLOT_TEXT_BASE, so a snippet reads one page instead of the whole text.
 * Readers that only show metadata read the data alone; the indexer's
 * re-tagging reads the passages back into the text.  The functions leave
 * ownership of doc and db with the caller. */
#ifndef VEILLE_DOCSTORE_H
#define VEILLE_DOCSTORE_H

#include "docmeta.h"
#include "textchunks.h"
#include "xapian-c/xapian_c.h"

/* The docmeta stored in doc, with its text when with_text; NULL on error. */
docmeta *docstore_read(const xap_doc *doc, gboolean with_text, verr *err);
/* Stores m in doc: its metadata in the data, the passages chunks cut its
 * text into in their slots, with where each starts in term positions
 * (starts: one more entry than passages, text_chunks_encode_starts); 0
 * or -1. */
int docstore_write(xap_doc *doc, const docmeta *m, const text_chunks *chunks,
                   const guint32 *starts, verr *err);

/* Passage n (from 0) of doc's text, "" when it has none (caller frees);
 * NULL with err. */
char *docstore_passage(const xap_doc *doc, guint n, verr *err);

/* Where doc's passages start (text_chunks_decode_starts: *starts, caller
 * frees, gets *n + 1 entries); *n = 0 when it has no stored text.  0, or
 * -1 with err. */
int docstore_passage_starts(const xap_doc *doc, gboolean *paged, guint32 **starts, guint *n,
                            verr *err);

/* OUT *added: when the document stored in doc entered the collection, as
 * m->added writes it: its record's, or for a record older than it, the
 * time it was last indexed (SLOT_INDEXED); NULL when doc says neither
 * (caller frees).  0, or -1 with err. */
int docstore_added(const xap_doc *doc, char **added, verr *err);

/* The Xapian document of id in db (caller frees with xap_doc_free); NULL
 * with err (VERR_NOTFOUND for an unknown or malformed id). */
xap_doc *docstore_find(const xap_db *db, const char *id, verr *err);

/* The stored record of document id in db, with its text when with_text;
 * NULL with err (VERR_NOTFOUND for an unknown or malformed id: ids are
 * 16 hex digits, never paths).  Caller frees. */
docmeta *docstore_load(const xap_db *db, const char *id, gboolean with_text, verr *err);

#endif
