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

/* Sets GLib's print handlers to write their text unconverted (stdout for
 * g_print, stderr for g_printerr).  Call first thing in main. */
void console_print_utf8(void);

#endif
