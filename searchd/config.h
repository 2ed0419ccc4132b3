/* config.h - the daemon's configuration file (INI: etc/veille.ini), read
 * once per load: at start, and once again on each SIGHUP.
 *
 * One read gives both kinds of setting:
 *  - start settings ([server] db, listen, threads, cache_mb,
 *    trusted_proxies, per_client): used at start only, for what the
 *    command line left unset; a reload ignores them;
 *  - reloadable settings ([server] cors_origins, public_url; [admin]
 *    token, collection, retry_s, demand_days; [web] dir; [search] ranking):
 *    what a SIGHUP changes (the daemon's snapshot, server.h).
 * A missing key keeps its default.  A bad public_url or [search] value
 * fails the whole load with a message naming the key, so that a reload
 * keeps the settings in force; a bad integer of [server] reads as unset. */
#ifndef VEILLE_CONFIG_H
#define VEILLE_CONFIG_H

#include <glib.h>
#include "search.h"
#include "verr.h"

typedef struct {
    char *db, *listen;       /* NULL: unset */
    int threads;             /* 0: unset */
    int cache_mb;            /* -1: unset */
    char *trusted_proxies;   /* NULL: none */
    int per_client;          /* 0: unset */
} config_start;

typedef struct {
    char **cors_origins;     /* origins allowed to call the API from a browser; NULL: none */
    char *admin_token;       /* documentalist token; NULL: admin endpoints off */
    char *collection;        /* folder where uploaded reports go; NULL: unset */
    char *web_dir;           /* pages, scripts and styles (static.h); NULL: unset */
    char *public_url;        /* "https://host[/prefix]", no final '/'; NULL: unset */
    unsigned retry_s;        /* [admin] retry_s: how often queued writes are tried again */
    unsigned demand_days;    /* [admin] demand_days: how long searches' counts are kept
                              * (demand.h); 0: none kept */
    char *sendmail;          /* [alerts] sendmail: the program e-mails go through */
    char *mail_from;         /* [alerts] from: the alerts' sender */
    search_tuning tuning;    /* [search] over search_tuning_default */
} config_settings;

/* Default of [admin] retry_s. */
#define CONFIG_RETRY_S 10
/* Default of [admin] demand_days. */
#define CONFIG_DEMAND_DAYS 30
/* Defaults of [alerts] sendmail and from. */
#define CONFIG_SENDMAIL "/usr/sbin/sendmail"
#define CONFIG_MAIL_FROM "Veille <veille@localhost>"

typedef struct {
    config_start start;
    config_settings settings;
} config;

/* Reads the file at path (NULL: no file, every setting unset or default)
 * into out, which config_clear frees.  -1 with err (VERR_PARSE) when the
 * file cannot be read or a value is bad; out is then cleared. */
int config_load(const char *path, config *out, verr *err);

/* The reloadable settings that do not come from the file, for an index
 * at db_path: the token from $VEILLE_ADMIN_TOKEN when set (it wins), the
 * collection beside the index ("var/index" -> "var/uploads") when unset,
 * the web folder found by static_dir(). */
void config_settings_resolve(config_settings *s, const char *db_path);

/* Moves src's settings into dst (cleared first); src is left empty. */
void config_settings_move(config_settings *dst, config_settings *src);

void config_settings_clear(config_settings *s);
void config_clear(config *c);

#endif
