/* fuzz_params.c - search request parameters (searchd/params.c) from any
 * query string: "key=value&key=value", split and percent-decoded as
 * libmicrohttpd does.  Checks: no crash or leak; a refusal is one French
 * UTF-8 message; an accepted request keeps every bound (distinct values
 * per filter and in all, value and query lengths, page sizes). */
#include "fuzzutil.h"
#include "params.h"

#include <string.h>

/* Decodes %XX and '+' in place, as libmicrohttpd does for arguments. */
static void unescape(char *s)
{
    char *out = s;
    for (char *p = s; *p != '\0'; p++) {
        if (*p == '+') {
            *out++ = ' ';
        } else if (*p == '%' && g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
            *out++ = (char)(g_ascii_xdigit_value(p[1]) * 16 + g_ascii_xdigit_value(p[2]));
            p += 2;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
}

static void check_list(const GPtrArray *list, guint *total)
{
    FUZZ_CHECK(list->len <= PARAMS_VALUES_MAX, "%u values in one filter", list->len);
    for (guint i = 0; i < list->len; i++) {
        const char *v = g_ptr_array_index(list, i);
        FUZZ_CHECK(*v != '\0' && strlen(v) <= PARAMS_VALUE_LEN, "value of %zu bytes", strlen(v));
        fuzz_check_utf8("value", v);
        for (guint j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(v, g_ptr_array_index(list, j)) != 0, "value \"%s\" twice", v);
    }
    *total += list->len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    char **pairs = g_strsplit(text, "&", -1);
    search_request req = { .page = 1, .per_page = 10 };
    params p;
    params_init(&p, &req);
    for (char **kv = pairs; *kv != NULL; kv++) {
        char *eq = strchr(*kv, '=');
        if (eq != NULL)
            *eq = '\0';
        unescape(*kv);
        if (eq != NULL)
            unescape(eq + 1);
        params_add(&p, *kv, eq != NULL ? eq + 1 : NULL);
    }
    char *bad = params_take_error(&p);
    if (bad != NULL) {
        fuzz_check_utf8("message", bad);
        FUZZ_CHECK(*bad != '\0', "an empty message");
    } else {
        guint total = 0;
        check_list(req.themes, &total);
        check_list(req.regions, &total);
        check_list(req.types, &total);
        check_list(req.years, &total);
        check_list(req.langs, &total);
        check_list(req.sources, &total);
        FUZZ_CHECK(total <= PARAMS_TOTAL_MAX, "%u values in all", total);
        FUZZ_CHECK(req.q == NULL || strlen(req.q) <= PARAMS_Q_LEN, "q of %zu bytes",
                   strlen(req.q));
        FUZZ_CHECK(req.page >= 1 && req.page <= 10000, "page %u", req.page);
        FUZZ_CHECK(req.per_page >= 1 && req.per_page <= SEARCH_PER_PAGE_MAX, "per_page %u",
                   req.per_page);
        (void)params_costly(&req);
    }
    g_free(bad);
    params_clear(&req);
    g_strfreev(pairs);
    g_free(text);
    return 0;
}
