/* xmltext.h - visible text out of an XML or HTML tree (libxml2), shared by
 * the HTML, ODT and DOCX extractors, which differ only in their rules. */
#ifndef VEILLE_XMLTEXT_H
#define VEILLE_XMLTEXT_H

#include <glib.h>
#include <libxml/tree.h>
#include "docmeta.h"

typedef struct {
    const char *const *skip;   /* elements whose content is not text */
    const char *const *block;  /* elements that end a line */
    const char *const *space;  /* empty elements that stand for a space */
} xmltext_rules;

/* Appends the text of node and everything under it (not its next
 * siblings: pass the parent to read them all) to buf (element names compared by local
 * name, case-insensitively), up to EXTRACT_MAX_TEXT bytes. */
void xmltext_collect(const xmlNode *node, GString *buf, const xmltext_rules *rules);

/* Sets out->text to the cleaned text under node (see xmltext_collect). */
void xmltext_set_body(const xmlNode *node, const xmltext_rules *rules, docmeta *out);

/* The first element under node whose local name is name (any namespace,
 * case-insensitive), depth-first; NULL if none.  Borrowed from the tree. */
const xmlNode *xmltext_find(const xmlNode *node, const char *name);

/* Text content of the first element called name, cleaned and squashed;
 * NULL if absent or empty.  Caller frees with g_free(). */
char *xmltext_find_text(const xmlNode *node, const char *name);

/* Whether an element is a heading, for xmltext_first_heading (ud: the
 * caller's). */
typedef gboolean (*xmltext_is_heading)(const xmlNode *n, void *ud);

/* The text of the first element under node, in document order, that
 * is_heading accepts and whose text (collected with rules) makes a title
 * for the file at path (not boilerplate nor useless, title.h), cleaned
 * (title_clean); NULL if none.  When found is not NULL, *found is that
 * element (borrowed from the tree).  Caller frees with g_free(). */
char *xmltext_first_heading(const xmlNode *node, const xmltext_rules *rules,
                            xmltext_is_heading is_heading, void *ud, const char *path,
                            const xmlNode **found);

/* The heading that follows heading with no text between them (a
 * subtitle: "<h1>Séminaire</h1><h2>Les CLS...</h2>"), within top's
 * subtree: the next element in document order that is_heading accepts,
 * reached through elements that hold no text of their own (containers,
 * images).  Its text cleaned (title_clean); NULL when text comes first,
 * a heading that is_heading refuses among it.  Caller frees. */
char *xmltext_heading_after(const xmlNode *heading, const xmlNode *top,
                            const xmltext_rules *rules, xmltext_is_heading is_heading,
                            void *ud);

/* Parser options for untrusted input: no network, no entity expansion, no
 * DTD loading, errors silenced. */
#define XMLTEXT_SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

#endif
