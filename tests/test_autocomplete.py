"""Autocomplete: bounded, ranked exact-then-prefix, and silent on garbage."""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.petitions import autocomplete as ac
from bot.petitions.model import Bi
from bot.petitions.store import Prepared, Store
from tests.factories import make_petition

SUBJECTS = [
    Bi("Foreign affairs", "Affaires étrangères"),
    Bi("Health", "Santé"),
    Bi("Environment", "Environnement"),
    Bi("Environmental pollution", "Pollution de l'environnement"),
]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "p.sqlite")
    batch = []
    for n in [4, 41, 410, 411, 4100, 4123, 5, 52]:
        batch.append(
            make_petition(f"e-{n}", subject=SUBJECTS[n % 4], keywords=["Refugees"] if n == 52 else [])
        )
    for n in [1, 155, 1550, 12000]:
        batch.append(make_petition(f"441-{n:05d}", subject=SUBJECTS[1]))
    batch += [
        make_petition(f"e-{7000 + i}", subject="Health", sponsor=(f"Member {i}", 1000 + i)) for i in range(40)
    ]
    batch.append(make_petition("e-9999", subject="Health", sponsor=("Jenny Kwan", 89346)))
    await s.upsert([Prepared(p) for p in batch])
    yield s
    await s.close()


def values(choices: list[tuple[str, str]]) -> list[str]:
    return [v for _, v in choices]


def assert_bounded(choices: list[tuple[str, str]]) -> None:
    assert len(choices) <= 25
    for name, value in choices:
        assert 1 <= len(name) <= 100 and 1 <= len(value) <= 100


@pytest.mark.parametrize("typed", ["e-41", "e41", "E 41", "E-41", "#e41"])
async def test_e_number_prefix_exact_first(store: Store, typed: str) -> None:
    got = values(await ac.petition_choices(store, typed, "en"))
    assert got == ["e-41", "e-410", "e-411", "e-4100", "e-4123"]


async def test_paper_number_prefix(store: Store) -> None:
    assert values(await ac.petition_choices(store, "441-001", "en")) == ["441-00001", "441-00155"]
    assert values(await ac.petition_choices(store, "441-00155", "en")) == ["441-00155"]
    assert set(values(await ac.petition_choices(store, "44", "en"))) == {
        "441-00001",
        "441-00155",
        "441-01550",
        "441-12000",
    }


async def test_label_follows_reader_language(store: Store) -> None:
    en = dict((v, n) for n, v in await ac.petition_choices(store, "441-00155", "en"))
    fr = dict((v, n) for n, v in await ac.petition_choices(store, "441-00155", "fr"))
    assert en["441-00155"] == "441-00155 — Health"
    assert fr["441-00155"] == "441-00155 — Santé"


async def test_petitions_by_subject_words(store: Store) -> None:
    got = await ac.petition_choices(store, "foreign aff", "en")
    assert got and all("Foreign affairs" in name for name, _ in got)
    by_keyword = await ac.petition_choices(store, "refug", "en")
    assert values(by_keyword) == ["e-52"] and "Refugees" in by_keyword[0][0]


async def test_empty_input_offers_recent_petitions(store: Store) -> None:
    got = await ac.petition_choices(store, "", "en")
    assert len(got) == 25
    assert_bounded(got)


async def test_sponsor_choices_rank_exact_and_prefix_first(store: Store) -> None:
    got = await ac.sponsor_choices(store, "jenny kwan", "en")
    assert got[0] == ("Jenny Kwan (1 petitions)", "89346")
    assert values(await ac.sponsor_choices(store, "kwa", "en"))[0] == "89346"
    assert values(await ac.sponsor_choices(store, "Member 1", "en"))[0] == "1001"
    everyone = await ac.sponsor_choices(store, "", "fr")
    assert len(everyone) == 25 and "pétitions" in everyone[0][0]


async def test_subject_choices_in_reader_language(store: Store) -> None:
    assert values(await ac.subject_choices(store, "environment", "en"))[:2] == [
        "Environment",
        "Environmental pollution",
    ]
    assert values(await ac.subject_choices(store, "sante", "fr")) == ["Santé"]
    assert values(await ac.subject_choices(store, "pollution", "en")) == ["Environmental pollution"]
    assert "Affaires étrangères" in values(await ac.subject_choices(store, "", "fr"))


async def test_long_names_are_clipped(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "l.sqlite") as s:
        await s.upsert([Prepared(make_petition("e-1", subject="Very long subject " * 20))])
        got = await ac.petition_choices(s, "e-1", "en")
        assert_bounded(got)
        assert got[0][0].endswith("…")


async def test_country_choices_delegate(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("bot.petitions.countries")
    fake.country_choices = lambda current, lang, limit=25: [("Kazakhstan", "KZ")] * 30  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.petitions.countries", fake)
    got = await ac.country_choices("kaz", "en")
    assert got == [("Kazakhstan", "KZ")]  # bounded and de-duplicated


async def test_country_choices_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("bot.petitions.countries")

    def broken(current: str, lang: str, limit: int = 25) -> list[tuple[str, str]]:
        raise RuntimeError("boom")

    fake.country_choices = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.petitions.countries", fake)
    assert await ac.country_choices("kaz", "en") == []


async def test_closed_store_gives_nothing(tmp_path: Path) -> None:
    s = await Store.open(tmp_path / "c.sqlite")
    await s.close()
    assert await ac.petition_choices(s, "e-1", "en") == []
    assert await ac.sponsor_choices(s, "kwan", "en") == []
    assert await ac.subject_choices(s, "health", "en") == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), lang=st.sampled_from(["en", "fr", "xx"]))
async def test_garbage_never_raises(store: Store, text: str, lang: str) -> None:
    for provider in (ac.petition_choices, ac.sponsor_choices, ac.subject_choices):
        assert_bounded(await provider(store, text, lang))


@pytest.mark.parametrize(
    ("typed", "lang", "expected"),
    [
        ("Social affairs and e", "en", ["e-1"]),
        ("Social affairs and", "en", ["e-1"]),
        ("Parlement e", "fr", ["e-2"]),
        ("Parlement et p", "fr", ["e-2"]),
        ("Parliament and politics z", "en", []),
        ("h", "en", ["e-3"]),
    ],
)
async def test_a_trailing_one_letter_word_is_a_prefix(
    tmp_path: Path, typed: str, lang: str, expected: list[str]
) -> None:
    async with await Store.open(tmp_path / "s.sqlite") as s:
        await s.upsert(
            [
                Prepared(
                    make_petition(
                        "e-1", subject=Bi("Social affairs and equality", "Affaires sociales et égalité")
                    )
                ),
                Prepared(
                    make_petition("e-2", subject=Bi("Parliament and politics", "Parlement et politique"))
                ),
                Prepared(make_petition("e-3", subject=Bi("Health", "Santé"), keywords=[])),
            ]
        )
        assert values(await ac.petition_choices(s, typed, lang)) == expected
