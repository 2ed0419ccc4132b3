/* test_upload.c - an uploaded form read into the collection folder
 * (searchd/upload.c): the file streams to a hidden temporary file, one
 * file part and each field once, bounded fields, the form's fields
 * checked as a correction before anything is queued, and what a stopped
 * daemon left behind is cleaned; a copy of a document already there is
 * recognised by its content.  (Queueing and applying are
 * tests/integration/writes.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "docmeta.h"
#include "record.h"
#include "upload.h"

#define BOUNDARY "xYzZy"
#define TYPE "multipart/form-data; boundary=" BOUNDARY

/* Reads body into a new upload of dir; OUT *err from the form reader. */
static upload *read_form(const char *dir, const char *body, verr *err)
{
    upload *u = upload_new(dir, err);
    assert_non_null(u);
    multipart *mp = multipart_new(TYPE, &upload_form, u, err);
    assert_non_null(mp);
    if (multipart_feed(mp, body, strlen(body), err) == 0)
        multipart_finish(mp, err);
    multipart_free(mp);
    return u;
}

/* Files in dir, hidden ones included. */
static guint count_files(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (d != NULL && g_dir_read_name(d) != NULL)
        n++;
    if (d != NULL)
        g_dir_close(d);
    return n;
}

static void test_form(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-upload-XXXXXX");
    verr_clear(&err);
    upload *u = read_form(dir,
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.txt\"\r\n"
        "\r\nLe rapport.\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"themes\"\r\n"
        "\r\nNutrition|CLS\r\n--" BOUNDARY "--\r\n", &err);
    assert_int_equal(err.code, VERR_OK);
    assert_null(upload_failed(u));
    assert_int_equal(count_files(dir), 1); /* the hidden temporary file */
    upload_free(u);
    assert_int_equal(count_files(dir), 0); /* removed with the upload */

    verr_clear(&err);
    u = read_form(dir,
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
        "\r\nA\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
        "filename=\"b.txt\"\r\n\r\nB\r\n--" BOUNDARY "--\r\n", &err);
    assert_non_null(upload_failed(u));
    assert_int_equal(upload_failed(u)->code, VERR_PARSE); /* one file per upload */
    upload_free(u);

    verr_clear(&err);
    u = read_form(dir,
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n--" BOUNDARY
        "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nU\r\n--" BOUNDARY "--\r\n", &err);
    assert_int_equal(upload_failed(u)->code, VERR_PARSE); /* a field once */
    upload_free(u);
    test_rmtree(dir);
    g_free(dir);
}

static void test_refused_before_queueing(void **state)
{
    (void)state;
    verr err;
    submit_result res;
    char *dir = test_tmpdir("veille-upload-XXXXXX");
    char *db = g_build_filename(dir, "index", NULL);
    upload *u = read_form(dir,
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSeul\r\n--" BOUNDARY
        "--\r\n", &err);
    assert_int_equal(upload_finish(u, db, &res, &err), -1);
    assert_int_equal(err.code, VERR_PARSE); /* no file */
    upload_free(u);

    u = read_form(dir,
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.txt\"\r\n"
        "\r\nTexte\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n"
        "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xff\xfe\r\n--"
        BOUNDARY "--\r\n", &err);
    assert_int_equal(upload_finish(u, db, &res, &err), -1);
    assert_int_equal(err.code, VERR_PARSE); /* a field that is not UTF-8 */
    upload_free(u);
    char *pending = g_strconcat(db, ".pending", NULL);
    assert_false(g_file_test(pending, G_FILE_TEST_EXISTS)); /* nothing was queued */
    assert_int_equal(count_files(dir), 0);                /* nor kept */
    g_free(pending);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

/* A file whose content the collection holds (same SHA-256) is that
 * document, unless the form confirms it. */
static void test_duplicate(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-upload-XXXXXX");
    char *db = g_build_filename(dir, "index", NULL);
    xap_wdb *w = xap_wdb_open(db, 1, &err);
    record_builder *rb = record_builder_new(&err);
    assert_non_null(w);
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Le rapport");
    docmeta_set(&m->text, "Le rapport.");
    m->sha256 = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "Le rapport.", -1);
    test_put_document(w, rb, m, "/c/rapport.txt", NULL);
    assert_int_equal(xap_wdb_commit(w, &err), 0);
    const xap_db *reader = xap_wdb_db(w);
    static const char *const forms[] = {
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"copie.txt\"\r\n"
        "\r\nLe rapport.\r\n--" BOUNDARY "--\r\n",
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"copie.txt\"\r\n"
        "\r\nLe rapport.\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"confirm\"\r\n"
        "\r\n1\r\n--" BOUNDARY "--\r\n",
        "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"autre.txt\"\r\n"
        "\r\nUn autre rapport.\r\n--" BOUNDARY "--\r\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
        verr_clear(&err);
        upload *u = read_form(dir, forms[i], &err);
        char *id = NULL;
        assert_int_equal(upload_duplicate(u, reader, &id, &err), 0);
        if (i == 0)
            assert_string_equal(id, m->id);               /* the same content: that document */
        else
            assert_null(id);                              /* confirmed, or another content */
        g_free(id);
        upload_free(u);
    }
    docmeta_free(m);
    record_builder_free(rb);
    xap_wdb_free(w);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

static void test_clean_stale(void **state)
{
    (void)state;
    char *dir = test_tmpdir("veille-upload-XXXXXX");
    char *old = g_build_filename(dir, ".upload-old", NULL);
    char *fresh = g_build_filename(dir, ".upload-new", NULL);
    char *doc = g_build_filename(dir, "rapport.pdf", NULL);
    g_file_set_contents(old, "x", -1, NULL);
    g_file_set_contents(fresh, "x", -1, NULL);
    g_file_set_contents(doc, "x", -1, NULL);
    struct utimbuf long_ago = { 1000, 1000 };
    utime(old, &long_ago);
    utime(doc, &long_ago);
    assert_int_equal(upload_clean_stale(dir), 1);
    assert_false(g_file_test(old, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(fresh, G_FILE_TEST_EXISTS)); /* an upload under way */
    assert_true(g_file_test(doc, G_FILE_TEST_EXISTS));   /* a document, never */
    g_free(old);
    g_free(fresh);
    g_free(doc);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form),
        cmocka_unit_test(test_refused_before_queueing),
        cmocka_unit_test(test_duplicate),
        cmocka_unit_test(test_clean_stale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
