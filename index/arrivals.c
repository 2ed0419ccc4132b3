/* arrivals.c - the ledger of first arrivals (arrivals.h). */
#include "arrivals.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct arrivals {
    char *path;
    GHashTable *known; /* sha256 -> added; NULL until read */
};

arrivals *arrivals_open(const char *db_path)
{
    arrivals *a = g_new0(arrivals, 1);
    a->path = g_strconcat(db_path, ".arrivals", NULL);
    return a;
}

void arrivals_free(arrivals *a)
{
    if (a == NULL)
        return;
    if (a->known != NULL)
        g_hash_table_unref(a->known);
    g_free(a->path);
    g_free(a);
}

static void load(arrivals *a)
{
    a->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *text = NULL;
    if (!g_file_get_contents(a->path, &text, NULL, NULL))
        return; /* none yet */
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        char *tab = strchr(*l, '\t');
        if (tab == NULL || tab - *l != 64 || strlen(tab + 1) != 20)
            continue; /* not a line of ours (or one cut short) */
        char *sha = g_strndup(*l, 64);
        if (!g_hash_table_contains(a->known, sha))
            g_hash_table_insert(a->known, sha, g_strdup(tab + 1));
        else
            g_free(sha);
    }
    g_strfreev(lines);
    g_free(text);
}

const char *arrivals_lookup(arrivals *a, const char *sha256)
{
    if (a->known == NULL)
        load(a);
    return sha256 != NULL ? g_hash_table_lookup(a->known, sha256) : NULL;
}

int arrivals_remember(arrivals *a, const char *sha256, const char *added, verr *err)
{
    if (sha256 == NULL || strlen(sha256) != 64 || added == NULL || strlen(added) != 20 ||
        arrivals_lookup(a, sha256) != NULL)
        return 0;
    FILE *f = fopen(a->path, "a");
    if (f == NULL || fprintf(f, "%s\t%s\n", sha256, added) < 0 || fclose(f) != 0) {
        verr_set(err, VERR_IO, "arrivals", "%s : %s", a->path, g_strerror(errno));
        return -1;
    }
    g_hash_table_insert(a->known, g_strdup(sha256), g_strdup(added));
    return 0;
}
