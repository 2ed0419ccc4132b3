/* olefile.h - Microsoft's OLE2 compound files (legacy .doc, .xls, .ppt),
 * read with libgsf: which application's stream a file holds, its summary
 * properties, and one stream's bytes.
 *
 * An olefile owns its libgsf objects; bytes it hands out are the
 * caller's. */
#ifndef VEILLE_OLEFILE_H
#define VEILLE_OLEFILE_H

#include <glib.h>
#include "docmeta.h"
#include "verr.h"

/* A stream past this size is not read. */
#define OLEFILE_STREAM_MAX (64u * 1024u * 1024u)

typedef enum {
    OLE_UNKNOWN = 0,
    OLE_WORD,        /* a "WordDocument" stream */
    OLE_EXCEL,       /* "Workbook" (Excel 97+) or "Book" (Excel 5/95) */
    OLE_POWERPOINT,  /* "PowerPoint Document" */
} ole_kind;

typedef struct olefile olefile;

/* Opens the compound file at path.  NULL with err set when it is not one
 * or is damaged. */
olefile *olefile_open(const char *path, verr *err);
void olefile_free(olefile *f);

/* The application whose main stream the file holds. */
ole_kind olefile_kind(const olefile *f);

/* The summary properties (SummaryInformation and
 * DocumentSummaryInformation) into out: title, subject, author,
 * keywords, comments (summary), creation date, and the page count (Word)
 * or slide count (PowerPoint) as out->pages when the file records it.
 * Missing or damaged properties are left out silently. */
void olefile_read_properties(const olefile *f, docmeta *out);

/* The whole stream called name (at most OLEFILE_STREAM_MAX bytes), or
 * NULL with err set. */
GBytes *olefile_read_stream(const olefile *f, const char *name, verr *err);

#endif
