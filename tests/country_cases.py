"""Petition texts labelled with the countries a careful reader would file them under.

Written for the country detector in our own words: condensed versions of real petitions
(441-00155 Kazakhstan, e-3916 Russia/Ukraine, e-4842 Israel, 441-02213 Israel/Palestine,
441-00001 Ethiopia), Canadian-only petitions, and one or more cases for every classic false
hit (Jordan Peterson, Atlanta Georgia, turkey farmers, guinea pigs, fine china, Chad the
name, Niger/Nigeria, New Mexico, the Indian Act, Dominica, the Guineas, the Congos, the
Sudans, the Koreas, Nouvelle-Écosse, cochon d'Inde…), in English and French.

`primary` and `mentioned` follow the rule in `bot.petitions.countries`: primary when named
in a keyword, the title or the prayer, or repeated in the petition's text at least half as
often as its main country; mentioned otherwise (the response only ever mentions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.petitions.model import Bi, Keyword, Petition, Response


@dataclass(frozen=True)
class CountryCase:
    name: str
    en: dict[str, Any] = field(default_factory=dict)
    fr: dict[str, Any] = field(default_factory=dict)
    primary: frozenset[str] = frozenset()
    mentioned: frozenset[str] = frozenset()

    def petition(self) -> Petition:
        def side(key: str) -> Bi[Any]:
            return Bi(self.en.get(key), self.fr.get(key))

        en_kw, fr_kw = self.en.get("keywords", []), self.fr.get("keywords", [])
        keywords = tuple(
            Keyword(i, Bi(en_kw[i] if i < len(en_kw) else None, fr_kw[i] if i < len(fr_kw) else None))
            for i in range(max(len(en_kw), len(fr_kw)))
        )
        response = side("response")
        return Petition(
            number=self.name,
            kind="e" if self.name.startswith("e-") else "paper",
            subject=side("title"),
            keywords=keywords,
            grievances=side("grievances"),
            prayer=side("prayer"),
            response=Response(paragraphs=response) if response else None,
        )


def case(name: str, primary: str = "", mentioned: str = "", **langs: dict[str, Any]) -> CountryCase:
    return CountryCase(
        name=name,
        en=langs.get("en", {}),
        fr=langs.get("fr", {}),
        primary=frozenset(primary.split()),
        mentioned=frozenset(mentioned.split()),
    )


CASES: list[CountryCase] = [
    # --- Condensed real petitions ------------------------------------------------------------
    case(
        "441-00155-en",
        primary="KZ",
        mentioned="CN",
        en={
            "title": "Foreign affairs",
            "grievances": [
                "The Government of Kazakhstan labels peaceful opposition groups as terrorist organizations;",
                "The Government of Kazakhstan jails peaceful activists and their relatives;",
                "The Government of Kazakhstan censors the internet and social media;",
                "Kazakhstan's refusal of asylum to ethnic Kazakhs fleeing Xinjiang helps the Uyghur genocide, "
                "and people asking about missing relatives in Xinjiang are persecuted;",
                "Opposition leaders were sentenced in absentia by a Kazakh court.",
            ],
            "prayer": [
                "Publicly raise the state of human rights in Kazakhstan with the Government of Kazakhstan;",
                "Call on the Government of Kazakhstan to release political prisoners;",
                "Impose targeted sanctions together with the European Parliament.",
            ],
        },
    ),
    case(
        "441-00155-fr",
        primary="KZ",
        mentioned="CN",
        fr={
            "title": "Affaires étrangères",
            "grievances": [
                "Le gouvernement du Kazakhstan qualifie de terroristes des mouvements d'opposition pacifiques;",
                "Les politiques du Kazakhstan alimentent le génocide des Ouïghours en refusant l'asile aux "
                "Kazakhs qui fuient le Xinjiang;",
                "Un tribunal kazakh a condamné un chef de l'opposition in absentia.",
            ],
            "prayer": ["Exiger du gouvernement du Kazakhstan qu'il libère les prisonniers politiques."],
            "response": [
                "Le Canada suit de près la situation au Kazakhstan et dialogue avec les autorités kazakhs.",
                "Affaires mondiales Canada est préoccupé par le traitement des Ouïghours déplacés.",
            ],
        },
    ),
    case(
        "e-3916",
        primary="RU UA",
        mentioned="BA XK AF IQ",
        en={
            "title": "Foreign affairs",
            "keywords": ["Air defence", "Canadian Forces", "Russia", "Ukraine", "War"],
            "grievances": [
                "The Russian Federation has launched an unprovoked war against the people of Ukraine;",
                "Russian President Putin has put nuclear forces on alert;",
                "Canada is home to many citizens of Ukrainian descent;",
                "Ukraine supported NATO operations in Bosnia and Herzegovina, Kosovo, Afghanistan and Iraq.",
            ],
            "prayer": [
                "Provide direct military assistance to the defence of Ukraine;",
                "Urge NATO allies to close the airspace over Ukraine; and",
                "Develop a plan to defend Canada's Arctic.",
            ],
        },
    ),
    case(
        "e-4842",
        primary="IL",
        mentioned="PS",
        en={
            "title": "Foreign affairs",
            "grievances": ["Thousands of civilians in Gaza have been killed since October."],
            "prayer": ["End arms support to the State of Israel and suspend all export permits."],
        },
    ),
    case(
        "441-02213",
        primary="IL PS",
        fr={
            "title": "Affaires étrangères",
            "prayer": [
                "Exiger un cessez-le-feu immédiat dans le conflit israélo-palestinien;",
                "Demander à Israël de lever le blocus de la bande de Gaza;",
                "Demander à Israël de respecter les conventions de Genève;",
                "Protéger les civils, tant israéliens que palestiniens.",
            ],
        },
        en={
            "response": [
                "Canada stands with the Israeli and Palestinian peoples in their right to live in peace.",
                "Canada condemns Hamas' terrorist attacks against Israel.",
            ]
        },
    ),
    case(
        "441-00001-fr",
        primary="ET",
        mentioned="ER",
        fr={
            "title": "Affaires étrangères",
            "grievances": [
                "Attendu que l'Éthiopie a été déchirée par la violence au cours de la dernière année;",
                "Attendu que le conflit embrase la région du Tigré;",
                "Attendu que les forces fédérales éthiopiennes et érythréennes sont engagées dans le conflit;",
            ],
            "prayer": ["Demander à toutes les parties au conflit au Tigré de cesser la violence."],
        },
    ),
    case(
        "441-00001-en",
        primary="ET",
        mentioned="ER",
        en={
            "grievances": [
                "Ethiopia has been torn apart by violence over the past year;",
                "Ethiopian and Eritrean forces are engaged in the conflict in Tigray;",
            ],
            "prayer": ["Call on all parties to the conflict in Tigray to end the violence."],
        },
    ),
    # --- Canadian only ---------------------------------------------------------------------------
    case(
        "e-4706",
        en={
            "title": "Environment",
            "grievances": [
                "Fast fashion is responsible for as much carbon dioxide as the European Union;",
                "Most discarded clothing ends up in landfill.",
            ],
            "prayer": ["Mandate extended producer responsibility for textiles across provinces."],
        },
    ),
    case(
        "e-4904",
        en={
            "grievances": [
                "Canadian women who lose their jobs on maternity leave are denied regular benefits."
            ],
            "prayer": ["Amend the Employment Insurance Act to extend the benefit period."],
        },
        fr={
            "grievances": [
                "Les Canadiennes qui perdent leur emploi pendant un congé de maternité sont pénalisées."
            ],
            "prayer": ["Modifier la Loi sur l'assurance-emploi."],
        },
    ),
    case(
        "441-02041-fr",
        fr={
            "title": "Santé",
            "grievances": [
                "La crise des surdoses est une urgence sanitaire, comme l'a déclaré la Colombie-Britannique;",
                "Les Autochtones sont surreprésentés parmi les personnes touchées.",
            ],
            "prayer": ["Décriminaliser les drogues au Canada."],
        },
    ),
    case(
        "441-01674-fr",
        fr={
            "prayer": [
                "Réduire les émissions et aider les pays de l'hémisphère sud;",
                "Respecter les droits des peuples autochtones et de la Nouvelle-Écosse à l'Alberta.",
            ]
        },
    ),
    case(
        "national-unity",
        en={
            "grievances": ["The Government has led to a national unity crisis."],
            "prayer": ["Ensure provinces may exercise their constitutional autonomy."],
            "response": ["National unity is of paramount importance to the Government of Canada."],
        },
    ),
    case(
        "islamophobia-day",
        en={
            "grievances": ["The Quebec City mosque massacre of January 29, 2017 must never be forgotten."],
            "prayer": ["Designate January 29 as a National Day of Remembrance and Action on Islamophobia."],
        },
    ),
    # --- English traps ---------------------------------------------------------------------------
    case(
        "trap-jordan-peterson",
        en={
            "grievances": [
                "The College of Psychologists of Ontario ordered Dr. Jordan Peterson to take media training;",
                "Jordan Peterson's comments were made as a private citizen.",
            ],
            "prayer": ["Protect freedom of expression for regulated professionals."],
        },
    ),
    case(
        "trap-jordan-first-name",
        en={
            "grievances": [
                "Young athletes look up to stars like Michael Jordan and Michael B. Jordan;",
                "Jordan, a grade 11 student from Halifax, started this petition.",
            ],
            "prayer": ["Fund after-school basketball programs in every province."],
        },
    ),
    case(
        "jordan-country",
        primary="JO",
        mentioned="SY",
        en={
            "grievances": ["Jordan hosts more than 600,000 Syrian refugees."],
            "prayer": [
                "Increase humanitarian aid to Jordan and to the Hashemite Kingdom's host communities."
            ],
        },
    ),
    case(
        "trap-atlanta-georgia",
        primary="US",
        en={
            "grievances": [
                "A Canadian citizen has been detained without charge in Atlanta, Georgia;",
                "Georgia state officials have not allowed consular visits.",
            ],
            "prayer": ["Press the United States to grant consular access immediately."],
        },
    ),
    case(
        "georgia-country",
        primary="GE",
        mentioned="RU",
        en={
            "grievances": ["Russia has occupied Abkhazia and South Ossetia since 2008."],
            "prayer": ["Reaffirm Canada's support for the sovereignty and territorial integrity of Georgia."],
        },
    ),
    case(
        "trap-turkey-farmers",
        en={
            "keywords": ["Supply management", "Poultry"],
            "grievances": [
                "Turkey farmers across Ontario depend on supply management;",
                "Turkey Farmers of Canada warn that imports threaten family farms;",
                "No Thanksgiving turkey should come from a factory abroad.",
            ],
            "prayer": ["Protect turkey, chicken, egg and dairy producers in all trade agreements."],
        },
    ),
    case(
        "turkey-country-sentence-start",
        primary="TR",
        en={
            "grievances": [
                "Turkey has detained dozens of journalists since 2016.",
                "Turkey is a NATO ally of Canada.",
            ],
            "prayer": ["Raise press freedom with the Government of Türkiye."],
        },
    ),
    case(
        "trap-guinea-pigs",
        en={
            "grievances": [
                "Thousands of guinea pigs, rabbits and mice are used in cosmetic testing each year."
            ],
            "prayer": ["Ban cosmetic testing on animals, including guinea pigs."],
        },
    ),
    case(
        "trap-fine-china",
        en={
            "grievances": [
                "Small antique dealers sell fine china, bone china and silverware;",
                "The new excise tax applies to every china cabinet sold second-hand.",
            ],
            "prayer": ["Exempt second-hand household goods from the excise tax."],
        },
    ),
    case(
        "china-sentence-start",
        primary="CN",
        en={
            "grievances": ["China detained two Canadians for more than 1,000 days."],
            "prayer": ["Demand that China end arbitrary detention of Canadian citizens."],
        },
    ),
    case(
        "trap-chad-name",
        en={
            "grievances": [
                "Corporal Chad Smith served two tours and waited three years for benefits;",
                "Veterans like Chad deserve better.",
            ],
            "prayer": ["Clear the backlog of disability claims at Veterans Affairs Canada."],
        },
    ),
    case(
        "chad-country",
        primary="TD",
        mentioned="SD",
        en={
            "grievances": ["Refugees fleeing Darfur now live in camps in eastern Chad."],
            "prayer": ["Increase humanitarian funding for refugee camps in Chad."],
        },
    ),
    case(
        "nigeria-not-niger",
        primary="NG",
        en={
            "grievances": ["Nigerian Christians face attacks in the Middle Belt of Nigeria."],
            "prayer": ["Raise religious freedom with the Government of Nigeria."],
        },
    ),
    case(
        "niger-not-nigeria",
        primary="NE",
        en={
            "grievances": ["The military coup in Niger has left Nigerien civil society at risk."],
            "prayer": ["Suspend direct budget support to Niger until civilian rule returns."],
        },
    ),
    case(
        "trap-new-mexico-new-jersey",
        en={
            "grievances": [
                "Pilot projects in New Mexico and New Jersey cut emergency room waits;",
                "New Jersey pays nurses to work in rural clinics.",
            ],
            "prayer": ["Fund a similar pilot project in Canada's rural hospitals."],
        },
    ),
    case(
        "trap-indian-act",
        en={
            "grievances": [
                "The Indian Act still governs many aspects of life for First Nations;",
                "Survivors of Indian residential schools and Indian day schools await justice;",
                "Status Indians living off reserve face barriers.",
            ],
            "prayer": ["Work with First Nations to replace the Indian Act."],
        },
    ),
    case(
        "trap-indian-indigenous-context",
        en={
            "grievances": [
                "Indigenous leaders say that Indians on reserve were denied the vote until 1960;",
            ],
            "prayer": ["Recognize the contribution of First Nations veterans."],
        },
    ),
    case(
        "india-country",
        primary="IN",
        en={
            "grievances": [
                "Indian farmers have protested new agricultural laws for months;",
                "Canadians with family in Punjab are worried.",
            ],
            "prayer": ["Urge the Government of India to protect the right to peaceful protest."],
        },
    ),
    case(
        "dominica-vs-dominican-republic",
        primary="DM",
        mentioned="DO",
        en={
            "grievances": [
                "Hurricane Maria devastated Dominica in 2017;",
                "Unlike the Dominican Republic, the island has few resources to rebuild.",
            ],
            "prayer": ["Provide long-term reconstruction aid to Dominica."],
        },
    ),
    case(
        "guineas",
        primary="GQ PG",
        en={
            "grievances": [
                "Canadian mining companies operate in Papua New Guinea and Equatorial Guinea;",
            ],
            "prayer": [
                "Create an ombudsperson for abuses in Papua New Guinea, Equatorial Guinea and elsewhere.",
            ],
        },
    ),
    case(
        "guinea-and-bissau",
        primary="GN",
        mentioned="GW",
        en={
            "grievances": ["Guinea's junta has delayed elections, as happened earlier in Guinea-Bissau."],
            "prayer": ["Call on Guinea to restore constitutional order."],
        },
    ),
    case(
        "congo-drc",
        primary="CD",
        mentioned="RW",
        en={
            "keywords": ["Democratic Republic of the Congo"],
            "grievances": [
                "Armed groups in eastern Congo, some backed by Rwanda, displace millions of Congolese;",
                "Conflict minerals from the DRC end up in Canadian electronics.",
            ],
            "prayer": ["Require due diligence for minerals sourced from the Great Lakes region."],
        },
    ),
    case(
        "congo-brazzaville",
        primary="CG",
        en={"prayer": ["Support civil society in the Republic of the Congo (Congo-Brazzaville)."]},
    ),
    case(
        "south-sudan-not-sudan",
        primary="SS",
        en={
            "grievances": ["South Sudanese families in Juba face famine."],
            "prayer": ["Increase food aid to South Sudan."],
        },
    ),
    case(
        "sudan-darfur",
        primary="SD",
        en={
            "grievances": ["Civilians in Darfur are again the target of mass killings."],
            "prayer": ["Impose sanctions on those responsible for atrocities in Sudan."],
        },
    ),
    case(
        "north-korea",
        primary="KP",
        en={
            "grievances": ["North Korean defectors are forcibly returned to the DPRK."],
            "prayer": ["Raise the plight of North Korean refugees at the United Nations."],
        },
    ),
    case(
        "somali-not-mali",
        primary="SO",
        en={
            "grievances": ["Somali families in Canada cannot send money home since banks closed accounts."],
            "prayer": ["Create a safe remittance corridor to Somalia."],
        },
    ),
    case(
        "trap-holland-us-pronoun",
        en={
            "grievances": [
                "Minister Mark Holland announced a national pharmacare framework;",
                "Help us make sure no one skips medication because of cost.",
            ],
            "prayer": ["LET US ACT NOW: fund pharmacare in every province."],
        },
    ),
    case(
        "trap-languages-and-bc",
        en={
            "grievances": [
                "Parents in British Columbia wait years for French immersion spots;",
                "English and French are Canada's official languages.",
            ],
            "prayer": ["Fund French second-language teachers."],
        },
    ),
    case(
        "trap-diaspora",
        en={
            "grievances": [
                "Italian Canadians were interned during the Second World War;",
                "Many were of Italian descent but born in Canada.",
            ],
            "prayer": ["Formally apologize to Italian-Canadian families."],
        },
    ),
    case(
        "hong-kong",
        primary="HK",
        mentioned="CN",
        en={
            "grievances": [
                "The national security law imposed by Beijing has crushed dissent in Hong Kong;",
                "Hongkongers in Canada face intimidation.",
            ],
            "prayer": ["Create a pathway to permanent residence for people from Hong Kong."],
        },
    ),
    case(
        "taiwan",
        primary="TW",
        mentioned="CN",
        en={
            "grievances": ["The People's Republic of China blocks Taiwan from the World Health Assembly."],
            "prayer": ["Support Taiwan's meaningful participation in the WHO."],
        },
    ),
    case(
        "myanmar-burma",
        primary="MM",
        mentioned="BD",
        en={
            "grievances": [
                "Rohingya refugees in Bangladesh fled violence by Burma's military;",
                "The military junta in Myanmar took power in 2021.",
            ],
            "prayer": ["Sanction the leaders of the Myanmar military."],
        },
    ),
    case(
        "iran-en",
        primary="IR",
        en={
            "keywords": ["Iran", "Terrorism"],
            "grievances": ["The IRGC has repressed protests led by Iranian women."],
            "prayer": ["List the IRGC as a terrorist entity."],
        },
    ),
    case(
        "czech-and-cote-divoire",
        mentioned="CZ CI",
        en={
            "grievances": [
                "Teachers recruited from the Czech Republic and Ivory Coast wait a year for work permits;",
            ],
            "prayer": ["Speed up work permits for teachers recruited abroad."],
        },
    ),
    case(
        "vatican-residential-schools",
        primary="VA",
        en={
            "grievances": [
                "Records of residential schools run by Catholic entities are kept at the Vatican."
            ],
            "prayer": ["Ask the Holy See to release all residential school records to survivors."],
        },
    ),
    case(
        "kosovo-serbia",
        primary="XK",
        mentioned="RS",
        en={
            "grievances": ["Tensions between Serbia and Kosovo have risen in the north."],
            "prayer": ["Keep Canadian troops in the NATO mission in Kosovo."],
        },
    ),
    case(
        "artsakh",
        primary="AZ AM",
        en={
            "grievances": [
                "Azerbaijan blockaded the Lachin corridor, cutting Artsakh off from Armenia;",
                "More than 100,000 Armenians fled Nagorno-Karabakh.",
            ],
            "prayer": ["Impose sanctions on Azerbaijani officials responsible."],
        },
    ),
    case(
        "kashmir-skipped",
        en={
            "grievances": ["Communications were cut across Kashmir for months."],
            "prayer": ["Call for the restoration of human rights in Kashmir."],
        },
    ),
    case(
        "response-only",
        mentioned="AU NZ",
        en={
            "prayer": ["Create a national school food program."],
            "response": ["Countries such as Australia and New Zealand have targeted programs."],
        },
    ),
    case(
        "trade-prayer",
        primary="US MX",
        en={
            "keywords": ["Trade agreements"],
            "prayer": ["Defend supply management when the agreement with the US and Mexico is reviewed."],
        },
    ),
    case(
        "uk-with-bc",
        mentioned="GB",
        en={
            "grievances": [
                "British Columbia's lumber mills are closing;",
                "The United Kingdom buys less Canadian lumber than before.",
            ],
            "prayer": ["Support forestry workers in British Columbia."],
        },
    ),
    # --- French traps and countries --------------------------------------------------------------
    case(
        "fr-georgie-etat",
        primary="US",
        fr={
            "grievances": ["Un citoyen canadien est détenu sans accusation à Atlanta, en Géorgie."],
            "prayer": ["Exiger des États-Unis un accès consulaire immédiat."],
        },
    ),
    case(
        "fr-georgie-pays",
        primary="GE",
        mentioned="RU",
        fr={
            "grievances": ["La Russie occupe l'Abkhazie et l'Ossétie du Sud depuis 2008."],
            "prayer": ["Réaffirmer l'appui du Canada à l'intégrité territoriale de la Géorgie."],
        },
    ),
    case(
        "fr-chine",
        primary="CN",
        fr={
            "grievances": [
                "Les autorités chinoises détiennent plus d'un million d'Ouïghours;",
                "Des entreprises chinoises profitent du travail forcé.",
            ],
            "prayer": ["Reconnaître le génocide commis par la Chine et interdire ces importations."],
        },
    ),
    case(
        "fr-cochons-dinde",
        fr={
            "grievances": ["Des milliers de cochons d'Inde et de lapins servent aux tests de cosmétiques."],
            "prayer": ["Interdire les tests de cosmétiques sur les animaux."],
        },
    ),
    case(
        "fr-inde",
        primary="IN",
        fr={
            "grievances": ["Les agriculteurs indiens manifestent depuis des mois."],
            "prayer": ["Demander au gouvernement de l'Inde de respecter le droit de manifester."],
        },
    ),
    case(
        "fr-loi-sur-les-indiens",
        fr={
            "grievances": [
                "La Loi sur les Indiens régit encore la vie des Premières Nations;",
                "Les survivants des pensionnats indiens attendent justice.",
            ],
            "prayer": ["Remplacer la Loi sur les Indiens avec les Premières Nations."],
        },
    ),
    case(
        "fr-nouvelle-ecosse-colombie-britannique",
        fr={
            "grievances": [
                "Les pêcheurs de la Nouvelle-Écosse et de la Colombie-Britannique perdent leurs permis;",
                "Les Néo-Écossais dépendent de la pêche côtière.",
            ],
            "prayer": ["Protéger la pêche côtière."],
        },
    ),
    case(
        "fr-prenoms",
        fr={
            "grievances": [
                "Maurice Richard et Dominique Michel font partie de notre patrimoine;",
                "La ministre Dominique Vien a promis un musée.",
            ],
            "prayer": ["Financer un musée du patrimoine québécois."],
        },
    ),
    case(
        "fr-ile-maurice-dominique",
        primary="MU",
        mentioned="DM",
        fr={
            "grievances": ["Comme la Dominique, l'île Maurice subit la montée des eaux."],
            "prayer": ["Aider l'île Maurice à s'adapter aux changements climatiques."],
        },
    ),
    case(
        "fr-equateur",
        primary="EC",
        fr={
            "grievances": ["Les forêts situées près de l'équateur disparaissent rapidement."],
            "prayer": ["Encadrer les sociétés minières canadiennes actives en Équateur."],
        },
    ),
    case(
        "fr-crimee-donbass",
        primary="UA",
        mentioned="RU",
        fr={
            "grievances": ["L'armée russe occupe la Crimée et une partie du Donbass."],
            "prayer": ["Fournir une aide militaire accrue à l'Ukraine."],
        },
    ),
    case(
        "fr-cisjordanie",
        primary="PS",
        fr={
            "grievances": ["Les colonies se multiplient en Cisjordanie."],
            "prayer": ["Reconnaître l'État de Palestine."],
        },
    ),
    case(
        "fr-iran",
        primary="IR",
        fr={
            "title": "Affaires étrangères",
            "grievances": ["Les femmes iraniennes sont réprimées par la République islamique d'Iran."],
            "prayer": ["Inscrire le CGRI sur la liste des entités terroristes et sanctionner l'Iran."],
        },
    ),
    case(
        "fr-coree-royaume-uni",
        primary="KP",
        mentioned="KR GB",
        fr={
            "grievances": [
                "Les réfugiés nord-coréens qui gagnent la Corée du Sud ou le Royaume-Uni sont peu nombreux;",
            ],
            "prayer": ["Dénoncer les violations des droits de la personne en Corée du Nord."],
        },
    ),
    case(
        "fr-ivoire-tchequie",
        mentioned="CI CZ",
        fr={
            "grievances": ["Des enseignants ivoiriens et tchèques attendent leur permis de travail."],
            "prayer": ["Accélérer les permis de travail des enseignants."],
        },
    ),
    case(
        "fr-diaspora-langue",
        fr={
            "grievances": [
                "Les Canadiens d'origine italienne ont été internés pendant la guerre;",
                "Les cours de langue espagnole manquent dans nos écoles.",
            ],
            "prayer": ["Présenter des excuses aux familles touchées."],
        },
    ),
    case(
        "trap-invasive-species-and-remedies",
        en={
            "grievances": [
                "Japanese knotweed and Japanese beetles are spreading across Ontario farmland;",
                "Natural health products, including traditional Chinese medicine, face new fees.",
            ],
            "prayer": ["Fund invasive species control and review natural health product fees."],
        },
    ),
    case(
        "fr-hollande-macedoine-benin",
        mentioned="FR",
        fr={
            "grievances": [
                "L'ancien président François Hollande a rappelé que la France offre des repas scolaires;",
                "Nos cantines servent une macédoine de légumes en conserve et les prix font des montagnes russes;",
                "Un incident jugé bénin a rendu des enfants malades.",
            ],
            "prayer": ["Créer un programme national d'alimentation scolaire."],
        },
    ),
]
