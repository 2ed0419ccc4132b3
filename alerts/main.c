/* main.c - veille-alerts: mails each confirmed alert subscriber a French
 * digest of the documents that arrived for their search since the last
 * one (subscriptions.h), through the sendmail interface (mailer.h).  Run
 * by a systemd timer (docs/veille-alerts.timer), once a day: daily
 * subscriptions get what arrived since yesterday's digest, weekly ones
 * once seven days have passed.  A subscription with nothing new gets no
 * mail.  Searches run on the index like the daemon's (search.h), by
 * arrival, its vocabulary expanding them. */
#include "config.h"
#include "console.h"
#include "mailer.h"
#include "params.h"
#include "search.h"
#include "searcher.h"
#include "server.h"
#include "subscriptions.h"
#include "title.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many documents in a digest (the link shows them all). */
#define DIGEST_MAX 30

typedef struct {
    const char *db;
    snapshot *sn;       /* the vocabulary and [alerts] settings */
    searcher *s;
    const char *base;   /* the site's address, for links */
    char *upto;         /* the newest arrival the index showed when the run began: its
                         * digests go up to it, the next ones start after it */
    unsigned sent, quiet, failed;
} run;

/* Whether confirmed subscription s is due: a day (daily) or seven
 * (weekly) since its last digest, a little slack allowed for the timer's
 * drift. */
static gboolean due(const subscription *s, GDateTime *now)
{
    GDateTime *last = g_date_time_new_from_iso8601(s->last_sent, NULL);
    if (last == NULL)
        return FALSE;
    GTimeSpan since = g_date_time_difference(now, last);
    g_date_time_unref(last);
    GTimeSpan wanted = (strcmp(s->frequency, "weekly") == 0 ? 7 : 1) * G_TIME_SPAN_DAY;
    return since >= wanted - G_TIME_SPAN_HOUR;
}

/* The digest's text: each new document with its link. */
static char *digest_body(const run *r, const subscription *s, const search_result *res,
                         GPtrArray *fresh)
{
    GString *b = g_string_new("Bonjour,\n\n");
    char *label = subscription_label(s);
    g_string_append_printf(b, "%u nouveau%s document%s pour votre recherche %s :\n\n", fresh->len,
                           fresh->len > 1 ? "x" : "", fresh->len > 1 ? "s" : "", label);
    g_free(label);
    for (guint i = 0; i < fresh->len; i++) {
        const search_hit *h = g_ptr_array_index(fresh, i);
        char *title = title_shown(h->doc);
        g_string_append_printf(b, "- %s", title != NULL ? title : "(sans titre)");
        if (h->doc->date != NULL || h->doc->doctype != NULL)
            g_string_append_printf(b, " (%s%s%s)", h->doc->doctype != NULL ? h->doc->doctype : "",
                                   h->doc->doctype != NULL && h->doc->date != NULL ? ", " : "",
                                   h->doc->date != NULL ? h->doc->date : "");
        g_string_append_printf(b, "\n  %s/?doc=%s\n", r->base, h->doc->id);
        g_free(title);
    }
    if (res->total > fresh->len && fresh->len == DIGEST_MAX)
        g_string_append(b, "\n(et d'autres : voir la recherche)\n");
    g_string_append_printf(b, "\nLa recherche, triée par nouveautés :\n%s/?%s%ssort=added\n\n"
                              "-- \nVous recevez ce courriel parce que vous avez demandé cette alerte "
                              "à la veille des Ateliers santé ville.\n"
                              "Se désabonner : %s/alerts/unsubscribe?token=%s\n",
                           r->base, s->search, *s->search != '\0' ? "&" : "", r->base, s->token);
    return g_string_free(b, FALSE);
}

/* req asks for its first per_page documents, the last arrived first,
 * without facets or spelling, with the index's vocabulary. */
static void by_arrival(const run *r, search_request *req, unsigned per_page)
{
    req->page = 1;
    req->per_page = per_page;
    req->sort = SORT_ADDED;
    req->no_facets = TRUE;
    req->as_typed = TRUE;
    req->tuning = &r->sn->settings.tuning;
    req->v = r->sn->v;
    req->m = r->sn->m;
}

/* The newest arrival the index shows (the time now when it holds no
 * document): what this run's digests go up to.  A document's arrival is
 * stamped when its batch is written, before the batch is committed, so a
 * digest that went up to the time of the run would miss for good the
 * documents of a batch committed during it; the one writer stamps them
 * after every committed one, so the next run mails them.  Caller frees;
 * NULL with err. */
static char *newest_arrival(run *r, verr *err)
{
    search_request req = { 0 };
    by_arrival(r, &req, 1);
    search_result *res = search_run(r->s, &req, err);
    if (res == NULL)
        return NULL;
    const search_hit *h = res->hits->len > 0 ? g_ptr_array_index(res->hits, 0) : NULL;
    char *upto = h != NULL && h->doc->added != NULL ? g_strdup(h->doc->added)
                                                    : docmeta_added_now();
    search_result_unref(res);
    return upto;
}

/* Sends s its digest if documents arrived since its last one.  0 (sent or
 * nothing new: *mailed says which), or -1 with err. */
static int serve(run *r, subscription *s, gboolean *mailed, verr *err)
{
    search_request req = { 0 };
    params p = { 0 };
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    params_init(&p, &req);
    params_add_query_string(&p, s->search, keep);
    char *bad = params_take_error(&p);
    char since[11];
    g_strlcpy(since, s->last_sent, sizeof since); /* its day: then only what is later */
    by_arrival(r, &req, DIGEST_MAX);
    req.added_since = since;
    search_result *res = bad == NULL ? search_run(r->s, &req, err) : NULL;
    if (bad != NULL)
        verr_set(err, VERR_PARSE, "alerts", "%s", bad);
    int rc = res != NULL ? 0 : -1;
    *mailed = FALSE;
    GPtrArray *fresh = g_ptr_array_new();
    for (guint i = 0; res != NULL && i < res->hits->len; i++) {
        search_hit *h = g_ptr_array_index(res->hits, i);
        if (h->doc->added != NULL && strcmp(h->doc->added, s->last_sent) > 0 &&
            strcmp(h->doc->added, r->upto) <= 0)
            g_ptr_array_add(fresh, h);
    }
    if (rc == 0 && fresh->len > 0) {
        char *body = digest_body(r, s, res, fresh);
        char *subject = g_strdup_printf("Veille : %u nouveau%s document%s", fresh->len,
                                        fresh->len > 1 ? "x" : "", fresh->len > 1 ? "s" : "");
        char *unsub = g_strdup_printf("List-Unsubscribe: <%s/alerts/unsubscribe?token=%s>", r->base,
                                      s->token);
        const char *const headers[] = { unsub, "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                                        NULL };
        char *msg = mailer_message(r->sn->settings.mail_from, s->email, subject, body, headers);
        if (msg == NULL) {
            verr_set(err, VERR_INVALID, "alerts", "expéditeur ou adresse invalide");
            rc = -1;
        } else {
            rc = mailer_send(r->sn->settings.sendmail, s->email, msg, err);
        }
        *mailed = rc == 0;
        g_free(msg);
        g_free(unsub);
        g_free(subject);
        g_free(body);
    }
    g_ptr_array_unref(fresh);
    search_result_unref(res);
    g_free(bad);
    params_clear(&req);
    g_ptr_array_unref(keep);
    return rc;
}

int main(int argc, char **argv)
{
    char *db = NULL, *config_path = NULL, *base = NULL;
    gboolean force = FALSE;
    console_print_utf8();
    const GOptionEntry options[] = {
        { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, "Dossier de l'index (défaut : $VEILLE_DB ou var/index)", "DIR" },
        { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "Fichier de configuration ([alerts] sendmail, from ; [server] public_url)", "FILE" },
        { "now", 0, 0, G_OPTION_ARG_NONE, &force, "Servir chaque alerte confirmée maintenant, quelle que soit sa fréquence", NULL },
        { "base", 0, 0, G_OPTION_ARG_STRING, &base, "Adresse du site dans les liens (défaut : [server] public_url, ou http://localhost:8080)", "URL" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("— envoyer les alertes de la veille par courriel");
    g_option_context_add_main_entries(ctx, options, NULL);
    GError *gerr = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        console_option_failed("veille-alerts: ", gerr);
        g_error_free(gerr);
        g_option_context_free(ctx);
        return 2;
    }
    g_option_context_free(ctx);
    if (db == NULL)
        db = g_strdup(getenv("VEILLE_DB") != NULL ? getenv("VEILLE_DB") : "var/index");
    verr err;
    config cfg;
    if (config_load(config_path, &cfg, &err) != 0) {
        fprintf(stderr, "veille-alerts: %s\n", err.msg);
        return 2;
    }
    config_settings_resolve(&cfg.settings, db);
    run r = { .db = db };
    const char *public_url = cfg.settings.public_url;
    r.base = base != NULL ? base : public_url != NULL ? public_url : "http://localhost:8080";
    r.sn = snapshot_new(db, &cfg.settings, &err);
    r.s = r.sn != NULL ? searcher_new(db, NULL, NULL, &err) : NULL;
    if (r.s == NULL) {
        fprintf(stderr, "veille-alerts: cannot read the index %s: %s\n", db, err.msg);
        return 1;
    }
    if ((r.upto = newest_arrival(&r, &err)) == NULL) {
        fprintf(stderr, "veille-alerts: cannot search the index %s: %s\n", db, err.msg);
        return 1;
    }
    GDateTime *now = g_date_time_new_now_utc();
    char *dir = subscriptions_dir(db);
    subscriptions_expire(dir, 48 * 3600); /* addresses nobody confirmed are not kept */
    GPtrArray *subs = subscriptions_list(dir);
    for (guint i = 0; i < subs->len; i++) {
        subscription *s = g_ptr_array_index(subs, i);
        gboolean mailed = FALSE;
        if (!s->confirmed || s->last_sent == NULL || (!force && !due(s, now)))
            continue;
        if (serve(&r, s, &mailed, &err) != 0) {
            fprintf(stderr, "veille-alerts: alert %s: %s\n", s->token, err.msg);
            r.failed++;
            continue;
        }
        if (!mailed) {
            r.quiet++;
            continue;
        }
        r.sent++;
        /* the next digest starts after this run; read again, so that an
         * unsubscribe made meanwhile is not undone */
        subscription *fresh = subscriptions_load(dir, s->token, &err);
        if (fresh == NULL)
            continue;
        g_free(fresh->last_sent);
        fresh->last_sent = g_strdup(r.upto);
        if (subscriptions_save(dir, fresh, &err) != 0) {
            fprintf(stderr, "veille-alerts: alert %s: %s\n", s->token, err.msg);
            r.failed++;
        }
        subscription_free(fresh);
    }
    printf("veille-alerts : %u courriel%s envoyé%s, %u alerte%s sans nouveauté, %u échec%s\n",
           r.sent, r.sent > 1 ? "s" : "", r.sent > 1 ? "s" : "", r.quiet, r.quiet > 1 ? "s" : "",
           r.failed, r.failed > 1 ? "s" : "");
    g_ptr_array_unref(subs);
    g_free(dir);
    g_date_time_unref(now);
    g_free(r.upto);
    searcher_free(r.s);
    snapshot_unref(r.sn);
    config_clear(&cfg);
    g_free(db);
    g_free(config_path);
    g_free(base);
    return r.failed > 0 ? 1 : 0;
}
