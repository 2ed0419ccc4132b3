/* test_routes.c - the route table: exact paths and placeholders, methods
 * (GET includes HEAD), a known path with another method told apart from
 * an unknown path, the token and metric name of each route, web files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "routes.h"

static void test_table(void **state)
{
    (void)state;
    static const struct {
        const char *method, *url;
        const char *metric;   /* NULL: unknown path */
        gboolean allowed, admin;
        const char *arg;
    } rows[] = {
        { "GET", "/api/search", "search", TRUE, FALSE, NULL },
        { "HEAD", "/api/search", "search", TRUE, FALSE, NULL },
        { "POST", "/api/search", "search", FALSE, FALSE, NULL },
        { "OPTIONS", "/api/search", "search", FALSE, FALSE, NULL },
        { "GET", "/api/searchx", NULL, FALSE, FALSE, NULL },
        { "GET", "/api/search/", NULL, FALSE, FALSE, NULL },
        { "GET", "/feed.atom", "feed", TRUE, FALSE, NULL },
        { "GET", "/api/documents/0123456789abcdef", "document", TRUE, FALSE, "0123456789abcdef" },
        { "PATCH", "/api/documents/0123456789abcdef", "document", TRUE, TRUE, "0123456789abcdef" },
        { "DELETE", "/api/documents/0123456789abcdef", "document", TRUE, TRUE, "0123456789abcdef" },
        { "PUT", "/api/documents/x", "document", FALSE, FALSE, "x" },
        { "GET", "/api/documents/../etc/passwd", "document", TRUE, FALSE, "../etc/passwd" },
        { "GET", "/api/documents/0123456789abcdef/reading", "reading", TRUE, FALSE, "0123456789abcdef" },
        { "GET", "/api/admin/demand", "admin", TRUE, TRUE, NULL },
        { "GET", "/api/documents/", "document", TRUE, FALSE, "" },
        { "POST", "/api/documents", "upload", TRUE, TRUE, NULL },
        { "GET", "/api/documents", "upload", FALSE, TRUE, NULL },
        { "GET", "/documents/0123456789abcdef/file", "file", TRUE, FALSE, "0123456789abcdef" },
        { "GET", "/documents/a/b/file", "file", TRUE, FALSE, "a/b" },
        { "GET", "/documents/file", NULL, FALSE, FALSE, NULL },
        { "GET", "/documents/x", NULL, FALSE, FALSE, NULL },
        { "GET", "/api/admin/status", "admin", TRUE, TRUE, NULL },
        { "GET", "/api/admin/x", NULL, FALSE, FALSE, NULL },
        { "GET", "/healthz", "healthz", TRUE, FALSE, NULL },
        { "GET", "/metrics", "metrics", TRUE, FALSE, NULL },
        { "GET", "/api/suggest", "suggest", TRUE, FALSE, NULL },
        { "GET", "/api/thesaurus", "thesaurus", TRUE, FALSE, NULL },
        { "GET", "/opensearch.xml", "opensearch", TRUE, FALSE, NULL },
        { "GET", "/", "static", TRUE, FALSE, NULL },
        { "GET", "/admin", "static", TRUE, FALSE, NULL },
        { "GET", "/widget.js", "static", TRUE, FALSE, NULL },
        { "GET", "/static/app.js", "static", TRUE, FALSE, NULL },
        { "POST", "/static/app.js", "static", FALSE, FALSE, NULL },
        { "GET", "/static/App.js", NULL, FALSE, FALSE, NULL },
        { "GET", "/static/../etc.js", NULL, FALSE, FALSE, NULL },
        { "GET", "/admin/", NULL, FALSE, FALSE, NULL },
        { "GET", "/nowhere", NULL, FALSE, FALSE, NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        route_found f;
        routes_find(rows[i].method, rows[i].url, &f);
        const char *what = rows[i].url;
        if (rows[i].metric == NULL) {
            if (f.route != NULL)
                fail_msg("%s %s: found %s", rows[i].method, what, f.route->metric);
            assert_null(f.arg);
            continue;
        }
        if (f.route == NULL)
            fail_msg("%s %s: unknown", rows[i].method, what);
        assert_string_equal(f.route->metric, rows[i].metric);
        if (f.allowed != rows[i].allowed)
            fail_msg("%s %s: allowed %d", rows[i].method, what, f.allowed);
        if (rows[i].allowed)
            assert_int_equal(f.route->admin, rows[i].admin);
        if (rows[i].arg == NULL)
            assert_null(f.arg);
        else
            assert_string_equal(f.arg, rows[i].arg);
        g_free(f.arg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
