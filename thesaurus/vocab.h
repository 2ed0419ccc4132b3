/* vocab.h - the controlled vocabulary in memory: SKOS concepts (themes,
 * places, acronyms) with their French labels and hierarchy, indexed by id
 * and by folded label, and its compiled JSON form.
 *
 * The indexer builds a vocab from SKOS files (skos.h), compiles it to JSON
 * and stores that in the index (metadata META_THESAURUS), so the daemon and
 * every copy of the index use the vocabulary the tags were made with; the
 * daemon only ever loads the JSON.  A vocab is read-only once finished and
 * may then be shared between threads. */
#ifndef VEILLE_VOCAB_H
#define VEILLE_VOCAB_H

#include <glib.h>
#include "verr.h"

/* The layout of vocab_to_json's output: changed with every change to what
 * the compiled vocabulary holds. */
#define VOCAB_JSON_VERSION 1

/* When this file's code was compiled: a new build may compile the same
 * SKOS files otherwise (skos_dir_digest). */
const char *vocab_build_time(void);

/* What a concept is, from the scheme it belongs to. */
typedef enum {
    VOCAB_THEME,         /* scheme "themes", or any scheme Veille does not know */
    VOCAB_REGION,        /* "regions": the 18 current regions and "national" */
    VOCAB_FORMER_REGION, /* "former-regions": before 2016, broader = current region */
    VOCAB_DEPARTMENT,    /* "departments": broader = region, notation = number */
    VOCAB_TOWN,          /* "towns": broader = department */
    VOCAB_ACRONYM        /* "acronyms": organisations and notions, for expansion */
} vocab_kind;

typedef struct vocab_concept {
    char *id;            /* last segment of the URI: "sante-mentale" */
    char *uri;
    vocab_kind kind;
    char *pref;          /* French preferred label */
    GPtrArray *alt;      /* of char *: alternative labels, acronyms */
    GPtrArray *hidden;   /* of char *: misspellings, matched but never shown */
    GPtrArray *broader;  /* of char *: ids */
    GPtrArray *narrower; /* of char *: ids (completed from broader and back) */
    char *note;          /* scopeNote, may be NULL */
    char *notation;      /* department number, may be NULL */
    char *exact;         /* exactMatch id (a former region equal to a current one) */
    gboolean is_scheme;  /* a skos:ConceptScheme: dropped by vocab_finish */
    /* towns (places.ttl's v: properties, tools/make_places.py): what tells
     * which commune a name means */
    guint population;    /* legal population, 0 when unknown */
    char *postal;        /* postal codes, space-separated ("49300"), may be NULL */
    guint flags;         /* VOCAB_COMMON_WORD, VOCAB_SEAT */
} vocab_concept;

/* vocab_concept.flags */
enum {
    VOCAB_COMMON_WORD = 1, /* the name is an ordinary French word ("Vue", "Le Port") */
    VOCAB_SEAT = 2         /* seat of its department or region (prefecture) */
};

typedef struct vocab vocab;

vocab *vocab_new(void);
void vocab_free(vocab *v);

/* The concept with this URI, created empty on first use.  Borrowed. */
vocab_concept *vocab_intern(vocab *v, const char *uri);

/* Completes the hierarchy (narrower from broader and back), drops
 * concept schemes and concepts with no label, indexes labels, computes the digest.  Returns 0,
 * or non-zero with err set when nothing usable is left. */
int vocab_finish(vocab *v, verr *err);

guint vocab_size(const vocab *v);
/* i-th concept, in id order.  Borrowed. */
const vocab_concept *vocab_nth(const vocab *v, guint i);
/* By id, or NULL.  Borrowed. */
const vocab_concept *vocab_get(const vocab *v, const char *id);
/* The concept of kind whose label (any of pref, alt, hidden; folded
 * comparison) is label, or NULL.  For catalogue values. */
const vocab_concept *vocab_find_label(const vocab *v, const char *label, vocab_kind kind);
/* The current region a place belongs to (itself for a region), or NULL. */
const vocab_concept *vocab_region_of(const vocab *v, const vocab_concept *c);
/* The department of a town (itself for a department), or NULL. */
const vocab_concept *vocab_department_of(const vocab *v, const vocab_concept *c);

/* SHA-256 (hex) of the compiled form: changes when the vocabulary does. */
const char *vocab_digest(const vocab *v);

/* Compiled JSON.  Caller frees with g_free(). */
char *vocab_to_json(const vocab *v);
/* Loads compiled JSON (finished, ready to use).  NULL with err on error. */
vocab *vocab_from_json(const char *json, gssize len, verr *err);

/* "Thème", "Région"... for a kind, in French.  Static. */
const char *vocab_kind_label(vocab_kind kind);
/* "theme", "region"... for a kind (JSON, API).  Static. */
const char *vocab_kind_name(vocab_kind kind);

#endif
