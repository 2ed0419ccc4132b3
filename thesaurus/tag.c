/* tag.c - themes and places from text, with evidence (tag.h). */
#include "tag.h"
#include "source_place.h"
#include "text.h"

#include <math.h>
#include <string.h>

/* Field weights. */
#define W_TITLE 5.0
#define W_META 3.0
#define W_SOURCE 3.0 /* the place the source address names: a publisher's site */
#define W_START 2.0  /* a place in the first lines of the body (not an address) */
#define W_BODY 1.0
/* A body label counts at most this many times (long reports repeat). */
#define BODY_CAP 12
/* For a theme, each of its body labels counts at most THEME_LABEL_CAP times
 * and all of them THEME_BODY_CAP: a document about a theme names it in
 * several ways, one that only passes by repeats one word ("logement" in
 * the resources of a health-insurance fiche). */
#define THEME_LABEL_CAP 4
#define THEME_BODY_CAP 24
/* Thresholds, chosen with bench/tagging on corpus/ and bench/real. */
#define TAG_THEME_MIN 5.0
#define TAG_THEME_SHARE 0.25
/* A short text names its subject fewer times: under TAG_THEME_FULL_LEN
 * bytes of text, the threshold falls in proportion, to no less than
 * TAG_THEME_MIN_FLOOR times TAG_THEME_MIN, for a theme its body names
 * TAG_THEME_SHORT_MENTIONS times at least (one mention in the metadata
 * alone is not enough). */
#ifndef TAG_THEME_FULL_LEN
#define TAG_THEME_FULL_LEN 4000
#endif
#ifndef TAG_THEME_MIN_FLOOR
#define TAG_THEME_MIN_FLOOR 0.6
#endif
#define TAG_THEME_SHORT_MENTIONS 2
/* Themes under the threshold that --explain lists at most. */
#define THEMES_UNDER_SHOWN 8
/* A theme the title and metadata do not name needs this part of the body
 * mentions of the most mentioned theme, uncapped: the caps above make a
 * long report's passing themes score like its subject ("école" ×10 beside
 * "restauration collective" ×77). */
#ifndef TAG_THEME_MENTIONS_SHARE
#define TAG_THEME_MENTIONS_SHARE 0.12
#endif
#define TAG_REGION_MIN 3.0
#define TAG_REGION_SHARE 0.34
#define TAG_REGION_START_MIN 2.0  /* a region named in the title, metadata or first lines */
/* a region needs this part of all the regions' scores: five overseas
 * regions in one paragraph of a national brochure have a fifth each */
#define TAG_REGION_PART 0.25
/* A short text (under TAG_REGION_SHORT_LEN bytes of text) whose only
 * region is named once in its first lines, and that says nothing national,
 * is about it: "salle Raoul Dufy du Havre" is all a town's news page says
 * of where it stands ("le séminaire national s'est tenu à Paris" is not). */
#ifndef TAG_REGION_SHORT_LEN
#define TAG_REGION_SHORT_LEN 4000
#endif
/* A document that cites this many regions with a score of TAG_REGION_MIN
 * each is about the country (a national report's examples, a white paper's
 * experiences of many towns, an annex of regional contacts): a region it
 * does not name at the top needs TAG_REGION_DOMINANT of all the regions'
 * scores. */
#ifndef TAG_REGIONS_MANY
#define TAG_REGIONS_MANY 6
#endif
#ifndef TAG_REGION_DOMINANT
#define TAG_REGION_DOMINANT 0.5
#endif
/* A long document's region that neither its title, metadata nor first
 * lines name needs this score per 100,000 characters of text: a national
 * report of 112 pages that names Paris 12 times in passing is not about
 * Île-de-France.  Texts shorter than TAG_REGION_DENSITY_FROM characters
 * keep the other rules only. */
#ifndef TAG_REGION_DENSITY
#define TAG_REGION_DENSITY 6.0
#endif
#define TAG_REGION_DENSITY_FROM 60000
#define TAG_DEPARTMENT_MIN 2.0
#define TAG_TOWN_MIN 2.0
/* Places: the body's first lines, lines seen this often (headers and
 * footers), and the population from which a commune whose name is no
 * common word and no other commune's is meant without corroboration. */
#define START_LINES 25
#define REPEATED_LINE 3
#define TOWN_ALONE 10000
/* ... and from this one when the title, the metadata or the first
 * TOWN_TOP_LINES lines name it (a short text's first lines are all of it) */
#ifndef TOWN_ALONE_TOP
#define TOWN_ALONE_TOP 5000
#endif
#define TOWN_TOP_LINES 5
/* a commune named like a common word is meant alone from this population,
 * when its name stands in the middle of a sentence ("à Douai": "douai" is a
 * form of douer; "à Tours") */
#define TOWN_COMMON_ALONE 20000
/* the most populous of several communes of one name is meant when it has
 * this many times the population of the next */
#define TOWN_DOMINANT 10
#define ADDRESS_LINE_MAX 200

struct tagger {
    const vocab *v;
    matcher *m;
    GHashTable *by_postal;   /* "49300" -> GPtrArray of towns (borrowed) */
    source_places *sources;  /* places named by source addresses */
};

tagger *tagger_new(const vocab *v)
{
    tagger *t = g_new0(tagger, 1);
    t->v = v;
    t->m = matcher_new(v);
    t->sources = source_places_new(v);
    t->by_postal = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < vocab_size(v); i++) {
        const vocab_concept *c = vocab_nth(v, i);
        if (c->kind != VOCAB_TOWN || c->postal == NULL)
            continue;
        char **codes = g_strsplit(c->postal, " ", -1);
        for (char **code = codes; *code != NULL; code++) {
            GPtrArray *list = g_hash_table_lookup(t->by_postal, *code);
            if (list == NULL) {
                list = g_ptr_array_new();
                g_hash_table_insert(t->by_postal, g_strdup(*code), list);
            }
            g_ptr_array_add(list, (gpointer)c);
        }
        g_strfreev(codes);
    }
    return t;
}

const vocab *tagger_vocab(const tagger *t) { return t->v; }

void tagger_free(tagger *t)
{
    if (t == NULL)
        return;
    matcher_free(t->m);
    source_places_free(t->sources);
    g_hash_table_unref(t->by_postal);
    g_free(t);
}

/* ---- Evidence ------------------------------------------------------------------ */

/* FIELD_SOURCE: the place the source address names (source_place.h) */
enum { FIELD_TITLE, FIELD_META, FIELD_SOURCE, FIELD_START, FIELD_BODY, FIELD_COUNT };
static const char *const field_names[] = { "titre", "métadonnées", "adresse du site", "début",
                                           "texte" };
static const double field_weights[] = { W_TITLE, W_META, W_SOURCE, W_START, W_BODY };

/* What one concept got: hits per field and per label. */
typedef struct {
    const vocab_concept *c;
    guint hits[FIELD_COUNT];
    GHashTable *labels;  /* label (borrowed) -> guint counts[FIELD_COUNT] */
    double own;          /* weighted score of its own labels */
    double theme;        /* the same, with the theme caps (THEME_LABEL_CAP) */
} concept_hits;

/* Why a place mention does not count where it stands. */
typedef enum {
    ZONE_COUNTS,
    ZONE_ADDRESS,    /* a line with a postal code, "cedex", a phone, a street */
    ZONE_REPEATED,   /* a line seen on every page: header or footer */
    ZONE_BRANCH      /* "agence de Montpellier": where a firm has an office */
} zone;
static const char *const zone_names[] = {
    NULL, "adresse", "en-tête ou pied de page répété", "agence ou implantation"
};

/* One place mention, before it is known which place it means. */
typedef struct {
    const vocab_concept **concepts;  /* the candidates (borrowed), n of them */
    guint n;
    const char *label;
    int field;
    zone where;
    char *postal_before;   /* "49300 Cholet": the code just before, or NULL */
    char *dept_after;      /* "Cholet (49)": the number just after, or NULL */
    gboolean mid_sentence; /* "à Douai": a word, not a sentence's or line's end, before it */
    gboolean heading;      /* in the title, the metadata or the first TOWN_TOP_LINES lines */
} place_hit;

/* The body's lines: what a place mention on each of them is worth. */
typedef struct {
    GArray *starts;       /* of gsize: byte offset of each line */
    GArray *zones;        /* of guint8 zone, per line */
    GArray *rank;         /* of guint: the how-manyth non-empty line */
    guint cursor;         /* the line of the last hit (hits come in order) */
} body_lines;

typedef struct {
    GHashTable *by_concept;  /* concept -> concept_hits (themes; places once resolved) */
    GPtrArray *places;       /* of place_hit * */
    GHashTable *postal;      /* postal codes written as in an address: "49300 Cholet" */
    int field;
    const char *text;        /* the text being scanned */
    const body_lines *lines; /* when it is the body */
} scan_ctx;

static void hits_free(gpointer p)
{
    concept_hits *h = p;
    g_hash_table_unref(h->labels);
    g_free(h);
}

static void place_hit_free(gpointer p)
{
    place_hit *h = p;
    g_free(h->concepts);
    g_free(h->postal_before);
    g_free(h->dept_after);
    g_free(h);
}

static concept_hits *hits_for(GHashTable *table, const vocab_concept *c)
{
    concept_hits *h = g_hash_table_lookup(table, c);
    if (h == NULL) {
        h = g_new0(concept_hits, 1);
        h->c = c;
        h->labels = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
        g_hash_table_insert(table, (gpointer)c, h);
    }
    return h;
}

static void count_hit(GHashTable *table, const vocab_concept *c, const char *label, int field)
{
    concept_hits *h = hits_for(table, c);
    h->hits[field]++;
    guint *counts = g_hash_table_lookup(h->labels, label);
    if (counts == NULL) {
        counts = g_new0(guint, FIELD_COUNT);
        g_hash_table_insert(h->labels, (gpointer)label, counts);
    }
    counts[field]++;
}

static gboolean is_place_kind(vocab_kind k)
{
    return k == VOCAB_REGION || k == VOCAB_FORMER_REGION || k == VOCAB_DEPARTMENT ||
           k == VOCAB_TOWN;
}

/* ---- Where a mention stands ------------------------------------------------------ */

/* Whether s[0..4] are five digits not within a longer number. */
static gboolean five_digits(const char *text, const char *s, const char *end)
{
    if (end - s < 5 || (s > text && g_ascii_isdigit(s[-1])))
        return FALSE;
    for (int i = 0; i < 5; i++)
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    return s + 5 == end || !g_ascii_isdigit(s[5]);
}

/* "49300 Cholet", "49300 CHOLET CEDEX": a postal code followed by a
 * capitalised word.  Returns the code's start in [p, end), or NULL. */
static const char *address_code(const char *text, const char *p, const char *end)
{
    for (const char *s = p; s + 5 <= end; s++) {
        if (!five_digits(text, s, end))
            continue;
        const char *w = s + 5;
        while (w < end && (*w == ' ' || *w == '\t' || (guchar)*w == 0xc2))
            w += (guchar)*w == 0xc2 && w + 1 < end && (guchar)w[1] == 0xa0 ? 2 : 1;
        if (w < end && w > s + 5 && g_unichar_isupper(g_utf8_get_char_validated(w, end - w)))
            return s;
    }
    return NULL;
}

static gboolean has_word(const char *folded, const char *word)
{
    gsize n = strlen(word);
    for (const char *p = strstr(folded, word); p != NULL; p = strstr(p + 1, word))
        if ((p == folded || !g_ascii_isalnum(p[-1])) && !g_ascii_isalnum(p[n]))
            return TRUE;
    return FALSE;
}

/* Whether a line reads as an address: a postal code before a town, cedex,
 * a phone or fax, an e-mail or web address, a street or a post box. */
static gboolean address_line(const char *text, const char *line, const char *end)
{
    if (end - line > ADDRESS_LINE_MAX)
        return FALSE;
    if (address_code(text, line, end) != NULL)
        return TRUE;
    char *f = text_fold(line, end - line);
    static const char *const words[] = { "cedex", "tel", "telephone", "fax", "bp", "cs",
                                         "rue", "avenue", "boulevard", "bd", "allee",
                                         "impasse", "quai", "chemin" };
    gboolean yes = strchr(f, '@') != NULL || strstr(f, "www.") != NULL ||
                   strstr(f, "http") != NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(words) && !yes; i++)
        yes = has_word(f, words[i]);
    g_free(f);
    return yes;
}

/* The key two lines share when they are the same header or footer: folded,
 * without digits (page numbers) or blanks.  Caller frees. */
static char *line_key(const char *line, const char *end)
{
    char *f = text_fold(line, end - line);
    char *w = f;
    for (const char *r = f; *r != '\0'; r++)
        if (!g_ascii_isdigit(*r) && !g_ascii_isspace(*r))
            *w++ = *r;
    *w = '\0';
    return f;
}

static void body_lines_init(body_lines *bl, const char *text, gsize max)
{
    gsize len = strnlen(text, max > 0 ? max : G_MAXSIZE);
    bl->starts = g_array_new(FALSE, FALSE, sizeof(gsize));
    bl->zones = g_array_new(FALSE, TRUE, sizeof(guint8));
    bl->rank = g_array_new(FALSE, FALSE, sizeof(guint));
    bl->cursor = 0;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *keys = g_ptr_array_new();
    guint nonempty = 0;
    for (gsize at = 0; at <= len;) {
        const char *line = text + at, *nl = memchr(line, '\n', len - at);
        const char *end = nl != NULL ? nl : text + len;
        guint8 z = address_line(text, line, end) ? ZONE_ADDRESS : ZONE_COUNTS;
        char *key = line_key(line, end);
        if (strlen(key) >= 6) {
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, key));
            g_hash_table_insert(seen, g_strdup(key), GUINT_TO_POINTER(n + 1));
        }
        g_ptr_array_add(keys, key);
        g_array_append_val(bl->starts, at);
        g_array_append_val(bl->zones, z);
        g_array_append_val(bl->rank, nonempty);
        nonempty += end > line && strspn(line, " \t\r\f\v") < (gsize)(end - line);
        at = (gsize)(end - text) + 1;
    }
    /* a line on every page counts once, where it first stands */
    GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < keys->len; i++) {
        const char *key = g_ptr_array_index(keys, i);
        if (GPOINTER_TO_UINT(g_hash_table_lookup(seen, key)) < REPEATED_LINE)
            continue;
        if (g_hash_table_contains(first, key))
            g_array_index(bl->zones, guint8, i) = ZONE_REPEATED;
        else
            g_hash_table_add(first, (gpointer)key);
    }
    g_hash_table_unref(first);
    g_ptr_array_set_free_func(keys, g_free);
    g_ptr_array_unref(keys);
    g_hash_table_unref(seen);
}

static void body_lines_clear(body_lines *bl)
{
    g_array_unref(bl->starts);
    g_array_unref(bl->zones);
    g_array_unref(bl->rank);
}

/* The line holding byte at (hits come left to right). */
static guint line_of(body_lines *bl, gsize at)
{
    while (bl->cursor + 1 < bl->starts->len &&
           g_array_index(bl->starts, gsize, bl->cursor + 1) <= at)
        bl->cursor++;
    return bl->cursor;
}

/* Whether the folded words just before start (on its line, up to 32
 * bytes back) end with one of ends (n_ends of them). */
static gboolean words_before(const char *text, gsize line_start, gsize start,
                             const char *const *ends, size_t n_ends)
{
    gsize from = start > line_start + 32 ? start - 32 : line_start;
    while (from < start && ((guchar)text[from] & 0xc0) == 0x80)
        from++; /* not inside a character */
    char *f = text_fold(text + from, (gssize)(start - from));
    gsize n = strlen(f);
    while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\'' || f[n - 1] == ':'))
        f[--n] = '\0';
    gboolean yes = FALSE;
    for (size_t i = 0; i < n_ends && !yes; i++) {
        gsize k = strlen(ends[i]);
        yes = n >= k && strcmp(f + n - k, ends[i]) == 0 &&
              (n == k || !g_ascii_isalnum(f[n - k - 1]));
    }
    g_free(f);
    return yes;
}

/* Whether the words before start say where a firm has an office: "agence
 * de", "antenne d'", "bureaux de", "siège social", "implantée à". */
static gboolean after_branch_words(const char *text, gsize line_start, gsize start)
{
    static const char *const ends[] = {
        "agence de", "agence d", "agence du", "agences de", "antenne de", "antenne d",
        "antenne du", "bureau de", "bureau d", "bureaux de", "bureaux d", "siege social",
        "siege a", "implantee a", "implante a", "basee a", "base a", "agence",
    };
    return words_before(text, line_start, start, ends, G_N_ELEMENTS(ends));
}

/* "Cholet (49)": the department number in brackets just after end. */
static char *dept_after(const char *text, gsize end)
{
    const char *p = text + end;
    while (*p == ' ')
        p++;
    if (*p != '(')
        return NULL;
    gsize n = strspn(p + 1, "0123456789ABab");
    return n >= 2 && n <= 3 && p[1 + n] == ')' ? g_ascii_strup(p + 1, (gssize)n) : NULL;
}

/* "49300 Cholet": the postal code just before start, on its line. */
static char *postal_before(const char *text, gsize line_start, gsize start)
{
    gsize b = start;
    while (b > line_start && (text[b - 1] == ' ' || text[b - 1] == '\t'))
        b--;
    if (b < line_start + 5 || b == start)
        return NULL;
    const char *s = text + b - 5;
    return five_digits(text, s, text + b) ? g_strndup(s, 5) : NULL;
}

/* Whether the word at text + at follows another word of its sentence
 * (a capital there names something: "à Douai", "Guyane ; Réunion", not
 * "Douai." nor a title's first word).  A line break counts as a space
 * unless the line before ends a sentence or is empty (a PDF's lines). */
static gboolean mid_sentence(const char *text, gsize at)
{
    const char *p = text + at;
    gboolean newline = FALSE;
    while (p > text && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r')) {
        if (p[-1] == '\n') {
            if (newline)
                return FALSE; /* an empty line */
            newline = TRUE;
        }
        p--;
    }
    if (p == text)
        return FALSE;
    const char *prev = g_utf8_find_prev_char(text, p);
    gunichar c = prev != NULL ? g_utf8_get_char(prev) : 0;
    if (g_unichar_isalnum(c) || c == ',' || c == '\'' || c == 0x2019)
        return TRUE;
    /* "(Réunion, Guyane", "Guadeloupe ; Réunion", "« Douai »": not after a line's end */
    return !newline && (c == '(' || c == ';' || c == '/' || c == 0x2013 || c == 0xab);
}

/* Whether the word after text + at (spaces skipped), folded, is one of
 * words (NULL-terminated). */
static gboolean next_word_in(const char *text, gsize at, const char *const *words)
{
    const char *p = text + at;
    while (*p == ' ' || *p == '\t')
        p++;
    gsize n = 0;
    while (p[n] != '\0' && (g_ascii_isalpha(p[n]) || (guchar)p[n] >= 0x80))
        n++;
    if (n == 0 || n > 40)
        return FALSE;
    char *w = text_fold(p, (gssize)n);
    gboolean yes = FALSE;
    for (size_t i = 0; words[i] != NULL && !yes; i++)
        yes = strcmp(w, words[i]) == 0;
    g_free(w);
    return yes;
}

/* Whether the word after text + at says a meeting ("Réunion du conseil",
 * "la Réunion de travail", "Réunion plénière"). */
static gboolean meeting_after(const char *text, gsize at)
{
    static const char *const words[] = { "du", "de", "des", "d", "plenier", "pleniere",
                                         "publique", "mensuelle", "annuelle", "trimestrielle",
                                         "d'information", "preparatoire", NULL };
    return next_word_in(text, at, words);
}

/* The start of the line of text + at, looking back at most 64 bytes. */
static gsize line_start_near(const char *text, gsize at)
{
    gsize from = at;
    while (from > 0 && at - from < 64 && text[from - 1] != '\n')
        from--;
    return from;
}

/* Whether the label "Nord" found at [start, end) is a direction, not the
 * department: "quartiers Nord de Marseille", "Afrique du Nord", "Nord-Est",
 * "Nord-Isère", "le Nord de la France", "gare du Nord". */
static gboolean compass_word(const char *label, const char *text, gsize line_start, gsize start,
                             gsize end)
{
    static const char *const of[] = { "de", "du", "des", "d", NULL };
    static const char *const before[] = {
        "quartier", "quartiers", "zone", "zones", "secteur", "secteurs", "partie", "afrique",
        "amerique", "mer", "pole", "hemisphere", "cap", "facade", "versant", "banlieue",
        "cote", "littoral", "grand", "europe", "pays", "pays du", "afrique du", "amerique du",
        "mer du", "europe du", "gare du", "hopital", "autoroute du", "canal du",
    };
    if (strcmp(label, "Nord") != 0)
        return FALSE;
    if (text[end] == '-') /* "Nord-Est", "Nord-Isère" ("Nord-Pas-de-Calais" is a label) */
        return TRUE;
    return next_word_in(text, end, of) ||
           words_before(text, line_start, start, before, G_N_ELEMENTS(before));
}

/* Whether the label matched up to end is "Réunion" meaning a
 * meeting: alone it is La Réunion only mid-sentence ("Guyane, Réunion et
 * Mayotte"), never when a title or sentence begins with it ("Réunion du
 * conseil citoyen"); alone or as "la Réunion", never when a word of
 * meetings follows ("compte rendu de la Réunion du 12 mai"). */
static gboolean meeting_word(const char *label, const char *text, gsize end, gboolean mid)
{
    gboolean bare = strcmp(label, "Réunion") == 0;
    if (!bare && strcmp(label, "La Réunion") != 0)
        return FALSE;
    return (bare && !mid) || meeting_after(text, end);
}

static int on_hit(const match_hit *hit, void *ud)
{
    scan_ctx *s = ud;
    place_hit *ph = NULL;
    for (guint i = 0; i < hit->n_concepts; i++) {
        const vocab_concept *c = hit->concepts[i];
        if (c->kind == VOCAB_ACRONYM)
            continue;
        if (!is_place_kind(c->kind)) {
            count_hit(s->by_concept, c, hit->label, s->field == FIELD_START ? FIELD_BODY
                                                                              : s->field);
            continue;
        }
        if (ph == NULL) {
            ph = g_new0(place_hit, 1);
            ph->concepts = g_new0(const vocab_concept *, hit->n_concepts);
            ph->label = hit->label;
            ph->field = s->field;
            ph->heading = s->field == FIELD_TITLE || s->field == FIELD_META;
        }
        ph->concepts[ph->n++] = c;
    }
    if (ph == NULL)
        return 0;
    if (s->lines != NULL) {
        body_lines *bl = (body_lines *)s->lines;
        guint line = line_of(bl, hit->start);
        gsize line_start = g_array_index(bl->starts, gsize, line);
        ph->where = g_array_index(bl->zones, guint8, line);
        if (ph->where == ZONE_COUNTS && after_branch_words(s->text, line_start, hit->start))
            ph->where = ZONE_BRANCH;
        guint rank = g_array_index(bl->rank, guint, line);
        ph->field = rank < START_LINES ? FIELD_START : FIELD_BODY;
        ph->heading = rank < TOWN_TOP_LINES;
        ph->postal_before = postal_before(s->text, line_start, hit->start);
    }
    ph->dept_after = dept_after(s->text, hit->end);
    ph->mid_sentence = mid_sentence(s->text, hit->start);
    if (meeting_word(hit->label, s->text, hit->end, ph->mid_sentence) ||
        compass_word(hit->label, s->text, line_start_near(s->text, hit->start), hit->start,
                     hit->end)) {
        place_hit_free(ph);
        return 0;
    }
    g_ptr_array_add(s->places, ph);
    return 0;
}

/* The postal codes of s written as in an address, into set. */
static void find_postal_codes(const char *text, gsize max, GHashTable *set)
{
    const char *end = text + strnlen(text, max > 0 ? max : G_MAXSIZE);
    for (const char *p = text; p < end;) {
        const char *code = address_code(text, p, end);
        if (code == NULL)
            break;
        g_hash_table_add(set, g_strndup(code, 5));
        p = code + 5;
    }
}

static double own_score(const concept_hits *h)
{
    double s = 0;
    for (int f = 0; f < FIELD_COUNT; f++)
        s += field_weights[f] * (f >= FIELD_START ? MIN(h->hits[f], (guint)BODY_CAP) : h->hits[f]);
    return s;
}

/* own_score with a theme's caps: each body label counts at most
 * THEME_LABEL_CAP times, all of them at most THEME_BODY_CAP. */
static double theme_score(const concept_hits *h)
{
    double s = 0;
    guint body = 0;
    GHashTableIter it;
    gpointer label, counts;
    g_hash_table_iter_init(&it, h->labels);
    while (g_hash_table_iter_next(&it, &label, &counts))
        body += MIN(((const guint *)counts)[FIELD_BODY], (guint)THEME_LABEL_CAP);
    for (int f = 0; f < FIELD_COUNT; f++)
        s += field_weights[f] * (f == FIELD_BODY ? MIN(body, (guint)THEME_BODY_CAP) : h->hits[f]);
    return s;
}

/* "« santé mentale » ×3 (texte), « CLSM » ×1 (titre)" */
static void describe(const concept_hits *h, GString *out)
{
    GHashTableIter it;
    gpointer label, counts;
    g_hash_table_iter_init(&it, h->labels);
    while (g_hash_table_iter_next(&it, &label, &counts)) {
        const guint *n = counts;
        for (int f = 0; f < FIELD_COUNT; f++) {
            if (n[f] == 0)
                continue;
            g_string_append_printf(out, "%s« %s » ×%u (%s)", out->len > 0 ? ", " : "",
                                   (const char *)label, n[f], field_names[f]);
        }
    }
}

/* ---- Which place a mention means ------------------------------------------------- *
 * A name may be a common word ("Vue", "Plan"), a small commune's, or
 * several communes' ("Saint-Denis": Seine-Saint-Denis and La Réunion).  A
 * commune is meant when the document corroborates it: its postal code, its
 * department's number after it, its department or region named, another
 * commune of its department meant on its own.  Without that, a seat of
 * department or region is meant, and so is a commune of TOWN_ALONE
 * inhabitants or more whose name is no common word and which has no
 * homonym of comparable size; any other is not counted. */

typedef struct {
    GHashTable *depts;     /* department concept -> the town meant on its own that put it
                            * there, or NULL: named, or a postal code's */
    GHashTable *regions;   /* current region concept -> TRUE: named */
    GHashTable *postal;    /* postal codes written as addresses */
} place_context;

static gboolean has_postal(const vocab_concept *c, const char *code)
{
    if (c->postal == NULL || code == NULL)
        return FALSE;
    for (const char *p = strstr(c->postal, code); p != NULL; p = strstr(p + 1, code))
        if ((p == c->postal || p[-1] == ' ') && (p[5] == '\0' || p[5] == ' '))
            return TRUE;
    return FALSE;
}

/* How strongly the document says town c is meant (0: not at all), and why. */
static int corroboration(const tagger *t, const place_context *ctx, const place_hit *h,
                         const vocab_concept *c, GString *why)
{
    const vocab_concept *dept = vocab_department_of(t->v, c);
    const vocab_concept *region = vocab_region_of(t->v, c);
    if (has_postal(c, h->postal_before)) {
        g_string_printf(why, "code postal %s devant le nom", h->postal_before);
        return 5;
    }
    GHashTableIter it;
    gpointer code;
    g_hash_table_iter_init(&it, ctx->postal);
    while (g_hash_table_iter_next(&it, &code, NULL))
        if (has_postal(c, code)) {
            g_string_printf(why, "son code postal %s est cité", (const char *)code);
            return 4;
        }
    if (dept != NULL && h->dept_after != NULL && dept->notation != NULL &&
        g_ascii_strcasecmp(dept->notation, h->dept_after) == 0) {
        g_string_printf(why, "« (%s) » après le nom", h->dept_after);
        return 3;
    }
    /* a one-word common word ("Santé" is Santes, Nord, to the matcher) is
     * only meant with its postal code or department number: a document
     * about Douai writes "Santé" too */
    if ((c->flags & VOCAB_COMMON_WORD) && strpbrk(c->pref, " -'") == NULL)
        return 0;
    gpointer by = NULL;
    if (dept != NULL && g_hash_table_lookup_extended(ctx->depts, dept, NULL, &by) && by != c) {
        if (by != NULL)
            g_string_printf(why, "%s, du même département, citée", ((vocab_concept *)by)->pref);
        else
            g_string_printf(why, "département %s cité", dept->pref);
        return 2;
    }
    if (region != NULL && g_hash_table_contains(ctx->regions, region) &&
        !(c->flags & VOCAB_COMMON_WORD)) {
        g_string_printf(why, "région %s citée", region->pref);
        return 1;
    }
    return 0;
}

static int by_population(gconstpointer a, gconstpointer b)
{
    const vocab_concept *x = *(const vocab_concept *const *)a;
    const vocab_concept *y = *(const vocab_concept *const *)b;
    return x->population < y->population ? 1 : x->population > y->population ? -1 : 0;
}

/* "Vue (Loire-Atlantique), 1 753 habitants, nom commun" */
static void describe_town(const tagger *t, const vocab_concept *c, GString *out)
{
    const vocab_concept *dept = vocab_department_of(t->v, c);
    char n[32];
    int len = g_snprintf(n, sizeof n, "%u", c->population), lead = len % 3;
    GString *grouped = g_string_new(NULL);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (i - lead) % 3 == 0)
            g_string_append_c(grouped, ' ');
        g_string_append_c(grouped, n[i]);
    }
    g_string_append_printf(out, "%s (%s), %s habitants", c->pref,
                           dept != NULL ? dept->pref : "?", grouped->str);
    g_string_free(grouped, TRUE);
    if (c->flags & VOCAB_COMMON_WORD)
        g_string_append(out, ", nom commun");
    if (c->flags & VOCAB_SEAT)
        g_string_append(out, ", chef-lieu");
}

/* The towns among h's candidates meant without the document's help:
 * a seat, or a large commune with no common name and no homonym of its
 * size.  Returns it or NULL. */
static const vocab_concept *town_alone(const place_hit *h)
{
    GPtrArray *towns = g_ptr_array_new();
    const vocab_concept *seat = NULL, *pick = NULL;
    guint seats = 0;
    for (guint i = 0; i < h->n; i++)
        if (h->concepts[i]->kind == VOCAB_TOWN) {
            g_ptr_array_add(towns, (gpointer)h->concepts[i]);
            if (h->concepts[i]->flags & VOCAB_SEAT) {
                seat = h->concepts[i];
                seats++;
            }
        }
    g_ptr_array_sort(towns, by_population);
    const vocab_concept *rival = NULL; /* the most populous homonym of the seat */
    for (guint i = 0; seat != NULL && i < towns->len && rival == NULL; i++)
        if (g_ptr_array_index(towns, i) != seat)
            rival = g_ptr_array_index(towns, i);
    if (seats == 1) { /* Valence of the Drôme; not Saint-Denis of La Réunion alone */
        if (rival == NULL || seat->population >= TOWN_DOMINANT * (guint64)rival->population)
            pick = seat;
    } else if (seats == 0 && towns->len > 0) {
        const vocab_concept *top = g_ptr_array_index(towns, 0);
        const vocab_concept *next = towns->len > 1 ? g_ptr_array_index(towns, 1) : NULL;
        gboolean named = !(top->flags & VOCAB_COMMON_WORD)
                             ? top->population >= (h->heading ? TOWN_ALONE_TOP : TOWN_ALONE)
                             : h->mid_sentence && top->population >= TOWN_COMMON_ALONE;
        if (named &&
            (next == NULL || top->population >= TOWN_DOMINANT * (guint64)next->population))
            pick = top;
    }
    g_ptr_array_unref(towns);
    return pick;
}

/* Keeps in h the candidates it means (h->n may become 0); why says how. */
static void resolve(const tagger *t, const place_context *ctx, place_hit *h, GString *why)
{
    GString *w = g_string_new(NULL);
    int best = 0;
    const vocab_concept *pick = NULL, *other = NULL;
    guint towns = 0, others = 0;
    g_string_truncate(why, 0);
    for (guint i = 0; i < h->n; i++) {
        const vocab_concept *c = h->concepts[i];
        if (c->kind != VOCAB_TOWN) {
            others++;
            other = c;
            continue;
        }
        towns++;
        int r = corroboration(t, ctx, h, c, w);
        if (r > best || (r == best && r > 0 && pick != NULL && c->population > pick->population)) {
            best = r;
            pick = c;
            g_string_assign(why, w->str);
        }
    }
    g_string_free(w, TRUE);
    if (towns == 0)
        return;
    /* "Paris" the department and the commune: the commune, which rolls up to
     * it, or the department would count twice */
    for (guint i = 0; i < h->n && towns > 0 && others > 0;) {
        const vocab_concept *c = h->concepts[i];
        gboolean own = FALSE;
        for (guint j = 0; j < h->n && c->kind == VOCAB_DEPARTMENT; j++)
            own |= h->concepts[j]->kind == VOCAB_TOWN &&
                   h->concepts[j]->flags & VOCAB_SEAT &&
                   vocab_department_of(t->v, h->concepts[j]) == c;
        if (own) {
            h->concepts[i] = h->concepts[--h->n];
            others--;
        } else {
            i++;
        }
    }
    if (best >= 2 || (best == 1 && others == 0)) {
        h->concepts[0] = pick;
        h->n = 1;
        return;
    }
    if (others > 0) { /* "Vienne" the department, not the commune of Isère */
        guint k = 0;
        for (guint i = 0; i < h->n; i++)
            if (h->concepts[i]->kind != VOCAB_TOWN)
                h->concepts[k++] = h->concepts[i];
        h->n = k;
        g_string_printf(why, "%s %s plutôt qu'une commune", vocab_kind_label(other->kind),
                        other->pref);
        return;
    }
    pick = town_alone(h);
    if (pick != NULL) {
        g_string_assign(why, (pick->flags & VOCAB_SEAT) ? "chef-lieu"
                             : (pick->flags & VOCAB_COMMON_WORD)
                             ? "commune importante, nommée au milieu d'une phrase"
                             : "commune importante");
        if (towns > 1)
            g_string_append_printf(why, " parmi %u communes de ce nom", towns);
        h->concepts[0] = pick;
        h->n = 1;
        return;
    }
    /* not counted: say what it lacked */
    qsort(h->concepts, h->n, sizeof *h->concepts, by_population);
    g_string_append(why, "non comptée : ");
    describe_town(t, h->concepts[0], why);
    if (towns > 1)
        g_string_append_printf(why, ", %u communes de ce nom", towns);
    g_string_append(why, " ; ni son code postal, ni son département ou sa région cités");
    h->n = 0;
}

/* What the document says of its places besides their names: postal codes,
 * departments and regions named, communes meant on their own. */
static void place_context_init(const tagger *t, place_context *ctx, GHashTable *postal,
                               const GPtrArray *places)
{
    ctx->postal = postal;
    ctx->depts = g_hash_table_new(g_direct_hash, g_direct_equal);
    ctx->regions = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTableIter it;
    gpointer code;
    g_hash_table_iter_init(&it, postal);
    while (g_hash_table_iter_next(&it, &code, NULL)) {
        const GPtrArray *towns = g_hash_table_lookup(t->by_postal, code);
        for (guint i = 0; towns != NULL && i < towns->len; i++) {
            const vocab_concept *d = vocab_department_of(t->v, g_ptr_array_index(towns, i));
            if (d != NULL)
                g_hash_table_insert(ctx->depts, (gpointer)d, NULL);
        }
    }
    for (guint i = 0; i < places->len; i++) {
        const place_hit *h = g_ptr_array_index(places, i);
        gboolean town = FALSE;
        for (guint j = 0; j < h->n; j++)
            town |= h->concepts[j]->kind == VOCAB_TOWN;
        const vocab_concept *alone = town ? town_alone(h) : NULL;
        for (guint j = 0; j < h->n; j++) {
            const vocab_concept *c = h->concepts[j];
            if (c->kind == VOCAB_TOWN && c != alone)
                continue;
            const vocab_concept *d = vocab_department_of(t->v, c);
            gpointer by = NULL, val = d == c ? NULL : (gpointer)c;
            /* a department named outweighs a town of it */
            if (d != NULL && (!g_hash_table_lookup_extended(ctx->depts, d, NULL, &by) ||
                              (by != NULL && val == NULL)))
                g_hash_table_insert(ctx->depts, (gpointer)d, val);
            else if (c->kind == VOCAB_REGION || c->kind == VOCAB_FORMER_REGION) {
                const vocab_concept *r = vocab_region_of(t->v, c);
                if (r != NULL)
                    g_hash_table_add(ctx->regions, (gpointer)r);
            }
        }
    }
}

static void place_context_clear(place_context *ctx)
{
    g_hash_table_unref(ctx->depts);
    g_hash_table_unref(ctx->regions);
}

/* Adds line (taken) to the trace, counting repeats. */
static void trace_add(GHashTable *trace, GPtrArray *order, char *line)
{
    gpointer key, n;
    if (g_hash_table_lookup_extended(trace, line, &key, &n)) {
        g_hash_table_insert(trace, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(n) + 1));
        g_free(line);
    } else {
        g_ptr_array_add(order, line);
        g_hash_table_insert(trace, line, GUINT_TO_POINTER(1));
    }
}

/* Resolves every place mention, counts those that stand where they count
 * into hits, notes the others; the trace (may be NULL) gets one French
 * line per kind of decision. */
static void count_places(const tagger *t, GPtrArray *places, GHashTable *postal,
                         GHashTable *hits, GHashTable *ignored, GPtrArray *trace)
{
    place_context ctx;
    place_context_init(t, &ctx, postal, places);
    GHashTable *lines = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
    GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
    GString *why = g_string_new(NULL);
    for (guint i = 0; i < places->len; i++) {
        place_hit *h = g_ptr_array_index(places, i);
        resolve(t, &ctx, h, why);
        for (guint j = 0; j < h->n; j++) {
            if (h->where == ZONE_COUNTS)
                count_hit(hits, h->concepts[j], h->label, h->field);
            else
                g_hash_table_insert(ignored, (gpointer)h->concepts[j], GUINT_TO_POINTER(
                    GPOINTER_TO_UINT(g_hash_table_lookup(ignored, h->concepts[j])) + 1));
        }
        if (trace == NULL)
            continue;
        GString *line = g_string_new(NULL);
        g_string_printf(line, "« %s » (%s)", h->label, field_names[h->field]);
        if (h->n == 0)
            g_string_append_printf(line, " : %s", why->str);
        else {
            for (guint j = 0; j < h->n; j++)
                g_string_append_printf(line, "%s%s", j == 0 ? " → " : ", ", h->concepts[j]->pref);
            if (why->len > 0)
                g_string_append_printf(line, " (%s)", why->str);
            if (h->where != ZONE_COUNTS)
                g_string_append_printf(line, " ; non compté : %s", zone_names[h->where]);
        }
        trace_add(lines, order, g_string_free(line, FALSE));
    }
    for (guint i = 0; trace != NULL && i < order->len; i++) {
        const char *line = g_ptr_array_index(order, i);
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(lines, line));
        g_ptr_array_add(trace, n > 1 ? g_strdup_printf("%s ×%u", line, n) : g_strdup(line));
    }
    g_string_free(why, TRUE);
    g_hash_table_unref(lines);
    g_ptr_array_unref(order);
    place_context_clear(&ctx);
}

/* ---- Scoring ------------------------------------------------------------------- */

typedef struct {
    const vocab_concept *c;
    double score;
    GString *evidence;
    gboolean prominent;  /* credited from the title, metadata or first lines */
    gboolean named_top;  /* a region named there itself (or as a former region, or one
                          * of its departments) */
    guint mentions;      /* in the body, uncapped, its narrower concepts' included */
} scored;

static void scored_free(gpointer p)
{
    scored *s = p;
    g_string_free(s->evidence, TRUE);
    g_free(s);
}

static scored *scored_for(GHashTable *table, const vocab_concept *c)
{
    scored *s = g_hash_table_lookup(table, c);
    if (s == NULL) {
        s = g_new0(scored, 1);
        s->c = c;
        s->evidence = g_string_new(NULL);
        g_hash_table_insert(table, (gpointer)c, s);
    }
    return s;
}

/* Whether the text names h in its title, its metadata or its first lines
 * (the site's address is no part of the text: a national text relayed by a
 * regional agency stays national). */
static gboolean named_prominently(const concept_hits *h)
{
    return h->hits[FIELD_TITLE] + h->hits[FIELD_META] + h->hits[FIELD_START] > 0;
}

/* Adds to score own (a concept's own hits, scored), with evidence prefixed
 * by via ("Alès → ") when it counts for another concept. */
static void credit_score(scored *s, const concept_hits *h, double own, double factor,
                         const char *via)
{
    s->score += factor * own;
    s->mentions += h->hits[FIELD_BODY];
    s->prominent |= named_prominently(h);
    GString *e = g_string_new(NULL);
    describe(h, e);
    if (e->len > 0)
        g_string_append_printf(s->evidence, "%s%s%s", s->evidence->len > 0 ? " ; " : "",
                               via != NULL ? via : "", e->str);
    g_string_free(e, TRUE);
}

static void credit(scored *s, const concept_hits *h, double factor, const char *via)
{
    credit_score(s, h, h->own, factor, via);
}

static double max_score(GHashTable *table, vocab_kind kind)
{
    double best = 0;
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, table);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const scored *s = val;
        if (s->c->kind == kind && s->score > best)
            best = s->score;
    }
    return best;
}

/* Themes: own score plus half of each narrower concept's (recursively). */
static void score_themes(const tagger *t, GHashTable *hits, GHashTable *out)
{
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const concept_hits *h = val;
        if (h->c->kind != VOCAB_THEME)
            continue;
        credit_score(scored_for(out, h->c), h, h->theme, 1.0, NULL);
        /* credit the ancestors, halving at each level */
        GPtrArray *frontier = g_ptr_array_new();
        g_ptr_array_add(frontier, (gpointer)h->c);
        double factor = 0.5;
        for (int depth = 0; depth < 4 && frontier->len > 0; depth++, factor /= 2) {
            GPtrArray *next = g_ptr_array_new();
            for (guint i = 0; i < frontier->len; i++) {
                const vocab_concept *c = g_ptr_array_index(frontier, i);
                for (guint j = 0; j < c->broader->len; j++) {
                    const vocab_concept *b = vocab_get(t->v, g_ptr_array_index(c->broader, j));
                    if (b == NULL || b->kind != VOCAB_THEME)
                        continue;
                    char *via = g_strdup_printf("%s → ", h->c->pref);
                    credit_score(scored_for(out, b), h, h->theme, factor, via);
                    g_free(via);
                    g_ptr_array_add(next, (gpointer)b);
                }
            }
            g_ptr_array_unref(frontier);
            frontier = next;
        }
        g_ptr_array_unref(frontier);
    }
}

/* Places: each hit counts for itself and rolls up to department and region. */
static void score_places(const tagger *t, GHashTable *hits, GHashTable *out)
{
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const concept_hits *h = val;
        const vocab_concept *c = h->c;
        if (c->kind == VOCAB_THEME || c->kind == VOCAB_ACRONYM)
            continue;
        char *via = g_strdup_printf("%s → ", c->pref);
        if (c->kind != VOCAB_FORMER_REGION)
            credit(scored_for(out, c), h, 1.0, NULL);
        const vocab_concept *dept = vocab_department_of(t->v, c);
        if (dept != NULL && dept != c)
            credit(scored_for(out, dept), h, 1.0, via);
        const vocab_concept *region = vocab_region_of(t->v, c);
        if (region != NULL && region != c)
            credit(scored_for(out, region), h, 1.0, via);
        if (region != NULL &&
            (c->kind == VOCAB_REGION || c->kind == VOCAB_FORMER_REGION ||
             c->kind == VOCAB_DEPARTMENT) &&
            named_prominently(h))
            scored_for(out, region)->named_top = TRUE;
        g_free(via);
    }
}

/* A new table (caller frees) of hits' places, scored. */
static GHashTable *places_scored(const tagger *t, GHashTable *hits)
{
    GHashTable *places = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, scored_free);
    score_places(t, hits, places);
    return places;
}

/* ---- Applying -------------------------------------------------------------------- */

/* The facet a concept of kind k is tagged in (its kind's name: the
 * facet table, index/facet.h, names facets after vocabulary kinds), or
 * NULL for kinds that are never tags. */
static const char *facet_of(vocab_kind k)
{
    return k == VOCAB_FORMER_REGION || k == VOCAB_ACRONYM ? NULL : vocab_kind_name(k);
}

static docmeta_tag *find_tag(docmeta *m, const char *facet, const char *id)
{
    for (guint i = 0; i < m->tags->len; i++) {
        docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, facet) == 0 && strcmp(t->id, id) == 0)
            return t;
    }
    return NULL;
}

/* The concept a catalogue value names, or NULL; t may be NULL. */
static const vocab_concept *manual_concept(const tagger *t, const char *value, vocab_kind kind)
{
    if (t == NULL)
        return NULL;
    const vocab_concept *c = vocab_find_label(t->v, value, kind);
    if (c == NULL && kind == VOCAB_REGION) { /* "Picardie", "Gard", "Alès": roll up */
        static const vocab_kind places[] = { VOCAB_FORMER_REGION, VOCAB_DEPARTMENT, VOCAB_TOWN };
        for (size_t k = 0; k < G_N_ELEMENTS(places) && c == NULL; k++) {
            const vocab_concept *p = vocab_find_label(t->v, value, places[k]);
            c = p != NULL ? vocab_region_of(t->v, p) : NULL;
        }
    }
    return c;
}

gboolean tagger_knows(const tagger *t, const char *value, vocab_kind kind)
{
    return manual_concept(t, value, kind) != NULL;
}

/* The catalogue's values, as manual tags. */
static void add_manual(const tagger *t, docmeta *m, const GPtrArray *values, vocab_kind kind,
                       GPtrArray *unknown)
{
    const char *facet = facet_of(kind);
    for (guint i = 0; i < values->len; i++) {
        const char *value = g_ptr_array_index(values, i);
        const vocab_concept *c = manual_concept(t, value, kind);
        if (c != NULL) {
            if (find_tag(m, facet, c->id) == NULL)
                docmeta_add_tag(m, facet, c->id, c->pref, 0, "manual", NULL);
            continue;
        }
        char *slug = text_slug(value);
        if (*slug != '\0' && find_tag(m, facet, slug) == NULL)
            docmeta_add_tag(m, facet, slug, value, 0, "manual", NULL);
        if (t != NULL && unknown != NULL)
            g_ptr_array_add(unknown, g_strdup_printf("%s inconnu du thésaurus : « %s »",
                                                     kind == VOCAB_THEME ? "thème" : "lieu",
                                                     value));
        g_free(slug);
    }
}

static void add_auto(docmeta *m, const scored *s)
{
    const char *facet = facet_of(s->c->kind);
    docmeta_tag *have = find_tag(m, facet, s->c->id);
    if (have != NULL) {
        have->score = s->score;
        g_free(have->source);
        have->source = g_strdup("manual+auto");
        g_free(have->evidence);
        have->evidence = g_strdup(s->evidence->str);
        return;
    }
    docmeta_add_tag(m, facet, s->c->id, s->c->pref, s->score, "auto", s->evidence->str);
}

static int by_score(gconstpointer a, gconstpointer b)
{
    const scored *x = *(scored *const *)a, *y = *(scored *const *)b;
    return x->score < y->score ? 1 : x->score > y->score ? -1 : strcmp(x->c->id, y->c->id);
}

/* The scored concepts of kind over min and share * best, best first. */
static GPtrArray *above(GHashTable *scores, vocab_kind kind, double min, double share)
{
    GPtrArray *out = g_ptr_array_new();
    double best = max_score(scores, kind);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, scores);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        scored *s = val;
        if (s->c->kind == kind && s->score >= min && s->score >= share * best)
            g_ptr_array_add(out, s);
    }
    g_ptr_array_sort(out, by_score);
    return out;
}

static void scan_document(const tagger *t, const docmeta *m, GHashTable *hits,
                          GHashTable *ignored, GPtrArray *trace)
{
    GHashTable *postal = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    scan_ctx s = { hits, g_ptr_array_new_with_free_func(place_hit_free), postal, FIELD_TITLE,
                   NULL, NULL };
    if (m->title != NULL) {
        s.text = m->title;
        matcher_scan(t->m, m->title, 0, MATCH_STRICT, on_hit, &s);
    }
    s.field = FIELD_META;
    const char *meta[] = { m->subject, m->keywords, m->summary, m->organisation };
    for (size_t i = 0; i < G_N_ELEMENTS(meta); i++)
        if (meta[i] != NULL) {
            s.text = meta[i];
            matcher_scan(t->m, meta[i], 0, MATCH_STRICT, on_hit, &s);
        }
    s.field = FIELD_BODY;
    if (m->text != NULL) {
        body_lines lines;
        body_lines_init(&lines, m->text, TAG_BODY_MAX);
        find_postal_codes(m->text, TAG_BODY_MAX, postal);
        s.text = m->text;
        s.lines = &lines;
        matcher_scan(t->m, m->text, TAG_BODY_MAX, MATCH_STRICT, on_hit, &s);
        body_lines_clear(&lines);
    }
    count_places(t, s.places, postal, hits, ignored, trace);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        ((concept_hits *)val)->own = own_score(val);
        ((concept_hits *)val)->theme = theme_score(val);
    }
    g_ptr_array_unref(s.places);
    g_hash_table_unref(postal);
}

/* Each concept found, with its label hits weighted as the index weighs
 * the words of those fields (title 5, metadata 2, body 1; the site's place
 * is none of the text's words: 0); places that do not count where they
 * stand (an address) are mentions all the same. */
static void note_mentions(GHashTable *hits, GHashTable *ignored, docmeta *m)
{
    static const guint wdf[FIELD_COUNT] = { 5, 2, 0, 1, 1 }; /* the site: not the text's */
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, hits);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const concept_hits *h = val;
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(ignored, h->c));
        for (int f = 0; f < FIELD_COUNT; f++)
            n += wdf[f] * h->hits[f];
        if (n > 0)
            g_hash_table_insert(m->mentions, g_strdup(h->c->id), GUINT_TO_POINTER(n));
    }
    g_hash_table_iter_init(&it, ignored);
    while (g_hash_table_iter_next(&it, &k, &val))
        if (!g_hash_table_contains(hits, k))
            g_hash_table_insert(m->mentions, g_strdup(((const vocab_concept *)k)->id), val);
}

/* The themes tagged: over the thresholds (lower for a short text of
 * text_len bytes), and named in the title or the metadata, or mentioned
 * in the body a part of the most mentioned theme's times
 * (TAG_THEME_MENTIONS_SHARE).  Those left out, and the best of those under
 * the threshold, are told in trace (may be NULL).  Best first. */
static GPtrArray *themes_tagged(GHashTable *scores, gsize text_len, GPtrArray *trace)
{
    double part = TAG_THEME_FULL_LEN > 0 && text_len > 0
                      ? (double)text_len / TAG_THEME_FULL_LEN : 1.0;
    double min = TAG_THEME_MIN * CLAMP(part, TAG_THEME_MIN_FLOOR, 1.0);
    GPtrArray *list = above(scores, VOCAB_THEME, min, TAG_THEME_SHARE);
    for (guint i = list->len; i-- > 0;) { /* under the long texts' threshold: */
        const scored *s = g_ptr_array_index(list, i); /* only from the body */
        if (s->score < TAG_THEME_MIN && s->mentions < TAG_THEME_SHORT_MENTIONS)
            g_ptr_array_remove_index(list, i);
    }
    const scored *most = NULL;
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, scores);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const scored *s = val;
        if (s->c->kind == VOCAB_THEME && (most == NULL || s->mentions > most->mentions))
            most = s;
    }
    GPtrArray *under = trace != NULL ? above(scores, VOCAB_THEME, 0.1, 0) : NULL;
    for (guint i = 0, shown = 0; under != NULL && i < under->len && shown < THEMES_UNDER_SHOWN;
         i++) {
        const scored *s = g_ptr_array_index(under, i);
        if (g_ptr_array_find(list, s, NULL))
            continue;
        shown++;
        g_ptr_array_add(trace, g_strdup_printf(
            "thème sous le seuil : %s, score %.1f (seuil %.1f, ou %.0f %% du premier) : %s",
            s->c->pref, s->score, min, 100.0 * TAG_THEME_SHARE, s->evidence->str));
    }
    if (under != NULL)
        g_ptr_array_unref(under);
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < list->len; i++) {
        scored *s = g_ptr_array_index(list, i);
        if (s->prominent || s->mentions >= TAG_THEME_MENTIONS_SHARE * most->mentions)
            g_ptr_array_add(out, s);
        else if (trace != NULL)
            g_ptr_array_add(trace, g_strdup_printf(
                "thème écarté : %s, score %.1f : %u mention%s dans le texte contre %u pour %s "
                "(moins de %.0f %%), ni au titre ni dans les métadonnées",
                s->c->pref, s->score, s->mentions, s->mentions > 1 ? "s" : "", most->mentions,
                most->c->pref,
                100.0 * TAG_THEME_MENTIONS_SHARE));
    }
    g_ptr_array_unref(list);
    return out;
}

/* The regions tagged: over the thresholds, with their part of all the
 * regions' scores, and not a section of a national document.  Those left
 * out are told in trace (may be NULL).  Best first. */
static GPtrArray *regions_tagged(GHashTable *scores, const vocab_concept *national,
                                 gsize text_len, GPtrArray *trace)
{
    /* a region named once at the top of a page (weight 2) is its subject; a
     * town there is where a meeting took place */
    GPtrArray *list = above(scores, VOCAB_REGION, TAG_REGION_START_MIN, TAG_REGION_SHARE);
    GPtrArray *out = g_ptr_array_new();
    double total = 0;
    guint cited = 0;
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, scores);
    while (g_hash_table_iter_next(&it, &k, &val)) {
        const scored *s = val;
        if (s->c->kind == VOCAB_REGION && s->c != national) {
            total += s->score;
            cited += s->score >= TAG_REGION_MIN;
        }
    }
    const scored *nat = national != NULL ? g_hash_table_lookup(scores, national) : NULL;
    double nat_score = nat != NULL ? nat->score : 0;
    /* "France entière" at the top of a service-public.fr fiche, or National
     * named as much as a region: a document that says it is national */
    gboolean national_doc = nat != NULL && (nat->prominent || nat_score >= TAG_REGION_MIN);
    for (guint i = 0; i < list->len; i++) {
        scored *s = g_ptr_array_index(list, i);
        if (s->c == national)
            continue;
        char *why = NULL;
        gboolean alone = text_len > 0 && text_len < TAG_REGION_SHORT_LEN && s->score >= total &&
                         nat_score == 0;
        if (s->score < TAG_REGION_MIN && !s->named_top && !alone)
            continue; /* below the threshold: only a region named at the top passes */
        if (total > 0 && s->score < TAG_REGION_PART * total)
            why = g_strdup_printf("%.0f %% des mentions de régions, aucune ne domine",
                                  100.0 * s->score / total);
        else if (cited >= TAG_REGIONS_MANY && !s->prominent &&
                 s->score < TAG_REGION_DOMINANT * total)
            why = g_strdup_printf("%u régions citées, celle-ci pour %.0f %% des mentions, ni "
                                  "au titre ni au début : un document national",
                                  cited, 100.0 * s->score / total);
        else if (!s->prominent && text_len >= TAG_REGION_DENSITY_FROM &&
                 s->score * 100000.0 / (double)text_len < TAG_REGION_DENSITY)
            why = g_strdup_printf("citée %.1f fois pour 100 000 caractères d'un long document, "
                                  "ni au titre ni au début : en passant",
                                  s->score * 100000.0 / (double)text_len);
        else if (!s->prominent && national_doc && (nat->prominent || nat_score >= s->score))
            why = g_strdup_printf("citée dans le corps d'un document national (National, "
                                  "score %.1f), ni au titre ni au début", nat_score);
        if (why == NULL)
            g_ptr_array_add(out, s);
        else if (trace != NULL)
            g_ptr_array_add(trace, g_strdup_printf("région écartée : %s, score %.1f : %s",
                                                   s->c->pref, s->score, why));
        g_free(why);
    }
    g_ptr_array_unref(list);
    return out;
}

/* The regions tagged from hits, their places scored into *places (a new
 * table: caller frees).  When the text makes none and the document's
 * source address names a place (source_place.h), that place counts as one
 * mention in the metadata would and the regions are made again: the site
 * says where a page that names no place is from, the national rules still
 * apply, and a text that names its region keeps it alone. */
static GPtrArray *regions_with_site(const tagger *t, const docmeta *m, GHashTable *hits,
                                    GHashTable **places, const vocab_concept *national,
                                    gsize text_len, GPtrArray *trace)
{
    char *how = NULL;
    const vocab_concept *site = source_places_find(t->sources, m->source_url, &how);
    *places = places_scored(t, hits);
    /* why regions are left out, kept only if this pass stands */
    GPtrArray *left_out = trace != NULL ? g_ptr_array_new_with_free_func(g_free) : NULL;
    GPtrArray *regions = regions_tagged(*places, national, text_len, left_out);
    gboolean counted = site != NULL && regions->len == 0;
    if (site != NULL && trace != NULL)
        g_ptr_array_add(trace, g_strdup_printf("lieu de l'adresse du site : %s%s", how,
                                               counted ? "" : " ; non compté : le texte "
                                               "nomme sa région"));
    if (counted) {
        count_hit(hits, site, site->pref, FIELD_SOURCE);
        concept_hits *h = g_hash_table_lookup(hits, site);
        h->own = own_score(h);
        g_hash_table_unref(*places);
        *places = places_scored(t, hits);
        g_ptr_array_unref(regions);
        regions = regions_tagged(*places, national, text_len, trace);
    }
    for (guint i = 0; left_out != NULL && !counted && i < left_out->len; i++)
        g_ptr_array_add(trace, g_strdup(g_ptr_array_index(left_out, i)));
    if (left_out != NULL)
        g_ptr_array_unref(left_out);
    g_free(how);
    return regions;
}

void tagger_apply_traced(const tagger *t, docmeta *m, gboolean automatic, GPtrArray *unknown,
                         GPtrArray *trace)
{
    g_ptr_array_set_size(m->tags, 0);
    g_hash_table_remove_all(m->mentions);
    add_manual(t, m, m->themes, VOCAB_THEME, unknown);
    add_manual(t, m, m->regions, VOCAB_REGION, unknown);
    if (!automatic || t == NULL)
        return;

    GHashTable *hits = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, hits_free);
    GHashTable *ignored = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *scores = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, scored_free);
    scan_document(t, m, hits, ignored, trace);
    note_mentions(hits, ignored, m);
    score_themes(t, hits, scores);

    gsize text_len = m->text != NULL ? strlen(m->text) : 0;
    GPtrArray *themes = themes_tagged(scores, text_len, trace);
    for (guint i = 0; i < themes->len; i++)
        add_auto(m, g_ptr_array_index(themes, i));
    const vocab_concept *national = vocab_get(t->v, "national");
    GHashTable *places = NULL;
    GPtrArray *regions = regions_with_site(t, m, hits, &places, national, text_len, trace);
    gboolean have_region = FALSE;
    for (guint i = 0; i < regions->len; i++) {
        add_auto(m, g_ptr_array_index(regions, i));
        have_region = TRUE;
    }
    for (guint i = 0; i < m->tags->len && !have_region; i++) /* a manual region counts */
        have_region = strcmp(((docmeta_tag *)g_ptr_array_index(m->tags, i))->facet, vocab_kind_name(VOCAB_REGION)) == 0;
    if (!have_region && national != NULL) {
        scored *s = scored_for(places, national);
        if (s->evidence->len == 0)
            g_string_append(s->evidence, "aucun territoire dominant");
        add_auto(m, s);
    }
    /* departments and towns, within the regions tagged */
    static const struct { vocab_kind kind; double min; } finer[] = {
        { VOCAB_DEPARTMENT, TAG_DEPARTMENT_MIN }, { VOCAB_TOWN, TAG_TOWN_MIN },
    };
    for (size_t f = 0; f < G_N_ELEMENTS(finer); f++) {
        GPtrArray *list = above(places, finer[f].kind, finer[f].min, 0.0);
        for (guint i = 0; i < list->len; i++) {
            scored *s = g_ptr_array_index(list, i);
            const vocab_concept *r = vocab_region_of(t->v, s->c);
            if (r != NULL && find_tag(m, vocab_kind_name(VOCAB_REGION), r->id) != NULL)
                add_auto(m, s);
        }
        g_ptr_array_unref(list);
    }
    g_ptr_array_unref(regions);
    g_ptr_array_unref(themes);
    g_hash_table_unref(places);
    g_hash_table_unref(scores);
    g_hash_table_unref(ignored);
    g_hash_table_unref(hits);
}

void tagger_apply(const tagger *t, docmeta *m, gboolean automatic, GPtrArray *unknown)
{
    tagger_apply_traced(t, m, automatic, unknown, NULL);
}

void tagger_apply_plain(docmeta *m)
{
    tagger_apply(NULL, m, FALSE, NULL);
}
