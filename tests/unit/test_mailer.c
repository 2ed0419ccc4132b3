/* test_mailer.c - e-mail through sendmail (lib/mailer.c): addresses that
 * could smuggle headers or arguments are refused, a message's headers are
 * one line each (non-ASCII subjects encoded), and the program gets the
 * message on its input and the address after "--". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mailer.h"

static void test_addresses(void **state)
{
    (void)state;
    static const char *const good[] = { "coordinatrice@asv.test", "a.b+c@sous.domaine.fr" };
    static const char *const bad[] = { "", "sans-arobase", "@asv.test", "a@b", "a@@b.fr",
                                       "a b@asv.test", "a@asv.test\nBcc: x@y.fr", "-oQ/tmp@x.fr,z",
                                       "<a@b.fr>", "a@b.fr.", NULL };
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++)
        assert_true(mailer_address_ok(good[i]));
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
        if (mailer_address_ok(bad[i]))
            fail_msg("accepted: %s", bad[i] != NULL ? bad[i] : "(null)");
}

static void test_message_and_send(void **state)
{
    (void)state;
    const char *const headers[] = { "List-Unsubscribe: <https://v.test/u?token=ab>", NULL };
    char *m = mailer_message("Veille <v@asv.test>", "c@asv.test", "Nouveautés", "Bonjour,\nligne 2\n",
                             headers);
    assert_non_null(m);
    assert_non_null(strstr(m, "Subject: =?UTF-8?B?"));          /* encoded */
    assert_non_null(strstr(m, "\r\nList-Unsubscribe: <https://v.test/u?token=ab>\r\n\r\nBonjour,\r\nligne 2\r\n"));
    const char *const injected[] = { "X: y\r\nBcc: z@evil.test", NULL };
    assert_null(mailer_message("v@asv.test", "c@asv.test", "s", "b", injected));
    assert_null(mailer_message("v@asv.test", "c@asv.test", "s\nBcc: z@evil.test", "b", NULL));

    verr err;
    char *dir = test_tmpdir("veille-mailer-XXXXXX");
    char *script = g_build_filename(dir, "sendmail", NULL), *out = g_build_filename(dir, "out", NULL);
    char *text = g_strdup_printf("#!/bin/sh\n{ echo \"$*\"; cat; } > %s\n", out);
    assert_true(g_file_set_contents(script, text, -1, NULL));
    g_chmod(script, 0755);
    assert_int_equal(mailer_send(script, "c@asv.test", m, &err), 0);
    char *got = NULL;
    assert_true(g_file_get_contents(out, &got, NULL, NULL));
    assert_true(g_str_has_prefix(got, "-i -- c@asv.test\n"));
    assert_non_null(strstr(got, "Bonjour,"));
    g_free(got);
    assert_int_equal(mailer_send(script, "-oQ/tmp@x.fr,z", m, &err), -1);  /* never an option */
    assert_int_equal(mailer_send("/nonexistent/sendmail", "c@asv.test", m, &err), -1);
    assert_int_equal(err.code, VERR_IO);
    g_free(text);
    g_free(out);
    g_free(script);
    test_rmtree(dir);
    g_free(dir);
    g_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_message_and_send),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
