/* test_multipart.c - the multipart/form-data reader: parts and their
 * contents whatever the pieces the body arrives in, and each malformed
 * body refused with its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "multipart.h"

typedef struct {
    GString *log;   /* "[name|filename]content;" per part */
} sink;

static int on_begin(void *ud, const char *name, const char *filename, verr *err)
{
    sink *s = ud;
    (void)err;
    g_string_append_printf(s->log, "[%s|%s]", name, filename != NULL ? filename : "-");
    return 0;
}

static int on_data(void *ud, const char *data, size_t len, verr *err)
{
    sink *s = ud;
    (void)err;
    g_string_append_len(s->log, data, (gssize)len);
    return 0;
}

static int on_end(void *ud, verr *err)
{
    sink *s = ud;
    (void)err;
    g_string_append_c(s->log, ';');
    return 0;
}

static const multipart_handler handler = { on_begin, on_data, on_end };

/* Reads body in pieces of step bytes; returns the log, or NULL with err. */
static char *read_body(const char *type, const char *body, size_t len, size_t step, verr *err)
{
    sink s = { g_string_new(NULL) };
    multipart *mp = multipart_new(type, &handler, &s, err);
    int rc = mp != NULL ? 0 : -1;
    for (size_t off = 0; rc == 0 && off < len; off += step)
        rc = multipart_feed(mp, body + off, MIN(step, len - off), err);
    if (rc == 0)
        rc = multipart_finish(mp, err);
    multipart_free(mp);
    if (rc != 0) {
        g_string_free(s.log, TRUE);
        return NULL;
    }
    return g_string_free(s.log, FALSE);
}

static const char TYPE[] = "multipart/form-data; boundary=----x7";
static const char GOOD[] =
    "preamble\r\n"
    "------x7\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
    "Rapport santé\r\n"
    "------x7\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n"
    "Content-Type: text/plain\r\n\r\n"
    "ligne 1\r\n------x ligne 2\r\n"
    "------x7--\r\nepilogue";

static void test_parts_in_any_pieces(void **state)
{
    (void)state;
    for (size_t step = 1; step <= sizeof GOOD; step++) {
        verr err;
        char *log = read_body(TYPE, GOOD, sizeof GOOD - 1, step, &err);
        assert_non_null(log);
        assert_string_equal(log, "[title|-]Rapport santé;[file|a \"b\".txt]ligne 1\r\n------x "
                                 "ligne 2;");
        g_free(log);
    }
    verr err;
    char *log = read_body("multipart/form-data; boundary=\"----x7\"", GOOD, sizeof GOOD - 1, 7,
                          &err);
    assert_non_null(log);
    g_free(log);
}

static void test_refused(void **state)
{
    (void)state;
    static const struct { const char *body, *says; } cases[] = {
        { "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n", "sans en-tête Content-Disposition" },
        { "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--\r\n", "form-data" },
        { "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n", "sans nom de champ" },
        { "--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--B--\r\n", "sans nom de champ" },
        { "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "délimiteur final absent" },
        { "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--Bjunk", "inattendus" },
        { "--B\r\n folded: header\r\n\r\nx\r\n--B--\r\n", "mal formé" },
        { "no delimiter at all", "délimiteur final absent" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        verr err;
        verr_clear(&err);
        char *log = read_body("multipart/form-data; boundary=B", cases[i].body,
                              strlen(cases[i].body), 3, &err);
        assert_null(log);
        assert_int_equal(err.code, VERR_PARSE);
        if (strstr(err.msg, cases[i].says) == NULL)
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].says);
    }
    GString *huge = g_string_new("--B\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ");
    for (int i = 0; i < MULTIPART_HEADERS_MAX; i++)
        g_string_append_c(huge, 'h');
    verr err;
    assert_null(read_body("multipart/form-data; boundary=B", huge->str, huge->len, 4096, &err));
    assert_non_null(strstr(err.msg, "trop longs"));
    g_string_free(huge, TRUE);
}

static void test_bad_types(void **state)
{
    (void)state;
    sink s = { NULL };
    verr err;
    assert_null(multipart_new("application/json", &handler, &s, &err));
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_null(multipart_new(NULL, &handler, &s, &err));
    assert_null(multipart_new("multipart/form-data", &handler, &s, &err));
    assert_int_equal(err.code, VERR_PARSE);
    char *long_type = g_strdup_printf("multipart/form-data; boundary=%0*d", 71, 0);
    assert_null(multipart_new(long_type, &handler, &s, &err));
    g_free(long_type);
}

static int refuse_second(void *ud, const char *name, const char *filename, verr *err)
{
    int *parts = ud;
    (void)name; (void)filename;
    if (++*parts > 1) {
        verr_set(err, VERR_PARSE, "test", "un seul");
        return -1;
    }
    return 0;
}

static int ignore_data(void *ud, const char *d, size_t n, verr *e) { (void)ud; (void)d; (void)n; (void)e; return 0; }
static int ignore_end(void *ud, verr *e) { (void)ud; (void)e; return 0; }

static void test_handler_stops_reading(void **state)
{
    (void)state;
    const multipart_handler h = { refuse_second, ignore_data, ignore_end };
    int parts = 0;
    verr err;
    multipart *mp = multipart_new(TYPE, &h, &parts, &err);
    assert_int_equal(multipart_feed(mp, GOOD, sizeof GOOD - 1, &err), -1);
    assert_string_equal(err.msg, "un seul");
    assert_int_equal(multipart_feed(mp, "more", 4, &err), -1); /* stays failed */
    assert_int_equal(multipart_finish(mp, &err), -1);
    multipart_free(mp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_in_any_pieces),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_bad_types),
        cmocka_unit_test(test_handler_stops_reading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
