/* render_pdf.c - renders one corpus source (see compose.py) to an A4 PDF
 * with real text, page numbers and PDF metadata (title, author, subject,
 * keywords, creation date), using Pango and Cairo.  A development tool for
 * corpus/: the PDFs it makes are committed; Veille itself does not use it.
 *
 * Usage: render_pdf SOURCE.txt OUT.pdf */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 64.0

typedef struct {
    cairo_t *cr;
    cairo_surface_t *surface;
    double y;
    int page;
    const char *footer;
} page_state;

static void footer(page_state *ps)
{
    PangoLayout *l = pango_cairo_create_layout(ps->cr);
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 8");
    char text[512];
    snprintf(text, sizeof text, "%s — page %d", ps->footer, ps->page);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, -1);
    cairo_move_to(ps->cr, MARGIN, PAGE_H - MARGIN / 2);
    pango_cairo_show_layout(ps->cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
}

static void new_page(page_state *ps)
{
    footer(ps);
    cairo_show_page(ps->cr);
    ps->page++;
    ps->y = MARGIN;
}

/* Lays out one block and draws it line by line, breaking pages as needed. */
static void block(page_state *ps, const char *text, const char *font, double indent,
                  double space_after)
{
    PangoLayout *l = pango_cairo_create_layout(ps->cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN - indent) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, text, -1);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double h = (double)logical.height / PANGO_SCALE;
        if (ps->y + h > PAGE_H - MARGIN)
            new_page(ps);
        int baseline = pango_layout_iter_get_baseline(it);
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        cairo_move_to(ps->cr, MARGIN + indent + (double)logical.x / PANGO_SCALE,
                      ps->y + (double)(baseline - logical.y) / PANGO_SCALE);
        pango_cairo_show_layout_line(ps->cr, line);
        ps->y += h;
    } while (pango_layout_iter_next_line(it));
    ps->y += space_after;
    pango_layout_iter_free(it);
    pango_font_description_free(fd);
    g_object_unref(l);
}

static char *header_value(char **lines, const char *key)
{
    size_t n = strlen(key);
    for (char **l = lines; *l != NULL && strcmp(*l, "---") != 0; l++)
        if (strncmp(*l, key, n) == 0 && (*l)[n] == ':')
            return g_strstrip(g_strdup(*l + n + 1));
    return g_strdup("");
}

int main(int argc, char **argv)
{
    char *src = NULL;
    if (argc != 3 || !g_file_get_contents(argv[1], &src, NULL, NULL)) {
        fprintf(stderr, "usage: render_pdf SOURCE.txt OUT.pdf\n");
        return 1;
    }
    char **lines = g_strsplit(src, "\n", -1);
    char *title = header_value(lines, "Title"), *authors = header_value(lines, "Authors");
    char *org = header_value(lines, "Organisation"), *date = header_value(lines, "Date");
    char *summary = header_value(lines, "Summary"), *keywords = header_value(lines, "Keywords");
    char *author_meta = g_strjoinv(", ", g_strsplit(authors, " | ", -1));

    page_state ps = { 0 };
    ps.surface = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
    ps.cr = cairo_create(ps.surface);
    ps.y = MARGIN;
    ps.page = 1;
    ps.footer = org;
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_AUTHOR, author_meta);
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_SUBJECT, summary);
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_CREATOR, "Veille corpus");
    char *iso = g_strdup_printf("%sT10:00:00", date);
    cairo_pdf_surface_set_metadata(ps.surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);

    cairo_set_source_rgb(ps.cr, 0.1, 0.2, 0.45);
    block(&ps, org, "DejaVu Sans Bold 10", 0, 18);
    cairo_set_source_rgb(ps.cr, 0, 0, 0);
    block(&ps, title, "DejaVu Serif Bold 18", 0, 14);

    gboolean in_body = FALSE;
    for (char **l = lines; *l != NULL; l++) {
        if (!in_body) {
            in_body = strcmp(*l, "---") == 0;
            continue;
        }
        const char *t = *l;
        if (*t == '\0')
            continue;
        if (strncmp(t, "## ", 3) == 0)
            block(&ps, t + 3, "DejaVu Sans Bold 12", 0, 6);
        else if (strncmp(t, "# ", 2) == 0)
            block(&ps, t + 2, "DejaVu Sans Bold 14", 0, 8);
        else if (strncmp(t, "- ", 2) == 0) {
            char *b = g_strdup_printf("•  %s", t + 2);
            block(&ps, b, "DejaVu Serif 10.5", 14, 3);
            g_free(b);
        } else
            block(&ps, t, "DejaVu Serif 10.5", 0, 8);
    }
    footer(&ps);
    cairo_destroy(ps.cr);
    cairo_surface_finish(ps.surface);
    int rc = cairo_surface_status(ps.surface) == CAIRO_STATUS_SUCCESS ? 0 : 1;
    cairo_surface_destroy(ps.surface);
    return rc;
}
