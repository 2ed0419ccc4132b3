/* fuzz_source.c - the place a source address names (thesaurus/source_place.c)
 * and a page's own address (indexer/extract_html.c), on any bytes: the
 * input as an address, as the host of one, and as the head of an HTML page
 * that gives it as its canonical link and saved-from comment.  Checks: a
 * place found is a region, former region, department or commune, and what
 * named it is valid UTF-8 that says its name; a page's address is an
 * http(s) one of valid UTF-8 with no space. */
#include "fuzzutil.h"
#include "extract.h"
#include "source_place.h"

#include <string.h>

static source_places *places;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    places = source_places_new(fuzz_vocab());
    return 0;
}

static void check_address(const char *url)
{
    char *how = NULL;
    const vocab_concept *c = source_places_find(places, url, &how);
    if (c == NULL) {
        FUZZ_CHECK(how == NULL, "no place, yet \"%s\"", how);
        return;
    }
    FUZZ_CHECK(c->kind == VOCAB_REGION || c->kind == VOCAB_FORMER_REGION ||
                   c->kind == VOCAB_DEPARTMENT || c->kind == VOCAB_TOWN,
               "\"%s\" names %s, no place", url, c->id);
    fuzz_check_utf8("how", how);
    FUZZ_CHECK(strstr(how, c->pref) != NULL, "\"%s\" does not say %s", how, c->pref);
    g_free(how);
}

static void check_page(const char *url)
{
    char *page = g_strdup_printf("<!-- saved from url=(0001)%s -->\n<html><head>"
                                 "<link rel=\"canonical\" href=\"%s\"></head>"
                                 "<body><p>Texte</p></body></html>", url, url);
    docmeta *m = docmeta_new();
    verr err;
    if (extract_html_data(page, strlen(page), "page.html", m, &err) == 0 &&
        m->source_url != NULL) {
        fuzz_check_utf8("source_url", m->source_url);
        FUZZ_CHECK(g_str_has_prefix(m->source_url, "http://") ||
                       g_str_has_prefix(m->source_url, "https://"),
                   "address \"%s\"", m->source_url);
        FUZZ_CHECK(strpbrk(m->source_url, " \t\n") == NULL, "address \"%s\"", m->source_url);
    }
    docmeta_free(m);
    g_free(page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    check_address(s);
    char *as_host = g_strconcat("https://", s, "/rapport.pdf", NULL);
    check_address(as_host);
    check_page(s);
    g_free(as_host);
    g_free(s);
    return 0;
}
