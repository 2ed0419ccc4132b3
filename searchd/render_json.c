/* render_json.c - the API's JSON answers (render_json.h). */
#include "render_json.h"
#include "jsonutil.h"
#include "title.h"

#include <math.h>
#include <string.h>

/* ---- Documents ------------------------------------------------------------------------- */

static void add_tags(JsonBuilder *b, const docmeta *m, const char *facet, const char *name)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, facet) != 0)
            continue;
        json_builder_begin_object(b);
        jsonutil_add_string(b, "id", t->id);
        jsonutil_add_string(b, "label", t->label);
        jsonutil_add_string(b, "source", t->source);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* {folder, name} of the file at path: its name and its folder's, never
 * the whole path. */
static void add_location(JsonBuilder *b, const char *path)
{
    char *dir = g_path_get_dirname(path);
    char *folder = g_path_get_basename(dir), *name = g_path_get_basename(path);
    json_builder_begin_object(b);
    jsonutil_add_string(b, "folder", folder);
    jsonutil_add_string(b, "name", name);
    json_builder_end_object(b);
    g_free(name);
    g_free(folder);
    g_free(dir);
}

/* Where the document's content is: its file, then its copies (copies.h). */
static void add_locations(JsonBuilder *b, const docmeta *m)
{
    if (m->path == NULL)
        return;
    json_builder_set_member_name(b, "locations");
    json_builder_begin_array(b);
    add_location(b, m->path);
    for (guint i = 0; m->copies != NULL && i < m->copies->len; i++)
        add_location(b, g_ptr_array_index(m->copies, i));
    json_builder_end_array(b);
}

/* The document's other versions, newest first (versions.h). */
static void add_versions(JsonBuilder *b, const docmeta *m)
{
    if (m->versions == NULL)
        return;
    json_builder_set_member_name(b, "versions");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->versions->len; i++) {
        const docmeta *v = g_ptr_array_index(m->versions, i);
        char *title = title_shown(v);
        char *self = g_strdup_printf("/api/documents/%s", v->id);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "id", v->id);
        jsonutil_add_string(b, "title", title);
        jsonutil_add_string(b, "date", v->date);
        jsonutil_add_string(b, "added", v->added);
        char *name = v->path != NULL ? g_path_get_basename(v->path) : NULL;
        jsonutil_add_string(b, "name", name); /* the file's, never its path */
        g_free(name);
        jsonutil_add_string(b, "link", self);
        json_builder_end_object(b);
        g_free(self);
        g_free(title);
    }
    json_builder_end_array(b);
}

/* The document's public fields (never its path: ids are opaque). */
static void add_document(JsonBuilder *b, const docmeta *m)
{
    jsonutil_add_string(b, "id", m->id);
    char *title = title_shown(m);
    jsonutil_add_string(b, "title", title);
    g_free(title);
    jsonutil_add_strings(b, "authors", m->authors);
    jsonutil_add_string(b, "organisation", m->organisation);
    jsonutil_add_string(b, "date", m->date);
    jsonutil_add_string(b, "added", m->added);
    jsonutil_add_string(b, "type", m->doctype);
    jsonutil_add_string(b, "mime", m->mime);
    jsonutil_add_string(b, "lang", m->lang);
    jsonutil_add_string(b, "summary", m->summary);
    jsonutil_add_string(b, "source_url", m->source_url);
    json_builder_set_member_name(b, "pages");
    json_builder_add_int_value(b, m->pages);
    add_tags(b, m, "theme", "themes");
    add_tags(b, m, "region", "regions");
    add_locations(b, m);
    add_versions(b, m);
    char *self = g_strdup_printf("/api/documents/%s", m->id);
    jsonutil_add_string(b, "link", self);
    g_free(self);
}

/* Why each tag is there, for the documentalist. */
static void add_evidence(JsonBuilder *b, const docmeta *m)
{
    json_builder_set_member_name(b, "tags");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "facet", t->facet);
        jsonutil_add_string(b, "id", t->id);
        jsonutil_add_string(b, "label", t->label);
        jsonutil_add_string(b, "source", t->source);
        jsonutil_add_string(b, "evidence", t->evidence);
        json_builder_set_member_name(b, "score");
        json_builder_add_double_value(b, t->score);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

char *render_json_document(const docmeta *m)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    add_document(b, m);
    /* a record older than title sources shows its file name (title_shown) */
    jsonutil_add_string(b, "title_source", m->title != NULL   ? m->title_source
                                           : m->path != NULL ? TITLE_SOURCE_FILENAME
                                                             : NULL);
    jsonutil_add_string(b, "subject", m->subject);
    jsonutil_add_string(b, "keywords", m->keywords);
    jsonutil_add_string(b, "charset", m->charset);
    json_builder_set_member_name(b, "size");
    json_builder_add_int_value(b, m->size);
    jsonutil_add_strings(b, "manual", m->manual);
    /* its text there is Tesseract's reading: it may hold errors */
    jsonutil_add_ints_if_any(b, "ocr_pages", m->ocr_pages);
    if (m->ocr_skipped > 0)
        jsonutil_add_int(b, "ocr_skipped", m->ocr_skipped);
    add_evidence(b, m);
    char *file = g_strdup_printf("/documents/%s/file", m->id);
    jsonutil_add_string(b, "file", file);
    g_free(file);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

/* ---- Searches --------------------------------------------------------------------------- */

static void add_expansions(JsonBuilder *b, const search_result *r)
{
    json_builder_set_member_name(b, "expansions");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->expansions->len; i++) {
        const search_expansion *e = g_ptr_array_index(r->expansions, i);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "matched", e->matched);
        jsonutil_add_string(b, "concept", e->concept);
        jsonutil_add_string(b, "label", e->label);
        jsonutil_add_string(b, "kind", e->kind);
        jsonutil_add_strings(b, "also_searched", e->also_searched);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_hits(JsonBuilder *b, const search_result *r)
{
    json_builder_set_member_name(b, "results");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->hits->len; i++) {
        const search_hit *h = g_ptr_array_index(r->hits, i);
        json_builder_begin_object(b);
        add_document(b, h->doc);
        jsonutil_add_string(b, "snippet", h->snippet);
        if (h->page > 0) {
            json_builder_set_member_name(b, "page");
            json_builder_add_int_value(b, h->page);
        }
        json_builder_set_member_name(b, "score");
        json_builder_add_double_value(b, round(h->score * 1e6) / 1e6);
        if (r->relaxed)
            jsonutil_add_strings(b, "missing", h->missing);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_facets(JsonBuilder *b, const search_result *r)
{
    json_builder_set_member_name(b, "facets");
    json_builder_begin_object(b);
    for (guint f = 0; f < r->facets->len; f++) {
        const search_facet *facet = g_ptr_array_index(r->facets, f);
        json_builder_set_member_name(b, facet->name);
        json_builder_begin_array(b);
        for (guint i = 0; i < facet->values->len; i++) {
            const search_facet_value *v = g_ptr_array_index(facet->values, i);
            json_builder_begin_object(b);
            jsonutil_add_string(b, "value", v->value);
            jsonutil_add_string(b, "label", v->label);
            json_builder_set_member_name(b, "count");
            json_builder_add_int_value(b, v->count);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
}

/* "partial": {"shards": N, "missing": [i...]} when shards did not answer:
 * the totals and counts are then those of the others only. */
static void add_partial(JsonBuilder *b, const search_result *r)
{
    if (r->missing_shards == NULL)
        return;
    json_builder_set_member_name(b, "partial");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "shards");
    json_builder_add_int_value(b, r->shards);
    json_builder_set_member_name(b, "missing");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->missing_shards->len; i++)
        json_builder_add_int_value(b, g_array_index(r->missing_shards, guint, i));
    json_builder_end_array(b);
    json_builder_end_object(b);
}

char *render_json_search(const search_result *r)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "total");
    json_builder_add_int_value(b, r->total);
    json_builder_set_member_name(b, "total_exact");
    json_builder_add_boolean_value(b, r->total_exact);
    json_builder_set_member_name(b, "entries");
    json_builder_add_int_value(b, r->entries);
    json_builder_set_member_name(b, "page");
    json_builder_add_int_value(b, r->page);
    json_builder_set_member_name(b, "per_page");
    json_builder_add_int_value(b, r->per_page);
    jsonutil_add_string(b, "query", r->query);
    jsonutil_add_string(b, "did_you_mean", r->did_you_mean);
    jsonutil_add_string_if_set(b, "searched_instead", r->searched_instead);
    if (r->relaxed) {
        json_builder_set_member_name(b, "relaxed");
        json_builder_add_boolean_value(b, TRUE);
    }
    add_partial(b, r);
    add_expansions(b, r);
    add_hits(b, r);
    add_facets(b, r);
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

char *render_json_timed(const char *body, double took_ms, gboolean cached)
{
    size_t n = strlen(body);
    g_assert(n >= 2 && body[n - 1] == '}');
    return g_strdup_printf("%.*s,\"took_ms\":%.3f%s}", (int)(n - 1), body, took_ms,
                           cached ? ",\"cached\":true" : "");
}

/* ---- The vocabulary -------------------------------------------------------------------- */

static void add_concept(JsonBuilder *b, const vocab_concept *c)
{
    json_builder_begin_object(b);
    jsonutil_add_string(b, "id", c->id);
    jsonutil_add_string(b, "label", c->pref);
    if (c->note != NULL)
        jsonutil_add_string(b, "note", c->note);
    jsonutil_add_strings(b, "alt_labels", c->alt);
    jsonutil_add_strings(b, "broader", c->broader);
    jsonutil_add_strings(b, "narrower", c->narrower);
    json_builder_end_object(b);
}

char *render_json_thesaurus(const vocab *v)
{
    static const struct { const char *name; vocab_kind kind; } parts[] = {
        { "themes", VOCAB_THEME }, { "regions", VOCAB_REGION },
    };
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    for (size_t p = 0; p < G_N_ELEMENTS(parts); p++) {
        json_builder_set_member_name(b, parts[p].name);
        json_builder_begin_array(b);
        for (guint i = 0; v != NULL && i < vocab_size(v); i++)
            if (vocab_nth(v, i)->kind == parts[p].kind)
                add_concept(b, vocab_nth(v, i));
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    return jsonutil_finish(b);
}
