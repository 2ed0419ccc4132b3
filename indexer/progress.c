/* progress.c - terminal bar or periodic log lines (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

void progress_start(progress *p, guint total, gboolean quiet)
{
    p->tty = isatty(STDERR_FILENO);
    p->quiet = quiet || total == 0;
    p->total = total;
    p->done = 0;
    p->started_us = p->last_us = g_get_monotonic_time();
}

static void draw(progress *p, gint64 now)
{
    double secs = (double)(now - p->started_us) / G_USEC_PER_SEC;
    double rate = secs > 0 ? p->done / secs : 0;
    guint left = p->total > p->done ? p->total - p->done : 0;
    long eta = rate > 0 ? (long)(left / rate) : 0;
    if (p->tty) {
        const int width = 30;
        int filled = p->total > 0 ? (int)((guint64)width * p->done / p->total) : width;
        char bar[32];
        for (int i = 0; i < width; i++)
            bar[i] = i < filled ? '=' : (i == filled ? '>' : ' ');
        bar[width] = '\0';
        fprintf(stderr, "\r[%s] %u/%u  %.1f docs/s  ETA %ld:%02ld ", bar, p->done, p->total,
                rate, eta / 60, eta % 60);
    } else {
        fprintf(stderr, "progress: %u/%u files, %.1f docs/s, ETA %lds\n", p->done, p->total,
                rate, eta);
    }
    fflush(stderr);
    p->last_us = now;
}

void progress_step(progress *p)
{
    p->done++;
    if (p->quiet)
        return;
    gint64 now = g_get_monotonic_time();
    gint64 every = p->tty ? G_USEC_PER_SEC / 10 : 5 * G_USEC_PER_SEC;
    if (now - p->last_us >= every || p->done == p->total)
        draw(p, now);
}

void progress_finish(progress *p)
{
    if (!p->quiet && p->tty)
        fprintf(stderr, "\r%*s\r", 72, "");
}
