/* schema.h - the layout of a Veille index, shared by indexer and daemon.
 * docs/schema.md explains each entry; change both together.
 *
 * Free-text prefixes (positional, folded and French-stemmed):
 *   ""   body text             S  title            A  authors
 *   XD   summary, subject, keywords (description)  XO organisation
 * Boolean prefixes (one exact term each, values are slugs or codes):
 *   Q    unique id (16 hex digits, from the file's absolute path)
 *   XH   SHA-256 of the file content (hex)
 *   T    MIME type             Y  year (YYYY)      M  month (YYYYMM)
 *   L    language (fr, en, und)
 *   XTY  document type slug    XSO source (organisation slug)
 *   XTH  theme id              XRE region id
 *   XDP  department number     XCO town id
 *   XEXT file extension        XSRC where tags come from (catalogue|auto)
 *   XAC  a word as written, after its folded form: "XACsante:santé" (the
 *        title's and the first 32 KiB of the body's words that have
 *        accents), so spelling corrections, made on folded words, are
 *        shown with their accents
 *   XNV  a band of the text's sketch (versions.h): band number and hash,
 *        in hex
 *   XVG  the document's group of versions (versions.h): a document id
 * Weighted concept terms (no positions; wdf = the concept's labels found in
 * the document by the tagger, title hits x5, metadata x2, body x1):
 *   XK   concept id (slug): what thesaurus expansion searches
 * No boolean prefix is a prefix of another one: a term's prefix is found
 * by longest match. */
#ifndef VEILLE_SCHEMA_H
#define VEILLE_SCHEMA_H

#define SCHEMA_VERSION "6"

#define PFX_TITLE "S"
#define PFX_AUTHOR "A"
#define PFX_DESCRIPTION "XD"
#define PFX_ORGANISATION "XO"

#define PFX_ID "Q"
#define PFX_HASH "XH"
#define PFX_MIME "T"
#define PFX_YEAR "Y"
#define PFX_MONTH "M"
#define PFX_LANG "L"
#define PFX_TYPE "XTY"
#define PFX_SOURCE "XSO"
#define PFX_THEME "XTH"
#define PFX_CONCEPT "XK"
#define PFX_REGION "XRE"
#define PFX_EXT "XEXT"
#define PFX_DEPARTMENT "XDP"
#define PFX_TOWN "XCO"
#define PFX_ACCENT "XAC"
#define PFX_NEAR "XNV"
#define PFX_VERSION_GROUP "XVG"
/* Between the folded and the written form in a PFX_ACCENT term. */
#define ACCENT_SEP ':'

/* Value slots. */
enum {
    SLOT_DATE = 0,      /* "YYYYMMDD" (or "YYYY0000"): sort and ranges */
    SLOT_FILESTAMP = 1, /* "size\tmtime\tsha256\tcatalogue-hash:vocab-digest:schema\tpath" */
    SLOT_YEAR = 2,      /* "YYYY": ValueCountMatchSpy facet */
    SLOT_TYPE = 3,      /* document type as shown; filters slug it */
    SLOT_MIME = 4,      /* MIME type */
    SLOT_LANG = 5,      /* language code */
    SLOT_INDEXED = 6,   /* "YYYYMMDDhhmmss" UTC: when it was (re)indexed */
    /* Multi-valued facets: the document's set of ids, sorted, joined by
     * FACET_SET_SEP.  Stock ValueCountMatchSpy (the only spy
     * xapian-tcpsrv knows) counts each distinct set in one pass; the
     * daemon adds a set's count to each of its ids, so a document with
     * two themes counts in both, exactly, also over remote shards. */
    SLOT_THEMES = 7,
    SLOT_REGIONS = 8,
    /* Where each stored passage starts in term positions
     * (text_chunks_encode_starts, textchunks.h). */
    SLOT_CHUNK_STARTS = 9,
    /* "YYYYMMDDhhmmss" UTC: when the document entered the collection (first
     * indexed, or uploaded), kept when it is indexed again or moved
     * (prepare.c): "what's new" sorts and filters on it.  Records indexed
     * before it existed take their SLOT_INDEXED time. */
    SLOT_ADDED = 10,
    /* The text's sketch (versions.h): folded title hash, then the bins,
     * each 4 bytes big-endian. */
    SLOT_SKETCH = 11,
    /* The document's group of versions (versions.h): a document id. */
    SLOT_VERSION_GROUP = 12,
    /* The text, one passage per slot from here: a PDF's page n (from 1)
     * in SLOT_TEXT_BASE + n - 1, other texts in passages of about 4 KiB
     * (textchunks.h).  A snippet reads one of them, not the whole text. */
    SLOT_TEXT_BASE = 100,
};

#define FACET_SET_SEP '|'

/* Database metadata keys. */
#define META_SCHEMA "veille:schema"          /* SCHEMA_VERSION */
#define META_FAILED_PREFIX "veille:failed:"  /* + id: JSON {path,size,mtime,reason} */
#define META_LAST_RUN "veille:last-run"      /* JSON summary of the last run */
#define META_RUNS "veille:runs"              /* JSON array: the last RUNS_KEPT summaries, newest first */
#define RUNS_KEPT 20
#define META_CORRECTION_PREFIX "veille:correction:" /* + id: documentalist's corrections, docmeta JSON */
/* "1" once a document joined another's group of versions (versions.h):
 * searches then collapse each group into one result */
#define META_HAS_VERSIONS "veille:has-versions"
#define META_COPIES_PREFIX "veille:copies:"  /* + sha256: other files of that content (copies.h), JSON */
#define META_THESAURUS "veille:thesaurus"    /* compiled vocabulary (vocab.h), JSON */
#define META_THESAURUS_DIGEST "veille:thesaurus-digest" /* its SHA-256 */
/* skos_dir_digest of the SKOS folder it was compiled from: a run given the
 * same folder uses the stored vocabulary instead of reading it again */
#define META_THESAURUS_SOURCE "veille:thesaurus-source"

/* Length of an id: 16 hex digits. */
#define DOC_ID_LEN 16

#endif
