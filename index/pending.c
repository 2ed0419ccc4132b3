/* pending.c - the spool of waiting writes (pending.h). */
#include "pending.h"
#include "fdio.h"
#include "jsonutil.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REQUEST_SUFFIX ".json"
#define DONE_SUFFIX ".done"

static const char *const kind_names[] = {
    [PENDING_CORRECT] = "correct", [PENDING_DELETE] = "delete", [PENDING_UPLOAD] = "upload",
};

const char *pending_kind_name(pending_kind k) { return kind_names[k]; }

static gboolean kind_from_name(const char *name, pending_kind *out)
{
    for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(kind_names); i++)
        if (strcmp(kind_names[i], name) == 0) {
            *out = (pending_kind)i;
            return TRUE;
        }
    return FALSE;
}

char *pending_dir(const char *db_path)
{
    char *db = g_canonicalize_filename(db_path, NULL);
    char *dir = g_strconcat(db, ".pending", NULL);
    g_free(db);
    return dir;
}

void pending_request_free(pending_request *r)
{
    if (r == NULL)
        return;
    g_free(r->name);
    g_free(r->doc_id);
    g_free(r->correction);
    g_free(r->path);
    g_free(r);
}

void pending_outcome_free(pending_outcome *o)
{
    if (o == NULL)
        return;
    g_free(o->name);
    g_free(o->doc_id);
    g_free(o);
}

static char *request_json(const pending_request *r)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    jsonutil_add_string_if_set(b, "kind", pending_kind_name(r->kind));
    jsonutil_add_string_if_set(b, "document", r->doc_id);
    jsonutil_add_string_if_set(b, "correction", r->correction);
    jsonutil_add_string_if_set(b, "path", r->path);
    json_builder_set_member_name(b, "queued");
    json_builder_add_int_value(b, r->queued);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

/* The object of json (a new reference), or NULL. */
static JsonObject *parse_object(const char *json, gssize len)
{
    JsonParser *p = json_parser_new_immutable();
    JsonObject *o = NULL;
    if (json_parser_load_from_data(p, json, len, NULL) && json_parser_get_root(p) != NULL &&
        JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p)))
        o = json_object_ref(json_node_get_object(json_parser_get_root(p)));
    g_object_unref(p);
    return o;
}

static char *member(JsonObject *o, const char *name)
{
    return g_strdup(json_object_get_string_member_with_default(o, name, NULL));
}

static pending_request *request_from_json(const char *name, const char *json, gsize len)
{
    JsonObject *o = parse_object(json, (gssize)len);
    pending_kind kind;
    if (o == NULL || !kind_from_name(json_object_get_string_member_with_default(o, "kind", NULL),
                                     &kind)) {
        if (o != NULL)
            json_object_unref(o);
        return NULL;
    }
    pending_request *r = g_new0(pending_request, 1);
    r->name = g_strdup(name);
    r->kind = kind;
    r->doc_id = member(o, "document");
    r->correction = member(o, "correction");
    r->path = member(o, "path");
    r->queued = json_object_get_int_member_with_default(o, "queued", 0);
    json_object_unref(o);
    if ((kind == PENDING_UPLOAD) != (r->path != NULL) || (kind != PENDING_UPLOAD && r->doc_id == NULL)) {
        pending_request_free(r);
        return NULL;
    }
    return r;
}

/* Writes text to dir/file atomically: a hidden temporary file, synced,
 * renamed over file. */
static int write_atomically(const char *dir, const char *file, const char *text, verr *err)
{
    char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, file);
    char *path = g_build_filename(dir, file, NULL);
    int rc = -1;
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0640);
    if (fd < 0) {
        verr_set(err, VERR_IO, "pending", "file d'attente inaccessible (%s) : %s", dir,
                 g_strerror(errno));
        goto cleanup;
    }
    if (fdio_write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0 || close(fd) != 0 ||
        rename(tmp, path) != 0) {
        verr_set(err, VERR_IO, "pending", "écriture impossible dans la file d'attente : %s",
                 g_strerror(errno));
        unlink(tmp);
        goto cleanup;
    }
    rc = 0;
cleanup:
    g_free(path);
    g_free(tmp);
    return rc;
}

int pending_submit(const char *db_path, pending_request *r, verr *err)
{
    char *dir = pending_dir(db_path);
    int rc = -1;
    if (g_mkdir_with_parents(dir, 0750) != 0) {
        verr_set(err, VERR_IO, "pending", "impossible de créer %s : %s", dir, g_strerror(errno));
        goto cleanup;
    }
    r->queued = g_get_real_time();
    g_free(r->name);
    r->name = g_strdup_printf("%016" G_GINT64_MODIFIER "x-%08x", r->queued, g_random_int());
    char *file = g_strconcat(r->name, REQUEST_SUFFIX, NULL);
    char *json = request_json(r);
    rc = write_atomically(dir, file, json, err);
    g_free(json);
    g_free(file);
cleanup:
    g_free(dir);
    return rc;
}

/* The file names of dir that end with suffix and do not start with a
 * dot, sorted.  NULL with err if dir exists and cannot be read. */
static GPtrArray *names_with(const char *dir, const char *suffix, verr *err)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GError *gerr = NULL;
    GDir *d = g_dir_open(dir, 0, &gerr);
    if (d == NULL) {
        if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            verr_from_gerror(err, VERR_IO, gerr);
            g_ptr_array_unref(names);
            names = NULL;
        }
        g_clear_error(&gerr);
        return names;
    }
    const char *n;
    while ((n = g_dir_read_name(d)) != NULL)
        if (n[0] != '.' && g_str_has_suffix(n, suffix))
            g_ptr_array_add(names, g_strndup(n, strlen(n) - strlen(suffix)));
    g_dir_close(d);
    g_ptr_array_sort(names, text_compare_ptrs);
    return names;
}

GPtrArray *pending_list(const char *db_path, verr *err)
{
    char *dir = pending_dir(db_path);
    GPtrArray *names = names_with(dir, REQUEST_SUFFIX, err);
    GPtrArray *out = NULL;
    if (names == NULL)
        goto cleanup;
    out = g_ptr_array_new_with_free_func((GDestroyNotify)pending_request_free);
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        char *file = g_strconcat(dir, "/", name, REQUEST_SUFFIX, NULL);
        char *json = NULL;
        gsize len = 0;
        pending_request *r = g_file_get_contents(file, &json, &len, NULL)
                                 ? request_from_json(name, json, len) : NULL;
        if (r != NULL)
            g_ptr_array_add(out, r);
        g_free(json);
        g_free(file);
    }
    g_ptr_array_unref(names);
cleanup:
    g_free(dir);
    return out;
}

/* Adds o to b as an object value. */
static void outcome_build(JsonBuilder *b, const pending_outcome *o)
{
    json_builder_begin_object(b);
    jsonutil_add_string_if_set(b, "request", o->name);
    jsonutil_add_string_if_set(b, "kind", pending_kind_name(o->kind));
    jsonutil_add_string_if_set(b, "document", o->doc_id);
    json_builder_set_member_name(b, "applied");
    json_builder_add_boolean_value(b, o->applied);
    if (!o->applied) {
        jsonutil_add_string_if_set(b, "code", verr_code_name(o->err.code));
        jsonutil_add_string_if_set(b, "class", o->err.cls);
        jsonutil_add_string_if_set(b, "message", o->err.msg);
    }
    json_builder_set_member_name(b, "done");
    json_builder_add_int_value(b, o->done);
    json_builder_end_object(b);
}

char *pending_outcome_json(const pending_outcome *o)
{
    JsonBuilder *b = json_builder_new();
    outcome_build(b, o);
    return jsonutil_finish(b);
}

/* The outcome object o holds, or NULL. */
static pending_outcome *outcome_from_object(JsonObject *o)
{
    pending_kind kind;
    const char *name = json_object_get_string_member_with_default(o, "request", NULL);
    if (name == NULL ||
        !kind_from_name(json_object_get_string_member_with_default(o, "kind", NULL), &kind))
        return NULL;
    pending_outcome *out = g_new0(pending_outcome, 1);
    out->name = g_strdup(name);
    out->kind = kind;
    out->doc_id = member(o, "document");
    out->applied = json_object_get_boolean_member_with_default(o, "applied", FALSE);
    out->done = json_object_get_int_member_with_default(o, "done", 0);
    if (!out->applied)
        verr_set(&out->err, verr_code_from_name(
                     json_object_get_string_member_with_default(o, "code", NULL)),
                 json_object_get_string_member_with_default(o, "class", "pending"), "%s",
                 json_object_get_string_member_with_default(o, "message", ""));
    return out;
}

pending_outcome *pending_outcome_from_json(const char *json)
{
    JsonObject *o = parse_object(json, -1);
    pending_outcome *out = o != NULL ? outcome_from_object(o) : NULL;
    if (o != NULL)
        json_object_unref(o);
    return out;
}

pending_outcome *pending_outcome_from_node(JsonNode *node)
{
    return node != NULL && JSON_NODE_HOLDS_OBJECT(node)
               ? outcome_from_object(json_node_get_object(node)) : NULL;
}

int pending_finish(const char *db_path, const pending_outcome *o, verr *err)
{
    char *dir = pending_dir(db_path);
    char *done = g_strconcat(o->name, DONE_SUFFIX, NULL);
    char *request = g_strconcat(dir, "/", o->name, REQUEST_SUFFIX, NULL);
    char *json = pending_outcome_json(o);
    int rc = write_atomically(dir, done, json, err);
    if (rc == 0 && unlink(request) != 0 && errno != ENOENT) {
        verr_set(err, VERR_IO, "pending", "requête appliquée mais non retirée : %s",
                 g_strerror(errno));
        rc = -1;
    }
    g_free(json);
    g_free(request);
    g_free(done);
    g_free(dir);
    return rc;
}

pending_outcome *pending_outcome_read(const char *db_path, const char *name)
{
    char *dir = pending_dir(db_path);
    char *file = g_strconcat(dir, "/", name, DONE_SUFFIX, NULL);
    char *json = NULL;
    pending_outcome *o = g_file_get_contents(file, &json, NULL, NULL)
                             ? pending_outcome_from_json(json) : NULL;
    g_free(json);
    g_free(file);
    g_free(dir);
    return o;
}

GPtrArray *pending_recent(const char *db_path, guint max)
{
    char *dir = pending_dir(db_path);
    GPtrArray *names = names_with(dir, DONE_SUFFIX, NULL);
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)pending_outcome_free);
    gint64 too_old = g_get_real_time() - (gint64)PENDING_DONE_KEPT_S * G_USEC_PER_SEC;
    for (guint i = names != NULL ? names->len : 0; i > 0; i--) {
        const char *name = g_ptr_array_index(names, i - 1);
        pending_outcome *o = pending_outcome_read(db_path, name);
        if (o != NULL && o->done < too_old) {
            char *file = g_strconcat(dir, "/", name, DONE_SUFFIX, NULL);
            unlink(file);
            g_free(file);
            pending_outcome_free(o);
        } else if (o != NULL && out->len < max) {
            g_ptr_array_add(out, o);
        } else {
            pending_outcome_free(o);
        }
    }
    if (names != NULL)
        g_ptr_array_unref(names);
    g_free(dir);
    return out;
}

void pending_outcomes_build(JsonBuilder *b, const GPtrArray *outcomes)
{
    json_builder_begin_array(b);
    for (guint i = 0; i < outcomes->len; i++)
        outcome_build(b, g_ptr_array_index(outcomes, i));
    json_builder_end_array(b);
}
