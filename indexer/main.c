/* main.c - veille-index: command-line options, then either an indexing
 * run (run.h) or a look at the index (inspect.h).
 *
 * Exit status: 0 done; 1 the index could not be written or read, or bad
 * usage; 2 with --strict when a file failed or a catalogue row was bad;
 * 75 (EX_TEMPFAIL) the index stayed locked by another writer for
 * --lock-wait seconds; 130 interrupted (SIGINT/SIGTERM) after a clean
 * commit.  With --json the summary on stdout is one JSON object
 * (run_summary_json; with --apply-pending, {"requests": [...]}: apply.h),
 * for programs. */
#include "apply.h"
#include "console.h"
#include "datadir.h"
#include "explain.h"
#include "extract.h"
#include "inspect.h"
#include "ocr.h"
#include "run.h"
#include "sandbox.h"
#include "shards.h"
#include "xapian-c/xapian_c.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DB "var/index"

static void on_signal(int sig)
{
    (void)sig;
    run_stop_requested = 1;
}

#ifndef VEILLE_DATADIR
#define VEILLE_DATADIR "/usr/local/share/veille"
#endif

/* The SKOS folder when none is named: $VEILLE_THESAURUS, ./thesaurus (a
 * source tree), the installed one; NULL, said on stderr, when none exists (the index's own
 * vocabulary is then used).  Caller frees. */
static char *default_thesaurus(void)
{
    const char *env = getenv("VEILLE_THESAURUS");
    if (env != NULL && *env != '\0')
        return g_strdup(env);
    if (g_file_test("thesaurus/themes.ttl", G_FILE_TEST_IS_REGULAR))
        return g_strdup("thesaurus");
    verr err;
    char *installed = datadir_find("thesaurus", &err);
    if (installed == NULL)
        fprintf(stderr, "veille-index : thésaurus installé introuvable, seul le vocabulaire déjà "
                        "dans l'index servira à l'étiquetage : %s\n", err.msg);
    return installed;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* What the command line asks. */
typedef struct {
    char *db, *catalogue, *show, *thesaurus, *explain, *new_shard;
    int jobs, timeout, memory, batch, lock_wait, ocr_timeout, commit_every;
    gboolean prune, strict, quiet, stats, list, version, no_tagging, json, apply, no_ocr;
    char **inputs;
} cli;

static void cli_clear(cli *o)
{
    g_free(o->db);
    g_free(o->catalogue);
    g_free(o->show);
    g_free(o->thesaurus);
    g_free(o->explain);
    g_free(o->new_shard);
    g_strfreev(o->inputs);
}

/* Parses the command line into o (defaults first); FALSE, said on
 * stderr, for a bad one. */
static gboolean read_options(int *argc, char ***argv, cli *o)
{
    *o = (cli){ .timeout = (int)sandbox_default_limits.timeout_s,
                .memory = (int)sandbox_default_limits.mem_mb, .batch = 200, .lock_wait = 60, .commit_every = 5,
                .ocr_timeout = (int)extract_default_options.ocr_file_s };
    GOptionEntry entries[] = {
        { "db", 'd', 0, G_OPTION_ARG_FILENAME, &o->db, "Dossier de l'index (défaut : $VEILLE_DB "
          "ou " DEFAULT_DB ")", "DIR" },
        { "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs, "Extractions en parallèle (défaut : nombre "
          "de cœurs)", "N" },
        { "timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout, "Temps maximal par fichier, en "
          "secondes (défaut : 30)", "S" },
        { "memory", 0, 0, G_OPTION_ARG_INT, &o->memory, "Mémoire maximale par extraction, en Mo "
          "(défaut : 1024)", "MB" },
        { "no-ocr", 0, 0, G_OPTION_ARG_NONE, &o->no_ocr, "Ne pas lire par OCR les pages "
          "numérisées (sans texte) des PDF", NULL },
        { "ocr-timeout", 0, 0, G_OPTION_ARG_INT, &o->ocr_timeout, "Temps d'OCR maximal par "
          "fichier, en secondes, en plus de --timeout (défaut : 120)", "S" },
        { "batch", 0, 0, G_OPTION_ARG_INT, &o->batch, "Documents par validation (défaut : 200)",
          "N" },
        { "commit-every", 0, 0, G_OPTION_ARG_INT, &o->commit_every, "Valider au moins toutes les "
          "S secondes (défaut : 5 ; davantage pour un premier chargement massif, avec --batch)",
          "S" },
        { "catalogue", 'c', 0, G_OPTION_ARG_FILENAME, &o->catalogue, "Catalogue CSV du "
          "documentaliste", "FILE.csv" },
        { "thesaurus", 't', 0, G_OPTION_ARG_FILENAME, &o->thesaurus, "Dossier du thésaurus SKOS "
          "(défaut : $VEILLE_THESAURUS, ./thesaurus, puis " VEILLE_DATADIR "/thesaurus)", "DIR" },
        { "no-tagging", 0, 0, G_OPTION_ARG_NONE, &o->no_tagging, "Pas d'étiquetage automatique "
          "(valeurs du catalogue seulement)", NULL },
        { "explain", 0, 0, G_OPTION_ARG_FILENAME, &o->explain, "Montrer les étiquettes d'un "
          "fichier et leurs raisons, sans écrire l'index", "FILE" },
        { "prune", 0, 0, G_OPTION_ARG_NONE, &o->prune, "Retirer de l'index les documents dont le "
          "fichier a disparu", NULL },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &o->strict, "Code de sortie 2 si un fichier échoue",
          NULL },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "Pas de barre de progression", NULL },
        { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, "Bilan en JSON sur la sortie standard (pour "
          "les programmes)", NULL },
        { "lock-wait", 0, 0, G_OPTION_ARG_INT, &o->lock_wait, "Attente maximale quand une autre "
          "écriture tient l'index, en secondes (défaut : 60)", "S" },
        { "apply-pending", 0, 0, G_OPTION_ARG_NONE, &o->apply, "Appliquer les corrections, "
          "suppressions et dépôts en attente du documentaliste, puis s'arrêter", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &o->stats, "Afficher le contenu de l'index", NULL },
        { "list", 0, 0, G_OPTION_ARG_NONE, &o->list, "Lister les documents indexés", NULL },
        { "show", 0, 0, G_OPTION_ARG_FILENAME, &o->show, "Afficher un document (id ou chemin)",
          "ID|PATH" },
        { "new-shard", 0, 0, G_OPTION_ARG_FILENAME, &o->new_shard, "Créer une partie d'index "
          "vide, pour qu'un xapian-tcpsrv la serve (voir DB.shards)", "DIR" },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &o->version, "Version", NULL },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs, NULL, "PATH..." },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("CHEMIN... — indexer des documents");
    GError *gerr = NULL;
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_summary(ctx, "Indexe rapports, guides, comptes rendus, présentations et "
                                      "tableaux (PDF, numérisés compris, texte, HTML, ODT, DOCX, "
                                      "DOC, RTF, ODP, PPTX, PPT, ODS, XLSX, XLS) dans un index "
                                      "Xapian pour veille-searchd.");
    gboolean ok = g_option_context_parse(ctx, argc, argv, &gerr);
    if (!ok)
        console_option_failed("veille-index : ", gerr);
    g_clear_error(&gerr);
    g_option_context_free(ctx);
    if (ok && o->db == NULL)
        o->db = g_strdup(getenv("VEILLE_DB") != NULL ? getenv("VEILLE_DB") : DEFAULT_DB);
    if (ok && o->thesaurus == NULL && !o->version && o->new_shard == NULL)
        o->thesaurus = default_thesaurus();
    if (ok && (o->timeout <= 0 || o->ocr_timeout < 0)) {
        fprintf(stderr, "veille-index : --timeout doit être positif, --ocr-timeout positif ou nul\n");
        ok = FALSE;
    }
    if (ok) { /* the extraction workers (--explain's and --apply-pending's too) get them */
        extract_options eo = extract_default_options;
        eo.ocr = !o->no_ocr && o->ocr_timeout > 0;
        eo.ocr_file_s = (unsigned)o->ocr_timeout;
        eo.ocr_page_s = MIN(eo.ocr_page_s, MAX(eo.ocr_file_s, 1u));
        eo.tool_s = MAX(1u, (unsigned)o->timeout * 2 / 3);
        extract_configure(&eo);
    }
    return ok;
}

/* --new-shard, --explain, --apply-pending, --stats, --list, --show: the
 * exit status. */
static int run_other_mode(const cli *o)
{
    verr err;
    int rc;
    verr_clear(&err);
    if (o->new_shard != NULL)
        rc = shard_create(o->new_shard, &err);
    else if (o->explain != NULL)
        rc = explain_file(o->explain, o->thesaurus, o->catalogue, o->db, stdout, &err);
    else if (o->apply)
        rc = apply_run(o->db, o->lock_wait >= 0 ? (unsigned)o->lock_wait : 0, o->json, stdout,
                       &err);
    else if (o->stats)
        rc = inspect_stats(o->db, stdout, &err);
    else if (o->list)
        rc = inspect_list(o->db, stdout, &err);
    else
        rc = inspect_show(o->db, o->show, stdout, &err);
    if (rc == 0)
        return 0;
    fprintf(stderr, "veille-index : %s%s\n", o->apply ? "demandes en attente non appliquées : "
                                                      : "", err.msg);
    return o->apply && err.code == VERR_LOCKED ? 75 : 1;
}

/* An indexing run of o->inputs: the exit status. */
static int run_indexing(const cli *o)
{
    if (o->jobs < 0 || o->timeout <= 0 || o->memory < 64 || o->batch <= 0 || o->lock_wait < 0 ||
        o->lock_wait > 86400 || o->commit_every < 1 || o->commit_every > 3600) {
        fprintf(stderr, "veille-index : --jobs, --timeout, --batch doivent être positifs, "
                        "--memory au moins 64, --lock-wait de 0 à 86400, --commit-every de 1 à "
                        "3600\n");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    run_options opt = { o->db, (const char *const *)o->inputs, o->catalogue, o->thesaurus,
                        o->no_tagging, o->jobs > 0 ? (unsigned)o->jobs : default_jobs(),
                        (unsigned)o->timeout, (unsigned)o->memory, (unsigned)o->batch, o->prune,
                        o->quiet || o->json, (unsigned)o->lock_wait, (unsigned)o->commit_every };
    run_summary sum;
    verr err;
    int status;
    run_summary_init(&sum);
    if (run_index(&opt, &sum, &err) != 0) {
        fprintf(stderr, "veille-index : index non écrit : %s\n", err.msg);
        status = err.code == VERR_LOCKED ? 75 : 1;
    } else {
        if (o->json) {
            char *out = run_summary_json(&sum);
            printf("%s\n", out);
            g_free(out);
        } else {
            run_summary_print(&sum, stdout);
        }
        status = sum.interrupted ? 130
                 : o->strict && (sum.failed > 0 || sum.notes->len > 0) ? 2 : 0;
    }
    run_summary_clear(&sum);
    return status;
}

int main(int argc, char **argv)
{
    cli o;
    int status = 1;
    console_print_utf8();
    ocr_restart_single_threaded(argv);
    if (!read_options(&argc, &argv, &o)) {
        /* said */
    } else if (o.version) {
        printf("veille-index 0.1 (Xapian %s)\n", xap_version());
        status = 0;
    } else if (o.explain != NULL || o.apply || o.stats || o.list || o.show != NULL ||
               o.new_shard != NULL) {
        status = run_other_mode(&o);
    } else if (o.inputs == NULL || o.inputs[0] == NULL) {
        fprintf(stderr, "veille-index : aucun fichier ni dossier à indexer\n"
                        "Usage : veille-index [--db DIR] CHEMIN...  (voir --help)\n");
    } else {
        status = run_indexing(&o);
    }
    cli_clear(&o);
    return status;
}
