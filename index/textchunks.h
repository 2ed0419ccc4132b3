/* textchunks.h - a document's text cut into the passages it is stored in.
 *
 * A snippet is made from one passage, read alone from its own value slot
 * (SLOT_TEXT_BASE + n, schema.h), never from the whole text: a PDF's
 * passages are its pages (the extractor separates them with form feeds),
 * any other text is cut into passages of about TEXT_CHUNK_BYTES at a
 * space.  Joining the passages (with a form feed between pages) gives the
 * stored text back byte for byte.
 *
 * The indexer records the term position at which each passage starts
 * (SLOT_CHUNK_STARTS), so the daemon finds the passage with the query's
 * words from their positions alone.  text_chunks owns its arrays; the
 * text it was cut from stays the caller's. */
#ifndef VEILLE_TEXTCHUNKS_H
#define VEILLE_TEXTCHUNKS_H

#include <glib.h>

/* A passage of a document that is not paged. */
#define TEXT_CHUNK_BYTES 4096u
/* Passages past this many are not stored (the text is still indexed). */
#define TEXT_CHUNKS_MAX 4000u

typedef struct {
    gsize offset, len;       /* bytes of the text, form feeds left out */
} text_chunk;

typedef struct {
    gboolean paged;          /* the passages are pages, numbered from 1 */
    GArray *chunks;          /* of text_chunk, in order */
    gsize covered;           /* bytes of the text the passages cover */
} text_chunks;

/* The passages of text's first max_bytes (cut at a character boundary). */
text_chunks *text_chunks_split(const char *text, gsize max_bytes);
void text_chunks_free(text_chunks *c);

/* Where each passage starts in term positions, as SLOT_CHUNK_STARTS
 * holds it: 'p' (pages) or 'c', then each passage's first position minus
 * one, then the position after the last one, all comma-separated
 * ("p0,812,1630,2001").  starts has n_chunks + 1 entries. */
char *text_chunks_encode_starts(gboolean paged, const guint32 *starts, guint n_chunks);

/* The reverse: FALSE when value is not such a list.  *starts (caller
 * frees) gets n_chunks + 1 entries. */
gboolean text_chunks_decode_starts(const char *value, gsize len, gboolean *paged,
                                   guint32 **starts, guint *n_chunks);

/* The passage of term position pos (0-based), or -1 when pos lies outside
 * every passage (a title word, a word past the stored text). */
int text_chunks_of_position(const guint32 *starts, guint n_chunks, guint32 pos);

#endif
