/* test_extract.c - each extractor on real files: the corpus's own PDF,
 * ODT, DOCX and HTML documents, plus text written here in several
 * encodings and broken files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "detect.h"
#include "extract.h"

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = test_tmpdir("veille-extract-XXXXXX");
    return detect_init(NULL);
}

static int teardown(void **state)
{
    (void)state;
    int rc = test_rmtree(tmpdir);
    g_free(tmpdir);
    detect_shutdown();
    return rc;
}

static char *write_tmp(const char *name, const char *data, gssize len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}

/* The first corpus document whose name starts with prefix. */
static char *corpus_file(const char *prefix)
{
    GDir *d = g_dir_open("corpus/documents", 0, NULL);
    assert_non_null(d);
    const char *name;
    char *found = NULL;
    while ((name = g_dir_read_name(d)) != NULL && found == NULL)
        if (g_str_has_prefix(name, prefix))
            found = g_build_filename("corpus/documents", name, NULL);
    g_dir_close(d);
    assert_non_null(found);
    return found;
}

static void test_pdf(void **state)
{
    (void)state;
    char *path = corpus_file("004-");
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "application/pdf");
    assert_string_equal(m->title, "Rapport d'activité 2013 – Atelier santé ville de Vénissieux");
    assert_string_equal(m->date, "2013-04-17");
    assert_true(m->pages >= 2);
    assert_true(m->authors->len >= 1);
    assert_non_null(m->keywords);
    assert_non_null(strstr(m->text, "souffrance psychique"));
    assert_true(g_utf8_validate(m->text, -1, NULL));
    docmeta_free(m);
    g_free(path);
}

static void test_pdf_broken(void **state)
{
    (void)state;
    /* a PDF cut after its header: poppler refuses it, we say why */
    char *path = write_tmp("cut.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog", -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_int_equal(err.code, VERR_PARSE);
    assert_non_null(strstr(err.msg, "PDF"));
    docmeta_free(m);
    g_free(path);
}

static void test_odt_docx(void **state)
{
    (void)state;
    static const char *const prefixes[] = { "057-", "060-" };
    static const char *const mimes[] = {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };
    for (size_t i = 0; i < 2; i++) {
        char *path = corpus_file(prefixes[i]);
        docmeta *m = docmeta_new();
        verr err;
        assert_int_equal(extract_file(path, m, &err), 0);
        assert_string_equal(m->mime, mimes[i]);
        assert_non_null(m->title);
        assert_non_null(m->date);
        assert_true(m->authors->len >= 1);
        assert_true(strlen(m->text) > 500);
        assert_non_null(strstr(m->text, "Compte rendu de réunion"));
        docmeta_free(m);
        g_free(path);
    }
}

static void test_html(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html><html lang=\"fr-FR\"><head><meta charset=\"utf-8\">"
        "<title>Guide &amp; nutrition</title><meta name=\"description\" content=\"Pour les "
        "ateliers\"><meta name=\"author\" content=\"IREPS Occitanie\">"
        "<style>p{color:red}</style><script>var hidden = 'secret';</script></head>"
        "<body><h1>Manger équilibré</h1><p>À Perpignan.<br>Deuxième ligne</p>"
        "<noscript>active JS</noscript></body></html>";
    char *path = write_tmp("page.html", page, -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->title, "Guide & nutrition");
    assert_string_equal(m->summary, "Pour les ateliers");
    assert_string_equal(m->lang, "fr");
    assert_string_equal(g_ptr_array_index(m->authors, 0), "IREPS Occitanie");
    assert_non_null(strstr(m->text, "Manger équilibré"));
    assert_non_null(strstr(m->text, "À Perpignan."));
    assert_null(strstr(m->text, "secret"));
    assert_null(strstr(m->text, "color"));
    assert_null(strstr(m->text, "active JS"));
    docmeta_free(m);
    g_free(path);
}

static void test_text_encodings(void **state)
{
    (void)state;
    const char cp1252[] = "R\xE9union de l\x92\xE9quipe\r\n\r\nSant\xE9 mentale \x96 bilan\r\n";
    char *path = write_tmp("cr.txt", cp1252, -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "text/plain");
    assert_string_equal(m->charset, "windows-1252");
    assert_string_equal(m->title, "Réunion de l’équipe");
    assert_non_null(strstr(m->text, "Santé mentale – bilan"));
    docmeta_free(m);
    g_free(path);
}

/* libmagic calls this "message/news" (it starts like a news header) */
static void test_text_like_news(void **state)
{
    (void)state;
    char *path = write_tmp("article.txt", "Article premier : le CLS de Nantes.\nTexte du compte rendu.\n", -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "text/plain");
    assert_non_null(strstr(m->text, "CLS de Nantes"));
    docmeta_free(m);
    g_free(path);
}

static void test_unsupported_and_zip(void **state)
{
    (void)state;
    /* PNG header: detected, not extracted, reported as unsupported */
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    char *path = write_tmp("image.pdf", png, sizeof png - 1); /* the name lies */
    docmeta *m = docmeta_new();
    verr err;
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "image/png"));
    docmeta_free(m);
    g_free(path);

    /* a truncated DOCX (zip cut in half) fails with a reason */
    char *docx = corpus_file("060-");
    char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(docx, &data, &len, NULL));
    path = write_tmp("cut.docx", data, (gssize)(len / 2));
    m = docmeta_new();
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_true(strlen(err.msg) > 0);
    docmeta_free(m);
    g_free(path);
    g_free(data);
    g_free(docx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf),          cmocka_unit_test(test_pdf_broken),
        cmocka_unit_test(test_odt_docx),     cmocka_unit_test(test_html),
        cmocka_unit_test(test_text_encodings), cmocka_unit_test(test_unsupported_and_zip),
        cmocka_unit_test(test_text_like_news),
    };
    return cmocka_run_group_tests_name("extract", tests, setup, teardown);
}
