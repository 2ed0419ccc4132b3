/* document.c - a document by its id (document.h). */
#include "document.h"
#include "copies.h"
#include "versions.h"
#include "docstore.h"
#include "record.h"
#include "render_json.h"

/* searcher_attempt_fn: one attempt at reading document ctx. */
static void *read_meta(searcher *s, void *ctx, verr *err)
{
    if (searcher_reopen(s, err) != 0)
        return NULL;
    xap_doc *doc = docstore_find(searcher_db(s), ctx, err);
    if (doc == NULL && err != NULL && err->code == VERR_NOTFOUND &&
        index_reader_home_missing(searcher_reader(s), ctx)) /* not "no such document" */
        verr_set(err, VERR_NETWORK, "shards", "la partie de l'index qui contient le document %s "
                 "ne répond pas en ce moment", (const char *)ctx);
    docmeta *m = doc != NULL ? docstore_read(doc, FALSE, err) : NULL;
    if (m != NULL && (copies_attach(searcher_db(s), m, err) != 0 ||
                      versions_attach(searcher_db(s), doc, m, VERSIONS_SHOWN, NULL, err) != 0)) {
        docmeta_free(m);
        m = NULL;
    }
    xap_doc_free(doc);
    return m;
}

docmeta *document_meta(searcher *s, const char *id, verr *err)
{
    if (!record_id_valid(id)) /* refused as unknown without reading the index */
        return docstore_load(searcher_db(s), id, FALSE, err);
    return searcher_retrying(s, read_meta, (void *)id, err);
}

char *document_json(searcher *s, const char *id, verr *err)
{
    docmeta *m = document_meta(s, id, err);
    if (m == NULL)
        return NULL;
    char *json = render_json_document(m);
    docmeta_free(m);
    return json;
}

int document_file(searcher *s, const char *id, char **path, char **mime, verr *err)
{
    docmeta *m = document_meta(s, id, err);
    if (m == NULL)
        return -1;
    *path = g_strdup(m->path);
    *mime = g_strdup(m->mime != NULL ? m->mime : "application/octet-stream");
    docmeta_free(m);
    return 0;
}
