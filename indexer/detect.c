/* detect.c - libmagic wrapper and a look inside zip archives (detect.h). */
#include "detect.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <magic.h>
#include <string.h>

#define MIME_ODT "application/vnd.oasis.opendocument.text"
#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

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
            if (got > 0 && strncmp(buf, MIME_ODT, strlen(MIME_ODT)) == 0 &&
                (got == (la_ssize_t)strlen(MIME_ODT) || buf[strlen(MIME_ODT)] == '\n'))
                result = g_strdup(MIME_ODT);
        } else if (strcmp(name, "word/document.xml") == 0) {
            result = g_strdup(MIME_DOCX);
        }
        if (result != NULL)
            break;
    }
cleanup:
    archive_read_free(a);
    return result;
}
