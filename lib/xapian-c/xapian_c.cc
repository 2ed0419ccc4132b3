// xapian_c.cc - implementation of the C API over Xapian (see xapian_c.h).
//
// Every exported function wraps its body in XAP_TRY / XAP_CATCH so that no
// exception escapes into C.  Handles are thin structs holding the Xapian
// object by value (Xapian objects are themselves reference-counted handles).

#include "xapian_c.h"

#include <xapian.h>
#include <algorithm>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>
#include <string>
#include <vector>

struct xap_db { Xapian::Database db; };
struct xap_wdb { Xapian::WritableDatabase wdb; xap_db view; };
struct xap_doc { Xapian::Document doc; };
struct xap_stem { Xapian::Stem stem; };
struct xap_stopper { Xapian::SimpleStopper stopper; };
struct xap_termgen { Xapian::TermGenerator tg; };
struct xap_query { Xapian::Query q; };
struct xap_qparser {
    Xapian::QueryParser qp;
    std::vector<Xapian::RangeProcessor *> ranges;  // owned via release()
};
struct xap_enquire { Xapian::Enquire enq; explicit xap_enquire(const Xapian::Database &d) : enq(d) {} };
struct xap_mset { Xapian::MSet mset; };
struct xap_spy { Xapian::ValueCountMatchSpy spy; explicit xap_spy(xap_slot s) : spy(s) {} };

/* Hands each matching document's id to a C function.  Local databases
 * only: a remote backend would need the spy serialised, which only
 * Xapian's built-in spies are. */
struct xap_docid_spy : public Xapian::MatchSpy {
    xap_docid_cb fn;
    void *ud;
    xap_docid_spy(xap_docid_cb f, void *u) : fn(f), ud(u) {}
    void operator()(const Xapian::Document &doc, double) override { (void)fn(doc.get_docid(), ud); }
};

static verr_code code_for(const Xapian::Error &e)
{
    const std::string type = e.get_type();
    if (type == "DatabaseLockError") return VERR_LOCKED;
    if (type == "DatabaseModifiedError") return VERR_MODIFIED;
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError" ||
        type == "DocNotFoundError")
        return VERR_NOTFOUND;
    if (type == "QueryParserError") return VERR_PARSE;
    if (type == "NetworkError" || type == "NetworkTimeoutError") return VERR_NETWORK;
    if (type == "UnimplementedError") return VERR_UNSUPPORTED; // a query it cannot run
    if (type == "InvalidArgumentError" || type == "InvalidOperationError" ||
        type == "DatabaseClosedError")
        return VERR_INVALID;
    return VERR_INTERNAL;
}

static void set_xapian_error(verr *err, const Xapian::Error &e)
{
    verr_set(err, code_for(e), e.get_type(), "%s", e.get_description().c_str());
}

#define XAP_TRY try {
#define XAP_CATCH(err, failed)                                                     \
    }                                                                              \
    catch (const Xapian::Error &e) { set_xapian_error(err, e); return failed; }    \
    catch (const std::bad_alloc &) {                                               \
        verr_set(err, VERR_NOMEM, "bad_alloc", "out of memory"); return failed; }  \
    catch (const std::exception &e) {                                              \
        verr_set(err, VERR_INTERNAL, "std::exception", "%s", e.what()); return failed; } \
    catch (...) { verr_set(err, VERR_INTERNAL, "unknown", "unknown C++ exception"); return failed; }

static char *dup_bytes(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p == NULL) throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

static int null_arg(verr *err, const char *what)
{
    verr_set(err, VERR_INVALID, "InvalidArgument", "%s is NULL", what);
    return -1;
}

/* ---- Databases ---------------------------------------------------------- */

extern "C" xap_db *xap_db_open(const char *path, verr *err)
{
    XAP_TRY
        if (path == NULL) { null_arg(err, "path"); return NULL; }
        return new xap_db{Xapian::Database(path)};
    XAP_CATCH(err, NULL)
}

extern "C" xap_db *xap_db_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                      unsigned connect_timeout_ms, verr *err)
{
    XAP_TRY
        if (host == NULL) { null_arg(err, "host"); return NULL; }
        return new xap_db{Xapian::Remote::open(host, port, timeout_ms, connect_timeout_ms)};
    XAP_CATCH(err, NULL)
}

extern "C" xap_db *xap_db_new_empty(verr *err)
{
    XAP_TRY
        return new xap_db{Xapian::Database()};
    XAP_CATCH(err, NULL)
}

extern "C" int xap_db_add(xap_db *db, const xap_db *other, verr *err)
{
    XAP_TRY
        if (db == NULL || other == NULL) return null_arg(err, "database");
        db->db.add_database(other->db);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_reopen(xap_db *db, int *changed, verr *err)
{
    XAP_TRY
        if (db == NULL) return null_arg(err, "database");
        bool moved = db->db.reopen();
        if (changed != NULL) *changed = moved ? 1 : 0;
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" void xap_db_close(xap_db *db)
{
    if (db == NULL) return;
    try { db->db.close(); } catch (...) {}
}

extern "C" void xap_db_free(xap_db *db) { delete db; }

extern "C" int xap_db_doccount(const xap_db *db, unsigned *out, verr *err)
{
    XAP_TRY
        if (db == NULL || out == NULL) return null_arg(err, "database or out");
        *out = db->db.get_doccount();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_revision(const xap_db *db, unsigned long long *out, verr *err)
{
    XAP_TRY
        if (db == NULL || out == NULL) return null_arg(err, "database or out");
        *out = db->db.get_revision();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_uuid(const xap_db *db, char **out, verr *err)
{
    XAP_TRY
        if (db == NULL || out == NULL) return null_arg(err, "database or out");
        *out = dup_bytes(db->db.get_uuid());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_lastdocid(const xap_db *db, xap_docid *out, verr *err)
{
    XAP_TRY
        if (db == NULL || out == NULL) return null_arg(err, "database or out");
        *out = db->db.get_lastdocid();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_termfreq(const xap_db *db, const char *term, unsigned *out, verr *err)
{
    XAP_TRY
        if (db == NULL || term == NULL || out == NULL) return null_arg(err, "argument");
        *out = db->db.get_termfreq(term);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_find_term(const xap_db *db, const char *term, xap_docid *out, verr *err)
{
    XAP_TRY
        if (db == NULL || term == NULL || out == NULL) return null_arg(err, "argument");
        Xapian::PostingIterator it = db->db.postlist_begin(term);
        if (it == db->db.postlist_end(term)) {
            verr_set(err, VERR_NOTFOUND, "NotFound", "no document has term %s", term);
            return 1;
        }
        *out = *it;
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_get_document(const xap_db *db, xap_docid id, xap_doc **doc, verr *err)
{
    XAP_TRY
        if (db == NULL || doc == NULL) return null_arg(err, "argument");
        *doc = NULL;
        *doc = new xap_doc{db->db.get_document(id)};
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_get_metadata(const xap_db *db, const char *key, char **value, verr *err)
{
    XAP_TRY
        if (db == NULL || key == NULL || value == NULL) return null_arg(err, "argument");
        *value = dup_bytes(db->db.get_metadata(key));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_allterms(const xap_db *db, const char *prefix, xap_term_cb cb,
                               void *ud, verr *err)
{
    XAP_TRY
        if (db == NULL || cb == NULL) return null_arg(err, "argument");
        std::string p = prefix != NULL ? prefix : "";
        for (Xapian::TermIterator t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
            const std::string term = *t;
            if (cb(term.data(), term.size(), t.get_termfreq(), ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_postlist(const xap_db *db, const char *term, xap_docid_cb cb, void *ud,
                               verr *err)
{
    XAP_TRY
        if (db == NULL || term == NULL || cb == NULL) return null_arg(err, "argument");
        for (Xapian::PostingIterator p = db->db.postlist_begin(term);
             p != db->db.postlist_end(term); ++p)
            if (cb(*p, ud) != 0) break;
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_positions(const xap_db *db, xap_docid id, const char *term,
                                xap_pos_cb cb, void *ud, verr *err)
{
    XAP_TRY
        if (db == NULL || term == NULL || cb == NULL) return null_arg(err, "argument");
        for (Xapian::PositionIterator p = db->db.positionlist_begin(id, term);
             p != db->db.positionlist_end(id, term); ++p)
            if (cb(*p, ud) != 0) break;
        return 0;
    XAP_CATCH(err, -1)
}

namespace {
/* Words only: a term that starts with a capital is prefixed (schema.h). */
struct words_only : Xapian::ExpandDecider {
    bool operator()(const std::string &t) const override
    {
        return t.size() > 2 && !(t[0] >= 'A' && t[0] <= 'Z');
    }
};
} // namespace

extern "C" int xap_db_similar(const xap_db *db, xap_docid id, unsigned nterms, unsigned ndocs,
                              xap_docid_cb cb, void *ud, verr *err)
{
    XAP_TRY
        if (db == NULL || cb == NULL) return null_arg(err, "argument");
        Xapian::Enquire enq(db->db);
        Xapian::RSet rset;
        rset.add_document(id);
        words_only decider;
        Xapian::ESet eset = enq.get_eset(nterms, rset, &decider);
        if (eset.empty()) return 0;
        enq.set_query(Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end()));
        Xapian::MSet ms = enq.get_mset(0, ndocs + 1);
        unsigned given = 0;
        for (Xapian::MSetIterator i = ms.begin(); i != ms.end() && given < ndocs; ++i) {
            if (*i == id) continue;
            given++;
            if (cb(*i, ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_metadata_keys(const xap_db *db, const char *prefix, xap_key_cb cb,
                                    void *ud, verr *err)
{
    XAP_TRY
        if (db == NULL || cb == NULL) return null_arg(err, "argument");
        std::string p = prefix != NULL ? prefix : "";
        for (Xapian::TermIterator k = db->db.metadata_keys_begin(p);
             k != db->db.metadata_keys_end(p); ++k) {
            const std::string key = *k;
            if (cb(key.c_str(), ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_db_values(const xap_db *db, xap_slot slot, xap_value_cb cb, void *ud,
                             verr *err)
{
    XAP_TRY
        if (db == NULL || cb == NULL) return null_arg(err, "argument");
        for (Xapian::ValueIterator v = db->db.valuestream_begin(slot);
             v != db->db.valuestream_end(slot); ++v) {
            const std::string value = *v;
            if (cb(v.get_docid(), value.data(), value.size(), ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_wdb *xap_wdb_open(const char *path, int create, verr *err)
{
    XAP_TRY
        if (path == NULL) { null_arg(err, "path"); return NULL; }
        int action = create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        Xapian::WritableDatabase w(path, action);
        return new xap_wdb{w, xap_db{w}};
    XAP_CATCH(err, NULL)
}

extern "C" xap_wdb *xap_wdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                        unsigned connect_timeout_ms, verr *err)
{
    XAP_TRY
        if (host == NULL) { null_arg(err, "host"); return NULL; }
        Xapian::WritableDatabase w =
            Xapian::Remote::open_writable(host, port, timeout_ms, connect_timeout_ms);
        return new xap_wdb{w, xap_db{w}};
    XAP_CATCH(err, NULL)
}

extern "C" xap_db *xap_wdb_db(xap_wdb *wdb) { return wdb != NULL ? &wdb->view : NULL; }

extern "C" int xap_wdb_replace(xap_wdb *wdb, const char *unique_term, const xap_doc *doc,
                               xap_docid *out_id, verr *err)
{
    XAP_TRY
        if (wdb == NULL || unique_term == NULL || doc == NULL) return null_arg(err, "argument");
        Xapian::docid id = wdb->wdb.replace_document(unique_term, doc->doc);
        if (out_id != NULL) *out_id = id;
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_wdb_delete(xap_wdb *wdb, const char *unique_term, verr *err)
{
    XAP_TRY
        if (wdb == NULL || unique_term == NULL) return null_arg(err, "argument");
        wdb->wdb.delete_document(unique_term);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_wdb_set_metadata(xap_wdb *wdb, const char *key, const char *value, verr *err)
{
    XAP_TRY
        if (wdb == NULL || key == NULL || value == NULL) return null_arg(err, "argument");
        wdb->wdb.set_metadata(key, value);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_wdb_commit(xap_wdb *wdb, verr *err)
{
    XAP_TRY
        if (wdb == NULL) return null_arg(err, "database");
        wdb->wdb.commit();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" void xap_wdb_close(xap_wdb *wdb)
{
    if (wdb == NULL) return;
    try { wdb->wdb.close(); } catch (...) {}
}

extern "C" void xap_wdb_free(xap_wdb *wdb) { delete wdb; }

/* ---- Documents ---------------------------------------------------------- */

extern "C" xap_doc *xap_doc_new(void)
{
    try { return new xap_doc{}; } catch (...) { return NULL; }
}

extern "C" void xap_doc_free(xap_doc *doc) { delete doc; }

extern "C" int xap_doc_set_data(xap_doc *doc, const char *data, size_t len, verr *err)
{
    XAP_TRY
        if (doc == NULL || data == NULL) return null_arg(err, "argument");
        doc->doc.set_data(std::string(data, len));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_get_data(const xap_doc *doc, char **data, size_t *len, verr *err)
{
    XAP_TRY
        if (doc == NULL || data == NULL) return null_arg(err, "argument");
        const std::string d = doc->doc.get_data();
        *data = dup_bytes(d);
        if (len != NULL) *len = d.size();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_add_term(xap_doc *doc, const char *term, unsigned wdf, verr *err)
{
    XAP_TRY
        if (doc == NULL || term == NULL) return null_arg(err, "argument");
        doc->doc.add_term(term, wdf);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_add_boolean_term(xap_doc *doc, const char *term, verr *err)
{
    XAP_TRY
        if (doc == NULL || term == NULL) return null_arg(err, "argument");
        doc->doc.add_boolean_term(term);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_remove_term(xap_doc *doc, const char *term, verr *err)
{
    XAP_TRY
        if (doc == NULL || term == NULL) return null_arg(err, "argument");
        doc->doc.remove_term(term);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_set_value(xap_doc *doc, xap_slot slot, const char *value, size_t len,
                                 verr *err)
{
    XAP_TRY
        if (doc == NULL || value == NULL) return null_arg(err, "argument");
        doc->doc.add_value(slot, std::string(value, len));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_get_value(const xap_doc *doc, xap_slot slot, char **value, size_t *len,
                                 verr *err)
{
    XAP_TRY
        if (doc == NULL || value == NULL) return null_arg(err, "argument");
        const std::string v = doc->doc.get_value(slot);
        *value = dup_bytes(v);
        if (len != NULL) *len = v.size();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_terms(const xap_doc *doc, const char *prefix, xap_term_cb cb, void *ud,
                             verr *err)
{
    XAP_TRY
        if (doc == NULL || cb == NULL) return null_arg(err, "argument");
        Xapian::TermIterator t = doc->doc.termlist_begin();
        std::string p = prefix != NULL ? prefix : "";
        if (!p.empty()) t.skip_to(p);
        for (; t != doc->doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (term.compare(0, p.size(), p) != 0) break;
            if (cb(term.data(), term.size(), t.get_wdf(), ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_doc_termcount(const xap_doc *doc, unsigned *out, verr *err)
{
    XAP_TRY
        if (doc == NULL || out == NULL) return null_arg(err, "argument");
        *out = doc->doc.termlist_count();
        return 0;
    XAP_CATCH(err, -1)
}

/* ---- Stemming, stopping, term generation -------------------------------- */

extern "C" xap_stem *xap_stem_new(const char *lang, verr *err)
{
    XAP_TRY
        if (lang == NULL) { null_arg(err, "language"); return NULL; }
        return new xap_stem{Xapian::Stem(lang)};
    XAP_CATCH(err, NULL)
}

extern "C" void xap_stem_free(xap_stem *stem) { delete stem; }

extern "C" int xap_stem_word(const xap_stem *stem, const char *word, char **out, verr *err)
{
    XAP_TRY
        if (stem == NULL || word == NULL || out == NULL) return null_arg(err, "argument");
        *out = dup_bytes(stem->stem(word));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_stopper *xap_stopper_new(const char *const *words, verr *err)
{
    XAP_TRY
        xap_stopper *s = new xap_stopper{};
        for (size_t i = 0; words != NULL && words[i] != NULL; i++) s->stopper.add(words[i]);
        return s;
    XAP_CATCH(err, NULL)
}

extern "C" void xap_stopper_free(xap_stopper *stopper) { delete stopper; }

extern "C" xap_termgen *xap_termgen_new(verr *err)
{
    XAP_TRY
        return new xap_termgen{};
    XAP_CATCH(err, NULL)
}

extern "C" void xap_termgen_free(xap_termgen *tg) { delete tg; }

extern "C" int xap_termgen_set_stemmer(xap_termgen *tg, const xap_stem *stem, verr *err)
{
    XAP_TRY
        if (tg == NULL) return null_arg(err, "term generator");
        tg->tg.set_stemmer(stem != NULL ? stem->stem : Xapian::Stem());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_set_stopper(xap_termgen *tg, const xap_stopper *stopper, verr *err)
{
    XAP_TRY
        if (tg == NULL) return null_arg(err, "term generator");
        tg->tg.set_stopper(stopper != NULL ? &stopper->stopper : NULL);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_set_document(xap_termgen *tg, xap_doc *doc, verr *err)
{
    XAP_TRY
        if (tg == NULL || doc == NULL) return null_arg(err, "argument");
        // TermGenerator holds a handle onto the same document internals, so
        // terms it adds show up in doc.
        tg->tg.set_document(doc->doc);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_index(xap_termgen *tg, const char *text, size_t len, unsigned wdf_inc,
                                 const char *prefix, verr *err)
{
    XAP_TRY
        if (tg == NULL || text == NULL) return null_arg(err, "argument");
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), wdf_inc, prefix != NULL ? prefix : "");
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_index_nopos(xap_termgen *tg, const char *text, size_t len,
                                       unsigned wdf_inc, const char *prefix, verr *err)
{
    XAP_TRY
        if (tg == NULL || text == NULL) return null_arg(err, "argument");
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text, len), wdf_inc,
                                            prefix != NULL ? prefix : "");
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_enable_spelling(xap_termgen *tg, xap_wdb *wdb, verr *err)
{
    XAP_TRY
        if (tg == NULL || wdb == NULL) return null_arg(err, "argument");
        tg->tg.set_database(wdb->wdb);
        tg->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_spelling(xap_termgen *tg, int on, verr *err)
{
    XAP_TRY
        if (tg == NULL) return null_arg(err, "term generator");
        tg->tg.set_flags(on ? Xapian::TermGenerator::FLAG_SPELLING : Xapian::TermGenerator::flags(0));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_termpos(const xap_termgen *tg, unsigned *out, verr *err)
{
    XAP_TRY
        if (tg == NULL || out == NULL) return null_arg(err, "argument");
        *out = tg->tg.get_termpos();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_termgen_gap(xap_termgen *tg, unsigned delta, verr *err)
{
    XAP_TRY
        if (tg == NULL) return null_arg(err, "term generator");
        tg->tg.increase_termpos(delta);
        return 0;
    XAP_CATCH(err, -1)
}

/* ---- Queries ------------------------------------------------------------ */

static Xapian::Query::op op_for(xap_op op)
{
    switch (op) {
    case XAP_OP_AND: return Xapian::Query::OP_AND;
    case XAP_OP_OR: return Xapian::Query::OP_OR;
    case XAP_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XAP_OP_XOR: return Xapian::Query::OP_XOR;
    case XAP_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case XAP_OP_FILTER: return Xapian::Query::OP_FILTER;
    case XAP_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case XAP_OP_NEAR: return Xapian::Query::OP_NEAR;
    case XAP_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

extern "C" xap_query *xap_query_term(const char *term, unsigned wqf, verr *err)
{
    XAP_TRY
        if (term == NULL) { null_arg(err, "term"); return NULL; }
        return new xap_query{Xapian::Query(term, wqf)};
    XAP_CATCH(err, NULL)
}

extern "C" xap_query *xap_query_all(verr *err)
{
    XAP_TRY
        return new xap_query{Xapian::Query::MatchAll};
    XAP_CATCH(err, NULL)
}

extern "C" xap_query *xap_query_combine(xap_op op, xap_query *const *subs, size_t n, verr *err)
{
    XAP_TRY
        std::vector<Xapian::Query> v;
        for (size_t i = 0; i < n; i++) {
            if (subs[i] == NULL) { null_arg(err, "subquery"); return NULL; }
            v.push_back(subs[i]->q);
        }
        if (v.empty()) return new xap_query{Xapian::Query()};
        return new xap_query{Xapian::Query(op_for(op), v.begin(), v.end())};
    XAP_CATCH(err, NULL)
}

extern "C" xap_query *xap_query_value_range(xap_slot slot, const char *lo, const char *hi,
                                            verr *err)
{
    XAP_TRY
        if (lo != NULL && hi != NULL)
            return new xap_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
        if (lo != NULL)
            return new xap_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo)};
        if (hi != NULL)
            return new xap_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        return new xap_query{Xapian::Query::MatchAll};
    XAP_CATCH(err, NULL)
}

extern "C" xap_query *xap_query_scale(const xap_query *q, double factor, verr *err)
{
    XAP_TRY
        if (q == NULL) { null_arg(err, "query"); return NULL; }
        return new xap_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
    XAP_CATCH(err, NULL)
}

extern "C" int xap_query_is_empty(const xap_query *q) { return q == NULL || q->q.empty(); }

extern "C" int xap_query_describe(const xap_query *q, char **desc, verr *err)
{
    XAP_TRY
        if (q == NULL || desc == NULL) return null_arg(err, "argument");
        *desc = dup_bytes(q->q.get_description());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" void xap_query_free(xap_query *q) { delete q; }

/* ---- Match sets from posting lists ---------------------------------------- */

namespace {

typedef std::vector<uint64_t> bitset;

/* When this thread's evaluation must stop (CLOCK_MONOTONIC microseconds,
 * 0: never); past it, evaluation throws out_of_time. */
thread_local int64_t docset_deadline_us;
struct out_of_time {};

/* Counts cost (postings read) into work; throws out_of_time past the
 * deadline, looked at every 1,024 postings' work. */
void check_deadline(unsigned &work, unsigned cost)
{
    if (docset_deadline_us == 0 || (work += cost) < 1024) return;
    work = 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (int64_t(now.tv_sec) * 1000000 + now.tv_nsec / 1000 >= docset_deadline_us)
        throw out_of_time();
}

/* Sets the bit of every document term indexes ("" : every document). */
void add_postings(const Xapian::Database &db, const std::string &term, bitset &out)
{
    unsigned calls = 0;
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (Xapian::PostingIterator p = db.postlist_begin(term); p != end; ++p) {
        Xapian::docid d = *p;
        if ((d >> 6) < out.size()) out[d >> 6] |= uint64_t(1) << (d & 63);
        check_deadline(calls, 1);
    }
}

bool eval_docset(const Xapian::Database &db, const Xapian::Query &q, bitset &out);

/* Whether document d holds terms in order, all within window positions
 * (OP_PHRASE's meaning; window = the number of terms: side by side). */
bool phrase_in(const Xapian::Database &db, Xapian::docid d, const std::vector<std::string> &terms,
               Xapian::termpos window)
{
    std::vector<std::vector<Xapian::termpos>> pos(terms.size());
    for (size_t i = 0; i < terms.size(); i++) {
        pos[i].assign(db.positionlist_begin(d, terms[i]), db.positionlist_end(d, terms[i]));
        if (pos[i].empty()) return false;
    }
    for (Xapian::termpos first : pos[0]) {
        Xapian::termpos prev = first;
        size_t i = 1;
        for (; i < terms.size(); i++) {
            auto next = std::upper_bound(pos[i].begin(), pos[i].end(), prev);
            if (next == pos[i].end() || *next - first >= window) break;
            prev = *next;
        }
        if (i == terms.size()) return true;
    }
    return false;
}

/* Adds to out the documents of phrase q (of terms only) that out lacks:
 * those with every term, then each one's positions checked.  false when
 * q is not a phrase of terms. */
bool eval_phrase(const Xapian::Database &db, const Xapian::Query &q, bitset &out)
{
    /* Xapian 1.4 shows a phrase's window only in its description */
    const std::string desc = q.get_description();
    const size_t at = desc.find(" PHRASE ");
    if (at == std::string::npos) return false;
    const Xapian::termpos window = Xapian::termpos(std::strtoul(desc.c_str() + at + 8, NULL, 10));
    std::vector<std::string> terms;
    bitset cand(out.size(), ~uint64_t(0));
    for (size_t i = 0; i < q.get_num_subqueries(); i++) {
        const Xapian::Query sub = q.get_subquery(i);
        if (sub.get_type() != Xapian::Query::LEAF_TERM || sub.get_terms_begin() == sub.get_terms_end())
            return false;
        terms.push_back(*sub.get_terms_begin());
        bitset has(out.size());
        add_postings(db, terms.back(), has);
        for (size_t w = 0; w < cand.size(); w++) cand[w] &= has[w];
    }
    if (terms.empty() || window < terms.size()) return false;
    unsigned calls = 0;
    for (size_t w = 0; w < cand.size(); w++)
        for (uint64_t b = cand[w] & ~out[w]; b != 0; b &= b - 1) {
            const Xapian::docid d = Xapian::docid(w * 64 + size_t(__builtin_ctzll(b)));
            if (phrase_in(db, d, terms, window)) out[w] |= uint64_t(1) << (d & 63);
            check_deadline(calls, 64); /* a document's positions: as many postings */
        }
    return true;
}

/* Adds q's documents to out (sized); false when q holds an operator that
 * posting lists alone cannot evaluate. */
bool eval_docset(const Xapian::Database &db, const Xapian::Query &q, bitset &out)
{
    const size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
        Xapian::TermIterator t = q.get_terms_begin();
        if (t != q.get_terms_end()) add_postings(db, *t, out);
        return true;
    }
    case Xapian::Query::LEAF_MATCH_ALL:
        add_postings(db, std::string(), out);
        return true;
    case Xapian::Query::LEAF_MATCH_NOTHING:
        return true;
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE: /* the left side decides */
        return n == 0 || eval_docset(db, q.get_subquery(0), out);
    case Xapian::Query::OP_PHRASE:
        return eval_phrase(db, q, out);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
        /* phrases last: their positions are read only for the documents
         * no other branch has (a label's phrase ORed with its concept) */
        for (int phrases = 0; phrases < 2; phrases++)
            for (size_t i = 0; i < n; i++) {
                const Xapian::Query sub = q.get_subquery(i);
                if ((sub.get_type() == Xapian::Query::OP_PHRASE) == (phrases == 1) &&
                    !eval_docset(db, sub, out))
                    return false;
            }
        return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR: {
        if (n == 0) return true;
        /* apart, then into out, which may hold a sibling's documents */
        bitset acc(out.size()), sub(out.size());
        if (!eval_docset(db, q.get_subquery(0), acc)) return false;
        const Xapian::Query::op op = q.get_type();
        for (size_t i = 1; i < n; i++) {
            std::fill(sub.begin(), sub.end(), 0);
            if (!eval_docset(db, q.get_subquery(i), sub)) return false;
            for (size_t w = 0; w < acc.size(); w++)
                acc[w] = op == Xapian::Query::OP_AND_NOT ? acc[w] & ~sub[w]
                       : op == Xapian::Query::OP_XOR     ? acc[w] ^ sub[w]
                                                         : acc[w] & sub[w];
        }
        for (size_t w = 0; w < out.size(); w++) out[w] |= acc[w];
        return true;
    }
    default: /* proximity, value ranges, wildcards, elite sets */
        return false;
    }
}

} // namespace

extern "C" int xap_query_docset(const xap_db *db, const xap_query *q, uint64_t *bits,
                                size_t nwords, int64_t deadline_us, verr *err)
{
    XAP_TRY
        if (db == NULL || q == NULL || (nwords > 0 && bits == NULL))
            return null_arg(err, "argument");
        bitset out(nwords);
        docset_deadline_us = deadline_us;
        try {
            if (!eval_docset(db->db, q->q, out)) return 1;
        } catch (const out_of_time &) {
            return 1;
        }
        std::copy(out.begin(), out.end(), bits);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_qparser *xap_qparser_new(verr *err)
{
    XAP_TRY
        return new xap_qparser{};
    XAP_CATCH(err, NULL)
}

extern "C" void xap_qparser_free(xap_qparser *qp) { delete qp; }

extern "C" int xap_qparser_set_stemmer(xap_qparser *qp, const xap_stem *stem, verr *err)
{
    XAP_TRY
        if (qp == NULL) return null_arg(err, "query parser");
        qp->qp.set_stemmer(stem != NULL ? stem->stem : Xapian::Stem());
        qp->qp.set_stemming_strategy(stem != NULL ? Xapian::QueryParser::STEM_SOME
                                                  : Xapian::QueryParser::STEM_NONE);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_set_stopper(xap_qparser *qp, const xap_stopper *stopper, verr *err)
{
    XAP_TRY
        if (qp == NULL) return null_arg(err, "query parser");
        qp->qp.set_stopper(stopper != NULL ? &stopper->stopper : NULL);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_set_database(xap_qparser *qp, const xap_db *db, verr *err)
{
    XAP_TRY
        if (qp == NULL || db == NULL) return null_arg(err, "argument");
        qp->qp.set_database(db->db);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_set_default_op(xap_qparser *qp, xap_op default_op, verr *err)
{
    XAP_TRY
        if (qp == NULL) return null_arg(err, "query parser");
        qp->qp.set_default_op(op_for(default_op));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_add_prefix(xap_qparser *qp, const char *field, const char *prefix,
                                      verr *err)
{
    XAP_TRY
        if (qp == NULL || field == NULL || prefix == NULL) return null_arg(err, "argument");
        qp->qp.add_prefix(field, prefix);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_add_boolean_prefix(xap_qparser *qp, const char *field,
                                              const char *prefix, verr *err)
{
    XAP_TRY
        if (qp == NULL || field == NULL || prefix == NULL) return null_arg(err, "argument");
        qp->qp.add_boolean_prefix(field, prefix);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_add_range(xap_qparser *qp, xap_slot slot, const char *field, verr *err)
{
    XAP_TRY
        if (qp == NULL || field == NULL) return null_arg(err, "argument");
        std::string f = std::string(field) + ":";
        Xapian::RangeProcessor *rp = new Xapian::RangeProcessor(slot, f);
        qp->qp.add_rangeprocessor(rp->release());
        return 0;
    XAP_CATCH(err, -1)
}

namespace {
// Calls back into C for "field:text"; the C side never throws.
class CFieldProcessor : public Xapian::FieldProcessor {
    xap_field_fn fn;
    void *ud;
  public:
    CFieldProcessor(xap_field_fn f, void *u) : fn(f), ud(u) {}
    Xapian::Query operator()(const std::string &text) override {
        xap_query *q = fn(text.c_str(), ud);
        if (q == NULL) return Xapian::Query();
        Xapian::Query result = q->q;
        delete q;
        return result;
    }
};
}

extern "C" int xap_qparser_add_field_fn(xap_qparser *qp, const char *field, xap_field_fn fn,
                                        void *ud, verr *err)
{
    XAP_TRY
        if (qp == NULL || field == NULL || fn == NULL) return null_arg(err, "argument");
        qp->qp.add_prefix(field, (new CFieldProcessor(fn, ud))->release());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_parse(xap_qparser *qp, const char *text, unsigned flags,
                                 xap_query **query, verr *err)
{
    XAP_TRY
        if (qp == NULL || text == NULL || query == NULL) return null_arg(err, "argument");
        *query = NULL;
        *query = new xap_query{qp->qp.parse_query(text, flags)};
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_parse_prefixed(xap_qparser *qp, const char *text, unsigned flags,
                                          const char *prefix, xap_query **query, verr *err)
{
    XAP_TRY
        if (qp == NULL || text == NULL || prefix == NULL || query == NULL)
            return null_arg(err, "argument");
        *query = NULL;
        *query = new xap_query{qp->qp.parse_query(text, flags, prefix)};
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_set_stem_strategy(xap_qparser *qp, xap_stem_strategy s, verr *err)
{
    XAP_TRY
        if (qp == NULL) return null_arg(err, "query parser");
        qp->qp.set_stemming_strategy(s == XAP_STEM_NONE   ? Xapian::QueryParser::STEM_NONE
                                     : s == XAP_STEM_ALL ? Xapian::QueryParser::STEM_ALL_Z
                                                         : Xapian::QueryParser::STEM_SOME);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_qparser_corrected(const xap_qparser *qp, char **corrected, verr *err)
{
    XAP_TRY
        if (qp == NULL || corrected == NULL) return null_arg(err, "argument");
        *corrected = dup_bytes(qp->qp.get_corrected_query_string());
        return 0;
    XAP_CATCH(err, -1)
}

/* ---- Matching ----------------------------------------------------------- */

extern "C" int xap_enquire_set_bm25(xap_enquire *enq, double k1, double b, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5));
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_set_dph(xap_enquire *enq, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_weighting_scheme(Xapian::DPHWeight());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_set_time_limit(xap_enquire *enq, double seconds, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_time_limit(seconds);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_set_collapse_key(xap_enquire *enq, xap_slot slot, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_collapse_key(slot, 1);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_set_unweighted(xap_enquire *enq, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_set_coord(xap_enquire *enq, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_weighting_scheme(Xapian::CoordWeight());
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_enquire *xap_enquire_new(const xap_db *db, verr *err)
{
    XAP_TRY
        if (db == NULL) { null_arg(err, "database"); return NULL; }
        return new xap_enquire(db->db);
    XAP_CATCH(err, NULL)
}

extern "C" void xap_enquire_free(xap_enquire *enq) { delete enq; }

extern "C" int xap_enquire_set_query(xap_enquire *enq, const xap_query *q, verr *err)
{
    XAP_TRY
        if (enq == NULL || q == NULL) return null_arg(err, "argument");
        enq->enq.set_query(q->q);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_sort_by_value(xap_enquire *enq, xap_slot slot, int reverse, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
        /* ties last: the later document first, as a reverse sort reads */
        if (reverse) enq->enq.set_docid_order(Xapian::Enquire::DESCENDING);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_sort_by_relevance(xap_enquire *enq, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.set_sort_by_relevance();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_add_spy(xap_enquire *enq, xap_spy *spy, verr *err)
{
    XAP_TRY
        if (enq == NULL || spy == NULL) return null_arg(err, "argument");
        enq->enq.add_matchspy(&spy->spy);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_docid_spy *xap_docid_spy_new(xap_docid_cb fn, void *ud, verr *err)
{
    XAP_TRY
        if (fn == NULL) { null_arg(err, "function"); return NULL; }
        return new xap_docid_spy(fn, ud);
    XAP_CATCH(err, NULL)
}

extern "C" void xap_docid_spy_free(xap_docid_spy *spy) { delete spy; }

extern "C" int xap_enquire_add_docid_spy(xap_enquire *enq, xap_docid_spy *spy, verr *err)
{
    XAP_TRY
        if (enq == NULL || spy == NULL) return null_arg(err, "argument");
        enq->enq.add_matchspy(spy);
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_clear_spies(xap_enquire *enq, verr *err)
{
    XAP_TRY
        if (enq == NULL) return null_arg(err, "enquire");
        enq->enq.clear_matchspies();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_enquire_mset(xap_enquire *enq, unsigned first, unsigned max,
                                unsigned check_at_least, xap_mset **mset, verr *err)
{
    XAP_TRY
        if (enq == NULL || mset == NULL) return null_arg(err, "argument");
        *mset = NULL;
        *mset = new xap_mset{enq->enq.get_mset(first, max, check_at_least)};
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" void xap_mset_free(xap_mset *mset) { delete mset; }

extern "C" unsigned xap_mset_size(const xap_mset *mset) { return mset != NULL ? mset->mset.size() : 0; }

extern "C" void xap_mset_estimates(const xap_mset *mset, unsigned *lower, unsigned *estimated,
                                   unsigned *upper)
{
    if (lower != NULL) *lower = mset != NULL ? mset->mset.get_matches_lower_bound() : 0;
    if (estimated != NULL) *estimated = mset != NULL ? mset->mset.get_matches_estimated() : 0;
    if (upper != NULL) *upper = mset != NULL ? mset->mset.get_matches_upper_bound() : 0;
}

extern "C" int xap_mset_item(const xap_mset *mset, unsigned i, xap_docid *id, double *weight,
                             int *percent, verr *err)
{
    XAP_TRY
        if (mset == NULL) return null_arg(err, "mset");
        if (i >= mset->mset.size()) {
            verr_set(err, VERR_INVALID, "RangeError", "item %u of %u", i, mset->mset.size());
            return -1;
        }
        Xapian::MSetIterator it = mset->mset[i];
        if (id != NULL) *id = *it;
        if (weight != NULL) *weight = it.get_weight();
        if (percent != NULL) *percent = it.get_percent();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_mset_fetch(const xap_mset *mset, verr *err)
{
    XAP_TRY
        if (mset == NULL) return null_arg(err, "mset");
        mset->mset.fetch();
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" int xap_mset_document(const xap_mset *mset, unsigned i, xap_doc **doc, verr *err)
{
    XAP_TRY
        if (mset == NULL || doc == NULL) return null_arg(err, "argument");
        *doc = NULL;
        if (i >= mset->mset.size()) {
            verr_set(err, VERR_INVALID, "RangeError", "item %u of %u", i, mset->mset.size());
            return -1;
        }
        *doc = new xap_doc{mset->mset[i].get_document()};
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" xap_spy *xap_spy_new(xap_slot slot, verr *err)
{
    XAP_TRY
        return new xap_spy(slot);
    XAP_CATCH(err, NULL)
}

extern "C" void xap_spy_free(xap_spy *spy) { delete spy; }

extern "C" unsigned xap_spy_total(const xap_spy *spy)
{
    return spy != NULL ? static_cast<unsigned>(spy->spy.get_total()) : 0;
}

extern "C" int xap_spy_values(const xap_spy *spy, unsigned max, xap_term_cb cb, void *ud,
                              verr *err)
{
    XAP_TRY
        if (spy == NULL || cb == NULL) return null_arg(err, "argument");
        Xapian::ValueCountMatchSpy &s = const_cast<Xapian::ValueCountMatchSpy &>(spy->spy);
        if (max == 0) { // every value; top_values_begin(huge) would reserve that much
            for (Xapian::TermIterator t = s.values_begin(); t != s.values_end(); ++t) {
                const std::string v = *t;
                if (cb(v.data(), v.size(), t.get_termfreq(), ud) != 0) break;
            }
            return 0;
        }
        for (Xapian::TermIterator t = s.top_values_begin(max); t != s.top_values_end(max); ++t) {
            const std::string v = *t;
            if (cb(v.data(), v.size(), t.get_termfreq(), ud) != 0) break;
        }
        return 0;
    XAP_CATCH(err, -1)
}

extern "C" const char *xap_version(void) { return Xapian::version_string(); }
