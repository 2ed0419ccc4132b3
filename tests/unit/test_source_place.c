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
        { "https://www.vienne.fr/", NULL }, /* the town of Isère or the Vienne (86)? */
        { "https://www.saint-paul-de-vence.fr/", "commune-saint-paul-de-vence-06" }, /* small, whole */
        { "https://www.montreuil-bellay.fr/", "commune-montreuil-bellay-49" },
        { "https://chu-nimes.fr/journee", "commune-nimes-30" },
        { "https://www.montpellier3m.fr/", "commune-montpellier-34" },
        /* departments: by name, by number after an institution's acronym */
        { "https://www.gironde.fr/", "departement-33" },
        { "https://parents.mda34.org/consultation", "departement-34" },
        { "http://www.mutualite63.org/asv", "departement-63" },
        { "https://www.departement13.fr/", "departement-13" },
        { "https://www.cpias-grand-est.fr/", "grand-est" }, /* a region at the end */
        { "https://www.promosante-idf.fr/", "ile-de-france" },   /* ... as the last part */
        { "https://www.paris-normandie.fr/", "normandie" },      /* a daily of Rouen */
        /* national sites, copies, the press, no address */
        { "https://www.sante.gouv.fr/circulaire", NULL },
        { "https://docplayer.fr/13928709-Enquete.html", NULL },
        { "https://www.fabrique-territoires-sante.org/asv/", NULL },
        { "https://www.lagazettedescommunes.com/clsm", NULL },
        { "https://www.orange.fr/", NULL },        /* a common word, a firm */
        { "https://www.centre-hospitalier-dax.fr/", NULL },
        { "https://www.covid19.gouv.fr/", NULL },  /* a number after no institution */
        { "https://www.saintdenis.fr/", NULL },    /* two large communes of that name */
        { "https://www.hopital-sainte-anne.fr/", NULL }, /* a smaller Sainte-Anne counts too */
        { "https://www.hopital-saint-andre.fr/", NULL }, /* hospitals bear saints' names */
        { "https://www.saint-quentin-en-yvelines.fr/", NULL }, /* no Saint-Quentin (Aisne) */
        { "https://www.parismatch.com/", NULL },   /* a common word's town: no prefix */
        { "https://www.tours-de-magie.fr/", NULL },
        { "https://www.reunion-publique.fr/", NULL }, /* a meeting, not La Réunion */
        { "https://www.antony-photographe.fr/", NULL },
        { "https://www.jura.ch/", NULL },          /* another country's */
        { "https://user:pw@www.amiens.fr:8443/rapport%E9.pdf?q=sant%E9", "commune-amiens-80" },
        { "http://192.168.1.10/rapport.pdf", NULL },
        { "http://localhost/rapport.pdf", NULL },
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
 * address; a national text it relays stays national, and a text that
 * names its region keeps that one alone. */
static void test_tagging_from_source(void **state)
{
    (void)state;
    static const char cls[] = "L'agence accompagne les collectivités qui signent un contrat "
                              "local de santé avec elle. Le contrat porte sur cinq ans.";
    static const struct {
        const char *url, *title, *text, *tagged, *not_tagged;
    } rows[] = {
        { NULL, "Les contrats locaux de santé", cls, "national", "bretagne" },
        { "https://www.bretagne.ars.sante.fr/cls", "Les contrats locaux de santé", cls,
          "bretagne", "national" },
        { "https://www.bretagne.ars.sante.fr/cls",
          "Instruction nationale sur les contrats locaux de santé",
          "France entière. Cette instruction s'applique sur l'ensemble du territoire "
          "national aux contrats locaux de santé.", "national", "bretagne" },
        { "https://www.bretagne.ars.sante.fr/cls", "Signature du contrat local de santé",
          "Occitanie\nLe contrat a été signé jeudi par les élus.", "occitanie", "bretagne" },
        { "https://www.amiens.fr/actualites", "Le diagnostic de santé de la Martinique",
          "En Martinique, le diagnostic. La Martinique et ses communes. Les habitants de la "
          "Martinique. La Martinique agit.", "martinique", "hauts-de-france" },
    };
    tagger *t = tagger_new(voc);
    GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        docmeta *m = docmeta_new();
        docmeta_set(&m->source_url, rows[i].url);
        docmeta_set(&m->title, rows[i].title);
        docmeta_set(&m->text, rows[i].text);
        g_ptr_array_set_size(trace, 0);
        tagger_apply_traced(t, m, TRUE, NULL, trace);
        if (!has_region(m, rows[i].tagged) || has_region(m, rows[i].not_tagged))
            fail_msg("row %zu: %s expected, %s not", i, rows[i].tagged, rows[i].not_tagged);
        gboolean told = FALSE; /* --explain names the host, counted or not */
        for (guint j = 0; j < trace->len; j++)
            told |= strstr(g_ptr_array_index(trace, j), "lieu de l'adresse du site") != NULL;
        assert_true(told == (rows[i].url != NULL));
        docmeta_free(m);
    }
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
