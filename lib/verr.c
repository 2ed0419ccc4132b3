/* verr.c - filling the caller-owned error object (see verr.h). */
#include "verr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void verr_clear(verr *err)
{
    if (err == NULL)
        return;
    err->code = VERR_OK;
    err->cls[0] = '\0';
    err->msg[0] = '\0';
}

/* A message cut at VERR_MSG_LEN may end inside a character: drop the
 * incomplete one, so that the message stays valid UTF-8 (it goes into
 * JSON and in front of people) and ends with "…". */
static void utf8_cut(char *msg)
{
    size_t len = strlen(msg);
    const char *end = NULL;
    if (!g_utf8_validate(msg, (gssize)len, &end))
        len = (size_t)(end - msg);
    while (len > 0 && len + sizeof "…" > VERR_MSG_LEN) { /* room for the ellipsis */
        const char *prev = g_utf8_find_prev_char(msg, msg + len);
        len = prev != NULL ? (size_t)(prev - msg) : 0;
    }
    memcpy(msg + len, "…", sizeof "…");
}

void verr_set(verr *err, verr_code code, const char *cls, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return;
    err->code = code;
    g_strlcpy(err->cls, cls != NULL ? cls : verr_code_name(code), sizeof err->cls);
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->msg)
        utf8_cut(err->msg);
}

void verr_from_gerror(verr *err, verr_code code, const GError *gerr)
{
    verr_set(err, code, gerr != NULL ? g_quark_to_string(gerr->domain) : NULL,
             "%s", gerr != NULL ? gerr->message : "unknown error");
}

static const char *const code_names[] = {
    [VERR_OK] = "ok",           [VERR_IO] = "io",
    [VERR_PARSE] = "parse",     [VERR_NOTFOUND] = "notfound",
    [VERR_LOCKED] = "locked",   [VERR_MODIFIED] = "modified",
    [VERR_INVALID] = "invalid", [VERR_NOMEM] = "nomem",
    [VERR_TIMEOUT] = "timeout", [VERR_UNSUPPORTED] = "unsupported",
    [VERR_INTERNAL] = "internal", [VERR_CANCELLED] = "cancelled",
    [VERR_NETWORK] = "network",
};

const char *verr_code_name(verr_code code)
{
    if ((unsigned)code >= G_N_ELEMENTS(code_names))
        return "unknown";
    return code_names[code];
}

verr_code verr_code_from_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(code_names); i++)
        if (strcmp(code_names[i], name) == 0)
            return (verr_code)i;
    return VERR_INTERNAL;
}
