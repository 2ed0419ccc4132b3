/* skos_guard.c - SKOS folders read in a child process (skos_guard.h).
 * The child's answer on its pipe: 'O' and the vocabulary's JSON, or 'E',
 * the verr code as one byte and the French message. */
#include "skos_guard.h"
#include "child.h"
#include "fdio.h"
#include "skos.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child's answer, or its end: a parent that stopped reading wants none. */
static void answer_part(int fd, const char *p, size_t n)
{
    if (fdio_write_all(fd, p, n) != 0)
        _exit(1);
}

G_GNUC_NORETURN static void child_main(const char *dir, int out)
{
    struct rlimit cpu = { SKOS_GUARD_SECONDS, SKOS_GUARD_SECONDS };
    setrlimit(RLIMIT_CPU, &cpu);
#ifndef __SANITIZE_ADDRESS__ /* ASan reserves terabytes of address space */
    struct rlimit mem = { (rlim_t)SKOS_GUARD_MEMORY_MB << 20, (rlim_t)SKOS_GUARD_MEMORY_MB << 20 };
    setrlimit(RLIMIT_AS, &mem);
#endif
    verr err;
    verr_clear(&err);
    vocab *v = skos_load_dir(dir, &err);
    if (v != NULL) {
        char *json = vocab_to_json(v);
        answer_part(out, "O", 1);
        answer_part(out, json, strlen(json));
    } else {
        char head[2] = { 'E', (char)err.code };
        answer_part(out, head, 2);
        answer_part(out, err.msg, strlen(err.msg));
    }
    _exit(0); /* no cleanup: the parent's objects are not ours */
}

/* Reads the child's answer until EOF, for up to SKOS_GUARD_SECONDS;
 * FALSE on a time-out. */
static gboolean read_answer(int fd, GString *out)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)SKOS_GUARD_SECONDS * G_USEC_PER_SEC;
    char buf[65536];
    for (;;) {
        gint64 left_ms = (deadline - g_get_monotonic_time()) / 1000;
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (left_ms <= 0)
            return FALSE;
        int r = poll(&p, 1, (int)left_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return FALSE;
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return TRUE;
        g_string_append_len(out, buf, got);
    }
}

vocab *skos_guard_load_dir(const char *dir, verr *err)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        verr_set(err, VERR_IO, "pipe", "%s", g_strerror(errno));
        return NULL;
    }
    fflush(NULL);
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        verr_set(err, VERR_IO, "fork", "%s", g_strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        child_detach(parent, fds[1], -1);
        child_main(dir, fds[1]);
    }
    close(fds[1]);
    GString *answer = g_string_new(NULL);
    gboolean in_time = read_answer(fds[0], answer);
    close(fds[0]);
    if (!in_time)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    vocab *v = NULL;
    if (!in_time || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU))
        verr_set(err, VERR_TIMEOUT, "skos", "%s : lecture du thésaurus trop longue (plus de %d s)",
                 dir, SKOS_GUARD_SECONDS);
    else if (WIFSIGNALED(status))
        verr_set(err, VERR_PARSE, "skos", "%s : le lecteur SKOS (raptor) a planté sur un fichier "
                 "mal formé (signal %d, %s)", dir, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (answer->len >= 1 && answer->str[0] == 'O')
        v = vocab_from_json(answer->str + 1, (gssize)answer->len - 1, err);
    else if (answer->len >= 2 && answer->str[0] == 'E')
        verr_set(err, (verr_code)(unsigned char)answer->str[1], "skos", "%s", answer->str + 2);
    else
        verr_set(err, VERR_INTERNAL, "skos", "%s : le lecteur SKOS (raptor) a planté sur un "
                 "fichier mal formé (arrêt sans réponse, code %d)", dir,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    g_string_free(answer, TRUE);
    return v;
}
