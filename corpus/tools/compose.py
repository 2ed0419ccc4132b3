#!/usr/bin/env python3
"""compose.py - writes the sources of the sample collection (corpus/src/*.txt).

Each source is a header (one "Key: value" per line), a line "---", then the
body in a tiny markup ("# " heading, "## " sub-heading, "- " bullet, blank
line between paragraphs).  build.py renders them to PDF, ODT, DOCX, HTML and
text, slide decks and spreadsheets (content.DECKS, content.SHEETS: one slide or
one table row per block) and the legacy RTF, DOC, XLS and PPT, and writes
corpus/catalogue.csv from the headers.  The output is
deterministic: run it again and nothing changes.

Usage: corpus/tools/compose.py [OUTDIR]   (default: corpus/src)
"""
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content import (DECKS, FIRST_NAMES, LAST_NAMES, NOTES, OLD_NAMES,  # noqa: E402
                     ORGANISATIONS, REGIONS, SHEETS, THEMES)

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

# The collection: (type, year, month, themes, region or None, org key, format, variant)
# Region None: a national document.  Variant picks a town and wording.
DOCS = [
    ("rapport", 2012, 3, ["Participation des habitants", "Évaluation"], None, "plateforme", "pdf", 0),
    ("invitation", 2012, 10, ["Contrat local de santé"], None, "plateforme", "pdf", 0),
    ("actes", 2013, 2, ["Contrat local de santé", "Diagnostic partagé"], None, "plateforme", "pdf", 0),
    ("rapport", 2013, 4, ["Santé mentale", "Addictions"], "Auvergne-Rhône-Alpes", "asv", "pdf", 0),
    ("compte-rendu", 2013, 6, ["Nutrition"], "Provence-Alpes-Côte d'Azur", "asv", "pdf", 0),
    ("diagnostic", 2013, 9, ["Diagnostic partagé", "Accès aux soins et aux droits"], "Guyane", "ville", "pdf", 0),
    ("guide", 2013, 11, ["Diagnostic partagé", "Participation des habitants"], None, "plateforme", "pdf", 0),
    ("fiche", 2014, 1, ["Nutrition", "Participation des habitants"], "Nouvelle-Aquitaine", "asv", "pdf", 1),
    ("compte-rendu", 2014, 3, ["Conseil local de santé mentale", "Santé mentale"], "Hauts-de-France", "ville", "pdf", 0),
    ("invitation", 2014, 4, ["Nutrition"], "Occitanie", "ireps", "pdf", 0),
    ("lettre", 2014, 5, ["Santé mentale", "Nutrition"], "Bretagne", "asv", "pdf", 0),
    ("etude", 2014, 6, ["Accès aux soins et aux droits"], "Île-de-France", "ors", "pdf", 1),
    ("rapport", 2014, 7, ["Vieillissement", "Habitat et logement"], "Normandie", "asv", "pdf", 0),
    ("programme", 2014, 9, ["Santé mentale", "Prévention du suicide"], "Bretagne", "ireps", "pdf", 0),
    ("fiche", 2014, 10, ["Habitat et logement"], "Île-de-France", "asv", "pdf", 0),
    ("compte-rendu", 2014, 11, ["Contrat local de santé"], "La Réunion", "ars", "pdf", 0),
    ("diagnostic", 2015, 1, ["Diagnostic partagé", "Santé des jeunes"], "Grand Est", "ville", "pdf", 0),
    ("guide", 2015, 2, ["Évaluation"], None, "plateforme", "pdf", 0),
    ("rapport", 2015, 3, ["Accès aux soins et aux droits", "Nutrition"], "Guadeloupe", "asv", "pdf", 0),
    ("invitation", 2015, 4, ["Environnement et urbanisme"], "Auvergne-Rhône-Alpes", "crpv", "pdf", 1),
    ("etude", 2015, 5, ["Environnement et urbanisme", "Habitat et logement"], "Provence-Alpes-Côte d'Azur", "ors", "pdf", 0),
    ("compte-rendu", 2015, 6, ["Addictions", "Santé des jeunes"], "Occitanie", "asv", "pdf", 1),
    ("fiche", 2015, 9, ["Santé et éducation"], "Hauts-de-France", "asv", "pdf", 1),
    ("lettre", 2015, 10, ["Contrat local de santé", "Évaluation"], None, "plateforme", "pdf", 0),
    ("actes", 2015, 11, ["Santé mentale", "Conseil local de santé mentale"], None, "plateforme", "pdf", 0),
    ("rapport", 2016, 2, ["Santé au travail", "Accès aux soins et aux droits"], "Pays de la Loire", "asv", "pdf", 0),
    ("diagnostic", 2016, 3, ["Diagnostic partagé", "Vieillissement"], "Corse", "ville", "pdf", 0),
    ("invitation", 2016, 4, ["Participation des habitants"], "Île-de-France", "crpv", "pdf", 0),
    ("compte-rendu", 2016, 5, ["Santé et éducation", "Santé des jeunes"], "Bourgogne-Franche-Comté", "asv", "pdf", 0),
    ("etude", 2016, 6, ["Prévention du suicide"], "Bretagne", "ors", "pdf", 1),
    ("fiche", 2016, 9, ["Addictions"], "Martinique", "asv", "pdf", 0),
    ("guide", 2016, 10, ["Contrat local de santé"], None, "plateforme", "pdf", 0),
    ("rapport", 2016, 12, ["Nutrition", "Santé et éducation"], "Centre-Val de Loire", "asv", "pdf", 0),
    ("programme", 2017, 1, ["Environnement et urbanisme"], "Grand Est", "ireps", "pdf", 0),
    ("compte-rendu", 2017, 2, ["Accès aux soins et aux droits"], "Mayotte", "ars", "pdf", 0),
    ("diagnostic", 2017, 3, ["Diagnostic partagé", "Santé mentale"], "Nouvelle-Aquitaine", "ville", "pdf", 0),
    ("lettre", 2017, 4, ["Vieillissement", "Participation des habitants"], "Normandie", "crpv", "pdf", 0),
    ("etude", 2017, 6, ["Santé au travail"], "Hauts-de-France", "ors", "pdf", 0),
    ("fiche", 2017, 9, ["Vieillissement"], "Occitanie", "asv", "pdf", 2),
    ("rapport", 2017, 11, ["Contrat local de santé", "Santé mentale"], "Martinique", "ville", "pdf", 0),
    ("invitation", 2018, 1, ["Addictions"], "Hauts-de-France", "ireps", "pdf", 0),
    ("actes", 2018, 3, ["Environnement et urbanisme", "Participation des habitants"], None, "plateforme", "pdf", 0),
    ("compte-rendu", 2018, 5, ["Vieillissement"], "Auvergne-Rhône-Alpes", "asv", "pdf", 1),
    ("diagnostic", 2018, 6, ["Diagnostic partagé", "Addictions"], "La Réunion", "ville", "pdf", 1),
    ("guide", 2018, 9, ["Participation des habitants"], None, "plateforme", "pdf", 0),
    ("fiche", 2018, 10, ["Accès aux soins et aux droits"], "Provence-Alpes-Côte d'Azur", "asv", "pdf", 0),
    ("rapport", 2019, 2, ["Santé des jeunes", "Addictions"], "Guyane", "asv", "pdf", 1),
    ("etude", 2019, 4, ["Nutrition"], "Grand Est", "ors", "pdf", 1),
    ("compte-rendu", 2019, 6, ["Habitat et logement"], "Occitanie", "ville", "pdf", 2),
    ("lettre", 2019, 9, ["Santé et éducation", "Santé des jeunes"], "Île-de-France", "asv", "pdf", 2),
    ("programme", 2019, 10, ["Évaluation", "Contrat local de santé"], None, "plateforme", "pdf", 0),
    ("rapport", 2020, 3, ["Santé mentale", "Vieillissement"], "Pays de la Loire", "ville", "pdf", 1),
    ("fiche", 2020, 6, ["Prévention du suicide"], "Guadeloupe", "asv", "pdf", 1),
    ("diagnostic", 2021, 2, ["Diagnostic partagé", "Environnement et urbanisme"], "Bourgogne-Franche-Comté", "ville", "pdf", 1),
    ("compte-rendu", 2021, 5, ["Conseil local de santé mentale"], "Centre-Val de Loire", "ville", "pdf", 1),
    ("etude", 2022, 3, ["Accès aux soins et aux droits", "Vieillissement"], "Corse", "ors", "pdf", 1),
    # other formats
    ("compte-rendu", 2015, 12, ["Nutrition", "Santé des jeunes"], "Bretagne", "asv", "odt", 1),
    ("rapport", 2018, 12, ["Habitat et logement", "Environnement et urbanisme"], "Hauts-de-France", "asv", "odt", 0),
    ("fiche", 2021, 9, ["Santé au travail"], "Normandie", "asv", "odt", 1),
    ("compte-rendu", 2016, 11, ["Addictions"], "Provence-Alpes-Côte d'Azur", "ville", "docx", 0),
    ("invitation", 2019, 11, ["Santé mentale"], "Nouvelle-Aquitaine", "asv", "docx", 1),
    ("diagnostic", 2022, 5, ["Diagnostic partagé", "Nutrition"], "Mayotte", "ville", "docx", 0),
    ("lettre", 2020, 10, ["Accès aux soins et aux droits"], None, "plateforme", "html", 0),
    ("fiche", 2022, 9, ["Conseil local de santé mentale", "Santé mentale"], "Pays de la Loire", "asv", "html", 0),
    ("invitation", 2023, 1, ["Participation des habitants"], "La Réunion", "ireps", "html", 0),
    ("compte-rendu", 2013, 12, ["Accès aux soins et aux droits", "Santé mentale"], "Occitanie", "asv", "txt-cp1252", 0),
    ("programme", 2023, 3, ["Nutrition"], "Auvergne-Rhône-Alpes", "ireps", "txt", 0),
    # slide decks and spreadsheets (content.DECKS, content.SHEETS), then legacy formats
    ("diaporama", 2022, 6, ["Contrat local de santé", "Accès aux soins et aux droits"], "Bretagne", "ville", "pptx", 0),
    ("tableau", 2021, 10, ["Contrat local de santé", "Santé des jeunes"], "Occitanie", "ars", "xlsx", 1),
    ("diaporama", 2023, 5, ["Conseil local de santé mentale", "Santé mentale"], "Auvergne-Rhône-Alpes", "ville", "odp", 2),
    ("tableau", 2022, 11, ["Nutrition", "Participation des habitants"], "Provence-Alpes-Côte d'Azur", "asv", "ods", 1),
    ("invitation", 2011, 5, ["Vieillissement"], "Centre-Val de Loire", "asv", "rtf", 1),
    ("compte-rendu", 2010, 10, ["Santé mentale", "Habitat et logement"], "Hauts-de-France", "asv", "doc", 2),
    ("tableau", 2012, 1, ["Diagnostic partagé", "Accès aux soins et aux droits"], "Bourgogne-Franche-Comté", "asv", "xls", 0),
    ("diaporama", 2009, 11, ["Participation des habitants", "Diagnostic partagé"], "Occitanie", "asv", "ppt", 3),
]

TYPE_LABELS = {
    "rapport": "Rapport d'activité", "invitation": "Invitation", "actes": "Actes de séminaire",
    "compte-rendu": "Compte rendu", "diagnostic": "Diagnostic local de santé", "guide": "Guide",
    "fiche": "Fiche expérience", "lettre": "Lettre d'information", "etude": "Étude",
    "programme": "Programme", "diaporama": "Support de présentation",
    "tableau": "Tableau de suivi",
}


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def lower_first(s):
    return s[0].lower() + s[1:]


def place(region, variant):
    depts = REGIONS[region]
    dept, num, towns = depts[variant % len(depts)]
    town = towns[variant % len(towns)]
    return town, dept, num


def old_name(region, year):
    """Before 2016 partners wrote the old region name; give one if any."""
    if year >= 2016:
        return None
    for old, new in OLD_NAMES.items():
        if new == region:
            return old
    return None


def organisation(key, town, region):
    return ORGANISATIONS[key].format(town=town or "", region=region or "")


def people(rng, n):
    return ["%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for _ in range(n)]


def date_text(year, month, day):
    return "%s %s %d" % ("1er" if day == 1 else day, MONTHS[month - 1], year)


def theme_phrase(themes):
    labels = [lower_first(t) for t in themes]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]


def title_for(kind, year, month, themes, town, region, n):
    t = theme_phrase(themes)
    where = town or "réseau national"
    return {
        "rapport": "Rapport d'activité %d – Atelier santé ville de %s" % (year, town)
        if town else "Rapport d'activité %d de la Plateforme nationale ASV" % year,
        "invitation": "Invitation – journée d'échanges « %s » (%s)" % (themes[0], where),
        "actes": "Actes du séminaire national : %s" % t,
        "compte-rendu": "Compte rendu du groupe de travail %s – %s" % (t, where),
        "diagnostic": "Diagnostic local de santé de %s" % town,
        "guide": "Guide méthodologique : %s" % t,
        "fiche": "Fiche expérience : %s à %s" % (t, town),
        "lettre": "Lettre d'information n°%d – %s" % (n, t),
        "etude": "Étude : %s à %s" % (t, town),
        "programme": "Programme de la rencontre « %s »" % themes[0],
    }[kind]


def local_context(town, dept, num, region, year, rng):
    old = old_name(region, year)
    region_text = "%s (ex-%s)" % (region, old) if old and rng.random() < 0.5 else region
    if old and region_text == region and rng.random() < 0.6:
        region_text = old
    quartiers = rng.choice(["des quartiers nord", "du quartier prioritaire du centre ancien",
                            "des quartiers de la politique de la ville", "du grand ensemble"])
    return ("Le territoire concerné est celui %s de %s, dans le département %s (%s), en "
            "région %s. Les indicateurs sociaux y sont plus défavorables que la moyenne "
            "départementale : revenus médians faibles, part élevée de familles monoparentales "
            "et de jeunes sans diplôme." % (quartiers, town, dept, num, region_text))


def body_for(kind, year, month, themes, region, town, dept, num, org, rng):
    paras = []
    local = local_context(town, dept, num, region, year, rng) if region else (
        "Cette publication s'adresse à l'ensemble du réseau national des ateliers santé ville, "
        "aux coordinateurs et à leurs partenaires, quelle que soit leur région.")
    theme_text = []
    for th in themes:
        theme_text.append("## " + th)
        theme_text.extend(THEMES[th])
    day = rng.randint(1, 28)
    if kind == "invitation":
        paras += ["# Invitation",
                  "%s a le plaisir de vous convier à une journée d'échanges de pratiques consacrée "
                  "à la thématique « %s »." % (org, lower_first(themes[0])),
                  "Date : le %s, de 9 h 30 à 16 h 30." % date_text(year, month, day),
                  "Lieu : %s." % ("salle des fêtes de " + town if town else "Paris, salle du conseil"),
                  local, "## Objectifs de la journée"]
        paras += ["- Partager les expériences des coordinateurs et de leurs partenaires ;",
                  "- Identifier les leviers et les freins rencontrés sur le terrain ;",
                  "- Construire des pistes de travail communes."]
        paras += ["## Contexte"] + THEMES[themes[0]][:2]
        paras += ["## Inscription",
                  "Inscription gratuite mais obligatoire avant le %s, par courriel auprès de "
                  "l'équipe d'organisation. Le déjeuner est offert aux participants." %
                  date_text(year, month, max(1, day - 7))]
    elif kind == "programme":
        paras += ["# Programme", local,
                  "Rencontre du %s." % date_text(year, month, day),
                  "- 9 h 00 : accueil des participants",
                  "- 9 h 30 : ouverture par les élus et les partenaires institutionnels",
                  "- 10 h 00 : table ronde « %s : état des lieux »" % themes[0],
                  "- 11 h 30 : ateliers d'échanges de pratiques",
                  "- 14 h 00 : restitution des ateliers et témoignages d'habitants",
                  "- 16 h 00 : clôture"] + theme_text
    elif kind == "compte-rendu":
        present = people(rng, 6)
        paras += ["# Compte rendu de réunion",
                  "Réunion du %s." % date_text(year, month, day),
                  "Présents : " + ", ".join(present) + ".", local,
                  "## Ordre du jour",
                  "- Point d'étape sur les actions en cours ;",
                  "- Échanges sur la thématique ; ",
                  "- Calendrier et prochaines étapes."] + theme_text + [
                  "## Décisions",
                  "Le groupe se réunira de nouveau dans trois mois. Un tableau de suivi des "
                  "actions sera diffusé à tous les participants avec le présent compte rendu."]
    elif kind == "lettre":
        paras += ["# Lettre d'information", local,
                  "Dans ce numéro : actualités du réseau, retours d'expériences et agenda."] + \
                 theme_text + ["## Agenda",
                               "Prochaine rencontre du réseau le %s." %
                               date_text(year, month % 12 + 1, day)]
    elif kind == "fiche":
        paras += ["# Fiche expérience", "## Territoire", local, "## Description de l'action"] + \
                 [p for th in themes for p in THEMES[th]] + [
                  "## Enseignements",
                  "Les porteurs de l'action soulignent l'importance du temps long, de la "
                  "confiance construite avec les habitants et d'un portage politique clair.",
                  "## Contact", "Coordination : " + people(rng, 1)[0] + ", " + org + "."]
    elif kind == "guide":
        paras += ["# Guide méthodologique", local,
                  "Ce guide propose des repères méthodologiques, illustrés par des exemples "
                  "issus des ateliers santé ville. Il ne remplace pas l'appui d'un "
                  "accompagnement local mais aide à structurer la démarche."] + theme_text + [
                  "## Étapes proposées",
                  "- Constituer un comité de pilotage et un groupe projet ;",
                  "- Rassembler les données disponibles et les compléter ;",
                  "- Associer les habitants dès le début ;",
                  "- Formaliser, restituer, puis suivre dans la durée."]
    elif kind == "diagnostic":
        paras += ["# Diagnostic local de santé", "## Présentation du territoire", local,
                  "La population du territoire étudié est de %d habitants, dont %d %% de moins "
                  "de vingt-cinq ans." % (rng.randint(9, 90) * 1000, rng.randint(28, 45))] + \
                 theme_text + ["## Priorités retenues",
                               "Le comité de pilotage a retenu trois priorités pour le futur "
                               "programme d'actions, présentées en réunion publique."]
    elif kind == "etude":
        paras += ["# Étude", "## Méthode", local,
                  "L'étude repose sur une enquête par questionnaire auprès de %d habitants et "
                  "sur %d entretiens avec des professionnels." % (rng.randint(200, 900),
                                                                 rng.randint(12, 40))] + \
                 theme_text + ["## Conclusion",
                               "Les résultats confirment l'existence d'un gradient social de "
                               "santé marqué et appellent des actions ciblées."]
    elif kind == "actes":
        paras += ["# Actes du séminaire", local,
                  "Le séminaire s'est tenu à Paris le %s et a réuni plus de cent participants : "
                  "coordinateurs, élus, agents des agences régionales de santé et chercheurs." %
                  date_text(year, month, day)] + theme_text + [
                  "## Synthèse des ateliers",
                  "Les ateliers ont souligné la nécessité d'un appui national aux coordinations "
                  "locales et d'une meilleure reconnaissance du métier de coordinateur."]
    else:  # rapport
        paras += ["# Rapport d'activité %d" % year, "## Introduction", local,
                  "Ce rapport présente les actions conduites en %d, les partenariats engagés et "
                  "les perspectives pour l'année suivante." % year] + theme_text + [
                  "## Vie du réseau",
                  "Le comité de pilotage s'est réuni trois fois. Les partenaires financeurs ont "
                  "renouvelé leur soutien pour un an.",
                  "## Perspectives",
                  "L'année prochaine sera consacrée à la consolidation des actions et à leur "
                  "évaluation, en lien avec les partenaires du territoire."]
    return paras


def insert_notes(paras, notes):
    """Puts notes before the body's last section (its last "## " heading)."""
    if not notes:
        return paras
    last = max(i for i, p in enumerate(paras) if p.startswith("## "))
    return paras[:last] + notes + paras[last:]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src")
    os.makedirs(out_dir, exist_ok=True)
    letters = 0
    for i, (kind, year, month, themes, region, org_key, fmt, variant) in enumerate(DOCS, 1):
        rng = random.Random(i * 7919)
        town = dept = num = None
        if region:
            town, dept, num = place(region, variant)
        org = organisation(org_key, town, region)
        if kind == "lettre":
            letters += 1
        day = 1 + (i * 11) % 28
        fields = dict(town=town, dept=dept, num=num, region=region, org=org,
                      date=date_text(year, month, day), month=MONTHS[month - 1], year=year,
                      next_year=year + 1, plus3=year + 3)
        if kind in ("diaporama", "tableau"):
            title, blocks = (DECKS if kind == "diaporama" else SHEETS)[i]
            title = title.format(**fields)
        else:
            title = title_for(kind, year, month, themes, town, region, letters + 2)
        authors = people(rng, 1 + (i % 2))
        if kind in ("diaporama", "tableau"):
            body = [b.format(**fields) for b in blocks]
        else:
            body = body_for(kind, year, month, themes, region, town, dept, num, org, rng)
            body = insert_notes(body, [n.format(**fields) for n in NOTES.get(i, [])])
        summary = "%s sur %s%s." % (TYPE_LABELS[kind], theme_phrase(themes),
                                    (", à " + town) if town else ", réseau national")
        header = [
            ("Title", title), ("Authors", " | ".join(authors)), ("Organisation", org),
            ("Date", "%04d-%02d-%02d" % (year, month, day)), ("Type", TYPE_LABELS[kind]),
            ("Themes", " | ".join(themes)), ("Regions", region or "National"),
            ("Summary", summary), ("Keywords", ", ".join(themes + ["ateliers santé ville"])),
            ("Format", fmt),
            ("Url", "https://www.plateforme-asv.org/ressources/%03d-%s" % (i, slug(title)[:40])),
        ]
        name = "%03d-%s.txt" % (i, slug(title)[:60].strip("-"))
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            for k, v in header:
                f.write("%s: %s\n" % (k, v))
            f.write("---\n")
            f.write("\n\n".join(body) + "\n")
    print("%d sources written to %s" % (len(DOCS), out_dir))


if __name__ == "__main__":
    main()
