/* searcher.c - a thread's reader of the index (searcher.h). */
#include "searcher.h"
#include "reader.h"
#include "schema.h"
#include "text.h"

#include <stdlib.h>

struct searcher {
    index_reader *reader;
    const xap_db *db; /* the reader's, renewed at each move */
    xap_stem *stem;
    xap_stopper *stopper;
    searcher_reopened_fn reopened;
    void *reopened_ud;
    /* what is known of the revision open, read when it changes: */
    gboolean concept_terms; /* the index has XK terms (schema 3 and later) */
    gboolean versions;      /* some documents are versions of one another (versions.h) */
    char *uuid;             /* names the database (its facet columns); malloc'd */
};

/* How many times a read starts again on the index's latest revision when
 * commits overwrote the one it was reading. */
#define MODIFIED_RETRIES 3

/* Reads the layout, name and revision of the revision open. */
static int read_revision(searcher *s, verr *err)
{
    s->db = index_reader_db(s->reader);
    char *version = NULL;
    if (xap_db_get_metadata(s->db, META_SCHEMA, &version, err) != 0)
        return -1;
    s->concept_terms = atoi(version) >= 3;
    free(version);
    char *versions = NULL;
    if (xap_db_get_metadata(s->db, META_HAS_VERSIONS, &versions, err) != 0)
        return -1;
    s->versions = *versions != '\0';
    free(versions);
    free(s->uuid);
    s->uuid = NULL;
    return xap_db_uuid(s->db, &s->uuid, err);
}

searcher *searcher_new(const char *db_path, searcher_reopened_fn reopened, void *ud, verr *err)
{
    searcher *s = g_new0(searcher, 1);
    s->reopened = reopened;
    s->reopened_ud = ud;
    if ((s->reader = index_reader_open(db_path, err)) == NULL ||
        (s->stem = xap_stem_new("french", err)) == NULL ||
        (s->stopper = xap_stopper_new(text_french_stopwords(), err)) == NULL ||
        read_revision(s, err) != 0) {
        searcher_free(s);
        return NULL;
    }
    return s;
}

void searcher_free(searcher *s)
{
    if (s == NULL)
        return;
    xap_stopper_free(s->stopper);
    xap_stem_free(s->stem);
    index_reader_free(s->reader);
    free(s->uuid);
    g_free(s);
}

int searcher_reopen(searcher *s, verr *err)
{
    int changed = 0;
    if (index_reader_reopen(s->reader, &changed, err) != 0)
        return -1;
    if (!changed)
        return 0;
    if (s->reopened != NULL)
        s->reopened(s->reopened_ud);
    return read_revision(s, err);
}

const xap_db *searcher_db(const searcher *s) { return s->db; }
const xap_stem *searcher_stem(const searcher *s) { return s->stem; }
const xap_stopper *searcher_stopper(const searcher *s) { return s->stopper; }
gboolean searcher_concept_terms(const searcher *s) { return s->concept_terms; }
gboolean searcher_versions(const searcher *s) { return s->versions; }
const char *searcher_uuid(const searcher *s) { return s->uuid; }

gboolean searcher_revision(const searcher *s, unsigned long long *out)
{
    return index_reader_revision(s->reader, out);
}

const index_reader *searcher_reader(const searcher *s) { return s->reader; }

int searcher_doccount(searcher *s, unsigned *out, verr *err)
{
    return searcher_reopen(s, err) == 0 ? xap_db_doccount(s->db, out, err) : -1;
}

void *searcher_retrying(searcher *s, searcher_attempt_fn attempt, void *ctx, verr *err)
{
    void *out = NULL;
    verr e;
    for (int i = 0; i <= MODIFIED_RETRIES && out == NULL; i++) {
        verr_clear(&e);
        out = attempt(s, ctx, &e);
        if (out == NULL && e.code == VERR_NETWORK && index_reader_shards(s->reader) > 0)
            index_reader_lost(s->reader); /* the next attempt reopens without that shard */
        else if (out == NULL && e.code != VERR_MODIFIED)
            break;
    }
    if (out == NULL && err != NULL)
        *err = e;
    return out;
}
