/* reading.c - a document's text, passages and neighbours for its page
 * (reading.h). */
#include "reading.h"
#include "docstore.h"
#include "jsonutil.h"
#include "passage.h"
#include "record.h"
#include "snippet.h"
#include "title.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *id, *q;
} reading_ctx;

/* The first passages of doc, up to READING_TEXT_MAX bytes cut at a space:
 * "text" and "more" (whether there is more), "paged". */
static int add_beginning(JsonBuilder *b, const xap_doc *doc, verr *err)
{
    gboolean paged = FALSE;
    guint32 *starts = NULL;
    guint n = 0;
    if (docstore_passage_starts(doc, &paged, &starts, &n, err) != 0)
        return -1;
    g_free(starts);
    GString *text = g_string_new(NULL);
    guint k = 0;
    for (; k < n && text->len < READING_TEXT_MAX; k++) {
        char *part = docstore_passage(doc, k, err);
        if (part == NULL) {
            g_string_free(text, TRUE);
            return -1;
        }
        if (text->len > 0)
            g_string_append(text, paged ? "\n\n" : " ");
        g_string_append(text, part);
        g_free(part);
    }
    gboolean more = k < n || text->len > READING_TEXT_MAX;
    if (text->len > READING_TEXT_MAX) { /* at a space, else at a character */
        const char *space = g_strrstr_len(text->str, READING_TEXT_MAX, " ");
        if (space != NULL && space - text->str < READING_TEXT_MAX / 2)
            space = NULL; /* too early: at a character instead */
        const char *cut = text->str + READING_TEXT_MAX;
        while (space == NULL && cut > text->str && ((unsigned char)*cut & 0xC0) == 0x80)
            cut--;
        g_string_truncate(text, (gsize)((space != NULL ? space : cut) - text->str));
    }
    jsonutil_add_string(b, "text", text->str);
    json_builder_set_member_name(b, "more");
    json_builder_add_boolean_value(b, more);
    json_builder_set_member_name(b, "paged");
    json_builder_add_boolean_value(b, paged);
    g_string_free(text, TRUE);
    return 0;
}

/* "passages": the ones holding the most of q's words, with snippets. */
static int add_passages(JsonBuilder *b, searcher *s, xap_docid docid, const xap_doc *doc,
                        const char *q, verr *err)
{
    json_builder_set_member_name(b, "passages");
    json_builder_begin_array(b);
    GPtrArray *words = snippet_query_words(q != NULL ? q : "");
    int rc = 0;
    if (words->len > 0) {
        passage_words *pw = passage_words_new(searcher_db(s), searcher_stem(s), words, words->len);
        if (index_reader_remote(searcher_reader(s))) /* positions: a round trip per term */
            passage_words_from_text(pw);
        passage_choice chosen[READING_PASSAGES_MAX];
        guint found = 0;
        rc = passage_rank(searcher_db(s), docid, doc, pw, chosen, READING_PASSAGES_MAX, &found,
                          NULL, err);
        for (guint i = 0; i < found && rc == 0; i++) {
            char *text = docstore_passage(doc, chosen[i].passage, err);
            if (text == NULL) {
                rc = -1;
                break;
            }
            char *snippet = snippet_make(text, passage_words_marked(pw), 30);
            json_builder_begin_object(b);
            jsonutil_add_int(b, "page", chosen[i].page);
            jsonutil_add_int(b, "passage", chosen[i].passage);
            jsonutil_add_string(b, "snippet", snippet);
            json_builder_end_object(b);
            g_free(snippet);
            g_free(text);
        }
        passage_words_free(pw);
    }
    g_ptr_array_unref(words);
    json_builder_end_array(b);
    return rc;
}

typedef struct {
    const xap_db *db;
    GArray *ids;
} similar_ctx;

static int on_similar(xap_docid id, void *ud)
{
    g_array_append_val(((similar_ctx *)ud)->ids, id);
    return 0;
}

/* "similar": the documents most like docid. */
static int add_similar(JsonBuilder *b, const xap_db *db, xap_docid docid, verr *err)
{
    similar_ctx c = { db, g_array_new(FALSE, FALSE, sizeof(xap_docid)) };
    int rc = xap_db_similar(db, docid, 20, READING_SIMILAR_MAX, on_similar, &c, err);
    json_builder_set_member_name(b, "similar");
    json_builder_begin_array(b);
    for (guint i = 0; i < c.ids->len && rc == 0; i++) {
        xap_doc *doc = NULL;
        docmeta *m = NULL;
        if (xap_db_get_document(db, g_array_index(c.ids, xap_docid, i), &doc, err) != 0 ||
            (m = docstore_read(doc, FALSE, err)) == NULL) {
            xap_doc_free(doc);
            rc = -1;
            break;
        }
        char *title = title_shown(m), *link = g_strdup_printf("/api/documents/%s", m->id);
        json_builder_begin_object(b);
        jsonutil_add_string(b, "id", m->id);
        jsonutil_add_string(b, "title", title);
        jsonutil_add_string(b, "date", m->date);
        jsonutil_add_string(b, "type", m->doctype);
        jsonutil_add_string(b, "link", link);
        json_builder_end_object(b);
        g_free(link);
        g_free(title);
        docmeta_free(m);
        xap_doc_free(doc);
    }
    json_builder_end_array(b);
    g_array_unref(c.ids);
    return rc;
}

/* searcher_attempt_fn: one attempt at the reading of ctx's document. */
static void *read_document(searcher *s, void *ctx, verr *err)
{
    const reading_ctx *c = ctx;
    if (searcher_reopen(s, err) != 0)
        return NULL;
    char term[DOC_ID_LEN + 2];
    xap_docid docid = 0;
    record_id_term(c->id, term);
    xap_doc *doc = NULL;
    int found = xap_db_find_term(searcher_db(s), term, &docid, err);
    if (found != 0 || xap_db_get_document(searcher_db(s), docid, &doc, err) != 0) {
        if (found == 1)
            verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", c->id);
        return NULL;
    }
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    int rc = add_beginning(b, doc, err);
    if (rc == 0)
        rc = add_passages(b, s, docid, doc, c->q, err);
    if (rc == 0)
        rc = add_similar(b, searcher_db(s), docid, err);
    json_builder_end_object(b);
    xap_doc_free(doc);
    char *json = jsonutil_finish(b);
    if (rc != 0) {
        g_free(json);
        return NULL;
    }
    return json;
}

char *reading_json(searcher *s, const char *id, const char *q, verr *err)
{
    reading_ctx c = { id, q };
    if (!record_id_valid(id)) { /* refused as unknown without reading the index */
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return NULL;
    }
    return searcher_retrying(s, read_document, &c, err);
}
