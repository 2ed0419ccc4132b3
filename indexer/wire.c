/* wire.c - the extraction workers' replies (wire.h). */
#include "wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

GByteArray *wire_encode_document(const docmeta *m)
{
    GByteArray *out = g_byte_array_new();
    char *json = docmeta_to_json(m, 0);
    uint64_t n = strlen(json);
    g_byte_array_append(out, (const guint8 *)"O", 1);
    g_byte_array_append(out, (const guint8 *)&n, sizeof n);
    g_byte_array_append(out, (const guint8 *)json, (guint)n);
    if (m->text != NULL)
        g_byte_array_append(out, (const guint8 *)m->text, (guint)strlen(m->text));
    g_free(json);
    return out;
}

GByteArray *wire_encode_failure(const verr *err)
{
    GByteArray *out = g_byte_array_new();
    char *msg = g_strdup_printf("E%d\n%s", (int)err->code, err->msg);
    g_byte_array_append(out, (const guint8 *)msg, (guint)strlen(msg));
    g_free(msg);
    return out;
}

docmeta *wire_decode(const guint8 *reply, size_t n, verr *err)
{
    const char *p = (const char *)reply;
    if (n > 1 + sizeof(uint64_t) && p[0] == 'O') {
        uint64_t meta_len;
        memcpy(&meta_len, p + 1, sizeof meta_len);
        const char *meta = p + 1 + sizeof meta_len;
        if (meta_len > n - 1 - sizeof meta_len) {
            verr_set(err, VERR_INTERNAL, "sandbox", "réponse tronquée du processus d'extraction");
            return NULL;
        }
        docmeta *m = docmeta_from_json(meta, (gssize)meta_len, err);
        if (m != NULL) {
            const char *text = meta + meta_len;
            g_free(m->text);
            m->text = g_strndup(text, (gsize)(p + n - text));
        }
        return m;
    }
    if (n > 1 && p[0] == 'E') {
        char *msg = g_strndup(p, n);
        char *nl = strchr(msg, '\n');
        int code = atoi(msg + 1);
        verr_set(err, code > VERR_OK && code <= VERR_CANCELLED ? (verr_code)code : VERR_INTERNAL,
                 "extract", "%s", nl != NULL ? nl + 1 : "erreur");
        g_free(msg);
        return NULL;
    }
    verr_set(err, VERR_INTERNAL, "sandbox", "réponse illisible du processus d'extraction");
    return NULL;
}
