/* csv.h - reads CSV as spreadsheets export it (RFC 4180 quoting, ';' or
 * ',' separator detected from the header, CRLF or LF, optional BOM).
 * Input must already be UTF-8 (see text_to_utf8). */
#ifndef VEILLE_CSV_H
#define VEILLE_CSV_H

#include <glib.h>
#include "verr.h"

typedef struct {
    guint line;          /* line number where the record starts (1-based) */
    GPtrArray *fields;   /* of char *, owned */
} csv_record;

typedef struct {
    char separator;      /* ';' or ',' */
    GPtrArray *records;  /* of csv_record *, owned; records[0] is the header */
} csv_table;

/* Parses text.  An unterminated quote is an error (VERR_PARSE, with the
 * line where the field started); empty lines are skipped.  Caller frees
 * with csv_table_free(). */
csv_table *csv_parse(const char *text, verr *err);
void csv_table_free(csv_table *t);

#endif
