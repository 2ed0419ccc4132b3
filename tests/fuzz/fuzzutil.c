/* fuzzutil.c - helpers shared by the fuzzing harnesses (fuzzutil.h). */
#include "fuzzutil.h"
#include "skos.h"
#include "../unit/testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = g_malloc(size + 1);
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static char *tmpdir;

static void remove_tmpdir(void)
{
    test_rmtree(tmpdir);
    g_free(tmpdir);
    tmpdir = NULL;
}

const char *fuzz_tmpdir(void)
{
    if (tmpdir == NULL) {
        tmpdir = test_tmpdir("veille-fuzz-XXXXXX");
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

static vocab *voc;
static matcher *mat;

const vocab *fuzz_vocab(void)
{
    if (voc == NULL) {
        verr err;
        const char *dir = getenv("VEILLE_THESAURUS");
        voc = skos_load_dir(dir != NULL ? dir : "thesaurus", &err);
        if (voc == NULL)
            fuzz_fail("thesaurus: %s (run from the top folder or set VEILLE_THESAURUS)", err.msg);
        mat = matcher_new(voc);
    }
    return voc;
}

const matcher *fuzz_matcher(void)
{
    fuzz_vocab();
    return mat;
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz check failed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void fuzz_check_utf8(const char *what, const char *s)
{
    const char *end = NULL;
    if (!g_utf8_validate(s, -1, &end))
        fuzz_fail("%s: invalid UTF-8 at byte %td of \"%s\"", what, end - s, s);
}
