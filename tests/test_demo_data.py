"""The shipped demo set: what `/petition` shows before any real data is fetched.

The demo is only useful if it loads cleanly and covers every state a user can
meet (open, waiting, answered, overdue, dissolved...), so these tests pin both.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.petitions.model import Petition
from bot.petitions.numbers import parse_number

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo.jsonl"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_5859ca925b01ff9a.txt"

AS_OF = date(2026, 11, 29)  # the date the demo's deadlines are written against
RESPONSE_DAYS = 45
DISCORD_EMBED_LIMIT = 4096

# Words in a petition's English text or keywords that name a foreign country.
COUNTRY_WORDS = {
    "Kazakhstan": "KZ",
    "Ukraine": "UA",
    "Crimea": "UA",
    "Russia": "RU",
    "China": "CN",
    "Hong Kong": "CN",
    "Tibet": "CN",
    "Iran": "IR",
    "Ethiopia": "ET",
    "Tigray": "ET",
    "Gaza": "PS",
    "Israel": "IL",
    "Haiti": "HT",
}


def _lines() -> list[str]:
    return DEMO.read_text(encoding="utf-8").splitlines()


def _raw_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in _lines()[1:]]


@pytest.fixture(scope="module")
def petitions() -> list[Petition]:
    return [Petition.from_dict(d) for d in _raw_records()]


def _by_number(petitions: list[Petition], number: str) -> Petition:
    return next(p for p in petitions if p.number == number)


def _english_text(p: Petition) -> str:
    parts = [p.subject.en or "", *(k.name.en or "" for k in p.keywords)]
    parts += p.grievances.en or []
    parts += p.prayer.en or []
    return "\n".join(parts)


def _all_text(p: Petition) -> str:
    parts: list[str] = []
    for side in (p.grievances, p.prayer):
        parts += (side.en or []) + (side.fr or [])
    return "\n".join(parts)


def _order(number: str) -> tuple[bool, int, int, int]:
    """Paper numbers first, by parliament, session and sequence; then e-petitions."""
    n = parse_number(number)
    return (n.kind == "e", n.parliament or 0, n.session or 0, n.sequence)


def _awaiting_response(p: Petition) -> bool:
    return p.presented_on is not None and not p.has_response and p.status_id not in (289, 291)


# --- the file as a whole -------------------------------------------------------


def test_file_starts_with_the_snapshot_header() -> None:
    header = json.loads(_lines()[0])
    assert header == {"format": "petitionbot-snapshot", "version": 1}


def test_every_line_is_one_complete_record() -> None:
    lines = _lines()
    assert 11 <= len(lines) - 1 <= 15
    assert all(line.strip() for line in lines)


def test_every_record_round_trips_unchanged() -> None:
    for raw in _raw_records():
        assert Petition.from_dict(raw).to_dict() == raw, raw["number"]


def test_every_record_is_marked_demo(petitions: list[Petition]) -> None:
    assert all(p.demo for p in petitions)


def test_numbers_are_unique_canonical_and_sorted(petitions: list[Petition]) -> None:
    numbers = [p.number for p in petitions]
    assert len(set(numbers)) == len(numbers)
    for p in petitions:
        parsed = parse_number(p.number)
        assert parsed.text == p.number
        assert parsed.kind == p.kind
        if p.presented_number:
            assert parse_number(p.presented_number).text == p.presented_number
            assert p.presented_number not in numbers
    keys = [_order(p.number) for p in petitions]
    assert keys == sorted(keys)


def test_province_counts_add_up_to_the_total(petitions: list[Petition]) -> None:
    counted = [p for p in petitions if p.signatures_by_province]
    assert counted
    for p in counted:
        assert sum(p.signatures_by_province.values()) == p.signatures, p.number


def test_every_record_links_to_both_official_pages(petitions: list[Petition]) -> None:
    for p in petitions:
        assert p.url.en and p.url.en.endswith(f"Petition={p.number}")
        assert p.url.fr and "noscommunes.ca" in p.url.fr


# --- the seed petition ------------------------------------------------------------


def test_seed_petition_has_its_official_history(petitions: list[Petition]) -> None:
    p = _by_number(petitions, "441-00155")
    assert p.kind == "paper" and (p.parliament, p.session) == (44, 1)
    assert p.sponsor is not None and p.sponsor.name == "Garnett Genuis"
    assert p.sponsor.riding == "Sherwood Park—Fort Saskatchewan"
    assert p.presented_on == date(2022, 2, 9)
    assert p.response_tabled_on == date(2022, 3, 25)
    assert p.response is not None and p.response.signer == "Rob Oliphant"
    assert p.response.header.fr == "Réponse de la ministre des Affaires étrangères"
    assert len(p.grievances.en or []) == len(p.grievances.fr or []) == 5
    assert len(p.prayer.fr or []) == 5


def test_seed_french_text_is_verbatim_from_the_official_page(petitions: list[Petition]) -> None:
    if not SEED.exists():
        pytest.skip(f"shared seed page not found at {SEED}")
    official = SEED.read_text(encoding="utf-8")
    p = _by_number(petitions, "441-00155")
    assert p.response is not None
    french = (p.grievances.fr or []) + (p.prayer.fr or []) + (p.response.paragraphs.fr or [])
    assert len(french) == 5 + 5 + 8
    for passage in french:
        assert passage in official, passage[:60]


# --- coverage of the states a user can meet ---------------------------------------


def test_both_kinds_are_present(petitions: list[Petition]) -> None:
    assert {p.kind for p in petitions} == {"paper", "e"}


def test_every_listed_status_is_present(petitions: list[Petition]) -> None:
    assert {207, 223, 224, 226, 229, 291} <= {p.status_id for p in petitions}


def test_open_petitions_are_still_open_on_the_demo_date(petitions: list[Petition]) -> None:
    open_ = [p for p in petitions if p.status_id == 207]
    assert open_
    for p in open_:
        assert p.opened_at is not None and p.closed_at is not None
        assert p.opened_at.tzinfo is not None and p.closed_at.tzinfo is not None
        assert p.opened_at.date() <= AS_OF < p.closed_at.date()


def test_one_petition_is_overdue_and_one_is_still_within_its_45_days(petitions: list[Petition]) -> None:
    waiting = [p for p in petitions if _awaiting_response(p)]
    overdue = [p for p in waiting if p.presented_on + timedelta(days=RESPONSE_DAYS) < AS_OF]
    on_time = [p for p in waiting if p.presented_on + timedelta(days=RESPONSE_DAYS) >= AS_OF]
    assert overdue and on_time


def test_answered_petitions_have_a_date_and_a_signer(petitions: list[Petition]) -> None:
    answered = [p for p in petitions if p.has_response]
    assert len(answered) >= 4
    for p in answered:
        assert p.status_id == 223 and p.response_tabled_on and p.presented_on
        assert p.response is not None and p.response.signer
        assert p.presented_on <= p.response_tabled_on


def test_one_response_exists_only_in_english(petitions: list[Petition]) -> None:
    english_only = [
        p
        for p in petitions
        if p.response is not None and p.response.paragraphs.en and not p.response.paragraphs.fr
    ]
    assert english_only


def test_one_response_is_too_long_for_a_single_embed(petitions: list[Petition]) -> None:
    long_ones = []
    for p in petitions:
        if p.response is None:
            continue
        for paras in (p.response.paragraphs.en, p.response.paragraphs.fr):
            if paras and len(paras) >= 6 and sum(len(x) for x in paras) > DISCORD_EMBED_LIMIT:
                long_ones.append(p.number)
    assert long_ones


def test_one_petition_quotes_discord_markup(petitions: list[Petition]) -> None:
    marked = [p for p in petitions if all(s in _all_text(p) for s in ("@everyone", "**", "<@123>"))]
    assert marked


def test_at_least_four_foreign_countries_are_covered(petitions: list[Petition]) -> None:
    found = {code for p in petitions for word, code in COUNTRY_WORDS.items() if word in _english_text(p)}
    assert len(found) >= 4, found


def test_one_sponsor_presents_several_petitions(petitions: list[Petition]) -> None:
    counts: dict[int, int] = {}
    for p in petitions:
        if p.sponsor and p.sponsor.person_id:
            counts[p.sponsor.person_id] = counts.get(p.sponsor.person_id, 0) + 1
    assert max(counts.values()) >= 2


def test_e_petitions_name_their_initiator_and_keywords(petitions: list[Petition]) -> None:
    e_petitions = [p for p in petitions if p.kind == "e"]
    assert e_petitions
    for p in e_petitions:
        assert p.initiator is not None and p.initiator.name
        assert p.keywords and all(k.id and k.name.en and k.name.fr for k in p.keywords)
