/* progress.h - progress reporting for long runs: a bar with done/total,
 * rate and time left on a terminal, a plain log line every few seconds
 * otherwise.  Writes to stderr. */
#ifndef VEILLE_PROGRESS_H
#define VEILLE_PROGRESS_H

#include <glib.h>

typedef struct {
    gboolean tty;        /* draw a bar (stderr is a terminal) */
    gboolean quiet;      /* print nothing */
    guint total;
    guint done;
    gint64 started_us;
    gint64 last_us;      /* last time something was printed */
} progress;

void progress_start(progress *p, guint total, gboolean quiet);
/* One more item done; redraws at most ten times a second. */
void progress_step(progress *p);
/* Clears the bar (on a terminal) before the summary is printed. */
void progress_finish(progress *p);

#endif
