/* correction.c - stored corrections of the documentalist (correction.h). */
#include "correction.h"
#include "schema.h"
#include "title.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include <stdlib.h>

char *correction_key(const char *id) { return g_strconcat(META_CORRECTION_PREFIX, id, NULL); }

docmeta *correction_load(const xap_db *db, const char *id, verr *err)
{
    char *key = correction_key(id);
    char *json = NULL;
    docmeta *c = NULL;
    if (xap_db_get_metadata(db, key, &json, err) == 0 && *json != '\0')
        c = docmeta_from_json(json, -1, err);
    if (c != NULL && c->title != NULL) /* also in corrections stored before title sources */
        docmeta_set(&c->title_source, TITLE_SOURCE_CORRECTION);
    free(json);
    g_free(key);
    return c;
}

int correction_apply(const xap_db *db, const char *id, docmeta *m, verr *err)
{
    verr e;
    verr_clear(&e);
    docmeta *c = correction_load(db, id, &e);
    if (c == NULL) {
        if (e.code != VERR_OK) {
            if (err != NULL)
                *err = e;
            return -1;
        }
        return 0;
    }
    docmeta_overlay(c, m);
    docmeta_free(c);
    return 0;
}

docmeta *correction_parse(const char *json, verr *err)
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
