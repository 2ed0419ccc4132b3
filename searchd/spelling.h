/* spelling.h - a better correction for one misspelt word than Xapian's.
 *
 * Xapian's spelling table offers, among the words one or two edits away,
 * the most frequent: "sexul" becomes "seul", not "sexuel"; "alocation"
 * "location", not "allocation".  Typos keep the start of a word more often
 * than they lose it, so among the index's words beginning with the same
 * letter, the candidate is the one fewest edits away (transpositions
 * count one), then sharing the longest beginning with the word typed, then
 * found in the most documents.  Candidates begin with the same letter. */
#ifndef VEILLE_SPELLING_H
#define VEILLE_SPELLING_H

#include "xapian-c/xapian_c.h"

/* The best word of db for folded word w (at most two edits away), or
 * NULL: none, or w is shorter than four letters.  Caller frees. */
char *spelling_candidate(const xap_db *db, const char *w);

#endif
