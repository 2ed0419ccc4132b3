/* feed.c - Atom feeds of search results (feed.h), written with libxml2's
 * text writer so that every value is escaped. */
#include "feed.h"
#include "title.h"

#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#define ATOM_NS "http://www.w3.org/2005/Atom"

/* An RFC 3339 time for a document date "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
static char *atom_time(const char *date)
{
    int y = 1970, m = 1, d = 1;
    if (date != NULL)
        sscanf(date, "%d-%d-%d", &y, &m, &d);
    return g_strdup_printf("%04d-%02d-%02dT00:00:00Z", y, m > 0 ? m : 1, d > 0 ? d : 1);
}

static void element(xmlTextWriterPtr w, const char *name, const char *text)
{
    if (text != NULL)
        xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

static void link_to(xmlTextWriterPtr w, const char *rel, const char *href, const char *type)
{
    xmlTextWriterStartElement(w, BAD_CAST "link");
    xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST rel);
    xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
    if (type != NULL)
        xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type);
    xmlTextWriterEndElement(w);
}

/* The document's authors, then its themes and regions as categories. */
static void people_and_tags(xmlTextWriterPtr w, const docmeta *m)
{
    for (guint i = 0; i < m->authors->len; i++) {
        xmlTextWriterStartElement(w, BAD_CAST "author");
        element(w, "name", g_ptr_array_index(m->authors, i));
        xmlTextWriterEndElement(w);
    }
    static const char *const facets[] = { "theme", "region" };
    for (size_t f = 0; f < G_N_ELEMENTS(facets); f++)
        for (guint i = 0; i < m->tags->len; i++) {
            const docmeta_tag *t = g_ptr_array_index(m->tags, i);
            if (strcmp(t->facet, facets[f]) != 0)
                continue;
            xmlTextWriterStartElement(w, BAD_CAST "category");
            xmlTextWriterWriteAttribute(w, BAD_CAST "term", BAD_CAST t->id);
            xmlTextWriterWriteAttribute(w, BAD_CAST "label", BAD_CAST t->label);
            xmlTextWriterEndElement(w);
        }
}

/* When an entry is new to the feed: the document's arrival in the
 * collection (its own date for a record without one).  Caller frees. */
static char *arrival_time(const docmeta *m)
{
    return m->added != NULL ? g_strdup(m->added) : atom_time(m->date);
}

static void entry(xmlTextWriterPtr w, const search_hit *h, const char *base)
{
    const docmeta *m = h->doc;
    char *urn = g_strdup_printf("urn:veille:document:%s", m->id);
    char *updated = arrival_time(m);
    char *page = g_strdup_printf("%s/?doc=%s", base, m->id);
    char *json = g_strdup_printf("%s/api/documents/%s", base, m->id);
    char *file = g_strdup_printf("%s/documents/%s/file", base, m->id);
    xmlTextWriterStartElement(w, BAD_CAST "entry");
    element(w, "id", urn);
    char *title = title_shown(m);
    element(w, "title", title != NULL ? title : "(sans titre)");
    g_free(title);
    element(w, "updated", updated);
    if (m->date != NULL) { /* the document's own date */
        char *published = atom_time(m->date);
        element(w, "published", published);
        g_free(published);
    }
    link_to(w, "alternate", page, "text/html");
    link_to(w, "related", json, "application/json");
    link_to(w, "enclosure", file, m->mime);
    people_and_tags(w, m);
    if (m->summary != NULL) {
        element(w, "summary", m->summary);
    } else if (h->snippet != NULL) { /* already HTML: <mark>, escaped text */
        xmlTextWriterStartElement(w, BAD_CAST "summary");
        xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "html");
        xmlTextWriterWriteString(w, BAD_CAST h->snippet);
        xmlTextWriterEndElement(w);
    }
    xmlTextWriterEndElement(w);
    g_free(file);
    g_free(json);
    g_free(page);
    g_free(updated);
    g_free(urn);
}

/* The search page of the feed's search: self's query string on "/". */
static char *page_of(const char *base, const char *self)
{
    const char *query = strchr(self, '?');
    return g_strdup_printf("%s/%s", base, query != NULL ? query : "");
}

/* The feed's own elements: it is as new as its newest entry (results are
 * sorted by arrival). */
static void head(xmlTextWriterPtr w, const search_result *r, const char *base, const char *self)
{
    const char *q = r->query;
    char *title = g_strdup_printf("Veille – %s", q != NULL && *q != '\0' ? q : "nouveaux documents");
    char *self_url = g_strdup_printf("%s%s", base, self);
    char *page = page_of(base, self);
    char *feed_id = g_strdup_printf("urn:veille:feed:%s", self);
    const search_hit *first = r->hits->len > 0 ? g_ptr_array_index(r->hits, 0) : NULL;
    char *updated = first != NULL ? arrival_time(first->doc) : atom_time(NULL);
    element(w, "id", feed_id);
    element(w, "title", title);
    if (r->missing_shards != NULL) { /* never a silent partial list */
        char *note = g_strdup_printf("Résultats incomplets : %u partie(s) de la collection sur %u "
                                     "ne répondent pas en ce moment", r->missing_shards->len,
                                     r->shards);
        element(w, "subtitle", note);
        g_free(note);
    }
    element(w, "updated", updated);
    link_to(w, "self", self_url, "application/atom+xml");
    link_to(w, "alternate", page, "text/html");
    xmlTextWriterStartElement(w, BAD_CAST "author");
    element(w, "name", "Veille – plateforme nationale des Ateliers santé ville");
    xmlTextWriterEndElement(w);
    element(w, "generator", "Veille");
    g_free(updated);
    g_free(feed_id);
    g_free(page);
    g_free(self_url);
    g_free(title);
}

char *feed_render(const search_result *r, const char *base, const char *self)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf != NULL ? xmlNewTextWriterMemory(buf, 0) : NULL;
    char *out = NULL;
    if (w == NULL)
        goto cleanup;
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "feed", BAD_CAST ATOM_NS);
    xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST "fr");
    head(w, r, base, self);
    for (guint i = 0; i < r->hits->len; i++)
        entry(w, g_ptr_array_index(r->hits, i), base);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    w = NULL;
    out = g_strdup((const char *)xmlBufferContent(buf));
cleanup:
    if (w != NULL)
        xmlFreeTextWriter(w);
    if (buf != NULL)
        xmlBufferFree(buf);
    return out;
}
