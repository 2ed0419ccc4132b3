/* handlers_alerts.c - e-mail alerts on any search (handlers.h): a
 * coordinator subscribes with an address, confirms by the link mailed to
 * it (double opt-in), and unsubscribes from the link in every mail.
 * veille-alerts (alerts/main.c) sends the digests.  Answers and pages are
 * French; the address is never shown back. */
#include "handlers.h"
#include "docmeta.h"
#include "http.h"
#include "jsonutil.h"
#include "mailer.h"
#include "params.h"
#include "subscriptions.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* A small French HTML page, title and text escaped. */
static enum MHD_Result send_page(request *rq, unsigned status, const char *title, const char *text,
                                 const char *form_action, const char *button)
{
    char *t = g_markup_escape_text(title, -1), *x = g_markup_escape_text(text, -1);
    char *form = form_action != NULL
        ? g_markup_printf_escaped("<form method=\"post\" action=\"%s\"><button type=\"submit\">%s"
                                  "</button></form>", form_action, button)
        : g_strdup("");
    char *page = g_strdup_printf("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                                 "<meta name=\"viewport\" content=\"width=device-width\">"
                                 "<title>%s – Veille</title><link rel=\"stylesheet\" "
                                 "href=\"/static/style.css\"></head><body><main class=\"panel\">"
                                 "<h1>%s</h1><p>%s</p>%s<p><a href=\"/\">Retour à la recherche"
                                 "</a></p></main></body></html>\n", t, t, x, form);
    g_free(form);
    g_free(x);
    g_free(t);
    return http_send_body(rq, status, "text/html; charset=utf-8", "no-store", page);
}

/* At most this many confirmation mails leave per minute, all clients
 * together, and an address waits for at most this many confirmations:
 * the subscription form cannot be made to mail-bomb anyone. */
#define CONFIRMATIONS_PER_MINUTE 20
#define UNCONFIRMED_PER_ADDRESS 3

/* Whether one more confirmation mail may leave now (and counts it). */
static gboolean confirmation_allowed(void)
{
    static GMutex lock;
    static gint64 window_start;
    static unsigned in_window;
    gint64 now = g_get_monotonic_time();
    g_mutex_lock(&lock);
    if (now - window_start >= 60 * G_USEC_PER_SEC) {
        window_start = now;
        in_window = 0;
    }
    gboolean ok = in_window < CONFIRMATIONS_PER_MINUTE;
    in_window += ok;
    g_mutex_unlock(&lock);
    return ok;
}

/* How many subscriptions of dir wait for email's confirmation. */
static unsigned unconfirmed_for(const char *dir, const char *email)
{
    GPtrArray *all = subscriptions_list(dir);
    unsigned n = 0;
    for (guint i = 0; i < all->len; i++) {
        const subscription *s = g_ptr_array_index(all, i);
        n += !s->confirmed && g_ascii_strcasecmp(s->email, email) == 0;
    }
    g_ptr_array_unref(all);
    return n;
}

/* A confirmation mail to send, off the request's thread. */
typedef struct {
    char *dir, *token, *sendmail, *message;
    char *to;
} mail_task;

static void mail_task_free(mail_task *t)
{
    g_free(t->dir);
    g_free(t->token);
    g_free(t->sendmail);
    g_free(t->message);
    g_free(t->to);
    g_free(t);
}

/* Sends one confirmation (a slow mail transport holds this thread, never
 * a request's); a mail that cannot leave takes its subscription away. */
static void mail_worker(gpointer data, gpointer unused)
{
    mail_task *t = data;
    verr err;
    (void)unused;
    if (mailer_send(t->sendmail, t->to, t->message, &err) != 0) {
        fprintf(stderr, "veille-searchd: an alert's confirmation was not sent: %s\n", err.msg);
        subscriptions_remove(t->dir, t->token, NULL);
    }
    mail_task_free(t);
}

/* The one thread that sends confirmation mails. */
static GThreadPool *mail_pool(void)
{
    static gsize once;
    static GThreadPool *pool;
    if (g_once_init_enter(&once)) {
        pool = g_thread_pool_new(mail_worker, NULL, 1, FALSE, NULL);
        g_once_init_leave(&once, 1);
    }
    return pool;
}

/* Queues s's confirmation link for mailing.  0, or -1 with err. */
static int send_confirmation(const snapshot *sn, const char *base, const char *dir,
                             const subscription *s, verr *err)
{
    char *label = subscription_label(s);
    char *body = g_strdup_printf(
        "Bonjour,\n\nQuelqu'un (sans doute vous) a demandé à recevoir par courriel les nouveaux "
        "documents de la veille des Ateliers santé ville pour la recherche %s, %s.\n\n"
        "Pour confirmer, ouvrez ce lien :\n%s/alerts/confirm?token=%s\n\n"
        "Sans confirmation sous 48 heures, vous ne recevrez rien et votre adresse ne sera pas "
        "gardée.\n",
        label, strcmp(s->frequency, "weekly") == 0 ? "une fois par semaine" : "une fois par jour",
        base, s->token);
    char *msg = mailer_message(sn->settings.mail_from, s->email,
                               "Confirmez votre alerte Veille", body, NULL);
    int rc = 0;
    if (msg == NULL) {
        verr_set(err, VERR_INVALID, "mail", "expéditeur ou adresse invalide");
        rc = -1;
    } else {
        mail_task *t = g_new0(mail_task, 1);
        *t = (mail_task){ g_strdup(dir), g_strdup(s->token), g_strdup(sn->settings.sendmail), msg,
                          g_strdup(s->email) };
        g_thread_pool_push(mail_pool(), t, NULL);
    }
    g_free(body);
    g_free(label);
    return rc;
}

/* Unconfirmed subscriptions are forgotten after this long. */
#define UNCONFIRMED_KEPT_S (48 * 3600)

/* Whether a confirmation may be mailed to email now. */
static gboolean alerts_may_confirm(server *sv, const char *email)
{
    char *dir = subscriptions_dir(sv->db_path);
    subscriptions_expire(dir, UNCONFIRMED_KEPT_S);
    gboolean ok = unconfirmed_for(dir, email) < UNCONFIRMED_PER_ADDRESS && confirmation_allowed();
    g_free(dir);
    return ok;
}

/* POST /api/alerts, JSON {"email", "search" (a query string), "frequency"
 * ("daily" or "weekly")}: a subscription waiting for its confirmation. */
enum MHD_Result handle_alerts_subscribe(server *sv, request *rq, const char *url, const char *arg)
{
    (void)url;
    (void)arg;
    const char *type = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Content-Type");
    if (type == NULL || !g_str_has_prefix(type, "application/json"))
        return http_send_error(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                               "corps attendu en application/json");
    JsonParser *parser = json_parser_new();
    const char *body = rq->body != NULL ? rq->body->str : "";
    if (rq->too_large || !json_parser_load_from_data(parser, body, -1, NULL) ||
        json_parser_get_root(parser) == NULL || !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
        g_object_unref(parser);
        return http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_request",
                               "corps attendu : {\"email\", \"search\", \"frequency\"}");
    }
    JsonObject *o = json_node_get_object(json_parser_get_root(parser));
    const char *email = json_object_get_string_member_with_default(o, "email", NULL);
    const char *search = json_object_get_string_member_with_default(o, "search", "");
    const char *frequency = json_object_get_string_member_with_default(o, "frequency", "weekly");
    search_request req = { 0 };
    params p = { 0 };
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    params_init(&p, &req);
    if (search != NULL && strlen(search) <= 2000)
        params_add_query_string(&p, search, keep);
    char *bad = search == NULL || strlen(search) > 2000
        ? g_strdup("recherche trop longue") : params_take_error(&p);
    params_clear(&req);
    g_ptr_array_unref(keep);
    enum MHD_Result ret;
    if (!mailer_address_ok(email)) {
        ret = http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_email", "adresse électronique invalide");
    } else if (frequency == NULL || (strcmp(frequency, "daily") != 0 && strcmp(frequency, "weekly") != 0)) {
        ret = http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_frequency",
                              "fréquence : daily (chaque jour) ou weekly (chaque semaine)");
    } else if (bad != NULL) {
        ret = http_send_error(rq, MHD_HTTP_BAD_REQUEST, "bad_search", bad);
    } else if (!alerts_may_confirm(sv, email)) {
        ret = http_send_error(rq, MHD_HTTP_TOO_MANY_REQUESTS, "too_many",
                              "trop de demandes d'alerte en attente : confirmez celles reçues, "
                              "ou réessayez dans une minute");
    } else {
        verr err;
        char *dir = subscriptions_dir(sv->db_path), *base = http_public_base(sv, rq);
        subscription *s = subscription_new(email, search, frequency, &err);
        if (s == NULL || subscriptions_save(dir, s, &err) != 0) {
            ret = http_send_verr(rq, &err);
        } else if (send_confirmation(rq->snap, base, dir, s, &err) != 0) {
            subscriptions_remove(dir, s->token, NULL);
            ret = http_send_verr(rq, &err);
        } else {
            JsonBuilder *b = json_builder_new();
            json_builder_begin_object(b);
            jsonutil_add_string(b, "message", "Un courriel de confirmation va partir : "
                                              "cliquez sur son lien pour recevoir les nouveautés.");
            json_builder_end_object(b);
            ret = http_send_json(rq, MHD_HTTP_ACCEPTED, jsonutil_finish(b));
        }
        subscription_free(s);
        g_free(base);
        g_free(dir);
    }
    g_free(bad);
    g_object_unref(parser);
    return ret;
}

/* The subscription named by the request's token, or NULL with the page
 * that says why already sent (*ret). */
static subscription *token_subscription(server *sv, request *rq, char *dir, enum MHD_Result *ret)
{
    verr err;
    const char *token = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "token");
    subscription *s = subscriptions_load(dir, token, &err);
    (void)sv;
    if (s == NULL)
        *ret = send_page(rq, err.code == VERR_NOTFOUND ? MHD_HTTP_NOT_FOUND
                                                      : MHD_HTTP_INTERNAL_SERVER_ERROR,
                         "Alerte introuvable",
                         "Ce lien ne correspond à aucune alerte : elle a peut-être déjà été retirée.",
                         NULL, NULL);
    return s;
}

/* The confirmation link: GET shows one button (a mail scanner opening the
 * link confirms nothing), POST starts the subscription; its first digest
 * has the documents that arrive from then on. */
static enum MHD_Result confirm(server *sv, request *rq, const char *url, gboolean really)
{
    char *dir = subscriptions_dir(sv->db_path);
    enum MHD_Result ret;
    subscription *s = token_subscription(sv, rq, dir, &ret);
    if (s != NULL) {
        verr err;
        char *label = subscription_label(s);
        const char *when = strcmp(s->frequency, "weekly") == 0 ? "chaque semaine" : "chaque jour";
        if (!really && !s->confirmed) {
            char *action = g_strdup_printf("%s?token=%s", url, s->token);
            char *text = g_strdup_printf("Recevoir %s les nouveaux documents pour %s ?", when, label);
            ret = send_page(rq, MHD_HTTP_OK, "Confirmer l'alerte", text, action, "Confirmer");
            g_free(text);
            g_free(action);
        } else {
            int rc = 0;
            if (!s->confirmed) { /* saved only when it changes */
                s->confirmed = TRUE;
                s->last_sent = docmeta_added_now();
                rc = subscriptions_save(dir, s, &err);
            }
            char *text = g_strdup_printf("Vous recevrez les nouveaux documents pour %s %s. Chaque "
                                         "courriel a un lien pour vous désabonner.", label, when);
            ret = rc == 0 ? send_page(rq, MHD_HTTP_OK, "Alerte confirmée", text, NULL, NULL)
                          : http_send_verr(rq, &err);
            g_free(text);
        }
        g_free(label);
        subscription_free(s);
    }
    g_free(dir);
    return ret;
}

enum MHD_Result handle_alerts_confirm_page(server *sv, request *rq, const char *url, const char *arg)
{
    (void)arg;
    return confirm(sv, rq, url, FALSE);
}

enum MHD_Result handle_alerts_confirm(server *sv, request *rq, const char *url, const char *arg)
{
    (void)arg;
    return confirm(sv, rq, url, TRUE);
}

/* The unsubscribe link: remove (the button's POST, or a mail client's
 * one-click List-Unsubscribe-Post), or only ask (GET: a link opened by a
 * mail scanner unsubscribes nobody). */
static enum MHD_Result unsubscribe(server *sv, request *rq, const char *url, gboolean remove)
{
    char *dir = subscriptions_dir(sv->db_path);
    enum MHD_Result ret;
    subscription *s = token_subscription(sv, rq, dir, &ret);
    if (s != NULL && remove) {
        verr err;
        ret = subscriptions_remove(dir, s->token, &err) == 0
            ? send_page(rq, MHD_HTTP_OK, "Désabonnement fait",
                        "Vous ne recevrez plus cette alerte, et votre adresse n'est plus gardée.",
                        NULL, NULL)
            : http_send_verr(rq, &err);
    } else if (s != NULL) {
        char *action = g_strdup_printf("%s?token=%s", url, s->token);
        char *label = subscription_label(s);
        char *text = g_strdup_printf("Ne plus recevoir les nouveaux documents pour %s ?", label);
        ret = send_page(rq, MHD_HTTP_OK, "Se désabonner", text, action, "Me désabonner");
        g_free(text);
        g_free(label);
        g_free(action);
    }
    subscription_free(s);
    g_free(dir);
    return ret;
}

enum MHD_Result handle_alerts_unsubscribe_page(server *sv, request *rq, const char *url,
                                               const char *arg)
{
    (void)arg;
    return unsubscribe(sv, rq, url, FALSE);
}

enum MHD_Result handle_alerts_unsubscribe(server *sv, request *rq, const char *url, const char *arg)
{
    (void)arg;
    return unsubscribe(sv, rq, url, TRUE);
}
