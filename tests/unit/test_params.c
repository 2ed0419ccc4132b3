/* test_params.c - search request parameters: values split, trimmed and
 * deduplicated, every bound refused with a message that says it, costly
 * requests told apart. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "params.h"

/* Reads key=value pairs (NULL-terminated) into *req; returns the error. */
static char *read_pairs(search_request *req, const char *const *pairs)
{
    params p;
    memset(req, 0, sizeof *req);
    params_init(&p, req);
    for (size_t i = 0; pairs[i] != NULL; i += 2)
        params_add(&p, pairs[i], pairs[i + 1]);
    return params_take_error(&p);
}

static void test_values_split_trimmed_deduplicated(void **state)
{
    (void)state;
    search_request r;
    const char *const pairs[] = { "theme", "nutrition, habitat,,nutrition", "theme", " habitat",
                                  "region", "occitanie", "q", "santé", NULL };
    assert_null(read_pairs(&r, pairs));
    assert_int_equal(r.themes->len, 2);
    assert_string_equal(g_ptr_array_index(r.themes, 0), "nutrition");
    assert_string_equal(g_ptr_array_index(r.themes, 1), "habitat");
    assert_int_equal(r.regions->len, 1);
    assert_string_equal(r.q, "santé");
    assert_false(params_costly(&r));
    params_clear(&r);
    const char *const news[] = { "sort", "added", "added_since", "2026-11", NULL };
    assert_null(read_pairs(&r, news));
    assert_int_equal(r.sort, SORT_ADDED);
    assert_string_equal(r.added_since, "2026-11");
    params_clear(&r);
}

static void test_bounds(void **state)
{
    (void)state;
    search_request r;
    GString *many = g_string_new("a");
    for (int i = 0; i < 30000; i++)
        g_string_append(many, ",a");
    const char *const same[] = { "source", many->str, NULL };
    char *bad = read_pairs(&r, same);
    assert_non_null(strstr(bad, "400 au plus"));
    g_free(bad);
    params_clear(&r);
    g_string_assign(many, "t0");
    for (int i = 1; i < 40; i++)
        g_string_append_printf(many, ",t%d", i);
    const char *const distinct[] = { "theme", many->str, NULL };
    bad = read_pairs(&r, distinct);
    assert_non_null(strstr(bad, "32 valeurs différentes au plus"));
    g_free(bad);
    params_clear(&r);
    /* 32 themes and 32 regions: allowed; one more value anywhere: refused */
    GString *themes = g_string_new("t0"), *regions = g_string_new("r0");
    for (int i = 1; i < 32; i++) {
        g_string_append_printf(themes, ",t%d", i);
        g_string_append_printf(regions, ",r%d", i);
    }
    const char *const full[] = { "theme", themes->str, "region", regions->str, NULL };
    assert_null(read_pairs(&r, full));
    assert_true(params_costly(&r));
    params_clear(&r);
    const char *const over[] = { "theme", themes->str, "region", regions->str, "type", "x", NULL };
    bad = read_pairs(&r, over);
    assert_non_null(strstr(bad, "64 valeurs différentes au plus en tout"));
    g_free(bad);
    params_clear(&r);
    g_string_free(themes, TRUE);
    g_string_free(regions, TRUE);
    g_string_free(many, TRUE);
}

static void test_mistakes(void **state)
{
    (void)state;
    static const struct { const char *key, *value, *says; } cases[] = {
        { "page", "0", "page" }, { "page", "1x", "page" }, { "per_page", "101", "per_page" },
        { "per_page", "-1", "per_page" }, { "year", "20x4", "n'est pas une année" },
        { "sort", "random", "sort" }, { "facets", "2", "facets" },
        { "date_from", "2014-01-01T00:00", "date" }, { "q", "\xff\xfe", "non UTF-8" },
        { "added_since", "2026-11-30T10:00:00", "added_since" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        search_request r;
        const char *const pairs[] = { cases[i].key, cases[i].value, NULL };
        char *bad = read_pairs(&r, pairs);
        assert_non_null(bad);
        assert_non_null(strstr(bad, cases[i].says));
        assert_true(g_utf8_validate(bad, -1, NULL));
        g_free(bad);
        params_clear(&r);
    }
    char *long_q = g_strnfill(PARAMS_Q_LEN + 1, 'a');
    search_request r;
    const char *const pairs[] = { "q", long_q, NULL };
    char *bad = read_pairs(&r, pairs);
    assert_non_null(strstr(bad, "1000 octets au plus"));
    g_free(bad);
    params_clear(&r);
    g_free(long_q);
}

static void test_costly(void **state)
{
    (void)state;
    search_request r;
    const char *const page[] = { "per_page", "100", NULL };
    assert_null(read_pairs(&r, page));
    assert_true(params_costly(&r));
    params_clear(&r);
    const char *const words[] = { "q", "a b c d e f g h i j k l m n o p q", NULL };
    assert_null(read_pairs(&r, words));
    assert_true(params_costly(&r));
    params_clear(&r);
    const char *const plain[] = { "q", "santé mentale jeunes", "per_page", "20", NULL };
    assert_null(read_pairs(&r, plain));
    assert_false(params_costly(&r));
    params_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_split_trimmed_deduplicated),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_mistakes),
        cmocka_unit_test(test_costly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
