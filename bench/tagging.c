/* bench/tagging.c - precision and recall of automatic tagging against the
 * documentalist's catalogue (corpus/catalogue.csv), per facet.  The
 * catalogue's own themes and regions are hidden from the tagger.  Two
 * runs: with everything extracted (title, PDF subject and keywords...),
 * and from title and body text only.  Predicted themes finer than the
 * catalogue's are counted at the catalogue's level (their nearest broader
 * concept the catalogue uses).  Prints, per run, precision and recall of
 * each facet and of each concept in it (tagged or labelled at least once),
 * and the share of documents whose regions are exactly the catalogue's.
 * Prints figures; asserts nothing.
 *
 * Usage: build/bench/tagging [CORPUS_DIR [THESAURUS_DIR]] */
#include "catalogue.h"
#include "detect.h"
#include "extract.h"
#include "skos.h"
#include "tag.h"
#include "vocab.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    guint tp, fp, fn;
} counts;

typedef struct {
    char *path;
    docmeta *extracted;
    GHashTable *truth_themes, *truth_regions;  /* ids */
} item;

static GHashTable *truth_set(const vocab *v, const GPtrArray *labels, vocab_kind kind)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < labels->len; i++) {
        const vocab_concept *c = vocab_find_label(v, g_ptr_array_index(labels, i), kind);
        if (c == NULL)
            fprintf(stderr, "tagging: catalogue label unknown to the thesaurus: %s\n",
                    (const char *)g_ptr_array_index(labels, i));
        else
            g_hash_table_add(set, g_strdup(c->id));
    }
    return set;
}

/* The concept at the catalogue's level of detail: id itself when the
 * catalogue uses it, else its nearest broader concept the catalogue uses. */
static const char *at_level(const vocab *v, const char *id, GHashTable *used)
{
    const char *cur = id;
    for (int depth = 0; depth < 5; depth++) {
        if (g_hash_table_contains(used, cur))
            return cur;
        const vocab_concept *c = vocab_get(v, cur);
        if (c == NULL || c->broader->len == 0)
            return id;
        cur = g_ptr_array_index(c->broader, 0);
    }
    return id;
}

/* The counts of one concept in by_id (id -> counts), made on first use. */
static counts *counts_for(GHashTable *by_id, const char *id)
{
    counts *k = g_hash_table_lookup(by_id, id);
    if (k == NULL) {
        k = g_new0(counts, 1);
        g_hash_table_insert(by_id, g_strdup(id), k);
    }
    return k;
}

/* Adds one document's predictions to the facet's counts k and to each
 * concept's in by_id; returns whether they are exactly the truth. */
static gboolean score(counts *k, GHashTable *by_id, GHashTable *truth, GHashTable *pred,
                      GString *errors, const char *name)
{
    gboolean exact = TRUE;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, pred);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        if (g_hash_table_contains(truth, key)) {
            k->tp++;
            counts_for(by_id, key)->tp++;
        } else {
            k->fp++;
            counts_for(by_id, key)->fp++;
            exact = FALSE;
            g_string_append_printf(errors, "  %s: extra %s\n", name, (char *)key);
        }
    }
    g_hash_table_iter_init(&it, truth);
    while (g_hash_table_iter_next(&it, &key, NULL))
        if (!g_hash_table_contains(pred, key)) {
            k->fn++;
            counts_for(by_id, key)->fn++;
            exact = FALSE;
            g_string_append_printf(errors, "  %s: missed %s\n", name, (char *)key);
        }
    return exact;
}

static void report(const char *indent, int width, const char *facet, const counts *k)
{
    double p = k->tp + k->fp > 0 ? (double)k->tp / (k->tp + k->fp) : 0;
    double r = k->tp + k->fn > 0 ? (double)k->tp / (k->tp + k->fn) : 0;
    printf("%s%-*s precision %.3f  recall %.3f  F1 %.3f  (tp %u, fp %u, fn %u)\n", indent, width,
           facet, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, k->tp, k->fp, k->fn);
}

/* Each concept's line, by id. */
static void report_concepts(GHashTable *by_id)
{
    GList *ids = g_list_sort(g_hash_table_get_keys(by_id), (GCompareFunc)strcmp);
    for (GList *l = ids; l != NULL; l = l->next)
        report("      ", 34, l->data, g_hash_table_lookup(by_id, l->data));
    g_list_free(ids);
}

static void run(const char *mode, gboolean text_only, const vocab *v, GPtrArray *items,
                GHashTable *used_themes)
{
    tagger *t = tagger_new(v);
    counts themes = { 0 }, regions = { 0 };
    GHashTable *theme_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *region_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    guint regions_exact = 0;
    GString *errors = g_string_new(NULL);
    gint64 t0 = g_get_monotonic_time();
    for (guint i = 0; i < items->len; i++) {
        item *it = g_ptr_array_index(items, i);
        docmeta *m = docmeta_from_json(docmeta_to_json(it->extracted, 0), -1, NULL);
        docmeta_set(&m->text, it->extracted->text);
        if (text_only) {
            docmeta_set(&m->subject, NULL);
            docmeta_set(&m->keywords, NULL);
            docmeta_set(&m->summary, NULL);
            docmeta_set(&m->source_url, NULL);
        }
        tagger_apply(t, m, TRUE, NULL);
        GHashTable *pt = g_hash_table_new(g_str_hash, g_str_equal);
        GHashTable *pr = g_hash_table_new(g_str_hash, g_str_equal);
        for (guint j = 0; j < m->tags->len; j++) {
            docmeta_tag *tag = g_ptr_array_index(m->tags, j);
            if (strcmp(tag->facet, "theme") == 0)
                g_hash_table_add(pt, (gpointer)at_level(v, tag->id, used_themes));
            else if (strcmp(tag->facet, "region") == 0)
                g_hash_table_add(pr, tag->id);
        }
        const char *base = strrchr(it->path, '/') + 1;
        score(&themes, theme_ids, it->truth_themes, pt, errors, base);
        if (score(&regions, region_ids, it->truth_regions, pr, errors, base))
            regions_exact++;
        g_hash_table_unref(pt);
        g_hash_table_unref(pr);
        docmeta_free(m);
    }
    double ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
    printf("%s (%u documents, tagging %.1f ms in all, %.2f ms per document)\n", mode, items->len,
           ms, ms / items->len);
    report("  ", 8, "themes", &themes);
    report_concepts(theme_ids);
    report("  ", 8, "regions", &regions);
    report_concepts(region_ids);
    printf("  regions exactly right on %u of %u documents (%.3f)\n", regions_exact, items->len,
           items->len > 0 ? (double)regions_exact / items->len : 0);
    if (g_getenv("TAGGING_ERRORS") != NULL)
        printf("%s", errors->str);
    g_string_free(errors, TRUE);
    g_hash_table_unref(theme_ids);
    g_hash_table_unref(region_ids);
    tagger_free(t);
}

int main(int argc, char **argv)
{
    const char *corpus = argc > 1 ? argv[1] : "corpus";
    const char *thes = argc > 2 ? argv[2] : "thesaurus";
    verr err;
    vocab *v = skos_load_dir(thes, &err);
    if (v == NULL || detect_init(&err) != 0) {
        fprintf(stderr, "tagging: %s\n", err.msg);
        return 1;
    }
    char *csv = g_build_filename(corpus, "catalogue.csv", NULL);
    catalogue *cat = catalogue_new();
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    if (catalogue_load(cat, csv, problems, &err) != 0) {
        fprintf(stderr, "tagging: %s\n", err.msg);
        return 1;
    }
    /* walk the catalogue through its documents folder */
    char *docs = g_build_filename(corpus, "documents", NULL);
    GDir *d = g_dir_open(docs, 0, NULL);
    GPtrArray *items = g_ptr_array_new();
    GHashTable *used = g_hash_table_new(g_str_hash, g_str_equal);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        char *rel = g_build_filename(docs, name, NULL);
        char *path = g_canonicalize_filename(rel, NULL);
        g_free(rel);
        const catalogue_entry *e = catalogue_lookup(cat, path);
        item *it = g_new0(item, 1);
        it->path = path;
        it->extracted = docmeta_new();
        if (e == NULL || extract_file(path, it->extracted, &err) != 0) {
            fprintf(stderr, "tagging: skipped %s\n", path);
            continue;
        }
        if (e->meta->title != NULL) /* titles are rarely wrong; keep the catalogue's */
            docmeta_set(&it->extracted->title, e->meta->title);
        if (e->meta->source_url != NULL) /* where the watch found it, as it records it */
            docmeta_set(&it->extracted->source_url, e->meta->source_url);
        it->truth_themes = truth_set(v, e->meta->themes, VOCAB_THEME);
        it->truth_regions = truth_set(v, e->meta->regions, VOCAB_REGION);
        GHashTableIter hi;
        gpointer key;
        g_hash_table_iter_init(&hi, it->truth_themes);
        while (g_hash_table_iter_next(&hi, &key, NULL))
            g_hash_table_add(used, key);
        g_ptr_array_add(items, it);
    }
    if (d != NULL)
        g_dir_close(d);
    printf("bench/tagging: %u documents of %s, thesaurus %s (%u concepts)\n", items->len, corpus,
           thes, vocab_size(v));
    run("all metadata (title, subject, keywords, summary, source address) and text", FALSE, v, items, used);
    run("title and body text only", TRUE, v, items, used);
    printf("targets: themes precision >= 0.85, recall >= 0.80; regions >= 0.95 both\n");
    return 0;
}
