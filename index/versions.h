/* versions.h - near-identical versions of one report (a corrected
 * edition, a draft and its final text, the same guide re-exported):
 * grouped, so that a search shows them together, newest first.
 *
 * Each document with enough text carries a sketch of it: a
 * one-permutation MinHash of its 5-word shingles (folded words) in
 * VERSIONS_BINS bins, with its folded title's hash (SLOT_SKETCH), and one
 * band term per 4 bins (PFX_NEAR) through which documents that may be
 * alike find each other.  Two documents are versions of one another when
 * their titles are the same, folded and without the words that name an
 * edition ("version", "v2", "provisoire", "définitif"...), and the
 * estimated resemblance of their texts (Jaccard of their shingle sets)
 * reaches VERSIONS_RESEMBLANCE.  Texts alike under other titles are
 * siblings, not versions: on 3,657 service-public.fr fiches, 6 pairs of
 * fiches (maternelle / primaire fees, permis C / C1) have texts over 0.9
 * alike.  A document written takes the
 * group of the most alike one (SLOT_VERSION_GROUP, term
 * PFX_VERSION_GROUP + group), else starts a group of its own under a new
 * random key, never reused: a document that is no longer alike to its
 * group (its file now holds another report) leaves it.  The sketch is
 * made of the text's first RECORD_DATA_TEXT_MAX bytes, the part of it an
 * index keeps, so that a record rebuilt from the stored text (a
 * correction) has the sketch its extraction had. */
#ifndef VEILLE_VERSIONS_H
#define VEILLE_VERSIONS_H

#include <glib.h>
#include "docmeta.h"
#include "verr.h"
#include "xapian-c/xapian_c.h"

#define VERSIONS_BINS 64
#define VERSIONS_BAND 4             /* bins per band term */
#define VERSIONS_SHINGLE 5          /* words per shingle */
#define VERSIONS_MIN_SHINGLES 40    /* less text: no sketch, never grouped */
#define VERSIONS_RESEMBLANCE 0.70
/* Versions listed at most with a document. */
#define VERSIONS_SHOWN 10
/* Candidates read at most per band (a band of boilerplate shared by many
 * documents does not crowd out the others). */
#define VERSIONS_BAND_CANDIDATES 16
/* Members of a group read at most to list its newest versions. */
#define VERSIONS_MEMBERS_READ 200

typedef struct {
    guint32 title;                  /* hash of the folded title, 0: none */
    guint32 bins[VERSIONS_BINS];    /* minimum per bin; G_MAXUINT32: empty */
} versions_sketch;

/* The sketch of a document titled title (may be NULL) with text; FALSE
 * when the text is too short to have one. */
gboolean versions_sketch_make(const char *title, const char *text, versions_sketch *out);

/* The same of text's first len bytes. */
gboolean versions_sketch_make_len(const char *title, const char *text, size_t len,
                                  versions_sketch *out);

/* Estimated resemblance of two sketches' texts, 0 to 1. */
double versions_resemblance(const versions_sketch *a, const versions_sketch *b);
/* Whether a and b are versions of one document (the rule above). */
gboolean versions_alike(const versions_sketch *a, const versions_sketch *b);

/* Gives doc (being written for m) its sketch, band terms and group: that
 * of the most alike document of db other than m's own (OUT *joined TRUE),
 * else a new one.  0, or -1 with err. */
int versions_mark(const xap_db *db, xap_doc *doc, const docmeta *m, gboolean *joined,
                  verr *err);

/* How many documents each group of docs[0..n) holds (group key -> count
 * as GUINT_TO_POINTER; a document with no group is left out), counted by
 * one match of their group terms with a spy: over shards, one request to
 * each server instead of a term-frequency round trip per shard and
 * document.  Caller unrefs; NULL with err. */
GHashTable *versions_group_sizes(const xap_db *db, xap_doc *const *docs, guint n, verr *err);

/* Sets m->versions to the other documents of doc's group, newest first
 * (date, then arrival), at most max; sizes (may be NULL: looked up) from
 * versions_group_sizes.  0, or -1 with err. */
int versions_attach(const xap_db *db, const xap_doc *doc, docmeta *m, guint max,
                    GHashTable *sizes, verr *err);

/* OUT *newest: the newest document of id's group (id itself when it is
 * alone): the latest own date, then arrival (by_arrival: the latest
 * arrival, then own date), then the later docid.  What a search shows of
 * a group, so that the version shown does not flip with the ranking.
 * doc is id's document (may be NULL: read), sizes as versions_attach's.
 * 0, or -1 with err. */
int versions_newest(const xap_db *db, xap_docid id, const xap_doc *doc, gboolean by_arrival,
                    GHashTable *sizes, xap_docid *newest, verr *err);

/* OUT *group: doc's group key (caller frees; "" when it has none).  0 or -1. */
int versions_group_of(const xap_doc *doc, char **group, verr *err);

#endif
