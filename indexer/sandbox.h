/* sandbox.h - runs extractions in child processes with time and memory
 * limits, several at once.
 *
 * poppler and friends can crash, hang or balloon on hostile files, and
 * none of them can be cancelled: each file is extracted in a forked child
 * under RLIMIT_AS and RLIMIT_CPU, killed after a wall-clock limit.  The
 * child sends its docmeta back as JSON through a pipe.  A file that
 * crashes its child fails alone; the parent records why and goes on.
 *
 * Test hooks (environment, for the test suite only): a child whose path
 * contains $VEILLE_TEST_CRASH raises SIGSEGV; one whose path contains
 * $VEILLE_TEST_HANG sleeps until killed. */
#ifndef VEILLE_SANDBOX_H
#define VEILLE_SANDBOX_H

#include "docmeta.h"
#include "verr.h"

typedef struct {
    unsigned jobs;        /* children at once (>= 1) */
    unsigned timeout_s;   /* wall-clock limit per file */
    unsigned mem_mb;      /* address-space limit per child */
} sandbox_limits;

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

/* Starts extracting path (copied) in a child; job is handed back to the
 * callback.  Fails (non-zero, err set) when fork or pipe fail or no room. */
int sandbox_start(sandbox *sb, const char *path, void *job, verr *err);

/* Waits up to timeout_ms (-1: until something finishes) for children,
 * calls done for each finished one, kills those over their time limit.
 * Returns the number of jobs finished. */
unsigned sandbox_collect(sandbox *sb, int timeout_ms, sandbox_done_fn done, void *ud);

/* Kills every running child and reports each as interrupted. */
void sandbox_abort(sandbox *sb, sandbox_done_fn done, void *ud);

#endif
