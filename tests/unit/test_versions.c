/* test_versions.c - sketches of texts (versions.h): the same text is
 * alike to itself, a text with a changed word or an added sentence stays
 * a version, another text under the same title is not, nor the same text
 * under another title; words naming an edition do not change a title;
 * a short text has no sketch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "versions.h"

/* A text of n pseudo-random French-looking words drawn from seed. */
static char *words(guint n, guint32 seed)
{
    static const char *const pool[] = {
        "santé", "mentale", "atelier", "ville", "habitants", "diagnostic", "réunion",
        "partenaires", "coordination", "quartier", "prévention", "accès", "soins", "droits",
        "nutrition", "jeunes", "parcours", "médiation", "contrat", "local", "évaluation",
        "action", "projet", "territoire", "élus", "associations", "professionnels", "école",
        "logement", "précarité", "addictions", "dépistage", "vaccination", "mobilité",
    };
    GString *s = g_string_new(NULL);
    GRand *r = g_rand_new_with_seed(seed);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(s, "%s%s", i ? " " : "",
                               pool[g_rand_int_range(r, 0, G_N_ELEMENTS(pool))]);
    g_rand_free(r);
    return g_string_free(s, FALSE);
}

static void test_alike(void **state)
{
    (void)state;
    char *text = words(3000, 1), *other = words(3000, 2);
    versions_sketch a, b, c, d;
    const char *title = "Diagnostic local de santé de Cayenne";
    assert_true(versions_sketch_make(title, text, &a));
    assert_true(versions_sketch_make(title, text, &b));
    assert_true(versions_resemblance(&a, &b) == 1.0);
    assert_true(versions_alike(&a, &b));

    /* a few words changed and a sentence added: still a version */
    GString *edited = g_string_new(text);
    for (gsize i = 0; i < edited->len; i += 2000)
        edited->str[i] = 'z';
    g_string_append(edited, " Version définitive, validée en séance plénière du comité.");
    assert_true(versions_sketch_make("Diagnostic local de santé de Cayenne (version définitive)",
                                     edited->str, &c));
    assert_true(versions_resemblance(&a, &c) >= VERSIONS_RESEMBLANCE);
    assert_true(versions_alike(&a, &c)); /* "version définitive" names an edition */

    /* another text under the same title, the same text under another title */
    assert_true(versions_sketch_make(title, other, &d));
    assert_true(versions_resemblance(&a, &d) < 0.2);
    assert_false(versions_alike(&a, &d));
    assert_true(versions_sketch_make("Diagnostic local de santé de Mamoudzou", text, &d));
    assert_false(versions_alike(&a, &d));
    /* no title: never a version */
    assert_true(versions_sketch_make(NULL, text, &d));
    assert_false(versions_alike(&d, &d));

    /* accents and case do not matter */
    char *upper = g_utf8_strup(text, -1);
    assert_true(versions_sketch_make("DIAGNOSTIC LOCAL DE SANTE DE CAYENNE", upper, &d));
    assert_true(versions_alike(&a, &d));
    g_free(upper);
    g_string_free(edited, TRUE);
    g_free(other);
    g_free(text);
}

static void test_short(void **state)
{
    (void)state;
    versions_sketch s;
    char *text = words(VERSIONS_MIN_SHINGLES, 3); /* 4 shingles short of the minimum */
    assert_false(versions_sketch_make("Invitation", text, &s));
    assert_false(versions_sketch_make("Invitation", NULL, &s));
    g_free(text);
    text = words(VERSIONS_MIN_SHINGLES + VERSIONS_SHINGLE, 3);
    assert_true(versions_sketch_make("Invitation", text, &s));
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alike),
        cmocka_unit_test(test_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
