/* text.c - charset conversion, clean-up and folding of French text
 * (see text.h).  Sections: charsets, display clean-up, folding, stop words
 * and language. */
#include "text.h"

#include <string.h>

/* ---- Charsets ------------------------------------------------------------ */

/* Windows-1252 code points for bytes 0x80..0x9F (0 where undefined: those
 * are read as the Latin-1 control character, then cleaned to a space). */
static const gunichar cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static char *decode_cp1252(const unsigned char *b, size_t len)
{
    GString *out = g_string_sized_new(len + len / 8 + 1);
    for (size_t i = 0; i < len; i++) {
        gunichar c = b[i];
        if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] != 0)
            c = cp1252_high[c - 0x80];
        g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

/* Counts well-formed multi-byte sequences and invalid bytes. */
static void utf8_census(const char *s, size_t len, size_t *good_multi, size_t *bad)
{
    const char *p = s, *end = s + len;
    *good_multi = 0;
    *bad = 0;
    while (p < end) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            (*bad)++;
            p++;
        } else {
            (*good_multi)++;
            p = g_utf8_next_char(p);
        }
    }
}

static char *nul_to_space(char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0')
            s[i] = ' ';
    return s;
}

char *text_to_utf8(const char *bytes, size_t len, text_charset *detected)
{
    text_charset cs = TEXT_CHARSET_UTF8;
    char *raw = NULL, *result = NULL;
    const unsigned char *u = (const unsigned char *)bytes;

    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        const char *from = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        gsize written = 0;
        raw = g_convert_with_fallback(bytes + 2, len - 2, "UTF-8", from, "\xEF\xBF\xBD",
                                      NULL, &written, NULL);
        if (raw != NULL) {
            cs = TEXT_CHARSET_UTF16;
            result = text_clean(nul_to_space(raw, written), written);
            goto done;
        }
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        bytes += 3;
        len -= 3;
    }
    raw = g_malloc(len + 1); /* not g_strndup: it stops at the first NUL */
    memcpy(raw, bytes, len);
    raw[len] = '\0';
    nul_to_space(raw, len);
    if (g_utf8_validate(raw, len, NULL)) {
        cs = TEXT_CHARSET_UTF8;
        result = text_clean(raw, len);
    } else {
        size_t good = 0, bad = 0;
        utf8_census(raw, len, &good, &bad);
        if (good > bad * 4) {
            cs = TEXT_CHARSET_UTF8_REPAIRED;
            result = text_clean(raw, len);
        } else {
            char *decoded = decode_cp1252((const unsigned char *)raw, len);
            cs = TEXT_CHARSET_CP1252;
            result = text_clean(decoded, -1);
            g_free(decoded);
        }
    }
done:
    g_free(raw);
    if (detected != NULL)
        *detected = cs;
    return result;
}

const char *text_charset_name(text_charset cs)
{
    switch (cs) {
    case TEXT_CHARSET_UTF8: return "utf-8";
    case TEXT_CHARSET_UTF8_REPAIRED: return "utf-8 (repaired)";
    case TEXT_CHARSET_UTF16: return "utf-16";
    case TEXT_CHARSET_CP1252: return "windows-1252";
    }
    return "unknown";
}

/* ---- Display clean-up ---------------------------------------------------- */

char *text_clean(const char *s, gssize len)
{
    char *valid = g_utf8_make_valid(s, len);
    /* GLib's composition step moves the rest of its buffer for each
     * character it composes: quadratic on a long text.  It is given pieces
     * of about 4 KiB instead, cut after an ASCII character (they never
     * compose with what follows). */
    GString *out = g_string_sized_new(strlen(valid) + 16);
    for (const char *piece = valid; *piece != '\0';) {
        const char *end = piece + strnlen(piece, 4096);
        while (*end != '\0' && (unsigned char)end[-1] >= 0x80 && end - piece < 16384)
            end++;
        /* no ASCII for a while: cut before a character that starts a new
         * combining sequence (a rare text; a very rare difference) */
        while (*end != '\0' && ((*end & 0xC0) == 0x80 ||
                                 g_unichar_combining_class(g_utf8_get_char(end)) != 0))
            end++;
        char *part = g_utf8_normalize(piece, end - piece, G_NORMALIZE_NFC);
        if (part != NULL) /* always, on valid input */
            g_string_append(out, part);
        g_free(part);
        piece = end;
    }
    g_free(valid);
    char *nfc = g_string_free(out, FALSE);
    for (char *p = nfc; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\f') || c == 0x7F)
            *p = ' ';
    }
    return nfc;
}

/* The character that ends out, or 0. */
static gunichar last_char(const GString *out)
{
    if (out->len == 0)
        return 0;
    const char *prev = g_utf8_find_prev_char(out->str, out->str + out->len);
    return prev != NULL ? g_utf8_get_char(prev) : 0;
}

char *text_dehyphenate(const char *s)
{
    GString *out = g_string_sized_new(strlen(s));
    const char *p = s;

    while (*p != '\0') {
        /* letter '-' [blanks] '\n' [blanks] lower-case letter: a split word */
        if (*p == '-' && g_unichar_isalpha(last_char(out))) {
            const char *q = p + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r')
                q++;
            if (*q == '\n') {
                q++;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (g_unichar_islower(g_utf8_get_char(q))) {
                    p = q;
                    continue;
                }
            }
        }
        g_string_append_c(out, *p++);
    }
    return g_string_free(out, FALSE);
}

/* ---- Folding ------------------------------------------------------------- */

static gboolean is_apostrophe_or_space(gunichar c)
{
    switch (c) {
    case 0x2019: case 0x2018: case 0x02BC: case 0x2032: case 0x00B4: case 0x0060:
    case 0x00A0: case 0x202F: case 0x2007: case 0x2009: case 0x200A: case 0x3000:
        return TRUE;
    default:
        return FALSE;
    }
}

/* The match form of one character of a full decomposition. */
static void fold_decomposed(GString *out, gunichar c)
{
    switch (c) {
    case 0x0152: case 0x0153: g_string_append(out, "oe"); return;
    case 0x00C6: case 0x00E6: g_string_append(out, "ae"); return;
    case 0x00DF: case 0x1E9E: g_string_append(out, "ss"); return;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: return;
    default: break;
    }
    if (c == '\'' || is_apostrophe_or_space(c))
        g_string_append_c(out, ' ');
    else if (c < 0x80) /* e.g. "ﬁ" -> "fi", "²" -> "2" */
        g_string_append_c(out, g_ascii_tolower((char)c));
    else if (!g_unichar_ismark(c))
        g_string_append_unichar(out, g_unichar_tolower(c));
}

/* Each character of the decomposition gets the whole treatment, so that
 * folding folded text changes nothing: "‴" decomposes to three primes,
 * apostrophes, and "ǣ" to "æ" and a macron. */
void text_fold_char(GString *out, gunichar c)
{
    gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose(c, TRUE, d, G_N_ELEMENTS(d));
    for (gsize i = 0; i < n; i++)
        fold_decomposed(out, d[i]);
}

static gboolean is_word_char(gunichar c)
{
    return c < 0x80 ? g_ascii_isalnum((char)c) : g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* The character at p, and where the next one starts (ASCII without a
 * call: most text scanned is ASCII). */
static gunichar char_at(const char *p, const char **next)
{
    if ((unsigned char)*p < 0x80) {
        *next = p + 1;
        return (unsigned char)*p;
    }
    *next = g_utf8_next_char(p);
    return g_utf8_get_char(p);
}

const char *text_next_word(const char *p, const char *limit, const char **start, gboolean *ascii)
{
    const char *next;
    gboolean all_ascii = TRUE;
    while (p < limit && *p != '\0' && !is_word_char(char_at(p, &next)))
        p = next;
    *start = p;
    while (p < limit && *p != '\0' && is_word_char(char_at(p, &next))) {
        all_ascii &= next == p + 1;
        p = next;
    }
    if (ascii != NULL)
        *ascii = all_ascii;
    return p;
}

void text_fold_append(GString *out, const char *s, gssize len)
{
    size_t n = len < 0 ? strlen(s) : (size_t)len;
    const char *p = s, *end = s + n;

    while (p < end) {
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) { /* fast path: ASCII */
            if (b == '\'')
                g_string_append_c(out, ' ');
            else
                g_string_append_c(out, g_ascii_tolower((char)b));
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) { /* invalid: skip byte */
            g_string_append_c(out, ' ');
            p++;
            continue;
        }
        text_fold_char(out, c);
        p = g_utf8_next_char(p);
    }
}

char *text_fold(const char *s, gssize len)
{
    GString *out = g_string_sized_new((len < 0 ? strlen(s) : (size_t)len) + 1);
    text_fold_append(out, s, len);
    return g_string_free(out, FALSE);
}

char *text_slug(const char *s)
{
    char *folded = text_fold(s, -1);
    GString *out = g_string_sized_new(strlen(folded));
    gboolean dash = FALSE;

    for (const char *p = folded; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c)) {
            if (dash && out->len > 0)
                g_string_append_c(out, '-');
            dash = FALSE;
            g_string_append_unichar(out, c);
        } else {
            dash = TRUE;
        }
    }
    g_free(folded);
    return g_string_free(out, FALSE);
}

char *text_squash_space(const char *s)
{
    GString *out = g_string_sized_new(strlen(s));
    gboolean space = FALSE;

    for (const char *p = s; *p != '\0'; p++) {
        if (g_ascii_isspace(*p)) {
            space = TRUE;
            continue;
        }
        if (space && out->len > 0)
            g_string_append_c(out, ' ');
        space = FALSE;
        g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}

char *text_truncate_utf8(char *s, size_t max_bytes)
{
    size_t n = strlen(s);
    if (n <= max_bytes)
        return s;
    /* step back over continuation bytes to a character boundary */
    while (max_bytes > 0 && ((unsigned char)s[max_bytes] & 0xC0) == 0x80)
        max_bytes--;
    s[max_bytes] = '\0';
    return s;
}

/* ---- Stop words and language --------------------------------------------- */

/* Match-form French function words, including the one-letter remains of
 * elisions (l', d', j'...).  Kept short: stemming and ranking do the rest. */
static const char *const french_stopwords[] = {
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de",
    "des", "du", "elle", "elles", "en", "est", "et", "etait", "ete", "etre", "eux",
    "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m",
    "ma", "mais", "me", "mes", "meme", "mon", "n", "ne", "nos", "notre", "nous",
    "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se",
    "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu",
    "un", "une", "vos", "votre", "vous", "y", "lorsqu", "puisqu", "jusqu", "quelqu",
    NULL
};

const char *const *text_french_stopwords(void) { return french_stopwords; }


/* ---- Plurals and query operators ------------------------------------------- */

size_t text_singular(char *w, size_t n)
{
    if (n >= 5 && memcmp(w + n - 3, "aux", 3) == 0 && w[n - 4] != 'e') {
        w[n - 2] = 'l'; /* locaux -> local, but reseaux -> reseau below */
        n--;
    } else if (n >= 4 && (w[n - 1] == 's' || w[n - 1] == 'x')) {
        n--;
    } else {
        return n;
    }
    w[n] = '\0';
    return n;
}

/* Xapian's QueryParser operators, as it reads them: in capitals; the
 * proximity ones may carry a window, "NEAR/3". */
static const struct { const char *word; gboolean proximity; } operators[] = {
    { "AND", FALSE }, { "OR", FALSE }, { "NOT", FALSE }, { "XOR", FALSE },
    { "NEAR", TRUE }, { "ADJ", TRUE },
};

/* The operator the n bytes at tok are, or -1. */
static int operator_at(const char *tok, size_t n)
{
    for (size_t i = 0; i < G_N_ELEMENTS(operators); i++) {
        size_t k = strlen(operators[i].word);
        if (n >= k && strncmp(tok, operators[i].word, k) == 0 &&
            (n == k || (operators[i].proximity && tok[k] == '/')))
            return (int)i;
    }
    return -1;
}

gboolean text_is_operator(const char *tok, size_t n)
{
    return operator_at(tok, n) >= 0;
}

gboolean text_is_proximity(const char *tok, size_t n)
{
    int op = operator_at(tok, n);
    return op >= 0 && operators[op].proximity;
}

static const char *const english_markers[] = {
    "the", "and", "of", "to", "is", "in", "that", "for", "with", "this", "are",
    "be", "by", "from", "it", "was", NULL
};
static const char *const french_markers[] = {
    "le", "la", "les", "des", "et", "du", "une", "est", "pour", "dans", "que",
    "qui", "sur", "au", "avec", "par", NULL
};

static gboolean in_list(const char *const *list, const char *w, size_t n)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return TRUE;
    return FALSE;
}

gboolean text_is_stopword(const char *folded)
{
    return in_list(french_stopwords, folded, strlen(folded));
}

const char *text_guess_lang(const char *folded)
{
    size_t fr = 0, en = 0, words = 0;
    const char *p = folded;

    while (*p != '\0' && words < 5000) {
        while (*p != '\0' && !g_ascii_isalpha(*p))
            p++;
        const char *start = p;
        while (g_ascii_isalpha(*p))
            p++;
        if (p == start)
            break;
        words++;
        size_t n = (size_t)(p - start);
        fr += in_list(french_markers, start, n);
        en += in_list(english_markers, start, n);
    }
    if (fr + en < 5)
        return "und";
    return fr >= en ? "fr" : "en";
}

int text_compare_ptrs(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

gsize text_count_letters(const char *s)
{
    gsize n = 0;
    for (const char *p = s; p != NULL && *p != '\0'; p = g_utf8_next_char(p))
        n += g_unichar_isalpha(g_utf8_get_char(p)) ? 1 : 0;
    return n;
}

char *text_next_line(const char **p)
{
    if (*p == NULL || **p == '\0')
        return NULL;
    const char *eol = strpbrk(*p, "\n\f");
    size_t n = eol != NULL ? (size_t)(eol - *p) : strlen(*p);
    char *line = g_strndup(*p, n);
    *p = eol != NULL ? eol + 1 : *p + n;
    return line;
}
