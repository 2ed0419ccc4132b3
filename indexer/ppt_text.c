/* ppt_text.c - text records of a PowerPoint 97-2003 stream (ppt_text.h). */
#include "ppt_text.h"
#include "extract.h"

#include <string.h>

/* record types, [MS-PPT] 2.13.24 */
#define RT_SLIDE 0x03EE
#define RT_NOTES 0x03F0
#define RT_ENVIRONMENT 0x03F2
#define RT_SLIDE_PERSIST_ATOM 0x03F3
#define RT_MAIN_MASTER 0x03F8
#define RT_HANDOUT 0x0FC9
#define RT_TEXT_CHARS_ATOM 0x0FA0
#define RT_TEXT_BYTES_ATOM 0x0FA8
#define RT_SLIDE_LIST_WITH_TEXT 0x0FF0
#define VER_CONTAINER 0xF

#define MAX_DEPTH 32
#define MAX_SLIDES 10000

typedef struct {
    GPtrArray *slides;   /* of GString: each slide's text, by index */
    GPtrArray *seen;     /* of GHashTable: each slide's texts already kept (owned keys) */
    int in_list;         /* inside the document's slide list (instance 0) */
    int list_slide;      /* the list's current slide (its SlidePersistAtom), -1 before */
    int list_count;      /* SlidePersistAtoms seen */
    int box_slide;       /* the Slide container being read, -1 outside */
    int box_count;       /* Slide containers seen */
    gsize total;         /* bytes of text kept */
    gboolean records;    /* some record was read */
} walk_state;

static guint16 u16(const guint8 *p) { return (guint16)(p[0] | p[1] << 8); }
static guint32 u32(const guint8 *p)
{
    return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

/* A text atom's characters as UTF-8, paragraph and line breaks (CR,
 * vertical tab) as newlines, form feeds as spaces, NULs left out. */
static char *atom_text(const guint8 *body, guint32 len, gboolean wide)
{
    GString *out = g_string_sized_new(len);
    if (wide) {
        glong n = (glong)(len / 2);
        gunichar2 *units = g_new(gunichar2, n > 0 ? n : 1);
        glong kept = 0;
        for (glong i = 0; i < n; i++)
            if ((units[kept] = u16(body + 2 * i)) != 0) /* a NUL would end the text */
                kept++;
        /* unit by unit, so that a lone surrogate costs itself, not the text */
        for (glong i = 0; i < kept; i++) {
            gunichar c = units[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < kept && units[i + 1] >= 0xDC00 &&
                units[i + 1] <= 0xDFFF)
                c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
            else if (c >= 0xD800 && c <= 0xDFFF)
                c = 0xFFFD;
            g_string_append_unichar(out, c);
        }
        g_free(units);
    } else {
        for (guint32 i = 0; i < len; i++)
            if (body[i] != 0) /* the low byte of a UTF-16 unit; a NUL would end the text */
                g_string_append_unichar(out, body[i]);
    }
    for (gsize i = 0; i < out->len; i++) {
        if (out->str[i] == '\r' || out->str[i] == '\v')
            out->str[i] = '\n';
        else if (out->str[i] == '\f') /* form feeds separate the slides */
            out->str[i] = ' ';
    }
    return g_string_free(out, FALSE);
}

/* Adds each line of a text to a slide, unless the slide has it already
 * (the same box in the slide list and in the slide). */
static void add_text(walk_state *w, int slide, char *s)
{
    if (slide < 0 || slide >= MAX_SLIDES || w->total >= EXTRACT_MAX_TEXT) {
        g_free(s);
        return;
    }
    while (w->slides->len <= (guint)slide) {
        g_ptr_array_add(w->slides, g_string_new(NULL));
        g_ptr_array_add(w->seen, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL));
    }
    GString *t = g_ptr_array_index(w->slides, slide);
    GHashTable *seen = g_ptr_array_index(w->seen, slide);
    char **lines = g_strsplit(s, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        char *line = g_strstrip(*l);
        if (*line == '\0' || g_hash_table_contains(seen, line))
            continue;
        g_string_append(t, line);
        g_string_append_c(t, '\n');
        w->total += strlen(line) + 1;
        g_hash_table_add(seen, g_strdup(line));
    }
    g_strfreev(lines);
    g_free(s);
}

static gboolean skipped_container(guint16 type, guint16 instance)
{
    return type == RT_MAIN_MASTER || type == RT_NOTES || type == RT_HANDOUT ||
           type == RT_ENVIRONMENT || (type == RT_SLIDE_LIST_WITH_TEXT && instance != 0);
}

static void walk(walk_state *w, const guint8 *data, gsize start, gsize end, int depth)
{
    gsize pos = start;
    while (pos + 8 <= end && w->total < EXTRACT_MAX_TEXT) {
        guint16 ver_inst = u16(data + pos), type = u16(data + pos + 2);
        guint32 len = u32(data + pos + 4);
        gsize body = pos + 8;
        if (len > end - body)
            return; /* a record longer than its parent: damaged, stop here */
        w->records = TRUE;
        guint16 ver = ver_inst & 0xF, instance = ver_inst >> 4;
        if (ver == VER_CONTAINER) {
            if (skipped_container(type, instance) || depth >= MAX_DEPTH) {
                /* nothing of theirs is a slide's */
            } else if (type == RT_SLIDE_LIST_WITH_TEXT) {
                w->in_list++;
                walk(w, data, body, body + len, depth + 1);
                w->in_list--;
            } else if (type == RT_SLIDE && w->box_slide < 0) {
                w->box_slide = w->box_count++;
                walk(w, data, body, body + len, depth + 1);
                w->box_slide = -1;
            } else {
                walk(w, data, body, body + len, depth + 1);
            }
        } else if (type == RT_SLIDE_PERSIST_ATOM && w->in_list > 0) {
            w->list_slide = w->list_count++;
        } else if (type == RT_TEXT_CHARS_ATOM || type == RT_TEXT_BYTES_ATOM) {
            int slide = w->in_list > 0 ? w->list_slide : w->box_slide;
            /* no more of an atom than the text has room for */
            guint32 room = (guint32)MIN((gsize)len, (EXTRACT_MAX_TEXT - w->total) * 2);
            add_text(w, slide, atom_text(data + body, room, type == RT_TEXT_CHARS_ATOM));
        }
        pos = body + len;
    }
}

int ppt_text_read(const guint8 *data, gsize len, GString *text, verr *err)
{
    walk_state w = { g_ptr_array_new(), g_ptr_array_new_with_free_func(
                                            (GDestroyNotify)g_hash_table_unref),
                     0, -1, 0, -1, 0, 0, FALSE };
    walk(&w, data, 0, len, 0);
    if (!w.records) {
        g_ptr_array_free(w.slides, TRUE);
        g_ptr_array_unref(w.seen);
        verr_set(err, VERR_PARSE, "ppt", "flux PowerPoint sans enregistrement lisible");
        return -1;
    }
    /* the slide list numbers the slides; Slide containers are counted only
     * without one (a fast-saved file keeps superseded ones) */
    int count = MIN(MAX(w.list_count > 0 ? w.list_count : w.box_count, (int)w.slides->len),
                    MAX_SLIDES);
    for (int i = 0; i < count; i++) {
        if (i > 0)
            extract_append(text, "\f", 1);
        if ((guint)i < w.slides->len) {
            GString *t = g_ptr_array_index(w.slides, i);
            extract_append(text, t->str, (gssize)t->len);
        }
    }
    for (guint i = 0; i < w.slides->len; i++)
        g_string_free(g_ptr_array_index(w.slides, i), TRUE);
    g_ptr_array_free(w.slides, TRUE);
    g_ptr_array_unref(w.seen);
    return count;
}
