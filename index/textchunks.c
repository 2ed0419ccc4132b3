/* textchunks.c - a document's text cut into stored passages (textchunks.h). */
#include "textchunks.h"

#include <stdlib.h>
#include <string.h>

/* Where a passage of at most TEXT_CHUNK_BYTES from p (end at most end)
 * ends: after the last white space, or at a character boundary. */
static const char *chunk_end(const char *p, const char *end)
{
    if ((gsize)(end - p) <= TEXT_CHUNK_BYTES)
        return end;
    const char *cut = p + TEXT_CHUNK_BYTES;
    for (const char *q = cut; q > p + TEXT_CHUNK_BYTES / 2; q--)
        if (g_ascii_isspace(q[-1]))
            return q;
    while (cut > p && ((unsigned char)*cut & 0xC0) == 0x80)
        cut--;
    return cut > p ? cut : p + TEXT_CHUNK_BYTES;
}

static void add(text_chunks *c, const char *text, const char *from, const char *to)
{
    text_chunk k = { (gsize)(from - text), (gsize)(to - from) };
    g_array_append_val(c->chunks, k);
    c->covered = (gsize)(to - text);
}

text_chunks *text_chunks_split(const char *text, gsize max_bytes)
{
    text_chunks *c = g_new0(text_chunks, 1);
    c->chunks = g_array_new(FALSE, FALSE, sizeof(text_chunk));
    if (text == NULL)
        return c;
    gsize len = strlen(text);
    if (len > max_bytes) {
        len = max_bytes;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    const char *p = text, *end = text + len;
    c->paged = memchr(text, '\f', len) != NULL;
    while (p < end && c->chunks->len < TEXT_CHUNKS_MAX) {
        if (c->paged) {
            const char *ff = memchr(p, '\f', (size_t)(end - p));
            add(c, text, p, ff != NULL ? ff : end);
            if (ff == NULL)
                break;
            p = ff + 1;
            c->covered = (gsize)(p - text);
            if (p == end) /* a last form feed: one more, empty, page */
                add(c, text, p, p);
        } else {
            const char *to = chunk_end(p, end);
            add(c, text, p, to);
            p = to;
        }
    }
    return c;
}

void text_chunks_free(text_chunks *c)
{
    if (c == NULL)
        return;
    g_array_unref(c->chunks);
    g_free(c);
}

char *text_chunks_encode_starts(gboolean paged, const guint32 *starts, guint n_chunks)
{
    GString *s = g_string_new(paged ? "p" : "c");
    for (guint i = 0; i <= n_chunks; i++)
        g_string_append_printf(s, i == 0 ? "%u" : ",%u", starts[i]);
    return g_string_free(s, FALSE);
}

gboolean text_chunks_decode_starts(const char *value, gsize len, gboolean *paged,
                                   guint32 **starts, guint *n_chunks)
{
    *starts = NULL;
    if (value == NULL || len < 2 || (value[0] != 'p' && value[0] != 'c'))
        return FALSE;
    char *copy = g_strndup(value + 1, len - 1);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(guint32));
    gboolean ok = TRUE;
    for (char *p = copy; ok && *p != '\0';) {
        char *next = NULL;
        unsigned long v = strtoul(p, &next, 10);
        guint32 pos = (guint32)v;
        ok = next != p && v <= G_MAXUINT32 && (*next == ',' || *next == '\0') &&
             (out->len == 0 || pos >= g_array_index(out, guint32, out->len - 1));
        g_array_append_val(out, pos);
        p = *next == ',' ? next + 1 : next;
    }
    g_free(copy);
    if (!ok || out->len < 2) {
        g_array_unref(out);
        return FALSE;
    }
    *paged = value[0] == 'p';
    *n_chunks = out->len - 1;
    *starts = (guint32 *)g_array_free(out, FALSE);
    return TRUE;
}

int text_chunks_of_position(const guint32 *starts, guint n_chunks, guint32 pos)
{
    if (n_chunks == 0 || pos <= starts[0] || pos > starts[n_chunks])
        return -1;
    guint lo = 0, hi = n_chunks; /* starts[lo] < pos <= starts[hi] */
    while (hi - lo > 1) {
        guint mid = lo + (hi - lo) / 2;
        if (starts[mid] < pos)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo;
}
