/* test_demand.c - the searches asked, counted per day (searchd/demand.c):
 * a query is kept folded (accents, case, spaces do not count) with its
 * counts and nothing else; counts in memory and in the day files add up;
 * the queries that found nothing are listed apart; days past the
 * retention period are deleted, and a period of 0 keeps nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "demand.h"

static const demand_row *row(const GPtrArray *rows, guint i)
{
    assert_true(i < rows->len);
    return g_ptr_array_index(rows, i);
}

static void test_counts(void **state)
{
    (void)state;
    verr err;
    char *dir = test_tmpdir("veille-demand-XXXXXX");
    char *kept = g_build_filename(dir, "index.demand", NULL);
    demand *d = demand_new(kept);
    demand_record(d, "Santé mentale", 12);
    demand_record(d, "  sante   MENTALE ", 12);          /* the same search */
    demand_record(d, "quokka\trotnest", 0);              /* no tab reaches the file */
    demand_record(d, "Quokka Rotnest", 0);
    demand_record(d, "", 3);                              /* no query: not counted */
    demand_record(d, NULL, 3);
    assert_int_equal(demand_flush(d, 30, &err), 0);
    demand_record(d, "santé mentale", 0);                 /* after the flush: in memory */
    GPtrArray *frequent = NULL, *nothing = NULL;
    demand_report(d, 30, 10, &frequent, &nothing);
    assert_int_equal(frequent->len, 2);
    assert_string_equal(row(frequent, 0)->query, "sante mentale");
    assert_int_equal(row(frequent, 0)->asked, 3);         /* file + memory */
    assert_int_equal(row(frequent, 0)->found_nothing, 1);
    assert_string_equal(row(frequent, 1)->query, "quokka rotnest");
    assert_int_equal(nothing->len, 2);
    assert_string_equal(row(nothing, 0)->query, "quokka rotnest"); /* by times found nothing */
    g_ptr_array_unref(frequent);
    g_ptr_array_unref(nothing);
    /* the file holds the counts and the query, nothing more */
    GDateTime *now = g_date_time_new_now_utc();
    char *today = g_date_time_format(now, "%Y-%m-%d.tsv");
    char *path = g_build_filename(kept, today, NULL), *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    assert_non_null(strstr(text, "2\t0\tsante mentale\n"));
    assert_non_null(strstr(text, "2\t2\tquokka rotnest\n"));
    g_free(text);

    /* a day past the period is deleted at the next flush; a period of 0 keeps nothing */
    char *old = g_build_filename(kept, "2020-01-01.tsv", NULL);
    assert_true(g_file_set_contents(old, "5\t5\tancienne\n", -1, NULL));
    assert_int_equal(demand_flush(d, 30, &err), 0);
    assert_false(g_file_test(old, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
    demand_record(d, "encore", 1);
    assert_int_equal(demand_flush(d, 0, &err), 0);
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    demand_report(d, 30, 10, &frequent, &nothing);
    assert_int_equal(frequent->len, 0);
    g_ptr_array_unref(frequent);
    g_ptr_array_unref(nothing);

    g_free(old);
    g_free(path);
    g_free(today);
    g_date_time_unref(now);
    demand_free(d);
    g_free(kept);
    test_rmtree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
