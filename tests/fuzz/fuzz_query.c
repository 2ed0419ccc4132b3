/* fuzz_query.c - query building and the whole search (searchd/search.c):
 * the user's q folded, expanded from the thesaurus, parsed by Xapian's
 * QueryParser with the title and phrase boosts, filtered, sorted, paged,
 * counted, and the result rendered as JSON and Atom, over a small real
 * index made once in a temporary folder (LLVMFuzzerInitialize).
 * Completion (suggest_json) and the answer cache's key get the same q.
 *
 * Input: a byte of options (sort, facets, ranking settings, page), then q
 * up to the first NUL, then NUL-separated filter parameters, each a
 * letter naming it (t theme, r region, y type, a year, l lang, s source,
 * f date_from, u date_to) and its value, split on ',' as the daemon does.
 * Only what the daemon lets through is sent (valid UTF-8; years of four
 * digits; at most 16 values a parameter).  Checks: an answer is valid
 * JSON, its feed valid UTF-8; a refusal is a client error (VERR_PARSE or VERR_INVALID: a 400),
 * never a server failure, with a valid UTF-8 message. */
#include "fuzzutil.h"
#include "../unit/testutil.h"
#include "record.h"
#include "schema.h"
#include "feed.h"
#include "render_json.h"
#include "search.h"
#include "suggest.h"
#include "tag.h"
#include "text.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

static searcher *srch;

static const struct {
    const char *title, *authors, *organisation, *date, *type, *theme, *region, *text;
} docs[] = {
    { "Rapport d'activité 2012 de la plateforme ASV", "Anne Martin", "Plateforme nationale",
      "2012-03-12", "Rapport d'activité", "Participation des habitants", "National",
      "La participation des habitants et l'évaluation des ateliers santé ville." },
    { "Compte rendu : contrat local de santé de Marseille", "Karim Benali", "ARS PACA", "2014",
      "Compte rendu", "Contrat local de santé", "Provence-Alpes-Côte d'Azur",
      "Le CLS de Marseille, signé avec l'agence régionale de santé, vise l'accès aux soins." },
    { "Guide nutrition et activité physique", "Isabelle Haddad", "IREPS Occitanie", "2016-09",
      "Guide", "Nutrition", "Occitanie",
      "Ateliers cuisine, activité physique adaptée et prévention de l'obésité à Toulouse." },
    { "Santé mentale des jeunes : diagnostic partagé", "Olivier Castelli", "Ville de Lille",
      "2019-11-05", "Étude", "Santé mentale", "Hauts-de-France",
      "Prévention du suicide, conseil local de santé mentale (CLSM) et souffrance psychique." },
    { "Invitation : journée d'échanges à La Réunion", "Sébastien Le Goff", "ARS La Réunion",
      "2021", "Invitation", "Accès aux soins", "La Réunion",
      "Les ŒUVRES sociales, l'accès aux droits et la médiation en santé à Saint-Denis." },
    { "Habitat indigne et santé", NULL, "Ville de Rennes", "2023-01-20", "Note", "Habitat",
      "Bretagne", "Logement insalubre, saturnisme et santé environnementale en Bretagne." },
};

static void add_doc(xap_wdb *w, record_builder *rb, tagger *t, guint i)
{
    char path[64];
    g_snprintf(path, sizeof path, "/fuzz/doc%u.pdf", i);
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, docs[i].title);
    docmeta_add(m->authors, docs[i].authors);
    docmeta_set(&m->organisation, docs[i].organisation);
    docmeta_set(&m->date, docs[i].date);
    docmeta_set(&m->doctype, docs[i].type);
    docmeta_set(&m->text, docs[i].text);
    docmeta_add(m->themes, docs[i].theme);
    docmeta_add(m->regions, docs[i].region);
    test_put_document(w, rb, m, path, t);
    docmeta_free(m);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    verr err;
    char *dir = g_build_filename(fuzz_tmpdir(), "index", NULL);
    xap_wdb *w = xap_wdb_open(dir, 1, &err);
    record_builder *rb = w != NULL ? record_builder_new(&err) : NULL;
    if (rb == NULL || record_builder_spelling(rb, w, &err) != 0)
        fuzz_fail("index: %s", err.msg);
    tagger *t = tagger_new(fuzz_vocab());
    for (guint i = 0; i < G_N_ELEMENTS(docs); i++)
        add_doc(w, rb, t, i);
    if (xap_wdb_set_metadata(w, META_SCHEMA, SCHEMA_VERSION, &err) != 0 ||
        xap_wdb_commit(w, &err) != 0)
        fuzz_fail("index: %s", err.msg);
    tagger_free(t);
    record_builder_free(rb);
    xap_wdb_free(w);
    if ((srch = searcher_new(dir, NULL, NULL, &err)) == NULL)
        fuzz_fail("searcher: %s", err.msg);
    g_free(dir);
    return 0;
}

/* Adds value's ','-separated parts to list, as the daemon's add_values. */
static void add_values(GPtrArray *list, const char *value)
{
    char **parts = g_strsplit(value, ",", -1);
    for (char **p = parts; *p != NULL && list->len < 16; p++)
        if (**p != '\0')
            g_ptr_array_add(list, g_strdup(g_strstrip(*p)));
    g_strfreev(parts);
}

static gboolean is_year(const char *s)
{
    return strlen(s) == 4 && strspn(s, "0123456789") == 4 && s[0] != '0';
}

/* Fills r from the parameters after q; FALSE when the daemon would refuse them. */
static gboolean read_params(search_request *r, const char *p, const char *end)
{
    for (; p < end; p += strlen(p) + 1) {
        if (!g_utf8_validate(p, -1, NULL))
            return FALSE;
        const char *value = *p != '\0' ? p + 1 : p;
        switch (*p) {
        case 't': add_values(r->themes, value); break;
        case 'r': add_values(r->regions, value); break;
        case 'y': add_values(r->types, value); break;
        case 'a':
            add_values(r->years, value);
            for (guint i = 0; i < r->years->len; i++)
                if (!is_year(g_ptr_array_index(r->years, i)))
                    return FALSE;
            break;
        case 'l': add_values(r->langs, value); break;
        case 's': add_values(r->sources, value); break;
        case 'f': r->date_from = value; break;
        case 'u': r->date_to = value; break;
        default: break;
        }
    }
    return TRUE;
}

static void check_json(const char *what, const char *json)
{
    JsonParser *p = json_parser_new();
    GError *gerr = NULL;
    fuzz_check_utf8(what, json);
    FUZZ_CHECK(json_parser_load_from_data(p, json, -1, &gerr), "%s: not JSON (%s): %s", what,
               gerr->message, json);
    g_object_unref(p);
}

static void check_refusal(const char *what, const verr *err)
{
    fuzz_check_utf8(what, err->msg);
    FUZZ_CHECK(err->code == VERR_PARSE || err->code == VERR_INVALID,
               "%s: a server failure (%s, %s): %s", what, verr_code_name(err->code), err->cls,
               err->msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const unsigned per_page[] = { 10, 1, 100, 20 };
    search_tuning tuning = search_tuning_default;
    char *input = fuzz_string(data + 1, size - 1);
    const char *end = input + size - 1;
    search_request r = {
        .q = input,
        .themes = g_ptr_array_new_with_free_func(g_free),
        .regions = g_ptr_array_new_with_free_func(g_free),
        .types = g_ptr_array_new_with_free_func(g_free),
        .years = g_ptr_array_new_with_free_func(g_free),
        .langs = g_ptr_array_new_with_free_func(g_free),
        .sources = g_ptr_array_new_with_free_func(g_free),
        .sort = (search_sort)(data[0] % 3),
        .no_facets = (data[0] & 2) != 0,
        .page = 1 + ((data[0] >> 4) & 3),
        .per_page = per_page[data[0] >> 6],
        .tuning = &tuning,
        .v = fuzz_vocab(),
        .m = fuzz_matcher(),
    };
    if ((data[0] & 4) != 0) { /* the other settings bench/relevance --sweep tries */
        tuning.phrase_boost = 1;
        tuning.title_boost = 0;
        tuning.stem = XAP_STEM_ALL;
    }
    tuning.expand = (data[0] & 8) == 0;
    if (!g_utf8_validate(input, -1, NULL) ||
        !read_params(&r, input + strlen(input) + 1, end))
        goto cleanup;

    verr err;
    search_result *found = search_run(srch, &r, &err);
    if (found != NULL) {
        char *body = render_json_search(found);
        char *json = render_json_timed(body, found->took_ms, FALSE);
        check_json("search", json);
        char *atom = feed_render(found, "http://127.0.0.1:1", "/feed.atom?q=x");
        FUZZ_CHECK(atom != NULL, "no feed");
        fuzz_check_utf8("feed", atom);
        g_free(atom);
        g_free(json);
        g_free(body);
        search_result_unref(found);
    } else {
        check_refusal("search", &err);
    }
    char *key = search_cache_key(srch, &r, 1, &err);
    FUZZ_CHECK(key != NULL, "no cache key: %s", err.msg);
    g_free(key);
    if (strlen(input) <= 200) { /* the daemon's bound on completion */
        char *json = suggest_json(srch, fuzz_vocab(), input, &err);
        if (json != NULL)
            check_json("suggest", json);
        else
            check_refusal("suggest", &err);
        g_free(json);
    }
cleanup:
    g_ptr_array_unref(r.themes);
    g_ptr_array_unref(r.regions);
    g_ptr_array_unref(r.types);
    g_ptr_array_unref(r.years);
    g_ptr_array_unref(r.langs);
    g_ptr_array_unref(r.sources);
    g_free(input);
    return 0;
}
