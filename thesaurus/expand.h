/* expand.h - what a user's query mentions of the thesaurus, for query
 * expansion: concepts and labels only (the search daemon makes Xapian
 * queries of them, searchd/expansion.h).
 *
 * expand_query() finds the vocabulary's labels in a query (loose
 * matching: any case, accents or not, on word boundaries; never inside a
 * quoted phrase, after a "field:" prefix, beside NEAR and ADJ, which
 * Xapian applies to words only, under NOT or '-' (what is excluded is
 * excluded as typed), or inside a hyphenated word ("mal-logement" is
 * searched as typed)) and gives, for each mention, the concepts
 * to search and their labels: synonyms and acronyms both ways ("CLS" <->
 * "contrat local de santé"), a theme's narrower concepts (three levels),
 * and for a former region today's region ("Basse-Normandie" ->
 * Normandie).  Each label is listed once per mention, under the first
 * concept that has it, and never when it is the words typed.  The labels
 * shown to the user as "also searched" are reported apart. */
#ifndef VEILLE_EXPAND_H
#define VEILLE_EXPAND_H

#include "match.h"
#include "vocab.h"

/* A concept a mention searches, with its labels. */
typedef struct {
    const vocab_concept *concept;  /* borrowed from the vocab */
    GPtrArray *labels;             /* of const char *, borrowed from the vocab: its labels not
                                    * met before in this mention (preferred first) */
} expansion_concept;

typedef struct {
    gsize start, end;       /* the mention's bytes in expanded_query.text */
    char *matched;          /* the words of the query, as typed */
    const vocab_concept *concept; /* the one reported (today's region for a former one) */
    GPtrArray *added;       /* of char *: the labels reported as also searched */
    GPtrArray *concepts;    /* of expansion_concept *, owned: every concept to search, in
                             * order: each named one, then its narrower themes depth first */
} expansion;

typedef struct {
    char *text;             /* the query scanned: as typed, or lower-cased but for its
                             * operators when typed in capitals */
    GPtrArray *expansions;  /* of expansion *, owned, in the order of the text */
} expanded_query;

/* The mentions of v's labels (found by m) in user_query.  Never fails on
 * valid UTF-8: a query that mentions nothing has no expansions.  Caller
 * frees with expanded_query_free(). */
expanded_query *expand_query(const vocab *v, const matcher *m, const char *user_query);
void expanded_query_free(expanded_query *eq);

#endif
