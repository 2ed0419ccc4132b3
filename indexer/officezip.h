/* officezip.h - the parts of an office package: a zip archive of XML
 * members (OpenDocument: ODT, ODP, ODS; Office Open XML: DOCX, PPTX,
 * XLSX), read with libarchive and parsed with libxml2.
 *
 * Only the members the caller wants are kept, each up to
 * OFFICEZIP_MEMBER_MAX bytes and all together up to OFFICEZIP_TOTAL_MAX,
 * so that a zip bomb stops early.  An officezip owns its members; the
 * documents officezip_parse returns are the caller's (xmlFreeDoc). */
#ifndef VEILLE_OFFICEZIP_H
#define VEILLE_OFFICEZIP_H

#include <glib.h>
#include <libxml/tree.h>
#include "docmeta.h"
#include "verr.h"

#define OFFICEZIP_MEMBER_MAX (64u * 1024u * 1024u)
#define OFFICEZIP_TOTAL_MAX (256u * 1024u * 1024u)

typedef struct officezip officezip;

/* Whether the member called name is wanted (ud: the caller's). */
typedef gboolean (*officezip_want_fn)(const char *name, void *ud);

/* Reads the zip at path, keeping the members want accepts.  NULL with err
 * set when the archive is unreadable or damaged. */
officezip *officezip_open(const char *path, officezip_want_fn want, void *ud, verr *err);
void officezip_free(officezip *z);

/* A kept member's bytes (borrowed), or NULL when absent. */
GBytes *officezip_member(const officezip *z, const char *name);

/* A kept member parsed as XML with the safe options (xmltext.h), or NULL
 * when absent, empty or not XML. */
xmlDocPtr officezip_parse(const officezip *z, const char *name);

/* Members named by an OOXML relationship list, in the order the package
 * lists them: for each element called item in the part main (PPTX's
 * p:sldId in ppt/presentation.xml, XLSX's sheet in xl/workbook.xml), the
 * target its r:id has in the part's relationships (rels), as a member
 * name relative to base ("ppt/", "xl/").  If names is non-NULL it gets
 * each item's name attribute (a sheet's name; "" when none).  Returns a
 * new array of owned strings, empty when main is missing. */
GPtrArray *officezip_ordered_parts(const officezip *z, const char *main, const char *rels,
                                   const char *item, const char *base, GPtrArray *names);

/* The package's Dublin Core properties (title, subject, description,
 * keywords, author, creation date) into out: from meta.xml for
 * OpenDocument (odf TRUE), from docProps/core.xml for Office Open XML. */
void officezip_read_properties(const officezip *z, gboolean odf, docmeta *out);

/* An officezip_want_fn that accepts the names in ud, a NULL-terminated
 * array of strings. */
gboolean officezip_want_listed(const char *name, void *ud);

#endif
