/* ocr.h - the text of PDF pages that have none (scans, signed and scanned
 * invitations), read by Tesseract.
 *
 * A page is rendered by poppler into a cairo image at OCR_DPI (less for a
 * page so large that it would pass OCR_MAX_PIXELS), turned to grey, and
 * recognised by Tesseract's C API with its French model ("fra",
 * tesseract-ocr-fra).  The engine is loaded once per process, the first
 * time a page needs it, so only extraction workers that meet a scan pay
 * for it.  Each page has a deadline, which Tesseract's progress monitor
 * enforces; extract_pdf.c keeps the budget of the whole file.  Runs in
 * the extraction workers only (sandbox.h).  Image files (scans saved as
 * JPEG, PNG or TIFF) are read the same way, by leptonica (extract_image.c). */
#ifndef VEILLE_OCR_H
#define VEILLE_OCR_H

#include <glib.h>
#include <poppler.h>
#include "extract.h"
#include "verr.h"

struct Pix;

#ifndef OCR_DPI
#define OCR_DPI 300
#endif
#define OCR_MAX_PIXELS (40u * 1000u * 1000u)
#define OCR_MAX_SIDE 32767 /* cairo's largest image side */
/* A page whose text layer has fewer letters and digits than this is read
 * by OCR when an image covers part of it. */
#define OCR_MIN_CHARS 24

/* One file's OCR time: its budget (the options' ocr_file_s) starts with
 * its first page that may be a scan, when the extra time is asked for
 * (extract_ask_more_time); each page gets the options' ocr_page_s, or
 * what is left, and none is started with less than OCR_FLOOR_MS left. */
#define OCR_FLOOR_MS 1000
typedef struct {
    const extract_options *opt;
    gint64 start_us;       /* when the budget started, 0 before */
} ocr_budget;

void ocr_budget_init(ocr_budget *b);
/* Starts the budget (the first call only) and asks for its time. */
void ocr_budget_start(ocr_budget *b);
/* The next page's deadline in ms, or 0 when OCR is off or too little of
 * the budget is left. */
unsigned ocr_budget_next_page_ms(const ocr_budget *b);

/* Tesseract runs its network on OpenMP, ten threads a page, which on a
 * small machine spin against each other and against the other workers
 * (measured: 2 pages in 14.7 s, 7.7 s of it in the kernel; 2.2 s with
 * one thread).  The OpenMP runtime reads its thread limit only when the
 * program is loaded, so a program that may OCR calls this first thing
 * in main: unless OMP_THREAD_LIMIT is set, it sets it to 1 and executes
 * the program again (/proc/self/exe, same arguments).  Returns when no
 * restart is needed, or when it failed (the program then goes on, slower). */
void ocr_restart_single_threaded(char **argv);

/* Whether the PDF file at path holds an image XObject at all.  Asking
 * poppler where a page's images are runs its whole drawing, which some
 * pages make take minutes (a function-based shading: over 30 s); a stream
 * object's dictionary is never compressed (PDF 1.5 object streams hold no
 * streams), so "/Subtype /Image" in the file's bytes tells first, in one
 * pass. */
gboolean ocr_file_has_images(const char *path);

/* Whether page, whose text layer is text, looks scanned: hardly any text
 * (fewer than OCR_MIN_CHARS letters and digits) and an image covering at
 * least a tenth of it.  Call it only for a file ocr_file_has_images
 * accepts. */
gboolean ocr_text_is_thin(const char *text);
gboolean ocr_page_has_image(PopplerPage *page);

/* The text Tesseract reads on page within deadline_ms (what it had read
 * when time ran out, if anything), or NULL with err set: VERR_UNSUPPORTED
 * when Tesseract or its French model is missing, VERR_TIMEOUT when time
 * ran out before any text, VERR_INTERNAL when rendering failed.  Caller
 * frees with g_free(). */
char *ocr_read_page(PopplerPage *page, unsigned deadline_ms, verr *err);

/* The same for an image read by leptonica (borrowed), at its own
 * resolution (300 dpi when it records none or an implausible one). */
char *ocr_read_image(struct Pix *pix, unsigned deadline_ms, verr *err);

#endif
