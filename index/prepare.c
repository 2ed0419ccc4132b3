/* prepare.c - the preparation pipeline (prepare.h). */
#include "prepare.h"
#include "arrivals.h"
#include "correction.h"
#include "docstore.h"
#include "record.h"
#include "text.h"
#include "title.h"
#include "writer.h"

#include <stdio.h>

/* How much text the language guess reads. */
#define LANG_SAMPLE (20000)

void prepare_set_file(docmeta *m, const char *abs_path, gint64 size, gint64 mtime)
{
    char id[DOC_ID_LEN + 1];
    record_id_for_path(abs_path, id);
    docmeta_set(&m->id, id);
    docmeta_set(&m->path, abs_path);
    m->size = size;
    m->mtime = mtime;
}

static void tag(docmeta *m, const tagger *t, GPtrArray *notes)
{
    if (t == NULL) {
        tagger_apply_plain(m);
        return;
    }
    GPtrArray *unknown = g_ptr_array_new_with_free_func(g_free);
    tagger_apply(t, m, TRUE, unknown);
    for (guint i = 0; notes != NULL && i < unknown->len; i++)
        g_ptr_array_add(notes, g_strdup_printf("%s : %s", m->path,
                                               (char *)g_ptr_array_index(unknown, i)));
    g_ptr_array_unref(unknown);
}

static void guess_lang_and_type(docmeta *m)
{
    if (m->lang == NULL) {
        const char *from = m->text != NULL ? m->text : (m->title != NULL ? m->title : "");
        char *sample = g_strndup(from, LANG_SAMPLE);
        char *folded = text_fold(sample, -1);
        docmeta_set(&m->lang, text_guess_lang(folded));
        g_free(folded);
        g_free(sample);
    }
    if (m->doctype == NULL)
        docmeta_set(&m->doctype, record_guess_doctype(m->title));
    if (m->doctype == NULL)
        docmeta_set(&m->doctype, record_guess_doctype_in_text(m->text));
}

/* When m entered the collection, unless it says already (a moved file's
 * record): that of the document it replaces, former_id, or now for a new
 * one.  0, or -1 with err when db cannot be read. */
static int settle_added(const xap_db *db, docmeta *m, const char *former_id, verr *err)
{
    if (m->added != NULL)
        return 0;
    verr lookup = { 0 };
    xap_doc *old = db != NULL ? docstore_find(db, former_id, &lookup) : NULL;
    int rc = 0;
    if (old != NULL)
        rc = docstore_added(old, &m->added, err);
    else if (db != NULL && lookup.code != VERR_NOTFOUND) {
        if (err != NULL)
            *err = lookup;
        rc = -1;
    }
    xap_doc_free(old);
    if (rc == 0 && m->added == NULL)
        m->added = docmeta_added_now();
    return rc;
}

int prepare_document(const xap_db *db, docmeta *m, const catalogue_entry *cat,
                     const char *correction_of, const tagger *t, GPtrArray *notes, verr *err)
{
    const char *former = correction_of != NULL ? correction_of : m->id;
    if (cat != NULL)
        catalogue_apply(cat, m);
    if (db != NULL && correction_apply(db, former, m, err) != 0)
        return -1;
    if (settle_added(db, m, former, err) != 0)
        return -1;
    title_settle(m, NULL); /* before tagging and the type guess, which read the title */
    tag(m, t, notes);
    guess_lang_and_type(m);
    return 0;
}

int prepare_and_put(index_writer *w, docmeta *m, const catalogue_entry *cat,
                    const char *correction_of, const tagger *t, GPtrArray *notes,
                    const char *stamp_key, verr *err)
{
    /* content that arrived before (an index rebuilt) keeps its arrival */
    const char *first = m->added == NULL ? arrivals_lookup(index_writer_arrivals(w), m->sha256) : NULL;
    if (first != NULL)
        m->added = g_strdup(first);
    if (prepare_document(index_writer_db(w), m, cat, correction_of, t, notes, err) != 0)
        return -1;
    verr ledger;
    if (arrivals_remember(index_writer_arrivals(w), m->sha256, m->added, &ledger) != 0)
        fprintf(stderr, "veille-index: %s\n", ledger.msg); /* the index is still written */
    return index_writer_put(w, m, stamp_key, err);
}
