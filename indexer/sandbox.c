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
#include <spawn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* A worker of a large indexer (FORK_RSS_MAX) is this program started
 * again (posix_spawn of /proc/self/exe: a fresh process, not a fork of an
 * indexer grown to gigabytes, whose every page would be copied on write
 * afterwards), told so by this variable: "parent-pid:slot:timeout_s:mem_mb:ocr:ocr_page_s:ocr_file_s:tool_s"
 * (slot -1: no shared grants).  It reads requests on WORKER_IN_FD, writes
 * replies on WORKER_OUT_FD and maps the grants from WORKER_GRANTS_FD;
 * sandbox_worker_entry makes it a worker before main runs. */
#define WORKER_ENV "VEILLE_SANDBOX_WORKER"
#define WORKER_IN_FD 3
#define WORKER_OUT_FD 4
#define WORKER_GRANTS_FD 5

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
    int grants_fd;      /* the memory file behind grants, mapped by each worker; -1: none */
};

const sandbox_limits sandbox_default_limits = { 1, 30, 1024 };

sandbox *sandbox_new(const sandbox_limits *limits)
{
    sandbox *sb = g_new0(sandbox, 1);
    sb->limits = *limits;
    if (sb->limits.jobs == 0)
        sb->limits.jobs = 1;
    sb->slots = g_new0(slot, sb->limits.jobs);
    /* a memory file of the sandbox's own: each worker maps it again after
     * its exec, and writes its cell; nobody else sees it */
    gsize grants_len = MAX(sizeof(unsigned) * sb->limits.jobs, (gsize)4096);
    void *grants = MAP_FAILED;
    sb->grants_fd = memfd_create("veille-grants", MFD_CLOEXEC);
    if (sb->grants_fd >= 0 && ftruncate(sb->grants_fd, (off_t)grants_len) == 0)
        grants = mmap(NULL, grants_len, PROT_READ | PROT_WRITE, MAP_SHARED, sb->grants_fd, 0);
    if (grants == MAP_FAILED && sb->grants_fd >= 0) {
        close(sb->grants_fd);
        sb->grants_fd = -1;
    }
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

/* Field field (0: VmSize, the address space; 1: VmRSS, what is resident)
 * of /proc/self/statm, in bytes; 0 when unknown.  A worker's VmSize
 * before any file is its own libraries and heap, or (forked) the
 * indexer's. */
static rlim_t statm_bytes(int field)
{
    unsigned long v[2] = { 0, 0 };
    FILE *f = fopen("/proc/self/statm", "re");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%lu %lu", &v[0], &v[1]) != 2)
        v[0] = v[1] = 0;
    fclose(f);
    return (rlim_t)v[field] * (rlim_t)sysconf(_SC_PAGESIZE);
}

G_GNUC_NORETURN static void worker_main(const sandbox_limits *lim, unsigned *granted, int in_fd,
                                        int out_fd)
{
    worker_granted = granted;
    extract_set_more_time_hook(grant_more_time);
    /* mem_mb more than the worker holds before its first file (a forked
     * one: the whole indexer's, shared until written): the extraction's own
     * allowance, whatever the size of the run */
    rlim_t most = statm_bytes(0) + ((rlim_t)lim->mem_mb << 20);
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
    sigset_t intr; /* blocked from the spawn on: a Ctrl-C never reached it */
    sigemptyset(&intr);
    sigaddset(&intr, SIGINT);
    sigprocmask(SIG_UNBLOCK, &intr, NULL);
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

/* Before main, in a program started as a worker (WORKER_ENV): works, then
 * exits; anywhere else, nothing.  It never returns in a worker, so the
 * program's constructors that come after it do not run there: extraction
 * must need none (the libraries' own, run before the program's, do run). */
__attribute__((constructor)) static void sandbox_worker_entry(void)
{
    const char *job = getenv(WORKER_ENV);
    if (job == NULL)
        return;
    long parent = 0;
    int slot_no = -1, ocr = 0;
    sandbox_limits lim = { 1, 0, 0 };
    extract_options eo = extract_default_options;
    if (sscanf(job, "%ld:%d:%u:%u:%d:%u:%u:%u", &parent, &slot_no, &lim.timeout_s, &lim.mem_mb,
               &ocr, &eo.ocr_page_s, &eo.ocr_file_s, &eo.tool_s) != 8)
        _exit(1);
    /* dies with the indexer, even when it is SIGKILLed, and holds none of
     * its descriptors but its own three: siblings' pipes, the index and its lock */
    child_detach_above((pid_t)parent, WORKER_GRANTS_FD);
    unsetenv(WORKER_ENV); /* not for the tools it runs */
    eo.ocr = ocr != 0;
    extract_configure(&eo);
    unsigned *granted = NULL;
    if (slot_no >= 0) {
        gsize len = MAX(sizeof(unsigned) * (gsize)(slot_no + 1), (gsize)4096);
        void *grants = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, WORKER_GRANTS_FD, 0);
        if (grants != MAP_FAILED)
            granted = (unsigned *)grants + slot_no;
    }
    close(WORKER_GRANTS_FD);
    /* posix_spawn's dup2 cleared close-on-exec: the tools a worker runs
     * (antiword, unrtf) must not inherit its pipes */
    fcntl(WORKER_IN_FD, F_SETFD, FD_CLOEXEC);
    fcntl(WORKER_OUT_FD, F_SETFD, FD_CLOEXEC);
    worker_main(&lim, granted, WORKER_IN_FD, WORKER_OUT_FD);
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

/* An indexer holding less memory than this forks its workers: cheaper
 * than starting the program again (no exec, no dynamic linking, libmagic
 * loaded), and what it holds is small to copy.  A larger one (a million
 * files planned: 3 GB) starts them afresh, since every fork would copy
 * its page tables and then its pages, as the indexer writes on them. */
#define FORK_RSS_MAX ((rlim_t)256 << 20)

/* A worker forked from this process on the pipes' ends req_in, rep_out:
 * its pid, or -1 with err. */
static pid_t fork_worker(sandbox *sb, slot *s, int req_in, int rep_out, verr *err)
{
    fflush(NULL);
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        verr_set(err, VERR_IO, "fork", "%s", g_strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* dies with the indexer, even when it is SIGKILLed, and holds none of
         * its descriptors: siblings' pipes, the index and its lock */
        child_detach(parent, req_in, rep_out);
        worker_main(&sb->limits, sb->grants_shared ? s->granted : NULL, req_in, rep_out);
    }
    return pid;
}

/* A copy of fd numbered 10 or more, close-on-exec: never one of the
 * worker's fixed numbers, which posix_spawn's dup2 then sets. */
static int high_copy(int fd)
{
    return fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 10) : -1;
}

/* A worker started afresh (WORKER_ENV) on the pipes' ends req_in,
 * rep_out: its pid, or -1 with err. */
static pid_t exec_worker(sandbox *sb, slot *s, int req_in, int rep_out, verr *err)
{
    int high[3] = { high_copy(req_in), high_copy(rep_out),
                    sb->grants_shared ? high_copy(sb->grants_fd) : -1 };
    posix_spawn_file_actions_t acts;
    posix_spawnattr_t attr;
    gboolean acts_made = FALSE, attr_made = FALSE;
    char **env = NULL;
    pid_t pid = -1;
    if (high[0] < 0 || high[1] < 0 || (sb->grants_shared && high[2] < 0)) {
        verr_set(err, VERR_IO, "fcntl", "%s", g_strerror(errno));
        goto done;
    }
    const extract_options *eo = extract_current_options();
    char *job = g_strdup_printf("%ld:%d:%u:%u:%d:%u:%u:%u", (long)getpid(),
                                sb->grants_shared ? (int)(s - sb->slots) : -1, sb->limits.timeout_s,
                                sb->limits.mem_mb, eo->ocr ? 1 : 0, eo->ocr_page_s, eo->ocr_file_s,
                                eo->tool_s);
    env = g_environ_setenv(g_get_environ(), WORKER_ENV, job, TRUE);
    g_free(job);
    sigset_t intr; /* SIGINT blocked until the worker ignores it */
    sigemptyset(&intr);
    sigaddset(&intr, SIGINT);
    acts_made = posix_spawn_file_actions_init(&acts) == 0;
    attr_made = acts_made && posix_spawnattr_init(&attr) == 0;
    int e = !attr_made ? ENOMEM
          : posix_spawn_file_actions_adddup2(&acts, high[0], WORKER_IN_FD) != 0 ||
            posix_spawn_file_actions_adddup2(&acts, high[1], WORKER_OUT_FD) != 0 ||
            (high[2] >= 0 && posix_spawn_file_actions_adddup2(&acts, high[2], WORKER_GRANTS_FD) != 0) ||
            posix_spawnattr_setsigmask(&attr, &intr) != 0 ||
            posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK) != 0 ? ENOMEM : 0;
    /* "veille-extract-worker" then the indexer's own arguments: ps (and a
     * test looking for its processes by its paths) tells whose it is */
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(argv, g_strdup("veille-extract-worker"));
    gchar *cmdline = NULL;
    gsize len = 0;
    if (g_file_get_contents("/proc/self/cmdline", &cmdline, &len, NULL))
        for (gsize at = 0; at < len; at += strlen(cmdline + at) + 1)
            g_ptr_array_add(argv, g_strdup(cmdline + at));
    g_free(cmdline);
    g_ptr_array_add(argv, NULL);
    if (e == 0) /* /proc/self/exe: this very program, even replaced on disk since */
        e = posix_spawn(&pid, "/proc/self/exe", &acts, &attr, (char *const *)argv->pdata, env);
    g_ptr_array_unref(argv);
    if (e != 0) {
        verr_set(err, VERR_IO, "spawn", "%s", g_strerror(e));
        pid = -1;
    }
done:
    if (attr_made)
        posix_spawnattr_destroy(&attr);
    if (acts_made)
        posix_spawn_file_actions_destroy(&acts);
    g_strfreev(env);
    for (int i = 0; i < 3; i++)
        close_fd(&high[i]);
    return pid;
}

static int spawn_worker(sandbox *sb, slot *s, verr *err)
{
    int req[2] = { -1, -1 }, rep[2] = { -1, -1 };
    int rc = -1;
    if (pipe2(req, O_CLOEXEC) != 0 || pipe2(rep, O_CLOEXEC) != 0) {
        verr_set(err, VERR_IO, "pipe", "%s", g_strerror(errno));
    } else {
        /* VEILLE_TEST_SPAWN: the suite's small runs take the large ones' way */
        gboolean afresh = getenv("VEILLE_TEST_SPAWN") != NULL || statm_bytes(1) >= FORK_RSS_MAX;
        pid_t pid = afresh ? exec_worker(sb, s, req[0], rep[1], err)
                           : fork_worker(sb, s, req[0], rep[1], err);
        if (pid > 0) {
            s->pid = pid;
            s->to_fd = req[1];
            s->from_fd = rep[0];
            req[1] = rep[0] = -1; /* the slot's now */
            s->files = 0;
            rc = 0;
        }
    }
    for (int i = 0; i < 2; i++) {
        close_fd(&req[i]);
        close_fd(&rep[i]);
    }
    return rc;
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
    if (sb->grants_shared) {
        munmap(sb->grants, sb->grants_len);
        close(sb->grants_fd);
    }
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
