/* run.h - one indexing run: walk, decide what changed, extract in the
 * sandbox, write the index in committed batches, prune, summarise.
 *
 * Every write is idempotent (replace_document on the Q id term), and the
 * index is committed every `batch` documents and every few seconds, so a
 * run killed at any point leaves an index that opens, holds every
 * committed document, and lets the next run finish the rest. */
#ifndef VEILLE_RUN_H
#define VEILLE_RUN_H

#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include "verr.h"

typedef struct {
    const char *db_path;
    const char *const *inputs;   /* files and folders, NULL-terminated */
    const char *catalogue;       /* explicit --catalogue, or NULL */
    const char *thesaurus;       /* SKOS folder, or NULL: the index's stored vocabulary */
    gboolean no_tagging;         /* no automatic tagging (catalogue values only) */
    unsigned jobs;
    unsigned timeout_s;
    unsigned mem_mb;
    unsigned batch;              /* documents per commit */
    gboolean prune;
    gboolean quiet;              /* no progress output */
    unsigned lock_wait_s;        /* how long to wait while another writer holds the index */
    unsigned commit_every_s;     /* commit at least this often, whatever the batch (>= 1) */
} run_options;

typedef struct {
    char *path;
    char *reason;
} run_problem;

typedef struct {
    guint walked;
    guint added, updated, unchanged, moved, touched, removed;
    guint duplicates;           /* files found to be copies of a document (copies.h) */
    guint ocr_documents, ocr_pages; /* documents with pages read by OCR, and those pages */
    guint ocr_skipped;          /* scanned pages left unread (OCR off or out of time) */
    guint failed, failed_before, skipped;
    GPtrArray *failures;        /* of run_problem *: failed this run */
    GPtrArray *skips;           /* of run_problem *: unsupported types */
    GPtrArray *notes;           /* of char *: catalogue and walk problems */
    GPtrArray *requests;        /* of pending_outcome *: queued writes applied (apply.h) */
    double seconds;
    double cpu_extract;         /* CPU seconds of the extraction children */
    double cpu_index;           /* CPU seconds of the indexing process */
    gboolean interrupted;
} run_summary;

/* Set by the signal handler: stop launching work, commit, return. */
extern volatile sig_atomic_t run_stop_requested;

/* Runs; returns 0 when the index was written (per-file failures are in
 * summary), non-zero with err set when it could not be (locked, disk...). */
int run_index(const run_options *opt, run_summary *summary, verr *err);

void run_summary_init(run_summary *s);
void run_summary_clear(run_summary *s);
/* Appends {path, reason} to list (run_problem *). */
void run_summary_add_problem(GPtrArray *list, const char *path, const char *reason);
/* Prints the summary for a person (French) on out. */
void run_summary_print(const run_summary *s, FILE *out);
/* The summary as JSON (stored as META_LAST_RUN, printed by --json):
 * counts, then failures and skips ({path, reason}) and notes.  Caller
 * frees. */
char *run_summary_json(const run_summary *s);

#endif
