/* test_title.c - every document has a real title (lib/title.h,
 * indexer/pdf_title.h): the rules (useless titles, boilerplate lines, the
 * first line of text, the cleaned file name, the catalogue's precedence),
 * then each extractor through extract_file on files written here: PDFs
 * drawn with cairo (with a good, a missing and a useless Info title; a
 * cover with a logo, a running header and a date; heading styles; a blank
 * cover; a man page's layout; no text at all), HTML pages, ODT and DOCX
 * archives written with libarchive, and text files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <string.h>

#include "detect.h"
#include "extract.h"
#include "title.h"

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = test_tmpdir("veille-title-XXXXXX");
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

/* ---- The rules ------------------------------------------------------------------ */

static void test_useless(void **state)
{
    (void)state;
    static const struct { const char *title, *path; gboolean useless; } rows[] = {
        { NULL, NULL, TRUE },
        { "", NULL, TRUE },
        { "   ", NULL, TRUE },
        { "untitled", NULL, TRUE },
        { "Sans titre", NULL, TRUE },
        { "sans titre 2", NULL, TRUE },
        { "Untitled-1", NULL, TRUE },
        { "Document1", NULL, TRUE },
        { "Document 12", NULL, TRUE },
        { "Diapositive 1", NULL, TRUE },
        { "Présentation PowerPoint", NULL, TRUE },
        { "Microsoft Word - rapport.doc", NULL, TRUE },
        { "Microsoft Word - Rapport annuel", NULL, TRUE },
        { "Microsoft PowerPoint - diaporama CLS", NULL, TRUE },
        { "rapport_final.docx", NULL, TRUE },
        { "Compte rendu.PDF", NULL, TRUE },
        { "C:\\Users\\asv\\Documents\\rapport", NULL, TRUE },
        { "http://www.exemple.fr/rapport.html", NULL, TRUE },
        { "about:blank", NULL, TRUE },
        { "2019-03-12", NULL, TRUE },
        { "12345", NULL, TRUE },
        { "-- / --", NULL, TRUE },
        { "rapport-CLS_2019", "/docs/rapport-CLS_2019.pdf", TRUE }, /* its own file name */
        { "RAPPORT CLS 2019", "/docs/rapport-CLS_2019.pdf", TRUE },
        { "Rapport d'activité 2013", NULL, FALSE },
        { "Diagnostic local de santé de Cayenne", "/docs/diag.pdf", FALSE },
        { "Document unique d'évaluation des risques", NULL, FALSE },
        { "Titre de séjour et accès aux soins", NULL, FALSE },
        { "Word et Excel pour les coordinateurs", NULL, FALSE },
        { "CLS", NULL, FALSE },
        { "RPU2012-Resural", NULL, TRUE }, /* a job's name */
        { "doc12.final", NULL, TRUE },
        { "rapport2019_v2", NULL, TRUE },
        { "Grippe-H1N1", NULL, FALSE },
        { "Covid-19", NULL, FALSE },
        { "H1N1", NULL, FALSE },
        { "Franche-Comté", NULL, FALSE },
        { "Personnes_agees", NULL, FALSE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
        if (title_is_useless(rows[i].title, rows[i].path) != rows[i].useless)
            fail_msg("title_is_useless(\"%s\") should be %d", rows[i].title, rows[i].useless);
}

static void test_in_text(void **state)
{
    (void)state;
    const char *text = "Votre habitat : qui répare, qui entretient ? Le locataire et le "
                       "propriétaire.\f\nPage deux : la chaudière.";
    assert_true(title_in_text("Qui répare ?", text, 1000));
    assert_true(title_in_text("LOCATAIRE", text, 1000));     /* case and accents folded */
    assert_false(title_in_text("plaquette A3-1", text, 1000)); /* a print job's name */
    assert_false(title_in_text("Chaudière", text, 60));       /* past the first max bytes */
    assert_true(title_in_text("A3 v2", text, 1000));          /* no word to check */
    assert_int_equal(title_words("Matrix [ 1.0000 0.0000 ]"), 1);
    assert_int_equal(title_words("Guide pratique de la santé"), 3);
}

/* An acronym's words: the initials of a title's words, stop words aside. */
static void test_expands(void **state)
{
    (void)state;
    assert_true(title_expands("Contrat Local de Santé de la Communauté de communes", "CLS"));
    assert_true(title_expands("conseil local de santé mentale", "clsm"));
    assert_true(title_expands("Évaluation d'impact sur la santé", "EIS"));
    assert_false(title_expands("Contrat de ville", "CLS"));
    assert_false(title_expands("Contrat local", "CLS"));
    assert_false(title_expands("Contrat", "C"));
    assert_false(title_expands("Bilan 2012", "B2"));
    assert_false(title_expands(NULL, "CLS"));
}

static void test_boilerplate(void **state)
{
    (void)state;
    static const struct { const char *line; gboolean boilerplate; } rows[] = {
        { "", TRUE },
        { "Page 1", TRUE },
        { "page 3 sur 12", TRUE },
        { "3/12", TRUE },
        { "- 4 -", TRUE },
        { "------------------", TRUE },
        { "* * *", TRUE },
        { "12 mars 2019", TRUE },
        { "Mars 2020", TRUE },
        { "lundi 5 mai 2020", TRUE },
        { "Paris, le 5 mai 2020", TRUE },
        { "www.asv-paca.fr", TRUE },
        { "contact@asv.fr", TRUE },
        { "Tél. : 01 23 45 67 89", TRUE },
        { "SOMMAIRE", TRUE },
        { "Confidentiel", TRUE },
        { "République française", TRUE },
        { "AB", TRUE },
        { "Document1", TRUE },
        { "Réunion du 12 mars 2019", FALSE },
        { "Rapport d'activité 2013", FALSE },
        { "Programme de la rencontre santé mentale", FALSE },
        { "ASV", FALSE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
        if (title_line_is_boilerplate(rows[i].line) != rows[i].boilerplate)
            fail_msg("title_line_is_boilerplate(\"%s\") should be %d", rows[i].line,
                     rows[i].boilerplate);
}

static void test_clean(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } rows[] = {
        { "  Rapport   d'activité  ", "Rapport d'activité" },
        { "# Compte rendu", "Compte rendu" },
        { "• Guide méthodologique :", "Guide méthodologique" },
        { "__malloc_hook - variables", "__malloc_hook - variables" },
        { "Pourquoi un CLS ?", "Pourquoi un CLS ?" },
        { "---", NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *got = title_clean(rows[i].in);
        if (g_strcmp0(got, rows[i].out) != 0)
            fail_msg("title_clean(\"%s\") = \"%s\", not \"%s\"", rows[i].in, got, rows[i].out);
        g_free(got);
    }
    /* a long line is cut at a word, with an ellipsis */
    GString *lng = g_string_new(NULL);
    for (int i = 0; i < 60; i++)
        g_string_append(lng, "santé ");
    char *cut = title_clean(lng->str);
    assert_true(g_utf8_strlen(cut, -1) <= TITLE_MAX_CHARS + 1);
    assert_true(g_str_has_suffix(cut, "santé…"));
    g_free(cut);
    g_string_free(lng, TRUE);
}

static void test_from_text(void **state)
{
    (void)state;
    static const struct { const char *text, *title; } rows[] = {
        { "\n\n  Page 1\n12/03/2019\n-----------\nRéunion du comité de pilotage\nTexte.",
          "Réunion du comité de pilotage" },
        { "# Lettre d'information n°3\n\nBonjour.", "Lettre d'information n°3" },
        { "SOMMAIRE\nIntroduction au diagnostic\n", "Introduction au diagnostic" },
        { "\f\fGuide CLS\n", "Guide CLS" },
        { "", NULL },
        { "12\n34\n--\n", NULL },
        /* a workbook's rows: a header row is no title, a row of one cell is */
        { "Action\tPorteur\tÉchéance\nPlan d'actions du CLS 2024\n", "Plan d'actions du CLS 2024" },
        { "Feuil1\nAction\tPorteur\nAteliers\tCCAS\n", NULL },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *got = title_from_text(rows[i].text);
        if (g_strcmp0(got, rows[i].title) != 0)
            fail_msg("title_from_text(row %zu) = \"%s\", not \"%s\"", i, got, rows[i].title);
        g_free(got);
    }
    /* a text that opens with a long paragraph has no first-line title */
    GString *para = g_string_new(NULL);
    for (int i = 0; i < 40; i++)
        g_string_append(para, "Le diagnostic local ");
    g_string_append(para, "\nCourt\n");
    char *got = title_from_text(para->str);
    assert_null(got);
    g_string_free(para, TRUE);
}

static void test_from_filename(void **state)
{
    (void)state;
    static const struct { const char *path, *title; } rows[] = {
        { "/srv/docs/rapport_CLS-2019_v2.pdf", "Rapport CLS 2019" },
        { "rapport_CLS-2019_V3.pdf", "Rapport CLS 2019" },
        { "/x/001-rapport-d-activite-2012.pdf", "Rapport d activite 2012" },
        { "/x/compte rendu (1).docx", "Compte rendu" },
        { "/x/Copie de diagnostic_final.odt", "Diagnostic" },
        { "/x/%C3%A9tude%20sant%C3%A9.pdf", "Étude santé" },
        { "/x/CMSG_ALIGN.3.pdf", "CMSG ALIGN 3" },
        { "/x/2019.pdf", "2019" },
        { "/x/v2.pdf", "V2" }, /* nothing but a mark: the name as it is */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *got = title_from_filename(rows[i].path);
        if (g_strcmp0(got, rows[i].title) != 0)
            fail_msg("title_from_filename(\"%s\") = \"%s\", not \"%s\"", rows[i].path, got,
                     rows[i].title);
        g_free(got);
    }
}

static void test_settle(void **state)
{
    (void)state;
    docmeta *m = docmeta_new();
    docmeta_set(&m->path, "/docs/cr_reunion_v2.txt");

    /* a useful title is the file's own */
    docmeta_set(&m->title, "Compte rendu de la réunion");
    title_settle(m, NULL);
    assert_string_equal(m->title, "Compte rendu de la réunion");
    assert_string_equal(m->title_source, TITLE_SOURCE_METADATA);

    /* a useless one gives way to the first line, then to the file name */
    docmeta_set(&m->title, "Microsoft Word - cr.doc");
    docmeta_set(&m->title_source, NULL);
    docmeta_set(&m->text, "Page 1\nRéunion des partenaires du CLS\n");
    title_settle(m, NULL);
    assert_string_equal(m->title, "Réunion des partenaires du CLS");
    assert_string_equal(m->title_source, TITLE_SOURCE_FIRST_LINE);
    docmeta_set(&m->title, NULL);
    docmeta_set(&m->text, "12\n");
    title_settle(m, NULL);
    assert_string_equal(m->title, "Cr reunion");
    assert_string_equal(m->title_source, TITLE_SOURCE_FILENAME);

    /* a title from the file name is tried again when the text comes */
    docmeta_set(&m->text, "Réunion du 4 mai\n");
    title_settle(m, NULL);
    assert_string_equal(m->title, "Réunion du 4 mai");

    /* the catalogue's title wins, even one the rules would call useless */
    docmeta *row = docmeta_new();
    docmeta_set(&row->title, "Document1");
    docmeta_set(&row->title_source, TITLE_SOURCE_CATALOGUE);
    docmeta_add(row->manual, "title");
    docmeta_overlay(row, m);
    title_settle(m, NULL);
    assert_string_equal(m->title, "Document1");
    assert_string_equal(m->title_source, TITLE_SOURCE_CATALOGUE);
    assert_string_equal(title_source_label(m->title_source), "catalogue");
    assert_string_equal(title_source_label(NULL), "inconnue");
    docmeta_free(row);
    docmeta_free(m);
}

/* A text that opens with a paragraph, in a file whose name says nothing
 * (the documentary watch's exports are named "000_d0444ab05dc574c1.txt"):
 * the first words of its first sentence, never the hash. */
static void test_settle_opening(void **state)
{
    (void)state;
    static const struct {
        const char *path, *text, *title, *source;
    } rows[] = {
        { "/w/001_89abcdef01234567.txt",
          "Dans un récent avis, le Conseil national des villes considère que la santé est un "
          "élément majeur de la politique de la ville, et qu'un outil pérenne est indispensable.",
          "Dans un récent avis, le Conseil national des villes considère que la santé est…",
          TITLE_SOURCE_OPENING },
        { "/w/scan0001.pdf", "\n12\nLa commune a signé un contrat local de santé. Il porte sur "
          "la prévention et l'accès aux soins des habitants de tous les quartiers de la ville.",
          "La commune a signé un contrat local de santé", TITLE_SOURCE_OPENING },
        /* French spacing before "?", a sentence on two lines, a bullet */
        { "/w/002_0a1b2c3d4e5f6789.txt", "Pourquoi agir ensemble ? Parce que la santé se joue "
          "dans les quartiers, avec les habitants et les acteurs locaux.",
          "Pourquoi agir ensemble ?", TITLE_SOURCE_OPENING },
        { "/w/003_0a1b2c3d4e5f6789.txt", "• Le contrat local de santé, signé avec l'agence "
          "régionale de santé pour cinq ans, porte sur cinq axes : prévention, accès aux soins,\n"
          "santé mentale, habitat et nutrition des enfants et des familles des quartiers.",
          "Le contrat local de santé, signé avec l'agence régionale de santé pour cinq…",
          TITLE_SOURCE_OPENING },
        { "/w/004_0a1b2c3d4e5f6789.txt", "M. Dupont a présenté le bilan. La séance est levée "
          "à midi, après un long débat sur les priorités de la commune et du quartier.",
          "M. Dupont a présenté le bilan", TITLE_SOURCE_OPENING },
        /* a name with words stays the title */
        { "/w/cls_mamoudzou_2021.txt",
          "La commune a signé jeudi un contrat local de santé avec l'agence régionale de santé, "
          "une première sur l'île, pour cinq ans, autour de la prévention et des habitants.",
          "Cls mamoudzou 2021", TITLE_SOURCE_FILENAME },
        /* a first line that can be a title is one */
        { "/w/000_d0444ab05dc574c1.txt", "Rapport d'activité\n\nLe texte suit.",
          "Rapport d'activité", TITLE_SOURCE_FIRST_LINE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        docmeta *m = docmeta_new();
        docmeta_set(&m->path, rows[i].path);
        docmeta_set(&m->text, rows[i].text);
        title_settle(m, NULL);
        if (g_strcmp0(m->title, rows[i].title) != 0 ||
            g_strcmp0(m->title_source, rows[i].source) != 0)
            fail_msg("%s: \"%s\" (%s), not \"%s\" (%s)", rows[i].path, m->title,
                     m->title_source, rows[i].title, rows[i].source);
        docmeta_free(m);
    }
    assert_string_equal(title_source_label(TITLE_SOURCE_OPENING), "début du texte");
}

/* ---- PDFs drawn with cairo ------------------------------------------------------------ */

#define BODY(p, y, t) { p, 11, 72, y, t, FALSE }
#define END { -1, 0, 0, 0, NULL, FALSE }

static const pdf_item body_page[] = {
    BODY(0, 100, "Ce rapport présente les actions menées par l'atelier santé ville."),
    BODY(0, 114, "Il porte sur la santé mentale, la nutrition et l'accès aux soins."),
    BODY(0, 128, "Les partenaires se sont réunis quatre fois dans l'année."),
    END,
};

/* A cover: a running header (again on page 2), a logo in big letters, the
 * title over two lines, a date as large as the title, body text, page
 * numbers; page 2 has three section headings. */
static const pdf_item cover[] = {
    { 0, 9, 72, 30, "ASV Marseille – Rapport 2019", FALSE },
    { 0, 60, 72, 160, "ASV", TRUE },
    { 0, 26, 72, 300, "Rapport d'activité 2019 de l'atelier", TRUE },
    { 0, 26, 72, 332, "santé ville de Marseille", TRUE },
    { 0, 26, 72, 400, "Mars 2020", TRUE },
    BODY(0, 500, "Ce rapport présente les actions menées par l'atelier santé ville."),
    BODY(0, 514, "Il porte sur la santé mentale, la nutrition et l'accès aux soins."),
    BODY(0, 528, "Les partenaires se sont réunis quatre fois dans l'année."),
    { 0, 9, 290, 820, "1", FALSE },
    { 1, 9, 72, 30, "ASV Marseille – Rapport 2019", FALSE },
    { 1, 14, 72, 100, "Santé mentale", TRUE },
    BODY(1, 120, "Le conseil local de santé mentale s'est réuni deux fois."),
    { 1, 14, 72, 200, "Nutrition", TRUE },
    BODY(1, 220, "Des ateliers cuisine ont eu lieu dans trois quartiers."),
    { 1, 14, 72, 300, "Accès aux soins", TRUE },
    BODY(1, 320, "Une permanence d'accès aux droits a ouvert en septembre."),
    { 1, 9, 290, 820, "2", FALSE },
    END,
};

/* No title type: three headings in one style above the body, and the
 * document's first line in body type. */
static const pdf_item headings[] = {
    BODY(0, 80, "Compte rendu de la réunion du 12 mars"),
    { 0, 14, 72, 120, "1. Contexte", TRUE },
    BODY(0, 140, "Le groupe de travail nutrition a repris ses réunions."),
    { 0, 14, 72, 200, "2. Méthode", TRUE },
    BODY(0, 220, "Chaque partenaire a présenté ses actions de l'année."),
    { 0, 14, 72, 280, "3. Résultats", TRUE },
    BODY(0, 300, "Trois actions communes ont été retenues pour 2020."),
    END,
};

/* A cover without text (an image), the title page after it. */
static const pdf_item blank_cover[] = {
    { 0, 0, 100, 200, NULL, FALSE },
    { 1, 22, 72, 150, "Guide méthodologique de l'évaluation", TRUE },
    BODY(1, 200, "Ce guide accompagne les coordinateurs dans l'évaluation."),
    BODY(1, 214, "Il propose des indicateurs et des outils."),
    END,
};

/* A man page as groff draws it: a header in three parts on one line, the
 * section names a point larger than the body. */
static const pdf_item man_page[] = {
    { 0, 10, 72, 41, "LS(1)", FALSE },
    { 0, 10, 253, 41, "Commandes utilisateur", FALSE },
    { 0, 10, 480, 41, "LS(1)", FALSE },
    { 0, 11, 72, 76, "NOM", TRUE },
    { 0, 10, 108, 89, "ls - Afficher le contenu de répertoires, avec une description", FALSE },
    { 0, 10, 108, 101, "longue", FALSE },
    { 0, 11, 72, 117, "SYNOPSIS", TRUE },
    { 0, 10, 108, 130, "ls [option]... [fichier]...", FALSE },
    { 0, 11, 72, 146, "DESCRIPTION", TRUE },
    { 0, 10, 108, 159, "Afficher les informations sur les fichiers.", FALSE },
    { 0, 10, 108, 171, "Trier les entrées par ordre alphabétique.", FALSE },
    END,
};

/* All in body type, under a one-part header that page 2 repeats. */
static const pdf_item running[] = {
    BODY(0, 40, "Groupe de travail nutrition – compte rendu"),
    BODY(0, 100, "Réunion du 3 avril au centre social"),
    BODY(0, 114, "Présents : douze partenaires du quartier."),
    BODY(1, 40, "Groupe de travail nutrition – compte rendu"),
    BODY(1, 100, "Suite des échanges sur les ateliers cuisine."),
    END,
};

static const pdf_item contract[] = {
    { 0, 18, 72, 90, "Contrat local de santé de Roubaix", TRUE },
    BODY(0, 130, "Entre la ville de Roubaix et l'agence régionale de santé."),
    BODY(0, 144, "Le présent contrat porte sur cinq axes."),
    END,
};

/* A cover of little text, most of it in the subtitle's type: the title
 * and the subtitle that goes on with it under it. */
static const pdf_item guide_cover[] = {
    { 0, 12, 72, 120, "CONSEIL NATIONAL DE LA RESTAURATION", FALSE },
    { 0, 30, 72, 200, "GUIDE PRATIQUE", TRUE },
    { 0, 22, 72, 236, "pour une restauration collective", FALSE },
    { 0, 22, 72, 262, "durable en établissement", FALSE },
    { 0, 22, 72, 288, "accueillant des personnes âgées", FALSE },
    { 0, 12, 72, 700, "2026", FALSE },
    BODY(1, 100, "Ce guide accompagne les établissements dans leurs achats."),
    BODY(1, 114, "Il propose des menus, des recettes et des outils."),
    END,
};

/* A cover all in one large type, a blank page, then the body: the cover's
 * type is a title against the body's. */
static const pdf_item poster_cover[] = {
    { 0, 40, 72, 200, "CANTINES À 1€", TRUE },
    { 0, 40, 72, 246, "TARIFICATION", TRUE },
    { 0, 40, 72, 292, "SOCIALE", TRUE },
    { 0, 40, 72, 338, "DES CANTINES", TRUE },
    { 1, 0, 100, 200, NULL, FALSE },
    BODY(2, 100, "La mesure aide les petites communes rurales à proposer des repas."),
    BODY(2, 114, "Les familles paient un euro au plus par repas."),
    END,
};

static const pdf_item no_text[] = {
    { 0, 0, 100, 200, NULL, FALSE },
    END,
};

static void check_title(const char *path, const char *title, const char *source)
{
    docmeta *m = docmeta_new();
    verr err;
    verr_clear(&err);
    if (extract_file(path, m, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    if (g_strcmp0(m->title, title) != 0 || g_strcmp0(m->title_source, source) != 0)
        fail_msg("%s: title \"%s\" (%s), expected \"%s\" (%s)", path, m->title,
                 m->title_source, title, source);
    docmeta_free(m);
}

static void test_pdf_titles(void **state)
{
    (void)state;
    static const struct {
        const char *name, *info, *title, *source;
        const pdf_item *items;
    } rows[] = {
        /* good Info title: kept */
        { "good.pdf", "Diagnostic local de santé de Cayenne", "Diagnostic local de santé de Cayenne",
          TITLE_SOURCE_METADATA, body_page },
        /* none: the title type, joined over its two lines; not the logo, the
         * running header or the date */
        { "cover.pdf", NULL, "Rapport d'activité 2019 de l'atelier santé ville de Marseille",
          TITLE_SOURCE_FONT, cover },
        /* useless ones give way to the layout */
        { "word.pdf", "Microsoft Word - rapport.doc", "Contrat local de santé de Roubaix",
          TITLE_SOURCE_FONT, contract },
        { "untitled.pdf", "untitled", "Contrat local de santé de Roubaix", TITLE_SOURCE_FONT,
          contract },
        { "cls-roubaix.pdf", "cls-roubaix", "Contrat local de santé de Roubaix",
          TITLE_SOURCE_FONT, contract },
        /* a heading style is not a title: the first line */
        { "headings.pdf", NULL, "Compte rendu de la réunion du 12 mars", TITLE_SOURCE_FIRST_LINE,
          headings },
        /* a running header is not the first line */
        { "running.pdf", NULL, "Réunion du 3 avril au centre social", TITLE_SOURCE_FIRST_LINE,
          running },
        { "blank-cover.pdf", NULL, "Guide méthodologique de l'évaluation", TITLE_SOURCE_FONT,
          blank_cover },
        { "ls.1.pdf", NULL, "ls - Afficher le contenu de répertoires, avec une description longue",
          TITLE_SOURCE_FIRST_LINE, man_page },
        /* a cover's title with its subtitle, not the publisher above it */
        { "guide.pdf", NULL,
          "GUIDE PRATIQUE pour une restauration collective durable en établissement accueillant "
          "des personnes âgées", TITLE_SOURCE_FONT, guide_cover },
        { "poster.pdf", NULL, "CANTINES À 1€ TARIFICATION SOCIALE DES CANTINES",
          TITLE_SOURCE_FONT, poster_cover },
        /* an Info title the pages never use (a print job's) gives way to the
         * title type, but not to a first line */
        { "job.pdf", "plaquette A3-1", "Contrat local de santé de Roubaix", TITLE_SOURCE_FONT,
          contract },
        { "job-plain.pdf", "plaquette A3-1", "plaquette A3-1", TITLE_SOURCE_METADATA, running },
        /* no text: the file name */
        { "rapport_CLS-2019_v2.pdf", "Document1", "Rapport CLS 2019", TITLE_SOURCE_FILENAME,
          no_text },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *path = test_write_pdf(tmpdir, rows[i].name, rows[i].info, rows[i].items);
        check_title(path, rows[i].title, rows[i].source);
        g_free(path);
    }
}

/* ---- HTML, ODT, DOCX, text -------------------------------------------------------------- */

static char *write_file(const char *name, const char *data)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    assert_true(g_file_set_contents(path, data, -1, NULL));
    return path;
}

static void test_html_titles(void **state)
{
    (void)state;
    static const struct { const char *name, *html, *title, *source; } rows[] = {
        { "a.html", "<html><head><title>Guide CLS</title></head><body><h1>Autre</h1></body></html>",
          "Guide CLS", TITLE_SOURCE_METADATA },
        { "b.html", "<html><head><title>Sans titre</title></head><body><h1><img src=logo.png>"
                    "</h1><h1>Accès aux soins à Creil</h1><p>Texte.</p></body></html>",
          "Accès aux soins à Creil", TITLE_SOURCE_HEADING },
        { "c.html", "<html><body><h2>Programme de la rencontre</h2><p>Texte.</p></body></html>",
          "Programme de la rencontre", TITLE_SOURCE_HEADING },
        { "d.html", "<html><head><title>d.html</title></head><body><p>Page 1</p>"
                    "<p>Lettre d'information n°3</p></body></html>",
          "Lettre d'information n°3", TITLE_SOURCE_FIRST_LINE },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *path = write_file(rows[i].name, rows[i].html);
        check_title(path, rows[i].title, rows[i].source);
        g_free(path);
    }
}

/* Writes a zip of n members (name, content); returns its path. */
static char *write_zip(const char *name, const char *const members[][2], size_t n)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    struct archive *a = archive_write_new();
    assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
    assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
    for (size_t i = 0; i < n; i++) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, members[i][0]);
        archive_entry_set_size(e, (la_int64_t)strlen(members[i][1]));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        assert_int_equal(archive_write_data(a, members[i][1], strlen(members[i][1])),
                         (la_ssize_t)strlen(members[i][1]));
        archive_entry_free(e);
    }
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    return path;
}

#define ODT_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
               "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
               "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " \
               "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""

static char *write_odt(const char *name, const char *meta_title, const char *body)
{
    char *meta = g_strdup_printf("<?xml version=\"1.0\"?><office:document-meta " ODT_NS
                                 "><office:meta><dc:title>%s</dc:title></office:meta>"
                                 "</office:document-meta>", meta_title);
    char *content = g_strdup_printf(
        "<?xml version=\"1.0\"?><office:document-content " ODT_NS "><office:automatic-styles>"
        "<style:style style:name=\"P1\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Title\"/><style:style style:name=\"P2\" "
        "style:family=\"paragraph\" style:parent-style-name=\"Standard\"/>"
        "</office:automatic-styles><office:body><office:text>%s</office:text></office:body>"
        "</office:document-content>", body);
    const char *const members[][2] = {
        { "mimetype", "application/vnd.oasis.opendocument.text" },
        { "meta.xml", meta },
        { "content.xml", content },
    };
    char *path = write_zip(name, members, G_N_ELEMENTS(members));
    g_free(content);
    g_free(meta);
    return path;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static char *write_docx(const char *name, const char *styles, const char *body)
{
    char *document = g_strdup_printf("<?xml version=\"1.0\"?><w:document " W_NS "><w:body>%s"
                                     "</w:body></w:document>", body);
    char *styles_xml = g_strdup_printf("<?xml version=\"1.0\"?><w:styles " W_NS ">%s</w:styles>",
                                       styles);
    const char *const members[][2] = {
        { "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>" },
        { "word/document.xml", document },
        { "word/styles.xml", styles_xml },
        { "docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties "
                               "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                               "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
                               "elements/1.1/\"><dc:title>Document1</dc:title>"
                               "</cp:coreProperties>" },
    };
    char *path = write_zip(name, members, G_N_ELEMENTS(members));
    g_free(styles_xml);
    g_free(document);
    return path;
}

#define W_P(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text \
                         "</w:t></w:r></w:p>"

static void test_office_titles(void **state)
{
    (void)state;
    /* ODT: a paragraph whose automatic style's parent is Title, before a heading */
    char *p = write_odt("a.odt", "Document1",
                        "<text:p text:style-name=\"P2\">Confidentiel</text:p>"
                        "<text:p text:style-name=\"P1\">Rapport du CLSM de Nantes</text:p>"
                        "<text:h text:outline-level=\"1\">Introduction</text:h>");
    check_title(p, "Rapport du CLSM de Nantes", TITLE_SOURCE_HEADING);
    g_free(p);
    /* ODT: the first text:h */
    p = write_odt("b.odt", "", "<text:p text:style-name=\"P2\">Texte d'introduction un peu long "
                               "qui n'est pas un titre.</text:p><text:h text:outline-level=\"2\">"
                               "Diagnostic partagé</text:h>");
    check_title(p, "Diagnostic partagé", TITLE_SOURCE_HEADING);
    g_free(p);
    /* ODT: a good meta.xml title is kept */
    p = write_odt("c.odt", "Actes du séminaire", "<text:h>Ouverture</text:h>");
    check_title(p, "Actes du séminaire", TITLE_SOURCE_METADATA);
    g_free(p);

    /* DOCX in French: the style id "Titre1" is named "heading 1" in styles.xml */
    p = write_docx("a.docx",
                   "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
                   "</w:style><w:style w:type=\"paragraph\" w:styleId=\"Titre1\">"
                   "<w:name w:val=\"heading 1\"/></w:style>",
                   W_P("Normal", "Ville de Creil") W_P("Titre1", "Diagnostic local de santé")
                   W_P("Normal", "Texte."));
    check_title(p, "Diagnostic local de santé", TITLE_SOURCE_HEADING);
    g_free(p);
    /* DOCX: a style called Title by its id alone */
    p = write_docx("b.docx", "", W_P("Normal", "Ville de Creil") W_P("Title", "Guide nutrition"));
    check_title(p, "Guide nutrition", TITLE_SOURCE_HEADING);
    g_free(p);
    /* DOCX without headings: the first line, not the useless "Document1" */
    p = write_docx("c.docx", "", W_P("Normal", "Page 1") W_P("Normal", "Invitation à la journée"));
    check_title(p, "Invitation à la journée", TITLE_SOURCE_FIRST_LINE);
    g_free(p);
}

static void test_text_titles(void **state)
{
    (void)state;
    char *p = write_file("notes.txt", "\n  Page 1\n01/02/2020\n=====\nRéunion du réseau ASV\nTexte.\n");
    check_title(p, "Réunion du réseau ASV", TITLE_SOURCE_FIRST_LINE);
    g_free(p);
    p = write_file("releve_2019-final.txt", "12 345\n67 890\n");
    check_title(p, "Releve 2019", TITLE_SOURCE_FILENAME);
    g_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_useless),      cmocka_unit_test(test_in_text),
        cmocka_unit_test(test_boilerplate),  cmocka_unit_test(test_expands),
        cmocka_unit_test(test_clean),        cmocka_unit_test(test_from_text),
        cmocka_unit_test(test_from_filename), cmocka_unit_test(test_settle),
        cmocka_unit_test(test_settle_opening),
        cmocka_unit_test(test_pdf_titles),   cmocka_unit_test(test_html_titles),
        cmocka_unit_test(test_office_titles), cmocka_unit_test(test_text_titles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
