/* test_source_place.c - the place a source address names (source_place.h),
 * and what the tagger makes of it: hosts of regional agencies, towns and
 * departments, hosts that name no place, and a page that never names its
 * region. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "source_place.h"
#include "tag.h"
#include "vocab.h"

static vocab *voc;

static int setup(void **state)
{
    (void)state;
    voc = test_load_thesaurus();
    return voc != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vocab_free(voc);
    return 0;
}

static void test_hosts(void **state)
{
    (void)state;
    source_places *s = source_places_new(voc);
    static const struct {
        const char *url, *place; /* the place's id, NULL: none */
    } rows[] = {
        /* regional agencies, by region name, run together or not, or acronym */
        { "https://www.bretagne.ars.sante.fr/contrats-locaux-de-sante", "bretagne" },
        { "https://www.hauts-de-france.ars.sante.fr/guide", "hauts-de-france" },
        { "https://www.centre-val-de-loire.ars.sante.fr/", "centre-val-de-loire" },
        { "https://www.iledefrance.ars.sante.fr/", "ile-de-france" },
        { "https://www.paca.ars.sante.fr/", "provence-alpes-cote-d-azur" },
        { "http://www.ors-paca.org/etudes", "provence-alpes-cote-d-azur" },
        { "https://www.alsace.fr/", "ancienne-alsace" }, /* a former region: rolls up */
        /* top-level domains of one region */
        { "https://lejournaldemayotte.yt/2021/cls", "mayotte" },
        { "https://www.isula.corsica/avis", "corse" },
        { "https://www.ireps-bretagne.bzh/", "bretagne" },
        /* towns: by name, after the town's word, at the start of a label */
        { "https://www.amiens.fr/sante", "commune-amiens-80" },
        { "https://www.neuillysurseine.fr/clsm", "commune-neuilly-sur-seine-92" },
        { "https://www.ville-cholet.fr/", "commune-cholet-49" },
        { "https://www.ville-vienne.fr/", "commune-vienne-38" }, /* not the Vienne (86) */
        { "https://www.vienne.fr/", "departement-86" },
        { "https://chu-nimes.fr/journee", "commune-nimes-30" },
        { "https://www.lehavreseinemetropole.fr/cls", "commune-le-havre-76" },
        /* departments: by name, by number after an institution's acronym */
        { "https://www.gironde.fr/", "departement-33" },
        { "https://parents.mda34.org/consultation", "departement-34" },
        { "http://www.mutualite63.org/asv", "departement-63" },
        { "https://www.departement13.fr/", "departement-13" },
        { "https://www.cpias-grand-est.fr/", "grand-est" }, /* a region at the end */
        /* national sites, copies, the press, no address */
        { "https://www.sante.gouv.fr/circulaire", NULL },
        { "https://docplayer.fr/13928709-Enquete.html", NULL },
        { "https://www.fabrique-territoires-sante.org/asv/", NULL },
        { "https://www.lagazettedescommunes.com/clsm", NULL },
        { "https://www.orange.fr/", NULL },        /* a common word, a firm */
        { "https://www.centre-hospitalier-dax.fr/", NULL }, /* not the former region Centre */
        { "https://www.covid19.gouv.fr/", NULL },  /* a number after no institution */
        { "https://www.promosante-idf.fr/", NULL }, /* a name that is no label's part */
        { "https://www.saintdenis.fr/", NULL },    /* two large communes of that name */
        { "ftp://www.amiens.fr/", NULL },
        { "/home/doc/amiens.pdf", NULL },
        { "pas une adresse", NULL },
        { "", NULL },
    };
    int wrong = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *how = NULL;
        const vocab_concept *c = source_places_find(s, rows[i].url, &how);
        if ((c == NULL) != (rows[i].place == NULL) ||
            (c != NULL && strcmp(c->id, rows[i].place) != 0))
        {
            print_error("%s: %s, expected %s\n", rows[i].url, c != NULL ? c->id : "none",
                        rows[i].place != NULL ? rows[i].place : "none");
            wrong++;
        }
        if (c != NULL) /* --explain says from which host and how */
            assert_non_null(strstr(how, c->pref));
        g_free(how);
    }
    assert_int_equal(wrong, 0);
    assert_null(source_places_find(s, NULL, NULL));
    source_places_free(s);
}

static gboolean has_region(const docmeta *m, const char *id)
{
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *tag = g_ptr_array_index(m->tags, i);
        if (strcmp(tag->facet, "region") == 0 && strcmp(tag->id, id) == 0)
            return TRUE;
    }
    return FALSE;
}

/* A regional agency's page that never names its region gets it from its
 * address; an address names no place against a text that names another
 * region throughout. */
static void test_tagging_from_source(void **state)
{
    (void)state;
    tagger *t = tagger_new(voc);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Les contrats locaux de santé");
    docmeta_set(&m->text, "L'agence accompagne les collectivités qui signent un contrat local "
                          "de santé avec elle. Le contrat porte sur cinq ans.");
    tagger_apply_traced(t, m, TRUE, NULL, trace);
    assert_false(has_region(m, "bretagne"));
    assert_true(has_region(m, "national"));

    docmeta_set(&m->source_url, "https://www.bretagne.ars.sante.fr/contrats-locaux-de-sante");
    g_ptr_array_set_size(trace, 0);
    tagger_apply_traced(t, m, TRUE, NULL, trace);
    assert_true(has_region(m, "bretagne"));
    assert_false(has_region(m, "national"));
    gboolean told = FALSE; /* --explain names the host */
    for (guint i = 0; i < trace->len; i++)
        told |= strstr(g_ptr_array_index(trace, i), "www.bretagne.ars.sante.fr") != NULL;
    assert_true(told);

    /* a town's site counts for its region as one mention: a text about
     * another region throughout keeps that one alone */
    docmeta_set(&m->source_url, "https://www.amiens.fr/actualites");
    docmeta_set(&m->title, "Le diagnostic de santé de la Martinique");
    docmeta_set(&m->text, "En Martinique, le diagnostic. La Martinique et ses communes. Les "
                          "habitants de la Martinique. La Martinique agit.");
    tagger_apply(t, m, TRUE, NULL);
    assert_true(has_region(m, "martinique"));
    assert_false(has_region(m, "hauts-de-france"));
    docmeta_free(m);
    g_ptr_array_unref(trace);
    tagger_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hosts),
        cmocka_unit_test(test_tagging_from_source),
    };
    return cmocka_run_group_tests_name("source_place", tests, setup, teardown);
}
