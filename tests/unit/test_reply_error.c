/* test_reply_error.c - what clients are told of failures: index errors
 * as 503 without paths, our own messages as they are, and messages cut
 * on a UTF-8 boundary (verr). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "reply_error.h"

static void test_index_errors_hide_paths(void **state)
{
    (void)state;
    static const char *const classes[] = { "DatabaseNotFoundError", "DatabaseOpeningError",
                                           "DatabaseCorruptError", "DatabaseVersionError" };
    for (size_t i = 0; i < G_N_ELEMENTS(classes); i++) {
        verr e;
        reply_error re;
        verr_set(&e, VERR_NOTFOUND, classes[i], "Couldn't stat '/var/lib/veille/index'");
        reply_error_for(&e, &re);
        assert_int_equal(re.status, 503);
        assert_string_equal(re.code, "index_unavailable");
        assert_null(strstr(re.message, "/var"));
        assert_true(re.log_detail);
        assert_true(reply_error_is_index(&e));
    }
}

static void test_own_messages(void **state)
{
    (void)state;
    static const struct { verr_code code; const char *cls; unsigned status; const char *name; } cases[] = {
        { VERR_PARSE, "query", 400, "bad_query" },    { VERR_PARSE, "multipart", 400, "bad_request" },
        { VERR_NOTFOUND, "document", 404, "not_found" }, { VERR_TIMEOUT, "deadline", 503, "timeout" },
        { VERR_CANCELLED, "gone", 503, "gone" },      { VERR_LOCKED, "DatabaseLockError", 503, "busy" },
        { VERR_UNSUPPORTED, "upload", 415, "unsupported_media_type" },
        { VERR_UNSUPPORTED, "unindexable", 422, "not_indexed" },
        { VERR_IO, "write", 500, "error" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        verr e;
        reply_error re;
        verr_set(&e, cases[i].code, cases[i].cls, "message %zu", i);
        reply_error_for(&e, &re);
        assert_int_equal(re.status, cases[i].status);
        assert_string_equal(re.code, cases[i].name);
        if (cases[i].status < 500 || cases[i].code == VERR_TIMEOUT)
            assert_non_null(strstr(re.message, "message"));
        else if (cases[i].status == 500)
            assert_null(strstr(re.message, "message")); /* the detail is for the log */
    }
}

static void test_long_message_cut_on_a_character(void **state)
{
    (void)state;
    GString *q = g_string_new(NULL);
    for (int i = 0; i < 400; i++)
        g_string_append(q, "é");
    for (int shift = 0; shift < 4; shift++) {
        verr e;
        verr_set(&e, VERR_PARSE, "query", "%.*srequête « %s »", shift, "xxx", q->str);
        assert_true(g_utf8_validate(e.msg, -1, NULL));
        assert_true(g_str_has_suffix(e.msg, "…"));
        assert_true(strlen(e.msg) < VERR_MSG_LEN);
    }
    verr e;
    verr_set(&e, VERR_PARSE, "query", "court");
    assert_string_equal(e.msg, "court");
    g_string_free(q, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_errors_hide_paths),
        cmocka_unit_test(test_own_messages),
        cmocka_unit_test(test_long_message_cut_on_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
