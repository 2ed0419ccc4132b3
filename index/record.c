/* record.c - docmeta -> Xapian document (record.h, schema.h). */
#include "record.h"
#include "docstore.h"
#include "facet.h"
#include "schema.h"
#include "text.h"
#include "textchunks.h"

#include <string.h>
#include <time.h>

/* Body text past this many bytes adds no spelling data: the start of a
 * document has its vocabulary, and spelling data is costly to build. */
#define SPELLING_BODY_MAX (32u * 1024u)

struct record_builder {
    gboolean spelling;  /* spelling data is being recorded */
    xap_termgen *tg;
    xap_stem *stem;
    xap_stopper *stopper;
};

record_builder *record_builder_new(verr *err)
{
    record_builder *rb = g_new0(record_builder, 1);
    if ((rb->stem = xap_stem_new("french", err)) == NULL ||
        (rb->stopper = xap_stopper_new(text_french_stopwords(), err)) == NULL ||
        (rb->tg = xap_termgen_new(err)) == NULL ||
        xap_termgen_set_stemmer(rb->tg, rb->stem, err) != 0 ||
        xap_termgen_set_stopper(rb->tg, rb->stopper, err) != 0) {
        record_builder_free(rb);
        return NULL;
    }
    return rb;
}

int record_builder_spelling(record_builder *rb, xap_wdb *wdb, verr *err)
{
    rb->spelling = TRUE;
    return xap_termgen_enable_spelling(rb->tg, wdb, err);
}

void record_builder_free(record_builder *rb)
{
    if (rb == NULL)
        return;
    xap_termgen_free(rb->tg);
    xap_stopper_free(rb->stopper);
    xap_stem_free(rb->stem);
    g_free(rb);
}

void record_id_for_path(const char *abs_path, char out[DOC_ID_LEN + 1])
{
    char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, abs_path, -1);
    memcpy(out, hex, DOC_ID_LEN);
    out[DOC_ID_LEN] = '\0';
    g_free(hex);
}

gboolean record_id_valid(const char *s)
{
    return s != NULL && strlen(s) == DOC_ID_LEN && strspn(s, "0123456789abcdef") == DOC_ID_LEN;
}

void record_id_term(const char *id, char out[DOC_ID_LEN + 2])
{
    g_snprintf(out, DOC_ID_LEN + 2, "%s%s", PFX_ID, id);
}

/* Title openings that name a document type (match form -> label); alone
 * on a cover's or a heading's line, those marked "line" say it too (not
 * the others: "Évaluation", "Synthèse"... are also a report's sections). */
static const struct {
    const char *folded;
    const char *label;
    gboolean line;
} doctype_cues[] = {
    { "rapport d activite", "Rapport d'activité", FALSE },
    { "compte rendu", "Compte rendu", TRUE },
    { "compte-rendu", "Compte rendu", TRUE },
    { "actes", "Actes", TRUE },
    { "invitation", "Invitation", TRUE },
    { "programme", "Programme", TRUE },
    { "guide", "Guide", FALSE },
    { "fiche", "Fiche thématique", FALSE },
    { "diagnostic", "Diagnostic local de santé", FALSE },
    { "lettre d information", "Lettre d'information", TRUE },
    { "newsletter", "Lettre d'information", TRUE },
    { "etude", "Étude", FALSE },
    { "rapport", "Rapport", FALSE },
    { "synthese", "Synthèse", FALSE },
    { "evaluation", "Évaluation", FALSE },
};

const char *record_guess_doctype(const char *title)
{
    if (title == NULL)
        return NULL;
    char *f = text_fold(title, -1);
    const char *found = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(doctype_cues) && found == NULL; i++) {
        const char *at = strstr(f, doctype_cues[i].folded);
        /* a cue counts at the start of the title or of a part of it */
        if (at != NULL && (at == f || at[-1] == ' ' || at[-1] == ':' || at[-1] == '-'))
            if (at - f < 24)
                found = doctype_cues[i].label;
    }
    g_free(f);
    return found;
}

/* How many non-empty lines record_guess_doctype_in_text reads. */
#define DOCTYPE_LINES 15

const char *record_guess_doctype_in_text(const char *text)
{
    const char *found = NULL, *p = text;
    char *line;
    for (int seen = 0; found == NULL && seen < DOCTYPE_LINES && (line = text_next_line(&p)) != NULL;
         g_free(line)) {
        char *folded = text_fold(line, -1);
        g_strstrip(g_strdelimit(folded, ":.!*#", ' '));
        if (*folded != '\0')
            seen++;
        /* a table of contents lists sections, not what the document is */
        if (strcmp(folded, "sommaire") == 0 || strcmp(folded, "table des matieres") == 0)
            seen = DOCTYPE_LINES;
        for (size_t i = 0; i < G_N_ELEMENTS(doctype_cues) && found == NULL; i++)
            if (doctype_cues[i].line && strcmp(folded, doctype_cues[i].folded) == 0)
                found = doctype_cues[i].label;
        g_free(folded);
    }
    return found;
}

/* ---- Building ------------------------------------------------------------ */

/* Adds prefix + slug(value) with wdf, a boolean term when wdf is 0
 * (slugs are cut to fit Xapian's term length limit). */
static int add_weighted_slug_term(xap_doc *doc, const char *prefix, const char *value,
                                  unsigned wdf, verr *err)
{
    if (value == NULL || *value == '\0')
        return 0;
    char *slug = text_slug(value);
    int rc = 0;
    if (*slug != '\0') {
        text_truncate_utf8(slug, 200);
        char *term = g_strconcat(prefix, slug, NULL);
        rc = wdf == 0 ? xap_doc_add_boolean_term(doc, term, err)
                      : xap_doc_add_term(doc, term, wdf, err);
        g_free(term);
    }
    g_free(slug);
    return rc;
}

static int add_slug_term(xap_doc *doc, const char *prefix, const char *value, verr *err)
{
    return add_weighted_slug_term(doc, prefix, value, 0, err);
}

static int add_raw_term(xap_doc *doc, const char *prefix, const char *value, verr *err)
{
    if (value == NULL || *value == '\0')
        return 0;
    char *term = g_strconcat(prefix, value, NULL);
    int rc = xap_doc_add_boolean_term(doc, term, err);
    g_free(term);
    return rc;
}

static int set_string_value(xap_doc *doc, xap_slot slot, const char *value, verr *err)
{
    if (value == NULL || *value == '\0')
        return 0;
    return xap_doc_set_value(doc, slot, value, strlen(value), err);
}

/* Indexes display text as match text: with prefix (if any) and, when
 * also_body, unprefixed too so plain queries find it; wdf_inc weighs it. */
static int index_field(record_builder *rb, const char *text, const char *prefix,
                       gboolean also_body, unsigned wdf_inc, verr *err)
{
    if (text == NULL || *text == '\0')
        return 0;
    char *folded = text_fold(text, -1);
    size_t len = strlen(folded);
    int rc = 0;
    if (prefix != NULL)
        rc = xap_termgen_index(rb->tg, folded, len, wdf_inc, prefix, err);
    if (rc == 0 && also_body) {
        rc = xap_termgen_index(rb->tg, folded, len, wdf_inc, "", err);
        if (rc == 0)
            rc = xap_termgen_gap(rb->tg, 100, err);
    }
    g_free(folded);
    return rc;
}

/* XAC terms (schema.h): each word of text's first max bytes that has
 * accents, lower-cased, after its folded form. */
static int add_accent_terms(xap_doc *doc, const char *text, gsize max, verr *err)
{
    if (text == NULL)
        return 0;
    const char *p = text, *end = text + strlen(text);
    if ((gsize)(end - p) > max)
        end = p + max;
    int rc = 0;
    while (p < end && rc == 0) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2)
            break;
        if (!g_unichar_isalnum(c)) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *w = p;
        gboolean accented = FALSE;
        while (p < end && (c = g_utf8_get_char_validated(p, end - p)) != (gunichar)-1 &&
               c != (gunichar)-2 && g_unichar_isalnum(c)) {
            accented |= c >= 0x80;
            p = g_utf8_next_char(p);
        }
        if (!accented || p - w > 60)
            continue;
        char *lower = g_utf8_strdown(w, p - w);
        char *folded = text_fold(lower, -1);
        if (strcmp(lower, folded) != 0) {
            char *term = g_strdup_printf("%s%s%c%s", PFX_ACCENT, folded, ACCENT_SEP, lower);
            rc = xap_doc_add_boolean_term(doc, term, err);
            g_free(term);
        }
        g_free(folded);
        g_free(lower);
    }
    return rc;
}

/* Indexes text[from, to) as body text, folded, with spelling data only
 * while fewer than SPELLING_BODY_MAX bytes come before it. */
static int index_body_part(record_builder *rb, const char *text, gsize from, gsize to,
                           verr *err)
{
    if (to <= from)
        return 0;
    gboolean spell_off = rb->spelling && from >= SPELLING_BODY_MAX;
    char *folded = text_fold(text + from, (gssize)(to - from));
    int rc = spell_off ? xap_termgen_spelling(rb->tg, 0, err) : 0;
    if (rc == 0)
        rc = xap_termgen_index(rb->tg, folded, strlen(folded), 1, "", err);
    if (rc == 0 && spell_off)
        rc = xap_termgen_spelling(rb->tg, 1, err);
    g_free(folded);
    return rc;
}

/* The body, passage by passage (textchunks.h), positions running on
 * across them; OUT starts[i]: the position before passage i's first
 * word, starts[n]: the one after the last passage (starts has room for
 * n + 1).  The text past the stored passages is indexed after them. */
static int index_body(record_builder *rb, const char *text, const text_chunks *chunks,
                      guint32 *starts, verr *err)
{
    guint n = chunks->chunks->len;
    int rc = 0;
    for (guint i = 0; i < n && rc == 0; i++) {
        const text_chunk *k = &g_array_index(chunks->chunks, text_chunk, i);
        unsigned pos = 0;
        rc = xap_termgen_termpos(rb->tg, &pos, err);
        starts[i] = pos;
        if (rc == 0)
            rc = index_body_part(rb, text, k->offset, k->offset + k->len, err);
    }
    unsigned end = 0;
    if (rc == 0)
        rc = xap_termgen_termpos(rb->tg, &end, err);
    starts[n] = end;
    if (rc == 0 && text != NULL)
        rc = index_body_part(rb, text, chunks->covered, strlen(text), err);
    return rc;
}

/* The body's first LEAD_BYTES again, each word with LEAD_WDF more: a
 * document's first lines say what it is about (a report's subject, a man
 * page's NAME line, a fiche's summary).  bench/real/run chose them: wdf
 * 1, 2, 3, 4, 6 over 500 bytes gave MRR@10 0.651, 0.657, 0.666, 0.662,
 * 0.660 (0.654 without); 300 and 1000 bytes with 3, 0.656 and 0.662. */
#define LEAD_BYTES 500
#define LEAD_WDF 3

static int index_lead(record_builder *rb, const char *text, verr *err)
{
    if (text == NULL || *text == '\0')
        return 0;
    gsize len = strlen(text);
    if (len > LEAD_BYTES) {
        len = LEAD_BYTES;
        while (len > 0 && !g_ascii_isspace(text[len]))
            len--;
    }
    char *lead = g_strndup(text, len);
    int rc = xap_termgen_gap(rb->tg, 100, err);
    if (rc == 0)
        rc = index_field(rb, lead, NULL, TRUE, LEAD_WDF, err);
    g_free(lead);
    return rc;
}

static char *join_list(const GPtrArray *list, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < list->len; i++) {
        if (i > 0)
            g_string_append(s, sep);
        g_string_append(s, g_ptr_array_index(list, i));
    }
    return g_string_free(s, FALSE);
}

static const char *file_extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base != NULL ? base : path, '.');
    return dot != NULL && dot[1] != '\0' ? dot + 1 : NULL;
}

/* XK terms: the concepts the tagger found, weighted by how often. */
static int add_concept_terms(xap_doc *doc, const docmeta *m, verr *err)
{
    GHashTableIter it;
    gpointer id, count;
    int rc = 0;
    g_hash_table_iter_init(&it, m->mentions);
    while (rc == 0 && g_hash_table_iter_next(&it, &id, &count))
        rc = add_weighted_slug_term(doc, PFX_CONCEPT, id, GPOINTER_TO_UINT(count), err);
    return rc;
}

static int add_terms(record_builder *rb, xap_doc *doc, docmeta *m, const text_chunks *chunks,
                     guint32 *starts, verr *err)
{
    char buf[32], term[DOC_ID_LEN + 2];
    int year = docmeta_year(m);
    char date_key[9];

    record_id_term(m->id, term);
    if (xap_doc_add_boolean_term(doc, term, err) != 0 ||
        add_raw_term(doc, PFX_HASH, m->sha256, err) != 0 ||
        add_raw_term(doc, PFX_MIME, m->mime, err) != 0 ||
        add_raw_term(doc, PFX_LANG, m->lang, err) != 0 ||
        add_slug_term(doc, PFX_TYPE, m->doctype, err) != 0 ||
        add_slug_term(doc, PFX_SOURCE, m->organisation, err) != 0 ||
        add_slug_term(doc, PFX_EXT, file_extension(m->path), err) != 0)
        return -1;
    if (year > 0) {
        g_snprintf(buf, sizeof buf, "%04d", year);
        if (add_raw_term(doc, PFX_YEAR, buf, err) != 0)
            return -1;
        docmeta_date_key(m, date_key);
        if (date_key[4] != '0' || date_key[5] != '0') {
            g_snprintf(buf, sizeof buf, "%.6s", date_key);
            if (add_raw_term(doc, PFX_MONTH, buf, err) != 0)
                return -1;
        }
    }
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        const facet_def *f = facet_by_name(t->facet);
        if (f != NULL && f->tagged && add_slug_term(doc, f->prefix, t->id, err) != 0)
            return -1;
    }

    if (add_concept_terms(doc, m, err) != 0)
        return -1;

    char *authors = join_list(m->authors, " ; ");
    int rc = xap_termgen_set_document(rb->tg, doc, err);
    if (rc == 0) rc = index_field(rb, m->title, PFX_TITLE, TRUE, 20, err);
    if (rc == 0) rc = index_field(rb, authors, PFX_AUTHOR, TRUE, 2, err);
    if (rc == 0) rc = index_field(rb, m->organisation, PFX_ORGANISATION, TRUE, 2, err);
    if (rc == 0) rc = index_field(rb, m->subject, PFX_DESCRIPTION, TRUE, 2, err);
    if (rc == 0) rc = index_field(rb, m->keywords, PFX_DESCRIPTION, TRUE, 2, err);
    if (rc == 0) rc = index_field(rb, m->summary, PFX_DESCRIPTION, TRUE, 2, err);
    if (rc == 0) rc = index_body(rb, m->text, chunks, starts, err);
    if (rc == 0) rc = index_lead(rb, m->text, err);
    if (rc == 0) rc = add_accent_terms(doc, m->title, G_MAXSIZE, err);
    if (rc == 0) rc = add_accent_terms(doc, m->text, SPELLING_BODY_MAX, err);
    g_free(authors);
    return rc;
}

/* The set of tag ids of facet in slot (schema.h): sorted, distinct,
 * joined by FACET_SET_SEP; no value when the document has none. */
static int set_facet_set(xap_doc *doc, const docmeta *m, const facet_def *f, verr *err)
{
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < m->tags->len; i++) {
        const docmeta_tag *t = g_ptr_array_index(m->tags, i);
        if (strcmp(t->facet, f->name) == 0)
            g_ptr_array_add(ids, text_slug(t->id));
    }
    g_ptr_array_sort(ids, text_compare_ptrs);
    GString *set = g_string_new(NULL);
    for (guint i = 0; i < ids->len; i++) {
        const char *id = g_ptr_array_index(ids, i);
        if (i > 0 && strcmp(id, g_ptr_array_index(ids, i - 1)) == 0)
            continue;
        if (set->len > 0)
            g_string_append_c(set, FACET_SET_SEP);
        g_string_append(set, id);
    }
    int rc = set_string_value(doc, f->slot, set->str, err);
    g_string_free(set, TRUE);
    g_ptr_array_unref(ids);
    return rc;
}

static int add_values(xap_doc *doc, const docmeta *m, const char *catalogue_hash, verr *err)
{
    char date_key[9], year[8], now[16];
    time_t t = time(NULL);
    struct tm tm;

    docmeta_date_key(m, date_key);
    g_snprintf(year, sizeof year, "%04d", docmeta_year(m));
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y%m%d%H%M%S", &tm);
    char *stamp = g_strdup_printf("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s",
                                  m->size, m->mtime, m->sha256 != NULL ? m->sha256 : "",
                                  catalogue_hash != NULL ? catalogue_hash : "", m->path);
    int rc = set_string_value(doc, SLOT_FILESTAMP, stamp, err);
    if (rc == 0) rc = set_string_value(doc, SLOT_DATE, date_key, err);
    if (rc == 0 && docmeta_year(m) > 0) rc = set_string_value(doc, SLOT_YEAR, year, err);
    if (rc == 0) rc = set_string_value(doc, SLOT_TYPE, m->doctype, err);
    if (rc == 0) rc = set_string_value(doc, SLOT_MIME, m->mime, err);
    if (rc == 0) rc = set_string_value(doc, SLOT_LANG, m->lang, err);
    if (rc == 0) rc = set_string_value(doc, SLOT_INDEXED, now, err);
    char added[15];
    docmeta_added_key(m, added);
    if (rc == 0) rc = set_string_value(doc, SLOT_ADDED, added, err);
    for (facet_id f = 0; f < FACET_COUNT && rc == 0; f++)
        if (facet_get(f)->is_set)
            rc = set_facet_set(doc, m, facet_get(f), err);
    g_free(stamp);
    return rc;
}

xap_doc *record_build(record_builder *rb, docmeta *m, const char *catalogue_hash, verr *err)
{
    xap_doc *doc = xap_doc_new();

    if (doc == NULL) {
        verr_set(err, VERR_NOMEM, "record", "out of memory");
        return NULL;
    }
    text_chunks *chunks = text_chunks_split(m->text, RECORD_DATA_TEXT_MAX);
    guint32 *starts = g_new0(guint32, chunks->chunks->len + 1);
    int rc = add_terms(rb, doc, m, chunks, starts, err);
    if (rc == 0) rc = add_values(doc, m, catalogue_hash, err);
    if (rc == 0) rc = docstore_write(doc, m, chunks, starts, err);
    g_free(starts);
    text_chunks_free(chunks);
    if (rc != 0) {
        xap_doc_free(doc);
        return NULL;
    }
    return doc;
}
