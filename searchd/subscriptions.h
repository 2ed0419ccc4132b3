/* subscriptions.h - e-mail alerts: who wants the new documents of which
 * search, kept durably outside the index (they survive re-indexing and a
 * rebuild): one key file per subscription in a folder beside the index
 * (index.alerts/TOKEN.ini), written atomically, readable by the daemon
 * (which creates and confirms them) and veille-alerts (which sends the
 * digests).
 *
 * A subscription's token (32 random hex digits) names it and is its only
 * secret: the confirmation and unsubscribe links carry it.  The address is
 * never shown: nothing lists subscriptions over HTTP. */
#ifndef VEILLE_SUBSCRIPTIONS_H
#define VEILLE_SUBSCRIPTIONS_H

#include <glib.h>
#include "verr.h"

typedef struct {
    char *token;       /* 32 lowercase hex digits */
    char *email;
    char *search;      /* the search's parameters as a query string ("q=cls&region=bretagne") */
    char *frequency;   /* "daily" or "weekly" */
    gboolean confirmed;
    char *created;     /* UTC, "YYYY-MM-DDThh:mm:ssZ" */
    char *last_sent;   /* the arrivals digests start after (UTC); NULL until confirmed */
} subscription;

/* The folder of the subscriptions of the index at db_path (beside it:
 * "index.alerts").  Caller frees. */
char *subscriptions_dir(const char *db_path);

/* A new unconfirmed subscription with a fresh token; NULL with err when no
 * randomness could be had. */
subscription *subscription_new(const char *email, const char *search, const char *frequency,
                               verr *err);
void subscription_free(subscription *s);

/* The search of s for a person, in French quotes: its parameters as
 * written ("« q=cls&region=bretagne »"), or « tous les documents ».
 * Caller frees. */
char *subscription_label(const subscription *s);

/* Whether token has a token's form (nothing else is ever a file name). */
gboolean subscription_token_ok(const char *token);

/* Writes s into dir (created if needed).  0, or -1 with err. */
int subscriptions_save(const char *dir, const subscription *s, verr *err);
/* Subscription token of dir; NULL with err (VERR_NOTFOUND: none). */
subscription *subscriptions_load(const char *dir, const char *token, verr *err);
/* Removes subscription token (no error when there is none).  0, or -1. */
int subscriptions_remove(const char *dir, const char *token, verr *err);
/* Removes the subscriptions of dir left unconfirmed for more than
 * max_age seconds: an address nobody confirmed is not kept. */
void subscriptions_expire(const char *dir, gint64 max_age);
/* Every subscription of dir (of subscription *; unreadable files are
 * skipped with a line on stderr). */
GPtrArray *subscriptions_list(const char *dir);

#endif
