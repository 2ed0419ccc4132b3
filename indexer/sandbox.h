/* sandbox.h - runs extractions in worker processes with time and memory
 * limits, several at once.
 *
 * poppler and friends can crash, hang or balloon on hostile files, and
 * none of them can be cancelled: files are extracted in worker processes
 * under RLIMIT_AS and RLIMIT_CPU, killed after a wall-clock limit per
 * file.  A worker is a fork of the indexer while the indexer is small,
 * and the running program started afresh (posix_spawn of /proc/self/exe)
 * once it holds hundreds of megabytes (a million files planned: 3 GB,
 * whose pages every fork would copy); it handles many files in turn and is
 * replaced after SANDBOX_RECYCLE files, or when it crashes or is killed.  A file that crashes its worker fails alone; the parent
 * records why and goes on.  A worker killed from outside (the OOM
 * killer's SIGKILL, an administrator's SIGTERM) is not the file's doing:
 * the file is tried once more in a fresh worker, and killed again, fails
 * with class "killed" (to be tried again by a later run).  Workers hold
 * no descriptor of the parent's but their pipes, and die with it
 * (PR_SET_PDEATHSIG).  The parent ignores SIGPIPE (a worker may die while
 * it writes to it).  A file whose extractor asks for more time
 * (extract_ask_more_time: OCR, up to its budget) gets it, through a page
 * of memory (a memfd) the workers share with the parent; other files keep
 * the plain limit.  The extraction options (extract_configure) travel to
 * the workers with their job.
 *
 * Test hooks (environment, for the test suite only): $VEILLE_TEST_SPAWN
 * starts every worker afresh, as a large indexer does; a child whose path
 * contains $VEILLE_TEST_CRASH raises SIGSEGV; one whose path contains
 * $VEILLE_TEST_HANG sleeps until killed; one whose path contains
 * $VEILLE_TEST_HANG_ONCE does so only while the file $VEILLE_TEST_ONCE_MARK
 * does not exist, and creates it. */
#ifndef VEILLE_SANDBOX_H
#define VEILLE_SANDBOX_H

#include "docmeta.h"
#include "verr.h"

/* Files a worker extracts before it is replaced (bounds slow leaks and
 * heap fragmentation under the memory limit). */
#define SANDBOX_RECYCLE 64

typedef struct {
    unsigned jobs;        /* children at once (>= 1) */
    unsigned timeout_s;   /* wall-clock limit per file */
    unsigned mem_mb;      /* address space a worker may add to what it holds at start */
} sandbox_limits;

/* The limits of one file when none are given (veille-index's --timeout
 * and --memory defaults; --explain and applied uploads use them too). */
extern const sandbox_limits sandbox_default_limits;

typedef struct sandbox sandbox;

/* Called once per finished job.  On success result is non-NULL and the
 * callee takes it (docmeta_free); on failure result is NULL and failure
 * says why (borrowed for the call). */
typedef void (*sandbox_done_fn)(void *job, docmeta *result, const verr *failure, void *ud);

sandbox *sandbox_new(const sandbox_limits *limits);
/* Kills any child still running, then frees. */
void sandbox_free(sandbox *sb);

/* Whether another job can start now. */
int sandbox_has_room(const sandbox *sb);
/* Number of children running. */
unsigned sandbox_running(const sandbox *sb);

/* Starts extracting path in a worker (started if needed); job is handed
 * back to the callback.  Fails (non-zero, err set) when spawn or pipe fail
 * or there is no room. */
int sandbox_start(sandbox *sb, const char *path, void *job, verr *err);

/* Waits up to timeout_ms (-1: until something finishes) for children,
 * calls done for each finished one, kills those over their time limit.
 * Returns the number of jobs finished. */
unsigned sandbox_collect(sandbox *sb, int timeout_ms, sandbox_done_fn done, void *ud);

/* Extracts the one file path in a sandbox of its own with limits lim
 * (lim->jobs is ignored) and waits for it: the result (caller frees), or
 * NULL with err, the file's failure. */
docmeta *sandbox_extract_one(const char *path, const sandbox_limits *lim, verr *err);

/* Kills every running child and reports each as interrupted. */
void sandbox_abort(sandbox *sb, sandbox_done_fn done, void *ud);

#endif
