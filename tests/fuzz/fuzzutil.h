/* fuzzutil.h - what the libFuzzer harnesses of tests/fuzz/ share: inputs
 * as C strings, a temporary folder, the project's thesaurus, and checks of
 * invariants that abort, so that libFuzzer (make fuzz) or the replay of
 * the seeds (make check) reports them as crashes.
 *
 * A harness is one file, fuzz_NAME.c, defining LLVMFuzzerTestOneInput and
 * optionally LLVMFuzzerInitialize, with its seeds in corpus/NAME/; it is
 * built once with libFuzzer (clang, build-fuzz/fuzz/NAME) and once with
 * replay.c as its main (build-asan/fuzz-replay/NAME). */
#ifndef VEILLE_FUZZUTIL_H
#define VEILLE_FUZZUTIL_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "match.h"
#include "vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The size bytes of data, NUL-terminated (a NUL inside ends the C string
 * early).  Caller frees with g_free(). */
char *fuzz_string(const uint8_t *data, size_t size);

/* A folder under /tmp made on first use, removed with what it holds when
 * the process exits normally.  Static string. */
const char *fuzz_tmpdir(void);

/* The project's thesaurus ($VEILLE_THESAURUS, else ./thesaurus: make runs
 * the harnesses from the top folder), loaded on first use, and its
 * matcher.  Static; aborts when it cannot be loaded. */
const vocab *fuzz_vocab(void);
const matcher *fuzz_matcher(void);

/* Aborts with the message when an invariant the harness checks fails. */
void fuzz_fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2) G_GNUC_NORETURN;
#define FUZZ_CHECK(cond, ...) do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/* Checks that s is valid UTF-8 (what names it in the message). */
void fuzz_check_utf8(const char *what, const char *s);

#endif
