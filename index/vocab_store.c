/* vocab_store.c - the index's stored vocabulary (vocab_store.h). */
#include "vocab_store.h"
#include "schema.h"

#include <stdlib.h>

vocab *vocab_store_load(const xap_db *db, verr *err)
{
    char *json = NULL;
    vocab *v = NULL;
    verr_clear(err);
    if (xap_db_get_metadata(db, META_THESAURUS, &json, err) == 0 && *json != '\0')
        v = vocab_from_json(json, -1, err);
    free(json);
    return v;
}

void vocab_store_key(const vocab *v, char out[13])
{
    g_strlcpy(out, v != NULL ? vocab_digest(v) : "", 13);
}
