/* versions.c - sketches of texts and groups of versions (versions.h). */
#include "versions.h"
#include "docstore.h"
#include "record.h"
#include "schema.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- Sketches ---------------------------------------------------------------------- */

static guint64 mix64(guint64 h)
{
    h ^= h >> 33;
    h *= G_GUINT64_CONSTANT(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= G_GUINT64_CONSTANT(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

static guint64 fnv1a(const char *s, size_t n)
{
    guint64 h = G_GUINT64_CONSTANT(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= (guchar)s[i];
        h *= G_GUINT64_CONSTANT(0x100000001b3);
    }
    return h;
}

/* A folded text's word characters: letters, digits and any non-ASCII byte. */
static gboolean word_byte(char c) { return g_ascii_isalnum(c) || (guchar)c >= 0x80; }

/* The next word of folded text at *p (moved past it): its start, with
 * *n its length; NULL at the end. */
static const char *next_word(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s != '\0' && !word_byte(*s))
        s++;
    const char *w = s;
    while (*s != '\0' && word_byte(*s))
        s++;
    *p = s;
    *n = (size_t)(s - w);
    return *n > 0 ? w : NULL;
}

/* Words of a title that name an edition, not a document. */
static gboolean edition_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "version", "provisoire", "definitif", "definitive", "final", "finale", "projet",
        "draft", "corrige", "corrigee", "revise", "revisee", "bis", "maj", "vf",
    };
    if (n >= 2 && n <= 3 && w[0] == 'v' && g_ascii_isdigit(w[1]) && (n == 2 || g_ascii_isdigit(w[2])))
        return TRUE; /* v2, v12 */
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return TRUE;
    return FALSE;
}

/* The hash of title's folded words but its edition words, 0 for none. */
static guint32 title_hash(const char *title)
{
    if (title == NULL)
        return 0;
    char *f = text_fold(title, -1);
    guint64 h = 0;
    gboolean any = FALSE;
    const char *p = f, *w;
    size_t n;
    while ((w = next_word(&p, &n)) != NULL)
        if (!edition_word(w, n)) {
            h = mix64(h ^ fnv1a(w, n));
            any = TRUE;
        }
    g_free(f);
    return any ? (guint32)(h | 1) : 0;
}

gboolean versions_sketch_make(const char *title, const char *text, versions_sketch *out)
{
    return versions_sketch_make_len(title, text, text != NULL ? strlen(text) : 0, out);
}

gboolean versions_sketch_make_len(const char *title, const char *text, size_t len,
                                  versions_sketch *out)
{
    guint64 window[VERSIONS_SHINGLE];
    guint words = 0, shingles = 0;
    if (text == NULL)
        return FALSE;
    for (guint i = 0; i < VERSIONS_BINS; i++)
        out->bins[i] = G_MAXUINT32;
    out->title = title_hash(title);
    char *f = text_fold(text, (gssize)len);
    const char *p = f, *w;
    size_t n;
    while ((w = next_word(&p, &n)) != NULL) {
        window[words++ % VERSIONS_SHINGLE] = fnv1a(w, n);
        if (words < VERSIONS_SHINGLE)
            continue;
        guint64 h = 0;
        for (guint k = 0; k < VERSIONS_SHINGLE; k++) /* oldest word first */
            h = mix64(h ^ window[(words + k) % VERSIONS_SHINGLE]);
        guint bin = (guint)(h >> 58);               /* top 6 bits: 64 bins */
        guint32 v = (guint32)h;
        if (v < out->bins[bin])
            out->bins[bin] = v;
        shingles++;
    }
    g_free(f);
    return shingles >= VERSIONS_MIN_SHINGLES;
}

double versions_resemblance(const versions_sketch *a, const versions_sketch *b)
{
    guint same = 0, used = 0;
    for (guint i = 0; i < VERSIONS_BINS; i++) {
        if (a->bins[i] == G_MAXUINT32 && b->bins[i] == G_MAXUINT32)
            continue;
        used++;
        same += a->bins[i] == b->bins[i];
    }
    return used > 0 ? (double)same / used : 0.0;
}

gboolean versions_alike(const versions_sketch *a, const versions_sketch *b)
{
    double r = versions_resemblance(a, b);
    return a->title != 0 && a->title == b->title && r >= VERSIONS_RESEMBLANCE;
}

static void put32(guchar *p, guint32 v)
{
    p[0] = (guchar)(v >> 24);
    p[1] = (guchar)(v >> 16);
    p[2] = (guchar)(v >> 8);
    p[3] = (guchar)v;
}

static guint32 get32(const guchar *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

#define SKETCH_BYTES (4 * (1 + VERSIONS_BINS))

static void sketch_encode(const versions_sketch *s, guchar out[SKETCH_BYTES])
{
    put32(out, s->title);
    for (guint i = 0; i < VERSIONS_BINS; i++)
        put32(out + 4 * (i + 1), s->bins[i]);
}

static gboolean sketch_decode(const char *v, size_t len, versions_sketch *s)
{
    if (len != SKETCH_BYTES)
        return FALSE;
    const guchar *p = (const guchar *)v;
    s->title = get32(p);
    for (guint i = 0; i < VERSIONS_BINS; i++)
        s->bins[i] = get32(p + 4 * (i + 1));
    return TRUE;
}

/* Band b's term, or FALSE when one of its bins is empty. */
static gboolean band_term(const versions_sketch *s, guint b, char out[32])
{
    guint64 h = b;
    for (guint i = b * VERSIONS_BAND; i < (b + 1) * VERSIONS_BAND; i++) {
        if (s->bins[i] == G_MAXUINT32)
            return FALSE;
        h = mix64(h ^ s->bins[i]);
    }
    g_snprintf(out, 32, "%s%x%08x", PFX_NEAR, b, (guint32)h);
    return TRUE;
}

/* ---- Groups ------------------------------------------------------------------------ */

typedef struct {
    GHashTable *seen;   /* candidate docids */
    xap_docid self;
    guint band_added;   /* candidates the current band added */
} candidates;

static int on_candidate(xap_docid id, void *ud)
{
    candidates *c = ud;
    if (id != c->self && g_hash_table_add(c->seen, GUINT_TO_POINTER(id)))
        c->band_added++;
    return c->band_added >= VERSIONS_BAND_CANDIDATES;
}

/* OUT *group: the group of the most alike document of db (NULL: none). */
static int find_group(const xap_db *db, const versions_sketch *s, const char *self_id,
                      char **group, verr *err)
{
    char term[DOC_ID_LEN + 2];
    candidates c = { g_hash_table_new(g_direct_hash, g_direct_equal), 0, 0 };
    double best = 0;
    int rc = 0;
    verr e;
    *group = NULL;
    record_id_term(self_id, term);
    if (xap_db_find_term(db, term, &c.self, &e) != 0)
        c.self = 0;
    for (guint b = 0; b < VERSIONS_BINS / VERSIONS_BAND && rc == 0; b++) {
        char band[32];
        c.band_added = 0;
        if (band_term(s, b, band))
            rc = xap_db_postlist(db, band, on_candidate, &c, err);
    }
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, c.seen);
    while (rc == 0 && g_hash_table_iter_next(&it, &key, NULL)) {
        xap_doc *doc = NULL;
        char *v = NULL;
        size_t len = 0;
        versions_sketch other;
        if (xap_db_get_document(db, GPOINTER_TO_UINT(key), &doc, err) != 0 ||
            xap_doc_get_value(doc, SLOT_SKETCH, &v, &len, err) != 0) {
            rc = -1;
        } else if (sketch_decode(v, len, &other) && versions_alike(s, &other)) {
            double r = versions_resemblance(s, &other); /* versions_alike's, once more */
            char *g = NULL;
            if (r > best && versions_group_of(doc, &g, err) == 0 && *g != '\0') {
                best = r;
                g_free(*group);
                *group = g;
            } else {
                g_free(g);
            }
        }
        free(v);
        xap_doc_free(doc);
    }
    g_hash_table_unref(c.seen);
    if (rc != 0) {
        g_free(*group);
        *group = NULL;
    }
    return rc;
}

int versions_group_of(const xap_doc *doc, char **group, verr *err)
{
    size_t len;
    char *v = NULL;
    if (xap_doc_get_value(doc, SLOT_VERSION_GROUP, &v, &len, err) != 0)
        return -1;
    *group = g_strndup(v, len);
    free(v);
    return 0;
}

/* A new group's key: 16 random hex digits, like an id. */
static char *new_group_key(void)
{
    char *uuid = g_uuid_string_random(), *key = g_new0(char, DOC_ID_LEN + 1);
    for (size_t i = 0, n = 0; uuid[i] != '\0' && n < DOC_ID_LEN; i++)
        if (uuid[i] != '-')
            key[n++] = uuid[i];
    g_free(uuid);
    return key;
}

/* The length of text's first RECORD_DATA_TEXT_MAX bytes, cut between
 * characters. */
static size_t kept_length(const char *text)
{
    size_t n = text != NULL ? strlen(text) : 0;
    if (n <= RECORD_DATA_TEXT_MAX)
        return n;
    n = RECORD_DATA_TEXT_MAX;
    while (n > 0 && ((guchar)text[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int versions_mark(const xap_db *db, xap_doc *doc, const docmeta *m, gboolean *joined,
                  verr *err)
{
    versions_sketch s;
    char *group = NULL;
    if (m->text != NULL && versions_sketch_make_len(m->title, m->text, kept_length(m->text), &s)) {
        guchar raw[SKETCH_BYTES];
        sketch_encode(&s, raw);
        if (xap_doc_set_value(doc, SLOT_SKETCH, (const char *)raw, sizeof raw, err) != 0)
            return -1;
        for (guint b = 0; b < VERSIONS_BINS / VERSIONS_BAND; b++) {
            char band[32];
            if (band_term(&s, b, band) && xap_doc_add_boolean_term(doc, band, err) != 0)
                return -1;
        }
        if (find_group(db, &s, m->id, &group, err) != 0)
            return -1;
    }
    *joined = group != NULL;
    if (group == NULL)
        group = new_group_key();
    const char *key = group;
    char *term = g_strconcat(PFX_VERSION_GROUP, key, NULL);
    int rc = xap_doc_set_value(doc, SLOT_VERSION_GROUP, key, strlen(key), err) != 0 ||
             xap_doc_add_boolean_term(doc, term, err) != 0 ? -1 : 0;
    g_free(term);
    g_free(group);
    return rc;
}

/* ---- Readers ----------------------------------------------------------------------- */

typedef struct {
    GArray *ids;
    guint max;
} members;

static int on_member(xap_docid id, void *ud)
{
    members *c = ud;
    g_array_append_val(c->ids, id);
    return c->ids->len >= c->max;
}

/* The documents of doc's group, at most VERSIONS_MEMBERS_READ, into ids;
 * none when it is alone (most documents are: sizes, or one lookup, says
 * so).  0 or -1. */
static int group_members(const xap_db *db, const xap_doc *doc, GHashTable *sizes, GArray *ids,
                         verr *err)
{
    char *group = NULL;
    if (versions_group_of(doc, &group, err) != 0)
        return -1;
    char *term = g_strconcat(PFX_VERSION_GROUP, group, NULL);
    members c = { ids, VERSIONS_MEMBERS_READ };
    unsigned size = 0;
    int rc = 0;
    if (*group != '\0' && sizes != NULL)
        size = GPOINTER_TO_UINT(g_hash_table_lookup(sizes, group));
    else if (*group != '\0')
        rc = xap_db_termfreq(db, term, &size, err);
    if (rc == 0 && size > 1)
        rc = xap_db_postlist(db, term, on_member, &c, err);
    g_free(term);
    g_free(group);
    return rc;
}

static int count_group_value(const char *value, size_t len, unsigned freq, void *ud)
{
    g_hash_table_insert(ud, g_strndup(value, len), GUINT_TO_POINTER(freq));
    return 0;
}

GHashTable *versions_group_sizes(const xap_db *db, xap_doc *const *docs, guint n, verr *err)
{
    GHashTable *sizes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    int rc = 0;
    for (guint i = 0; i < n && rc == 0; i++) {
        char *group = NULL;
        if ((rc = versions_group_of(docs[i], &group, err)) == 0 && *group != '\0') {
            char *term = g_strconcat(PFX_VERSION_GROUP, group, NULL);
            xap_query *q = xap_query_term(term, 1, err);
            if (q != NULL)
                g_ptr_array_add(terms, q);
            else
                rc = -1;
            g_free(term);
        }
        g_free(group);
    }
    xap_query *any = NULL;
    xap_enquire *enq = NULL;
    xap_spy *spy = NULL;
    xap_mset *ms = NULL;
    unsigned docs_in = 0;
    if (rc == 0 && terms->len > 0 &&
        ((any = xap_query_combine(XAP_OP_OR, (xap_query *const *)terms->pdata, terms->len,
                                  err)) == NULL ||
         (enq = xap_enquire_new(db, err)) == NULL || xap_enquire_set_query(enq, any, err) != 0 ||
         xap_enquire_set_unweighted(enq, err) != 0 ||
         (spy = xap_spy_new(SLOT_VERSION_GROUP, err)) == NULL ||
         xap_enquire_add_spy(enq, spy, err) != 0 || xap_db_doccount(db, &docs_in, err) != 0 ||
         xap_enquire_mset(enq, 0, 0, docs_in, &ms, err) != 0 ||
         xap_spy_values(spy, 0, count_group_value, sizes, err) != 0))
        rc = -1;
    xap_mset_free(ms);
    xap_spy_free(spy);
    xap_enquire_free(enq);
    xap_query_free(any);
    g_ptr_array_unref(terms);
    if (rc != 0) {
        g_hash_table_unref(sizes);
        return NULL;
    }
    return sizes;
}

/* The date and arrival keys of document id, "YYYYMMDD" then
 * "YYYYMMDDhhmmss" ("" when unknown), in order by_arrival asks: OUT *key
 * (caller frees).  0 or -1. */
static int newness_key(const xap_db *db, xap_docid id, gboolean by_arrival, char **key, verr *err)
{
    xap_doc *doc = NULL;
    char *date = NULL, *added = NULL;
    size_t dl = 0, al = 0;
    int rc = -1;
    if (xap_db_get_document(db, id, &doc, err) == 0 &&
        xap_doc_get_value(doc, SLOT_DATE, &date, &dl, err) == 0 &&
        xap_doc_get_value(doc, SLOT_ADDED, &added, &al, err) == 0) {
        /* fixed widths, so that keys compare as strings */
        *key = by_arrival ? g_strdup_printf("%-14.*s%-8.*s", (int)al, added, (int)dl, date)
                          : g_strdup_printf("%-8.*s%-14.*s", (int)dl, date, (int)al, added);
        rc = 0;
    }
    free(date);
    free(added);
    xap_doc_free(doc);
    return rc;
}

int versions_newest(const xap_db *db, xap_docid id, const xap_doc *given, gboolean by_arrival,
                    GHashTable *sizes, xap_docid *newest, verr *err)
{
    xap_doc *doc = NULL;
    char *best_key = NULL;
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(xap_docid));
    int rc = -1;
    *newest = id;
    if (given != NULL || xap_db_get_document(db, id, &doc, err) == 0)
        rc = group_members(db, given != NULL ? given : doc, sizes, ids, err);
    for (guint i = 0; i < ids->len && rc == 0; i++) {
        xap_docid m = g_array_index(ids, xap_docid, i);
        char *key = NULL;
        if ((rc = newness_key(db, m, by_arrival, &key, err)) != 0)
            break;
        int cmp = best_key != NULL ? strcmp(key, best_key) : 1;
        if (cmp > 0 || (cmp == 0 && m > *newest)) {
            g_free(best_key);
            best_key = key;
            *newest = m;
        } else {
            g_free(key);
        }
    }
    if (rc != 0)
        *newest = id;
    g_free(best_key);
    g_array_unref(ids);
    xap_doc_free(doc);
    return rc;
}

/* Newest first: the document's own date, then its arrival. */
static int newest_first(gconstpointer a, gconstpointer b)
{
    const docmeta *x = *(docmeta *const *)a, *y = *(docmeta *const *)b;
    char dx[9], dy[9];
    docmeta_date_key(x, dx);
    docmeta_date_key(y, dy);
    int c = strcmp(dy, dx);
    return c != 0 ? c : g_strcmp0(y->added, x->added);
}

int versions_attach(const xap_db *db, const xap_doc *doc, docmeta *m, guint max,
                    GHashTable *sizes, verr *err)
{
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(xap_docid));
    int rc = group_members(db, doc, sizes, ids, err);
    for (guint i = 0; rc == 0 && i < ids->len; i++) {
        xap_doc *other = NULL;
        docmeta *v = NULL;
        if (xap_db_get_document(db, g_array_index(ids, xap_docid, i), &other, err) != 0 ||
            (v = docstore_read(other, FALSE, err)) == NULL) {
            rc = -1;
        } else if (g_strcmp0(v->id, m->id) == 0) {
            docmeta_free(v);
        } else {
            if (m->versions == NULL)
                m->versions = g_ptr_array_new_with_free_func((GDestroyNotify)docmeta_free);
            g_ptr_array_add(m->versions, v);
        }
        xap_doc_free(other);
    }
    if (rc == 0 && m->versions != NULL) {
        g_ptr_array_sort(m->versions, newest_first);
        if (m->versions->len > max)
            g_ptr_array_set_size(m->versions, max);
    }
    g_array_unref(ids);
    return rc;
}
