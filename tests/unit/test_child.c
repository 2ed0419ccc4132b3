/* test_child.c - a forked child holds none of its parent's descriptors
 * but the ones it keeps (lib/child.h), and whole buffers cross a pipe
 * (lib/fdio.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "fdio.h"

/* Forks a child that detaches keeping keep (and the pipe's write end),
 * then reports on the pipe which of the descriptors in fds are open. */
static void open_in_child(const int *fds, int n, int keep, gboolean *open_out)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t parent = getpid();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        child_detach(parent, p[1], keep);
        char seen[16] = { 0 };
        for (int i = 0; i < n; i++)
            seen[i] = fcntl(fds[i], F_GETFD) != -1 ? 1 : 0;
        _exit(fdio_write_all(p[1], seen, (size_t)n) == 0 ? 0 : 3);
    }
    close(p[1]);
    char seen[16];
    assert_int_equal(fdio_read_all(p[0], seen, (size_t)n), 0);
    close(p[0]);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (int i = 0; i < n; i++)
        open_out[i] = seen[i] != 0;
}

static void test_descriptors(void **state)
{
    (void)state;
    int fds[3] = { open("/dev/null", O_RDONLY), open("/dev/null", O_RDONLY),
                   open("/dev/null", O_RDONLY) }; /* not close-on-exec: as a lock would be */
    gboolean open_now[3];
    open_in_child(fds, 3, fds[1], open_now);
    assert_false(open_now[0]);
    assert_true(open_now[1]); /* kept */
    assert_false(open_now[2]);
    open_in_child(fds, 3, -1, open_now);
    assert_false(open_now[0] || open_now[1] || open_now[2]);
    for (int i = 0; i < 3; i++)
        close(fds[i]);
}

static void test_whole_buffers(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    static char big[200000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)(i * 7);
    pid_t pid = fork();
    if (pid == 0) { /* more than a pipe holds: written in pieces */
        close(p[0]);
        _exit(fdio_write_all(p[1], big, sizeof big) == 0 ? 0 : 1);
    }
    close(p[1]);
    static char back[sizeof big];
    assert_int_equal(fdio_read_all(p[0], back, sizeof back), 0);
    assert_memory_equal(big, back, sizeof big);
    char one;
    assert_int_equal(fdio_read_all(p[0], &one, 1), -1); /* the end of the pipe */
    close(p[0]);
    waitpid(pid, NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptors),
        cmocka_unit_test(test_whole_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
