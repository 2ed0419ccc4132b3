/* match.c - label matching over word tokens (match.h). */
#include "match.h"
#include "text.h"

#include <string.h>

enum {
    TOK_UPPER = 1, /* every letter upper case (and at least two letters) */
    TOK_CAP = 2,   /* starts with an upper-case letter */
    TOK_HYPHEN = 4 /* a hyphen follows it: the name goes on ("Puy-de-Dôme") */
};

typedef struct {
    guint32 off;      /* folded form in the token buffer */
    guint32 soff;     /* its singular, for an upper-case word ("PAYS" -> "pay"); else off */
    guint32 len;
    gsize start, end; /* bytes in the source text */
    guint8 flags;
    guint8 letters;   /* letters in the word, up to 255 */
} token;

typedef struct {
    GString *chars;   /* folded tokens, NUL-separated */
    GArray *tokens;   /* of token */
} token_list;

/* A label cut into tokens.  Concepts share it whatever their case rules:
 * the acronym "ARS" and the town "Ars" are one entry, each concept with
 * what it requires of the text's words. */
typedef struct {
    const char *label;                 /* borrowed from the vocab */
    GPtrArray *words;                  /* of char *, folded */
    GPtrArray *concepts;               /* of vocab_concept * sharing the label */
    GPtrArray *needs;                  /* per concept: guint8[words], TOK_UPPER / TOK_CAP
                                        * required of each word (strict mode) */
    GPtrArray *letters;                /* per concept: guint8[words], each word's letters
                                        * as the label writes it: a place's name is
                                        * matched as written, never as a plural ("LEN"
                                        * is not "Lens"; strict mode) */
    gboolean ends_name;                /* a commune's name with its article, or
                                        * contracted: its last word ends the name
                                        * ("du Puy" is not "du Puy-de-Dôme") */
} label_entry;

struct matcher {
    const vocab *v;
    /* a label's first word, or its first two words joined by KEY_JOIN ("la\001roche"):
     * thousands of communes start with "la", "le" or "saint", which a scan
     * meets at every "la" */
    GHashTable *by_first;   /* key -> GPtrArray of label_entry *, longest first */
    GPtrArray *entries;     /* of label_entry *, owned */
    guint max_concepts;     /* the most concepts an entry has */
    GPtrArray *made;        /* of char *, owned: labels made here (add_article_forms) */
};

/* ---- Tokens ------------------------------------------------------------------ */

static void end_token(token_list *tl, token *t, gsize end, guint letters, guint uppers)
{
    t->end = end;
    t->letters = (guint8)MIN(letters, 255u);
    if (letters >= 2 && uppers == letters)
        t->flags |= TOK_UPPER;
    gsize raw = tl->chars->len - t->off;
    gsize one = text_singular(tl->chars->str + t->off, raw);
    t->soff = t->off;
    if (!(t->flags & TOK_UPPER)) /* "soins" -> "soin", "locaux" -> "local" */
        g_string_truncate(tl->chars, t->off + one);
    t->len = (guint32)(tl->chars->len - t->off);
    g_string_append_c(tl->chars, '\0');
    if ((t->flags & TOK_UPPER) && one < raw) {
        /* an acronym stays as written ("ARS"), but "PAYS DE LA LOIRE" and
         * "HAUTS-DE-FRANCE" are labels in capitals: keep the singular too */
        t->soff = (guint32)tl->chars->len;
        g_string_append_len(tl->chars, tl->chars->str + t->off, (gssize)one);
        g_string_append_c(tl->chars, '\0');
    }
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
            if (c == '-' || c == 0x2010 || c == 0x2011)
                t.flags |= TOK_HYPHEN;
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

#define KEY_JOIN '\001'
#define KEY_MAX 256

/* The key of words a (and b, may be NULL) into buf; FALSE when too long. */
static gboolean make_key(char buf[KEY_MAX], const char *a, const char *b)
{
    gsize na = strlen(a), nb = b != NULL ? strlen(b) : 0;
    if (na + nb + 2 > KEY_MAX)
        return FALSE;
    memcpy(buf, a, na);
    if (b != NULL) {
        buf[na] = KEY_JOIN;
        memcpy(buf + na + 1, b, nb);
        na += nb + 1;
    }
    buf[na] = '\0';
    return TRUE;
}

/* ---- Building ------------------------------------------------------------------ */

static void entry_free(gpointer p)
{
    label_entry *e = p;
    g_ptr_array_unref(e->words);
    g_ptr_array_unref(e->concepts);
    g_ptr_array_unref(e->needs);
    g_ptr_array_unref(e->letters);
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

/* Adds label for concept c, sharing the entry of an identical label;
 * returns its entry (borrowed), NULL for a label without words. */
static label_entry *add_label(matcher *m, GHashTable *seen, const char *label,
                              const vocab_concept *c)
{
    token_list tl;
    tokenize(label, 0, &tl);
    if (tl.tokens->len == 0) {
        token_list_clear(&tl);
        return NULL;
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
        e->needs = g_ptr_array_new_with_free_func(g_free);
        e->letters = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < tl.tokens->len; i++)
            g_ptr_array_add(e->words, g_strdup(word_at(&tl, i)));
        g_ptr_array_add(m->entries, e);
        g_hash_table_insert(seen, g_strdup(key->str), e);
        char k[KEY_MAX];
        if (!make_key(k, g_ptr_array_index(e->words, 0),
                      e->words->len > 1 ? g_ptr_array_index(e->words, 1) : NULL))
            make_key(k, g_ptr_array_index(e->words, 0), NULL); /* a very long word: fails */
        GPtrArray *list = g_hash_table_lookup(m->by_first, k);
        if (list == NULL) {
            list = g_ptr_array_new();
            g_hash_table_insert(m->by_first, g_strdup(k), list);
        }
        g_ptr_array_add(list, e);
    }
    gboolean have = FALSE;
    for (guint i = 0; i < e->concepts->len; i++)
        have |= g_ptr_array_index(e->concepts, i) == c;
    if (!have) {
        guint8 *need = g_new0(guint8, tl.tokens->len), *letters = g_new0(guint8, tl.tokens->len);
        for (guint i = 0; i < tl.tokens->len; i++) {
            const token *t = &g_array_index(tl.tokens, token, i);
            letters[i] = t->letters;
            if (t->flags & TOK_UPPER)
                need[i] = TOK_UPPER;
            else if ((t->flags & TOK_CAP) && is_place(c->kind) &&
                     (t->letters >= 3 || tl.tokens->len == 1))
                need[i] = TOK_CAP; /* "Tours" the town, "Y" the commune; "La" may be "la" */
        }
        g_ptr_array_add(e->concepts, (gpointer)c);
        g_ptr_array_add(e->needs, need);
        g_ptr_array_add(e->letters, letters);
        m->max_concepts = MAX(m->max_concepts, e->concepts->len);
    }
    g_string_free(key, TRUE);
    token_list_clear(&tl);
    return e;
}

/* The population from which a commune named like a common word ("Le
 * Havre": un havre) is also looked for contracted ("capitainerie du Port",
 * "Porte des Lilas" are no Le Port, no Les Lilas). */
#define CONTRACTED_COMMON_MIN 50000

/* A commune named with its article ("Le Havre", "Les Abymes", "La
 * Rochelle"): its name ends where the text's does ("le Val-de-Marne", "le
 * Puy-de-Dôme" are departments, not Le Val, Le Puy), and after "de" and
 * "à" it is written contracted: "du Havre", "au Mans", "des Abymes", "aux
 * Abymes".  Marks entry, the town's label's, and adds those forms for c. */
static void add_article_forms(matcher *m, GHashTable *seen, label_entry *entry,
                              const vocab_concept *c)
{
    static const struct {
        const char *article, *forms[2];
    } articles[] = { { "Le ", { "du ", "au " } }, { "Les ", { "des ", "aux " } },
                     { "La ", { NULL, NULL } },   { "L'", { NULL, NULL } },
                     { "L’", { NULL, NULL } } };
    for (size_t i = 0; entry != NULL && i < G_N_ELEMENTS(articles); i++) {
        if (!g_str_has_prefix(c->pref, articles[i].article))
            continue;
        entry->ends_name = TRUE;
        /* "au Plan national", "du Val", "du Parc": a small commune named like a
         * word is not looked for in a capitalised noun after "du" */
        if ((c->flags & VOCAB_COMMON_WORD) && c->population < CONTRACTED_COMMON_MIN)
            return;
        const char *rest = c->pref + strlen(articles[i].article);
        for (size_t j = 0; j < G_N_ELEMENTS(articles[i].forms) && articles[i].forms[j]; j++) {
            char *form = g_strconcat(articles[i].forms[j], rest, NULL);
            g_ptr_array_add(m->made, form);
            label_entry *e = add_label(m, seen, form, c);
            if (e != NULL)
                e->ends_name = TRUE;
        }
        return;
    }
}

matcher *matcher_new(const vocab *v)
{
    matcher *m = g_new0(matcher, 1);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    m->v = v;
    m->by_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
    m->entries = g_ptr_array_new_with_free_func(entry_free);
    m->made = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < vocab_size(v); i++) {
        const vocab_concept *c = vocab_nth(v, i);
        /* a former region identical to a current one adds nothing */
        if (c->kind == VOCAB_FORMER_REGION && c->exact != NULL)
            continue;
        label_entry *pref = add_label(m, seen, c->pref, c);
        for (guint j = 0; j < c->alt->len; j++)
            add_label(m, seen, g_ptr_array_index(c->alt, j), c);
        if (c->kind == VOCAB_TOWN)
            add_article_forms(m, seen, pref, c);
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
    g_ptr_array_unref(m->made);
    g_free(m);
}

/* ---- Scanning -------------------------------------------------------------------- */

/* Whether the text's word t is the label's word w. */
static gboolean same_word(const token_list *tl, const token *t, const char *w)
{
    return strcmp(tl->chars->str + t->off, w) == 0 ||
           (t->soff != t->off && strcmp(tl->chars->str + t->soff, w) == 0);
}

/* Whether the word meets what a concept requires of it in strict mode. */
static gboolean meets(const token *t, guint8 need)
{
    return need == 0 || (t->flags & need) || (need == TOK_CAP && (t->flags & TOK_UPPER));
}

/* The concepts of e that the words at at stand for, into out (cleared);
 * FALSE when none.  In loose mode (queries), a town whose name is a common
 * word ("plan", "vue") is never meant. */
static gboolean entry_matches(const label_entry *e, const token_list *tl, guint at,
                              match_mode mode, GPtrArray *out)
{
    if (at + e->words->len > tl->tokens->len)
        return FALSE;
    for (guint k = 0; k < e->words->len; k++)
        if (!same_word(tl, &g_array_index(tl->tokens, token, at + k),
                       g_ptr_array_index(e->words, k)))
            return FALSE;
    if (e->ends_name &&
        (g_array_index(tl->tokens, token, at + e->words->len - 1).flags & TOK_HYPHEN))
        return FALSE;
    g_ptr_array_set_size(out, 0);
    for (guint i = 0; i < e->concepts->len; i++) {
        const vocab_concept *c = g_ptr_array_index(e->concepts, i);
        const guint8 *need = g_ptr_array_index(e->needs, i);
        const guint8 *letters = g_ptr_array_index(e->letters, i);
        gboolean ok = TRUE;
        if (mode == MATCH_LOOSE)
            ok = !(c->kind == VOCAB_TOWN && (c->flags & VOCAB_COMMON_WORD));
        for (guint k = 0; ok && mode == MATCH_STRICT && k < e->words->len; k++) {
            const token *t = &g_array_index(tl->tokens, token, at + k);
            /* an acronym is its letters as written, not their singular */
            ok = meets(t, need[k]) &&
                 (need[k] != TOK_UPPER ||
                  strcmp(tl->chars->str + t->off, g_ptr_array_index(e->words, k)) == 0) &&
                 (!is_place(c->kind) || t->letters == letters[k]);
        }
        if (ok)
            g_ptr_array_add(out, (gpointer)c);
    }
    /* "ARS" in capitals is the acronym, not the commune Ars */
    gboolean acronym = FALSE;
    for (guint i = 0; i < out->len && mode == MATCH_STRICT; i++)
        acronym |= ((const vocab_concept *)g_ptr_array_index(out, i))->kind == VOCAB_ACRONYM;
    for (guint i = out->len; acronym && i-- > 0;)
        if (is_place(((const vocab_concept *)g_ptr_array_index(out, i))->kind))
            g_ptr_array_remove_index(out, i);
    return out->len > 0;
}

/* The longest entry matching at word i (as written, or its singular for
 * a word in capitals), or NULL; its concepts into out, tmp a scratch. */
static const label_entry *entry_at(const matcher *m, const token_list *tl, guint i,
                                   match_mode mode, GPtrArray *out, GPtrArray *tmp)
{
    const token *t = &g_array_index(tl->tokens, token, i);
    const token *u = i + 1 < tl->tokens->len ? &g_array_index(tl->tokens, token, i + 1) : NULL;
    const char *firsts[2] = { tl->chars->str + t->off,
                              t->soff != t->off ? tl->chars->str + t->soff : NULL };
    const char *seconds[2] = { u != NULL ? tl->chars->str + u->off : NULL,
                               u != NULL && u->soff != u->off ? tl->chars->str + u->soff : NULL };
    const label_entry *found = NULL;
    char key[KEY_MAX];
    /* two-word keys first: their labels are the longer */
    for (int pass = 0; pass < 2; pass++)
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < (pass == 0 ? 2 : 1); b++) {
                if (firsts[a] == NULL || (pass == 0 && seconds[b] == NULL) ||
                    !make_key(key, firsts[a], pass == 0 ? seconds[b] : NULL))
                    continue;
                const GPtrArray *list = g_hash_table_lookup(m->by_first, key);
                for (guint j = 0; list != NULL && j < list->len; j++) {
                    const label_entry *e = g_ptr_array_index(list, j);
                    if (found != NULL && e->words->len <= found->words->len)
                        break; /* each list is longest first */
                    if (entry_matches(e, tl, i, mode, tmp)) {
                        found = e;
                        g_ptr_array_set_size(out, 0);
                        g_ptr_array_extend(out, tmp, NULL, NULL);
                        break;
                    }
                }
            }
    return found;
}

void matcher_scan(const matcher *m, const char *text, gsize max_bytes, match_mode mode,
                  match_fn fn, void *ud)
{
    token_list tl;
    GPtrArray *concepts = g_ptr_array_sized_new(m->max_concepts);
    GPtrArray *tmp = g_ptr_array_sized_new(m->max_concepts);
    tokenize(text, max_bytes, &tl);
    for (guint i = 0; i < tl.tokens->len;) {
        const label_entry *found = entry_at(m, &tl, i, mode, concepts, tmp);
        if (found == NULL) {
            i++;
            continue;
        }
        const token *first = &g_array_index(tl.tokens, token, i);
        const token *last = &g_array_index(tl.tokens, token, i + found->words->len - 1);
        match_hit hit = { (const vocab_concept *const *)concepts->pdata, concepts->len,
                          found->label, first->start, last->end };
        if (fn(&hit, ud) != 0)
            break;
        i += found->words->len;
    }
    g_ptr_array_unref(tmp);
    g_ptr_array_unref(concepts);
    token_list_clear(&tl);
}
