/* params.c - search request parameters, bounded (params.h). */
#include "params.h"

#include <stdlib.h>
#include <string.h>

void params_init(params *p, search_request *req)
{
    memset(p, 0, sizeof *p);
    p->req = req;
    req->themes = g_ptr_array_new_with_free_func(g_free);
    req->regions = g_ptr_array_new_with_free_func(g_free);
    req->types = g_ptr_array_new_with_free_func(g_free);
    req->years = g_ptr_array_new_with_free_func(g_free);
    req->langs = g_ptr_array_new_with_free_func(g_free);
    req->sources = g_ptr_array_new_with_free_func(g_free);
}

void params_clear(search_request *req)
{
    GPtrArray **arrays[] = { &req->themes, &req->regions, &req->types, &req->years,
                             &req->langs, &req->sources };
    for (size_t i = 0; i < G_N_ELEMENTS(arrays); i++)
        if (*arrays[i] != NULL) {
            g_ptr_array_unref(*arrays[i]);
            *arrays[i] = NULL;
        }
}

gboolean params_parse_uint(const char *value, unsigned min, unsigned max, unsigned *out)
{
    char *end = NULL;
    if (*value < '0' || *value > '9')
        return FALSE;
    unsigned long n = strtoul(value, &end, 10);
    if (*end != '\0' || n < min || n > max)
        return FALSE;
    *out = (unsigned)n;
    return TRUE;
}

static gboolean contains(const GPtrArray *list, const char *value)
{
    for (guint i = 0; i < list->len; i++)
        if (strcmp(g_ptr_array_index(list, i), value) == 0)
            return TRUE;
    return FALSE;
}

static void fail(params *p, char *message)
{
    if (p->bad == NULL)
        p->bad = message;
    else
        g_free(message);
}

/* Adds value's comma-separated parts to list, deduplicated and bounded. */
static void add_values(params *p, const char *key, GPtrArray *list, const char *value)
{
    const char *part = value;
    while (p->bad == NULL) {
        const char *comma = strchr(part, ',');
        gsize len = comma != NULL ? (gsize)(comma - part) : strlen(part);
        if (++p->raw > PARAMS_RAW_MAX) {
            fail(p, g_strdup_printf("trop de valeurs de filtre : %d au plus par requête",
                                    PARAMS_RAW_MAX));
            break;
        }
        char *v = g_strstrip(g_strndup(part, len));
        if (strlen(v) > PARAMS_VALUE_LEN)
            fail(p, g_strdup_printf("paramètre %s : valeur de plus de %d octets", key,
                                    PARAMS_VALUE_LEN));
        else if (*v == '\0' || contains(list, v))
            ;
        else if (list->len >= PARAMS_VALUES_MAX)
            fail(p, g_strdup_printf("paramètre %s : %d valeurs différentes au plus", key,
                                    PARAMS_VALUES_MAX));
        else if (p->distinct >= PARAMS_TOTAL_MAX)
            fail(p, g_strdup_printf("trop de filtres : %d valeurs différentes au plus en tout",
                                    PARAMS_TOTAL_MAX));
        else {
            g_ptr_array_add(list, v);
            p->distinct++;
            v = NULL;
        }
        g_free(v);
        if (comma == NULL)
            break;
        part = comma + 1;
    }
}

static void add_years(params *p, const char *value)
{
    GPtrArray *years = p->req->years;
    guint before = years->len;
    add_values(p, "year", years, value);
    for (guint i = before; i < years->len && p->bad == NULL; i++) {
        unsigned y;
        if (!params_parse_uint(g_ptr_array_index(years, i), 1000, 9999, &y))
            fail(p, g_strdup_printf("paramètre year : « %s » n'est pas une année",
                                    (char *)g_ptr_array_index(years, i)));
    }
}

/* A date bound: at most "YYYY-MM-DD" (search.c checks the form). */
static void set_date(params *p, const char *key, const char **slot, const char *value)
{
    if (strlen(value) > 10)
        fail(p, g_strdup_printf("paramètre %s : date AAAA ou AAAA-MM-JJ", key));
    else
        *slot = value;
}

void params_add(params *p, const char *key, const char *value)
{
    search_request *r = p->req;
    if (value == NULL)
        value = "";
    if (p->bad != NULL || key == NULL)
        return;
    if (!g_utf8_validate(value, -1, NULL)) {
        fail(p, g_strdup_printf("paramètre %s : texte non UTF-8",
                                g_utf8_validate(key, -1, NULL) ? key : "?"));
    } else if (strcmp(key, "q") == 0) {
        if (strlen(value) > PARAMS_Q_LEN)
            fail(p, g_strdup_printf("paramètre q : %d octets au plus", PARAMS_Q_LEN));
        else
            r->q = value;
    } else if (strcmp(key, "theme") == 0) {
        add_values(p, key, r->themes, value);
    } else if (strcmp(key, "region") == 0) {
        add_values(p, key, r->regions, value);
    } else if (strcmp(key, "type") == 0) {
        add_values(p, key, r->types, value);
    } else if (strcmp(key, "year") == 0) {
        add_years(p, value);
    } else if (strcmp(key, "lang") == 0) {
        add_values(p, key, r->langs, value);
    } else if (strcmp(key, "source") == 0) {
        add_values(p, key, r->sources, value);
    } else if (strcmp(key, "facets") == 0) {
        if (strcmp(value, "0") == 0)
            r->no_facets = TRUE;
        else if (strcmp(value, "1") != 0)
            fail(p, g_strdup("paramètre facets : 0 ou 1"));
    } else if (strcmp(key, "versions") == 0) {
        if (strcmp(value, "0") == 0)
            r->each_version = TRUE;
        else if (strcmp(value, "1") != 0)
            fail(p, g_strdup("paramètre versions : 0 ou 1"));
    } else if (strcmp(key, "correct") == 0) {
        if (strcmp(value, "0") == 0)
            r->as_typed = TRUE;
        else if (strcmp(value, "1") != 0)
            fail(p, g_strdup("paramètre correct : 0 ou 1"));
    } else if (strcmp(key, "date_from") == 0) {
        set_date(p, key, &r->date_from, value);
    } else if (strcmp(key, "date_to") == 0) {
        set_date(p, key, &r->date_to, value);
    } else if (strcmp(key, "added_since") == 0) {
        set_date(p, key, &r->added_since, value);
    } else if (strcmp(key, "sort") == 0) {
        if (strcmp(value, "date") == 0)
            r->sort = SORT_DATE;
        else if (strcmp(value, "added") == 0)
            r->sort = SORT_ADDED;
        else if (strcmp(value, "relevance") == 0)
            r->sort = SORT_RELEVANCE;
        else
            fail(p, g_strdup("paramètre sort : relevance, date ou added"));
    } else if (strcmp(key, "page") == 0) {
        if (!params_parse_uint(value, 1, 10000, &r->page))
            fail(p, g_strdup("paramètre page : entier de 1 à 10000"));
    } else if (strcmp(key, "per_page") == 0) {
        if (!params_parse_uint(value, 1, SEARCH_PER_PAGE_MAX, &r->per_page))
            fail(p, g_strdup_printf("paramètre per_page : entier de 1 à %d",
                                    SEARCH_PER_PAGE_MAX));
    }
}

/* s with '+' as space and percent escapes decoded; NULL if malformed. */
static char *form_decode(const char *s, gssize len)
{
    char *plus = len < 0 ? g_strdup(s) : g_strndup(s, (gsize)len);
    g_strdelimit(plus, "+", ' ');
    char *out = g_uri_unescape_string(plus, NULL);
    g_free(plus);
    return out;
}

void params_add_query_string(params *p, const char *qs, GPtrArray *keep)
{
    char **pairs = g_strsplit(qs != NULL ? qs : "", "&", -1);
    for (char **pair = pairs; *pair != NULL && p->bad == NULL; pair++) {
        if (**pair == '\0')
            continue;
        const char *eq = strchr(*pair, '=');
        char *key = form_decode(*pair, eq != NULL ? eq - *pair : -1);
        char *value = eq != NULL ? form_decode(eq + 1, -1) : NULL;
        if (key == NULL || (eq != NULL && value == NULL)) {
            fail(p, g_strdup("paramètres de recherche mal formés"));
        } else {
            g_ptr_array_add(keep, key);
            if (value != NULL)
                g_ptr_array_add(keep, value);
            params_add(p, key, value);
            key = value = NULL; /* kept */
        }
        g_free(key);
        g_free(value);
    }
    g_strfreev(pairs);
}

gboolean params_costly(const search_request *req)
{
    const GPtrArray *lists[] = { req->themes, req->regions, req->types, req->years, req->langs,
                                 req->sources };
    guint values = 0, words = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        values += lists[i] != NULL ? lists[i]->len : 0;
    gboolean in_word = FALSE;
    for (const char *c = req->q != NULL ? req->q : ""; *c != '\0'; c++) {
        gboolean space = *c == ' ' || *c == '\t' || *c == '+';
        words += !space && !in_word;
        in_word = !space;
    }
    return req->per_page > 20 || values > 8 || words > 16 ||
           (req->q != NULL && strlen(req->q) > 200);
}

char *params_take_error(params *p)
{
    char *bad = p->bad;
    p->bad = NULL;
    return bad;
}
