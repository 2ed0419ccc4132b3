/* test_extract.c - each extractor on real files: the corpus's own PDF,
 * ODT, DOCX, HTML, slide decks, workbooks, legacy Office and RTF
 * documents, plus text written here in several encodings, a page drawn
 * as a scan, and broken files of each format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "detect.h"
#include "extract.h"
#include "ocr.h"
#include "ppt_text.h"
#include "title.h"

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = test_tmpdir("veille-extract-XXXXXX");
    return detect_init(NULL);
}

static int teardown(void **state)
{
    (void)state;
    int rc = test_rmtree(tmpdir);
    g_free(tmpdir);
    detect_shutdown();
    test_release_font_caches();
    return rc;
}

static char *write_tmp(const char *name, const char *data, gssize len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}

/* The first corpus document whose name starts with prefix. */
static char *corpus_file(const char *prefix)
{
    GDir *d = g_dir_open("corpus/documents", 0, NULL);
    assert_non_null(d);
    const char *name;
    char *found = NULL;
    while ((name = g_dir_read_name(d)) != NULL && found == NULL)
        if (g_str_has_prefix(name, prefix))
            found = g_build_filename("corpus/documents", name, NULL);
    g_dir_close(d);
    assert_non_null(found);
    return found;
}

static void test_pdf(void **state)
{
    (void)state;
    char *path = corpus_file("004-");
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "application/pdf");
    assert_string_equal(m->title, "Rapport d'activité 2013 – Atelier santé ville de Vénissieux");
    assert_string_equal(m->date, "2013-04-17");
    assert_true(m->pages >= 2);
    assert_true(m->authors->len >= 1);
    assert_non_null(m->keywords);
    assert_non_null(strstr(m->text, "souffrance psychique"));
    assert_true(g_utf8_validate(m->text, -1, NULL));
    docmeta_free(m);
    g_free(path);
}

static void test_pdf_broken(void **state)
{
    (void)state;
    /* a PDF cut after its header: poppler refuses it, we say why */
    char *path = write_tmp("cut.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog", -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_int_equal(err.code, VERR_PARSE);
    assert_non_null(strstr(err.msg, "PDF"));
    docmeta_free(m);
    g_free(path);
}

static void test_odt_docx(void **state)
{
    (void)state;
    static const char *const prefixes[] = { "057-", "060-" };
    static const char *const mimes[] = {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };
    for (size_t i = 0; i < 2; i++) {
        char *path = corpus_file(prefixes[i]);
        docmeta *m = docmeta_new();
        verr err;
        assert_int_equal(extract_file(path, m, &err), 0);
        assert_string_equal(m->mime, mimes[i]);
        assert_non_null(m->title);
        assert_non_null(m->date);
        assert_true(m->authors->len >= 1);
        assert_true(strlen(m->text) > 500);
        assert_non_null(strstr(m->text, "Compte rendu de réunion"));
        docmeta_free(m);
        g_free(path);
    }
}

static void test_html(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html><html lang=\"fr-FR\"><head><meta charset=\"utf-8\">"
        "<title>Guide &amp; nutrition</title><meta name=\"description\" content=\"Pour les "
        "ateliers\"><meta name=\"author\" content=\"IREPS Occitanie\">"
        "<style>p{color:red}</style><script>var hidden = 'secret';</script></head>"
        "<body><h1>Manger équilibré</h1><p>À Perpignan.<br>Deuxième ligne</p>"
        "<noscript>active JS</noscript></body></html>";
    char *path = write_tmp("page.html", page, -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->title, "Guide & nutrition");
    assert_string_equal(m->summary, "Pour les ateliers");
    assert_string_equal(m->lang, "fr");
    assert_string_equal(g_ptr_array_index(m->authors, 0), "IREPS Occitanie");
    assert_non_null(strstr(m->text, "Manger équilibré"));
    assert_non_null(strstr(m->text, "À Perpignan."));
    assert_null(strstr(m->text, "secret"));
    assert_null(strstr(m->text, "color"));
    assert_null(strstr(m->text, "active JS"));
    docmeta_free(m);
    g_free(path);
}

/* A page's own address: its canonical link before og:url before the
 * comment a browser writes into a saved page; none that is no http(s) one. */
static void test_html_address(void **state)
{
    (void)state;
    static const struct {
        const char *page, *url;
    } rows[] = {
        { "<html><head><meta property=\"og:url\" content=\"https://www.amiens.fr/og\">"
          "<link rel=\"canonical\" href=\" https://www.amiens.fr/sante \"><title>CLS</title>"
          "</head><body><p>Texte</p></body></html>",
          "https://www.amiens.fr/sante" },
        { "<html><head><meta property=\"og:url\" content=\"https://www.amiens.fr/og\">"
          "</head><body><p>Texte</p></body></html>",
          "https://www.amiens.fr/og" },
        { "<!DOCTYPE html>\n<!-- saved from url=(0042)https://www.bretagne.ars.sante.fr/cls -->\n"
          "<html><head><title>CLS</title></head><body><p>Texte</p></body></html>",
          "https://www.bretagne.ars.sante.fr/cls" },
        { "<!--\n Page saved with SingleFile \n url: https://www.mayotte.ars.sante.fr/cls \n"
          " saved date: Mon Dec 01 2025\n--><html><body><p>Texte</p></body></html>",
          "https://www.mayotte.ars.sante.fr/cls" },
        { "<!-- saved from url=(0060)https://jean:secret@www.amiens.fr/cls?session=42#haut -->"
          "<html><head><link rel=\"canonical\" href=\"//www.amiens.fr/cls\"></head>"
          "<body><p>Texte</p></body></html>",
          "https://www.amiens.fr/cls" }, /* a canonical without its scheme */
        { "<!-- saved from url=(0060)HTTPS://jean:secret@www.amiens.fr/cls?session=42#haut -->"
          "<html><body><p>Texte</p></body></html>",
          "https://www.amiens.fr/cls" }, /* no user, password, query nor fragment kept */
        { "<html><head><link rel=\"canonical\" href=\"/relative/page\">"
          "<meta property=\"og:url\" content=\"javascript:alert(1)\"></head>"
          "<body><p>Texte</p></body></html>",
          NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *path = write_tmp("address.html", rows[i].page, -1);
        docmeta *m = docmeta_new();
        verr err;
        assert_int_equal(extract_file(path, m, &err), 0);
        if (rows[i].url == NULL)
            assert_null(m->source_url);
        else
            assert_string_equal(m->source_url, rows[i].url);
        docmeta_free(m);
        g_free(path);
    }
}

static void test_text_encodings(void **state)
{
    (void)state;
    const char cp1252[] = "R\xE9union de l\x92\xE9quipe\r\n\r\nSant\xE9 mentale \x96 bilan\r\n";
    char *path = write_tmp("cr.txt", cp1252, -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "text/plain");
    assert_string_equal(m->charset, "windows-1252");
    assert_string_equal(m->title, "Réunion de l’équipe");
    assert_non_null(strstr(m->text, "Santé mentale – bilan"));
    docmeta_free(m);
    g_free(path);
}

/* libmagic calls this "message/news" (it starts like a news header) */
static void test_text_like_news(void **state)
{
    (void)state;
    char *path = write_tmp("article.txt", "Article premier : le CLS de Nantes.\nTexte du compte rendu.\n", -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_string_equal(m->mime, "text/plain");
    assert_non_null(strstr(m->text, "CLS de Nantes"));
    docmeta_free(m);
    g_free(path);
}

/* The document extracted from data written to a file called name (data
 * up to its NUL); the extraction must succeed.  Caller frees. */
static docmeta *extracted(const char *name, const char *data)
{
    char *path = write_tmp(name, data, -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    g_free(path);
    return m;
}

/* A text file written in Markdown, as Pandoc exports a report: its marks
 * stay out of the text and the title, its raw HTML keeps its words, and a
 * heading that says little takes the one under it. */
static void test_markdown_in_text(void **state)
{
    (void)state;
    const char *md = "\n# Séminaire\n\n## Les CLS, quelle plus-value pour les ASV ?\n\n"
                     "### Constat\n\nLe **contrat local de santé** (CLS) est proposé au 1^{er} "
                     "trimestre.\n\n<ul style=\"list-style-type: none\"> • Participation "
                     "des habitants • Diagnostics partagés</ul>\n\n"
                     "Contact : [la plateforme](mailto:asv@example.org)\n";
    docmeta *m = extracted("003_seminaire.txt", md);
    assert_string_equal(m->mime, "text/plain");
    assert_string_equal(m->title, "Séminaire : Les CLS, quelle plus-value pour les ASV ?");
    assert_string_equal(m->title_source, TITLE_SOURCE_HEADING);
    assert_non_null(strstr(m->text, "Le contrat local de santé (CLS) est proposé au 1er trimestre."));
    assert_non_null(strstr(m->text, "Participation des habitants"));
    assert_non_null(strstr(m->text, "Contact : la plateforme"));
    assert_null(strstr(m->text, "**"));
    assert_null(strstr(m->text, "#"));
    assert_null(strstr(m->text, "mailto"));
    docmeta_free(m);

    /* text between two headings stops the subtitle; so does a heading of
     * the same level, or one that is not the level right under it */
    static const char *const own[][2] = {
        { "# Compte rendu\n\nRéunion du groupe.\n\n## Présents\n", "Compte rendu" },
        { "# Introduction\n\n# Partie deux du rapport\n", "Introduction" },
        { "# Séminaire\n\n### Constat\n\nTexte.\n", "Séminaire" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++) {
        m = extracted("cr.md", own[i][0]);
        assert_string_equal(m->title, own[i][1]);
        docmeta_free(m);
    }

    /* raw HTML left open would hide the rest: the text stays as it is */
    m = extracted("ouvert.md", "# Bilan\n\n<!-- note\n\nLe contrat local de santé de la ville "
                               "et ses ateliers.\n\n## Suite\n\nLes actions de l'année.\n");
    assert_non_null(strstr(m->text, "Les actions de l'année."));
    assert_non_null(m->title);
    docmeta_free(m);

    /* Pandoc's carets: "1^er^" */
    m = extracted("sup.md", "# Bilan\n\nLe 1^er^ trimestre, x^2 + y^2.\n");
    assert_non_null(strstr(m->text, "Le 1er trimestre, x^2 + y^2."));
    docmeta_free(m);
}

/* A site generator's page: the front matter names it, and none of it is
 * text. */
static void test_markdown_front_matter(void **state)
{
    (void)state;
    const char *md = "---\nauthor: Poitiers Collectif\ncategories:\n- Actualités\n"
                     "- Compte-rendu\ndate: '2019-05-19T23:43:30'\ndraft: false\n"
                     "title: Compte-rendu - Quelles solutions pour les femmes en situation\n"
                     "  de précarité ?\n---\n\n# **Quelles solutions ?**\n\n"
                     "_Deuxième table ronde_ du groupe Solidarités.\n";
    docmeta *m = extracted("compte-rendu.md", md);
    assert_string_equal(m->title,
                        "Compte-rendu - Quelles solutions pour les femmes en situation de précarité ?");
    assert_string_equal(m->title_source, TITLE_SOURCE_METADATA);
    assert_string_equal(g_ptr_array_index(m->authors, 0), "Poitiers Collectif");
    assert_string_equal(m->date, "2019-05-19");
    assert_string_equal(m->keywords, "Actualités, Compte-rendu");
    assert_non_null(strstr(m->text, "Deuxième table ronde du groupe Solidarités."));
    assert_null(strstr(m->text, "draft"));
    assert_null(strstr(m->text, "author"));
    docmeta_free(m);

    /* a page with HTML in it is text/html to libmagic: its name says Markdown */
    m = extracted("page.md", "---\ntitle: Atelier citoyen\n---\n\n**Information** sur la "
                             "démarche.\n\n* Avis publié sur <a href=\"https://example.org/a\">le "
                             "site</a>.\n* Synthèses sur <a href=\"https://example.org/b\">le "
                             "site de la CNS</a>.\n<a href=\"https://example.org/c\">Vidéos</a>\n");
    assert_string_equal(m->mime, "text/markdown");
    assert_string_equal(m->title, "Atelier citoyen");
    assert_null(strstr(m->text, "title:"));
    docmeta_free(m);

    /* a rule that opens the file is not a front matter: its lines are text,
     * even when they read as a YAML key with no known name */
    static const char *const rules[][2] = {
        { "regle.md", "---\nUn texte sous un trait.\n---\nSuite.\n" },
        { "objet.txt", "---\nObjet : réunion du comité\n---\nPrésents : **A**, **B** et **C**.\n" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        m = extracted(rules[i][0], rules[i][1]);
        assert_non_null(strstr(m->text, i == 0 ? "Un texte sous un trait." : "Objet : réunion du comité"));
        docmeta_free(m);
    }

    /* French typography that YAML refuses ("Séminaire : Les CLS", a tab):
     * read a line at a time, and still no text */
    m = extracted("fr.md", "---\ntitle: Séminaire : Les CLS\nauthor:\tPlateforme ASV\n"
                           "lang: 中文\n---\n\nCorps du texte.\n");
    assert_string_equal(m->title, "Séminaire : Les CLS");
    assert_string_equal(g_ptr_array_index(m->authors, 0), "Plateforme ASV");
    assert_null(m->lang); /* not a language tag */
    assert_null(strstr(m->text, "title"));
    assert_non_null(strstr(m->text, "Corps du texte."));
    docmeta_free(m);
}

/* Plain text with a '#' or two stays as it is, line by line; a year alone
 * above a short first line dates the title. */
static void test_plain_text_stays_plain(void **state)
{
    (void)state;
    docmeta *m = extracted("notes.txt", "2012\n\nRapport d'activité\n\nMars 2013\n"
                                        "# 5 ateliers\nSuite *du* texte\n");
    assert_string_equal(m->title, "Rapport d'activité 2012");
    assert_non_null(strstr(m->text, "# 5 ateliers\nSuite *du* texte"));
    docmeta_free(m);
    assert_false(markdown_is_likely("#include <stdio.h>\n# comment\nint x;\n"));
    assert_false(markdown_is_likely("# réglages\n# port d'écoute\n# journal\nport=8080\n"));
    assert_false(markdown_is_likely("Notes\n****************************************\n"
                                    "C:\\dossier\\_old\n1. point un\n"));
    assert_true(markdown_is_likely("# Titre\n\nLe **CLS** et le **CLSM** de la ville.\n"));

    /* a table's rows and their years date nothing and title nothing */
    m = extracted("budget.txt", "Budget\n2019\n2020\n2021\n");
    assert_string_equal(m->title, "Budget");
    assert_null(m->date);
    docmeta_free(m);
    m = extracted("achats.csv", "01/02/2020,Achat,12.50\n");
    assert_null(m->date);
    docmeta_free(m);
}

static void test_unsupported_and_zip(void **state)
{
    (void)state;
    /* PNG header: detected, not extracted, reported as unsupported */
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    char *path = write_tmp("image.pdf", png, sizeof png - 1); /* the name lies */
    docmeta *m = docmeta_new();
    verr err;
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "image/png"));
    docmeta_free(m);
    g_free(path);

    /* a truncated DOCX (zip cut in half) fails with a reason */
    char *docx = corpus_file("060-");
    char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(docx, &data, &len, NULL));
    path = write_tmp("cut.docx", data, (gssize)(len / 2));
    m = docmeta_new();
    assert_int_not_equal(extract_file(path, m, &err), 0);
    assert_true(strlen(err.msg) > 0);
    docmeta_free(m);
    g_free(path);
    g_free(data);
    g_free(docx);
}


/* Each office format of the corpus: its type, title, page (slide,
 * sheet) count, and a word of its body that no other corpus file has. */
static void test_office_formats(void **state)
{
    (void)state;
    static const struct {
        const char *prefix, *mime, *title;
        int pages;
        const char *word;
    } cases[] = {
        { "068-", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "Comité de pilotage du contrat local de santé de Vannes – juin 2022", 6, "avenant" },
        { "069-", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Tableau de suivi des actions du contrat local de santé de Perpignan", 2,
          "vaccination" },
        { "070-", "application/vnd.oasis.opendocument.presentation",
          "Conseil local de santé mentale de Lyon : bilan et feuille de route", 5,
          "Réhabilitation" },
        { "071-", "application/vnd.oasis.opendocument.spreadsheet",
          "Budget et calendrier du programme nutrition 2023 – Atelier santé ville de Toulon", 2,
          "légumineuses" },
        { "072-", "text/rtf", "Invitation – journée d'échanges « Vieillissement » (Tours)", 0,
          "gérontologique" },
        { "073-", "application/msword",
          "Compte rendu du groupe de travail santé mentale et habitat et logement – Lille", 2,
          "punaises" },
        { "074-", "application/vnd.ms-excel",
          "Tableau d'indicateurs du diagnostic local de santé de Besançon", 2, "mammographie" },
        { "075-", "application/vnd.ms-powerpoint",
          "L'atelier santé ville de Nîmes : démarche et diagnostic partagé", 5, "photolangage" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *path = corpus_file(cases[i].prefix);
        docmeta *m = docmeta_new();
        verr err;
        verr_clear(&err);
        if (extract_file(path, m, &err) != 0)
            fail_msg("%s: %s", path, err.msg);
        assert_string_equal(m->mime, cases[i].mime);
        assert_string_equal(m->title, cases[i].title);
        assert_int_equal(m->pages, cases[i].pages);
        assert_non_null(m->date);
        assert_true(m->authors->len >= 1);
        assert_true(g_utf8_validate(m->text, -1, NULL));
        if (strstr(m->text, cases[i].word) == NULL)
            fail_msg("%s: no « %s » in its text", path, cases[i].word);
        /* slides and sheets are the text's pages (a Word file's count is
         * its properties': its text has no page breaks) */
        if (cases[i].pages > 1 && strcmp(cases[i].mime, "application/msword") != 0) {
            int feeds = 0;
            for (const char *p = m->text; (p = strchr(p, '\f')) != NULL; p++)
                feeds++;
            assert_int_equal(feeds, cases[i].pages - 1);
        }
        docmeta_free(m);
        g_free(path);
    }
}

/* Slides come in the presentation's order, not their files' numbers; a
 * sheet's cells are tab-separated on one line. */
static void test_slide_order_and_cells(void **state)
{
    (void)state;
    char *path = corpus_file("068-");
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_true(g_str_has_prefix(m->text, "Comité de pilotage du contrat local de santé"));
    docmeta_free(m);
    g_free(path);

    /* every shape of an ODP slide, not only its title */
    path = corpus_file("070-");
    m = docmeta_new();
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_non_null(strstr(m->text, "Le CLSM en bref\nUn espace de concertation"));
    assert_non_null(strstr(m->text, "bailleurs"));
    docmeta_free(m);
    g_free(path);

    path = corpus_file("069-");
    m = docmeta_new();
    assert_int_equal(extract_file(path, m, &err), 0);
    assert_true(g_str_has_prefix(m->text, "Actions\n"));
    assert_non_null(strstr(m->text, "\fCalendrier\n"));
    assert_non_null(strstr(m->text, "CLS-01\tSanté des jeunes\t"));
    docmeta_free(m);
    g_free(path);
}

/* Each format, cut in half, fails with a reason (and a file that is no
 * RTF but says so fails too). */
static void test_broken_office_files(void **state)
{
    (void)state;
    static const char *const prefixes[] = { "068-", "069-", "070-", "071-", "073-", "074-",
                                            "075-" };
    for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        char *path = corpus_file(prefixes[i]), *data = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(path, &data, &len, NULL));
        char *cut = g_strconcat("cut.", strrchr(path, '.') + 1, NULL);
        char *tmp = write_tmp(cut, data, (gssize)(len / 2));
        docmeta *m = docmeta_new();
        verr err;
        verr_clear(&err);
        if (extract_file(tmp, m, &err) == 0)
            fail_msg("%s cut in half was read", path);
        assert_true(strlen(err.msg) > 10);
        docmeta_free(m);
        g_free(tmp);
        g_free(cut);
        g_free(data);
        g_free(path);
    }
    char *tmp = write_tmp("bad.rtf", "{\\rtf1 \\bin999999 \x01\x02\x03", -1);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_not_equal(extract_file(tmp, m, &err), 0);
    assert_non_null(strstr(err.msg, "RTF"));
    docmeta_free(m);
    g_free(tmp);
}

/* A PNG of w x h pixels (white), with lines of text drawn at size px. */
static char *write_png(const char *name, int w, int h, const char *const *lines, double size)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    for (int i = 0; lines != NULL && lines[i] != NULL; i++) {
        cairo_move_to(cr, 80, 150 + i * size * 1.6);
        cairo_show_text(cr, lines[i]);
    }
    cairo_destroy(cr);
    assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return path;
}

/* A scan saved as an image is read by OCR; a logo-sized image, an image
 * without text, and any image with OCR off are skipped with their reason. */
static void test_scanned_image(void **state)
{
    (void)state;
    static const char *const lines[] = { "Invitation au comité de pilotage",
                                         "du contrat local de santé de Quimperlé,",
                                         "le mardi 12 mars à la mairie.", NULL };
    char *scan = write_png("invitation.png", 1240, 1754, lines, 36);
    docmeta *m = docmeta_new();
    verr err;
    verr_clear(&err);
    if (extract_file(scan, m, &err) != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(m->mime, "image/png");
    assert_non_null(strstr(m->text, "pilotage"));
    assert_non_null(strstr(m->text, "mairie"));
    assert_non_null(m->ocr_pages);
    assert_int_equal(m->ocr_pages->len, 1);
    docmeta_free(m);

    char *logo = write_png("logo.png", 200, 80, NULL, 10);
    char *blank = write_png("blank.png", 1240, 1754, NULL, 10);
    const char *const paths[] = { logo, blank };
    const char *const reasons[] = { "trop petite", "sans texte" };
    for (size_t i = 0; i < 2; i++) {
        m = docmeta_new();
        assert_int_not_equal(extract_file(paths[i], m, &err), 0);
        assert_int_equal(err.code, VERR_UNSUPPORTED);
        assert_non_null(strstr(err.msg, "image/png"));
        assert_non_null(strstr(err.msg, reasons[i]));
        docmeta_free(m);
    }
    extract_options off = extract_default_options;
    off.ocr = FALSE;
    extract_configure(&off);
    m = docmeta_new();
    assert_int_not_equal(extract_file(scan, m, &err), 0);
    assert_int_equal(err.code, VERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "OCR"));
    docmeta_free(m);
    extract_configure(&extract_default_options);
    g_free(blank);
    g_free(logo);
    g_free(scan);
}

/* An RTF with a picture leaves no file behind (unrtf would write
 * pict001.png into its working folder). */
static void test_rtf_picture(void **state)
{
    (void)state;
    char *rtf = write_tmp("image.rtf", "{\\rtf1\\ansi{\\info{\\title Rapport illustr\\'e9}}"
                          "Compte rendu avec une photo.\\par{\\pict\\pngblip\\picw10\\pich10 "
                          "89504e470d0a1a0a0000000d49484452}\\par Fin.}", -1);
    char *cwd = g_get_current_dir(), *empty = g_build_filename(tmpdir, "cwd", NULL);
    assert_int_equal(g_mkdir(empty, 0700), 0);
    assert_int_equal(chdir(empty), 0);
    docmeta *m = docmeta_new();
    verr err;
    int rc = extract_file(rtf, m, &err);
    GDir *d = g_dir_open(".", 0, NULL);
    const char *left = d != NULL ? g_dir_read_name(d) : "?";
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    assert_string_equal(m->title, "Rapport illustré");
    assert_non_null(strstr(m->text, "Compte rendu avec une photo."));
    assert_null(left);
    if (d != NULL)
        g_dir_close(d);
    docmeta_free(m);
    g_free(empty);
    g_free(cwd);
    g_free(rtf);
}

/* A page drawn as a scan (an image, no text layer) is read by OCR, and
 * the record says so; with OCR off, it is counted as left unread. */
static void test_scanned_page(void **state)
{
    (void)state;
    const pdf_item items[] = {
        { 0, 22, 60, 100, "Diagnostic local de santé", 1 },
        { 0, 14, 60, 160, "Les habitants du quartier Kervénanec", 0 },
        { 0, 14, 60, 190, "demandent une permanence de santé mentale.", 0 },
        { 1, 14, 60, 100, "Deuxième page avec une couche de texte ordinaire.", 0 },
        { -1, 0, 0, 0, NULL, 0 },
    };
    char *scan = test_write_scanned_pdf(tmpdir, "scan.pdf", items, 200);
    docmeta *m = docmeta_new();
    verr err;
    assert_int_equal(extract_file(scan, m, &err), 0);
    assert_int_equal(m->pages, 2);
    assert_non_null(m->ocr_pages);
    assert_int_equal(m->ocr_pages->len, 2); /* both pages are images here */
    assert_int_equal(g_array_index(m->ocr_pages, int, 0), 1);
    assert_non_null(strstr(m->text, "habitants"));
    assert_non_null(strstr(m->text, "permanence"));
    assert_non_null(strstr(m->text, "\f"));
    docmeta_free(m);

    extract_options off = extract_default_options;
    off.ocr = FALSE;
    extract_configure(&off);
    m = docmeta_new();
    assert_int_equal(extract_file(scan, m, &err), 0);
    assert_null(m->ocr_pages);
    assert_int_equal(m->ocr_skipped, 2);
    assert_null(m->text != NULL ? strstr(m->text, "permanence") : NULL);
    docmeta_free(m);
    extract_configure(&extract_default_options);

    /* a page with its own text is not read again */
    char *plain = test_write_pdf(tmpdir, "plain.pdf", NULL, items);
    m = docmeta_new();
    assert_int_equal(extract_file(plain, m, &err), 0);
    assert_null(m->ocr_pages);
    assert_int_equal(m->ocr_skipped, 0);
    docmeta_free(m);
    g_free(plain);
    g_free(scan);
}

/* ---- PowerPoint records ---------------------------------------------------------- */

/* Appends a record header to b; returns where its length is, to patch. */
static guint record(GByteArray *b, guint16 ver_inst, guint16 type, guint32 len)
{
    guint8 h[8] = { ver_inst & 0xFF, ver_inst >> 8, type & 0xFF, type >> 8,
                    len & 0xFF, (len >> 8) & 0xFF, (len >> 16) & 0xFF, len >> 24 };
    g_byte_array_append(b, h, 8);
    return b->len - 4;
}

static void close_container(GByteArray *b, guint len_at)
{
    guint32 len = b->len - (len_at + 4);
    for (int i = 0; i < 4; i++)
        b->data[len_at + i] = (len >> (8 * i)) & 0xFF;
}

static void text_atom(GByteArray *b, const char *utf8, gboolean wide)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    record(b, 0, wide ? 0x0FA0 : 0x0FA8, (guint32)(wide ? 2 * n : n));
    for (glong i = 0; i < n; i++) {
        guint8 c[2] = { u[i] & 0xFF, u[i] >> 8 };
        g_byte_array_append(b, c, wide ? 2 : 1);
    }
    g_free(u);
}

/* Placeholder text from the slide list and box text from the slides are
 * merged per slide, masters left out, repeats kept once; a damaged
 * record ends the walk without harm. */
static void test_ppt_records(void **state)
{
    (void)state;
    GByteArray *b = g_byte_array_new();
    guint doc = record(b, 0x000F, 0x03E8, 0);
    guint list = record(b, 0x000F, 0x0FF0, 0);
    record(b, 0, 0x03F3, 0);
    text_atom(b, "Titre un\rsous-titre", TRUE);
    record(b, 0, 0x03F3, 0);
    text_atom(b, "Deux", FALSE);
    close_container(b, list);
    close_container(b, doc);
    guint master = record(b, 0x000F, 0x03F8, 0);
    text_atom(b, "Cliquez pour modifier le titre", TRUE);
    close_container(b, master);
    guint slide = record(b, 0x000F, 0x03EE, 0);
    text_atom(b, "Titre un", TRUE);
    text_atom(b, "Boîte libre", FALSE);
    close_container(b, slide);
    slide = record(b, 0x000F, 0x03EE, 0);
    text_atom(b, "Deux", TRUE);
    close_container(b, slide);

    GString *text = g_string_new(NULL);
    verr err;
    assert_int_equal(ppt_text_read(b->data, b->len, text, &err), 2);
    assert_string_equal(text->str, "Titre un\nsous-titre\nBoîte libre\n\fDeux\n");

    /* the last record claims more than there is: what came before stays */
    record(b, 0x000F, 0x03EE, 1000);
    g_string_truncate(text, 0);
    assert_int_equal(ppt_text_read(b->data, b->len, text, &err), 2);
    assert_non_null(strstr(text->str, "Deux"));

    g_string_truncate(text, 0);
    assert_int_equal(ppt_text_read((const guint8 *)"abc", 3, text, &err), -1);
    assert_int_equal(err.code, VERR_PARSE);
    g_string_free(text, TRUE);
    g_byte_array_unref(b);
}

int main(int argc, char **argv)
{
    (void)argc;
    ocr_restart_single_threaded(argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf),          cmocka_unit_test(test_pdf_broken),
        cmocka_unit_test(test_odt_docx),     cmocka_unit_test(test_html), cmocka_unit_test(test_html_address),
        cmocka_unit_test(test_text_encodings), cmocka_unit_test(test_unsupported_and_zip),
        cmocka_unit_test(test_text_like_news), cmocka_unit_test(test_office_formats),
        cmocka_unit_test(test_markdown_in_text), cmocka_unit_test(test_markdown_front_matter),
        cmocka_unit_test(test_plain_text_stays_plain),
        cmocka_unit_test(test_slide_order_and_cells), cmocka_unit_test(test_broken_office_files),
        cmocka_unit_test(test_scanned_page), cmocka_unit_test(test_ppt_records),
        cmocka_unit_test(test_rtf_picture), cmocka_unit_test(test_scanned_image),
    };
    return cmocka_run_group_tests_name("extract", tests, setup, teardown);
}
