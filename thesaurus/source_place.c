/* source_place.c - the place a source address names (source_place.h). */
#include "source_place.h"
#include "text.h"
#include "weburl.h"

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
 * region, a former region, or a commune of this size not named like an
 * ordinary word; one that ends with a name ("promotionsantenormandie"):
 * only a region's or former region's; names of this length at least. */
#define PREFIX_TOWN_MIN 50000
#define PREFIX_KEY_MIN 5
/* Of several communes of one name, the largest is meant when it has this
 * many times the next one's population. */
#define TOWN_DOMINANT 10
/* Longer labels are no name (DNS allows 63 bytes). */
#define HOST_LABEL_MAX 63

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
    GPtrArray *list = strlen(key) >= PLACE_KEY_MIN ? g_hash_table_lookup(s->by_key, key) : NULL;
    if (list == NULL && strlen(key) >= PLACE_KEY_MIN) {
        list = g_ptr_array_new();
        g_hash_table_insert(s->by_key, g_strdup(key), list);
    }
    if (list != NULL && !g_ptr_array_find(list, c, NULL))
        g_ptr_array_add(list, (gpointer)c);
    g_free(key);
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
    NAME_PREFIX,     /* the beginning of a one-word label: regions and large communes */
    NAME_REGION      /* elsewhere in a label: regions only ("cpiasgrandest", "lalsace") */
} name_use;

static gboolean in_list(const char *const *list, const char *w)
{
    for (; *list != NULL; list++)
        if (strcmp(*list, w) == 0)
            return TRUE;
    return FALSE;
}

/* Whether the commune c, the largest of its name, is meant by a key of
 * key_len letters used as use. */
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
    case NAME_PREFIX: /* "parismatch", "tours-de-magie": never a common word */
        return !common && c->population >= PREFIX_TOWN_MIN;
    case NAME_REGION:
        return FALSE;
    }
    return FALSE;
}

/* Names of regions that are ordinary words, never taken from a label's
 * beginning or end: "reunionpublique", "limousine". */
static const char *const ordinary_names[] = { "reunion", "limousin", NULL };

/* The broader the place, the surer: a region before its department of one name. */
static int breadth(vocab_kind k)
{
    return k == VOCAB_REGION ? 3 : k == VOCAB_FORMER_REGION ? 2 : k == VOCAB_DEPARTMENT ? 1 : 0;
}

/* The place key names when used as use, or NULL: none, several communes
 * of that name and none far the largest (saintdenis), or a department and
 * a commune of some size of that name in two regions (vienne: the Vienne
 * or the town of Isère). */
static const vocab_concept *place_named(const source_places *s, const char *key, name_use use)
{
    GPtrArray *list = g_hash_table_lookup(s->by_key, key);
    const vocab_concept *area = NULL, *town = NULL;
    guint next_pop = 0;
    for (guint i = 0; list != NULL && i < list->len; i++) {
        const vocab_concept *c = g_ptr_array_index(list, i);
        if (c->kind == VOCAB_TOWN) { /* every commune of the name, whether it fits or not */
            if (town == NULL || c->population > town->population) {
                next_pop = town != NULL ? town->population : 0;
                town = c;
            } else if (c->population > next_pop) {
                next_pop = c->population;
            }
        } else if (use == NAME_ALONE ||
                   (use != NAME_AFTER_TOWN && c->kind != VOCAB_DEPARTMENT &&
                    !in_list(ordinary_names, key))) {
            if (area == NULL || breadth(c->kind) > breadth(area->kind))
                area = c;
        }
    }
    if (town != NULL && next_pop > 0 && town->population < (guint64)TOWN_DOMINANT * next_pop)
        town = NULL;
    if (area != NULL)
        return town != NULL && town->population >= SOURCE_TOWN_MIN &&
                       vocab_region_of(s->v, area) != vocab_region_of(s->v, town)
                   ? NULL : area;
    return town != NULL && town_fits(town, use, strlen(key)) ? town : NULL;
}

/* Whether key is a commune's name at all (any size, any number of them). */
static gboolean some_town_named(const source_places *s, const char *key)
{
    GPtrArray *list = g_hash_table_lookup(s->by_key, key);
    for (guint i = 0; list != NULL && i < list->len; i++)
        if (((const vocab_concept *)g_ptr_array_index(list, i))->kind == VOCAB_TOWN)
            return TRUE;
    return FALSE;
}

/* A name of several words written whole is that commune's, however small:
 * "saint-paul-de-vence", "montreuil-bellay". */
#define WHOLE_NAME_MIN 10

/* Words of a host label that say who publishes, around the place's name:
 * "ville-de-cholet", "chu-nimes", "ors-paca", "grand-nancy", "cholet-agglo". */
static const char *const town_words[] = { "ville", "mairie", "commune", NULL };
static const char *const body_words[] = {
    "ac", "agglo", "agglomeration", "ars", "asv", "ca", "caf", "cc", "ccas", "cd", "cg",
    "cias", "cls", "clsm", "codes", "communaute", "conseil", "cpam", "cres", "cu", "d", "de",
    "departement", "des", "du", "grand", "ireps", "mda", "mdph", "metropole", "ors", "pref",
    "prefecture", "region", "sante", "udaf", "univ", NULL
};
/* ... and that are followed by a department number: "mda34", "caf2a". */
static const char *const numbered_bodies[] = {
    "adil", "caf", "cd", "cdos", "cg", "codes", "cpam", "ddets", "departement", "dsden", "fol",
    "ireps", "mda", "mdph", "mutualite", "sdis", "udaf", NULL
};
/* Words that continue a place's name: "saint-quentin-en-yvelines" is no
 * Saint-Quentin, "montreuil-sur-mer" no Montreuil of the Paris suburbs. */
static const char *const name_links[] = {
    "au", "aux", "d", "de", "des", "du", "en", "es", "et", "l", "la", "le", "les", "lez", "sous",
    "sur", NULL
};

/* Hospitals, which are named after saints as often as after places:
 * "hopital-saint-andre" is in Bordeaux, not Saint-André of La Réunion. */
static const char *const hospital_words[] = { "ch", "chr", "chru", "chu", "clinique", "ghu",
                                              "hopital", NULL };
static const char *const saint_words[] = { "saint", "sainte", "st", "ste", NULL };

/* The label without the publisher's words before and after the name. */
static const vocab_concept *named_between_words(const source_places *s, char **parts)
{
    guint n = g_strv_length(parts), first = 0, last = n;
    gboolean after_town = FALSE, after_hospital = FALSE;
    for (; first + 1 < last; first++) {
        if (in_list(town_words, parts[first]))
            after_town = TRUE;
        else if (!in_list(body_words, parts[first]) && !in_list(hospital_words, parts[first]))
            break;
        after_hospital |= in_list(hospital_words, parts[first]);
    }
    while (last > first + 1 && in_list(body_words, parts[last - 1]))
        last--;
    if ((first == 0 && last == n) || (after_hospital && in_list(saint_words, parts[first])))
        return NULL;
    char *rest = g_strjoinv("", parts + first), *cut = rest;
    for (guint i = first; i < last; i++)
        cut += strlen(parts[i]);
    *cut = '\0';
    const vocab_concept *c = place_named(s, rest, after_town ? NAME_AFTER_TOWN : NAME_ALONE);
    g_free(rest);
    return c;
}

/* "mda34": an institution's acronym and a department number. */
static const vocab_concept *numbered_department(const source_places *s, const char *key)
{
    gsize letters = 0;
    while (g_ascii_isalpha(key[letters]))
        letters++;
    gsize digits = strlen(key) - letters;
    if (letters < 2 || digits < 2 || digits > 3)
        return NULL;
    char *body = g_strndup(key, letters);
    gboolean known = in_list(numbered_bodies, body);
    g_free(body);
    if (!known)
        return NULL;
    char *id = g_strconcat("departement-", key + letters, NULL);
    const vocab_concept *c = vocab_get(s->v, id);
    g_free(id);
    return c != NULL && c->kind == VOCAB_DEPARTMENT ? c : NULL;
}

/* The longest beginning of the label (parts) that is a region's or a large
 * commune's name: anywhere in a label of one word ("montpellier" of
 * "montpellier3m"); in one of several, a region's cut at a hyphen not
 * followed by a word that goes on with a name ("normandie" of
 * "normandie-attractivite"; a town there, "antony-photographe", is as
 * often a person's name).  NULL when none. */
static const vocab_concept *named_at_start(const source_places *s, char **parts, const char *key)
{
    guint n = g_strv_length(parts);
    const vocab_concept *c = NULL;
    char *prefix = n == 1 ? g_strdup(key) : NULL;
    for (gsize len = strlen(key); prefix != NULL && len-- > PREFIX_KEY_MIN && c == NULL;) {
        prefix[len] = '\0';
        c = place_named(s, prefix, NAME_PREFIX);
    }
    g_free(prefix);
    for (guint cut = n - 1; n > 1 && cut >= 1 && c == NULL; cut--) {
        if (in_list(name_links, parts[cut]))
            continue;
        char *saved = parts[cut];
        parts[cut] = NULL;
        char *prefix = g_strjoinv("", parts);
        parts[cut] = saved;
        if (strlen(prefix) >= PREFIX_KEY_MIN)
            c = place_named(s, prefix, NAME_REGION);
        g_free(prefix);
    }
    return c;
}

/* The longest end of key that is a region's name ("promotionsantenormandie"),
 * or the label's last part when it is ("promosante-idf").  NULL when none. */
static const vocab_concept *named_at_end(const source_places *s, char **parts, const char *key)
{
    gsize len = strlen(key);
    const vocab_concept *c = NULL;
    for (gsize from = 1; from + PREFIX_KEY_MIN <= len && c == NULL; from++)
        c = place_named(s, key + from, NAME_REGION);
    guint n = g_strv_length(parts);
    if (c == NULL && n > 1)
        c = place_named(s, parts[n - 1], NAME_REGION);
    return c;
}

/* The place one host label names, or NULL; *how gets the way. */
static const vocab_concept *label_place(const source_places *s, const char *label,
                                        const char **how)
{
    if (*label == '\0' || strlen(label) > HOST_LABEL_MAX) /* "a..fr" */
        return NULL;
    char *key = squash(label, -1);
    char **parts = g_strsplit(label, "-", -1);
    const vocab_concept *c = NULL;
    if ((c = place_named(s, key, NAME_ALONE)) != NULL) {
        *how = "nom";
    } else if (some_town_named(s, key)) { /* a commune's name, whole: that one or none */
        c = strchr(label, '-') != NULL && strlen(key) >= WHOLE_NAME_MIN
                ? place_named(s, key, NAME_AFTER_TOWN) : NULL;
        *how = "nom de la commune";
    } else if ((c = named_between_words(s, parts)) != NULL) {
        *how = "nom entre les mots de l'organisme";
    } else if ((c = numbered_department(s, key)) != NULL) {
        *how = "numéro de département";
    } else {
        const vocab_concept *start = named_at_start(s, parts, key);
        const vocab_concept *end = named_at_end(s, parts, key);
        /* "paris-normandie": two places, none said */
        if (start != NULL && end != NULL &&
            vocab_region_of(s->v, start) != vocab_region_of(s->v, end))
            start = end = NULL;
        c = start != NULL ? start : end;
        *how = "début ou fin du nom";
    }
    g_strfreev(parts);
    g_free(key);
    return c;
}

/* Top-level domains of one region. */
static const struct { const char *tld, *region; } region_tlds[] = {
    { "re", "la-reunion" }, { "gp", "guadeloupe" }, { "mq", "martinique" }, { "gf", "guyane" },
    { "yt", "mayotte" }, { "corsica", "corse" }, { "bzh", "bretagne" }, { "alsace", "grand-est" },
    { "paris", "ile-de-france" },
};
/* Country domains of France besides; any other country's names no French
 * place (www.jura.ch). */
static const char *const french_tlds[] = { "fr", "eu", "pm", "nc", "pf", "wf", "bl", "mf", NULL };

/* Whether tld is a country's domain (two letters) that is not France's. */
static gboolean foreign_country(const char *tld)
{
    return strlen(tld) == 2 && !in_list(french_tlds, tld);
}

/* url's host, lower case, or NULL when url (may be NULL) is no http(s)
 * address with one. */
static char *host_of(const char *url)
{
    GUri *uri = weburl_parse(url);
    const char *host = uri != NULL ? g_uri_get_host(uri) : NULL;
    char *out = host != NULL && *host != '\0' ? g_ascii_strdown(host, -1) : NULL;
    if (uri != NULL)
        g_uri_unref(uri);
    return out;
}

const vocab_concept *source_places_find(const source_places *s, const char *url, char **how)
{
    char *host = host_of(url);
    char **labels = host != NULL ? g_strsplit(host, ".", -1) : g_new0(char *, 1);
    guint n = g_strv_length(labels);
    while (n > 0 && *labels[n - 1] == '\0') /* "www.amiens.fr." */
        n--;
    const vocab_concept *c = NULL;
    const char *way = NULL;
    for (size_t i = 0; n >= 2 && i < G_N_ELEMENTS(region_tlds); i++)
        if (strcmp(labels[n - 1], region_tlds[i].tld) == 0) {
            c = vocab_get(s->v, region_tlds[i].region);
            way = "domaine de premier niveau";
        }
    /* the leftmost label that names a place: the most precise */
    for (guint i = 0; n >= 2 && c == NULL && !foreign_country(labels[n - 1]) && i + 1 < n; i++)
        if (strcmp(labels[i], "www") != 0)
            c = label_place(s, labels[i], &way);
    if (c != NULL && how != NULL)
        *how = g_strdup_printf("%s : %s (%s)", host, c->pref, way);
    g_strfreev(labels);
    g_free(host);
    return c;
}
