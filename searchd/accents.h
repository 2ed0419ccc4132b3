/* accents.h - a spelling correction as a French reader writes it.
 *
 * Xapian corrects the folded query ("sante mantale" -> "sante mentale"),
 * since the index holds folded words.  Before it is shown or searched, each
 * corrected word gets back its accents from, in order:
 *  - the thesaurus: a run of words that is one of its labels up to accents
 *    and case ("sante mentale" -> "santé mentale"; places and acronyms keep
 *    their capitals: "Franche-Comté", "CLS");
 *  - the words the user typed with accents ("santé" stays "santé");
 *  - the index: the form most documents write it in (XAC terms, schema.h);
 *  - the words the user typed without.
 * Elisions come back ("d invalidité" -> "d'invalidité").  A word none of
 * them knows stays as it is.  A word typed that is a stop
 * word or a word of the index stays as typed: Xapian's spelling table has
 * no stop words, so it "corrects" them ("des" -> "de"), and it offers more
 * frequent words for rare ones that exist ("factoriser" -> "autoriser"). */
#ifndef VEILLE_ACCENTS_H
#define VEILLE_ACCENTS_H

#include "match.h"
#include "xapian-c/xapian_c.h"

/* corrected with its accents restored, or NULL when, once the words typed
 * that exist are put back, nothing is corrected; m and db may be NULL (that
 * source is skipped).  A lookup error leaves the word folded.  Caller
 * frees. */
char *accents_restore(const xap_db *db, const matcher *m, const char *typed,
                      const char *corrected);

/* Whether every word of typed is a stop word or a word of db: then
 * accents_restore would put every word back as typed, so no correction can
 * come of it and the spelling table need not be asked. */
gboolean accents_all_words_known(const xap_db *db, const char *typed);

/* The accented form most documents of db write folded word w in (XAC
 * terms), or NULL: none, more documents seem to write w without accents
 * ("des", not "dès"), or the index cannot say.  Caller frees. */
char *accents_word(const xap_db *db, const char *w);

#endif
