/* correction.c - stored corrections of the documentalist (correction.h). */
#include "correction.h"
#include "schema.h"
#include "title.h"
#include "weburl.h"

#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- Parsing ------------------------------------------------------------------ */

typedef enum {
    FIELD_TEXT,  /* a string of 1 to max bytes */
    FIELD_DATE,  /* a date as a person writes it (docmeta_parse_date) */
    FIELD_LIST,  /* a list of strings, each of 1 to max bytes (max 0: thesaurus labels) */
    FIELD_URL,   /* an http(s) address of 1 to max bytes */
} field_kind;

/* What the documentalist may correct: one row per JSON member. */
typedef struct {
    const char *name;    /* in the JSON */
    const char *field;   /* the docmeta field, as manual lists it (docmeta_overlay) */
    const char *label;   /* its name for the documentalist, in messages (French) */
    field_kind kind;
    size_t offset;       /* of its char * (text, date) or GPtrArray * (list) in docmeta */
    gsize max;           /* bytes */
} correction_field;

static const correction_field fields[] = {
    { "title", "title", "titre", FIELD_TEXT, offsetof(docmeta, title), 500 },
    { "type", "doctype", "type", FIELD_TEXT, offsetof(docmeta, doctype), 500 },
    { "date", "date", "date", FIELD_DATE, offsetof(docmeta, date), 0 },
    { "authors", "authors", "auteurs", FIELD_LIST, offsetof(docmeta, authors), 500 },
    { "organisation", "organisation", "organisation", FIELD_TEXT, offsetof(docmeta, organisation),
      500 },
    { "summary", "summary", "résumé", FIELD_TEXT, offsetof(docmeta, summary), 5000 },
    { "source_url", "source_url", "adresse d'origine", FIELD_URL, offsetof(docmeta, source_url),
      2000 },
    { "themes", "themes", "thèmes", FIELD_LIST, offsetof(docmeta, themes), 0 },
    { "regions", "regions", "régions", FIELD_LIST, offsetof(docmeta, regions), 0 },
};

#define FIELD(c, f, type) ((type *)((char *)(c) + (f)->offset))

static const correction_field *field_named(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

/* n's string, or NULL when n is not a string. */
static const char *string_of(JsonNode *n)
{
    return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
               ? json_node_get_string(n)
               : NULL;
}

/* Whether v is text of 1 to max bytes. */
static gboolean text_fits(const char *v, gsize max)
{
    return v != NULL && *v != '\0' && strlen(v) <= max && g_utf8_validate(v, -1, NULL);
}

static int parse_text(const correction_field *f, JsonNode *n, docmeta *c, verr *err)
{
    const char *v = string_of(n);
    if (!text_fits(v, f->max)) {
        verr_set(err, VERR_PARSE, "json", "%s : texte de 1 à %zu octets attendu", f->label, f->max);
        return -1;
    }
    docmeta_set(FIELD(c, f, char *), v);
    return 0;
}

/* An address, or "" that clears the one extracted (docmeta_overlay). */
static int parse_url(const correction_field *f, JsonNode *n, docmeta *c, verr *err)
{
    const char *v = string_of(n);
    if (v != NULL && *v == '\0') {
        docmeta_set(FIELD(c, f, char *), NULL);
        return 0;
    }
    GUri *uri = text_fits(v, f->max) && strpbrk(v, " \t\r\n\"<>") == NULL ? weburl_parse(v)
                                                                             : NULL;
    if (uri != NULL)
        g_uri_unref(uri);
    if (uri == NULL) {
        verr_set(err, VERR_PARSE, "json", "%s : adresse http:// ou https:// attendue (%zu octets "
                 "au plus)", f->label, f->max);
        return -1;
    }
    docmeta_set(FIELD(c, f, char *), v);
    return 0;
}

static int parse_date(const correction_field *f, JsonNode *n, docmeta *c, verr *err)
{
    char *typed = g_strdup(string_of(n)); /* " 2019 " is a year too */
    char *date = typed != NULL ? docmeta_parse_date(g_strstrip(typed)) : NULL;
    g_free(typed);
    if (date == NULL) {
        verr_set(err, VERR_PARSE, "json", "%s : date illisible (attendu " DOCMETA_DATE_FORMS ")",
                 f->label);
        return -1;
    }
    docmeta_set(FIELD(c, f, char *), date);
    g_free(date);
    return 0;
}

static int parse_list(const correction_field *f, JsonNode *n, docmeta *c, verr *err)
{
    JsonArray *a = JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
    guint len = a != NULL ? json_array_get_length(a) : 0, i = 0;
    for (; a != NULL && i < len; i++) {
        const char *v = string_of(json_array_get_element(a, i));
        if (v == NULL || (f->max > 0 && !text_fits(v, f->max)))
            break;
        docmeta_add(*FIELD(c, f, GPtrArray *), v);
    }
    if (a == NULL || i < len) {
        if (f->max > 0)
            verr_set(err, VERR_PARSE, "json", "%s : liste de textes de 1 à %zu octets attendue",
                     f->label, f->max);
        else
            verr_set(err, VERR_PARSE, "json", "%s : liste de libellés attendue", f->label);
        return -1;
    }
    return 0;
}

/* "title, type, ...": the fields a correction may give, for messages. */
static char *known_names(void)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", fields[i].name);
    return g_string_free(s, FALSE);
}

/* Reads member name's value n into c and lists its field in c->manual. */
static int parse_member(const char *name, JsonNode *n, docmeta *c, verr *err)
{
    static int (*const parsers[])(const correction_field *, JsonNode *, docmeta *, verr *) = {
        [FIELD_TEXT] = parse_text, [FIELD_DATE] = parse_date, [FIELD_LIST] = parse_list,
        [FIELD_URL] = parse_url,
    };
    const correction_field *f = field_named(name);
    if (f == NULL) {
        char *known = known_names();
        verr_set(err, VERR_PARSE, "json", "champ « %s » inconnu (attendus : %s)", name, known);
        g_free(known);
        return -1;
    }
    if (parsers[f->kind](f, n, c, err) != 0)
        return -1;
    docmeta_add(c->manual, f->field);
    return 0;
}

docmeta *correction_parse(const char *json, verr *err)
{
    JsonParser *p = json_parser_new_immutable();
    GError *gerr = NULL;
    GList *members = NULL;
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
    members = json_object_get_members(o);
    for (GList *l = members; l != NULL; l = l->next)
        if (parse_member(l->data, json_object_get_member(o, l->data), c, err) != 0) {
            docmeta_free(c);
            c = NULL;
            break;
        }
cleanup:
    g_list_free(members);
    g_clear_error(&gerr);
    g_object_unref(p);
    return c;
}
