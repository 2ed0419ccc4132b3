/* test_datadir.c - the data folder is found beside the program (an
 * installed tree under any prefix), else at the compiled path, else not at
 * all, with both paths in the error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "datadir.h"
#include "testutil.h"

static void test_beside_the_program(void **state)
{
    (void)state;
    char *root = test_tmpdir("veille-datadir-XXXXXX");
    char *web = g_build_filename(root, "usr", "share", "veille", "web", NULL);
    char *exe = g_build_filename(root, "usr", "bin", "veille-searchd", NULL);
    assert_int_equal(g_mkdir_with_parents(web, 0755), 0);
    static const struct {
        const char *sub;
        gboolean found;
    } rows[] = {
        { "web", TRUE },
        { "no-such-folder-in-any-datadir", FALSE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        verr err;
        verr_clear(&err);
        char *dir = datadir_find_for(exe, rows[i].sub, &err);
        if (rows[i].found) {
            assert_non_null(dir);
            assert_string_equal(dir, web); /* "bin/.." resolved */
        } else {
            assert_null(dir);
            assert_int_equal(err.code, VERR_NOTFOUND);
            assert_non_null(strstr(err.msg, root));               /* the path beside */
            assert_non_null(strstr(err.msg, datadir_compiled())); /* and the compiled one */
        }
        g_free(dir);
    }
    assert_int_equal(test_rmtree(root), 0);
    g_free(exe);
    g_free(web);
    g_free(root);
}

static void test_compiled_path_second(void **state)
{
    (void)state;
    /* a program without a path (no /proc) still gets the compiled folder's answer */
    verr err;
    verr_clear(&err);
    char *dir = datadir_find_for(NULL, "no-such-folder-in-any-datadir", &err);
    assert_null(dir);
    assert_non_null(strstr(err.msg, datadir_compiled()));
    assert_true(g_path_is_absolute(datadir_compiled()));
}

static void test_running_program(void **state)
{
    (void)state;
    /* the test binary is build/tests/X: build/share/veille does not exist */
    verr err;
    verr_clear(&err);
    char *dir = datadir_find("no-such-folder-in-any-datadir", &err);
    assert_null(dir);
    assert_non_null(strstr(err.msg, "/share/veille/no-such-folder-in-any-datadir"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beside_the_program),
        cmocka_unit_test(test_compiled_path_second),
        cmocka_unit_test(test_running_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
