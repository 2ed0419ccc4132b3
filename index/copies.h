/* copies.h - identical contents, one document: a file whose content
 * (SHA-256) is already a document is not indexed again but kept as a copy
 * of it, another location of the same document.
 *
 * The copies of a content are kept in the index's metadata under
 * META_COPIES_PREFIX + sha256: a JSON array of {path, size, mtime}, in the
 * order they were found.  The document is the one holding the term
 * PFX_HASH + sha256; its own file is its first location.  Lists are of
 * known_file * (state.h) with sha256 set, owned by the list. */
#ifndef VEILLE_COPIES_H
#define VEILLE_COPIES_H

#include <glib.h>
#include "state.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* The metadata key of sha256's copies.  Caller frees. */
char *copies_key(const char *sha256);

/* A new list entry: the copy at path.  Caller frees (known_file_free), or
 * a list does. */
known_file *copies_entry_new(const char *path, gint64 size, gint64 mtime, const char *sha256);

/* A new, empty list (frees its known_file entries). */
GPtrArray *copies_list_new(void);

/* JSON of a list ("" for an empty one: the key is removed).  Caller frees. */
char *copies_to_json(const GPtrArray *list);
/* Parses what copies_to_json wrote into a new list; malformed entries are
 * skipped. */
GPtrArray *copies_from_json(const char *json, const char *sha256);

/* The copies of sha256 in db (a new list, empty when there are none), or
 * NULL with err. */
GPtrArray *copies_load(const xap_db *db, const char *sha256, verr *err);

/* Calls cb for each content with copies (its sha256 and list, borrowed
 * for the call); stops when cb returns non-zero.  0, or -1 with err. */
typedef int (*copies_cb)(const char *sha256, GPtrArray *list, void *ud);
int copies_each(const xap_db *db, copies_cb cb, void *ud, verr *err);

/* The Xapian document holding content sha256: OUT *docid, 0 when none.
 * 0, or -1 with err. */
int copies_holder(const xap_db *db, const char *sha256, xap_docid *docid, verr *err);

/* Sets m->copies to the paths of the other files of m's content, when
 * it has some.  0, or -1 with err. */
struct docmeta;
int copies_attach(const xap_db *db, struct docmeta *m, verr *err);

/* Index of path in list, or -1. */
int copies_find(const GPtrArray *list, const char *path);

#endif
