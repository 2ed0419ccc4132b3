/* test_clients.c - real client addresses behind trusted proxies, and the
 * shares of connections and requests each client may hold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <glib.h>
#include <string.h>

#include "clients.h"

static struct sockaddr_in addr(const char *ip)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    inet_pton(AF_INET, ip, &sa.sin_addr);
    return sa;
}

static void test_trusted_list(void **state)
{
    (void)state;
    verr err;
    clients *cl = clients_new("127.0.0.1, 10.0.0.0/8;192.168.1.0/24", 4, &err);
    assert_non_null(cl);
    const char *yes[] = { "127.0.0.1", "10.200.3.4", "192.168.1.77" };
    const char *no[] = { "127.0.0.2", "11.0.0.1", "192.168.2.1" };
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
        struct sockaddr_in a = addr(yes[i]);
        assert_true(clients_trusted(cl, (struct sockaddr *)&a));
    }
    for (size_t i = 0; i < G_N_ELEMENTS(no); i++) {
        struct sockaddr_in a = addr(no[i]);
        assert_false(clients_trusted(cl, (struct sockaddr *)&a));
    }
    clients_free(cl);
    assert_null(clients_new("127.0.0.1, proxy.example", 4, &err));
    assert_non_null(strstr(err.msg, "proxy.example"));
    assert_null(clients_new("10.0.0.0/33", 4, &err));
    cl = clients_new(NULL, 4, &err); /* none trusted */
    struct sockaddr_in lo = addr("127.0.0.1");
    assert_false(clients_trusted(cl, (struct sockaddr *)&lo));
    clients_free(cl);
}

static void test_forwarded_for(void **state)
{
    (void)state;
    verr err;
    clients *cl = clients_new("127.0.0.1, 10.0.0.0/8", 4, &err);
    struct sockaddr_in proxy = addr("127.0.0.1"), other = addr("203.0.113.9");
    const struct { const struct sockaddr_in *peer; const char *xff, *client; } cases[] = {
        { &proxy, "198.51.100.7", "198.51.100.7" },
        { &proxy, "6.6.6.6, 198.51.100.7, 10.1.1.1", "198.51.100.7" }, /* the rightmost untrusted */
        { &proxy, "10.1.1.1, 10.2.2.2", "10.1.1.1" },                   /* all trusted: the first */
        { &proxy, "garbage", "127.0.0.1" },
        { &proxy, NULL, "127.0.0.1" },
        { &other, "198.51.100.7", "203.0.113.9" },                      /* not a proxy: ignored */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *who = clients_address(cl, (const struct sockaddr *)cases[i].peer, cases[i].xff);
        assert_string_equal(who, cases[i].client);
        g_free(who);
    }
    clients_free(cl);
}

static void test_shares(void **state)
{
    (void)state;
    verr err;
    clients *cl = clients_new("127.0.0.1", 2, &err);
    struct sockaddr_in a = addr("198.51.100.7"), proxy = addr("127.0.0.1");
    const struct sockaddr *pa = (const struct sockaddr *)&a, *pp = (const struct sockaddr *)&proxy;
    assert_true(clients_may_connect(cl, pa));
    clients_connected(cl, pa);
    clients_connected(cl, pa);
    assert_false(clients_may_connect(cl, pa));
    clients_disconnected(cl, pa);
    assert_true(clients_may_connect(cl, pa));
    for (int i = 0; i < 10; i++) /* a trusted proxy is never counted */
        clients_connected(cl, pp);
    assert_true(clients_may_connect(cl, pp));
    assert_true(clients_request_begin(cl, "203.0.113.1"));
    assert_true(clients_request_begin(cl, "203.0.113.1"));
    assert_false(clients_request_begin(cl, "203.0.113.1"));
    assert_true(clients_request_begin(cl, "203.0.113.2"));
    clients_request_end(cl, "203.0.113.1");
    assert_true(clients_request_begin(cl, "203.0.113.1"));
    clients_request_end(cl, "nobody"); /* unmatched ends are harmless */
    clients_free(cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trusted_list),
        cmocka_unit_test(test_forwarded_for),
        cmocka_unit_test(test_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
