/* tag.h - automatic tagging of documents by theme and territory.
 *
 * The tagger finds the vocabulary's labels (match.h, strict mode) in the
 * title (weight 5), the metadata (subject, keywords, summary, organisation:
 * weight 3) and the body (weight 1, first TAG_BODY_MAX bytes; a place in
 * its first lines 2); when the text makes no region, the place its source
 * address names (the site of a regional agency, a town: source_place.h)
 * counts as one mention in the metadata would (the national rules still
 * apply; it is no mention of the text for the index).  Then:
 *  - themes: a theme's score is its own plus half its narrower concepts';
 *    in the body each of its labels counts a few times at most, so a theme
 *    named in several ways outweighs one word repeated; it is tagged when
 *    the score reaches TAG_THEME_MIN and a fair share of the best theme's
 *    score (so a passing mention does not tag);
 *  - a place name is taken for the place the document corroborates (a
 *    commune named like a common word, a small one or one of several of
 *    that name needs its postal code, department or region nearby: tag.c),
 *    and does not count in an address, a header or footer repeated on
 *    every page, or after "agence de";
 *  - places roll up: a town counts for its department and region, a
 *    department for its region, a former region for today's region; a
 *    region is tagged under the same kind of thresholds if it has a fair
 *    part of all the regions' scores and is not only named in the body of
 *    a document that says it is national; a document with no dominant
 *    region is tagged "national";
 *  - the catalogue's themes and regions (docmeta.themes/.regions) are kept
 *    as they are, marked manual, and never removed; values the thesaurus
 *    does not know are kept too (and reported).
 * The result goes to docmeta.tags, each tag with its score and evidence;
 * every concept found at all, tagged or not, goes to docmeta.mentions with
 * its weighted count, for the index's concept terms. */
#ifndef VEILLE_TAG_H
#define VEILLE_TAG_H

#include "docmeta.h"
#include "match.h"
#include "vocab.h"

#define TAG_BODY_MAX (2u * 1024u * 1024u)

typedef struct tagger tagger;

/* v must outlive the tagger. */
tagger *tagger_new(const vocab *v);
void tagger_free(tagger *t);
/* The vocabulary t tags with.  Borrowed. */
const vocab *tagger_vocab(const tagger *t);

/* Replaces m->tags with manual tags from m->themes/m->regions plus, when
 * automatic is TRUE, the automatic ones.  Catalogue values unknown to the
 * thesaurus are appended to unknown (char *, French; may be NULL). */
void tagger_apply(const tagger *t, docmeta *m, gboolean automatic, GPtrArray *unknown);
/* tagger_apply, telling in trace (char *, French; may be NULL) which place
 * each place name was taken for and why, the mentions that did not count
 * where they stand (an address, a header repeated on every page, a firm's
 * office) and the regions left out (no dominant one, a section of a
 * national document).  For --explain. */
void tagger_apply_traced(const tagger *t, docmeta *m, gboolean automatic, GPtrArray *unknown,
                         GPtrArray *trace);

/* Whether a catalogue value of kind (VOCAB_THEME, or VOCAB_REGION: also a
 * former region, department or town, which roll up to their region) is a
 * label of the vocabulary, as tagger_apply would find it. */
gboolean tagger_knows(const tagger *t, const char *value, vocab_kind kind);

/* Tags without a thesaurus: the catalogue's values as slugs. */
void tagger_apply_plain(docmeta *m);

#endif
