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
#include "datadir.h"
#include "explain.h"
#include "inspect.h"
#include "run.h"
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

int main(int argc, char **argv)
{
    char *db = NULL, *catalogue = NULL, *show = NULL, *thesaurus = NULL, *explain = NULL;
    int jobs = 0, timeout = 30, memory = 1024, batch = 200, lock_wait = 60;
    gboolean prune = FALSE, strict = FALSE, quiet = FALSE, stats = FALSE, list = FALSE;
    gboolean version = FALSE, no_tagging = FALSE, json = FALSE, apply = FALSE;
    char **inputs = NULL;
    GOptionEntry entries[] = {
        { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, "Dossier de l'index (défaut : $VEILLE_DB ou "
          DEFAULT_DB ")", "DIR" },
        { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Extractions en parallèle (défaut : nombre de "
          "cœurs)", "N" },
        { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Temps maximal par fichier, en secondes "
          "(défaut : 30)", "S" },
        { "memory", 0, 0, G_OPTION_ARG_INT, &memory, "Mémoire maximale par extraction, en Mo "
          "(défaut : 1024)", "MB" },
        { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Documents par validation (défaut : 200)", "N" },
        { "catalogue", 'c', 0, G_OPTION_ARG_FILENAME, &catalogue, "Catalogue CSV du "
          "documentaliste", "FILE.csv" },
        { "thesaurus", 't', 0, G_OPTION_ARG_FILENAME, &thesaurus, "Dossier du thésaurus SKOS "
          "(défaut : $VEILLE_THESAURUS, ./thesaurus, puis " VEILLE_DATADIR "/thesaurus)", "DIR" },
        { "no-tagging", 0, 0, G_OPTION_ARG_NONE, &no_tagging, "Pas d'étiquetage automatique "
          "(valeurs du catalogue seulement)", NULL },
        { "explain", 0, 0, G_OPTION_ARG_FILENAME, &explain, "Montrer les étiquettes d'un "
          "fichier et leurs raisons, sans écrire l'index", "FILE" },
        { "prune", 0, 0, G_OPTION_ARG_NONE, &prune, "Retirer de l'index les documents dont le "
          "fichier a disparu", NULL },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Code de sortie 2 si un fichier échoue",
          NULL },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Pas de barre de progression", NULL },
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Bilan en JSON sur la sortie standard (pour "
          "les programmes)", NULL },
        { "lock-wait", 0, 0, G_OPTION_ARG_INT, &lock_wait, "Attente maximale quand une autre "
          "écriture tient l'index, en secondes (défaut : 60)", "S" },
        { "apply-pending", 0, 0, G_OPTION_ARG_NONE, &apply, "Appliquer les corrections, "
          "suppressions et dépôts en attente du documentaliste, puis s'arrêter", NULL },
        { "stats", 0, 0, G_OPTION_ARG_NONE, &stats, "Afficher le contenu de l'index", NULL },
        { "list", 0, 0, G_OPTION_ARG_NONE, &list, "Lister les documents indexés", NULL },
        { "show", 0, 0, G_OPTION_ARG_FILENAME, &show, "Afficher un document (id ou chemin)",
          "ID|PATH" },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Version", NULL },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "PATH..." },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("CHEMIN... — indexer des documents");
    GError *gerr = NULL;
    verr err;
    int status = 1;

    verr_clear(&err);
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_summary(ctx, "Indexe rapports, guides, comptes rendus (PDF, texte, HTML, "
                                      "ODT, DOCX) dans un index Xapian pour veille-searchd.");
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        fprintf(stderr, "veille-index : %s\n", gerr->message);
        goto cleanup;
    }
    if (version) {
        printf("veille-index 0.1 (Xapian %s)\n", xap_version());
        status = 0;
        goto cleanup;
    }
    if (db == NULL)
        db = g_strdup(getenv("VEILLE_DB") != NULL ? getenv("VEILLE_DB") : DEFAULT_DB);
    if (thesaurus == NULL)
        thesaurus = default_thesaurus();
    if (explain != NULL) {
        int rc = explain_file(explain, thesaurus, catalogue, db, stdout, &err);
        if (rc != 0)
            fprintf(stderr, "veille-index : %s\n", err.msg);
        status = rc == 0 ? 0 : 1;
        goto cleanup;
    }
    if (apply) {
        int rc = apply_run(db, lock_wait >= 0 ? (unsigned)lock_wait : 0, json, stdout, &err);
        if (rc != 0)
            fprintf(stderr, "veille-index : demandes en attente non appliquées : %s\n", err.msg);
        status = rc == 0 ? 0 : err.code == VERR_LOCKED ? 75 : 1;
        goto cleanup;
    }
    if (stats || list || show != NULL) {
        int rc = stats ? inspect_stats(db, stdout, &err)
                       : list ? inspect_list(db, stdout, &err) : inspect_show(db, show, stdout, &err);
        if (rc != 0)
            fprintf(stderr, "veille-index : %s\n", err.msg);
        status = rc == 0 ? 0 : 1;
        goto cleanup;
    }
    if (inputs == NULL || inputs[0] == NULL) {
        fprintf(stderr, "veille-index : aucun fichier ni dossier à indexer\n"
                        "Usage : veille-index [--db DIR] CHEMIN...  (voir --help)\n");
        goto cleanup;
    }
    if (jobs < 0 || timeout <= 0 || memory < 64 || batch <= 0 || lock_wait < 0 ||
        lock_wait > 86400) {
        fprintf(stderr, "veille-index : --jobs, --timeout, --batch doivent être positifs, "
                        "--memory au moins 64, --lock-wait de 0 à 86400\n");
        goto cleanup;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    run_options opt = { db, (const char *const *)inputs, catalogue, thesaurus, no_tagging,
                        jobs > 0 ? (unsigned)jobs : default_jobs(), (unsigned)timeout,
                        (unsigned)memory, (unsigned)batch, prune, quiet || json,
                        (unsigned)lock_wait };
    run_summary sum;
    run_summary_init(&sum);
    if (run_index(&opt, &sum, &err) != 0) {
        fprintf(stderr, "veille-index : index non écrit : %s\n", err.msg);
        status = err.code == VERR_LOCKED ? 75 : 1;
    } else {
        if (json) {
            char *out = run_summary_json(&sum);
            printf("%s\n", out);
            g_free(out);
        } else {
            run_summary_print(&sum, stdout);
        }
        if (sum.interrupted)
            status = 130;
        else if (strict && (sum.failed > 0 || sum.notes->len > 0))
            status = 2;
        else
            status = 0;
    }
    run_summary_clear(&sum);
cleanup:
    g_clear_error(&gerr);
    g_option_context_free(ctx);
    g_strfreev(inputs);
    g_free(db);
    g_free(catalogue);
    g_free(show);
    g_free(thesaurus);
    g_free(explain);
    return status;
}
