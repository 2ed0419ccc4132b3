/* test_sandbox.c - extraction workers under their memory limit, whatever
 * the size of the indexer that starts them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <string.h>
#include <sys/mman.h>

#include "sandbox.h"

/* A text file's extraction, in a worker limited to 128 MiB. */
static void extract_text(const char *dir)
{
    char *path = g_build_filename(dir, "note.txt", NULL);
    assert_true(g_file_set_contents(path, "Compte rendu du comité de pilotage.\n", -1, NULL));
    sandbox_limits lim = { 1, 30, 128 };
    verr err;
    docmeta *m = sandbox_extract_one(path, &lim, &err);
    if (m == NULL)
        fail_msg("%s: %s", path, err.msg);
    assert_non_null(strstr(m->text, "comité de pilotage"));
    docmeta_free(m);
    g_free(path);
}

static void test_limit_adds_to_the_indexer(void **state)
{
    (void)state;
    char *dir = test_tmpdir("veille-sandbox-XXXXXX");
    extract_text(dir);
    g_setenv("VEILLE_TEST_SPAWN", "1", TRUE); /* started afresh, as a large indexer's */
    extract_text(dir);
    g_unsetenv("VEILLE_TEST_SPAWN");
    /* an indexer holding 2 GiB of address space (a walk and a catalogue of
     * a million files): its worker still has its own 128 MiB to extract
     * with (a forked worker inherited the 2 GiB, and every file failed for
     * want of memory) */
    size_t big = (size_t)2 << 30;
    void *held = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                      -1, 0);
    assert_true(held != MAP_FAILED);
    extract_text(dir);
    munmap(held, big);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limit_adds_to_the_indexer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
