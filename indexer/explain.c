/* explain.c - tags of one file, with evidence (explain.h). */
#include "explain.h"
#include "catalogue.h"
#include "detect.h"
#include "facet.h"
#include "prepare.h"
#include "sandbox.h"
#include "skos_guard.h"
#include "tag.h"
#include "title.h"
#include "vocab_store.h"
#include "xapian-c/xapian_c.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void print_tags(const docmeta *m, FILE *out)
{
    for (facet_id f = 0; f < FACET_COUNT; f++) {
        const facet_def *def = facet_get(f);
        if (!def->tagged)
            continue;
        fprintf(out, "%s :\n", def->label_fr);
        guint n = 0;
        for (guint i = 0; i < m->tags->len; i++) {
            const docmeta_tag *t = g_ptr_array_index(m->tags, i);
            if (strcmp(t->facet, def->name) != 0)
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

/* How each place name of m was understood, and what did not count
 * (tagger_apply_traced on a copy: m keeps the tags prepare gave it). */
static void print_places(const tagger *t, const docmeta *m, FILE *out)
{
    char *json = docmeta_to_json(m, 0);
    docmeta *copy = docmeta_from_json(json, -1, NULL);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    if (copy != NULL) {
        docmeta_set(&copy->text, m->text);
        tagger_apply_traced(t, copy, TRUE, NULL, trace);
    }
    fprintf(out, "Lieux lus (titre, métadonnées, début : 25 premières lignes, texte) :\n");
    for (guint i = 0; i < trace->len; i++)
        fprintf(out, "  %s\n", (const char *)g_ptr_array_index(trace, i));
    if (trace->len == 0)
        fprintf(out, "  (aucun)\n");
    g_ptr_array_unref(trace);
    docmeta_free(copy);
    g_free(json);
}

/* The catalogue that describes abs: csv_path, else the catalogue.csv
 * beside the file if there is one; 0 or -1 with err. */
static int load_catalogue(catalogue *cat, const char *abs, const char *csv_path,
                          GPtrArray *notes, verr *err)
{
    char *dir = g_path_get_dirname(abs);
    char *beside = g_build_filename(dir, "catalogue.csv", NULL);
    const char *csv = csv_path != NULL ? csv_path
                      : g_file_test(beside, G_FILE_TEST_IS_REGULAR) ? beside : NULL;
    int rc = csv != NULL ? catalogue_load(cat, csv, notes, err) : 0;
    g_free(beside);
    g_free(dir);
    return rc;
}

int explain_file(const char *path, const char *thesaurus, const char *catalogue_path,
                 const char *db_path, FILE *out, verr *err)
{
    xap_db *db = xap_db_open(db_path, NULL); /* none yet: no stored vocabulary or correction */
    vocab *v = NULL;
    tagger *t = NULL;
    catalogue *cat = catalogue_new();
    GPtrArray *notes = g_ptr_array_new_with_free_func(g_free);
    char *abs = g_canonicalize_filename(path, NULL);
    docmeta *m = NULL;
    struct stat st;
    int rc = -1;

    if (thesaurus != NULL && (v = skos_guard_load_dir(thesaurus, err)) == NULL) {
        fprintf(out, "Thésaurus refusé (%s) : vocabulaire de l'index utilisé.\n", err->msg);
        thesaurus = NULL;
    }
    if (v == NULL && db != NULL && (v = vocab_store_load(db, err)) == NULL && err->code == VERR_OK)
        verr_set(err, VERR_NOTFOUND, "explain", "l'index %s ne contient pas de thésaurus", db_path);
    else if (v == NULL && db == NULL)
        verr_set(err, VERR_NOTFOUND, "explain", "pas de thésaurus : ni --thesaurus, ni index %s",
                 db_path);
    if (v == NULL || detect_init(err) != 0 ||
        load_catalogue(cat, abs, catalogue_path, notes, err) != 0 ||
        (m = sandbox_extract_one(abs, &sandbox_default_limits, err)) == NULL)
        goto cleanup;
    t = tagger_new(v);
    if (stat(abs, &st) == 0)
        prepare_set_file(m, abs, st.st_size, st.st_mtime);
    else
        prepare_set_file(m, abs, 0, 0);
    const catalogue_entry *e = catalogue_lookup(cat, abs);
    if (prepare_document(db, m, e, NULL, t, notes, err) != 0)
        goto cleanup;
    fprintf(out, "Fichier : %s\nTitre : %s\nTitre tiré de : %s\nThésaurus : %s (%u concepts)\n",
            abs, m->title != NULL ? m->title : "(sans titre)", title_source_label(m->title_source),
            thesaurus != NULL ? thesaurus : "celui de l'index", vocab_size(v));
    fprintf(out, "Date : %s\n", m->date != NULL ? m->date : "(aucune)");
    if (m->source_url != NULL)
        fprintf(out, "Adresse d'origine : %s\n", m->source_url);
    if (e != NULL)
        fprintf(out, "Catalogue : ligne %u\n", e->line);
    if (m->manual->len > 0 && db != NULL)
        fprintf(out, "Corrections et catalogue : %u champ(s) manuel(s)\n", m->manual->len);
    print_tags(m, out);
    print_places(t, m, out);
    for (guint i = 0; i < notes->len; i++)
        fprintf(out, "Note : %s\n", (char *)g_ptr_array_index(notes, i));
    rc = 0;
cleanup:
    docmeta_free(m);
    tagger_free(t);
    vocab_free(v);
    catalogue_free(cat);
    g_ptr_array_unref(notes);
    g_free(abs);
    xap_db_free(db);
    return rc;
}
