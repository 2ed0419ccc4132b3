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
 * extract_office.c, extract_markdown.c. */
#ifndef VEILLE_EXTRACT_H
#define VEILLE_EXTRACT_H

#include "docmeta.h"
#include "verr.h"

/* Text beyond this many bytes is dropped (the document is still indexed). */
#define EXTRACT_MAX_TEXT (8u * 1024u * 1024u)

/* How extractors behave: one set per process, chosen before the
 * extraction workers start (they inherit it). */
typedef struct {
    gboolean ocr;          /* read PDF pages that have no text with Tesseract (ocr.h) */
    unsigned ocr_page_s;   /* at most this long per page */
    unsigned ocr_file_s;   /* and this long per file, all its pages: the extraction's time
                            * limit grows by as much once OCR starts (extract_ask_more_time) */
    unsigned tool_s;       /* a helper program's time limit (antiword, xls2csv, unrtf) */
} extract_options;

/* OCR on, 20 s a page, 120 s a file; helper programs 20 s. */
extern const extract_options extract_default_options;

/* Sets the process's options (copied); until then, the defaults. */
void extract_configure(const extract_options *o);
const extract_options *extract_current_options(void);

/* Called by an extractor before work that its options let run past the
 * file's time limit (OCR: its budget and one page's deadline), with the seconds it needs
 * on top; the extraction workers grant them (sandbox.h).  Without a hook
 * (extraction outside the workers) nothing happens. */
typedef void (*extract_more_time_fn)(unsigned extra_s);
void extract_set_more_time_hook(extract_more_time_fn fn);
void extract_ask_more_time(unsigned extra_s);

/* Fills out from the file at path of the given MIME type.  Returns 0, or
 * non-zero with err set (VERR_UNSUPPORTED when no extractor handles mime). */
typedef int (*extract_fn)(const char *path, docmeta *out, verr *err);

int extract_pdf(const char *path, docmeta *out, verr *err);
int extract_text(const char *path, docmeta *out, verr *err);
int extract_html(const char *path, docmeta *out, verr *err);
/* A text in Markdown (text: UTF-8, NUL-terminated) from the file at path:
 * its YAML front matter, then the rest rendered by cmark and read as HTML
 * (extract_markdown.c).  extract_text sends a text here when it is
 * text/markdown (extract_file says so of any text named .md or
 * .markdown), or markdown_is_likely says so. */
int extract_markdown_text(const char *text, const char *path, docmeta *out, verr *err);
/* Whether a plain text is written in Markdown: a front matter with a key
 * front_matter.h knows, or, in its first 400 lines, three marks of at
 * least two kinds among headings after a blank line, "**bold**", links,
 * Pandoc's "^{", raw HTML tags and "> " quotes (one kind alone may be a
 * plain text's comments or stars). */
gboolean markdown_is_likely(const char *text);
/* extract_html on a page already read (len bytes at data) that came from
 * the file at path (for its title rules); RTF goes through it. */
int extract_html_data(const char *data, gsize len, const char *path, docmeta *out, verr *err);
int extract_odt(const char *path, docmeta *out, verr *err);
int extract_docx(const char *path, docmeta *out, verr *err);
int extract_odp(const char *path, docmeta *out, verr *err);
int extract_pptx(const char *path, docmeta *out, verr *err);
int extract_ods(const char *path, docmeta *out, verr *err);
int extract_xlsx(const char *path, docmeta *out, verr *err);
/* Legacy Microsoft Office: by the application a compound file holds
 * (olefile.h), whatever libmagic called it. */
int extract_msoffice(const char *path, docmeta *out, verr *err);
int extract_rtf(const char *path, docmeta *out, verr *err);
/* A scan saved as an image, read by OCR; with OCR off, or no text found,
 * VERR_UNSUPPORTED (extract_image.c). */
int extract_image(const char *path, docmeta *out, verr *err);

/* Whether the file at path, of type mime, is a table (CSV, a workbook):
 * its lines are rows, neither Markdown nor a cover with a date. */
gboolean extract_is_table(const char *mime, const char *path);

/* The extractor for a MIME type, or NULL. */
extract_fn extract_for_mime(const char *mime);

/* Detects the type (detect.h) then extracts; sets out->mime.  For a zip
 * archive, looks inside to tell the office packages apart.  The document always
 * comes out with a real title and its source (title_settle, title.h):
 * the file's own when useful, else what the extractor inferred (PDF
 * layout, first heading), else the first line of text, else the file
 * name.  A document whose file records no date takes the one its first
 * lines give (docmeta_date_in_text). */
int extract_file(const char *path, docmeta *out, verr *err);

/* A paged text being built (slides, sheets): extract_next_page starts
 * page *pages + 1 (a form feed after the one before) and counts it;
 * extract_set_paged_text makes the cleaned text out's, with its page
 * count. */
void extract_next_page(GString *text, int *pages);
void extract_set_paged_text(docmeta *out, const GString *text, int pages);

/* Appends text to a growing buffer, stopping at EXTRACT_MAX_TEXT.
 * Returns FALSE once the limit is reached. */
gboolean extract_append(GString *buf, const char *text, gssize len);

#endif
