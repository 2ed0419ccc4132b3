/* writer.h - the one writer of a Veille index: every change to the index
 * (documents, corrections, failures, the vocabulary, run history) goes
 * through an index_writer, whichever program or request makes it.
 *
 * A writer holds the Xapian write lock from index_writer_open to
 * index_writer_free, and one record builder (record.h).  Changes become
 * visible to readers at index_writer_commit; the writer's own reads
 * (index_writer_db) see them at once.  Not thread-safe: one thread at a
 * time. */
#ifndef VEILLE_WRITER_H
#define VEILLE_WRITER_H

#include <glib.h>
#include "docmeta.h"
#include "verr.h"
#include "vocab.h"
#include "writer_lock.h"
#include "xapian-c/xapian_c.h"

typedef struct index_writer index_writer;

/* Opens (creating it, and its folder, when missing) the index at db_path
 * for writing, waiting for the lock as wait says (may be NULL); spelling
 * data is recorded for the documents put.  NULL with err (VERR_LOCKED:
 * another writer kept it). */
index_writer *index_writer_open(const char *db_path, const writer_lock_wait *wait, verr *err);
/* Closes the index: what was not committed is committed then, as Xapian
 * does, its errors ignored: commit first to see them. */
void index_writer_free(index_writer *w);

/* The writer's read view (sees uncommitted changes).  Borrowed. */
const xap_db *index_writer_db(index_writer *w);
/* When each content first arrived, beside the index (arrivals.h).  Borrowed. */
struct arrivals *index_writer_arrivals(index_writer *w);

/* Changes since the last commit. */
guint index_writer_pending(const index_writer *w);
int index_writer_commit(index_writer *w, verr *err);

/* Records m (prepared: prepare.h; m->id, m->path and m->sha256 set) in
 * place of any document with its id; stamp_key goes into the file stamp
 * (state.h).  A failure remembered for m->path stays until
 * index_writer_forget_failure (a run knows which files failed before:
 * it asks only for those). */
int index_writer_put(index_writer *w, docmeta *m, const char *stamp_key, verr *err);
/* Removes document id (no error when there is none). */
int index_writer_delete(index_writer *w, const char *id, verr *err);

/* Remembers that path failed (state.h), so that runs do not retry it
 * while it is unchanged; index_writer_forget_failure undoes it. */
int index_writer_remember_failure(index_writer *w, const char *path, gint64 size, gint64 mtime,
                                  const char *reason, verr *err);
int index_writer_forget_failure(index_writer *w, const char *path, verr *err);

/* Stores correction (correction.h) for id over the stored one: fields it
 * does not set keep their earlier correction. */
int index_writer_store_correction(index_writer *w, const char *id, const docmeta *correction,
                                  verr *err);
/* A moved file's correction follows it from old_id to new_id. */
int index_writer_move_correction(index_writer *w, const char *old_id, const char *new_id,
                                 verr *err);

/* Stores copies (known_file *, copies.h) as the other locations of
 * content sha256; an empty list (or NULL) removes them.  0, or -1 with
 * err when the index cannot be written. */
int index_writer_store_copies(index_writer *w, const char *sha256, const GPtrArray *copies,
                              verr *err);

/* Stores v as the index's vocabulary (vocab_store.h) if it differs, and
 * source (skos_dir_digest of the folder it was read from; may be NULL) as
 * what it was compiled from. */
int index_writer_store_vocab(index_writer *w, const vocab *v, const char *source, verr *err);
/* Marks the index with this program's layout (schema.h). */
int index_writer_mark_schema(index_writer *w, verr *err);
/* Stores a run's summary (JSON) as the last run and in front of the run
 * history, which keeps RUNS_KEPT runs. */
int index_writer_record_run(index_writer *w, const char *summary_json, verr *err);

#endif
