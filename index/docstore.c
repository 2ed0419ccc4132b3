/* docstore.c - a document's stored record (docstore.h). */
#include "docstore.h"
#include "record.h"

#include <stdlib.h>

docmeta *docstore_read(const xap_doc *doc, gboolean with_text, verr *err)
{
    char *data = NULL;
    size_t len = 0;
    docmeta *m = NULL;
    if (xap_doc_get_data(doc, &data, &len, err) == 0)
        m = docmeta_from_record(data, len, with_text, err);
    free(data);
    return m;
}

int docstore_write(xap_doc *doc, const docmeta *m, gsize max_text, verr *err)
{
    gsize len = 0;
    char *record = docmeta_to_record(m, max_text, &len);
    int rc = xap_doc_set_data(doc, record, len, err);
    g_free(record);
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

docmeta *docstore_load(const xap_db *db, const char *id, gboolean with_text, verr *err)
{
    xap_doc *doc = docstore_find(db, id, err);
    docmeta *m = doc != NULL ? docstore_read(doc, with_text, err) : NULL;
    xap_doc_free(doc);
    return m;
}
