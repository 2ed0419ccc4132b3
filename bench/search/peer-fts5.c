/* bench/search/peer-fts5.c - the SQLite FTS5 peer of bench/search/run, in
 * process: threads call SQLite directly (no HTTP).  Each query answers what
 * Veille's /api/search answers: the top 10 documents with a snippet each,
 * the exact total of matches and exact counts over the whole match set for
 * the facets theme, region, type and year.  Prints figures; asserts nothing
 * but the counts' check.
 *
 * Usage: peer-fts5 DOCS.jsonl QUERIES.tsv WORKDIR DURATION "CONNS..."
 *   (bench/search/peer-fts5 compiles it into WORKDIR and runs it)
 * DOCS.jsonl is bench/search/export.py's output; QUERIES.tsv has no header,
 * one `q<TAB>theme<TAB>region` a line (ids, either may be empty).
 *
 * Index: WORKDIR/fts5.sqlite, built once per DOCS file (WORKDIR/fts5.source
 * holds its path, size and mtime; another file or a changed one rebuilds):
 *   docs        fts5(title, body, tokenize='unicode61 remove_diacritics 2'),
 *               rowid = line number; FTS5 has no French stemmer, so words
 *               match as typed, folded (case, accents);
 *   meta        (rowid INTEGER PRIMARY KEY, id, type, year), NULL if empty;
 *   doc_theme   (rowid, theme) WITHOUT ROWID, key (rowid, theme); and
 *   doc_region  (rowid, region) likewise: a filter is an EXISTS, one key
 *               seek per match, a count a join on the same key.
 * Loaded in one transaction with prepared statements, then FTS5 'optimize'
 * (one segment), ANALYZE and VACUUM (the file holds no free pages).
 *
 * Query: its words (runs of g_unichar_isalnum), each double-quoted so that
 * nothing is FTS5 syntax, ANDed (FTS5's default, like Veille's).  The top 10
 * by bm25(docs, 10.0, 1.0) (the title weighs ten body words, as in
 * bench/real/peers.py), through FTS5's `ORDER BY rank` so that snippet(docs,
 * 1, '<b>', '</b>', '…', 16) is computed for the 10 returned rows only.
 * Counts with Veille's multi-select semantics: in facets mode the total,
 * type and year are over the matches with both filters, theme over the
 * matches with the region filter only, region with the theme filter only; a
 * document with two themes counts in both; plain mode ignores the filters.
 * Two ways, each its own label:
 *   fts5    in SQL, as an FTS5 user would write it: one statement, the match
 *           set materialized once (a CTE, with each filter's EXISTS) and one
 *           GROUP BY per facet over it (UNION ALL);
 *   fts5-c  the match set's rowids read from SQLite and counted in C
 *           against facet arrays loaded from the tables once at start.
 * Both share the top-10 statement.
 *
 * Runs: for each label, MODE in plain facets, C in CONNS: C threads, each
 * with its own connection (read-only, SQLITE_OPEN_NOMUTEX, private cache,
 * cache_size 16 MiB, mmap_size 2 GiB, temp_store memory; the process turns
 * SQLite's memory statistics off, whose global mutex every malloc takes),
 * walk the queries round-robin from their own offset in a closed loop for
 * DURATION seconds, after one warm-up pass (every query once, 30 s at
 * most) per label and mode.  Before the runs, the first 5 queries' counts (facets mode, both
 * labels) are checked against a brute force, one SQL count per facet value,
 * on stderr.  stdout:
 *   LABEL MODE C QPS P50_MS P99_MS ERRORS     one per run
 *   fts5 memory RSS_KB PEAK_KB                VmRSS, VmHWM after the runs
 *   fts5 index-size MB                        fts5.sqlite, MiB
 *   fts5 setup ...                            the setup, in one line
 * Choices, measured briefly on syn20k (20,000 documents, 400 queries, one
 * thread, on a busy 2-core machine: rough, ms a query):
 *   top 10 by ORDER BY rank 3.4, by ORDER BY bm25(docs, 10.0, 1.0) 4.1
 *   (the same documents; without the snippet 2.8);
 *   counts, plain / facets mode: this one statement 6.2 / 3.3; a TEMP table
 *   filled once, then four GROUP BYs 10.8 / 9.8; four statements each with
 *   its own MATCH 6.2 / 4.8; tag tables keyed (theme, rowid) instead of
 *   (rowid, theme): 9.7 / 6.6 with this statement, 46 / 9.3 with four;
 *   mmap_size 2 GiB against 0 (pages copied into each connection's cache),
 *   4 threads: about twice the QPS in three runs out of four.
 * snippet() costs with long documents and common words: on man.jsonl (pages
 * up to 375 kB) a ten-word query took up to 1.3 s for its 10 snippets, 1 ms
 * without them (FTS5 scores candidate fragments against every phrase hit).
 * The index is built in a child process, so that the memory is the searches'
 * own.  Its peak counts the mapped index once per connection that read it
 * (each maps the file itself): the setup line adds the peaks of RssAnon (the
 * process's own memory) and RssFile (those mappings) during the timed runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#define TOP_N 10
#define CHECK_QUERIES 5
#define CACHE_KIB 16384                 /* page cache per reading connection */
#ifndef MMAP_BYTES                      /* -DMMAP_BYTES=0 reads through the page cache instead */
#define MMAP_BYTES 2147418112LL         /* SQLite's default ceiling (SQLITE_MAX_MMAP_SIZE) */
#endif
#define BUILD_CACHE_KIB 65536

enum { F_TYPE, F_YEAR, F_THEME, F_REGION, NFACETS };
static const char *const facet_name[NFACETS] = { "type", "year", "theme", "region" };
/* Each facet's (rowid, value) pairs, by rowid. */
static const char *const facet_rows_sql[NFACETS] = {
    "SELECT rowid, type FROM meta WHERE type IS NOT NULL ORDER BY rowid",
    "SELECT rowid, year FROM meta WHERE year IS NOT NULL ORDER BY rowid",
    "SELECT rowid, theme FROM doc_theme ORDER BY rowid",
    "SELECT rowid, region FROM doc_region ORDER BY rowid",
};
/* A document's condition on a facet's value ?N (%d), for the filters and the
 * brute force: docs.rowid is the document. */
static const char *const facet_cond_sql[NFACETS] = {
    "meta.type = ?%d",
    "meta.year = ?%d",
    "EXISTS (SELECT 1 FROM doc_theme t WHERE t.rowid = docs.rowid AND t.theme = ?%d)",
    "EXISTS (SELECT 1 FROM doc_region r WHERE r.rowid = docs.rowid AND r.region = ?%d)",
};

enum { MODE_PLAIN, MODE_FACETS, NMODES };
static const char *const mode_name[NMODES] = { "plain", "facets" };
enum { WAY_SQL, WAY_C, NWAYS };
static const char *const way_label[NWAYS] = { "fts5", "fts5-c" };

/* Filter combinations, the index of the statements prepared for each. */
#define HAS_THEME 1
#define HAS_REGION 2
#define NCOMBOS 4
#define NO_FILTER (-1)
#define UNKNOWN_VALUE INT_MAX           /* a filter on a value no document has */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("peer-fts5: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void die_db(sqlite3 *db, const char *what)
{
    die("%s: %s", what, db != NULL ? sqlite3_errmsg(db) : "out of memory");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die("%s: %s", sql, err != NULL ? err : sqlite3_errmsg(db));
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        die("preparing %s: %s", sql, sqlite3_errmsg(db));
    return st;
}

/* An integer PRAGMA's value (as SQLite applied it). */
static long long pragma_int(sqlite3 *db, const char *name)
{
    char *sql = g_strdup_printf("PRAGMA %s", name);
    sqlite3_stmt *st = prepare(db, sql);
    if (sqlite3_step(st) != SQLITE_ROW)
        die_db(db, sql);
    long long v = sqlite3_column_int64(st, 0);
    if (sqlite3_finalize(st) != SQLITE_OK)
        die_db(db, sql);
    g_free(sql);
    return v;
}

/* ---- the index ------------------------------------------------------------------ */

static const char *const schema_sql =
    "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT, year TEXT);"
    "CREATE TABLE doc_theme(rowid INTEGER NOT NULL, theme TEXT NOT NULL,"
    "                       PRIMARY KEY (rowid, theme)) WITHOUT ROWID;"
    "CREATE TABLE doc_region(rowid INTEGER NOT NULL, region TEXT NOT NULL,"
    "                        PRIMARY KEY (rowid, region)) WITHOUT ROWID;";

/* What identifies the DOCS file an index was built from. */
static char *source_stamp(const char *docs_path)
{
    char *real = realpath(docs_path, NULL);
    struct stat sb;
    if (real == NULL || stat(real, &sb) != 0)
        die("%s: %s", docs_path, strerror(errno));
    char *stamp = g_strdup_printf("path %s\nsize %lld\nmtime %lld.%09ld\n", real, (long long)sb.st_size,
                                  (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec);
    free(real);
    return stamp;
}

static void bind_text_or_null(sqlite3 *db, sqlite3_stmt *st, int i, const char *s)
{
    int rc = s != NULL && *s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
    if (rc != SQLITE_OK)
        die_db(db, "bind");
}

static void step_done(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die_db(db, what);
    if (sqlite3_reset(st) != SQLITE_OK)
        die_db(db, what);
}

/* The ids of member `name` (an array of strings) into stmt (?1 rowid, ?2 id). */
static void insert_tags(sqlite3 *db, sqlite3_stmt *st, sqlite3_int64 rowid, JsonObject *o, const char *name,
                        long line)
{
    if (!json_object_has_member(o, name))
        return;
    JsonNode *n = json_object_get_member(o, name);
    if (!JSON_NODE_HOLDS_ARRAY(n))
        die("line %ld: %s is not an array", line, name);
    JsonArray *a = json_node_get_array(n);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *e = json_array_get_element(a, i);
        if (!JSON_NODE_HOLDS_VALUE(e) || json_node_get_value_type(e) != G_TYPE_STRING)
            die("line %ld: %s holds a non-string", line, name);
        if (sqlite3_bind_int64(st, 1, rowid) != SQLITE_OK)
            die_db(db, "bind");
        bind_text_or_null(db, st, 2, json_node_get_string(e));
        step_done(db, st, name);
    }
}

static const char *member_string(JsonObject *o, const char *name, long line)
{
    if (!json_object_has_member(o, name))
        return "";
    JsonNode *n = json_object_get_member(o, name);
    if (JSON_NODE_HOLDS_NULL(n))
        return "";
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING)
        die("line %ld: %s is not a string", line, name);
    return json_node_get_string(n);
}

static void build_index(const char *docs_path, const char *db_path)
{
    char *tmp = g_strconcat(db_path, ".new", NULL);
    if (unlink(tmp) != 0 && errno != ENOENT)
        die("%s: %s", tmp, strerror(errno));
    FILE *in = fopen(docs_path, "r");
    if (in == NULL)
        die("%s: %s", docs_path, strerror(errno));
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        die_db(db, tmp);
    char *pragmas = g_strdup_printf("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                    " PRAGMA cache_size = -%d;", BUILD_CACHE_KIB);
    exec_sql(db, pragmas);
    g_free(pragmas);
    exec_sql(db, schema_sql);

    double t0 = now_s();
    exec_sql(db, "BEGIN");
    sqlite3_stmt *ins_doc = prepare(db, "INSERT INTO docs(rowid, title, body) VALUES (?1, ?2, ?3)");
    sqlite3_stmt *ins_meta = prepare(db, "INSERT INTO meta(rowid, id, type, year) VALUES (?1, ?2, ?3, ?4)");
    sqlite3_stmt *ins_theme = prepare(db, "INSERT OR IGNORE INTO doc_theme(rowid, theme) VALUES (?1, ?2)");
    sqlite3_stmt *ins_region = prepare(db, "INSERT OR IGNORE INTO doc_region(rowid, region) VALUES (?1, ?2)");
    JsonParser *parser = json_parser_new();
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    long line = 0, ndocs = 0;
    while ((len = getline(&buf, &cap, in)) != -1) {
        line++;
        if (len <= 1)
            continue;
        GError *err = NULL;
        if (!json_parser_load_from_data(parser, buf, len, &err))
            die("%s:%ld: %s", docs_path, line, err->message);
        JsonNode *root = json_parser_get_root(parser);
        if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root))
            die("%s:%ld: not an object", docs_path, line);
        JsonObject *o = json_node_get_object(root);
        const char *id = member_string(o, "id", line);
        if (!*id)
            die("%s:%ld: no id", docs_path, line);
        sqlite3_int64 rowid = ++ndocs;
        if (sqlite3_bind_int64(ins_doc, 1, rowid) != SQLITE_OK ||
            sqlite3_bind_text(ins_doc, 2, member_string(o, "title", line), -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_bind_text(ins_doc, 3, member_string(o, "text", line), -1, SQLITE_STATIC) != SQLITE_OK)
            die_db(db, "bind");
        step_done(db, ins_doc, "inserting into docs");
        if (sqlite3_bind_int64(ins_meta, 1, rowid) != SQLITE_OK ||
            sqlite3_bind_text(ins_meta, 2, id, -1, SQLITE_STATIC) != SQLITE_OK)
            die_db(db, "bind");
        bind_text_or_null(db, ins_meta, 3, member_string(o, "type", line));
        bind_text_or_null(db, ins_meta, 4, member_string(o, "year", line));
        step_done(db, ins_meta, "inserting into meta");
        insert_tags(db, ins_theme, rowid, o, "themes", line);
        insert_tags(db, ins_region, rowid, o, "regions", line);
    }
    if (ferror(in))
        die("%s: %s", docs_path, strerror(errno));
    free(buf);
    fclose(in);
    g_object_unref(parser);
    sqlite3_stmt *ins[] = { ins_doc, ins_meta, ins_theme, ins_region };
    for (size_t i = 0; i < G_N_ELEMENTS(ins); i++)
        if (sqlite3_finalize(ins[i]) != SQLITE_OK)
            die_db(db, "finalize");
    double t_load = now_s();
    exec_sql(db, "INSERT INTO docs(docs) VALUES ('optimize')");
    double t_opt = now_s();
    exec_sql(db, "ANALYZE");
    exec_sql(db, "COMMIT");
    double t_analyze = now_s();
    exec_sql(db, "VACUUM");
    double t_vacuum = now_s();
    if (sqlite3_close(db) != SQLITE_OK)
        die_db(db, "close");
    if (rename(tmp, db_path) != 0)
        die("%s: %s", db_path, strerror(errno));
    g_free(tmp);
    fprintf(stderr, "fts5: built %s from %ld documents in %.1f s (load %.1f s, optimize %.1f s, "
            "analyze %.1f s, vacuum %.1f s)\n", db_path, ndocs, t_vacuum - t0, t_load - t0, t_opt - t_load,
            t_analyze - t_opt, t_vacuum - t_analyze);
}

/* Builds WORKDIR/fts5.sqlite unless it was built from this very DOCS file. */
static char *ensure_index(const char *docs_path, const char *workdir)
{
    char *db_path = g_build_filename(workdir, "fts5.sqlite", NULL);
    char *marker = g_build_filename(workdir, "fts5.source", NULL);
    char *stamp = source_stamp(docs_path);
    char *old = NULL;
    if (g_file_get_contents(marker, &old, NULL, NULL) && strcmp(old, stamp) == 0 &&
        g_file_test(db_path, G_FILE_TEST_IS_REGULAR)) {
        fprintf(stderr, "fts5: reusing %s (built from this %s)\n", db_path, docs_path);
    } else {
        if ((unlink(marker) != 0 && errno != ENOENT) || (unlink(db_path) != 0 && errno != ENOENT))
            die("%s: %s", workdir, strerror(errno));
        /* In a child, so that the figures of memory are the searches' own. */
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
            die("fork: %s", strerror(errno));
        if (pid == 0) {
            build_index(docs_path, db_path);
            _exit(0);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid)
            die("waitpid: %s", strerror(errno));
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            die("building %s failed", db_path);
        GError *err = NULL;
        if (!g_file_set_contents(marker, stamp, -1, &err))
            die("%s", err->message);
    }
    g_free(old);
    g_free(stamp);
    g_free(marker);
    return db_path;
}

/* ---- facet values in memory (fts5-c) ------------------------------------------ */

/* Per facet, the values of document r are val[off[r]] .. val[off[r + 1] - 1],
 * indexes into names. */
typedef struct {
    sqlite3_int64 nrows;                /* largest rowid + 1 */
    GPtrArray *names[NFACETS];
    uint32_t *off[NFACETS];
    uint16_t *val[NFACETS];
    size_t bytes;
} facet_arrays;

static int value_index(const facet_arrays *fa, int f, const char *name)
{
    for (guint i = 0; i < fa->names[f]->len; i++)
        if (strcmp(g_ptr_array_index(fa->names[f], i), name) == 0)
            return (int)i;
    return UNKNOWN_VALUE;
}

static void load_facets(sqlite3 *db, facet_arrays *fa)
{
    sqlite3_stmt *st = prepare(db, "SELECT coalesce(max(rowid), 0) FROM meta");
    if (sqlite3_step(st) != SQLITE_ROW)
        die_db(db, "max(rowid)");
    fa->nrows = sqlite3_column_int64(st, 0) + 1;
    if (sqlite3_finalize(st) != SQLITE_OK)
        die_db(db, "max(rowid)");
    fa->bytes = 0;
    for (int f = 0; f < NFACETS; f++) {
        GHashTable *ix = g_hash_table_new(g_str_hash, g_str_equal);
        GArray *vals = g_array_new(FALSE, FALSE, sizeof(uint16_t));
        fa->names[f] = g_ptr_array_new_with_free_func(g_free);
        fa->off[f] = g_new0(uint32_t, fa->nrows + 1);
        st = prepare(db, facet_rows_sql[f]);
        sqlite3_int64 r = 0;            /* off[0..r] are set */
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
            const char *name = (const char *)sqlite3_column_text(st, 1);
            if (rowid < r || rowid >= fa->nrows || name == NULL)
                die("%s: rowid %lld out of order", facet_rows_sql[f], (long long)rowid);
            for (; r < rowid; r++)
                fa->off[f][r + 1] = vals->len;
            gpointer v;
            if (!g_hash_table_lookup_extended(ix, name, NULL, &v)) {
                if (fa->names[f]->len > UINT16_MAX)
                    die("%s: too many values", facet_name[f]);
                v = GUINT_TO_POINTER(fa->names[f]->len);
                char *copy = g_strdup(name);
                g_ptr_array_add(fa->names[f], copy);
                g_hash_table_insert(ix, copy, v);
            }
            uint16_t v16 = (uint16_t)GPOINTER_TO_UINT(v);
            g_array_append_val(vals, v16);
        }
        if (rc != SQLITE_DONE || sqlite3_finalize(st) != SQLITE_OK)
            die_db(db, facet_rows_sql[f]);
        for (; r < fa->nrows; r++)
            fa->off[f][r + 1] = vals->len;
        fa->bytes += (size_t)(fa->nrows + 1) * sizeof(uint32_t) + vals->len * sizeof(uint16_t);
        fa->val[f] = (uint16_t *)(void *)g_array_free(vals, FALSE);
        g_hash_table_destroy(ix);
    }
}

static void free_facets(facet_arrays *fa)
{
    for (int f = 0; f < NFACETS; f++) {
        g_ptr_array_free(fa->names[f], TRUE);
        g_free(fa->off[f]);
        g_free(fa->val[f]);
    }
}

static inline int doc_has(const facet_arrays *fa, int f, sqlite3_int64 r, int v)
{
    for (uint32_t i = fa->off[f][r]; i < fa->off[f][r + 1]; i++)
        if (fa->val[f][i] == v)
            return 1;
    return 0;
}

/* ---- queries ---------------------------------------------------------------------- */

typedef struct {
    char *text;                         /* as in the file, for messages */
    char *match;                        /* FTS5 expression, NULL if the query has no word */
    char *filter[2];                    /* theme, region; NULL for none */
    int filter_ix[2];                   /* their value indexes (fts5-c), or NO_FILTER */
    int combo;                          /* HAS_THEME | HAS_REGION as filtered */
} query;

/* The words of q (runs of letters and digits), each quoted, space-separated:
 * FTS5 ANDs them. */
static char *fts5_expr(const char *q)
{
    GString *s = g_string_new(NULL);
    int in_word = 0;
    for (const char *p = q; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c)) {
            if (!in_word)
                g_string_append(s, s->len ? " \"" : "\"");
            in_word = 1;
            g_string_append_len(s, p, g_utf8_next_char(p) - p);
        } else if (in_word) {
            g_string_append_c(s, '"');
            in_word = 0;
        }
    }
    if (in_word)
        g_string_append_c(s, '"');
    if (s->len == 0) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

static query *load_queries(const char *path, const facet_arrays *fa, int *count)
{
    char *all = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &all, NULL, &err))
        die("%s", err->message);
    if (!g_utf8_validate(all, -1, NULL))
        die("%s: not UTF-8", path);
    char **lines = g_strsplit(all, "\n", -1);
    GArray *qs = g_array_new(FALSE, TRUE, sizeof(query));
    for (char **l = lines; *l != NULL; l++) {
        g_strchomp(*l);                 /* a \r, trailing blanks */
        if (**l == '\0')
            continue;
        char **col = g_strsplit(*l, "\t", 3);
        query q = { .text = g_strdup(col[0]), .match = fts5_expr(col[0]) };
        for (int k = 0; k < 2 && col[0] != NULL && col[k + 1] != NULL; k++) {
            if (col[k + 1][0] == '\0')
                continue;
            q.filter[k] = g_strdup(col[k + 1]);
            q.combo |= k == 0 ? HAS_THEME : HAS_REGION;
        }
        for (int k = 0; k < 2; k++)
            q.filter_ix[k] = q.filter[k] == NULL ? NO_FILTER
                                                 : value_index(fa, k == 0 ? F_THEME : F_REGION, q.filter[k]);
        g_array_append_val(qs, q);
        g_strfreev(col);
    }
    g_strfreev(lines);
    g_free(all);
    if (qs->len == 0)
        die("%s: no query", path);
    *count = (int)qs->len;
    return (query *)(void *)g_array_free(qs, FALSE);
}

static void free_queries(query *qs, int n)
{
    for (int i = 0; i < n; i++) {
        g_free(qs[i].text);
        g_free(qs[i].match);
        g_free(qs[i].filter[0]);
        g_free(qs[i].filter[1]);
    }
    g_free(qs);
}

/* ---- one search --------------------------------------------------------------------- */

/* The top 10, ranked by bm25(docs, 10.0, 1.0); ?1 the match, ?2 theme, ?3 region. */
static const char *const top_sql =
    "SELECT docs.rowid, meta.id, snippet(docs, 1, '<b>', '</b>', '\xe2\x80\xa6', 16)"
    " FROM docs JOIN meta ON meta.rowid = docs.rowid"
    " WHERE docs MATCH ?1 AND rank MATCH 'bm25(10.0, 1.0)'%s%s"
    " ORDER BY rank LIMIT 10";

/* The counts, in SQL: (facet, value, count) rows; the type rows' counts,
 * their NULL included, add up to the total.  %s: the theme and region
 * filters (or 1). */
static const char *const counts_sql =
    "WITH m(rowid, type, year, ok_theme, ok_region) AS MATERIALIZED ("
    "  SELECT docs.rowid, meta.type, meta.year, %s, %s"
    "  FROM docs JOIN meta ON meta.rowid = docs.rowid WHERE docs MATCH ?1)"
    " SELECT 0, type, count(*) FROM m WHERE ok_theme AND ok_region GROUP BY type"
    " UNION ALL SELECT 1, year, count(*) FROM m WHERE ok_theme AND ok_region AND year IS NOT NULL GROUP BY year"
    " UNION ALL SELECT 2, t.theme, count(*) FROM m JOIN doc_theme t ON t.rowid = m.rowid"
    "  WHERE ok_region GROUP BY t.theme"
    " UNION ALL SELECT 3, r.region, count(*) FROM m JOIN doc_region r ON r.rowid = m.rowid"
    "  WHERE ok_theme GROUP BY r.region";

typedef struct {
    long long total;
    int ntop;
    sqlite3_int64 top[TOP_N];
    size_t text_bytes;                  /* ids and snippets read */
    int nvalues;                        /* facet values with a count */
    GHashTable *counts;                 /* "facet=value" -> count, when checking; else NULL */
} answer;

/* One thread's connection and statements. */
typedef struct {
    sqlite3 *db;
    sqlite3_stmt *top[NCOMBOS];
    sqlite3_stmt *counts[NCOMBOS];
    sqlite3_stmt *rowids;
    const facet_arrays *fa;
    int *tally[NFACETS];
} searcher;

static char *filter_sql(int f, int param)
{
    char *cond = g_strdup_printf(facet_cond_sql[f], param);
    char *s = g_strconcat(" AND ", cond, NULL);
    g_free(cond);
    return s;
}

static sqlite3 *open_reader(const char *db_path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE,
                        NULL) != SQLITE_OK)
        die_db(db, db_path);
    char *pragmas = g_strdup_printf("PRAGMA cache_size = -%d; PRAGMA mmap_size = %lld;"
                                    " PRAGMA temp_store = MEMORY;", CACHE_KIB, (long long)MMAP_BYTES);
    exec_sql(db, pragmas);
    g_free(pragmas);
    return db;
}

static void searcher_open(searcher *s, const char *db_path, const facet_arrays *fa)
{
    s->db = open_reader(db_path);
    s->fa = fa;
    for (int c = 0; c < NCOMBOS; c++) {
        char *ft = c & HAS_THEME ? filter_sql(F_THEME, 2) : g_strdup("");
        char *fr = c & HAS_REGION ? filter_sql(F_REGION, 3) : g_strdup("");
        char *sql = g_strdup_printf(top_sql, ft, fr);
        s->top[c] = prepare(s->db, sql);
        g_free(sql);
        g_free(ft);
        g_free(fr);
        char *ct = c & HAS_THEME ? g_strdup_printf(facet_cond_sql[F_THEME], 2) : g_strdup("1");
        char *cr = c & HAS_REGION ? g_strdup_printf(facet_cond_sql[F_REGION], 3) : g_strdup("1");
        sql = g_strdup_printf(counts_sql, ct, cr);
        s->counts[c] = prepare(s->db, sql);
        g_free(sql);
        g_free(ct);
        g_free(cr);
    }
    s->rowids = prepare(s->db, "SELECT rowid FROM docs WHERE docs MATCH ?1");
    for (int f = 0; f < NFACETS; f++)
        s->tally[f] = g_new0(int, fa->names[f]->len);
}

static void searcher_close(searcher *s)
{
    for (int c = 0; c < NCOMBOS; c++) {
        if (sqlite3_finalize(s->top[c]) != SQLITE_OK || sqlite3_finalize(s->counts[c]) != SQLITE_OK)
            die_db(s->db, "finalize");
    }
    if (sqlite3_finalize(s->rowids) != SQLITE_OK)
        die_db(s->db, "finalize");
    if (sqlite3_close(s->db) != SQLITE_OK)
        die_db(s->db, "close");
    for (int f = 0; f < NFACETS; f++)
        g_free(s->tally[f]);
}

/* Binds ?1 the match and, as combo says, ?2 the theme and ?3 the region. */
static int bind_query(sqlite3_stmt *st, const query *q, int combo)
{
    int rc = sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && (combo & HAS_THEME))
        rc = sqlite3_bind_text(st, 2, q->filter[0], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && (combo & HAS_REGION))
        rc = sqlite3_bind_text(st, 3, q->filter[1], -1, SQLITE_STATIC);
    return rc;
}

/* Steps st to its end; row(st, a) for each row. */
static int run_stmt(sqlite3_stmt *st, void (*row)(sqlite3_stmt *, answer *), answer *a)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st, a);
    int rc_reset = sqlite3_reset(st);
    return rc == SQLITE_DONE ? rc_reset : rc;
}

static void top_row(sqlite3_stmt *st, answer *a)
{
    if (a->ntop < TOP_N)
        a->top[a->ntop++] = sqlite3_column_int64(st, 0);
    sqlite3_column_text(st, 1);
    sqlite3_column_text(st, 2);
    a->text_bytes += (size_t)sqlite3_column_bytes(st, 1) + (size_t)sqlite3_column_bytes(st, 2);
}

static void record(answer *a, int f, const char *value, long long n)
{
    a->nvalues++;
    if (a->counts != NULL)
        g_hash_table_insert(a->counts, g_strdup_printf("%s=%s", facet_name[f], value),
                            GINT_TO_POINTER((int)n));
}

static void count_row(sqlite3_stmt *st, answer *a)
{
    int f = sqlite3_column_int(st, 0);
    const char *value = (const char *)sqlite3_column_text(st, 1);
    long long n = sqlite3_column_int64(st, 2);
    if (f == F_TYPE)
        a->total += n;
    if (value != NULL && f >= 0 && f < NFACETS)
        record(a, f, value, n);
}

/* The answer to q in mode, its counts made the `way` way; 0 or an SQLite error. */
static int search(searcher *s, const query *q, int mode, int way, answer *a)
{
    a->total = 0;
    a->ntop = 0;
    a->text_bytes = 0;
    a->nvalues = 0;
    if (q->match == NULL)               /* no word: no match */
        return SQLITE_OK;
    int combo = mode == MODE_FACETS ? q->combo : 0;
    sqlite3_stmt *st = s->top[combo];
    int rc = bind_query(st, q, combo);
    if (rc == SQLITE_OK)
        rc = run_stmt(st, top_row, a);
    if (rc != SQLITE_OK)
        return rc;
    if (way == WAY_SQL) {
        st = s->counts[combo];
        rc = bind_query(st, q, combo);
        return rc == SQLITE_OK ? run_stmt(st, count_row, a) : rc;
    }

    /* fts5-c: the match set's rowids, counted here. */
    const facet_arrays *fa = s->fa;
    int want_theme = combo & HAS_THEME ? q->filter_ix[0] : NO_FILTER;
    int want_region = combo & HAS_REGION ? q->filter_ix[1] : NO_FILTER;
    for (int f = 0; f < NFACETS; f++)
        memset(s->tally[f], 0, fa->names[f]->len * sizeof(int));
    st = s->rowids;
    rc = sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 r = sqlite3_column_int64(st, 0);
        if (r < 0 || r >= fa->nrows)
            continue;
        int ok_theme = want_theme == NO_FILTER || doc_has(fa, F_THEME, r, want_theme);
        int ok_region = want_region == NO_FILTER || doc_has(fa, F_REGION, r, want_region);
        if (ok_theme && ok_region) {
            a->total++;
            for (int f = F_TYPE; f <= F_YEAR; f++)
                for (uint32_t i = fa->off[f][r]; i < fa->off[f][r + 1]; i++)
                    s->tally[f][fa->val[f][i]]++;
        }
        if (ok_region)
            for (uint32_t i = fa->off[F_THEME][r]; i < fa->off[F_THEME][r + 1]; i++)
                s->tally[F_THEME][fa->val[F_THEME][i]]++;
        if (ok_theme)
            for (uint32_t i = fa->off[F_REGION][r]; i < fa->off[F_REGION][r + 1]; i++)
                s->tally[F_REGION][fa->val[F_REGION][i]]++;
    }
    int rc_reset = sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return rc;
    if (rc_reset != SQLITE_OK)
        return rc_reset;
    for (int f = 0; f < NFACETS; f++)
        for (guint v = 0; v < fa->names[f]->len; v++)
            if (s->tally[f][v] > 0)
                record(a, f, g_ptr_array_index(fa->names[f], v), s->tally[f][v]);
    return SQLITE_OK;
}

/* ---- the check: counts against one SQL count per facet value ------------------------- */

static long long count_one(sqlite3 *db, const query *q, int f, const char *value)
{
    GString *sql = g_string_new("SELECT count(*) FROM docs JOIN meta ON meta.rowid = docs.rowid"
                                " WHERE docs MATCH ?1");
    for (int k = 0; k < 2; k++) {
        int kf = k == 0 ? F_THEME : F_REGION;
        if (q->filter[k] != NULL && kf != f) {       /* a facet's own filter does not count it */
            char *cond = filter_sql(kf, 2 + k);
            g_string_append(sql, cond);
            g_free(cond);
        }
    }
    if (f >= 0) {
        char *cond = filter_sql(f, 4);
        g_string_append(sql, cond);
        g_free(cond);
    }
    sqlite3_stmt *st = prepare(db, sql->str);
    int rc = sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    for (int k = 0; k < 2 && rc == SQLITE_OK; k++)
        if (q->filter[k] != NULL && (k == 0 ? F_THEME : F_REGION) != f)
            rc = sqlite3_bind_text(st, 2 + k, q->filter[k], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && f >= 0)
        rc = sqlite3_bind_text(st, 4, value, -1, SQLITE_STATIC);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
        die_db(db, sql->str);
    long long n = sqlite3_column_int64(st, 0);
    if (sqlite3_finalize(st) != SQLITE_OK)
        die_db(db, sql->str);
    g_string_free(sql, TRUE);
    return n;
}

static int same_counts(GHashTable *a, GHashTable *b)
{
    if (g_hash_table_size(a) != g_hash_table_size(b))
        return 0;
    GHashTableIter it;
    gpointer k, v, w;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &k, &v))
        if (!g_hash_table_lookup_extended(b, k, NULL, &w) || w != v)
            return 0;
    return 1;
}

static int by_key(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void print_counts(long long total, GHashTable *counts)
{
    guint n;
    gpointer *keys = g_hash_table_get_keys_as_array(counts, &n);
    qsort(keys, n, sizeof *keys, by_key);
    fprintf(stderr, "    total %lld:", total);
    for (guint i = 0; i < n; i++)
        fprintf(stderr, " %s:%d", (const char *)keys[i], GPOINTER_TO_INT(g_hash_table_lookup(counts, keys[i])));
    fputc('\n', stderr);
    g_free(keys);
}

/* Facets mode, the first CHECK_QUERIES queries: both ways' total and counts
 * against the brute force; dies on a difference. */
static void check_counts(const char *db_path, const facet_arrays *fa, const query *qs, int nq)
{
    searcher s;
    searcher_open(&s, db_path, fa);
    for (int i = 0; i < nq && i < CHECK_QUERIES; i++) {
        const query *q = &qs[i];
        fprintf(stderr, "fts5 check, facets mode, q=\"%s\" theme=%s region=%s:\n", q->text,
                q->filter[0] ? q->filter[0] : "-", q->filter[1] ? q->filter[1] : "-");
        if (q->match == NULL) {
            fprintf(stderr, "    no word, skipped\n");
            continue;
        }
        GHashTable *brute = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        long long brute_total = count_one(s.db, q, -1, NULL);
        for (int f = 0; f < NFACETS; f++)
            for (guint v = 0; v < fa->names[f]->len; v++) {
                const char *name = g_ptr_array_index(fa->names[f], v);
                long long n = count_one(s.db, q, f, name);
                if (n > 0)
                    g_hash_table_insert(brute, g_strdup_printf("%s=%s", facet_name[f], name),
                                        GINT_TO_POINTER((int)n));
            }
        for (int way = 0; way < NWAYS; way++) {
            answer a = { .counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
            if (search(&s, q, MODE_FACETS, way, &a) != SQLITE_OK)
                die_db(s.db, q->text);
            if (way == WAY_SQL)
                print_counts(a.total, a.counts);
            if (a.total != brute_total || !same_counts(a.counts, brute) || a.ntop != MIN(brute_total, TOP_N)) {
                fprintf(stderr, "  %s differs from the brute force (top %d):\n", way_label[way], a.ntop);
                print_counts(a.total, a.counts);
                print_counts(brute_total, brute);
                die("check failed");
            }
            g_hash_table_destroy(a.counts);
        }
        fprintf(stderr, "    fts5 and fts5-c: total and %u facet counts equal to the brute force's\n",
                g_hash_table_size(brute));
        g_hash_table_destroy(brute);
    }
    searcher_close(&s);
}

/* ---- the timed runs --------------------------------------------------------------------- */

static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            kb = atol(line + n + 1);
    fclose(f);
    return kb;
}

typedef struct {
    const char *db_path;
    const facet_arrays *fa;
    const query *qs;
    int nq, mode, way, nthreads;
    double duration, t0;
    pthread_barrier_t start;
    atomic_int finished;                /* workers done searching */
    long peak_anon_kb, peak_file_kb;    /* RssAnon, RssFile during the timed runs */
} run;

typedef struct {
    run *run;
    int index;
    GArray *ms;                         /* latencies */
    long errors;
    double end;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    run *r = w->run;
    searcher s;
    searcher_open(&s, r->db_path, r->fa);
    answer a = { 0 };
    int i = (int)((long long)w->index * r->nq / r->nthreads);
    int rc = pthread_barrier_wait(&r->start);
    if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD)
        die("pthread_barrier_wait: %s", strerror(rc));
    double deadline = r->t0 + r->duration, t;
    while ((t = now_s()) < deadline) {
        if (search(&s, &r->qs[i], r->mode, r->way, &a) != SQLITE_OK)
            w->errors++;
        double ms = (now_s() - t) * 1000.0;
        g_array_append_val(w->ms, ms);
        i = (i + 1) % r->nq;
    }
    w->end = now_s();
    atomic_fetch_add(&r->finished, 1);
    searcher_close(&s);
    return NULL;
}

static int by_double(gconstpointer x, gconstpointer y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The p-th percentile (nearest rank) of sorted v[0..n-1]. */
static double percentile(const double *v, guint n, double p)
{
    if (n == 0)
        return 0;
    guint k = (guint)(p * n + 0.999999);
    return v[k > 0 ? k - 1 : 0];
}

static void timed_run(run *r)
{
    pthread_t *tid = g_new(pthread_t, r->nthreads);
    worker *w = g_new0(worker, r->nthreads);
    atomic_store(&r->finished, 0);
    int rc = pthread_barrier_init(&r->start, NULL, (unsigned)r->nthreads + 1);
    if (rc != 0)
        die("pthread_barrier_init: %s", strerror(rc));
    for (int i = 0; i < r->nthreads; i++) {
        w[i] = (worker){ .run = r, .index = i, .ms = g_array_sized_new(FALSE, FALSE, sizeof(double), 1 << 16) };
        if ((rc = pthread_create(&tid[i], NULL, work, &w[i])) != 0)
            die("pthread_create: %s", strerror(rc));
    }
    r->t0 = now_s();                    /* read by the workers after the barrier */
    rc = pthread_barrier_wait(&r->start);
    if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD)
        die("pthread_barrier_wait: %s", strerror(rc));
    /* The memory while the connections are open, every 100 ms. */
    while (atomic_load(&r->finished) < r->nthreads) {
        r->peak_anon_kb = MAX(r->peak_anon_kb, status_kb("RssAnon"));
        r->peak_file_kb = MAX(r->peak_file_kb, status_kb("RssFile"));
        nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
    }
    GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
    long errors = 0;
    double end = r->t0;
    for (int i = 0; i < r->nthreads; i++) {
        if ((rc = pthread_join(tid[i], NULL)) != 0)
            die("pthread_join: %s", strerror(rc));
        g_array_append_vals(all, w[i].ms->data, w[i].ms->len);
        errors += w[i].errors;
        end = MAX(end, w[i].end);
        g_array_free(w[i].ms, TRUE);
    }
    pthread_barrier_destroy(&r->start);
    g_array_sort(all, by_double);
    const double *v = (const double *)(void *)all->data;
    printf("%s %s %d %.1f %.2f %.2f %ld\n", way_label[r->way], mode_name[r->mode], r->nthreads,
           all->len / (end - r->t0), percentile(v, all->len, 0.50), percentile(v, all->len, 0.99), errors);
    fflush(stdout);
    g_array_free(all, TRUE);
    g_free(w);
    g_free(tid);
}

/* The warm-up pass stops after this long. */
#define WARM_UP_SECONDS 30.0

static void warm_up(const char *db_path, const facet_arrays *fa, const query *qs, int nq, int mode, int way)
{
    searcher s;
    searcher_open(&s, db_path, fa);
    answer a = { 0 };
    long errors = 0;
    double t0 = now_s();
    int i = 0;
    /* at most WARM_UP_SECONDS: on long texts snippet() can take a second */
    for (; i < nq && now_s() - t0 < WARM_UP_SECONDS; i++)
        if (search(&s, &qs[i], mode, way, &a) != SQLITE_OK)
            errors++;
    fprintf(stderr, "fts5: warm-up %s %s: %d of %d queries in %.2f s, %ld errors\n", way_label[way],
            mode_name[mode], i, nq, now_s() - t0, errors);
    searcher_close(&s);
}

int main(int argc, char **argv)
{
    if (argc != 6)
        die("usage: peer-fts5 DOCS.jsonl QUERIES.tsv WORKDIR DURATION \"CONNS...\"");
    const char *docs_path = argv[1], *queries_path = argv[2], *workdir = argv[3];
    char *end;
    double duration = strtod(argv[4], &end);
    if (*end != '\0' || !(duration > 0))
        die("DURATION: %s is not a positive number of seconds", argv[4]);
    char **conn_words = g_strsplit_set(argv[5], " \t,", -1);
    GArray *conns = g_array_new(FALSE, FALSE, sizeof(int));
    for (char **c = conn_words; *c != NULL; c++) {
        if (**c == '\0')
            continue;
        long n = strtol(*c, &end, 10);
        if (*end != '\0' || n < 1 || n > 1024)
            die("CONNS: %s is not a number of connections", *c);
        int n32 = (int)n;
        g_array_append_val(conns, n32);
    }
    g_strfreev(conn_words);
    if (conns->len == 0)
        die("CONNS: no number of connections");
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK)
        die("sqlite3_config/initialize failed");
    if (sqlite3_threadsafe() == 0)
        die("this libsqlite3 is built without threads");
    if (g_mkdir_with_parents(workdir, 0755) != 0)
        die("%s: %s", workdir, strerror(errno));

    char *db_path = ensure_index(docs_path, workdir);
    sqlite3 *db = open_reader(db_path);
    long long mmap_bytes = pragma_int(db, "mmap_size");
    facet_arrays fa;
    double t0 = now_s();
    load_facets(db, &fa);
    fprintf(stderr, "fts5: facet arrays (fts5-c) loaded in %.2f s: %zu KiB for %lld documents,"
            " %u themes, %u regions, %u types, %u years\n", now_s() - t0, fa.bytes / 1024,
            (long long)fa.nrows - 1, fa.names[F_THEME]->len, fa.names[F_REGION]->len, fa.names[F_TYPE]->len,
            fa.names[F_YEAR]->len);
    if (sqlite3_close(db) != SQLITE_OK)
        die_db(db, "close");
    int nq;
    query *qs = load_queries(queries_path, &fa, &nq);

    check_counts(db_path, &fa, qs, nq);

    run r = { .db_path = db_path, .fa = &fa, .qs = qs, .nq = nq, .duration = duration };
    for (r.way = 0; r.way < NWAYS; r.way++)
        for (r.mode = 0; r.mode < NMODES; r.mode++) {
            warm_up(db_path, &fa, qs, nq, r.mode, r.way);
            for (guint c = 0; c < conns->len; c++) {
                r.nthreads = g_array_index(conns, int, c);
                timed_run(&r);
            }
        }

    struct stat sb;
    if (stat(db_path, &sb) != 0)
        die("%s: %s", db_path, strerror(errno));
    printf("fts5 memory %ld %ld\n", status_kb("VmRSS"), status_kb("VmHWM"));
    fprintf(stderr, "fts5: during the timed runs, RssAnon peaked at %ld kB and RssFile at %ld kB (each connection"
            " maps the index itself: a page of it counts once per connection that touched it)\n",
            r.peak_anon_kb, r.peak_file_kb);
    printf("fts5 index-size %.1f\n", (double)sb.st_size / (1024.0 * 1024.0));
    printf("fts5 setup SQLite %s FTS5 in process, %d queries;"
           " fts5(title, body, tokenize='unicode61 remove_diacritics 2'), no French stemmer in FTS5;"
           " words quoted and ANDed; top 10 by bm25(docs, 10.0, 1.0) via ORDER BY rank, snippet(docs, 1, ..., 16)"
           " for those 10 only; filters: EXISTS on WITHOUT ROWID (rowid, value) tables;"
           " per thread one connection: read-only, NOMUTEX, private cache, cache_size %d KiB, mmap_size %lld,"
           " temp_store memory; memstatus off;"
           " fts5: counts in SQL (match set materialized once per query, GROUP BY per facet, UNION ALL);"
           " fts5-c: match rowids counted in C against facet arrays loaded at start (%zu KiB);"
           " index optimized (one segment), analyzed, vacuumed;"
           " memory during the timed runs: peak RssAnon %ld kB, RssFile %ld kB (the index mapped once per connection)\n",
           sqlite3_libversion(), nq, CACHE_KIB, mmap_bytes, fa.bytes / 1024, r.peak_anon_kb, r.peak_file_kb);
    free_queries(qs, nq);
    free_facets(&fa);
    g_array_free(conns, TRUE);
    g_free(db_path);
    if (sqlite3_shutdown() != SQLITE_OK)
        die("sqlite3_shutdown failed");
    return 0;
}
