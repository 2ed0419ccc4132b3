/* test_textchunks.c - a text cut into stored passages: pages at form
 * feeds, other texts at a space near TEXT_CHUNK_BYTES, never inside a
 * character, the passages giving the text back; the passage start list
 * read back, refused when malformed; positions mapped to passages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "textchunks.h"

/* The passages of c joined again (a form feed between pages). */
static char *join(const text_chunks *c, const char *text)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < c->chunks->len; i++) {
        const text_chunk *k = &g_array_index(c->chunks, text_chunk, i);
        if (i > 0 && c->paged)
            g_string_append_c(out, '\f');
        g_string_append_len(out, text + k->offset, (gssize)k->len);
    }
    return g_string_free(out, FALSE);
}

static void test_pages(void **state)
{
    (void)state;
    const char *text = "un\n\f\ndeux\n\f\n\f\nquatre";
    text_chunks *c = text_chunks_split(text, 1024);
    assert_true(c->paged);
    assert_int_equal(c->chunks->len, 4); /* the empty third page counts */
    assert_int_equal(g_array_index(c->chunks, text_chunk, 2).len, 1);
    char *back = join(c, text);
    assert_string_equal(back, text);
    g_free(back);
    text_chunks_free(c);
}

static void test_passages(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    while (s->len < 3 * TEXT_CHUNK_BYTES)
        g_string_append(s, "santé mentale ");
    text_chunks *c = text_chunks_split(s->str, G_MAXSIZE);
    assert_false(c->paged);
    assert_true(c->chunks->len >= 3 && c->chunks->len <= 4);
    for (guint i = 0; i < c->chunks->len; i++) {
        const text_chunk *k = &g_array_index(c->chunks, text_chunk, i);
        assert_true(k->len <= TEXT_CHUNK_BYTES);
        assert_true(g_utf8_validate(s->str + k->offset, (gssize)k->len, NULL));
        if (i + 1 < c->chunks->len) /* cut after a space */
            assert_int_equal(s->str[k->offset + k->len - 1], ' ');
    }
    char *back = join(c, s->str);
    assert_string_equal(back, s->str);
    g_free(back);
    text_chunks_free(c);

    /* no space at all: cut between characters; past max_bytes: not stored */
    GString *e = g_string_new(NULL);
    while (e->len < 2 * TEXT_CHUNK_BYTES)
        g_string_append(e, "é");
    c = text_chunks_split(e->str, TEXT_CHUNK_BYTES + 1);
    assert_int_equal(c->covered, TEXT_CHUNK_BYTES);
    for (guint i = 0; i < c->chunks->len; i++) {
        const text_chunk *k = &g_array_index(c->chunks, text_chunk, i);
        assert_true(g_utf8_validate(e->str + k->offset, (gssize)k->len, NULL));
    }
    text_chunks_free(c);
    g_string_free(e, TRUE);
    g_string_free(s, TRUE);
}

static void test_starts(void **state)
{
    (void)state;
    const guint32 starts[] = { 3, 10, 10, 25 };
    char *v = text_chunks_encode_starts(TRUE, starts, 3);
    assert_string_equal(v, "p3,10,10,25");
    gboolean paged = FALSE;
    guint32 *back = NULL;
    guint n = 0;
    assert_true(text_chunks_decode_starts(v, strlen(v), &paged, &back, &n));
    assert_true(paged);
    assert_int_equal(n, 3);
    assert_memory_equal(back, starts, sizeof starts);
    /* positions 4..10 are passage 0, none in the empty passage 1, 11..25 in 2 */
    assert_int_equal(text_chunks_of_position(back, n, 3), -1); /* a title word */
    assert_int_equal(text_chunks_of_position(back, n, 4), 0);
    assert_int_equal(text_chunks_of_position(back, n, 10), 0);
    assert_int_equal(text_chunks_of_position(back, n, 11), 2);
    assert_int_equal(text_chunks_of_position(back, n, 25), 2);
    assert_int_equal(text_chunks_of_position(back, n, 26), -1); /* past the stored text */
    g_free(back);
    g_free(v);
    const char *bad[] = { "", "p", "x1,2", "p1", "p5,4", "p1,,2", "c1,2x", "p99999999999,1" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_false(text_chunks_decode_starts(bad[i], strlen(bad[i]), &paged, &back, &n));
        assert_null(back);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_passages),
        cmocka_unit_test(test_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
