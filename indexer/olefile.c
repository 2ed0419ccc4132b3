/* olefile.c - OLE2 compound files through libgsf (olefile.h). */
#include "olefile.h"

#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-docprop-vector.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>
#include <gsf/gsf-timestamp.h>
#include <gsf/gsf-utils.h>
#include <string.h>

struct olefile {
    GsfInput *input;
    GsfInfile *ole;
};

olefile *olefile_open(const char *path, verr *err)
{
    static gsize initialised;
    if (g_once_init_enter(&initialised)) {
        gsf_init();
        g_once_init_leave(&initialised, 1);
    }
    GError *gerr = NULL;
    GsfInput *input = gsf_input_stdio_new(path, &gerr);
    GsfInfile *ole = input != NULL ? gsf_infile_msole_new(input, &gerr) : NULL;
    if (ole == NULL) {
        verr_set(err, VERR_PARSE, "ole", "fichier Office illisible : %s",
                 gerr != NULL ? gerr->message : "structure OLE2 invalide");
        g_clear_error(&gerr);
        if (input != NULL)
            g_object_unref(input);
        return NULL;
    }
    olefile *f = g_new0(olefile, 1);
    f->input = input;
    f->ole = ole;
    return f;
}

void olefile_free(olefile *f)
{
    if (f == NULL)
        return;
    g_object_unref(f->ole);
    g_object_unref(f->input);
    g_free(f);
}

static gboolean has_stream(const olefile *f, const char *name)
{
    GsfInput *s = gsf_infile_child_by_name(f->ole, name);
    if (s == NULL)
        return FALSE;
    g_object_unref(s);
    return TRUE;
}

ole_kind olefile_kind(const olefile *f)
{
    if (has_stream(f, "WordDocument"))
        return OLE_WORD;
    if (has_stream(f, "Workbook") || has_stream(f, "Book"))
        return OLE_EXCEL;
    if (has_stream(f, "PowerPoint Document"))
        return OLE_POWERPOINT;
    return OLE_UNKNOWN;
}

/* Reads one property stream into md; a missing or damaged one is skipped. */
static void read_property_stream(const olefile *f, const char *name, GsfDocMetaData *md)
{
    GsfInput *s = gsf_infile_child_by_name(f->ole, name);
    if (s == NULL)
        return;
    GError *e = gsf_doc_meta_data_read_from_msole(md, s);
    g_clear_error(&e);
    g_object_unref(s);
}

static const GValue *property(GsfDocMetaData *md, const char *name)
{
    GsfDocProp *p = gsf_doc_meta_data_lookup(md, name);
    return p != NULL ? gsf_doc_prop_get_val(p) : NULL;
}

static const char *string_property(GsfDocMetaData *md, const char *name)
{
    const GValue *v = property(md, name);
    const char *s = v != NULL && G_VALUE_HOLDS_STRING(v) ? g_value_get_string(v) : NULL;
    return s != NULL && g_utf8_validate(s, -1, NULL) ? s : NULL;
}

/* An integer property, whatever integer type the file stored it as. */
static int int_property(GsfDocMetaData *md, const char *name)
{
    const GValue *v = property(md, name);
    GValue as_int = G_VALUE_INIT;
    g_value_init(&as_int, G_TYPE_INT);
    int n = v != NULL && g_value_type_transformable(G_VALUE_TYPE(v), G_TYPE_INT) &&
                    g_value_transform(v, &as_int)
                ? g_value_get_int(&as_int) : 0;
    g_value_unset(&as_int);
    return n;
}

/* Sets *field from a property written by a person: trimmed, NULL or empty
 * leaves it. */
static void set_text(char **field, const char *value)
{
    if (value == NULL)
        return;
    char *v = g_strstrip(g_strdup(value));
    if (*v != '\0')
        docmeta_set(field, v);
    g_free(v);
}

void olefile_read_properties(const olefile *f, docmeta *out)
{
    GsfDocMetaData *md = gsf_doc_meta_data_new();
    read_property_stream(f, "\005SummaryInformation", md);
    read_property_stream(f, "\005DocumentSummaryInformation", md);
    set_text(&out->title, string_property(md, GSF_META_NAME_TITLE));
    set_text(&out->subject, string_property(md, GSF_META_NAME_SUBJECT));
    set_text(&out->keywords, string_property(md, GSF_META_NAME_KEYWORDS));
    set_text(&out->summary, string_property(md, GSF_META_NAME_DESCRIPTION));
    const char *author = string_property(md, GSF_META_NAME_CREATOR);
    char **authors = g_strsplit(author != NULL ? author : "", ";", -1); /* "A; B" */
    for (char **a = authors; *a != NULL; a++)
        docmeta_add(out->authors, g_strstrip(*a));
    g_strfreev(authors);
    const GValue *created = property(md, GSF_META_NAME_DATE_CREATED);
    if (created != NULL && G_VALUE_HOLDS(created, GSF_TIMESTAMP_TYPE)) {
        GsfTimestamp *ts = g_value_get_boxed(created);
        char *iso = ts != NULL ? gsf_timestamp_as_string(ts) : NULL;
        char *d = iso != NULL ? docmeta_parse_date(iso) : NULL;
        if (d != NULL && strncmp(d, "1601", 4) != 0) /* FILETIME zero: no date */
            docmeta_set(&out->date, d);
        g_free(d);
        g_free(iso);
    }
    int pages = int_property(md, GSF_META_NAME_PAGE_COUNT);
    int slides = int_property(md, GSF_META_NAME_SLIDE_COUNT);
    if (olefile_kind(f) == OLE_POWERPOINT ? slides > 0 : pages > 0)
        out->pages = olefile_kind(f) == OLE_POWERPOINT ? slides : pages;
    g_object_unref(md);
}

GBytes *olefile_read_stream(const olefile *f, const char *name, verr *err)
{
    GsfInput *s = gsf_infile_child_by_name(f->ole, name);
    if (s == NULL) {
        verr_set(err, VERR_PARSE, "ole", "flux « %s » absent", name);
        return NULL;
    }
    gsf_off_t size = gsf_input_size(s);
    GBytes *bytes = NULL;
    if (size < 0 || size > (gsf_off_t)OLEFILE_STREAM_MAX) {
        verr_set(err, VERR_PARSE, "ole", "flux « %s » trop grand", name);
    } else {
        guint8 *buf = g_malloc((gsize)size + 1);
        if (size == 0 || gsf_input_read(s, (size_t)size, buf) != NULL)
            bytes = g_bytes_new_take(buf, (gsize)size);
        else {
            g_free(buf);
            verr_set(err, VERR_PARSE, "ole", "flux « %s » illisible", name);
        }
    }
    g_object_unref(s);
    return bytes;
}
