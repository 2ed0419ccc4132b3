/* facet.h - the one table of Veille's facets: for each, its name in the
 * API and in tags (docmeta_tag.facet), its filter-term prefix, the value
 * slot a search counts, whether that slot holds a set of ids (schema.h),
 * the vocabulary kind its tags come from, and its French label.
 *
 * Everything that maps a facet to a prefix, a slot or a label (record
 * building, query expansion, search filters and counts, --explain,
 * --stats) reads it here.  The table is static and read-only. */
#ifndef VEILLE_FACET_H
#define VEILLE_FACET_H

#include <glib.h>
#include "vocab.h"
#include "xapian-c/xapian_c.h"

typedef enum {
    FACET_THEME,
    FACET_REGION,
    FACET_DEPARTMENT,
    FACET_TOWN,
    FACET_TYPE,
    FACET_YEAR,
    FACET_COUNT
} facet_id;

/* No slot: the facet filters but is not counted. */
#define FACET_NO_SLOT ((xap_slot)-1)

typedef struct {
    facet_id id;
    const char *name;      /* "theme": API parameter, docmeta_tag.facet */
    const char *prefix;    /* boolean filter terms: prefix + slug of the value */
    xap_slot slot;         /* the slot counted by searches, or FACET_NO_SLOT */
    gboolean is_set;       /* the slot holds a FACET_SET_SEP-joined set of ids */
    gboolean tagged;       /* values are thesaurus tags (docmeta.tags) */
    vocab_kind kind;       /* tagged facets: the kind of concept tagged */
    const char *label_fr;  /* "Thèmes": for the documentalist */
} facet_def;

/* The facet id.  Never NULL for id < FACET_COUNT. */
const facet_def *facet_get(facet_id id);
/* The facet named name ("theme"), or NULL. */
const facet_def *facet_by_name(const char *name);
/* The tagged facet of concepts of kind, or NULL (former regions and
 * acronyms are never tags). */
const facet_def *facet_for_kind(vocab_kind kind);

/* The facets a search counts (a slot each), in the order answers list
 * them: theme, region, type, year.  OUT: their number. */
const facet_def *const *facet_counted(size_t *n);

#endif
