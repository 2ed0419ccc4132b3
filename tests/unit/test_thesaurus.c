/* test_thesaurus.c - the SKOS vocabulary: loading (Turtle, RDF/XML, a
 * broken file), label matching (accents, plurals, phrases, word
 * boundaries, case rules), roll-up of places, tagging, query expansion
 * checked by searching a small index. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "expansion.h"
#include "match.h"
#include "record.h"
#include "schema.h"
#include "skos.h"
#include "tag.h"
#include "text.h"
#include "vocab.h"

static vocab *voc;
static matcher *mat;

static int setup(void **state)
{
    (void)state;
    if ((voc = test_load_thesaurus()) == NULL)
        return -1;
    mat = matcher_new(voc);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    matcher_free(mat);
    vocab_free(voc);
    return 0;
}

static void test_load_turtle(void **state)
{
    (void)state;
    const vocab_concept *c = vocab_get(voc, "sante-mentale");
    assert_non_null(c);
    assert_int_equal(c->kind, VOCAB_THEME);
    assert_string_equal(c->pref, "Santé mentale");
    assert_true(c->narrower->len >= 3);
    const vocab_concept *s = vocab_get(voc, "prevention-du-suicide");
    assert_string_equal(g_ptr_array_index(s->broader, 0), "sante-mentale");
    /* 18 regions + national, 27 former regions, 101 departments */
    guint counts[VOCAB_ACRONYM + 1] = { 0 };
    for (guint i = 0; i < vocab_size(voc); i++)
        counts[vocab_nth(voc, i)->kind]++;
    assert_int_equal(counts[VOCAB_REGION], 19);
    assert_int_equal(counts[VOCAB_FORMER_REGION], 27);
    assert_int_equal(counts[VOCAB_DEPARTMENT], 101);
    assert_true(counts[VOCAB_TOWN] >= 34000); /* every commune (make_places.py) */
    const vocab_concept *cholet = vocab_get(voc, "commune-cholet-49");
    assert_non_null(cholet);
    assert_true(cholet->population > 50000);
    assert_string_equal(cholet->postal, "49300");
    assert_int_equal(cholet->flags, 0);
    assert_string_equal(cholet->notation, "49099");
    assert_int_equal(vocab_get(voc, "commune-vue-44")->flags, VOCAB_COMMON_WORD);
    assert_true(vocab_get(voc, "commune-montpellier-34")->flags & VOCAB_SEAT);
    assert_non_null(vocab_get(voc, "commune-macouria-973"));
    assert_non_null(vocab_get(voc, "commune-valbonne-06"));
    assert_true(counts[VOCAB_ACRONYM] >= 14);
    assert_string_equal(vocab_get(voc, "departement-2a")->notation, "2A");
    /* the compiled form round-trips, towns' table included */
    char *json = vocab_to_json(voc);
    vocab *back = vocab_from_json(json, -1, NULL);
    assert_non_null(back);
    assert_string_equal(vocab_digest(back), vocab_digest(voc));
    const vocab_concept *again = vocab_get(back, "commune-cholet-49");
    assert_non_null(again);
    assert_int_equal(again->population, cholet->population);
    assert_string_equal(again->postal, "49300");
    assert_string_equal(again->uri, cholet->uri);
    assert_string_equal(vocab_department_of(back, again)->id, "departement-49");
    assert_true(vocab_get(back, "departement-49")->narrower->len > 100);
    vocab_free(back);
    g_free(json);
}

static void test_load_rdfxml_and_errors(void **state)
{
    (void)state;
    char *dir = test_tmpdir("veille-skos-XXXXXX");
    char *rdf = g_build_filename(dir, "pmb.rdf", NULL);
    const char *xml =
        "<?xml version=\"1.0\"?>\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
        "         xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\">\n"
        "  <skos:Concept rdf:about=\"http://example.org/c/42\">\n"
        "    <skos:prefLabel xml:lang=\"fr\">Périnatalité</skos:prefLabel>\n"
        "    <skos:prefLabel xml:lang=\"en\">Perinatal care</skos:prefLabel>\n"
        "    <skos:altLabel xml:lang=\"fr\">petite enfance</skos:altLabel>\n"
        "  </skos:Concept>\n"
        "</rdf:RDF>\n";
    assert_true(g_file_set_contents(rdf, xml, -1, NULL));
    verr err;
    vocab *v = skos_load_dir(dir, &err);
    assert_non_null(v);
    const vocab_concept *c = vocab_get(v, "42");
    assert_non_null(c);
    assert_string_equal(c->pref, "Périnatalité"); /* the English label is not kept */
    assert_int_equal(c->kind, VOCAB_THEME);
    vocab_free(v);

    /* one broken file: the whole folder is refused, with file and line */
    char *ttl = g_build_filename(dir, "broken.ttl", NULL);
    assert_true(g_file_set_contents(ttl, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                                         "<http://x/a> skos:prefLabel \"ok\"@fr .\n"
                                         "<http://x/b> skos:prefLabel \"unterminated @fr .\n",
                                    -1, NULL));
    assert_null(skos_load_dir(dir, &err));
    assert_int_equal(err.code, VERR_PARSE);
    assert_non_null(strstr(err.msg, "broken.ttl:3"));
    assert_null(skos_load_dir("/nonexistent/thesaurus", &err));
    assert_int_equal(err.code, VERR_NOTFOUND);
    g_free(ttl);
    g_free(rdf);
    test_rmtree(dir);
    g_free(dir);
}

typedef struct {
    GString *ids;
} collect_ctx;

static int collect(const match_hit *hit, void *ud)
{
    collect_ctx *c = ud;
    for (guint i = 0; i < hit->n_concepts; i++)
        g_string_append_printf(c->ids, "%s%s", c->ids->len ? " " : "", hit->concepts[i]->id);
    return 0;
}

static char *matches(const char *text, match_mode mode)
{
    collect_ctx c = { g_string_new(NULL) };
    matcher_scan(mat, text, 0, mode, collect, &c);
    return g_string_free(c.ids, FALSE);
}

static void test_matching(void **state)
{
    (void)state;
    static const struct { const char *text; match_mode mode; const char *ids; } rows[] = {
        { "La SANTE MENTALE des jeunes", MATCH_STRICT, "sante-mentale sante-des-jeunes" },
        { "les contrats locaux de santé", MATCH_STRICT, "contrat-local-de-sante" },
        { "signature du CLS", MATCH_STRICT, "contrat-local-de-sante" },
        { "signature du cls", MATCH_STRICT, "" },              /* acronyms: upper case */
        { "signature du cls", MATCH_LOOSE, "contrat-local-de-sante" },
        { "l'ARS et l'ARSENAL", MATCH_STRICT, "ars" },        /* word boundaries */
        { "à Tours, trois tours", MATCH_STRICT, "commune-tours-37" },
        { "le stade de Lens", MATCH_STRICT, "commune-lens-62" },
        { "CMSG_LEN(size_t longueur)", MATCH_STRICT, "" },   /* a place's name is no plural */
        { "Saint-Denis de La Réunion", MATCH_STRICT, "commune-saint-denis-974" },
        { "en Provence-Alpes-Côte d'Azur", MATCH_STRICT, "provence-alpes-cote-d-azur" },
        { "PAYS DE LA LOIRE", MATCH_STRICT, "pays-de-la-loire" },  /* capitals: not "Loire" */
        { "HAUTS-DE-FRANCE", MATCH_STRICT, "hauts-de-france" },
        { "Pays-de-la-Loire", MATCH_STRICT, "pays-de-la-loire" },
        { "la vue et le plan", MATCH_LOOSE, "" },   /* common-word communes: not in queries */
        { "jeunes cholet", MATCH_LOOSE, "sante-des-jeunes commune-cholet-49" },
        { "les addictions", MATCH_STRICT, "addictions" },
        { "", MATCH_STRICT, "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *got = matches(rows[i].text, rows[i].mode);
        if (strcmp(got, rows[i].ids) != 0)
            fail_msg("\"%s\": got \"%s\", expected \"%s\"", rows[i].text, got, rows[i].ids);
        g_free(got);
    }
}

static void test_rollup(void **state)
{
    (void)state;
    const vocab_concept *ales = vocab_get(voc, "commune-ales-30");
    assert_non_null(ales);
    assert_string_equal(vocab_department_of(voc, ales)->id, "departement-30");
    assert_string_equal(vocab_region_of(voc, ales)->id, "occitanie");
    const vocab_concept *bn = vocab_find_label(voc, "basse normandie", VOCAB_FORMER_REGION);
    assert_non_null(bn);
    assert_string_equal(vocab_region_of(voc, bn)->id, "normandie");
    assert_string_equal(vocab_find_label(voc, "REUNION", VOCAB_REGION)->id, "la-reunion");
}

static const docmeta_tag *tag_of(const docmeta *m, const char *facet, const char *id)
{
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, facet) == 0 && strcmp(t->id, id) == 0)
            return t;
    }
    return NULL;
}

static void test_tagging(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Conseil local de santé mentale d'Alès");
    docmeta_set(&m->text,
                "Le CLSM d'Alès, dans le Gard (30), réunit la psychiatrie et les élus. "
                "La souffrance psychique des habitants est au cœur de ses travaux. "
                "Une réunion a eu lieu à Paris. La nutrition a été évoquée une fois.");
    docmeta_add(m->themes, "Habitat et logement");   /* catalogue: kept, manual */
    docmeta_add(m->themes, "Thème inventé");
    GPtrArray *unknown = g_ptr_array_new_with_free_func(g_free);
    tagger_apply(t, m, TRUE, unknown);
    const docmeta_tag *clsm = tag_of(m, "theme", "conseil-local-de-sante-mentale");
    assert_non_null(clsm);
    assert_string_equal(clsm->source, "auto");
    assert_non_null(strstr(clsm->evidence, "titre"));
    assert_non_null(tag_of(m, "theme", "sante-mentale"));      /* from its narrower concept */
    assert_null(tag_of(m, "theme", "nutrition"));              /* a passing mention */
    assert_string_equal(tag_of(m, "theme", "habitat-et-logement")->source, "manual");
    assert_non_null(tag_of(m, "theme", "theme-invente"));
    assert_int_equal(unknown->len, 1);
    assert_non_null(tag_of(m, "region", "occitanie"));         /* Alès -> Gard -> Occitanie */
    assert_non_null(tag_of(m, "department", "departement-30"));
    assert_null(tag_of(m, "region", "ile-de-france"));         /* Paris, once */
    assert_null(tag_of(m, "region", "national"));

    /* no territory at all: national */
    docmeta *n = docmeta_new();
    docmeta_set(&n->title, "Guide de l'évaluation");
    docmeta_set(&n->text, "L'évaluation de la démarche et le référentiel d'évaluation.");
    tagger_apply(t, n, TRUE, NULL);
    assert_non_null(tag_of(n, "region", "national"));
    assert_non_null(tag_of(n, "theme", "evaluation"));
    docmeta_free(n);
    g_ptr_array_unref(unknown);
    docmeta_free(m);
    tagger_free(t);
}

/* ---- places: which commune a name means, where mentions stand ----------------------- */

static gboolean has_tag(const docmeta *m, const char *facet, const char *id)
{
    return tag_of(m, facet, id) != NULL;
}

/* The tags of a document of title and text, the reasons --explain gives
 * into trace (may be NULL).  Caller frees. */
static docmeta *tagged_traced(tagger *t, const char *title, const char *text, GPtrArray *trace)
{
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, title);
    docmeta_set(&m->text, text);
    tagger_apply_traced(t, m, TRUE, NULL, trace);
    return m;
}

static docmeta *tagged(tagger *t, const char *title, const char *text)
{
    return tagged_traced(t, title, text, NULL);
}

/* Whether a line of trace says what, and also (when not NULL) too. */
static gboolean trace_says(const GPtrArray *trace, const char *what, const char *too)
{
    for (guint i = 0; i < trace->len; i++) {
        const char *line = g_ptr_array_index(trace, i);
        if (strstr(line, what) != NULL && (too == NULL || strstr(line, too) != NULL))
            return TRUE;
    }
    return FALSE;
}

static void test_communes(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    static const struct {
        const char *title, *text, *region, *town; /* town NULL: none tagged */
    } rows[] = {
        /* towns the old vocabulary lacked, large enough to be meant alone */
        { "Contrat local de santé de Cholet",
          "Le contrat local de santé de Cholet réunit les acteurs. À Cholet, les jeunes.",
          "pays-de-la-loire", "commune-cholet-49" },
        { "Diagnostic de Valbonne", "Valbonne et ses quartiers. Valbonne agit.",
          "provence-alpes-cote-d-azur", "commune-valbonne-06" },
        { "Santé à Macouria", "Le centre de santé de Macouria. Macouria grandit.",
          "guyane", "commune-macouria-973" },
        /* a common-word name, capitalised at sentences' starts: not a place */
        { "Vue d'ensemble du plan",
          "Vue d'ensemble des actions.\nPlan d'action du réseau.\nVue générale.\nBar à eau.",
          "national", NULL },
        /* the same small commune, corroborated by its postal code */
        { "Diagnostic santé de Vue",
          "Mairie, 44640 Vue.\nLe diagnostic de Vue montre des besoins.\nÀ Vue, les jeunes.",
          "pays-de-la-loire", "commune-vue-44" },
        /* a homonym: its department decides */
        { "Saint-Denis, ville en santé",
          "La ville de Saint-Denis, en Seine-Saint-Denis. Saint-Denis agit.",
          "ile-de-france", "commune-saint-denis-93" },
        { "Saint-Denis, ville en santé",
          "La ville de Saint-Denis, à La Réunion. Saint-Denis agit.",
          "la-reunion", "commune-saint-denis-974" },
        /* and without it, neither */
        { "Saint-Denis, ville en santé", "La ville de Saint-Denis agit. Saint-Denis bouge.",
          "national", NULL },
        /* "Cholet (49)": a small commune with its department's number */
        { "Le Pin (79) et ses habitants", "Au Pin (79), la mairie. Le Pin (79) agit.",
          "nouvelle-aquitaine", "commune-le-pin-79" },
        /* a large commune named like a word ("douai": je douai), mid-sentence */
        { "Les médecins manquent à Douai", "À Douai, le maire. Les habitants de Douai.",
          "hauts-de-france", "commune-douai-59" },
        /* ... also after a PDF's line break; and "Santé" is no Santes (Nord) for it */
        { "Santé des habitants", "Les médecins manquent à\nDouai. Santé : la Santé des habitants de Douai.",
          "hauts-de-france", "commune-douai-59" },
        /* "de la Réunion du conseil" is a meeting too */
        { "Compte rendu", "Compte rendu de la Réunion du conseil citoyen.\nLa Réunion plénière.",
          "national", NULL },
        /* "Réunion" alone starting a title is a meeting, not La Réunion */
        { "Réunion du conseil citoyen", "Réunion du conseil citoyen du quartier.\nRéunion close.",
          "national", NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        docmeta *m = tagged(t, rows[i].title, rows[i].text);
        if (!has_tag(m, "region", rows[i].region))
            fail_msg("row %zu (%s): region %s not tagged", i, rows[i].title, rows[i].region);
        guint regions = 0, towns = 0;
        for (guint j = 0; j < m->tags->len; j++) {
            const docmeta_tag *tag = g_ptr_array_index(m->tags, j);
            regions += strcmp(tag->facet, "region") == 0;
            towns += strcmp(tag->facet, "town") == 0;
        }
        if (regions != 1)
            fail_msg("row %zu (%s): %u regions tagged", i, rows[i].title, regions);
        if (rows[i].town != NULL ? !has_tag(m, "town", rows[i].town) : towns != 0)
            fail_msg("row %zu (%s): town %s expected, %u towns tagged", i, rows[i].title,
                     rows[i].town != NULL ? rows[i].town : "none", towns);
        docmeta_free(m);
    }
    /* in a list, "Réunion" alone is the island */
    docmeta *listed = tagged(t, "Outre-mer", "Les territoires (Réunion, Guyane) ; Réunion et Mayotte.");
    assert_true(g_hash_table_contains(listed->mentions, "la-reunion"));
    docmeta_free(listed);
    /* a commune not meant is no mention either (no concept term in the index) */
    docmeta *m = tagged(t, "Vue d'ensemble", "Vue d'ensemble des actions.");
    assert_false(g_hash_table_contains(m->mentions, "commune-vue-44"));
    docmeta_free(m);
    tagger_free(t);
}

/* n lines of text on no place, to put what follows beyond the first lines. */
static void filler(GString *s, guint n)
{
    for (guint i = 0; i < n; i++)
        g_string_append_printf(s, "Le réseau des coordinateurs partage ses pratiques, point %u.\n",
                               i);
}

static void test_where_places_stand(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);

    /* a consultancy's letterhead: its branch and address are not the subject */
    GString *s = g_string_new("Cabinet Conseil en santé publique\nAgence de Montpellier\n"
                              "12 rue de la République, 34000 Montpellier\n"
                              "Tél. 04 67 00 00 00 - contact@cabinet.example\n\n");
    filler(s, 5);
    g_string_append(s, "L'évaluation porte sur la démarche et ses effets.\n");
    docmeta *m = tagged_traced(t, "Évaluation de la démarche", s->str, trace);
    assert_false(has_tag(m, "region", "occitanie"));
    assert_true(has_tag(m, "region", "national"));
    assert_true(trace_says(trace, "adresse", NULL)); /* --explain says why */
    /* the same town in the body counts */
    g_string_append(s, "À Montpellier, le CLS. Montpellier et l'Hérault agissent.\n");
    docmeta_set(&m->text, s->str);
    tagger_apply(t, m, TRUE, NULL);
    assert_true(has_tag(m, "region", "occitanie"));
    docmeta_free(m);

    /* a national brochure with a paragraph on the five overseas regions */
    g_string_assign(s, "Ce guide s'adresse aux coordinateurs de tout le territoire national.\n");
    filler(s, 30);
    g_string_append(s, "Outre-mer. En Guadeloupe, en Martinique, en Guyane, à La Réunion et à "
                       "Mayotte, les ateliers santé ville sont nombreux. La Guadeloupe et la "
                       "Martinique ont un réseau, la Guyane et Mayotte aussi, La Réunion "
                       "également. En Guadeloupe, Martinique, Guyane, Réunion et Mayotte.\n");
    filler(s, 10);
    g_string_append(s, "Au niveau national, le réseau se réunit. À l'échelon national aussi.\n");
    m = tagged(t, "Guide national des ateliers santé ville", s->str);
    assert_true(has_tag(m, "region", "national"));
    static const char *const overseas[] = { "guadeloupe", "martinique", "guyane", "la-reunion",
                                            "mayotte" };
    for (size_t i = 0; i < G_N_ELEMENTS(overseas); i++)
        if (has_tag(m, "region", overseas[i]))
            fail_msg("national brochure tagged %s", overseas[i]);
    docmeta_free(m);

    /* a national document with a section on one region stays national */
    g_string_assign(s, "Au niveau national, le programme couvre l'ensemble du territoire.\n");
    filler(s, 30);
    g_string_append(s, "Un exemple en Occitanie : la démarche en Occitanie a été suivie, "
                       "l'Occitanie l'a étendue.\n");
    g_string_append(s, "Le territoire national compte 280 coordinateurs. France entière.\n");
    m = tagged(t, "Programme national", s->str);
    assert_true(has_tag(m, "region", "national"));
    assert_false(has_tag(m, "region", "occitanie"));
    docmeta_free(m);
    /* while a document about that region is about it */
    m = tagged(t, "La démarche en Occitanie", "En Occitanie, la démarche. L'Occitanie agit.");
    assert_true(has_tag(m, "region", "occitanie"));
    docmeta_free(m);

    /* hyphenated and capitalised regions */
    static const struct { const char *text, *region; } hyphens[] = {
        { "En Franche-Comté, en Franche-Comté, Franche-Comté.", "bourgogne-franche-comte" },
        { "Pays-de-la-Loire : en Pays-de-la-Loire, les Pays-de-la-Loire.", "pays-de-la-loire" },
        { "PAYS DE LA LOIRE\nRAPPORT PAYS DE LA LOIRE\nPAYS DE LA LOIRE 2024", "pays-de-la-loire" },
        { "HAUTS-DE-FRANCE\nEn Hauts-de-France. Les Hauts-de-France.", "hauts-de-france" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(hyphens); i++) {
        m = tagged(t, "Rapport", hyphens[i].text);
        if (!has_tag(m, "region", hyphens[i].region) ||
            has_tag(m, "region", "auvergne-rhone-alpes"))
            fail_msg("\"%s\": %s not tagged alone", hyphens[i].text, hyphens[i].region);
        docmeta_free(m);
    }
    g_string_free(s, TRUE);
    g_ptr_array_unref(trace);
    tagger_free(t);
}

/* ---- expansion, checked by searching ---------------------------------------------- */

static void add_doc(xap_wdb *w, record_builder *rb, const char *path, const char *text,
                    const char *region)
{
    docmeta *m = docmeta_new();
    docmeta_set(&m->text, text);
    docmeta_add(m->regions, region);
    tagger *t = tagger_new(voc);
    test_put_document(w, rb, m, path, t);
    tagger_free(t);
    docmeta_free(m);
}

static gboolean concept_terms; /* expansion through XK terms (schema 3) or phrases */

/* Documents of db the expanded user_query matches; OUT *out (may be
 * NULL): the expansion (caller frees). */
static unsigned search(xap_db *db, const char *user_query, query_expansion **out)
{
    verr err;
    xap_stem *stem = xap_stem_new("french", &err);
    query_expansion *qe = query_expansion_new(voc, mat, stem, concept_terms, user_query);
    char *text = text_fold(qe->text, -1);
    xap_qparser *qp = xap_qparser_new(&err);
    xap_qparser_set_stemmer(qp, stem, &err);
    xap_qparser_set_default_op(qp, XAP_OP_AND, &err);
    xap_qparser_add_field_fn(qp, EXPANSION_FIELD, expansion_field_query, qe, &err);
    unsigned n = test_count_matches(db, qp, text);
    xap_qparser_free(qp);
    g_free(text);
    xap_stem_free(stem);
    if (out != NULL)
        *out = qe;
    else
        query_expansion_free(qe);
    return n;
}

static void expansion_checks(void)
{
    char *dir = test_tmpdir("veille-expand-XXXXXX");
    xap_wdb *w = xap_wdb_open(dir, 1, NULL);
    record_builder *rb = record_builder_new(NULL);
    add_doc(w, rb, "/e/1", "La signature du contrat local de santé avec l'agence.", "Normandie");
    add_doc(w, rb, "/e/2", "Le CLS a été signé. Prévention du suicide et crise suicidaire.",
            "Occitanie");
    add_doc(w, rb, "/e/3", "Un arsenal de mesures pour l'Agence régionale de santé.", "Bretagne");
    add_doc(w, rb, "/e/4", "Les obsèques sont payées par la famille du défunt.", "Corse");
    add_doc(w, rb, "/e/5", "L'allocation aux adultes handicapés, une association de quartier.",
            "Corse");
    xap_wdb_commit(w, NULL);
    xap_db *db = xap_wdb_db(w);

    query_expansion *qe = NULL;
    assert_int_equal(search(db, "cls", &qe), 2);            /* acronym -> full form */
    assert_int_equal(qe->mentions->expansions->len, 1);
    const expansion *e = g_ptr_array_index(qe->mentions->expansions, 0);
    assert_string_equal(e->concept->id, "contrat-local-de-sante");
    assert_string_equal(e->matched, "cls");
    gboolean listed = FALSE;
    for (guint i = 0; i < e->added->len; i++)
        listed |= strcmp(g_ptr_array_index(e->added, i), "Contrat local de santé") == 0;
    assert_true(listed);
    /* the thesaurus's part: concepts and labels (the typed words are none of them) */
    const expansion_concept *ec = g_ptr_array_index(e->concepts, 0);
    assert_ptr_equal(ec->concept, e->concept);
    for (guint i = 0; i < ec->labels->len; i++)
        assert_string_not_equal(g_ptr_array_index(ec->labels, i), "CLS");
    query_expansion_free(qe);

    assert_int_equal(search(db, "contrat local de santé", NULL), 2); /* and back */
    assert_int_equal(search(db, "santé mentale", NULL), 1);  /* narrower: suicide */
    assert_int_equal(search(db, "Basse-Normandie", NULL), 1); /* former region -> tag */
    assert_int_equal(search(db, "ars", NULL), 1);             /* ARS -> agence régionale */
    assert_int_equal(search(db, "arsenal", NULL), 1);         /* no expansion inside words */
    assert_int_equal(search(db, "\"cls\"", &qe), 1);          /* quoted: as typed */
    assert_int_equal(qe->mentions->expansions->len, 0);
    query_expansion_free(qe);
    assert_int_equal(search(db, "cls Occitanie", NULL), 1);   /* both expanded, ANDed */
    /* the words of rights (rights.ttl): everyday words and acronyms */
    assert_int_equal(search(db, "enterrement", NULL), 1);     /* -> obsèques */
    assert_int_equal(search(db, "aah", NULL), 1);             /* -> allocation aux adultes... */
    assert_int_equal(search(db, "asso quartier", NULL), 1);  /* -> association */
    /* beside NEAR or ADJ, which Xapian applies to words only, nothing is
     * expanded; a "veillexp:" typed is no field (tests/fuzz/fuzz_query) */
    static const char *const as_typed[] = { "suicide NEAR/3 crise", "crise ADJ suicide",
                                            "veillexp:0 ADJ suicide", "VeillExp:0" };
    for (size_t i = 0; i < G_N_ELEMENTS(as_typed); i++) {
        query_expansion *q = query_expansion_new(voc, mat, NULL, concept_terms, as_typed[i]);
        if (strstr(q->text, "veillexp:") != NULL || (i < 2 && q->mentions->expansions->len != 0))
            fail_msg("\"%s\" expands to \"%s\"", as_typed[i], q->text);
        query_expansion_free(q);
    }
    unsigned freq = 0;  /* the tagger's mentions are in the index either way */
    assert_int_equal(xap_db_termfreq(db, PFX_CONCEPT "contrat-local-de-sante", &freq, NULL), 0);
    assert_int_equal(freq, 2);

    record_builder_free(rb);
    xap_wdb_free(w);
    test_rmtree(dir);
    g_free(dir);
}

/* A national report's examples from many regions make it national; the
 * one its title names stays. */
static void test_many_regions(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GString *s = g_string_new(NULL);
    filler(s, 30); /* past the first lines, where a place is the subject */
    static const char *const towns[] = { "Lyon", "Marseille", "Lille", "Nantes", "Rennes",
                                         "Strasbourg" };
    for (size_t i = 0; i < G_N_ELEMENTS(towns); i++)
        g_string_append_printf(s, "À %s, la cantine sert des repas bio. La ville de %s "
                                  "a signé. Les écoles de %s aussi.\n", towns[i], towns[i],
                               towns[i]);
    /* the most cited: over a quarter of the mentions, short of half */
    g_string_append(s, "La ville de Bordeaux a changé ses achats, les écoles de Bordeaux aussi.\n"
                       "Les cuisiniers de Bordeaux forment ceux de Bordeaux Métropole.\n"
                       "Le marché de Bordeaux fournit les cantines de Bordeaux.\n"
                       "Les parents de Bordeaux ont voté, et les élus de Bordeaux suivent.\n"
                       "Un bilan de Bordeaux est prévu ; le comité de Bordeaux le lira.\n");
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    docmeta *m = tagged_traced(t, "Les achats des cantines en 2022", s->str, trace);
    assert_true(has_tag(m, "region", "national"));
    assert_false(has_tag(m, "region", "nouvelle-aquitaine"));
    /* for this reason, and --explain says it */
    assert_true(trace_says(trace, "région écartée : Nouvelle-Aquitaine", "7 régions citées"));
    g_ptr_array_unref(trace);
    docmeta_free(m);
    m = tagged(t, "Les achats des cantines de Nouvelle-Aquitaine en 2022", s->str);
    assert_true(has_tag(m, "region", "nouvelle-aquitaine"));
    assert_false(has_tag(m, "region", "national"));
    docmeta_free(m);
    g_string_free(s, TRUE);
    tagger_free(t);
}

/* A long national report that names the capital in passing is not about
 * its region; a short text that names it as often is. */
static void test_region_in_passing(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GString *s = g_string_new(NULL);
    filler(s, 30); /* past the first lines */
    /* lines of their own: a repeated line is a page's header */
    static const char *const cited[] = {
        "Le colloque de Paris réunit les caisses.", "Une enquête menée à Paris le montre.",
        "Les startups de Paris proposent des capteurs.", "Le salon de Paris attire les mutuelles.",
        "Un laboratoire de Paris teste la domotique.", "La mairie de Paris finance une plateforme.",
        "Des aidants de Paris témoignent.", "Le ministère, à Paris, coordonne les filières.",
        "Une école de Paris forme des ergothérapeutes.", "Un hôpital de Paris suit une cohorte.",
        "Les bailleurs de Paris adaptent des logements.", "Une banque de Paris prête aux seniors.",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cited); i++)
        g_string_append_printf(s, "%s\n", cited[i]);
    GString *brief = g_string_new(s->str);
    filler(s, 5000); /* about 300,000 characters in all: 4 mentions per 100,000 */
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    docmeta *m = tagged_traced(t, "L'économie du vieillissement", s->str, trace);
    assert_false(has_tag(m, "region", "ile-de-france"));
    assert_true(trace_says(trace, "région écartée : Île-de-France", "en passant"));
    g_ptr_array_unref(trace);
    docmeta_free(m);
    m = tagged(t, "L'économie du vieillissement", brief->str);
    assert_true(has_tag(m, "region", "ile-de-france"));
    docmeta_free(m);
    g_string_free(brief, TRUE);
    g_string_free(s, TRUE);
    tagger_free(t);
}

/* A long report names its subject far more often than the themes it
 * passes by, which the caps would otherwise score alike. */
static void test_passing_themes(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < 40; i++)
        g_string_append_printf(s, "La restauration collective sert des repas, point %u. "
                                  "L'alimentation et la nutrition des convives.\n", i);
    /* schools, twice over three labels: 6 mentions against 120 */
    g_string_append(s, "La restauration scolaire et l'établissement scolaire. "
                       "La cantine scolaire de l'établissement scolaire, la restauration "
                       "scolaire et la cantine scolaire.\n");
    docmeta *m = tagged_traced(t, "Les repas en restauration collective publique", s->str, trace);
    assert_true(has_tag(m, "theme", "nutrition"));
    assert_false(has_tag(m, "theme", "sante-et-education"));
    /* --explain says why */
    assert_true(trace_says(trace, "thème écarté : Santé et éducation", NULL));
    docmeta_free(m);
    /* the same passing theme in the title is the document's */
    m = tagged(t, "La restauration scolaire au collège", s->str);
    assert_true(has_tag(m, "theme", "sante-et-education"));
    docmeta_free(m);
    g_string_free(s, TRUE);
    g_ptr_array_unref(trace);
    tagger_free(t);
}

/* Short texts (an invitation, a page) name their subject a few times;
 * places written as French writes them: "du Havre", "l'OMS", "quartiers
 * Nord", a department or a town of some size named at the top. */
static void test_short_texts_and_places(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    static const char *const cls =
        "La commune a signé jeudi un contrat local de santé avec l'agence régionale. "
        "Ce contrat local de santé porte sur la prévention et les habitants. Le CLS court "
        "sur cinq ans.\n";
    /* three times in a short text: its subject */
    docmeta *m = tagged(t, "Une première pour la commune", cls);
    assert_true(has_tag(m, "theme", "contrat-local-de-sante"));
    docmeta_free(m);
    /* three times in a long one: in passing, and --explain says by how much */
    GString *s = g_string_new(cls);
    filler(s, 100);
    m = tagged_traced(t, "Une première pour la commune", s->str, trace);
    assert_false(has_tag(m, "theme", "contrat-local-de-sante"));
    assert_true(trace_says(trace, "thème sous le seuil : Contrat local de santé", "seuil 5.0"));
    docmeta_free(m);
    g_string_free(s, TRUE);

    static const struct {
        const char *title, *text, *facet, *id;
        gboolean tagged;
    } rows[] = {
        /* "Le Havre" after "de" and "à" */
        { "Santé publique", "Les élus se sont réunis à la salle des fêtes du Havre. Au Havre, "
          "le plan d'actions. Les habitants du Havre en parlent.", "region", "normandie", TRUE },
        { "Santé publique", "Les médecins des Abymes. Aux Abymes, la mairie agit. La ville des Abymes.",
          "region", "guadeloupe", TRUE },
        /* "Nord" as a direction */
        { "État des lieux", "La santé dans les quartiers Nord de Marseille. Les quartiers Nord "
          "et le Nord de la ville. Le Nord-Est de la ville. Afrique du Nord.",
          "department", "departement-59", FALSE },
        { "État des lieux", "Le département du Nord. Le Nord agit. Dans le Nord, les jeunes.",
          "department", "departement-59", TRUE },
        /* a commune's article or contraction never takes a department's first word */
        { "Les collèges", "Le conseil départemental du Val-de-Marne. Dans le Val-de-Marne, "
          "les collèges du Val-de-Marne.", "department", "departement-94", TRUE },
        { "Les collèges", "Le conseil départemental du Val-de-Marne. Dans le Val-de-Marne, "
          "les collèges du Val-de-Marne.", "department", "departement-51", FALSE },
        { "Les volcans", "Le département du Puy-de-Dôme. Au Puy-de-Dôme, la santé.",
          "department", "departement-63", TRUE },
        /* a small commune named like a word is not looked for contracted */
        { "Santé publique", "La capitainerie du Port. Le directeur du Port et la place du Port.",
          "region", "la-reunion", FALSE },
        { "Santé publique", "Le Nord-Isère et le Nord-Cotentin. La gare du Nord, l'hôpital Nord.",
          "department", "departement-59", FALSE },
        /* a department named at the top: its region */
        { "Aide au maintien dans le logement", "Eure-et-Loir\nLe fonds aide les locataires.",
          "region", "centre-val-de-loire", TRUE },
        /* a short text's only place, named once: where it stands, unless the
         * text says it is national (a national seminar held in Paris) */
        { "Santé publique", "Les élus ont adopté jeudi le contrat, salle Raoul Dufy du Havre.",
          "region", "normandie", TRUE },
        { "Actes du séminaire national", "Le séminaire s'est tenu à Paris le 7 février.",
          "region", "ile-de-france", FALSE },
        { "Actes du séminaire national", "Le séminaire s'est tenu à Paris le 7 février.",
          "region", "national", TRUE },
        /* a commune of 9,500 inhabitants named at the top, only there: meant */
        { "Service de transport à Redon", "Le service aide les personnes handicapées.",
          "region", "bretagne", TRUE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        m = tagged(t, rows[i].title, rows[i].text);
        if (has_tag(m, rows[i].facet, rows[i].id) != rows[i].tagged)
            fail_msg("row %zu: %s %s %s", i, rows[i].facet, rows[i].id,
                     rows[i].tagged ? "missing" : "tagged");
        docmeta_free(m);
    }
    g_ptr_array_unref(trace);
    tagger_free(t);
}

/* "l'OMS" is the acronym (acronyms.ttl), never the commune Oms
 * (Pyrénées-Orientales), as "ARS" is never Ars. */
static int count_place(const match_hit *hit, void *ud)
{
    for (guint i = 0; i < hit->n_concepts; i++)
        if (strcmp(hit->concepts[i]->id, "commune-oms-66") == 0)
            (*(int *)ud)++;
    return 0;
}

static void test_acronym_no_commune(void **state)
{
    (void)state;
    int n = 0;
    matcher_scan(mat, "Le réseau des Villes-Santé de l'OMS et le CNFPT.", 0, MATCH_STRICT,
                 count_place, &n);
    assert_int_equal(n, 0);
    matcher_scan(mat, "Village d'Oms : la fête", 0, MATCH_STRICT, count_place, &n);
    assert_int_equal(n, 1);
}

/* On a schema-2 index: one phrase query per label. */
static void test_expansion_phrases(void **state)
{
    (void)state;
    concept_terms = FALSE;
    expansion_checks();
}

/* On a schema-3 index: the concepts' XK terms stand for their labels. */
static void test_expansion_concept_terms(void **state)
{
    (void)state;
    concept_terms = TRUE;
    expansion_checks();
}

/* The digest of a SKOS folder: what a run compares to reuse the stored
 * vocabulary.  The same files give the same digest; a changed byte, a
 * renamed file or a new one another; files it would not read do not count. */
static void test_dir_digest(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-digest-XXXXXX");
    char *a = g_build_filename(dir, "a.ttl", NULL), *b = g_build_filename(dir, "b.ttl", NULL);
    char *note = g_build_filename(dir, "README.md", NULL);
    assert_true(g_file_set_contents(a, "@prefix x: <urn:x#> .\n", -1, NULL));
    assert_null(skos_dir_digest("/nonexistent/veille", &err));
    char *d1 = skos_dir_digest(dir, &err), *d2 = skos_dir_digest(dir, &err);
    assert_non_null(d1);
    assert_string_equal(d1, d2);
    assert_true(g_file_set_contents(note, "notes", -1, NULL));
    char *d3 = skos_dir_digest(dir, &err);
    assert_string_equal(d1, d3);                       /* not a SKOS file */
    assert_true(g_file_set_contents(a, "@prefix x: <urn:y#> .\n", -1, NULL));
    char *d4 = skos_dir_digest(dir, &err);
    assert_string_not_equal(d1, d4);                   /* one byte changed */
    assert_int_equal(g_rename(a, b), 0);
    char *d5 = skos_dir_digest(dir, &err);
    assert_string_not_equal(d4, d5);                   /* renamed */
    char *all[] = { d1, d2, d3, d4, d5, a, b, note };
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(all[i]);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_turtle),  cmocka_unit_test(test_load_rdfxml_and_errors),
        cmocka_unit_test(test_matching),     cmocka_unit_test(test_rollup),
        cmocka_unit_test(test_tagging),      cmocka_unit_test(test_communes),
        cmocka_unit_test(test_where_places_stand), cmocka_unit_test(test_passing_themes),
        cmocka_unit_test(test_many_regions),    cmocka_unit_test(test_region_in_passing),
        cmocka_unit_test(test_short_texts_and_places), cmocka_unit_test(test_acronym_no_commune),
        cmocka_unit_test(test_expansion_phrases),
        cmocka_unit_test(test_expansion_concept_terms), cmocka_unit_test(test_dir_digest),
    };
    return cmocka_run_group_tests_name("thesaurus", tests, setup, teardown);
}
