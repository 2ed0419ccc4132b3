/* demand.c - the searches asked, counted per day (demand.h). */
#include "demand.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A kept query is cut at this many bytes. */
#define QUERY_MAX 200
/* At most this many distinct queries a day are gathered in memory (the
 * rest of the day's new ones are not counted): random queries cannot
 * make it grow without end. */
#define DISTINCT_MAX 20000

typedef struct {
    unsigned asked, nothing;
} counts;

struct demand {
    char *dir;
    GMutex lock;      /* guards days */
    GHashTable *days; /* "YYYY-MM-DD" -> (folded query -> counts *), since the last flush */
};

static GHashTable *queries_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

demand *demand_new(const char *dir)
{
    demand *d = g_new0(demand, 1);
    d->dir = g_strdup(dir);
    g_mutex_init(&d->lock);
    d->days = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify)g_hash_table_unref);
    return d;
}

/* "YYYY-MM-DD" (UTC) of today minus back days.  Caller frees. */
static char *day_name(int back)
{
    GDateTime *now = g_date_time_new_now_utc(), *then = g_date_time_add_days(now, -back);
    char *s = g_date_time_format(then, "%Y-%m-%d");
    g_date_time_unref(then);
    g_date_time_unref(now);
    return s;
}

/* q folded, its spaces squashed, cut at QUERY_MAX bytes (at a character);
 * NULL when nothing is left. */
static char *kept_form(const char *q)
{
    if (q == NULL)
        return NULL;
    char *folded = text_fold(q, -1);
    char *squashed = text_squash_space(g_strstrip(folded));
    g_free(folded);
    if (strlen(squashed) > QUERY_MAX)
        *g_utf8_find_prev_char(squashed, squashed + QUERY_MAX + 1) = '\0';
    for (char *c = squashed; *c != '\0'; c++) /* the file's separators */
        if (*c == '\t' || *c == '\n' || *c == '\r')
            *c = ' ';
    if (*squashed == '\0') {
        g_free(squashed);
        return NULL;
    }
    return squashed;
}

static void add_counts(GHashTable *queries, const char *query, unsigned asked, unsigned nothing)
{
    counts *c = g_hash_table_lookup(queries, query);
    if (c == NULL) {
        c = g_new0(counts, 1);
        g_hash_table_insert(queries, g_strdup(query), c);
    }
    c->asked += asked;
    c->nothing += nothing;
}

void demand_record(demand *d, const char *q, unsigned total)
{
    char *query = kept_form(q);
    if (query == NULL)
        return;
    char *day = day_name(0);
    g_mutex_lock(&d->lock);
    GHashTable *queries = g_hash_table_lookup(d->days, day);
    if (queries == NULL) {
        queries = queries_new();
        g_hash_table_insert(d->days, day, queries);
        day = NULL; /* taken */
    }
    if (g_hash_table_size(queries) < DISTINCT_MAX || g_hash_table_contains(queries, query))
        add_counts(queries, query, 1, total == 0);
    g_mutex_unlock(&d->lock);
    g_free(day);
    g_free(query);
}

static char *day_path(const demand *d, const char *day)
{
    char *name = g_strconcat(day, ".tsv", NULL);
    char *path = g_build_filename(d->dir, name, NULL);
    g_free(name);
    return path;
}

/* Adds the counts of day's file (none: nothing) to queries. */
static void read_day(const demand *d, const char *day, GHashTable *queries)
{
    char *path = day_path(d, day), *text = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
        char **lines = g_strsplit(text, "\n", -1);
        for (char **l = lines; *l != NULL; l++) {
            char **f = g_strsplit(*l, "\t", 3);
            if (g_strv_length(f) == 3 && *f[2] != '\0' && g_utf8_validate(f[2], -1, NULL))
                add_counts(queries, f[2], (unsigned)strtoul(f[0], NULL, 10),
                           (unsigned)strtoul(f[1], NULL, 10));
            g_strfreev(f);
        }
        g_strfreev(lines);
    }
    g_free(text);
    g_free(path);
}

/* Writes queries as day's file (atomically).  0, or -1 with err. */
static int write_day(const demand *d, const char *day, GHashTable *queries, verr *err)
{
    GString *out = g_string_new(NULL);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, queries);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const counts *c = v;
        g_string_append_printf(out, "%u\t%u\t%s\n", c->asked, c->nothing, (const char *)k);
    }
    char *path = day_path(d, day);
    GError *gerr = NULL;
    int rc = g_file_set_contents(path, out->str, (gssize)out->len, &gerr) ? 0 : -1;
    if (rc != 0) {
        verr_set(err, VERR_IO, "demand", "%s : %s", path, gerr->message);
        g_error_free(gerr);
    }
    g_free(path);
    g_string_free(out, TRUE);
    return rc;
}

/* Deletes the day files older than keep_days days. */
static void expire(const demand *d, unsigned keep_days)
{
    char *oldest = day_name(keep_days > 0 ? (int)keep_days - 1 : -1); /* -1: tomorrow */
    GDir *dir = g_dir_open(d->dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        int y, m, dd;
        char tail[8];
        if (strlen(name) != 14 || sscanf(name, "%4d-%2d-%2d%7s", &y, &m, &dd, tail) != 4 ||
            strcmp(tail, ".tsv") != 0 || strncmp(name, oldest, 10) >= 0)
            continue;
        char *path = g_build_filename(d->dir, name, NULL);
        if (unlink(path) != 0)
            fprintf(stderr, "veille-searchd: demand: cannot remove %s: %s\n", path, g_strerror(errno));
        g_free(path);
    }
    if (dir != NULL)
        g_dir_close(dir);
    g_free(oldest);
}

int demand_flush(demand *d, unsigned keep_days, verr *err)
{
    g_mutex_lock(&d->lock);
    GHashTable *days = d->days;
    d->days = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify)g_hash_table_unref);
    g_mutex_unlock(&d->lock);
    int rc = 0;
    if (keep_days > 0 && g_hash_table_size(days) > 0 && g_mkdir_with_parents(d->dir, 0750) != 0) {
        verr_set(err, VERR_IO, "demand", "%s : %s", d->dir, g_strerror(errno));
        rc = -1;
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, days);
    while (rc == 0 && keep_days > 0 && g_hash_table_iter_next(&it, &k, &v)) {
        GHashTable *merged = queries_new();
        read_day(d, k, merged);
        GHashTableIter q;
        gpointer qk, qv;
        g_hash_table_iter_init(&q, v);
        while (g_hash_table_iter_next(&q, &qk, &qv))
            add_counts(merged, qk, ((counts *)qv)->asked, ((counts *)qv)->nothing);
        rc = write_day(d, k, merged, err);
        g_hash_table_unref(merged);
        if (rc == 0)
            g_hash_table_iter_remove(&it); /* written */
    }
    if (rc != 0) { /* what was not written waits for the next flush */
        g_mutex_lock(&d->lock);
        g_hash_table_iter_init(&it, days);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            GHashTableIter q;
            gpointer qk, qv;
            g_hash_table_iter_init(&q, v);
            while (g_hash_table_iter_next(&q, &qk, &qv)) {
                GHashTable *queries = g_hash_table_lookup(d->days, k);
                if (queries == NULL) {
                    queries = queries_new();
                    g_hash_table_insert(d->days, g_strdup(k), queries);
                }
                add_counts(queries, qk, ((counts *)qv)->asked, ((counts *)qv)->nothing);
            }
        }
        g_mutex_unlock(&d->lock);
    }
    g_hash_table_unref(days);
    expire(d, keep_days);
    return rc;
}

static gint by_asked(gconstpointer a, gconstpointer b)
{
    const demand_row *x = *(demand_row *const *)a, *y = *(demand_row *const *)b;
    return x->asked != y->asked ? (x->asked < y->asked ? 1 : -1) : strcmp(x->query, y->query);
}

static gint by_nothing(gconstpointer a, gconstpointer b)
{
    const demand_row *x = *(demand_row *const *)a, *y = *(demand_row *const *)b;
    return x->found_nothing != y->found_nothing ? (x->found_nothing < y->found_nothing ? 1 : -1)
                                                : by_asked(a, b);
}

static void row_free(gpointer p)
{
    demand_row *r = p;
    g_free(r->query);
    g_free(r);
}

void demand_report(demand *d, unsigned days, unsigned limit, GPtrArray **frequent,
                   GPtrArray **nothing)
{
    GHashTable *all = queries_new();
    for (unsigned back = 0; back < days; back++) {
        char *day = day_name((int)back);
        read_day(d, day, all);
        g_mutex_lock(&d->lock);
        GHashTable *fresh = g_hash_table_lookup(d->days, day);
        GHashTableIter q;
        gpointer qk, qv;
        if (fresh != NULL) {
            g_hash_table_iter_init(&q, fresh);
            while (g_hash_table_iter_next(&q, &qk, &qv))
                add_counts(all, qk, ((counts *)qv)->asked, ((counts *)qv)->nothing);
        }
        g_mutex_unlock(&d->lock);
        g_free(day);
    }
    GPtrArray *rows[2] = { g_ptr_array_new_with_free_func(row_free),
                           g_ptr_array_new_with_free_func(row_free) };
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, all);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const counts *c = v;
        for (int i = 0; i < 2; i++) {
            if (i == 1 && c->nothing == 0)
                continue;
            demand_row *r = g_new0(demand_row, 1);
            r->query = g_strdup(k);
            r->asked = c->asked;
            r->found_nothing = c->nothing;
            g_ptr_array_add(rows[i], r);
        }
    }
    g_ptr_array_sort(rows[0], by_asked);
    g_ptr_array_sort(rows[1], by_nothing);
    for (int i = 0; i < 2; i++)
        if (rows[i]->len > limit)
            g_ptr_array_remove_range(rows[i], limit, rows[i]->len - limit);
    g_hash_table_unref(all);
    *frequent = rows[0];
    *nothing = rows[1];
}

void demand_free(demand *d)
{
    if (d == NULL)
        return;
    g_hash_table_unref(d->days);
    g_mutex_clear(&d->lock);
    g_free(d->dir);
    g_free(d);
}
