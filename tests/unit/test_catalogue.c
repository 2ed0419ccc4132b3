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
#include "skos.h"
#include "tag.h"

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = test_tmpdir("veille-cat-XXXXXX");
    const char *names[] = { "a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf", "f.pdf", NULL };
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
    csv_table *t = csv_parse("\xEF\xBB\xBF" "a;b;c\r\n1;\"deux; avec \"\"guillemets\"\"\";3\r\n\r\n"
                             "x;\"sur\ndeux lignes\";z\n");
    assert_non_null(t);
    assert_int_equal(t->separator, ';');
    assert_int_equal(t->records->len, 3);
    assert_string_equal(field(t, 0, 0), "a");
    assert_string_equal(field(t, 1, 1), "deux; avec \"guillemets\"");
    assert_string_equal(field(t, 2, 1), "sur\ndeux lignes");
    assert_int_equal(((csv_record *)g_ptr_array_index(t->records, 2))->line, 4);
    assert_int_equal(t->problems->len, 0);
    csv_table_free(t);


    t = csv_parse("a,b\n1,2\n");
    assert_int_equal(t->separator, ',');
    assert_string_equal(field(t, 1, 1), "2");
    csv_table_free(t);

    /* blanks after a closing quote, CRLF after it, a quoted empty cell */
    t = csv_parse("a;b;c\r\n\"un\"  ;\"\";\"trois\"\r\n\"x\"\r");
    assert_int_equal(t->records->len, 3);
    assert_string_equal(field(t, 1, 0), "un");
    assert_string_equal(field(t, 1, 1), "");
    assert_string_equal(field(t, 1, 2), "trois");
    assert_string_equal(field(t, 2, 0), "x");
    assert_int_equal(t->problems->len, 0);
    csv_table_free(t);
}

static const csv_problem *problem(const csv_table *t, guint i)
{
    return g_ptr_array_index(t->problems, i);
}

static guint line_of(const csv_table *t, guint rec)
{
    return ((const csv_record *)g_ptr_array_index(t->records, rec))->line;
}

/* A broken quote costs its record, not the rest: reading resumes at the
 * next line, and the rows a runaway quote ran over are read again. */
static void test_csv_broken_quotes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        guint records;      /* header included */
        guint bad_line;
        const char *reason;
        guint last_line;    /* line of the last record */
        const char *last;   /* its second field */
    } rows[] = {
        /* never closed, up to the end of the text */
        { "a;b\n1;\"jamais fermé\n2;deux\n", 2, 2, "guillemet ouvert jamais refermé : « jamais fermé »",
          3, "deux" },
        /* left open, it runs to the opening quote of a later cell */
        { "a;b\n1;\"ouvert\n2;deux\n3;\"cité\";\n", 3, 2, "guillemet ouvert jamais refermé", 4,
          "cité" },
        /* left open, it runs to a cell that opens with a quoted quote */
        { "a;b\r\n1;\"ouvert\r\n2;\"\"\"mot\"\" cité\"\r\n", 2, 2, "guillemet ouvert", 3,
          "\"mot\" cité" },
        /* an unescaped quote inside a quoted cell, on one line */
        { "a;b\n1;\"Rapport \"final\" 2012\";x\n2;deux\n", 2, 2,
          "guillemet isolé dans une cellule entre guillemets : « Rapport \"final\" 2012\";x »", 3,
          "deux" },
        /* after a good multi-line cell, a broken one: the record's first line is reported */
        { "a;b;c\n1;\"deux\nlignes\";\"cassé\n2;x;y\n", 2, 2, "jamais refermé", 4, "x" },
        /* an unclosed quote at the very end, nothing after */
        { "a;b\n1;2\n3;\"", 2, 3, "jamais refermé", 2, "2" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        csv_table *t = csv_parse(rows[i].text);
        assert_int_equal(t->records->len, rows[i].records);
        assert_true(t->problems->len >= 1);
        assert_int_equal(problem(t, 0)->line, rows[i].bad_line);
        if (strstr(problem(t, 0)->reason, rows[i].reason) == NULL)
            fail_msg("row %zu: \"%s\" lacks \"%s\"", i, problem(t, 0)->reason, rows[i].reason);
        assert_int_equal(line_of(t, t->records->len - 1), rows[i].last_line);
        assert_string_equal(field(t, t->records->len - 1, 1), rows[i].last);
        csv_table_free(t);
    }

    /* a long cell is quoted shortened, on a character boundary */
    csv_table *t = csv_parse("a;b\n1;\"éééééééééééééééééééééééééééééééééééééééééééé\n");
    assert_int_equal(t->problems->len, 1);
    assert_true(g_utf8_validate(problem(t, 0)->reason, -1, NULL));
    assert_non_null(strstr(problem(t, 0)->reason, "é… »"));
    csv_table_free(t);

    /* every line opening a quote it never closes: each is read once */
    GString *many = g_string_new("a;b\n");
    for (int i = 0; i < 20000; i++)
        g_string_append(many, "x;\"y\n");
    g_string_append(many, "z;fin\n");
    t = csv_parse(many->str);
    assert_int_equal(t->problems->len, 20000);
    assert_int_equal(problem(t, 19999)->line, 20001);
    assert_int_equal(t->records->len, 2);
    assert_int_equal(line_of(t, 1), 20002);
    csv_table_free(t);
    g_string_free(many, TRUE);
}

/* Fails unless problems are n, the i-th holding expect[i]. */
static void assert_problems(const GPtrArray *problems, const char *const *expect, guint n)
{
    assert_int_equal(problems->len, n);
    for (guint i = 0; i < n; i++)
        if (strstr(g_ptr_array_index(problems, i), expect[i]) == NULL)
            fail_msg("problem %u: \"%s\" lacks \"%s\"", i,
                     (char *)g_ptr_array_index(problems, i), expect[i]);
}

static char *write_catalogue(const char *content)
{
    char *path = g_build_filename(tmpdir, "catalogue.csv", NULL);
    assert_true(g_file_set_contents(path, content, -1, NULL));
    return path;
}

/* Writes content as the catalogue and loads it, with t (may be NULL);
 * fails the test if it is refused.  OUT *problems: caller unrefs. */
static catalogue *load(const char *content, const tagger *t, GPtrArray **problems)
{
    char *path = write_catalogue(content);
    catalogue *c = catalogue_new();
    verr err;
    catalogue_set_tagger(c, t);
    *problems = g_ptr_array_new_with_free_func(g_free);
    assert_int_equal(catalogue_load(c, path, *problems, &err), 0);
    g_free(path);
    return c;
}

static void test_catalogue_rows(void **state)
{
    (void)state;
    /* Windows-1252, ';', French headers with accents, a bad date, a missing
     * file, an absolute path and a row with too many cells */
    GPtrArray *problems;
    catalogue *c = load(
        "Fichier;Titre;Auteurs;Date;Th\xE8mes;R\xE9gions;URL;Colonne inconnue\r\n"
        "a.pdf;Rapport d'activit\xE9;Anne Martin | Karim Benali;05/03/2012;Sant\xE9 mentale | "
        "Nutrition;Occitanie;https://example.org/a;x\r\n"
        "b.pdf;Guide;;hier;;;;\r\n"
        "absent.pdf;Fant\xF4me;;;;;;\r\n"
        "/etc/passwd;Non;;;;;;\r\n"
        "c.pdf;Trop;de;cellules;ici;a;b;c;d\r\n", NULL, &problems);
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

    const char *expect[] = { ":3: date illisible", ":4: fichier introuvable", ":5: chemin absolu",
                             ":6: 9 colonnes" };
    assert_problems(problems, expect, G_N_ELEMENTS(expect));

    g_free(a);
    g_free(b);
    g_ptr_array_unref(problems);
    catalogue_free(c);
}

static const catalogue_entry *entry(const catalogue *c, const char *name)
{
    char *p = g_build_filename(tmpdir, name, NULL);
    const catalogue_entry *e = catalogue_lookup(c, p);
    g_free(p);
    return e;
}

/* Issue 9: an unclosed quote on line 6 used to discard the whole catalogue
 * (or, when a later cell had a quote, swallow the rows up to it). */
static void test_catalogue_broken_quote(void **state)
{
    (void)state;
    static const char *const tails[] = {
        "e.pdf;Apr\xC3\xA8s;2016\r\nf.pdf;Derni\xC3\xA8re;2017\r\n",        /* no quote after */
        "e.pdf;Apr\xC3\xA8s;2016\r\nf.pdf;\"Guide \"\"pratique\"\"\";2017\r\n", /* one */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(tails); i++) {
        char *csv = g_strconcat("Fichier;Titre;Date\r\n"
                                "a.pdf;Avant;2012\r\n"
                                "b.pdf;\"Titre; avec s\xC3\xA9parateur\";2013\r\n"
                                "c.pdf;\"Sur\ndeux lignes\";2014\r\n"
                                "d.pdf;\"Guillemet jamais ferm\xC3\xA9;2015\r\n", tails[i], NULL);
        GPtrArray *problems;
        catalogue *c = load(csv, NULL, &problems);
        assert_int_equal(catalogue_size(c), 5);
        assert_null(entry(c, "d.pdf"));
        assert_string_equal(entry(c, "b.pdf")->meta->title, "Titre; avec séparateur");
        assert_string_equal(entry(c, "c.pdf")->meta->title, "Sur\ndeux lignes");
        assert_int_equal(entry(c, "e.pdf")->line, 7);
        assert_string_equal(entry(c, "e.pdf")->meta->date, "2016");
        assert_int_equal(entry(c, "f.pdf")->line, 8);
        assert_string_equal(entry(c, "f.pdf")->meta->date, "2017");
        assert_int_equal(problems->len, 1);
        assert_non_null(strstr(g_ptr_array_index(problems, 0),
                               "catalogue.csv:6: guillemet ouvert jamais refermé : "
                               "« Guillemet jamais fermé;2015 », ligne ignorée"));
        g_ptr_array_unref(problems);
        catalogue_free(c);
        g_free(csv);
    }
}

/* Every problem of a row is reported, not only its first, in line order. */
static void test_catalogue_all_problems(void **state)
{
    (void)state;
    GPtrArray *problems;
    catalogue *c = load("Fichier;Titre;Date;URL\n"
                        "absent.pdf;Fant\xC3\xB4me;hier;ftp://x\n"
                        "a.pdf;\"cass\xC3\xA9\n"
                        "b.pdf;Bon;demain;https://example.org\n", NULL, &problems);
    assert_int_equal(catalogue_size(c), 1);
    assert_string_equal(entry(c, "b.pdf")->meta->source_url, "https://example.org");
    assert_null(entry(c, "b.pdf")->meta->date);
    const char *expect[] = { ":2: fichier introuvable : absent.pdf", ":2: date illisible",
                             ":2: URL invalide", ":3: guillemet ouvert jamais refermé",
                             ":4: date illisible" };
    assert_problems(problems, expect, G_N_ELEMENTS(expect));
    g_ptr_array_unref(problems);
    catalogue_free(c);
}

/* With a thesaurus, themes and places it does not know are row problems
 * too, even on a row whose file is missing; known ones and roll-ups pass. */
static void test_catalogue_unknown_values(void **state)
{
    (void)state;
    verr err;
    vocab *v = skos_load_dir("thesaurus", &err);
    assert_non_null(v);
    tagger *t = tagger_new(v);
    GPtrArray *problems;
    catalogue *c = load("Fichier;Th\xC3\xA8mes;R\xC3\xA9gions\n"
                        "a.pdf;Sant\xC3\xA9 mentale | Th\xC3\xA8me invent\xC3\xA9;"
                        "Occitanie | Atlantide | Picardie | Gard\n"
                        "absent.pdf;Nutrition | Inconnu;\n", t, &problems);
    assert_int_equal(catalogue_size(c), 1);
    assert_int_equal(entry(c, "a.pdf")->meta->themes->len, 2); /* kept, as manual tags */
    const char *expect[] = { ":2: thème inconnu du thésaurus : « Thème inventé »",
                             ":2: lieu inconnu du thésaurus : « Atlantide »",
                             ":3: fichier introuvable", ":3: thème inconnu du thésaurus : « Inconnu »" };
    assert_problems(problems, expect, G_N_ELEMENTS(expect));
    g_ptr_array_unref(problems);
    catalogue_free(c);
    tagger_free(t);
    vocab_free(v);
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
    g_free(path);
    path = write_catalogue("\"Fichier;Titre\na.pdf;Rapport\n"); /* the header's quote */
    assert_int_not_equal(catalogue_load(c, path, problems, &err), 0);
    assert_non_null(strstr(err.msg, "catalogue.csv:1: en-tête illisible : guillemet ouvert"));
    g_free(path);
    path = write_catalogue("");
    assert_int_not_equal(catalogue_load(c, path, problems, &err), 0);
    assert_non_null(strstr(err.msg, "catalogue vide"));
    assert_int_equal(problems->len, 0);
    g_ptr_array_unref(problems);
    catalogue_free(c);
    g_free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_broken_quotes),
        cmocka_unit_test(test_catalogue_rows),
        cmocka_unit_test(test_catalogue_broken_quote),
        cmocka_unit_test(test_catalogue_all_problems),
        cmocka_unit_test(test_catalogue_unknown_values),
        cmocka_unit_test(test_catalogue_refused),
    };
    return cmocka_run_group_tests_name("catalogue", tests, setup, teardown);
}
