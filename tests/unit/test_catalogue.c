/* test_catalogue.c - the CSV reader and the documentalist's catalogue:
 * separators, quoting, encodings, header names, and bad rows reported
 * with their line numbers while good rows still apply. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "csv.h"

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = test_tmpdir("veille-cat-XXXXXX");
    const char *names[] = { "a.pdf", "b.pdf", "c.pdf", NULL };
    for (size_t i = 0; names[i] != NULL; i++) {
        char *p = g_build_filename(tmpdir, names[i], NULL);
        g_file_set_contents(p, "x", 1, NULL);
        g_free(p);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    int rc = test_rmtree(tmpdir);
    g_free(tmpdir);
    return rc;
}

static const char *field(const csv_table *t, guint rec, guint f)
{
    const csv_record *r = g_ptr_array_index(t->records, rec);
    return g_ptr_array_index(r->fields, f);
}

static void test_csv(void **state)
{
    (void)state;
    verr err;
    csv_table *t = csv_parse("\xEF\xBB\xBF" "a;b;c\r\n1;\"deux; avec \"\"guillemets\"\"\";3\r\n\r\n"
                             "x;\"sur\ndeux lignes\";z\n", &err);
    assert_non_null(t);
    assert_int_equal(t->separator, ';');
    assert_int_equal(t->records->len, 3);
    assert_string_equal(field(t, 0, 0), "a");
    assert_string_equal(field(t, 1, 1), "deux; avec \"guillemets\"");
    assert_string_equal(field(t, 2, 1), "sur\ndeux lignes");
    assert_int_equal(((csv_record *)g_ptr_array_index(t->records, 2))->line, 4);
    csv_table_free(t);

    t = csv_parse("a,b\n1,2\n", &err);
    assert_int_equal(t->separator, ',');
    assert_string_equal(field(t, 1, 1), "2");
    csv_table_free(t);

    assert_null(csv_parse("a;b\n1;\"jamais fermé\n", &err));
    assert_int_equal(err.code, VERR_PARSE);
    assert_non_null(strstr(err.msg, "ligne 2"));
}

static char *write_catalogue(const char *content)
{
    char *path = g_build_filename(tmpdir, "catalogue.csv", NULL);
    assert_true(g_file_set_contents(path, content, -1, NULL));
    return path;
}

static void test_catalogue_rows(void **state)
{
    (void)state;
    /* Windows-1252, ';', French headers with accents, a bad date, a missing
     * file, an absolute path and a row with too many cells */
    char *path = write_catalogue(
        "Fichier;Titre;Auteurs;Date;Th\xE8mes;R\xE9gions;URL;Colonne inconnue\r\n"
        "a.pdf;Rapport d'activit\xE9;Anne Martin | Karim Benali;05/03/2012;Sant\xE9 mentale | "
        "Nutrition;Occitanie;https://example.org/a;x\r\n"
        "b.pdf;Guide;;hier;;;;\r\n"
        "absent.pdf;Fant\xF4me;;;;;;\r\n"
        "/etc/passwd;Non;;;;;;\r\n"
        "c.pdf;Trop;de;cellules;ici;a;b;c;d\r\n");
    catalogue *c = catalogue_new();
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    verr err;
    assert_int_equal(catalogue_load(c, path, problems, &err), 0);
    assert_int_equal(catalogue_size(c), 2); /* a.pdf and b.pdf */

    char *a = g_build_filename(tmpdir, "a.pdf", NULL);
    const catalogue_entry *e = catalogue_lookup(c, a);
    assert_non_null(e);
    assert_int_equal(e->line, 2);
    assert_string_equal(e->meta->title, "Rapport d'activité");
    assert_string_equal(e->meta->date, "2012-03-05");
    assert_int_equal(e->meta->authors->len, 2);
    assert_string_equal(g_ptr_array_index(e->meta->themes, 0), "Santé mentale");
    assert_string_equal(g_ptr_array_index(e->meta->regions, 0), "Occitanie");

    /* applying: catalogue wins, fields marked manual */
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Titre extrait du PDF");
    docmeta_set(&m->subject, "sujet extrait");
    catalogue_apply(e, m);
    assert_string_equal(m->title, "Rapport d'activité");
    assert_string_equal(m->subject, "sujet extrait");
    assert_true(docmeta_is_manual(m, "title"));
    assert_true(docmeta_is_manual(m, "themes"));
    assert_false(docmeta_is_manual(m, "subject"));
    docmeta_free(m);

    /* b.pdf kept, its bad date ignored and reported */
    char *b = g_build_filename(tmpdir, "b.pdf", NULL);
    e = catalogue_lookup(c, b);
    assert_non_null(e);
    assert_null(e->meta->date);

    assert_int_equal(problems->len, 4);
    const char *expect[] = { ":3: date illisible", ":4: fichier introuvable", ":5: chemin absolu",
                             ":6: 9 colonnes" };
    for (guint i = 0; i < 4; i++)
        assert_non_null(strstr(g_ptr_array_index(problems, i), expect[i]));

    g_free(a);
    g_free(b);
    g_ptr_array_unref(problems);
    catalogue_free(c);
    g_free(path);
}

static void test_catalogue_refused(void **state)
{
    (void)state;
    char *path = write_catalogue("Titre,Auteurs\nRapport,Anne\n");
    catalogue *c = catalogue_new();
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    verr err;
    assert_int_not_equal(catalogue_load(c, path, problems, &err), 0);
    assert_non_null(strstr(err.msg, "fichier"));
    assert_int_not_equal(catalogue_load(c, "/nonexistent.csv", problems, &err), 0);
    assert_int_equal(err.code, VERR_IO);
    g_ptr_array_unref(problems);
    catalogue_free(c);
    g_free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_catalogue_rows),
        cmocka_unit_test(test_catalogue_refused),
    };
    return cmocka_run_group_tests_name("catalogue", tests, setup, teardown);
}
