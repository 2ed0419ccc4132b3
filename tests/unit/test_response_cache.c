/* test_response_cache.c - the search answer cache: a hit hands back the
 * result kept (shared, referenced) and its JSON, least recently used
 * entries go first, the byte bound holds, threads share it safely. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "response_cache.h"

static search_result *result_of(unsigned total)
{
    search_result *r = search_result_new();
    r->total = total;
    return r;
}

/* Keeps r under key with a JSON of about n bytes. */
static void put(response_cache *c, const char *key, search_result *r, gsize n)
{
    char *json = g_strnfill(n, 'x');
    response_cache_put(c, key, r, json);
    g_free(json);
}

/* The result under key, its JSON released. */
static search_result *get(response_cache *c, const char *key)
{
    char *json = NULL;
    search_result *r = response_cache_get(c, key, &json);
    assert_true((r == NULL) == (json == NULL));
    if (json != NULL)
        g_ref_string_release(json);
    return r;
}

static void test_disabled(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(0);
    assert_null(c);
    search_result *r = result_of(3);
    put(c, "k", r, 100);                         /* a NULL cache takes calls */
    assert_null(get(c, "k"));
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_int_equal(st.hits + st.misses, 0);
    search_result_unref(r);
}

static void test_hit_shares_the_result(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(1 << 20);
    assert_null(get(c, "k"));
    search_result *r = result_of(3);
    response_cache_put(c, "k", r, "{\"total\":3}");
    search_result_unref(r);                      /* the cache holds its own reference */
    char *json = NULL;
    search_result *hit = response_cache_get(c, "k", &json);
    assert_ptr_equal(hit, r);
    assert_string_equal(json, "{\"total\":3}");
    g_ref_string_release(json);
    assert_int_equal(hit->total, 3);
    assert_null(get(c, "other"));
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 2);
    assert_int_equal(st.entries, 1);
    response_cache_clear(c);                     /* a hit handed out outlives its entry */
    assert_int_equal(hit->total, 3);
    search_result_unref(hit);
    assert_null(get(c, "k"));
    response_cache_get_stats(c, &st);
    assert_int_equal(st.bytes, 0);
    response_cache_free(c);
}

static void test_least_recently_used_goes(void **state)
{
    (void)state;
    response_cache *c = response_cache_new(8 * 1024); /* room for about 7 */
    search_result *r = result_of(1);
    for (int i = 0; i < 7; i++) {
        char key[8];
        g_snprintf(key, sizeof key, "k%d", i);
        put(c, key, r, 800);
    }
    search_result_unref(get(c, "k0")); /* k0 used: k1 is now the oldest */
    put(c, "k7", r, 800);
    put(c, "k8", r, 800);
    response_cache_stats st;
    response_cache_get_stats(c, &st);
    assert_true(st.bytes <= st.max_bytes);
    search_result *k0 = get(c, "k0"), *k1 = get(c, "k1");
    search_result *k8 = get(c, "k8");
    assert_non_null(k0);
    assert_null(k1);
    assert_non_null(k8);
    search_result_unref(k0);
    search_result_unref(k8);
    /* replacing a key keeps one entry */
    guint before = st.entries;
    put(c, "k8", r, 800);
    response_cache_get_stats(c, &st);
    assert_int_equal(st.entries, before);
    /* a result larger than a quarter of the cache is not kept */
    put(c, "big", r, 4000);
    assert_null(get(c, "big"));
    search_result_unref(r);
    response_cache_free(c);
}

static gpointer hammer(gpointer data)
{
    response_cache *c = data;
    for (int i = 0; i < 2000; i++) {
        char key[16];
        g_snprintf(key, sizeof key, "k%d", i % 50);
        search_result *hit = get(c, key);
        if (hit == NULL) {
            search_result *r = result_of((unsigned)i);
            put(c, key, r, 100);
            search_result_unref(r);
        }
        search_result_unref(hit);
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
        cmocka_unit_test(test_hit_shares_the_result),
        cmocka_unit_test(test_least_recently_used_goes),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests_name("response_cache", tests, NULL, NULL);
}
