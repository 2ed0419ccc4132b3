/* child.h - what a forked child of Veille does first: hold nothing of its
 * parent's and die with it.
 *
 * A child that inherited the parent's descriptors would keep the index's
 * write lock (Xapian keeps it as an open file description) and the
 * parent's pipes open after the parent is gone; one that outlived its
 * parent would hold them for ever.  Children forked without exec (the
 * SKOS reader) call this right after fork(); programs started as children
 * (the extraction workers, sandbox.h) as they start. */
#ifndef VEILLE_CHILD_H
#define VEILLE_CHILD_H

#include <sys/types.h>

/* In the child, after fork(): asks for SIGKILL when the parent dies
 * (PR_SET_PDEATHSIG), leaves at once if parent (its pid before the fork)
 * is already gone, and closes every descriptor above 2 but keep_a and
 * keep_b (-1: none). */
void child_detach(pid_t parent, int keep_a, int keep_b);
/* The same with sig, not SIGKILL, when the parent dies: for a child that
 * must act then (catching sig), as one whose own child cannot get the
 * parent's death signal (a set-group-ID program loses it at exec). */
void child_detach_signal(pid_t parent, int sig, int keep_a, int keep_b);

/* In a program the parent started (its pid: parent), as it starts: the
 * same as child_detach, keeping the descriptors up to highest_kept. */
void child_detach_above(pid_t parent, int highest_kept);

#endif
