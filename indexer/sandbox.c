/* sandbox.c - forked, rlimited extraction children (sandbox.h).
 *
 * Wire format from child to parent: one byte, 'O' (ok) followed by the
 * docmeta JSON, or 'E' followed by "<verr code>\n<reason>". */
#include "sandbox.h"
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The largest reply a child may send: 8 MiB of text, JSON-escaped. */
#define REPLY_MAX (64u * 1024u * 1024u)

typedef struct {
    pid_t pid;          /* 0 when the slot is free */
    int fd;             /* read end of the child's pipe */
    char *path;
    void *job;
    gint64 started_us;  /* monotonic */
    GString *reply;
    gboolean overflow;  /* reply exceeded REPLY_MAX */
} slot;

struct sandbox {
    sandbox_limits limits;
    slot *slots;        /* limits.jobs of them */
};

sandbox *sandbox_new(const sandbox_limits *limits)
{
    sandbox *sb = g_new0(sandbox, 1);
    sb->limits = *limits;
    if (sb->limits.jobs == 0)
        sb->limits.jobs = 1;
    sb->slots = g_new0(slot, sb->limits.jobs);
    return sb;
}

static void slot_release(slot *s)
{
    if (s->fd >= 0 && s->pid != 0)
        close(s->fd);
    g_free(s->path);
    if (s->reply != NULL)
        g_string_free(s->reply, TRUE);
    memset(s, 0, sizeof *s);
}

static void report_and_release(slot *s, sandbox_done_fn done, void *ud, docmeta *result,
                               const verr *failure)
{
    void *job = s->job;
    slot_release(s);
    if (done != NULL)
        done(job, result, failure, ud);
    else
        docmeta_free(result);
}

void sandbox_abort(sandbox *sb, sandbox_done_fn done, void *ud)
{
    for (unsigned i = 0; i < sb->limits.jobs; i++) {
        slot *s = &sb->slots[i];
        if (s->pid == 0)
            continue;
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        verr e;
        verr_set(&e, VERR_TIMEOUT, "interrupted", "extraction interrompue");
        report_and_release(s, done, ud, NULL, &e);
    }
}

void sandbox_free(sandbox *sb)
{
    if (sb == NULL)
        return;
    sandbox_abort(sb, NULL, NULL);
    g_free(sb->slots);
    g_free(sb);
}

unsigned sandbox_running(const sandbox *sb)
{
    unsigned n = 0;
    for (unsigned i = 0; i < sb->limits.jobs; i++)
        n += sb->slots[i].pid != 0;
    return n;
}

int sandbox_has_room(const sandbox *sb) { return sandbox_running(sb) < sb->limits.jobs; }

/* ---- Child side ------------------------------------------------------------ */

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        buf += w;
        len -= (size_t)w;
    }
}

static gboolean env_matches(const char *var, const char *path)
{
    const char *v = getenv(var);
    return v != NULL && *v != '\0' && strstr(path, v) != NULL;
}

G_GNUC_NORETURN static void child_main(const sandbox *sb, const char *path, int fd)
{
    struct rlimit mem = { (rlim_t)sb->limits.mem_mb << 20, (rlim_t)sb->limits.mem_mb << 20 };
    struct rlimit cpu = { sb->limits.timeout_s + 1, sb->limits.timeout_s + 2 };
    int devnull = open("/dev/null", O_RDWR);
    verr err;

    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        if (getenv("VEILLE_CHILD_STDERR") == NULL)
            dup2(devnull, STDERR_FILENO);
        close(devnull);
    }
#ifndef __SANITIZE_ADDRESS__
    /* AddressSanitizer reserves terabytes of address space for its shadow
     * memory: under `make asan` the time limit stays, the memory limit goes. */
    setrlimit(RLIMIT_AS, &mem);
#else
    (void)mem;
#endif
    setrlimit(RLIMIT_CPU, &cpu);
    signal(SIGINT, SIG_IGN); /* the parent decides when children stop */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);

    if (env_matches("VEILLE_TEST_CRASH", path))
        raise(SIGSEGV);
    while (env_matches("VEILLE_TEST_HANG", path))
        pause();

    verr_clear(&err);
    docmeta *m = docmeta_new();
    if (extract_file(path, m, &err) == 0) {
        char *json = docmeta_to_json(m, EXTRACT_MAX_TEXT);
        write_all(fd, "O", 1);
        write_all(fd, json, strlen(json));
    } else {
        char *msg = g_strdup_printf("E%d\n%s", (int)err.code, err.msg);
        write_all(fd, msg, strlen(msg));
    }
    /* no cleanup: _exit skips atexit handlers and the parent's objects */
    _exit(0);
}

/* ---- Parent side ----------------------------------------------------------- */

int sandbox_start(sandbox *sb, const char *path, void *job, verr *err)
{
    slot *s = NULL;
    int fds[2];

    for (unsigned i = 0; i < sb->limits.jobs && s == NULL; i++)
        if (sb->slots[i].pid == 0)
            s = &sb->slots[i];
    if (s == NULL) {
        verr_set(err, VERR_INVALID, "sandbox", "no free extraction slot");
        return -1;
    }
    if (pipe2(fds, O_CLOEXEC) != 0) {
        verr_set(err, VERR_IO, "pipe", "%s", g_strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        verr_set(err, VERR_IO, "fork", "%s", g_strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        for (unsigned i = 0; i < sb->limits.jobs; i++) /* siblings' pipes */
            if (sb->slots[i].pid != 0)
                close(sb->slots[i].fd);
        child_main(sb, path, fds[1]);
    }
    close(fds[1]);
    s->pid = pid;
    s->fd = fds[0];
    s->path = g_strdup(path);
    s->job = job;
    s->started_us = g_get_monotonic_time();
    s->reply = g_string_new(NULL);
    s->overflow = FALSE;
    return 0;
}

static void describe_signal(verr *e, int sig, const sandbox_limits *lim, gboolean timed_out)
{
    if (timed_out)
        verr_set(e, VERR_TIMEOUT, "timeout", "délai dépassé (%u s) : extraction arrêtée",
                 lim->timeout_s);
    else if (sig == SIGXCPU)
        verr_set(e, VERR_TIMEOUT, "timeout", "temps de calcul dépassé (%u s)", lim->timeout_s);
    else if (sig == SIGABRT || sig == SIGBUS)
        verr_set(e, VERR_NOMEM, "crash",
                 "l'extraction a échoué (signal %d, %s) : fichier hostile ou mémoire "
                 "insuffisante (limite %u Mo)", sig, strsignal(sig), lim->mem_mb);
    else
        verr_set(e, VERR_INTERNAL, "crash", "l'extraction a planté (signal %d, %s)", sig,
                 strsignal(sig));
}

/* The child's pipe is closed: reap it and turn its reply into a result. */
static void finish(sandbox *sb, slot *s, gboolean timed_out, sandbox_done_fn done, void *ud)
{
    int status = 0;
    verr e;
    docmeta *result = NULL;

    verr_clear(&e);
    if (timed_out)
        kill(s->pid, SIGKILL);
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out || WIFSIGNALED(status)) {
        describe_signal(&e, WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL, &sb->limits,
                        timed_out);
    } else if (s->overflow) {
        verr_set(&e, VERR_NOMEM, "overflow", "texte extrait trop volumineux");
    } else if (s->reply->len > 0 && s->reply->str[0] == 'O') {
        result = docmeta_from_json(s->reply->str + 1, (gssize)s->reply->len - 1, &e);
    } else if (s->reply->len > 0 && s->reply->str[0] == 'E') {
        char *nl = strchr(s->reply->str, '\n');
        verr_set(&e, (verr_code)atoi(s->reply->str + 1), "extract", "%s",
                 nl != NULL ? nl + 1 : "erreur inconnue");
    } else {
        verr_set(&e, VERR_INTERNAL, "crash", "l'extraction s'est arrêtée sans réponse (code %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    report_and_release(s, done, ud, result, result != NULL ? NULL : &e);
}

unsigned sandbox_collect(sandbox *sb, int timeout_ms, sandbox_done_fn done, void *ud)
{
    struct pollfd pfds[sb->limits.jobs];
    slot *owners[sb->limits.jobs];
    unsigned n = 0, finished = 0;
    gint64 now = g_get_monotonic_time();
    gint64 limit_us = (gint64)sb->limits.timeout_s * G_USEC_PER_SEC;
    int wait_ms = timeout_ms;

    for (unsigned i = 0; i < sb->limits.jobs; i++) {
        slot *s = &sb->slots[i];
        if (s->pid == 0)
            continue;
        gint64 left_ms = (s->started_us + limit_us - now) / 1000;
        if (left_ms <= 0) {
            finish(sb, s, TRUE, done, ud);
            finished++;
            continue;
        }
        if (wait_ms < 0 || left_ms < wait_ms)
            wait_ms = (int)left_ms + 1;
        pfds[n].fd = s->fd;
        pfds[n].events = POLLIN;
        pfds[n].revents = 0;
        owners[n++] = s;
    }
    if (n == 0 || finished > 0)
        return finished;
    if (poll(pfds, n, wait_ms) <= 0)
        return 0;
    for (unsigned i = 0; i < n; i++) {
        slot *s = owners[i];
        if (pfds[i].revents == 0)
            continue;
        char buf[65536];
        ssize_t got = read(s->fd, buf, sizeof buf);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got > 0) {
            if (s->reply->len + (size_t)got <= REPLY_MAX)
                g_string_append_len(s->reply, buf, got);
            else
                s->overflow = TRUE;
            continue;
        }
        finish(sb, s, FALSE, done, ud);
        finished++;
    }
    return finished;
}
