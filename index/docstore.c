/* docstore.c - a document's stored record (docstore.h). */
#include "docstore.h"

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
