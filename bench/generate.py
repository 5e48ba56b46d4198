"""A seeded generator of realistic bilingual petitions, for benchmarks only.

The store, the search index, country detection and the summaries all cost what
the text makes them cost, so the generated records are shaped like the House's:
both kinds of petition, e-numbers from e-1000 and presented numbers per
parliament and session (431-, 432-, 441-, 451-), the site's subjects, keyword
ids, a pool of about 400 sponsoring MPs, dates that follow the procedure
(open 30-120 days, certified, presented, answered within 45 days), signature
counts split by province, 2-6 "whereas" items and 1-4 prayer paragraphs in
English and French, and a government response (3-8 paragraphs) on about 40%.
Some petitions are about a foreign country and some only name one in passing,
so country detection and country queries have real work to do.

The same (n, seed) always gives the same records, so figures can be compared
between runs and machines. Nothing here is imported by the bot.

    python -m bench.generate 20000 --seed 7          # writes bench/out/corpus-20000-s7-v1.jsonl
    python -m bench.generate 20000 --seed 7 --xml    # the same records as an XML export (English)
    python -m bench.generate 20000 --vocab small     # texts from ~1,000 words (…-v1-small.jsonl)
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from bot.petitions.model import TORONTO, Bi, Initiator, Keyword, Petition, Response, Sponsor
from bot.petitions.numbers import detail_url
from bot.petitions.status import STATUS_LABELS

log = logging.getLogger(__name__)

OUT_DIR = Path(__file__).resolve().parent / "out"
SNAPSHOT_HEADER = {"format": "petitionbot-snapshot", "version": 1}
DEFAULT_SEED = 20261101
GENERATOR_VERSION = 1
"""Part of the cached corpus's file name: bump it whenever a change here changes the records."""
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=TORONTO)
"""The generated world's "today": nothing happens after it."""

Pair = tuple[str, str]

# --- Canada -------------------------------------------------------------------------------------

# (English, French, population weight, cities)
PROVINCES: list[tuple[str, str, float, tuple[str, ...]]] = [
    (
        "Ontario",
        "Ontario",
        38.0,
        (
            "Toronto",
            "Ottawa",
            "Hamilton",
            "London",
            "Sudbury",
            "Thunder Bay",
            "Kingston",
            "Mississauga",
            "Brampton",
            "Windsor",
            "Barrie",
            "Guelph",
        ),
    ),
    (
        "Quebec",
        "Québec",
        22.0,
        (
            "Montréal",
            "Québec",
            "Gatineau",
            "Sherbrooke",
            "Trois-Rivières",
            "Rimouski",
            "Saguenay",
            "Laval",
            "Lévis",
            "Rouyn-Noranda",
        ),
    ),
    (
        "British Columbia",
        "Colombie-Britannique",
        13.5,
        ("Vancouver", "Victoria", "Surrey", "Kelowna", "Nanaimo", "Prince George", "Kamloops", "Burnaby"),
    ),
    (
        "Alberta",
        "Alberta",
        12.0,
        ("Calgary", "Edmonton", "Red Deer", "Lethbridge", "Medicine Hat", "Grande Prairie", "Fort McMurray"),
    ),
    ("Manitoba", "Manitoba", 3.6, ("Winnipeg", "Brandon", "Thompson", "Steinbach")),
    ("Saskatchewan", "Saskatchewan", 3.0, ("Regina", "Saskatoon", "Prince Albert", "Moose Jaw")),
    ("Nova Scotia", "Nouvelle-Écosse", 2.6, ("Halifax", "Sydney", "Truro", "Yarmouth")),
    (
        "New Brunswick",
        "Nouveau-Brunswick",
        2.1,
        ("Moncton", "Fredericton", "Saint John", "Edmundston", "Bathurst"),
    ),
    ("Newfoundland and Labrador", "Terre-Neuve-et-Labrador", 1.3, ("St. John's", "Corner Brook", "Gander")),
    ("Prince Edward Island", "Île-du-Prince-Édouard", 0.45, ("Charlottetown", "Summerside")),
    ("Northwest Territories", "Territoires du Nord-Ouest", 0.12, ("Yellowknife", "Inuvik")),
    ("Yukon", "Yukon", 0.11, ("Whitehorse", "Dawson City")),
    ("Nunavut", "Nunavut", 0.1, ("Iqaluit", "Rankin Inlet")),
]
_PROVINCE_WEIGHTS = [p[2] for p in PROVINCES]


def _words(text: str) -> list[str]:
    """A word list written as one block of text, one space apart."""
    return text.split()


FIRST_NAMES = _words(
    """
    Aaron Abdi Adam Aisha Alain Alexandre Alice Amandeep Amir Ana Andrée Anika Annie Antoine Arjun
    Ava Benoît Bilal Brenda Bruno Camille Carlos Catherine Chantal Chen Chloé Claire Colin Daniel
    Darnell Deepa Denise Diane Dmytro Dylan Élise Élisabeth Emma Éric Fatima Félix François Gabriel
    Garnett Geneviève Gurpreet Hagos Hannah Harjit Hélène Ibrahim Isabelle Jacques Jasmine
    Jean-François Jenny Jérôme Joanne Jordan Joseph Julie Karina Kevin Kwame Laura Leah Li Lina
    Louis Luc Lucie Mai Manon Marc-André Maria Marie-Claude Marilyn Mark Mathieu Maya Mehdi Michael
    Mireille Mohamed Nadia Naomi Nathalie Nicolas Nora Olivier Oksana Omar Pablo Patrick Pierre
    Priya Rachel Rajesh Rania Raphaël Rebecca Renée Ryan Samuel Sandeep Sara Sébastien Simran Sophie
    Stéphane Sylvie Taylor Tenzin Thomas Valérie Victor Wei Yasmin Yves Zoé
    """
)
LAST_NAMES = _words(
    """
    Abbott Achebe Ahmed Aldag Anand Arsenault Bains Beaulieu Bélanger Bergeron Bhatt Blanchette
    Boucher Bouchard Brière Brown Campbell Caron Chang Chen Cloutier Côté Cormier Dhaliwal D'Amours
    D'Entremont Desjardins Diallo Dubé Duncan Dumont Fergus Fortin Fraser Gagnon Garcia Gauthier
    Gill Girard Grewal Haddad Hardie Hrytsenko Hussain Jaczek Johns Kaur Khalid Kovalenko Kwan
    Lalonde Lambert Lapointe Larouche Lavoie Leblanc Lemire Lévesque Li MacDonald MacKinnon Malhi
    Martin McLean Mendès Morgan Morrison Nguyen Noormohamed Norbu Okafor Ouellet Paquette Patel
    Pelletier Perron Pierre-Louis Poirier Rashid Richards Robillard Rodriguez Roy Sahota Santos
    Sauvé Savard Schiefke Sidhu Simard Singh Smith St-Onge Tesfay Thériault Thompson Tremblay
    Turcotte Vandal Venkataraman Vuong Walsh Wang Williams Wong Yip Zahid Zimmer
    """
)

CAUCUSES: list[tuple[Pair, float]] = [
    (("Conservative Caucus", "Caucus Conservateur"), 0.40),
    (("Liberal Caucus", "Caucus Libéral"), 0.36),
    (("New Democratic Party Caucus", "Caucus du Nouveau Parti démocratique"), 0.12),
    (("Bloc Québécois Caucus", "Caucus du Bloc Québécois"), 0.08),
    (("Green Party Caucus", "Caucus du Parti vert"), 0.02),
    (("Independent", "Indépendant"), 0.02),
]
_RIDING_TAILS = ("Centre", "East", "West", "North", "South", "—Rural", "—Lakeshore", "—Valley", "—Islands")

SUBJECTS: list[Pair] = [
    ("Foreign affairs", "Affaires étrangères"),
    ("Parliament and politics", "Parlement et politique"),
    ("Social affairs and equality", "Affaires sociales et égalité"),
    ("Environment", "Environnement"),
    ("Environmental pollution", "Pollution de l'environnement"),
    ("Taxation", "Fiscalité"),
    ("Fisheries", "Pêches"),
    ("Business and trade", "Commerce et affaires"),
    ("Correctional system", "Système correctionnel"),
    ("Information and privacy", "Information et protection de la vie privée"),
    ("Public safety", "Sécurité publique"),
    ("Consumer protection", "Protection du consommateur"),
    ("Health", "Santé"),
    ("Citizenship and immigration", "Citoyenneté et immigration"),
    ("Justice", "Justice"),
    ("Employment and labour", "Travail et emploi"),
    ("National day", "Journée nationale"),
    ("Democratic process", "Processus démocratique"),
]
_SUBJECT = {en: (en, fr) for en, fr in SUBJECTS}


# --- Topics: what domestic petitions are about -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    subject: str
    keywords: tuple[Pair, ...]
    issues: tuple[Pair, ...]  # noun phrases, FR with its article
    groups: tuple[Pair, ...]  # plural nouns without article
    asks: tuple[Pair, ...]  # infinitive phrases
    minister: Pair
    program: Pair  # EN with "the", FR with its article
    weight: float = 1.0


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Health",
        (
            ("Pharmacare", "Assurance-médicaments"),
            ("Prescription drugs", "Médicaments sur ordonnance"),
            ("Diabetes", "Diabète"),
        ),
        (
            (
                "the rising cost of insulin and other prescription drugs",
                "la hausse du coût de l'insuline et des autres médicaments sur ordonnance",
            ),
            (
                "the lack of coverage for glucose monitors",
                "l'absence de couverture pour les lecteurs de glycémie",
            ),
            (
                "long waiting lists for specialists",
                "les longues listes d'attente pour consulter un spécialiste",
            ),
        ),
        (
            ("patients with diabetes", "patients diabétiques"),
            ("seniors on fixed incomes", "aînés à revenu fixe"),
        ),
        (
            (
                "establish a universal, single-payer national pharmacare program",
                "établir un régime national d'assurance-médicaments universel à payeur unique",
            ),
            (
                "cover insulin pumps and continuous glucose monitors",
                "couvrir les pompes à insuline et les lecteurs de glycémie en continu",
            ),
            (
                "increase the Canada Health Transfer to reduce waiting times",
                "augmenter le Transfert canadien en matière de santé afin de réduire les temps d'attente",
            ),
        ),
        ("Minister of Health", "ministre de la Santé"),
        ("the Canada Health Transfer", "le Transfert canadien en matière de santé"),
        2.0,
    ),
    Topic(
        "Health",
        (("Mental health", "Santé mentale"), ("Addiction", "Toxicomanie"), ("Opioids", "Opioïdes")),
        (
            ("the toxic drug crisis", "la crise des drogues toxiques"),
            (
                "the shortage of mental health services for young people",
                "la pénurie de services de santé mentale pour les jeunes",
            ),
            ("overdose deaths in small communities", "les décès par surdose dans les petites collectivités"),
        ),
        (("young people", "jeunes"), ("families who lost a loved one", "familles endeuillées")),
        (
            (
                "create a dedicated mental health transfer to the provinces",
                "créer un transfert réservé à la santé mentale pour les provinces",
            ),
            (
                "declare the toxic drug crisis a national public health emergency",
                "déclarer la crise des drogues toxiques urgence nationale de santé publique",
            ),
            (
                "fund treatment and recovery beds in every region",
                "financer des lits de traitement et de rétablissement dans chaque région",
            ),
        ),
        ("Minister of Mental Health and Addictions", "ministre de la Santé mentale et des Dépendances"),
        (
            "the Substance Use and Addictions Program",
            "le Programme sur l'usage et les dépendances aux substances",
        ),
        1.5,
    ),
    Topic(
        "Environment",
        (
            ("Climate change", "Changement climatique"),
            ("Greenhouse gas emissions", "Émissions de gaz à effet de serre"),
            ("Fossil fuels", "Combustibles fossiles"),
        ),
        (
            ("subsidies to the oil and gas industry", "les subventions à l'industrie pétrolière et gazière"),
            (
                "the growing number of wildfires and floods",
                "le nombre croissant de feux de forêt et d'inondations",
            ),
            ("the slow pace of emission reductions", "la lenteur de la réduction des émissions"),
        ),
        (
            ("young Canadians", "jeunes Canadiens"),
            ("farmers and rural residents", "agriculteurs et résidents des régions rurales"),
        ),
        (
            (
                "end all subsidies to fossil fuel companies",
                "mettre fin à toutes les subventions aux entreprises de combustibles fossiles",
            ),
            (
                "legislate a just transition for energy workers",
                "légiférer une transition juste pour les travailleurs du secteur de l'énergie",
            ),
            ("meet the targets of the Paris Agreement", "respecter les cibles de l'Accord de Paris"),
        ),
        (
            "Minister of Environment and Climate Change",
            "ministre de l'Environnement et du Changement climatique",
        ),
        ("the Emissions Reduction Plan", "le Plan de réduction des émissions"),
        2.0,
    ),
    Topic(
        "Environment",
        (
            ("Wildlife", "Faune"),
            ("Species at risk", "Espèces en péril"),
            ("Protected areas", "Aires protégées"),
        ),
        (
            ("the loss of old-growth forests", "la disparition des forêts anciennes"),
            ("the decline of caribou herds", "le déclin des hardes de caribous"),
            ("habitat loss for migratory birds", "la perte d'habitat des oiseaux migrateurs"),
        ),
        (
            ("Indigenous communities", "communautés autochtones"),
            ("hunters and anglers", "chasseurs et pêcheurs"),
        ),
        (
            (
                "protect 30 per cent of lands and waters by 2030",
                "protéger 30 % des terres et des eaux d'ici 2030",
            ),
            (
                "issue an emergency order under the Species at Risk Act",
                "prendre un décret d'urgence en vertu de la Loi sur les espèces en péril",
            ),
            ("fund Indigenous guardians programs", "financer les programmes de gardiens autochtones"),
        ),
        (
            "Minister of Environment and Climate Change",
            "ministre de l'Environnement et du Changement climatique",
        ),
        ("the Canada Nature Fund", "le Fonds de la nature du Canada"),
    ),
    Topic(
        "Environmental pollution",
        (("Plastics", "Plastiques"), ("Water quality", "Qualité de l'eau"), ("Pesticides", "Pesticides")),
        (
            ("single-use plastics in our oceans", "les plastiques à usage unique dans nos océans"),
            ("pesticide residues in drinking water", "les résidus de pesticides dans l'eau potable"),
            ("tailings ponds leaking into rivers", "les fuites des bassins de résidus dans les rivières"),
        ),
        (
            ("coastal communities", "collectivités côtières"),
            ("parents of young children", "parents de jeunes enfants"),
        ),
        (
            ("ban neonicotinoid pesticides", "interdire les pesticides néonicotinoïdes"),
            (
                "set binding limits on microplastics",
                "fixer des limites contraignantes pour les microplastiques",
            ),
            ("hold polluters responsible for the cleanup", "tenir les pollueurs responsables du nettoyage"),
        ),
        (
            "Minister of Environment and Climate Change",
            "ministre de l'Environnement et du Changement climatique",
        ),
        ("the Chemicals Management Plan", "le Plan de gestion des produits chimiques"),
    ),
    Topic(
        "Taxation",
        (
            ("Income tax", "Impôt sur le revenu"),
            ("Tax credits", "Crédits d'impôt"),
            ("Carbon pricing", "Tarification du carbone"),
        ),
        (
            (
                "the taxation of tips and overtime",
                "l'imposition des pourboires et des heures supplémentaires",
            ),
            ("the GST on home heating", "la TPS sur le chauffage domestique"),
            ("the capital gains inclusion rate", "le taux d'inclusion des gains en capital"),
        ),
        (
            ("small business owners", "propriétaires de petites entreprises"),
            ("working families", "familles de travailleurs"),
        ),
        (
            ("remove the GST from home heating bills", "retirer la TPS des factures de chauffage domestique"),
            (
                "index the basic personal amount to inflation",
                "indexer le montant personnel de base à l'inflation",
            ),
            (
                "make the disability tax credit refundable",
                "rendre remboursable le crédit d'impôt pour personnes handicapées",
            ),
        ),
        ("Minister of Finance", "ministre des Finances"),
        ("the Canada Revenue Agency", "l'Agence du revenu du Canada"),
        1.5,
    ),
    Topic(
        "Fisheries",
        (("Fisheries", "Pêches"), ("Salmon", "Saumon"), ("Aquaculture", "Aquaculture")),
        (
            (
                "open-net salmon farms on the Pacific coast",
                "les fermes salmonicoles en parcs en filet sur la côte du Pacifique",
            ),
            ("the closure of the mackerel fishery", "la fermeture de la pêche au maquereau"),
            ("the decline of wild salmon stocks", "le déclin des stocks de saumon sauvage"),
        ),
        (
            ("independent harvesters", "pêcheurs indépendants"),
            ("coastal First Nations", "Premières Nations côtières"),
        ),
        (
            (
                "transition open-net salmon farms to closed containment",
                "faire passer les fermes salmonicoles en parcs clos",
            ),
            (
                "reopen the spring mackerel fishery for bait",
                "rouvrir la pêche printanière au maquereau pour l'appât",
            ),
            ("protect the owner-operator policy", "protéger la politique du propriétaire-exploitant"),
        ),
        ("Minister of Fisheries and Oceans", "ministre des Pêches et des Océans"),
        (
            "the Pacific Salmon Strategy Initiative",
            "l'Initiative de la Stratégie relative au saumon du Pacifique",
        ),
    ),
    Topic(
        "Business and trade",
        (
            ("Agriculture", "Agriculture"),
            ("Supply management", "Gestion de l'offre"),
            ("International trade", "Commerce international"),
        ),
        (
            (
                "supply management in trade negotiations",
                "la gestion de l'offre dans les négociations commerciales",
            ),
            (
                "tariffs on Canadian steel and aluminum",
                "les droits de douane sur l'acier et l'aluminium canadiens",
            ),
            ("the price of feed for turkey farmers", "le prix des aliments pour les producteurs de dindons"),
        ),
        (
            ("dairy and poultry farmers", "producteurs laitiers et avicoles"),
            ("steelworkers", "travailleurs de l'acier"),
        ),
        (
            (
                "protect supply management in every trade agreement",
                "protéger la gestion de l'offre dans tous les accords commerciaux",
            ),
            (
                "support workers affected by tariffs",
                "soutenir les travailleurs touchés par les droits de douane",
            ),
            (
                "require country-of-origin labelling on food",
                "exiger l'étiquetage du pays d'origine des aliments",
            ),
        ),
        ("Minister of International Trade", "ministre du Commerce international"),
        ("the Canada Agricultural Loans Act", "la Loi canadienne sur les prêts agricoles"),
    ),
    Topic(
        "Correctional system",
        (
            ("Prisons", "Prisons"),
            ("Solitary confinement", "Isolement cellulaire"),
            ("Rehabilitation", "Réadaptation"),
        ),
        (
            (
                "the use of solitary confinement in federal prisons",
                "le recours à l'isolement cellulaire dans les pénitenciers fédéraux",
            ),
            ("the closure of prison farms", "la fermeture des fermes pénitentiaires"),
            (
                "the overrepresentation of Indigenous people in prisons",
                "la surreprésentation des Autochtones dans les prisons",
            ),
        ),
        (
            ("incarcerated people", "personnes incarcérées"),
            ("correctional officers", "agents correctionnels"),
        ),
        (
            (
                "end the use of structured intervention units",
                "mettre fin aux unités d'intervention structurée",
            ),
            ("expand the prison farm program", "étendre le programme des fermes pénitentiaires"),
            ("fund community reintegration services", "financer les services de réinsertion sociale"),
        ),
        ("Minister of Public Safety", "ministre de la Sécurité publique"),
        ("Correctional Service Canada", "le Service correctionnel du Canada"),
        0.6,
    ),
    Topic(
        "Information and privacy",
        (
            ("Privacy", "Protection de la vie privée"),
            ("Artificial intelligence", "Intelligence artificielle"),
            ("Online harms", "Préjudices en ligne"),
        ),
        (
            ("facial recognition by police forces", "la reconnaissance faciale par les corps policiers"),
            (
                "the collection of personal data by social media platforms",
                "la collecte de données personnelles par les plateformes de médias sociaux",
            ),
            ("deepfake images of minors", "les hypertrucages représentant des mineurs"),
        ),
        (("parents and teachers", "parents et enseignants"), ("online users", "internautes")),
        (
            ("regulate artificial intelligence systems", "encadrer les systèmes d'intelligence artificielle"),
            ("ban police use of facial recognition", "interdire la reconnaissance faciale par la police"),
            (
                "give Canadians the right to delete their data",
                "donner aux Canadiens le droit d'effacer leurs données",
            ),
        ),
        (
            "Minister of Innovation, Science and Industry",
            "ministre de l'Innovation, des Sciences et de l'Industrie",
        ),
        ("the Digital Charter", "la Charte du numérique"),
    ),
    Topic(
        "Public safety",
        (
            ("Firearms", "Armes à feu"),
            ("Policing", "Services de police"),
            ("Border security", "Sécurité frontalière"),
        ),
        (
            ("the firearms buyback program", "le programme de rachat des armes à feu"),
            (
                "auto theft and the export of stolen vehicles",
                "le vol d'automobiles et l'exportation de véhicules volés",
            ),
            ("gun smuggling across the border", "la contrebande d'armes à la frontière"),
        ),
        (
            ("licensed firearms owners", "propriétaires d'armes à feu titulaires d'un permis"),
            ("rural residents", "résidents des régions rurales"),
        ),
        (
            (
                "repeal the order banning so-called assault-style firearms",
                "abroger le décret interdisant les armes à feu dites de style arme d'assaut",
            ),
            ("inspect more containers at ports", "inspecter davantage de conteneurs dans les ports"),
            ("fund rural policing", "financer les services de police en milieu rural"),
        ),
        ("Minister of Public Safety", "ministre de la Sécurité publique"),
        ("the Canada Border Services Agency", "l'Agence des services frontaliers du Canada"),
        1.5,
    ),
    Topic(
        "Consumer protection",
        (
            ("Banks", "Banques"),
            ("Telecommunications", "Télécommunications"),
            ("Air transportation", "Transport aérien"),
        ),
        (
            ("cellphone and internet prices", "le prix des forfaits cellulaires et Internet"),
            ("compensation for cancelled flights", "l'indemnisation des vols annulés"),
            ("hidden fees on bank accounts", "les frais cachés des comptes bancaires"),
        ),
        (("air travellers", "voyageurs aériens"), ("low-income households", "ménages à faible revenu")),
        (
            (
                "strengthen the Air Passenger Protection Regulations",
                "renforcer le Règlement sur la protection des passagers aériens",
            ),
            ("cap cellphone bills", "plafonner les factures de téléphonie cellulaire"),
            ("ban junk fees", "interdire les frais abusifs"),
        ),
        ("Minister of Transport", "ministre des Transports"),
        ("the Canadian Transportation Agency", "l'Office des transports du Canada"),
    ),
    Topic(
        "Citizenship and immigration",
        (
            ("Immigration", "Immigration"),
            ("International students", "Étudiants étrangers"),
            ("Family reunification", "Réunification familiale"),
        ),
        (
            (
                "processing delays for permanent residence",
                "les délais de traitement des demandes de résidence permanente",
            ),
            ("the cap on study permits", "le plafond des permis d'études"),
            ("the parents and grandparents lottery", "la loterie des parents et grands-parents"),
        ),
        (
            ("temporary foreign workers", "travailleurs étrangers temporaires"),
            ("international graduates", "diplômés étrangers"),
        ),
        (
            ("extend post-graduation work permits", "prolonger les permis de travail postdiplôme"),
            (
                "clear the backlog of spousal sponsorship files",
                "éliminer l'arriéré des demandes de parrainage de conjoints",
            ),
            (
                "create a pathway to permanent residence for essential workers",
                "créer une voie d'accès à la résidence permanente pour les travailleurs essentiels",
            ),
        ),
        (
            "Minister of Immigration, Refugees and Citizenship",
            "ministre de l'Immigration, des Réfugiés et de la Citoyenneté",
        ),
        ("Immigration, Refugees and Citizenship Canada", "Immigration, Réfugiés et Citoyenneté Canada"),
        1.5,
    ),
    Topic(
        "Justice",
        (
            ("Criminal Code", "Code criminel"),
            ("Human trafficking", "Traite de personnes"),
            ("Medical assistance in dying", "Aide médicale à mourir"),
        ),
        (
            (
                "bail for repeat violent offenders",
                "la mise en liberté sous caution des récidivistes violents",
            ),
            ("the expansion of medical assistance in dying", "l'élargissement de l'aide médicale à mourir"),
            (
                "coercive control in intimate relationships",
                "le contrôle coercitif dans les relations intimes",
            ),
        ),
        (
            ("victims of crime", "victimes d'actes criminels"),
            ("persons with disabilities", "personnes handicapées"),
        ),
        (
            ("criminalize coercive control", "criminaliser le contrôle coercitif"),
            ("reform the bail system", "réformer le régime de mise en liberté sous caution"),
            (
                "pause the expansion of medical assistance in dying",
                "suspendre l'élargissement de l'aide médicale à mourir",
            ),
        ),
        (
            "Minister of Justice and Attorney General of Canada",
            "ministre de la Justice et procureur général du Canada",
        ),
        ("the Victims Fund", "le Fonds d'aide aux victimes"),
        1.5,
    ),
    Topic(
        "Employment and labour",
        (
            ("Employment insurance", "Assurance-emploi"),
            ("Pensions", "Pensions"),
            ("Workers' rights", "Droits des travailleurs"),
        ),
        (
            (
                "the gap in employment insurance for seasonal workers",
                "le trou noir de l'assurance-emploi des travailleurs saisonniers",
            ),
            (
                "the use of replacement workers during strikes",
                "le recours aux travailleurs de remplacement pendant les grèves",
            ),
            ("pension clawbacks at age 65", "la réduction des pensions à 65 ans"),
        ),
        (
            ("seasonal workers", "travailleurs saisonniers"),
            ("retired veterans", "anciens combattants retraités"),
        ),
        (
            (
                "extend employment insurance sickness benefits to 52 weeks",
                "porter les prestations de maladie de l'assurance-emploi à 52 semaines",
            ),
            ("ban replacement workers", "interdire les travailleurs de remplacement"),
            ("end the pension clawback", "mettre fin à la réduction des pensions"),
        ),
        (
            "Minister of Employment, Workforce Development and Labour",
            "ministre de l'Emploi, du Développement de la main-d'œuvre et du Travail",
        ),
        ("the Employment Insurance program", "le régime d'assurance-emploi"),
    ),
    Topic(
        "Social affairs and equality",
        (("Housing", "Logement"), ("Indigenous peoples", "Peuples autochtones"), ("Poverty", "Pauvreté")),
        (
            ("the shortage of affordable housing", "la pénurie de logements abordables"),
            (
                "boil-water advisories on First Nations reserves",
                "les avis d'ébullition de l'eau dans les réserves des Premières Nations",
            ),
            ("discrimination under the Indian Act", "la discrimination fondée sur la Loi sur les Indiens"),
        ),
        (("renters", "locataires"), ("First Nations families", "familles des Premières Nations")),
        (
            (
                "build co-operative and non-market housing",
                "construire des logements coopératifs et hors marché",
            ),
            (
                "end all long-term drinking water advisories",
                "lever tous les avis à long terme concernant la qualité de l'eau potable",
            ),
            ("establish a guaranteed livable basic income", "établir un revenu de base garanti suffisant"),
        ),
        (
            "Minister of Housing, Infrastructure and Communities",
            "ministre du Logement, de l'Infrastructure et des Collectivités",
        ),
        ("the National Housing Strategy", "la Stratégie nationale sur le logement"),
        2.0,
    ),
    Topic(
        "Social affairs and equality",
        (
            ("Persons with disabilities", "Personnes handicapées"),
            ("Seniors", "Aînés"),
            ("Child care", "Garde d'enfants"),
        ),
        (
            (
                "the low amount of the Canada Disability Benefit",
                "le faible montant de la Prestation canadienne pour les personnes handicapées",
            ),
            ("the cost of child care", "le coût des services de garde"),
            ("isolation among seniors", "l'isolement des aînés"),
        ),
        (("persons with disabilities", "personnes handicapées"), ("single parents", "parents seuls")),
        (
            (
                "raise the Canada Disability Benefit above the poverty line",
                "porter la Prestation canadienne pour les personnes handicapées au-dessus du seuil de pauvreté",
            ),
            (
                "increase Old Age Security for seniors aged 65 to 74",
                "augmenter la Sécurité de la vieillesse des aînés de 65 à 74 ans",
            ),
            ("create more child care spaces", "créer davantage de places en garderie"),
        ),
        (
            "Minister of Families, Children and Social Development",
            "ministre de la Famille, des Enfants et du Développement social",
        ),
        ("the Canada Disability Benefit", "la Prestation canadienne pour les personnes handicapées"),
        1.5,
    ),
    Topic(
        "Parliament and politics",
        (("Members of Parliament", "Députés"), ("Ethics", "Éthique"), ("Senate", "Sénat")),
        (
            ("the pension plan of Members of Parliament", "le régime de retraite des députés"),
            ("lobbying by foreign governments", "le lobbying des gouvernements étrangers"),
            ("the appointment process for senators", "le processus de nomination des sénateurs"),
        ),
        (("taxpayers", "contribuables"), ("voters", "électeurs")),
        (
            ("freeze the salaries of Members of Parliament", "geler le salaire des députés"),
            ("create a foreign agent registry", "créer un registre des agents étrangers"),
            ("hold a referendum on the future of the Senate", "tenir un référendum sur l'avenir du Sénat"),
        ),
        (
            "President of the King's Privy Council for Canada",
            "président du Conseil privé du Roi pour le Canada",
        ),
        ("the Conflict of Interest Act", "la Loi sur les conflits d'intérêts"),
    ),
    Topic(
        "Democratic process",
        (
            ("Electoral reform", "Réforme électorale"),
            ("Proportional representation", "Représentation proportionnelle"),
            ("Elections", "Élections"),
        ),
        (
            ("the first-past-the-post voting system", "le mode de scrutin uninominal majoritaire à un tour"),
            ("foreign interference in elections", "l'ingérence étrangère dans les élections"),
            ("the voting age", "l'âge du droit de vote"),
        ),
        (("voters", "électeurs"), ("young people", "jeunes")),
        (
            (
                "establish a national citizens' assembly on electoral reform",
                "créer une assemblée citoyenne nationale sur la réforme électorale",
            ),
            ("lower the voting age to 16", "abaisser l'âge du droit de vote à 16 ans"),
            ("adopt a proportional voting system", "adopter un mode de scrutin proportionnel"),
        ),
        ("Minister of Democratic Institutions", "ministre des Institutions démocratiques"),
        ("Elections Canada", "Élections Canada"),
    ),
    Topic(
        "National day",
        (("Commemoration", "Commémoration"), ("Holidays", "Jours fériés"), ("Heritage", "Patrimoine")),
        (
            (
                "the lack of a national day to honour caregivers",
                "l'absence d'une journée nationale en l'honneur des proches aidants",
            ),
            ("the history of the Underground Railroad", "l'histoire du chemin de fer clandestin"),
            ("the contribution of Canadian nurses", "la contribution des infirmières canadiennes"),
        ),
        (("caregivers", "proches aidants"), ("students and teachers", "élèves et enseignants")),
        (
            ("proclaim a national day of recognition", "proclamer une journée nationale de reconnaissance"),
            (
                "make the third Monday in February a statutory holiday",
                "faire du troisième lundi de février un jour férié",
            ),
            ("fund commemorative projects in schools", "financer des projets commémoratifs dans les écoles"),
        ),
        ("Minister of Canadian Heritage", "ministre du Patrimoine canadien"),
        ("the Commemorate Canada program", "le programme Commémorer le Canada"),
        0.5,
    ),
)

# --- Countries: who foreign-affairs petitions are about ----------------------------------------


@dataclass(frozen=True, slots=True)
class Foreign:
    code: str
    en: str
    de: str  # "du Kazakhstan", "de la Chine"
    in_: str  # "au Kazakhstan", "en Chine"
    adj: str  # English adjective / singular demonym
    people: str  # English plural
    gens: str  # French plural demonym
    adj_f: str  # French feminine singular adjective
    adj_fp: str  # French feminine plural adjective
    fr: str
    weight: float


FOREIGN: tuple[Foreign, ...] = (
    Foreign(
        "KZ",
        "Kazakhstan",
        "du Kazakhstan",
        "au Kazakhstan",
        "Kazakh",
        "Kazakhs",
        "Kazakhs",
        "kazakhe",
        "kazakhes",
        "Kazakhstan",
        3.0,
    ),
    Foreign(
        "CN",
        "China",
        "de la Chine",
        "en Chine",
        "Chinese",
        "Uyghurs",
        "Ouïghours",
        "chinoise",
        "chinoises",
        "Chine",
        5.0,
    ),
    Foreign(
        "UA",
        "Ukraine",
        "de l'Ukraine",
        "en Ukraine",
        "Ukrainian",
        "Ukrainians",
        "Ukrainiens",
        "ukrainienne",
        "ukrainiennes",
        "Ukraine",
        5.0,
    ),
    Foreign(
        "IR",
        "Iran",
        "de l'Iran",
        "en Iran",
        "Iranian",
        "Iranians",
        "Iraniens",
        "iranienne",
        "iraniennes",
        "Iran",
        4.0,
    ),
    Foreign(
        "IN",
        "India",
        "de l'Inde",
        "en Inde",
        "Indian",
        "Sikhs",
        "sikhs",
        "indienne",
        "indiennes",
        "Inde",
        4.0,
    ),
    Foreign(
        "RU",
        "Russia",
        "de la Russie",
        "en Russie",
        "Russian",
        "Russians",
        "Russes",
        "russe",
        "russes",
        "Russie",
        2.5,
    ),
    Foreign(
        "AF",
        "Afghanistan",
        "de l'Afghanistan",
        "en Afghanistan",
        "Afghan",
        "Afghans",
        "Afghans",
        "afghane",
        "afghanes",
        "Afghanistan",
        2.5,
    ),
    Foreign(
        "LK",
        "Sri Lanka",
        "du Sri Lanka",
        "au Sri Lanka",
        "Sri Lankan",
        "Tamils",
        "Tamouls",
        "sri-lankaise",
        "sri-lankaises",
        "Sri Lanka",
        2.0,
    ),
    Foreign(
        "PK",
        "Pakistan",
        "du Pakistan",
        "au Pakistan",
        "Pakistani",
        "Ahmadis",
        "ahmadis",
        "pakistanaise",
        "pakistanaises",
        "Pakistan",
        1.5,
    ),
    Foreign(
        "NG",
        "Nigeria",
        "du Nigeria",
        "au Nigeria",
        "Nigerian",
        "Nigerians",
        "Nigérians",
        "nigériane",
        "nigérianes",
        "Nigeria",
        1.0,
    ),
    Foreign(
        "ET",
        "Ethiopia",
        "de l'Éthiopie",
        "en Éthiopie",
        "Ethiopian",
        "Tigrayans",
        "Tigréens",
        "éthiopienne",
        "éthiopiennes",
        "Éthiopie",
        1.5,
    ),
    Foreign(
        "ER",
        "Eritrea",
        "de l'Érythrée",
        "en Érythrée",
        "Eritrean",
        "Eritreans",
        "Érythréens",
        "érythréenne",
        "érythréennes",
        "Érythrée",
        1.0,
    ),
    Foreign(
        "SD",
        "Sudan",
        "du Soudan",
        "au Soudan",
        "Sudanese",
        "Sudanese civilians",
        "civils soudanais",
        "soudanaise",
        "soudanaises",
        "Soudan",
        1.0,
    ),
    Foreign(
        "HT",
        "Haiti",
        "d'Haïti",
        "en Haïti",
        "Haitian",
        "Haitians",
        "Haïtiens",
        "haïtienne",
        "haïtiennes",
        "Haïti",
        1.5,
    ),
    Foreign(
        "VE",
        "Venezuela",
        "du Venezuela",
        "au Venezuela",
        "Venezuelan",
        "Venezuelans",
        "Vénézuéliens",
        "vénézuélienne",
        "vénézuéliennes",
        "Venezuela",
        0.8,
    ),
    Foreign(
        "MM",
        "Myanmar",
        "du Myanmar",
        "au Myanmar",
        "Burmese",
        "Rohingya",
        "Rohingyas",
        "birmane",
        "birmanes",
        "Myanmar",
        0.8,
    ),
    Foreign(
        "SY",
        "Syria",
        "de la Syrie",
        "en Syrie",
        "Syrian",
        "Syrians",
        "Syriens",
        "syrienne",
        "syriennes",
        "Syrie",
        1.0,
    ),
    Foreign(
        "LB",
        "Lebanon",
        "du Liban",
        "au Liban",
        "Lebanese",
        "Lebanese families",
        "familles libanaises",
        "libanaise",
        "libanaises",
        "Liban",
        0.8,
    ),
    Foreign(
        "AM",
        "Armenia",
        "de l'Arménie",
        "en Arménie",
        "Armenian",
        "Armenians",
        "Arméniens",
        "arménienne",
        "arméniennes",
        "Arménie",
        1.0,
    ),
    Foreign(
        "HK",
        "Hong Kong",
        "de Hong Kong",
        "à Hong Kong",
        "Hong Kong",
        "Hong Kongers",
        "Hongkongais",
        "hongkongaise",
        "hongkongaises",
        "Hong Kong",
        1.5,
    ),
    Foreign(
        "VN",
        "Vietnam",
        "du Vietnam",
        "au Vietnam",
        "Vietnamese",
        "Vietnamese bloggers",
        "blogueurs vietnamiens",
        "vietnamienne",
        "vietnamiennes",
        "Vietnam",
        0.8,
    ),
    Foreign(
        "PH",
        "the Philippines",
        "des Philippines",
        "aux Philippines",
        "Filipino",
        "Filipinos",
        "Philippins",
        "philippine",
        "philippines",
        "Philippines",
        0.8,
    ),
    Foreign(
        "EG",
        "Egypt",
        "de l'Égypte",
        "en Égypte",
        "Egyptian",
        "Egyptian Copts",
        "coptes égyptiens",
        "égyptienne",
        "égyptiennes",
        "Égypte",
        0.6,
    ),
    Foreign(
        "BD",
        "Bangladesh",
        "du Bangladesh",
        "au Bangladesh",
        "Bangladeshi",
        "Bangladeshis",
        "Bangladais",
        "bangladaise",
        "bangladaises",
        "Bangladesh",
        0.6,
    ),
    Foreign(
        "NI",
        "Nicaragua",
        "du Nicaragua",
        "au Nicaragua",
        "Nicaraguan",
        "Nicaraguans",
        "Nicaraguayens",
        "nicaraguayenne",
        "nicaraguayennes",
        "Nicaragua",
        0.5,
    ),
)
_FOREIGN_WEIGHTS = [f.weight for f in FOREIGN]

# Countries named only as examples ("as Germany and Norway have done"): mentioned, never primary.
PEERS: tuple[Pair, ...] = (
    ("Germany", "l'Allemagne"),
    ("Norway", "la Norvège"),
    ("Australia", "l'Australie"),
    ("New Zealand", "la Nouvelle-Zélande"),
    ("Denmark", "le Danemark"),
    ("Sweden", "la Suède"),
    ("Japan", "le Japon"),
    ("Finland", "la Finlande"),
    ("the Netherlands", "les Pays-Bas"),
    ("Ireland", "l'Irlande"),
    ("the United Kingdom", "le Royaume-Uni"),
    ("Portugal", "le Portugal"),
)

# --- Sentence templates ---------------------------------------------------------------------------

GRIEVANCES: tuple[Pair, ...] = (
    (
        "{Issue} affects thousands of {group} across Canada;",
        "{Issue} touche des milliers de {group_fr} partout au Canada;",
    ),
    (
        "Since {year}, {issue} has become a more serious problem in communities such as {city}, {province};",
        "Depuis {year}, {issue_fr} est devenu un problème plus grave dans des collectivités comme {city} ({province_fr});",
    ),
    (
        "According to a {year} survey, {pct} per cent of {group} say that {issue} has affected them directly;",
        "Selon un sondage réalisé en {year}, {pct} % des {group_fr} affirment que {issue_fr} les touche directement;",
    ),
    (
        "{Group} have repeatedly asked the federal government to address {issue}, without result;",
        "Les {group_fr} demandent depuis longtemps au gouvernement fédéral d'agir concernant {issue_fr}, sans résultat;",
    ),
    (
        "The case of {person} of {city} shows how {issue} can devastate a family;",
        "Le cas de {person}, de {city}, montre à quel point {issue_fr} peut dévaster une famille;",
    ),
    (
        "{Group} in rural and remote regions face even greater barriers;",
        "Les {group_fr} des régions rurales et éloignées se heurtent à des obstacles encore plus importants;",
    ),
    (
        "Public consultations held in {year} showed strong support for action on {issue};",
        "Les consultations publiques tenues en {year} ont révélé un large appui à des mesures concernant {issue_fr};",
    ),
    (
        "More than {n} Canadians have written to their Members of Parliament about {issue};",
        "Plus de {n} Canadiens ont écrit à leur député concernant {issue_fr};",
    ),
    (
        "Experts, including {person} of the {org}, warn that {issue} will cost far more if nothing is done;",
        "Des experts, dont {person}, de l'{org_fr}, préviennent que {issue_fr} coûtera beaucoup plus cher si rien n'est fait;",
    ),
    (
        "{Program} has not kept pace with the needs of {group};",
        "{Program_fr} n'a pas suivi l'évolution des besoins des {group_fr};",
    ),
)
PEER_GRIEVANCE: Pair = (
    "Other countries, including {peer1} and {peer2}, have already taken measures to deal with {issue};",
    "D'autres pays, dont {peer1_fr} et {peer2_fr}, ont déjà pris des mesures concernant {issue_fr};",
)
FOREIGN_GRIEVANCES: tuple[Pair, ...] = (
    (
        "The Government of {country} continues to detain peaceful {people} who speak out for human rights;",
        "Le gouvernement {de} continue de détenir des {gens} pacifiques qui défendent les droits de la personne;",
    ),
    (
        "Family members of Canadians remain trapped in {country} while their applications wait for years;",
        "Des membres de la famille de Canadiens demeurent coincés {in_} pendant que leurs demandes attendent des années;",
    ),
    (
        "Human rights organizations have documented torture, arbitrary arrests and forced disappearances in {country};",
        "Des organisations de défense des droits de la personne ont documenté la torture, les arrestations arbitraires et les disparitions forcées {in_};",
    ),
    (
        "{Adj} authorities have targeted journalists, lawyers and religious minorities since {year};",
        "Les autorités {adj_fp} ciblent des journalistes, des avocats et des minorités religieuses depuis {year};",
    ),
    (
        "The case of {person}, a {adj} human rights defender sentenced in {year}, has drawn international concern;",
        "Le cas de {person}, défenseur des droits de la personne d'origine {adj_f} condamné en {year}, suscite l'inquiétude internationale;",
    ),
    (
        "Canadians of {adj} origin report intimidation and harassment by agents acting for the Government of {country};",
        "Des Canadiens d'origine {adj_f} signalent de l'intimidation et du harcèlement de la part d'agents agissant pour le gouvernement {de};",
    ),
    (
        "The humanitarian situation in {country} has deteriorated sharply since {year}, leaving {n} people displaced;",
        "La situation humanitaire {in_} s'est fortement détériorée depuis {year}, laissant {n} personnes déplacées;",
    ),
)
FOREIGN_ASKS: tuple[Pair, ...] = (
    (
        "impose Magnitsky sanctions on the officials of {country} responsible for gross human rights violations",
        "imposer des sanctions de type Magnitski aux responsables {de} de graves violations des droits de la personne",
    ),
    (
        "call for the immediate release of all political prisoners held in {country}",
        "exiger la libération immédiate de tous les prisonniers politiques détenus {in_}",
    ),
    (
        "create a special immigration pathway for {people} at risk",
        "créer une voie d'immigration spéciale pour les {gens} en danger",
    ),
    (
        "increase humanitarian assistance to civilians in {country}",
        "accroître l'aide humanitaire aux civils {in_}",
    ),
    (
        "raise these concerns with the Government of {country} at every opportunity",
        "soulever ces préoccupations auprès du gouvernement {de} à chaque occasion",
    ),
    (
        "protect {adj} Canadians from transnational repression",
        "protéger les Canadiens d'origine {adj_f} contre la répression transnationale",
    ),
)
RESPONSE_SENTENCES: tuple[Pair, ...] = (
    (
        "The Government of Canada recognizes that {issue} is a serious concern for many {group}.",
        "Le gouvernement du Canada reconnaît que {issue_fr} constitue une préoccupation sérieuse pour de nombreux {group_fr}.",
    ),
    (
        "Since {year}, the Government has invested more than ${amount} million through {program} to support {group}.",
        "Depuis {year}, le gouvernement a investi plus de {amount} millions de dollars par l'entremise de {program_fr} pour soutenir les {group_fr}.",
    ),
    (
        "The {minister} continues to work closely with provinces, territories and Indigenous partners on this issue.",
        "Le {minister_fr} continue de collaborer étroitement avec les provinces, les territoires et les partenaires autochtones à ce dossier.",
    ),
    (
        "In Budget {year}, the Government announced new measures to {ask}.",
        "Dans le budget de {year}, le gouvernement a annoncé de nouvelles mesures pour {ask_fr}.",
    ),
    (
        "The Government will continue to monitor the situation closely and to consult stakeholders, including {group}.",
        "Le gouvernement continuera de suivre de près la situation et de consulter les intervenants, y compris les {group_fr}.",
    ),
    (
        "Decisions about {issue} must respect the jurisdiction of the provinces and territories.",
        "Les décisions concernant {issue_fr} doivent respecter les compétences des provinces et des territoires.",
    ),
    (
        "Budget {year} provides ${amount} million over five years to strengthen {program}.",
        "Le budget de {year} prévoit {amount} millions de dollars sur cinq ans pour renforcer {program_fr}.",
    ),
    (
        "A review of {program} was completed in {year} and its recommendations are being implemented.",
        "Un examen de {program_fr} a été achevé en {year} et ses recommandations sont en voie de mise en œuvre.",
    ),
    (
        "The Government does not intend to {ask} at this time, but it will keep the question under review.",
        "Le gouvernement n'a pas l'intention de {ask_fr} pour le moment, mais il continuera d'examiner la question.",
    ),
    (
        "Officials met with {group} in {city} and elsewhere in {year} to hear their concerns directly.",
        "Des fonctionnaires ont rencontré des {group_fr} à {city} et ailleurs en {year} pour entendre directement leurs préoccupations.",
    ),
    (
        "These measures build on the work of {program} and on the advice of an expert panel chaired by {person}.",
        "Ces mesures s'appuient sur les travaux de {program_fr} et sur les conseils d'un groupe d'experts présidé par {person}.",
    ),
    (
        "The Government thanks the petitioners for bringing this matter to its attention.",
        "Le gouvernement remercie les pétitionnaires d'avoir porté cette question à son attention.",
    ),
)
FOREIGN_RESPONSE_SENTENCES: tuple[Pair, ...] = (
    (
        "Canada remains deeply concerned about the human rights situation in {country}.",
        "Le Canada demeure profondément préoccupé par la situation des droits de la personne {in_}.",
    ),
    (
        "Canada has imposed sanctions on {n2} individuals and entities in {country} under the Special Economic Measures Act.",
        "Le Canada a imposé des sanctions à {n2} personnes et entités {in_} en vertu de la Loi sur les mesures économiques spéciales.",
    ),
    (
        "Canadian officials raise these cases directly with the authorities of {country}, together with partners such as {peer1} and {peer2}.",
        "Les représentants canadiens soulèvent ces cas directement auprès des autorités {de}, avec des partenaires comme {peer1_fr} et {peer2_fr}.",
    ),
    (
        "Since {year}, Canada has provided ${amount} million in humanitarian assistance to people affected by the crisis in {country}.",
        "Depuis {year}, le Canada a fourni {amount} millions de dollars d'aide humanitaire aux personnes touchées par la crise {in_}.",
    ),
    (
        "Canada will continue to call on the Government of {country} to respect its international obligations.",
        "Le Canada continuera d'exhorter le gouvernement {de} à respecter ses obligations internationales.",
    ),
)
ORGS: tuple[Pair, ...] = (
    ("Canadian Institute for Public Policy", "Institut canadien des politiques publiques"),
    ("University of Northern Studies", "Université des études nordiques"),
    ("National Council of Advocates", "Conseil national des intervenants"),
    ("Association of Community Clinics", "Association des cliniques communautaires"),
)

# (start, end, parliament, session): the sessions whose numbers the generator hands out.
SESSIONS: tuple[tuple[date, date, int, int], ...] = (
    (date(2019, 12, 5), date(2020, 8, 18), 43, 1),
    (date(2020, 9, 23), date(2021, 8, 15), 43, 2),
    (date(2021, 11, 22), date(2025, 3, 23), 44, 1),
    (date(2025, 5, 26), date(2026, 12, 31), 45, 1),
)
_SYLLABLES = "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve za zhan gul yer mur"


# --- Pools built once per seed ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pools:
    sponsors: list[Sponsor]
    sponsor_weights: list[float]
    keyword_ids: dict[Pair, int]


def _make_riding(rng: random.Random, city: str) -> str:
    style = rng.random()
    if style < 0.35:
        return city
    if style < 0.7:
        other = rng.choice(PROVINCES)[3][0] if rng.random() < 0.2 else _place_name(rng)
        return f"{city}—{other}"
    tail = rng.choice(_RIDING_TAILS)
    return f"{city}{tail}" if tail.startswith("—") else f"{city} {tail}"


def _place_name(rng: random.Random) -> str:
    syl = _SYLLABLES.split()
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))).capitalize() + rng.choice(
        ("", " Valley", " Hills", " Bay", " River")
    )


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _foreign_person(rng: random.Random) -> str:
    syl = _SYLLABLES.split()

    def word() -> str:
        return "".join(rng.choice(syl) for _ in range(rng.randint(2, 4))).capitalize()

    return f"{word()} {word()}"


def _pools(seed: int) -> _Pools:
    rng = random.Random(f"pools-{seed}")
    sponsors: list[Sponsor] = []
    used_names: set[str] = set()
    used_ids: set[int] = set()
    while len(sponsors) < 400:
        name = _person(rng)
        if name in used_names:
            continue
        pid = rng.randint(1000, 130000)
        if pid in used_ids:
            continue
        used_names.add(name)
        used_ids.add(pid)
        prov = rng.choices(PROVINCES, weights=_PROVINCE_WEIGHTS)[0]
        caucuses = [c for c in CAUCUSES if prov[0] == "Quebec" or not c[0][0].startswith("Bloc")]
        caucus = rng.choices([c[0] for c in caucuses], weights=[c[1] for c in caucuses])[0]
        sponsors.append(
            Sponsor(
                name=name,
                person_id=pid,
                riding=_make_riding(rng, rng.choice(prov[3])),
                caucus=Bi(*caucus),
                province=Bi(prov[0], prov[1]),
            )
        )
    # A few members present most petitions (Zipf-like), as on the real site.
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(sponsors))]
    keyword_ids: dict[Pair, int] = {}
    names = [kw for t in TOPICS for kw in t.keywords] + [(f.en.removeprefix("the "), f.fr) for f in FOREIGN]
    names += [
        ("Human rights", "Droits de la personne"),
        ("Refugees", "Réfugiés"),
        ("Sanctions", "Sanctions"),
        ("Foreign interference", "Ingérence étrangère"),
    ]
    ids = rng.sample(range(20000, 180000), len(names))
    for kw, kid in zip(names, ids, strict=True):
        keyword_ids.setdefault(kw, kid)
    return _Pools(sponsors, weights, keyword_ids)


# --- One petition -----------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _session_at(day: date) -> tuple[int, int, date]:
    for start, end, parl, sess in SESSIONS:
        if start <= day <= end:
            return parl, sess, end
    for start, end, parl, sess in SESSIONS:  # a day between sessions belongs to the next one
        if day < start:
            return parl, sess, end
    last = SESSIONS[-1]
    return last[2], last[3], last[1]


def _timeline_day(i: int, n: int, rng: random.Random) -> date:
    """The i-th petition's first day: records spread evenly over the sessions, oldest first."""
    spans = [(s, (e - s).days) for s, e, _, _ in SESSIONS]
    spans[-1] = (spans[-1][0], (NOW.date() - spans[-1][0]).days)
    total = sum(d for _, d in spans)
    at = (i + rng.random()) / n * total
    for start, days in spans:
        if at < days:
            return start + timedelta(days=int(at))
        at -= days
    return NOW.date()


def _pair(pair: Pair, slots: dict[str, str], rng: random.Random) -> Pair:
    """Fill a bilingual template; figures (year, share, counts) are drawn afresh for each sentence."""
    fresh = {
        **slots,
        "year": str(rng.randint(2012, 2025)),
        "pct": str(rng.randint(12, 88)),
        "n": f"{rng.randint(2, 90) * 1000:,}",
        "n2": str(rng.randint(12, 480)),
        "amount": str(rng.randint(5, 900)),
    }
    return pair[0].format(**fresh), pair[1].format(**fresh)


def _signatures_by_province(rng: random.Random, total: int, home: str) -> dict[str, int]:
    weights = [p[2] * (6.0 if p[0] == home else 1.0) for p in PROVINCES]
    counts: dict[str, int] = {}
    for name in rng.choices([p[0] for p in PROVINCES], weights=weights, k=min(total, 400)):
        counts[name] = counts.get(name, 0) + 1
    if total > 400:  # scale the sample up to the total, then fix rounding on the home province
        scaled = {k: v * total // 400 for k, v in counts.items()}
        scaled[home] = scaled.get(home, 0) + total - sum(scaled.values())
        counts = scaled
    return {k: v for k, v in sorted(counts.items()) if v > 0}


class _Builder:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = random.Random(seed)
        self.pools = _pools(seed)
        self.next_e = 1000
        self.next_seq: dict[tuple[int, int], int] = {}
        self.topic_weights = [t.weight for t in TOPICS]

    def _presented_number(self, parl: int, sess: int) -> str:
        seq = self.next_seq.get((parl, sess), 0) + 1
        self.next_seq[(parl, sess)] = seq
        return f"{parl}{sess}-{seq:05d}"

    def build(self, i: int) -> Petition:
        rng = self.rng
        day = _timeline_day(i, self.n, rng)
        kind = "e" if rng.random() < 0.7 else "paper"
        foreign = rng.choices(FOREIGN, weights=_FOREIGN_WEIGHTS)[0] if rng.random() < 0.18 else None
        topic = rng.choices(TOPICS, weights=self.topic_weights)[0]
        subject = _SUBJECT["Foreign affairs"] if foreign and rng.random() < 0.8 else _SUBJECT[topic.subject]
        if foreign and subject[0] != "Foreign affairs":
            subject = _SUBJECT["Citizenship and immigration"]
        prov = rng.choices(PROVINCES, weights=_PROVINCE_WEIGHTS)[0]
        peers = rng.sample(PEERS, 2)
        slots = self._slots(topic, foreign, prov, peers)

        grievances = self._grievances(topic, foreign, slots)
        prayer = self._prayer(topic, foreign, slots, kind)
        keywords = self._keywords(topic, foreign)
        sponsor = rng.choices(self.pools.sponsors, weights=self.pools.sponsor_weights)[0]
        timeline = self._timeline(kind, day)
        response = self._response(topic, foreign, slots) if timeline["answered"] else None

        number = timeline["number"]
        only_en = rng.random() < 0.03  # a record seen in one language only
        fetched = min(
            NOW,
            datetime.combine(timeline["last"], time(6, 0), tzinfo=TORONTO)
            + timedelta(days=rng.randint(0, 3)),
        )
        status_id = timeline["status"]
        return Petition(
            number=number,
            kind=kind,  # type: ignore[arg-type]
            parliament=timeline["parliament"],
            session=timeline["session"],
            presented_number=timeline["presented_number"],
            status_id=status_id,
            status=STATUS_LABELS.get(status_id, Bi()) if status_id else Bi(),
            subject=Bi(subject[0], None if only_en else subject[1]),
            keywords=tuple(Keyword(kid, Bi(en, None if only_en else fr)) for kid, en, fr in keywords),
            original_language="fr" if prov[0] == "Quebec" and rng.random() < 0.7 else "en",
            addressee=Bi("Petition to the Government of Canada", "Pétition au gouvernement du Canada")
            if kind == "e"
            else Bi("Petition to the House of Commons", "Pétition à la Chambre des communes"),
            initiator=Initiator(_person(rng), rng.choice(prov[3]), prov[0]) if kind == "e" else None,
            sponsor=sponsor,
            opened_at=timeline["opened_at"],
            closed_at=timeline["closed_at"],
            certified_on=timeline["certified_on"],
            presented_on=timeline["presented_on"],
            response_tabled_on=timeline["response_tabled_on"],
            signatures=timeline["signatures"],
            signatures_by_province=_signatures_by_province(rng, timeline["signatures"], prov[0])
            if timeline["signatures"]
            else {},
            grievances=Bi([g[0] for g in grievances], None if only_en else [g[1] for g in grievances]),
            prayer=Bi([p[0] for p in prayer], None if only_en else [p[1] for p in prayer]),
            response=response,
            url=Bi(detail_url(number, "en"), detail_url(number, "fr")),
            fetched_at=fetched.astimezone(UTC),
        )

    def _slots(
        self, topic: Topic, foreign: Foreign | None, prov: tuple, peers: Sequence[Pair]
    ) -> dict[str, str]:
        rng = self.rng
        issue = rng.choice(topic.issues)
        group = rng.choice(topic.groups)
        ask = rng.choice(topic.asks)
        org = rng.choice(ORGS)
        slots = {
            "issue": issue[0],
            "Issue": _cap(issue[0]),
            "issue_fr": issue[1],
            "Issue_fr": _cap(issue[1]),
            "group": group[0],
            "Group": _cap(group[0]),
            "group_fr": group[1],
            "ask": ask[0],
            "ask_fr": ask[1],
            "program": topic.program[0],
            "Program": _cap(topic.program[0]),
            "program_fr": topic.program[1],
            "Program_fr": _cap(topic.program[1]),
            "minister": topic.minister[0],
            "minister_fr": topic.minister[1],
            "org": org[0],
            "org_fr": org[1],
            "city": rng.choice(prov[3]),
            "province": prov[0],
            "province_fr": prov[1],
            "person": _person(rng),
            "peer1": peers[0][0],
            "peer1_fr": peers[0][1],
            "peer2": peers[1][0],
            "peer2_fr": peers[1][1],
        }
        if foreign:
            slots.update(
                country=foreign.en,
                de=foreign.de,
                in_=foreign.in_,
                adj=foreign.adj,
                Adj=_cap(foreign.adj),
                people=foreign.people,
                gens=foreign.gens,
                adj_f=foreign.adj_f,
                adj_fp=foreign.adj_fp,
                person=_foreign_person(rng),
            )
        return slots

    def _grievances(self, topic: Topic, foreign: Foreign | None, slots: dict[str, str]) -> list[Pair]:
        rng = self.rng
        count = rng.randint(2, 6)
        if foreign:
            k = min(count, len(FOREIGN_GRIEVANCES))
            picked = rng.sample(FOREIGN_GRIEVANCES, k)
        else:
            picked = rng.sample(GRIEVANCES, count)
            if rng.random() < 0.08:  # countries named in passing: mentioned, not primary
                picked[rng.randrange(len(picked))] = PEER_GRIEVANCE
        out = [_pair(pair, slots, rng) for pair in picked]
        if rng.random() < 0.25:  # run-on last item, as the site's "…; and"
            en, fr = out[-1]
            out[-1] = (en.rstrip(";") + ".", fr.rstrip(";") + ".")
        return out

    def _prayer(self, topic: Topic, foreign: Foreign | None, slots: dict[str, str], kind: str) -> list[Pair]:
        rng = self.rng
        asks_src = FOREIGN_ASKS if foreign else topic.asks
        asks = [
            _pair(pair, slots, rng) for pair in rng.sample(asks_src, min(len(asks_src), rng.randint(1, 3)))
        ]
        who_en, who_fr = rng.choice(
            (
                ("citizens and residents of Canada", "citoyens et résidents du Canada"),
                ("residents of Canada", "résidents du Canada"),
                ("citizens of Canada", "citoyens du Canada"),
            )
        )
        whom_en, whom_fr = (
            ("the Government of Canada", "le gouvernement du Canada")
            if kind == "e" or rng.random() < 0.5
            else ("the House of Commons", "la Chambre des communes")
        )
        if len(asks) == 1 and rng.random() < 0.6:
            return [
                (
                    f"We, the undersigned, {who_en}, call upon {whom_en} to {asks[0][0]}.",
                    f"Nous, soussignés, {who_fr}, demandons à {whom_fr} de {asks[0][1]}.".replace(
                        "à le ", "au "
                    ).replace("à la Chambre", "à la Chambre"),
                )
            ]
        lead = (
            f"We, the undersigned, {who_en}, call upon {whom_en} to:",
            f"Nous, soussignés, {who_fr}, demandons à {whom_fr} de :".replace("à le ", "au "),
        )
        items = [(f"{i}. {_cap(en)};", f"{i}. {_cap(fr)};") for i, (en, fr) in enumerate(asks, 1)]
        items[-1] = (items[-1][0][:-1] + ".", items[-1][1][:-1] + ".")
        return [lead, *items]

    def _keywords(self, topic: Topic, foreign: Foreign | None) -> list[tuple[int, str, str]]:
        rng = self.rng
        chosen: list[Pair] = []
        if foreign:
            chosen.append((foreign.en.removeprefix("the "), foreign.fr))
            chosen += rng.sample(
                [
                    ("Human rights", "Droits de la personne"),
                    ("Refugees", "Réfugiés"),
                    ("Sanctions", "Sanctions"),
                    ("Foreign interference", "Ingérence étrangère"),
                ],
                rng.randint(0, 2),
            )
        else:
            chosen += rng.sample(topic.keywords, rng.randint(1, min(3, len(topic.keywords))))
        return [(self.pools.keyword_ids[kw], kw[0], kw[1]) for kw in chosen]

    def _timeline(self, kind: str, day: date) -> dict:
        """Dates and status that follow the procedure; outcomes are drawn, then clipped to NOW."""
        rng = self.rng
        parl, sess, session_end = _session_at(day)
        out: dict = {
            "parliament": parl,
            "session": sess,
            "presented_number": None,
            "opened_at": None,
            "closed_at": None,
            "certified_on": None,
            "presented_on": None,
            "response_tabled_on": None,
            "signatures": None,
            "answered": False,
        }
        today = NOW.date()
        if kind == "e":
            out["number"] = f"e-{self.next_e}"
            self.next_e += 1
            opened = datetime.combine(
                day, time(rng.randint(8, 17), rng.choice((0, 5, 12, 20, 31, 45))), tzinfo=TORONTO
            )
            closed = opened + timedelta(days=rng.choice((30, 60, 90, 120, 120)))
            out["opened_at"], out["closed_at"] = opened, closed
            outcome = rng.choices(
                ("answered", "uncertified", "closed", "dissolved", "unanswered"),
                weights=(0.33, 0.45, 0.08, 0.04, 0.10),
            )[0]
            sigs = int(rng.lognormvariate(6.9, 1.0)) if outcome != "uncertified" else rng.randint(5, 499)
            if outcome != "uncertified":
                sigs = max(sigs, 500 + rng.randint(0, 400))
            out["signatures"] = sigs
            if closed > NOW:
                out.update(status=207, signatures=max(5, sigs * rng.randint(20, 95) // 100), last=day)
                return out
            if closed.date() > session_end or outcome == "dissolved":
                out.update(status=289, last=closed.date())
                return out
            if outcome == "uncertified":
                out.update(status=229, last=closed.date())
                return out
            certified = closed.date() + timedelta(days=rng.randint(1, 6))
            if certified > today:
                out.update(status=226, last=closed.date())
                return out
            out["certified_on"] = certified
            if outcome == "closed":
                out.update(status=224, last=certified)
                return out
            presented = certified + timedelta(days=rng.randint(3, 60))
            start_day = presented
        else:
            presented = day
            outcome = rng.choices(("answered", "unanswered"), weights=(0.86, 0.14))[0]
            start_day = day
        if presented > today:
            out.update(status=224, last=out["certified_on"] or day)
            return out
        p_parl, p_sess, p_end = _session_at(start_day)
        number = self._presented_number(p_parl, p_sess)
        if kind == "paper":
            out["number"] = number
            out["parliament"], out["session"] = p_parl, p_sess
        else:
            out["presented_number"] = number
        out["presented_on"] = presented
        due = presented + timedelta(days=45)
        if outcome == "unanswered" or due > p_end:
            out.update(status=291 if p_end < today else None, last=presented)
            return out
        if due > today:
            out.update(status=None, last=presented)
            return out
        tabled = presented + timedelta(days=rng.randint(25, 45))
        out.update(status=223, response_tabled_on=tabled, answered=True, last=tabled)
        return out

    def _response(self, topic: Topic, foreign: Foreign | None, slots: dict[str, str]) -> Response:
        rng = self.rng
        pool = list(RESPONSE_SENTENCES) + (list(FOREIGN_RESPONSE_SENTENCES) * 2 if foreign else [])
        if foreign:
            header = (
                "Response by the Minister of Foreign Affairs",
                "Réponse de la ministre des Affaires étrangères",
            )
        else:
            header = (f"Response by the {topic.minister[0]}", f"Réponse du {topic.minister[1]}")
        paragraphs: list[Pair] = []
        for _ in range(rng.randint(3, 8)):
            sentences = rng.sample(pool, rng.randint(3, 5))
            filled = [_pair(pair, slots, rng) for pair in sentences]
            paragraphs.append((" ".join(en for en, _ in filled), " ".join(fr for _, fr in filled)))
        french = (
            None if rng.random() < 0.03 else [p[1] for p in paragraphs]
        )  # some responses exist in English only
        return Response(
            header=Bi(header[0], header[1] if french else None),
            signer=rng.choice(self.pools.sponsors).name,
            paragraphs=Bi([p[0] for p in paragraphs], french),
        )


# --- A small vocabulary: every word is common ---------------------------------------------------

VOCABS = ("normal", "small")
SMALL_VOCAB_SIZE = 1000
_SMALL_WORDS_PER_PETITION = (10, 20)
"""Distinct vocabulary words per petition: with 1,000 words, each one is in 1-2% of petitions."""
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=1)
def small_vocabulary() -> tuple[str, ...]:
    """1,000 English words the normal generator writes, always the same ones.

    Drawn from the text of a fixed sample of normal records, so they are real words the
    tokenizer, stemmer and spelling suggestions treat as they treat any petition's words.
    """
    seen: set[str] = set()
    for p in generate(1500, DEFAULT_SEED):
        texts = [*(p.grievances.en or []), *(p.prayer.en or [])]
        if p.response:
            texts += p.response.paragraphs.en or []
        for text in texts:
            seen.update(w.lower() for w in _LONG_WORD.findall(text) if w.isascii())
    words = sorted(seen)
    return tuple(sorted(random.Random(DEFAULT_SEED).sample(words, min(SMALL_VOCAB_SIZE, len(words)))))


def _to_small_vocab(p: Petition, rng: random.Random, vocab: Sequence[str]) -> Petition:
    """The petition with every word of 4+ letters in its texts (both languages) replaced by one of a
    few words drawn for it from `vocab`: short words stay, so phrases still read as phrases."""
    from dataclasses import replace

    own = rng.sample(vocab, rng.randint(*_SMALL_WORDS_PER_PETITION))

    def text(value: str) -> str:
        return _LONG_WORD.sub(lambda _m: rng.choice(own), value)

    def texts(values: Sequence[str] | None) -> list[str] | None:
        return None if values is None else [text(v) for v in values]

    def bi(value: Bi) -> Bi:
        return Bi(texts(value.en), texts(value.fr))

    response = p.response
    if response is not None:
        response = replace(response, paragraphs=bi(response.paragraphs))
    return replace(p, grievances=bi(p.grievances), prayer=bi(p.prayer), response=response)


def generate(n: int, seed: int = DEFAULT_SEED, vocab: str = "normal") -> Iterator[Petition]:
    """`n` petitions, oldest first; the same (n, seed, vocab) always gives the same records.

    `vocab="small"` writes the same petitions with their texts drawn from ~1,000 words (see
    `small_vocabulary`), so every word a user types matches 1-2% of petitions: the case where an
    index has the most rows to intersect.
    """
    if vocab not in VOCABS:
        raise ValueError(f"vocab must be one of {VOCABS}, not {vocab!r}")
    builder = _Builder(n, seed)
    small = small_vocabulary() if vocab == "small" else None
    words_rng = random.Random(seed + 1)
    for i in range(n):
        p = builder.build(i)
        yield _to_small_vocab(p, words_rng, small) if small else p


def _vocab_suffix(vocab: str) -> str:
    return "" if vocab == "normal" else f"-{vocab}"


def corpus_path(n: int, seed: int = DEFAULT_SEED, vocab: str = "normal") -> Path:
    return OUT_DIR / f"corpus-{n}-s{seed}-v{GENERATOR_VERSION}{_vocab_suffix(vocab)}.jsonl"


def write_snapshot(n: int, seed: int = DEFAULT_SEED, path: Path | None = None, vocab: str = "normal") -> Path:
    """Write the corpus as a snapshot `petitionbot ingest` reads; reuses an existing complete file."""
    path = path or corpus_path(n, seed, vocab)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps(SNAPSHOT_HEADER) + "\n")
        for p in generate(n, seed, vocab):
            out.write(json.dumps(p.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
    partial.replace(path)  # only a finished file carries the final name
    return path


# --- The XML export, as an admin would download it ------------------------------------------------------

_PROVINCE_CODES = {
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Nova Scotia": "NS", "Northwest Territories": "NT", "Nunavut": "NU",
    "Ontario": "ON", "Prince Edward Island": "PE", "Quebec": "QC", "Saskatchewan": "SK", "Yukon": "YT",
}  # fmt: skip


def _export_datetime(value: datetime | None) -> str | None:
    """ "April 24, 2019, at 4:33 p.m. (EDT)", as the export (and the details page) writes it."""
    if value is None:
        return None
    local = value.astimezone(TORONTO)
    hour = local.hour % 12 or 12
    half = "a.m." if local.hour < 12 else "p.m."
    return f"{local:%B} {local.day}, {local.year}, at {hour}:{local.minute:02d} {half} (EDT)"


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _export_date(value: date | None) -> str | None:
    return f"{value:%B} {value.day}, {value.year}" if value else None


def export_record(p: Petition, record_id: int) -> str:
    """One `<Petition>` of the search page's XML export (English), with the element names reported for it."""

    def el(name: str, value: object | None) -> str:
        return f"<{name}>{escape(str(value))}</{name}>" if value not in (None, "") else ""

    subject = p.subject.en or ""
    attrs = {
        "Id": str(record_id),
        "TypeId": "81830" if p.kind == "e" else "81831",
        "Title": f"{p.number} ({subject})" if subject else p.number,
    }
    if p.signatures is not None:
        attrs["SignatureCount"] = str(p.signatures)
    parts = [f"<Petition {' '.join(f'{k}={quoteattr(v)}' for k, v in attrs.items())}>"]
    if p.parliament:
        parts.append(
            f'<Parliament ParliamentNumber="{p.parliament}" Session="{p.session or 1}">{p.parliament}{_ordinal(p.parliament)} Parliament</Parliament>'
        )
    parts += [el("StatusId", p.status_id), el("StatusName", p.status.en), el("PetitionNumber", p.number)]
    if p.initiator:
        first, _, last = p.initiator.name.partition(" ")
        parts += [el("PetitionerFirstName", first), el("PetitionerLastName", last)]
    if p.sponsor:
        first, _, last = p.sponsor.name.partition(" ")
        caucus = (p.sponsor.caucus.en or "").removesuffix(" Caucus")
        code = _PROVINCE_CODES.get(p.sponsor.province.en or "", "")
        parts.append(
            f'<Sponsor PersonId="{p.sponsor.person_id or ""}">{el("FirstName", first)}{el("LastName", last)}'
            f"{el('Constituency', p.sponsor.riding)}{el('Caucus', caucus)}{el('ProvinceCode', code)}</Sponsor>"
        )
    parts += [
        el("SignatureOpeningDateTime", _export_datetime(p.opened_at)),
        el("SignatureClosingDateTime", _export_datetime(p.closed_at)),
        el("PresentedDateTime", _export_date(p.presented_on)),
        el("GovernmentResponseDateTime", _export_date(p.response_tabled_on)),
        el("CertificationDateTime", _export_date(p.certified_on)),
    ]
    prayer = [escape(escape(p.addressee.en or ""))]  # the addressee's markup is kept as escaped text
    if p.grievances.en:
        prayer.append(
            "<Grievances>Whereas:" + "".join(el("WhereAs", g) for g in p.grievances.en) + "</Grievances>"
        )
    prayer += [el("Para", line) for line in p.prayer.en or ()]
    parts.append("<Prayer>" + "".join(prayer) + "</Prayer>")
    if p.response and p.response.paragraphs.en:
        signer = (
            f"Signed by (Minister or Parliamentary Secretary): {p.response.signer}"
            if p.response.signer
            else None
        )
        parts.append(
            f"<Response>{escape(p.response.header.en or '')}{el('Signer', signer)}"
            + "".join(el("para", line) for line in p.response.paragraphs.en)
            + "</Response>"
        )
    if p.keywords:
        terms = "".join(f'<Term Id="{k.id}">{escape(k.name.en or "")}</Term>' for k in p.keywords)
        parts.append(f"<Keywords>{terms}</Keywords>")
    for province, count in p.signatures_by_province.items():
        parts.append(
            f'<ProvinceSignatures Province="{_PROVINCE_CODES.get(province, province)}" SignatureCount="{count}"/>'
        )
    parts.append("</Petition>")
    return "".join(part for part in parts if part)


def export_path(n: int, seed: int = DEFAULT_SEED, vocab: str = "normal") -> Path:
    return OUT_DIR / f"export-{n}-s{seed}-v{GENERATOR_VERSION}{_vocab_suffix(vocab)}.xml"


def write_export(n: int, seed: int = DEFAULT_SEED, path: Path | None = None, vocab: str = "normal") -> Path:
    """Write the corpus as an XML export `petitionbot ingest` reads; reuses an existing complete file."""
    path = path or export_path(n, seed, vocab)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfPetition>\n')
        for i, p in enumerate(generate(n, seed, vocab), 1):
            out.write("  " + export_record(p, i) + "\n")
        out.write("</ArrayOfPetition>\n")
    partial.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Write a generated petition snapshot (JSONL)."
    )
    parser.add_argument("n", type=int, help="number of petitions")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"output file (default {OUT_DIR}/corpus-N-sSEED-vVERSION.jsonl, or export-….xml with --xml)",
    )
    parser.add_argument("--xml", action="store_true", help="write an XML export instead of a snapshot")
    parser.add_argument(
        "--vocab",
        choices=VOCABS,
        default="normal",
        help="small: texts drawn from ~1,000 words, so every word matches 1-2%% of petitions",
    )
    args = parser.parse_args(argv)
    path = (write_export if args.xml else write_snapshot)(args.n, args.seed, args.out, args.vocab)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
