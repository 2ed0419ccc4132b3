/* upload.c - uploaded reports (upload.h). */
#include "upload.h"
#include "admin.h"
#include "detect.h"
#include "extract.h"
#include "jsonutil.h"
#include "record.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FIELD_MAX 4096

struct upload {
    char *dir;
    char *tmp;          /* hidden temporary file in dir: not indexed */
    int fd;
    char *filename;     /* as sent by the browser */
    gsize size;
    GHashTable *fields; /* key -> value (GString) */
    verr failure;
    gboolean failed;
};

/* libmagic's cookie is not thread-safe */
static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;

upload *upload_new(const char *dir, verr *err)
{
    upload *u = g_new0(upload, 1);
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        verr_set(err, VERR_IO, "upload", "dossier de dépôt inaccessible : %s", g_strerror(errno));
        g_free(u);
        return NULL;
    }
    u->dir = g_strdup(dir);
    u->tmp = g_build_filename(dir, ".upload-XXXXXX", NULL);
    u->fd = g_mkstemp(u->tmp);
    if (u->fd < 0) {
        verr_set(err, VERR_IO, "upload", "fichier temporaire impossible : %s", g_strerror(errno));
        g_free(u->tmp);
        g_free(u->dir);
        g_free(u);
        return NULL;
    }
    u->fields = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return u;
}

void upload_free(upload *u)
{
    if (u == NULL)
        return;
    if (u->fd >= 0)
        close(u->fd);
    if (u->tmp != NULL)
        unlink(u->tmp);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, u->fields);
    while (g_hash_table_iter_next(&it, &k, &val))
        g_string_free(val, TRUE);
    g_hash_table_unref(u->fields);
    g_free(u->filename);
    g_free(u->tmp);
    g_free(u->dir);
    g_free(u);
}

const verr *upload_failed(const upload *u) { return u->failed ? &u->failure : NULL; }

gboolean upload_feed(upload *u, const char *key, const char *filename, const char *data,
                     size_t size)
{
    if (u->failed)
        return FALSE;
    if (strcmp(key, "file") == 0) {
        if (u->filename == NULL && filename != NULL)
            u->filename = g_strdup(filename);
        if (u->size + size > UPLOAD_MAX) {
            verr_set(&u->failure, VERR_NOMEM, "upload", "fichier de plus de %u Mo",
                     UPLOAD_MAX >> 20);
            u->failed = TRUE;
            return FALSE;
        }
        for (size_t done = 0; done < size;) {
            ssize_t w = write(u->fd, data + done, size - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                verr_set(&u->failure, VERR_IO, "upload", "écriture impossible : %s",
                         g_strerror(errno));
                u->failed = TRUE;
                return FALSE;
            }
            done += (size_t)w;
        }
        u->size += size;
        return TRUE;
    }
    GString *v = g_hash_table_lookup(u->fields, key);
    if (v == NULL) {
        v = g_string_new(NULL);
        g_hash_table_insert(u->fields, g_strdup(key), v);
    }
    if (v->len + size > FIELD_MAX) {
        verr_set(&u->failure, VERR_NOMEM, "upload", "champ %s trop long", key);
        u->failed = TRUE;
        return FALSE;
    }
    g_string_append_len(v, data, (gssize)size);
    return TRUE;
}

/* A file name safe to create: the slug of the sent name, its extension
 * kept, made unique in dir.  Caller frees. */
static char *safe_path(const char *dir, const char *sent)
{
    char *base = g_path_get_basename(sent != NULL && *sent != '\0' ? sent : "document");
    char *dot = strrchr(base, '.');
    char *ext = dot != NULL && dot != base ? text_slug(dot + 1) : g_strdup("");
    if (dot != NULL && dot != base)
        *dot = '\0';
    char *stem = text_slug(base);
    if (*stem == '\0') {
        g_free(stem);
        stem = g_strdup("document");
    }
    char *path = NULL;
    for (int n = 1; n < 10000; n++) {
        char *name = n == 1 ? g_strdup_printf("%s%s%s", stem, *ext ? "." : "", ext)
                            : g_strdup_printf("%s-%d%s%s", stem, n, *ext ? "." : "", ext);
        g_free(path);
        path = g_build_filename(dir, name, NULL);
        g_free(name);
        if (!g_file_test(path, G_FILE_TEST_EXISTS))
            break;
    }
    g_free(stem);
    g_free(ext);
    g_free(base);
    return path;
}

/* Runs veille-index on path, retrying while another writer holds the index. */
static int run_indexer(const char *indexer, const char *db, const char *path, verr *err)
{
    const char *argv[] = { indexer, "--quiet", "--jobs", "1", "--db", db, path, NULL };
    for (int attempt = 0; attempt < 20; attempt++) {
        char *out = NULL, *errout = NULL;
        int status = 0;
        GError *gerr = NULL;
        if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &errout,
                          &status, &gerr)) {
            verr_from_gerror(err, VERR_INTERNAL, gerr);
            g_clear_error(&gerr);
            return -1;
        }
        gboolean locked = errout != NULL && strstr(errout, "déjà ouvert") != NULL;
        gboolean ok = g_spawn_check_wait_status(status, NULL);
        gboolean failed_file = out != NULL && strstr(out, ", 0 ajoutés") != NULL &&
                               strstr(out, ", 0 mis à jour") != NULL;
        if (ok && failed_file)
            verr_set(err, VERR_UNSUPPORTED, "upload", "fichier non indexé : %s",
                     strstr(out, "Échecs") != NULL ? strstr(out, "Échecs") : "voir le journal");
        else if (!ok && !locked)
            verr_set(err, VERR_INTERNAL, "upload", "indexation impossible : %s",
                     errout != NULL ? errout : "");
        g_free(out);
        g_free(errout);
        if (ok)
            return failed_file ? -1 : 0;
        if (!locked)
            return -1;
        g_usleep(500 * 1000);
    }
    verr_set(err, VERR_LOCKED, "upload", "index occupé par une autre indexation");
    return -1;
}

/* The metadata fields as a PATCH body, or NULL when there are none. */
static char *fields_json(const upload *u)
{
    static const char *const strings[] = { "title", "type" };
    static const char *const lists[] = { "themes", "regions" };
    JsonBuilder *b = json_builder_new();
    gboolean any = FALSE;
    json_builder_begin_object(b);
    for (size_t i = 0; i < G_N_ELEMENTS(strings); i++) {
        GString *v = g_hash_table_lookup(u->fields, strings[i]);
        if (v == NULL || v->len == 0)
            continue;
        json_builder_set_member_name(b, strings[i]);
        json_builder_add_string_value(b, v->str);
        any = TRUE;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
        GString *v = g_hash_table_lookup(u->fields, lists[i]);
        if (v == NULL || v->len == 0)
            continue;
        json_builder_set_member_name(b, lists[i]);
        json_builder_begin_array(b);
        char **parts = g_strsplit_set(v->str, "|,", -1);
        for (char **p = parts; *p != NULL; p++)
            if (*g_strstrip(*p) != '\0')
                json_builder_add_string_value(b, *p);
        g_strfreev(parts);
        json_builder_end_array(b);
        any = TRUE;
    }
    json_builder_end_object(b);
    char *json = jsonutil_finish(b);
    if (!any) {
        g_free(json);
        json = NULL;
    }
    return json;
}

int upload_finish(upload *u, const char *indexer, const char *db, const struct vocab *v,
                  char **id, verr *err)
{
    char *path = NULL, *mime = NULL, *patch = NULL;
    int rc = -1;

    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, u->fields); /* every field must be valid UTF-8 */
    while (g_hash_table_iter_next(&it, &key, &val))
        if (!g_utf8_validate(((GString *)val)->str, -1, NULL)) {
            verr_set(err, VERR_PARSE, "upload", "champ %s : texte non UTF-8", (char *)key);
            return -1;
        }
    if (u->filename == NULL || u->size == 0) {
        verr_set(err, VERR_PARSE, "upload", "aucun fichier (champ « file ») ou fichier vide");
        return -1;
    }
    close(u->fd);
    u->fd = -1;
    pthread_mutex_lock(&magic_lock);
    mime = detect_mime(u->tmp, err);
    if (mime != NULL && extract_for_mime(mime) == NULL) {
        char *inner = detect_zip_document(u->tmp);
        if (inner != NULL) {
            g_free(mime);
            mime = inner;
        }
    }
    pthread_mutex_unlock(&magic_lock);
    if (mime == NULL)
        goto cleanup;
    if (extract_for_mime(mime) == NULL) {
        verr_set(err, VERR_UNSUPPORTED, "upload", "type non pris en charge : %s (PDF, texte, "
                 "HTML, ODT, DOCX)", mime);
        goto cleanup;
    }
    path = safe_path(u->dir, u->filename);
    if (rename(u->tmp, path) != 0) {
        verr_set(err, VERR_IO, "upload", "dépôt impossible : %s", g_strerror(errno));
        goto cleanup;
    }
    g_free(u->tmp);
    u->tmp = NULL;
    if (run_indexer(indexer, db, path, err) != 0) {
        unlink(path); /* a file Veille cannot index does not stay in the collection */
        goto cleanup;
    }
    char *canon = g_canonicalize_filename(path, NULL);
    char doc_id[DOC_ID_LEN + 1];
    record_id_for_path(canon, doc_id);
    g_free(canon);
    patch = fields_json(u);
    if (patch != NULL && admin_patch(db, doc_id, patch, v, err) != 0)
        goto cleanup;
    *id = g_strdup(doc_id);
    rc = 0;
cleanup:
    g_free(patch);
    g_free(path);
    g_free(mime);
    return rc;
}
