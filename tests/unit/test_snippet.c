/* test_snippet.c - highlighted passages: the query's words (no operators,
 * field prefixes or stop words; folded and singular, by the one plural
 * rule), marked whatever their accents, case and number, everything else
 * HTML-escaped, the best window of words with ellipses, and the start of
 * the text when nothing matches. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "snippet.h"

static char *joined(const GPtrArray *words)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < words->len; i++)
        g_string_append_printf(s, "%s%s", i > 0 ? " " : "", (char *)g_ptr_array_index(words, i));
    return g_string_free(s, FALSE);
}

static void test_query_words(void **state)
{
    (void)state;
    static const struct { const char *q, *words; } rows[] = {
        { "Santé MENTALE", "sante mentale" },
        { "titre:guide AND les NEAR/3 locaux", "guide 3 local" },
        { "\"soins\" OR (réseaux -bureaux)", "soin reseau bureau" },
        { "les des aux", "" },
        { "hygiène dans un restaurant", "hygiene restaurant" }, /* "dans", not its "dan" */
        { "", "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        GPtrArray *w = snippet_query_words(rows[i].q);
        char *got = joined(w);
        if (strcmp(got, rows[i].words) != 0)
            fail_msg("\"%s\" gives \"%s\", not \"%s\"", rows[i].q, got, rows[i].words);
        g_free(got);
        g_ptr_array_unref(w);
    }
}

static void test_passages(void **state)
{
    (void)state;
    static const struct { const char *q, *text; guint max; const char *snippet; } rows[] = {
        { "sante locaux soin",
          "Un guide pour la Santé des habitants : les <b>soins</b> & le local du centre.", 30,
          "Un guide pour la <mark>Santé</mark> des habitants : les &lt;b&gt;<mark>soins</mark>"
          "&lt;/b&gt; &amp; le <mark>local</mark> du centre" },
        { "mentale",
          "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze santé "
          "mentale fin du texte ici encore", 6,
          "… onze douze treize quatorze santé <mark>mentale</mark> …" },
        { "zythologue", "Début du texte, sans le mot.", 3, "Début du texte …" },
        { "réseau", "Les RÉSEAUX\tlocaux\nde santé", 10,
          "Les <mark>RÉSEAUX</mark> locaux de santé" },
        { "santé", "", 10, "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        GPtrArray *w = snippet_query_words(rows[i].q);
        char *s = snippet_make(rows[i].text, w, rows[i].max);
        if (strcmp(s, rows[i].snippet) != 0)
            fail_msg("\"%s\" in \"%s\": \"%s\"", rows[i].q, rows[i].text, s);
        g_free(s);
        g_ptr_array_unref(w);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_words),
        cmocka_unit_test(test_passages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
