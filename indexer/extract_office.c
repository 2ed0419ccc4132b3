/* extract_office.c - OpenDocument text (ODT) and Office Open XML (DOCX):
 * a zip read with libarchive, XML parsed with libxml2.  Members are read
 * with a size cap so that a zip bomb stops early.  When the properties'
 * title is missing or useless, the first heading is the title: ODT's
 * first text:h or paragraph in the Title style, DOCX's first paragraph
 * in the Title or Heading 1 style. */
#include "extract.h"
#include "text.h"
#include "title.h"
#include "xmltext.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <string.h>

#define MEMBER_MAX (64u * 1024u * 1024u)

/* Reads the named members of the zip at path; contents[i] gets a GBytes
 * (or stays NULL when absent).  Returns 0, or non-zero with err set. */
static int read_members(const char *path, const char *const *names, GBytes **contents,
                        size_t n, verr *err)
{
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    int rc = -1, r;

    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
        verr_set(err, VERR_PARSE, "zip", "archive illisible : %s", archive_error_string(a));
        goto cleanup;
    }
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        for (size_t i = 0; name != NULL && i < n; i++) {
            if (strcmp(name, names[i]) != 0 || contents[i] != NULL)
                continue;
            GByteArray *buf = g_byte_array_new();
            char chunk[65536];
            la_ssize_t got;
            while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0 &&
                   buf->len < MEMBER_MAX)
                g_byte_array_append(buf, (const guint8 *)chunk, (guint)got);
            if (got < 0) {
                verr_set(err, VERR_PARSE, "zip", "%s : %s", name, archive_error_string(a));
                g_byte_array_unref(buf);
                goto cleanup;
            }
            contents[i] = g_byte_array_free_to_bytes(buf);
        }
    }
    if (r != ARCHIVE_EOF) {
        verr_set(err, VERR_PARSE, "zip", "archive endommagée : %s", archive_error_string(a));
        goto cleanup;
    }
    rc = 0;
cleanup:
    archive_read_free(a);
    return rc;
}

static xmlDocPtr parse_member(GBytes *bytes)
{
    gsize len = 0;
    const char *data = bytes != NULL ? g_bytes_get_data(bytes, &len) : NULL;
    if (data == NULL || len == 0)
        return NULL;
    return xmlReadMemory(data, (int)MIN(len, (gsize)G_MAXINT), NULL, NULL, XMLTEXT_SAFE_OPTIONS);
}

/* Dublin Core style properties shared by meta.xml and docProps/core.xml. */
static void read_properties(xmlDocPtr meta, docmeta *out, const char *date_element,
                            const char *author_element)
{
    xmlNode *root = meta != NULL ? xmlDocGetRootElement(meta) : NULL;
    if (root == NULL)
        return;
    char *v;
    if ((v = xmltext_find_text(root, "title")) != NULL) docmeta_set(&out->title, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "subject")) != NULL) docmeta_set(&out->subject, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "description")) != NULL) docmeta_set(&out->summary, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "keywords")) != NULL) docmeta_set(&out->keywords, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "keyword")) != NULL) docmeta_set(&out->keywords, v);
    g_free(v);
    if ((v = xmltext_find_text(root, author_element)) != NULL) docmeta_add(out->authors, v);
    g_free(v);
    if ((v = xmltext_find_text(root, date_element)) != NULL) {
        char *d = docmeta_parse_date(v);
        docmeta_set(&out->date, d);
        g_free(d);
    }
    g_free(v);
}

/* ---- Headings ------------------------------------------------------------------ */

/* Paragraph styles that make a title, by name: ODT's style names
 * ("Heading_20_1" is how ODT writes "Heading 1"), DOCX's built-in style
 * names (English whatever the language) and the ids Word gives them. */
static const char *const title_styles[] = {
    "Title", "Titre", "Heading_20_1", "Titre_20_1", "Heading 1", "heading 1", "title",
    "Heading1", "Titre1",
};

static gboolean is_title_style(const char *name)
{
    for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(title_styles); i++)
        if (strcmp(name, title_styles[i]) == 0)
            return TRUE;
    return FALSE;
}

/* The paragraph styles of a document that are titles: their names (ODT
 * automatic styles "P1" whose parent is "Title"; DOCX style ids whose
 * name is "Title" or "heading 1"), as a set of owned strings. */
static GHashTable *title_style_set(const xmlNode *root)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, xmlFree, NULL);
    const xmlNode *n = root != NULL ? xmltext_find(root, "style") : NULL;
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || g_ascii_strcasecmp((const char *)n->name, "style") != 0)
            continue;
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"styleId"); /* DOCX */
        xmlChar *odt_name = id == NULL ? xmlGetProp(n, (const xmlChar *)"name") : NULL;
        xmlChar *parent = xmlGetProp(n, (const xmlChar *)"parent-style-name");
        const xmlNode *name_el = id != NULL ? xmltext_find(n->children, "name") : NULL;
        xmlChar *name = name_el != NULL ? xmlGetProp(name_el, (const xmlChar *)"val") : NULL;
        gboolean title = is_title_style((const char *)parent) ||
                         is_title_style((const char *)name);
        xmlChar *key = id != NULL ? id : odt_name;
        if (title && key != NULL) {
            g_hash_table_add(set, key);
            key = NULL;
        }
        if (key != NULL)
            xmlFree(key);
        xmlFree(parent);
        xmlFree(name);
    }
    return set;
}

typedef struct {
    GHashTable *styles;  /* title_style_set of the body and of the styles member */
} heading_ctx;

static gboolean in_title_style(const heading_ctx *c, const xmlChar *style)
{
    return style != NULL && (is_title_style((const char *)style) ||
                             g_hash_table_contains(c->styles, style));
}

/* text:h, or text:p in a title style */
static gboolean odt_is_heading(const xmlNode *n, void *ud)
{
    if (g_ascii_strcasecmp((const char *)n->name, "h") == 0)
        return TRUE;
    if (g_ascii_strcasecmp((const char *)n->name, "p") != 0)
        return FALSE;
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style-name");
    gboolean yes = in_title_style(ud, style);
    xmlFree(style);
    return yes;
}

/* w:p whose w:pPr/w:pStyle names a title style */
static gboolean docx_is_heading(const xmlNode *n, void *ud)
{
    if (g_ascii_strcasecmp((const char *)n->name, "p") != 0)
        return FALSE;
    for (const xmlNode *c = n->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || g_ascii_strcasecmp((const char *)c->name, "pPr") != 0)
            continue;
        for (const xmlNode *s = c->children; s != NULL; s = s->next) {
            if (s->type != XML_ELEMENT_NODE ||
                g_ascii_strcasecmp((const char *)s->name, "pStyle") != 0)
                continue;
            xmlChar *style = xmlGetProp(s, (const xmlChar *)"val");
            gboolean yes = in_title_style(ud, style);
            xmlFree(style);
            return yes;
        }
    }
    return FALSE;
}

/* ---- Formats ------------------------------------------------------------------ */

typedef struct {
    const char *body_member;
    const char *meta_member;
    const char *styles_member;
    const char *date_element;
    const char *author_element;
    xmltext_rules rules;
    xmltext_is_heading is_heading;
} office_format;

static const char *const odt_block[] = { "p", "h", "list-item", "table-row", NULL };
static const char *const odt_space[] = { "s", "tab", "line-break", NULL };
static const char *const odt_skip[] = { "tracked-changes", "annotation", "note-citation", NULL };
static const char *const docx_block[] = { "p", "tr", "br", "cr", NULL };
static const char *const docx_space[] = { "tab", NULL };
static const char *const docx_skip[] = { "instrText", "delText", "del", NULL };

static const office_format odt_format = {
    "content.xml", "meta.xml", "styles.xml", "creation-date", "initial-creator",
    { odt_skip, odt_block, odt_space }, odt_is_heading,
};
static const office_format docx_format = {
    "word/document.xml", "docProps/core.xml", "word/styles.xml", "created", "creator",
    { docx_skip, docx_block, docx_space }, docx_is_heading,
};

/* Adds the title styles under root to set. */
static void add_title_styles(GHashTable *set, const xmlNode *root)
{
    GHashTable *more = title_style_set(root);
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, more);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        g_hash_table_iter_steal(&it);
        g_hash_table_add(set, key);
    }
    g_hash_table_unref(more);
}

/* The first heading of body as the title (styles: the styles member, may
 * be NULL). */
static void title_from_headings(const office_format *f, xmlDocPtr body, xmlDocPtr styles,
                                const char *path, docmeta *out)
{
    heading_ctx c = { title_style_set(xmlDocGetRootElement(body)) };
    if (styles != NULL)
        add_title_styles(c.styles, xmlDocGetRootElement(styles));
    char *title = xmltext_first_heading(xmlDocGetRootElement(body), &f->rules, f->is_heading,
                                        &c, path);
    if (title != NULL) {
        docmeta_set(&out->title, title);
        docmeta_set(&out->title_source, TITLE_SOURCE_HEADING);
    }
    g_free(title);
    g_hash_table_unref(c.styles);
}

static int extract_office(const char *path, const office_format *f, docmeta *out, verr *err)
{
    const char *names[] = { f->body_member, f->meta_member, f->styles_member };
    GBytes *contents[3] = { NULL, NULL, NULL };
    xmlDocPtr body = NULL, meta = NULL, styles = NULL;
    int rc = -1;

    if (read_members(path, names, contents, 3, err) != 0)
        goto cleanup;
    body = parse_member(contents[0]);
    if (body == NULL || xmlDocGetRootElement(body) == NULL) {
        verr_set(err, VERR_PARSE, "xml", "%s absent ou illisible", f->body_member);
        goto cleanup;
    }
    meta = parse_member(contents[1]);
    read_properties(meta, out, f->date_element, f->author_element);
    if (out->authors->len == 0 && meta != NULL) { /* DOCX and ODT both know dc:creator */
        char *v = xmltext_find_text(xmlDocGetRootElement(meta), "creator");
        docmeta_add(out->authors, v);
        g_free(v);
    }
    if (title_is_useless(out->title, path)) {
        styles = parse_member(contents[2]);
        title_from_headings(f, body, styles, path, out);
    }
    xmltext_set_body(xmlDocGetRootElement(body), &f->rules, out);
    rc = 0;
cleanup:
    if (styles != NULL) xmlFreeDoc(styles);
    if (meta != NULL) xmlFreeDoc(meta);
    if (body != NULL) xmlFreeDoc(body);
    for (size_t i = 0; i < 3; i++)
        if (contents[i] != NULL) g_bytes_unref(contents[i]);
    return rc;
}

int extract_odt(const char *path, docmeta *out, verr *err)
{
    return extract_office(path, &odt_format, out, err);
}

int extract_docx(const char *path, docmeta *out, verr *err)
{
    return extract_office(path, &docx_format, out, err);
}
