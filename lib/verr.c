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

/* Drops the last character of s (len bytes) when a cut left it incomplete. */
static void drop_cut_character(char *s, size_t len)
{
    size_t start = len;
    while (start > 0 && len - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (need > len - (start - 1))
        s[start - 1] = '\0';
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
    /* a message quoting user input is cut between characters, never inside
     * one: it goes out in JSON (found by tests/fuzz/fuzz_query) */
    if (n >= (int)sizeof err->msg)
        drop_cut_character(err->msg, sizeof err->msg - 1);
}

void verr_from_gerror(verr *err, verr_code code, const GError *gerr)
{
    verr_set(err, code, gerr != NULL ? g_quark_to_string(gerr->domain) : NULL,
             "%s", gerr != NULL ? gerr->message : "unknown error");
}

const char *verr_code_name(verr_code code)
{
    static const char *const names[] = {
        [VERR_OK] = "ok",           [VERR_IO] = "io",
        [VERR_PARSE] = "parse",     [VERR_NOTFOUND] = "notfound",
        [VERR_LOCKED] = "locked",   [VERR_MODIFIED] = "modified",
        [VERR_INVALID] = "invalid", [VERR_NOMEM] = "nomem",
        [VERR_TIMEOUT] = "timeout", [VERR_UNSUPPORTED] = "unsupported",
        [VERR_INTERNAL] = "internal",
    };
    if ((unsigned)code >= G_N_ELEMENTS(names))
        return "unknown";
    return names[code];
}
