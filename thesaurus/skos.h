/* skos.h - reads a SKOS thesaurus (Turtle, RDF/XML, N-Triples) with raptor2
 * into a vocab.  Used by the indexer only: the daemon loads the compiled
 * vocabulary stored in the index.
 *
 * Every file of a folder whose name ends in .ttl, .rdf, .xml, .owl or .nt
 * is read; a thesaurus exported from TemaTres, Skosmos or PMB loads as it
 * is.  Raptor's network access and file inclusion are off: a hostile file
 * cannot make the indexer fetch or read anything else.  Concepts are
 * classified by their skos:inScheme (see vocab_kind); French labels (or
 * labels without a language) are kept. */
#ifndef VEILLE_SKOS_H
#define VEILLE_SKOS_H

#include "verr.h"
#include "vocab.h"

/* Loads every SKOS file of dir into a finished vocab.  If any file has an
 * error, returns NULL with err = "FILE:LINE: reason" (French) and nothing
 * is loaded. */
vocab *skos_load_dir(const char *dir, verr *err);

/* SHA-256 (hex) of the files skos_load_dir would read in dir, names and
 * contents, and when this reader and vocab.c were compiled: the same
 * digest, the same vocabulary.  NULL with err when dir has none or one
 * cannot be read.  Caller frees. */
char *skos_dir_digest(const char *dir, verr *err);

/* Loads one file (into v, not finished).  Returns 0, or non-zero with err. */
int skos_load_file(vocab *v, const char *path, verr *err);

/* Loads one SKOS document held in memory (len bytes of data, not
 * necessarily NUL-terminated), its syntax chosen by the ending of name as
 * for a file; name stands for the file in messages and, made absolute, is
 * the base of relative URIs.  Into v, not finished.  Returns 0, or
 * non-zero with err. */
int skos_load_data(vocab *v, const char *name, const char *data, size_t len, verr *err);

#endif
