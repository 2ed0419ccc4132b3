/* wire.h - what an extraction worker sends back to the indexer (sandbox.h),
 * as bytes: 'O', the metadata JSON's length (uint64, host order), the
 * docmeta JSON (docmeta_to_json, without text), then the text; or 'E',
 * the verr code in decimal, a newline and the French message.  The
 * sandbox frames each reply with its length. */
#ifndef VEILLE_WIRE_H
#define VEILLE_WIRE_H

#include <glib.h>
#include "docmeta.h"
#include "verr.h"

/* The reply for an extracted document.  Caller frees (g_byte_array_unref). */
GByteArray *wire_encode_document(const docmeta *m);
/* The reply for a file that failed with err. */
GByteArray *wire_encode_failure(const verr *err);

/* Decodes a reply of n bytes: the document (caller frees), or NULL with
 * err: the worker's failure, or VERR_INTERNAL for a reply that is
 * truncated or unreadable. */
docmeta *wire_decode(const guint8 *reply, size_t n, verr *err);

#endif
