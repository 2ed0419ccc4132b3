/* detect.c - libmagic wrapper and a look inside zip archives (detect.h). */
#include "detect.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <magic.h>
#include <string.h>

/* ODF packages name their type in their first member, "mimetype" */
static const char *const odf_types[] = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
};

/* OOXML packages are told by their main part */
static const struct {
    const char *member, *mime;
} ooxml_parts[] = {
    { "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "ppt/presentation.xml",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
    { "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

/* The ODF type a mimetype member names (got bytes of buf), or NULL. */
static const char *odf_type(const char *buf, la_ssize_t got)
{
    for (size_t i = 0; got > 0 && i < G_N_ELEMENTS(odf_types); i++) {
        la_ssize_t n = (la_ssize_t)strlen(odf_types[i]);
        if (got >= n && strncmp(buf, odf_types[i], (size_t)n) == 0 &&
            (got == n || buf[n] == '\n'))
            return odf_types[i];
    }
    return NULL;
}

static magic_t cookie;

int detect_init(verr *err)
{
    if (cookie != NULL)
        return 0;
    cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (cookie == NULL) {
        verr_set(err, VERR_INTERNAL, "libmagic", "magic_open failed");
        return -1;
    }
    if (magic_load(cookie, NULL) != 0) {
        verr_set(err, VERR_IO, "libmagic", "cannot load the magic database: %s",
                 magic_error(cookie));
        magic_close(cookie);
        cookie = NULL;
        return -1;
    }
    return 0;
}

void detect_shutdown(void)
{
    if (cookie != NULL)
        magic_close(cookie);
    cookie = NULL;
}

char *detect_mime(const char *path, verr *err)
{
    if (cookie == NULL && detect_init(err) != 0)
        return NULL;
    const char *mime = magic_file(cookie, path);
    if (mime == NULL) {
        verr_set(err, VERR_IO, "libmagic", "%s", magic_error(cookie));
        return NULL;
    }
    /* libmagic calls a plain text "news" or "mail" when its first words
     * look like headers ("Article ...", "From ..."): still a text */
    if (strcmp(mime, "message/news") == 0 || strcmp(mime, "message/rfc822") == 0)
        return g_strdup("text/plain");
    return g_strdup(mime);
}

char *detect_zip_document(const char *path)
{
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    char *result = NULL;

    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path, 16384) != ARCHIVE_OK)
        goto cleanup;
    for (int n = 0; n < 4096 && archive_read_next_header(a, &e) == ARCHIVE_OK; n++) {
        const char *name = archive_entry_pathname(e);
        if (name == NULL)
            continue;
        if (strcmp(name, "mimetype") == 0) {
            char buf[128] = { 0 };
            la_ssize_t got = archive_read_data(a, buf, sizeof buf - 1);
            result = g_strdup(odf_type(buf, got));
        }
        for (size_t i = 0; result == NULL && i < G_N_ELEMENTS(ooxml_parts); i++)
            if (strcmp(name, ooxml_parts[i].member) == 0)
                result = g_strdup(ooxml_parts[i].mime);
        if (result != NULL)
            break;
    }
cleanup:
    archive_read_free(a);
    return result;
}
