/* shards.c - an index's shards and where they are (shards.h). */
#include "shards.h"

#include <stdlib.h>
#include <string.h>

/* Bounds of the file's settings. */
#define MAX_SHARDS 256
#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_CONNECT_TIMEOUT_MS 1000
#define DEFAULT_RETRY_S 2

typedef struct {
    shard_place *writer;
    GPtrArray *readers; /* shard_place *, owned */
} shard;

struct shard_layout {
    shard *shards;
    guint count;
    unsigned timeout_ms, connect_timeout_ms, retry_s, changesets;
};

static void place_free(gpointer p)
{
    shard_place *sp = p;
    if (sp == NULL)
        return;
    g_free(sp->path);
    g_free(sp->host);
    g_free(sp);
}

/* "HOST:PORT" (HOST without '/', or "[v6]") is a server; anything else a
 * folder, relative to base.  NULL for an empty text or a bad port. */
static shard_place *place_parse(const char *text, const char *base)
{
    char *t = g_strstrip(g_strdup(text));
    shard_place *p = NULL;
    const char *colon = strrchr(t, ':');
    if (*t == '\0') {
        /* nothing */
    } else if (colon != NULL && strchr(t, '/') == NULL && colon[1] != '\0') {
        char *end = NULL;
        guint64 port = g_ascii_strtoull(colon + 1, &end, 10);
        if (*end == '\0' && port > 0 && port < 65536 && colon > t) {
            p = g_new0(shard_place, 1);
            p->host = g_strndup(t, (gsize)(colon - t));
            if (p->host[0] == '[' && g_str_has_suffix(p->host, "]")) {
                char *bare = g_strndup(p->host + 1, strlen(p->host) - 2);
                g_free(p->host);
                p->host = bare;
            }
            p->port = (unsigned)port;
        }
    } else {
        p = g_new0(shard_place, 1);
        p->path = g_path_is_absolute(t) ? g_strdup(t) : g_build_filename(base, t, NULL);
    }
    g_free(t);
    return p;
}

/* An optional positive integer setting of [shards]; FALSE when it is bad. */
static gboolean read_uint(GKeyFile *kf, const char *key, unsigned max, unsigned *out)
{
    GError *ge = NULL;
    if (!g_key_file_has_key(kf, "shards", key, NULL))
        return TRUE;
    gint v = g_key_file_get_integer(kf, "shards", key, &ge);
    g_clear_error(&ge);
    if (v <= 0 || (unsigned)v > max)
        return FALSE;
    *out = (unsigned)v;
    return TRUE;
}

static gboolean read_shard(GKeyFile *kf, guint i, const char *base, shard *s, const char *file,
                           verr *err)
{
    char *group = g_strdup_printf("shard %u", i);
    char *w = g_key_file_get_string(kf, group, "write", NULL);
    gboolean ok = FALSE;
    s->readers = g_ptr_array_new_with_free_func(place_free);
    if (w == NULL || (s->writer = place_parse(w, base)) == NULL) {
        verr_set(err, VERR_PARSE, "shards", "%s : [%s] write manque ou ne désigne ni un dossier "
                 "ni HÔTE:PORT", file, group);
        goto done;
    }
    char **reads = g_key_file_get_string_list(kf, group, "read", NULL, NULL);
    for (char **r = reads; r != NULL && *r != NULL; r++) {
        shard_place *p = place_parse(*r, base);
        if (p == NULL && **r != '\0') {
            verr_set(err, VERR_PARSE, "shards", "%s : [%s] read : « %s » n'est ni un dossier ni "
                     "HÔTE:PORT", file, group, *r);
            g_strfreev(reads);
            goto done;
        }
        if (p != NULL)
            g_ptr_array_add(s->readers, p);
    }
    g_strfreev(reads);
    if (s->readers->len == 0)
        g_ptr_array_add(s->readers, place_parse(w, base));
    ok = TRUE;
done:
    g_free(w);
    g_free(group);
    return ok;
}

shard_layout *shard_layout_load(const char *db_path, verr *err)
{
    verr_clear(err);
    char *file = g_strconcat(db_path, ".shards", NULL);
    if (!g_file_test(file, G_FILE_TEST_EXISTS)) {
        g_free(file);
        return NULL;
    }
    GKeyFile *kf = g_key_file_new();
    GError *ge = NULL;
    shard_layout *l = NULL;
    if (!g_key_file_load_from_file(kf, file, G_KEY_FILE_NONE, &ge)) {
        verr_set(err, VERR_PARSE, "shards", "%s : %s", file, ge->message);
        g_error_free(ge);
        goto done;
    }
    gint count = g_key_file_get_integer(kf, "shards", "count", NULL);
    if (count < 1 || count > MAX_SHARDS) {
        verr_set(err, VERR_PARSE, "shards", "%s : [shards] count doit être un nombre de 1 à %d",
                 file, MAX_SHARDS);
        goto done;
    }
    l = g_new0(shard_layout, 1);
    l->timeout_ms = DEFAULT_TIMEOUT_MS;
    l->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
    l->retry_s = DEFAULT_RETRY_S;
    if (!read_uint(kf, "timeout_ms", 3600 * 1000, &l->timeout_ms) ||
        !read_uint(kf, "connect_timeout_ms", 3600 * 1000, &l->connect_timeout_ms) ||
        !read_uint(kf, "retry_s", 3600, &l->retry_s) ||
        !read_uint(kf, "changesets", 100000, &l->changesets)) {
        verr_set(err, VERR_PARSE, "shards", "%s : [shards] timeout_ms, connect_timeout_ms, "
                 "retry_s et changesets sont des nombres positifs", file);
        shard_layout_free(l);
        l = NULL;
        goto done;
    }
    char *base = g_path_get_dirname(file);
    l->shards = g_new0(shard, (gsize)count);
    for (guint i = 0; i < (guint)count; i++) {
        l->count = i + 1;
        if (!read_shard(kf, i, base, &l->shards[i], file, err)) {
            shard_layout_free(l);
            l = NULL;
            break;
        }
    }
    g_free(base);
done:
    g_key_file_free(kf);
    g_free(file);
    return l;
}

void shard_layout_free(shard_layout *l)
{
    if (l == NULL)
        return;
    for (guint i = 0; i < l->count; i++) {
        place_free(l->shards[i].writer);
        if (l->shards[i].readers != NULL)
            g_ptr_array_unref(l->shards[i].readers);
    }
    g_free(l->shards);
    g_free(l);
}

guint shard_layout_count(const shard_layout *l) { return l->count; }

guint shard_layout_pick(const shard_layout *l, const char *id)
{
    char head[9] = { 0 };
    g_strlcpy(head, id, sizeof head);
    return (guint)(g_ascii_strtoull(head, NULL, 16) % l->count);
}

const shard_place *shard_layout_writer(const shard_layout *l, guint i)
{
    return l->shards[i].writer;
}

const GPtrArray *shard_layout_readers(const shard_layout *l, guint i)
{
    return l->shards[i].readers;
}

unsigned shard_layout_timeout_ms(const shard_layout *l) { return l->timeout_ms; }
unsigned shard_layout_connect_timeout_ms(const shard_layout *l) { return l->connect_timeout_ms; }
unsigned shard_layout_retry_s(const shard_layout *l) { return l->retry_s; }
unsigned shard_layout_changesets(const shard_layout *l) { return l->changesets; }

char *shard_place_describe(const shard_place *p)
{
    if (p->path != NULL)
        return g_strdup(p->path);
    return strchr(p->host, ':') != NULL ? g_strdup_printf("[%s]:%u", p->host, p->port)
                                        : g_strdup_printf("%s:%u", p->host, p->port);
}

xap_db *shard_place_open(const shard_layout *l, const shard_place *p, verr *err)
{
    return shard_place_open_with(p, l->timeout_ms, l->connect_timeout_ms, err);
}

xap_db *shard_place_open_with(const shard_place *p, unsigned timeout_ms, unsigned connect_timeout_ms,
                              verr *err)
{
    if (p->path != NULL)
        return xap_db_open(p->path, err);
    return xap_db_open_remote(p->host, p->port, timeout_ms, connect_timeout_ms, err);
}

xap_wdb *shard_place_open_writable(const shard_layout *l, const shard_place *p,
                                   const writer_lock_wait *wait, verr *err)
{
    if (p->path != NULL) {
        if (g_mkdir_with_parents(p->path, 0755) != 0) {
            verr_set(err, VERR_IO, "mkdir", "impossible de créer %s", p->path);
            return NULL;
        }
        return writer_lock_open(p->path, 1, wait, err);
    }
    writer_lock_server s = { p->host, p->port, l->timeout_ms, l->connect_timeout_ms };
    return writer_lock_open_remote(&s, wait, err);
}

int shard_create(const char *path, verr *err)
{
    if (g_mkdir_with_parents(path, 0755) != 0) {
        verr_set(err, VERR_IO, "mkdir", "impossible de créer %s", path);
        return -1;
    }
    xap_wdb *wdb = xap_wdb_open(path, 1, err);
    int rc = wdb != NULL && xap_wdb_commit(wdb, err) == 0 ? 0 : -1;
    xap_wdb_free(wdb);
    return rc;
}
