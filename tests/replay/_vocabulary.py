"""The words the generated world is made of: provinces, names, ridings, countries, topics, openings.

Data, not logic: bilingual tables the corpus generator draws from (`_corpus.py`) and the pages print
(`PROVINCES`). A sentence holding "{c}" (English) or "{fr}", "{au}", "{du}" (French) names a country.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.petitions.model import Bi, Keyword

Pair = tuple[str, str]
"""An (English, French) pair of sentences."""

PROVINCES: dict[str, Bi[str]] = {
    "AB": Bi("Alberta", "Alberta"),
    "BC": Bi("British Columbia", "Colombie-Britannique"),
    "MB": Bi("Manitoba", "Manitoba"),
    "NB": Bi("New Brunswick", "Nouveau-Brunswick"),
    "NL": Bi("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    "NS": Bi("Nova Scotia", "Nouvelle-Écosse"),
    "NT": Bi("Northwest Territories", "Territoires du Nord-Ouest"),
    "NU": Bi("Nunavut", "Nunavut"),
    "ON": Bi("Ontario", "Ontario"),
    "PE": Bi("Prince Edward Island", "Île-du-Prince-Édouard"),
    "QC": Bi("Quebec", "Québec"),
    "SK": Bi("Saskatchewan", "Saskatchewan"),
    "YT": Bi("Yukon", "Yukon"),
}

# fmt: off
FIRST_NAMES = [
    "Mary", "Jean", "Anne", "Marie", "Sophie", "Olivia", "Emma", "Chloé", "Amira", "Priya", "Mei", "Fatima",
    "Isabelle", "Nathalie", "Heather", "Sarah", "Rachel", "Claire", "Julie", "Manon", "Geneviève", "Louise",
    "Aisha", "Hannah", "John", "James", "Robert", "Michael", "David", "Daniel", "Marc", "Pierre", "Luc",
    "Jean-François", "Mathieu", "Ahmed", "Raj", "Wei", "Arjun", "Omar", "Kevin", "Scott", "Gabriel", "Étienne",
    "Thomas", "Samuel",
]
MP_SURNAMES = [
    "Smith", "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Martin",
    "Brown", "Wilson", "Taylor", "Campbell", "Anderson", "MacDonald", "Singh", "Patel", "Chen", "Wong", "Nguyen",
    "Kaur", "Ahmed", "Ali", "Lee", "Kim", "Leblanc", "Bergeron", "Pelletier", "Thompson", "Walker", "Young",
    "King", "Wright", "Green", "Baker", "Hill", "Clarke", "Fraser", "Murray", "Stewart", "Okafor", "Haddad", "Novak",
]
SURNAMES = [*MP_SURNAMES, "de Souza", "Van Dyk"]  # initiators' names may hold a particle, as "Marie de Souza"

RIDINGS: tuple[tuple[str, str, str], ...] = (
    ("Vancouver East", "Vancouver-Est", "BC"),
    ("Vancouver Centre", "Vancouver-Centre", "BC"),
    ("Saanich—Gulf Islands", "Saanich—Gulf Islands", "BC"),
    ("Burnaby South", "Burnaby-Sud", "BC"),
    ("Kelowna", "Kelowna", "BC"),
    ("Edmonton Strathcona", "Edmonton Strathcona", "AB"),
    ("Calgary Centre", "Calgary-Centre", "AB"),
    ("Battle River—Crowfoot", "Battle River—Crowfoot", "AB"),
    ("Peace River—Westlock", "Peace River—Westlock", "AB"),
    ("Regina—Wascana", "Regina—Wascana", "SK"),
    ("Saskatoon West", "Saskatoon-Ouest", "SK"),
    ("Winnipeg Centre", "Winnipeg-Centre", "MB"),
    ("Brandon—Souris", "Brandon—Souris", "MB"),
    ("Toronto Centre", "Toronto-Centre", "ON"),
    ("Ottawa Centre", "Ottawa-Centre", "ON"),
    ("Kitchener Centre", "Kitchener-Centre", "ON"),
    ("Lanark—Frontenac—Kingston", "Lanark—Frontenac—Kingston", "ON"),
    ("Sarnia—Lambton", "Sarnia—Lambton", "ON"),
    ("Hamilton Centre", "Hamilton-Centre", "ON"),
    ("London West", "London-Ouest", "ON"),
    ("Sudbury", "Sudbury", "ON"),
    ("Thunder Bay—Rainy River", "Thunder Bay—Rainy River", "ON"),
    ("Scarborough North", "Scarborough-Nord", "ON"),
    ("Laurier—Sainte-Marie", "Laurier—Sainte-Marie", "QC"),
    ("Rosemont—La Petite-Patrie", "Rosemont—La Petite-Patrie", "QC"),
    ("Beloeil—Chambly", "Beloeil—Chambly", "QC"),
    ("Sherbrooke", "Sherbrooke", "QC"),
    ("Gatineau", "Gatineau", "QC"),
    ("Mount Royal", "Mont-Royal", "QC"),
    ("Halifax", "Halifax", "NS"),
    ("Cape Breton—Canso", "Cape Breton—Canso", "NS"),
    ("Fredericton", "Fredericton", "NB"),
    ("Charlottetown", "Charlottetown", "PE"),
    ("St. John's East", "St. John's-Est", "NL"),
    ("Yukon", "Yukon", "YT"),
    ("Northwest Territories", "Territoires du Nord-Ouest", "NT"),
    ("Nunavut", "Nunavut", "NU"),
)

CAUCUSES: dict[str, Pair] = {
    "Lib": ("Liberal Caucus", "Caucus Libéral"),
    "CPC": ("Conservative Caucus", "Caucus Conservateur"),
    "NDP": ("New Democratic Party Caucus", "Caucus du Nouveau Parti démocratique"),
    "BQ": ("Bloc Québécois Caucus", "Caucus du Bloc Québécois"),
    "GP": ("Green Party Caucus", "Caucus du Parti vert"),
}

# (code, population weight, cities)
PLACES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("ON", 38.0, ("Toronto", "Ottawa", "Hamilton", "London", "Sudbury", "Smiths Falls")),
    ("QC", 22.0, ("Montréal", "Québec", "Gatineau", "Sherbrooke")),
    ("BC", 14.0, ("Vancouver", "Victoria", "Kelowna", "Surrey")),
    ("AB", 12.0, ("Calgary", "Edmonton", "Red Deer")),
    ("MB", 3.6, ("Winnipeg", "Brandon")),
    ("SK", 3.0, ("Regina", "Saskatoon")),
    ("NS", 2.6, ("Halifax", "Sydney")),
    ("NB", 2.1, ("Moncton", "Fredericton")),
    ("NL", 1.4, ("St. John's",)),
    ("PE", 0.4, ("Charlottetown",)),
    ("NT", 0.1, ("Yellowknife",)),
    ("YT", 0.1, ("Whitehorse",)),
    ("NU", 0.1, ("Iqaluit",)),
)


@dataclass(frozen=True, slots=True)
class Country:
    en: str
    fr: str  # with its article: "le Kazakhstan"
    au: str  # "au Kazakhstan", "en Ukraine"
    du: str  # "du Kazakhstan", "de l’Ukraine"
    keyword: Keyword


def _country(en: str, fr: str, au: str, du: str, kid: int, kfr: str) -> Country:
    return Country(en, fr, au, du, Keyword(kid, Bi(en, kfr)))


COUNTRIES = (
    _country("Ukraine", "l’Ukraine", "en Ukraine", "de l’Ukraine", 57700, "Ukraine"),
    _country("China", "la Chine", "en Chine", "de la Chine", 38640, "Chine"),
    _country("Kazakhstan", "le Kazakhstan", "au Kazakhstan", "du Kazakhstan", 261901, "Kazakhstan"),
    _country("Iran", "l’Iran", "en Iran", "de l’Iran", 39480, "Iran"),
    _country("India", "l’Inde", "en Inde", "de l’Inde", 39470, "Inde"),
    _country("Russia", "la Russie", "en Russie", "de la Russie", 57665, "Russie"),
    _country("Ethiopia", "l’Éthiopie", "en Éthiopie", "de l’Éthiopie", 39120, "Éthiopie"),
    _country("Pakistan", "le Pakistan", "au Pakistan", "du Pakistan", 40020, "Pakistan"),
    _country("Sri Lanka", "le Sri Lanka", "au Sri Lanka", "du Sri Lanka", 40455, "Sri Lanka"),
    _country("Hong Kong", "Hong Kong", "à Hong Kong", "de Hong Kong", 39440, "Hong Kong"),
)


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject with its words. Sentences holding "{c}" (English) / "{fr}", "{au}", "{du}" name a country."""

    subject: Pair
    weight: float
    keywords: tuple[Keyword, ...]
    grievances: tuple[Pair, ...]
    asks: tuple[Pair, ...]
    minister: Pair
    responses: tuple[Pair, ...]
    country: float  # how often a petition on it names a country


def _kw(*items: tuple[int, str, str]) -> tuple[Keyword, ...]:
    return tuple(Keyword(kid, Bi(en, fr)) for kid, en, fr in items)


TOPICS: tuple[Topic, ...] = (
    Topic(
        ("Foreign affairs", "Affaires étrangères"),
        3.0,
        _kw((39265, "Foreign policy", "Politique étrangère"), (38966, "Economic sanctions", "Sanctions économiques"),
            (39001, "Human rights", "Droits de la personne")),
        (
            ("The Government of {c} continues to detain human rights defenders, journalists and peaceful protesters;",
             "Le gouvernement {du} continue de détenir des défenseurs des droits de la personne, des journalistes et des manifestants pacifiques;"),
            ("Families in Canada have lost contact with relatives held without charge in {c};",
             "Des familles au Canada ont perdu contact avec des proches détenus sans accusation {au};"),
            ("Canada has a responsibility to uphold international humanitarian law and the rights of civilians in {c};",
             "Le Canada a la responsabilité de faire respecter le droit international humanitaire et les droits des civils {au};"),
            ("Reports from international organizations describe censorship of the internet and of independent media in {c};",
             "Des rapports d’organisations internationales font état de la censure d’Internet et des médias indépendants {au};"),
            ("Canadian companies may be importing goods made with forced labour in {c}.",
             "Des entreprises canadiennes pourraient importer des marchandises fabriquées par le travail forcé {au}."),
        ),
        (
            ("Publicly raise the deterioration of human rights in {c} with its government and on a global platform;",
             "Dénoncer publiquement la détérioration des droits de la personne {au} auprès de son gouvernement et sur la scène internationale;"),
            ("Impose targeted sanctions on the officials responsible for these violations under the Justice for Victims of Corrupt Foreign Officials Act;",
             "Imposer des sanctions ciblées aux responsables de ces violations en vertu de la Loi sur la justice pour les victimes de dirigeants étrangers corrompus;"),
            ("Call for the immediate release of all political prisoners held in {c};",
             "Demander la libération immédiate de tous les prisonniers politiques détenus {au};"),
            ("Expand humanitarian assistance and resettlement pathways for people fleeing {c}.",
             "Accroître l’aide humanitaire et les voies de réinstallation pour les personnes qui fuient {fr}."),
        ),
        ("Minister of Foreign Affairs", "ministre des Affaires étrangères"),
        (
            ("Canada remains deeply concerned by the human rights situation in {c} and raises these concerns directly with its authorities.",
             "Le Canada demeure profondément préoccupé par la situation des droits de la personne {au} et en fait part directement aux autorités."),
            ("Canada works with like-minded partners at the United Nations and in other multilateral forums to hold those responsible to account.",
             "Le Canada collabore avec des partenaires aux vues similaires aux Nations Unies et dans d’autres forums multilatéraux pour que les responsables rendent des comptes."),
            ("Canada's sanctions regime allows the Government to respond to gross violations of internationally recognized human rights.",
             "Le régime de sanctions du Canada permet au gouvernement de réagir aux violations flagrantes des droits de la personne reconnus à l’échelle internationale."),
            ("Officials at the Embassy of Canada monitor the situation closely and remain in contact with civil society organizations.",
             "Les fonctionnaires de l’ambassade du Canada suivent la situation de près et demeurent en contact avec les organisations de la société civile."),
        ),
        1.0,
    ),
    Topic(
        ("Citizenship and immigration", "Citoyenneté et immigration"),
        2.0,
        _kw((38540, "Immigration and immigrants", "Immigration et immigrants"),
            (39510, "Family reunification", "Réunification des familles"), (38501, "Refugees", "Réfugiés")),
        (
            ("Processing times for family sponsorship applications have grown well beyond the published service standards;",
             "Les délais de traitement des demandes de parrainage familial dépassent largement les normes de service publiées;"),
            ("Many applicants have waited years to be reunited with spouses and children living in {c};",
             "De nombreux demandeurs attendent depuis des années d’être réunis avec leur conjoint et leurs enfants qui vivent {au};"),
            ("Temporary residents who work in essential sectors have few pathways to permanent residence;",
             "Les résidents temporaires qui travaillent dans des secteurs essentiels ont peu de voies d’accès à la résidence permanente;"),
            ("Refugees from {c} face long delays before their claims are heard.",
             "Les réfugiés en provenance {du} doivent attendre longtemps avant que leur demande soit entendue."),
        ),
        (
            ("Reduce processing times for spousal and family sponsorship applications to the published service standards;",
             "Ramener les délais de traitement des demandes de parrainage des conjoints et des membres de la famille aux normes de service publiées;"),
            ("Create a permanent residence pathway for essential workers and international graduates;",
             "Créer une voie d’accès à la résidence permanente pour les travailleurs essentiels et les diplômés étrangers;"),
            ("Establish a special immigration measure for family members of Canadians affected by the crisis in {c}.",
             "Établir une mesure spéciale d’immigration pour les membres de la famille de Canadiens touchés par la crise {au}."),
        ),
        ("Minister of Immigration, Refugees and Citizenship", "ministre de l’Immigration, des Réfugiés et de la Citoyenneté"),
        (
            ("Immigration, Refugees and Citizenship Canada (IRCC) recognizes the importance of family reunification and continues to improve processing times.",
             "Immigration, Réfugiés et Citoyenneté Canada (IRCC) reconnaît l’importance de la réunification des familles et continue d’améliorer les délais de traitement."),
            ("The Immigration Levels Plan sets aside a significant number of admissions for spouses, partners and children.",
             "Le Plan des niveaux d’immigration prévoit un nombre important d’admissions pour les époux, les conjoints et les enfants."),
            ("IRCC has digitized many applications, which allows officers to process files anywhere in its global network.",
             "IRCC a numérisé de nombreuses demandes, ce qui permet aux agents de traiter les dossiers partout dans son réseau mondial."),
            ("The Government continues to monitor the situation in {c} closely.",
             "Le gouvernement continue de suivre de près la situation {au}."),
        ),
        0.4,
    ),
    Topic(
        ("Health", "Santé"),
        3.0,
        _kw((54353, "Health services accessibility", "Accessibilité des services de santé"),
            (38439, "Caregivers and health care professionals", "Aidants naturels et professionnels de la santé"),
            (40136, "Neurological disorders", "Troubles neurologiques"), (39845, "Pharmacare", "Assurance-médicaments"),
            (38100, "Opioids", "Opioïdes")),
        (
            ("Millions of people in Canada do not have a family doctor or a nurse practitioner;",
             "Des millions de personnes au Canada n’ont pas de médecin de famille ni d’infirmière praticienne;"),
            ("The cost of prescription drugs forces many patients to choose between medication and other necessities;",
             "Le coût des médicaments sur ordonnance oblige de nombreux patients à choisir entre leurs médicaments et d’autres nécessités;"),
            ("The overdose crisis has taken thousands of lives in every province and territory;",
             "La crise des surdoses a coûté la vie à des milliers de personnes dans toutes les provinces et tous les territoires;"),
            ("Caregivers of people living with neurological disorders receive little financial support.",
             "Les aidants de personnes atteintes de troubles neurologiques reçoivent peu de soutien financier."),
        ),
        (
            ("Work with the provinces and territories to expand access to primary care;",
             "Collaborer avec les provinces et les territoires pour élargir l’accès aux soins primaires;"),
            ("Implement a universal, single-payer public pharmacare program;",
             "Mettre en œuvre un régime public et universel d’assurance-médicaments à payeur unique;"),
            ("Declare the overdose crisis a national public health emergency;",
             "Déclarer la crise des surdoses urgence nationale de santé publique;"),
            ("Expand the employment insurance caregiving benefits.",
             "Bonifier les prestations de soignant de l’assurance-emploi."),
        ),
        ("Minister of Health", "ministre de la Santé"),
        (
            ("The Government of Canada recognizes that access to timely health care is a priority for Canadians.",
             "Le gouvernement du Canada reconnaît que l’accès en temps opportun aux soins de santé est une priorité pour les Canadiens."),
            ("Through bilateral agreements, federal funding supports the provinces and territories in improving primary care.",
             "Grâce à des ententes bilatérales, le financement fédéral aide les provinces et les territoires à améliorer les soins primaires."),
            ("Health Canada continues to work with partners on a comprehensive, compassionate and evidence-based approach to substance use.",
             "Santé Canada continue de collaborer avec ses partenaires à une approche globale, empreinte de compassion et fondée sur des données probantes en matière de consommation de substances."),
            ("The Canada Health Act sets out the conditions that provincial and territorial health insurance plans must meet.",
             "La Loi canadienne sur la santé énonce les conditions auxquelles doivent satisfaire les régimes d’assurance-maladie provinciaux et territoriaux."),
        ),
        0.0,
    ),
    Topic(
        ("Environment", "Environnement"),
        2.0,
        _kw((39075, "Environmental protection", "Protection de l’environnement"), (40352, "Pesticides", "Pesticides"),
            (38977, "Climate change", "Changements climatiques"), (39010, "Forests", "Forêts")),
        (
            ("Climate change is already causing floods, wildfires and droughts across Canada;",
             "Les changements climatiques causent déjà des inondations, des feux de forêt et des sécheresses partout au Canada;"),
            ("Pesticides banned in other countries are still approved for use in Canada;",
             "Des pesticides interdits dans d’autres pays sont toujours homologués au Canada;"),
            ("Old-growth forests provide habitat for species at risk and store large amounts of carbon;",
             "Les forêts anciennes abritent des espèces en péril et stockent de grandes quantités de carbone;"),
            ("Plastic pollution harms rivers, lakes and oceans.",
             "La pollution par le plastique nuit aux rivières, aux lacs et aux océans."),
        ),
        (
            ("Adopt binding targets to reduce greenhouse gas emissions;",
             "Adopter des cibles contraignantes de réduction des émissions de gaz à effet de serre;"),
            ("Review the approval of pesticides that are banned in other jurisdictions;",
             "Réévaluer l’homologation des pesticides interdits ailleurs;"),
            ("Protect the remaining old-growth forests.", "Protéger les dernières forêts anciennes."),
        ),
        ("Minister of Environment and Climate Change", "ministre de l’Environnement et du Changement climatique"),
        (
            ("The Government of Canada is committed to reaching net-zero emissions by 2050.",
             "Le gouvernement du Canada s’est engagé à atteindre la carboneutralité d’ici 2050."),
            ("The Pest Management Regulatory Agency re-evaluates registered products on a regular cycle using current science.",
             "L’Agence de réglementation de la lutte antiparasitaire réévalue régulièrement les produits homologués à la lumière des données scientifiques actuelles."),
            ("Environment and Climate Change Canada works with provinces, territories and Indigenous partners to conserve 30% of lands and waters by 2030.",
             "Environnement et Changement climatique Canada collabore avec les provinces, les territoires et les partenaires autochtones pour conserver 30\u00a0% des terres et des eaux d’ici 2030."),
        ),
        0.0,
    ),
    Topic(
        ("Justice", "Justice"),
        2.0,
        _kw((39640, "Criminal Code", "Code criminel"),
            (39301, "Freedom of conscience and religion", "Liberté de conscience et de religion"),
            (40001, "Medical assistance in dying", "Aide médicale à mourir")),
        (
            ("Section 2 of the Canadian Charter of Rights and Freedoms protects freedom of conscience and religion;",
             "L’article 2 de la Charte canadienne des droits et libertés protège la «\u00a0liberté de conscience et de religion\u00a0»;"),
            ("Victims of crime often feel excluded from the justice process;",
             "Les victimes d’actes criminels se sentent souvent exclues du processus judiciaire;"),
            ("Legal aid funding has not kept pace with the cost of representation;",
             "Le financement de l’aide juridique n’a pas suivi l’augmentation du coût de la représentation;"),
            ("Coercive control causes serious harm and often precedes physical violence.",
             "Le contrôle coercitif cause de graves préjudices et précède souvent la violence physique."),
        ),
        (
            ("Amend the Criminal Code to protect the conscience rights of health care professionals;",
             "Modifier le Code criminel afin de protéger la liberté de conscience des professionnels de la santé;"),
            ("Strengthen the Canadian Victims Bill of Rights;", "Renforcer la Charte canadienne des droits des victimes;"),
            ("Make coercive control a criminal offence.", "Faire du contrôle coercitif une infraction criminelle."),
        ),
        ("Minister of Justice and Attorney General of Canada", "ministre de la Justice et procureur général du Canada"),
        (
            ("The Government of Canada is committed to a fair and accessible criminal justice system.",
             "Le gouvernement du Canada tient à un système de justice pénale équitable et accessible."),
            ("The Charter protects the rights of all Canadians, and any legislative change must respect it.",
             "La Charte protège les droits de tous les Canadiens, et toute modification législative doit la respecter."),
            ("The Department of Justice continues to consult provinces, territories and stakeholders on these questions.",
             "Le ministère de la Justice continue de consulter les provinces, les territoires et les intervenants sur ces questions."),
        ),
        0.0,
    ),
    Topic(
        ("Employment and labour", "Travail et emploi"),
        1.5,
        _kw((201189, "Employment insurance caregiving benefits", "Prestations de soignant de l’assurance-emploi"),
            (38700, "Minimum wage", "Salaire minimum"),
            (39202, "Gig economy, platform workers and app-based work",
             "Économie à la demande et travailleurs des plateformes numériques")),
        (
            ("Workers on digital platforms are often denied basic labour protections;",
             "Les travailleurs des plateformes numériques sont souvent privés des protections de base du travail;"),
            ("Employment insurance rules leave many seasonal workers without income between seasons;",
             "Les règles de l’assurance-emploi laissent de nombreux travailleurs saisonniers sans revenu entre les saisons;"),
            ("The cost of living has risen faster than wages in federally regulated sectors.",
             "Le coût de la vie a augmenté plus vite que les salaires dans les secteurs sous réglementation fédérale."),
        ),
        (
            ("Extend labour standards to workers on digital platforms;",
             "Étendre les normes du travail aux travailleurs des plateformes numériques;"),
            ("Reform employment insurance to cover seasonal workers;",
             "Réformer l’assurance-emploi afin de protéger les travailleurs saisonniers;"),
            ("Raise the federal minimum wage.", "Augmenter le salaire minimum fédéral."),
        ),
        ("Minister of Labour", "ministre du Travail"),
        (
            ("The Government of Canada recognizes that workers deserve fair wages and safe working conditions.",
             "Le gouvernement du Canada reconnaît que les travailleurs méritent un salaire équitable et des conditions de travail sécuritaires."),
            ("The Canada Labour Code applies to federally regulated industries, which employ about 6% of workers in Canada.",
             "Le Code canadien du travail s’applique aux secteurs sous réglementation fédérale, qui emploient environ 6\u00a0% des travailleurs au Canada."),
            ("Employment and Social Development Canada continues to review the employment insurance program.",
             "Emploi et Développement social Canada continue d’examiner le régime d’assurance-emploi."),
        ),
        0.0,
    ),
    Topic(
        ("Social affairs and equality", "Affaires sociales et égalité"),
        2.0,
        _kw((39593, "Housing", "Logement"), (39563, "Homelessness and homeless", "Itinérance et sans-abri"),
            (54766, "British Columbia", "Colombie-Britannique"),
            (38801, "Persons with disabilities", "Personnes handicapées")),
        (
            ("Thousands of people are living without permanent housing, including people living on the streets and in shelters;",
             "Des milliers de personnes vivent sans logement permanent, y compris des personnes qui vivent dans la rue et dans des refuges;"),
            ("Rents have risen far faster than incomes in most Canadian cities;",
             "Les loyers ont augmenté beaucoup plus vite que les revenus dans la plupart des villes canadiennes;"),
            ("Persons with disabilities are twice as likely to live in poverty;",
             "Les personnes handicapées sont deux fois plus susceptibles de vivre dans la pauvreté;"),
            ("Political will is necessary to create real change by providing the funding needed to build affordable homes.",
             "Il faut de la volonté politique pour provoquer un véritable changement en fournissant le financement nécessaire à la construction de logements abordables."),
        ),
        (
            ("Increase federal funding for supportive and deeply affordable housing;",
             "Augmenter le financement fédéral des logements supervisés et très abordables;"),
            ("Raise the Canada Disability Benefit above the poverty line;",
             "Porter la Prestation canadienne pour les personnes handicapées au-dessus du seuil de la pauvreté;"),
            ("Recognize housing as a human right in all federal programs.",
             "Reconnaître le logement comme un droit de la personne dans tous les programmes fédéraux."),
        ),
        ("Minister of Housing, Infrastructure and Communities", "ministre du Logement, de l’Infrastructure et des Collectivités"),
        (
            ("The National Housing Strategy is a plan to help more Canadians have a place to call home.",
             "La Stratégie nationale sur le logement est un plan visant à aider un plus grand nombre de Canadiens à avoir un chez-soi."),
            ("Reaching Home: Canada's Homelessness Strategy funds communities to prevent and reduce homelessness.",
             "Vers un chez-soi\u00a0: la stratégie canadienne de lutte contre l’itinérance finance des collectivités pour prévenir et réduire l’itinérance."),
            ("The Government continues to work with persons with disabilities to reduce poverty.",
             "Le gouvernement continue de collaborer avec les personnes handicapées pour réduire la pauvreté."),
        ),
        0.0,
    ),
    Topic(
        ("Taxation", "Fiscalité"),
        1.0,
        _kw((39755, "Income tax", "Impôt sur le revenu"), (40250, "Tax credits", "Crédits d’impôt")),
        (
            ("Seniors on fixed incomes pay a growing share of their income in taxes;",
             "Les aînés à revenu fixe consacrent une part croissante de leur revenu aux impôts;"),
            ("The disability tax credit is difficult to obtain and poorly understood;",
             "Le crédit d’impôt pour personnes handicapées est difficile à obtenir et mal compris;"),
            ("Volunteer firefighters receive a tax credit that has not changed in years.",
             "Les pompiers volontaires bénéficient d’un crédit d’impôt qui n’a pas changé depuis des années."),
        ),
        (
            ("Simplify the application for the disability tax credit;",
             "Simplifier la demande de crédit d’impôt pour personnes handicapées;"),
            ("Increase the volunteer firefighter tax credit.", "Augmenter le crédit d’impôt pour les pompiers volontaires."),
        ),
        ("Minister of Finance", "ministre des Finances"),
        (
            ("The Government of Canada is committed to a fair tax system in which everyone pays their share.",
             "Le gouvernement du Canada s’est engagé à maintenir un régime fiscal équitable où chacun paie sa juste part."),
            ("The Canada Revenue Agency has simplified the disability tax credit application and now accepts it online.",
             "L’Agence du revenu du Canada a simplifié la demande de crédit d’impôt pour personnes handicapées et l’accepte désormais en ligne."),
            ("Tax measures are reviewed every year as part of the budget process.",
             "Les mesures fiscales sont examinées chaque année dans le cadre du processus budgétaire."),
        ),
        0.0,
    ),
    Topic(
        ("Fisheries", "Pêches"),
        1.0,
        _kw((38995, "Fisheries", "Pêches"), (39020, "Salmon", "Saumon")),
        (
            ("Wild Pacific salmon stocks have declined sharply;", "Les stocks de saumon sauvage du Pacifique ont fortement diminué;"),
            ("Open-net fish farms transfer parasites and disease to wild fish;",
             "Les élevages de poissons en parcs en filet ouverts transmettent des parasites et des maladies aux poissons sauvages;"),
            ("Small coastal communities depend on a healthy inshore fishery.",
             "Les petites collectivités côtières dépendent d’une pêche côtière en santé."),
        ),
        (
            ("Transition open-net salmon farms to closed containment systems;",
             "Faire passer les élevages de saumon en parcs en filet ouverts à des systèmes en parc clos;"),
            ("Protect the owner-operator policy for inshore fisheries.",
             "Protéger la politique du propriétaire-exploitant dans les pêches côtières."),
        ),
        ("Minister of Fisheries, Oceans and the Canadian Coast Guard",
         "ministre des Pêches, des Océans et de la Garde côtière canadienne"),
        (
            ("Fisheries and Oceans Canada is committed to the conservation of wild Pacific salmon.",
             "Pêches et Océans Canada s’est engagé à conserver le saumon sauvage du Pacifique."),
            ("The Department continues to work with the Province of British Columbia and First Nations on a transition plan.",
             "Le Ministère continue de travailler avec la province de la Colombie-Britannique et les Premières Nations à un plan de transition."),
        ),
        0.0,
    ),
    Topic(
        ("Public safety", "Sécurité publique"),
        1.5,
        _kw((38990, "Firearms", "Armes à feu"), (39700, "Border security", "Sécurité frontalière"),
            (39611, "Foreign interference", "Ingérence étrangère")),
        (
            ("Law-abiding firearms owners are subject to rules that do little to prevent crime;",
             "Les propriétaires d’armes à feu respectueux des lois sont soumis à des règles qui ne font pas grand-chose pour prévenir le crime;"),
            ("Most firearms used in crimes in Canadian cities are smuggled across the border;",
             "La plupart des armes à feu utilisées pour commettre des crimes dans les villes canadiennes sont passées en contrebande à la frontière;"),
            ("Diaspora communities report intimidation by agents of foreign governments, including {c}.",
             "Des communautés de la diaspora signalent des actes d’intimidation commis par des agents de gouvernements étrangers, notamment {fr}."),
        ),
        (
            ("Invest in border enforcement to stop the smuggling of firearms;",
             "Investir dans l’application de la loi à la frontière pour mettre fin à la contrebande d’armes à feu;"),
            ("Create a public registry of foreign agents.", "Créer un registre public des agents étrangers."),
        ),
        ("Minister of Public Safety", "ministre de la Sécurité publique"),
        (
            ("The safety and security of Canadians is the Government's top priority.",
             "La sécurité des Canadiens est la priorité absolue du gouvernement."),
            ("The Canada Border Services Agency works with the RCMP and American partners to stop firearms smuggling.",
             "L’Agence des services frontaliers du Canada travaille avec la GRC et ses partenaires américains pour mettre fin à la contrebande d’armes à feu."),
            ("Canada's national security agencies investigate foreign interference in all its forms.",
             "Les organismes de sécurité nationale du Canada enquêtent sur l’ingérence étrangère sous toutes ses formes."),
        ),
        0.3,
    ),
    Topic(
        ("Parliament and politics", "Parlement et politique"),
        1.0,
        _kw((39290, "Electoral reform", "Réforme électorale"), (39350, "National unity", "Unité nationale")),
        (
            ("The first-past-the-post system often gives a majority of seats to a party that won a minority of votes;",
             "Le système uninominal majoritaire à un tour accorde souvent la majorité des sièges à un parti qui a obtenu une minorité des voix;"),
            ("Public trust in democratic institutions has declined;",
             "La confiance du public envers les institutions démocratiques a diminué;"),
            ("The Government through rhetoric, policy, action and inaction has led to a national unity crisis.",
             "Par ses discours, ses politiques, ses actions et son inaction, le gouvernement a provoqué une crise d’unité nationale."),
        ),
        (
            ("Establish a national citizens' assembly on electoral reform;",
             "Mettre sur pied une assemblée citoyenne nationale sur la réforme électorale;"),
            ("Ensure there are no roadblocks for provinces that wish to exercise their constitutional autonomy.",
             "Veiller à ce qu’aucun obstacle n’empêche les provinces qui le souhaitent d’exercer leur autonomie constitutionnelle."),
        ),
        ("Minister of Democratic Institutions", "ministre des Institutions démocratiques"),
        (
            ("The Government of Canada is committed to a united Canada and to a federal government that works for all Canadians.",
             "Le gouvernement du Canada est attaché à un Canada uni et à un gouvernement fédéral qui travaille pour tous les Canadiens."),
            ("Any change to the way Canadians elect their representatives requires broad consensus.",
             "Toute modification de la façon dont les Canadiens élisent leurs représentants exige un large consensus."),
        ),
        0.0,
    ),
)

GENERIC_RESPONSES: tuple[Pair, ...] = (
    ("The Government thanks the petitioners for raising this important matter.",
     "Le gouvernement remercie les pétitionnaires d’avoir soulevé cette question importante."),
    ("The Government will continue to engage with stakeholders as this work moves forward.",
     "Le gouvernement continuera de collaborer avec les intervenants à mesure que ces travaux progresseront."),
)

PETITIONERS: tuple[Pair, ...] = (
    ("citizens of Canada", "citoyens du Canada"),
    ("residents of Canada", "résidents du Canada"),
    ("citizens and permanent residents of Canada", "citoyens et résidents permanents du Canada"),
)
# (English, French with article, French "de" form, heading EN, heading FR)
ADDRESSEES: tuple[tuple[str, str, str, str, str], ...] = (
    ("House of Commons", "la Chambre des communes", "de la Chambre des communes",
     "Petition to the House of Commons", "Pétition à la Chambre des communes"),
    ("Government of Canada", "le gouvernement du Canada", "du gouvernement du Canada",
     "Petition to the Government of Canada", "Pétition au gouvernement du Canada"),
    ("House of Commons in Parliament assembled", "la Chambre des communes réunie en Parlement",
     "de la Chambre des communes réunie en Parlement",
     "Petition to the House of Commons", "Pétition à la Chambre des communes"),
)
CAPS_HEADING = ("PETITION TO THE HOUSE OF COMMONS IN PARLIAMENT ASSEMBLED", "PÉTITION À LA CHAMBRE DES COMMUNES RÉUNIE EN PARLEMENT")
CAPS_PREAMBLE = (
    "WE, THE UNDERSIGNED RESIDENTS OF CANADA, draw the attention of the House to the following:",
    "NOUS, SOUSSIGNÉS, RÉSIDENTS DU CANADA, attirons l’attention de la Chambre sur ce qui suit :",
)
E_SHARE = {42: 0.3, 43: 0.4, 44: 0.45, 45: 0.5}
# fmt: on
