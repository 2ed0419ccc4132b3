/* console.c - GLib's printing as UTF-8 whatever the locale (console.h). */
#include "console.h"

#include <glib.h>
#include <stdio.h>

static void print_stdout(const gchar *text) { fputs(text, stdout); }

static void print_stderr(const gchar *text) { fputs(text, stderr); }

void console_print_utf8(void)
{
    g_set_print_handler(print_stdout);
    g_set_printerr_handler(print_stderr);
}
