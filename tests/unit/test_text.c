/* test_text.c - charset conversion, clean-up, folding, slugs, dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "text.h"
#include "docmeta.h"

typedef struct { const char *in; const char *out; } pair;

static void test_fold(void **state)
{
    (void)state;
    static const pair rows[] = {
        { "Santé mentale", "sante mentale" },
        { "RÉUNION", "reunion" },
        { "La Réunion", "la reunion" },
        { "l'accès aux soins", "l acces aux soins" },
        { "d\xE2\x80\x99" "\xC3\xA9valuation", "d evaluation" },   /* d’évaluation */
        { "Œuvre cœur", "oeuvre coeur" },
        { "ﬁnancement", "financement" },                       /* ligature fi */
        { "Île-de-France", "ile-de-france" },
        { "10\xC2\xA0" "000 habitants", "10 000 habitants" },    /* no-break space */
        { "Straße", "strasse" },
        { "ÇA", "ca" },
        /* what a decomposition yields is folded too (found by tests/fuzz/fuzz_fold) */
        { "x\xE2\x80\xB4y", "x   y" },                      /* triple prime: 3 primes */
        { "l\xEF\xBC\x87" "ecole", "l ecole" },                  /* fullwidth apostrophe */
        { "\xC7\xA3" "r", "aer" },                              /* æ with macron */
        { "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *f = text_fold(rows[i].in, -1);
        assert_string_equal(f, rows[i].out);
        char *again = text_fold(f, -1); /* folded text folds to itself */
        assert_string_equal(again, f);
        g_free(again);
        g_free(f);
    }
}

static void test_slug(void **state)
{
    (void)state;
    static const pair rows[] = {
        { "Santé mentale", "sante-mentale" },
        { "  Accès aux soins / droits ", "acces-aux-soins-droits" },
        { "Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur" },
        { "---", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *s = text_slug(rows[i].in);
        assert_string_equal(s, rows[i].out);
        g_free(s);
    }
}

static void test_charsets(void **state)
{
    (void)state;
    text_charset cs;
    /* Windows-1252: "Réunion – l’été" with 0x96 (en dash) and 0x92 (’) */
    const char cp[] = "R\xE9union \x96 l\x92\xE9t\xE9";
    char *u = text_to_utf8(cp, strlen(cp), &cs);
    assert_int_equal(cs, TEXT_CHARSET_CP1252);
    assert_string_equal(u, "Réunion – l’été");
    g_free(u);

    /* Latin-1 only */
    const char l1[] = "sant\xE9";
    u = text_to_utf8(l1, strlen(l1), &cs);
    assert_string_equal(u, "santé");
    g_free(u);

    /* valid UTF-8, decomposed (NFD) becomes NFC */
    const char nfd[] = "sante\xCC\x81";
    u = text_to_utf8(nfd, strlen(nfd), &cs);
    assert_int_equal(cs, TEXT_CHARSET_UTF8);
    assert_string_equal(u, "santé");
    g_free(u);

    /* mostly UTF-8 with one stray byte: repaired, not re-read as 1252 */
    const char mixed[] = "é è à ç ô \xFF fin";
    u = text_to_utf8(mixed, strlen(mixed), &cs);
    assert_int_equal(cs, TEXT_CHARSET_UTF8_REPAIRED);
    assert_true(g_utf8_validate(u, -1, NULL));
    assert_non_null(strstr(u, "é è à"));
    g_free(u);

    /* UTF-16LE with BOM */
    const char u16[] = "\xFF\xFE" "S\0" "\xE9\0" "!\0";
    u = text_to_utf8(u16, sizeof u16 - 1, &cs);
    assert_int_equal(cs, TEXT_CHARSET_UTF16);
    assert_string_equal(u, "Sé!");
    g_free(u);

    /* NUL bytes and control characters never reach the index */
    const char ctl[] = "a\0b\x01" "c";
    u = text_to_utf8(ctl, sizeof ctl - 1, &cs);
    assert_string_equal(u, "a b c");
    g_free(u);
}

static void test_dehyphenate(void **state)
{
    (void)state;
    char *s = text_dehyphenate("le diag-\nnostic local et Saint-\nDenis, porte-\n parole");
    assert_string_equal(s, "le diagnostic local et Saint-\nDenis, porteparole");
    g_free(s);
}

static void test_truncate(void **state)
{
    (void)state;
    char buf[] = "été";
    text_truncate_utf8(buf, 3); /* would cut inside the second é */
    assert_string_equal(buf, "ét");
    char *sq = text_squash_space("  a \n\t b  ");
    assert_string_equal(sq, "a b");
    g_free(sq);
}

static void test_lang(void **state)
{
    (void)state;
    assert_string_equal(text_guess_lang("le diagnostic local de sante est partage par les acteurs et "
                                        "les habitants du quartier pour la ville"), "fr");
    assert_string_equal(text_guess_lang("the health of the city is a matter for all of the people "
                                        "and it is in their hands"), "en");
    assert_string_equal(text_guess_lang("atelier"), "und");
}

static void test_dates(void **state)
{
    (void)state;
    static const pair rows[] = {
        { "2012-03-05", "2012-03-05" },
        { "D:20120305101500+01'00'", "2012-03-05" },
        { "05/03/2012", "2012-03-05" },
        { "2012-03", "2012-03" },
        { "2012", "2012" },
        { "mars 2012", "2012-03" },
        { "12 décembre 2014", "2014-12-12" },
        { "1er juillet 2013", "2013-07-01" },
        { "29/02/2012", "2012-02-29" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *d = docmeta_parse_date(rows[i].in);
        assert_non_null(d);
        assert_string_equal(d, rows[i].out);
        g_free(d);
    }
    static const char *const bad[] = { "", "hier", "2012-13-01", "32/01/2012", "1850",
                                       "31/02/2012", "2011-02-29", "31 avril 2019", NULL };
    for (size_t i = 0; bad[i] != NULL; i++)
        assert_null(docmeta_parse_date(bad[i]));
}

static void test_docmeta_json(void **state)
{
    (void)state;
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Rapport d'activité \"2012\" <b>");
    docmeta_add(m->authors, "Anne Martin");
    docmeta_add(m->authors, "Anne Martin");
    docmeta_add(m->themes, "Santé mentale");
    docmeta_set(&m->text, "été été");
    m->pages = 12;
    char *json = docmeta_to_json(m, 4);
    docmeta *back = docmeta_from_json(json, -1, NULL);
    assert_non_null(back);
    assert_string_equal(back->title, m->title);
    assert_int_equal(back->authors->len, 1);
    assert_string_equal(g_ptr_array_index(back->themes, 0), "Santé mentale");
    assert_int_equal(back->pages, 12);
    assert_string_equal(back->text, "ét"); /* cut at 4 bytes, on a boundary */
    verr err;
    assert_null(docmeta_from_json("[1,2", -1, &err));
    assert_int_equal(err.code, VERR_PARSE);
    g_free(json);
    docmeta_free(back);
    docmeta_free(m);
}

/* Long texts are normalised piecewise (GLib is quadratic on one long
 * string): the result must be the same as in one piece, including a
 * base letter and its combining accent on both sides of a cut. */
static void test_clean_long(void **state)
{
    (void)state;
    GString *in = g_string_new(NULL), *want = g_string_new(NULL);
    for (int i = 0; i < 20000; i++) {
        g_string_append(in, i % 7 == 0 ? "e\xcc\x81" : "\xc3\xa0" "b\x01"); /* e + U+0301 | à b ^A */
        g_string_append(want, i % 7 == 0 ? "\xc3\xa9" : "\xc3\xa0" "b ");
    }
    g_string_append(in, "\nfin");
    g_string_append(want, "\nfin");
    char *out = text_clean(in->str, -1);
    assert_string_equal(out, want->str);
    g_free(out);
    g_string_free(in, TRUE);
    g_string_free(want, TRUE);
}

static void test_record_format(void **state)
{
    (void)state;
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Diagnostic");
    docmeta_set(&m->text, "Le texte, accentué.");
    gsize len = 0;
    char *rec = docmeta_to_record(m, 1000, &len);
    assert_int_equal(len, strlen(rec) + 1 + strlen("Le texte, accentué."));
    docmeta *full = docmeta_from_record(rec, len, TRUE, NULL);
    docmeta *meta = docmeta_from_record(rec, len, FALSE, NULL);
    assert_string_equal(full->text, "Le texte, accentué.");
    assert_string_equal(full->title, "Diagnostic");
    assert_null(meta->text);
    assert_string_equal(meta->title, "Diagnostic");
    docmeta_free(full);
    docmeta_free(meta);
    g_free(rec);
    docmeta_free(m);
}

/* One plural rule for matching, query widening and snippets. */
static void test_singular(void **state)
{
    (void)state;
    static const struct { const char *word, *singular; } rows[] = {
        { "locaux", "local" }, { "nationaux", "national" }, { "hopitaux", "hopital" },
        { "reseaux", "reseau" }, { "bordeaux", "bordeau" }, { "eaux", "eau" },
        { "travaux", "traval" }, /* not "travail": see text.h */
        { "soins", "soin" }, { "rendus", "rendu" }, { "prix", "pri" },
        { "aux", "aux" }, { "des", "des" }, { "bus", "bus" }, { "faux", "fau" },
        { "local", "local" }, { "sante", "sante" }, { "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *w = g_strdup(rows[i].word);
        size_t n = text_singular(w, strlen(w));
        assert_string_equal(w, rows[i].singular);
        assert_int_equal(n, strlen(rows[i].singular));
        g_free(w);
    }
    char buf[] = "locaux et";            /* a word inside a longer text */
    assert_int_equal(text_singular(buf, 6), 5);
    assert_string_equal(buf, "local");
}

/* One test of the query parser's boolean operators. */
static void test_operators(void **state)
{
    (void)state;
    static const struct { const char *tok; gboolean op, proximity; } rows[] = {
        { "AND", TRUE, FALSE }, { "OR", TRUE, FALSE }, { "NOT", TRUE, FALSE },
        { "XOR", TRUE, FALSE }, { "NEAR", TRUE, TRUE }, { "ADJ", TRUE, TRUE },
        { "NEAR/3", TRUE, TRUE }, { "ADJ/12", TRUE, TRUE }, { "OR/2", FALSE, FALSE },
        { "and", FALSE, FALSE }, { "ANDROID", FALSE, FALSE }, { "NEARBY", FALSE, FALSE },
        { "ADJOINT", FALSE, FALSE }, { "", FALSE, FALSE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        size_t n = strlen(rows[i].tok);
        if (text_is_operator(rows[i].tok, n) != rows[i].op ||
            text_is_proximity(rows[i].tok, n) != rows[i].proximity)
            fail_msg("\"%s\"", rows[i].tok);
    }
    assert_true(text_is_operator("OR santé", 2));  /* n bytes of a longer text */
    assert_true(text_is_stopword("les"));
    assert_false(text_is_stopword("sante"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),         cmocka_unit_test(test_slug),
        cmocka_unit_test(test_charsets),     cmocka_unit_test(test_dehyphenate),
        cmocka_unit_test(test_truncate),     cmocka_unit_test(test_lang),
        cmocka_unit_test(test_dates),        cmocka_unit_test(test_docmeta_json),
        cmocka_unit_test(test_clean_long),   cmocka_unit_test(test_record_format),
        cmocka_unit_test(test_singular),     cmocka_unit_test(test_operators),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
