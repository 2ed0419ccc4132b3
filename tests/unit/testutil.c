/* testutil.c - temporary folders for the unit tests (testutil.h). */
#include "testutil.h"

#include <ftw.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

char *test_tmpdir(const char *tmpl)
{
    GError *err = NULL;
    char *dir = g_dir_make_tmp(tmpl, &err);
    if (dir == NULL) {
        fprintf(stderr, "cannot make a temporary folder: %s\n", err->message);
        abort();
    }
    return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int test_rmtree(const char *dir)
{
    return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
