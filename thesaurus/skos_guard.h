/* skos_guard.h - reading a SKOS folder in a child process, so that a
 * thesaurus file that crashes or hangs raptor fails alone.
 *
 * raptor2 2.0.15 (Debian 12) dereferences NULL on some malformed Turtle
 * (found by tests/fuzz/fuzz_skos.c): read in the indexer's own process,
 * such a file took the whole run down.  The child (child.h: no inherited
 * descriptor, dies with the indexer) reads the folder with skos_load_dir
 * under a memory and time limit and sends back the compiled vocabulary
 * as JSON (vocab_to_json), which the parent reads with vocab_from_json. */
#ifndef VEILLE_SKOS_GUARD_H
#define VEILLE_SKOS_GUARD_H

#include "verr.h"
#include "vocab.h"

/* Time and memory the child may use. */
#define SKOS_GUARD_SECONDS 120
#define SKOS_GUARD_MEMORY_MB 2048

/* skos_load_dir(dir) in a child: the same vocab or the same error, or an
 * error saying the reader crashed or ran out of time.  Caller frees the
 * vocab (vocab_free). */
vocab *skos_guard_load_dir(const char *dir, verr *err);

#endif
