/* admin.c - the documentalist's token and status (admin.h). */
#include "admin.h"
#include "pending.h"
#include "reader.h"
#include "schema.h"
#include "xapian-c/xapian_c.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gboolean admin_authorised(const char *authorization, const char *token)
{
    if (token == NULL || *token == '\0' || authorization == NULL ||
        g_ascii_strncasecmp(authorization, "Bearer ", 7) != 0)
        return FALSE;
    /* compare digests, so that neither length nor content leaks by timing */
    char *a = g_compute_checksum_for_string(G_CHECKSUM_SHA256, authorization + 7, -1);
    char *b = g_compute_checksum_for_string(G_CHECKSUM_SHA256, token, -1);
    unsigned char diff = 0;
    for (size_t i = 0; i < 64; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    g_free(a);
    g_free(b);
    return diff == 0;
}

typedef struct {
    const xap_db *db;
    JsonArray *failed;
} status_ctx;

static int add_failure(const char *key, void *ud)
{
    status_ctx *c = ud;
    char *json = NULL;
    if (xap_db_get_metadata(c->db, key, &json, NULL) != 0)
        return 0;
    JsonNode *node = json_from_string(json, NULL);
    if (node != NULL && JSON_NODE_HOLDS_OBJECT(node)) {
        json_object_set_string_member(json_node_get_object(node), "id",
                                      key + strlen(META_FAILED_PREFIX));
        json_array_add_element(c->failed, node);
    } else if (node != NULL) {
        json_node_unref(node);
    }
    free(json);
    return 0;
}

/* The requests waiting for the writer: [{request, kind, document, queued}]. */
static JsonNode *pending_json(const char *db_path)
{
    JsonBuilder *b = json_builder_new();
    GPtrArray *queue = pending_list(db_path, NULL);
    json_builder_begin_array(b);
    for (guint i = 0; queue != NULL && i < queue->len; i++) {
        const pending_request *r = g_ptr_array_index(queue, i);
        GDateTime *t = g_date_time_new_from_unix_utc(r->queued / G_USEC_PER_SEC);
        char *when = t != NULL ? g_date_time_format_iso8601(t) : g_strdup("");
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "request");
        json_builder_add_string_value(b, r->name);
        json_builder_set_member_name(b, "kind");
        json_builder_add_string_value(b, pending_kind_name(r->kind));
        json_builder_set_member_name(b, "document");
        json_builder_add_string_value(b, r->doc_id);
        json_builder_set_member_name(b, "file");
        json_builder_add_string_value(b, r->path != NULL ? strrchr(r->path, '/') + 1 : NULL);
        json_builder_set_member_name(b, "queued");
        json_builder_add_string_value(b, when);
        json_builder_end_object(b);
        g_free(when);
        if (t != NULL)
            g_date_time_unref(t);
    }
    json_builder_end_array(b);
    if (queue != NULL)
        g_ptr_array_unref(queue);
    JsonNode *n = json_builder_get_root(b);
    g_object_unref(b);
    return n;
}

/* The last outcomes of requests, newest first (pending.h). */
static JsonNode *applied_json(const char *db_path)
{
    JsonBuilder *b = json_builder_new();
    GPtrArray *recent = pending_recent(db_path, 20);
    pending_outcomes_build(b, recent);
    g_ptr_array_unref(recent);
    JsonNode *n = json_builder_get_root(b);
    g_object_unref(b);
    return n;
}

/* {"count": N, "missing": [i...]}: the documents of missing shards are
 * not counted in "documents". */
static JsonNode *shards_json(const index_reader *r)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "count");
    json_builder_add_int_value(b, index_reader_shards(r));
    json_builder_set_member_name(b, "missing");
    json_builder_begin_array(b);
    for (guint i = 0; i < index_reader_shards(r); i++)
        if (index_reader_shard_missing(r, i))
            json_builder_add_int_value(b, i);
    json_builder_end_array(b);
    json_builder_end_object(b);
    JsonNode *n = json_builder_get_root(b);
    g_object_unref(b);
    return n;
}

char *admin_status_json(const char *db_path, verr *err)
{
    index_reader *reader = index_reader_open(db_path, err);
    status_ctx c = { reader != NULL ? index_reader_db(reader) : NULL, json_array_new() };
    char *runs = NULL, *out = NULL;
    unsigned docs = 0;
    if (c.db == NULL || xap_db_doccount(c.db, &docs, err) != 0 ||
        xap_db_get_metadata(c.db, META_RUNS, &runs, err) != 0 ||
        xap_db_metadata_keys(c.db, META_FAILED_PREFIX, add_failure, &c, err) != 0)
        goto cleanup;
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "documents", docs);
    if (index_reader_shards(reader) > 0)
        json_object_set_member(o, "shards", shards_json(reader));
    JsonNode *r = *runs != '\0' ? json_from_string(runs, NULL) : NULL;
    if (r == NULL || !JSON_NODE_HOLDS_ARRAY(r)) {
        if (r != NULL)
            json_node_unref(r);
        JsonArray *none = json_array_new();
        r = json_node_init_array(json_node_alloc(), none);
        json_array_unref(none);
    }
    json_object_set_member(o, "runs", r);
    json_object_set_array_member(o, "failed", json_array_ref(c.failed));
    json_object_set_member(o, "pending", pending_json(db_path));
    json_object_set_member(o, "applied", applied_json(db_path));
    JsonNode *root = json_node_init_object(json_node_alloc(), o);
    out = json_to_string(root, FALSE);
    json_node_unref(root);
    json_object_unref(o);
cleanup:
    json_array_unref(c.failed);
    free(runs);
    index_reader_free(reader);
    return out;
}
