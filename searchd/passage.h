/* passage.h - which stored passage of a hit its snippet comes from.
 *
 * A hit's text is stored in passages, one page of a PDF each
 * (textchunks.h, docstore.h).  The passage shown is the one holding the
 * most of the words typed, then of all the words (with the expansions'),
 * then the most occurrences, found from the
 * words' term positions and the passages' first positions
 * (SLOT_CHUNK_STARTS): no text is read to choose it, and only the chosen
 * passage is read to make the snippet (over remote shards, the text:
 * passage_words_from_text).
 *
 * A passage_words is worked out once per search from the words the
 * snippet marks: each word with the index's terms that share its stem
 * ("soin": "soin", "soins").  It owns its strings and borrows nothing. */
#ifndef VEILLE_PASSAGE_H
#define VEILLE_PASSAGE_H

#include <glib.h>
#include "verr.h"
#include "xapian-c/xapian_c.h"

typedef struct passage_words passage_words;

/* The terms of db that stand for words (folded, as snippet_query_words
 * gives them), found with stem; the first n_typed of words are the
 * query's own, the others an expansion's.  Never NULL. */
passage_words *passage_words_new(const xap_db *db, const xap_stem *stem, const GPtrArray *words,
                                 guint n_typed);
void passage_words_free(passage_words *pw);
/* Over remote shards, where each term's positions in a document cost a
 * round trip, while the document comes with all its values (its whole
 * stored text): the passages are tallied from their text, word by word,
 * in normal form, instead of from positions. */
void passage_words_from_text(passage_words *pw);

/* What the snippet should mark: the words and every term found for them
 * (owned by pw). */
const GPtrArray *passage_words_marked(const passage_words *pw);

typedef struct {
    guint passage;      /* from 0 */
    guint page;         /* the PDF page it is, from 1; 0: not paged */
} passage_choice;

/* The passages of document id (doc, from db) holding any of pw's words,
 * the best first (as passage_choose orders them): at most max into out,
 * OUT *found of them, and *paged (may be NULL): whether its stored text is
 * in pages.  0, or -1 with err. */
int passage_rank(const xap_db *db, xap_docid id, const xap_doc *doc, const passage_words *pw,
                 passage_choice *out, guint max, guint *found, gboolean *paged, verr *err);

/* The passage of document id (doc, from db) to show for pw.  A document
 * none of whose words are in its stored text (a title match, an
 * expansion) shows its first passage.  0, or -1 with err. */
int passage_choose(const xap_db *db, xap_docid id, const xap_doc *doc, const passage_words *pw,
                   passage_choice *out, verr *err);

#endif
