/* extract.h - one interface for every text extractor.
 *
 * An extractor reads one file and fills a docmeta: text (display form,
 * UTF-8) and whatever metadata the format carries.  Extractors run inside
 * a sandboxed child process (sandbox.h), so they may crash or hang on a
 * hostile file without harm; they must still report ordinary failures
 * (damaged file, password, unsupported variant) through err.  When the
 * file's own title is useless (title.h), an extractor that can infer one
 * from the layout or headings sets title and title_source.  Each format
 * lives in its own file: extract_pdf.c, extract_text.c, extract_html.c,
 * extract_office.c. */
#ifndef VEILLE_EXTRACT_H
#define VEILLE_EXTRACT_H

#include "docmeta.h"
#include "verr.h"

/* Text beyond this many bytes is dropped (the document is still indexed). */
#define EXTRACT_MAX_TEXT (8u * 1024u * 1024u)

/* Fills out from the file at path of the given MIME type.  Returns 0, or
 * non-zero with err set (VERR_UNSUPPORTED when no extractor handles mime). */
typedef int (*extract_fn)(const char *path, docmeta *out, verr *err);

int extract_pdf(const char *path, docmeta *out, verr *err);
int extract_text(const char *path, docmeta *out, verr *err);
int extract_html(const char *path, docmeta *out, verr *err);
int extract_odt(const char *path, docmeta *out, verr *err);
int extract_docx(const char *path, docmeta *out, verr *err);

/* The extractor for a MIME type, or NULL. */
extract_fn extract_for_mime(const char *mime);

/* Detects the type (detect.h) then extracts; sets out->mime.  For a zip
 * archive, looks inside to tell ODT and DOCX apart.  The document always
 * comes out with a real title and its source (title_settle, title.h):
 * the file's own when useful, else what the extractor inferred (PDF
 * layout, first heading), else the first line of text, else the file
 * name. */
int extract_file(const char *path, docmeta *out, verr *err);

/* Appends text to a growing buffer, stopping at EXTRACT_MAX_TEXT.
 * Returns FALSE once the limit is reached. */
gboolean extract_append(GString *buf, const char *text, gssize len);

#endif
