/* test_verr.c - the error object: a message too long for it is cut
 * between UTF-8 characters, never inside one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "verr.h"

static void test_cut_between_characters(void **state)
{
    (void)state;
    /* from 1 to 4 bytes a character, cut at every offset */
    static const char *const chars[] = { "a", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x99\x82" };
    for (size_t c = 0; c < G_N_ELEMENTS(chars); c++) {
        for (size_t shift = 0; shift < 4; shift++) {
            GString *s = g_string_new(NULL);
            for (size_t i = 0; i < shift; i++)
                g_string_append_c(s, 'x');
            while (s->len < 2 * VERR_MSG_LEN)
                g_string_append(s, chars[c]);
            verr err;
            verr_set(&err, VERR_PARSE, "query", "requête « %s »", s->str);
            assert_true(g_utf8_validate(err.msg, -1, NULL));
            assert_true(strlen(err.msg) >= VERR_MSG_LEN - 4);
            g_string_free(s, TRUE);
        }
    }
    verr err;
    verr_set(&err, VERR_IO, NULL, "court : é");
    assert_string_equal(err.msg, "court : é");
    assert_string_equal(err.cls, "io");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_between_characters),
    };
    return cmocka_run_group_tests_name("verr", tests, NULL, NULL);
}
