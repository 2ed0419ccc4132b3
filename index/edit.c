/* edit.c - corrections and deletions (edit.h). */
#include "edit.h"
#include "copies.h"
#include "docstore.h"
#include "prepare.h"
#include "schema.h"
#include "state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stamp key stored in doc (its catalogue row and vocabulary), kept by
 * a rebuild.  Caller frees; NULL with err. */
static char *stored_stamp_key(const xap_doc *doc, verr *err)
{
    char *value = NULL, *key = NULL;
    if (xap_doc_get_value(doc, SLOT_FILESTAMP, &value, NULL, err) == 0) {
        known_file *k = known_file_parse_stamp(value, strlen(value));
        key = g_strdup(k != NULL ? k->catalogue_hash : "");
        known_file_free(k);
    }
    free(value);
    return key;
}

int edit_correct(index_writer *w, const char *id, const docmeta *correction, const tagger *t,
                 verr *err)
{
    char *key = NULL;
    docmeta *m = NULL;
    int rc = -1;
    xap_doc *doc = docstore_find(index_writer_db(w), id, err);
    if (doc == NULL || (m = docstore_read(doc, TRUE, err)) == NULL ||
        (key = stored_stamp_key(doc, err)) == NULL ||
        index_writer_store_correction(w, id, correction, err) != 0 ||
        prepare_and_put(w, m, NULL, NULL, t, NULL, key, err) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    g_free(key);
    docmeta_free(m);
    xap_doc_free(doc);
    return rc;
}

/* Moves path into the trash folder beside it; OUT *dest. */
static int move_to_trash(const char *path, char **dest, verr *err)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *trash = g_build_filename(dir, EDIT_TRASH_DIR, NULL);
    char *target = g_build_filename(trash, base, NULL);
    int rc = -1;
    if (g_mkdir_with_parents(trash, 0755) != 0) {
        verr_set(err, VERR_IO, "trash", "impossible de créer %s : %s", trash, g_strerror(errno));
        goto cleanup;
    }
    for (int n = 2; g_file_test(target, G_FILE_TEST_EXISTS) && n < 1000; n++) {
        g_free(target);
        char *numbered = g_strdup_printf("%d-%s", n, base);
        target = g_build_filename(trash, numbered, NULL);
        g_free(numbered);
    }
    if (rename(path, target) != 0 && errno != ENOENT) {
        verr_set(err, VERR_IO, "trash", "impossible de déplacer le fichier : %s", g_strerror(errno));
        goto cleanup;
    }
    *dest = target;
    target = NULL;
    rc = 0;
cleanup:
    g_free(target);
    g_free(trash);
    g_free(base);
    g_free(dir);
    return rc;
}

/* The copies of content sha256 (copies.h) go to the trash too, or the
 * next indexing run would make one of them the document again. */
static int trash_copies(index_writer *w, const char *sha256, verr *err)
{
    GPtrArray *list = sha256 != NULL ? copies_load(index_writer_db(w), sha256, err) : NULL;
    int rc = sha256 != NULL && list == NULL ? -1 : 0;
    for (guint i = 0; list != NULL && i < list->len && rc == 0; i++) {
        char *dest = NULL;
        rc = move_to_trash(((known_file *)g_ptr_array_index(list, i))->path, &dest, err);
        g_free(dest);
    }
    if (rc == 0 && list != NULL && list->len > 0)
        rc = index_writer_store_copies(w, sha256, NULL, err);
    if (list != NULL)
        g_ptr_array_unref(list);
    return rc;
}

int edit_delete(index_writer *w, const char *id, char **trashed, verr *err)
{
    char *dest = NULL;
    int rc = -1;
    docmeta *m = docstore_load(index_writer_db(w), id, FALSE, err);
    if (m == NULL || (m->path != NULL && move_to_trash(m->path, &dest, err) != 0) ||
        trash_copies(w, m->sha256, err) != 0 || index_writer_delete(w, id, err) != 0)
        goto cleanup;
    if (trashed != NULL) {
        *trashed = dest;
        dest = NULL;
    }
    rc = 0;
cleanup:
    g_free(dest);
    docmeta_free(m);
    return rc;
}
