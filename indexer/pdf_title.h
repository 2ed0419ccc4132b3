/* pdf_title.h - a PDF's title read from its first pages' layout, for
 * files whose Info title is missing or useless (title.h), or that the
 * first pages never use (extract_pdf.c).
 *
 * From poppler's text attributes (font size per character) and layout
 * (a box per character): the lines of the largest type on the first page
 * with text, when that size is clearly above the body's and used once or
 * twice (not a heading style), joined over up to 4 lines, with the
 * subtitle set just below a short title in a smaller title type; a cover
 * (little text, most of it in large type) is measured against the body
 * size of the next page with text.  Otherwise the first line below the
 * header margin that is not boilerplate, joined over up to 3 lines.
 * Running headers and footers (lines repeated at the top or bottom of the
 * next pages), page numbers, dates and logos' letters are skipped.  Used inside the extraction worker (extract_pdf.c). */
#ifndef VEILLE_PDF_TITLE_H
#define VEILLE_PDF_TITLE_H

#include <poppler.h>

/* How many first pages are read: a cover without text is skipped, and the
 * pages after the one used tell running headers. */
#define PDF_TITLE_PAGES 3

/* The title of the document whose first n pages (n <= PDF_TITLE_PAGES, any
 * of them NULL) are given, or NULL.  *source gets TITLE_SOURCE_FONT or
 * TITLE_SOURCE_FIRST_LINE.  Caller frees.  The pages keep poppler's text
 * cache, so text extraction of the same page objects is not repeated. */
char *pdf_title_infer(PopplerPage *const *pages, int n, const char **source);

#endif
