/* source_place.c - the place a source address names (source_place.h). */
#include "source_place.h"
#include "text.h"

#include <string.h>

/* Folded names shorter than this are no town's in a host ("eu", "y"). */
#define TOWN_KEY_MIN 4
/* Nor a region's, department's or acronym's ("idf" is). */
#define PLACE_KEY_MIN 3
/* A commune is meant by its name alone from this population; named like an
 * ordinary word ("tours"), from SOURCE_COMMON_TOWN_MIN ("orange.fr" is a
 * telephone company's). */
#define SOURCE_TOWN_MIN 5000
#define SOURCE_COMMON_TOWN_MIN 100000
/* A label that begins with a name ("lehavreseinemetropole"): only that of a
 * region, a former region, or a commune of this size (named like an ordinary
 * word: SOURCE_COMMON_TOWN_MIN); one that ends with a name
 * ("promotionsantenormandie"): only a region's or former region's; names
 * of this length at least. */
#define PREFIX_TOWN_MIN 50000
#define PREFIX_KEY_MIN 5
/* Of several communes of one name, the largest is meant when it has this
 * many times the next one's population. */
#define TOWN_DOMINANT 10

struct source_places {
    const vocab *v;
    GHashTable *by_key; /* folded name run together -> GPtrArray of concepts (borrowed) */
};

/* s folded, with only its letters and digits: "Neuilly-sur-Seine" -> "neuillysurseine". */
static char *squash(const char *s, gssize len)
{
    char *folded = text_fold(s, len);
    char *out = folded;
    for (const char *p = folded; *p != '\0'; p++)
        if (g_ascii_isalnum(*p))
            *out++ = *p;
    *out = '\0';
    return folded;
}

static void index_name(source_places *s, const char *name, const vocab_concept *c)
{
    char *key = squash(name, -1);
    if (strlen(key) < PLACE_KEY_MIN) {
        g_free(key);
        return;
    }
    GPtrArray *list = g_hash_table_lookup(s->by_key, key);
    if (list == NULL) {
        list = g_ptr_array_new();
        g_hash_table_insert(s->by_key, key, list);
    } else {
        g_free(key);
    }
    if (!g_ptr_array_find(list, c, NULL))
        g_ptr_array_add(list, (gpointer)c);
}

source_places *source_places_new(const vocab *v)
{
    source_places *s = g_new0(source_places, 1);
    s->v = v;
    s->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < vocab_size(v); i++) {
        const vocab_concept *c = vocab_nth(v, i);
        gboolean place = c->kind == VOCAB_REGION || c->kind == VOCAB_FORMER_REGION ||
                         c->kind == VOCAB_DEPARTMENT || c->kind == VOCAB_TOWN;
        if (!place || strcmp(c->id, "national") == 0)
            continue;
        index_name(s, c->pref, c);
        for (guint j = 0; c->kind != VOCAB_TOWN && j < c->alt->len; j++)
            index_name(s, g_ptr_array_index(c->alt, j), c);
    }
    return s;
}

void source_places_free(source_places *s)
{
    if (s == NULL)
        return;
    g_hash_table_unref(s->by_key);
    g_free(s);
}

/* ---- Which place a name in a host means -------------------------------------- */

typedef enum {
    NAME_ALONE,      /* a label, or what is left of it: "amiens", "hauts-de-france" */
    NAME_AFTER_TOWN, /* after "ville-", "mairie-": any commune, and only a commune */
    NAME_PREFIX,     /* the beginning of a label: regions and large communes */
    NAME_SUFFIX      /* the end of a label: regions ("cpiasgrandest", "lalsace") */
} name_use;

static gboolean town_fits(const vocab_concept *c, name_use use, gsize key_len)
{
    if (key_len < TOWN_KEY_MIN)
        return FALSE;
    gboolean common = (c->flags & VOCAB_COMMON_WORD) != 0;
    switch (use) {
    case NAME_AFTER_TOWN:
        return TRUE;
    case NAME_ALONE:
        return c->population >= (common ? SOURCE_COMMON_TOWN_MIN : SOURCE_TOWN_MIN);
    case NAME_PREFIX:
        return c->population >= (common ? SOURCE_COMMON_TOWN_MIN : PREFIX_TOWN_MIN);
    case NAME_SUFFIX:
        return FALSE;
    }
    return FALSE;
}

static gboolean in_list(const char *const *list, const char *w)
{
    for (; *list != NULL; list++)
        if (strcmp(*list, w) == 0)
            return TRUE;
    return FALSE;
}

/* Places named like an ordinary word, never taken from a label's beginning
 * or end: "centrehospitalier" is no former region Centre. */
static const char *const ordinary_names[] = { "centre", NULL };

/* The broader the place, the surer: a region before its department of one name. */
static int breadth(vocab_kind k)
{
    return k == VOCAB_REGION ? 3 : k == VOCAB_FORMER_REGION ? 2 : k == VOCAB_DEPARTMENT ? 1 : 0;
}

/* The place key names when used as use, or NULL. */
static const vocab_concept *place_named(const source_places *s, const char *key, name_use use)
{
    GPtrArray *list = g_hash_table_lookup(s->by_key, key);
    gsize len = strlen(key);
    const vocab_concept *best = NULL;
    guint best_pop = 0, next_pop = 0;
    for (guint i = 0; list != NULL && i < list->len; i++) {
        const vocab_concept *c = g_ptr_array_index(list, i);
        if (c->kind == VOCAB_TOWN) {
            if (!town_fits(c, use, len) || (best != NULL && best->kind != VOCAB_TOWN))
                continue;
            if (best == NULL || c->population > best_pop) {
                next_pop = best_pop;
                best = c;
                best_pop = c->population;
            } else if (c->population > next_pop) {
                next_pop = c->population;
            }
        } else if (use == NAME_ALONE ||
                   (use != NAME_AFTER_TOWN && c->kind != VOCAB_DEPARTMENT &&
                    !in_list(ordinary_names, key))) {
            if (best == NULL || breadth(c->kind) > breadth(best->kind))
                best = c;
        }
    }
    if (best != NULL && best->kind == VOCAB_TOWN && next_pop > 0 &&
        best_pop < (guint64)TOWN_DOMINANT * next_pop)
        return NULL; /* several communes of that name, none far the largest */
    return best;
}

/* Words of a host label that say who publishes, around the place's name:
 * "ville-de-cholet", "chu-nimes", "ors-paca", "grand-nancy", "cholet-agglo". */
static const char *const town_words[] = { "ville", "mairie", "commune", NULL };
static const char *const body_words[] = {
    "agglo", "agglomeration", "ars", "asv", "ca", "caf", "cc", "ccas", "cd", "cg", "ch", "chr",
    "chu", "cias", "cls", "clsm", "codes", "communaute", "conseil", "cpam", "cu", "d", "de",
    "departement", "des", "du", "grand", "hopital", "ireps", "mda", "mdph", "metropole", "ors",
    "pref", "prefecture", "region", "sante", "udaf", NULL
};
/* ... and that are followed by a department number: "mda34", "caf2a". */
static const char *const numbered_bodies[] = {
    "adil", "caf", "cd", "cdos", "cg", "codes", "cpam", "ddets", "departement", "dsden", "fol",
    "ireps", "mda",
    "mdph", "mutualite", "sdis", "udaf", NULL
};

/* The label without the publisher's words before and after the name. */
static const vocab_concept *named_between_words(const source_places *s, const char *label)
{
    char **parts = g_strsplit(label, "-", -1);
    guint n = g_strv_length(parts), first = 0, last = n;
    gboolean after_town = FALSE;
    for (; first + 1 < last; first++) {
        if (in_list(town_words, parts[first]))
            after_town = TRUE;
        else if (!in_list(body_words, parts[first]))
            break;
    }
    while (last > first + 1 && in_list(body_words, parts[last - 1]))
        last--;
    const vocab_concept *c = NULL;
    if (first > 0 || last < n) {
        char *rest = g_strjoinv("", parts + first), *cut = rest;
        for (guint i = first; i < last; i++)
            cut += strlen(parts[i]);
        *cut = '\0';
        c = place_named(s, rest, after_town ? NAME_AFTER_TOWN : NAME_ALONE);
        g_free(rest);
    }
    g_strfreev(parts);
    return c;
}

/* "mda34": an institution's acronym and a department number. */
static const vocab_concept *numbered_department(const source_places *s, const char *label)
{
    gsize letters = 0;
    while (g_ascii_isalpha(label[letters]))
        letters++;
    gsize digits = strlen(label) - letters;
    if (letters < 2 || digits < 2 || digits > 3)
        return NULL;
    char *body = g_strndup(label, letters);
    gboolean known = in_list(numbered_bodies, body);
    g_free(body);
    if (!known)
        return NULL;
    char *id = g_strconcat("departement-", label + letters, NULL);
    const vocab_concept *c = vocab_get(s->v, id);
    g_free(id);
    return c != NULL && c->kind == VOCAB_DEPARTMENT ? c : NULL;
}

/* "lehavreseinemetropole": the longest beginning that is a region's or a
 * large commune's name; else "promotionsantenormandie": the longest end
 * that is a region's. */
static const vocab_concept *named_at_edge(const source_places *s, const char *key)
{
    gsize len = strlen(key);
    char *prefix = g_strdup(key);
    const vocab_concept *c = NULL;
    for (gsize n = len; n-- > PREFIX_KEY_MIN && c == NULL;) {
        prefix[n] = '\0';
        c = place_named(s, prefix, NAME_PREFIX);
    }
    for (gsize from = 1; from + PREFIX_KEY_MIN <= len && c == NULL; from++)
        c = place_named(s, key + from, NAME_SUFFIX);
    g_free(prefix);
    return c;
}

/* The place one host label names, or NULL; *how gets the way. */
static const vocab_concept *label_place(const source_places *s, const char *label,
                                        const char **how)
{
    char *key = squash(label, -1);
    const vocab_concept *c = NULL;
    if ((c = place_named(s, key, NAME_ALONE)) != NULL)
        *how = "nom";
    else if ((c = named_between_words(s, label)) != NULL)
        *how = "nom entre les mots de l'organisme";
    else if ((c = numbered_department(s, key)) != NULL)
        *how = "numéro de département";
    else if ((c = named_at_edge(s, key)) != NULL)
        *how = "début ou fin du nom";
    g_free(key);
    return c;
}

/* Top-level domains of one region. */
static const struct { const char *tld, *region; } region_tlds[] = {
    { "re", "la-reunion" }, { "gp", "guadeloupe" }, { "mq", "martinique" }, { "gf", "guyane" },
    { "yt", "mayotte" }, { "corsica", "corse" }, { "bzh", "bretagne" }, { "alsace", "grand-est" },
    { "paris", "ile-de-france" },
};

/* url's host, lower case, or NULL when url is no http(s) address. */
static char *host_of(const char *url)
{
    GUri *uri = g_uri_parse(url, G_URI_FLAGS_NONE, NULL);
    if (uri == NULL)
        return NULL;
    const char *scheme = g_uri_get_scheme(uri), *host = g_uri_get_host(uri);
    char *out = NULL;
    if (scheme != NULL && host != NULL && *host != '\0' &&
        (g_ascii_strcasecmp(scheme, "http") == 0 || g_ascii_strcasecmp(scheme, "https") == 0))
        out = g_ascii_strdown(host, -1);
    g_uri_unref(uri);
    return out;
}

const vocab_concept *source_places_find(const source_places *s, const char *url, char **how)
{
    char *host = url != NULL ? host_of(url) : NULL;
    if (host == NULL)
        return NULL;
    char **labels = g_strsplit(host, ".", -1);
    guint n = g_strv_length(labels);
    while (n > 0 && *labels[n - 1] == '\0') /* "www.amiens.fr." */
        n--;
    const vocab_concept *c = NULL;
    const char *way = NULL;
    for (size_t i = 0; n >= 2 && c == NULL && i < G_N_ELEMENTS(region_tlds); i++)
        if (strcmp(labels[n - 1], region_tlds[i].tld) == 0) {
            c = vocab_get(s->v, region_tlds[i].region);
            way = "domaine de premier niveau";
        }
    /* the leftmost label that names a place: the most precise */
    for (guint i = 0; n >= 2 && c == NULL && i + 1 < n; i++)
        if (strcmp(labels[i], "www") != 0)
            c = label_place(s, labels[i], &way);
    if (c != NULL && how != NULL)
        *how = g_strdup_printf("%s : %s (%s)", host, c->pref, way);
    g_strfreev(labels);
    g_free(host);
    return c;
}
