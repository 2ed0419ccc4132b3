/* snippet.h - a short passage of a document's text around the words of a
 * query, HTML-escaped, with the matched words in <mark>.  Matching is done
 * on folded, singularised words (as the index does), so "sante" marks
 * "Santé" and "soin" marks "soins"; Xapian's own MSet::snippet cannot,
 * because the index holds folded text. */
#ifndef VEILLE_SNIPPET_H
#define VEILLE_SNIPPET_H

#include <glib.h>

/* words: folded query words (see snippet_query_words).  Returns about
 * max_words words of text, best window first; caller frees.  Without any
 * match, the start of the text. */
char *snippet_make(const char *text, const GPtrArray *words, guint max_words);

/* The folded words of a user query, without operators, prefixes and stop
 * words.  Caller frees with g_ptr_array_unref(). */
GPtrArray *snippet_query_words(const char *query);
/* The same words as typed ("Ehpad" of "l'Ehpad ?"), in the same order. */
GPtrArray *snippet_query_words_typed(const char *query);

#endif
