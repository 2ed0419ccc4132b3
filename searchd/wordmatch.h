/* wordmatch.h - which of a search's wanted words a word of a text is.
 *
 * Words are compared in normal form, folded and singular (text_fold,
 * text_singular) as the index holds them: "Santé" is "sante", "soins" is
 * "soin".  Each wanted word carries bits (which query words it stands
 * for).  A sieve on ASCII words (their first letter and length) spares
 * folding most words of a page.  A wordmatch owns copies of its words;
 * it is used by one thread at a time (lookups share a buffer). */
#ifndef VEILLE_WORDMATCH_H
#define VEILLE_WORDMATCH_H

#include <glib.h>

typedef struct wordmatch wordmatch;

wordmatch *wordmatch_new(void);
void wordmatch_free(wordmatch *m);

/* Wants the normal form w, with bits (ORed with those it had). */
void wordmatch_add(wordmatch *m, const char *w, guint32 bits);
/* How many distinct words are wanted. */
guint wordmatch_size(const wordmatch *m);

/* The bits of the word of len bytes at s, as written in a text (ascii:
 * whether it is all ASCII, as text_next_word says); 0 when not wanted. */
guint32 wordmatch_lookup(wordmatch *m, const char *s, gsize len, gboolean ascii);

#endif
