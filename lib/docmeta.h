/* docmeta.h - what Veille knows about one document, and its JSON form.
 *
 * The same record travels from an extraction child to the indexer (JSON
 * over a pipe), is stored as each Xapian document's data (JSON), and is
 * read back by `veille-index --show` and the daemon.  All strings are
 * display text (UTF-8, NFC, accents kept) owned by the docmeta; set them
 * with docmeta_set(), which copies. */
#ifndef VEILLE_DOCMETA_H
#define VEILLE_DOCMETA_H

#include <glib.h>
#include "verr.h"

/* One tag of a document: a thesaurus concept (or a catalogue value the
 * thesaurus does not know) with where it comes from. */
typedef struct {
    char *facet;         /* "theme", "region", "department", "town" */
    char *id;            /* concept id, or slug of an unknown label */
    char *label;         /* French label */
    double score;        /* automatic tagging score (0 for manual only) */
    char *source;        /* "manual" (catalogue, documentalist), "auto", or "manual+auto" */
    char *evidence;      /* why, for a person: labels found and where; may be NULL */
} docmeta_tag;

typedef struct docmeta {
    char *id;            /* 16 hex digits, see schema.h */
    char *path;          /* absolute path of the file */
    char *mime;          /* detected MIME type */
    char *charset;       /* text files: encoding read */
    char *title;
    char *title_source;  /* where the title came from: title.h TITLE_SOURCE_* ("metadata",
                          * "font", "heading", "first-line", "filename", "opening", "catalogue",
                          * "correction"), or "manual"; NULL in records older than it */
    GPtrArray *authors;  /* of char *, owned */
    char *organisation;
    char *subject;
    char *keywords;
    char *summary;
    char *date;          /* "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
    char *doctype;       /* document type label, e.g. "Rapport d'activité" */
    char *source_url;
    char *lang;          /* "fr", "en", "und" */
    GPtrArray *themes;   /* of char *, labels or ids as given, owned */
    GPtrArray *regions;  /* of char *, owned */
    GPtrArray *manual;   /* names of fields set by the catalogue, owned */
    GPtrArray *tags;     /* of docmeta_tag *, owned: the final tags (tag.h) */
    GHashTable *mentions; /* concept id (owned) -> weighted count of its labels in the
                          * text (GUINT_TO_POINTER), filled by the tagger for the
                          * index's concept terms (schema.h XK); not stored */
    GPtrArray *copies;   /* of char *: paths of the other files of the same content
                          * (copies.h), filled by readers that show them; NULL: none
                          * known; not stored */
    GPtrArray *versions; /* of struct docmeta *: its other versions, newest first
                          * (versions.h), filled by readers that show them; NULL:
                          * none known; not stored */
    int pages;           /* 0 when not paged */
    gint64 size;         /* bytes */
    gint64 mtime;        /* seconds since the epoch */
    char *sha256;        /* hex digest of the content */
    char *added;         /* "YYYY-MM-DDThh:mm:ssZ" UTC: when it entered the collection
                          * (set and kept by prepare.c); NULL before it is indexed */
    int warnings;        /* parser warnings seen while extracting */
    GArray *ocr_pages;   /* of int: the pages (from 1) whose text was read by OCR (ocr.h),
                          * in order; NULL: none */
    int ocr_skipped;     /* pages without text left unread (OCR off, or out of time) */
    char *text;          /* body text */
} docmeta;

docmeta *docmeta_new(void);
void docmeta_free(docmeta *m);

/* Records that page (from 1) was read by OCR. */
void docmeta_add_ocr_page(docmeta *m, int page);

/* Replaces *field with a copy of value (NULL or "" clears it). */
void docmeta_set(char **field, const char *value);
/* Sets m->lang from a language tag as files write it ("fr", "fr-FR",
 * "FR_fr"): its two letters in lower case.  Anything else ("中文", "f",
 * "french") leaves m->lang as it was. */
void docmeta_set_lang(docmeta *m, const char *tag);
/* Appends a copy of value to list unless it is empty or already there. */
void docmeta_add(GPtrArray *list, const char *value);
/* Appends a tag (all strings copied; evidence may be NULL). */
void docmeta_add_tag(docmeta *m, const char *facet, const char *id, const char *label,
                     double score, const char *source, const char *evidence);

/* Copies the fields src sets (title, organisation, date, doctype,
 * source_url, summary, keywords, authors, themes, regions) over dst's and
 * adds src's manual field names to dst's: how catalogue rows and the
 * documentalist's corrections win over extracted values.  An empty list
 * (authors, themes, regions) is copied too when src's manual names it: a
 * correction that clears it; so is no source_url that src's manual names.
 * A title copied brings src's title_source, or
 * "manual" when src has none. */
void docmeta_overlay(const docmeta *src, docmeta *dst);

/* Whether the catalogue set field (e.g. "title"). */
gboolean docmeta_is_manual(const docmeta *m, const char *field);

/* JSON object for m; text is included, cut to max_text bytes (0: none).
 * Caller frees with g_free. */
char *docmeta_to_json(const docmeta *m, gsize max_text);
/* Parses what docmeta_to_json wrote.  NULL on error (VERR_PARSE). */
docmeta *docmeta_from_json(const char *json, gssize len, verr *err);

/* A document's stored data in the index (docs/schema.md): the JSON of
 * docmeta_to_json without the text, a NUL byte, then the text cut to
 * max_text bytes, so that a reader that does not need the text parses
 * only the small JSON.  *len gets the size.  Caller frees with g_free. */
char *docmeta_to_record(const docmeta *m, gsize max_text, gsize *len);
/* Parses what docmeta_to_record wrote (len bytes); the text is read only
 * when with_text.  NULL on error (VERR_PARSE). */
docmeta *docmeta_from_record(const char *data, gsize len, gboolean with_text, verr *err);

/* The year of m->date, or 0. */
int docmeta_year(const docmeta *m);
/* m->date as "YYYYMMDD" with 00 for unknown month/day, "" if none, in buf. */
void docmeta_date_key(const docmeta *m, char buf[9]);
/* m->added as "YYYYMMDDhhmmss" (schema.h SLOT_ADDED), "" if none, in buf. */
void docmeta_added_key(const docmeta *m, char buf[15]);
/* The "YYYY-MM-DDThh:mm:ssZ" of a "YYYYMMDDhhmmss" key, or NULL when key
 * is not one.  Caller frees. */
char *docmeta_added_from_key(const char *key);
/* Now, as m->added writes it.  Caller frees. */
char *docmeta_added_now(void);

/* Parses a date written by a person or a PDF producer ("2012-03-05",
 * "05/03/2012", "2012", "mars 2012", "D:20120305...") into "YYYY-MM-DD",
 * "YYYY-MM" or "YYYY".  NULL when it is not a plausible date.  Caller
 * frees. */
char *docmeta_parse_date(const char *s);
/* The date a document's first lines give, for a document whose file
 * records none: the first date written out on one of its first 40 lines
 * that has at most 8 words, a cover's or a heading's ("Mars 2013",
 * "Mercredi 14 novembre 2012", "Lyon, le 15/11/2012"), never one that
 * goes on from a paragraph (a law's "loi HPST de juillet 2009") or a
 * table's row (tabs, ';'); else a year alone on one of its first 10 lines
 * ("2012" on a cover), not in a column of numbers.  "YYYY-MM-DD",
 * "YYYY-MM" or "YYYY", or NULL (text NULL too).  Caller frees. */
char *docmeta_date_in_text(const char *text);
/* The forms docmeta_parse_date reads, for the French messages that
 * refuse a date (catalogue cells, corrections). */
#define DOCMETA_DATE_FORMS "AAAA-MM-JJ, JJ/MM/AAAA, « mars 2012 » ou AAAA"

#endif
