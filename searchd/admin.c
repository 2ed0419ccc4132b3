/* admin.c - documentalist endpoints (admin.h). */
#include "admin.h"
#include "docmeta.h"
#include "schema.h"
#include "xapian-c/xapian_c.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRASH_DIR ".veille-corbeille"

gboolean admin_authorised(const char *authorization, const char *token)
{
    if (token == NULL || *token == '\0' || authorization == NULL ||
        g_ascii_strncasecmp(authorization, "Bearer ", 7) != 0)
        return FALSE;
    /* compare digests, so that neither length nor content leaks by timing */
    char *a = g_compute_checksum_for_string(G_CHECKSUM_SHA256, authorization + 7, -1);
    char *b = g_compute_checksum_for_string(G_CHECKSUM_SHA256, token, -1);
    unsigned char diff = 0;
    for (size_t i = 0; i < 64; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    g_free(a);
    g_free(b);
    return diff == 0;
}

/* Moves path into a trash folder beside it; OUT *dest. */
static int move_to_trash(const char *path, char **dest, verr *err)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *trash = g_build_filename(dir, TRASH_DIR, NULL);
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

int admin_delete(const char *db_path, const char *id, char **moved_to, verr *err)
{
    char term[DOC_ID_LEN + 2];
    xap_wdb *w = NULL;
    xap_doc *doc = NULL;
    char *data = NULL, *dest = NULL;
    docmeta *m = NULL;
    xap_docid docid;
    int rc = -1;

    if (strlen(id) != DOC_ID_LEN || strspn(id, "0123456789abcdef") != DOC_ID_LEN) {
        verr_set(err, VERR_NOTFOUND, "document", "identifiant de document inconnu");
        return -1;
    }
    g_snprintf(term, sizeof term, "%s%s", PFX_ID, id);
    if ((w = xap_wdb_open(db_path, 0, err)) == NULL)
        goto cleanup;
    if (xap_db_find_term(xap_wdb_db(w), term, &docid, err) != 0) {
        verr_set(err, VERR_NOTFOUND, "document", "document introuvable : %s", id);
        goto cleanup;
    }
    if (xap_db_get_document(xap_wdb_db(w), docid, &doc, err) != 0 ||
        xap_doc_get_data(doc, &data, NULL, err) != 0 || (m = docmeta_from_json(data, -1, err)) == NULL)
        goto cleanup;
    if (m->path != NULL && move_to_trash(m->path, &dest, err) != 0)
        goto cleanup;
    if (xap_wdb_delete(w, term, err) != 0 || xap_wdb_commit(w, err) != 0)
        goto cleanup;
    if (moved_to != NULL) {
        *moved_to = dest;
        dest = NULL;
    }
    rc = 0;
cleanup:
    g_free(dest);
    docmeta_free(m);
    free(data);
    xap_doc_free(doc);
    xap_wdb_free(w);
    return rc;
}
