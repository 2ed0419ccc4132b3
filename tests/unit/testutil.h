/* testutil.h - helpers shared by the unit tests: temporary folders. */
#ifndef VEILLE_TESTUTIL_H
#define VEILLE_TESTUTIL_H

/* A new folder under /tmp named after tmpl ("veille-x-XXXXXX"); aborts the
 * test run if it cannot be made.  Caller frees with g_free(). */
char *test_tmpdir(const char *tmpl);

/* Removes dir and everything below it.  Returns 0 on success. */
int test_rmtree(const char *dir);

struct xap_db;
struct xap_qparser;
struct xap_wdb;
struct record_builder;
struct docmeta;
struct tagger;

/* Gives m the id of path (and a dummy digest and the PDF type when it has
 * none), prepares it (prepare.h: tags by t, NULL: the catalogue values
 * alone), builds its record and puts it in w, as veille-index would.
 * Aborts the run on failure. */
void test_put_document(struct xap_wdb *w, struct record_builder *rb, struct docmeta *m,
                       const char *path, const struct tagger *t);

/* Number of documents (at most 10) that text, parsed by qp with the
 * default flags, matches in db; fails the test on a parse error. */
unsigned test_count_matches(struct xap_db *db, struct xap_qparser *qp, const char *text);

#endif
