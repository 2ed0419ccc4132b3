/* upload.c - uploaded reports (upload.h). */
#include "upload.h"
#include "admin.h"
#include "detect.h"
#include "extract.h"
#include "fdio.h"
#include "jsonutil.h"
#include "record.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIELD_MAX 4096
#define FIELDS_MAX 16

struct upload {
    char *dir;
    char *tmp;          /* hidden temporary file in dir: not indexed */
    int fd;
    char *filename;     /* as sent by the browser */
    gboolean has_file;  /* the "file" part has begun */
    gsize size;
    GHashTable *fields; /* key -> value (GString) */
    GString *field;     /* the field being read; NULL: the file, or none */
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

unsigned upload_clean_stale(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    unsigned removed = 0;
    time_t now = time(NULL);
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        if (!g_str_has_prefix(name, ".upload-"))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime >= UPLOAD_STALE_S &&
            unlink(path) == 0)
            removed++;
        g_free(path);
    }
    if (d != NULL)
        g_dir_close(d);
    return removed;
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

/* Stops the upload with a failure of code (borrowed message). */
static int stop(upload *u, verr *err, verr_code code, const char *message)
{
    verr_set(&u->failure, code, "upload", "%s", message);
    u->failed = TRUE;
    if (err != NULL)
        *err = u->failure;
    return -1;
}

static int part_begin(void *ud, const char *name, const char *filename, verr *err)
{
    upload *u = ud;
    if (strcmp(name, "file") == 0) {
        if (u->has_file)
            return stop(u, err, VERR_PARSE, "un seul fichier par dépôt (deux champs « file »)");
        u->has_file = TRUE;
        u->filename = g_strdup(filename != NULL ? filename : "");
        u->field = NULL;
        return 0;
    }
    if (g_hash_table_contains(u->fields, name)) {
        char *m = g_strdup_printf("champ « %s » en double", name);
        int rc = stop(u, err, VERR_PARSE, m);
        g_free(m);
        return rc;
    }
    if (g_hash_table_size(u->fields) >= FIELDS_MAX)
        return stop(u, err, VERR_PARSE, "trop de champs dans le formulaire");
    u->field = g_string_new(NULL);
    g_hash_table_insert(u->fields, g_strdup(name), u->field);
    return 0;
}

static int write_file(upload *u, const char *data, size_t size, verr *err)
{
    if (u->size + size > UPLOAD_MAX) {
        char *m = g_strdup_printf("fichier de plus de %u Mo", UPLOAD_MAX >> 20);
        int rc = stop(u, err, VERR_NOMEM, m);
        g_free(m);
        return rc;
    }
    if (fdio_write_all(u->fd, data, size) != 0) {
        char *m = g_strdup_printf("écriture impossible : %s", g_strerror(errno));
        int rc = stop(u, err, VERR_IO, m);
        g_free(m);
        return rc;
    }
    u->size += size;
    return 0;
}

static int part_data(void *ud, const char *data, size_t size, verr *err)
{
    upload *u = ud;
    if (u->field == NULL)
        return write_file(u, data, size, err);
    if (u->field->len + size > FIELD_MAX)
        return stop(u, err, VERR_NOMEM, "champ du formulaire trop long");
    g_string_append_len(u->field, data, (gssize)size);
    return 0;
}

static int part_end(void *ud, verr *err)
{
    upload *u = ud;
    (void)err;
    u->field = NULL;
    return 0;
}

const multipart_handler upload_form = { part_begin, part_data, part_end };

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

/* In the child, before exec: it dies with the daemon's thread that waits
 * for it, and starts with no descriptor of the daemon's but its pipes
 * (g_spawn closes the others). */
static void child_setup(gpointer ud)
{
    (void)ud;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
}

/* Reads veille-index's --json summary: 0 when the file is in the index,
 * else -1 with why (VERR_UNSUPPORTED: the file cannot be indexed). */
static int read_summary(const char *json, verr *err)
{
    JsonParser *p = json_parser_new();
    int rc = -1;
    if (json == NULL || !json_parser_load_from_data(p, json, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
        verr_set(err, VERR_INTERNAL, "upload", "bilan de veille-index illisible");
        goto cleanup;
    }
    JsonObject *o = json_node_get_object(json_parser_get_root(p));
    gint64 in = json_object_get_int_member_with_default(o, "added", 0) +
                json_object_get_int_member_with_default(o, "updated", 0) +
                json_object_get_int_member_with_default(o, "unchanged", 0) +
                json_object_get_int_member_with_default(o, "moved", 0);
    if (in > 0) {
        rc = 0;
        goto cleanup;
    }
    const char *lists[] = { "failures", "skips" };
    const char *why = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(lists) && why == NULL; i++) {
        JsonArray *a = json_object_has_member(o, lists[i])
                           ? json_object_get_array_member(o, lists[i]) : NULL;
        if (a != NULL && json_array_get_length(a) > 0 &&
            JSON_NODE_HOLDS_OBJECT(json_array_get_element(a, 0)))
            why = json_object_get_string_member_with_default(
                json_array_get_object_element(a, 0), "reason", NULL);
    }
    verr_set(err, VERR_UNSUPPORTED, "unindexable", "fichier non indexé : %s",
             why != NULL ? why : "raison inconnue (voir le journal)");
cleanup:
    g_object_unref(p);
    return rc;
}

/* Runs veille-index on path; it waits for the index's lock up to 30 s. */
static int run_indexer(const char *indexer, const char *db, const char *path, verr *err)
{
    const char *argv[] = { indexer, "--quiet", "--json", "--lock-wait", "30", "--jobs", "1",
                           "--db", db, path, NULL };
    char *out = NULL, *errout = NULL;
    int status = 0, rc = -1;
    GError *gerr = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, child_setup, NULL, &out,
                      &errout, &status, &gerr)) {
        verr_from_gerror(err, VERR_INTERNAL, gerr);
        g_clear_error(&gerr);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = read_summary(out, err);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 75)
        verr_set(err, VERR_LOCKED, "upload", "index occupé par une autre indexation");
    else
        verr_set(err, VERR_INTERNAL, "upload", "indexation impossible : %s",
                 errout != NULL && *errout != '\0' ? errout : "veille-index s'est arrêté");
    g_free(out);
    g_free(errout);
    return rc;
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
    if (!u->has_file || u->size == 0) {
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
