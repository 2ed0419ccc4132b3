/* inspect.c - --stats, --list, --show (inspect.h). */
#include "inspect.h"
#include "reader.h"
#include "facet.h"
#include "copies.h"
#include "docstore.h"
#include "docmeta.h"
#include "record.h"
#include "schema.h"
#include "title.h"
#include "xapian-c/xapian_c.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *out;
    size_t prefix_len;
    guint shown;
} term_print_ctx;

static int print_term_count(const char *term, size_t len, unsigned freq, void *ud)
{
    term_print_ctx *c = ud;
    fprintf(c->out, "    %-40.*s %u\n", (int)(len - c->prefix_len), term + c->prefix_len, freq);
    return ++c->shown >= 40;
}

static int count_key(const char *key, void *ud)
{
    (void)key;
    (*(guint *)ud)++;
    return 0;
}

int inspect_stats(const char *db_path, FILE *out, verr *err)
{
    const facet_def *type = facet_get(FACET_TYPE), *year = facet_get(FACET_YEAR);
    const facet_def *theme = facet_get(FACET_THEME), *region = facet_get(FACET_REGION);
    const struct { const char *prefix; const char *label; } facets[] = {
        { type->prefix, type->label_fr }, { year->prefix, year->label_fr },
        { PFX_MIME, "Formats" }, { PFX_LANG, "Langues" },
        { theme->prefix, theme->label_fr }, { region->prefix, region->label_fr },
    };
    index_reader *r = index_reader_open_whole(db_path, err);
    const xap_db *db = r != NULL ? index_reader_db(r) : NULL;
    unsigned docs = 0;
    guint failed = 0;
    char *last = NULL;
    int rc = -1;

    if (db == NULL || xap_db_doccount(db, &docs, err) != 0 ||
        xap_db_metadata_keys(db, META_FAILED_PREFIX, count_key, &failed, err) != 0 ||
        xap_db_get_metadata(db, META_LAST_RUN, &last, err) != 0)
        goto cleanup;
    fprintf(out, "Index : %s\nDocuments : %u\nFichiers en échec ou ignorés : %u\n", db_path, docs,
            failed);
    for (size_t i = 0; i < G_N_ELEMENTS(facets); i++) {
        term_print_ctx c = { out, strlen(facets[i].prefix), 0 };
        fprintf(out, "  %s :\n", facets[i].label);
        if (xap_db_allterms(db, facets[i].prefix, print_term_count, &c, err) != 0)
            goto cleanup;
        if (c.shown == 0)
            fprintf(out, "    (aucun)\n");
    }
    if (*last != '\0')
        fprintf(out, "Dernière indexation : %s\n", last);
    rc = 0;
cleanup:
    free(last);
    index_reader_free(r);
    return rc;
}

typedef struct {
    const xap_db *db;
    FILE *out;
    verr *err;
    int failed;
} list_ctx;

static docmeta *load_meta(const xap_db *db, xap_docid id, verr *err)
{
    xap_doc *doc = NULL;
    docmeta *m = NULL;
    if (xap_db_get_document(db, id, &doc, err) == 0)
        m = docstore_read(doc, TRUE, err);
    xap_doc_free(doc);
    return m;
}

static int list_one(const char *term, size_t len, unsigned freq, void *ud)
{
    list_ctx *c = ud;
    xap_docid id;
    char *t = g_strndup(term, len);
    (void)freq;
    docmeta *m = NULL;
    if (xap_db_find_term(c->db, t, &id, c->err) == 0)
        m = load_meta(c->db, id, c->err);
    g_free(t);
    if (m == NULL) {
        c->failed = 1;
        return 1;
    }
    char *title = title_shown(m);
    fprintf(c->out, "%s  %-10s  %-24.24s  %s\n      %s  (titre : %s)\n", m->id,
            m->date != NULL ? m->date : "-", m->doctype != NULL ? m->doctype : "-",
            title != NULL ? title : "(sans titre)", m->path,
            title_source_label(m->title != NULL ? m->title_source : TITLE_SOURCE_FILENAME));
    g_free(title);
    docmeta_free(m);
    return 0;
}

int inspect_list(const char *db_path, FILE *out, verr *err)
{
    index_reader *r = index_reader_open_whole(db_path, err);
    const xap_db *db = r != NULL ? index_reader_db(r) : NULL;
    int rc = -1;
    if (db != NULL) {
        list_ctx c = { db, out, err, 0 };
        if (xap_db_allterms(db, PFX_ID, list_one, &c, err) == 0 && !c.failed)
            rc = 0;
    }
    index_reader_free(r);
    return rc;
}

/* Prints label padded to 14 characters (not bytes: labels have accents). */
static void print_label(FILE *out, const char *label)
{
    long pad = 14 - g_utf8_strlen(label, -1);
    fprintf(out, "%s%*s", label, pad > 0 ? (int)pad : 1, "");
}

static void print_list(FILE *out, const char *label, const GPtrArray *list)
{
    print_label(out, label);
    for (guint i = 0; i < list->len; i++)
        fprintf(out, "%s%s", i > 0 ? " | " : "", (const char *)g_ptr_array_index(list, i));
    fprintf(out, "\n");
}

static int print_boolean_term(const char *term, size_t len, unsigned wdf, void *ud)
{
    static const char *const boolean_prefixes[] = {
        PFX_ID, PFX_HASH, PFX_MIME, PFX_YEAR, PFX_MONTH, PFX_LANG, PFX_TYPE, PFX_SOURCE,
        PFX_THEME, PFX_REGION, PFX_EXT,
    };
    (void)wdf;
    for (size_t i = 0; i < G_N_ELEMENTS(boolean_prefixes); i++) {
        size_t n = strlen(boolean_prefixes[i]);
        /* a prefix followed by a lower-case letter or digit, as values are */
        if (len > n && strncmp(term, boolean_prefixes[i], n) == 0 &&
            (g_ascii_islower(term[n]) || g_ascii_isdigit(term[n]))) {
            fprintf(ud, " %.*s", (int)len, term);
            break;
        }
    }
    return 0;
}

typedef struct {
    const char *path;
    char *sha256;   /* OUT: the content path is a copy of */
} copy_search;

static int find_copy(const char *sha256, GPtrArray *list, void *ud)
{
    copy_search *c = ud;
    if (copies_find(list, c->path) < 0)
        return 0;
    c->sha256 = g_strdup(sha256);
    return 1;
}

/* The document path is a copy of: OUT *docid (0: it is none).  0 or -1. */
static int copy_holder(const xap_db *db, const char *path, xap_docid *docid, verr *err)
{
    copy_search c = { path, NULL };
    *docid = 0;
    if (copies_each(db, find_copy, &c, err) != 0)
        return -1;
    int rc = c.sha256 != NULL ? copies_holder(db, c.sha256, docid, err) : 0;
    g_free(c.sha256);
    return rc;
}

int inspect_show(const char *db_path, const char *id_or_path, FILE *out, verr *err)
{
    char id[DOC_ID_LEN + 1], term[DOC_ID_LEN + 2];
    index_reader *r = index_reader_open_whole(db_path, err);
    const xap_db *db = r != NULL ? index_reader_db(r) : NULL;
    xap_doc *doc = NULL;
    docmeta *m = NULL;
    xap_docid docid;
    int rc = -1;

    if (db == NULL)
        goto cleanup;
    char *abs = NULL;
    if (record_id_valid(id_or_path)) {
        g_strlcpy(id, id_or_path, sizeof id);
    } else {
        abs = g_canonicalize_filename(id_or_path, NULL);
        record_id_for_path(abs, id);
    }
    record_id_term(id, term);
    verr e;
    docid = 0;
    int found = xap_db_find_term(db, term, &docid, &e);
    if (found != 0 && e.code != VERR_NOTFOUND) {
        *err = e;
        g_free(abs);
        goto cleanup;
    }
    /* a path may be a copy's (copies.h): its document then */
    if (found != 0 && abs != NULL && copy_holder(db, abs, &docid, err) != 0) {
        g_free(abs);
        goto cleanup;
    }
    g_free(abs);
    if (docid == 0) {
        verr_set(err, VERR_NOTFOUND, "show", "aucun document %s dans l'index", id_or_path);
        goto cleanup;
    }
    if ((m = load_meta(db, docid, err)) == NULL || xap_db_get_document(db, docid, &doc, err) != 0)
        goto cleanup;
    const struct { const char *label; const char *value; } rows[] = {
        { "Id", m->id }, { "Fichier", m->path }, { "Format", m->mime }, { "Titre", m->title },
        { "Titre tiré de", m->title != NULL ? title_source_label(m->title_source) : NULL },
        { "Organisation", m->organisation }, { "Date", m->date }, { "Type", m->doctype },
        { "Langue", m->lang }, { "Sujet", m->subject }, { "Mots-clés", m->keywords },
        { "Résumé", m->summary }, { "Source", m->source_url }, { "Encodage", m->charset },
        { "SHA-256", m->sha256 }, { "Arrivé le", m->added },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
        if (rows[i].value != NULL) {
            print_label(out, rows[i].label);
            fprintf(out, "%s\n", rows[i].value);
        }
    print_list(out, "Auteurs", m->authors);
    print_list(out, "Thèmes", m->themes);
    print_list(out, "Régions", m->regions);
    print_list(out, "Catalogue", m->manual);
    if (copies_attach(db, m, err) != 0)
        goto cleanup;
    if (m->copies != NULL)
        print_list(out, "Copies", m->copies);
    print_label(out, "Pages");
    fprintf(out, "%d\n", m->pages);
    if (m->ocr_pages != NULL || m->ocr_skipped > 0) {
        print_label(out, "OCR");
        for (guint i = 0; m->ocr_pages != NULL && i < m->ocr_pages->len; i++)
            fprintf(out, "%sp. %d", i > 0 ? ", " : "", g_array_index(m->ocr_pages, int, i));
        if (m->ocr_skipped > 0)
            fprintf(out, "%s%d %s", m->ocr_pages != NULL ? " ; " : "", m->ocr_skipped,
                    m->ocr_skipped > 1 ? "pages numérisées non lues" : "page numérisée non lue");
        fprintf(out, "\n");
    }
    print_label(out, "Taille");
    fprintf(out, "%" G_GINT64_FORMAT " octets\n", m->size);
    print_label(out, "Termes");
    if (xap_doc_terms(doc, "", print_boolean_term, out, err) != 0)
        goto cleanup;
    fprintf(out, "\n");
    if (m->text != NULL)
        fprintf(out, "Texte (début) :\n%.600s\n", m->text);
    rc = 0;
cleanup:
    docmeta_free(m);
    xap_doc_free(doc);
    index_reader_free(r);
    return rc;
}
