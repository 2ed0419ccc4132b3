/* title.h - every document has a real title: when the one a file carries
 * is missing or useless ("Microsoft Word - rapport.doc", "Document1", a
 * file name...), one is inferred from the content, or else made from the
 * file name.
 *
 * The format-specific inferences (the largest type on a PDF's first page,
 * the first heading of HTML, ODT and DOCX) live in the extractors; this
 * module has what they share: what makes a title useless, what makes a
 * line boilerplate, the first-line rule for text, the cleaned file name,
 * and title_settle(), the last step every document goes through. */
#ifndef VEILLE_TITLE_H
#define VEILLE_TITLE_H

#include <glib.h>
#include "docmeta.h"

/* Where a title came from (docmeta.title_source). */
#define TITLE_SOURCE_METADATA "metadata"     /* the file's own title (PDF Info, <title>, meta.xml) */
#define TITLE_SOURCE_FONT "font"             /* a PDF's largest type on its first page(s) */
#define TITLE_SOURCE_HEADING "heading"       /* the first heading (HTML h1/h2, ODT, DOCX) */
#define TITLE_SOURCE_FIRST_LINE "first-line" /* the first line of text that is not boilerplate */
#define TITLE_SOURCE_FILENAME "filename"     /* the cleaned file name */
#define TITLE_SOURCE_OPENING "opening"       /* the text's first words, the name saying nothing */
#define TITLE_SOURCE_CATALOGUE "catalogue"   /* the documentalist's catalogue */
#define TITLE_SOURCE_CORRECTION "correction" /* the documentalist's correction */

/* Longest title kept, in characters; longer ones are cut at a word. */
#define TITLE_MAX_CHARS 200

/* Whether title says nothing about the document: NULL or blank, a
 * generator's default ("untitled", "sans titre", "Document1", "Diapositive
 * 1", "Microsoft Word - ..."), a file name (ends in .doc, .pdf... or equals
 * the base name of path, which may be NULL), a file's or a job's name
 * ("RPU2012-Resural"), a path or address, or no letters at all. */
gboolean title_is_useless(const char *title, const char *path);

/* Whether text's first max bytes bear title out: one of its words of 4
 * letters or more is a word of the text (both folded), or it has none
 * such.  A PDF's Info title that its first pages never use is a job's
 * name or a template's ("plaquette A3-1"), not the document's. */
gboolean title_in_text(const char *title, const char *text, gsize max);

/* Whether title begins with the words acronym abbreviates: the initials
 * of its words that are not stop words spell acronym ("Contrat Local de
 * Santé de la Communauté..." for "CLS"), case and accents aside.  An
 * acronym of fewer than 2 letters spells nothing. */
gboolean title_expands(const char *title, const char *acronym);

/* How many words of 4 letters or more title has ("Matrix [ 1.000 0.000 ]":
 * one). */
guint title_words(const char *title);

/* Whether a line of text cannot be a title: blank, a page number ("Page 1",
 * "3/12", "- 4 -"), a date alone ("12 mars 2019", "Paris, le 5 mai 2020"),
 * a separator, an address (www..., e-mail), "Sommaire", "Confidentiel",
 * fewer than 3 letters, a table's row (tab-separated cells), or a useless
 * title as above. */
gboolean title_line_is_boilerplate(const char *line);

/* line as a title: spaces squashed, decoration around it (bullets, dashes,
 * '#', trailing ':' or '.') removed, cut to TITLE_MAX_CHARS at a word with
 * "…".  NULL when nothing is left.  Caller frees. */
char *title_clean(const char *line);

/* The first line of text that is not boilerplate, among its first lines,
 * cleaned; NULL when the text starts with a paragraph too long to be a
 * title or has none.  Caller frees. */
char *title_from_text(const char *text);

/* path's base name as a title: extension, version marks ("v2", "final",
 * "(1)") and a leading sequence number dropped, '_' '-' '.' turned into
 * spaces, first letter upper case: "rapport_CLS-2019_v2.pdf" -> "Rapport
 * CLS 2019".  Never NULL for a path with a name.  Caller frees. */
char *title_from_filename(const char *path);

/* Gives m a real title unless the catalogue or a correction set it: when
 * m->title is useless (path or m->path tells its file name) or came from
 * the file name, the first line of m->text, else the cleaned file name,
 * else, when that name says nothing ("000_d0444ab05dc574c1.txt",
 * "scan0001.pdf"), the first words of the text's first sentence.  Sets
 * m->title_source accordingly. */
void title_settle(docmeta *m, const char *path);

/* The title to show for m: m->title, or for a record written before
 * titles were inferred (none), the cleaned file name; NULL only without
 * either.  Caller frees. */
char *title_shown(const docmeta *m);

/* French words for a title source, for the documentalist ("nom du
 * fichier"); "inconnue" for NULL (records older than title sources). */
const char *title_source_label(const char *source);

#endif
