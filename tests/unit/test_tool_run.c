/* test_tool_run.c - helper programs run within limits (tool_run.h): output,
 * exit status, a missing program, the time limit (the program is gone
 * afterwards), the output limit, and no descriptor of ours inherited. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool_run.h"

static void test_output_and_status(void **state)
{
    (void)state;
    const char *const echo[] = { "printf", "a\\tb\\nc", NULL };
    tool_output res;
    verr err;
    assert_int_equal(tool_run(echo, 5000, 1024, &res, &err), 0);
    assert_string_equal(res.out->str, "a\tb\nc");
    assert_false(res.truncated);
    tool_output_free(&res);

    /* a file name is an argument, never shell syntax */
    const char *const cat[] = { "cat", "/nonexistent/$(touch /tmp/veille-injected); x", NULL };
    assert_int_not_equal(tool_run(cat, 5000, 1024, &res, &err), 0);
    assert_int_equal(err.code, VERR_PARSE);
    assert_non_null(strstr(err.msg, "cat a échoué : ")); /* with cat's own reason */
    assert_false(g_file_test("/tmp/veille-injected", G_FILE_TEST_EXISTS));
    assert_null(res.out);
}

static void test_missing_program(void **state)
{
    (void)state;
    const char *const argv[] = { "veille-no-such-program", "x", NULL };
    tool_output res;
    verr err;
    assert_int_not_equal(tool_run(argv, 5000, 1024, &res, &err), 0);
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "veille-no-such-program"));
}

static void test_time_limit(void **state)
{
    (void)state;
    /* the program writes its pid, then sleeps: it must be gone after */
    char *pidfile = g_strdup_printf("/tmp/veille-tool-run-%d.pid", (int)getpid());
    char *script = g_strdup_printf("echo $$ > %s; exec sleep 30", pidfile);
    const char *const argv[] = { "sh", "-c", script, NULL };
    tool_output res;
    verr err;
    gint64 t0 = g_get_monotonic_time();
    assert_int_not_equal(tool_run(argv, 500, 1024, &res, &err), 0);
    assert_true(g_get_monotonic_time() - t0 < 5 * G_USEC_PER_SEC);
    assert_int_equal(err.code, VERR_TIMEOUT);
    char *pid = NULL;
    assert_true(g_file_get_contents(pidfile, &pid, NULL, NULL));
    assert_int_not_equal(kill((pid_t)atoi(pid), 0), 0);
    unlink(pidfile);
    g_free(pid);
    g_free(script);
    g_free(pidfile);
}

/* a program that closes its output but goes on is still stopped in time,
 * with what it started */
static void test_closed_output_time_limit(void **state)
{
    (void)state;
    const char *const argv[] = { "sh", "-c", "exec >&- 2>&-; sleep 30 & sleep 30", NULL };
    tool_output res;
    verr err;
    gint64 t0 = g_get_monotonic_time();
    assert_int_not_equal(tool_run(argv, 500, 1024, &res, &err), 0);
    assert_true(g_get_monotonic_time() - t0 < 5 * G_USEC_PER_SEC);
    assert_int_equal(err.code, VERR_TIMEOUT);
}

static void test_output_limit(void **state)
{
    (void)state;
    const char *const argv[] = { "yes", "bonjour", NULL }; /* never ends by itself */
    tool_output res;
    verr err;
    assert_int_equal(tool_run(argv, 10000, 100000, &res, &err), 0);
    assert_true(res.truncated);
    assert_int_equal(res.out->len, 100000);
    assert_true(g_str_has_prefix(res.out->str, "bonjour\nbonjour\n"));
    tool_output_free(&res);
}

static void test_no_inherited_descriptor(void **state)
{
    (void)state;
    int fd = open("/dev/null", O_RDONLY); /* not close-on-exec */
    assert_true(fd > 2);
    char *probe = g_strdup_printf("test -e /proc/self/fd/%d && echo held || echo free", fd);
    const char *const argv[] = { "sh", "-c", probe, NULL };
    tool_output res;
    verr err;
    assert_int_equal(tool_run(argv, 5000, 1024, &res, &err), 0);
    assert_string_equal(res.out->str, "free\n");
    tool_output_free(&res);
    g_free(probe);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_and_status), cmocka_unit_test(test_missing_program),
        cmocka_unit_test(test_time_limit),        cmocka_unit_test(test_output_limit),
        cmocka_unit_test(test_closed_output_time_limit),
        cmocka_unit_test(test_no_inherited_descriptor),
    };
    return cmocka_run_group_tests_name("tool_run", tests, NULL, NULL);
}
