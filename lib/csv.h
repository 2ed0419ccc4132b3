/* csv.h - reads CSV as spreadsheets export it (RFC 4180 quoting, ';' or
 * ',' separator detected from the header, CRLF or LF, optional BOM).
 * Input must already be UTF-8 (see text_to_utf8).
 *
 * A record whose quoting is broken is skipped, not the whole text: a
 * quoted field that never closes, or whose closing quote is followed by
 * anything but the separator, a line end or blanks (an unescaped quote
 * inside it, or an opening quote left unclosed that runs over line breaks
 * until some later cell's quote), makes its record bad.  Reading resumes
 * at the line after the one the bad record started on, so the rows a
 * runaway quote swallowed are read again.  Quoted fields holding line
 * breaks are kept as RFC 4180 has them. */
#ifndef VEILLE_CSV_H
#define VEILLE_CSV_H

#include <glib.h>

typedef struct {
    guint line;          /* line number where the record starts (1-based) */
    GPtrArray *fields;   /* of char *, owned */
} csv_record;

typedef struct {
    guint line;          /* line where the skipped record starts */
    char *reason;        /* French, owned */
} csv_problem;

typedef struct {
    char separator;      /* ';' or ',' */
    GPtrArray *records;  /* of csv_record *, owned; the first one read is the header */
    GPtrArray *problems; /* of csv_problem *, owned: records skipped, in line order */
} csv_table;

/* Parses text; never fails.  Empty lines are skipped; bad records go to
 * problems (see above).  Caller frees with csv_table_free(). */
csv_table *csv_parse(const char *text);
void csv_table_free(csv_table *t);

#endif
