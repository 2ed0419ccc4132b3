/* testutil.h - helpers shared by the unit tests: temporary folders. */
#ifndef VEILLE_TESTUTIL_H
#define VEILLE_TESTUTIL_H

/* A new folder under /tmp named after tmpl ("veille-x-XXXXXX"); aborts the
 * test run if it cannot be made.  Caller frees with g_free(). */
char *test_tmpdir(const char *tmpl);

/* Removes dir and everything below it.  Returns 0 on success. */
int test_rmtree(const char *dir);

#endif
