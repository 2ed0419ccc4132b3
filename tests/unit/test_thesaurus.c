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
    verr err;
    voc = skos_load_dir("thesaurus", &err);
    if (voc == NULL) {
        fprintf(stderr, "thesaurus: %s\n", err.msg);
        return -1;
    }
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
    assert_true(counts[VOCAB_TOWN] >= 101);
    assert_true(counts[VOCAB_ACRONYM] >= 14);
    assert_string_equal(vocab_get(voc, "departement-2a")->notation, "2A");
    /* the compiled form round-trips */
    char *json = vocab_to_json(voc);
    vocab *back = vocab_from_json(json, -1, NULL);
    assert_non_null(back);
    assert_string_equal(vocab_digest(back), vocab_digest(voc));
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
        { "Saint-Denis de La Réunion", MATCH_STRICT, "commune-saint-denis-974" },
        { "en Provence-Alpes-Côte d'Azur", MATCH_STRICT, "provence-alpes-cote-d-azur" },
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_turtle),  cmocka_unit_test(test_load_rdfxml_and_errors),
        cmocka_unit_test(test_matching),     cmocka_unit_test(test_rollup),
        cmocka_unit_test(test_tagging),      cmocka_unit_test(test_expansion_phrases),
        cmocka_unit_test(test_expansion_concept_terms),
    };
    return cmocka_run_group_tests_name("thesaurus", tests, setup, teardown);
}
