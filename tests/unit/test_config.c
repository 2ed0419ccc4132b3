/* test_config.c - the daemon's configuration file: start and reloadable
 * settings from one read, defaults for what is missing, every bad value
 * refused with the key it names, and the settings that do not come from
 * the file (the token's variable, the collection beside the index). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "testutil.h"

/* Writes text to a file of a new folder; loads it into *cfg. */
static int load_text(const char *text, config *cfg, verr *err)
{
    char *dir = test_tmpdir("veille-config-XXXXXX");
    char *path = g_build_filename(dir, "veille.ini", NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    int rc = config_load(path, cfg, err);
    test_rmtree(dir);
    g_free(path);
    g_free(dir);
    return rc;
}

static void test_one_read_gives_both(void **state)
{
    (void)state;
    config cfg;
    verr err;
    assert_int_equal(load_text("[server]\ndb = /srv/index\nlisten = 0.0.0.0:80\nthreads = 8\n"
                               "cache_mb = 0\nper_client = 5\ntrusted_proxies = 10.0.0.0/8\n"
                               "cors_origins = https://a.test; http://b.test ,*\n"
                               "public_url = https://veille.test/recherche//\n"
                               "[admin]\ntoken = jeton\ncollection = /srv/depots\nretry_s = 3\n"
                               "[web]\ndir = /srv/web\n"
                               "[search]\nbm25_k1 = 2\nstem = none\nexpand = false\nweighting = bm25\n",
                               &cfg, &err), 0);
    assert_string_equal(cfg.start.db, "/srv/index");
    assert_string_equal(cfg.start.listen, "0.0.0.0:80");
    assert_int_equal(cfg.start.threads, 8);
    assert_int_equal(cfg.start.cache_mb, 0);
    assert_int_equal(cfg.start.per_client, 5);
    assert_string_equal(cfg.start.trusted_proxies, "10.0.0.0/8");
    const config_settings *s = &cfg.settings;
    assert_int_equal(g_strv_length(s->cors_origins), 3);
    assert_string_equal(s->cors_origins[0], "https://a.test");
    assert_string_equal(s->cors_origins[1], "http://b.test");
    assert_string_equal(s->cors_origins[2], "*");
    assert_string_equal(s->public_url, "https://veille.test/recherche");
    assert_string_equal(s->admin_token, "jeton");
    assert_string_equal(s->collection, "/srv/depots");
    assert_int_equal(s->retry_s, 3);
    assert_string_equal(s->web_dir, "/srv/web");
    assert_true(s->tuning.k1 == 2);
    assert_true(s->tuning.b == search_tuning_default.b);
    assert_int_equal(s->tuning.stem, XAP_STEM_NONE);
    assert_false(s->tuning.expand);
    assert_int_equal(s->tuning.weighting, WEIGHTING_BM25);
    assert_int_equal(search_tuning_default.weighting, WEIGHTING_DPH);
    config_clear(&cfg);
}

static void test_defaults(void **state)
{
    (void)state;
    config cfg;
    verr err;
    const char *const texts[] = { NULL, "[server]\nthreads = beaucoup\n" };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        int rc = texts[i] == NULL ? config_load(NULL, &cfg, &err) : load_text(texts[i], &cfg, &err);
        assert_int_equal(rc, 0);
        assert_null(cfg.start.db);
        assert_null(cfg.start.listen);
        assert_int_equal(cfg.start.threads, 0);  /* unset (a bad integer reads as unset) */
        assert_int_equal(cfg.start.cache_mb, -1);
        assert_null(cfg.settings.cors_origins);
        assert_null(cfg.settings.public_url);
        assert_int_equal(cfg.settings.retry_s, CONFIG_RETRY_S);
        assert_memory_equal(&cfg.settings.tuning, &search_tuning_default, sizeof(search_tuning));
        config_clear(&cfg);
    }
}

static void test_bad_values(void **state)
{
    (void)state;
    static const struct { const char *text, *says; } rows[] = {
        { "[server]\npublic_url = veille.test\n", "public_url" },
        { "[server]\npublic_url = \n", "public_url" },
        { "[search]\nbm25_k1 = 11\n", "bm25_k1" },
        { "[search]\nbm25_b = -0.5\n", "bm25_b" },
        { "[search]\ntitle_boost = fort\n", "title_boost" },
        { "[search]\ntime_limit_ms = 600001\n", "time_limit_ms" },
        { "[search]\nstem = parfois\n", "stem" },
        { "[search]\nweighting = tfidf\n", "weighting" },
        { "[search]\nexpand = peut-etre\n", "expand" },
        { "[admin]\nretry_s = 0\n", "retry_s" },
        { "[admin]\nretry_s = souvent\n", "retry_s" },
        { "[server\ndb = x\n", "" },              /* not an INI file */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        config cfg;
        verr err;
        verr_clear(&err);
        if (load_text(rows[i].text, &cfg, &err) == 0)
            fail_msg("accepted: %s", rows[i].text);
        assert_int_equal(err.code, VERR_PARSE);
        if (strstr(err.msg, rows[i].says) == NULL)
            fail_msg("\"%s\" does not name %s", err.msg, rows[i].says);
        assert_null(cfg.start.db); /* cleared */
    }
    config cfg;
    verr err;
    assert_int_not_equal(config_load("/nonexistent/veille.ini", &cfg, &err), 0);
    assert_int_equal(err.code, VERR_PARSE);
}

static void test_resolve(void **state)
{
    (void)state;
    config cfg;
    verr err;
    assert_int_equal(load_text("[admin]\ntoken = du-fichier\n[web]\ndir = /srv/web\n", &cfg, &err), 0);
    unsetenv("VEILLE_ADMIN_TOKEN");
    config_settings_resolve(&cfg.settings, "var/index");
    assert_string_equal(cfg.settings.admin_token, "du-fichier");
    assert_string_equal(cfg.settings.collection, "var/uploads");
    assert_string_equal(cfg.settings.web_dir, "/srv/web");
    config_clear(&cfg);

    setenv("VEILLE_ADMIN_TOKEN", "de-l-environnement", 1);
    assert_int_equal(load_text("[admin]\ntoken = du-fichier\ncollection = /srv/depots\n", &cfg,
                               &err), 0);
    config_settings_resolve(&cfg.settings, "/var/lib/veille/index");
    assert_string_equal(cfg.settings.admin_token, "de-l-environnement");
    assert_string_equal(cfg.settings.collection, "/srv/depots");
    assert_non_null(cfg.settings.web_dir);
    config_settings clone = { 0 };
    config_settings_move(&clone, &cfg.settings);
    assert_null(cfg.settings.admin_token);
    assert_string_equal(clone.admin_token, "de-l-environnement");
    config_settings_clear(&clone);
    config_clear(&cfg);
    unsetenv("VEILLE_ADMIN_TOKEN");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_read_gives_both),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
