#!/usr/bin/env python3
"""make_places.py - writes thesaurus/places.ttl, the SKOS vocabulary of places:
the 18 current regions, the 27 regions before the 2016 reform linked to
today's, the 101 departments (skos:notation = number) and every commune of
the 101 departments (skos:notation = INSEE code), each commune linked to its
department, each department to its region, plus a "national" scope.  A
commune also carries its population, postal codes, whether its name is a
common French word and which department or region it is the seat of
(thesaurus/tag.c tells with them which commune a name means).

The communes come from npm's @etalab/decoupage-administratif (Licence
Ouverte), unpacked once by hand; the common words from Debian's wfrench.
Nothing here runs at build or run time: places.ttl is committed.

Usage:
  cd /tmp && npm pack @etalab/decoupage-administratif && tar xzf etalab-*.tgz
  thesaurus/tools/make_places.py /tmp/package [/usr/share/dict/french] > thesaurus/places.ttl
"""
import json
import os
import re
import sys
import unicodedata

BASE = "https://veille.plateforme-asv.org/thesaurus/"

REGIONS = [  # id, label, alt labels
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes", ["AURA", "Auvergne Rhône-Alpes"]),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté", ["BFC", "Bourgogne Franche-Comté"]),
    ("bretagne", "Bretagne", []),
    ("centre-val-de-loire", "Centre-Val de Loire", ["Centre Val de Loire", "Centre-Val-de-Loire"]),
    ("corse", "Corse", []),
    ("grand-est", "Grand Est", ["Grand-Est"]),
    ("hauts-de-france", "Hauts-de-France", ["Hauts de France"]),
    ("ile-de-france", "Île-de-France", ["IdF", "Ile de France", "région parisienne"]),
    ("normandie", "Normandie", []),
    ("nouvelle-aquitaine", "Nouvelle-Aquitaine", ["Nouvelle Aquitaine"]),
    ("occitanie", "Occitanie", []),
    ("pays-de-la-loire", "Pays de la Loire", ["Pays-de-la-Loire"]),
    ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur", ["PACA", "Région Sud"]),
    ("guadeloupe", "Guadeloupe", []),
    ("martinique", "Martinique", []),
    ("guyane", "Guyane", ["Guyane française"]),
    ("la-reunion", "La Réunion", ["Réunion", "île de La Réunion"]),
    ("mayotte", "Mayotte", []),
]

OLD_REGIONS = [  # label, current region id, alt labels
    ("Alsace", "grand-est", []), ("Aquitaine", "nouvelle-aquitaine", []),
    ("Auvergne", "auvergne-rhone-alpes", []),
    ("Basse-Normandie", "normandie", ["Basse Normandie"]),
    ("Bourgogne", "bourgogne-franche-comte", []), ("Bretagne", "bretagne", []),
    # "Centre" alone is every "Centre de santé" and "Centre communal d'action sociale"
    ("Région Centre", "centre-val-de-loire", ["Centre (ancienne région)"]),
    ("Champagne-Ardenne", "grand-est", ["Champagne Ardenne"]), ("Corse", "corse", []),
    ("Franche-Comté", "bourgogne-franche-comte", ["Franche Comté"]),
    ("Haute-Normandie", "normandie", ["Haute Normandie"]),
    ("Île-de-France", "ile-de-france", []),
    ("Languedoc-Roussillon", "occitanie", ["Languedoc Roussillon"]),
    ("Limousin", "nouvelle-aquitaine", []), ("Lorraine", "grand-est", []),
    ("Midi-Pyrénées", "occitanie", ["Midi Pyrénées"]),
    ("Nord-Pas-de-Calais", "hauts-de-france", ["Nord-Pas de Calais", "Nord Pas de Calais", "NPDC"]),
    ("Pays de la Loire", "pays-de-la-loire", []), ("Picardie", "hauts-de-france", []),
    ("Poitou-Charentes", "nouvelle-aquitaine", ["Poitou Charentes"]),
    ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur", []),
    ("Rhône-Alpes", "auvergne-rhone-alpes", ["Rhône Alpes"]),
    ("Guadeloupe", "guadeloupe", []), ("Martinique", "martinique", []),
    ("Guyane", "guyane", []), ("La Réunion", "la-reunion", []), ("Mayotte", "mayotte", []),
]

R = {"ARA": "auvergne-rhone-alpes", "BFC": "bourgogne-franche-comte", "BRE": "bretagne",
     "CVL": "centre-val-de-loire", "COR": "corse", "GE": "grand-est", "HDF": "hauts-de-france",
     "IDF": "ile-de-france", "NOR": "normandie", "NAQ": "nouvelle-aquitaine", "OCC": "occitanie",
     "PDL": "pays-de-la-loire", "PACA": "provence-alpes-cote-d-azur", "GUA": "guadeloupe",
     "MAR": "martinique", "GUY": "guyane", "REU": "la-reunion", "MAY": "mayotte"}

DEPARTMENTS = """01 Ain ARA Bourg-en-Bresse
02 Aisne HDF Laon
03 Allier ARA Moulins
04 Alpes-de-Haute-Provence PACA Digne-les-Bains
05 Hautes-Alpes PACA Gap
06 Alpes-Maritimes PACA Nice
07 Ardèche ARA Privas
08 Ardennes GE Charleville-Mézières
09 Ariège OCC Foix
10 Aube GE Troyes
11 Aude OCC Carcassonne
12 Aveyron OCC Rodez
13 Bouches-du-Rhône PACA Marseille
14 Calvados NOR Caen
15 Cantal ARA Aurillac
16 Charente NAQ Angoulême
17 Charente-Maritime NAQ La Rochelle
18 Cher CVL Bourges
19 Corrèze NAQ Tulle
2A Corse-du-Sud COR Ajaccio
2B Haute-Corse COR Bastia
21 Côte-d'Or BFC Dijon
22 Côtes-d'Armor BRE Saint-Brieuc
23 Creuse NAQ Guéret
24 Dordogne NAQ Périgueux
25 Doubs BFC Besançon
26 Drôme ARA Valence
27 Eure NOR Évreux
28 Eure-et-Loir CVL Chartres
29 Finistère BRE Quimper
30 Gard OCC Nîmes
31 Haute-Garonne OCC Toulouse
32 Gers OCC Auch
33 Gironde NAQ Bordeaux
34 Hérault OCC Montpellier
35 Ille-et-Vilaine BRE Rennes
36 Indre CVL Châteauroux
37 Indre-et-Loire CVL Tours
38 Isère ARA Grenoble
39 Jura BFC Lons-le-Saunier
40 Landes NAQ Mont-de-Marsan
41 Loir-et-Cher CVL Blois
42 Loire ARA Saint-Étienne
43 Haute-Loire ARA Le Puy-en-Velay
44 Loire-Atlantique PDL Nantes
45 Loiret CVL Orléans
46 Lot OCC Cahors
47 Lot-et-Garonne NAQ Agen
48 Lozère OCC Mende
49 Maine-et-Loire PDL Angers
50 Manche NOR Saint-Lô
51 Marne GE Châlons-en-Champagne
52 Haute-Marne GE Chaumont
53 Mayenne PDL Laval
54 Meurthe-et-Moselle GE Nancy
55 Meuse GE Bar-le-Duc
56 Morbihan BRE Vannes
57 Moselle GE Metz
58 Nièvre BFC Nevers
59 Nord HDF Lille
60 Oise HDF Beauvais
61 Orne NOR Alençon
62 Pas-de-Calais HDF Arras
63 Puy-de-Dôme ARA Clermont-Ferrand
64 Pyrénées-Atlantiques NAQ Pau
65 Hautes-Pyrénées OCC Tarbes
66 Pyrénées-Orientales OCC Perpignan
67 Bas-Rhin GE Strasbourg
68 Haut-Rhin GE Colmar
69 Rhône ARA Lyon
70 Haute-Saône BFC Vesoul
71 Saône-et-Loire BFC Mâcon
72 Sarthe PDL Le Mans
73 Savoie ARA Chambéry
74 Haute-Savoie ARA Annecy
75 Paris IDF Paris
76 Seine-Maritime NOR Rouen
77 Seine-et-Marne IDF Melun
78 Yvelines IDF Versailles
79 Deux-Sèvres NAQ Niort
80 Somme HDF Amiens
81 Tarn OCC Albi
82 Tarn-et-Garonne OCC Montauban
83 Var PACA Toulon
84 Vaucluse PACA Avignon
85 Vendée PDL La Roche-sur-Yon
86 Vienne NAQ Poitiers
87 Haute-Vienne NAQ Limoges
88 Vosges GE Épinal
89 Yonne BFC Auxerre
90 Territoire de Belfort BFC Belfort
91 Essonne IDF Évry-Courcouronnes
92 Hauts-de-Seine IDF Nanterre
93 Seine-Saint-Denis IDF Bobigny
94 Val-de-Marne IDF Créteil
95 Val-d'Oise IDF Cergy
971 Guadeloupe GUA Basse-Terre
972 Martinique MAR Fort-de-France
973 Guyane GUY Cayenne
974 La Réunion REU Saint-Denis de La Réunion
976 Mayotte MAY Mamoudzou"""

# Alternative labels of communes (short names, old names, typographic variants).
EXTRA_ALT = {"75056": ["Paris intra-muros"], "50129": ["Cherbourg", "Cherbourg-Octeville"],
             "97411": ["Saint-Denis de La Réunion", "Saint-Denis (La Réunion)"],
             "91228": ["Évry", "Evry-Courcouronnes"], "97120": ["Pointe à Pitre"]}
# Communes whose name, as a word, is so common that even their population
# does not make a mention theirs (checked beside the word list).
ALWAYS_COMMON = {"Orange", "Vue", "Plan", "Bar", "Sainte", "Aix", "Y", "Eu", "Vic", "Ars"}
# Words of a name that do not make it a common word or not: articles, prepositions.
GLUE = {"le", "la", "les", "l", "de", "du", "des", "d", "en", "sur", "sous", "et", "aux", "au",
        "lès", "lez", "lès", "à", "a"}
# Overseas collectivities (975, 977, 978, 98x) are no region of the vocabulary.
ZONES = {"metro", "drom"}

def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def lit(s):
    return '"%s"@fr' % s.replace("\\", "\\\\").replace('"', '\\"')


def concept(cid, scheme, pref, alts=(), broader=(), notation=None, extra=()):
    lines = ["p:%s a skos:Concept ;" % cid, "    skos:inScheme p:%s ;" % scheme,
             "    skos:prefLabel %s ;" % lit(pref)]
    for a in alts:
        lines.append("    skos:altLabel %s ;" % lit(a))
    for b in broader:
        lines.append("    skos:broader p:%s ;" % b)
    if notation:
        lines.append('    skos:notation "%s" ;' % notation)
    lines.extend("    " + e + " ;" for e in extra)
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


def load_words(path):
    """The word list's words, lower case, as written and folded."""
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower():
                words.add(w)
                words.add(fold(w))
    return words


def fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def is_common(name, words):
    """Whether name reads as ordinary French: one word of the list ("Vue",
    "Plan", "Sens"), its singular or plural, which the matcher takes for it
    ("Tours" is "tour", "Santes" is "santé", "Vou" is "vous"); that word with an article ("Le Port",
    "La Possession"); or a saint's name ("Saint-Louis", "Sainte-Marie":
    hospitals, churches and streets are named so)."""
    if name in ALWAYS_COMMON:
        return True
    parts = [w for w in re.split(r"[-' ’]+", name.lower()) if w]
    meaning = [w for w in parts if w not in GLUE]

    def listed(w):
        # the matcher reads a word and its plural alike: "Vous" is "vou"
        # (the commune Vou), "Lors" is "lor" (Lor)
        forms = {w, w + "s", w + "x"}
        if w.endswith(("s", "x")):
            forms.add(w[:-1])
        return any(f in words or fold(f) in words for f in forms)

    if len(meaning) == 2 and meaning[0] in ("saint", "sainte"):
        return listed(meaning[1])
    return len(meaning) == 1 and listed(meaning[0])


def header(version):
    return ["# places.ttl - generated by thesaurus/tools/make_places.py: regions, former regions,",
            "# departments and every commune of France (metropolitan and overseas departments),",
            "# for tagging documents by territory.  Do not edit: run the script.",
            "#",
            "# Communes, departments, populations and postal codes: npm package",
            "# @etalab/decoupage-administratif %s (data under the Licence Ouverte / Open" % version,
            "# Licence of Etalab; INSEE Code officiel géographique, INSEE légal populations,",
            "# La Poste's postal codes).  Common-word names: Debian's wfrench word list.",
            "#",
            "# Besides SKOS, a town carries v:population, v:postalCode, v:commonWord (its",
            "# name is an ordinary French word: a mention needs corroboration) and v:seatOf",
            "# (the department or region whose seat it is); thesaurus/tag.c uses them to",
            "# tell which commune a name means.",
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
            "@prefix p: <%splace/> ." % BASE,
            "@prefix v: <%sschema#> ." % BASE, ""]


def town_line(cid, name, alts, dept, insee, population, postcodes, common, seats):
    parts = ["p:%s a skos:Concept" % cid, "skos:inScheme p:towns", "skos:prefLabel " + lit(name)]
    parts += ["skos:altLabel " + lit(a) for a in alts]
    parts += ["skos:broader p:departement-%s" % dept.lower(), 'skos:notation "%s"' % insee]
    if population:
        parts.append("v:population %d" % population)
    if postcodes:
        parts.append("v:postalCode " + ", ".join('"%s"' % c for c in postcodes))
    if common:
        parts.append("v:commonWord true")
    if seats:
        parts.append("v:seatOf " + ", ".join("p:" + s for s in seats))
    return " ; ".join(parts) + " ."


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 2):
        sys.exit("usage: make_places.py PACKAGE_DIR [WORDLIST] > thesaurus/places.ttl\n"
                 "  PACKAGE_DIR: `npm pack @etalab/decoupage-administratif`, unpacked\n"
                 "  WORDLIST: /usr/share/dict/french (Debian's wfrench) by default")
    pkg = args[0]
    words = load_words(args[1] if len(args) > 1 else "/usr/share/dict/french")
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    with open(os.path.join(pkg, "data", "communes.json"), encoding="utf-8") as f:
        communes = json.load(f)
    with open(os.path.join(pkg, "data", "departements.json"), encoding="utf-8") as f:
        dept_seats = {d["code"]: d["chefLieu"] for d in json.load(f)}
    with open(os.path.join(pkg, "data", "regions.json"), encoding="utf-8") as f:
        region_seats = {r["chefLieu"]: r["nom"] for r in json.load(f)}

    out = header(version)
    for sid, label in [("regions", "Régions"), ("former-regions", "Régions avant 2016"),
                       ("departments", "Départements"), ("towns", "Communes")]:
        out.append("p:%s a skos:ConceptScheme ;\n    skos:prefLabel %s .\n" % (sid, lit(label)))
    out.append(concept("national", "regions", "National",
                       ["France entière", "niveau national", "échelon national",
                        "territoire national", "ensemble du territoire",
                        # a national event or network: held in some town,
                        # about none ("Le séminaire s'est tenu à Paris")
                        "réseau national", "séminaire national", "séminaires nationaux",
                        "journée nationale", "journées nationales", "rencontre nationale",
                        "rencontres nationales", "colloque national", "congrès national",
                        "assises nationales"],
                       extra=['skos:scopeNote %s' % lit("Documents sans territoire dominant : "
                                                        "réseau national, textes de cadrage.")]))
    region_ids = {}
    for rid, label, alts in REGIONS:
        out.append(concept(rid, "regions", label, alts))
        region_ids[fold(label)] = rid
    for label, current, alts in OLD_REGIONS:
        extra = []
        same = any(r[1] == label for r in REGIONS)
        if same:
            extra.append("skos:exactMatch p:%s" % current)
        oid = "ancienne-" + slug(label.replace("Région ", ""))
        out.append(concept(oid, "former-regions", label, alts,
                           [] if same else [current], extra=extra +
                           ['skos:historyNote %s' % lit("Région jusqu'au 31 décembre 2015.")]))
    dept_region = {}
    for line in DEPARTMENTS.splitlines():
        code, rest = line.split(" ", 1)
        words_ = rest.split(" ")
        # name may have spaces (Territoire de Belfort, La Réunion); region code is
        # the first all-caps word after it
        i = next(k for k, w in enumerate(words_) if w in R)
        name, region = " ".join(words_[:i]), R[words_[i]]
        dept_region[code] = region
        alts = [name + " (" + code + ")"]
        out.append(concept("departement-" + code.lower(), "departments", name, alts, [region],
                           notation=code))

    seats = {}
    for code, seat in dept_seats.items():
        if code in dept_region:
            seats.setdefault(seat, []).append("departement-" + code.lower())
    for seat, name in region_seats.items():
        rid = region_ids.get(fold(name))
        if rid is not None:
            seats.setdefault(seat, []).append(rid)
    towns = [c for c in communes if c["type"] == "commune-actuelle" and c["zone"] in ZONES
             and c["departement"] in dept_region]
    towns.sort(key=lambda c: c["code"])
    used = {}
    for c in towns:
        base = "commune-%s-%s" % (slug(c["nom"]), c["departement"].lower())
        used[base] = used.get(base, 0) + 1
    out.append("# Communes: %d, one a line." % len(towns))
    for c in towns:
        cid = "commune-%s-%s" % (slug(c["nom"]), c["departement"].lower())
        if used[cid] > 1:  # two communes of one name in one department
            cid = "commune-%s-%s" % (slug(c["nom"]), c["code"].lower())
        out.append(town_line(cid, c["nom"], EXTRA_ALT.get(c["code"], []), c["departement"],
                             c["code"], c.get("population", 0), c.get("codesPostaux", []),
                             is_common(c["nom"], words), seats.get(c["code"], [])))
    print("\n".join(out))


if __name__ == "__main__":
    main()
