/* upload.c - uploaded reports (upload.h). */
#include "upload.h"
#include "correction.h"
#include "docstore.h"
#include "schema.h"
#include "fdio.h"
#include "jsonutil.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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
    GChecksum *sha256;  /* of the file's bytes, as they arrive */
    GHashTable *fields; /* key -> value (GString) */
    GString *field;     /* the field being read; NULL: the file, or none */
    verr failure;
    gboolean failed;
};

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
    u->sha256 = g_checksum_new(G_CHECKSUM_SHA256);
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
    g_checksum_free(u->sha256);
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
    g_checksum_update(u->sha256, (const guchar *)data, (gssize)size);
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

/* The metadata fields as a PATCH body, or NULL when there are none. */
static char *fields_json(const upload *u)
{
    static const char *const strings[] = { "title", "type", "date", "organisation", "summary",
                                           "source_url" };
    /* labels are separated by "|" or ","; names, which may hold a comma, by "|" or lines */
    static const struct { const char *name, *separators; } lists[] = {
        { "themes", "|," }, { "regions", "|," }, { "authors", "|\n" },
    };
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
        GString *v = g_hash_table_lookup(u->fields, lists[i].name);
        if (v == NULL || v->len == 0)
            continue;
        json_builder_set_member_name(b, lists[i].name);
        json_builder_begin_array(b);
        char **parts = g_strsplit_set(v->str, lists[i].separators, -1);
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

int upload_duplicate(const upload *u, const xap_db *db, char **id, verr *err)
{
    *id = NULL;
    const GString *confirm = g_hash_table_lookup(u->fields, "confirm");
    if (!u->has_file || (confirm != NULL && strcmp(confirm->str, "1") == 0))
        return 0;
    char *term = g_strconcat(PFX_HASH, g_checksum_get_string(u->sha256), NULL);
    xap_docid docid = 0;
    xap_doc *doc = NULL;
    verr lookup = { 0 };
    int found = xap_db_find_term(db, term, &docid, &lookup), rc = 0;
    g_free(term);
    if (found != 0) { /* 1: no such content; -1: the index cannot say */
        if (found < 0 && err != NULL)
            *err = lookup;
        return found < 0 ? -1 : 0;
    }
    /* its id is in its record */
    docmeta *m = xap_db_get_document(db, docid, &doc, err) == 0 ? docstore_read(doc, FALSE, err)
                                                                 : NULL;
    if (m != NULL)
        *id = g_strdup(m->id);
    else
        rc = -1;
    docmeta_free(m);
    xap_doc_free(doc);
    return rc;
}

int upload_finish(upload *u, const char *db, submit_result *out, verr *err)
{
    char *patch = NULL;
    docmeta *fields = NULL;
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
    patch = fields_json(u);
    if (patch != NULL && (fields = correction_parse(patch, err)) == NULL)
        goto cleanup;
    close(u->fd);
    u->fd = -1;
    /* veille-index decides whether it can read the file: its own type
     * detection, the one of every indexing run */
    char *path = safe_path(u->dir, u->filename);
    if (rename(u->tmp, path) != 0) {
        verr_set(err, VERR_IO, "upload", "dépôt impossible : %s", g_strerror(errno));
        g_free(path);
        goto cleanup;
    }
    g_free(u->tmp);
    u->tmp = NULL;
    pending_request r = { .kind = PENDING_UPLOAD, .correction = patch,
                          .path = g_canonicalize_filename(path, NULL) };
    g_free(path);
    rc = submit_write(db, &r, out, err);
    if (rc != 0 && r.name == NULL)
        unlink(r.path); /* not even queued: nothing will index it */
    g_free(r.name);
    g_free(r.path);
cleanup:
    docmeta_free(fields);
    g_free(patch);
    return rc;
}
