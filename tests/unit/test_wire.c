/* test_wire.c - the extraction workers' replies (indexer/wire.h): a
 * document and a failure come back as they left, and a truncated or
 * unreadable reply is a failure, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "wire.h"

static void test_document_round_trip(void **state)
{
    (void)state;
    verr err;
    docmeta *m = docmeta_new();
    docmeta_set(&m->title, "Rapport « santé » – 2012");
    docmeta_set(&m->title_source, "font");
    docmeta_set(&m->mime, "application/pdf");
    docmeta_set(&m->text, "Texte du rapport.\nDeuxième ligne, avec un NUL après ? non.");
    docmeta_add(m->authors, "Anne Martin");
    m->pages = 12;
    GByteArray *out = wire_encode_document(m);
    docmeta *back = wire_decode(out->data, out->len, &err);
    assert_non_null(back);
    assert_string_equal(back->title, m->title);
    assert_string_equal(back->title_source, "font"); /* where it came from crosses too */
    assert_string_equal(back->mime, m->mime);
    assert_string_equal(back->text, m->text);
    assert_int_equal(back->pages, 12);
    assert_string_equal(g_ptr_array_index(back->authors, 0), "Anne Martin");
    docmeta_free(back);

    /* every cut of the reply fails cleanly, or decodes a shorter text */
    for (guint n = 0; n < out->len; n++) {
        verr_clear(&err);
        docmeta *cut = wire_decode(out->data, n, &err);
        if (cut == NULL)
            assert_int_not_equal(err.code, VERR_OK);
        docmeta_free(cut);
    }
    g_byte_array_unref(out);
    docmeta_free(m);
}

static void test_failure_round_trip(void **state)
{
    (void)state;
    verr e, err;
    verr_set(&e, VERR_UNSUPPORTED, "pdf", "PDF chiffré : mot de passe requis");
    GByteArray *out = wire_encode_failure(&e);
    assert_null(wire_decode(out->data, out->len, &err));
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_string_equal(err.msg, "PDF chiffré : mot de passe requis");
    g_byte_array_unref(out);
}

static void test_garbage(void **state)
{
    (void)state;
    verr err;
    static const char *const replies[] = { "", "X", "E", "E999\nhors limites", "O\x01" };
    for (size_t i = 0; i < G_N_ELEMENTS(replies); i++) {
        verr_clear(&err);
        assert_null(wire_decode((const guint8 *)replies[i], strlen(replies[i]), &err));
        assert_int_not_equal(err.code, VERR_OK);
    }
    /* a length larger than the reply */
    guint8 big[1 + 8 + 4] = { 'O' };
    uint64_t n = 1000;
    memcpy(big + 1, &n, sizeof n);
    memcpy(big + 9, "{}xx", 4);
    assert_null(wire_decode(big, sizeof big, &err));
    assert_int_equal(err.code, VERR_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_round_trip),
        cmocka_unit_test(test_failure_round_trip),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
