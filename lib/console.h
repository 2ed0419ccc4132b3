/* console.h - what the programs print through GLib (g_print, g_printerr:
 * GOption's --help and its errors among them) reaches the terminal as the
 * UTF-8 it is written in.
 *
 * The programs never call setlocale (numbers in JSON, logs and figures
 * keep C's decimal point), so GLib takes the C locale's ASCII for the
 * terminal's charset and prints "d?p?ts" for the French "dépôts" of the
 * help, whatever LANG says.  Every text Veille prints is UTF-8, and so are
 * the terminals and journals of a Debian system. */
#ifndef VEILLE_CONSOLE_H
#define VEILLE_CONSOLE_H

#include <glib.h>

/* Sets GLib's print handlers to write their text unconverted (stdout for
 * g_print, stderr for g_printerr).  Call first thing in main. */
void console_print_utf8(void);

/* A GOption error (g_option_context_parse's) said in French for the
 * person at the terminal: GLib words them in English under the C locale
 * ("Unknown option --foo", "Cannot parse integer value “x” for -j").
 * The option and the value are taken from GLib's message; an error of
 * another domain, or one whose option cannot be found, keeps its own
 * message.  Caller frees with g_free(). */
char *console_option_error(const GError *e);

/* Prints prefix (the program's name and its separator: "veille-index : ")
 * and console_option_error(e) on stderr, as one line. */
void console_option_failed(const char *prefix, const GError *e);

#endif
