/* catalogue.c - loading and applying the documentalist's CSV catalogue
 * (catalogue.h). */
#include "catalogue.h"
#include "csv.h"
#include "tag.h"
#include "text.h"
#include "title.h"

#include <string.h>

struct catalogue {
    GHashTable *by_path; /* char *abs path -> catalogue_entry *, owned */
    const tagger *tagger; /* borrowed; NULL: values are not checked against a thesaurus */
};

typedef enum {
    COL_FILE, COL_TITLE, COL_AUTHORS, COL_ORGANISATION, COL_DATE, COL_TYPE, COL_THEMES,
    COL_REGIONS, COL_URL, COL_SUMMARY, COL_KEYWORDS, COL_COUNT
} column;

/* Header names (as slugs) for each column. */
static const struct {
    column col;
    const char *field;         /* docmeta field name, for docmeta.manual */
    const char *const names[6];
} columns[] = {
    { COL_FILE, "path", { "fichier", "file", "chemin", "path", "nom-du-fichier", NULL } },
    { COL_TITLE, "title", { "titre", "title", NULL } },
    { COL_AUTHORS, "authors", { "auteurs", "auteur", "authors", "author", NULL } },
    { COL_ORGANISATION, "organisation", { "organisation", "organisme", "structure", "editeur",
                                          "publisher", NULL } },
    { COL_DATE, "date", { "date", "date-de-publication", NULL } },
    { COL_TYPE, "doctype", { "type", "type-de-document", "document-type", "doctype", NULL } },
    { COL_THEMES, "themes", { "themes", "theme", "thematiques", "thematique", NULL } },
    { COL_REGIONS, "regions", { "regions", "region", "territoire", "territoires", NULL } },
    { COL_URL, "source_url", { "url", "source", "lien", "source-url", NULL } },
    { COL_SUMMARY, "summary", { "resume", "summary", "description", NULL } },
    { COL_KEYWORDS, "keywords", { "mots-cles", "keywords", "mots-clefs", NULL } },
};

static void entry_free(gpointer p)
{
    catalogue_entry *e = p;
    g_free(e->path);
    g_free(e->hash);
    docmeta_free(e->meta);
    g_free(e);
}

catalogue *catalogue_new(void)
{
    catalogue *c = g_new0(catalogue, 1);
    c->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
    return c;
}

void catalogue_free(catalogue *c)
{
    if (c == NULL)
        return;
    g_hash_table_unref(c->by_path);
    g_free(c);
}

guint catalogue_size(const catalogue *c) { return g_hash_table_size(c->by_path); }

const catalogue_entry *catalogue_lookup(const catalogue *c, const char *abs_path)
{
    return g_hash_table_lookup(c->by_path, abs_path);
}

/* Where the problems of the row being read go. */
typedef struct {
    const char *csv_path;
    guint line;
    GPtrArray *problems;      /* of char *, "FILE:LINE: reason" */
} row_ref;

static void add_problem(const row_ref *at, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void add_problem(const row_ref *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(at->problems, g_strdup_printf("%s:%u: %s", at->csv_path, at->line, msg));
    g_free(msg);
}

/* Maps each header cell to a column; -1 for unknown ones. */
static void map_header(const csv_record *header, int *col_of_field, int *index_of_col)
{
    for (int i = 0; i < COL_COUNT; i++)
        index_of_col[i] = -1;
    for (guint f = 0; f < header->fields->len; f++) {
        char *slug = text_slug(g_ptr_array_index(header->fields, f));
        col_of_field[f] = -1;
        for (size_t c = 0; c < G_N_ELEMENTS(columns) && col_of_field[f] < 0; c++)
            for (size_t n = 0; columns[c].names[n] != NULL; n++)
                if (strcmp(slug, columns[c].names[n]) == 0 && index_of_col[columns[c].col] < 0) {
                    col_of_field[f] = (int)columns[c].col;
                    index_of_col[columns[c].col] = (int)f;
                    break;
                }
        g_free(slug);
    }
}

/* Adds the '|'-separated values of cell to list; with a tagger, those of
 * kind the thesaurus does not know are reported. */
static void add_values(GPtrArray *list, const char *cell, const tagger *t, vocab_kind kind,
                       const row_ref *at)
{
    char **parts = g_strsplit(cell, "|", -1);
    for (char **p = parts; *p != NULL; p++) {
        const char *value = g_strstrip(*p);
        docmeta_add(list, value);
        if (t != NULL && *value != '\0' && !tagger_knows(t, value, kind))
            add_problem(at, "%s inconnu du thésaurus : « %s »",
                        kind == VOCAB_THEME ? "thème" : "lieu", value);
    }
    g_strfreev(parts);
}

/* Fills e->meta from one cell; a bad value is reported and left out. */
static void apply_cell(catalogue_entry *e, column col, const char *value, const tagger *t,
                       const row_ref *at)
{
    docmeta *m = e->meta;
    const char *why = NULL;
    switch (col) {
    case COL_FILE: break;
    case COL_TITLE:
        docmeta_set(&m->title, value);
        docmeta_set(&m->title_source, m->title != NULL ? TITLE_SOURCE_CATALOGUE : NULL);
        break;
    case COL_AUTHORS: add_values(m->authors, value, NULL, VOCAB_THEME, at); break;
    case COL_ORGANISATION: docmeta_set(&m->organisation, value); break;
    case COL_DATE: {
        char *d = docmeta_parse_date(value);
        if (d == NULL)
            why = "date illisible (attendu " DOCMETA_DATE_FORMS ")";
        docmeta_set(&m->date, d);
        g_free(d);
        break;
    }
    case COL_TYPE: docmeta_set(&m->doctype, value); break;
    case COL_THEMES: add_values(m->themes, value, t, VOCAB_THEME, at); break;
    case COL_REGIONS: add_values(m->regions, value, t, VOCAB_REGION, at); break;
    case COL_URL:
        if (!g_str_has_prefix(value, "http://") && !g_str_has_prefix(value, "https://"))
            why = "URL invalide (attendu http:// ou https://)";
        else
            docmeta_set(&m->source_url, value);
        break;
    case COL_SUMMARY: docmeta_set(&m->summary, value); break;
    case COL_KEYWORDS: docmeta_set(&m->keywords, value); break;
    case COL_COUNT: break;
    }
    if (why != NULL) {
        add_problem(at, "%s : « %s » (valeur ignorée)", why, value);
        return;
    }
    for (size_t c = 0; c < G_N_ELEMENTS(columns); c++)
        if (columns[c].col == col)
            docmeta_add(m->manual, columns[c].field);
}

/* Resolves a catalogue path against dir; NULL (with *why) if unusable. */
static char *resolve_path(const char *dir, const char *rel, const char **why)
{
    if (*rel == '\0') {
        *why = "colonne « fichier » vide";
        return NULL;
    }
    if (g_path_is_absolute(rel) || strstr(rel, "..") != NULL) {
        *why = "chemin absolu ou contenant « .. » : donner un chemin relatif au dossier";
        return NULL;
    }
    char *path = g_build_filename(dir, rel, NULL);
    char *canon = g_canonicalize_filename(path, NULL);
    g_free(path);
    if (!g_file_test(canon, G_FILE_TEST_IS_REGULAR)) {
        *why = "fichier introuvable";
        g_free(canon);
        return NULL;
    }
    return canon;
}

static void load_row(catalogue *c, const char *dir, const csv_record *r, const int *col_of_field,
                     guint header_len, int file_index, const row_ref *at)
{
    const char *why = NULL;
    if (r->fields->len > header_len) {
        /* a separator too many shifts the cells after it: checking them would mislead */
        add_problem(at, "%u colonnes au lieu de %u (séparateur dans une cellule sans guillemets ?), "
                    "ligne ignorée", r->fields->len, header_len);
        return;
    }
    const char *rel = (guint)file_index < r->fields->len
                          ? g_strstrip((char *)g_ptr_array_index(r->fields, file_index)) : "";
    char *path = resolve_path(dir, rel, &why);
    if (path == NULL)
        add_problem(at, "%s : %s", why, rel);
    /* the other cells are checked even so, to report every problem of the row at once */
    catalogue_entry *e = g_new0(catalogue_entry, 1);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    e->path = path;
    e->line = r->line;
    e->meta = docmeta_new();
    for (guint f = 0; f < r->fields->len; f++) {
        char *value = g_strstrip(g_strdup(g_ptr_array_index(r->fields, f)));
        g_checksum_update(sum, (const guchar *)value, -1);
        g_checksum_update(sum, (const guchar *)"\x1f", 1);
        if (col_of_field[f] >= 0 && *value != '\0')
            apply_cell(e, (column)col_of_field[f], value, c->tagger, at);
        g_free(value);
    }
    e->hash = g_strndup(g_checksum_get_string(sum), 16);
    g_checksum_free(sum);
    if (path == NULL) {
        entry_free(e);
        return;
    }
    if (g_hash_table_contains(c->by_path, e->path))
        add_problem(at, "fichier déjà décrit plus haut, cette ligne remplace la précédente : %s",
                    rel);
    g_hash_table_replace(c->by_path, e->path, e);
}

/* Reports the records the CSV reader skipped (broken quotes) from the
 * next-th on, up to those starting before line upto; returns the index of
 * the first one left.  So problems come in line order. */
static guint report_skipped(const csv_table *t, guint next, guint upto, const char *csv_path,
                            GPtrArray *problems)
{
    for (; next < t->problems->len; next++) {
        const csv_problem *p = g_ptr_array_index(t->problems, next);
        if (p->line >= upto)
            break;
        row_ref at = { csv_path, p->line, problems };
        add_problem(&at, "%s, ligne ignorée", p->reason);
    }
    return next;
}

int catalogue_load_bytes(catalogue *c, const char *csv_path, const char *bytes, gsize len,
                         GPtrArray *problems, verr *err)
{
    char *text = text_to_utf8(bytes, len, NULL);
    csv_table *t = csv_parse(text);
    char *dir = NULL;
    int *col_of_field = NULL;
    int index_of_col[COL_COUNT];
    int rc = -1;

    const csv_record *header = t->records->len > 0 ? g_ptr_array_index(t->records, 0) : NULL;
    const csv_problem *first = t->problems->len > 0 ? g_ptr_array_index(t->problems, 0) : NULL;
    if (first != NULL && (header == NULL || first->line < header->line)) {
        verr_set(err, VERR_PARSE, "catalogue", "%s:%u: en-tête illisible : %s", csv_path,
                 first->line, first->reason);
        goto cleanup;
    }
    if (header == NULL) {
        verr_set(err, VERR_PARSE, "catalogue", "%s : catalogue vide", csv_path);
        goto cleanup;
    }
    col_of_field = g_new(int, header->fields->len);
    map_header(header, col_of_field, index_of_col);
    if (index_of_col[COL_FILE] < 0) {
        verr_set(err, VERR_PARSE, "catalogue",
                 "%s:%u: pas de colonne « fichier » dans l'en-tête", csv_path, header->line);
        goto cleanup;
    }
    char *abs = g_canonicalize_filename(csv_path, NULL);
    dir = g_path_get_dirname(abs);
    g_free(abs);
    guint skipped = 0;
    for (guint i = 1; i < t->records->len; i++) {
        const csv_record *r = g_ptr_array_index(t->records, i);
        row_ref at = { csv_path, r->line, problems };
        skipped = report_skipped(t, skipped, r->line, csv_path, problems);
        load_row(c, dir, r, col_of_field, header->fields->len, index_of_col[COL_FILE], &at);
    }
    report_skipped(t, skipped, G_MAXUINT, csv_path, problems);
    rc = 0;
cleanup:
    g_free(col_of_field);
    g_free(dir);
    csv_table_free(t);
    g_free(text);
    return rc;
}

int catalogue_load(catalogue *c, const char *csv_path, GPtrArray *problems, verr *err)
{
    char *raw = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    int rc = -1;

    if (!g_file_get_contents(csv_path, &raw, &len, &gerr))
        verr_from_gerror(err, VERR_IO, gerr);
    else
        rc = catalogue_load_bytes(c, csv_path, raw, len, problems, err);
    g_free(raw);
    g_clear_error(&gerr);
    return rc;
}

void catalogue_set_tagger(catalogue *c, const tagger *t)
{
    c->tagger = t;
}

void catalogue_apply(const catalogue_entry *e, docmeta *m)
{
    docmeta_overlay(e->meta, m);
}
