"""Finding MPs by the names people actually type, and listing what they sponsored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bench.generate import FIRST_NAMES, LAST_NAMES
from bot.petitions.answers import sponsor_petitions
from bot.petitions.errors import UserFacingError
from bot.petitions.sponsors import find_sponsors
from bot.petitions.store import Prepared, Store
from tests.factories import make_petition

SPONSORS = [
    ("Garnett Genuis", 89226, 3),
    ("Jenny Kwan", 89346, 2),
    ("Elizabeth May", 2897, 1),
    ("Yves-François Blanchet", 104669, 1),
    ("Chris d'Entremont", 49344, 1),
    ("Jenny Gerbasi", 111111, 1),
]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "p.sqlite")
    batch, n = [], 1
    for name, pid, count in SPONSORS:
        for i in range(count):
            batch.append(
                Prepared(make_petition(f"e-{n}", sponsor=(name, pid), presented_on=date(2020 + i, 1, 1)))
            )
            n += 1
    await s.upsert(batch)
    yield s
    await s.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("genuis", "Garnett Genuis"),
        ("Genius", "Garnett Genuis"),  # a common typo
        ("Jenny Kwan", "Jenny Kwan"),
        ("Kwan J", "Jenny Kwan"),
        ("kwan, jenny", "Jenny Kwan"),
        ("KWAN", "Jenny Kwan"),
        ("yves francois blanchet", "Yves-François Blanchet"),
        ("Blanchet", "Yves-François Blanchet"),
        ("dentremont", "Chris d'Entremont"),
        ("Hon. Elizabeth May", "Elizabeth May"),
        ("89346", "Jenny Kwan"),
    ],
)
async def test_typed_names_find_the_member(store: Store, typed: str, expected: str) -> None:
    found = await find_sponsors(store, typed)
    assert found and found[0].name == expected


async def test_match_carries_id_and_count(store: Store) -> None:
    best = (await find_sponsors(store, "genuis"))[0]
    assert (best.person_id, best.petitions) == (89226, 3)
    assert 0 < best.score <= 100


async def test_first_name_alone_lists_both_jennys(store: Store) -> None:
    names = [m.name for m in await find_sponsors(store, "jenny")]
    assert set(names[:2]) == {"Jenny Kwan", "Jenny Gerbasi"}


async def test_nonsense_finds_nobody(store: Store) -> None:
    assert await find_sponsors(store, "zzqx") == []
    assert await find_sponsors(store, "") == []
    assert await find_sponsors(store, "   ") == []


async def test_petitions_by_sponsor_newest_first_with_total(store: Store) -> None:
    mp, page = await sponsor_petitions(store, "genuis", limit=2)
    assert mp.name == "Garnett Genuis" and page.total == 3
    assert [r.presented_on.isoformat() for r in page.rows] == ["2022-01-01", "2021-01-01"]
    _, rest = await sponsor_petitions(store, "89226", limit=2, offset=2)
    assert [r.presented_on.isoformat() for r in rest.rows] == ["2020-01-01"]
    with pytest.raises(UserFacingError):
        await sponsor_petitions(store, "nobody at all")


async def test_list_is_cached_until_a_change(store: Store) -> None:
    assert (await find_sponsors(store, "Kwan"))[0].petitions == 2
    await store.upsert([Prepared(make_petition("e-999", sponsor=("Jenny Kwan", 89346)))])
    assert (await find_sponsors(store, "Kwan"))[0].petitions == 3
    await store.upsert([Prepared(make_petition("e-1000", sponsor=("Leah Gazan", 87121)))])
    assert (await find_sponsors(store, "gazan"))[0].name == "Leah Gazan"


# --- Typos anywhere in a name, against a full roster ---------------------------------------------

ROSTER = [(f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {last}", 1000 + i) for i, last in enumerate(LAST_NAMES)] + [
    ("Leah Gazan", 87121),
    ("Mark Morgan", 990001),
    ("Anna Chang", 990002),
    ("Ross Jones", 990003),
]


@pytest.fixture
async def roster(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "r.sqlite")
    await s.upsert([Prepared(make_petition(f"e-{i + 1}", sponsor=member)) for i, member in enumerate(ROSTER)])
    yield s
    await s.close()


def _swap_second_and_third(word: str) -> str:
    return word[0] + word[2] + word[1] + word[3:]


async def test_a_swap_of_the_second_and_third_letters_is_forgiven(roster: Store) -> None:
    lasts = sorted({name.split(" ", 1)[1] for name, _ in ROSTER})
    queries = [
        (_swap_second_and_third(last), last) for last in lasts if len(last) >= 4 and last[1] != last[2]
    ]
    assert len(queries) >= 51
    missed = []
    for typed, last in queries:
        found = await find_sponsors(roster, typed)
        if not found or found[0].name.split(" ", 1)[1] != last:
            missed.append((typed, [m.name for m in found[:2]]))
    print(f"\nsponsor swaps: {len(queries) - len(missed)}/{len(queries)} found")
    assert missed == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jnoes", "Jones"),  # not Johns, two edits away
        ("Gzaan", "Leah Gazan"),
        ("Kawn", "Kwan"),
        ("Tremblya", "Tremblay"),
        ("Venkatraman", "Venkataraman"),
        ("Pelltier", "Pelletier"),
        ("DA'mours", "D'Amours"),
        ("S-tOnge", "St-Onge"),
        ("leah gzaan", "Leah Gazan"),
    ],
)
async def test_typos_anywhere_find_the_member(roster: Store, typed: str, expected: str) -> None:
    found = await find_sponsors(roster, typed)
    assert found and expected in found[0].name, [m.name for m in found[:3]]


@pytest.mark.parametrize(
    "typed", ["Trudeau", "Poilievre", "Horgan", "Zhang", "Smithers", "Wang Li Xu", "Zzyzx"]
)
async def test_unrelated_names_find_nobody(roster: Store, typed: str) -> None:
    assert await find_sponsors(roster, typed) == []
