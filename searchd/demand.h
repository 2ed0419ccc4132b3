/* demand.h - what coordinators look for: the searches asked of the
 * daemon, counted per day, for the documentalist (the queries that find
 * nothing tell her which words the thesaurus lacks, the frequent ones what
 * to index first).
 *
 * Only the query is kept, folded (accents, case and spaces do not count),
 * with how many times it was asked and how many of those found nothing:
 * no address, no cookie, no time of day.  Counts gather in memory and are
 * written, one file per day (DIR/YYYY-MM-DD.tsv: "asked\tfound-nothing\tquery"
 * lines), by demand_flush; days older than the retention period are
 * deleted then.  Thread-safe: searches record from any thread. */
#ifndef VEILLE_DEMAND_H
#define VEILLE_DEMAND_H

#include <glib.h>
#include "verr.h"

typedef struct demand demand;

/* The demand kept in folder dir (created at the first flush). */
demand *demand_new(const char *dir);
/* Frees d; counts not flushed are lost (demand_flush first). */
void demand_free(demand *d);

/* Counts one search of query q (NULL or blank: not counted) that found
 * total documents, today (UTC). */
void demand_record(demand *d, const char *q, unsigned total);

/* Writes the counts gathered since the last flush into the day files, and
 * deletes the day files older than keep_days days (0: keeps nothing, the
 * counts are dropped).  0, or -1 with err (the counts are kept in memory
 * for the next try). */
int demand_flush(demand *d, unsigned keep_days, verr *err);

/* One query's counts over a period. */
typedef struct {
    char *query;
    unsigned asked, found_nothing;
} demand_row;

/* The counts of the last days days (today included: files and memory),
 * queries summed over them: OUT *frequent, the most asked first, and
 * *nothing, those that found nothing at least once, the most such first;
 * at most limit each (arrays of demand_row *, caller unrefs). */
void demand_report(demand *d, unsigned days, unsigned limit, GPtrArray **frequent,
                   GPtrArray **nothing);

#endif
