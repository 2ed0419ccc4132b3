/* docmeta.c - the document record and its JSON form (see docmeta.h). */
#include "docmeta.h"
#include "jsonutil.h"
#include "text.h"

#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void tag_free(gpointer p)
{
    docmeta_tag *t = p;
    g_free(t->facet);
    g_free(t->id);
    g_free(t->label);
    g_free(t->source);
    g_free(t->evidence);
    g_free(t);
}

void docmeta_add_tag(docmeta *m, const char *facet, const char *id, const char *label,
                     double score, const char *source, const char *evidence)
{
    docmeta_tag *t = g_new0(docmeta_tag, 1);
    t->facet = g_strdup(facet);
    t->id = g_strdup(id);
    t->label = g_strdup(label);
    t->score = score;
    t->source = g_strdup(source);
    t->evidence = g_strdup(evidence);
    g_ptr_array_add(m->tags, t);
}

docmeta *docmeta_new(void)
{
    docmeta *m = g_new0(docmeta, 1);
    m->authors = g_ptr_array_new_with_free_func(g_free);
    m->themes = g_ptr_array_new_with_free_func(g_free);
    m->regions = g_ptr_array_new_with_free_func(g_free);
    m->manual = g_ptr_array_new_with_free_func(g_free);
    m->tags = g_ptr_array_new_with_free_func(tag_free);
    m->mentions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return m;
}

void docmeta_free(docmeta *m)
{
    if (m == NULL)
        return;
    char **strings[] = { &m->id, &m->path, &m->mime, &m->charset, &m->title,
                         &m->title_source, &m->organisation, &m->subject, &m->keywords,
                         &m->summary, &m->date, &m->doctype, &m->source_url, &m->lang,
                         &m->sha256, &m->added, &m->text };
    for (size_t i = 0; i < G_N_ELEMENTS(strings); i++)
        g_free(*strings[i]);
    g_ptr_array_unref(m->authors);
    g_ptr_array_unref(m->themes);
    g_ptr_array_unref(m->regions);
    g_ptr_array_unref(m->manual);
    g_ptr_array_unref(m->tags);
    g_hash_table_unref(m->mentions);
    if (m->copies != NULL)
        g_ptr_array_unref(m->copies);
    if (m->versions != NULL)
        g_ptr_array_unref(m->versions);
    if (m->ocr_pages != NULL)
        g_array_unref(m->ocr_pages);
    g_free(m);
}

void docmeta_add_ocr_page(docmeta *m, int page)
{
    if (m->ocr_pages == NULL)
        m->ocr_pages = g_array_new(FALSE, FALSE, sizeof(int));
    g_array_append_val(m->ocr_pages, page);
}

void docmeta_set(char **field, const char *value)
{
    g_free(*field);
    *field = (value != NULL && *value != '\0') ? g_strdup(value) : NULL;
}

void docmeta_set_lang(docmeta *m, const char *tag)
{
    if (tag == NULL || !g_ascii_isalpha(tag[0]) || !g_ascii_isalpha(tag[1]) ||
        (tag[2] != '\0' && tag[2] != '-' && tag[2] != '_'))
        return;
    char code[3] = { g_ascii_tolower(tag[0]), g_ascii_tolower(tag[1]), '\0' };
    docmeta_set(&m->lang, code);
}

void docmeta_add(GPtrArray *list, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    for (guint i = 0; i < list->len; i++)
        if (strcmp(g_ptr_array_index(list, i), value) == 0)
            return;
    g_ptr_array_add(list, g_strdup(value));
}

void docmeta_overlay(const docmeta *src, docmeta *m)
{
    char **const dst_strings[] = { &m->title, &m->organisation, &m->date, &m->doctype,
                                   &m->source_url, &m->summary, &m->keywords };
    char *const src_strings[] = { src->title, src->organisation, src->date, src->doctype,
                                  src->source_url, src->summary, src->keywords };
    for (size_t i = 0; i < G_N_ELEMENTS(dst_strings); i++)
        if (src_strings[i] != NULL)
            docmeta_set(dst_strings[i], src_strings[i]);
    if (src->source_url == NULL && docmeta_is_manual(src, "source_url")) /* cleared */
        docmeta_set(&m->source_url, NULL);
    if (src->title != NULL)
        docmeta_set(&m->title_source, src->title_source != NULL ? src->title_source : "manual");
    /* an empty list copies too when src set it (a correction that clears) */
    static const char *const list_names[] = { "authors", "themes", "regions" };
    GPtrArray *const dst_lists[] = { m->authors, m->themes, m->regions };
    GPtrArray *const src_lists[] = { src->authors, src->themes, src->regions };
    for (size_t i = 0; i < G_N_ELEMENTS(dst_lists); i++) {
        if (src_lists[i]->len == 0 && !docmeta_is_manual(src, list_names[i]))
            continue;
        g_ptr_array_set_size(dst_lists[i], 0);
        for (guint j = 0; j < src_lists[i]->len; j++)
            docmeta_add(dst_lists[i], g_ptr_array_index(src_lists[i], j));
    }
    for (guint j = 0; j < src->manual->len; j++)
        docmeta_add(m->manual, g_ptr_array_index(src->manual, j));
}

gboolean docmeta_is_manual(const docmeta *m, const char *field)
{
    for (guint i = 0; i < m->manual->len; i++)
        if (strcmp(g_ptr_array_index(m->manual, i), field) == 0)
            return TRUE;
    return FALSE;
}

/* ---- JSON ------------------------------------------------------------------ */

/* Field table: one row per string member, so that writing and reading stay
 * in step. */
typedef struct {
    const char *name;
    size_t offset;
} string_field;

#define SF(member) { #member, offsetof(docmeta, member) }
static const string_field string_fields[] = {
    SF(id), SF(path), SF(mime), SF(charset), SF(title), SF(title_source), SF(organisation),
    SF(subject), SF(keywords), SF(summary), SF(date), SF(doctype),
    SF(source_url), SF(lang), SF(sha256), SF(added),
};
#undef SF

typedef struct {
    const char *name;
    size_t offset;
} list_field;

static const list_field list_fields[] = {
    { "authors", offsetof(docmeta, authors) },
    { "themes", offsetof(docmeta, themes) },
    { "regions", offsetof(docmeta, regions) },
    { "manual", offsetof(docmeta, manual) },
};

#define MEMBER(m, off, type) (*(type *)((char *)(m) + (off)))

char *docmeta_to_json(const docmeta *m, gsize max_text)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    for (size_t i = 0; i < G_N_ELEMENTS(string_fields); i++) {
        const char *v = MEMBER(m, string_fields[i].offset, char *);
        if (v == NULL)
            continue;
        json_builder_set_member_name(b, string_fields[i].name);
        json_builder_add_string_value(b, v);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(list_fields); i++) {
        GPtrArray *list = MEMBER(m, list_fields[i].offset, GPtrArray *);
        json_builder_set_member_name(b, list_fields[i].name);
        json_builder_begin_array(b);
        for (guint j = 0; j < list->len; j++)
            json_builder_add_string_value(b, g_ptr_array_index(list, j));
        json_builder_end_array(b);
    }
    json_builder_set_member_name(b, "tags");
    json_builder_begin_array(b);
    for (guint j = 0; j < m->tags->len; j++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, j);
        const char *const fields[][2] = { { "facet", t->facet }, { "id", t->id },
                                          { "label", t->label }, { "source", t->source },
                                          { "evidence", t->evidence } };
        json_builder_begin_object(b);
        for (size_t k = 0; k < G_N_ELEMENTS(fields); k++) {
            if (fields[k][1] == NULL)
                continue;
            json_builder_set_member_name(b, fields[k][0]);
            json_builder_add_string_value(b, fields[k][1]);
        }
        json_builder_set_member_name(b, "score");
        json_builder_add_double_value(b, t->score);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "pages");
    json_builder_add_int_value(b, m->pages);
    json_builder_set_member_name(b, "size");
    json_builder_add_int_value(b, m->size);
    json_builder_set_member_name(b, "mtime");
    json_builder_add_int_value(b, m->mtime);
    json_builder_set_member_name(b, "warnings");
    json_builder_add_int_value(b, m->warnings);
    jsonutil_add_ints_if_any(b, "ocr_pages", m->ocr_pages);
    if (m->ocr_skipped > 0)
        jsonutil_add_int(b, "ocr_skipped", m->ocr_skipped);
    if (m->text != NULL && max_text > 0) {
        char *cut = g_strdup(m->text);
        json_builder_set_member_name(b, "text");
        json_builder_add_string_value(b, text_truncate_utf8(cut, max_text));
        g_free(cut);
    }
    json_builder_end_object(b);

    return jsonutil_finish(b);
}

docmeta *docmeta_from_json(const char *json, gssize len, verr *err)
{
    JsonParser *parser = json_parser_new_immutable();
    GError *gerr = NULL;
    docmeta *m = NULL;

    if (!json_parser_load_from_data(parser, json, len, &gerr)) {
        verr_from_gerror(err, VERR_PARSE, gerr);
        goto cleanup;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        verr_set(err, VERR_PARSE, "json", "document data is not a JSON object");
        goto cleanup;
    }
    JsonObject *o = json_node_get_object(root);
    m = docmeta_new();
    for (size_t i = 0; i < G_N_ELEMENTS(string_fields); i++)
        docmeta_set(&MEMBER(m, string_fields[i].offset, char *),
                    json_object_get_string_member_with_default(o, string_fields[i].name, NULL));
    for (size_t i = 0; i < G_N_ELEMENTS(list_fields); i++) {
        JsonNode *n = json_object_get_member(o, list_fields[i].name);
        if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
            continue;
        JsonArray *a = json_node_get_array(n);
        for (guint j = 0; j < json_array_get_length(a); j++) {
            JsonNode *e = json_array_get_element(a, j);
            if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING)
                docmeta_add(MEMBER(m, list_fields[i].offset, GPtrArray *),
                            json_node_get_string(e));
        }
    }
    JsonNode *tags = json_object_get_member(o, "tags");
    for (guint j = 0; tags != NULL && JSON_NODE_HOLDS_ARRAY(tags) &&
                      j < json_array_get_length(json_node_get_array(tags)); j++) {
        JsonNode *e = json_array_get_element(json_node_get_array(tags), j);
        if (!JSON_NODE_HOLDS_OBJECT(e))
            continue;
        JsonObject *t = json_node_get_object(e);
        const char *facet = json_object_get_string_member_with_default(t, "facet", NULL);
        const char *id = json_object_get_string_member_with_default(t, "id", NULL);
        if (facet == NULL || id == NULL)
            continue;
        docmeta_add_tag(m, facet, id, json_object_get_string_member_with_default(t, "label", id),
                        json_object_get_double_member_with_default(t, "score", 0),
                        json_object_get_string_member_with_default(t, "source", "manual"),
                        json_object_get_string_member_with_default(t, "evidence", NULL));
    }
    m->pages = (int)json_object_get_int_member_with_default(o, "pages", 0);
    m->size = json_object_get_int_member_with_default(o, "size", 0);
    m->mtime = json_object_get_int_member_with_default(o, "mtime", 0);
    m->warnings = (int)json_object_get_int_member_with_default(o, "warnings", 0);
    JsonNode *ocr = json_object_get_member(o, "ocr_pages");
    for (guint j = 0; ocr != NULL && JSON_NODE_HOLDS_ARRAY(ocr) &&
                      j < json_array_get_length(json_node_get_array(ocr)); j++) {
        JsonNode *e = json_array_get_element(json_node_get_array(ocr), j);
        if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_INT64)
            docmeta_add_ocr_page(m, (int)json_node_get_int(e));
    }
    m->ocr_skipped = (int)json_object_get_int_member_with_default(o, "ocr_skipped", 0);
    docmeta_set(&m->text, json_object_get_string_member_with_default(o, "text", NULL));
cleanup:
    g_clear_error(&gerr);
    g_object_unref(parser);
    return m;
}

char *docmeta_to_record(const docmeta *m, gsize max_text, gsize *len)
{
    char *json = docmeta_to_json(m, 0);
    gsize json_len = strlen(json);
    gsize text_len = 0;
    char *text = NULL;
    if (m->text != NULL && max_text > 0) {
        text = text_truncate_utf8(g_strdup(m->text), max_text);
        text_len = strlen(text);
    }
    char *out = g_malloc(json_len + 1 + text_len + 1);
    memcpy(out, json, json_len + 1);
    if (text_len > 0)
        memcpy(out + json_len + 1, text, text_len);
    out[json_len + 1 + text_len] = '\0';
    *len = json_len + 1 + text_len;
    g_free(text);
    g_free(json);
    return out;
}

docmeta *docmeta_from_record(const char *data, gsize len, gboolean with_text, verr *err)
{
    const char *nul = memchr(data, '\0', len);
    gsize json_len = nul != NULL ? (gsize)(nul - data) : len;
    docmeta *m = docmeta_from_json(data, (gssize)json_len, err);
    if (m != NULL && with_text && nul != NULL && json_len + 1 < len) {
        g_free(m->text);
        m->text = g_strndup(nul + 1, len - json_len - 1);
    }
    return m;
}

/* ---- Dates ----------------------------------------------------------------- */

int docmeta_year(const docmeta *m)
{
    int y = m->date != NULL ? atoi(m->date) : 0;
    return y > 0 ? y : 0;
}

void docmeta_date_key(const docmeta *m, char buf[9])
{
    int y = 0, mo = 0, d = 0;
    buf[0] = '\0';
    if (m->date == NULL || sscanf(m->date, "%d-%d-%d", &y, &mo, &d) < 1 || y <= 0)
        return;
    g_snprintf(buf, 9, "%04d%02d%02d", y, mo, d);
}

void docmeta_added_key(const docmeta *m, char buf[15])
{
    int y, mo, d, h, mi, se;
    buf[0] = '\0';
    if (m->added != NULL &&
        sscanf(m->added, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) == 6)
        g_snprintf(buf, 15, "%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, se);
}

char *docmeta_added_from_key(const char *key)
{
    int y, mo, d, h, mi, se;
    if (key == NULL || strlen(key) != 14 ||
        sscanf(key, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) != 6)
        return NULL;
    return g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, se);
}

char *docmeta_added_now(void)
{
    GDateTime *now = g_date_time_new_now_utc();
    char *s = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(now);
    return s;
}

static const char *const french_months[] = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
    "septembre", "octobre", "novembre", "decembre",
};

/* 0 for an unknown month or day; a day must be one of its month's
 * (no 31/02). */
static gboolean plausible(int y, int mo, int d)
{
    return y >= 1900 && y <= 2100 && mo >= 0 && mo <= 12 && d >= 0 && d <= 31 &&
           !(mo == 0 && d != 0) && (d == 0 || g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y));
}

static char *format_date(int y, int mo, int d)
{
    if (!plausible(y, mo, d))
        return NULL;
    if (mo == 0)
        return g_strdup_printf("%04d", y);
    if (d == 0)
        return g_strdup_printf("%04d-%02d", y, mo);
    return g_strdup_printf("%04d-%02d-%02d", y, mo, d);
}

char *docmeta_parse_date(const char *s)
{
    int y = 0, mo = 0, d = 0, n = 0;
    char *result = NULL, *folded = NULL;

    if (s == NULL)
        return NULL;
    while (g_ascii_isspace(*s))
        s++;
    if (strncmp(s, "D:", 2) == 0)
        s += 2;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 ||
        (sscanf(s, "%4d%2d%2d%n", &y, &mo, &d, &n) == 3 && n == 8))
        return format_date(y, mo, d);
    if (sscanf(s, "%2d/%2d/%4d", &d, &mo, &y) == 3 || sscanf(s, "%2d.%2d.%4d", &d, &mo, &y) == 3)
        return format_date(y, mo, d);
    if (sscanf(s, "%4d-%2d%n", &y, &mo, &n) == 2 && (s[n] == '\0' || g_ascii_isspace(s[n])))
        return format_date(y, mo, 0);
    if (sscanf(s, "%2d/%4d%n", &mo, &y, &n) == 2 && s[n] == '\0')
        return format_date(y, mo, 0);

    /* "5 mars 2012", "mars 2012" */
    folded = text_fold(s, -1);
    for (size_t i = 0; i < G_N_ELEMENTS(french_months) && result == NULL; i++) {
        const char *at = strstr(folded, french_months[i]);
        if (at == NULL)
            continue;
        const char *after = at + strlen(french_months[i]);
        if (sscanf(after, " %4d", &y) != 1)
            continue;
        d = 0;
        if (at > folded)
            d = atoi(folded) > 0 && atoi(folded) <= 31 ? atoi(folded) : 0;
        result = format_date(y, (int)i + 1, d);
    }
    if (result == NULL && strlen(folded) == 4 && sscanf(folded, "%4d%n", &y, &n) == 1 && n == 4)
        result = format_date(y, 0, 0);
    g_free(folded);
    return result;
}

/* How many non-empty lines, and which of them, docmeta_date_in_text reads:
 * a cover and its headings, not the paragraphs: a line of at most
 * DATE_LINE_MAX_WORDS words ("Mercredi 14 novembre 2012", "Lyon, le
 * 05/03/2019") that does not go on, in lower case, from a long line right
 * above it (a paragraph wrapped at 72 columns). */
#define DATE_LINES 40
#define DATE_YEAR_LINES 10
#define DATE_LINE_MAX_WORDS 8
#define DATE_LONG_LINE_CHARS 40

static guint count_words(const char *squashed)
{
    guint n = *squashed != '\0' ? 1 : 0;
    for (const char *p = squashed; *p != '\0'; p++)
        n += *p == ' ' ? 1 : 0;
    return n;
}

/* Whether squashed is a number alone. */
static gboolean is_number(const char *squashed)
{
    return *squashed != '\0' && strspn(squashed, "0123456789") == strlen(squashed);
}

/* The first date written out in folded (a folded line) that
 * docmeta_parse_date reads, or NULL.  A day its month lacks ("31 fevrier
 * 2015") leaves the month. */
static char *date_in_line(const char *folded)
{
    static GRegex *dates;
    if (g_once_init_enter(&dates)) {
        GRegex *re = g_regex_new("\\b(?:\\d{1,2}(?:er)?\\s+)?(?<month>(?:janvier|fevrier|mars|avril|"
                                 "mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
                                 "\\s+\\d{4})\\b|\\b\\d{1,2}[/.]\\d{1,2}[/.]\\d{4}\\b|"
                                 "\\b\\d{4}-\\d{2}-\\d{2}\\b",
                                 G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&dates, re);
    }
    GMatchInfo *mi = NULL;
    char *date = NULL;
    g_regex_match(dates, folded, 0, &mi);
    for (; date == NULL && g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
        char *span = g_match_info_fetch(mi, 0);
        date = docmeta_parse_date(span);
        g_free(span);
        char *month = date == NULL ? g_match_info_fetch_named(mi, "month") : NULL;
        if (month != NULL && *month != '\0')
            date = docmeta_parse_date(month);
        g_free(month);
    }
    g_match_info_free(mi);
    return date;
}

char *docmeta_date_in_text(const char *text)
{
    char *date = NULL, *year = NULL;
    gboolean long_above = FALSE; /* the line right above is a long one */
    gboolean number_above = FALSE; /* ... or a number alone */
    const char *p = text;
    char *line;
    for (int seen = 0; date == NULL && seen < DATE_LINES && (line = text_next_line(&p)) != NULL;
         g_free(line)) {
        char *squashed = text_squash_space(line);
        if (*squashed == '\0') {
            long_above = number_above = FALSE;
            g_free(squashed);
            continue;
        }
        seen++;
        gboolean number = is_number(squashed);
        if (number && number_above) /* a column of numbers: no cover's year in it */
            g_clear_pointer(&year, g_free);
        /* a paragraph's line goes on from a long one, in lower case; a
         * table's row has cells (tabs, ';') */
        gboolean goes_on = long_above && g_unichar_islower(g_utf8_get_char(squashed));
        if (count_words(squashed) <= DATE_LINE_MAX_WORDS && strpbrk(line, "\t;") == NULL &&
            !goes_on) {
            char *folded = text_fold(squashed, -1);
            date = date_in_line(folded);
            g_free(folded);
            int y = 0, len = 0;
            if (year == NULL && !number_above && seen <= DATE_YEAR_LINES &&
                sscanf(squashed, "%4d%n", &y, &len) == 1 && len == 4 && squashed[4] == '\0')
                year = format_date(y, 0, 0);
        }
        long_above = g_utf8_strlen(squashed, -1) > DATE_LONG_LINE_CHARS;
        number_above = number;
        g_free(squashed);
    }
    if (date == NULL)
        return year;
    g_free(year);
    return date;
}
