/* record.h - turns a docmeta into a Xapian document following schema.h:
 * folded, French-stemmed free text with field prefixes, boolean filter
 * terms, value slots, and the docmeta JSON as document data.
 *
 * A record_builder holds the TermGenerator, stemmer and stopper; it is
 * not thread-safe (one per thread). */
#ifndef VEILLE_RECORD_H
#define VEILLE_RECORD_H

#include "docmeta.h"
#include "verr.h"
#include "schema.h"
#include "xapian-c/xapian_c.h"

/* Text stored with the document, in passages (textchunks.h); beyond is
 * indexed only. */
#define RECORD_DATA_TEXT_MAX (1024u * 1024u)

typedef struct record_builder record_builder;

record_builder *record_builder_new(verr *err);
void record_builder_free(record_builder *rb);
/* Also records titles' and texts' words as spelling data in wdb (used by
 * the daemon's "did you mean"). */
int record_builder_spelling(record_builder *rb, xap_wdb *wdb, verr *err);

/* Builds the document for m, prepared (prepare.h: m->id, m->path and
 * m->sha256 set; filter terms for themes and places come from m->tags).  catalogue_hash
 * (may be NULL) goes into the file stamp.  OUT: caller frees with
 * xap_doc_free().  NULL with err set on failure. */
xap_doc *record_build(record_builder *rb, docmeta *m, const char *catalogue_hash, verr *err);

/* The id of a path: the first 16 hex digits of SHA-256(path), in out. */
void record_id_for_path(const char *abs_path, char out[DOC_ID_LEN + 1]);

/* Whether s has the form of an id (16 lower-case hex digits): ids from
 * requests are checked with this, never taken as paths. */
gboolean record_id_valid(const char *s);

/* The unique term of an id ("Q" + id), in out. */
void record_id_term(const char *id, char out[DOC_ID_LEN + 2]);

/* Guesses a document type label from a title ("Compte rendu", "Guide"...),
 * or NULL.  Static string. */
const char *record_guess_doctype(const char *title);

/* The type a document's first lines say when its title says none: one of
 * its first 15 lines that is, alone, the name of a type a cover or a
 * heading announces ("INVITATION", "Compte rendu", "Programme", "Actes",
 * "Lettre d'information"; not "Évaluation" or "Synthèse", which are also
 * the names of a report's sections).  NULL if none.  Static string. */
const char *record_guess_doctype_in_text(const char *text);

#endif
