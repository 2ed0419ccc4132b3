/* document.c - a document by its id (document.h). */
#include "document.h"
#include "docstore.h"
#include "record.h"
#include "render_json.h"
#include "schema.h"

/* searcher_attempt_fn: one attempt at reading document ctx. */
static void *read_meta(searcher *s, void *ctx, verr *err)
{
    const char *id = ctx;
    char term[DOC_ID_LEN + 2];
    xap_docid docid;
    xap_doc *doc = NULL;
    docmeta *m = NULL;
    g_snprintf(term, sizeof term, "%s%s", PFX_ID, id);
    if (searcher_reopen(s, err) != 0)
        return NULL;
    if (xap_db_find_term(searcher_db(s), term, &docid, err) != 0) {
        verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", id);
        return NULL;
    }
    if (xap_db_get_document(searcher_db(s), docid, &doc, err) == 0)
        m = docstore_read(doc, FALSE, err);
    xap_doc_free(doc);
    return m;
}

docmeta *document_meta(searcher *s, const char *id, verr *err)
{
    if (!record_id_valid(id)) {
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return NULL;
    }
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
