"""Government responses written for the summary tests, with what a careful reader keeps.

Each case is a realistic response in our own words: a thank-you or scene-setting
opener, the sentences that say what the government does or decides, and the
abbreviations that trip naive sentence splitters. `keep` lists substrings the
summary must contain; `drop` lists substrings it must not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    lang: str
    paragraphs: list[str]
    keep: list[str]
    drop: list[str]


OWN_CASES: list[Case] = [
    Case(
        name="health-en-drug-shortages",
        lang="en",
        paragraphs=[
            "Thank you for the opportunity to respond to this petition on the supply of children's medicines.",
            "Drug shortages are a complex global problem, e.g. when a single plant abroad stops production. "
            "Dr. Theresa Tam and provincial officers of health have spoken about the issue many times.",
            "Health Canada has secured more than 1.4 million units of children's pain and fever medication "
            "from foreign suppliers since November. The Government of Canada will continue to work with "
            "provinces, territories and manufacturers to prevent future shortages.",
            "The Government is also committed to creating a national reserve of essential medicines, i.e. "
            "a stockpile managed by the Public Health Agency of Canada.",
        ],
        keep=["will continue to work with provinces", "committed to creating a national reserve"],
        drop=["Thank you", "Drug shortages are a complex", "Dr. Theresa Tam"],
    ),
    Case(
        name="immigration-en-family-reunification",
        lang="en",
        paragraphs=[
            "The Government of Canada appreciates the petitioners' interest in family reunification.",
            "Family reunification is a cornerstone of Canada's immigration system. Many families, "
            "including Mr. and Mrs. Singh of St. Catharines, have waited years to be together.",
            "Immigration, Refugees and Citizenship Canada (IRCC) has raised the number of spouses and "
            "partners admitted each year under the 2024-2026 Immigration Levels Plan. IRCC will also "
            "extend open work permits to spouses waiting for their permanent residence applications.",
            "Further information is available on the IRCC website.",
        ],
        keep=["has raised the number of spouses", "will also extend open work permits"],
        drop=["appreciates", "cornerstone", "Further information"],
    ),
    Case(
        name="environment-en-plastics",
        lang="en",
        paragraphs=[
            "The Government is pleased to respond to this petition concerning plastic pollution.",
            "Plastic waste harms wildlife in our oceans, lakes and rivers. Each year, Canadians throw away "
            "about 3.3 million tonnes of plastic.",
            "In 2022, the Government of Canada published the Single-use Plastics Prohibition Regulations "
            "under s. 93(1) of the Canadian Environmental Protection Act, 1999. Environment and Climate "
            "Change Canada is working with the U.S. and other partners on a global treaty to end plastic "
            "pollution by 2040.",
        ],
        keep=["is working with the U.S. and other partners", "Single-use Plastics Prohibition"],
        drop=["pleased to respond", "Plastic waste harms wildlife"],
    ),
    Case(
        name="justice-en-firearms",
        lang="en",
        paragraphs=[
            "On behalf of the Minister of Public Safety, I would like to thank the petitioners for sharing "
            "their views.",
            "Gun violence affects communities across the country. The Government introduced Bill C-21. "
            "The bill freezes the sale, purchase and transfer of handguns, and it received Royal Assent in "
            "December 2023.",
            "The Government does not intend to prohibit firearms commonly used for hunting, as set out in "
            "No. 3 of the Minister's statement. It will continue to consult Indigenous peoples and hunters "
            "before any further regulations are made.",
        ],
        keep=["The Government does not intend to prohibit", "will continue to consult Indigenous peoples"],
        drop=["thank the petitioners", "Gun violence affects"],
    ),
    Case(
        name="foreign-en-detained-citizen",
        lang="en",
        paragraphs=[
            "The Government of Canada thanks the petitioners for raising this important case.",
            "Consular officials have been in contact with the family of Mr. Li since his arrest on Jan. 12. "
            "Privacy law limits what can be said about individual cases.",
            "Canada has raised Mr. Li's case at the highest levels, including directly with the Chinese "
            "ambassador, and calls on the authorities to grant consular access without delay. Canada "
            "raises its concerns about arbitrary detention through bilateral and multilateral channels, "
            "including at the UN Human Rights Council.",
        ],
        keep=["calls on the authorities to grant consular access", "bilateral and multilateral channels"],
        drop=["thanks the petitioners", "Privacy law limits"],
    ),
    Case(
        name="veterans-en-services",
        lang="en",
        paragraphs=[
            "The Government of Canada is grateful to all who have served.",
            "Veterans Affairs Canada will hire 300 additional case managers by March 2025 to cut wait "
            "times for disability benefits. The Department continues to fund mental health clinics, e.g. "
            "the operational stress injury clinic in St. John's.",
            "Canada's veterans have earned our respect and gratitude.",
        ],
        keep=["will hire 300 additional case managers", "continues to fund mental health clinics"],
        drop=["earned our respect", "is grateful"],
    ),
    Case(
        name="health-fr-soins-dentaires",
        lang="fr",
        paragraphs=[
            "Le gouvernement du Canada remercie les pétitionnaires de leur intérêt pour les soins dentaires.",
            "La santé buccodentaire fait partie de la santé globale, p. ex. chez les aînés et les enfants.",
            "Le gouvernement s'engage à offrir le Régime canadien de soins dentaires aux résidents dont le "
            "revenu familial est inférieur à 90 000 $. Santé Canada continuera de collaborer avec les "
            "provinces et les territoires, c.-à-d. ceux qui offrent déjà des programmes publics.",
        ],
        keep=["s'engage à offrir le Régime canadien de soins dentaires", "continuera de collaborer"],
        drop=["remercie", "La santé buccodentaire"],
    ),
    Case(
        name="immigration-fr-travailleurs",
        lang="fr",
        paragraphs=[
            "Le gouvernement est heureux de répondre à la présente pétition.",
            "Les travailleurs étrangers temporaires contribuent à l'économie de nombreuses régions. "
            "M. Tremblay et Mme Roy, agriculteurs de Saint-Hyacinthe, ont décrit leurs besoins au comité.",
            "Immigration, Réfugiés et Citoyenneté Canada a prolongé jusqu'en 2025 les permis de travail "
            "ouverts pour les travailleurs vulnérables. Le gouvernement continuera à réduire les délais "
            "de traitement, conformément à l'art. 200 du Règlement.",
        ],
        keep=["a prolongé jusqu'en 2025", "continuera à réduire les délais"],
        drop=["heureux de répondre", "M. Tremblay et Mme Roy"],
    ),
    Case(
        name="environment-fr-caribou",
        lang="fr",
        paragraphs=[
            "Le caribou boréal est une espèce emblématique du Canada. Sa population a diminué d'environ "
            "30 % depuis 20 ans...",
            "Environnement et Changement climatique Canada a conclu des ententes de conservation avec "
            "plusieurs provinces. Le gouvernement a investi 1,4 milliard de dollars dans le Fonds de la "
            "nature, et il prendra un décret d'urgence si les mesures provinciales ne suffisent pas.",
            "Nous vous remercions de votre engagement envers la faune.",
        ],
        keep=["a conclu des ententes de conservation", "prendra un décret d'urgence"],
        drop=["remercions", "espèce emblématique"],
    ),
    Case(
        name="justice-fr-aide-medicale",
        lang="fr",
        paragraphs=[
            "Le gouvernement du Canada prend acte des préoccupations exprimées dans cette pétition.",
            "La question est délicate et touche des valeurs profondes. Selon le rapport du comité « L'aide "
            "médicale à mourir au Canada : choix pour les Canadiens », les avis sont partagés.",
            "Le gouvernement a présenté le projet de loi C-62. Il n'a pas l'intention d'élargir l'accès "
            "pour les personnes dont la seule condition est une maladie mentale avant 2027. Le ministre "
            "de la Justice continuera de suivre les travaux des experts.",
        ],
        keep=["n'a pas l'intention d'élargir", "a présenté le projet de loi C-62"],
        drop=["prend acte", "La question est délicate"],
    ),
    Case(
        name="foreign-fr-ukraine",
        lang="fr",
        paragraphs=[
            "Le Canada est un ami de longue date du peuple ukrainien.",
            "Depuis février 2022, le Canada a imposé des sanctions à plus de 3 000 personnes et entités "
            "russes. Le Canada condamne l'invasion illégale de l'Ukraine et demande le retrait complet des "
            "forces russes.",
            "Il soulève la question des enfants déportés par les canaux bilatéraux et multilatéraux, "
            "notamment aux Nations Unies.",
        ],
        keep=["canaux bilatéraux et multilatéraux", "condamne l'invasion illégale"],
        drop=["ami de longue date"],
    ),
    Case(
        name="transport-fr-rail",
        lang="fr",
        paragraphs=[
            "Nous tenons à remercier les signataires. Le transport ferroviaire de passagers relie des "
            "centaines de collectivités!",
            "Transports Canada investira 3,4 milliards de dollars pour moderniser le corridor "
            "Québec–Windsor. Le gouvernement continue de travailler avec VIA Rail afin d'améliorer la "
            "ponctualité des trains.",
        ],
        keep=["investira 3,4 milliards de dollars", "continue de travailler avec VIA Rail"],
        drop=["remercier", "relie des centaines"],
    ),
]
