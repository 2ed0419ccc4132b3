/* suggest.h - completions for what a user is typing (GET /api/suggest):
 * thesaurus concepts with a label that begins like the query (offered
 * under their preferred label), then the collection's words that begin
 * like its last word (with their accents, accents.h).  Concepts whose
 * preferred label begins so come first, then those found by another
 * label; each group by the documents it finds: a concept's tagged
 * documents (its facet count; when none, those mentioning it), a word's
 * documents.  Nothing that finds no document is offered; document titles
 * are not offered. */
#ifndef VEILLE_SUGGEST_H
#define VEILLE_SUGGEST_H

#include "searcher.h"
#include "verr.h"
#include "vocab.h"

/* The completions of q as JSON: {"q": q, "suggestions": [{"text",
 * "kind" (vocab_kind_name, or "word"), "id" (concepts), "documents"}]},
 * ten at most (four words at least when there are),
 * none under two characters.  v may be NULL (words only).  Caller frees;
 * NULL with err when the index cannot be read. */
char *suggest_json(searcher *s, const vocab *v, const char *q, verr *err);

#endif
