/* state.c - loading the incremental state from the index (state.h). */
#include "state.h"
#include "copies.h"
#include "schema.h"

#include "jsonutil.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void known_file_free(known_file *k)
{
    if (k == NULL)
        return;
    g_free(k->path);
    g_free(k->sha256);
    g_free(k->catalogue_hash);
    g_free(k->reason);
    g_free(k);
}

known_file *known_file_parse_stamp(const char *value, size_t len)
{
    char *copy = g_strndup(value, len);
    char **f = g_strsplit(copy, "\t", 5);
    known_file *k = NULL;
    if (g_strv_length(f) == 5 && f[4][0] == '/') {
        k = g_new0(known_file, 1);
        k->size = g_ascii_strtoll(f[0], NULL, 10);
        k->mtime = g_ascii_strtoll(f[1], NULL, 10);
        k->sha256 = g_strdup(f[2]);
        k->catalogue_hash = g_strdup(f[3]);
        k->path = g_strdup(f[4]);
    }
    g_strfreev(f);
    g_free(copy);
    return k;
}

known_file *known_file_parse_failure(const char *json)
{
    JsonParser *p = json_parser_new_immutable();
    known_file *k = NULL;
    if (json_parser_load_from_data(p, json, -1, NULL)) {
        JsonNode *root = json_parser_get_root(p);
        if (root != NULL && JSON_NODE_HOLDS_OBJECT(root)) {
            JsonObject *o = json_node_get_object(root);
            const char *path = json_object_get_string_member_with_default(o, "path", NULL);
            if (path != NULL) {
                k = g_new0(known_file, 1);
                k->path = g_strdup(path);
                k->size = json_object_get_int_member_with_default(o, "size", -1);
                k->mtime = json_object_get_int_member_with_default(o, "mtime", -1);
                k->reason = g_strdup(json_object_get_string_member_with_default(o, "reason", ""));
            }
        }
    }
    g_object_unref(p);
    return k;
}

char *known_file_failure_json(const char *path, gint64 size, gint64 mtime, const char *reason)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "path");
    json_builder_add_string_value(b, path);
    json_builder_set_member_name(b, "size");
    json_builder_add_int_value(b, size);
    json_builder_set_member_name(b, "mtime");
    json_builder_add_int_value(b, mtime);
    json_builder_set_member_name(b, "reason");
    json_builder_add_string_value(b, reason);
    json_builder_end_object(b);
    char *out = jsonutil_finish(b);
    return out;
}

char *stamp_key_new(const char *row_hash, const char *vocab_key)
{
    return g_strdup_printf("%s:%s:%s", row_hash != NULL ? row_hash : "", vocab_key,
                           SCHEMA_VERSION);
}

gboolean stamp_key_row_changed(const char *old_key, const char *new_key)
{
    size_t a = strcspn(old_key, ":"), b = strcspn(new_key, ":");
    return a != b || strncmp(old_key, new_key, a) != 0;
}

static void free_known(gpointer p) { known_file_free(p); }
static void free_array(gpointer p) { g_ptr_array_unref(p); }

typedef struct {
    index_state *st;
    const xap_db *db;
    verr *err;
    int failed;
} load_ctx;

static int on_stamp(xap_docid id, const char *value, size_t len, void *ud)
{
    load_ctx *c = ud;
    (void)id;
    known_file *k = known_file_parse_stamp(value, len);
    if (k == NULL)
        return 0;
    g_hash_table_replace(c->st->indexed, k->path, k);
    GPtrArray *same = g_hash_table_lookup(c->st->by_sha, k->sha256);
    if (same == NULL) {
        same = g_ptr_array_new();
        g_hash_table_insert(c->st->by_sha, k->sha256, same);
    }
    g_ptr_array_add(same, k);
    return 0;
}

static int on_failed_key(const char *key, void *ud)
{
    load_ctx *c = ud;
    char *json = NULL;
    if (xap_db_get_metadata(c->db, key, &json, c->err) != 0) {
        c->failed = 1;
        return 1;
    }
    known_file *k = known_file_parse_failure(json);
    free(json);
    if (k != NULL)
        g_hash_table_replace(c->st->failed, k->path, k);
    return 0;
}

static int on_copies(const char *sha256, GPtrArray *list, void *ud)
{
    index_state *st = ud;
    g_hash_table_insert(st->copies_by_sha, g_strdup(sha256), g_ptr_array_ref(list));
    for (guint i = 0; i < list->len; i++) {
        known_file *k = g_ptr_array_index(list, i);
        g_hash_table_replace(st->copies, k->path, k);
    }
    return 0;
}

int index_state_load(index_state *st, const xap_db *db, verr *err)
{
    load_ctx c = { st, db, err, 0 };
    st->indexed = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_known);
    st->by_sha = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_array);
    st->failed = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_known);
    st->copies_by_sha = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_array);
    st->copies = g_hash_table_new(g_str_hash, g_str_equal);
    if (xap_db_values(db, SLOT_FILESTAMP, on_stamp, &c, err) != 0)
        return -1;
    if (xap_db_metadata_keys(db, META_FAILED_PREFIX, on_failed_key, &c, err) != 0 || c.failed)
        return -1;
    if (copies_each(db, on_copies, st, err) != 0)
        return -1;
    return 0;
}

void index_state_clear(index_state *st)
{
    /* by_sha borrows from indexed: drop it first */
    if (st->by_sha != NULL) g_hash_table_unref(st->by_sha);
    if (st->indexed != NULL) g_hash_table_unref(st->indexed);
    if (st->failed != NULL) g_hash_table_unref(st->failed);
    if (st->copies != NULL) g_hash_table_unref(st->copies);
    if (st->copies_by_sha != NULL) g_hash_table_unref(st->copies_by_sha);
    memset(st, 0, sizeof *st);
}

char *stamp_hash_file(const char *path, verr *err)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t got;
    char *hex = NULL;

    if (f == NULL) {
        verr_set(err, VERR_IO, "open", "%s", g_strerror(errno));
        goto cleanup;
    }
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        g_checksum_update(sum, (const guchar *)buf, got);
    if (ferror(f))
        verr_set(err, VERR_IO, "read", "lecture impossible : %s", g_strerror(errno));
    else
        hex = g_strdup(g_checksum_get_string(sum));
    fclose(f);
cleanup:
    g_checksum_free(sum);
    return hex;
}
