/* extract_image.c - scans saved as images (JPEG, PNG, TIFF, BMP, WebP),
 * read by OCR (ocr.h).
 *
 * A signed invitation photographed with a telephone or a report scanned
 * to TIFF is a document; a logo or a photograph is not.  An image is read
 * only with OCR on, when it is large enough to be a page (OCR_IMAGE_MIN
 * pixels a side) and not so large that decoding it would pass the
 * worker's memory limit; it becomes a document only when OCR finds text
 * in it.  Each page of a multi-page TIFF is a page of the text.  Images
 * are decoded by leptonica, Tesseract's own image library; the file's
 * OCR budget and per-page deadline are those of scanned PDFs. */
#include "extract.h"
#include "ocr.h"
#include "text.h"

#include <leptonica/allheaders.h>

/* A page is at least this many pixels on its shorter side (a page at
 * 72 dpi is 595 by 842). */
#define OCR_IMAGE_MIN 500
/* Pixels past which an image is not decoded (4 bytes a pixel). */
#define OCR_IMAGE_MAX_PIXELS (60.0 * 1000 * 1000)
/* Pages of a TIFF past this are left unread. */
#define OCR_IMAGE_MAX_PAGES 500

/* The number of pages of the TIFF at path (1 for other formats). */
static int tiff_pages(const char *path, int format)
{
    if (!L_FORMAT_IS_TIFF(format))
        return 1;
    FILE *f = fopen(path, "rb");
    l_int32 n = 1;
    if (f == NULL || tiffGetCount(f, &n) != 0 || n < 1)
        n = 1;
    if (f != NULL)
        fclose(f);
    return MIN(n, OCR_IMAGE_MAX_PAGES);
}

static gboolean has_words(const char *s)
{
    return s != NULL && !ocr_text_is_thin(s);
}

int extract_image(const char *path, docmeta *out, verr *err)
{
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    ocr_budget budget;
    ocr_budget_init(&budget);
    if (!budget.opt->ocr) {
        verr_set(err, VERR_UNSUPPORTED, "image", "image : lue seulement par OCR, désactivé");
        return -1;
    }
    setMsgSeverity(L_SEVERITY_NONE); /* leptonica's complaints go to stderr */
    if (pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) != 0) {
        /* an image is a document only once read: a damaged one is skipped */
        verr_set(err, VERR_UNSUPPORTED, "image", "image illisible");
        return -1;
    }
    if (MIN(w, h) < OCR_IMAGE_MIN) {
        verr_set(err, VERR_UNSUPPORTED, "image",
                 "image de %d × %d pixels : trop petite pour une page numérisée", w, h);
        return -1;
    }
    if ((double)w * (double)h > OCR_IMAGE_MAX_PIXELS) {
        verr_set(err, VERR_UNSUPPORTED, "image", "image de %d × %d pixels : trop grande", w, h);
        return -1;
    }
    int pages = tiff_pages(path, format);
    GString *text = g_string_new(NULL);
    ocr_budget_start(&budget);
    for (int i = 0; i < pages; i++) {
        if (i > 0)
            extract_append(text, "\f", 1);
        unsigned deadline_ms = ocr_budget_next_page_ms(&budget);
        PIX *pix = deadline_ms == 0 ? NULL : pages > 1 ? pixReadTiff(path, i) : pixRead(path);
        char *read = pix != NULL ? ocr_read_image(pix, deadline_ms, err) : NULL;
        if (read != NULL) {
            extract_append(text, read, -1);
            docmeta_add_ocr_page(out, i + 1);
        } else {
            out->ocr_skipped++;
        }
        g_free(read);
        pixDestroy(&pix);
    }
    int rc = -1;
    if (has_words(text->str)) {
        char *clean = text_clean(text->str, (gssize)text->len);
        docmeta_set(&out->text, clean);
        g_free(clean);
        out->pages = pages > 1 ? pages : 0;
        rc = 0;
    } else if (out->ocr_pages == NULL && err != NULL && err->code == VERR_UNSUPPORTED) {
        /* Tesseract's model is missing: err says so */
    } else {
        verr_set(err, VERR_UNSUPPORTED, "image", "image sans texte lisible (photo, logo ?)");
    }
    g_string_free(text, TRUE);
    return rc;
}
