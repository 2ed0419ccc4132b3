/* datadir.c - the installed data folder (datadir.h). */
#include "datadir.h"

#ifndef VEILLE_DATADIR
#define VEILLE_DATADIR "/usr/local/share/veille"
#endif

const char *datadir_compiled(void)
{
    return VEILLE_DATADIR;
}

char *datadir_find_for(const char *exe, const char *sub, verr *err)
{
    char *bindir = exe != NULL ? g_path_get_dirname(exe) : NULL;
    /* lexical "..": exe is already resolved (/proc/self/exe has no links) */
    char *beside = bindir != NULL ? g_build_filename(bindir, "..", "share", "veille", sub, NULL)
                                  : NULL;
    char *near = beside != NULL ? g_canonicalize_filename(beside, "/") : NULL;
    char *compiled = g_build_filename(VEILLE_DATADIR, sub, NULL);
    char *found = NULL;

    if (near != NULL && g_file_test(near, G_FILE_TEST_IS_DIR)) {
        found = near;
        near = NULL;
    } else if (g_file_test(compiled, G_FILE_TEST_IS_DIR)) {
        found = compiled;
        compiled = NULL;
    } else {
        verr_set(err, VERR_NOTFOUND, "datadir", "dossier de données introuvable : ni %s ni %s",
                 near != NULL ? near : "(programme sans chemin)", compiled);
    }
    g_free(compiled);
    g_free(near);
    g_free(beside);
    g_free(bindir);
    return found;
}

char *datadir_find(const char *sub, verr *err)
{
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *found = datadir_find_for(exe, sub, err);
    g_free(exe);
    return found;
}
