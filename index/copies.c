/* copies.c - the other locations of a content (copies.h). */
#include "copies.h"
#include "docmeta.h"
#include "schema.h"

#include "jsonutil.h"
#include <stdlib.h>
#include <string.h>

char *copies_key(const char *sha256) { return g_strconcat(META_COPIES_PREFIX, sha256, NULL); }

static void free_known(gpointer p) { known_file_free(p); }

known_file *copies_entry_new(const char *path, gint64 size, gint64 mtime, const char *sha256)
{
    known_file *k = g_new0(known_file, 1);
    k->path = g_strdup(path);
    k->size = size;
    k->mtime = mtime;
    k->sha256 = g_strdup(sha256);
    k->catalogue_hash = g_strdup("");
    return k;
}

GPtrArray *copies_list_new(void) { return g_ptr_array_new_with_free_func(free_known); }

char *copies_to_json(const GPtrArray *list)
{
    if (list == NULL || list->len == 0)
        return g_strdup("");
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (guint i = 0; i < list->len; i++) {
        const known_file *k = g_ptr_array_index(list, i);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "path", k->path);
        jsonutil_add_int(b, "size", k->size);
        jsonutil_add_int(b, "mtime", k->mtime);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return jsonutil_finish(b);
}

GPtrArray *copies_from_json(const char *json, const char *sha256)
{
    GPtrArray *list = copies_list_new();
    if (*json == '\0') /* most contents have no copy: no parser for them */
        return list;
    JsonParser *p = json_parser_new_immutable();
    JsonNode *root = *json != '\0' && json_parser_load_from_data(p, json, -1, NULL)
                     ? json_parser_get_root(p) : NULL;
    JsonArray *a = root != NULL && JSON_NODE_HOLDS_ARRAY(root) ? json_node_get_array(root) : NULL;
    for (guint i = 0; a != NULL && i < json_array_get_length(a); i++) {
        JsonNode *n = json_array_get_element(a, i);
        JsonObject *o = JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
        const char *path = o != NULL ? json_object_get_string_member_with_default(o, "path", NULL)
                                     : NULL;
        if (path == NULL || path[0] != '/' || copies_find(list, path) >= 0)
            continue;
        g_ptr_array_add(list, copies_entry_new(path,
                                               json_object_get_int_member_with_default(o, "size", -1),
                                               json_object_get_int_member_with_default(o, "mtime", -1),
                                               sha256));
    }
    g_object_unref(p);
    return list;
}

GPtrArray *copies_load(const xap_db *db, const char *sha256, verr *err)
{
    char *key = copies_key(sha256);
    char *json = NULL;
    GPtrArray *list = NULL;
    if (xap_db_get_metadata(db, key, &json, err) == 0)
        list = copies_from_json(json, sha256);
    free(json);
    g_free(key);
    return list;
}

typedef struct {
    const xap_db *db;
    copies_cb cb;
    void *ud;
    verr *err;
    int failed;
} each_ctx;

static int on_copies_key(const char *key, void *ud)
{
    each_ctx *c = ud;
    const char *sha = key + strlen(META_COPIES_PREFIX);
    GPtrArray *list = copies_load(c->db, sha, c->err);
    if (list == NULL) {
        c->failed = 1;
        return 1;
    }
    int stop = list->len > 0 ? c->cb(sha, list, c->ud) : 0;
    g_ptr_array_unref(list);
    return stop;
}

int copies_each(const xap_db *db, copies_cb cb, void *ud, verr *err)
{
    each_ctx c = { db, cb, ud, err, 0 };
    if (xap_db_metadata_keys(db, META_COPIES_PREFIX, on_copies_key, &c, err) != 0 || c.failed)
        return -1;
    return 0;
}

int copies_holder(const xap_db *db, const char *sha256, xap_docid *docid, verr *err)
{
    char *term = g_strconcat(PFX_HASH, sha256, NULL);
    verr e;
    int rc = xap_db_find_term(db, term, docid, &e);
    g_free(term);
    if (rc == 0)
        return 0;
    *docid = 0;
    if (e.code == VERR_NOTFOUND)
        return 0;
    if (err != NULL)
        *err = e;
    return -1;
}

int copies_attach(const xap_db *db, docmeta *m, verr *err)
{
    if (m->sha256 == NULL)
        return 0;
    GPtrArray *list = copies_load(db, m->sha256, err);
    if (list == NULL)
        return -1;
    for (guint i = 0; i < list->len; i++) {
        if (g_strcmp0(((known_file *)g_ptr_array_index(list, i))->path, m->path) == 0)
            continue; /* the document's own file (a stale entry) */
        if (m->copies == NULL)
            m->copies = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(m->copies, g_strdup(((known_file *)g_ptr_array_index(list, i))->path));
    }
    g_ptr_array_unref(list);
    return 0;
}

int copies_find(const GPtrArray *list, const char *path)
{
    for (guint i = 0; list != NULL && i < list->len; i++)
        if (strcmp(((const known_file *)g_ptr_array_index(list, i))->path, path) == 0)
            return (int)i;
    return -1;
}
