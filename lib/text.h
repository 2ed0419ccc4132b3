/* text.h - French text utilities shared by the indexer and the daemon.
 *
 * Two forms of text exist in Veille:
 *  - display text: valid UTF-8, NFC, accents kept (titles, snippets, data);
 *  - match text: the folded form given to Xapian, both at index and query
 *    time, so that "sante mentale" matches "Santé mentale", "REUNION"
 *    matches "Réunion" and "l'accès" matches "acces".
 *
 * Every function returning char * returns a new string the caller frees
 * with g_free(); none returns NULL for valid arguments. */
#ifndef VEILLE_TEXT_H
#define VEILLE_TEXT_H

#include <glib.h>
#include <stddef.h>

typedef enum {
    TEXT_CHARSET_UTF8,      /* valid UTF-8 (ASCII included) */
    TEXT_CHARSET_UTF8_REPAIRED, /* mostly UTF-8, invalid bytes replaced */
    TEXT_CHARSET_UTF16,     /* UTF-16 with a byte-order mark */
    TEXT_CHARSET_CP1252     /* Windows-1252 (a superset of Latin-1's text) */
} text_charset;

/* Converts raw bytes of unknown encoding to display text: UTF-8 (NFC).
 * Valid UTF-8 is kept; UTF-16 with a BOM is converted; bytes that are
 * mostly UTF-8 are repaired (U+FFFD); anything else is read as
 * Windows-1252.  NUL bytes become spaces.  *detected (may be NULL) says
 * which case applied. */
char *text_to_utf8(const char *bytes, size_t len, text_charset *detected);

/* Name of a charset for logs ("utf-8", "windows-1252" ...). Static. */
const char *text_charset_name(text_charset cs);

/* Display-text clean-up of text that claims to be UTF-8: repairs invalid
 * sequences, normalises to NFC, turns control characters other than
 * newline, tab and form feed (a page break, textchunks.h) into spaces.  len may be -1 for a NUL-terminated s. */
char *text_clean(const char *s, gssize len);

/* Joins words hyphenated across line ends ("diag-\nnostic" -> "diagnostic")
 * as PDF text extraction leaves them.  s must be valid UTF-8. */
char *text_dehyphenate(const char *s);

/* Match form of s: compatibility-decomposed, accents removed, lower case,
 * ligatures expanded (œ -> oe), apostrophes and non-breaking spaces turned
 * into spaces (so French elisions split: "d'évaluation" -> "d evaluation").
 * s must be valid UTF-8; len may be -1. */
char *text_fold(const char *s, gssize len);

/* The next word of text at p, before limit (or its NUL): *start gets where
 * it begins, and the return value where it ends (== *start when there is
 * none left).  Words are runs of letters, digits and combining marks, as
 * the index cuts them ("l'Ehpad": "l", "Ehpad").  *ascii (may be NULL):
 * whether the word is all ASCII. */
const char *text_next_word(const char *p, const char *limit, const char **start, gboolean *ascii);

/* Appends text_fold's form of s (len bytes, or up to its NUL if < 0) to
 * out: for loops that fold many words into one buffer. */
void text_fold_append(GString *out, const char *s, gssize len);

/* Appends the match form of one character to out (the step text_fold
 * applies to each character), for callers that walk text themselves. */
void text_fold_char(GString *out, gunichar c);

/* Identifier form: folded, runs of anything but letters and digits become
 * one '-', no leading or trailing '-' ("Santé mentale" -> "sante-mentale"). */
char *text_slug(const char *s);

/* Collapses runs of white space into one space and trims both ends. */
char *text_squash_space(const char *s);

/* How many letters s (UTF-8; NULL: none) holds. */
gsize text_count_letters(const char *s);

/* The line that starts at *p, up to a line feed or a form feed (a page's
 * end) and without it, as it is (caller frees); *p moves past it.  NULL
 * at the text's end.  For the loops that read a document's first lines. */
char *text_next_line(const char **p);

/* Cuts s to at most max_bytes without splitting a UTF-8 character, in
 * place.  Returns s. */
char *text_truncate_utf8(char *s, size_t max_bytes);

/* Veille's French stop words, in match form (no accents); NULL-terminated,
 * static. */
const char *const *text_french_stopwords(void);

/* Whether folded (match form, NUL-terminated) is one of those stop words. */
gboolean text_is_stopword(const char *folded);

/* The one plural rule of Veille, for folded words (index matching,
 * query widening, snippets): the singular of the n bytes at w, written
 * in place, NUL-terminated when shorter; returns its length.  "locaux" ->
 * "local", "reseaux" -> "reseau", "soins" -> "soin"; words of fewer than
 * four letters stay as they are ("aux", "des").  The seven -ail words
 * are left out on purpose: "travaux" gives "traval", which matches
 * nothing, because searching "travail" for "travaux" (building works)
 * would bring every "groupe de travail" with it. */
size_t text_singular(char *w, size_t n);

/* Whether the n bytes at tok are one of the query parser's boolean
 * operators, in capitals: AND, OR, NOT, XOR, NEAR, ADJ, and NEAR/n or
 * ADJ/n (the one operator test of Veille). */
gboolean text_is_operator(const char *tok, size_t n);

/* Whether they are a proximity operator: NEAR, ADJ, NEAR/n, ADJ/n. */
gboolean text_is_proximity(const char *tok, size_t n);

/* GCompareFunc for g_ptr_array_sort over an array of char *: strcmp order. */
int text_compare_ptrs(gconstpointer a, gconstpointer b);

/* Guesses the language of match text from stop-word counts: "fr", "en",
 * or "und" when too little text.  Static string. */
const char *text_guess_lang(const char *folded);

#endif
