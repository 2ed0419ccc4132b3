/* tool_run.h - runs a helper program (antiword, xls2csv, unrtf) on one
 * file and captures what it prints, with a time and an output limit.
 *
 * The program is started with execvp and an argument vector, never
 * through a shell, so a file name cannot inject anything.  Its standard
 * input is /dev/null; it holds no descriptor of ours but its two pipes,
 * and dies with the caller (child.h).  It inherits the caller's resource
 * limits (an extraction worker's RLIMIT_AS and RLIMIT_CPU).  Past the
 * time limit it is killed; past the output limit it is killed and what
 * came is kept. */
#ifndef VEILLE_TOOL_RUN_H
#define VEILLE_TOOL_RUN_H

#include <glib.h>
#include "verr.h"

typedef struct {
    GString *out;        /* standard output, owned by the caller (tool_output_free) */
    gboolean truncated;  /* out stopped at the limit */
} tool_output;

/* Runs argv (argv[0] looked up on PATH; NULL-terminated) for at most
 * timeout_ms, keeping at most max_out bytes of its output.  Returns 0
 * when it exited with status 0 (or was stopped at max_out), with *res
 * filled.  Otherwise -1 with err: VERR_UNSUPPORTED when the program is
 * not installed, VERR_TIMEOUT past the limit, VERR_PARSE with the first
 * line of its error output when it failed; res is then left empty. */
int tool_run(const char *const *argv, unsigned timeout_ms, gsize max_out, tool_output *res,
             verr *err);

void tool_output_free(tool_output *res);

#endif
