/* title.c - useless titles, boilerplate lines, the first-line and file-name
 * titles, and the last step that gives every document one (title.h).
 *
 * Comparisons use slugs (text_slug: folded, words joined by '-'), so that
 * case, accents and punctuation never decide. */
#include "title.h"
#include "text.h"

#include <string.h>

/* How many lines of text the first-line rule looks at. */
#define FIRST_LINES 40

/* ---- Words ---------------------------------------------------------------------- */

/* What generators and templates call a document that nobody titled, as
 * slugs, once any trailing number is removed ("Document1", "Sans titre 2",
 * "Untitled-1", "Diapositive 1"). */
static const char *const default_names[] = {
    "untitled", "untitled-document", "sans-titre", "sanstitre", "document-sans-titre",
    "document", "doc", "nouveau-document", "new-document", "titre", "title", "no-title",
    "notitle", "titre-du-document", "document-title", "presentation",
    "presentation-powerpoint", "powerpoint-presentation", "diapositive", "slide",
    "diaporama", "classeur", "feuil", "feuille", "sheet", "tableau", "layout", "mise-en-page", "page",
    "insert-title-here", "click-to-add-title", "cliquez-pour-ajouter-un-titre",
    "titre-de-la-presentation", "none", "null", "unknown", "inconnu", "default", "test",
    "word", "pdf", "print", "impression", "draft", "modele", "template", "normal", "blank",
    "vide", "adobe-acrobat", "acrobat-pdfmaker", "pdfcreator", "microsoft-word",
    "powerpoint", "excel", "libreoffice", "openoffice", "writer", "sans-nom", "nom",
};

/* Office programs whose name opens a title made from a file name
 * ("Microsoft Word - rapport.doc", "Microsoft PowerPoint - diaporama"). */
static const char *const program_prefixes[] = {
    "microsoft-word-", "microsoft-powerpoint-", "microsoft-excel-", "microsoft-office-word-",
    "microsoft-publisher-",
};

/* Extensions that make a title a file name. */
static const char *const file_extensions[] = {
    "doc", "docx", "docm", "dot", "dotx", "odt", "ott", "rtf", "txt", "pdf", "ppt", "pptx",
    "pps", "ppsx", "odp", "xls", "xlsx", "ods", "csv", "htm", "html", "xhtml", "indd", "idml",
    "ai", "psd", "qxd", "qxp", "pub", "wpd", "wps", "tex", "dvi", "ps", "eps", "jpg", "jpeg",
    "png", "gif", "tif", "tiff", "bmp", "svg", "md", "zip", "pages", "key",
};

/* Lines that stand on reports' covers and headers but never name them. */
static const char *const boilerplate_lines[] = {
    "sommaire", "table-des-matieres", "confidentiel", "brouillon", "draft", "document-de-travail",
    "ne-pas-diffuser", "version-provisoire", "diffusion-restreinte", "copyright",
    "tous-droits-reserves", "republique-francaise", "liberte-egalite-fraternite", "liberte",
    "egalite", "fraternite", "avec-le-soutien-de", "en-partenariat-avec", "table-of-contents",
    "contents", "preambule", "annexe", "annexes", "version-finale", "projet",
};

/* Words of a date written out ("lundi 5 mars 2012", "du 3 au 5 juin"). */
static const char *const date_words[] = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "janv", "fevr", "fev", "avr", "juil", "sept", "oct",
    "nov", "dec", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "le", "du", "au", "er", "et", "date", "mise", "a",
    "jour", "edition", "version", "publie", "publication",
};

/* Words that leave a file name without saying more ("rapport_v2_final"). */
static const char *const version_words[] = {
    "final", "finale", "def", "definitif", "definitive", "vf", "vdef", "copie", "copy",
    "draft", "brouillon", "ok", "version", "bis", "new", "corrige", "modif", "relu",
};

static gboolean slug_listed(const char *const *list, size_t n, const char *slug, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncmp(list[i], slug, len) == 0)
            return TRUE;
    return FALSE;
}
#define LISTED(list, slug, len) slug_listed(list, G_N_ELEMENTS(list), slug, len)

static gboolean all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    return len > 0;
}

/* ---- Useless titles ------------------------------------------------------------------- */

/* Whether title (as a slug) is a file name: the base name of path, or
 * that name without its extension. */
static gboolean is_own_file_name(const char *slug, const char *path)
{
    if (path == NULL)
        return FALSE;
    char *base = g_path_get_basename(path);
    char *valid = g_utf8_make_valid(base, -1);
    char *dot = strrchr(valid, '.');
    char *whole = text_slug(valid);
    if (dot != NULL && dot != valid)
        *dot = '\0';
    char *stem = text_slug(valid);
    gboolean same = strcmp(slug, whole) == 0 || strcmp(slug, stem) == 0;
    g_free(stem);
    g_free(whole);
    g_free(valid);
    g_free(base);
    return same;
}

static gboolean ends_with_extension(const char *title)
{
    const char *dot = strrchr(title, '.');
    if (dot == NULL || dot == title || strchr(dot, ' ') != NULL)
        return FALSE;
    for (size_t i = 0; i < G_N_ELEMENTS(file_extensions); i++)
        if (g_ascii_strcasecmp(dot + 1, file_extensions[i]) == 0)
            return TRUE;
    return FALSE;
}

static gboolean is_address(const char *squashed)
{
    static const char *const starts[] = { "/", "\\", "file:", "http:", "https:", "www.", "ftp:",
                                          "about:" }; /* "about:blank": a browser's print */
    for (size_t i = 0; i < G_N_ELEMENTS(starts); i++)
        if (g_ascii_strncasecmp(squashed, starts[i], strlen(starts[i])) == 0)
            return TRUE;
    /* "C:\Users\..." */
    if (g_ascii_isalpha(squashed[0]) && squashed[1] == ':' && squashed[2] == '\\')
        return TRUE;
    /* one word with an '@': an e-mail address */
    return strchr(squashed, '@') != NULL && strchr(squashed, ' ') == NULL;
}

/* One word whose parts are joined by '_', '-' or '.' and that has letters
 * glued to a number of two digits or more: a file's or a job's name, not a
 * title ("RPU2012-Resural", "rapport2019_v2", "doc12.final"; not
 * "Covid-19", "Grippe-H1N1", "Franche-Comté", "Personnes_agees", which says
 * what it is). */
static gboolean is_code_name(const char *squashed)
{
    if (strchr(squashed, ' ') != NULL || strpbrk(squashed, "_-.") == NULL)
        return FALSE;
    for (const char *p = squashed; *p != '\0'; p++) {
        if (!g_ascii_isdigit(*p))
            continue;
        const char *q = p;
        while (g_ascii_isdigit(*q))
            q++;
        gboolean glued = (p > squashed && g_ascii_isalpha(p[-1])) || g_ascii_isalpha(*q);
        if (q - p >= 2 && glued)
            return TRUE;
        p = q - 1;
    }
    return FALSE;
}

gboolean title_is_useless(const char *title, const char *path)
{
    if (title == NULL)
        return TRUE;
    char *squashed = text_squash_space(title);
    char *slug = text_slug(squashed);
    gboolean useless = TRUE;
    size_t len = strlen(slug);

    if (text_count_letters(squashed) < 2 || is_address(squashed) || ends_with_extension(squashed) ||
        is_own_file_name(slug, path) || is_code_name(squashed))
        goto done;
    for (size_t i = 0; i < G_N_ELEMENTS(program_prefixes); i++)
        if (g_str_has_prefix(slug, program_prefixes[i]))
            goto done;
    /* a default name, with or without its number */
    while (len > 0 && (g_ascii_isdigit(slug[len - 1]) || slug[len - 1] == '-'))
        len--;
    if (LISTED(default_names, slug, len))
        goto done;
    useless = FALSE;
done:
    g_free(slug);
    g_free(squashed);
    return useless;
}

/* ---- Titles the text bears out ------------------------------------------------------------ */

/* A title's word that must be in the text: 4 letters or more. */
#define SUPPORT_MIN_LETTERS 4

/* The folded words of s (len bytes, or all when < 0), cut as the index
 * cuts them (text_next_word), of SUPPORT_MIN_LETTERS letters or more.
 * Caller frees. */
static GPtrArray *long_words(const char *s, gssize len)
{
    char *folded = text_fold(s, len);
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    const char *start, *end = folded;
    while ((end = text_next_word(end, end + strlen(end), &start, NULL)) > start) {
        char *w = g_strndup(start, end - start);
        if (text_count_letters(w) >= SUPPORT_MIN_LETTERS)
            g_ptr_array_add(words, w);
        else
            g_free(w);
    }
    g_free(folded);
    return words;
}

guint title_words(const char *title)
{
    GPtrArray *words = long_words(title != NULL ? title : "", -1);
    guint n = words->len;
    g_ptr_array_unref(words);
    return n;
}

gboolean title_in_text(const char *title, const char *text, gsize max)
{
    if (title == NULL || text == NULL)
        return TRUE;
    gsize len = strlen(text);
    if (len > max) {
        len = max;
        while (len > 0 && ((guchar)text[len] & 0xC0) == 0x80)
            len--;
    }
    GPtrArray *wanted = long_words(title, -1);
    gboolean found = wanted->len == 0;
    if (!found) {
        GPtrArray *text_words = long_words(text, (gssize)len);
        GHashTable *in_text = g_hash_table_new(g_str_hash, g_str_equal);
        for (guint i = 0; i < text_words->len; i++)
            g_hash_table_add(in_text, g_ptr_array_index(text_words, i));
        for (guint i = 0; i < wanted->len && !found; i++)
            found = g_hash_table_contains(in_text, g_ptr_array_index(wanted, i));
        g_hash_table_unref(in_text);
        g_ptr_array_unref(text_words);
    }
    g_ptr_array_unref(wanted);
    return found;
}

gboolean title_expands(const char *title, const char *acronym)
{
    if (title == NULL || acronym == NULL)
        return FALSE;
    char *want = text_fold(acronym, -1), *folded = text_fold(title, -1);
    g_strstrip(want);
    gsize n = strlen(want), got = 0;
    gboolean ok = n >= 2;
    for (gsize i = 0; i < n && ok; i++)
        ok = g_ascii_isalpha(want[i]);
    const char *start, *end = folded;
    while (ok && got < n && (end = text_next_word(end, end + strlen(end), &start, NULL)) > start) {
        char *w = g_strndup(start, end - start);
        if (!text_is_stopword(w))
            ok = w[0] == want[got++];
        g_free(w);
    }
    ok = ok && got == n;
    g_free(folded);
    g_free(want);
    return ok;
}

/* ---- Boilerplate lines ------------------------------------------------------------------ */

static gboolean is_page_number(const char *slug)
{
    static const char *const words[] = { "page", "pages", "p", "pg", "sur", "of", "de" };
    gboolean number = FALSE;
    char **parts = g_strsplit(slug, "-", -1);
    gboolean only = parts[0] != NULL;
    for (char **p = parts; *p != NULL && only; p++) {
        if (all_digits(*p, strlen(*p)))
            number = TRUE;
        else if (!LISTED(words, *p, strlen(*p)))
            only = FALSE;
    }
    g_strfreev(parts);
    return only && number;
}

/* Whether slug is a date alone, or a place and a date ("paris-le-5-mars-2012"). */
static gboolean is_date_line(const char *slug)
{
    const char *from = slug;
    const char *le = strstr(slug, "-le-");
    if (le != NULL && le - slug < 40)
        from = le + 1;
    gboolean digit = FALSE, only = TRUE;
    char **parts = g_strsplit(from, "-", -1);
    for (char **p = parts; *p != NULL && only; p++) {
        size_t n = strlen(*p);
        if (all_digits(*p, n) && n <= 4)
            digit = TRUE;
        else if (strcmp(*p, "1er") != 0 && !LISTED(date_words, *p, n))
            only = FALSE;
    }
    g_strfreev(parts);
    return only && digit;
}

gboolean title_line_is_boilerplate(const char *line)
{
    if (line == NULL || strchr(line, '\t') != NULL) /* a table's row (cells, tab-separated) */
        return TRUE;
    char *squashed = text_squash_space(line);
    char *slug = text_slug(squashed);
    gboolean boilerplate = text_count_letters(squashed) < 3 || is_address(squashed) ||
                           is_page_number(slug) || is_date_line(slug) ||
                           LISTED(boilerplate_lines, slug, strlen(slug)) ||
                           title_is_useless(squashed, NULL);
    if (!boilerplate) { /* "Tél. : 01 23 45 67 89", "Fax 04 ..." */
        static const char *const contact[] = { "tel-", "telephone-", "fax-", "mail-",
                                               "e-mail-", "courriel-", "contact-" };
        for (size_t i = 0; i < G_N_ELEMENTS(contact) && !boilerplate; i++)
            boilerplate = g_str_has_prefix(slug, contact[i]);
    }
    g_free(slug);
    g_free(squashed);
    return boilerplate;
}

/* ---- Cleaning ---------------------------------------------------------------------- */

/* Decoration before a title: bullets, dashes, Markdown's '#' ('_' and '.'
 * are kept: "__malloc_hook", ".NET"). */
static gboolean is_leading_decoration(gunichar c)
{
    return g_unichar_isspace(c) || strchr("-*#>|:;,=~+\\", (int)(c < 128 ? c : 1)) != NULL ||
           c == 0x2022 || c == 0x00B7 || c == 0x2013 || c == 0x2014 || c == 0x25A0 ||
           c == 0x25CF || c == 0x27A2 || c == 0x2192 || c == 0xF0B7;
}

/* Decoration after a title; '?', '!', ')', '»' and '…' are kept. */
static gboolean is_trailing_decoration(gunichar c)
{
    return g_unichar_isspace(c) || strchr("-*#|:;,._=~+/\\", (int)(c < 128 ? c : 1)) != NULL ||
           c == 0x2013 || c == 0x2014;
}

char *title_clean(const char *line)
{
    if (line == NULL)
        return NULL;
    char *squashed = text_squash_space(line);
    const char *start = squashed;
    while (*start != '\0' && is_leading_decoration(g_utf8_get_char(start)))
        start = g_utf8_next_char(start);
    char *end = squashed + strlen(squashed);
    while (end > start) {
        char *prev = g_utf8_find_prev_char(start, end);
        if (prev == NULL || !is_trailing_decoration(g_utf8_get_char(prev)))
            break;
        end = prev;
    }
    char *title = g_strndup(start, (gsize)(end - start));
    g_free(squashed);
    if (g_utf8_strlen(title, -1) > TITLE_MAX_CHARS) {
        char *cut = g_utf8_offset_to_pointer(title, TITLE_MAX_CHARS);
        *cut = '\0';
        char *space = strrchr(title, ' ');
        if (space != NULL && space > title + strlen(title) / 2)
            *space = '\0';
        char *longer = g_strconcat(title, "…", NULL);
        g_free(title);
        title = longer;
    }
    if (*title == '\0') {
        g_free(title);
        return NULL;
    }
    return title;
}

/* ---- Inferred titles ------------------------------------------------------------------ */

/* Whether s (squashed) is a year alone ("2012"), 1900 to 2099. */
static gboolean is_bare_year(const char *s)
{
    return strlen(s) == 4 && all_digits(s, 4) && (strncmp(s, "19", 2) == 0 ||
                                                  strncmp(s, "20", 2) == 0);
}

static gboolean has_year(const char *s)
{
    for (const char *p = s; *p != '\0'; p++)
        if (g_ascii_isdigit(*p) && all_digits(p, 4) && !g_ascii_isdigit(p[4]) &&
            (p == s || !g_ascii_isdigit(p[-1])))
            return TRUE;
    return FALSE;
}

/* A title of at most this many words of four letters or more takes a year
 * that stands alone on the line before or after it ("2012" above "Rapport
 * d'activité": "Rapport d'activité 2012"). */
#define TITLE_SHORT_WORDS 2

/* A line of more than this many words that ends a sentence is a paragraph. */
#ifndef PARAGRAPH_WORDS
#define PARAGRAPH_WORDS 20
#endif

/* Whether line reads as a paragraph, not a title: a comma or a semicolon
 * at its end, or a full stop and more than PARAGRAPH_WORDS words, or more
 * than half as many with a sentence ending inside ("Pourquoi agir ? Parce
 * que..."). */
static gboolean is_sentences(const char *line)
{
    gsize n = strlen(line);
    if (n == 0 || strchr(".,;", line[n - 1]) == NULL ||
        (n >= 3 && strcmp(line + n - 3, "...") == 0))
        return FALSE;
    if (line[n - 1] != '.') /* a sentence that goes on: "..., porte sur cinq axes," */
        return TRUE;
    guint words = 1;
    gboolean inner = FALSE;
    for (const char *c = line; *c != '\0'; c++) {
        words += *c == ' ';
        inner |= (*c == '.' || *c == '?' || *c == '!') && c[1] == ' ' && g_ascii_isupper(c[2]);
    }
    return words > PARAGRAPH_WORDS || (inner && words > PARAGRAPH_WORDS / 2);
}

char *title_from_text(const char *text)
{
    const char *p = text;
    char *title = NULL, *year = NULL, *line;
    guint numbers = 0; /* bare numbers in a row, the last line's included */
    int after = 0;     /* lines read after the title */
    for (int seen = 0; seen < FIRST_LINES && after < 2 && (line = text_next_line(&p)) != NULL;
         g_free(line)) {
        char *squashed = text_squash_space(line);
        gboolean number = *squashed != '\0' && strspn(squashed, "0123456789") == strlen(squashed);
        if (*squashed == '\0') {
            /* a blank line changes nothing */
        } else if (title != NULL) { /* the two lines after it */
            if (++after == 1 && is_bare_year(squashed) && year == NULL)
                year = g_strdup(squashed);
            else if (after == 2 && number && numbers > 0)
                g_clear_pointer(&year, g_free); /* a column of numbers: no year */
        } else if (g_utf8_strlen(squashed, -1) > TITLE_MAX_CHARS ||
                   is_sentences(squashed)) { /* a paragraph: no title */
            g_free(squashed);
            g_free(line);
            break;
        } else if (!title_line_is_boilerplate(line) && !title_line_is_boilerplate(squashed)) {
            title = title_clean(squashed);
            if (numbers > 1) /* the year above it ends a column of numbers */
                g_clear_pointer(&year, g_free);
        } else if (is_bare_year(squashed)) {
            g_free(year);
            year = g_strdup(squashed);
        } else {
            g_clear_pointer(&year, g_free); /* not right above the title */
        }
        if (*squashed != '\0') {
            seen++;
            numbers = number ? numbers + 1 : 0;
        }
        g_free(squashed);
    }
    if (title != NULL && year != NULL && title_words(title) <= TITLE_SHORT_WORDS &&
        !has_year(title)) {
        char *dated = g_strconcat(title, " ", year, NULL);
        g_free(title);
        title = dated;
    }
    g_free(year);
    return title;
}

static gboolean is_version_mark(const char *token)
{
    char *slug = text_slug(token);
    size_t n = strlen(slug);
    gboolean mark = n == 0 || LISTED(version_words, slug, n) ||
                    ((slug[0] == 'v' || slug[0] == 'V') && all_digits(slug + 1, n - 1));
    if (!mark && token[0] == '(') /* "(1)", "(copie)" */
        mark = TRUE;
    g_free(slug);
    return mark;
}

char *title_from_filename(const char *path)
{
    if (path == NULL)
        return NULL;
    char *base = g_path_get_basename(path);
    char *unescaped = strchr(base, '%') != NULL ? g_uri_unescape_string(base, NULL) : NULL;
    char *name = g_utf8_make_valid(unescaped != NULL ? unescaped : base, -1);
    char *dot = strrchr(name, '.');
    if (dot != NULL && dot != name && strlen(dot) <= 6 && strchr(dot, ' ') == NULL)
        *dot = '\0';
    char *stem = g_strdup(name);
    g_strdelimit(name, "_-+", ' ');
    char **tokens = g_strsplit(name, " ", -1);
    guint first = 0, last = g_strv_length(tokens);
    while (first < last && *tokens[first] == '\0')
        first++;
    while (last > first && (*tokens[last - 1] == '\0' || is_version_mark(tokens[last - 1])))
        last--;
    /* a leading sequence number ("001-rapport...") or "copie de" */
    if (last - first > 1 && all_digits(tokens[first], strlen(tokens[first])) &&
        strlen(tokens[first]) <= 3)
        first++;
    if (last - first > 2 && (g_ascii_strcasecmp(tokens[first], "copie") == 0 ||
                             g_ascii_strcasecmp(tokens[first], "copy") == 0) &&
        (g_ascii_strcasecmp(tokens[first + 1], "de") == 0 ||
         g_ascii_strcasecmp(tokens[first + 1], "of") == 0))
        first += 2;
    GString *out = g_string_new(NULL);
    for (guint i = first; i < last; i++) {
        if (*tokens[i] == '\0')
            continue;
        if (out->len > 0)
            g_string_append_c(out, ' ');
        g_string_append(out, tokens[i]);
    }
    g_strdelimit(out->str, ".", ' ');
    char *squashed = text_squash_space(out->str);
    if (*squashed == '\0') { /* nothing but marks: the name as it is */
        g_free(squashed);
        squashed = text_squash_space(stem);
    }
    gunichar c = g_utf8_get_char(squashed);
    if (g_unichar_islower(c)) {
        char upper[8];
        int n = g_unichar_to_utf8(g_unichar_toupper(c), upper);
        upper[n] = '\0';
        char *rest = g_strconcat(upper, g_utf8_next_char(squashed), NULL);
        g_free(squashed);
        squashed = rest;
    }
    char *title = title_clean(squashed);
    if (title == NULL)
        title = g_strdup(squashed);
    g_free(squashed);
    g_string_free(out, TRUE);
    g_strfreev(tokens);
    g_free(stem);
    g_free(name);
    g_free(unescaped);
    g_free(base);
    return title;
}

/* Whether a title made from a file name says nothing: none of its words
 * is a word of three letters or more without digits ("89abcdef01234567",
 * "000 d0444ab05dc574c1", "IMG 2034", "scan0001"), or its words are only
 * generic ones ("Scan", "Document 12"). */
static gboolean is_opaque_name(const char *title)
{
    static const char *const generic[] = { "scan", "img", "image", "dsc", "photo", "fichier",
                                           "file", "download", "telechargement", "doc",
                                           "document", "pdf", "copie", "copy" };
    char **words = g_strsplit_set(title, " ", -1);
    gboolean opaque = TRUE;
    for (char **w = words; *w != NULL && opaque; w++) {
        char *slug = text_slug(*w);
        if (text_count_letters(*w) >= 3 && strpbrk(*w, "0123456789") == NULL &&
            !LISTED(generic, slug, strlen(slug)))
            opaque = FALSE;
        g_free(slug);
    }
    g_strfreev(words);
    return opaque;
}

/* Words at most in a title taken from the opening of a text. */
#define OPENING_WORDS 14

/* Whether word (n bytes) ends a sentence: "villes.", "agir ?" (French
 * sets "?" and "!" apart), not "M.", "Dr.", "n°." nor "12.". */
static gboolean ends_sentence(const char *word, gsize n)
{
    static const char *const abbreviations[] = { "m", "mm", "mme", "mmes", "mlle", "dr", "pr",
                                                 "st", "ste", "no", "n", "cf", "etc", "art" };
    if (n == 0)
        return FALSE;
    char last = word[n - 1];
    if (last == '?' || last == '!')
        return TRUE;
    if (last != '.' || (n >= 3 && strncmp(word + n - 3, "...", 3) == 0))
        return FALSE;
    char *head = g_strndup(word, n - 1);
    char *slug = text_slug(head);
    gboolean yes = text_count_letters(head) >= 2 && !LISTED(abbreviations, slug, strlen(slug));
    g_free(slug);
    g_free(head);
    return yes;
}

/* The opening of text as a title, for a document whose first line is a
 * paragraph and whose file name says nothing: the words of its first
 * sentence (lines joined up to a blank one), at most OPENING_WORDS, with
 * "…" when cut.  NULL when the text has no line that is not boilerplate.
 * Caller frees. */
static char *title_from_opening(const char *text)
{
    const char *p = text;
    char *line;
    GString *words = g_string_new(NULL);
    guint n = 0;
    gboolean started = FALSE, done = FALSE, cut = FALSE;
    for (int seen = 0; !done && seen < FIRST_LINES && (line = text_next_line(&p)) != NULL;
         seen++, g_free(line)) {
        char *squashed = text_squash_space(line);
        if (*squashed == '\0') {
            done = started; /* a blank line ends the paragraph */
        } else if (started || !title_line_is_boilerplate(squashed)) {
            started = TRUE;
            char **split = g_strsplit(squashed, " ", -1);
            for (char **w = split; *w != NULL && !done; w++) {
                if (n == OPENING_WORDS) {
                    cut = done = TRUE;
                    break;
                }
                g_string_append_printf(words, "%s%s", words->len > 0 ? " " : "", *w);
                n++;
                done = ends_sentence(*w, strlen(*w));
            }
            g_strfreev(split);
        }
        g_free(squashed);
    }
    if (started && !done && n == OPENING_WORDS && p != NULL && *p != '\0')
        cut = TRUE; /* the sentence goes on past what was read */
    char *title = n > 0 ? title_clean(words->str) : NULL;
    g_string_free(words, TRUE);
    if (title != NULL && cut) {
        gsize len = strlen(title); /* no " ,;:-" nor en dash before the "…" */
        for (;;) {
            if (len > 0 && strchr(" ,;:-", title[len - 1]) != NULL)
                len--;
            else if (len >= 3 && memcmp(title + len - 3, "\xe2\x80\x93", 3) == 0)
                len -= 3;
            else
                break;
        }
        title[len] = '\0';
        char *more = g_strconcat(title, "…", NULL);
        g_free(title);
        title = more;
    }
    return title;
}

void title_settle(docmeta *m, const char *path)
{
    if (path == NULL)
        path = m->path;
    if (m->title != NULL && docmeta_is_manual(m, "title"))
        return; /* the catalogue's or the documentalist's: it wins */
    if (m->title != NULL && !title_is_useless(m->title, path) &&
        g_strcmp0(m->title_source, TITLE_SOURCE_FILENAME) != 0) {
        if (m->title_source == NULL)
            docmeta_set(&m->title_source, TITLE_SOURCE_METADATA);
        return;
    }
    char *title = title_from_text(m->text);
    const char *source = TITLE_SOURCE_FIRST_LINE;
    if (title == NULL) {
        title = title_from_filename(path);
        source = TITLE_SOURCE_FILENAME;
    }
    char *opening = NULL;
    if (title != NULL && strcmp(source, TITLE_SOURCE_FILENAME) == 0 && m->text != NULL &&
        is_opaque_name(title) && (opening = title_from_opening(m->text)) != NULL) {
        g_free(title);
        title = opening;
        source = TITLE_SOURCE_OPENING;
    }
    docmeta_set(&m->title, title);
    docmeta_set(&m->title_source, title != NULL ? source : NULL);
    g_free(title);
}

char *title_shown(const docmeta *m)
{
    return m->title != NULL ? g_strdup(m->title) : title_from_filename(m->path);
}

const char *title_source_label(const char *source)
{
    static const struct { const char *source, *label; } labels[] = {
        { TITLE_SOURCE_METADATA, "métadonnées du fichier" },
        { TITLE_SOURCE_FONT, "plus grands caractères de la première page" },
        { TITLE_SOURCE_HEADING, "premier titre du document" },
        { TITLE_SOURCE_FIRST_LINE, "première ligne du texte" },
        { TITLE_SOURCE_FILENAME, "nom du fichier" },
        { TITLE_SOURCE_OPENING, "début du texte" },
        { TITLE_SOURCE_CATALOGUE, "catalogue" },
        { TITLE_SOURCE_CORRECTION, "correction" },
        { "manual", "saisie manuelle" },
    };
    for (size_t i = 0; source != NULL && i < G_N_ELEMENTS(labels); i++)
        if (strcmp(labels[i].source, source) == 0)
            return labels[i].label;
    return "inconnue";
}
