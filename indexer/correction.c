/* correction.c - stored corrections of the documentalist (correction.h). */
#include "correction.h"
#include "schema.h"

#include <stdlib.h>

char *correction_key(const char *id) { return g_strconcat(META_CORRECTION_PREFIX, id, NULL); }

docmeta *correction_load(const xap_db *db, const char *id, verr *err)
{
    char *key = correction_key(id);
    char *json = NULL;
    docmeta *c = NULL;
    if (xap_db_get_metadata(db, key, &json, err) == 0 && *json != '\0')
        c = docmeta_from_json(json, -1, err);
    free(json);
    g_free(key);
    return c;
}

int correction_apply(const xap_db *db, const char *id, docmeta *m, verr *err)
{
    verr e;
    verr_clear(&e);
    docmeta *c = correction_load(db, id, &e);
    if (c == NULL) {
        if (e.code != VERR_OK) {
            if (err != NULL)
                *err = e;
            return -1;
        }
        return 0;
    }
    docmeta_overlay(c, m);
    docmeta_free(c);
    return 0;
}
