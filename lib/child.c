/* child.c - a forked child detached from its parent's resources (child.h). */
#include "child.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Closes the descriptors from lo to hi (inclusive) when lo <= hi. */
static void close_span(int lo, int hi)
{
    if (lo <= hi)
        close_range((unsigned)lo, (unsigned)hi, 0);
}

void child_detach(pid_t parent, int keep_a, int keep_b)
{
    child_detach_signal(parent, SIGKILL, keep_a, keep_b);
}

void child_detach_signal(pid_t parent, int sig, int keep_a, int keep_b)
{
    if (prctl(PR_SET_PDEATHSIG, sig) != 0 || getppid() != parent)
        _exit(1);
    int lo = keep_a < keep_b ? keep_a : keep_b, hi = keep_a < keep_b ? keep_b : keep_a;
    if (lo < 3) /* one kept descriptor (or none) */
        lo = hi;
    if (hi < 3) {
        close_range(3, ~0u, 0);
        return;
    }
    close_span(3, lo - 1);
    close_span(lo + 1, hi - 1);
    close_range((unsigned)hi + 1, ~0u, 0);
}

void child_detach_above(pid_t parent, int highest_kept)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(1);
    close_range((unsigned)(highest_kept < 2 ? 2 : highest_kept) + 1, ~0u, 0);
}
