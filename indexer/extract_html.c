/* extract_html.c - HTML pages with libxml2's forgiving HTML parser:
 * title, meta description/keywords/author/date, lang, visible text, and
 * the page's own address (its canonical link, og:url, or the "saved from
 * url" comment a browser writes into a saved page).  When
 * <title> is missing or useless, the first h1 (then h2) is the title,
 * with the heading right under it when it says little on its own
 * ("Séminaire : Les CLS, quelle plus-value pour les ASV ?"). */
#include "extract.h"
#include "text.h"
#include "title.h"
#include "weburl.h"
#include "xmltext.h"

#include <libxml/HTMLparser.h>
#include <string.h>

static const char *const html_skip[] = { "script", "style", "noscript", "template", "head",
                                         "svg", "iframe", "object", NULL };
static const char *const html_block[] = { "p", "div", "br", "li", "tr", "h1", "h2", "h3",
                                          "h4", "h5", "h6", "section", "article", "header",
                                          "footer", "blockquote", "pre", "table", "ul", "ol",
                                          "dd", "dt", "td", "th", "title", NULL };
static const xmltext_rules html_rules = { html_skip, html_block, NULL };

/* Applies one <meta name=... content=...> to out. */
static void apply_meta(docmeta *out, const char *name, const char *content)
{
    if (g_ascii_strcasecmp(name, "description") == 0 ||
        g_ascii_strcasecmp(name, "dc.description") == 0) {
        docmeta_set(&out->summary, content);
    } else if (g_ascii_strcasecmp(name, "keywords") == 0) {
        docmeta_set(&out->keywords, content);
    } else if (g_ascii_strcasecmp(name, "author") == 0 ||
               g_ascii_strcasecmp(name, "dc.creator") == 0) {
        docmeta_add(out->authors, content);
    } else if (g_ascii_strcasecmp(name, "date") == 0 || g_ascii_strcasecmp(name, "dc.date") == 0) {
        char *d = docmeta_parse_date(content);
        if (d != NULL)
            docmeta_set(&out->date, d);
        g_free(d);
    }
}

static gboolean is_named(const xmlNode *n, void *name)
{
    return g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

/* A heading of at most this many words of four letters or more
 * ("Séminaire", "Rapport d'activité", "Compte rendu") takes the heading
 * under it as its subtitle. */
#define HEADING_SHORT_WORDS 2

/* The first useful h1, else h2, of the page. */
static void title_from_headings(const xmlNode *body, const char *path, docmeta *out)
{
    static const char *const levels[] = { "h1", "h2" };
    for (size_t i = 0; i < G_N_ELEMENTS(levels); i++) {
        const xmlNode *heading = NULL;
        char *title = xmltext_first_heading(body, &html_rules, is_named, (void *)levels[i], path,
                                            &heading);
        if (title == NULL)
            continue;
        /* the level right under it: "# Séminaire" then "## Les CLS ?" */
        static const char *const below[] = { "h2", "h3" };
        char *subtitle = title_words(title) <= HEADING_SHORT_WORDS
                             ? xmltext_heading_after(heading, body, &html_rules, is_named,
                                                     (void *)below[i])
                             : NULL;
        if (subtitle != NULL && !title_line_is_boilerplate(subtitle)) {
            char *joined = g_strconcat(title, " : ", subtitle, NULL);
            g_free(title);
            title = title_clean(joined);
            g_free(joined);
        }
        g_free(subtitle);
        docmeta_set(&out->title, title);
        docmeta_set(&out->title_source, TITLE_SOURCE_HEADING);
        g_free(title);
        return;
    }
}

/* The page's addresses, surest first. */
typedef enum { ADDRESS_CANONICAL, ADDRESS_OG_URL, ADDRESS_SAVED_FROM, ADDRESS_COUNT } address_kind;

/* Longer addresses are no page's. */
#define ADDRESS_MAX 2000

/* Keeps url as the page's address of that kind when it is an http(s) one
 * ("//host/page" taken as https), without user and password; a saved
 * page's comment also loses its query and fragment (a session's tokens). */
static void note_address(char **found, address_kind kind, const char *url, gsize len)
{
    char *u = g_strstrip(g_strndup(url, len));
    if (g_str_has_prefix(u, "//")) {
        char *full = g_strconcat("https:", u, NULL);
        g_free(u);
        u = full;
    }
    GUri *uri = found[kind] == NULL && strlen(u) <= ADDRESS_MAX && g_utf8_validate(u, -1, NULL) &&
                        strpbrk(u, " \t\n\"<>") == NULL
                    ? weburl_parse(u)
                    : NULL;
    const char *host = uri != NULL ? g_uri_get_host(uri) : NULL;
    if (host != NULL && *host != '\0')
        found[kind] = g_uri_to_string_partial(
            uri, G_URI_HIDE_USERINFO | G_URI_HIDE_PASSWORD | G_URI_HIDE_AUTH_PARAMS |
                     (kind == ADDRESS_SAVED_FROM ? G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT : 0));
    if (uri != NULL)
        g_uri_unref(uri);
    g_free(u);
}

/* "<!-- saved from url=(0042)https://... -->" (browsers), "<!-- Page saved
 * with SingleFile \n url: https://... -->". */
static void read_saved_from(const xmlNode *node, char **found)
{
    for (const xmlNode *n = node; n != NULL && found[ADDRESS_SAVED_FROM] == NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp((const char *)n->name, "body") != 0)
            read_saved_from(n->children, found);
        if (n->type != XML_COMMENT_NODE || n->content == NULL)
            continue;
        const char *c = (const char *)n->content, *url = NULL;
        const char *saved = strstr(c, "saved from url=(");
        if (saved != NULL && (url = strchr(saved, ')')) != NULL)
            url++;
        else if (strstr(c, "SingleFile") != NULL && (url = strstr(c, "url: ")) != NULL)
            url += strlen("url: ");
        if (url != NULL)
            note_address(found, ADDRESS_SAVED_FROM, url, strcspn(url, " \t\r\n"));
    }
}

static void read_metas(const xmlNode *node, docmeta *out, char **found)
{
    for (const xmlNode *n = node; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (g_ascii_strcasecmp((const char *)n->name, "link") == 0) {
            xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            if (rel != NULL && href != NULL &&
                g_ascii_strcasecmp((const char *)rel, "canonical") == 0)
                note_address(found, ADDRESS_CANONICAL, (const char *)href, strlen((char *)href));
            xmlFree(rel);
            xmlFree(href);
        } else if (g_ascii_strcasecmp((const char *)n->name, "meta") == 0) {
            xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
            xmlChar *property = xmlGetProp(n, (const xmlChar *)"property");
            xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
            if (property != NULL && content != NULL &&
                g_ascii_strcasecmp((const char *)property, "og:url") == 0)
                note_address(found, ADDRESS_OG_URL, (const char *)content,
                             strlen((char *)content));
            xmlFree(property);
            if (name != NULL && content != NULL) {
                char *clean = text_clean((const char *)content, -1);
                char *squashed = text_squash_space(clean);
                apply_meta(out, (const char *)name, squashed);
                g_free(squashed);
                g_free(clean);
            }
            xmlFree(name);
            xmlFree(content);
        } else if (g_ascii_strcasecmp((const char *)n->name, "body") != 0) {
            read_metas(n->children, out, found);
        }
    }
}

/* The page's address, surest first, unless the document has one already. */
static void read_address(const htmlDocPtr doc, const xmlNode *root, docmeta *out)
{
    char *found[ADDRESS_COUNT] = { NULL };
    read_metas(root, out, found);
    read_saved_from(doc->children, found);
    for (int k = 0; k < ADDRESS_COUNT; k++) {
        if (out->source_url == NULL && found[k] != NULL)
            docmeta_set(&out->source_url, found[k]);
        g_free(found[k]);
    }
}

int extract_html(const char *path, docmeta *out, verr *err)
{
    char *raw = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &raw, &len, &gerr)) {
        verr_from_gerror(err, VERR_IO, gerr);
        g_clear_error(&gerr);
        return -1;
    }
    int rc = extract_html_data(raw, len, path, out, err);
    g_free(raw);
    return rc;
}

int extract_html_data(const char *raw, gsize len, const char *path, docmeta *out, verr *err)
{
    htmlDocPtr doc = NULL;
    int rc = -1;

    /* valid UTF-8 is read as such even without a charset declaration;
     * otherwise the page's own declaration decides (default Latin-1) */
    const char *encoding = g_utf8_validate(raw, (gssize)len, NULL) ? "UTF-8" : NULL;
    doc = htmlReadMemory(raw, (int)MIN(len, (gsize)G_MAXINT), path, encoding,
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    if (root == NULL) {
        verr_set(err, VERR_PARSE, "html", "page HTML vide ou illisible");
        goto cleanup;
    }
    char *title = xmltext_find_text(root, "title");
    docmeta_set(&out->title, title);
    g_free(title);
    read_address(doc, root, out);
    xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
    docmeta_set_lang(out, (const char *)lang);
    xmlFree(lang);

    const xmlNode *body = xmltext_find(root, "body");
    if (title_is_useless(out->title, path))
        title_from_headings(body != NULL ? body : root, path, out);
    xmltext_set_body(body != NULL ? body : root, &html_rules, out);
    rc = 0;
cleanup:
    if (doc != NULL)
        xmlFreeDoc(doc);
    return rc;
}
