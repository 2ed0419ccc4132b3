/* fuzz_skos.c - the SKOS loader (thesaurus/skos.c, with raptor2) in every
 * syntax it reads: the first byte picks it ('r': RDF/XML, 'n': N-Triples,
 * anything else Turtle), the rest is the document.  A vocabulary that
 * loads is finished, compiled to JSON and read back, matched and used to
 * tag and expand.  Checks: the compiled form reads back the same (same
 * digest, same JSON); errors and labels are valid UTF-8. */
#include "fuzzutil.h"
#include "expansion.h"
#include "skos.h"
#include "tag.h"

#include <string.h>

static xap_stem *stem;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    verr err;
    if ((stem = xap_stem_new("french", &err)) == NULL)
        fuzz_fail("stemmer: %s", err.msg);
    return 0;
}

static void use(const vocab *v)
{
    matcher *m = matcher_new(v);
    tagger *t = tagger_new(v);
    docmeta *d = docmeta_new();
    docmeta_set(&d->title, "Santé mentale et CLS à Marseille");
    docmeta_set(&d->text, "Le contrat local de santé de la Région Occitanie, l'ARS et le PRAPS.");
    for (guint i = 0; i < vocab_size(v) && i < 4; i++) {
        const vocab_concept *c = vocab_nth(v, i);
        fuzz_check_utf8("label", c->pref);
        docmeta_add(d->themes, c->pref);
        docmeta_add(d->regions, c->pref);
        vocab_region_of(v, c);
        vocab_department_of(v, c);
    }
    GPtrArray *unknown = g_ptr_array_new_with_free_func(g_free);
    tagger_apply(t, d, TRUE, unknown);
    const char *q = vocab_size(v) > 0 ? vocab_nth(v, 0)->pref : "santé";
    char *query = g_strdup_printf("%s ARS \"cls\" titre:santé", q);
    query_expansion *qe = query_expansion_new(v, m, stem, TRUE, query);
    fuzz_check_utf8("expanded", qe->text);
    query_expansion_free(qe);
    g_free(query);
    g_ptr_array_unref(unknown);
    docmeta_free(d);
    tagger_free(t);
    matcher_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = data[0] == 'r' ? "fuzz.rdf" : data[0] == 'n' ? "fuzz.nt" : "fuzz.ttl";
    vocab *v = vocab_new();
    verr err;
    if (skos_load_data(v, name, (const char *)data + 1, size - 1, &err) != 0 ||
        vocab_finish(v, &err) != 0) {
        fuzz_check_utf8("error", err.msg);
        vocab_free(v);
        return 0;
    }
    char *json = vocab_to_json(v);
    vocab *back = vocab_from_json(json, -1, &err);
    FUZZ_CHECK(back != NULL, "compiled vocabulary unreadable: %s", err.msg);
    FUZZ_CHECK(strcmp(vocab_digest(back), vocab_digest(v)) == 0, "digest changes read back");
    char *again = vocab_to_json(back);
    FUZZ_CHECK(strcmp(again, json) == 0, "JSON changes read back:\n%s\n%s", json, again);
    use(back);
    g_free(again);
    vocab_free(back);
    g_free(json);
    vocab_free(v);
    return 0;
}
