/* vocab_store.h - the vocabulary an index was tagged with, kept in its
 * metadata (META_THESAURUS, compiled JSON: vocab.h), so that the daemon,
 * --explain and later runs all use the one the tags were made with. */
#ifndef VEILLE_VOCAB_STORE_H
#define VEILLE_VOCAB_STORE_H

#include "verr.h"
#include "vocab.h"
#include "xapian-c/xapian_c.h"

/* The vocabulary db holds.  NULL when it holds none (err then has
 * VERR_OK: verr_clear'ed), or with err when it cannot be read.  Caller
 * frees with vocab_free(). */
vocab *vocab_store_load(const xap_db *db, verr *err);

/* The first 12 hex digits of v's digest, in out (v NULL: ""): what file
 * stamps name the vocabulary by (state.h). */
void vocab_store_key(const vocab *v, char out[13]);

#endif
