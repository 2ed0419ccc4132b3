/* officezip.c - an office package's members and properties (officezip.h). */
#include "officezip.h"
#include "xmltext.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <string.h>

/* The namespace of r:id, an item's relationship */
#define RELS_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

struct officezip {
    GHashTable *members; /* name (owned) -> GBytes */
};

gboolean officezip_want_listed(const char *name, void *ud)
{
    for (const char *const *n = ud; n != NULL && *n != NULL; n++)
        if (strcmp(*n, name) == 0)
            return TRUE;
    return FALSE;
}

/* Reads the current member of a, up to the caps; NULL with err set when
 * the archive fails. */
static GBytes *read_member(struct archive *a, const char *name, gsize *total, verr *err)
{
    GByteArray *buf = g_byte_array_new();
    char chunk[65536];
    la_ssize_t got;
    while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0 &&
           buf->len < OFFICEZIP_MEMBER_MAX && *total < OFFICEZIP_TOTAL_MAX) {
        g_byte_array_append(buf, (const guint8 *)chunk, (guint)got);
        *total += (gsize)got;
    }
    if (got < 0) {
        verr_set(err, VERR_PARSE, "zip", "archive endommagée, %s illisible : %s", name,
                 archive_error_string(a));
        g_byte_array_unref(buf);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}

officezip *officezip_open(const char *path, officezip_want_fn want, void *ud, verr *err)
{
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    officezip *z = g_new0(officezip, 1);
    z->members = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_bytes_unref);
    gsize total = 0;
    int r;

    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
        verr_set(err, VERR_PARSE, "zip", "archive illisible : %s", archive_error_string(a));
        goto failed;
    }
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        if (name == NULL || !want(name, ud) || g_hash_table_contains(z->members, name))
            continue;
        GBytes *bytes = read_member(a, name, &total, err);
        if (bytes == NULL)
            goto failed;
        g_hash_table_insert(z->members, g_strdup(name), bytes);
    }
    if (r != ARCHIVE_EOF) {
        verr_set(err, VERR_PARSE, "zip", "archive endommagée : %s", archive_error_string(a));
        goto failed;
    }
    archive_read_free(a);
    return z;
failed:
    archive_read_free(a);
    officezip_free(z);
    return NULL;
}

void officezip_free(officezip *z)
{
    if (z == NULL)
        return;
    g_hash_table_unref(z->members);
    g_free(z);
}

GBytes *officezip_member(const officezip *z, const char *name)
{
    return g_hash_table_lookup(z->members, name);
}

xmlDocPtr officezip_parse(const officezip *z, const char *name)
{
    GBytes *bytes = officezip_member(z, name);
    gsize len = 0;
    const char *data = bytes != NULL ? g_bytes_get_data(bytes, &len) : NULL;
    if (data == NULL || len == 0)
        return NULL;
    return xmlReadMemory(data, (int)MIN(len, (gsize)G_MAXINT), NULL, NULL, XMLTEXT_SAFE_OPTIONS);
}

/* ---- Relationships ------------------------------------------------------------ */

/* The attribute of n whose local name is name, whatever its namespace
 * (r:id, name).  Caller frees with xmlFree. */
static xmlChar *attr_local(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

/* Relationship id -> member name under base, from a .rels part. */
static GHashTable *read_rels(const officezip *z, const char *rels, const char *base)
{
    GHashTable *targets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    xmlDocPtr doc = officezip_parse(z, rels);
    const xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    for (const xmlNode *n = root != NULL ? root->children : NULL; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
            continue;
        xmlChar *id = attr_local(n, "Id"), *target = attr_local(n, "Target");
        if (id != NULL && target != NULL) {
            const char *t = (const char *)target;
            /* absolute targets name the member from the package's root */
            char *member = t[0] == '/' ? g_strdup(t + 1) : g_strconcat(base, t, NULL);
            g_hash_table_insert(targets, g_strdup((const char *)id), member);
        }
        xmlFree(id);
        xmlFree(target);
    }
    if (doc != NULL)
        xmlFreeDoc(doc);
    return targets;
}

GPtrArray *officezip_ordered_parts(const officezip *z, const char *main, const char *rels,
                                   const char *item, const char *base, GPtrArray *names)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    xmlDocPtr doc = officezip_parse(z, main);
    if (doc == NULL)
        return parts;
    GHashTable *targets = read_rels(z, rels, base);
    const xmlNode *top = xmlDocGetRootElement(doc);
    for (const xmlNode *n = top; n != NULL;) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, item) == 0) {
            /* r:id, the relationship (a p:sldId also has a plain id, its number) */
            xmlChar *id = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)RELS_NS);
            const char *member = id != NULL ? g_hash_table_lookup(targets, id) : NULL;
            if (member != NULL) {
                g_ptr_array_add(parts, g_strdup(member));
                if (names != NULL) {
                    xmlChar *name = attr_local(n, "name");
                    g_ptr_array_add(names, g_strdup(name != NULL ? (const char *)name : ""));
                    xmlFree(name);
                }
            }
            xmlFree(id);
        }
        /* depth-first, iteratively (the item lists sit two levels down) */
        if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != NULL && n != top && n->next == NULL)
            n = n->parent;
        n = n == NULL || n == top ? NULL : n->next;
    }
    g_hash_table_unref(targets);
    xmlFreeDoc(doc);
    return parts;
}

/* ---- Properties --------------------------------------------------------------- */

void officezip_read_properties(const officezip *z, gboolean odf, docmeta *out)
{
    xmlDocPtr meta = officezip_parse(z, odf ? "meta.xml" : "docProps/core.xml");
    xmlNode *root = meta != NULL ? xmlDocGetRootElement(meta) : NULL;
    if (root == NULL) {
        if (meta != NULL)
            xmlFreeDoc(meta);
        return;
    }
    static const struct {
        const char *element;
        size_t field; /* offset of the docmeta string */
    } fields[] = {
        { "title", G_STRUCT_OFFSET(docmeta, title) },
        { "subject", G_STRUCT_OFFSET(docmeta, subject) },
        { "description", G_STRUCT_OFFSET(docmeta, summary) },
        { "keywords", G_STRUCT_OFFSET(docmeta, keywords) },
        { "keyword", G_STRUCT_OFFSET(docmeta, keywords) },
    };
    char *v;
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
        if ((v = xmltext_find_text(root, fields[i].element)) != NULL)
            docmeta_set(G_STRUCT_MEMBER_P(out, fields[i].field), v);
        g_free(v);
    }
    /* the first author: ODF's initial creator, else the last to save it */
    v = xmltext_find_text(root, odf ? "initial-creator" : "creator");
    if (v == NULL)
        v = xmltext_find_text(root, "creator");
    docmeta_add(out->authors, v);
    g_free(v);
    if ((v = xmltext_find_text(root, odf ? "creation-date" : "created")) != NULL) {
        char *d = docmeta_parse_date(v);
        docmeta_set(&out->date, d);
        g_free(d);
    }
    g_free(v);
    xmlFreeDoc(meta);
}
