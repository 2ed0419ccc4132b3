/* pdf_title.c - a PDF's title from its first pages' layout (pdf_title.h).
 *
 * Each page becomes lines (poppler_page_get_text's lines), each with the
 * font size most of its characters have and the box around them.  The
 * body size is the size most characters of the page have. */
#include "pdf_title.h"
#include "text.h"
#include "title.h"

#include <math.h>
#include <string.h>

/* A title's type is at least this much larger than the body's. */
#define LARGER 1.15
/* Sizes closer than this (points) are the same size. */
#define SAME_SIZE 0.6
/* A title in large type spans at most this many lines ("CANTINES À 1€ /
 * TARIFICATION / SOCIALE / DES CANTINES"), its subtitle included; one
 * read from the first lines, FIRST_LINES. */
#define TITLE_LINES 4
#define FIRST_LINES 3
/* A subtitle is added to a title of at most this many words (title.h's
 * title_words), unless it continues the title's sentence. */
#define SUBTITLE_AFTER_WORDS 4
/* On a cover, a subtitle's type is the cover's own body size or at least
 * this much larger than the body it is measured against: a publisher's
 * line in small print under the title is no subtitle. */
#define COVER_SUBTITLE_LARGER 1.4
/* More runs of lines than this at one size make it a heading style. */
#define TITLE_RUNS 2
/* The header and footer margins, as a share of the page's height: lines
 * there beside other text never give a first-line title; lines repeated
 * on another page within RUNNING_ZONE are running headers or footers. */
#define MARGIN_ZONE 0.07
#define RUNNING_ZONE 0.15

typedef struct {
    char *text;          /* squashed */
    double size;         /* the size most of its characters have, 0 when unknown */
    double y1, y2;       /* top and bottom of its characters' boxes */
    char *key;           /* slug with digits as '#', in the running zone: running
                          * headers and footers; NULL elsewhere */
    gboolean running;    /* a header or footer repeated on another page */
    gboolean margin;     /* in the header or footer margin, beside other text */
} pline;

typedef struct {
    GPtrArray *lines;    /* of pline *, in poppler's reading order */
    double height;
    double body;         /* the size of most characters, 0 when unknown */
    double against;      /* the body size a title's type is measured against: body,
                          * or for a cover the next page's (title_by_font_on_cover) */
    gboolean sized;      /* font sizes were read (only the title page needs them) */
} ppage;

typedef struct {
    double size;
    guint count;
} size_count;

static void pline_free(gpointer p)
{
    pline *l = p;
    g_free(l->text);
    g_free(l->key);
    g_free(l);
}

/* Adds n characters of size to a histogram. */
static void count_size(GArray *hist, double size, guint n)
{
    for (guint i = 0; i < hist->len; i++) {
        size_count *s = &g_array_index(hist, size_count, i);
        if (fabs(s->size - size) < 0.05) {
            s->count += n;
            return;
        }
    }
    size_count s = { size, n };
    g_array_append_val(hist, s);
}

/* The size with most characters (the larger on a tie), 0 for none. */
static double most_common(const GArray *hist)
{
    double best = 0;
    guint most = 0;
    for (guint i = 0; i < hist->len; i++) {
        const size_count *s = &g_array_index(hist, size_count, i);
        if (s->count > most || (s->count == most && s->size > best)) {
            best = s->size;
            most = s->count;
        }
    }
    return best;
}

static char *running_key(const char *text)
{
    char *slug = text_slug(text);
    for (char *p = slug; *p != '\0'; p++)
        if (g_ascii_isdigit(*p))
            *p = '#';
    return slug;
}

static gboolean in_running_zone(const ppage *pg, const pline *l)
{
    return pg->height <= 0 || l->y2 < pg->height * RUNNING_ZONE ||
           l->y1 > pg->height * (1 - RUNNING_ZONE);
}

/* Ends the line being read (chars, its sizes, its box) onto pg. */
static void end_line(ppage *pg, GString *chars, GArray *sizes, double y1, double y2)
{
    char *text = text_squash_space(chars->str);
    if (*text != '\0') {
        pline *l = g_new0(pline, 1);
        l->text = text;
        l->size = most_common(sizes);
        l->y1 = y1;
        l->y2 = y2;
        l->key = in_running_zone(pg, l) ? running_key(text) : NULL;
        g_ptr_array_add(pg->lines, l);
    } else {
        g_free(text);
    }
    g_string_truncate(chars, 0);
    g_array_set_size(sizes, 0);
}

/* Marks the lines of a header or footer laid out in parts on one line
 * ("CMSG(3)   Library Functions Manual   CMSG(3)", "Rapport 2019   page 3"):
 * in the top or bottom margin, beside another line.  A line alone there
 * may be a title on a page without margins. */
static void mark_margins(ppage *pg)
{
    for (guint i = 0; pg->height > 0 && i < pg->lines->len; i++) {
        pline *l = g_ptr_array_index(pg->lines, i);
        if (l->y2 >= pg->height * MARGIN_ZONE && l->y1 <= pg->height * (1 - MARGIN_ZONE))
            continue;
        for (guint j = 0; j < pg->lines->len && !l->margin; j++) {
            const pline *o = g_ptr_array_index(pg->lines, j);
            l->margin = j != i && o->y1 < l->y2 && l->y1 < o->y2;
        }
    }
}

/* The lines of one page, with their boxes, and their font sizes when
 * sized (poppler's text attributes cost as much as the layout). */
static ppage *read_page(PopplerPage *page, gboolean sized)
{
    ppage *pg = g_new0(ppage, 1);
    pg->lines = g_ptr_array_new_with_free_func(pline_free);
    pg->sized = sized;
    if (page == NULL)
        return pg;
    double width = 0;
    poppler_page_get_size(page, &width, &pg->height);
    gchar *text = poppler_page_get_text(page);
    PopplerRectangle *boxes = NULL;
    guint n_boxes = 0;
    if (text == NULL || !poppler_page_get_text_layout(page, &boxes, &n_boxes))
        n_boxes = 0;
    GList *attrs = text != NULL && sized ? poppler_page_get_text_attributes(page) : NULL;
    GString *chars = g_string_new(NULL);
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(size_count));
    GArray *page_sizes = g_array_new(FALSE, FALSE, sizeof(size_count));
    const GList *a = attrs;
    double y1 = G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
    gint index = 0;

    for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char(p), index++) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\n') {
            end_line(pg, chars, sizes, y1, y2);
            y1 = G_MAXDOUBLE;
            y2 = -G_MAXDOUBLE;
            continue;
        }
        g_string_append_unichar(chars, c);
        if (g_unichar_isspace(c))
            continue;
        while (a != NULL && ((const PopplerTextAttributes *)a->data)->end_index < index)
            a = a->next;
        const PopplerTextAttributes *at = a != NULL ? a->data : NULL;
        double size = at != NULL && at->start_index <= index ? at->font_size : 0;
        count_size(sizes, size, 1);
        count_size(page_sizes, size, 1);
        if ((guint)index < n_boxes) {
            y1 = MIN(y1, MIN(boxes[index].y1, boxes[index].y2));
            y2 = MAX(y2, MAX(boxes[index].y1, boxes[index].y2));
        }
    }
    end_line(pg, chars, sizes, y1, y2);
    pg->body = pg->against = most_common(page_sizes);
    mark_margins(pg);

    g_array_free(page_sizes, TRUE);
    g_array_free(sizes, TRUE);
    g_string_free(chars, TRUE);
    poppler_page_free_text_attributes(attrs);
    g_free(boxes);
    g_free(text);
    return pg;
}

static void ppage_free(ppage *pg)
{
    if (pg == NULL)
        return;
    g_ptr_array_unref(pg->lines);
    g_free(pg);
}

/* Marks the lines near the top or bottom of a page that another page also
 * has there (digits aside: "Page 3", "Rapport 2019 - 4"). */
static void mark_running(ppage **pages, int n)
{
    for (int i = 0; i < n; i++)
        for (guint j = 0; j < pages[i]->lines->len; j++) {
            pline *l = g_ptr_array_index(pages[i]->lines, j);
            if (l->key == NULL || l->running)
                continue;
            for (int k = 0; k < n && !l->running; k++)
                for (guint m = 0; k != i && m < pages[k]->lines->len && !l->running; m++) {
                    const pline *o = g_ptr_array_index(pages[k]->lines, m);
                    l->running = o->key != NULL && strcmp(o->key, l->key) == 0;
                }
        }
}

static gboolean same_size(double a, double b) { return fabs(a - b) <= SAME_SIZE; }

static size_t letters_of(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p))
        n += g_unichar_isalpha(g_utf8_get_char(p)) ? 1 : 0;
    return n;
}

/* Whether b directly follows a, close below it (or beside it). */
static gboolean follows(const pline *a, const pline *b, double size)
{
    return b->y1 - a->y2 <= 0.9 * size && b->y2 > a->y1;
}

/* Appends a line of a title broken over lines: a word hyphenated across
 * them is joined ("diag-" "nostic"), a compound keeps its hyphen
 * ("Franche-" "Comté"). */
static void join_line(GString *title, const char *line)
{
    const char *before = title->len > 1 && title->str[title->len - 1] == '-'
                             ? g_utf8_find_prev_char(title->str, title->str + title->len - 1)
                             : NULL;
    gboolean hyphen = before != NULL && g_unichar_isalpha(g_utf8_get_char(before));
    if (hyphen && g_unichar_islower(g_utf8_get_char(line)))
        g_string_truncate(title, title->len - 1);
    else if (!hyphen && title->len > 0)
        g_string_append_c(title, ' ');
    g_string_append(title, line);
}

/* A line that may be part of a title: not a running header or footer, not
 * boilerplate, with a real word (logos' letters are not). */
static gboolean usable(const pline *l)
{
    return !l->running && letters_of(l->text) >= 3 && !title_line_is_boilerplate(l->text);
}

/* The first title-worthy run of lines of size on pg, or NULL; *runs gets
 * how many such runs the page has at that size, *start and *end the
 * indexes of the first run's first and last lines. */
static char *runs_at(const ppage *pg, double size, guint *runs, guint *start, guint *end)
{
    char *first = NULL;
    *runs = 0;
    for (guint i = 0; i < pg->lines->len; i++) {
        const pline *l = g_ptr_array_index(pg->lines, i);
        if (!same_size(l->size, size) || !usable(l))
            continue;
        GString *run = g_string_new(l->text);
        guint i0 = i, j = i + 1, n = 1;
        for (; j < pg->lines->len; j++) {
            const pline *next = g_ptr_array_index(pg->lines, j);
            const pline *prev = g_ptr_array_index(pg->lines, j - 1);
            if (!same_size(next->size, size) || !usable(next) || !follows(prev, next, size))
                break;
            if (n++ < TITLE_LINES)
                join_line(run, next->text);
        }
        i = j - 1;
        char *title = title_clean(run->str);
        g_string_free(run, TRUE);
        if (title != NULL && letters_of(title) >= 4 && !title_line_is_boilerplate(title)) {
            (*runs)++;
            if (first == NULL) {
                first = title;
                title = NULL;
                *start = i0;
                *end = j - 1;
            }
        }
        g_free(title);
    }
    return first;
}

/* A cover: a page of at most COVER_LETTERS letters, most of them often
 * in its title's or subtitle's type, so that its own body size is one of
 * theirs. */
#define COVER_LETTERS 600

static gboolean is_cover(const ppage *pg)
{
    size_t n = 0;
    for (guint i = 0; i < pg->lines->len; i++)
        n += letters_of(((const pline *)g_ptr_array_index(pg->lines, i))->text);
    return n <= COVER_LETTERS;
}

static gboolean continues(const char *prev, const char *next);

/* The subtitle that directly follows a title ending at line end of
 * size: the lines just below it in one smaller type that is still a
 * title's (LARGER times the body size it is measured against; on a cover,
 * its own body size or COVER_SUBTITLE_LARGER times), while the title has
 * fewer than TITLE_LINES lines ("GUIDE PRATIQUE" / "pour une restauration
 * collective durable..."; "LES ALTERNATIVES AUX CONDITIONNEMENTS EN
 * PLASTIQUE" / "DANS LA RESTAURATION COLLECTIVE"), when the title is short
 * or the subtitle continues its sentence.  A date, a page number or a dash
 * in between ends the title. */
static void add_subtitle(const ppage *pg, guint end, double size, guint lines, GString *title)
{
    const pline *prev = g_ptr_array_index(pg->lines, end);
    /* a cover's body size may be the subtitle's own */
    double sub = 0, least = is_cover(pg) ? MIN(pg->body, pg->against * COVER_SUBTITLE_LARGER)
                                         : pg->against * LARGER;
    gboolean short_title = title_words(title->str) <= SUBTITLE_AFTER_WORDS;
    for (guint j = end + 1; j < pg->lines->len && lines < TITLE_LINES; j++, lines++) {
        const pline *next = g_ptr_array_index(pg->lines, j);
        if (sub == 0)
            sub = next->size;
        if (!same_size(next->size, sub) || sub >= size - SAME_SIZE || sub < least ||
            !usable(next) || !follows(prev, next, sub) ||
            (!short_title && !continues(prev->text, next->text)))
            break;
        join_line(title, next->text);
        prev = next;
    }
}

/* The largest type clearly above the body's, used for one or two runs of
 * lines, with its subtitle; NULL when the page has none. */
static char *title_by_font(const ppage *pg)
{
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(double));
    char *title = NULL;
    for (guint i = 0; pg->against > 0 && i < pg->lines->len; i++) {
        const pline *l = g_ptr_array_index(pg->lines, i);
        gboolean known = FALSE;
        for (guint k = 0; k < sizes->len && !known; k++)
            known = same_size(g_array_index(sizes, double, k), l->size);
        if (!known && !l->running && l->size >= pg->against * LARGER)
            g_array_append_val(sizes, l->size);
    }
    while (sizes->len > 0 && title == NULL) {
        guint largest = 0;
        for (guint k = 1; k < sizes->len; k++)
            if (g_array_index(sizes, double, k) > g_array_index(sizes, double, largest))
                largest = k;
        double size = g_array_index(sizes, double, largest);
        g_array_remove_index_fast(sizes, largest);
        guint runs = 0, start = 0, end = 0;
        title = runs_at(pg, size, &runs, &start, &end);
        if (runs > TITLE_RUNS) { /* a heading style: smaller sizes are not titles either */
            g_free(title);
            title = NULL;
            break;
        }
        if (title != NULL) {
            GString *whole = g_string_new(title);
            add_subtitle(pg, end, size, end - start + 1, whole);
            g_free(title);
            title = title_clean(whole->str);
            g_string_free(whole, TRUE);
        }
    }
    g_array_free(sizes, TRUE);
    return title;
}

static guint words_of(const char *s)
{
    guint n = 0;
    char **parts = g_strsplit(s, " ", -1);
    for (char **p = parts; *p != NULL; p++)
        n += letters_of(*p) > 0 ? 1 : 0;
    g_strfreev(parts);
    return n;
}

/* Whether next continues a title that ends with prev: it starts in lower
 * case, or prev ends with a comma or a hyphen. */
static gboolean continues(const char *prev, const char *next)
{
    size_t n = strlen(prev);
    gunichar c = g_utf8_get_char(next);
    return g_unichar_islower(c) || c == '_' ||
           (n > 0 && (prev[n - 1] == ',' || prev[n - 1] == '-'));
}

/* The first line that is neither a header or footer nor boilerplate nor a
 * lone heading word ("NOM", "Introduction"), with the lines that continue
 * it (same size, just below, see continues()). */
static char *title_by_first_line(const ppage *pg)
{
    for (guint i = 0; i < pg->lines->len; i++) {
        const pline *l = g_ptr_array_index(pg->lines, i);
        if (l->margin || !usable(l) || (words_of(l->text) < 2 && g_utf8_strlen(l->text, -1) < 12))
            continue;
        GString *run = g_string_new(l->text);
        for (guint j = i + 1, n = 1; j < pg->lines->len && n < FIRST_LINES; j++, n++) {
            const pline *next = g_ptr_array_index(pg->lines, j);
            const pline *prev = g_ptr_array_index(pg->lines, j - 1);
            if (!same_size(next->size, l->size) || !follows(prev, next, MAX(l->size, 1)) ||
                !continues(prev->text, next->text) || !usable(next))
                break;
            join_line(run, next->text);
        }
        char *title = title_clean(run->str);
        g_string_free(run, TRUE);
        if (title != NULL && !title_line_is_boilerplate(title))
            return title;
        g_free(title);
    }
    return NULL;
}

/* title_by_font on a cover, against the body size of the first of the n
 * pages after it that has text (read sized here), when that is smaller;
 * NULL otherwise. */
static char *title_by_font_on_cover(ppage *cover, PopplerPage *const *after, int n)
{
    if (!is_cover(cover))
        return NULL;
    double body = 0;
    for (int i = 0; i < n && body == 0; i++) {
        ppage *next = read_page(after[i], TRUE);
        body = next->body;
        ppage_free(next);
    }
    char *title = NULL;
    if (body > 0 && body < cover->body) {
        cover->against = body;
        title = title_by_font(cover);
        cover->against = cover->body;
    }
    return title;
}

static gboolean has_text(const ppage *pg)
{
    for (guint i = 0; i < pg->lines->len; i++)
        if (usable(g_ptr_array_index(pg->lines, i)))
            return TRUE;
    return FALSE;
}

char *pdf_title_infer(PopplerPage *const *pages, int n, const char **source)
{
    ppage *read[PDF_TITLE_PAGES] = { NULL };
    char *title = NULL;
    n = CLAMP(n, 0, PDF_TITLE_PAGES);
    for (int i = 0; i < n; i++)
        read[i] = read_page(pages[i], i == 0);
    mark_running(read, n);
    for (int i = 0; i < n && title == NULL; i++) {
        if (!has_text(read[i])) /* a cover without text, a blank page */
            continue;
        if (!read[i]->sized) { /* the title page is not the first: its sizes too */
            ppage_free(read[i]);
            read[i] = read_page(pages[i], TRUE);
            mark_running(read, n);
        }
        if ((title = title_by_font(read[i])) != NULL ||
            (title = title_by_font_on_cover(read[i], pages + i + 1, n - i - 1)) != NULL) {
            *source = TITLE_SOURCE_FONT;
        } else if ((title = title_by_first_line(read[i])) != NULL) {
            *source = TITLE_SOURCE_FIRST_LINE;
        }
        break;
    }
    for (int i = 0; i < n; i++)
        ppage_free(read[i]);
    return title;
}
