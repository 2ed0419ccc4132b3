/* extract_office.c - OpenDocument text (ODT) and Office Open XML (DOCX):
 * a zip read with libarchive, XML parsed with libxml2.  Members are read
 * with a size cap so that a zip bomb stops early. */
#include "extract.h"
#include "text.h"
#include "xmltext.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <string.h>

#define MEMBER_MAX (64u * 1024u * 1024u)

/* Reads the named members of the zip at path; contents[i] gets a GBytes
 * (or stays NULL when absent).  Returns 0, or non-zero with err set. */
static int read_members(const char *path, const char *const *names, GBytes **contents,
                        size_t n, verr *err)
{
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    int rc = -1, r;

    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
        verr_set(err, VERR_PARSE, "zip", "archive illisible : %s", archive_error_string(a));
        goto cleanup;
    }
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        for (size_t i = 0; name != NULL && i < n; i++) {
            if (strcmp(name, names[i]) != 0 || contents[i] != NULL)
                continue;
            GByteArray *buf = g_byte_array_new();
            char chunk[65536];
            la_ssize_t got;
            while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0 &&
                   buf->len < MEMBER_MAX)
                g_byte_array_append(buf, (const guint8 *)chunk, (guint)got);
            if (got < 0) {
                verr_set(err, VERR_PARSE, "zip", "%s : %s", name, archive_error_string(a));
                g_byte_array_unref(buf);
                goto cleanup;
            }
            contents[i] = g_byte_array_free_to_bytes(buf);
        }
    }
    if (r != ARCHIVE_EOF) {
        verr_set(err, VERR_PARSE, "zip", "archive endommagée : %s", archive_error_string(a));
        goto cleanup;
    }
    rc = 0;
cleanup:
    archive_read_free(a);
    return rc;
}

static xmlDocPtr parse_member(GBytes *bytes)
{
    gsize len = 0;
    const char *data = bytes != NULL ? g_bytes_get_data(bytes, &len) : NULL;
    if (data == NULL || len == 0)
        return NULL;
    return xmlReadMemory(data, (int)MIN(len, (gsize)G_MAXINT), NULL, NULL, XMLTEXT_SAFE_OPTIONS);
}

/* Dublin Core style properties shared by meta.xml and docProps/core.xml. */
static void read_properties(xmlDocPtr meta, docmeta *out, const char *date_element,
                            const char *author_element)
{
    xmlNode *root = meta != NULL ? xmlDocGetRootElement(meta) : NULL;
    if (root == NULL)
        return;
    char *v;
    if ((v = xmltext_find_text(root, "title")) != NULL) docmeta_set(&out->title, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "subject")) != NULL) docmeta_set(&out->subject, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "description")) != NULL) docmeta_set(&out->summary, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "keywords")) != NULL) docmeta_set(&out->keywords, v);
    g_free(v);
    if ((v = xmltext_find_text(root, "keyword")) != NULL) docmeta_set(&out->keywords, v);
    g_free(v);
    if ((v = xmltext_find_text(root, author_element)) != NULL) docmeta_add(out->authors, v);
    g_free(v);
    if ((v = xmltext_find_text(root, date_element)) != NULL) {
        char *d = docmeta_parse_date(v);
        docmeta_set(&out->date, d);
        g_free(d);
    }
    g_free(v);
}

typedef struct {
    const char *body_member;
    const char *meta_member;
    const char *date_element;
    const char *author_element;
    xmltext_rules rules;
} office_format;

static const char *const odt_block[] = { "p", "h", "list-item", "table-row", NULL };
static const char *const odt_space[] = { "s", "tab", "line-break", NULL };
static const char *const odt_skip[] = { "tracked-changes", "annotation", "note-citation", NULL };
static const char *const docx_block[] = { "p", "tr", "br", "cr", NULL };
static const char *const docx_space[] = { "tab", NULL };
static const char *const docx_skip[] = { "instrText", "delText", "del", NULL };

static const office_format odt_format = {
    "content.xml", "meta.xml", "creation-date", "initial-creator",
    { odt_skip, odt_block, odt_space },
};
static const office_format docx_format = {
    "word/document.xml", "docProps/core.xml", "created", "creator",
    { docx_skip, docx_block, docx_space },
};

static int extract_office(const char *path, const office_format *f, docmeta *out, verr *err)
{
    const char *names[] = { f->body_member, f->meta_member };
    GBytes *contents[2] = { NULL, NULL };
    xmlDocPtr body = NULL, meta = NULL;
    int rc = -1;

    if (read_members(path, names, contents, 2, err) != 0)
        goto cleanup;
    body = parse_member(contents[0]);
    if (body == NULL || xmlDocGetRootElement(body) == NULL) {
        verr_set(err, VERR_PARSE, "xml", "%s absent ou illisible", f->body_member);
        goto cleanup;
    }
    meta = parse_member(contents[1]);
    read_properties(meta, out, f->date_element, f->author_element);
    if (out->authors->len == 0 && meta != NULL) { /* DOCX and ODT both know dc:creator */
        char *v = xmltext_find_text(xmlDocGetRootElement(meta), "creator");
        docmeta_add(out->authors, v);
        g_free(v);
    }
    xmltext_set_body(xmlDocGetRootElement(body), &f->rules, out);
    rc = 0;
cleanup:
    if (meta != NULL) xmlFreeDoc(meta);
    if (body != NULL) xmlFreeDoc(body);
    for (size_t i = 0; i < 2; i++)
        if (contents[i] != NULL) g_bytes_unref(contents[i]);
    return rc;
}

int extract_odt(const char *path, docmeta *out, verr *err)
{
    return extract_office(path, &odt_format, out, err);
}

int extract_docx(const char *path, docmeta *out, verr *err)
{
    return extract_office(path, &docx_format, out, err);
}
