/* test_walk.c - which files an indexing run sees (indexer/walk.h): hidden
 * entries, .veille-ignore patterns, the index's own folder and the
 * catalogue beside the documents are left out; a missing input fails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "walk.h"

static void put(const char *root, const char *rel, const char *content)
{
    char *path = g_build_filename(root, rel, NULL);
    char *dir = g_path_get_dirname(path);
    g_mkdir_with_parents(dir, 0755);
    assert_true(g_file_set_contents(path, content, -1, NULL));
    g_free(dir);
    g_free(path);
}

static gboolean walked(const walk_result *r, const char *root, const char *rel)
{
    char *path = g_build_filename(root, rel, NULL);
    gboolean found = FALSE;
    for (guint i = 0; i < r->files->len && !found; i++)
        found = strcmp(((walked_file *)g_ptr_array_index(r->files, i))->path, path) == 0;
    g_free(path);
    return found;
}

static void test_walk(void **state)
{
    (void)state;
    verr err;
    char *root = test_tmpdir("veille-walk-XXXXXX");
    put(root, "rapport.txt", "a");
    put(root, "sous/guide.pdf", "b");
    put(root, ".cache/x.txt", "c");
    put(root, "sous/.brouillon.txt", "d");
    put(root, "catalogue.csv", "fichier;titre\n");
    put(root, ".veille-ignore", "# brouillons\nbrouillons\n*.tmp\n");
    put(root, "brouillons/v1.txt", "e");
    put(root, "sous/notes.tmp", "f");
    put(root, "index/record.glass", "g");
    char *skip = g_build_filename(root, "index", NULL);
    char *link = g_build_filename(root, "boucle", NULL);
    assert_int_equal(symlink(root, link), 0); /* a link to a folder is not followed */

    const char *inputs[] = { root, NULL };
    walk_result r = { 0 };
    assert_int_equal(walk_inputs(inputs, skip, &r, &err), 0);
    assert_int_equal(r.files->len, 2);
    assert_true(walked(&r, root, "rapport.txt"));
    assert_true(walked(&r, root, "sous/guide.pdf"));
    assert_int_equal(r.catalogues->len, 1);
    assert_true(g_str_has_suffix(g_ptr_array_index(r.catalogues, 0), "/catalogue.csv"));
    for (guint i = 1; i < r.files->len; i++) /* sorted by path */
        assert_true(strcmp(((walked_file *)g_ptr_array_index(r.files, i - 1))->path,
                           ((walked_file *)g_ptr_array_index(r.files, i))->path) < 0);
    walk_result_clear(&r);

    char *missing = g_build_filename(root, "absent", NULL);
    const char *bad[] = { missing, NULL };
    walk_result none = { 0 };
    assert_int_not_equal(walk_inputs(bad, NULL, &none, &err), 0);
    assert_int_not_equal(err.code, VERR_OK);
    walk_result_clear(&none);
    g_free(missing);
    g_free(link);
    g_free(skip);
    test_rmtree(root);
    g_free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
