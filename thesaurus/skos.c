/* skos.c - SKOS files -> vocab, with raptor2 (skos.h). */
#include "skos.h"
#include "text.h"

#include <raptor2.h>
#include <string.h>

#define SKOS "http://www.w3.org/2004/02/skos/core#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
/* Veille's own properties of towns (places.ttl, tools/make_places.py) */
#define VEILLE "https://veille.plateforme-asv.org/thesaurus/schema#"

typedef struct {
    vocab *v;
    const char *path;
    verr *err;
    gboolean failed;
    guint triples;
    raptor_parser *parser;  /* for the line of a bad triple */
} load_ctx;

/* The first error raptor reports, with its line.  Its text may quote the
 * file's bytes: it is repaired into UTF-8 (found by tests/fuzz/fuzz_skos). */
static void on_log(void *ud, raptor_log_message *msg)
{
    load_ctx *c = ud;
    if (msg->level < RAPTOR_LOG_LEVEL_ERROR || c->failed)
        return;
    c->failed = TRUE;
    int line = msg->locator != NULL ? msg->locator->line : -1;
    char *text = text_clean(msg->text != NULL ? msg->text : "erreur de syntaxe", -1);
    verr_set(c->err, VERR_PARSE, "skos", "%s:%d: %s", c->path, line, text);
    g_free(text);
}

static const char *uri_of(raptor_term *t)
{
    return t != NULL && t->type == RAPTOR_TERM_TYPE_URI
               ? (const char *)raptor_uri_as_string(t->value.uri) : NULL;
}

/* A literal usable as a French label: language fr (any region) or none. */
static const char *french_literal(raptor_term *t)
{
    if (t == NULL || t->type != RAPTOR_TERM_TYPE_LITERAL)
        return NULL;
    const char *lang = (const char *)t->value.literal.language;
    if (lang != NULL && g_ascii_strncasecmp(lang, "fr", 2) != 0)
        return NULL;
    return (const char *)t->value.literal.string;
}

static const struct {
    const char *scheme;  /* last segment of the scheme's URI */
    vocab_kind kind;
} schemes[] = {
    { "regions", VOCAB_REGION }, { "former-regions", VOCAB_FORMER_REGION },
    { "departments", VOCAB_DEPARTMENT }, { "towns", VOCAB_TOWN }, { "acronyms", VOCAB_ACRONYM },
};

static void set_scheme(vocab_concept *c, const char *scheme_uri)
{
    const char *slash = strrchr(scheme_uri, '/');
    const char *name = slash != NULL ? slash + 1 : scheme_uri;
    for (size_t i = 0; i < G_N_ELEMENTS(schemes); i++)
        if (strcmp(name, schemes[i].scheme) == 0)
            c->kind = schemes[i].kind;
}

static void add_text(GPtrArray *list, const char *s)
{
    char *clean = g_strstrip(g_strdup(s));
    for (guint i = 0; i < list->len; i++)
        if (strcmp(g_ptr_array_index(list, i), clean) == 0) {
            g_free(clean);
            return;
        }
    if (*clean != '\0')
        g_ptr_array_add(list, clean);
    else
        g_free(clean);
}

/* Whether the subject, the object and its literal, if any, are UTF-8:
 * raptor passes the bytes of a Turtle or N-Triples file through, and a
 * label that is not would spoil the compiled vocabulary's JSON (found by
 * tests/fuzz/fuzz_skos). */
static gboolean utf8_terms(const raptor_statement *st)
{
    const raptor_term *terms[] = { st->subject, st->object };
    for (size_t i = 0; i < G_N_ELEMENTS(terms); i++) {
        const raptor_term *t = terms[i];
        const char *text = t == NULL ? NULL
                           : t->type == RAPTOR_TERM_TYPE_URI
                               ? (const char *)raptor_uri_as_string(t->value.uri)
                           : t->type == RAPTOR_TERM_TYPE_LITERAL
                               ? (const char *)t->value.literal.string : NULL;
        if (text != NULL && !g_utf8_validate(text, -1, NULL))
            return FALSE;
    }
    return TRUE;
}

/* v:population 54404, v:postalCode "49300", v:commonWord true, v:seatOf p:x */
static void on_veille_triple(vocab_concept *k, const char *prop, raptor_term *o)
{
    const char *lit = o != NULL && o->type == RAPTOR_TERM_TYPE_LITERAL
                          ? (const char *)o->value.literal.string : NULL;
    if (strcmp(prop, "seatOf") == 0 && uri_of(o) != NULL) {
        k->flags |= VOCAB_SEAT;
    } else if (lit == NULL) {
        return;
    } else if (strcmp(prop, "population") == 0) {
        guint64 n = g_ascii_strtoull(lit, NULL, 10);
        k->population = (guint)MIN(n, (guint64)G_MAXUINT);
    } else if (strcmp(prop, "commonWord") == 0) {
        if (strcmp(lit, "true") == 0 || strcmp(lit, "1") == 0)
            k->flags |= VOCAB_COMMON_WORD;
    } else if (strcmp(prop, "postalCode") == 0 && strlen(lit) == 5 &&
               strspn(lit, "0123456789") == 5) {
        char *joined = k->postal != NULL ? g_strconcat(k->postal, " ", lit, NULL) : g_strdup(lit);
        g_free(k->postal);
        k->postal = joined;
    }
}

static void on_triple(void *ud, raptor_statement *st)
{
    load_ctx *c = ud;
    if (c->failed)
        return;
    if (!utf8_terms(st)) {
        raptor_locator *where = raptor_parser_get_locator(c->parser);
        c->failed = TRUE;
        verr_set(c->err, VERR_PARSE, "skos", "%s:%d: texte non UTF-8 (un fichier SKOS est en "
                 "UTF-8)", c->path, where != NULL ? where->line : -1);
        return;
    }
    const char *s = uri_of(st->subject), *p = uri_of(st->predicate);
    if (s != NULL && p != NULL && g_str_has_prefix(p, VEILLE)) {
        on_veille_triple(vocab_intern(c->v, s), p + strlen(VEILLE), st->object);
        return;
    }
    if (s != NULL && p != NULL && strcmp(p, RDF_TYPE) == 0) {
        const char *type = uri_of(st->object);
        if (type != NULL && strcmp(type, SKOS "ConceptScheme") == 0)
            vocab_intern(c->v, s)->is_scheme = TRUE; /* its labels are no concept's */
        return;
    }
    if (s == NULL || p == NULL || !g_str_has_prefix(p, SKOS))
        return;
    const char *prop = p + strlen(SKOS);
    const char *obj_uri = uri_of(st->object);
    const char *lit = french_literal(st->object);
    c->triples++;

    if (strcmp(prop, "hasTopConcept") == 0 || strcmp(prop, "member") == 0)
        return;
    vocab_concept *k = vocab_intern(c->v, s);
    if (strcmp(prop, "inScheme") == 0 && obj_uri != NULL)
        set_scheme(k, obj_uri);
    else if (strcmp(prop, "topConceptOf") == 0 && obj_uri != NULL)
        set_scheme(k, obj_uri);
    else if (strcmp(prop, "prefLabel") == 0 && lit != NULL) {
        if (k->pref == NULL)
            k->pref = g_strstrip(g_strdup(lit));
        else
            add_text(k->alt, lit); /* a second French prefLabel: keep as synonym */
    } else if (strcmp(prop, "altLabel") == 0 && lit != NULL)
        add_text(k->alt, lit);
    else if (strcmp(prop, "hiddenLabel") == 0 && lit != NULL)
        add_text(k->hidden, lit);
    else if (strcmp(prop, "scopeNote") == 0 && lit != NULL && k->note == NULL)
        k->note = g_strdup(lit);
    else if (strcmp(prop, "notation") == 0 && st->object->type == RAPTOR_TERM_TYPE_LITERAL &&
             k->notation == NULL)
        k->notation = g_strdup((const char *)st->object->value.literal.string);
    else if ((strcmp(prop, "broader") == 0 || strcmp(prop, "broaderTransitive") == 0) && obj_uri)
        add_text(k->broader, vocab_intern(c->v, obj_uri)->id);
    else if ((strcmp(prop, "narrower") == 0 || strcmp(prop, "narrowerTransitive") == 0) && obj_uri)
        add_text(k->narrower, vocab_intern(c->v, obj_uri)->id);
    else if (strcmp(prop, "exactMatch") == 0 && obj_uri != NULL && k->exact == NULL)
        k->exact = g_strdup(vocab_intern(c->v, obj_uri)->id);
}

static const char *syntax_for(const char *path)
{
    if (g_str_has_suffix(path, ".ttl"))
        return "turtle";
    if (g_str_has_suffix(path, ".nt"))
        return "ntriples";
    if (g_str_has_suffix(path, ".rdf") || g_str_has_suffix(path, ".xml") ||
        g_str_has_suffix(path, ".owl"))
        return "rdfxml";
    return NULL;
}

int skos_load_data(vocab *v, const char *name, const char *data, size_t len, verr *err)
{
    const char *syntax = syntax_for(name);
    raptor_world *world = NULL;
    raptor_parser *parser = NULL;
    raptor_uri *base = NULL;
    unsigned char *uri_string = NULL;
    load_ctx c = { v, name, err, FALSE, 0, NULL };
    int rc = -1;

    if (syntax == NULL) {
        verr_set(err, VERR_UNSUPPORTED, "skos", "%s : format inconnu (.ttl, .rdf, .xml, .nt)",
                 name);
        return -1;
    }
    world = raptor_new_world();
    if (world == NULL || raptor_world_open(world) != 0) {
        verr_set(err, VERR_INTERNAL, "raptor", "raptor ne démarre pas");
        goto cleanup;
    }
    raptor_world_set_log_handler(world, &c, on_log);
    parser = raptor_new_parser(world, syntax);
    if (parser == NULL) {
        verr_set(err, VERR_INTERNAL, "raptor", "pas d'analyseur %s", syntax);
        goto cleanup;
    }
    /* no network, no reading of other files, no external XML entities */
    raptor_parser_set_option(parser, RAPTOR_OPTION_NO_NET, NULL, 1);
    raptor_parser_set_option(parser, RAPTOR_OPTION_NO_FILE, NULL, 1);
    raptor_parser_set_option(parser, RAPTOR_OPTION_LOAD_EXTERNAL_ENTITIES, NULL, 0);
    raptor_parser_set_statement_handler(parser, &c, on_triple);
    c.parser = parser;
    char *abs = g_canonicalize_filename(name, NULL);
    uri_string = raptor_uri_filename_to_uri_string(abs);
    g_free(abs);
    base = raptor_new_uri(world, uri_string);
    if ((raptor_parser_parse_start(parser, base) != 0 ||
         raptor_parser_parse_chunk(parser, (const unsigned char *)data, len, 1) != 0) &&
        !c.failed)
        verr_set(err, VERR_PARSE, "skos", "%s : fichier illisible", name);
    else if (!c.failed)
        rc = 0;
    if (c.failed)
        rc = -1;
cleanup:
    if (base != NULL) raptor_free_uri(base);
    if (uri_string != NULL) raptor_free_memory(uri_string);
    if (parser != NULL) raptor_free_parser(parser);
    if (world != NULL) raptor_free_world(world);
    return rc;
}

int skos_load_file(vocab *v, const char *path, verr *err)
{
    char *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    int rc = -1;

    if (syntax_for(path) == NULL)
        return skos_load_data(v, path, "", 0, err); /* says which names are read */
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        verr_from_gerror(err, VERR_IO, gerr);
        goto cleanup;
    }
    rc = skos_load_data(v, path, data, len, err);
cleanup:
    g_clear_error(&gerr);
    g_free(data);
    return rc;
}

/* The SKOS files of dir, sorted by path; NULL with err when there are none. */
static GPtrArray *skos_files(const char *dir, verr *err)
{
    GError *gerr = NULL;
    GDir *d = g_dir_open(dir, 0, &gerr);
    if (d == NULL) {
        verr_set(err, VERR_NOTFOUND, "skos", "thésaurus introuvable : %s", gerr->message);
        g_clear_error(&gerr);
        return NULL;
    }
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL)
        if (name[0] != '.' && syntax_for(name) != NULL)
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    g_dir_close(d);
    if (files->len == 0) {
        verr_set(err, VERR_NOTFOUND, "skos", "%s : aucun fichier SKOS (.ttl, .rdf, .xml, .nt)",
                 dir);
        g_ptr_array_unref(files);
        return NULL;
    }
    g_ptr_array_sort(files, text_compare_ptrs);
    return files;
}

char *skos_dir_digest(const char *dir, verr *err)
{
    GPtrArray *files = skos_files(dir, err);
    if (files == NULL)
        return NULL;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    char *out = NULL;
    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        char *data = NULL;
        gsize len = 0;
        GError *gerr = NULL;
        if (!g_file_get_contents(path, &data, &len, &gerr)) {
            verr_set(err, VERR_IO, "skos", "%s illisible : %s", path, gerr->message);
            g_clear_error(&gerr);
            goto done;
        }
        char *base = g_path_get_basename(path);
        g_checksum_update(sum, (const guchar *)base, (gssize)strlen(base) + 1); /* with its NUL */
        g_checksum_update(sum, (const guchar *)data, (gssize)len);
        g_free(base);
        g_free(data);
    }
    /* a new build may compile the same files otherwise (a fixed reader):
     * its time of compilation counts too */
    static const char build[] = __DATE__ " " __TIME__;
    g_checksum_update(sum, (const guchar *)build, sizeof build);
    g_checksum_update(sum, (const guchar *)vocab_build_time(), -1);
    out = g_strdup(g_checksum_get_string(sum));
done:
    g_checksum_free(sum);
    g_ptr_array_unref(files);
    return out;
}

vocab *skos_load_dir(const char *dir, verr *err)
{
    GPtrArray *files = skos_files(dir, err);
    vocab *v = NULL;
    if (files == NULL)
        return NULL;
    v = vocab_new();
    for (guint i = 0; i < files->len; i++) {
        if (skos_load_file(v, g_ptr_array_index(files, i), err) != 0) {
            vocab_free(v);
            v = NULL;
            goto cleanup;
        }
    }
    if (vocab_finish(v, err) != 0) {
        vocab_free(v);
        v = NULL;
    }
cleanup:
    g_ptr_array_unref(files);
    return v;
}
