/* static.c - web files (static.h). */
#include "static.h"

#include "datadir.h"

#include <stdio.h>
#include <string.h>

char *static_dir(const char *dir)
{
    verr err;
    char *found = NULL, *index = NULL;
    if (dir != NULL && *dir != '\0')
        found = g_strdup(dir);
    else if (g_file_test("web/index.html", G_FILE_TEST_IS_REGULAR))
        found = g_strdup("web");
    else if ((found = datadir_find("web", &err)) == NULL)
        fprintf(stderr, "veille-searchd: web pages not found, / and /admin will answer 404: %s\n",
                err.msg);
    if (found == NULL) {
        found = g_build_filename(datadir_compiled(), "web", NULL);
    } else {
        index = g_build_filename(found, "index.html", NULL);
        if (!g_file_test(index, G_FILE_TEST_IS_REGULAR))
            fprintf(stderr, "veille-searchd: no index.html in %s, / will answer 404\n", found);
    }
    g_free(index);
    return found;
}

static const struct {
    const char *ext, *type;
} types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".svg", "image/svg+xml" },
};

static gboolean safe_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL || dot == name)
        return FALSE;
    for (const char *p = name; p < dot; p++)
        if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
            return FALSE;
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
        if (strcmp(dot, types[i].ext) == 0)
            return TRUE;
    return FALSE;
}

const char *static_file_for(const char *url, char *buf, gsize size)
{
    const char *name = NULL;
    if (strcmp(url, "/") == 0)
        name = "index.html";
    else if (strcmp(url, "/admin") == 0)
        name = "admin.html";
    else if (strcmp(url, "/widget.js") == 0)
        name = "widget.js";
    else if (g_str_has_prefix(url, "/static/") && safe_name(url + strlen("/static/")))
        name = url + strlen("/static/");
    if (name == NULL || g_strlcpy(buf, name, size) >= size)
        return NULL;
    return buf;
}

int static_read(const char *dir, const char *name, char **body, gsize *len, const char **type,
                verr *err)
{
    char *path = g_build_filename(dir, name, NULL);
    GError *gerr = NULL;
    int rc = -1;
    *type = "application/octet-stream";
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
        if (g_str_has_suffix(name, types[i].ext))
            *type = types[i].type;
    if (g_file_get_contents(path, body, len, &gerr))
        rc = 0;
    else
        verr_from_gerror(err, g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? VERR_NOTFOUND
                                                                                      : VERR_IO,
                         gerr);
    g_clear_error(&gerr);
    g_free(path);
    return rc;
}
