/* test_daemon_files.c - the daemon's small modules with logic of their
 * own: which addresses map to web files (static.c: fixed names, never a
 * path), the documentalist's token check and status page data (admin.c,
 * with her writes waiting and their outcomes), and the Prometheus text
 * (metrics.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "metrics.h"
#include "pending.h"
#include "static.h"
#include "writer.h"

static void test_static_names(void **state)
{
    (void)state;
    char buf[STATIC_NAME_MAX];
    static const struct { const char *url, *name; } rows[] = {
        { "/", "index.html" }, { "/admin", "admin.html" }, { "/widget.js", "widget.js" },
        { "/static/app.js", "app.js" }, { "/static/style.css", "style.css" },
        { "/static/../README.md", NULL }, { "/static/Makefile", NULL },
        { "/static/app.js.bak", NULL }, { "/static/.hidden.js", NULL },
        { "/static/a%2F..%2Fb.js", NULL }, { "/static/sous/app.js", NULL },
        { "/index.html", NULL }, { "/admin/", NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        const char *got = static_file_for(rows[i].url, buf, sizeof buf);
        if (rows[i].name == NULL && got != NULL)
            fail_msg("%s maps to %s", rows[i].url, got);
        if (rows[i].name != NULL && (got == NULL || strcmp(got, rows[i].name) != 0))
            fail_msg("%s maps to %s, not %s", rows[i].url, got ? got : "nothing", rows[i].name);
    }
    char *body = NULL;
    gsize len = 0;
    const char *type = NULL;
    verr err;
    assert_int_equal(static_read("/nonexistent", "app.js", &body, &len, &type, &err), -1);
    assert_int_equal(err.code, VERR_NOTFOUND);
}

static void test_admin_token(void **state)
{
    (void)state;
    assert_true(admin_authorised("Bearer jeton", "jeton"));
    assert_true(admin_authorised("bearer jeton", "jeton"));
    assert_false(admin_authorised("Bearer jeton2", "jeton"));
    assert_false(admin_authorised("Bearer jeto", "jeton"));
    assert_false(admin_authorised("jeton", "jeton"));
    assert_false(admin_authorised(NULL, "jeton"));
    assert_false(admin_authorised("Bearer ", ""));  /* no token configured: always refused */
    assert_false(admin_authorised("Bearer x", NULL));
}

static void test_admin_status(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-admin-XXXXXX");
    char *db = g_build_filename(dir, "index", NULL);
    index_writer *w = index_writer_open(db, NULL, &err);
    assert_non_null(w);
    assert_int_equal(index_writer_remember_failure(w, "/c/chiffre.pdf", 1, 2, "PDF chiffré", &err),
                     0);
    assert_int_equal(index_writer_record_run(w, "{\"added\":3}", &err), 0);
    assert_int_equal(index_writer_commit(w, &err), 0);
    index_writer_free(w);
    pending_request waiting = { .kind = PENDING_UPLOAD, .path = "/srv/depots/rapport.pdf" };
    pending_request done = { .kind = PENDING_DELETE, .doc_id = "0123456789abcdef" };
    assert_int_equal(pending_submit(db, &waiting, &err), 0);
    assert_int_equal(pending_submit(db, &done, &err), 0);
    pending_outcome o = { .name = done.name, .kind = PENDING_DELETE, .doc_id = done.doc_id,
                          .done = g_get_real_time() };
    verr_set(&o.err, VERR_NOTFOUND, "document", "document introuvable");
    assert_int_equal(pending_finish(db, &o, &err), 0);

    char *json = admin_status_json(db, &err);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"documents\":0"));
    assert_non_null(strstr(json, "\"runs\":[{\"added\":3}]"));
    assert_non_null(strstr(json, "\"reason\":\"PDF chiffré\""));
    assert_non_null(strstr(json, "\"kind\":\"upload\""));
    assert_non_null(strstr(json, "\"file\":\"rapport.pdf\"")); /* never the server's path */
    assert_null(strstr(json, "/srv/depots"));
    assert_non_null(strstr(json, "\"applied\":false"));
    assert_non_null(strstr(json, "\"message\":\"document introuvable\""));
    g_free(json);
    assert_null(admin_status_json("/nonexistent/index", &err));
    g_free(waiting.name);
    g_free(done.name);
    g_free(db);
    test_rmtree(dir);
    g_free(dir);
}

static void test_metrics(void **state)
{
    (void)state;
    metrics_record("search", 200, 0.002);
    metrics_record("search", 200, 0.004);
    metrics_record("search", 400, 0.001);
    response_cache_stats cs = { 5, 7, 2, 100, 1000 };
    char *text = metrics_render(42, &cs);
    assert_non_null(strstr(text, "veille_requests_total{route=\"search\",status=\"200\"} 2\n"));
    assert_non_null(strstr(text, "veille_requests_total{route=\"search\",status=\"400\"} 1\n"));
    assert_non_null(strstr(text, "veille_request_duration_seconds_count 3\n"));
    assert_non_null(strstr(text, "veille_documents 42\n"));
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_names),
        cmocka_unit_test(test_admin_token),
        cmocka_unit_test(test_admin_status),
        cmocka_unit_test(test_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
