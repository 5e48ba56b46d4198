"""Petitions for the search-by-meaning tests: a few causes, each in one sentence per language."""

from __future__ import annotations

from datetime import date

from bot.petitions.model import Bi, Petition
from tests.factories import make_petition


def cause(number: str, en: str | None, fr: str | None, **overrides: object) -> Petition:
    """A petition whose whole text is one sentence per language (None: not in that language)."""
    return make_petition(
        number,
        subject=Bi("Environment" if en else None, "Environnement" if fr else None),
        keywords=(),
        grievances=Bi([en] if en else None, [fr] if fr else None),
        prayer=Bi(None, None),
        **overrides,
    )


PETITIONS = [
    cause(
        "e-5001",
        "Neonicotinoid insecticides are killing pollinators that orchards and farms depend on; ban them.",
        "Les insecticides néonicotinoïdes tuent les pollinisateurs dont dépendent vergers et fermes; interdisez-les.",
        status_id=207,
        presented_on=date(2024, 3, 1),
        sponsor=("Elizabeth May", 2897),
    ),
    cause(
        "441-00501",
        "Ban neonicotinoids to protect pollinators and honey producers.",
        None,
        status_id=223,
        presented_on=date(2022, 5, 1),
        sponsor=("Garnett Genuis", 89226),
        response=True,
    ),
    cause(
        "e-5002",
        "One in four students arrives in class without breakfast; fund a national school food program.",
        "Un élève sur quatre arrive en classe sans déjeuner; financez un programme national d'alimentation scolaire.",
        status_id=207,
        presented_on=date(2024, 1, 10),
    ),
    cause(
        "e-5003",
        "Protect the last old-growth forests of British Columbia from clear-cutting.",
        "Protégez les dernières vieilles forêts de la Colombie-Britannique des coupes à blanc.",
        status_id=224,
        presented_on=date(2021, 6, 1),
    ),
    cause(
        "e-5004",
        "Implement universal single-payer pharmacare so prescriptions are covered for everyone.",
        "Mettez en place un régime universel d'assurance-médicaments à payeur unique.",
        status_id=223,
        presented_on=date(2023, 2, 1),
        response=True,
    ),
    cause(
        "e-5005",
        "Send more air defence systems to Ukraine to protect civilians from Russian missiles.",
        "Envoyez plus de systèmes de défense aérienne à l'Ukraine pour protéger les civils.",
        status_id=207,
        presented_on=date(2024, 2, 1),
    ),
    cause(
        "441-00502",
        None,
        "Interdire le glyphosate, herbicide classé cancérogène probable, et aider les agriculteurs.",
        status_id=207,
        presented_on=date(2023, 9, 1),
    ),
    cause(
        "e-5006",
        "Lower the federal voting age to sixteen.",
        "Abaisser à seize ans l'âge du droit de vote aux élections fédérales.",
        status_id=229,
        presented_on=date(2020, 11, 1),
    ),
    cause(
        "e-5007",
        "Remove open-net salmon farms that spread sea lice to wild Pacific salmon.",
        "Retirer les élevages de saumon en filets ouverts qui propagent le pou du poisson.",
        status_id=207,
        presented_on=date(2024, 4, 1),
    ),
    cause(
        "e-5008",
        "Raise the federal minimum wage to twenty dollars an hour.",
        "Porter le salaire minimum fédéral à vingt dollars l'heure.",
        status_id=223,
        presented_on=date(2022, 8, 1),
    ),
    cause(
        "e-5009",
        "Pollinators need wildflower corridors along highways and farms.",
        "Les pollinisateurs ont besoin de corridors de fleurs sauvages le long des routes.",
        status_id=207,
        presented_on=date(2023, 7, 1),
    ),
    cause(
        "e-5010",
        "Fund long COVID clinics and research for people unable to work.",
        "Financer des cliniques de COVID longue et la recherche.",
        status_id=224,
        presented_on=date(2023, 3, 1),
    ),
]
BEES = "save the bees"


def many_petitions(n: int) -> list[Petition]:
    topics = [p.grievances.en[0] for p in PETITIONS if p.grievances.en]
    return [
        cause(f"e-{6000 + i}", f"{topics[i % len(topics)]} Petition {i} from town {i * 7919 % 1000}.", None)
        for i in range(n)
    ]
