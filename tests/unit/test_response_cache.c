/* test_response_cache.c - the search answer cache: hits restate took_ms,
 * least recently used entries go first, the byte bound holds, threads
 * share it safely. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "response_cache.h"

static const char BODY[] = "{\"total\":3,\"took_ms\":12.5}";

static void test_disabled(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(0);
    assert_null(c);
    response_cache_put(c, "k", BODY);           /* a NULL cache takes calls */
    assert_null(response_cache_get(c, "k", 1));
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_int_equal(st.hits + st.misses, 0);
}

static void test_hit_restates_time(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(1 << 20);
    assert_null(response_cache_get(c, "k", 0.5));
    response_cache_put(c, "k", BODY);
    char *hit = response_cache_get(c, "k", 0.25);
    assert_string_equal(hit, "{\"total\":3,\"took_ms\":0.250,\"cached\":true}");
    g_free(hit);
    assert_null(response_cache_get(c, "other", 0.5));
    /* a body without took_ms is not kept (it could not be restated) */
    response_cache_put(c, "bare", "{\"total\":1}");
    assert_null(response_cache_get(c, "bare", 0.5));
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 3);
    assert_int_equal(st.entries, 1);
    response_cache_clear(c);
    assert_null(response_cache_get(c, "k", 0.5));
    response_cache_get_stats(c, &st);
    assert_int_equal(st.bytes, 0);
    response_cache_free(c);
}

static void test_least_recently_used_goes(void **state)
{
    (void)state;
    char body[1000];
    memset(body, 'x', sizeof body);
    memcpy(body, "{\"a\":\"", 6);
    strcpy(body + sizeof body - 20, "\",\"took_ms\":1}");
    response_cache *c = response_cache_new(8 * 1024); /* room for about 7 */
    for (int i = 0; i < 7; i++) {
        char key[8];
        g_snprintf(key, sizeof key, "k%d", i);
        response_cache_put(c, key, body);
    }
    g_free(response_cache_get(c, "k0", 1)); /* k0 used: k1 is now the oldest */
    response_cache_put(c, "k7", body);
    response_cache_put(c, "k8", body);
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_true(st.bytes <= st.max_bytes);
    char *k0 = response_cache_get(c, "k0", 1), *k1 = response_cache_get(c, "k1", 1);
    char *k8 = response_cache_get(c, "k8", 1);
    assert_non_null(k0);
    assert_null(k1);
    assert_non_null(k8);
    g_free(k0);
    g_free(k8);
    /* replacing a key keeps one entry */
    guint before = st.entries;
    response_cache_put(c, "k8", BODY);
    response_cache_get_stats(c, &st);
    assert_int_equal(st.entries, before);
    /* a body larger than a quarter of the cache is not kept */
    char *big = g_strnfill(4000, 'y');
    char *big_body = g_strdup_printf("{\"a\":\"%s\",\"took_ms\":1}", big);
    response_cache_put(c, "big", big_body);
    assert_null(response_cache_get(c, "big", 1));
    g_free(big_body);
    g_free(big);
    response_cache_free(c);
}

static gpointer hammer(gpointer data)
{
    response_cache *c = data;
    for (int i = 0; i < 2000; i++) {
        char key[16];
        g_snprintf(key, sizeof key, "k%d", i % 50);
        char *hit = response_cache_get(c, key, 1);
        if (hit == NULL)
            response_cache_put(c, key, BODY);
        g_free(hit);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(4096);
    GThread *t[4];
    for (int i = 0; i < 4; i++)
        t[i] = g_thread_new("hammer", hammer, c);
    for (int i = 0; i < 4; i++)
        g_thread_join(t[i]);
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_int_equal(st.hits + st.misses, 8000);
    assert_true(st.bytes <= st.max_bytes);
    response_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disabled),
        cmocka_unit_test(test_hit_restates_time),
        cmocka_unit_test(test_least_recently_used_goes),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests_name("response_cache", tests, NULL, NULL);
}
