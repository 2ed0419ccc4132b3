/* test_render.c - the two renderings of a search result: the JSON answer
 * (fields in the API's order, nulls, the time added last and "cached"
 * after it) and the Atom feed (entries, categories, escaped values, the
 * snippet as HTML when there is no summary); and a document's JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "feed.h"
#include "render_json.h"

static docmeta *doc(const char *id, const char *title, const char *date, const char *summary)
{
    docmeta *m = docmeta_new();
    docmeta_set(&m->id, id);
    docmeta_set(&m->path, "/srv/secret/path.pdf");
    docmeta_set(&m->title, title);
    docmeta_set(&m->title_source, title != NULL ? "metadata" : NULL);
    docmeta_set(&m->date, date);
    docmeta_set(&m->mime, "application/pdf");
    docmeta_set(&m->lang, "fr");
    docmeta_set(&m->summary, summary);
    /* A arrived in the collection recently; B is a record older than arrival times */
    if (strcmp(id, "00000000000000aa") == 0)
        docmeta_set(&m->added, "2026-11-30T08:15:00Z");
    docmeta_add(m->authors, "Anne Martin");
    m->pages = 2;
    docmeta_add_tag(m, "theme", "nutrition", "Nutrition", 3.5, "auto", "« nutrition » ×3");
    docmeta_add_tag(m, "region", "bretagne", "Bretagne", 0, "manual", NULL);
    docmeta_add_tag(m, "town", "brest", "Brest", 1, "auto", NULL);
    return m;
}

static search_result *result(void)
{
    search_result *r = search_result_new();
    r->total = 2;
    r->total_exact = TRUE;
    r->entries = 1; /* two versions of one report */
    r->page = 1;
    r->per_page = 10;
    r->query = g_strdup("cls <b>");
    GPtrArray *also = g_ptr_array_new();
    g_ptr_array_add(also, "Contrat local de santé");
    search_result_add_expansion(r, "cls", "contrat-local-de-sante", "Contrat local de santé",
                                "theme", also);
    g_ptr_array_unref(also);
    search_result_add_hit(r, doc("00000000000000aa", "Guide & nutrition", "2016-09", NULL),
                          g_strdup("le <mark>CLS</mark> &amp; la nutrition"), 12, 7.25, NULL);
    search_result_add_hit(r, doc("00000000000000bb", NULL, "2014", "Un résumé"), g_strdup(""),
                          0, 0, NULL);
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_insert(counts, g_strdup("2016"), GUINT_TO_POINTER(1));
    g_hash_table_insert(counts, g_strdup("2014"), GUINT_TO_POINTER(1));
    search_result_add_facet(r, "year", counts, TRUE, NULL, NULL);
    g_hash_table_unref(counts);
    return r;
}

static const char JSON_DOC_A[] =
    "{\"id\":\"00000000000000aa\",\"title\":\"Guide & nutrition\",\"authors\":[\"Anne Martin\"],"
    "\"organisation\":null,\"date\":\"2016-09\",\"added\":\"2026-11-30T08:15:00Z\",\"type\":null,"
    "\"mime\":\"application/pdf\","
    "\"lang\":\"fr\",\"summary\":null,\"source_url\":null,\"pages\":2,"
    "\"themes\":[{\"id\":\"nutrition\",\"label\":\"Nutrition\",\"source\":\"auto\"}],"
    "\"regions\":[{\"id\":\"bretagne\",\"label\":\"Bretagne\",\"source\":\"manual\"}],"
    "\"locations\":[{\"folder\":\"secret\",\"name\":\"path.pdf\"}],"
    "\"link\":\"/api/documents/00000000000000aa\"";

static void test_json(void **state)
{
    (void)state;
    search_result *r = result();
    char *body = render_json_search(r);
    char *timed = render_json_timed(body, 12.3456, FALSE);
    char *cached = render_json_timed(body, 0.25, TRUE);
    char *expected = g_strconcat(
        "{\"total\":2,\"total_exact\":true,\"entries\":1,\"page\":1,\"per_page\":10,\"query\":\"cls <b>\","
        "\"did_you_mean\":null,\"expansions\":[{\"matched\":\"cls\","
        "\"concept\":\"contrat-local-de-sante\",\"label\":\"Contrat local de santé\","
        "\"kind\":\"theme\",\"also_searched\":[\"Contrat local de santé\"]}],\"results\":[",
        JSON_DOC_A, ",\"snippet\":\"le <mark>CLS</mark> &amp; la nutrition\",\"page\":12,\"score\":7.25},"
        /* a record without a title (older than title inference): its file name */
        "{\"id\":\"00000000000000bb\",\"title\":\"Path\"", NULL);
    if (!g_str_has_prefix(body, expected))
        fail_msg("%s", body);
    assert_null(strstr(body, "/srv/secret"));          /* never a path */
    assert_null(strstr(body, "\"partial\""));          /* a whole index */
    assert_non_null(strstr(body, "\"facets\":{\"year\":[{\"value\":\"2014\",\"label\":\"2014\","
                                 "\"count\":1},{\"value\":\"2016\""));
    assert_true(g_str_has_suffix(body, "]}}"));
    assert_true(g_str_has_suffix(timed, "]},\"took_ms\":12.346}"));
    assert_true(g_str_has_suffix(cached, "]},\"took_ms\":0.250,\"cached\":true}"));
    assert_int_equal(strncmp(body, timed, strlen(body) - 1), 0);
    g_free(expected);
    g_free(cached);
    g_free(timed);
    g_free(body);
    search_result_unref(r);
}

/* Shards that did not answer: said in the answer, never a silent total. */
static void test_partial_json(void **state)
{
    (void)state;
    search_result *r = result();
    guint missing = 2;
    r->shards = 4;
    r->missing_shards = g_array_new(FALSE, FALSE, sizeof(guint));
    g_array_append_val(r->missing_shards, missing);
    char *body = render_json_search(r);
    assert_non_null(strstr(body, ",\"partial\":{\"shards\":4,\"missing\":[2]},"));
    char *atom = feed_render(r, "https://veille.test", "/feed.atom?q=cls");
    assert_non_null(strstr(atom, "<subtitle>Résultats incomplets : 1 partie(s) de la collection "
                                 "sur 4 ne répondent pas en ce moment</subtitle>"));
    g_free(atom);
    g_free(body);
    search_result_unref(r);
}

static void test_document_json(void **state)
{
    (void)state;
    docmeta *m = doc("00000000000000aa", "Guide & nutrition", "2016-09", NULL);
    char *json = render_json_document(m);
    char *expected = g_strconcat(JSON_DOC_A, ",\"title_source\":\"metadata\",\"subject\":null,\"keywords\":null,"
        "\"charset\":null,\"size\":0,\"manual\":[],\"tags\":["
        "{\"facet\":\"theme\",\"id\":\"nutrition\",\"label\":\"Nutrition\",\"source\":\"auto\","
        "\"evidence\":\"« nutrition » ×3\",\"score\":3.5},"
        "{\"facet\":\"region\",\"id\":\"bretagne\",\"label\":\"Bretagne\",\"source\":\"manual\","
        "\"evidence\":null,\"score\":0.0},"
        "{\"facet\":\"town\",\"id\":\"brest\",\"label\":\"Brest\",\"source\":\"auto\","
        "\"evidence\":null,\"score\":1.0}],"
        "\"file\":\"/documents/00000000000000aa/file\"}", NULL);
    assert_string_equal(json, expected);
    g_free(expected);
    g_free(json);
    docmeta_free(m);
}

static void test_atom(void **state)
{
    (void)state;
    search_result *r = result();
    char *atom = feed_render(r, "https://veille.test", "/feed.atom?q=cls");
    static const char expected[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xml:lang=\"fr\" xmlns=\"http://www.w3.org/2005/Atom\">"
        "<id>urn:veille:feed:/feed.atom?q=cls</id><title>Veille – cls &lt;b&gt;</title>"
        "<updated>2026-11-30T08:15:00Z</updated>"
        "<link rel=\"self\" href=\"https://veille.test/feed.atom?q=cls\" type=\"application/atom+xml\"/>"
        "<link rel=\"alternate\" href=\"https://veille.test/?q=cls\" type=\"text/html\"/>"
        "<author><name>Veille – plateforme nationale des Ateliers santé ville</name></author>"
        "<generator>Veille</generator>"
        "<entry><id>urn:veille:document:00000000000000aa</id><title>Guide &amp; nutrition</title>"
        "<updated>2026-11-30T08:15:00Z</updated><published>2016-09-01T00:00:00Z</published>"
        "<link rel=\"alternate\" href=\"https://veille.test/?doc=00000000000000aa\" type=\"text/html\"/>"
        "<link rel=\"related\" href=\"https://veille.test/api/documents/00000000000000aa\" "
        "type=\"application/json\"/>"
        "<link rel=\"enclosure\" href=\"https://veille.test/documents/00000000000000aa/file\" "
        "type=\"application/pdf\"/>"
        "<author><name>Anne Martin</name></author>"
        "<category term=\"nutrition\" label=\"Nutrition\"/><category term=\"bretagne\" label=\"Bretagne\"/>"
        "<summary type=\"html\">le &lt;mark&gt;CLS&lt;/mark&gt; &amp;amp; la nutrition</summary></entry>"
        "<entry><id>urn:veille:document:00000000000000bb</id><title>Path</title>"
        "<updated>2014-01-01T00:00:00Z</updated><published>2014-01-01T00:00:00Z</published>"
        "<link rel=\"alternate\" href=\"https://veille.test/?doc=00000000000000bb\" type=\"text/html\"/>"
        "<link rel=\"related\" href=\"https://veille.test/api/documents/00000000000000bb\" "
        "type=\"application/json\"/>"
        "<link rel=\"enclosure\" href=\"https://veille.test/documents/00000000000000bb/file\" "
        "type=\"application/pdf\"/>"
        "<author><name>Anne Martin</name></author>"
        "<category term=\"nutrition\" label=\"Nutrition\"/><category term=\"bretagne\" label=\"Bretagne\"/>"
        "<summary>Un résumé</summary></entry></feed>\n";
    assert_string_equal(atom, expected);
    g_free(atom);
    search_result_unref(r);
    /* an empty result: the feed is as old as the epoch */
    search_result *none = search_result_new();
    atom = feed_render(none, "http://h", "/feed.atom");
    assert_non_null(strstr(atom, "<title>Veille – nouveaux documents</title>"
                                 "<updated>1970-01-01T00:00:00Z</updated>"));
    assert_null(strstr(atom, "<entry>"));
    g_free(atom);
    search_result_unref(none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_partial_json),
        cmocka_unit_test(test_document_json),
        cmocka_unit_test(test_atom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
