/* fuzz_snippet.c - highlighted passages (searchd/snippet.c).  Input: a
 * byte giving the passage length, then the user query up to the first
 * newline (valid UTF-8, as the daemon takes it), then the document's text
 * (cleaned as the indexer stores it).  Checks: the passage is valid UTF-8,
 * has no markup but balanced <mark> pairs (everything else is escaped),
 * and holds the query's words only as folded match forms. */
#include "fuzzutil.h"
#include "snippet.h"
#include "text.h"

#include <string.h>

static void check_markup(const char *snip)
{
    gboolean open = FALSE;
    for (const char *p = snip; *p != '\0'; p++) {
        if (g_str_has_prefix(p, "<mark>")) {
            FUZZ_CHECK(!open, "nested <mark> in \"%s\"", snip);
            open = TRUE;
            p += strlen("<mark>") - 1;
        } else if (g_str_has_prefix(p, "</mark>")) {
            FUZZ_CHECK(open, "</mark> without <mark> in \"%s\"", snip);
            open = FALSE;
            p += strlen("</mark>") - 1;
        } else {
            FUZZ_CHECK(*p != '<' && *p != '>' && *p != '"', "unescaped %c in \"%s\"", *p, snip);
        }
    }
    FUZZ_CHECK(!open, "unclosed <mark> in \"%s\"", snip);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    guint max_words = 1 + data[0] % 64;
    const char *rest = (const char *)data + 1, *nl = memchr(rest, '\n', size - 1);
    size_t qlen = nl != NULL ? (size_t)(nl - rest) : size - 1;
    char *q = fuzz_string((const uint8_t *)rest, qlen);
    if (strlen(q) != qlen || !g_utf8_validate(q, -1, NULL)) {
        g_free(q);
        return 0;
    }
    char *text = nl != NULL ? text_clean(nl + 1, (gssize)(size - 1 - qlen - 1)) : g_strdup("");

    GPtrArray *words = snippet_query_words(q);
    for (guint i = 0; i < words->len; i++) {
        const char *w = g_ptr_array_index(words, i);
        fuzz_check_utf8("query word", w);
        char *folded = text_fold(w, -1);
        FUZZ_CHECK(*w != '\0' && strcmp(folded, w) == 0, "query word \"%s\" is not folded", w);
        g_free(folded);
    }
    char *snip = snippet_make(text, words, max_words);
    fuzz_check_utf8("snippet", snip);
    check_markup(snip);

    g_free(snip);
    g_ptr_array_unref(words);
    g_free(text);
    g_free(q);
    return 0;
}
