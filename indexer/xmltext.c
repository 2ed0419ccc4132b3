/* xmltext.c - text collection over libxml2 trees (xmltext.h). */
#include "xmltext.h"
#include "extract.h"
#include "text.h"
#include "title.h"

#include <string.h>

static gboolean listed(const char *const *list, const xmlChar *name)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        if (g_ascii_strcasecmp(list[i], (const char *)name) == 0)
            return TRUE;
    return FALSE;
}

static void ensure_newline(GString *buf)
{
    if (buf->len > 0 && buf->str[buf->len - 1] != '\n')
        extract_append(buf, "\n", 1);
}

void xmltext_collect(const xmlNode *node, GString *buf, const xmltext_rules *rules)
{
    /* iterative depth-first walk: hostile documents nest deeply */
    const xmlNode *n = node;
    while (n != NULL && buf->len < EXTRACT_MAX_TEXT) {
        gboolean descend = FALSE;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL)
                extract_append(buf, (const char *)n->content, -1);
        } else if (n->type == XML_ELEMENT_NODE) {
            if (listed(rules->space, n->name))
                extract_append(buf, " ", 1);
            else if (!listed(rules->skip, n->name))
                descend = n->children != NULL;
            if (!descend && listed(rules->block, n->name))
                ensure_newline(buf);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* next sibling, or climb until one exists */
        while (n != NULL && n != node && n->next == NULL) {
            n = n->parent;
            if (n != NULL && n->type == XML_ELEMENT_NODE && listed(rules->block, n->name))
                ensure_newline(buf);
        }
        if (n == NULL || n == node)
            break;
        n = n->next;
    }
}

void xmltext_set_body(const xmlNode *node, const xmltext_rules *rules, docmeta *out)
{
    GString *text = g_string_new(NULL);
    xmltext_collect(node, text, rules);
    char *clean = text_clean(text->str, (gssize)text->len);
    docmeta_set(&out->text, clean);
    g_free(clean);
    g_string_free(text, TRUE);
}

const xmlNode *xmltext_find(const xmlNode *node, const char *name)
{
    for (const xmlNode *n = node; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp((const char *)n->name, name) == 0)
            return n;
        const xmlNode *found = n->children != NULL ? xmltext_find(n->children, name) : NULL;
        if (found != NULL)
            return found;
    }
    return NULL;
}

char *xmltext_find_text(const xmlNode *node, const char *name)
{
    const xmlNode *n = xmltext_find(node, name);
    if (n == NULL)
        return NULL;
    xmlChar *content = xmlNodeGetContent(n);
    if (content == NULL)
        return NULL;
    char *clean = text_clean((const char *)content, -1);
    char *squashed = text_squash_space(clean);
    xmlFree(content);
    g_free(clean);
    if (*squashed == '\0') {
        g_free(squashed);
        return NULL;
    }
    return squashed;
}

/* The node after n's subtree in a depth-first walk of top's, or NULL. */
static const xmlNode *after_subtree(const xmlNode *n, const xmlNode *top)
{
    while (n != NULL && n != top && n->next == NULL)
        n = n->parent;
    return n == NULL || n == top ? NULL : n->next;
}

/* The node after n in a depth-first walk of top's subtree, or NULL. */
static const xmlNode *next_element(const xmlNode *n, const xmlNode *top)
{
    if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        return n->children;
    return after_subtree(n, top);
}

/* The text under n, cleaned for a title (title_clean), or NULL. */
static char *title_text(const xmlNode *n, const xmltext_rules *rules)
{
    GString *buf = g_string_new(NULL);
    xmltext_collect(n, buf, rules);
    char *clean = text_clean(buf->str, (gssize)buf->len);
    char *title = title_clean(clean);
    g_free(clean);
    g_string_free(buf, TRUE);
    return title;
}

char *xmltext_first_heading(const xmlNode *node, const xmltext_rules *rules,
                            xmltext_is_heading is_heading, void *ud, const char *path,
                            const xmlNode **found)
{
    /* iterative, as xmltext_collect: hostile documents nest deeply */
    for (const xmlNode *n = node; n != NULL; n = next_element(n, node)) {
        if (n->type != XML_ELEMENT_NODE || !is_heading(n, ud))
            continue;
        char *title = title_text(n, rules);
        if (title != NULL && !title_line_is_boilerplate(title) && !title_is_useless(title, path)) {
            if (found != NULL)
                *found = n;
            return title;
        }
        g_free(title);
    }
    return NULL;
}

static gboolean is_blank(const xmlChar *s)
{
    for (const xmlChar *p = s; p != NULL && *p != '\0'; p++)
        if (!g_ascii_isspace(*p))
            return FALSE;
    return TRUE;
}

char *xmltext_heading_after(const xmlNode *heading, const xmlNode *top,
                            const xmltext_rules *rules, xmltext_is_heading is_heading,
                            void *ud)
{
    for (const xmlNode *n = after_subtree(heading, top); n != NULL;) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (!is_blank(n->content))
                return NULL; /* text came first: no subtitle */
            n = after_subtree(n, top);
        } else if (n->type == XML_ELEMENT_NODE && is_heading(n, ud)) {
            return title_text(n, rules);
        } else if (n->type != XML_ELEMENT_NODE || listed(rules->skip, n->name)) {
            n = after_subtree(n, top);
        } else {
            n = next_element(n, top);
        }
    }
    return NULL;
}
