/* subscriptions.c - e-mail alert subscriptions on disk (subscriptions.h). */
#include "subscriptions.h"
#include "docmeta.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define GROUP "alerte"

char *subscriptions_dir(const char *db_path)
{
    return g_strconcat(db_path, ".alerts", NULL);
}

subscription *subscription_new(const char *email, const char *search, const char *frequency,
                               verr *err)
{
    unsigned char bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes) {
        verr_set(err, VERR_IO, "alerts", "getrandom: %s", g_strerror(errno));
        return NULL;
    }
    subscription *s = g_new0(subscription, 1);
    GString *token = g_string_new(NULL);
    for (size_t i = 0; i < sizeof bytes; i++)
        g_string_append_printf(token, "%02x", bytes[i]);
    s->token = g_string_free(token, FALSE);
    s->email = g_strdup(email);
    s->search = g_strdup(search != NULL ? search : "");
    s->frequency = g_strdup(frequency);
    s->created = docmeta_added_now();
    return s;
}

void subscription_free(subscription *s)
{
    if (s == NULL)
        return;
    g_free(s->token);
    g_free(s->email);
    g_free(s->search);
    g_free(s->frequency);
    g_free(s->created);
    g_free(s->last_sent);
    g_free(s);
}

char *subscription_label(const subscription *s)
{
    char *plus = g_strdup(s->search);
    g_strdelimit(plus, "+", ' ');
    char *decoded = g_uri_unescape_string(plus, NULL);
    g_free(plus);
    if (decoded != NULL && !g_utf8_validate(decoded, -1, NULL))
        g_clear_pointer(&decoded, g_free);
    for (char *c = decoded; c != NULL && *c != '\0'; c++) /* one line, no control character */
        if ((unsigned char)*c < ' ')
            *c = ' ';
    if (decoded != NULL && g_utf8_strlen(decoded, -1) > 120) /* a label, not a letter */
        strcpy(g_utf8_offset_to_pointer(decoded, 119), "…");
    char *label = g_strdup_printf("« %s »", decoded != NULL && *decoded != '\0' ? decoded
                                                                               : "tous les documents");
    g_free(decoded);
    return label;
}

gboolean subscription_token_ok(const char *token)
{
    if (token == NULL || strlen(token) != 32)
        return FALSE;
    for (const char *c = token; *c != '\0'; c++)
        if (!g_ascii_isxdigit(*c) || g_ascii_isupper(*c))
            return FALSE;
    return TRUE;
}

static char *file_of(const char *dir, const char *token)
{
    char *name = g_strconcat(token, ".ini", NULL);
    char *path = g_build_filename(dir, name, NULL);
    g_free(name);
    return path;
}

int subscriptions_save(const char *dir, const subscription *s, verr *err)
{
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        verr_set(err, VERR_IO, "alerts", "%s : %s", dir, g_strerror(errno));
        return -1;
    }
    GKeyFile *kf = g_key_file_new();
    g_key_file_set_string(kf, GROUP, "email", s->email);
    g_key_file_set_string(kf, GROUP, "search", s->search);
    g_key_file_set_string(kf, GROUP, "frequency", s->frequency);
    g_key_file_set_boolean(kf, GROUP, "confirmed", s->confirmed);
    g_key_file_set_string(kf, GROUP, "created", s->created);
    if (s->last_sent != NULL)
        g_key_file_set_string(kf, GROUP, "last_sent", s->last_sent);
    char *path = file_of(dir, s->token);
    GError *gerr = NULL;
    int rc = g_key_file_save_to_file(kf, path, &gerr) ? 0 : -1;
    if (rc != 0) {
        verr_from_gerror(err, VERR_IO, gerr);
    }
    g_free(path);
    g_key_file_free(kf);
    return rc;
}

subscription *subscriptions_load(const char *dir, const char *token, verr *err)
{
    if (!subscription_token_ok(token)) {
        verr_set(err, VERR_NOTFOUND, "alerts", "alerte inconnue");
        return NULL;
    }
    char *path = file_of(dir, token);
    GKeyFile *kf = g_key_file_new();
    GError *gerr = NULL;
    subscription *s = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
        if (g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            verr_set(err, VERR_NOTFOUND, "alerts", "alerte inconnue ou déjà retirée");
        else
            verr_from_gerror(err, VERR_IO, gerr);
        g_clear_error(&gerr);
    } else {
        s = g_new0(subscription, 1);
        s->token = g_strdup(token);
        s->email = g_key_file_get_string(kf, GROUP, "email", NULL);
        s->search = g_key_file_get_string(kf, GROUP, "search", NULL);
        s->frequency = g_key_file_get_string(kf, GROUP, "frequency", NULL);
        s->confirmed = g_key_file_get_boolean(kf, GROUP, "confirmed", NULL);
        s->created = g_key_file_get_string(kf, GROUP, "created", NULL);
        s->last_sent = g_key_file_get_string(kf, GROUP, "last_sent", NULL);
        if (s->email == NULL || s->search == NULL || s->frequency == NULL) {
            verr_set(err, VERR_PARSE, "alerts", "%s : alerte incomplète", path);
            subscription_free(s);
            s = NULL;
        }
    }
    g_key_file_free(kf);
    g_free(path);
    return s;
}

int subscriptions_remove(const char *dir, const char *token, verr *err)
{
    if (!subscription_token_ok(token))
        return 0;
    char *path = file_of(dir, token);
    int rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
    if (rc != 0)
        verr_set(err, VERR_IO, "alerts", "%s : %s", path, g_strerror(errno));
    g_free(path);
    return rc;
}

void subscriptions_expire(const char *dir, gint64 max_age)
{
    GPtrArray *all = subscriptions_list(dir);
    GDateTime *now = g_date_time_new_now_utc();
    for (guint i = 0; i < all->len; i++) {
        const subscription *s = g_ptr_array_index(all, i);
        GDateTime *created = s->created != NULL ? g_date_time_new_from_iso8601(s->created, NULL) : NULL;
        if (!s->confirmed &&
            (created == NULL || g_date_time_difference(now, created) > max_age * G_TIME_SPAN_SECOND))
            subscriptions_remove(dir, s->token, NULL);
        if (created != NULL)
            g_date_time_unref(created);
    }
    g_date_time_unref(now);
    g_ptr_array_unref(all);
}

GPtrArray *subscriptions_list(const char *dir)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)subscription_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        if (!g_str_has_suffix(name, ".ini"))
            continue;
        char *token = g_strndup(name, strlen(name) - 4);
        verr err;
        subscription *s = subscription_token_ok(token) ? subscriptions_load(dir, token, &err) : NULL;
        if (s != NULL)
            g_ptr_array_add(out, s);
        else if (subscription_token_ok(token))
            fprintf(stderr, "veille: alert %s skipped: %s\n", token, err.msg);
        g_free(token);
    }
    if (d != NULL)
        g_dir_close(d);
    return out;
}
