/* console.c - GLib's printing as UTF-8 whatever the locale, and its option
 * errors in French (console.h). */
#include "console.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

static void print_stdout(const gchar *text) { fputs(text, stdout); }

static void print_stderr(const gchar *text) { fputs(text, stderr); }

void console_print_utf8(void)
{
    g_set_print_handler(print_stdout);
    g_set_printerr_handler(print_stderr);
}

/* The last word of s that is an option ("-j", "--timeout": GLib names it
 * at or near the end of its messages), or NULL.  Caller frees. */
static char *option_named(const char *s)
{
    char **words = g_strsplit(s, " ", -1);
    char *option = NULL;
    for (guint n = g_strv_length(words); n > 0 && option == NULL; n--)
        if (words[n - 1][0] == '-' && words[n - 1][1] != '\0')
            option = g_strdup(words[n - 1]);
    g_strfreev(words);
    return option;
}

/* What GLib quotes in s (“value”), or NULL.  Caller frees. */
static char *quoted(const char *s)
{
    const char *open = strstr(s, "\u201C"), *close = open != NULL ? strstr(open, "\u201D") : NULL;
    if (close == NULL)
        return NULL;
    open += strlen("\u201C");
    return g_strndup(open, (gsize)(close - open));
}

char *console_option_error(const GError *e)
{
    if (e == NULL)
        return g_strdup("erreur inconnue");
    char *option = e->domain == G_OPTION_ERROR ? option_named(e->message) : NULL;
    char *value = option != NULL ? quoted(e->message) : NULL;
    char *said;
    if (option == NULL)
        said = g_strdup(e->message);
    else if (e->code == G_OPTION_ERROR_UNKNOWN_OPTION)
        said = g_strdup_printf("option inconnue : %s (voir --help)", option);
    else if (e->code == G_OPTION_ERROR_BAD_VALUE && value != NULL)
        said = g_strdup_printf("valeur « %s » invalide ou hors limites pour %s", value, option);
    else if (e->code == G_OPTION_ERROR_BAD_VALUE)
        said = g_strdup_printf("valeur manquante pour %s", option);
    else
        said = g_strdup(e->message);
    g_free(value);
    g_free(option);
    return said;
}

void console_option_failed(const char *prefix, const GError *e)
{
    char *said = console_option_error(e);
    fprintf(stderr, "%s%s\n", prefix, said);
    g_free(said);
}
