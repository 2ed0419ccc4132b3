#!/usr/bin/env python3
"""make_places.py - writes thesaurus/places.ttl, the SKOS vocabulary of places:
the 18 current regions, the 27 regions before the 2016 reform linked to
today's, the 101 departments (skos:notation = number) and the main towns
(every prefecture and every commune the corpus names), each town linked to
its department, each department to its region, plus a "national" scope.

Usage: thesaurus/tools/make_places.py > thesaurus/places.ttl
"""
import re
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
    ("Centre", "centre-val-de-loire", ["Région Centre"]),
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

# Communes that are not prefectures: those the corpus and the network name.
TOWNS = [("Vénissieux", "69"), ("Villeurbanne", "69"), ("Échirolles", "38"),
         ("Montbéliard", "25"), ("Lorient", "56"), ("Roubaix", "59"), ("Tourcoing", "59"),
         ("Creil", "60"), ("Aubervilliers", "93"), ("Saint-Denis", "93"),
         ("Fontenay-sous-Bois", "94"), ("Cherbourg-en-Cotentin", "50"), ("Le Havre", "76"),
         ("Cenon", "33"), ("Alès", "30"), ("Saint-Nazaire", "44"), ("Forbach", "57"),
         ("Pointe-à-Pitre", "971"), ("Les Abymes", "971"), ("Saint-Laurent-du-Maroni", "973"),
         ("Le Port", "974"), ("Marseille", "13"), ("Mulhouse", "68"), ("Grasse", "06"),
         ("Sarcelles", "95"), ("Nanterre", "92"), ("Montreuil", "93"), ("Clichy-sous-Bois", "93"),
         ("Vaulx-en-Velin", "69"), ("Saint-Pierre", "974"), ("Kourou", "973")]

EXTRA_ALT = {"Cherbourg-en-Cotentin": ["Cherbourg"], "Saint-Denis de La Réunion": ["Saint-Denis (La Réunion)"],
             "Évry-Courcouronnes": ["Évry"], "Pointe-à-Pitre": ["Pointe à Pitre"]}


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


def main():
    out = ["# places.ttl - generated by tools/make_places.py: regions, former regions,",
           "# departments and towns of France, for tagging documents by territory.",
           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
           "@prefix p: <%splace/> ." % BASE, ""]
    for sid, label in [("regions", "Régions"), ("former-regions", "Régions avant 2016"),
                       ("departments", "Départements"), ("towns", "Communes")]:
        out.append("p:%s a skos:ConceptScheme ;\n    skos:prefLabel %s .\n" % (sid, lit(label)))
    out.append(concept("national", "regions", "National",
                       ["France entière", "niveau national", "échelon national"],
                       extra=['skos:scopeNote %s' % lit("Documents sans territoire dominant : "
                                                        "réseau national, textes de cadrage.")]))
    for rid, label, alts in REGIONS:
        out.append(concept(rid, "regions", label, alts))
    for label, current, alts in OLD_REGIONS:
        extra = []
        same = any(r[1] == label for r in REGIONS)
        if same:
            extra.append("skos:exactMatch p:%s" % current)
        out.append(concept("ancienne-" + slug(label), "former-regions", label, alts,
                           [] if same else [current], extra=extra +
                           ['skos:historyNote %s' % lit("Région jusqu'au 31 décembre 2015.")]))
    prefectures = {}
    for line in DEPARTMENTS.splitlines():
        code, rest = line.split(" ", 1)
        words = rest.split(" ")
        # name may have spaces (Territoire de Belfort, La Réunion); region code is
        # the first all-caps word after it
        i = next(k for k, w in enumerate(words) if w in R)
        name, region, town = " ".join(words[:i]), R[words[i]], " ".join(words[i + 1:])
        alts = [name + " (" + code + ")"]
        out.append(concept("departement-" + code.lower(), "departments", name, alts, [region],
                           notation=code))
        prefectures[town] = code
    towns = list(prefectures.items()) + [t for t in TOWNS if t[0] not in prefectures]
    for town, code in towns:
        cid = "commune-%s-%s" % (slug(town), code.lower())
        out.append(concept(cid, "towns", town, EXTRA_ALT.get(town, []),
                           ["departement-" + code.lower()]))
    print("\n".join(out))


if __name__ == "__main__":
    main()
