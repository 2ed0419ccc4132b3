/* test_search.c - a search's cache key (every parameter counts, a
 * facet's values in any order give one key, fields are length-prefixed
 * so that no value passes for two) and a search over a small index: its
 * result, before any rendering (totals, hits with snippets, expansions,
 * facets in the answer's order with their labels), and the query cases
 * of real users: a hyphenated word as written and by its parts, nothing
 * under NOT expanded, expansion that widens, a typo answered with its
 * correction's results and accents, completion ranked by documents;
 * snippets made from the one page (or passage) with the query's words,
 * with its page number, from a PDF drawn with cairo and read by the
 * extractor; exact counts from posting lists equal to the matcher's and
 * to brute force; what's new, by arrival. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "extract.h"
#include "passage.h"
#include "snippet.h"
#include "searcher.h"
#include "record.h"
#include "schema.h"
#include "search.h"
#include "suggest.h"
#include "skos.h"
#include "tag.h"

static GPtrArray *list(const char *const *values)
{
    GPtrArray *a = g_ptr_array_new();
    for (size_t i = 0; values != NULL && values[i] != NULL; i++)
        g_ptr_array_add(a, (gpointer)values[i]);
    return a;
}

static char *key_of(const char *q, const char *const *themes, const char *const *regions,
                    const char *date_from)
{
    search_request r = { .q = q, .themes = list(themes), .regions = list(regions),
                         .date_from = date_from, .page = 1, .per_page = 10 };
    char *key = search_request_key(&r, 7, 1);
    g_ptr_array_unref(r.themes);
    g_ptr_array_unref(r.regions);
    return key;
}

static void test_cache_key(void **state)
{
    (void)state;
    const char *const ab[] = { "a", "b", NULL }, *const ba[] = { "b", "a", NULL };
    const char *const a_b[] = { "a,b", NULL }, *const one[] = { "a", NULL };
    char *k1 = key_of("santé", ab, NULL, NULL), *k2 = key_of("santé", ba, NULL, NULL);
    assert_string_equal(k1, k2);                          /* values in any order */
    char *k3 = key_of("santé", a_b, NULL, NULL);
    assert_string_not_equal(k1, k3);                      /* "a,b" is one value */
    char *k4 = key_of("santé", one, one, NULL), *k5 = key_of("santé", NULL, ab, NULL);
    assert_string_not_equal(k4, k5);                      /* the filter a value is in counts */
    char *k6 = key_of("a", NULL, NULL, "b"), *k7 = key_of("a1:b", NULL, NULL, NULL);
    assert_string_not_equal(k6, k7);                      /* length-prefixed fields */
    char *k8 = key_of(NULL, NULL, NULL, NULL), *k9 = key_of("", NULL, NULL, NULL);
    assert_string_equal(k8, k9);                          /* no query is the empty one */
    search_request r = { .q = "santé", .page = 1, .per_page = 10 };
    char *base = search_request_key(&r, 7, 1);
    char *other_rev = search_request_key(&r, 8, 1), *other_gen = search_request_key(&r, 7, 2);
    r.page = 2;
    char *other_page = search_request_key(&r, 7, 1);
    r.page = 1;
    r.sort = SORT_DATE;
    char *by_date = search_request_key(&r, 7, 1);
    r.sort = SORT_ADDED;
    char *by_arrival = search_request_key(&r, 7, 1);
    r.sort = SORT_RELEVANCE;
    r.added_since = "2026-11-01";
    char *since = search_request_key(&r, 7, 1);
    r.added_since = NULL;
    r.no_facets = TRUE;
    char *no_facets = search_request_key(&r, 7, 1);
    const char *const keys[] = { other_rev, other_gen, other_page, by_date, by_arrival, since,
                                 no_facets };
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        assert_string_not_equal(base, keys[i]);
    char *all[] = { k1, k2, k3, k4, k5, k6, k7, k8, k9, base, other_rev, other_gen,
                    other_page, by_date, by_arrival, since, no_facets };
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(all[i]);
}

/* ---- a search over three documents ------------------------------------------------ */

static void put(xap_wdb *w, record_builder *rb, const tagger *t, const char *path,
                const char *title, const char *date, const char *text)
{
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, title);
    docmeta_set(&m->date, date);
    docmeta_set(&m->doctype, "Guide");
    docmeta_set(&m->text, text);
    test_put_document(w, rb, m, path, t);
    docmeta_free(m);
}

static const search_facet *facet_named(const search_result *r, const char *name)
{
    for (guint i = 0; i < r->facets->len; i++) {
        const search_facet *f = g_ptr_array_index(r->facets, i);
        if (strcmp(f->name, name) == 0)
            return f;
    }
    fail_msg("no facet %s", name);
    return NULL;
}

static int reopens;

static void count_reopen(void *ud)
{
    (void)ud;
    reopens++;
}

/* A small index being written, with the thesaurus it is tagged by. */
typedef struct {
    vocab *v;
    matcher *m;
    tagger *t;
    char *dir;
    xap_wdb *w;
    record_builder *rb;
} fixture;

static void fixture_open(fixture *f, const char *tmpl)
{
    verr err;
    f->v = skos_load_dir("thesaurus", &err);
    assert_non_null(f->v);
    f->m = matcher_new(f->v);
    f->t = tagger_new(f->v);
    f->dir = test_tmpdir(tmpl);
    f->w = xap_wdb_open(f->dir, 1, &err);
    f->rb = record_builder_new(&err);
    assert_non_null(f->w);
    assert_non_null(f->rb);
}

/* n copies of a document, at prefix0, prefix1... */
static void put_copies(fixture *f, const char *prefix, int n, const char *title,
                       const char *date, const char *text)
{
    for (int i = 0; i < n; i++) {
        char *path = g_strdup_printf("%s%d", prefix, i);
        put(f->w, f->rb, f->t, path, title, date, text);
        g_free(path);
    }
}

/* Commits what was put, and closes the writer. */
static void fixture_commit(fixture *f)
{
    verr err;
    assert_int_equal(xap_wdb_set_metadata(f->w, META_SCHEMA, SCHEMA_VERSION, &err), 0);
    assert_int_equal(xap_wdb_commit(f->w, &err), 0);
    xap_wdb_free(f->w);
    f->w = NULL;
}

static void fixture_close(fixture *f)
{
    record_builder_free(f->rb);
    tagger_free(f->t);
    matcher_free(f->m);
    vocab_free(f->v);
    test_rmtree(f->dir);
    g_free(f->dir);
}

static void test_result(void **state)
{
    (void)state;
    verr err;
    fixture f;
    fixture_open(&f, "veille-search-XXXXXX");
    vocab *v = f.v;
    matcher *m = f.m;
    tagger *t = f.t;
    char *dir = f.dir;
    xap_wdb *w = f.w;
    record_builder *rb = f.rb;
    put(w, rb, t, "/s/1", "Le contrat local de santé de Rennes", "2015-03-01",
        "Le contrat local de santé de Rennes, en Bretagne, et ses locaux.");
    put(w, rb, t, "/s/2", "Nutrition à Brest", "2016",
        "Le CLS de Brest en Bretagne parle de nutrition.");
    put(w, rb, t, "/s/3", "Habitat à Toulouse", "2017",
        "Logement et habitat indigne à Toulouse, en Occitanie.");
    fixture_commit(&f);

    searcher *s = searcher_new(dir, count_reopen, NULL, &err);
    assert_non_null(s);
    search_request req = { .q = "cls", .page = 1, .per_page = 10, .v = v, .m = m };
    search_result *r = search_run(s, &req, &err);
    if (r == NULL)
        fail_msg("search: %s", err.msg);
    assert_int_equal(r->total, 2);
    assert_true(r->total_exact);
    assert_string_equal(r->query, "cls");
    assert_int_equal(r->hits->len, 2);
    assert_int_equal(r->expansions->len, 1);
    const search_expansion *e = g_ptr_array_index(r->expansions, 0);
    assert_string_equal(e->concept, "contrat-local-de-sante");
    assert_string_equal(e->kind, "theme");
    for (guint i = 0; i < r->hits->len; i++) {
        const search_hit *h = g_ptr_array_index(r->hits, i);
        assert_null(h->doc->text);                         /* the record alone is kept */
        assert_non_null(strstr(h->snippet, "<mark>"));
    }
    assert_int_equal(r->facets->len, 4);                   /* theme, region, type, year */
    const search_facet *themes = facet_named(r, "theme");
    const search_facet_value *first = g_ptr_array_index(themes->values, 0);
    assert_string_equal(first->value, "contrat-local-de-sante"); /* by count, labelled */
    assert_string_equal(first->label, "Contrat local de santé");
    for (guint i = 1; i < themes->values->len; i++)
        assert_true(((search_facet_value *)g_ptr_array_index(themes->values, i))->count <=
                    first->count);
    const search_facet *years = facet_named(r, "year");
    assert_int_equal(years->values->len, 2);               /* by value */
    assert_string_equal(((search_facet_value *)g_ptr_array_index(years->values, 0))->value, "2015");
    search_result_unref(r);

    /* a commit since: the next search reopens, and says so to its caller */
    assert_int_equal(reopens, 0);
    w = xap_wdb_open(dir, 0, &err);
    put(w, rb, t, "/s/4", "Le CLS de Lorient", "2018", "Le CLS de Lorient.");
    assert_int_equal(xap_wdb_commit(w, &err), 0);
    xap_wdb_free(w);
    r = search_run(s, &req, &err);
    assert_non_null(r);
    assert_int_equal(r->total, 3);
    assert_int_equal(reopens, 1);
    /* its facets count the new document too (the columns of the new revision) */
    years = facet_named(r, "year");
    assert_int_equal(years->values->len, 3);
    const search_facet_value *newest = g_ptr_array_index(years->values, 2);
    assert_string_equal(newest->value, "2018");
    assert_int_equal(newest->count, 1);
    search_result_unref(r);
    /* and so do a filtered search's, counted from posting lists */
    const char *const year_2018[] = { "2018", NULL };
    req.years = list(year_2018);
    r = search_run(s, &req, &err);
    assert_non_null(r);
    assert_int_equal(r->total, 1);
    assert_string_equal(((search_hit *)g_ptr_array_index(r->hits, 0))->doc->title, "Le CLS de Lorient");
    years = facet_named(r, "year");                        /* its alternatives still counted */
    assert_int_equal(years->values->len, 3);
    search_result_unref(r);
    g_ptr_array_unref(req.years);
    req.years = NULL;

    req.q = "ville AND";                                   /* a query Xapian refuses */
    assert_null(search_run(s, &req, &err));
    assert_int_equal(err.code, VERR_PARSE);
    req.q = NULL;
    req.date_from = "hier";
    assert_null(search_run(s, &req, &err));
    assert_int_equal(err.code, VERR_PARSE);

    searcher_free(s);
    fixture_close(&f);
}

/* ---- the query cases of real users ------------------------------------------------ */

static const char *titles_of(const search_result *r, GString *out)
{
    g_string_truncate(out, 0);
    for (guint i = 0; i < r->hits->len; i++)
        g_string_append_printf(out, "%s|", ((search_hit *)g_ptr_array_index(r->hits, i))->doc->title);
    return out->str;
}

static search_result *must_search(searcher *s, search_request *req, const char *q)
{
    verr err;
    req->q = q;
    search_result *r = search_run(s, req, &err);
    if (r == NULL)
        fail_msg("search %s: %s", q != NULL ? q : "(none)", err.msg);
    return r;
}

static void test_query_cases(void **state)
{
    (void)state;
    verr err;
    fixture f;
    fixture_open(&f, "veille-cases-XXXXXX");
    vocab *v = f.v;
    matcher *m = f.m;
    tagger *t = f.t;
    xap_wdb *w = f.w;
    record_builder *rb = f.rb;
    assert_int_equal(record_builder_spelling(rb, w, &err), 0);
    put(w, rb, t, "/c/1", "Le mal-logement à Besançon", "2015",
        "Le mal-logement touche les familles de Franche-Comté.");
    put(w, rb, t, "/c/2", "Un logement qui va mal", "2015",
        "Ce logement va mal : humidité, chauffage.");
    put(w, rb, t, "/c/3", "Santé mentale des JEUNES", "2016",
        "Les JEUNES et la santé mentale à Roubaix.");
    put(w, rb, t, "/c/4", "Psychiatrie et santé mentale", "2016",
        "La psychiatrie de secteur et la santé mentale.");
    put(w, rb, t, "/c/5", "Santé mentale en ville", "2017",
        "La santé mentale des habitants de la ville.");
    put(w, rb, t, "/c/6", "Santé mentale et logement", "2017",
        "Santé mentale et logement des personnes fragiles.");
    put(w, rb, t, "/c/7", "Factoriser des nombres", "2018", "Factoriser des nombres entiers.");
    put(w, rb, t, "/c/9", "Harcèlement sexuel au travail", "2019", "Le harcèlement sexuel.");
    put_copies(&f, "/c/s", 3, "Vivre seul", "2019", "Seul, tout seul, seul chez soi.");
    put(w, rb, t, "/c/8", "Opérations ioctl() des espaces de noms", "2018",
        "Les opérations ioctl() des espaces de noms.");
    put_copies(&f, "/c/a", 3, "Autoriser une sortie", "2018", "Autoriser, autoriser encore.");
    put(w, rb, t, "/c/v", "Vaccinations obligatoires", "2020",
        "Les vaccinations obligatoires des personnels.");
    put(w, rb, t, "/c/p", "Les personnels", "2020", "Les personnels, tous les personnels.");
    fixture_commit(&f);

    searcher *s = searcher_new(f.dir, NULL, NULL, &err);
    assert_non_null(s);
    search_tuning tuning = search_tuning_default;
    tuning.relax_below = 2;
    tuning.correct_min = 2;
    search_request req = { .page = 1, .per_page = 10, .v = v, .m = m, .tuning = &tuning };
    GString *titles = g_string_new(NULL);

    /* a hyphenated word: as written first, then by its parts */
    search_result *r = must_search(s, &req, "mal-logement"); /* a theme label too */
    assert_true(g_str_has_prefix(titles_of(r, titles), "Le mal-logement à Besançon|"));
    assert_non_null(strstr(titles->str, "|Un logement qui va mal|"));  /* by its parts */
    search_result_unref(r);
    r = must_search(s, &req, "Franche-Comté");            /* a label with hyphens */
    assert_int_equal(r->total, 1);
    search_result_unref(r);

    /* nothing under NOT or '-' is expanded: psychiatrie alone is left out */
    const char *const excluded[] = { "\"santé mentale\" NOT psychiatrie", "santé mentale -psychiatrie",
                                     "santé mentale NOT (psychiatrie OR roubaix)" };
    const unsigned expected[] = { 3, 3, 2 };
    for (size_t i = 0; i < G_N_ELEMENTS(excluded); i++) {
        r = must_search(s, &req, excluded[i]);
        assert_int_equal(r->total, expected[i]);
        assert_null(strstr(titles_of(r, titles), "Psychiatrie"));
        search_result_unref(r);
    }

    /* expansion widens: the words typed find what the tagger did not tag */
    r = must_search(s, &req, "jeunes roubaix");
    const search_hit *top = g_ptr_array_index(r->hits, 0);
    assert_string_equal(top->doc->title, "Santé mentale des JEUNES");
    assert_true(top->missing == NULL || top->missing->len == 0); /* both words found */
    search_result_unref(r);
    /* no document has the three words: each hit of those with two says
     * which one it lacks (one match over the page) */
    r = must_search(s, &req, "mentale roubaix logement");
    assert_true(r->relaxed);
    static const struct { const char *title, *lacks; } lacking[] = {
        { "Santé mentale des JEUNES", "logement" }, { "Santé mentale et logement", "roubaix" },
    };
    for (size_t k = 0; k < G_N_ELEMENTS(lacking); k++) {
        const search_hit *h = NULL;
        for (guint i = 0; i < r->hits->len && h == NULL; i++)
            if (strcmp(((const search_hit *)g_ptr_array_index(r->hits, i))->doc->title,
                       lacking[k].title) == 0)
                h = g_ptr_array_index(r->hits, i);
        if (h == NULL)
            fail_msg("%s: not found", lacking[k].title);
        if (h->missing == NULL || h->missing->len != 1 ||
            strcmp(g_ptr_array_index(h->missing, 0), lacking[k].lacks) != 0)
            fail_msg("%s: lacks %s", lacking[k].title,
                     h->missing != NULL && h->missing->len > 0 ? (char *)g_ptr_array_index(h->missing, 0) : "-");
    }
    search_result_unref(r);

    /* a typo: the correction's results, with its accents */
    r = must_search(s, &req, "sante mantale");
    assert_non_null(r->searched_instead);
    assert_string_equal(r->searched_instead, "santé mentale");
    assert_int_equal(r->total, 4);
    search_result_unref(r);
    /* a correction finding too little to be searched as it is: its words,
     * not the typo that matches nothing, are relaxed (the page says so) */
    r = must_search(s, &req, "humidite chaufage");
    assert_true(r->relaxed);
    assert_non_null(r->searched_instead);
    assert_string_equal(r->searched_instead, "humidité chauffage");
    top = g_ptr_array_index(r->hits, 0);
    assert_true(top->missing == NULL || top->missing->len == 0); /* both corrected words */
    search_result_unref(r);
    req.as_typed = TRUE; /* correct=0: offered, not searched */
    r = must_search(s, &req, "humidite chaufage");
    assert_null(r->searched_instead);
    assert_non_null(r->did_you_mean);
    assert_string_equal(r->did_you_mean, "humidité chauffage");
    search_result_unref(r);
    req.as_typed = FALSE;

    /* a rare word that exists is no typo: Xapian offered a more frequent one */
    r = must_search(s, &req, "factoriser des nombres");
    assert_null(r->did_you_mean);
    assert_null(r->searched_instead);
    assert_string_equal(titles_of(r, titles), "Factoriser des nombres|");
    search_result_unref(r);

    /* [search] stem = all searches every word's stem as the index holds it (Z terms) */
    search_tuning all = tuning;
    all.stem = XAP_STEM_ALL;
    search_request stems = req;
    stems.tuning = &all;
    r = must_search(s, &stems, "touchés"); /* the document has "touche" */
    assert_string_equal(titles_of(r, titles), "Le mal-logement à Besançon|");
    search_result_unref(r);

    /* among words one edit away, the one that keeps the typed word's start:
     * Xapian's table offers "seul", more frequent, for "sexul" */
    r = must_search(s, &req, "harcelement sexul");
    const char *fix = r->searched_instead != NULL ? r->searched_instead : r->did_you_mean;
    assert_non_null(fix);
    assert_string_equal(fix, "harcèlement sexuel");
    search_result_unref(r);

    /* relaxed, a long word's start finds the words derived from it, which
     * the stemmer keeps apart: "obligation vaccinale" for "vaccinations
     * obligatoires" */
    r = must_search(s, &req, "obligation vaccinale personnels");
    assert_true(r->relaxed);
    assert_string_equal(titles_of(r, titles), "Vaccinations obligatoires|Les personnels|");
    search_result_unref(r);
    search_tuning no_prefix = tuning;
    no_prefix.relax_prefix_boost = 0;
    search_request plain_req = req;
    plain_req.tuning = &no_prefix;
    r = must_search(s, &plain_req, "obligation vaccinale personnels");
    assert_string_equal(titles_of(r, titles), "Les personnels|Vaccinations obligatoires|");
    search_result_unref(r);

    /* a function written as in a manual: "()" is no empty group */
    r = must_search(s, &req, "opérations ioctl() espaces");
    assert_string_equal(titles_of(r, titles), "Opérations ioctl() des espaces de noms|");
    assert_string_equal(r->query, "opérations ioctl() espaces");  /* as asked */
    search_result_unref(r);

    /* completion: the concept that finds most documents first, words with accents */
    char *json = suggest_json(s, v, "sant", &err);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"suggestions\":[{\"text\":\"Santé mentale\""));
    assert_non_null(strstr(json, "{\"text\":\"santé\",\"kind\":\"word\""));
    g_free(json);

    g_string_free(titles, TRUE);
    searcher_free(s);
    fixture_close(&f);
}


/* ---- snippets from one page ------------------------------------------------------- */

#define LINE(p, y, t) { p, 11, 72, y, t, 0 }

static const pdf_item report[] = {
    { 0, 20, 72, 90, "Rapport annuel de l'atelier", 1 },
    LINE(0, 130, "Sommaire : nutrition, logement, santé mentale."),
    LINE(1, 100, "Le logement insalubre reste la première demande des habitants."),
    LINE(1, 114, "Les visites à domicile ont doublé en deux ans."),
    LINE(2, 100, "La psychiatrie de secteur accueille les adolescents du quartier."),
    LINE(2, 114, "Un groupe de parole pour les adolescents a ouvert en mars."),
    { -1, 0, 0, 0, NULL, 0 },
};

/* The first hit, which must be titled title. */
static const search_hit *first_hit(const search_result *r, const char *title)
{
    assert_true(r->hits->len > 0);
    const search_hit *h = g_ptr_array_index(r->hits, 0);
    assert_string_equal(h->doc->title, title);
    return h;
}

static void test_page_snippets(void **state)
{
    (void)state;
    verr err;
    fixture f;
    fixture_open(&f, "veille-pages-XXXXXX");
    char *pdf = test_write_pdf(f.dir, "rapport.pdf", NULL, report);
    docmeta *m = docmeta_new();
    assert_int_equal(extract_pdf(pdf, m, &err), 0);
    assert_int_equal(m->pages, 3);
    docmeta_set(&m->title, "Rapport annuel de l'atelier");
    test_put_document(f.w, f.rb, m, "/p/rapport.pdf", f.t);
    docmeta_free(m);
    /* not paged, longer than a passage: the word is in the last one */
    GString *long_text = g_string_new("Introduction générale. ");
    while (long_text->len < 3 * 4096)
        g_string_append(long_text, "Des réunions de quartier ont eu lieu toute l'année. ");
    g_string_append(long_text, "Conclusion : le jardin partagé a ouvert.");
    put(f.w, f.rb, f.t, "/p/long.txt", "Bilan des quartiers", "2019", long_text->str);
    g_string_free(long_text, TRUE);
    fixture_commit(&f);

    searcher *s = searcher_new(f.dir, NULL, NULL, &err);
    assert_non_null(s);
    search_request req = { .page = 1, .per_page = 10, .v = f.v, .m = f.m };
    static const struct { const char *q; guint page; const char *marked; } cases[] = {
        { "psychiatrie", 3, "<mark>psychiatrie</mark> de secteur" },
        { "adolescents quartier", 3, "<mark>adolescents</mark> du <mark>quartier</mark>" },
        { "insalubre", 2, "logement <mark>insalubre</mark>" },
        /* the page with both words beats the one with one of them */
        { "logement habitants", 2, "<mark>habitants</mark>" },
        { "adolescent", 3, "<mark>adolescents</mark>" }, /* the index's forms of the stem */
        { "annuel", 1, "Rapport" },                  /* a title word: the first page */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        search_result *r = must_search(s, &req, cases[i].q);
        const search_hit *h = first_hit(r, "Rapport annuel de l'atelier");
        if (h->page != cases[i].page || strstr(h->snippet, cases[i].marked) == NULL)
            fail_msg("%s: page %u, snippet %s", cases[i].q, h->page, h->snippet);
        search_result_unref(r);
    }
    /* the passage a choice of typed and expansion words gives, from term
     * positions and, as over remote shards, from the stored text
     * (passage_words_from_text): the same */
    xap_docid id;
    char idterm[DOC_ID_LEN + 2], pid[DOC_ID_LEN + 1];
    record_id_for_path("/p/rapport.pdf", pid);
    record_id_term(pid, idterm);
    assert_int_equal(xap_db_find_term(searcher_db(s), idterm, &id, &err), 0);
    xap_doc *doc = NULL;
    assert_int_equal(xap_db_get_document(searcher_db(s), id, &doc, &err), 0);
    static const struct { const char *typed, *expansion; guint page; } firsts[] = {
        { "insalubre", "psychiatrie", 2 }, /* the typed word's page */
        { "velo", "psychiatrie", 3 },      /* none typed: the expansion's */
        { "velo", "trottinette", 1 },      /* none at all: the first page */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(firsts) * 2; i++) {
        gboolean from_text = i >= G_N_ELEMENTS(firsts);
        size_t c = i % G_N_ELEMENTS(firsts);
        GPtrArray *words = g_ptr_array_new();
        g_ptr_array_add(words, (gpointer)firsts[c].typed);
        g_ptr_array_add(words, (gpointer)firsts[c].expansion);
        passage_words *pw = passage_words_new(searcher_db(s), searcher_stem(s), words, 1);
        if (from_text)
            passage_words_from_text(pw);
        passage_choice at;
        assert_int_equal(passage_choose(searcher_db(s), id, doc, pw, &at, &err), 0);
        if (at.page != firsts[c].page)
            fail_msg("%s / %s%s: page %u", firsts[c].typed, firsts[c].expansion,
                     from_text ? " (from the text)" : "", at.page);
        passage_words_free(pw);
        g_ptr_array_unref(words);
    }
    /* every case above, from the text: "adolescent" finds "adolescents" */
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GPtrArray *words = snippet_query_words(cases[i].q);
        passage_words *pw = passage_words_new(searcher_db(s), searcher_stem(s), words, words->len);
        passage_words_from_text(pw);
        passage_choice at;
        assert_int_equal(passage_choose(searcher_db(s), id, doc, pw, &at, &err), 0);
        if (at.page != cases[i].page)
            fail_msg("%s (from the text): page %u", cases[i].q, at.page);
        passage_words_free(pw);
        g_ptr_array_unref(words);
    }
    xap_doc_free(doc);

    search_result *r = must_search(s, &req, "jardin partagé");
    const search_hit *h = first_hit(r, "Bilan des quartiers");
    assert_int_equal(h->page, 0); /* no pages: no number */
    assert_non_null(strstr(h->snippet, "<mark>jardin</mark> <mark>partagé</mark>"));
    search_result_unref(r);

    searcher_free(s);
    g_free(pdf);
    fixture_close(&f);
}

/* The facets of r as "name:value=count ..." (the answer's order). */
static char *facets_text(const search_result *r)
{
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "total %u |", r->total);
    for (guint i = 0; i < r->facets->len; i++) {
        const search_facet *f = g_ptr_array_index(r->facets, i);
        for (guint j = 0; j < f->values->len; j++) {
            const search_facet_value *v = g_ptr_array_index(f->values, j);
            g_string_append_printf(out, " %s:%s=%u", f->name, v->value, v->count);
        }
    }
    return g_string_free(out, FALSE);
}

/* Exact counts from posting-list bitsets (match_count.h) are those of the
 * matcher's spies, and each filtered facet's count is the total of the
 * search filtered on that value instead (brute force), over queries of
 * every shape bitsets evaluate: words, a phrase, an expanded label, NOT,
 * a relaxed query, a hyphenated word. */
static void test_counts_from_postings(void **state)
{
    (void)state;
    verr err;
    fixture f;
    fixture_open(&f, "veille-counts-XXXXXX");
    static const char *const themes[] = { "santé mentale", "nutrition", "mal-logement", "addictions" };
    static const char *const regions[] = { "Bretagne", "Occitanie", "Normandie" };
    static const char *const words[] = { "jeunes", "ville", "habitants", "écoles", "quartier" };
    for (int i = 0; i < 48; i++) {
        char *path = g_strdup_printf("/n/%d", i);
        char *title = g_strdup_printf("Rapport %d sur %s", i, themes[i % 4]);
        char *date = g_strdup_printf("%d", 2015 + i % 5);
        char *text = g_strdup_printf("Les %s et les %s en %s, %s%s.", words[i % 5], words[i * 7 % 5],
                                     regions[i % 3], themes[i * 3 % 4],
                                     i % 6 == 0 ? " et la santé des personnes mentale" : "");
        put(f.w, f.rb, f.t, path, title, date, text);
        g_free(path);
        g_free(title);
        g_free(date);
        g_free(text);
    }
    fixture_commit(&f);
    searcher *s = searcher_new(f.dir, NULL, NULL, &err);
    assert_non_null(s);
    search_tuning postings = search_tuning_default, matcher = search_tuning_default;
    matcher.count_from_postings = FALSE;
    static const char *const queries[] = { "", "santé", "santé mentale", "\"santé mentale\"",
                                           "jeunes ville", "jeunes NOT ville", "mal-logement",
                                           "habitants écoles introuvablement", "nutrition OR addictions" };
    static const char *const theme_filters[] = { NULL, "sante-mentale", "nutrition" };
    static const char *const region_filters[] = { NULL, "bretagne", "occitanie" };
    unsigned checked = 0;
    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++)
        for (size_t t = 0; t < G_N_ELEMENTS(theme_filters); t++)
            for (size_t g = 0; g < G_N_ELEMENTS(region_filters); g++) {
                const char *const th[] = { theme_filters[t], NULL }, *const re[] = { region_filters[g], NULL };
                search_request req = { .page = 1, .per_page = 3, .v = f.v, .m = f.m,
                                       .themes = list(th), .regions = list(re) };
                req.tuning = &postings;
                search_result *a = must_search(s, &req, queries[q]);
                req.tuning = &matcher;
                search_result *b = must_search(s, &req, queries[q]);
                char *ta = facets_text(a), *tb = facets_text(b);
                if (strcmp(ta, tb) != 0 || !a->total_exact)
                    fail_msg("%s theme=%s region=%s:\n  postings %s\n  matcher  %s", queries[q],
                             th[0], re[0], ta, tb);
                /* brute force: a filtered facet's value counts what filtering on it finds */
                const search_facet *themes_counted = facet_named(a, "theme");
                for (guint i = 0; th[0] != NULL && i < themes_counted->values->len; i++) {
                    const search_facet_value *v = g_ptr_array_index(themes_counted->values, i);
                    const char *const other[] = { v->value, NULL };
                    search_request alt = req;
                    alt.tuning = &postings;
                    alt.themes = list(other);
                    search_result *c = must_search(s, &alt, queries[q]);
                    if (c->total != v->count)
                        fail_msg("%s theme=%s region=%s: facet %u, search %u", queries[q],
                                 v->value, re[0], v->count, c->total);
                    checked++;
                    search_result_unref(c);
                    g_ptr_array_unref(alt.themes);
                }
                g_free(ta);
                g_free(tb);
                search_result_unref(a);
                search_result_unref(b);
                g_ptr_array_unref(req.themes);
                g_ptr_array_unref(req.regions);
            }
    assert_true(checked > 50);
    searcher_free(s);
    fixture_close(&f);
}

/* What's new: results by arrival in the collection, newest first, and
 * only those arrived since a day; the document's own date does not count. */
static void test_whats_new(void **state)
{
    (void)state;
    verr err;
    fixture f;
    fixture_open(&f, "veille-new-XXXXXX");
    static const struct { const char *path, *title, *date, *added; } docs[] = {
        { "/w/1", "Rapport de 2015 sur la nutrition", "2015", "2026-11-28T10:00:00Z" },
        { "/w/2", "Guide de 2024 sur la nutrition", "2024", "2026-10-01T09:00:00Z" },
        { "/w/3", "Étude de 2019 sur la nutrition", "2019", "2026-11-30T18:30:00Z" },
        /* two arrived in the same second (a first import): the later first */
        { "/w/4", "Bilan de 2012 sur les quokkas", "2012", "2026-09-01T08:00:00Z" },
        { "/w/5", "Bilan de 2013 sur les quokkas", "2013", "2026-09-01T08:00:00Z" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
        docmeta *m = docmeta_new();
        docmeta_set(&m->title, docs[i].title);
        docmeta_set(&m->date, docs[i].date);
        docmeta_set(&m->text, docs[i].title);
        docmeta_set(&m->added, docs[i].added);
        test_put_document(f.w, f.rb, m, docs[i].path, f.t);
        docmeta_free(m);
    }
    fixture_commit(&f);
    searcher *s = searcher_new(f.dir, NULL, NULL, &err);
    assert_non_null(s);
    search_request req = { .page = 1, .per_page = 10, .v = f.v, .m = f.m, .sort = SORT_ADDED };
    GString *titles = g_string_new(NULL);
    search_result *r = must_search(s, &req, "nutrition");
    assert_string_equal(titles_of(r, titles), "Étude de 2019 sur la nutrition|"
                        "Rapport de 2015 sur la nutrition|Guide de 2024 sur la nutrition|");
    const search_hit *h = g_ptr_array_index(r->hits, 0);
    assert_string_equal(h->doc->added, "2026-11-30T18:30:00Z");
    search_result_unref(r);
    r = must_search(s, &req, "quokkas");
    assert_string_equal(titles_of(r, titles), "Bilan de 2013 sur les quokkas|Bilan de 2012 sur les quokkas|");
    search_result_unref(r);
    req.sort = SORT_DATE;                                  /* their own dates: another order */
    r = must_search(s, &req, "nutrition");
    assert_true(g_str_has_prefix(titles_of(r, titles), "Guide de 2024"));
    search_result_unref(r);
    req.added_since = "2026-11-28";                        /* arrived that day or later */
    r = must_search(s, &req, "nutrition");
    assert_int_equal(r->total, 2);
    search_result_unref(r);
    req.added_since = "2026-12";
    r = must_search(s, &req, NULL);
    assert_int_equal(r->total, 0);
    search_result_unref(r);
    req.added_since = "hier";
    req.q = "nutrition";
    assert_null(search_run(s, &req, &err));
    assert_int_equal(err.code, VERR_PARSE);
    g_string_free(titles, TRUE);
    searcher_free(s);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_key),
        cmocka_unit_test(test_result),
        cmocka_unit_test(test_query_cases),
        cmocka_unit_test(test_page_snippets),
        cmocka_unit_test(test_counts_from_postings),
        cmocka_unit_test(test_whats_new),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    test_release_font_caches(); /* test_page_snippets drew a PDF */
    return failed;
}
