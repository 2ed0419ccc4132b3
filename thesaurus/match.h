/* match.h - finds the vocabulary's labels in text, on word boundaries.
 *
 * Text and labels are cut into words (letters and digits; hyphens and
 * apostrophes separate words), folded (no accents, lower case) and
 * singularised ("soins" -> "soin", "locaux" -> "local"), so "Santé
 * mentale", "sante mentale" and "SANTÉ MENTALE" all match, multi-word
 * labels match as phrases, and "ARS" never matches inside "ARSENAL".  The
 * longest label wins where several start at the same word.
 *
 * In MATCH_STRICT mode (documents), an acronym label ("ARS", "CLS") only
 * matches an upper-case word, and a place label only matches capitalised
 * words ("Tours" the town, not "tours"); in MATCH_LOOSE mode (queries, typed
 * in any case) case never matters.  A matcher is read-only once built and
 * may be shared between threads. */
#ifndef VEILLE_MATCH_H
#define VEILLE_MATCH_H

#include "vocab.h"

typedef enum { MATCH_STRICT, MATCH_LOOSE } match_mode;

typedef struct matcher matcher;

/* A matcher over every label of v (v must outlive it). */
matcher *matcher_new(const vocab *v);
void matcher_free(matcher *m);

/* One match: the concepts sharing the label (borrowed), and where it is. */
typedef struct {
    const vocab_concept *const *concepts;
    guint n_concepts;
    const char *label;     /* the label as written in the vocabulary */
    gsize start, end;      /* byte offsets in the text */
} match_hit;

/* Called for each match, left to right; return non-zero to stop. */
typedef int (*match_fn)(const match_hit *hit, void *ud);

/* Scans at most max_bytes of text (0: all). */
void matcher_scan(const matcher *m, const char *text, gsize max_bytes, match_mode mode,
                  match_fn fn, void *ud);

#endif
