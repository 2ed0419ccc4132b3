/* tool_run.c - a helper program's output, within limits (tool_run.h). */
#include "tool_run.h"
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ERR_MAX 2048          /* error output kept for the reason */
#define EXIT_NO_PROGRAM 127   /* what the child exits with when exec fails */

G_GNUC_NORETURN static void run_child(pid_t parent, const char *const *argv, int out_fd,
                                      int err_fd)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    int in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
        dup2(err_fd, STDERR_FILENO) < 0)
        _exit(EXIT_NO_PROGRAM);
    child_detach(parent, -1, -1);
    /* a group of its own, so that a time-out kills what it started too */
    if (setpgid(0, 0) != 0)
        _exit(EXIT_NO_PROGRAM);
    execvp(argv[0], (char *const *)argv);
    _exit(EXIT_NO_PROGRAM);
}

/* Reads what fd has into buf, keeping at most max bytes (*over is set
 * when more came).  Returns FALSE at end of file or on error. */
static gboolean drain(int fd, GString *buf, gsize max, gboolean *over)
{
    char chunk[65536];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return TRUE;
    if (got <= 0)
        return FALSE;
    gsize room = buf->len < max ? max - buf->len : 0;
    g_string_append_len(buf, chunk, (gssize)MIN(room, (gsize)got));
    if ((gsize)got > room)
        *over = TRUE;
    return TRUE;
}

/* The first line of a tool's error output, for a message. */
static char *first_line(const GString *s)
{
    const char *end = memchr(s->str, '\n', s->len);
    char *line = g_strndup(s->str, end != NULL ? (gsize)(end - s->str) : s->len);
    return g_strstrip(line);
}

int tool_run(const char *const *argv, unsigned timeout_ms, gsize max_out, tool_output *res,
             verr *err)
{
    int out_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 };
    res->out = NULL;
    res->truncated = FALSE;
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        verr_set(err, VERR_IO, "tool", "pipe: %s", g_strerror(errno));
        for (int i = 0; i < 2; i++)
            if (out_pipe[i] >= 0) close(out_pipe[i]);
        return -1;
    }
    pid_t parent = getpid(), pid = fork();
    if (pid == 0)
        run_child(parent, argv, out_pipe[1], err_pipe[1]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (pid < 0) {
        verr_set(err, VERR_IO, "tool", "fork: %s", g_strerror(errno));
        close(out_pipe[0]);
        close(err_pipe[0]);
        return -1;
    }

    GString *out = g_string_new(NULL), *errs = g_string_new(NULL);
    gboolean out_open = TRUE, err_open = TRUE, over = FALSE, err_over = FALSE, late = FALSE;
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    while ((out_open || err_open) && !over) {
        struct pollfd fds[2] = { { out_open ? out_pipe[0] : -1, POLLIN, 0 },
                                 { err_open ? err_pipe[0] : -1, POLLIN, 0 } };
        gint64 left_ms = (deadline - g_get_monotonic_time()) / 1000;
        if (left_ms <= 0) {
            late = TRUE;
            break;
        }
        int n = poll(fds, 2, (int)MIN(left_ms, (gint64)G_MAXINT));
        if (n < 0 && errno != EINTR)
            break;
        if (n <= 0)
            continue;
        if (fds[0].revents != 0)
            out_open = drain(out_pipe[0], out, max_out, &over);
        if (fds[1].revents != 0)
            err_open = drain(err_pipe[0], errs, ERR_MAX, &err_over);
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    /* its output is closed or done with: it has until the deadline to exit */
    int status = -1;
    pid_t done = 0;
    while (!late && !over && (done = waitpid(pid, &status, WNOHANG)) == 0) {
        if (g_get_monotonic_time() >= deadline)
            late = TRUE;
        else
            g_usleep(10 * 1000);
    }
    if (done <= 0) {
        kill(-pid, SIGKILL); /* its group: what it started dies with it */
        kill(pid, SIGKILL);
        while ((done = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {}
    }
    gboolean exited = done == pid && WIFEXITED(status);

    int rc = -1;
    if (late) {
        verr_set(err, VERR_TIMEOUT, "tool", "%s : plus de %u s", argv[0], timeout_ms / 1000);
    } else if (over) {
        rc = 0;
        res->truncated = TRUE;
    } else if (exited && WEXITSTATUS(status) == 0) {
        rc = 0;
    } else if (exited && WEXITSTATUS(status) == EXIT_NO_PROGRAM && out->len == 0) {
        verr_set(err, VERR_UNSUPPORTED, "tool", "programme absent : %s (paquet Debian à installer)",
                 argv[0]);
    } else {
        char *why = first_line(errs);
        verr_set(err, VERR_PARSE, argv[0], "%s a échoué%s%s", argv[0], *why ? " : " : "", why);
        g_free(why);
    }
    g_string_free(errs, TRUE);
    if (rc == 0)
        res->out = out;
    else
        g_string_free(out, TRUE);
    return rc;
}

void tool_output_free(tool_output *res)
{
    if (res->out != NULL)
        g_string_free(res->out, TRUE);
    res->out = NULL;
}
