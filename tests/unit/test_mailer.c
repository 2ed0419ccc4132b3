/* test_mailer.c - e-mail through sendmail (lib/mailer.c): addresses that
 * could smuggle headers or arguments are refused, a message's headers are
 * one line each (non-ASCII subjects encoded), and the program gets the
 * message on its input and the address after "--"; a sendmail that lost
 * the parent's death signal (as a set-group-ID one does at exec) still
 * dies with the program that runs it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* Whether process pid has ended (gone, or a zombie nobody reaped yet). */
static gboolean ended(pid_t pid)
{
    char *path = g_strdup_printf("/proc/%d/stat", (int)pid), *stat = NULL;
    gboolean gone = !g_file_get_contents(path, &stat, NULL, NULL);
    const char *close = stat != NULL ? strrchr(stat, ')') : NULL;
    if (close != NULL && close[1] == ' ' && close[2] == 'Z')
        gone = TRUE;
    g_free(stat);
    g_free(path);
    return gone;
}

static void test_dies_with_caller(void **state)
{
    (void)state;
    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
        skip();
    char *dir = test_tmpdir("veille-mailer-XXXXXX");
    char *script = g_build_filename(dir, "sendmail", NULL), *pidfile = g_build_filename(dir, "pid", NULL);
    /* a stand-in that clears its death signal, as exec of a set-group-ID
     * program does (PR_SET_PDEATHSIG is 1), says its pid and lingers */
    char *text = g_strdup_printf("#!/usr/bin/python3\nimport ctypes, os, time\n"
                                 "ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)\n"
                                 "open('%s.tmp', 'w').write(str(os.getpid()))\n"
                                 "os.rename('%s.tmp', '%s')\ntime.sleep(30)\n", pidfile, pidfile, pidfile);
    assert_true(g_file_set_contents(script, text, -1, NULL));
    g_chmod(script, 0755);
    pid_t caller = fork();
    assert_true(caller >= 0);
    if (caller == 0) {
        verr err;
        _exit(mailer_send(script, "c@asv.test", "Subject: x\r\n\r\nx\r\n", &err) == 0 ? 0 : 1);
    }
    char *pid_text = NULL;
    for (int i = 0; i < 500 && !g_file_get_contents(pidfile, &pid_text, NULL, NULL); i++)
        g_usleep(10 * 1000);
    assert_non_null(pid_text);
    pid_t sendmail = (pid_t)atoi(pid_text);
    assert_true(sendmail > 0 && !ended(sendmail));
    kill(caller, SIGKILL);
    waitpid(caller, NULL, 0);
    for (int i = 0; i < 300 && !ended(sendmail); i++)
        g_usleep(10 * 1000);
    gboolean gone = ended(sendmail);
    if (!gone)
        kill(sendmail, SIGKILL);
    assert_true(gone);
    g_free(pid_text);
    g_free(text);
    g_free(pidfile);
    g_free(script);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_message_and_send),
        cmocka_unit_test(test_dies_with_caller),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
