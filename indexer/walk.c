/* walk.c - the file-tree walk (walk.h). */
#include "walk.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define CATALOGUE_NAME "catalogue.csv"

static void walked_free(gpointer p)
{
    walked_file *w = p;
    g_free(w->path);
    g_free(w);
}

static void add_file(walk_result *out, const char *path, const struct stat *st)
{
    walked_file *w = g_new0(walked_file, 1);
    w->path = g_strdup(path);
    w->size = st->st_size;
    w->mtime = st->st_mtime;
    g_ptr_array_add(out->files, w);
}

#define IGNORE_NAME ".veille-ignore"

/* Adds the patterns of dir/.veille-ignore (if any) to patterns. */
static void read_ignore_file(const char *dir, GPtrArray *patterns)
{
    char *path = g_build_filename(dir, IGNORE_NAME, NULL);
    char *text = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
        char **lines = g_strsplit(text, "\n", -1);
        for (char **l = lines; *l != NULL; l++) {
            char *p = g_strstrip(*l);
            if (*p != '\0' && *p != '#')
                g_ptr_array_add(patterns, g_pattern_spec_new(p));
        }
        g_strfreev(lines);
    }
    g_free(text);
    g_free(path);
}

static gboolean ignored(const GPtrArray *patterns, const char *name)
{
    for (guint i = 0; i < patterns->len; i++)
        if (g_pattern_spec_match_string(g_ptr_array_index(patterns, i), name))
            return TRUE;
    return FALSE;
}

/* Whether path is the index (skip) or one of the files and folders kept
 * beside it under its name (skip.arrivals, skip.alerts/...). */
static gboolean is_index_path(const char *path, const char *skip)
{
    size_t n = skip != NULL ? strlen(skip) : 0;
    return n > 0 && strncmp(path, skip, n) == 0 && (path[n] == '\0' || path[n] == '.');
}

static void walk_dir(const char *dir, const char *skip_dir, GPtrArray *inherited,
                     walk_result *out)
{
    GError *gerr = NULL;
    GPtrArray *patterns = g_ptr_array_new_with_free_func((GDestroyNotify)g_pattern_spec_free);
    for (guint i = 0; i < inherited->len; i++)
        g_ptr_array_add(patterns, g_pattern_spec_copy(g_ptr_array_index(inherited, i)));
    read_ignore_file(dir, patterns);
    GDir *d = g_dir_open(dir, 0, &gerr);
    if (d == NULL) {
        g_ptr_array_add(out->problems, g_strdup_printf("%s : %s", dir, gerr->message));
        g_clear_error(&gerr);
        g_ptr_array_unref(patterns);
        return;
    }
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (name[0] == '.' || ignored(patterns, name))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        struct stat st;
        if (is_index_path(path, skip_dir)) {
            /* not a document */
        } else if (lstat(path, &st) != 0) {
            g_ptr_array_add(out->problems, g_strdup_printf("%s : %s", path, g_strerror(errno)));
        } else if (S_ISDIR(st.st_mode)) {
            walk_dir(path, skip_dir, patterns, out);
        } else if (S_ISLNK(st.st_mode)) {
            /* a link to a file is indexed under the link's name; links to
             * folders are not followed */
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
                add_file(out, path, &st);
        } else if (S_ISREG(st.st_mode)) {
            add_file(out, path, &st);
        }
        g_free(path);
    }
    g_dir_close(d);
    g_ptr_array_unref(patterns);
}

static int by_path(gconstpointer a, gconstpointer b)
{
    const walked_file *x = *(walked_file *const *)a, *y = *(walked_file *const *)b;
    return strcmp(x->path, y->path);
}

int walk_inputs(const char *const *inputs, const char *skip_dir, walk_result *out, verr *err)
{
    out->files = g_ptr_array_new_with_free_func(walked_free);
    out->catalogues = g_ptr_array_new_with_free_func(g_free);
    out->problems = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; inputs[i] != NULL; i++) {
        char *path = g_canonicalize_filename(inputs[i], NULL);
        struct stat st;
        if (stat(path, &st) != 0) {
            verr_set(err, VERR_NOTFOUND, "walk", "%s : %s", inputs[i], g_strerror(errno));
            g_free(path);
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            size_t before = out->files->len;
            GPtrArray *none = g_ptr_array_new();
            walk_dir(path, skip_dir, none, out);
            g_ptr_array_unref(none);
            /* the folder's own catalogue is not a document */
            char *cat = g_build_filename(path, CATALOGUE_NAME, NULL);
            for (size_t j = before; j < out->files->len; j++) {
                walked_file *w = g_ptr_array_index(out->files, j);
                if (strcmp(w->path, cat) == 0) {
                    g_ptr_array_add(out->catalogues, g_strdup(cat));
                    g_ptr_array_remove_index(out->files, (guint)j);
                    break;
                }
            }
            g_free(cat);
        } else if (S_ISREG(st.st_mode)) {
            add_file(out, path, &st);
        }
        g_free(path);
    }
    g_ptr_array_sort(out->files, by_path);
    /* the same file named twice on the command line is indexed once */
    for (guint j = 1; j < out->files->len;) {
        const walked_file *a = g_ptr_array_index(out->files, j - 1);
        const walked_file *b = g_ptr_array_index(out->files, j);
        if (strcmp(a->path, b->path) == 0)
            g_ptr_array_remove_index(out->files, j);
        else
            j++;
    }
    return 0;
}

void walk_result_clear(walk_result *r)
{
    if (r->files != NULL) g_ptr_array_unref(r->files);
    if (r->catalogues != NULL) g_ptr_array_unref(r->catalogues);
    if (r->problems != NULL) g_ptr_array_unref(r->problems);
    memset(r, 0, sizeof *r);
}
