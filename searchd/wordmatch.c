/* wordmatch.c - which of a search's wanted words a word of a text is (wordmatch.h). */
#include "wordmatch.h"
#include "text.h"

#include <string.h>

/* What an ASCII word of the text must look like to be one of the wanted
 * normal forms, checked before folding it: its first letter in lower
 * case, and its length (the singular drops at most one byte: "locaux",
 * "fichiers"). */
typedef struct {
    guint64 lengths;    /* bit n: some wanted word is n or n - 1 bytes long */
    guint64 firsts[2];  /* bit c: some wanted word starts with ASCII c */
    gboolean off;       /* a wanted word the sieve cannot describe */
} word_sieve;

struct wordmatch {
    GHashTable *wanted; /* normal form (owned) -> bits */
    word_sieve sieve;
    GString *form;      /* the word being looked up, in normal form */
};

wordmatch *wordmatch_new(void)
{
    wordmatch *m = g_new0(wordmatch, 1);
    m->wanted = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    m->form = g_string_sized_new(64);
    return m;
}

void wordmatch_free(wordmatch *m)
{
    if (m == NULL)
        return;
    g_hash_table_unref(m->wanted);
    g_string_free(m->form, TRUE);
    g_free(m);
}

static void sieve_add(word_sieve *sv, const char *w)
{
    size_t n = strlen(w);
    unsigned char c = (unsigned char)w[0];
    if (n == 0 || n + 1 >= 64 || c >= 0x80) {
        sv->off = TRUE;
        return;
    }
    sv->lengths |= (guint64)3 << n;
    sv->firsts[c >> 6] |= (guint64)1 << (c & 63);
}

/* FALSE when the ASCII word of n bytes at s cannot be a wanted one. */
static gboolean sieve_passes(const word_sieve *sv, const char *s, size_t n)
{
    unsigned char c = (unsigned char)g_ascii_tolower(s[0]);
    return sv->off || (n < 64 && (sv->lengths >> n & 1) && (sv->firsts[c >> 6] >> (c & 63) & 1));
}

void wordmatch_add(wordmatch *m, const char *w, guint32 bits)
{
    gpointer had = NULL;
    if (g_hash_table_lookup_extended(m->wanted, w, NULL, &had)) {
        g_hash_table_insert(m->wanted, g_strdup(w), GUINT_TO_POINTER(GPOINTER_TO_UINT(had) | bits));
        return;
    }
    g_hash_table_insert(m->wanted, g_strdup(w), GUINT_TO_POINTER(bits));
    sieve_add(&m->sieve, w);
}

guint wordmatch_size(const wordmatch *m) { return g_hash_table_size(m->wanted); }

guint32 wordmatch_lookup(wordmatch *m, const char *s, gsize len, gboolean ascii)
{
    if (len == 0 || (ascii && !sieve_passes(&m->sieve, s, len)))
        return 0;
    g_string_truncate(m->form, 0);
    text_fold_append(m->form, s, (gssize)len);
    g_string_truncate(m->form, text_singular(m->form->str, m->form->len));
    return GPOINTER_TO_UINT(g_hash_table_lookup(m->wanted, m->form->str));
}
