/* prepare.h - the one document-preparation pipeline.  Whatever writes a
 * document (an indexing run, a moved or touched file, a correction, an
 * upload) and --explain, which shows what a run would write, prepare it
 * here, in this order:
 *   1. the catalogue row's fields, which win over extracted ones;
 *   2. the documentalist's stored correction, which wins over both;
 *   3. a real title when neither set one and the file's is missing or
 *      useless (title_settle, title.h: first line of text, file name);
 *   4. tags: the manual ones (themes, regions) and, with a thesaurus,
 *      the automatic ones (tag.h); without one, the manual values alone;
 *   5. the language and the document type, when still unknown;
 *   6. (before tagging) when it entered the collection: kept from the
 *      document it replaces (the same file indexed again, a moved file's
 *      former record), else now.
 * The document is then ready for index_writer_put (writer.h), which
 * builds its record (record.h). */
#ifndef VEILLE_PREPARE_H
#define VEILLE_PREPARE_H

#include "catalogue.h"
#include "docmeta.h"
#include "tag.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

/* Gives m the identity of the file at abs_path: its id (record.h), path,
 * size and modification time. */
void prepare_set_file(docmeta *m, const char *abs_path, gint64 size, gint64 mtime);

/* Runs the pipeline on m (its id set).  cat may be NULL (no row);
 * correction_of names the document whose stored correction applies (NULL:
 * m->id; a moved file's former id; db NULL: no index, hence no stored
 * correction); t NULL: no thesaurus.  Catalogue
 * values the thesaurus does not know are appended to notes as
 * "path : what" (French; notes may be NULL).  Returns 0, or -1 with err
 * when db cannot be read. */
int prepare_document(const xap_db *db, docmeta *m, const catalogue_entry *cat,
                     const char *correction_of, const tagger *t, GPtrArray *notes, verr *err);

/* prepare_document, then index_writer_put (writer.h) with stamp_key:
 * how every writer of a document records it.  Reads corrections through
 * w's view, which sees its own uncommitted changes. */
struct index_writer;
int prepare_and_put(struct index_writer *w, docmeta *m, const catalogue_entry *cat,
                    const char *correction_of, const tagger *t, GPtrArray *notes,
                    const char *stamp_key, verr *err);

#endif
