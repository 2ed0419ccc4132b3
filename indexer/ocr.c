/* ocr.c - PDF pages rendered by poppler and read by Tesseract (ocr.h). */
#include "ocr.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <unistd.h>

/* The process's engine: NULL until a page needs it; failed stays TRUE
 * once it could not be loaded, so that the next pages fail at once. */
static TessBaseAPI *engine;
static gboolean engine_failed;

static TessBaseAPI *get_engine(verr *err)
{
    if (engine == NULL && !engine_failed) {
        TessBaseAPI *api = TessBaseAPICreate();
        /* its messages ("Estimating resolution...") would go to stderr */
        if (api != NULL && TessBaseAPIInit3(api, NULL, "fra") == 0) {
            TessBaseAPISetVariable(api, "debug_file", "/dev/null");
            engine = api;
        } else {
            if (api != NULL)
                TessBaseAPIDelete(api);
            engine_failed = TRUE;
        }
    }
    if (engine == NULL)
        verr_set(err, VERR_UNSUPPORTED, "ocr",
                 "OCR indisponible : Tesseract ou son modèle français (paquet "
                 "tesseract-ocr-fra) manque");
    return engine;
}

void ocr_budget_init(ocr_budget *b)
{
    b->opt = extract_current_options();
    b->start_us = 0;
}

void ocr_budget_start(ocr_budget *b)
{
    if (b->start_us != 0 || !b->opt->ocr)
        return;
    b->start_us = g_get_monotonic_time();
    extract_ask_more_time(b->opt->ocr_file_s + b->opt->ocr_page_s);
}

unsigned ocr_budget_next_page_ms(const ocr_budget *b)
{
    if (!b->opt->ocr)
        return 0;
    gint64 spent = b->start_us > 0 ? (g_get_monotonic_time() - b->start_us) / 1000 : 0;
    gint64 left = (gint64)b->opt->ocr_file_s * 1000 - spent;
    return left < OCR_FLOOR_MS ? 0 : (unsigned)MIN(left, (gint64)b->opt->ocr_page_s * 1000);
}

void ocr_restart_single_threaded(char **argv)
{
    if (getenv("OMP_THREAD_LIMIT") != NULL || setenv("OMP_THREAD_LIMIT", "1", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
}

gboolean ocr_file_has_images(const char *path)
{
    GMappedFile *f = g_mapped_file_new(path, FALSE, NULL);
    if (f == NULL)
        return FALSE;
    const char *data = g_mapped_file_get_contents(f), *end = data + g_mapped_file_get_length(f);
    gboolean found = FALSE;
    for (const char *p = data; !found && p != NULL && p < end;) {
        p = memmem(p, (size_t)(end - p), "/Image", 6);
        if (p == NULL)
            break;
        /* "/Subtype /Image", any white space between; not "/ImageMask" */
        const char *q = p;
        while (q > data && g_ascii_isspace(q[-1]))
            q--;
        found = q - data >= 8 && memcmp(q - 8, "/Subtype", 8) == 0 &&
                (p + 6 >= end || !g_ascii_isalnum(p[6]));
        p += 6;
    }
    g_mapped_file_unref(f);
    return found;
}

gboolean ocr_text_is_thin(const char *text)
{
    unsigned chars = 0;
    for (const char *p = text; p != NULL && *p != '\0' && chars < OCR_MIN_CHARS;
         p = g_utf8_next_char(p))
        chars += g_unichar_isalnum(g_utf8_get_char(p)) ? 1 : 0;
    return chars < OCR_MIN_CHARS;
}

gboolean ocr_page_has_image(PopplerPage *page)
{
    double w = 0, h = 0, covered = 0;
    poppler_page_get_size(page, &w, &h);
    GList *images = poppler_page_get_image_mapping(page);
    for (GList *l = images; l != NULL; l = l->next) {
        const PopplerImageMapping *m = l->data;
        double iw = MIN(m->area.x2, w) - MAX(m->area.x1, 0);
        double ih = MIN(m->area.y2, h) - MAX(m->area.y1, 0);
        if (iw > 0 && ih > 0)
            covered += iw * ih;
    }
    poppler_page_free_image_mapping(images);
    return w > 0 && h > 0 && covered >= 0.1 * w * h;
}

/* The page drawn in grey, one byte a pixel, rows of *width bytes. */
static guint8 *render_grey(PopplerPage *page, int *width, int *height, int *dpi)
{
    double w_pt = 0, h_pt = 0;
    poppler_page_get_size(page, &w_pt, &h_pt);
    if (!(w_pt > 0 && h_pt > 0))
        return NULL;
    double scale = OCR_DPI / 72.0;
    double pixels = w_pt * scale * h_pt * scale;
    if (pixels > OCR_MAX_PIXELS)
        scale *= sqrt(OCR_MAX_PIXELS / pixels);
    /* a sliver of a page (1e9 by 0.001 points) stays within cairo's sides */
    double wd = ceil(w_pt * scale), hd = ceil(h_pt * scale);
    if (!(wd >= 1 && wd <= OCR_MAX_SIDE && hd >= 1 && hd <= OCR_MAX_SIDE))
        return NULL;
    int w = (int)wd, h = (int)hd;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);

    guint8 *grey = g_malloc((gsize)w * (gsize)h);
    const guint8 *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const guint32 *row = (const guint32 *)(data + (gsize)y * (gsize)stride);
        for (int x = 0; x < w; x++) {
            guint32 px = row[x];
            guint r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
            grey[(gsize)y * (gsize)w + (gsize)x] = (guint8)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
    cairo_surface_destroy(s);
    *width = w;
    *height = h;
    *dpi = (int)lround(scale * 72.0);
    return grey;
}

/* What Tesseract reads of the image it was given, within deadline_ms;
 * then forgets it (see ocr_read_page). */
static char *recognise(TessBaseAPI *api, unsigned deadline_ms, verr *err)
{
    gint64 start = g_get_monotonic_time();
    ETEXT_DESC *monitor = TessMonitorCreate();
    TessMonitorSetDeadlineMSecs(monitor, (int)MIN(deadline_ms, (unsigned)G_MAXINT));
    TessBaseAPIRecognize(api, monitor); /* past the deadline, it stops with what it has */
    gboolean late = (g_get_monotonic_time() - start) / 1000 >= (gint64)deadline_ms;
    char *raw = TessBaseAPIGetUTF8Text(api);
    char *text = raw != NULL && g_utf8_validate(raw, -1, NULL) ? g_strdup(raw) : NULL;
    if (raw != NULL)
        TessDeleteText(raw);
    TessMonitorDelete(monitor);
    TessBaseAPIClear(api);
    if (text != NULL && *g_strstrip(text) == '\0' && late) {
        g_free(text);
        text = NULL;
    }
    if (text == NULL && late)
        verr_set(err, VERR_TIMEOUT, "ocr", "OCR : délai par page dépassé (%u s)",
                 deadline_ms / 1000);
    else if (text == NULL)
        verr_set(err, VERR_INTERNAL, "ocr", "OCR : aucun texte rendu");
    return text;
}

char *ocr_read_page(PopplerPage *page, unsigned deadline_ms, verr *err)
{
    TessBaseAPI *api = get_engine(err);
    if (api == NULL)
        return NULL;
    int w = 0, h = 0, dpi = OCR_DPI;
    guint8 *grey = render_grey(page, &w, &h, &dpi);
    if (grey == NULL) {
        verr_set(err, VERR_INTERNAL, "ocr", "page impossible à dessiner pour l'OCR");
        return NULL;
    }
    TessBaseAPISetImage(api, grey, w, h, 1, w);
    TessBaseAPISetSourceResolution(api, dpi);
    char *text = recognise(api, deadline_ms, err);
    g_free(grey);
    return text;
}

char *ocr_read_image(struct Pix *pix, unsigned deadline_ms, verr *err)
{
    TessBaseAPI *api = get_engine(err);
    if (api == NULL)
        return NULL;
    int res = pixGetXRes(pix);
    TessBaseAPISetImage2(api, pix);
    TessBaseAPISetSourceResolution(api, res >= 70 && res <= 1200 ? res : OCR_DPI);
    return recognise(api, deadline_ms, err);
}
