/* docstore.c - a document's stored record (docstore.h). */
#include "docstore.h"
#include "record.h"
#include "schema.h"

#include <stdlib.h>

char *docstore_passage(const xap_doc *doc, guint n, verr *err)
{
    char *value = NULL;
    size_t len = 0;
    if (xap_doc_get_value(doc, SLOT_TEXT_BASE + n, &value, &len, err) != 0)
        return NULL;
    char *out = g_strndup(value != NULL ? value : "", len);
    free(value);
    return out;
}

int docstore_passage_starts(const xap_doc *doc, gboolean *paged, guint32 **starts, guint *n,
                            verr *err)
{
    char *value = NULL;
    size_t len = 0;
    *starts = NULL;
    *n = 0;
    if (xap_doc_get_value(doc, SLOT_CHUNK_STARTS, &value, &len, err) != 0)
        return -1;
    if (!text_chunks_decode_starts(value, len, paged, starts, n))
        *n = 0;
    free(value);
    return 0;
}

/* doc's text, its passages joined again (a form feed between pages). */
static char *read_text(const xap_doc *doc, verr *err)
{
    gboolean paged = FALSE;
    guint32 *starts = NULL;
    guint n = 0;
    if (docstore_passage_starts(doc, &paged, &starts, &n, err) != 0)
        return NULL;
    g_free(starts);
    GString *text = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
        char *passage = docstore_passage(doc, i, err);
        if (passage == NULL) {
            g_string_free(text, TRUE);
            return NULL;
        }
        if (i > 0 && paged)
            g_string_append_c(text, '\f');
        g_string_append(text, passage);
        g_free(passage);
    }
    return g_string_free(text, FALSE);
}

docmeta *docstore_read(const xap_doc *doc, gboolean with_text, verr *err)
{
    char *data = NULL;
    size_t len = 0;
    docmeta *m = NULL;
    if (xap_doc_get_data(doc, &data, &len, err) == 0)
        m = docmeta_from_record(data, len, FALSE, err);
    free(data);
    if (m != NULL && with_text) {
        g_free(m->text);
        if ((m->text = read_text(doc, err)) == NULL) {
            docmeta_free(m);
            return NULL;
        }
    }
    return m;
}

int docstore_write(xap_doc *doc, const docmeta *m, const text_chunks *chunks,
                   const guint32 *starts, verr *err)
{
    gsize len = 0;
    char *record = docmeta_to_record(m, 0, &len);
    int rc = xap_doc_set_data(doc, record, len, err);
    g_free(record);
    guint n = chunks->chunks->len;
    if (rc == 0 && n > 0) {
        char *value = text_chunks_encode_starts(chunks->paged, starts, n);
        rc = xap_doc_set_value(doc, SLOT_CHUNK_STARTS, value, strlen(value), err);
        g_free(value);
    }
    for (guint i = 0; rc == 0 && i < chunks->chunks->len; i++) {
        const text_chunk *k = &g_array_index(chunks->chunks, text_chunk, i);
        if (k->len > 0)
            rc = xap_doc_set_value(doc, SLOT_TEXT_BASE + i, m->text + k->offset, k->len, err);
    }
    return rc;
}

xap_doc *docstore_find(const xap_db *db, const char *id, verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_docid docid;
    xap_doc *doc = NULL;
    if (!record_id_valid(id)) {
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return NULL;
    }
    record_id_term(id, term);
    if (xap_db_find_term(db, term, &docid, err) != 0) {
        if (err != NULL && err->code == VERR_NOTFOUND)
            verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", id);
        return NULL;
    }
    return xap_db_get_document(db, docid, &doc, err) == 0 ? doc : NULL;
}

int docstore_added(const xap_doc *doc, char **added, verr *err)
{
    docmeta *m = docstore_read(doc, FALSE, err);
    *added = NULL;
    if (m == NULL)
        return -1;
    *added = g_strdup(m->added);
    docmeta_free(m);
    char *indexed = NULL;
    size_t len = 0;
    int rc = 0;
    if (*added == NULL) {
        rc = xap_doc_get_value(doc, SLOT_INDEXED, &indexed, &len, err);
        *added = rc == 0 ? docmeta_added_from_key(indexed) : NULL;
    }
    free(indexed);
    return rc;
}

docmeta *docstore_load(const xap_db *db, const char *id, gboolean with_text, verr *err)
{
    xap_doc *doc = docstore_find(db, id, err);
    docmeta *m = doc != NULL ? docstore_read(doc, with_text, err) : NULL;
    xap_doc_free(doc);
    return m;
}
