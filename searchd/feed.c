/* feed.c - Atom feeds from search answers (feed.h), written with libxml2's
 * text writer so that every value is escaped. */
#include "feed.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>
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

static const char *member(JsonObject *o, const char *name)
{
    return json_object_get_string_member_with_default(o, name, NULL);
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

static void entry(xmlTextWriterPtr w, JsonObject *r, const char *base)
{
    const char *id = member(r, "id");
    char *urn = g_strdup_printf("urn:veille:document:%s", id);
    char *updated = atom_time(member(r, "date"));
    char *page = g_strdup_printf("%s/api/documents/%s", base, id);
    char *file = g_strdup_printf("%s/documents/%s/file", base, id);
    xmlTextWriterStartElement(w, BAD_CAST "entry");
    element(w, "id", urn);
    element(w, "title", member(r, "title") != NULL ? member(r, "title") : "(sans titre)");
    element(w, "updated", updated);
    link_to(w, "alternate", page, "application/json");
    link_to(w, "enclosure", file, member(r, "mime"));
    JsonArray *authors = json_object_get_array_member(r, "authors");
    for (guint i = 0; authors != NULL && i < json_array_get_length(authors); i++) {
        xmlTextWriterStartElement(w, BAD_CAST "author");
        element(w, "name", json_array_get_string_element(authors, i));
        xmlTextWriterEndElement(w);
    }
    const char *facets[] = { "themes", "regions" };
    for (size_t f = 0; f < G_N_ELEMENTS(facets); f++) {
        JsonArray *tags = json_object_get_array_member(r, facets[f]);
        for (guint i = 0; tags != NULL && i < json_array_get_length(tags); i++) {
            JsonObject *t = json_array_get_object_element(tags, i);
            xmlTextWriterStartElement(w, BAD_CAST "category");
            xmlTextWriterWriteAttribute(w, BAD_CAST "term", BAD_CAST member(t, "id"));
            xmlTextWriterWriteAttribute(w, BAD_CAST "label", BAD_CAST member(t, "label"));
            xmlTextWriterEndElement(w);
        }
    }
    const char *summary = member(r, "summary");
    if (summary != NULL) {
        element(w, "summary", summary);
    } else if (member(r, "snippet") != NULL) { /* already HTML: <mark>, escaped text */
        xmlTextWriterStartElement(w, BAD_CAST "summary");
        xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "html");
        xmlTextWriterWriteString(w, BAD_CAST member(r, "snippet"));
        xmlTextWriterEndElement(w);
    }
    xmlTextWriterEndElement(w);
    g_free(file);
    g_free(page);
    g_free(updated);
    g_free(urn);
}

char *feed_from_search(const char *json, const char *base, const char *self)
{
    JsonParser *p = json_parser_new_immutable();
    xmlBufferPtr buf = NULL;
    xmlTextWriterPtr w = NULL;
    char *out = NULL;

    if (!json_parser_load_from_data(p, json, -1, NULL) || json_parser_get_root(p) == NULL ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p)))
        goto cleanup;
    JsonObject *o = json_node_get_object(json_parser_get_root(p));
    JsonArray *results = json_object_get_array_member(o, "results");
    if (results == NULL)
        goto cleanup;
    buf = xmlBufferCreate();
    w = xmlNewTextWriterMemory(buf, 0);
    const char *q = member(o, "query");
    char *title = g_strdup_printf("Veille – %s", q != NULL && *q != '\0' ? q : "nouveaux documents");
    char *self_url = g_strdup_printf("%s%s", base, self);
    char *feed_id = g_strdup_printf("urn:veille:feed:%s", self);
    /* the feed is as new as its newest entry (results are sorted by date) */
    JsonObject *first = json_array_get_length(results) > 0
                            ? json_array_get_object_element(results, 0) : NULL;
    char *updated = atom_time(first != NULL ? member(first, "date") : NULL);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "feed", BAD_CAST ATOM_NS);
    xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST "fr");
    element(w, "id", feed_id);
    element(w, "title", title);
    element(w, "updated", updated);
    link_to(w, "self", self_url, "application/atom+xml");
    xmlTextWriterStartElement(w, BAD_CAST "author");
    element(w, "name", "Veille – plateforme nationale des Ateliers santé ville");
    xmlTextWriterEndElement(w);
    element(w, "generator", "Veille");
    for (guint i = 0; i < json_array_get_length(results); i++)
        entry(w, json_array_get_object_element(results, i), base);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    w = NULL;
    out = g_strdup((const char *)xmlBufferContent(buf));
    g_free(updated);
    g_free(feed_id);
    g_free(self_url);
    g_free(title);
cleanup:
    if (w != NULL)
        xmlFreeTextWriter(w);
    if (buf != NULL)
        xmlBufferFree(buf);
    g_object_unref(p);
    return out;
}
