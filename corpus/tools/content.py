# content.py - the building blocks of the sample collection: territories,
# organisations, and, for each theme, paragraphs written for this project.
# compose.py assembles documents from them.  All text is original.

# Regions (current names) -> (department, number, towns) used in documents.
REGIONS = {
    "Auvergne-Rhône-Alpes": [("Rhône", "69", ["Vénissieux", "Villeurbanne", "Lyon"]),
                             ("Isère", "38", ["Grenoble", "Échirolles"])],
    "Bourgogne-Franche-Comté": [("Doubs", "25", ["Besançon", "Montbéliard"]),
                                ("Côte-d'Or", "21", ["Dijon"])],
    "Bretagne": [("Morbihan", "56", ["Vannes", "Lorient"]), ("Ille-et-Vilaine", "35", ["Rennes"])],
    "Centre-Val de Loire": [("Loiret", "45", ["Orléans"]), ("Indre-et-Loire", "37", ["Tours"])],
    "Corse": [("Corse-du-Sud", "2A", ["Ajaccio"]), ("Haute-Corse", "2B", ["Bastia"])],
    "Grand Est": [("Bas-Rhin", "67", ["Strasbourg"]), ("Moselle", "57", ["Metz", "Forbach"])],
    "Hauts-de-France": [("Nord", "59", ["Roubaix", "Tourcoing", "Lille"]),
                        ("Oise", "60", ["Creil"])],
    "Île-de-France": [("Seine-Saint-Denis", "93", ["Aubervilliers", "Saint-Denis"]),
                      ("Val-de-Marne", "94", ["Fontenay-sous-Bois"]), ("Paris", "75", ["Paris"])],
    "Normandie": [("Manche", "50", ["Cherbourg-en-Cotentin"]),
                  ("Seine-Maritime", "76", ["Le Havre", "Rouen"])],
    "Nouvelle-Aquitaine": [("Gironde", "33", ["Bordeaux", "Cenon"]), ("Vienne", "86", ["Poitiers"])],
    "Occitanie": [("Gard", "30", ["Alès", "Nîmes"]), ("Pyrénées-Orientales", "66", ["Perpignan"]),
                  ("Haute-Garonne", "31", ["Toulouse"])],
    "Pays de la Loire": [("Loire-Atlantique", "44", ["Nantes", "Saint-Nazaire"])],
    "Provence-Alpes-Côte d'Azur": [("Bouches-du-Rhône", "13", ["Marseille"]),
                                   ("Var", "83", ["Toulon"])],
    "Guadeloupe": [("Guadeloupe", "971", ["Pointe-à-Pitre", "Les Abymes"])],
    "Martinique": [("Martinique", "972", ["Fort-de-France"])],
    "Guyane": [("Guyane", "973", ["Cayenne", "Saint-Laurent-du-Maroni"])],
    "La Réunion": [("La Réunion", "974", ["Saint-Denis de La Réunion", "Le Port"])],
    "Mayotte": [("Mayotte", "976", ["Mamoudzou"])],
}

# Region names before 2016, as local partners still write them.
OLD_NAMES = {
    "Rhône-Alpes": "Auvergne-Rhône-Alpes", "Franche-Comté": "Bourgogne-Franche-Comté",
    "Nord-Pas-de-Calais": "Hauts-de-France", "Picardie": "Hauts-de-France",
    "Basse-Normandie": "Normandie", "Haute-Normandie": "Normandie",
    "Aquitaine": "Nouvelle-Aquitaine", "Poitou-Charentes": "Nouvelle-Aquitaine",
    "Languedoc-Roussillon": "Occitanie", "Midi-Pyrénées": "Occitanie",
    "Alsace": "Grand Est", "Lorraine": "Grand Est", "Bourgogne": "Bourgogne-Franche-Comté",
    "Centre": "Centre-Val de Loire",
}

# Themes: label -> paragraphs.  Each paragraph is plain French prose.
THEMES = {
    "Santé mentale": [
        "La souffrance psychique des habitants des quartiers prioritaires reste peu visible : "
        "isolement, troubles anxieux, épuisement des aidants. Les professionnels de première ligne "
        "(travailleurs sociaux, gardiens d'immeuble, animateurs) disent se sentir démunis face à des "
        "situations de crise qu'ils repèrent sans savoir vers qui orienter.",
        "Le groupe de travail santé mentale a réuni le centre médico-psychologique, la maison des "
        "adolescents, les bailleurs sociaux et le service logement de la ville. Il a conçu un annuaire "
        "des ressources en santé mentale et organisé deux sessions de premiers secours en santé "
        "mentale pour les intervenants de proximité.",
        "La stigmatisation des troubles psychiques freine le recours aux soins. Les Semaines "
        "d'information sur la santé mentale ont été l'occasion de débats publics, d'une exposition "
        "réalisée avec un groupe d'entraide mutuelle et d'un ciné-débat ouvert aux familles.",
    ],
    "Conseil local de santé mentale": [
        "Le conseil local de santé mentale (CLSM) est un espace de concertation présidé par l'élu "
        "local, co-animé par la psychiatrie publique, qui associe usagers, aidants et acteurs du "
        "territoire. Sa cellule de coordination examine, dans le respect du secret partagé, les "
        "situations individuelles complexes qui mettent en difficulté plusieurs institutions.",
        "Après deux années de préfiguration, l'assemblée plénière du CLSM a adopté une feuille de "
        "route autour de trois axes : l'accès au logement des personnes souffrant de troubles "
        "psychiques, la prévention des hospitalisations sans consentement et la lutte contre la "
        "stigmatisation.",
    ],
    "Prévention du suicide": [
        "La prévention du suicide repose sur le repérage des personnes en crise suicidaire et sur "
        "le maintien du contact après une tentative. Des sentinelles, formées au repérage, "
        "interviennent dans les associations, les clubs sportifs et les établissements scolaires.",
        "Le taux de mortalité par suicide observé sur le territoire dépasse la moyenne nationale, "
        "en particulier chez les hommes de plus de quarante-cinq ans et chez les personnes âgées "
        "isolées. Le dispositif de recontact, assuré par les infirmiers du centre hospitalier, "
        "a été étendu aux communes rurales voisines.",
    ],
    "Addictions": [
        "Les consommations de produits psychoactifs des jeunes ont été étudiées avec la consultation "
        "jeunes consommateurs : tabac, alcool lors des fêtes, cannabis, mais aussi usage excessif "
        "des écrans et des jeux d'argent en ligne. Les parents demandent des repères pour engager "
        "le dialogue.",
        "La réduction des risques a été abordée avec le centre d'accueil et d'accompagnement "
        "(CAARUD) et le centre de soins en addictologie (CSAPA) : distribution de matériel, "
        "maraudes de soirée, permanences dans les structures d'hébergement.",
        "Des actions de prévention par les pairs ont été menées au collège et au lycée "
        "professionnel : des élèves volontaires, accompagnés par une éducatrice, ont conçu un jeu "
        "de plateau sur l'alcool et le cannabis, utilisé ensuite dans les centres sociaux.",
    ],
    "Nutrition": [
        "Le surpoids et l'obésité touchent davantage les enfants des quartiers prioritaires que "
        "ceux du reste de la ville. Les ateliers cuisine organisés avec l'épicerie sociale "
        "permettent de travailler l'équilibre alimentaire à petit budget, à partir des produits "
        "réellement disponibles.",
        "Le programme nutrition associe alimentation et activité physique : parcours de marche "
        "urbaine, sport sur ordonnance, jardins partagés au pied des immeubles. Les diététiciennes "
        "interviennent en binôme avec les animateurs des maisons de quartier.",
        "La restauration scolaire est un levier important : les menus ont été revus avec le "
        "service de restauration municipale et les parents ont été invités à des petits-déjeuners "
        "pédagogiques à l'école maternelle.",
    ],
    "Accès aux soins et aux droits": [
        "Le renoncement aux soins pour raisons financières concerne près d'un habitant sur quatre "
        "dans les quartiers enquêtés. Les freins cités sont le reste à charge, les délais de "
        "rendez-vous, la complexité administrative et la barrière de la langue.",
        "Des permanences d'accès aux droits ont été ouvertes avec la caisse primaire d'assurance "
        "maladie : ouverture de la complémentaire santé solidaire, aide médicale de l'État, "
        "accompagnement vers un médecin traitant. Une médiatrice santé accompagne les personnes "
        "les plus éloignées du système de soins.",
        "La désertification médicale touche aussi les villes : départs en retraite de médecins "
        "généralistes non remplacés, fermeture de cabinets dentaires. La création d'une maison de "
        "santé pluriprofessionnelle et d'un centre de santé municipal est à l'étude.",
    ],
    "Vieillissement": [
        "Le vieillissement de la population des grands ensembles est rapide : de nombreux "
        "locataires arrivés jeunes dans les années soixante-dix y vieillissent aujourd'hui, "
        "souvent seuls, dans des logements sans ascenseur.",
        "La prévention de la perte d'autonomie passe par des ateliers équilibre et prévention des "
        "chutes, des visites de convivialité et l'adaptation des logements avec le bailleur. "
        "Le centre communal d'action sociale coordonne un repérage des personnes âgées isolées "
        "lors des épisodes de canicule.",
    ],
    "Habitat et logement": [
        "L'habitat indigne et la précarité énergétique ont des effets directs sur la santé : "
        "pathologies respiratoires liées à l'humidité et aux moisissures, intoxications au "
        "monoxyde de carbone, saturnisme infantile dans le bâti ancien dégradé.",
        "Le service communal d'hygiène et de santé, les bailleurs et les associations de "
        "locataires ont défini une procédure commune de signalement des logements insalubres et "
        "un accompagnement des familles pendant les travaux de rénovation.",
    ],
    "Environnement et urbanisme": [
        "L'urbanisme favorable à la santé invite à penser les projets de renouvellement urbain "
        "avec leurs effets sur la santé : qualité de l'air, bruit, îlots de chaleur, accès aux "
        "espaces verts, mobilités actives. Une évaluation d'impact sur la santé (EIS) a été "
        "conduite sur le projet de réaménagement du quartier.",
        "La pollution de l'air près des grands axes routiers et les nuisances sonores ont été "
        "cartographiées avec l'observatoire régional de santé. Les habitants ont participé à des "
        "marches exploratoires pour repérer les lieux de vie à améliorer.",
    ],
    "Santé au travail": [
        "La santé au travail des habitants des quartiers prioritaires est marquée par des emplois "
        "pénibles, des horaires décalés et une forte proportion de contrats précaires. Les troubles "
        "musculo-squelettiques et l'usure professionnelle apparaissent tôt.",
        "Un partenariat avec le service de prévention et de santé au travail et les structures "
        "d'insertion par l'activité économique permet d'intégrer un bilan de santé aux parcours "
        "d'insertion des demandeurs d'emploi.",
    ],
    "Santé et éducation": [
        "Les liens entre santé et réussite éducative sont travaillés avec le programme de réussite "
        "éducative (PRE) : troubles du langage, difficultés visuelles ou auditives non dépistées, "
        "sommeil insuffisant, souffrance psychique des enfants.",
        "Les infirmières scolaires, la protection maternelle et infantile et l'équipe du PRE ont "
        "mis en place un parcours de santé de l'enfant, de la maternelle au collège, avec des "
        "bilans et un suivi des orientations vers l'orthophonie ou l'ophtalmologie.",
    ],
    "Participation des habitants": [
        "La participation des habitants n'est pas un supplément : elle conditionne la pertinence "
        "des actions. Des habitants relais, formés à la promotion de la santé, animent des temps "
        "d'échange dans leur immeuble et font remonter les besoins exprimés.",
        "Le conseil citoyen a été associé à l'élaboration du programme d'actions. Les habitants ont "
        "choisi les priorités lors d'un forum santé et ont co-animé les ateliers avec les "
        "professionnels, ce qui a modifié la manière de présenter les messages de prévention.",
    ],
    "Diagnostic partagé": [
        "Le diagnostic local de santé croise des données quantitatives (mortalité, affections de "
        "longue durée, recours aux soins, indicateurs sociaux) et une enquête qualitative auprès "
        "des habitants et des professionnels. Il a été conduit avec l'observatoire régional de santé.",
        "Les entretiens collectifs ont fait ressortir des priorités partagées : la santé mentale, "
        "l'accès aux soins, la santé des jeunes et l'alimentation. Le diagnostic a été restitué "
        "publiquement et validé par le comité de pilotage.",
    ],
    "Évaluation": [
        "L'évaluation de la démarche porte à la fois sur les processus (partenariat, participation, "
        "coordination) et sur les résultats des actions. Un référentiel d'évaluation a été construit "
        "avec les partenaires, assorti d'indicateurs simples et d'un recueil annuel.",
        "L'évaluation externe conclut que l'atelier santé ville a renforcé la coordination des "
        "acteurs et la visibilité des questions de santé dans la politique de la ville, mais que "
        "les moyens de coordination restent fragiles et trop dépendants de financements annuels.",
    ],
    "Contrat local de santé": [
        "Le contrat local de santé (CLS) est signé entre l'agence régionale de santé (ARS), la "
        "collectivité et la préfecture. Il fixe pour cinq ans des axes stratégiques et des fiches "
        "actions, en cohérence avec le projet régional de santé.",
        "L'articulation entre l'atelier santé ville et le contrat local de santé a fait débat : "
        "l'ASV constitue le volet santé du contrat de ville et apporte au CLS son expérience de la "
        "démarche participative et de la réduction des inégalités sociales et territoriales de "
        "santé (ISTS).",
    ],
    "Santé des jeunes": [
        "Les jeunes de seize à vingt-cinq ans sortis du système scolaire échappent souvent aux "
        "dispositifs de prévention. La mission locale a ouvert un point santé avec une infirmière "
        "et une psychologue, et propose des bilans de santé gratuits.",
        "La vie affective et sexuelle, la contraception et le dépistage des infections sexuellement "
        "transmissibles ont été abordés dans les foyers de jeunes travailleurs par le centre de "
        "planification.",
    ],
}

ORGANISATIONS = {
    "plateforme": "Plateforme nationale de ressources des Ateliers santé ville",
    "ville": "Ville de {town}",
    "asv": "Atelier santé ville de {town}",
    "ars": "Agence régionale de santé {region}",
    "ireps": "IREPS {region}",
    "ors": "Observatoire régional de santé {region}",
    "crpv": "Centre de ressources politique de la ville {region}",
}

FIRST_NAMES = ["Claire", "Karim", "Sophie", "Mamadou", "Isabelle", "Nicolas", "Fatima", "Julien",
               "Anne", "Thierry", "Nadia", "Olivier", "Hélène", "Yannick", "Chantal", "Sébastien"]
LAST_NAMES = ["Lemoine", "Benali", "Rousseau", "Diallo", "Moreau", "Le Goff", "Haddad", "Garnier",
              "Fabre", "Nicolas", "Payet", "Hoarau", "Marie-Sainte", "Lebrun", "Castelli", "Duval"]

# Slide decks and spreadsheets, by document number (compose.py DOCS, from 1).
# Each has a title and blocks, formatted with {town}, {dept}, {num}, {region},
# {org}, {date} and {year}.  A deck's block is one slide: its first line the
# slide's title ("# " for the title slide, "## " for the others), the next
# lines its text ("- " a bullet).  A table's block "## Name" starts a sheet;
# each following block is one row, its cells separated by "|", the first row
# of a sheet its header; a cell that is a number becomes a numeric cell.
DECKS = {
    68: ("Comité de pilotage du contrat local de santé de {town} – {month} {year}", [
        "# Comité de pilotage du contrat local de santé\n{org} – séance du {date}\n"
        "Diaporama présenté par la coordination du CLS",
        "## Ordre du jour\n- Bilan de la première année du contrat local de santé\n"
        "- Accès aux soins et aux droits : point d'étape\n"
        "- Projet d'avenant et calendrier {year}-{next_year}",
        "## Le contrat en quelques chiffres\n"
        "- Territoire : {town}, département {dept} ({num}), région {region}\n"
        "- Contrat signé pour cinq ans avec l'agence régionale de santé (ARS) et la préfecture\n"
        "- 4 axes stratégiques, 22 fiches actions, dont 15 engagées\n"
        "- 31 partenaires signataires ou associés",
        "## Accès aux soins et aux droits\n"
        "- Permanences d'accès aux droits avec la caisse primaire d'assurance maladie\n"
        "- Une médiatrice santé accompagne les personnes éloignées du système de soins\n"
        "- Le renoncement aux soins reste élevé : reste à charge, délais de rendez-vous\n"
        "- Étude de faisabilité d'un centre de santé municipal",
        "## Projet d'avenant n°1\n"
        "- L'avenant ajoute au contrat un axe « aller-vers » demandé par les partenaires\n"
        "- Deux nouvelles fiches actions : médiation en santé et bus santé dans les quartiers\n"
        "- Validation par le comité de pilotage, signature de l'avenant à l'automne",
        "## Prochaines étapes\n- Comité technique en septembre\n"
        "- Revue des fiches actions avec leurs pilotes\n"
        "- Prochain comité de pilotage en décembre",
    ]),
    70: ("Conseil local de santé mentale de {town} : bilan et feuille de route", [
        "# Conseil local de santé mentale de {town}\nAssemblée plénière du {date}\n{org}",
        "## Le CLSM en bref\n"
        "- Un espace de concertation présidé par l'élu, co-animé par la psychiatrie publique\n"
        "- Usagers, proches, bailleurs, services sociaux et professionnels du territoire\n"
        "- Une cellule de coordination pour les situations complexes, dans le respect du "
        "secret partagé",
        "## Bilan de l'année écoulée\n"
        "- 46 situations individuelles examinées par la cellule de coordination\n"
        "- 3 sessions de premiers secours en santé mentale pour les intervenants de proximité\n"
        "- Semaines d'information sur la santé mentale : 12 rencontres et un ciné-débat",
        "## Réhabilitation psychosociale\n"
        "- Ouverture d'un centre de réhabilitation psychosociale de proximité\n"
        "- Groupes de psychoéducation pour les familles et les proches\n"
        "- Emploi accompagné avec le groupe d'entraide mutuelle",
        "## Feuille de route {next_year}-{plus3}\n"
        "- Lutter contre la stigmatisation des troubles psychiques\n"
        "- Prévenir les hospitalisations sans consentement\n"
        "- Soutenir les professionnels de première ligne face aux situations de crise",
    ]),
    75: ("L'atelier santé ville de {town} : démarche et diagnostic partagé", [
        "# L'atelier santé ville de {town}\nPrésentation aux partenaires – {date}\n{org}",
        "## Qu'est-ce qu'un atelier santé ville ?\n"
        "- Le volet santé du contrat urbain de cohésion sociale\n"
        "- Réduire les écarts de santé entre les quartiers et le reste de la ville\n"
        "- Une démarche partenariale, conduite avec les habitants",
        "## Le diagnostic partagé\n"
        "- Un diagnostic local de santé croisant données chiffrées et paroles d'habitants\n"
        "- Des entretiens collectifs avec les professionnels des quartiers de {town}\n"
        "- Une restitution publique devant le comité de pilotage",
        "## La participation des habitants\n"
        "- Des groupes d'habitants animés par photolangage\n"
        "- Des habitants relais formés à la promotion de la santé\n"
        "- Un forum santé au printemps {next_year}",
        "## Calendrier\n- Novembre {year} : lancement du diagnostic\n"
        "- Mars {next_year} : restitution publique\n"
        "- Juin {next_year} : premier programme d'actions",
    ]),
}

SHEETS = {
    69: ("Tableau de suivi des actions du contrat local de santé de {town}", [
        "## Actions",
        "Fiche | Axe | Action | Pilote | Partenaires | Public | Budget (€) | Avancement (%)",
        "CLS-01 | Santé des jeunes | Point santé jeunes à la mission locale de {town} | "
        "Mission locale | ARS, caisse primaire d'assurance maladie | Jeunes de 16 à 25 ans | 18000 | 75",
        "CLS-02 | Santé des jeunes | Promotion de la vaccination au lycée professionnel | "
        "Ville de {town} | Éducation nationale, centre de vaccination | Lycéens | 6500 | 40",
        "CLS-03 | Santé des jeunes | Vie affective et sexuelle au foyer de jeunes travailleurs | "
        "Centre de planification | Foyer de jeunes travailleurs | Jeunes adultes | 4200 | 60",
        "CLS-04 | Santé des jeunes | Bilans de santé gratuits pour les jeunes sortis du système "
        "scolaire | Mission locale | Centre d'examens de santé | Jeunes de 16 à 25 ans | 9000 | 20",
        "CLS-05 | Coordination | Animation du contrat local de santé et suivi des fiches actions | "
        "Coordinatrice du CLS | ARS, Ville de {town}, préfecture | Partenaires du CLS | 30000 | 100",
        "## Calendrier",
        "Fiche | Étape | Début | Fin | Lieu | Réunions",
        "CLS-01 | Ouverture du point santé jeunes | 01/{year} | 06/{year} | Mission locale, {town} | 4",
        "CLS-02 | Semaine de la vaccination au lycée | 04/{year} | 05/{year} | Lycée professionnel, {town} | 2",
        "CLS-03 | Cycle d'ateliers au foyer | 09/{year} | 12/{year} | Foyer de jeunes travailleurs | 6",
        "CLS-04 | Convention avec le centre d'examens de santé | 10/{year} | 03/{next_year} | {town} | 3",
        "CLS-05 | Comité de pilotage du contrat local de santé | 11/{year} | 11/{year} | Hôtel de ville de {town} | 1",
    ]),
    71: ("Budget et calendrier du programme nutrition {next_year} – {org}", [
        "## Budget",
        "Action | Description | Porteur | Financeur | Montant (€) | Participants",
        "Ateliers cuisine | Ateliers cuisine à petit budget avec l'épicerie sociale de {town} | "
        "Centre social | ARS | 4800 | 60",
        "Jardins partagés | Potagers au pied des immeubles, culture de légumineuses et de "
        "légumes de saison | Association de locataires | Ville de {town} | 3200 | 35",
        "Marche urbaine | Parcours de marche urbaine animés par des habitants relais | "
        "Maison de quartier | Contrat de ville | 1500 | 80",
        "Petits-déjeuners pédagogiques | Équilibre alimentaire à l'école maternelle, avec "
        "une diététicienne | Atelier santé ville | Caisse d'allocations familiales | 2100 | 150",
        "Forum santé | Forum santé sur l'alimentation, préparé avec le conseil citoyen | "
        "Atelier santé ville | Ville de {town} | 2500 | 200",
        "Total | | | | 14100 | 525",
        "## Calendrier",
        "Mois | Action | Lieu | Séances",
        "Janvier {next_year} | Lancement du programme nutrition avec le conseil citoyen | "
        "Maison de quartier, {town} | 1",
        "Février à juin {next_year} | Ateliers cuisine | Épicerie sociale, {town} | 12",
        "Mars à octobre {next_year} | Jardins partagés | Pied des immeubles | 20",
        "Avril {next_year} | Petits-déjeuners pédagogiques | Écoles maternelles | 6",
        "Octobre {next_year} | Forum santé | Salle des fêtes de {town} | 1",
    ]),
    74: ("Tableau d'indicateurs du diagnostic local de santé de {town}", [
        "## Indicateurs",
        "Indicateur | Quartiers prioritaires | {town} | {dept} | Année | Source",
        "Bénéficiaires de la CMU complémentaire (%) | 18.4 | 9.1 | 6.2 | 2010 | CPAM",
        "Personnes sans médecin traitant déclaré (%) | 14.7 | 10.3 | 8.9 | 2010 | CPAM",
        "Participation au dépistage du cancer du sein par mammographie (%) | 38.5 | 52 | 55.3 "
        "| 2010 | Structure de gestion des dépistages",
        "Médecins généralistes pour 10 000 habitants | 6.1 | 9.8 | 9.2 | 2011 | ARS",
        "Allocataires du revenu de solidarité active (%) | 21.3 | 11 | 7.4 | 2010 | CAF",
        "Affections de longue durée pour 1 000 habitants | 212 | 176 | 169 | 2010 | Assurance maladie",
        "## Sources",
        "Source | Producteur | Territoire | Mise à jour",
        "Bases de l'assurance maladie | Caisse primaire d'assurance maladie | Quartiers de {town} | annuelle",
        "Répertoire des professionnels de santé | Agence régionale de santé | {dept} | annuelle",
        "Fichiers des allocataires | Caisse d'allocations familiales | Quartiers de {town} | annuelle",
        "Enquête auprès des habitants | Atelier santé ville de {town} | Quartiers prioritaires | ponctuelle",
    ]),
}

# Paragraphs added to a document of the usual kinds, by document number; they
# go before the body's last section.
NOTES = {
    72: ["## Partenaires",
         "La journée est préparée avec le centre local d'information et de coordination "
         "gérontologique (CLIC) de {town}, qui présentera son repérage des personnes âgées "
         "isolées et ses visites de convivialité à domicile."],
    73: ["## Punaises de lit",
         "Les bailleurs signalent une hausse des infestations de punaises de lit dans plusieurs "
         "résidences. Pour les locataires souffrant de troubles psychiques, le traitement des "
         "logements est une épreuve : le groupe propose un protocole commun associant le "
         "bailleur, le service d'hygiène et l'équipe du centre médico-psychologique.",
         "## Tour de table",
         "Le bailleur présente son dispositif d'accompagnement des locataires en difficulté : une "
         "conseillère sociale rencontre les ménages signalés par les gardiens d'immeuble et peut "
         "solliciter l'équipe mobile de psychiatrie lorsque la situation l'exige. Une dizaine de "
         "ménages ont été suivis depuis le printemps.",
         "Le service d'hygiène rappelle que les visites de logement se font sur rendez-vous et "
         "qu'un courrier est adressé au propriétaire après chaque constat. Les délais entre le "
         "signalement et les travaux restent longs, ce qui décourage les familles.",
         "Le centre médico-psychologique souligne l'intérêt de rencontres régulières avec les "
         "gardiens et les conseillères sociales : beaucoup de situations arrivent en urgence alors "
         "que des signes d'alerte avaient été repérés des mois plus tôt. Une sensibilisation des "
         "équipes de proximité sera proposée au premier trimestre.",
         "L'association d'usagers et de familles demande que les personnes concernées soient "
         "associées aux travaux du groupe ; deux représentants participeront à la prochaine séance."],
}
