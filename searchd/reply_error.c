/* reply_error.c - client-facing errors (reply_error.h). */
#include "reply_error.h"

#include <string.h>

/* Xapian's errors about the database itself, by class (xapian_c.h keeps
 * the class in err->cls), and what a user is told of each. */
static const struct { const char *cls; const char *message; } index_errors[] = {
    { "DatabaseNotFoundError", "l'index n'existe pas encore : lancer veille-index pour le créer" },
    { "DatabaseOpeningError", "l'index ne peut pas être ouvert : il manque ou est incomplet" },
    { "DatabaseCorruptError", "l'index est endommagé : relancer veille-index (détail dans le "
                              "journal du serveur)" },
    { "DatabaseVersionError", "l'index a été écrit par une autre version de Xapian" },
    { "DatabaseError", "l'index est illisible (détail dans le journal du serveur)" },
};

gboolean reply_error_is_index(const verr *err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(index_errors); i++)
        if (strcmp(err->cls, index_errors[i].cls) == 0)
            return TRUE;
    return FALSE;
}

static void set(reply_error *out, unsigned status, const char *code, const char *message,
                gboolean log_detail)
{
    out->status = status;
    out->code = code;
    g_strlcpy(out->message, message, sizeof out->message);
    out->log_detail = log_detail;
}

void reply_error_for(const verr *err, reply_error *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(index_errors); i++)
        if (strcmp(err->cls, index_errors[i].cls) == 0) {
            set(out, 503, "index_unavailable", index_errors[i].message, TRUE);
            return;
        }
    switch (err->code) {
    case VERR_PARSE:
        set(out, 400, strcmp(err->cls, "query") == 0 || strcmp(err->cls, "QueryParserError") == 0
                          ? "bad_query" : "bad_request",
            err->msg, FALSE);
        break;
    case VERR_INVALID: set(out, 400, "bad_request", err->msg, FALSE); break;
    case VERR_NOTFOUND: set(out, 404, "not_found", err->msg, FALSE); break;
    case VERR_TIMEOUT: set(out, 503, "timeout", err->msg, FALSE); break;
    case VERR_NETWORK: /* Xapian's own message is in English: said in the log */
        set(out, 503, "shard_unavailable", strcmp(err->cls, "shards") == 0 ? err->msg
                : "une partie de l'index ne répond pas en ce moment : réessayer dans un instant",
            TRUE);
        break;
    case VERR_CANCELLED: set(out, 503, "gone", err->msg, FALSE); break;
    case VERR_MODIFIED:
        set(out, 503, "busy", "l'index a changé plusieurs fois pendant la recherche : réessayer",
            TRUE);
        break;
    case VERR_LOCKED:
        set(out, 503, "busy", "indexation en cours, réessayer dans un moment", TRUE);
        break;
    case VERR_UNSUPPORTED:
        if (strcmp(err->cls, "unindexable") == 0)
            set(out, 422, "not_indexed", err->msg, FALSE);
        else
            set(out, 415, "unsupported_media_type", err->msg, FALSE);
        break;
    default:
        set(out, 500, "error", "erreur interne du serveur (détail dans son journal)", TRUE);
        break;
    }
}
