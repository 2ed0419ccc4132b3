/* datadir.h - where the installed data is: the web pages (web/) and the
 * thesaurus (thesaurus/) under share/veille.
 *
 * The data folder is looked up at run time beside the running program,
 * BIN/../share/veille (BIN from /proc/self/exe), so that binaries built for
 * one PREFIX and installed under another (`make run`, then `make install
 * PREFIX=/usr`) still find their files; the VEILLE_DATADIR compiled in
 * ($(PREFIX)/share/veille) comes second.  A source tree's ./web and
 * ./thesaurus are the callers' business (static.c, indexer/main.c). */
#ifndef VEILLE_DATADIR_H
#define VEILLE_DATADIR_H

#include "verr.h"

/* The folder sub ("web", "thesaurus") of the data folder: the one beside
 * the running program, else the compiled one, whichever is a folder first.
 * NULL when neither is, with VERR_NOTFOUND and both paths in err.
 * Caller frees with g_free(). */
char *datadir_find(const char *sub, verr *err);

/* datadir_find as if the running program were exe (an absolute path; it
 * need not exist): for tests.  Caller frees. */
char *datadir_find_for(const char *exe, const char *sub, verr *err);

/* The data folder compiled in (VEILLE_DATADIR).  Static string. */
const char *datadir_compiled(void);

#endif
