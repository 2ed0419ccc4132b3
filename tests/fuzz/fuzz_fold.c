/* fuzz_fold.c - query folding: the text utilities of lib/text.c that turn
 * what a user types (or a document holds) into match text, the daemon's
 * query folding (searchd/query.c) and the thesaurus expansion of a query
 * (thesaurus/expand.c, searchd/expansion.c), on any bytes.  Checks: every
 * result is valid UTF-8; folding and slugs are idempotent (a folded query
 * is folded again after expansion); slugs hold letters, digits and single
 * inner '-'; squashed space has no run, no end blanks; a word's singular
 * is no longer than it; expansions each come with their query. */
#include "fuzzutil.h"
#include "expansion.h"
#include "query.h"
#include "text.h"

#include <string.h>

static xap_stem *stem;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    verr err;
    fuzz_vocab();
    if ((stem = xap_stem_new("french", &err)) == NULL)
        fuzz_fail("stemmer: %s", err.msg);
    return 0;
}

static void check_slug(const char *s)
{
    char *slug = text_slug(s);
    fuzz_check_utf8("slug", slug);
    FUZZ_CHECK(slug[0] != '-' && (slug[0] == '\0' || slug[strlen(slug) - 1] != '-') &&
               strstr(slug, "--") == NULL, "slug \"%s\"", slug);
    for (const char *p = slug; *p != '\0'; p = g_utf8_next_char(p))
        FUZZ_CHECK(*p == '-' || g_unichar_isalnum(g_utf8_get_char(p)), "slug \"%s\"", slug);
    char *again = text_slug(slug);
    FUZZ_CHECK(strcmp(again, slug) == 0, "slug \"%s\" slugs to \"%s\"", slug, again);
    g_free(again);
    g_free(slug);
}

static void check_fold(const char *s)
{
    char *folded = text_fold(s, -1);
    fuzz_check_utf8("folded", folded);
    char *again = text_fold(folded, -1);
    FUZZ_CHECK(strcmp(again, folded) == 0, "\"%s\" folds to \"%s\"", folded, again);
    const char *lang = text_guess_lang(folded);
    FUZZ_CHECK(strcmp(lang, "fr") == 0 || strcmp(lang, "en") == 0 || strcmp(lang, "und") == 0,
               "language %s", lang);
    g_free(again);
    g_free(folded);
}

static void check_squash(const char *s)
{
    char *sq = text_squash_space(s);
    fuzz_check_utf8("squashed", sq);
    size_t n = strlen(sq);
    FUZZ_CHECK(n == 0 || (!g_ascii_isspace(sq[0]) && !g_ascii_isspace(sq[n - 1])),
               "squashed \"%s\" has end blanks", sq);
    for (size_t i = 0; i + 1 < n; i++)
        FUZZ_CHECK(!g_ascii_isspace(sq[i]) || sq[i] == ' ', "squashed \"%s\"", sq);
    FUZZ_CHECK(strstr(sq, "  ") == NULL, "squashed \"%s\" has a run", sq);
    g_free(sq);
}

static void check_expansion(const char *q)
{
    for (int concept_terms = 0; concept_terms <= 1; concept_terms++) {
        query_expansion *qe = query_expansion_new(fuzz_vocab(), fuzz_matcher(), stem,
                                                  concept_terms, q);
        FUZZ_CHECK(qe != NULL, "no expansion of \"%s\"", q);
        fuzz_check_utf8("expanded", qe->text);
        const GPtrArray *mentions = qe->mentions->expansions;
        FUZZ_CHECK(qe->queries->len == mentions->len, "%u queries for %u mentions of \"%s\"",
                   qe->queries->len, mentions->len, q);
        for (guint i = 0; i < mentions->len; i++) {
            const expansion *e = g_ptr_array_index(mentions, i);
            FUZZ_CHECK(g_ptr_array_index(qe->queries, i) != NULL && e->concept != NULL &&
                       e->concepts->len > 0 && *e->matched != '\0',
                       "expansion %u of \"%s\"", i, q);
            fuzz_check_utf8("matched", e->matched);
        }
        char *folded = query_fold(qe->text, TRUE);
        fuzz_check_utf8("query_fold", folded);
        g_free(folded);
        query_expansion_free(qe);
    }
}

static void check_singular(const char *s)
{
    char *folded = text_fold(s, -1);
    size_t n = strlen(folded);
    size_t k = text_singular(folded, n);
    FUZZ_CHECK(k <= n && k == strlen(folded), "singular of %zu bytes is %zu", n, k);
    g_free(folded);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *display = text_to_utf8((const char *)data, size, NULL);
    fuzz_check_utf8("text_to_utf8", display);
    char *clean = text_clean((const char *)data, (gssize)size);
    fuzz_check_utf8("text_clean", clean);
    char *joined = text_dehyphenate(clean);
    fuzz_check_utf8("text_dehyphenate", joined);
    char *cut = g_strdup(clean);
    text_truncate_utf8(cut, size % 64);
    fuzz_check_utf8("text_truncate_utf8", cut);
    FUZZ_CHECK(strlen(cut) <= size % 64, "truncated to %zu bytes, not %zu", strlen(cut), size % 64);

    /* a query as the daemon takes it: valid UTF-8, else what the indexer would keep */
    char *raw = fuzz_string(data, size);
    const char *q = strlen(raw) == size && g_utf8_validate(raw, -1, NULL) ? raw : clean;
    check_fold(q);
    check_slug(q);
    check_squash(q);
    check_expansion(q);
    check_singular(q);

    g_free(raw);
    g_free(cut);
    g_free(joined);
    g_free(clean);
    g_free(display);
    return 0;
}
