/* sandbox.c - rlimited extraction workers (sandbox.h).
 *
 * Wire format.  Request, parent to worker: a 4-byte length (host order)
 * and the path.  Reply, worker to parent: an 8-byte length, then either
 * 'O', an 8-byte length, the docmeta JSON without its text, and the text
 * as raw UTF-8 (no JSON escaping of megabytes of text); or 'E' followed by
 * "<verr code>\n<reason>".  A worker exits when its request pipe closes. */
#include "sandbox.h"
#include "wire.h"
#include "child.h"
#include "extract.h"
#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* The largest reply a worker may send (8 MiB of text and its metadata). */
#define REPLY_MAX (EXTRACT_MAX_TEXT + 4u * 1024u * 1024u)

typedef struct {
    pid_t pid;          /* worker process, 0 when none */
    int to_fd;          /* requests to the worker */
    int from_fd;        /* replies from the worker */
    unsigned files;     /* files handled by this worker */
    gboolean busy;      /* a file is being extracted */
    void *job;
    gint64 started_us;  /* monotonic, for the current file */
    GByteArray *reply;
    char *path;         /* the current file, to try again */
    gboolean retried;   /* the current file already got a fresh worker */
    unsigned *granted;  /* seconds past timeout_s the worker was granted for the current
                         * file (extract_ask_more_time), in memory shared with it */
} slot;

struct sandbox {
    sandbox_limits limits;
    slot *slots;        /* limits.jobs of them */
    unsigned *grants;   /* one page shared with the workers: a slot's granted seconds */
    gboolean grants_shared; /* mapped (else a plain allocation: no grant is ever seen) */
    gsize grants_len;
};

const sandbox_limits sandbox_default_limits = { 1, 30, 1024 };

sandbox *sandbox_new(const sandbox_limits *limits)
{
    sandbox *sb = g_new0(sandbox, 1);
    sb->limits = *limits;
    if (sb->limits.jobs == 0)
        sb->limits.jobs = 1;
    sb->slots = g_new0(slot, sb->limits.jobs);
    /* anonymous and shared: the forked workers write to it, nobody else sees it */
    gsize grants_len = MAX(sizeof(unsigned) * sb->limits.jobs, (gsize)4096);
    void *grants = mmap(NULL, grants_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                        -1, 0);
    sb->grants = grants != MAP_FAILED ? grants : g_new0(unsigned, sb->limits.jobs);
    for (unsigned i = 0; i < sb->limits.jobs; i++) {
        sb->slots[i].to_fd = sb->slots[i].from_fd = -1;
        sb->slots[i].granted = &sb->grants[i];
    }
    sb->grants_shared = grants != MAP_FAILED;
    sb->grants_len = grants_len;
    signal(SIGPIPE, SIG_IGN);
    return sb;
}

unsigned sandbox_running(const sandbox *sb)
{
    unsigned n = 0;
    for (unsigned i = 0; i < sb->limits.jobs; i++)
        n += sb->slots[i].busy;
    return n;
}

int sandbox_has_room(const sandbox *sb) { return sandbox_running(sb) < sb->limits.jobs; }

/* ---- Worker side ------------------------------------------------------------ */

static gboolean env_matches(const char *var, const char *path)
{
    const char *v = getenv(var);
    return v != NULL && *v != '\0' && strstr(path, v) != NULL;
}

/* Allows timeout_s more seconds of CPU from now (RLIMIT_CPU counts the
 * worker's whole life). */
static void allow_cpu(unsigned timeout_s)
{
    struct rusage ru;
    struct rlimit cpu;
    getrusage(RUSAGE_SELF, &ru);
    cpu.rlim_cur = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + timeout_s + 1);
    cpu.rlim_max = RLIM_INFINITY;
    setrlimit(RLIMIT_CPU, &cpu);
}

/* The worker's own: its cell of the shared grants, and its time limit. */
static unsigned *worker_granted;
static unsigned worker_timeout_s;

/* extract_ask_more_time, in a worker: the parent's wall-clock limit and
 * the CPU limit grow by extra_s for the current file. */
static void grant_more_time(unsigned extra_s)
{
    if (worker_granted != NULL)
        __atomic_store_n(worker_granted, extra_s, __ATOMIC_RELAXED);
    allow_cpu(worker_timeout_s + extra_s);
}

static void reply(int fd, const GByteArray *payload)
{
    uint64_t n = payload->len;
    if (fdio_write_all(fd, &n, sizeof n) != 0 || fdio_write_all(fd, payload->data, payload->len) != 0)
        _exit(1);
}

static void handle_file(const sandbox_limits *lim, const char *path, int fd)
{
    verr err;

    if (env_matches("VEILLE_TEST_CRASH", path))
        raise(SIGSEGV);
    while (env_matches("VEILLE_TEST_HANG", path))
        pause();
    const char *mark = getenv("VEILLE_TEST_ONCE_MARK");
    if (env_matches("VEILLE_TEST_HANG_ONCE", path) && mark != NULL &&
        !g_file_test(mark, G_FILE_TEST_EXISTS) && g_file_set_contents(mark, "", 0, NULL))
        for (;;) /* the first time only: the mark exists now */
            pause();
    worker_timeout_s = lim->timeout_s; /* the parent reset the grant before sending */
    allow_cpu(lim->timeout_s);
    verr_clear(&err);
    docmeta *m = docmeta_new();
    GByteArray *out = extract_file(path, m, &err) == 0 ? wire_encode_document(m)
                                                       : wire_encode_failure(&err);
    reply(fd, out);
    docmeta_free(m);
    g_byte_array_unref(out);
}

/* The address space the process holds now (VmSize), in bytes; 0 when
 * unknown.  A forked worker starts with the whole indexer's: a walk and
 * a catalogue of a million files make gigabytes of it. */
static rlim_t address_space_now(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%lu", &pages) != 1)
        pages = 0;
    fclose(f);
    return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
}

G_GNUC_NORETURN static void worker_main(const sandbox_limits *lim, unsigned *granted, int in_fd,
                                        int out_fd)
{
    worker_granted = granted;
    extract_set_more_time_hook(grant_more_time);
    /* mem_mb more than the indexer's own, which the fork left mapped (and
     * shared until written): the extraction's allowance, whatever the
     * size of the run */
    rlim_t most = address_space_now() + ((rlim_t)lim->mem_mb << 20);
    struct rlimit mem = { most, most };
    int devnull = open("/dev/null", O_RDWR);

    if (devnull >= 0) { /* nothing of the parent's output either */
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
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
    signal(SIGINT, SIG_IGN); /* the parent decides when workers stop */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    for (;;) {
        uint32_t len;
        if (fdio_read_all(in_fd, &len, sizeof len) != 0 || len == 0 || len > 65536)
            break;
        char *path = g_malloc(len + 1);
        if (fdio_read_all(in_fd, path, len) != 0)
            break;
        path[len] = '\0';
        handle_file(lim, path, out_fd);
        g_free(path);
    }
    /* no cleanup: _exit skips atexit handlers and the parent's objects */
    _exit(0);
}

/* ---- Parent side ------------------------------------------------------------ */

/* The seconds a slot's worker was granted on top, as the parent believes
 * them: the worker parses hostile input, so no more than the options let
 * it ask (the OCR budget and one page's deadline). */
static unsigned granted_seconds(const slot *s)
{
    const extract_options *o = extract_current_options();
    unsigned most = o->ocr ? o->ocr_file_s + o->ocr_page_s : 0;
    return MIN(__atomic_load_n(s->granted, __ATOMIC_RELAXED), most);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Stops a slot's worker: politely when idle (EOF), by SIGKILL otherwise. */
static void stop_worker(slot *s, gboolean kill_it)
{
    if (s->pid == 0)
        return;
    close_fd(&s->to_fd);
    close_fd(&s->from_fd);
    if (kill_it)
        kill(s->pid, SIGKILL);
    while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    s->pid = 0;
    s->files = 0;
}

static int spawn_worker(sandbox *sb, slot *s, verr *err)
{
    int req[2] = { -1, -1 }, rep[2] = { -1, -1 };

    if (pipe2(req, O_CLOEXEC) != 0 || pipe2(rep, O_CLOEXEC) != 0) {
        verr_set(err, VERR_IO, "pipe", "%s", g_strerror(errno));
        goto failed;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        verr_set(err, VERR_IO, "fork", "%s", g_strerror(errno));
        goto failed;
    }
    if (pid == 0) {
        /* dies with the indexer, even when it is SIGKILLed, and holds none of
         * its descriptors: siblings' pipes, the index and its lock */
        child_detach(parent, req[0], rep[1]);
        worker_main(&sb->limits, sb->grants_shared ? s->granted : NULL, req[0], rep[1]);
    }
    close(req[0]);
    close(rep[1]);
    s->pid = pid;
    s->to_fd = req[1];
    s->from_fd = rep[0];
    s->files = 0;
    return 0;
failed:
    for (int i = 0; i < 2; i++) {
        close_fd(&req[i]);
        close_fd(&rep[i]);
    }
    return -1;
}

static int send_request(slot *s, const char *path)
{
    uint32_t len = (uint32_t)strlen(path);
    return fdio_write_all(s->to_fd, &len, sizeof len) == 0 && fdio_write_all(s->to_fd, path, len) == 0
               ? 0 : -1;
}

int sandbox_start(sandbox *sb, const char *path, void *job, verr *err)
{
    slot *s = NULL;

    for (unsigned i = 0; i < sb->limits.jobs && s == NULL; i++) /* a live idle worker */
        if (!sb->slots[i].busy && sb->slots[i].pid != 0)
            s = &sb->slots[i];
    for (unsigned i = 0; i < sb->limits.jobs && s == NULL; i++)
        if (!sb->slots[i].busy)
            s = &sb->slots[i];
    if (s == NULL) {
        verr_set(err, VERR_INVALID, "sandbox", "no free extraction slot");
        return -1;
    }
    if (strlen(path) > 65536) {
        verr_set(err, VERR_INVALID, "sandbox", "chemin trop long");
        return -1;
    }
    /* no grant of the last file's (reset before the worker could ask anew) */
    __atomic_store_n(s->granted, 0, __ATOMIC_RELAXED);
    /* a worker that died while idle shows up as a failed write: replace it once */
    for (int attempt = 0; attempt < 2; attempt++) {
        if (s->pid == 0 && spawn_worker(sb, s, err) != 0)
            return -1;
        if (send_request(s, path) == 0)
            break;
        stop_worker(s, TRUE);
        if (attempt == 1) {
            verr_set(err, VERR_IO, "sandbox", "le processus d'extraction ne répond pas");
            return -1;
        }
    }
    s->busy = TRUE;
    s->job = job;
    s->started_us = g_get_monotonic_time();
    s->reply = g_byte_array_new();
    s->files++;
    g_free(s->path);
    s->path = g_strdup(path);
    s->retried = FALSE;
    return 0;
}

static void describe_signal(verr *e, int sig, const sandbox_limits *lim)
{
    if (sig == SIGXCPU)
        verr_set(e, VERR_TIMEOUT, "timeout", "temps de calcul dépassé (%u s)",
                 lim->timeout_s);
    else if (sig == SIGABRT || sig == SIGBUS)
        verr_set(e, VERR_NOMEM, "crash",
                 "l'extraction a échoué (signal %d, %s) : fichier hostile ou mémoire "
                 "insuffisante (limite %u Mo)", sig, strsignal(sig), lim->mem_mb);
    else
        verr_set(e, VERR_INTERNAL, "crash", "l'extraction a planté (signal %d, %s)", sig,
                 strsignal(sig));
}

/* Hands the slot's job back, then frees the slot for another file. */
static void deliver(slot *s, sandbox_done_fn done, void *ud, docmeta *result, const verr *e)
{
    void *job = s->job;
    s->busy = FALSE;
    s->job = NULL;
    g_free(s->path);
    s->path = NULL;
    if (s->reply != NULL)
        g_byte_array_unref(s->reply);
    s->reply = NULL;
    if (done != NULL)
        done(job, result, result != NULL ? NULL : e, ud);
    else
        docmeta_free(result);
}

/* Signals that another process sends (the OOM killer's SIGKILL, an
 * administrator's kill): not the file's doing. */
static gboolean from_outside(int sig)
{
    return sig == SIGKILL || sig == SIGTERM || sig == SIGHUP || sig == SIGINT || sig == SIGQUIT;
}

/* The current file once more, in a fresh worker; FALSE if that fails. */
static gboolean retry_file(sandbox *sb, slot *s)
{
    verr e;
    __atomic_store_n(s->granted, 0, __ATOMIC_RELAXED);
    if (spawn_worker(sb, s, &e) != 0)
        return FALSE;
    if (send_request(s, s->path) != 0) {
        stop_worker(s, TRUE);
        return FALSE;
    }
    s->retried = TRUE;
    s->started_us = g_get_monotonic_time();
    g_byte_array_set_size(s->reply, 0);
    s->files = 1;
    return TRUE;
}

/* The worker died or was killed during a file: say why, then reap it.
 * Returns FALSE when the file went to a fresh worker instead. */
static gboolean worker_lost(sandbox *sb, slot *s, gboolean timed_out, sandbox_done_fn done,
                            void *ud)
{
    int status = 0;
    verr e;

    close_fd(&s->to_fd);
    close_fd(&s->from_fd);
    if (timed_out)
        kill(s->pid, SIGKILL);
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    s->pid = 0;
    s->files = 0;
    gboolean outside = !timed_out && WIFSIGNALED(status) && from_outside(WTERMSIG(status));
    if (outside && !s->retried && retry_file(sb, s))
        return FALSE;
    if (outside)
        verr_set(&e, VERR_INTERNAL, "killed", "processus d'extraction tué de l'extérieur "
                 "(signal %d, %s), deux fois : mémoire du système insuffisante ? nouvel essai "
                 "au prochain passage", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (timed_out)
        verr_set(&e, VERR_TIMEOUT, "timeout", "délai dépassé (%u s) : extraction arrêtée",
                 sb->limits.timeout_s + granted_seconds(s));
    else if (WIFSIGNALED(status))
        describe_signal(&e, WTERMSIG(status), &sb->limits);
    else
        verr_set(&e, VERR_INTERNAL, "crash", "l'extraction s'est arrêtée sans réponse (code %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    deliver(s, done, ud, NULL, &e);
    return TRUE;
}

/* A whole reply is in: decode it. */
static void reply_complete(sandbox *sb, slot *s, sandbox_done_fn done, void *ud)
{
    verr e;
    verr_clear(&e);
    docmeta *result = wire_decode(s->reply->data + sizeof(uint64_t),
                                  s->reply->len - sizeof(uint64_t), &e);
    deliver(s, done, ud, result, &e);
    if (s->files >= SANDBOX_RECYCLE)
        stop_worker(s, FALSE);
    (void)sb;
}

/* Reads what the worker sent; returns TRUE when the job finished. */
static gboolean read_reply(sandbox *sb, slot *s, sandbox_done_fn done, void *ud)
{
    guint8 buf[65536];
    ssize_t got = read(s->from_fd, buf, sizeof buf);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return FALSE;
    if (got <= 0)
        return worker_lost(sb, s, FALSE, done, ud);
    g_byte_array_append(s->reply, buf, (guint)got);
    if (s->reply->len < sizeof(uint64_t))
        return FALSE;
    uint64_t expected;
    memcpy(&expected, s->reply->data, sizeof expected);
    if (expected > REPLY_MAX) {
        verr e;
        verr_set(&e, VERR_NOMEM, "overflow", "texte extrait trop volumineux");
        stop_worker(s, TRUE);
        deliver(s, done, ud, NULL, &e);
        return TRUE;
    }
    if (s->reply->len - sizeof expected < expected)
        return FALSE;
    reply_complete(sb, s, done, ud);
    return TRUE;
}

unsigned sandbox_collect(sandbox *sb, int timeout_ms, sandbox_done_fn done, void *ud)
{
    struct pollfd pfds[sb->limits.jobs];
    slot *owners[sb->limits.jobs];
    unsigned n = 0, finished = 0;
    gint64 now = g_get_monotonic_time();
    int wait_ms = timeout_ms;

    for (unsigned i = 0; i < sb->limits.jobs; i++) {
        slot *s = &sb->slots[i];
        if (!s->busy)
            continue;
        gint64 limit_s = (gint64)sb->limits.timeout_s + granted_seconds(s);
        gint64 left_ms = (s->started_us + limit_s * G_USEC_PER_SEC - now) / 1000;
        if (left_ms <= 0) {
            finished += worker_lost(sb, s, TRUE, done, ud);
            continue;
        }
        if (wait_ms < 0 || left_ms < wait_ms)
            wait_ms = (int)left_ms + 1;
        pfds[n].fd = s->from_fd;
        pfds[n].events = POLLIN;
        pfds[n].revents = 0;
        owners[n++] = s;
    }
    if (n == 0 || finished > 0)
        return finished;
    if (poll(pfds, n, wait_ms) <= 0)
        return 0;
    for (unsigned i = 0; i < n; i++)
        if (pfds[i].revents != 0 && read_reply(sb, owners[i], done, ud))
            finished++;
    return finished;
}

void sandbox_abort(sandbox *sb, sandbox_done_fn done, void *ud)
{
    for (unsigned i = 0; i < sb->limits.jobs; i++) {
        slot *s = &sb->slots[i];
        if (!s->busy)
            continue;
        stop_worker(s, TRUE);
        verr e;
        verr_set(&e, VERR_TIMEOUT, "interrupted", "extraction interrompue");
        deliver(s, done, ud, NULL, &e);
    }
}

void sandbox_free(sandbox *sb)
{
    if (sb == NULL)
        return;
    sandbox_abort(sb, NULL, NULL);
    for (unsigned i = 0; i < sb->limits.jobs; i++)
        stop_worker(&sb->slots[i], FALSE);
    g_free(sb->slots);
    if (sb->grants_shared)
        munmap(sb->grants, sb->grants_len);
    else
        g_free(sb->grants);
    g_free(sb);
}

typedef struct {
    docmeta *result;
    verr failure;
    gboolean done;
} one_file;

static void on_one_done(void *job, docmeta *result, const verr *failure, void *ud)
{
    one_file *f = ud;
    (void)job;
    f->result = result;
    if (failure != NULL)
        f->failure = *failure;
    f->done = TRUE;
}

docmeta *sandbox_extract_one(const char *path, const sandbox_limits *lim, verr *err)
{
    sandbox_limits one = *lim;
    one.jobs = 1;
    sandbox *sb = sandbox_new(&one);
    one_file f = { 0 };
    if (sandbox_start(sb, path, NULL, err) != 0) {
        sandbox_free(sb);
        return NULL;
    }
    while (!f.done)
        sandbox_collect(sb, 1000, on_one_done, &f);
    sandbox_free(sb);
    if (f.result == NULL && err != NULL)
        *err = f.failure;
    return f.result;
}
