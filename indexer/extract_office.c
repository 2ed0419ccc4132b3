/* extract_office.c - OpenDocument text (ODT) and Office Open XML (DOCX):
 * a zip package (officezip.h).  When the properties'
 * title is missing or useless, the first heading is the title: ODT's
 * first text:h or paragraph in the Title style, DOCX's first paragraph
 * in the Title or Heading 1 style. */
#include "extract.h"
#include "officezip.h"
#include "text.h"
#include "title.h"
#include "xmltext.h"

#include <string.h>

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
    const char *styles_member;
    gboolean odf;              /* OpenDocument (else Office Open XML) */
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
    "content.xml", "styles.xml", TRUE,
    { odt_skip, odt_block, odt_space }, odt_is_heading,
};
static const office_format docx_format = {
    "word/document.xml", "word/styles.xml", FALSE,
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
                                        &c, path, NULL);
    if (title != NULL) {
        docmeta_set(&out->title, title);
        docmeta_set(&out->title_source, TITLE_SOURCE_HEADING);
    }
    g_free(title);
    g_hash_table_unref(c.styles);
}

static int extract_office(const char *path, const office_format *f, docmeta *out, verr *err)
{
    const char *names[] = { f->body_member, f->styles_member, "meta.xml", "docProps/core.xml",
                            NULL };
    officezip *z = officezip_open(path, officezip_want_listed, names, err);
    xmlDocPtr body = NULL, styles = NULL;
    int rc = -1;

    if (z == NULL)
        return -1;
    body = officezip_parse(z, f->body_member);
    if (body == NULL || xmlDocGetRootElement(body) == NULL) {
        verr_set(err, VERR_PARSE, "xml", "%s absent ou illisible", f->body_member);
        goto cleanup;
    }
    officezip_read_properties(z, f->odf, out);
    if (title_is_useless(out->title, path)) {
        styles = officezip_parse(z, f->styles_member);
        title_from_headings(f, body, styles, path, out);
    }
    xmltext_set_body(xmlDocGetRootElement(body), &f->rules, out);
    rc = 0;
cleanup:
    if (styles != NULL) xmlFreeDoc(styles);
    if (body != NULL) xmlFreeDoc(body);
    officezip_free(z);
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
