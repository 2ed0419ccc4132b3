/* xapian_c.h - a C API over the parts of Xapian 1.4 that Veille uses.
 *
 * This is the only door between the C code and Xapian's C++ API.  Every
 * handle is opaque.  No C++ exception ever crosses it: each function catches
 * Xapian::Error, std::exception and anything else, and reports a failure by
 * returning non-zero (int functions) or NULL (constructors), after filling
 * the caller's verr (which may be NULL) with Xapian's error class and
 * message.  Xapian's error classes map to verr codes:
 *   DatabaseOpeningError/DatabaseNotFoundError -> VERR_NOTFOUND
 *   DatabaseLockError -> VERR_LOCKED,  DatabaseModifiedError -> VERR_MODIFIED
 *   QueryParserError -> VERR_PARSE,  InvalidArgumentError/InvalidOperation
 *   (a closed database, for instance) -> VERR_INVALID,  DocNotFoundError ->
 *   VERR_NOTFOUND,  NetworkError (a remote database that stopped answering)
 *   -> VERR_NETWORK,  std::bad_alloc -> VERR_NOMEM,  others -> VERR_INTERNAL.
 *
 * Ownership: every *_new / *_open result is owned by the caller and released
 * with the matching *_free (which accepts NULL).  Strings returned through
 * OUT parameters are malloc'ed: the caller frees them with free().  A handle
 * passed to another call is borrowed for that call only, unless the
 * function says it keeps a reference.  Handles are not thread-safe: use one
 * set per thread (Xapian objects are not thread-safe either).
 *
 * Terms and values are byte strings with explicit lengths where they may
 * hold NULs; plain C strings elsewhere. */
#ifndef VEILLE_XAPIAN_C_H
#define VEILLE_XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>
#include "../verr.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned xap_docid;
typedef unsigned xap_slot;

typedef struct xap_db xap_db;             /* Xapian::Database */
typedef struct xap_wdb xap_wdb;           /* Xapian::WritableDatabase */
typedef struct xap_doc xap_doc;           /* Xapian::Document */
typedef struct xap_stem xap_stem;         /* Xapian::Stem */
typedef struct xap_stopper xap_stopper;   /* Xapian::SimpleStopper */
typedef struct xap_termgen xap_termgen;   /* Xapian::TermGenerator */
typedef struct xap_query xap_query;       /* Xapian::Query */
typedef struct xap_qparser xap_qparser;   /* Xapian::QueryParser */
typedef struct xap_enquire xap_enquire;   /* Xapian::Enquire */
typedef struct xap_mset xap_mset;         /* Xapian::MSet */
typedef struct xap_spy xap_spy;           /* Xapian::ValueCountMatchSpy */
typedef struct xap_docid_spy xap_docid_spy; /* a MatchSpy calling a C function */

/* ---- Databases ------------------------------------------------------- */

/* Opens a database (or a stub file listing shards) read-only. */
xap_db *xap_db_open(const char *path, verr *err);
/* The database served by xapian-tcpsrv at host:port, read-only: each
 * call waits at most timeout_ms for an answer, and the connection at most
 * connect_timeout_ms (VERR_NETWORK when either runs out).  Through it, as
 * Xapian 1.4 gives: searches, built-in spies, metadata, terms and values,
 * but no spelling data and no revision. */
xap_db *xap_db_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                           unsigned connect_timeout_ms, verr *err);
/* An empty database to which shards are added with xap_db_add(). */
xap_db *xap_db_new_empty(verr *err);
/* Adds every shard of other to db (other stays owned by the caller). */
int xap_db_add(xap_db *db, const xap_db *other, verr *err);
/* Reopens at the latest revision; *changed (may be NULL) says if it moved. */
int xap_db_reopen(xap_db *db, int *changed, verr *err);
/* Closes the backend; later calls on db fail with VERR_INVALID. */
void xap_db_close(xap_db *db);
void xap_db_free(xap_db *db);

int xap_db_doccount(const xap_db *db, unsigned *out, verr *err);
/* The revision the database is open at (it grows with each commit). */
int xap_db_revision(const xap_db *db, unsigned long long *out, verr *err);
/* The database's UUID (a new one when it is rebuilt); OUT *out: caller
 * frees with free(). */
int xap_db_uuid(const xap_db *db, char **out, verr *err);
int xap_db_lastdocid(const xap_db *db, xap_docid *out, verr *err);
int xap_db_termfreq(const xap_db *db, const char *term, unsigned *out, verr *err);
/* First document indexed by term; VERR_NOTFOUND (returns 1) if none. */
int xap_db_find_term(const xap_db *db, const char *term, xap_docid *out, verr *err);
/* OUT *doc: caller frees with xap_doc_free. */
int xap_db_get_document(const xap_db *db, xap_docid id, xap_doc **doc, verr *err);
/* OUT *value: malloc'ed, "" when the key is unset. */
int xap_db_get_metadata(const xap_db *db, const char *key, char **value, verr *err);

/* Callbacks return 0 to go on, non-zero to stop the iteration early. */
typedef int (*xap_term_cb)(const char *term, size_t len, unsigned freq, void *ud);
typedef int (*xap_key_cb)(const char *key, void *ud);
typedef int (*xap_docid_cb)(xap_docid id, void *ud);
typedef int (*xap_value_cb)(xap_docid id, const char *value, size_t len, void *ud);
typedef int (*xap_pos_cb)(unsigned pos, void *ud);

/* Every term starting with prefix ("" for all), in byte order. */
int xap_db_allterms(const xap_db *db, const char *prefix, xap_term_cb cb, void *ud, verr *err);
/* Every document indexed by term. */
int xap_db_postlist(const xap_db *db, const char *term, xap_docid_cb cb, void *ud, verr *err);
/* The positions of term in document id, ascending (none when the document
 * lacks the term or it was indexed without positions). */
int xap_db_positions(const xap_db *db, xap_docid id, const char *term, xap_pos_cb cb, void *ud,
                     verr *err);
/* The documents most like document id, the most alike first, at most
 * ndocs (id itself left out), each to cb: those matching the nterms terms
 * of id that best tell it apart (Xapian's expand set over id as the
 * relevance set, words only: no prefixed or boolean term), as Omega's and
 * Recoll's "similar documents" do.  Stops at cb's first non-zero. */
int xap_db_similar(const xap_db *db, xap_docid id, unsigned nterms, unsigned ndocs,
                   xap_docid_cb cb, void *ud, verr *err);
/* Every metadata key starting with prefix. */
int xap_db_metadata_keys(const xap_db *db, const char *prefix, xap_key_cb cb, void *ud, verr *err);
/* Every document's value in slot (documents without one are skipped). */
int xap_db_values(const xap_db *db, xap_slot slot, xap_value_cb cb, void *ud, verr *err);

/* Opens (creating it when create is non-zero) a database for writing.
 * Fails with VERR_LOCKED when another writer holds it. */
xap_wdb *xap_wdb_open(const char *path, int create, verr *err);
/* The database served by `xapian-tcpsrv --writable` at host:port, for
 * writing (timeouts as xap_db_open_remote; VERR_LOCKED while another
 * client writes it). */
xap_wdb *xap_wdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                             unsigned connect_timeout_ms, verr *err);
/* A read view of the writable database; borrowed until xap_wdb_free. */
xap_db *xap_wdb_db(xap_wdb *wdb);
/* Adds doc, or replaces every document indexed by unique_term with it. */
int xap_wdb_replace(xap_wdb *wdb, const char *unique_term, const xap_doc *doc,
                    xap_docid *out_id, verr *err);
int xap_wdb_delete(xap_wdb *wdb, const char *unique_term, verr *err);
int xap_wdb_set_metadata(xap_wdb *wdb, const char *key, const char *value, verr *err);
int xap_wdb_commit(xap_wdb *wdb, verr *err);
/* Closes the database; as in Xapian, pending changes are committed (errors
 * ignored): call xap_wdb_commit() first to see them. */
void xap_wdb_close(xap_wdb *wdb);
void xap_wdb_free(xap_wdb *wdb);

/* ---- Documents ------------------------------------------------------- */

xap_doc *xap_doc_new(void);
void xap_doc_free(xap_doc *doc);
int xap_doc_set_data(xap_doc *doc, const char *data, size_t len, verr *err);
/* OUT *data: malloc'ed and NUL-terminated; *len (may be NULL) its length. */
int xap_doc_get_data(const xap_doc *doc, char **data, size_t *len, verr *err);
int xap_doc_add_term(xap_doc *doc, const char *term, unsigned wdf, verr *err);
int xap_doc_add_boolean_term(xap_doc *doc, const char *term, verr *err);
/* Removes a term; VERR_INVALID if the document does not hold it. */
int xap_doc_remove_term(xap_doc *doc, const char *term, verr *err);
int xap_doc_set_value(xap_doc *doc, xap_slot slot, const char *value, size_t len, verr *err);
/* OUT *value: malloc'ed, "" when unset. */
int xap_doc_get_value(const xap_doc *doc, xap_slot slot, char **value, size_t *len, verr *err);
/* Every term of the document starting with prefix. */
int xap_doc_terms(const xap_doc *doc, const char *prefix, xap_term_cb cb, void *ud, verr *err);
/* Number of distinct terms. */
int xap_doc_termcount(const xap_doc *doc, unsigned *out, verr *err);

/* ---- Stemming, stopping, term generation ----------------------------- */

/* lang: a Xapian stemmer name such as "french"; VERR_INVALID if unknown. */
xap_stem *xap_stem_new(const char *lang, verr *err);
void xap_stem_free(xap_stem *stem);
/* OUT *out: malloc'ed stem of word. */
int xap_stem_word(const xap_stem *stem, const char *word, char **out, verr *err);

/* words: NULL-terminated list, copied. */
xap_stopper *xap_stopper_new(const char *const *words, verr *err);
void xap_stopper_free(xap_stopper *stopper);

xap_termgen *xap_termgen_new(verr *err);
void xap_termgen_free(xap_termgen *tg);
/* stem and stopper (either may be NULL) must outlive tg: tg keeps them. */
int xap_termgen_set_stemmer(xap_termgen *tg, const xap_stem *stem, verr *err);
int xap_termgen_set_stopper(xap_termgen *tg, const xap_stopper *stopper, verr *err);
/* doc must outlive the indexing calls that follow; tg keeps a reference. */
int xap_termgen_set_document(xap_termgen *tg, xap_doc *doc, verr *err);
/* Indexes text with positions; prefix may be "" for body text. */
int xap_termgen_index(xap_termgen *tg, const char *text, size_t len,
                      unsigned wdf_inc, const char *prefix, verr *err);
/* Indexes without positions (no phrase search on this text). */
int xap_termgen_index_nopos(xap_termgen *tg, const char *text, size_t len,
                            unsigned wdf_inc, const char *prefix, verr *err);
/* Records the words indexed from now on as spelling data of wdb (for
 * "did you mean"); wdb must outlive tg. */
int xap_termgen_enable_spelling(xap_termgen *tg, xap_wdb *wdb, verr *err);
/* Turns the recording of spelling data on or off for the next calls
 * (after xap_termgen_enable_spelling). */
int xap_termgen_spelling(xap_termgen *tg, int on, verr *err);
/* The position the last word indexed took (the next one takes more). */
int xap_termgen_termpos(const xap_termgen *tg, unsigned *out, verr *err);
/* Leaves a gap in positions so phrases do not span fields. */
int xap_termgen_gap(xap_termgen *tg, unsigned delta, verr *err);

/* ---- Queries ---------------------------------------------------------- */

typedef enum {
    XAP_OP_AND, XAP_OP_OR, XAP_OP_AND_NOT, XAP_OP_XOR, XAP_OP_AND_MAYBE,
    XAP_OP_FILTER, XAP_OP_PHRASE, XAP_OP_NEAR, XAP_OP_SYNONYM
} xap_op;

/* A one-term query; wqf 1 is the usual weight. */
xap_query *xap_query_term(const char *term, unsigned wqf, verr *err);
/* A query matching every document. */
xap_query *xap_query_all(verr *err);
/* Combines n subqueries (borrowed, copied) with op.  n == 0 gives the
 * empty query (matches nothing). */
xap_query *xap_query_combine(xap_op op, xap_query *const *subs, size_t n, verr *err);
/* Documents whose value in slot lies in [lo, hi] (either may be NULL for
 * an open end), byte-wise comparison. */
xap_query *xap_query_value_range(xap_slot slot, const char *lo, const char *hi, verr *err);
/* Multiplies the weight of q by factor (OP_SCALE_WEIGHT). */
xap_query *xap_query_scale(const xap_query *q, double factor, verr *err);
int xap_query_is_empty(const xap_query *q);
/* OUT *desc: malloc'ed, Xapian's description, for logs and tests. */
int xap_query_describe(const xap_query *q, char **desc, verr *err);
void xap_query_free(xap_query *q);

/* The documents q matches, from posting lists alone (no weighting, no
 * matcher): bit d of bits (d >> 6 in word, d & 63 in it) is set for each
 * docid d, over nwords words (at least lastdocid / 64 + 1; caller zeroes
 * them).  AND, OR, AND_NOT, XOR, FILTER, AND_MAYBE, SYNONYM, MAX,
 * SCALE_WEIGHT, phrases of terms (positions read only for the documents
 * with every term that no sibling under an OR has), terms and match-all
 * are evaluated; 1 (bits undefined) for a query holding anything else
 * (proximity, value ranges, wildcards, elite sets), or when the
 * evaluation reaches deadline_us (CLOCK_MONOTONIC microseconds, as GLib's
 * g_get_monotonic_time; 0: none): the caller matches it with Xapian
 * instead, under its time limit.
 * 0, 1, or -1 with err. */
int xap_query_docset(const xap_db *db, const xap_query *q, uint64_t *bits, size_t nwords,
                     int64_t deadline_us, verr *err);

/* QueryParser flags (Xapian's values). */
enum {
    XAP_QP_BOOLEAN = 1, XAP_QP_PHRASE = 2, XAP_QP_LOVEHATE = 4,
    XAP_QP_BOOLEAN_ANY_CASE = 8, XAP_QP_WILDCARD = 16, XAP_QP_PURE_NOT = 32,
    XAP_QP_PARTIAL = 64, XAP_QP_SPELLING_CORRECTION = 128,
    XAP_QP_DEFAULT = 7
};

xap_qparser *xap_qparser_new(verr *err);
void xap_qparser_free(xap_qparser *qp);
/* stem, stopper and db must outlive qp (kept by reference). */
int xap_qparser_set_stemmer(xap_qparser *qp, const xap_stem *stem, verr *err);
int xap_qparser_set_stopper(xap_qparser *qp, const xap_stopper *stopper, verr *err);
int xap_qparser_set_database(xap_qparser *qp, const xap_db *db, verr *err);
/* default_op is XAP_OP_AND or XAP_OP_OR. */
int xap_qparser_set_default_op(xap_qparser *qp, xap_op default_op, verr *err);
int xap_qparser_add_prefix(xap_qparser *qp, const char *field, const char *prefix, verr *err);
int xap_qparser_add_boolean_prefix(xap_qparser *qp, const char *field,
                                   const char *prefix, verr *err);
/* "field:lo..hi" on slot, for string values compared byte-wise, such as
 * dates stored as YYYYMMDD. */
int xap_qparser_add_range(xap_qparser *qp, xap_slot slot, const char *field, verr *err);
/* A query built by the caller for "field:text": fn gets text and returns a
 * new query (the parser takes it) or NULL for "matches nothing".  fn must
 * not fail by other means; ud is passed back. */
typedef xap_query *(*xap_field_fn)(const char *text, void *ud);
int xap_qparser_add_field_fn(xap_qparser *qp, const char *field, xap_field_fn fn, void *ud,
                             verr *err);

/* How words are stemmed: XAP_STEM_SOME (Xapian's default: stemmed
 * unless capitalised or in a phrase), XAP_STEM_ALL (every word, as the Z
 * terms the index holds: Xapian's STEM_ALL_Z), XAP_STEM_NONE. */
typedef enum { XAP_STEM_NONE, XAP_STEM_SOME, XAP_STEM_ALL } xap_stem_strategy;
int xap_qparser_set_stem_strategy(xap_qparser *qp, xap_stem_strategy s, verr *err);

/* OUT *query: caller frees.  A syntax error gives VERR_PARSE. */
int xap_qparser_parse(xap_qparser *qp, const char *text, unsigned flags,
                      xap_query **query, verr *err);
/* The same, with words outside any field searched under prefix. */
int xap_qparser_parse_prefixed(xap_qparser *qp, const char *text, unsigned flags,
                               const char *prefix, xap_query **query, verr *err);
/* OUT *corrected: malloc'ed; "" when no correction (needs spelling data). */
int xap_qparser_corrected(const xap_qparser *qp, char **corrected, verr *err);

/* ---- Matching --------------------------------------------------------- */

/* db must outlive enq. */
xap_enquire *xap_enquire_new(const xap_db *db, verr *err);
void xap_enquire_free(xap_enquire *enq);
int xap_enquire_set_query(xap_enquire *enq, const xap_query *q, verr *err);
/* BM25 with parameters k1 (term frequency saturation) and b (length
 * normalisation); Xapian's defaults are 1.0 and 0.5. */
int xap_enquire_set_bm25(xap_enquire *enq, double k1, double b, verr *err);
/* DPH, Xapian's parameter-free weighting from the divergence from
 * randomness family. */
int xap_enquire_set_dph(xap_enquire *enq, verr *err);
/* After seconds of matching, the match stops checking documents beyond
 * those it needs for the page (Enquire::set_time_limit): counts may then
 * be estimates.  0 removes the limit. */
int xap_enquire_set_time_limit(xap_enquire *enq, double seconds, verr *err);
/* Keeps only the best document of those with one value in slot
 * (Enquire::set_collapse_key, one each); spies still see them all. */
int xap_enquire_set_collapse_key(xap_enquire *enq, xap_slot slot, verr *err);
/* Every match weighs 0 (BoolWeight): for passes that only count. */
int xap_enquire_set_unweighted(xap_enquire *enq, verr *err);
/* Coordinate weighting (CoordWeight): each matching term weighs 1, times
 * the factors OP_SCALE_WEIGHT gives it; a synonym counts as one term. */
int xap_enquire_set_coord(xap_enquire *enq, verr *err);
/* Sorts by value in slot (reverse: descending), then by relevance, then
 * (reverse) the later document first: "what's new" shows the last one
 * indexed of documents that arrived in the same second. */
int xap_enquire_sort_by_value(xap_enquire *enq, xap_slot slot, int reverse, verr *err);
int xap_enquire_sort_by_relevance(xap_enquire *enq, verr *err);
/* spy must outlive the get_mset calls; enq keeps a reference. */
int xap_enquire_add_spy(xap_enquire *enq, xap_spy *spy, verr *err);
/* A spy that calls fn(id, ud) for every matching document (its return
 * is ignored).  For local databases only: stock xapian-tcpsrv knows only
 * Xapian's built-in spies (xap_spy).  The enquire borrows the spy. */
xap_docid_spy *xap_docid_spy_new(xap_docid_cb fn, void *ud, verr *err);
void xap_docid_spy_free(xap_docid_spy *spy);
int xap_enquire_add_docid_spy(xap_enquire *enq, xap_docid_spy *spy, verr *err);
int xap_enquire_clear_spies(xap_enquire *enq, verr *err);
/* OUT *mset: caller frees. */
int xap_enquire_mset(xap_enquire *enq, unsigned first, unsigned max,
                     unsigned check_at_least, xap_mset **mset, verr *err);

void xap_mset_free(xap_mset *mset);
unsigned xap_mset_size(const xap_mset *mset);
/* Estimates of the whole match set's size (with a collapse key: loose,
 * count with a spy). */
void xap_mset_estimates(const xap_mset *mset, unsigned *lower, unsigned *estimated,
                        unsigned *upper);
int xap_mset_item(const xap_mset *mset, unsigned i, xap_docid *id, double *weight,
                  int *percent, verr *err);
/* Asks for every document of mset at once (Xapian's MSet::fetch): over
 * remote shards the requests go out together instead of one round trip
 * per xap_mset_document. */
int xap_mset_fetch(const xap_mset *mset, verr *err);
/* OUT *doc: the i-th document, caller frees. */
int xap_mset_document(const xap_mset *mset, unsigned i, xap_doc **doc, verr *err);

/* Counts the values of slot over every document the match looks at. */
xap_spy *xap_spy_new(xap_slot slot, verr *err);
void xap_spy_free(xap_spy *spy);
/* Number of documents seen by the spy. */
unsigned xap_spy_total(const xap_spy *spy);
/* The values counted: the max most frequent, most frequent first, or
 * with max 0 every value in byte order. */
int xap_spy_values(const xap_spy *spy, unsigned max, xap_term_cb cb, void *ud, verr *err);

/* Xapian's library version, e.g. "1.4.22". Static string. */
const char *xap_version(void);

#ifdef __cplusplus
}
#endif
#endif
