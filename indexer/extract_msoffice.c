/* extract_msoffice.c - legacy Microsoft Office files (Word, Excel and
 * PowerPoint 97-2003), OLE2 compound files (olefile.h).
 *
 * The summary properties (title, author, date, page or slide count) come
 * from libgsf.  The text comes from Debian's readers, run without a shell
 * under the helper-program time limit (tool_run.h): antiword for Word
 * (catdoc when antiword refuses the file: Word 6/95, some fast-saved
 * files), xls2csv for Excel (one sheet a page); PowerPoint's slides are
 * read from their records (ppt_text.h).  The application is told by the
 * file's streams, so a .doc that is really a workbook is read as one. */
#include "extract.h"
#include "olefile.h"
#include "ppt_text.h"
#include "text.h"
#include "tool_run.h"

#include <string.h>

#define MIME_DOC "application/msword"
#define MIME_XLS "application/vnd.ms-excel"
#define MIME_PPT "application/vnd.ms-powerpoint"

static unsigned tool_ms(void)
{
    return extract_current_options()->tool_s * 1000u;
}

/* Runs a reader for at most timeout_ms and makes its output the text;
 * pages: count the form feeds it writes between pages (xls2csv's sheets)
 * into out->pages. */
static int text_from_tool(const char *const *argv, unsigned timeout_ms, docmeta *out,
                          gboolean pages, verr *err)
{
    tool_output res;
    if (tool_run(argv, timeout_ms, EXTRACT_MAX_TEXT, &res, err) != 0)
        return -1;
    char *utf8 = g_utf8_make_valid(res.out->str, (gssize)res.out->len);
    char *clean = text_clean(utf8, -1);
    /* a last form feed ends the last sheet: no page after it */
    gsize n = strlen(clean);
    while (n > 0 && (clean[n - 1] == '\f' || clean[n - 1] == '\n'))
        clean[--n] = '\0';
    docmeta_set(&out->text, clean);
    if (pages) {
        int count = 1;
        for (const char *p = clean; (p = strchr(p, '\f')) != NULL; p++)
            count++;
        out->pages = count;
    }
    g_free(clean);
    g_free(utf8);
    tool_output_free(&res);
    return 0;
}

static int word_text(const char *path, docmeta *out, verr *err)
{
    const char *const antiword[] = { "antiword", "-m", "UTF-8.txt", "-w", "0", "-i", "1", path,
                                     NULL };
    const char *const catdoc[] = { "catdoc", "-d", "utf-8", "-w", path, NULL };
    verr first, second;
    verr_clear(&first);
    verr_clear(&second);
    /* both within the one helper-program limit */
    gint64 start = g_get_monotonic_time();
    if (text_from_tool(antiword, tool_ms(), out, FALSE, &first) == 0)
        return 0;
    gint64 left_ms = (gint64)tool_ms() - (g_get_monotonic_time() - start) / 1000;
    if (first.code != VERR_TIMEOUT && left_ms > 0 &&
        text_from_tool(catdoc, (unsigned)left_ms, out, FALSE, &second) == 0)
        return 0;
    /* antiword's reason, unless catdoc tried and had one of its own */
    if (err != NULL)
        *err = second.code != VERR_OK && second.code != VERR_UNSUPPORTED ? second : first;
    return -1;
}

static int excel_text(const char *path, docmeta *out, verr *err)
{
    /* tab-separated cells, no quotes, UTF-8, a form feed after each sheet */
    const char *const xls2csv[] = { "xls2csv", "-d", "utf-8", "-q", "0", "-c", "\t", "-b", "\f",
                                    path, NULL };
    return text_from_tool(xls2csv, tool_ms(), out, TRUE, err);
}

static int powerpoint_text(const olefile *f, docmeta *out, verr *err)
{
    GBytes *stream = olefile_read_stream(f, "PowerPoint Document", err);
    if (stream == NULL)
        return -1;
    gsize len = 0;
    const guint8 *data = g_bytes_get_data(stream, &len);
    GString *text = g_string_new(NULL);
    int slides = ppt_text_read(data, len, text, err);
    if (slides >= 0)
        extract_set_paged_text(out, text, slides);
    g_string_free(text, TRUE);
    g_bytes_unref(stream);
    return slides >= 0 ? 0 : -1;
}

int extract_msoffice(const char *path, docmeta *out, verr *err)
{
    olefile *f = olefile_open(path, err);
    if (f == NULL)
        return -1;
    int rc = -1;
    switch (olefile_kind(f)) {
    case OLE_WORD:
        docmeta_set(&out->mime, MIME_DOC);
        rc = word_text(path, out, err);
        break;
    case OLE_EXCEL:
        docmeta_set(&out->mime, MIME_XLS);
        rc = excel_text(path, out, err);
        break;
    case OLE_POWERPOINT:
        docmeta_set(&out->mime, MIME_PPT);
        rc = powerpoint_text(f, out, err);
        break;
    default:
        verr_set(err, VERR_UNSUPPORTED, "type",
                 "fichier OLE2 sans document Word, Excel ni PowerPoint");
        break;
    }
    /* the properties' page count wins over what the text says, except for
     * the sheets and slides counted from the text itself */
    if (rc == 0) {
        int counted = out->pages;
        olefile_read_properties(f, out);
        if (olefile_kind(f) != OLE_WORD && counted > 0)
            out->pages = counted;
    }
    olefile_free(f);
    return rc;
}
