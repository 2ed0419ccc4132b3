/* replay.c - a main for the fuzzing harnesses without libFuzzer: runs the
 * harness once on each file named (or each file of each folder named), as
 * `fuzz_NAME FILE...` does, so that `make check` replays the seed corpus
 * under the gcc ASan/UBSan build (tests/fuzz/replay). */
#include "fuzzutil.h"

#include <stdio.h>
#include <stdlib.h>

/* harnesses need not have one */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path)
{
    char *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        fprintf(stderr, "replay: %s\n", gerr->message);
        g_error_free(gerr);
        return -1;
    }
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, (size_t)len);
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    g_free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0, ran = 0;
    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            failed |= run_file(argv[i]) != 0;
            ran++;
            continue;
        }
        GDir *d = g_dir_open(argv[i], 0, NULL);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        const char *name;
        while (d != NULL && (name = g_dir_read_name(d)) != NULL)
            g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
        if (d != NULL)
            g_dir_close(d);
        for (guint k = 0; k < names->len; k++, ran++)
            failed |= run_file(g_ptr_array_index(names, k)) != 0;
        g_ptr_array_unref(names);
    }
    fprintf(stderr, "replay: %d inputs\n", ran);
    return failed || ran == 0 ? 1 : 0;
}
