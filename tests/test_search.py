"""Search as a user sees it: what comes back, in what order, and help when nothing does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

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


#: A query with no searchable word lists the whole corpus, latest event first.
EVERYTHING = ["e-101", "e-100", "441-00155", "e-102", *(f"e-{n}" for n in range(907, 899, -1))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"', EVERYTHING),
        ('"refugees', ["e-100", "e-101"]),
        ("refugees OR", ["e-100", "e-101"]),
        ("NOT refugees", []),  # "not" is a word no petition here uses
        ("NEAR(a b)", []),
        ("title:refugees", ["e-100", "e-101"]),
        ("(kazakhstan", ["441-00155"]),
        ("* - ^ AND", ["e-101"]),  # "and" is in its subject, "Citizenship and immigration"
        ("refugees -syria", ["e-100"]),  # "-" does not exclude: both words must match
        ("😀🇨🇦", EVERYTHING),
        ("x" * 5000, []),
        ("\x00\x1f\u200b", EVERYTHING),
        ("{title}: kazakhstan", []),  # "title" is a word here, and 441-00155 lacks it
    ],
)
async def test_operator_soup_is_searched_as_plain_words(store: Store, text: str, expected: list[str]) -> None:
    result = await search(store, text, limit=50)
    assert numbers(result) == expected
    assert result.total == len(expected) and result.total_exact


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


def test_snippet_marks_accented_forms_in_every_latin_script() -> None:
    # Latin-1 accents (French) and Latin Extended ones (Polish, Romanian, Latvian) are marked alike.
    assert "\x02ÉLÈVES\x03" in make_snippet("Les ÉLÈVES du Québec demandent", ["eleve"])
    assert "\x02Łódź\x03" not in make_snippet("Miasto Łódź", ["lodz"])  # Ł is its own letter, as in FTS
    assert "\x02Lodž\x03" in make_snippet("Miasto Lodž i okolice", ["lodz"])
    assert "\x02Ēlevam\x03" in make_snippet("Ēlevam un Ștefan", ["eleva"])
    assert "\x02Ștefan\x03" in make_snippet("Ēlevam un Ștefan", ["stefan"])


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


# --- the paths taken at scale --------------------------------------------------------------
# At 100k petitions most queries are "broad": bm25 would read every petition holding a common
# word, so the newest matches are ranked here instead. These tests shrink the thresholds so the
# small corpus takes those paths, and check that a user sees the same kind of answer.


@pytest.fixture
def broad(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.petitions.search as search_mod

    monkeypatch.setattr(search_mod.Limits, "BM25_BUDGET", -1)  # never bm25
    monkeypatch.setattr(search_mod.Limits, "RANK_WINDOW", 3)
    monkeypatch.setattr(search_mod.Limits, "FILTERED_WINDOW", 3)
    monkeypatch.setattr(search_mod.Limits, "FILTERED_SCAN", 2)


@pytest.mark.parametrize("warm_first", [False, True])
async def test_broad_query_keeps_forms_titles_first_and_phrases(
    store: Store, broad: None, warm_first: bool
) -> None:
    from bot.petitions.search import warm

    if warm_first:
        await warm(store)
    for q in ("refugees", "refugee", "réfugiés", "refugie"):
        result = await search(store, q)
        assert numbers(result) == ["e-100", "e-101"], q  # "Refugees" is e-100's subject
        assert result.hits[0].score < result.hits[1].score
        assert result.total == 2 and result.total_exact
    assert numbers(await search(store, '"peaceful opposition"')) == ["441-00155"]
    assert numbers(await search(store, '"opposition peaceful"')) == []
    hit = (await search(store, "persecutes")).hits[0]
    assert "**persecutes**" in (hit.marked_snippet(lambda s: s) or "")


async def test_broad_query_pages_within_its_window_and_says_the_total_is_a_floor(
    store: Store, broad: None
) -> None:
    first = await search(store, "hospitals", limit=2)
    second = await search(store, "hospitals", limit=2, offset=2)
    assert len(first.hits) == len(second.hits) == 2
    assert not set(numbers(first)) & set(numbers(second))
    assert first.total >= 3 and not first.total_exact  # only the newest matches were ranked


async def test_warm_vocabulary_counts_a_single_word_exactly(store: Store, broad: None) -> None:
    from bot.petitions.search import warm

    await warm(store)
    result = await search(store, "hospitals", limit=2)
    assert len(result.hits) == 2
    assert (result.total, result.total_exact) == (8, True)  # the vocabulary knows, nothing was counted


async def test_common_word_is_searched_as_its_own_forms_not_a_prefix(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.petitions.search as search_mod

    monkeypatch.setattr(search_mod.Limits, "MAX_EXPANSIONS", 1)
    monkeypatch.setattr(search_mod.Limits, "PREFIX_BUDGET", 0)  # every long stem counts as common
    await search_mod.warm(store)
    for q in ("refugees", "refugee", "réfugiés"):
        result = await search(store, q)
        assert "*" not in result.query_used, q
        assert set(numbers(result)) == {"e-100", "e-101"}, q


async def test_selective_filter_reaches_matches_older_than_the_scan(tmp_path: Path, broad: None) -> None:
    old = make_petition(
        "e-1",
        grievances="Hospitals lack nurses.",
        sponsor=("Jenny Kwan", 89346),
        presented_on=date(2019, 1, 1),
    )
    newer = [
        make_petition(f"e-{n}", grievances="Hospitals need beds.", presented_on=date(2024, 1, n))
        for n in range(2, 9)
    ]
    async with await Store.open(tmp_path / "t.sqlite") as s:
        await s.upsert([Prepared(old)])  # stored first: the oldest id
        await s.upsert([Prepared(p) for p in newer])
        result = await search(s, "hospitals", SearchFilters(sponsor="Kwan"))
        assert numbers(result) == ["e-1"]
        assert (result.total, result.total_exact) == (1, True)


async def test_parliament_filter_reaches_an_older_parliament(tmp_path: Path, broad: None) -> None:
    older = [
        make_petition(
            f"43{n}-0000{n}", grievances="Salmon stocks are falling.", presented_on=date(2020, 1, n)
        )
        for n in (1, 2)
    ]
    newer = [
        make_petition(f"e-{n}", grievances="Salmon farms pollute.", presented_on=date(2024, 1, n))
        for n in range(1, 7)
    ]
    async with await Store.open(tmp_path / "t.sqlite") as s:
        await s.upsert([Prepared(p) for p in older])
        await s.upsert([Prepared(p) for p in newer])
        assert set(numbers(await search(s, "salmon", SearchFilters(parliament=43)))) == {
            "431-00001",
            "432-00002",
        }
        newest = await search(s, "salmon", SearchFilters(parliament=44))
        assert numbers(newest) == ["e-6", "e-5"] and not newest.total_exact  # the newest FILTERED_SCAN


async def test_hits_say_whether_they_are_demo_petitions_and_real_data_replaces_the_sample(
    tmp_path: Path,
) -> None:
    async with await Store.open(tmp_path / "t.sqlite") as s:
        await s.upsert([Prepared(make_petition("e-1", demo=True)), Prepared(make_petition("e-3", demo=True))])
        assert {h.number: h.demo for h in (await search(s, "rivers")).hits} == {"e-1": True, "e-3": True}
        # The first real record removes the whole sample in its own transaction; the two never mix.
        await s.upsert([Prepared(make_petition("e-2")), Prepared(make_petition("e-3"))])
        assert {h.number: h.demo for h in (await search(s, "rivers")).hits} == {"e-2": False, "e-3": False}
        assert (await s.stats()).demo == 0
        await s.upsert([Prepared(make_petition("e-9", demo=True))])  # a demo record offered later is refused
        assert await s.get("e-9") is None


@pytest.mark.parametrize("text", ['"', "refugees OR", "NEAR(a b)", '"the of"', "a the", "😀", "x" * 5000])
async def test_operator_soup_never_raises_when_broad(store: Store, broad: None, text: str) -> None:
    from bot.petitions.search import warm

    await warm(store)
    result = await search(store, text, SearchFilters(parliament=44))
    assert result.total >= len(result.hits)


def test_content_words_leave_out_stop_words_and_operators() -> None:
    from bot.petitions.search import content_words

    assert content_words("AND the OR NOT near et") == []
    assert content_words("Health AND safety") == ["health", "safety"]


@pytest.mark.parametrize("query", ["", "   ", "!!!", "\u3000"])
async def test_no_words_and_no_filter_asks_what_to_look_for(store: Store, query: str) -> None:
    from bot.petitions import answers
    from bot.petitions.errors import UserFacingError

    with pytest.raises(UserFacingError) as asked:
        await answers.search(store, query)
    assert asked.value.key == "search.need_words"
    listed = await answers.search(store, query, SearchFilters(kind="e"))  # a filter alone lists
    assert listed.total > 0


async def test_the_stored_word_counts_are_those_of_the_full_text_index(tmp_path) -> None:
    """Spelling suggestions read word counts the store keeps as it writes; after new, changed and
    removed demo records they still equal what the full-text index itself counts."""
    from dataclasses import replace as _replace

    from bot.petitions.model import Bi as _Bi
    from bot.petitions.store import Prepared as _Prepared, Store as _Store
    from tests.factories import make_petition as _make

    s = await _Store.open(tmp_path / "terms.sqlite3")
    try:
        await s.upsert([_Prepared(_replace(_make("e-1"), demo=True))])
        await s.upsert([_Prepared(_make(f"e-{n}")) for n in range(100, 105)])
        changed = _make("e-101", grievances=_Bi(["Les écluses du canal Rideau débordent."], None))
        await s.upsert([_Prepared(changed)])
        stored = dict(await s.conn.execute_fetchall("SELECT term, docs FROM search_terms"))
        indexed = dict(
            await s.conn.execute_fetchall(
                "SELECT term, doc FROM petition_vocab WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*'"
            )
        )
        assert stored == indexed
        assert stored["ecluses"] == 1 and stored["rivers"] == 4
    finally:
        await s.close()


async def test_the_stored_keyword_subject_and_sponsor_counts_are_those_of_the_rows(tmp_path) -> None:
    """Autocomplete, spelling, sponsors and the subject filter read counts the store keeps
    as it writes; after new, changed and removed demo records they equal a count of the rows."""
    from dataclasses import replace as _replace

    from bot.petitions.search import subjects
    from tests.factories import make_petition as _make

    s = await Store.open(tmp_path / "names.sqlite3")
    try:
        await s.upsert([Prepared(_replace(_make("e-1", subject="Demo only", keywords=["Demo"]), demo=True))])
        await s.upsert([Prepared(_make(f"e-{n}")) for n in range(100, 105)])  # the demo record goes
        await s.upsert(
            [Prepared(_make("e-101", subject="Health", keywords=["Vaccines", ("Climate change", None)]))]
        )
        await s.upsert([Prepared(_make("e-102", keywords=["Climate change", "Climate change"]))])
        kept = await s.conn.execute_fetchall("SELECT folded, petitions FROM keyword_counts")
        counted = await s.conn.execute_fetchall(
            "SELECT folded, count(DISTINCT number) FROM petition_keywords GROUP BY folded"
        )
        assert (
            [tuple(r) for r in kept]
            == [tuple(r) for r in counted]
            == [("climate change", 5), ("vaccines", 1)]
        )
        grouped = await s.conn.execute_fetchall(
            "SELECT subject_en, subject_fr, count(*) FROM petitions GROUP BY subject_en, subject_fr"
        )
        await s.upsert([Prepared(_make("e-103", status_id=229))])  # a status changes
        statuses = await s.conn.execute_fetchall("SELECT status_id, kind, petitions FROM status_counts")
        assert [tuple(r) for r in statuses] == [(207, "e", 4), (229, "e", 1)]
        sponsors = await s.conn.execute_fetchall(
            "SELECT sponsor_id, sponsor_name, petitions FROM sponsor_counts"
        )
        assert [tuple(r) for r in sponsors] == [(2897, "Elizabeth May", 5)]
        # a record that comes back with only its English subject keeps the French one it had
        assert (
            await subjects(s)
            == [tuple(r) for r in grouped]
            == [
                ("Environment", "Environnement", 4),
                ("Health", "Environnement", 1),
            ]
        )
    finally:
        await s.close()
