/* extract_presentation.c - slide decks: OpenDocument presentations (ODP)
 * and PowerPoint's Office Open XML (PPTX), zip packages read with
 * officezip.h.  Each slide is a page of the text (a form feed between
 * slides), so a snippet says which slide it comes from, and the slide
 * count is the document's page count.  Speaker notes are left out, as
 * the masters' placeholder texts are.  With no useful title in the
 * properties, the first slide's first line is the title (title.h). */
#include "extract.h"
#include "officezip.h"
#include "xmltext.h"

#include <string.h>

/* ODF text in a slide: as ODT's, without the speaker notes */
static const char *const odp_block[] = { "p", "h", "list-item", "table-row", "frame", NULL };
static const char *const odp_space[] = { "s", "tab", "line-break", NULL };
static const char *const odp_skip[] = { "notes", "tracked-changes", "annotation", NULL };
static const xmltext_rules odp_rules = { odp_skip, odp_block, odp_space };

/* DrawingML text: a:t runs in a:p paragraphs (a:br breaks a line) */
static const char *const pptx_block[] = { "p", "br", "tc", NULL };
static const char *const pptx_space[] = { "tab", NULL };
static const xmltext_rules pptx_rules = { NULL, pptx_block, pptx_space };

int extract_odp(const char *path, docmeta *out, verr *err)
{
    static const char *const names[] = { "content.xml", "meta.xml", NULL };
    officezip *z = officezip_open(path, officezip_want_listed, (void *)names, err);
    if (z == NULL)
        return -1;
    xmlDocPtr body = officezip_parse(z, "content.xml");
    const xmlNode *deck = body != NULL ? xmltext_find(xmlDocGetRootElement(body), "presentation")
                                       : NULL;
    int rc = -1;
    if (deck == NULL) {
        verr_set(err, VERR_PARSE, "xml", "content.xml absent ou sans présentation");
        goto cleanup;
    }
    officezip_read_properties(z, TRUE, out);
    GString *text = g_string_new(NULL);
    int slides = 0;
    for (const xmlNode *n = deck->children; n != NULL && text->len < EXTRACT_MAX_TEXT;
         n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "page") != 0)
            continue;
        extract_next_page(text, &slides);
        xmltext_collect(n, text, &odp_rules); /* the page and all below it */
    }
    extract_set_paged_text(out, text, slides);
    g_string_free(text, TRUE);
    rc = 0;
cleanup:
    if (body != NULL)
        xmlFreeDoc(body);
    officezip_free(z);
    return rc;
}

/* The package's slides, their relationships and its properties. */
static gboolean pptx_wanted(const char *name, void *ud)
{
    (void)ud;
    return strcmp(name, "ppt/presentation.xml") == 0 ||
           strcmp(name, "ppt/_rels/presentation.xml.rels") == 0 ||
           strcmp(name, "docProps/core.xml") == 0 ||
           (g_str_has_prefix(name, "ppt/slides/slide") && g_str_has_suffix(name, ".xml"));
}

/* The slides in the order of the presentation; when it lists none (a
 * package made by hand), slide1.xml, slide2.xml... while they exist. */
static GPtrArray *pptx_slides(const officezip *z)
{
    GPtrArray *slides = officezip_ordered_parts(z, "ppt/presentation.xml",
                                                "ppt/_rels/presentation.xml.rels", "sldId",
                                                "ppt/", NULL);
    if (slides->len > 0)
        return slides;
    for (unsigned i = 1;; i++) {
        char *name = g_strdup_printf("ppt/slides/slide%u.xml", i);
        if (officezip_member(z, name) == NULL) {
            g_free(name);
            return slides;
        }
        g_ptr_array_add(slides, name);
    }
}

int extract_pptx(const char *path, docmeta *out, verr *err)
{
    officezip *z = officezip_open(path, pptx_wanted, NULL, err);
    if (z == NULL)
        return -1;
    GPtrArray *slides = pptx_slides(z);
    int rc = -1;
    if (slides->len == 0) {
        verr_set(err, VERR_PARSE, "xml", "présentation sans diapositive lisible");
        goto cleanup;
    }
    officezip_read_properties(z, FALSE, out);
    GString *text = g_string_new(NULL);
    int count = 0;
    /* past the text's limit, neither more slides nor more pages */
    for (guint i = 0; i < slides->len && text->len < EXTRACT_MAX_TEXT; i++) {
        xmlDocPtr slide = officezip_parse(z, g_ptr_array_index(slides, i));
        extract_next_page(text, &count); /* a slide that cannot be read stays, empty */
        if (slide != NULL) {
            xmltext_collect(xmlDocGetRootElement(slide), text, &pptx_rules);
            xmlFreeDoc(slide);
        }
    }
    extract_set_paged_text(out, text, count);
    g_string_free(text, TRUE);
    rc = 0;
cleanup:
    g_ptr_array_unref(slides);
    officezip_free(z);
    return rc;
}
