/* explain.c - tags of one file, with evidence (explain.h). */
#include "explain.h"
#include "catalogue.h"
#include "detect.h"
#include "sandbox.h"
#include "schema.h"
#include "skos_guard.h"
#include "tag.h"
#include "xapian-c/xapian_c.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    docmeta *result;
    verr failure;
    gboolean done;
} one_file;

static void on_done(void *job, docmeta *result, const verr *failure, void *ud)
{
    one_file *f = ud;
    (void)job;
    f->result = result;
    if (failure != NULL)
        f->failure = *failure;
    f->done = TRUE;
}

static vocab *stored_vocab(const char *db_path, verr *err)
{
    xap_db *db = xap_db_open(db_path, err);
    char *json = NULL;
    vocab *v = NULL;
    if (db != NULL && xap_db_get_metadata(db, META_THESAURUS, &json, err) == 0) {
        if (*json == '\0')
            verr_set(err, VERR_NOTFOUND, "explain", "l'index %s ne contient pas de thésaurus",
                     db_path);
        else
            v = vocab_from_json(json, -1, err);
    }
    free(json);
    xap_db_free(db);
    return v;
}

static void print_tags(const docmeta *m, FILE *out)
{
    static const struct { const char *facet, *label; } facets[] = {
        { "theme", "Thèmes" }, { "region", "Régions" }, { "department", "Départements" },
        { "town", "Communes" },
    };
    for (size_t f = 0; f < G_N_ELEMENTS(facets); f++) {
        fprintf(out, "%s :\n", facets[f].label);
        guint n = 0;
        for (guint i = 0; i < m->tags->len; i++) {
            const docmeta_tag *t = g_ptr_array_index(m->tags, i);
            if (strcmp(t->facet, facets[f].facet) != 0)
                continue;
            const char *source = strcmp(t->source, "manual") == 0 ? "catalogue"
                                 : strcmp(t->source, "auto") == 0 ? "automatique"
                                                                  : "catalogue et automatique";
            fprintf(out, "  %-34s score %5.1f  (%s)\n", t->label, t->score, source);
            if (t->evidence != NULL && *t->evidence != '\0')
                fprintf(out, "      %s\n", t->evidence);
            n++;
        }
        if (n == 0)
            fprintf(out, "  (aucun)\n");
    }
}

int explain_file(const char *path, const char *thesaurus, const char *catalogue_path,
                 const char *db, FILE *out, verr *err)
{
    sandbox_limits lim = { 1, 30, 1024 };
    sandbox *sb = NULL;
    vocab *v = NULL;
    tagger *t = NULL;
    catalogue *cat = catalogue_new();
    GPtrArray *notes = g_ptr_array_new_with_free_func(g_free);
    char *abs = g_canonicalize_filename(path, NULL);
    one_file f = { 0 };
    int rc = -1;

    if (thesaurus != NULL && (v = skos_guard_load_dir(thesaurus, err)) == NULL) {
        fprintf(out, "Thésaurus refusé (%s) : vocabulaire de l'index utilisé.\n", err->msg);
        thesaurus = NULL;
    }
    if (v == NULL)
        v = stored_vocab(db, err);
    if (v == NULL || detect_init(err) != 0)
        goto cleanup;
    t = tagger_new(v);
    char *dir = g_path_get_dirname(abs);
    char *beside = g_build_filename(dir, "catalogue.csv", NULL);
    const char *csv = catalogue_path != NULL ? catalogue_path
                      : g_file_test(beside, G_FILE_TEST_IS_REGULAR) ? beside : NULL;
    if (csv != NULL && catalogue_load(cat, csv, notes, err) != 0) {
        g_free(beside);
        g_free(dir);
        goto cleanup;
    }
    g_free(beside);
    g_free(dir);

    sb = sandbox_new(&lim);
    if (sandbox_start(sb, abs, NULL, err) != 0)
        goto cleanup;
    while (!f.done)
        sandbox_collect(sb, 1000, on_done, &f);
    if (f.result == NULL) {
        *err = f.failure;
        goto cleanup;
    }
    docmeta_set(&f.result->path, abs);
    const catalogue_entry *e = catalogue_lookup(cat, abs);
    if (e != NULL)
        catalogue_apply(e, f.result);
    tagger_apply(t, f.result, TRUE, notes);
    fprintf(out, "Fichier : %s\nTitre : %s\nThésaurus : %s (%u concepts)\n", abs,
            f.result->title != NULL ? f.result->title : "(sans titre)",
            thesaurus != NULL ? thesaurus : "celui de l'index", vocab_size(v));
    if (e != NULL)
        fprintf(out, "Catalogue : ligne %u\n", e->line);
    print_tags(f.result, out);
    for (guint i = 0; i < notes->len; i++)
        fprintf(out, "Note : %s\n", (char *)g_ptr_array_index(notes, i));
    rc = 0;
cleanup:
    docmeta_free(f.result);
    sandbox_free(sb);
    tagger_free(t);
    vocab_free(v);
    catalogue_free(cat);
    g_ptr_array_unref(notes);
    g_free(abs);
    return rc;
}
