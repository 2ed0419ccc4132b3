/* vocab.c - the vocabulary model and its compiled JSON (vocab.h). */
#include "vocab.h"
#include "text.h"

#include "jsonutil.h"
#include <string.h>

struct vocab {
    GPtrArray *concepts;   /* of vocab_concept *, owned, sorted by id once finished */
    GHashTable *by_uri;    /* uri -> concept (borrowed) */
    GHashTable *by_id;     /* id -> concept (borrowed) */
    GHashTable *by_label;  /* folded label -> GPtrArray of concept (borrowed) */
    char *digest;
};

static const char *const kind_names[] = { "theme", "region", "former-region", "department",
                                          "town", "acronym" };
static const char *const kind_labels[] = { "Thème", "Région", "Ancienne région", "Département",
                                           "Commune", "Sigle" };

const char *vocab_kind_name(vocab_kind kind) { return kind_names[kind]; }
const char *vocab_kind_label(vocab_kind kind) { return kind_labels[kind]; }

static void concept_free(gpointer p)
{
    vocab_concept *c = p;
    g_free(c->id);
    g_free(c->uri);
    g_free(c->pref);
    g_free(c->note);
    g_free(c->notation);
    g_free(c->exact);
    g_free(c->postal);
    g_ptr_array_unref(c->alt);
    g_ptr_array_unref(c->hidden);
    g_ptr_array_unref(c->broader);
    g_ptr_array_unref(c->narrower);
    g_free(c);
}

vocab *vocab_new(void)
{
    vocab *v = g_new0(vocab, 1);
    v->concepts = g_ptr_array_new_with_free_func(concept_free);
    v->by_uri = g_hash_table_new(g_str_hash, g_str_equal);
    v->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    v->by_label = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
    return v;
}

void vocab_free(vocab *v)
{
    if (v == NULL)
        return;
    g_hash_table_unref(v->by_label);
    g_hash_table_unref(v->by_id);
    g_hash_table_unref(v->by_uri);
    g_ptr_array_unref(v->concepts);
    g_free(v->digest);
    g_free(v);
}

/* The id of a URI: what follows its last '/' or '#'. */
static char *id_of_uri(const char *uri)
{
    const char *slash = strrchr(uri, '/'), *hash = strrchr(uri, '#');
    const char *start = slash > hash ? slash : hash;
    const char *id = start != NULL && start[1] != '\0' ? start + 1 : uri;
    char *slug = text_slug(id);
    if (*slug == '\0') {
        g_free(slug);
        slug = g_compute_checksum_for_string(G_CHECKSUM_SHA1, uri, -1);
    }
    return slug;
}

/* The concept of uri, created on first use with the given id (or one made
 * from the URI when id is NULL). */
static vocab_concept *intern(vocab *v, const char *uri, const char *id)
{
    vocab_concept *c = g_hash_table_lookup(v->by_uri, uri);
    if (c != NULL)
        return c;
    c = g_new0(vocab_concept, 1);
    c->uri = g_strdup(uri);
    c->id = id != NULL ? g_strdup(id) : id_of_uri(uri);
    /* the same local name in two namespaces: keep ids unique */
    for (int n = 2; g_hash_table_contains(v->by_id, c->id); n++) {
        char *base = id_of_uri(uri);
        g_free(c->id);
        c->id = g_strdup_printf("%s-%d", base, n);
        g_free(base);
    }
    c->kind = VOCAB_THEME;
    c->alt = g_ptr_array_new_with_free_func(g_free);
    c->hidden = g_ptr_array_new_with_free_func(g_free);
    c->broader = g_ptr_array_new_with_free_func(g_free);
    c->narrower = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(v->concepts, c);
    g_hash_table_insert(v->by_uri, c->uri, c);
    g_hash_table_insert(v->by_id, c->id, c);
    return c;
}

vocab_concept *vocab_intern(vocab *v, const char *uri) { return intern(v, uri, NULL); }

static void add_unique(GPtrArray *list, const char *s)
{
    for (guint i = 0; i < list->len; i++)
        if (strcmp(g_ptr_array_index(list, i), s) == 0)
            return;
    g_ptr_array_add(list, g_strdup(s));
}

static void index_label(vocab *v, const char *label, vocab_concept *c)
{
    char *folded = text_fold(label, -1);
    char *key = text_squash_space(folded);
    g_free(folded);
    GPtrArray *list = g_hash_table_lookup(v->by_label, key);
    if (list == NULL) {
        list = g_ptr_array_new();
        g_hash_table_insert(v->by_label, key, list);
    } else {
        g_free(key);
    }
    for (guint i = 0; i < list->len; i++)
        if (g_ptr_array_index(list, i) == c)
            return;
    g_ptr_array_add(list, c);
}

static int by_id(gconstpointer a, gconstpointer b)
{
    const vocab_concept *x = *(vocab_concept *const *)a, *y = *(vocab_concept *const *)b;
    return strcmp(x->id, y->id);
}

/* Adds c to the narrower concepts of the concept bid, unless listed. */
static void link_narrower(vocab *v, GHashTable *links, const char *bid, vocab_concept *c)
{
    vocab_concept *b = g_hash_table_lookup(v->by_id, bid);
    char *key = b != NULL ? g_strconcat("n\t", b->id, "\t", c->id, NULL) : NULL;
    if (key != NULL && !g_hash_table_contains(links, key)) {
        g_ptr_array_add(b->narrower, g_strdup(c->id));
        g_hash_table_add(links, key);
        key = NULL;
    }
    g_free(key);
}

/* Adds c to the broader concepts of the concept nid, unless listed. */
static void link_broader(vocab *v, GHashTable *links, vocab_concept *c, const char *nid)
{
    vocab_concept *n = g_hash_table_lookup(v->by_id, nid);
    char *key = n != NULL ? g_strconcat("b\t", n->id, "\t", c->id, NULL) : NULL;
    if (key != NULL && !g_hash_table_contains(links, key)) {
        g_ptr_array_add(n->broader, g_strdup(c->id));
        g_hash_table_add(links, key);
        key = NULL;
    }
    g_free(key);
}

int vocab_finish(vocab *v, verr *err)
{
    /* concepts without a French label cannot be shown or matched: drop them
     * (they are often schemes or foreign-language duplicates) */
    for (guint i = v->concepts->len; i-- > 0;) {
        vocab_concept *c = g_ptr_array_index(v->concepts, i);
        if (c->pref == NULL && c->alt->len > 0) {
            c->pref = g_strdup(g_ptr_array_index(c->alt, 0));
            g_ptr_array_remove_index(c->alt, 0);
        }
        if (c->pref == NULL || c->is_scheme) {
            g_hash_table_remove(v->by_uri, c->uri);
            g_hash_table_remove(v->by_id, c->id);
            g_ptr_array_remove_index(v->concepts, i);
        }
    }
    if (v->concepts->len == 0) {
        verr_set(err, VERR_PARSE, "skos", "aucun concept avec un libellé (skos:prefLabel)");
        return -1;
    }
    /* each link both ways; a department has hundreds of towns, so the
     * links already there are a set, not a search of the list */
    GHashTable *links = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < v->concepts->len; i++) {
        vocab_concept *c = g_ptr_array_index(v->concepts, i);
        for (guint j = 0; j < c->narrower->len; j++) /* "n parent child" */
            g_hash_table_add(links, g_strconcat("n\t", c->id, "\t",
                                                g_ptr_array_index(c->narrower, j), NULL));
        for (guint j = 0; j < c->broader->len; j++)  /* "b child parent" */
            g_hash_table_add(links, g_strconcat("b\t", c->id, "\t",
                                                g_ptr_array_index(c->broader, j), NULL));
    }
    for (guint i = 0; i < v->concepts->len; i++) {
        vocab_concept *c = g_ptr_array_index(v->concepts, i);
        for (guint j = 0; j < c->broader->len; j++)
            link_narrower(v, links, g_ptr_array_index(c->broader, j), c);
        for (guint j = 0; j < c->narrower->len; j++)
            link_broader(v, links, c, g_ptr_array_index(c->narrower, j));
    }
    g_hash_table_unref(links);
    g_ptr_array_sort(v->concepts, by_id);
    for (guint i = 0; i < v->concepts->len; i++) {
        vocab_concept *c = g_ptr_array_index(v->concepts, i);
        index_label(v, c->pref, c);
        for (guint j = 0; j < c->alt->len; j++)
            index_label(v, g_ptr_array_index(c->alt, j), c);
        for (guint j = 0; j < c->hidden->len; j++)
            index_label(v, g_ptr_array_index(c->hidden, j), c);
    }
    char *json = vocab_to_json(v);
    g_free(v->digest);
    v->digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, json, -1);
    g_free(json);
    return 0;
}

guint vocab_size(const vocab *v) { return v->concepts->len; }

const vocab_concept *vocab_nth(const vocab *v, guint i)
{
    return i < v->concepts->len ? g_ptr_array_index(v->concepts, i) : NULL;
}

const vocab_concept *vocab_get(const vocab *v, const char *id)
{
    return id != NULL ? g_hash_table_lookup(v->by_id, id) : NULL;
}

const vocab_concept *vocab_find_label(const vocab *v, const char *label, vocab_kind kind)
{
    char *folded = text_fold(label, -1);
    char *key = text_squash_space(folded);
    GPtrArray *list = g_hash_table_lookup(v->by_label, key);
    const vocab_concept *found = NULL;
    for (guint i = 0; list != NULL && i < list->len && found == NULL; i++) {
        const vocab_concept *c = g_ptr_array_index(list, i);
        if (c->kind == kind)
            found = c;
    }
    /* a catalogue may name a concept by its id ("sante-mentale") */
    if (found == NULL) {
        const vocab_concept *c = vocab_get(v, label);
        if (c != NULL && c->kind == kind)
            found = c;
    }
    g_free(key);
    g_free(folded);
    return found;
}

/* The first broader concept of c that has kind, or NULL. */
static const vocab_concept *broader_of_kind(const vocab *v, const vocab_concept *c,
                                            vocab_kind kind)
{
    for (guint i = 0; i < c->broader->len; i++) {
        const vocab_concept *b = vocab_get(v, g_ptr_array_index(c->broader, i));
        if (b != NULL && b->kind == kind)
            return b;
    }
    return NULL;
}

const vocab_concept *vocab_department_of(const vocab *v, const vocab_concept *c)
{
    if (c->kind == VOCAB_DEPARTMENT)
        return c;
    return c->kind == VOCAB_TOWN ? broader_of_kind(v, c, VOCAB_DEPARTMENT) : NULL;
}

const vocab_concept *vocab_region_of(const vocab *v, const vocab_concept *c)
{
    switch (c->kind) {
    case VOCAB_REGION:
        return c;
    case VOCAB_FORMER_REGION:
        if (c->exact != NULL)
            return vocab_get(v, c->exact);
        return broader_of_kind(v, c, VOCAB_REGION);
    case VOCAB_DEPARTMENT:
        return broader_of_kind(v, c, VOCAB_REGION);
    case VOCAB_TOWN: {
        const vocab_concept *d = vocab_department_of(v, c);
        return d != NULL ? broader_of_kind(v, d, VOCAB_REGION) : NULL;
    }
    default:
        return NULL;
    }
}

const char *vocab_digest(const vocab *v) { return v->digest != NULL ? v->digest : ""; }

/* ---- Towns as one table ------------------------------------------------------- *
 * 35,000 communes as JSON objects made a 9 MB compiled vocabulary that took
 * the daemon 0.9 s and 86 MB to load (bench/vocab).  A town that only has
 * what places.ttl gives it is one line of the "towns" member instead:
 *   id TAB pref TAB alt|alt TAB broader|broader TAB notation TAB population
 *   TAB postal TAB flags
 * its URI being the concept base of "town_base" followed by its id.  Any
 * other town (a note, hidden labels, a field with a tab...) stays an object. */

#define TOWN_SEP '|'

static gboolean plain_field(const char *s)
{
    return s == NULL || strpbrk(s, "\t\n|") == NULL;
}

static gboolean plain_list(const GPtrArray *list)
{
    for (guint i = 0; i < list->len; i++) {
        const char *s = g_ptr_array_index(list, i);
        if (*s == '\0' || !plain_field(s))
            return FALSE;
    }
    return TRUE;
}

/* The URI base of town c when its URI is base + id, else NULL.  Static
 * storage is not used: returns the length of the base through OUT *len. */
static gboolean town_base(const vocab_concept *c, gsize *len)
{
    gsize n = strlen(c->uri), k = strlen(c->id);
    if (n <= k || strcmp(c->uri + n - k, c->id) != 0)
        return FALSE;
    *len = n - k;
    return TRUE;
}

/* Whether the only narrower concepts of c are those that name c broader
 * (vocab_finish gives them back): the table's towns need not be listed. */
static gboolean narrower_derivable(const vocab *v, const vocab_concept *c, const char *nid)
{
    const vocab_concept *n = vocab_get(v, nid);
    if (n == NULL)
        return FALSE;
    for (guint i = 0; i < n->broader->len; i++)
        if (strcmp(g_ptr_array_index(n->broader, i), c->id) == 0)
            return TRUE;
    return FALSE;
}

/* Whether town c fits a line of the table whose base is base (NULL: any). */
static gboolean table_town(const vocab_concept *c, const char *base)
{
    gsize blen = 0;
    if (c->kind != VOCAB_TOWN || c->hidden->len > 0 || c->narrower->len > 0 ||
        c->note != NULL || c->exact != NULL || !town_base(c, &blen) ||
        (base != NULL && (strlen(base) != blen || strncmp(c->uri, base, blen) != 0)))
        return FALSE;
    return *c->id != '\0' && plain_field(c->id) && plain_field(c->pref) &&
           plain_field(c->notation) && plain_field(c->postal) && plain_list(c->alt) &&
           plain_list(c->broader);
}

static void join_list(GString *out, const GPtrArray *list)
{
    for (guint i = 0; i < list->len; i++) {
        if (i > 0)
            g_string_append_c(out, TOWN_SEP);
        g_string_append(out, g_ptr_array_index(list, i));
    }
}

static void town_line(GString *out, const vocab_concept *c)
{
    g_string_append_printf(out, "%s\t%s\t", c->id, c->pref);
    join_list(out, c->alt);
    g_string_append_c(out, '\t');
    join_list(out, c->broader);
    g_string_append_printf(out, "\t%s\t%u\t%s\t%u\n", c->notation != NULL ? c->notation : "",
                           c->population, c->postal != NULL ? c->postal : "", c->flags);
}

static char *split_next(char **p, char sep)
{
    char *start = *p;
    char *end = start != NULL ? strchr(start, sep) : NULL;
    if (end != NULL) {
        *end = '\0';
        *p = end + 1;
    } else {
        *p = NULL;
    }
    return start;
}

static void read_joined(GPtrArray *list, char *s)
{
    while (s != NULL && *s != '\0') {
        char *item = split_next(&s, TOWN_SEP);
        add_unique(list, item);
    }
}

/* Reads the "towns" table into v; FALSE when a line is malformed. */
static gboolean read_towns(vocab *v, const char *base, const char *table)
{
    char *copy = g_strdup(table), *p = copy;
    gboolean ok = TRUE;
    while (ok && p != NULL && *p != '\0') {
        char *line = split_next(&p, '\n');
        char *f[8];
        for (int i = 0; i < 8; i++)
            f[i] = split_next(&line, '\t');
        if (f[7] == NULL || line != NULL || *f[0] == '\0' || *f[1] == '\0') {
            ok = FALSE;
            break;
        }
        char *uri = g_strconcat(base, f[0], NULL);
        vocab_concept *c = intern(v, uri, f[0]);
        g_free(uri);
        c->kind = VOCAB_TOWN;
        g_free(c->pref);
        c->pref = g_strdup(f[1]);
        read_joined(c->alt, f[2]);
        read_joined(c->broader, f[3]);
        c->notation = *f[4] != '\0' ? g_strdup(f[4]) : NULL;
        c->population = (guint)g_ascii_strtoull(f[5], NULL, 10);
        c->postal = *f[6] != '\0' ? g_strdup(f[6]) : NULL;
        c->flags = (guint)g_ascii_strtoull(f[7], NULL, 10) & (VOCAB_COMMON_WORD | VOCAB_SEAT);
    }
    g_free(copy);
    return ok;
}

/* ---- JSON ------------------------------------------------------------------ */

char *vocab_to_json(const vocab *v)
{
    /* the towns' base: that of the first town that could be a line */
    char *base = NULL;
    for (guint i = 0; i < v->concepts->len && base == NULL; i++) {
        const vocab_concept *c = g_ptr_array_index(v->concepts, i);
        gsize blen;
        if (table_town(c, NULL) && town_base(c, &blen))
            base = g_strndup(c->uri, blen);
    }
    GString *towns = g_string_new(NULL);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "version");
    json_builder_add_int_value(b, VOCAB_JSON_VERSION);
    json_builder_set_member_name(b, "concepts");
    json_builder_begin_array(b);
    for (guint i = 0; i < v->concepts->len; i++) {
        const vocab_concept *c = g_ptr_array_index(v->concepts, i);
        if (base != NULL && table_town(c, base)) {
            town_line(towns, c);
            continue;
        }
        json_builder_begin_object(b);
        jsonutil_add_string_if_set(b, "id", c->id);
        jsonutil_add_string_if_set(b, "uri", c->uri);
        jsonutil_add_string_if_set(b, "kind", kind_names[c->kind]);
        jsonutil_add_string_if_set(b, "pref", c->pref);
        jsonutil_add_strings_if_any(b, "alt", c->alt);
        jsonutil_add_strings_if_any(b, "hidden", c->hidden);
        jsonutil_add_strings_if_any(b, "broader", c->broader);
        GPtrArray *narrower = g_ptr_array_new();
        for (guint j = 0; j < c->narrower->len; j++) {
            const char *nid = g_ptr_array_index(c->narrower, j);
            if (!narrower_derivable(v, c, nid))
                g_ptr_array_add(narrower, (gpointer)nid);
        }
        jsonutil_add_strings_if_any(b, "narrower", narrower);
        g_ptr_array_unref(narrower);
        jsonutil_add_string_if_set(b, "note", c->note);
        jsonutil_add_string_if_set(b, "notation", c->notation);
        jsonutil_add_string_if_set(b, "exact", c->exact);
        if (c->population > 0) {
            json_builder_set_member_name(b, "population");
            json_builder_add_int_value(b, c->population);
        }
        jsonutil_add_string_if_set(b, "postal", c->postal);
        if (c->flags != 0) {
            json_builder_set_member_name(b, "flags");
            json_builder_add_int_value(b, c->flags);
        }
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    if (towns->len > 0) {
        jsonutil_add_string(b, "town_base", base);
        jsonutil_add_string(b, "towns", towns->str);
    }
    json_builder_end_object(b);
    char *out = jsonutil_finish(b);
    g_string_free(towns, TRUE);
    g_free(base);
    return out;
}

static void read_list(JsonObject *o, const char *name, GPtrArray *list)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
        return;
    JsonArray *a = json_node_get_array(n);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *e = json_array_get_element(a, i);
        if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING)
            add_unique(list, json_node_get_string(e));
    }
}

static char *dup_member(JsonObject *o, const char *name)
{
    return g_strdup(json_object_get_string_member_with_default(o, name, NULL));
}

vocab *vocab_from_json(const char *json, gssize len, verr *err)
{
    JsonParser *p = json_parser_new_immutable();
    GError *gerr = NULL;
    vocab *v = NULL;

    if (!json_parser_load_from_data(p, json, len, &gerr)) {
        verr_from_gerror(err, VERR_PARSE, gerr);
        goto cleanup;
    }
    JsonNode *root = json_parser_get_root(p);
    JsonNode *list = root != NULL && JSON_NODE_HOLDS_OBJECT(root)
                         ? json_object_get_member(json_node_get_object(root), "concepts") : NULL;
    if (list == NULL || !JSON_NODE_HOLDS_ARRAY(list)) {
        verr_set(err, VERR_PARSE, "vocab", "vocabulaire compilé illisible");
        goto cleanup;
    }
    v = vocab_new();
    JsonArray *a = json_node_get_array(list);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *e = json_array_get_element(a, i);
        if (!JSON_NODE_HOLDS_OBJECT(e))
            continue;
        JsonObject *o = json_node_get_object(e);
        const char *uri = json_object_get_string_member_with_default(o, "uri", NULL);
        if (uri == NULL)
            continue;
        vocab_concept *c = intern(v, uri, json_object_get_string_member_with_default(o, "id", NULL));
        const char *kind = json_object_get_string_member_with_default(o, "kind", "theme");
        for (guint k = 0; k < G_N_ELEMENTS(kind_names); k++)
            if (strcmp(kind, kind_names[k]) == 0)
                c->kind = (vocab_kind)k;
        c->pref = dup_member(o, "pref");
        c->note = dup_member(o, "note");
        c->notation = dup_member(o, "notation");
        c->exact = dup_member(o, "exact");
        c->postal = dup_member(o, "postal");
        c->population = (guint)CLAMP(json_object_get_int_member_with_default(o, "population", 0),
                                     0, G_MAXUINT);
        c->flags = (guint)json_object_get_int_member_with_default(o, "flags", 0) &
                   (VOCAB_COMMON_WORD | VOCAB_SEAT);
        read_list(o, "alt", c->alt);
        read_list(o, "hidden", c->hidden);
        read_list(o, "broader", c->broader);
        read_list(o, "narrower", c->narrower);
    }
    JsonObject *top = json_node_get_object(root);
    const char *towns = json_object_get_string_member_with_default(top, "towns", NULL);
    const char *base = json_object_get_string_member_with_default(top, "town_base", NULL);
    if (towns != NULL && (base == NULL || !read_towns(v, base, towns))) {
        verr_set(err, VERR_PARSE, "vocab", "vocabulaire compilé illisible (communes)");
        vocab_free(v);
        v = NULL;
        goto cleanup;
    }
    if (vocab_finish(v, err) != 0) {
        vocab_free(v);
        v = NULL;
    }
cleanup:
    g_clear_error(&gerr);
    g_object_unref(p);
    return v;
}

const char *vocab_build_time(void) { return __DATE__ " " __TIME__; }
