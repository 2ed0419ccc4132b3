/* extract_spreadsheet.c - workbooks: OpenDocument spreadsheets (ODS) and
 * Excel's Office Open XML (XLSX), zip packages read with officezip.h.
 *
 * Each sheet is a page of the text (a form feed between sheets): its name
 * on the first line, then a line per row with its cells' text separated
 * by tabs.  The sheet count is the document's page count.  XLSX sheets
 * and shared strings are read with libxml2's streaming reader, so a
 * sheet of a million rows does not become a tree in memory; the text
 * stops at EXTRACT_MAX_TEXT. */
#include "extract.h"
#include "officezip.h"
#include "text.h"
#include "title.h"
#include "xmltext.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

/* Ends a row: its line, when some cell had text. */
static void end_row(GString *text, GString *row)
{
    if (row->len > 0) {
        extract_append(text, row->str, (gssize)row->len);
        extract_append(text, "\n", 1);
    }
    g_string_truncate(row, 0);
}

/* Adds a cell's text to the row being read. */
static void add_cell(GString *row, const char *cell, gssize len)
{
    char *clean = text_clean(cell, len);
    char *squashed = text_squash_space(clean);
    if (*squashed != '\0') {
        if (row->len > 0)
            g_string_append_c(row, '\t');
        g_string_append(row, squashed);
    }
    g_free(squashed);
    g_free(clean);
}

/* Starts a sheet: a form feed after the previous one, then its name. */
static void start_sheet(GString *text, int *sheets, const char *name)
{
    extract_next_page(text, sheets);
    if (name != NULL && *name != '\0') {
        extract_append(text, name, -1);
        extract_append(text, "\n", 1);
    }
}

/* A title for a workbook whose properties have none: a row of one cell
 * among the first sheet's first rows ("Plan d'actions 2024"), the way a
 * table is headed.  Otherwise title_settle (title.h) decides: tab-separated
 * rows and default sheet names are no titles, so the file name is. */
static void title_from_first_rows(const char *text, const char *path, docmeta *out)
{
    char **lines = g_strsplit(text, "\n", 8);
    /* line 0 is the sheet's name */
    for (int i = 1; lines[0] != NULL && lines[i] != NULL && lines[i + 1] != NULL; i++) {
        if (strchr(lines[i], '\f') != NULL)
            break; /* the next sheet */
        if (title_line_is_boilerplate(lines[i])) /* a row of several cells, tab-separated */
            continue;
        char *title = title_clean(lines[i]);
        if (title != NULL && !title_line_is_boilerplate(title) && !title_is_useless(title, path)) {
            docmeta_set(&out->title, title);
            docmeta_set(&out->title_source, TITLE_SOURCE_HEADING);
            g_free(title);
            break;
        }
        g_free(title);
    }
    g_strfreev(lines);
}

static void set_sheets(docmeta *out, GString *text, int sheets, const char *path)
{
    extract_set_paged_text(out, text, sheets);
    if (title_is_useless(out->title, path) && out->text != NULL)
        title_from_first_rows(out->text, path, out);
}

/* ---- ODS ------------------------------------------------------------------------ */

static const char *const ods_block[] = { "p", "h", NULL };
static const char *const ods_space[] = { "s", "tab", "line-break", NULL };
static const char *const ods_skip[] = { "annotation", "tracked-changes", NULL };
static const xmltext_rules ods_rules = { ods_skip, ods_block, ods_space };

static gboolean named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The rows of an ODS table, or of a row group or header rows in it. */
static void ods_rows(const xmlNode *parent, GString *text, GString *row)
{
    for (const xmlNode *r = parent->children; r != NULL && text->len < EXTRACT_MAX_TEXT;
         r = r->next) {
        if (named(r, "table-row-group") || named(r, "table-header-rows") ||
            named(r, "table-rows")) {
            ods_rows(r, text, row);
            continue;
        }
        if (!named(r, "table-row"))
            continue;
        for (const xmlNode *c = r->children; c != NULL; c = c->next) {
            if (!named(c, "table-cell") && !named(c, "covered-table-cell"))
                continue;
            GString *cell = g_string_new(NULL);
            xmltext_collect(c, cell, &ods_rules); /* the cell and all below it */
            add_cell(row, cell->str, (gssize)cell->len);
            g_string_free(cell, TRUE);
        }
        end_row(text, row);
    }
}

int extract_ods(const char *path, docmeta *out, verr *err)
{
    static const char *const names[] = { "content.xml", "meta.xml", NULL };
    officezip *z = officezip_open(path, officezip_want_listed, (void *)names, err);
    if (z == NULL)
        return -1;
    xmlDocPtr body = officezip_parse(z, "content.xml");
    const xmlNode *book = body != NULL ? xmltext_find(xmlDocGetRootElement(body), "spreadsheet")
                                       : NULL;
    int rc = -1;
    if (book == NULL) {
        verr_set(err, VERR_PARSE, "xml", "content.xml absent ou sans feuille de calcul");
        goto cleanup;
    }
    officezip_read_properties(z, TRUE, out);
    GString *text = g_string_new(NULL), *row = g_string_new(NULL);
    int sheets = 0;
    for (const xmlNode *t = book->children; t != NULL && text->len < EXTRACT_MAX_TEXT;
         t = t->next) {
        if (!named(t, "table"))
            continue;
        xmlChar *name = xmlGetProp(t, (const xmlChar *)"name");
        start_sheet(text, &sheets, (const char *)name);
        xmlFree(name);
        ods_rows(t, text, row);
    }
    set_sheets(out, text, sheets, path);
    g_string_free(row, TRUE);
    g_string_free(text, TRUE);
    rc = 0;
cleanup:
    if (body != NULL)
        xmlFreeDoc(body);
    officezip_free(z);
    return rc;
}

/* ---- XLSX ----------------------------------------------------------------------- */

static xmlTextReaderPtr open_reader(const officezip *z, const char *member)
{
    GBytes *bytes = officezip_member(z, member);
    gsize len = 0;
    const char *data = bytes != NULL ? g_bytes_get_data(bytes, &len) : NULL;
    if (data == NULL || len == 0)
        return NULL;
    return xmlReaderForMemory(data, (int)MIN(len, (gsize)G_MAXINT), NULL, NULL,
                              XMLTEXT_SAFE_OPTIONS);
}

static gboolean is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The workbook's shared strings (xl/sharedStrings.xml), in order: each
 * si's t texts, leaving out phonetic runs (rPh). */
static GPtrArray *xlsx_shared_strings(const officezip *z)
{
    GPtrArray *strings = g_ptr_array_new_with_free_func(g_free);
    xmlTextReaderPtr r = open_reader(z, "xl/sharedStrings.xml");
    if (r == NULL)
        return strings;
    GString *cur = NULL;
    int in_t = 0, in_rph = 0;
    gsize total = 0;
    while (xmlTextReaderRead(r) == 1 && total < EXTRACT_MAX_TEXT) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        gboolean empty = xmlTextReaderIsEmptyElement(r) == 1;
        if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "si") == 0 && !empty) {
            if (cur != NULL) /* an si inside an si: the outer one ends here */
                g_ptr_array_add(strings, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
            total++; /* each entry counts: a million empty ones weigh too */
        } else if (type == XML_READER_TYPE_ELEMENT && !empty) {
            in_t += strcmp(name, "t") == 0;
            in_rph += strcmp(name, "rPh") == 0;
        } else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "si") == 0) {
            total += cur != NULL ? cur->len : 0;
            g_ptr_array_add(strings, cur != NULL ? g_string_free(cur, FALSE) : g_strdup(""));
            cur = NULL;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            in_t -= in_t > 0 && strcmp(name, "t") == 0;
            in_rph -= in_rph > 0 && strcmp(name, "rPh") == 0;
        } else if (type == XML_READER_TYPE_ELEMENT && empty && strcmp(name, "si") == 0) {
            g_ptr_array_add(strings, g_strdup(""));
            total++;
        } else if (is_text_node(type) && cur != NULL && in_t > 0 && in_rph == 0) {
            g_string_append(cur, (const char *)xmlTextReaderConstValue(r));
        }
    }
    if (cur != NULL)
        g_string_free(cur, TRUE);
    xmlFreeTextReader(r);
    return strings;
}

/* The cell being read in a sheet. */
typedef struct {
    char type[16];   /* its t attribute: "s" (shared), "inlineStr", "str", "b", "e", "" */
    GString *value;  /* the text of its v, or of its inline string's t */
    int in_value;    /* inside v, or inside is/t */
} xlsx_cell;

/* The text a finished cell shows, or NULL (booleans and errors). */
static const char *xlsx_cell_text(const xlsx_cell *c, const GPtrArray *shared)
{
    if (strcmp(c->type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(c->value->str, &end, 10);
        return end != c->value->str && i < shared->len ? g_ptr_array_index(shared, i) : NULL;
    }
    if (strcmp(c->type, "b") == 0 || strcmp(c->type, "e") == 0)
        return NULL;
    return c->value->str;
}

/* One sheet's rows into text.  Returns 0, or -1 when its XML is broken. */
static int xlsx_sheet(const officezip *z, const char *member, const GPtrArray *shared,
                      GString *text, GString *row)
{
    xmlTextReaderPtr r = open_reader(z, member);
    if (r == NULL)
        return 0; /* a sheet listed but absent: an empty page */
    xlsx_cell c = { "", g_string_new(NULL), 0 };
    int got;
    while ((got = xmlTextReaderRead(r)) == 1 && text->len < EXTRACT_MAX_TEXT) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        gboolean empty = xmlTextReaderIsEmptyElement(r) == 1;
        if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "c") == 0) {
            xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
            g_strlcpy(c.type, t != NULL ? (const char *)t : "", sizeof c.type);
            xmlFree(t);
            g_string_truncate(c.value, 0);
            c.in_value = 0;
        } else if (type == XML_READER_TYPE_ELEMENT && !empty &&
                   (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)) {
            c.in_value++;
        } else if (type == XML_READER_TYPE_END_ELEMENT &&
                   (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)) {
            c.in_value -= c.in_value > 0;
        } else if (is_text_node(type) && c.in_value > 0) {
            g_string_append(c.value, (const char *)xmlTextReaderConstValue(r));
        } else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "c") == 0) {
            const char *shown = xlsx_cell_text(&c, shared);
            if (shown != NULL)
                add_cell(row, shown, -1);
        } else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "row") == 0) {
            end_row(text, row);
        }
    }
    end_row(text, row);
    g_string_free(c.value, TRUE);
    xmlFreeTextReader(r);
    return got < 0 ? -1 : 0;
}

static gboolean xlsx_wanted(const char *name, void *ud)
{
    (void)ud;
    return strcmp(name, "xl/workbook.xml") == 0 || strcmp(name, "xl/sharedStrings.xml") == 0 ||
           strcmp(name, "xl/_rels/workbook.xml.rels") == 0 ||
           strcmp(name, "docProps/core.xml") == 0 ||
           (g_str_has_prefix(name, "xl/worksheets/") && g_str_has_suffix(name, ".xml"));
}

int extract_xlsx(const char *path, docmeta *out, verr *err)
{
    officezip *z = officezip_open(path, xlsx_wanted, NULL, err);
    if (z == NULL)
        return -1;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *sheets = officezip_ordered_parts(z, "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "sheet", "xl/", names);
    GPtrArray *shared = NULL;
    GString *text = NULL, *row = NULL;
    int rc = -1, count = 0;
    if (sheets->len == 0) {
        verr_set(err, VERR_PARSE, "xml", "classeur sans feuille lisible (xl/workbook.xml)");
        goto cleanup;
    }
    officezip_read_properties(z, FALSE, out);
    shared = xlsx_shared_strings(z);
    text = g_string_new(NULL);
    row = g_string_new(NULL);
    for (guint i = 0; i < sheets->len && text->len < EXTRACT_MAX_TEXT; i++) {
        start_sheet(text, &count, g_ptr_array_index(names, i));
        if (xlsx_sheet(z, g_ptr_array_index(sheets, i), shared, text, row) != 0) {
            verr_set(err, VERR_PARSE, "xml", "feuille « %s » illisible",
                     (const char *)g_ptr_array_index(names, i));
            goto cleanup;
        }
    }
    set_sheets(out, text, count, path);
    rc = 0;
cleanup:
    if (row != NULL) g_string_free(row, TRUE);
    if (text != NULL) g_string_free(text, TRUE);
    if (shared != NULL) g_ptr_array_unref(shared);
    g_ptr_array_unref(sheets);
    g_ptr_array_unref(names);
    officezip_free(z);
    return rc;
}
