/* suggest.h - completions for what a user is typing (GET /api/suggest):
 * thesaurus labels (themes first, then places; a concept found by any of
 * its labels is offered under its preferred one) and the collection's
 * frequent words that begin like the last word typed.  Document titles
 * are not offered. */
#ifndef VEILLE_SUGGEST_H
#define VEILLE_SUGGEST_H

#include "searcher.h"
#include "verr.h"
#include "vocab.h"

/* The completions of q as JSON: {"q": q, "suggestions": [{"text",
 * "kind" (vocab_kind_name, or "word"), "id" (concepts)}]}, ten at most,
 * none under two characters.  v may be NULL (words only).  Caller frees;
 * NULL with err when the index cannot be read. */
char *suggest_json(searcher *s, const vocab *v, const char *q, verr *err);

#endif
