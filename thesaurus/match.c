/* match.c - label matching over word tokens (match.h). */
#include "match.h"
#include "text.h"

#include <string.h>

enum {
    TOK_UPPER = 1, /* every letter upper case (and at least two letters) */
    TOK_CAP = 2    /* starts with an upper-case letter */
};

typedef struct {
    guint32 off;      /* folded form in the token buffer */
    guint32 len;
    gsize start, end; /* bytes in the source text */
    guint8 flags;
    guint8 letters;   /* letters in the word, up to 255 */
} token;

typedef struct {
    GString *chars;   /* folded tokens, NUL-separated */
    GArray *tokens;   /* of token */
} token_list;

/* A label cut into tokens. */
typedef struct {
    const char *label;                 /* borrowed from the vocab */
    GPtrArray *words;                  /* of char *, folded */
    guint8 *need;                      /* per word: TOK_UPPER / TOK_CAP required (strict) */
    GPtrArray *concepts;               /* of vocab_concept * sharing the label */
} label_entry;

struct matcher {
    const vocab *v;
    GHashTable *by_first;   /* first word -> GPtrArray of label_entry *, longest first */
    GPtrArray *entries;     /* of label_entry *, owned */
};

/* ---- Tokens ------------------------------------------------------------------ */

static void end_token(token_list *tl, token *t, gsize end, guint letters, guint uppers)
{
    t->end = end;
    t->letters = (guint8)MIN(letters, 255u);
    if (letters >= 2 && uppers == letters)
        t->flags |= TOK_UPPER;
    if (!(t->flags & TOK_UPPER)) /* "soins" -> "soin", "locaux" -> "local" */
        g_string_truncate(tl->chars, t->off + text_singular(tl->chars->str + t->off,
                                                            tl->chars->len - t->off));
    t->len = (guint32)(tl->chars->len - t->off);
    g_string_append_c(tl->chars, '\0');
    g_array_append_val(tl->tokens, *t);
}

static void tokenize(const char *text, gsize max_bytes, token_list *tl)
{
    const char *p = text;
    const char *end = max_bytes > 0 ? text + max_bytes : NULL;
    gboolean in_token = FALSE;
    guint letters = 0, uppers = 0;
    token t = { 0 };

    tl->chars = g_string_sized_new(strlen(text) / 2 + 16);
    tl->tokens = g_array_new(FALSE, FALSE, sizeof(token));
    while (*p != '\0' && (end == NULL || p < end)) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (g_unichar_isalnum(c) || g_unichar_ismark(c)) {
            if (!in_token) {
                in_token = TRUE;
                memset(&t, 0, sizeof t);
                t.off = (guint32)tl->chars->len;
                t.start = (gsize)(p - text);
                letters = uppers = 0;
                if (g_unichar_isupper(c))
                    t.flags |= TOK_CAP;
            }
            if (g_unichar_isalpha(c)) {
                letters++;
                uppers += g_unichar_isupper(c) ? 1 : 0;
            }
            if (c < 0x80)
                g_string_append_c(tl->chars, g_ascii_tolower((char)c));
            else
                text_fold_char(tl->chars, c);
        } else if (in_token) {
            in_token = FALSE;
            end_token(tl, &t, (gsize)(p - text), letters, uppers);
        }
        p = next;
    }
    if (in_token)
        end_token(tl, &t, (gsize)(p - text), letters, uppers);
}

static void token_list_clear(token_list *tl)
{
    g_string_free(tl->chars, TRUE);
    g_array_unref(tl->tokens);
}

static const char *word_at(const token_list *tl, guint i)
{
    return tl->chars->str + g_array_index(tl->tokens, token, i).off;
}

/* ---- Building ------------------------------------------------------------------ */

static void entry_free(gpointer p)
{
    label_entry *e = p;
    g_ptr_array_unref(e->words);
    g_ptr_array_unref(e->concepts);
    g_free(e->need);
    g_free(e);
}

static int longest_first(gconstpointer a, gconstpointer b)
{
    const label_entry *x = *(label_entry *const *)a, *y = *(label_entry *const *)b;
    return (int)y->words->len - (int)x->words->len;
}

static gboolean is_place(vocab_kind k)
{
    return k == VOCAB_REGION || k == VOCAB_FORMER_REGION || k == VOCAB_DEPARTMENT ||
           k == VOCAB_TOWN;
}

/* Adds label for concept c, sharing the entry of an identical label. */
static void add_label(matcher *m, GHashTable *seen, const char *label, const vocab_concept *c)
{
    token_list tl;
    tokenize(label, 0, &tl);
    if (tl.tokens->len == 0) {
        token_list_clear(&tl);
        return;
    }
    GString *key = g_string_new(NULL);
    for (guint i = 0; i < tl.tokens->len; i++)
        g_string_append_printf(key, "%s%s", i > 0 ? " " : "", word_at(&tl, i));
    label_entry *e = g_hash_table_lookup(seen, key->str);
    if (e == NULL) {
        e = g_new0(label_entry, 1);
        e->label = label;
        e->words = g_ptr_array_new_with_free_func(g_free);
        e->concepts = g_ptr_array_new();
        e->need = g_new0(guint8, tl.tokens->len);
        for (guint i = 0; i < tl.tokens->len; i++) {
            const token *t = &g_array_index(tl.tokens, token, i);
            g_ptr_array_add(e->words, g_strdup(word_at(&tl, i)));
            if (t->flags & TOK_UPPER)
                e->need[i] = TOK_UPPER;
            else if ((t->flags & TOK_CAP) && is_place(c->kind) && t->letters >= 3)
                e->need[i] = TOK_CAP; /* "Tours" the town; "La" may be written "la" */
        }
        g_ptr_array_add(m->entries, e);
        g_hash_table_insert(seen, g_strdup(key->str), e);
        GPtrArray *list = g_hash_table_lookup(m->by_first, g_ptr_array_index(e->words, 0));
        if (list == NULL) {
            list = g_ptr_array_new();
            g_hash_table_insert(m->by_first, g_strdup(g_ptr_array_index(e->words, 0)), list);
        }
        g_ptr_array_add(list, e);
    }
    gboolean have = FALSE;
    for (guint i = 0; i < e->concepts->len; i++)
        have |= g_ptr_array_index(e->concepts, i) == c;
    if (!have)
        g_ptr_array_add(e->concepts, (gpointer)c);
    g_string_free(key, TRUE);
    token_list_clear(&tl);
}

matcher *matcher_new(const vocab *v)
{
    matcher *m = g_new0(matcher, 1);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    m->v = v;
    m->by_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
    m->entries = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < vocab_size(v); i++) {
        const vocab_concept *c = vocab_nth(v, i);
        /* a former region identical to a current one adds nothing */
        if (c->kind == VOCAB_FORMER_REGION && c->exact != NULL)
            continue;
        add_label(m, seen, c->pref, c);
        for (guint j = 0; j < c->alt->len; j++)
            add_label(m, seen, g_ptr_array_index(c->alt, j), c);
        for (guint j = 0; j < c->hidden->len; j++)
            add_label(m, seen, g_ptr_array_index(c->hidden, j), c);
    }
    GHashTableIter it;
    gpointer key, list;
    g_hash_table_iter_init(&it, m->by_first);
    while (g_hash_table_iter_next(&it, &key, &list))
        g_ptr_array_sort(list, longest_first);
    g_hash_table_unref(seen);
    return m;
}

void matcher_free(matcher *m)
{
    if (m == NULL)
        return;
    g_hash_table_unref(m->by_first);
    g_ptr_array_unref(m->entries);
    g_free(m);
}

/* ---- Scanning -------------------------------------------------------------------- */

static gboolean entry_matches(const label_entry *e, const token_list *tl, guint at,
                              match_mode mode)
{
    if (at + e->words->len > tl->tokens->len)
        return FALSE;
    for (guint k = 0; k < e->words->len; k++) {
        const token *t = &g_array_index(tl->tokens, token, at + k);
        if (strcmp(tl->chars->str + t->off, g_ptr_array_index(e->words, k)) != 0)
            return FALSE;
        if (mode == MATCH_STRICT && e->need[k] != 0 && !(t->flags & e->need[k]) &&
            !(e->need[k] == TOK_CAP && (t->flags & TOK_UPPER)))
            return FALSE;
    }
    return TRUE;
}

void matcher_scan(const matcher *m, const char *text, gsize max_bytes, match_mode mode,
                  match_fn fn, void *ud)
{
    token_list tl;
    tokenize(text, max_bytes, &tl);
    for (guint i = 0; i < tl.tokens->len;) {
        const GPtrArray *list = g_hash_table_lookup(m->by_first, word_at(&tl, i));
        const label_entry *found = NULL;
        for (guint j = 0; list != NULL && j < list->len && found == NULL; j++)
            if (entry_matches(g_ptr_array_index(list, j), &tl, i, mode))
                found = g_ptr_array_index(list, j);
        if (found == NULL) {
            i++;
            continue;
        }
        const token *first = &g_array_index(tl.tokens, token, i);
        const token *last = &g_array_index(tl.tokens, token, i + found->words->len - 1);
        match_hit hit = { (const vocab_concept *const *)found->concepts->pdata,
                          found->concepts->len, found->label, first->start, last->end };
        if (fn(&hit, ud) != 0)
            break;
        i += found->words->len;
    }
    token_list_clear(&tl);
}
