/* bench/vocab.c - what the vocabulary costs: reading the SKOS folder (the
 * indexer, in its guarded child), the compiled JSON's size, loading that
 * JSON (the daemon at start and on SIGHUP, --explain, every run), building
 * the matcher, and the memory they hold.  Prints figures; asserts nothing.
 *
 * Usage: build/bench/vocab [THESAURUS_DIR [ROUNDS]] */
#include "match.h"
#include "skos.h"
#include "vocab.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Heap in use, in kB (what RSS holds for good once loaded). */
static long heap_kb(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)((mi.uordblks + mi.hblkhd) / 1024);
}

static double ms_since(gint64 t0) { return (double)(g_get_monotonic_time() - t0) / 1000.0; }

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "thesaurus";
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    verr err;
    double skos_ms = 1e9, json_ms = 1e9, load_ms = 1e9, match_ms = 1e9;
    long rss_loaded = 0;
    size_t json_len = 0;
    guint concepts = 0;

    for (int r = 0; r < MAX(rounds, 1); r++) {
        gint64 t0 = g_get_monotonic_time();
        vocab *v = skos_load_dir(dir, &err);
        if (v == NULL) {
            fprintf(stderr, "vocab: %s\n", err.msg);
            return 1;
        }
        skos_ms = MIN(skos_ms, ms_since(t0));
        t0 = g_get_monotonic_time();
        char *json = vocab_to_json(v);
        json_ms = MIN(json_ms, ms_since(t0));
        json_len = strlen(json);
        concepts = vocab_size(v);
        vocab_free(v);
        long before = heap_kb();
        t0 = g_get_monotonic_time();
        vocab *back = vocab_from_json(json, -1, &err);
        load_ms = MIN(load_ms, ms_since(t0));
        g_free(json);
        t0 = g_get_monotonic_time();
        matcher *m = matcher_new(back);
        match_ms = MIN(match_ms, ms_since(t0));
        if (r == 0)
            rss_loaded = heap_kb() - before;
        matcher_free(m);
        vocab_free(back);
    }
    printf("bench/vocab: %s, %u concepts (best of %d rounds)\n", dir, concepts, MAX(rounds, 1));
    printf("  SKOS folder read (indexer)      %8.1f ms\n", skos_ms);
    printf("  compiled JSON                   %8.1f ms, %zu bytes\n", json_ms, json_len);
    printf("  JSON loaded (daemon, --explain) %8.1f ms\n", load_ms);
    printf("  matcher built                   %8.1f ms\n", match_ms);
    printf("  memory held by vocab + matcher  %8ld kB (heap in use)\n", rss_loaded);
    return 0;
}
