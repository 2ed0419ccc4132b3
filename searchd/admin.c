/* admin.c - documentalist endpoints (admin.h). */
#include "admin.h"
#include "docstore.h"
#include "correction.h"
#include "docmeta.h"
#include "record.h"
#include "state.h"
#include "tag.h"
#include "vocab.h"
#include "schema.h"
#include "writer_lock.h"
#include "xapian-c/xapian_c.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRASH_DIR ".veille-corbeille"

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

/* Moves path into a trash folder beside it; OUT *dest. */
static int move_to_trash(const char *path, char **dest, verr *err)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *trash = g_build_filename(dir, TRASH_DIR, NULL);
    char *target = g_build_filename(trash, base, NULL);
    int rc = -1;
    if (g_mkdir_with_parents(trash, 0755) != 0) {
        verr_set(err, VERR_IO, "trash", "impossible de créer %s : %s", trash, g_strerror(errno));
        goto cleanup;
    }
    for (int n = 2; g_file_test(target, G_FILE_TEST_EXISTS) && n < 1000; n++) {
        g_free(target);
        char *numbered = g_strdup_printf("%d-%s", n, base);
        target = g_build_filename(trash, numbered, NULL);
        g_free(numbered);
    }
    if (rename(path, target) != 0 && errno != ENOENT) {
        verr_set(err, VERR_IO, "trash", "impossible de déplacer le fichier : %s", g_strerror(errno));
        goto cleanup;
    }
    *dest = target;
    target = NULL;
    rc = 0;
cleanup:
    g_free(target);
    g_free(trash);
    g_free(base);
    g_free(dir);
    return rc;
}

/* How long a correction or a deletion waits while veille-index holds the
 * index (a nightly run commits every few seconds; the writer thread
 * serialises the daemon's own writes). */
static const writer_lock_wait admin_lock_wait = { 15000, NULL, NULL, NULL };

/* Opens the index for writing and loads document id: OUT *w, *doc, *m
 * (caller frees all three, even on failure) and its unique term.  Ids are
 * 16 hex digits, never paths. */
static int open_document(const char *db_path, const char *id, char term[DOC_ID_LEN + 2],
                         xap_wdb **w, xap_doc **doc, docmeta **m, verr *err)
{
    xap_docid docid;
    int rc = -1;

    if (!record_id_valid(id)) {
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return -1;
    }
    g_snprintf(term, DOC_ID_LEN + 2, "%s%s", PFX_ID, id);
    if ((*w = writer_lock_open(db_path, 0, &admin_lock_wait, err)) == NULL)
        return -1;
    if (xap_db_find_term(xap_wdb_db(*w), term, &docid, err) != 0) {
        verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", id);
        return -1;
    }
    if (xap_db_get_document(xap_wdb_db(*w), docid, doc, err) == 0 &&
        (*m = docstore_read(*doc, TRUE, err)) != NULL)
        rc = 0;
    return rc;
}

int admin_delete(const char *db_path, const char *id, char **moved_to, verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_wdb *w = NULL;
    xap_doc *doc = NULL;
    docmeta *m = NULL;
    char *dest = NULL;
    int rc = -1;

    if (open_document(db_path, id, term, &w, &doc, &m, err) != 0)
        goto cleanup;
    if (m->path != NULL && move_to_trash(m->path, &dest, err) != 0)
        goto cleanup;
    if (xap_wdb_delete(w, term, err) != 0 || xap_wdb_commit(w, err) != 0)
        goto cleanup;
    if (moved_to != NULL) {
        *moved_to = dest;
        dest = NULL;
    }
    rc = 0;
cleanup:
    g_free(dest);
    docmeta_free(m);
    xap_doc_free(doc);
    xap_wdb_free(w);
    return rc;
}

/* ---- PATCH -------------------------------------------------------------------- */

/* The correction in json, fields listed in manual; NULL with err. */
static docmeta *parse_correction(const char *json, verr *err)
{
    JsonParser *p = json_parser_new_immutable();
    GError *gerr = NULL;
    docmeta *c = NULL;
    if (!json_parser_load_from_data(p, json, -1, &gerr)) {
        verr_set(err, VERR_PARSE, "json", "JSON invalide : %s", gerr->message);
        goto cleanup;
    }
    JsonNode *root = json_parser_get_root(p);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        verr_set(err, VERR_PARSE, "json", "un objet JSON est attendu");
        goto cleanup;
    }
    c = docmeta_new();
    JsonObject *o = json_node_get_object(root);
    GList *members = json_object_get_members(o);
    for (GList *l = members; l != NULL; l = l->next) {
        const char *name = l->data;
        JsonNode *n = json_object_get_member(o, name);
        gboolean is_string = JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING;
        if ((strcmp(name, "title") == 0 || strcmp(name, "type") == 0) && is_string) {
            const char *v = json_node_get_string(n);
            if (*v == '\0' || strlen(v) > 500 || !g_utf8_validate(v, -1, NULL)) {
                verr_set(err, VERR_PARSE, "json", "%s : texte de 1 à 500 octets attendu", name);
                goto bad;
            }
            docmeta_set(name[0] == 't' && name[1] == 'i' ? &c->title : &c->doctype, v);
            docmeta_add(c->manual, name[1] == 'i' ? "title" : "doctype");
        } else if ((strcmp(name, "themes") == 0 || strcmp(name, "regions") == 0) &&
                   JSON_NODE_HOLDS_ARRAY(n)) {
            JsonArray *a = json_node_get_array(n);
            GPtrArray *list = name[0] == 't' ? c->themes : c->regions;
            for (guint i = 0; i < json_array_get_length(a); i++) {
                JsonNode *e = json_array_get_element(a, i);
                if (!JSON_NODE_HOLDS_VALUE(e) || json_node_get_value_type(e) != G_TYPE_STRING) {
                    verr_set(err, VERR_PARSE, "json", "%s : liste de libellés attendue", name);
                    goto bad;
                }
                docmeta_add(list, json_node_get_string(e));
            }
            docmeta_add(c->manual, name);
        } else {
            verr_set(err, VERR_PARSE, "json", "champ « %s » inconnu ou mal typé (title, type, "
                     "themes, regions)", name);
            goto bad;
        }
    }
    g_list_free(members);
    goto cleanup;
bad:
    g_list_free(members);
    docmeta_free(c);
    c = NULL;
cleanup:
    g_clear_error(&gerr);
    g_object_unref(p);
    return c;
}

int admin_patch(const char *db_path, const char *id, const char *json, const vocab *v,
                verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_wdb *w = NULL;
    xap_doc *doc = NULL, *fresh = NULL;
    char *stamp = NULL, *key = NULL, *stored = NULL;
    docmeta *m = NULL, *corr = NULL, *old = NULL;
    known_file *k = NULL;
    record_builder *rb = NULL;
    tagger *t = NULL;
    int rc = -1;

    if ((corr = parse_correction(json, err)) == NULL)
        return -1;
    if (open_document(db_path, id, term, &w, &doc, &m, err) != 0 ||
        xap_doc_get_value(doc, SLOT_FILESTAMP, &stamp, NULL, err) != 0)
        goto cleanup;
    /* earlier corrections stay unless this one changes the same fields */
    old = correction_load(xap_wdb_db(w), id, err);
    if (old != NULL) {
        docmeta_overlay(corr, old);
        docmeta_free(corr);
        corr = old;
        old = NULL;
    }
    docmeta_overlay(corr, m);
    t = v != NULL ? tagger_new(v) : NULL;
    if (t != NULL)
        tagger_apply(t, m, TRUE, NULL);
    else
        tagger_apply_plain(m);
    k = known_file_parse_stamp(stamp, strlen(stamp));
    if ((rb = record_builder_new(err)) == NULL ||
        (fresh = record_build(rb, m, k != NULL ? k->catalogue_hash : "", err)) == NULL)
        goto cleanup;
    key = correction_key(id);
    stored = docmeta_to_json(corr, 0);
    if (xap_wdb_set_metadata(w, key, stored, err) != 0 ||
        xap_wdb_replace(w, term, fresh, NULL, err) != 0 || xap_wdb_commit(w, err) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    g_free(stored);
    g_free(key);
    known_file_free(k);
    xap_doc_free(fresh);
    record_builder_free(rb);
    tagger_free(t);
    docmeta_free(old);
    docmeta_free(corr);
    docmeta_free(m);
    free(stamp);
    xap_doc_free(doc);
    xap_wdb_free(w);
    return rc;
}

typedef struct {
    xap_db *db;
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

char *admin_status_json(const char *db_path, verr *err)
{
    status_ctx c = { xap_db_open(db_path, err), json_array_new() };
    char *runs = NULL, *out = NULL;
    unsigned docs = 0;
    if (c.db == NULL || xap_db_doccount(c.db, &docs, err) != 0 ||
        xap_db_get_metadata(c.db, META_RUNS, &runs, err) != 0 ||
        xap_db_metadata_keys(c.db, META_FAILED_PREFIX, add_failure, &c, err) != 0)
        goto cleanup;
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "documents", docs);
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
    JsonNode *root = json_node_init_object(json_node_alloc(), o);
    out = json_to_string(root, FALSE);
    json_node_unref(root);
    json_object_unref(o);
cleanup:
    json_array_unref(c.failed);
    free(runs);
    xap_db_free(c.db);
    return out;
}
