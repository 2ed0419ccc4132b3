/* state.h - what the index already knows about files, for incremental
 * runs: each indexed file's stamp (size, mtime, content hash, catalogue
 * row hash, path: schema.h SLOT_FILESTAMP) and each failed file (database
 * metadata META_FAILED_PREFIX), so that unchanged files are neither
 * re-extracted nor retried, and each copy of an indexed content
 * (copies.h). */
#ifndef VEILLE_STATE_H
#define VEILLE_STATE_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct {
    char *path;
    gint64 size;
    gint64 mtime;
    char *sha256;
    char *catalogue_hash;  /* "" when no catalogue row applied */
    char *reason;          /* failed files only: why */
    gboolean seen;         /* set by the caller when the file is walked */
} known_file;

typedef struct {
    GHashTable *indexed;   /* path -> known_file *, owned */
    GHashTable *by_sha;    /* sha256 -> GPtrArray of known_file * (borrowed) */
    GHashTable *failed;    /* path -> known_file *, owned */
    /* copies of indexed contents (copies.h) */
    GHashTable *copies_by_sha; /* sha256 -> GPtrArray of known_file * (copies_list_new), owned */
    GHashTable *copies;    /* path -> known_file * (borrowed from copies_by_sha) */
} index_state;

/* Reads the state from db.  Returns 0, or non-zero with err set. */
int index_state_load(index_state *st, const xap_db *db, verr *err);
void index_state_clear(index_state *st);

/* Parses a SLOT_FILESTAMP value; NULL if malformed.  Caller frees with
 * known_file_free(). */
known_file *known_file_parse_stamp(const char *value, size_t len);
/* Parses a failure record (JSON); NULL if malformed. */
known_file *known_file_parse_failure(const char *json);
/* JSON for a failure record.  Caller frees with g_free(). */
char *known_file_failure_json(const char *path, gint64 size, gint64 mtime, const char *reason);
void known_file_free(known_file *k);

/* What a record depends on besides its file's content, kept in its stamp
 * (known_file.catalogue_hash): its catalogue row's hash (NULL or "":
 * none), the vocabulary's key (vocab_store_key) and the index layout,
 * "row:vocab:schema", so that a change of any of them rebuilds it.
 * Caller frees. */
char *stamp_key_new(const char *row_hash, const char *vocab_key);
/* The SHA-256 of the file at path, in hex (a stamp's content hash).
 * Caller frees; NULL with err. */
char *stamp_hash_file(const char *path, verr *err);
/* Whether two stamp keys name different catalogue rows. */
gboolean stamp_key_row_changed(const char *old_key, const char *new_key);

#endif
