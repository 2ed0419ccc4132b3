/* reader.c - the index opened for reading, whole or in shards (reader.h). */
#include "reader.h"
#include "shard_watch.h"
#include "shards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    xap_db *db;        /* NULL: missing */
    guint replica;     /* the replica db is open on, or the next one to try */
    gboolean said;     /* missing, and said so (once per outage) */
} shard_state;

struct index_reader {
    xap_db *meta;        /* DB: the whole index, or everything but documents */
    shard_layout *layout; /* NULL: not split */
    shard_state *shards;
    xap_db *view;        /* meta then each shard present; == meta when not split */
    gboolean lost;       /* a read failed with VERR_NETWORK */
    gboolean has_revision;
    unsigned long long revision;
};

/* Opens shard i from its replicas, starting at the one last used and
 * trying at most tries of them, none the watch knows does not answer;
 * leaves it missing (and says why on stderr, once per outage) when none
 * answers, each replica that failed handed to the watch. */
static void connect_shard(index_reader *r, guint i, guint tries)
{
    shard_state *s = &r->shards[i];
    const GPtrArray *places = shard_layout_readers(r->layout, i);
    for (guint k = 0; k < places->len && k < tries && s->db == NULL; k++) {
        guint at = (s->replica + k) % places->len;
        const shard_place *place = g_ptr_array_index(places, at);
        if (shard_watch_down(place))
            continue; /* tried in the background: no search waits on it */
        verr e;
        verr_clear(&e);
        if ((s->db = shard_place_open(r->layout, place, &e)) != NULL) {
            s->replica = at;
            s->said = FALSE;
            break;
        }
        shard_watch_add(r->layout, place);
        if (!s->said) {
            char *where = shard_place_describe(g_ptr_array_index(places, at));
            fprintf(stderr, "index: shard %u replica %s does not answer: %s\n", i, where, e.msg);
            g_free(where);
        }
    }
    if (s->db == NULL)
        s->said = TRUE;
}

/* Drops shard i's connection: it is tried again, from its next replica. */
static void drop_shard(index_reader *r, guint i)
{
    shard_state *s = &r->shards[i];
    xap_db_free(s->db);
    s->db = NULL;
    s->replica = (s->replica + 1) % shard_layout_readers(r->layout, i)->len;
}

/* The view over DB and the shards present, in place of the old one. */
static int build_view(index_reader *r, verr *err)
{
    xap_db *view = xap_db_new_empty(err);
    if (view == NULL || xap_db_add(view, r->meta, err) != 0) {
        xap_db_free(view);
        return -1;
    }
    for (guint i = 0; i < shard_layout_count(r->layout); i++)
        if (r->shards[i].db != NULL && xap_db_add(view, r->shards[i].db, err) != 0) {
            xap_db_free(view);
            return -1;
        }
    if (r->view != r->meta)
        xap_db_free(r->view);
    r->view = view;
    return 0;
}

/* Hashes DB's revision, each shard's commit count and the shards missing. */
static int read_revision(index_reader *r, verr *err)
{
    unsigned long long meta_rev;
    r->has_revision = xap_db_revision(r->meta, &meta_rev, NULL) == 0;
    if (!r->has_revision || r->layout == NULL) {
        r->revision = meta_rev;
        return 0;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA1);
    char head[32];
    g_snprintf(head, sizeof head, "%llu", meta_rev);
    g_checksum_update(sum, (const guchar *)head, -1);
    int rc = 0;
    for (guint i = 0; i < shard_layout_count(r->layout) && rc == 0; i++) {
        char *commit = NULL;
        if (r->shards[i].db == NULL) {
            g_checksum_update(sum, (const guchar *)"|-", -1);
        } else if ((rc = xap_db_get_metadata(r->shards[i].db, META_COMMIT, &commit, err)) == 0) {
            g_checksum_update(sum, (const guchar *)"|", 1);
            g_checksum_update(sum, (const guchar *)commit, -1);
        }
        free(commit);
    }
    guint8 digest[20];
    gsize len = sizeof digest;
    g_checksum_get_digest(sum, digest, &len);
    g_checksum_free(sum);
    r->revision = 0;
    for (int i = 0; i < 8; i++)
        r->revision = r->revision << 8 | digest[i];
    return rc;
}

index_reader *index_reader_open(const char *db_path, verr *err)
{
    verr e;
    shard_layout *layout = shard_layout_load(db_path, &e);
    if (layout == NULL && e.code != VERR_OK) {
        if (err != NULL)
            *err = e;
        return NULL;
    }
    index_reader *r = g_new0(index_reader, 1);
    r->layout = layout;
    if ((r->meta = xap_db_open(db_path, err)) == NULL) {
        index_reader_free(r);
        return NULL;
    }
    r->view = r->meta;
    if (layout != NULL) {
        r->shards = g_new0(shard_state, shard_layout_count(layout));
        for (guint i = 0; i < shard_layout_count(layout); i++)
            connect_shard(r, i, G_MAXUINT);
        if (build_view(r, err) != 0) {
            index_reader_free(r);
            return NULL;
        }
    }
    /* a shard lost between its connection and this read is missing */
    verr_clear(&e);
    if (read_revision(r, &e) != 0 && e.code == VERR_NETWORK) {
        r->lost = TRUE;
        if (index_reader_reopen(r, NULL, &e) != 0)
            r->has_revision = FALSE;
    }
    return r;
}

index_reader *index_reader_open_whole(const char *db_path, verr *err)
{
    index_reader *r = index_reader_open(db_path, err);
    if (r == NULL || index_reader_missing(r) == 0)
        return r;
    GString *which = g_string_new(NULL);
    for (guint i = 0; i < index_reader_shards(r); i++)
        if (index_reader_shard_missing(r, i))
            g_string_append_printf(which, "%s%u", which->len > 0 ? ", " : "", i);
    verr_set(err, VERR_NETWORK, "shards", "%u partie(s) de l'index sur %u ne répondent pas "
             "(%s) : voir %s.shards", index_reader_missing(r), index_reader_shards(r),
             which->str, db_path);
    g_string_free(which, TRUE);
    index_reader_free(r);
    return NULL;
}

void index_reader_free(index_reader *r)
{
    if (r == NULL)
        return;
    if (r->view != r->meta)
        xap_db_free(r->view);
    for (guint i = 0; r->shards != NULL && i < shard_layout_count(r->layout); i++)
        xap_db_free(r->shards[i].db);
    g_free(r->shards);
    xap_db_free(r->meta);
    shard_layout_free(r->layout);
    g_free(r);
}

const xap_db *index_reader_db(const index_reader *r) { return r->view; }

void index_reader_lost(index_reader *r) { r->lost = TRUE; }

/* After a network failure: each remote shard that no longer answers is
 * dropped and connected again (another replica, or missing). */
static gboolean check_shards(index_reader *r)
{
    gboolean moved = FALSE;
    for (guint i = 0; i < shard_layout_count(r->layout); i++) {
        if (r->shards[i].db == NULL)
            continue;
        verr e;
        verr_clear(&e);
        char *commit = NULL;
        if (xap_db_reopen(r->shards[i].db, NULL, &e) != 0 ||
            xap_db_get_metadata(r->shards[i].db, META_COMMIT, &commit, &e) != 0) {
            fprintf(stderr, "index: shard %u stopped answering: %s\n", i, e.msg);
            drop_shard(r, i);
            connect_shard(r, i, G_MAXUINT);
            moved = TRUE;
        }
        free(commit);
    }
    return moved;
}

/* Missing shards one of whose replicas answers the watch again, connected
 * from that one (no wait on those that do not). */
static gboolean bring_back(index_reader *r)
{
    gboolean moved = FALSE;
    for (guint i = 0; i < shard_layout_count(r->layout); i++) {
        shard_state *s = &r->shards[i];
        const GPtrArray *places = shard_layout_readers(r->layout, i);
        for (guint k = 0; k < places->len && s->db == NULL; k++)
            if (shard_watch_answers(g_ptr_array_index(places, k))) {
                s->replica = k;
                connect_shard(r, i, 1);
                if (s->db != NULL) {
                    fprintf(stderr, "index: shard %u answers again\n", i);
                    moved = TRUE;
                }
            }
    }
    return moved;
}

int index_reader_reopen(index_reader *r, int *changed, verr *err)
{
    int moved = 0;
    if (r->layout == NULL) {
        if (xap_db_reopen(r->meta, &moved, err) != 0)
            return -1;
    } else {
        for (int attempt = 0;; attempt++) {
            gboolean relaid = r->lost && check_shards(r);
            r->lost = FALSE;
            relaid = bring_back(r) || relaid;
            if (relaid && build_view(r, err) != 0)
                return -1;
            verr e;
            verr_clear(&e);
            int rc = xap_db_reopen(r->view, &moved, &e);
            moved = moved || relaid;
            if (rc == 0 && (!moved || read_revision(r, &e) == 0))
                break;
            if (e.code != VERR_NETWORK || attempt >= 2) {
                if (err != NULL)
                    *err = e;
                return -1;
            }
            r->lost = TRUE;
        }
    }
    if (r->layout == NULL && moved)
        read_revision(r, NULL);
    if (changed != NULL)
        *changed = moved;
    return 0;
}

guint index_reader_shards(const index_reader *r)
{
    return r->layout != NULL ? shard_layout_count(r->layout) : 0;
}

guint index_reader_missing(const index_reader *r)
{
    guint n = 0;
    for (guint i = 0; i < index_reader_shards(r); i++)
        n += r->shards[i].db == NULL;
    return n;
}

gboolean index_reader_shard_missing(const index_reader *r, guint i)
{
    return i < index_reader_shards(r) && r->shards[i].db == NULL;
}

gboolean index_reader_revision(const index_reader *r, unsigned long long *out)
{
    if (r->has_revision)
        *out = r->revision;
    return r->has_revision;
}

gboolean index_reader_remote(const index_reader *r)
{
    for (guint i = 0; i < index_reader_shards(r); i++) {
        const shard_state *s = &r->shards[i];
        const shard_place *p = s->db != NULL
            ? g_ptr_array_index(shard_layout_readers(r->layout, i), s->replica) : NULL;
        if (p != NULL && p->path == NULL)
            return TRUE;
    }
    return FALSE;
}

gboolean index_reader_home_missing(const index_reader *r, const char *id)
{
    return r->layout != NULL && r->shards[shard_layout_pick(r->layout, id)].db == NULL;
}
