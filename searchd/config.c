/* config.c - the configuration file, read once per load (config.h). */
#include "config.h"
#include "static.h"

#include <stdlib.h>
#include <string.h>

/* ---- [server] for the start ---------------------------------------------------- */

/* An integer of [server], or unset when absent (a bad value reads as 0,
 * as GLib gives it). */
static void read_int(GKeyFile *kf, const char *key, int *out)
{
    if (g_key_file_has_key(kf, "server", key, NULL))
        *out = g_key_file_get_integer(kf, "server", key, NULL);
}

static void read_start(GKeyFile *kf, config_start *st)
{
    st->db = g_key_file_get_string(kf, "server", "db", NULL);
    st->listen = g_key_file_get_string(kf, "server", "listen", NULL);
    read_int(kf, "threads", &st->threads);
    read_int(kf, "cache_mb", &st->cache_mb);
    st->trusted_proxies = g_key_file_get_string(kf, "server", "trusted_proxies", NULL);
    read_int(kf, "per_client", &st->per_client);
}

/* ---- Reloadable settings --------------------------------------------------------- */

/* [search] settings over the defaults; FALSE with err for a bad value. */
static gboolean read_tuning(GKeyFile *kf, search_tuning *t, verr *err)
{
    static const struct { const char *key; gsize offset; double min, max; } numbers[] = {
        { "bm25_k1", G_STRUCT_OFFSET(search_tuning, k1), 0, 10 },
        { "bm25_b", G_STRUCT_OFFSET(search_tuning, b), 0, 1 },
        { "title_boost", G_STRUCT_OFFSET(search_tuning, title_boost), 0, 100 },
        { "phrase_boost", G_STRUCT_OFFSET(search_tuning, phrase_boost), 0, 100 },
        { "time_limit_ms", G_STRUCT_OFFSET(search_tuning, time_limit_ms), 0, 600000 },
        { "relax_below", G_STRUCT_OFFSET(search_tuning, relax_below), 0, 1000 },
        { "relax_strict_boost", G_STRUCT_OFFSET(search_tuning, relax_strict_boost), 0, 10000 },
        { "relax_prefix_boost", G_STRUCT_OFFSET(search_tuning, relax_prefix_boost), 0, 100 },
        { "correct_min", G_STRUCT_OFFSET(search_tuning, correct_min), 0, 100000 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
        if (!g_key_file_has_key(kf, "search", numbers[i].key, NULL))
            continue;
        GError *gerr = NULL;
        double v = g_key_file_get_double(kf, "search", numbers[i].key, &gerr);
        if (gerr != NULL || v < numbers[i].min || v > numbers[i].max) {
            verr_set(err, VERR_PARSE, "config", "[search] %s: a number from %g to %g",
                     numbers[i].key, numbers[i].min, numbers[i].max);
            g_clear_error(&gerr);
            return FALSE;
        }
        G_STRUCT_MEMBER(double, t, numbers[i].offset) = v;
    }
    char *stem = g_key_file_get_string(kf, "search", "stem", NULL);
    gboolean ok = TRUE;
    if (stem != NULL) {
        if (strcmp(stem, "some") == 0) t->stem = XAP_STEM_SOME;
        else if (strcmp(stem, "all") == 0) t->stem = XAP_STEM_ALL;
        else if (strcmp(stem, "none") == 0) t->stem = XAP_STEM_NONE;
        else ok = FALSE;
        if (!ok)
            verr_set(err, VERR_PARSE, "config", "[search] stem: some, all or none");
    }
    g_free(stem);
    char *weighting = ok ? g_key_file_get_string(kf, "search", "weighting", NULL) : NULL;
    if (weighting != NULL) {
        if (strcmp(weighting, "dph") == 0) t->weighting = WEIGHTING_DPH;
        else if (strcmp(weighting, "bm25") == 0) t->weighting = WEIGHTING_BM25;
        else ok = FALSE;
        if (!ok)
            verr_set(err, VERR_PARSE, "config", "[search] weighting: dph or bm25");
    }
    g_free(weighting);
    static const struct { const char *key; gsize offset; } flags[] = {
        { "expand", G_STRUCT_OFFSET(search_tuning, expand) },
        { "count_from_postings", G_STRUCT_OFFSET(search_tuning, count_from_postings) },
    };
    for (size_t i = 0; ok && i < G_N_ELEMENTS(flags); i++) {
        if (!g_key_file_has_key(kf, "search", flags[i].key, NULL))
            continue;
        GError *gerr = NULL;
        gboolean v = g_key_file_get_boolean(kf, "search", flags[i].key, &gerr);
        if (gerr != NULL) {
            verr_set(err, VERR_PARSE, "config", "[search] %s: true or false", flags[i].key);
            g_clear_error(&gerr);
            ok = FALSE;
        }
        G_STRUCT_MEMBER(gboolean, t, flags[i].offset) = v;
    }
    return ok;
}

/* [server] public_url, trimmed, without its final '/'; FALSE with err
 * unless it starts with http:// or https://. */
static gboolean read_public_url(GKeyFile *kf, char **out, verr *err)
{
    char *url = g_key_file_get_string(kf, "server", "public_url", NULL);
    if (url == NULL)
        return TRUE;
    g_strstrip(url);
    while (g_str_has_suffix(url, "/"))
        url[strlen(url) - 1] = '\0';
    if (!g_str_has_prefix(url, "http://") && !g_str_has_prefix(url, "https://")) {
        verr_set(err, VERR_PARSE, "config", "[server] public_url: http:// or https:// "
                 "followed by the host");
        g_free(url);
        return FALSE;
    }
    *out = url;
    return TRUE;
}

static gboolean read_settings(GKeyFile *kf, config_settings *s, verr *err)
{
    char *origins = g_key_file_get_string(kf, "server", "cors_origins", NULL);
    if (origins != NULL) { /* "a, b" or "a;b" */
        s->cors_origins = g_strsplit_set(origins, ",;", -1);
        for (char **o = s->cors_origins; *o != NULL; o++)
            g_strstrip(*o);
    }
    g_free(origins);
    s->admin_token = g_key_file_get_string(kf, "admin", "token", NULL);
    s->collection = g_key_file_get_string(kf, "admin", "collection", NULL);
    s->web_dir = g_key_file_get_string(kf, "web", "dir", NULL);
    s->sendmail = g_key_file_get_string(kf, "alerts", "sendmail", NULL);
    s->mail_from = g_key_file_get_string(kf, "alerts", "from", NULL);
    static const struct { const char *key, *what; gsize offset; int min, max; } counts[] = {
        { "retry_s", "seconds", G_STRUCT_OFFSET(config_settings, retry_s), 1, 86400 },
        { "demand_days", "days", G_STRUCT_OFFSET(config_settings, demand_days), 0, 3660 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++) {
        if (!g_key_file_has_key(kf, "admin", counts[i].key, NULL))
            continue;
        GError *gerr = NULL;
        int v = g_key_file_get_integer(kf, "admin", counts[i].key, &gerr);
        gboolean bad = gerr != NULL || v < counts[i].min || v > counts[i].max;
        g_clear_error(&gerr);
        if (bad) {
            verr_set(err, VERR_PARSE, "config", "[admin] %s: %s, %d to %d", counts[i].key,
                     counts[i].what, counts[i].min, counts[i].max);
            return FALSE;
        }
        G_STRUCT_MEMBER(unsigned, s, counts[i].offset) = (unsigned)v;
    }
    return read_public_url(kf, &s->public_url, err) && read_tuning(kf, &s->tuning, err);
}

/* ---- Loading ------------------------------------------------------------------------- */

int config_load(const char *path, config *out, verr *err)
{
    GKeyFile *kf = NULL;
    GError *gerr = NULL;
    int rc = -1;
    memset(out, 0, sizeof *out);
    out->start.cache_mb = -1;
    out->settings.tuning = search_tuning_default;
    out->settings.retry_s = CONFIG_RETRY_S;
    out->settings.demand_days = CONFIG_DEMAND_DAYS;
    if (path == NULL)
        return 0;
    kf = g_key_file_new();
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
        verr_from_gerror(err, VERR_PARSE, gerr);
        goto cleanup;
    }
    read_start(kf, &out->start);
    if (!read_settings(kf, &out->settings, err))
        goto cleanup;
    rc = 0;
cleanup:
    if (rc != 0)
        config_clear(out);
    g_clear_error(&gerr);
    g_key_file_free(kf);
    return rc;
}

void config_settings_resolve(config_settings *s, const char *db_path)
{
    char *web = static_dir(s->web_dir);
    g_free(s->web_dir);
    s->web_dir = web;
    if (s->collection == NULL) {
        char *parent = g_path_get_dirname(db_path);
        s->collection = g_build_filename(parent, "uploads", NULL);
        g_free(parent);
    }
    if (s->sendmail == NULL)
        s->sendmail = g_strdup(CONFIG_SENDMAIL);
    if (s->mail_from == NULL)
        s->mail_from = g_strdup(CONFIG_MAIL_FROM);
    const char *token = getenv("VEILLE_ADMIN_TOKEN");
    if (token != NULL && *token != '\0') {
        g_free(s->admin_token);
        s->admin_token = g_strdup(token);
    }
}

void config_settings_move(config_settings *dst, config_settings *src)
{
    config_settings_clear(dst);
    *dst = *src;
    memset(src, 0, sizeof *src);
    src->tuning = search_tuning_default;
}

void config_settings_clear(config_settings *s)
{
    g_strfreev(s->cors_origins);
    g_free(s->admin_token);
    g_free(s->collection);
    g_free(s->web_dir);
    g_free(s->public_url);
    g_free(s->sendmail);
    g_free(s->mail_from);
    memset(s, 0, sizeof *s);
    s->tuning = search_tuning_default;
    s->retry_s = CONFIG_RETRY_S;
    s->demand_days = CONFIG_DEMAND_DAYS;
}

void config_clear(config *c)
{
    g_free(c->start.db);
    g_free(c->start.listen);
    g_free(c->start.trusted_proxies);
    config_settings_clear(&c->settings);
    memset(&c->start, 0, sizeof c->start);
    c->start.cache_mb = -1;
}
