"""Search as a user sees it: what comes back, in what order, and help when nothing does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.petitions.model import Bi
from bot.petitions.search import SearchFilters, make_snippet, parse_query, search, stem
from bot.petitions.store import CountryLink, Prepared, Store
from tests.factories import make_petition

FILLER = [
    make_petition(
        f"e-{900 + i}",
        subject=Bi("Health", "Santé"),
        keywords=["Hospitals"],
        grievances=Bi([f"Hospitals in region {i} need more nurses."], [f"Les hôpitaux de la région {i}."]),
        prayer="We ask for funding.",
        sponsor=("Marilyn Gladu", 25524),
        presented_on=date(2020, 1, 1 + i),
    )
    for i in range(8)
]

CORPUS = [
    Prepared(
        make_petition(
            "e-100",
            subject=Bi("Refugees", "Réfugiés"),
            keywords=[("Refugees", "Réfugiés")],
            grievances=Bi(
                ["Syrian refugees wait years for resettlement."], ["Les réfugiés syriens attendent."]
            ),
            sponsor=("Jenny Kwan", 89346),
            status_id=223,
            response="The Government supports resettlement.",
            presented_on=date(2023, 5, 1),
        ),
        [CountryLink("SY", True)],
    ),
    Prepared(
        make_petition(
            "e-101",
            subject=Bi("Citizenship and immigration", "Citoyenneté et immigration"),
            keywords=["Immigration"],
            grievances=Bi(
                ["A refugee family was separated at the border."], ["Une famille réfugiée séparée."]
            ),
            sponsor=("Garnett Genuis", 89226),
            presented_on=date(2024, 2, 1),
        )
    ),
    Prepared(
        make_petition(
            "441-00155",
            subject=Bi("Foreign affairs", "Affaires étrangères"),
            keywords=["Kazakhstan", "Human rights"],
            grievances=Bi(
                ["The government of Kazakhstan persecutes peaceful opposition movements."],
                ["Le gouvernement du Kazakhstan persécute les mouvements d'opposition pacifiques."],
            ),
            prayer="We call on Canada to raise human rights publicly.",
            sponsor=("Garnett Genuis", 89226),
            presented_on=date(2022, 3, 30),
        ),
        [CountryLink("KZ", True)],
    ),
    Prepared(
        make_petition(
            "e-102",
            subject=Bi("Environment", "Environnement"),
            keywords=["Climate change"],
            grievances="Climate change threatens the rivers of British Columbia.",
            sponsor=("Elizabeth May", 2897),
            presented_on=date(2021, 6, 1),
        )
    ),
    *(Prepared(p) for p in FILLER),
]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "petitions.sqlite")
    await s.upsert(CORPUS)
    yield s
    await s.close()


def numbers(result: object) -> list[str]:
    return [h.number for h in result.hits]  # type: ignore[attr-defined]


async def test_singular_plural_and_french_forms_meet(store: Store) -> None:
    both = {"e-100", "e-101"}
    assert set(numbers(await search(store, "refugees"))) == both
    assert set(numbers(await search(store, "refugee"))) == both
    assert set(numbers(await search(store, "réfugiés"))) == both
    assert set(numbers(await search(store, "refugie"))) == both  # no accent typed


async def test_accents_are_folded_both_ways(store: Store) -> None:
    assert numbers(await search(store, "persécute")) == ["441-00155"]
    assert numbers(await search(store, "PERSECUTE")) == ["441-00155"]


async def test_quoted_phrase_is_exact(store: Store) -> None:
    assert numbers(await search(store, '"peaceful opposition"')) == ["441-00155"]
    assert numbers(await search(store, '"opposition peaceful"')) == []
    assert numbers(await search(store, '"rivers of British Columbia"')) == ["e-102"]


async def test_title_match_ranks_above_body_mention(store: Store) -> None:
    result = await search(store, "refugees")
    assert numbers(result)[0] == "e-100"  # "Refugees" is its subject; e-101 only mentions one
    assert result.hits[0].score < result.hits[1].score


async def test_recency_breaks_ties(tmp_path: Path) -> None:
    twins = [
        make_petition(f"e-{n}", subject="Fisheries", grievances="Salmon stocks are falling.", presented_on=d)
        for n, d in ((1, date(2019, 1, 1)), (2, date(2024, 1, 1)), (3, date(2021, 1, 1)))
    ]
    async with await Store.open(tmp_path / "t.sqlite") as s:
        await s.upsert([Prepared(p) for p in twins])
        assert numbers(await search(s, "salmon")) == ["e-2", "e-3", "e-1"]


async def test_petition_number_comes_first(store: Store) -> None:
    assert numbers(await search(store, "441-00155"))[0] == "441-00155"
    assert numbers(await search(store, "E 101"))[0] == "e-101"
    assert numbers(await search(store, "#e-100"))[0] == "e-100"


async def test_snippet_shows_the_matched_words(store: Store) -> None:
    hit = (await search(store, "persecutes")).hits[0]
    assert hit.snippet and "persecutes" in hit.snippet
    assert "**persecutes**" in (hit.marked_snippet(lambda s: s) or "")


async def test_empty_query_lists_by_recency_with_filters(store: Store) -> None:
    result = await search(store, "", SearchFilters(sponsor="Garnett Genuis"))
    assert numbers(result) == ["e-101", "441-00155"]
    assert result.total == 2
    everything = await search(store, "   ")
    assert everything.total == len(CORPUS)
    assert numbers(everything)[0] == "e-101"  # latest event first


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(status_ids=(223,)), {"e-100"}),
        (SearchFilters(kind="paper"), {"441-00155"}),
        (SearchFilters(parliament=44, session=1, kind="paper"), {"441-00155"}),
        (SearchFilters(parliament=43), set()),
        (SearchFilters(sponsor="genuis"), {"e-101", "441-00155"}),
        (SearchFilters(sponsor="kwan, jenny"), {"e-100"}),
        (SearchFilters(subject="affaires ETRANGERES"), {"441-00155"}),
        (SearchFilters(subject="refugees"), {"e-100"}),
        (SearchFilters(keyword="human rights"), {"441-00155"}),
        (SearchFilters(keyword="CLIMATE CHANGE"), {"e-102"}),
        (SearchFilters(date_from=date(2022, 1, 1), date_to=date(2023, 12, 31)), {"441-00155", "e-100"}),
        (SearchFilters(has_response=True), {"e-100"}),
        (SearchFilters(country="kz"), {"441-00155"}),
    ],
)
async def test_each_filter_narrows(store: Store, filters: SearchFilters, expected: set[str]) -> None:
    wide = {"e-100", "e-101", "e-102", "441-00155"}
    result = await search(store, "", filters, limit=50)
    assert set(numbers(result)) & wide == expected
    assert len(result.hits) == result.total


async def test_filters_combine_with_text(store: Store) -> None:
    assert numbers(await search(store, "refugees", SearchFilters(has_response=False))) == ["e-101"]
    assert numbers(await search(store, "kazakhstan", SearchFilters(country="SY"))) == []


async def test_paging_and_total(store: Store) -> None:
    first = await search(store, "hospitals", limit=3)
    second = await search(store, "hospitals", limit=3, offset=3)
    assert first.total == second.total == 8
    assert not set(numbers(first)) & set(numbers(second))
    beyond = await search(store, "hospitals", limit=3, offset=30)
    assert beyond.hits == [] and beyond.total == 8


async def test_misspelling_gets_a_correction(store: Store) -> None:
    result = await search(store, "refugess")
    assert result.hits == []
    spelling = [s for s in result.suggestions if s.kind == "spelling"]
    assert spelling and spelling[0].value == "refugees"
    assert numbers(await search(store, spelling[0].value))


async def test_filter_that_empties_the_result_is_named(store: Store) -> None:
    result = await search(store, "kazakhstan", SearchFilters(has_response=True))
    assert result.hits == []
    assert any(s.kind == "drop_filter" and s.value == "has_response" for s in result.suggestions)


async def test_close_title_is_suggested(store: Store) -> None:
    result = await search(store, "foreign afairs zzz")
    assert any(s.kind == "title" and s.value == "Foreign affairs" for s in result.suggestions)


async def test_unknown_sponsor_filter_finds_nothing_but_says_why(store: Store) -> None:
    result = await search(store, "refugees", SearchFilters(sponsor="Nobody Atall"))
    assert result.hits == []
    assert any(s.kind == "drop_filter" and s.value == "sponsor" for s in result.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"refugees',
        "refugees OR",
        "NOT refugees",
        "NEAR(a b)",
        "title:refugees",
        "(kazakhstan",
        "* - ^ AND",
        "refugees -syria",
        "😀🇨🇦",
        "x" * 5000,
        "\x00\x1f\u200b",
        "{title}: kazakhstan",
    ],
)
async def test_operator_soup_never_raises(store: Store, text: str) -> None:
    result = await search(store, text)
    assert isinstance(result.total, int)


async def test_operators_are_searched_as_words(store: Store) -> None:
    assert numbers(await search(store, "title:kazakhstan")) == ["441-00155"]
    assert numbers(await search(store, "kazakhstan AND")) == ["441-00155"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text())
async def test_any_text_returns_normally(store: Store, text: str) -> None:
    result = await search(store, text, limit=5)
    assert result.total >= len(result.hits)


def test_stemming_is_light() -> None:
    assert stem("refugees") == stem("refugee") == "refuge"
    assert stem("refugie") == "refugi" and "refugie".startswith(stem("refugies"))
    assert stem("taxes") == "tax"
    assert stem("crisis") == "crisis"
    assert stem("441") == "441"


def test_query_is_rebuilt_quoted() -> None:
    parsed = parse_query('title:"peaceful opposition" NEAR refugees*')
    assert parsed.phrases == (("peaceful", "opposition"),)
    assert parsed.fts() == '"near"* AND "refuge"* AND "peaceful opposition"'


def test_snippet_centres_on_matches() -> None:
    text = " ".join(["filler"] * 50 + ["refugees"] + ["more"] * 50)
    out = make_snippet(text, ["refuge"], words=10)
    assert "\x02refugees\x03" in out and out.startswith("…") and out.endswith("…")


async def test_warm_vocabulary_gives_the_same_answers(store: Store) -> None:
    from bot.petitions.search import warm

    cold = {q: numbers(await search(store, q)) for q in ("refugees", "persecutes", "climate change")}
    await warm(store)  # long stems now become ("word" OR "word") lists
    result = await search(store, "refugees")
    assert " OR " in result.query_used
    assert {q: numbers(await search(store, q)) for q in cold} == cold


async def test_new_words_are_found_after_warming(store: Store) -> None:
    from bot.petitions.search import warm

    await warm(store)
    await store.upsert([Prepared(make_petition("e-555", grievances="Lighthouses need keepers."))])
    assert numbers(await search(store, "lighthouses")) == ["e-555"]


async def test_filters_only_with_no_result_suggests_dropping(store: Store) -> None:
    result = await search(store, "", SearchFilters(parliament=43))
    assert [s.value for s in result.suggestions if s.kind == "drop_filter"] == ["parliament"]


async def test_number_query_respects_filters_and_says_why(store: Store) -> None:
    result = await search(store, "441-00155", SearchFilters(has_response=True))
    assert result.hits == []
    assert [(s.kind, s.value) for s in result.suggestions] == [("drop_filter", "has_response")]
    assert (await search(store, "e-77777")).hits == []
