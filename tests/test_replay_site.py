"""The whole-site replay: its generated pages read back through the project's own parsers.

A real aiohttp client talks to the replay on loopback. What the listing and the details pages say
must be exactly what the corpus holds, in both languages, for every kind and status of petition;
the reCAPTCHA gate and the injected faults must behave as the real site would.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.petitions.model import TORONTO, Petition
from bot.petitions.parse import Listing, ListingError, PageError, parse_details, parse_listing
from bot.petitions.status import STATUS_LABELS
from bot.petitions.text import collapse
from tests.replay import (
    GATED_PARAMS,
    PRESENTED_LABEL,
    PROVINCES,
    TODAY,
    ReplayPetition,
    ReplaySite,
    generate_corpus,
    replay_site,
)

CORPUS = generate_corpus({42: 30, 43: 30, 44: 30, 45: 90}, seed=7, unpublished=0.03)
"""Small, but holding every kind, status and text layout the replay draws (see the first test)."""
FETCHED_AT = datetime.combine(TODAY, time(0), tzinfo=TORONTO)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
async def site() -> AsyncIterator[ReplaySite]:
    async with replay_site(CORPUS) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def get_listing(
    http: aiohttp.ClientSession, site: ReplaySite, lang: str = "en", **params: object
) -> str:
    """POST the listing as the site's own script does, with the query in the URL."""
    async with http.post(site.listing_url(lang, **params), data={"reCaptchaAction": "SEARCH"}) as resp:
        assert resp.status == 200
        return await resp.text()


async def walk_listing(
    http: aiohttp.ClientSession, site: ReplaySite, lang: str = "en", **params: object
) -> list[Listing]:
    pages: list[Listing] = []
    page = 1
    while True:
        listing = parse_listing(await get_listing(http, site, lang, Page=page, **params))
        pages.append(listing)
        if listing.is_last_page:
            return pages
        page += 1


async def get_details(
    http: aiohttp.ClientSession, site: ReplaySite, number: str, lang: str
) -> Petition | None:
    url = site.details_url(number, lang)
    async with http.get(url) as resp:
        assert resp.status == 200
        return parse_details(await resp.text(), url=url, fetched_at=FETCHED_AT)


def published(parliament: int | None = None) -> list[ReplayPetition]:
    return [p for p in CORPUS if p.published and parliament in (None, p.parliament)]


# --- The corpus -------------------------------------------------------------------------------------


def test_the_corpus_holds_every_kind_status_and_layout() -> None:
    shapes = Counter((p.kind, p.status_id) for p in CORPUS)
    for shape in [
        ("paper", 223),
        ("paper", 291),
        ("paper", None),
        ("e", 207),
        ("e", 223),
        ("e", 224),
        ("e", 229),
        ("e", 289),
        ("e", 291),
        ("e", None),
    ]:
        assert shapes[shape], f"no {shape} petition in the test corpus"
    assert any(p.answered and p.response_paragraphs.fr is None for p in CORPUS), "no English-only response"
    assert any(not p.whereas_list and p.addressee.en and p.addressee.en.isupper() for p in CORPUS)
    assert any(not p.whereas_list and not (p.addressee.en or "").isupper() for p in CORPUS)
    assert sum(not p.published for p in CORPUS) >= 3


def test_generation_is_deterministic() -> None:
    again = generate_corpus({42: 30, 43: 30, 44: 30, 45: 90}, seed=7, unpublished=0.03)
    assert again == CORPUS
    other = generate_corpus({42: 30, 43: 30, 44: 30, 45: 90}, seed=8, unpublished=0.03)
    assert [p.number for p in other] != [p.number for p in CORPUS]


def test_twelve_thousand_petitions_generate() -> None:
    corpus = generate_corpus(3000, seed=1)
    assert len(corpus) == 12_000
    assert len({p.number for p in corpus}) == 12_000
    assert Counter(p.parliament for p in corpus) == dict.fromkeys((42, 43, 44, 45), 3000)
    assert 0 < sum(not p.published for p in corpus) < 300


def test_counts_per_parliament_can_differ() -> None:
    corpus = generate_corpus({44: 5, 45: 7}, seed=3)
    assert Counter(p.parliament for p in corpus) == {44: 5, 45: 7}


def test_numbers_follow_the_house_numbering() -> None:
    e_petitions = sorted((p for p in CORPUS if p.kind == "e"), key=lambda p: int(p.number[2:]))
    assert int(e_petitions[0].number[2:]) <= 5
    opened = [p.opened_at for p in e_petitions]
    assert opened == sorted(opened), "e-numbers rise with the opening time, across Parliaments"
    by_session: dict[str, list[int]] = {}
    for p in CORPUS:
        pps = p.number if p.kind == "paper" else p.presented_number
        assert (pps is not None) == (p.presented_on is not None)
        if pps is None:
            continue
        prefix, seq = pps.split("-")
        assert prefix == f"{p.parliament}{p.session}"
        by_session.setdefault(prefix, []).append(int(seq))
    for prefix, seqs in by_session.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"{prefix} numbers have holes"


def test_statuses_follow_the_procedure() -> None:
    current = max(p.parliament for p in CORPUS)
    for p in CORPUS:
        if p.status_id == 207:
            assert p.parliament == current and p.closed_at is not None and p.closed_at > FETCHED_AT
        else:
            assert p.closed_at is None or p.closed_at < FETCHED_AT
        if p.status_id in (289, 291):
            assert p.parliament < current
        if p.status_id is None:
            assert p.parliament == current and p.presented_on is not None and p.status == PRESENTED_LABEL
        assert p.answered == (p.status_id == 223) == (p.response_tabled_on is not None)
        if p.kind == "paper":
            assert p.initiator is None and p.signatures is None and p.opened_at is None
        else:
            assert p.signatures == sum(n for _, n in p.signatures_by_province)
            if p.status_id == 229:
                assert p.signatures < 500
        if p.presented_on and p.opened_at:
            assert p.closed_at is not None and p.presented_on > p.closed_at.date()


def test_texts_name_countries_now_and_then() -> None:
    texts = [" ".join(p.grievances.en or ()) for p in CORPUS]
    named = {
        c for c in ("Ukraine", "China", "Kazakhstan", "Iran", "India", "Russia") if any(c in t for t in texts)
    }
    assert len(named) >= 3
    assert sum(1 for t in texts if any(c in t for c in named)) < len(texts) / 2


# --- The listing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("parliament", [42, 43, 44, 45])
async def test_the_listing_shows_every_published_petition_of_a_parliament_once(
    site: ReplaySite, http: aiohttp.ClientSession, parliament: int
) -> None:
    pages = await walk_listing(http, site, category="All", parl=parliament, RPP=7)
    numbers = [row.number for page in pages for row in page.rows]
    assert Counter(numbers).most_common(1)[0][1] == 1
    assert set(numbers) == site.published_numbers(parliament)
    assert numbers == [p.number for p in site.ordered(parliament, "All")]
    total = len(numbers)
    assert len(pages) == -(-total // 7)
    for k, page in enumerate(pages, 1):
        assert (page.total, page.page, page.pages) == (total, k, len(pages))
        assert (page.first, page.last) == ((k - 1) * 7 + 1, (k - 1) * 7 + len(page.rows))


async def test_listing_rows_are_ordered_by_latest_event(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    pages = await walk_listing(http, site, category="All", parl=44, RPP=50)
    days = [site.expected(row.number).last_event for page in pages for row in page.rows]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_listing_rows_say_what_the_corpus_says(
    site: ReplaySite, http: aiohttp.ClientSession, lang: str
) -> None:
    pages = await walk_listing(http, site, lang, category="All", RPP=40)
    assert {page.lang for page in pages} == {lang}
    seen = 0
    for page in pages:
        sponsor_ids = {r.value for r in page.refiners["sponsor"]}
        for row in page.rows:
            p = site.expected(row.number)
            assert row.kind == p.kind
            assert row.subject == p.subject.get(lang)
            assert row.sponsor_name == p.sponsor.name
            if str(p.sponsor.person_id) in sponsor_ids:
                assert row.sponsor_id == p.sponsor.person_id
            assert row.signatures == p.signatures
            assert row.status_id == p.status_id
            assert row.status_label == p.status.get(lang)
            assert [k.name.get(lang) for k in row.keywords] == [k.name.get(lang) for k in p.keywords]
            assert [k.id for k in row.keywords] == [k.id for k in p.keywords]
            record = row.to_petition(lang, FETCHED_AT)
            if p.status_id == 207:
                assert row.until == p.closed_at and record.closed_at == p.closed_at
            else:
                assert row.status_date == p.status_on and record.closed_at is None
            if p.kind == "paper":
                assert (record.parliament, record.session) == (p.parliament, p.session)
            seen += 1
    assert seen == len(published(45))


async def test_refiners_count_the_whole_result_set(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    listing = parse_listing(await get_listing(http, site, category="All", parl=43))
    rows = site.ordered(43, "All")
    types = {r.name: r.count for r in listing.refiners["type"]}
    assert types == {
        "E-petition": sum(p.kind == "e" for p in rows),
        "Paper petition": sum(p.kind == "paper" for p in rows),
    }
    by_sponsor = Counter(p.sponsor.person_id for p in rows)
    for option in listing.refiners["sponsor"]:
        assert option.count == by_sponsor[int(option.value)]
    assert len(listing.refiners["keyword"]) == 5


async def test_categories_and_the_latest_parliament(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    def numbers(pages: list[Listing]) -> list[str]:
        return [row.number for page in pages for row in page.rows]

    open_now = {p.number for p in published(45) if p.status_id == 207}
    answered_44 = {p.number for p in published(44) if p.status_id == 223}
    assert set(numbers(await walk_listing(http, site, category="Open"))) == open_now
    assert set(numbers(await walk_listing(http, site))) == open_now, "the default category is Open"
    assert set(numbers(await walk_listing(http, site, parl=44, category="Responses"))) == answered_44
    latest = numbers(await walk_listing(http, site, category="All", parl="Latest"))
    assert latest == numbers(await walk_listing(http, site, category="All"))
    assert set(latest) == site.published_numbers(45)


async def test_a_page_past_the_end_is_empty_with_the_same_count(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    listing = parse_listing(await get_listing(http, site, category="All", parl=42, Page=99))
    assert listing.rows == []
    assert listing.total == len(site.published_numbers(42))
    assert listing.page == 99 and listing.is_last_page


async def test_an_empty_result_has_a_count_and_no_pager(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    """No petition of a dissolved Parliament is open."""
    body = await get_listing(http, site, category="Open", parl=42)
    listing = parse_listing(body)
    assert (listing.rows, listing.total, listing.is_last_page) == ([], 0, True)
    assert "PagingMessage" not in body


async def test_parameter_names_are_case_insensitive(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    canonical = parse_listing(await get_listing(http, site, category="All", parl=44, Page=2, RPP=5))
    mixed = parse_listing(await get_listing(http, site, CATEGORY="all", PARL=44, page=2, rpp=5))
    assert [r.number for r in mixed.rows] == [r.number for r in canonical.rows]
    assert len(canonical.rows) == 5
    async with http.get(site.listing_url("en", category="All", parl=44, Page=2, RPP=5)) as resp:
        by_get = parse_listing(await resp.text())
    assert [r.number for r in by_get.rows] == [r.number for r in canonical.rows]


async def test_the_listing_answer_has_the_sites_shape(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    async with http.post(site.listing_url("en", category="All")) as resp:
        assert resp.content_type == "application/json"
        payload = await resp.json()
    assert payload.keys() == {"success", "html", "autoTriggerDownloadCsv", "autoTriggerDownloadXml"}
    fragment = payload["html"]
    assert "\r\n" in fragment
    assert fragment.count('<tr class="Pub"') == fragment.count('class="Pub hidden-sm') == 20
    assert re.search(r"<b>Results:</b> 1 -\r\n\s+20\r\n\s+of \d+ \| <b>Page:</b> 1 of \d+", fragment)
    french = parse_listing(await get_listing(http, site, "fr", category="All"))
    assert french.lang == "fr" and french.total == len(site.published_numbers(45))


# --- Details pages ----------------------------------------------------------------------------------


def check_details(parsed: Petition | None, p: ReplayPetition, lang: str) -> None:
    """Every field the page shows equals the corpus, on the page's side."""
    assert parsed is not None, p.number
    assert (parsed.number, parsed.kind) == (p.number, p.kind)
    assert parsed.subject.get(lang) == p.subject.get(lang)
    assert [(k.id, k.name.get(lang)) for k in parsed.keywords] == [
        (k.id, k.name.get(lang)) for k in p.keywords
    ]
    assert parsed.original_language == p.original_language
    sponsor = parsed.sponsor
    assert sponsor is not None
    assert (sponsor.name, sponsor.person_id, sponsor.riding) == (
        p.sponsor.name,
        p.sponsor.person_id,
        p.sponsor.riding.get(lang),
    )
    assert sponsor.caucus.get(lang) == p.sponsor.caucus.get(lang)
    assert sponsor.province.get(lang) == p.sponsor.province.get(lang)
    assert parsed.addressee.get(lang) == collapse(p.addressee.get(lang))
    assert parsed.preamble.get(lang) == (collapse(p.preamble.get(lang)) or None)
    assert parsed.grievances.get(lang) == [collapse(x) for x in p.grievances.get(lang) or ()]
    assert parsed.prayer.get(lang) == [collapse(x) for x in p.prayer.get(lang) or ()]
    assert (parsed.opened_at, parsed.closed_at) == (p.opened_at, p.closed_at)
    assert (parsed.presented_on, parsed.response_tabled_on) == (p.presented_on, p.response_tabled_on)
    if p.kind == "e":
        assert parsed.presented_number == p.presented_number
        expected_parliament = (p.parliament, p.session) if p.presented_number else (None, None)
        assert (parsed.parliament, parsed.session) == expected_parliament
        assert parsed.signatures == p.signatures
        assert parsed.signatures_by_province == p.by_province(lang)
        assert parsed.initiator is not None and p.initiator is not None
        assert (parsed.initiator.name, parsed.initiator.city) == (p.initiator.name, p.initiator.city)
        assert parsed.initiator.province == PROVINCES[p.initiator.province].get(lang)
    else:
        assert (parsed.parliament, parsed.session, parsed.presented_number) == (p.parliament, p.session, None)
        assert parsed.signatures is None and parsed.signatures_by_province == {}
        assert parsed.initiator is None
    assert parsed.has_response == p.answered
    if p.answered:
        assert parsed.response is not None
        # A response known only in English is shown in English on the French page too.
        side = "fr" if lang == "fr" and p.response_paragraphs.fr else "en"
        assert parsed.response.signer == p.response_signer
        assert parsed.response.header.get(side) == p.response_header.get(side)
        assert parsed.response.paragraphs.get(side) == [
            collapse(x) for x in p.response_paragraphs.get(side) or ()
        ]
    # Details pages never print a status: only "answered" and "still open" can be told from them.
    expected_status = p.status_id if p.status_id in (207, 223) else None
    assert parsed.status_id == expected_status


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_details_pages_say_what_the_corpus_says(
    site: ReplaySite, http: aiohttp.ClientSession, lang: str
) -> None:
    for p in published():
        check_details(await get_details(http, site, p.number, lang), p, lang)


async def test_a_presented_e_petition_is_found_by_its_presented_number(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    presented = [p for p in published() if p.kind == "e" and p.presented_number]
    assert presented
    for p in presented[:5]:
        assert p.presented_number is not None
        assert site.expected(p.presented_number) is p
        parsed = await get_details(http, site, p.presented_number, "fr")
        check_details(parsed, p, "fr")


async def test_unpublished_and_unknown_numbers_answer_an_empty_200(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    hidden = [p for p in CORPUS if not p.published]
    for number in [p.number for p in hidden] + ["e-99999", "459-00001"]:
        for lang in ("en", "fr"):
            async with http.get(site.details_url(number, lang)) as resp:
                assert resp.status == 200
                body = await resp.text()
            assert body == ""
            assert parse_details(body) is None
    assert not any(p.number in site.published_numbers() for p in hidden)
    listed = {
        row.number for page in await walk_listing(http, site, category="All", parl=44) for row in page.rows
    }
    assert not listed & {p.number for p in hidden}


async def test_pages_are_written_in_their_language(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    p = next(p for p in published() if p.kind == "e" and p.status_id == 223 and p.response_paragraphs.fr)
    async with http.get(site.details_url(p.number, "fr")) as resp:
        french = await resp.text()
    async with http.get(site.details_url(p.number, "en")) as resp:
        english = await resp.text()
    assert '<html class="no-js" dir="ltr" lang="fr"' in french
    for phrase in (
        "Lancée par",
        "Ouverte pour signature",
        "Présentée à la Chambre des communes",
        "Pétition n°",
    ):
        assert phrase in french
    assert re.search(r"\d{1,2}(er)? [a-zéû]+ \d{4} à \d{1,2} h \d{2} \(HAE\)", french)
    assert "Signé par (ministre ou secrétaire parlementaire) :" in french
    assert re.search(r"[A-Z][a-z]+ \d{1,2}, \d{4}, at \d{1,2}:\d{2} [ap]\.m\. \(EDT\)", english)
    assert "Original language of petition:  " in english and "(Petition No. " in english
    assert "\r\n" in english and "\n<html" in english.replace("\r\n", "")  # CRLF body, LF header


async def test_details_pages_send_an_etag_and_honour_it(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    url = site.details_url(published(45)[0].number, "en")
    async with http.get(url) as resp:
        etag = resp.headers["ETag"]
        body = await resp.text()
    async with http.get(url, headers={"If-None-Match": etag}) as resp:
        assert resp.status == 304 and await resp.read() == b""
    async with http.get(url, headers={"If-None-Match": '"something-else"'}) as resp:
        assert resp.status == 200 and await resp.text() == body


async def test_etags_can_be_switched_off(http: aiohttp.ClientSession) -> None:
    async with replay_site(CORPUS, etags=False) as plain:
        resp = await http.get(plain.details_url(published(45)[0].number, "en"))
        assert resp.status == 200 and "ETag" not in resp.headers
        resp.release()


# --- A site that changes ----------------------------------------------------------------------------


async def test_an_added_petition_leads_the_listing_and_has_its_pages(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    before = parse_listing(await get_listing(http, site, category="All"))
    open_before = parse_listing(await get_listing(http, site))
    model = next(p for p in published(45) if p.status_id == 207)
    opened = datetime.combine(TODAY - timedelta(days=1), time(9, 0), tzinfo=TORONTO)
    newest = replace(
        model,
        number="e-99001",
        data_id=max(p.data_id for p in CORPUS) + 1,  # the newest day may hold others: it wins the tie
        opened_at=opened,
        status_on=opened.date(),
    )
    site.add(newest)
    after = parse_listing(await get_listing(http, site, category="All"))
    assert after.rows[0].number == "e-99001"
    assert [row.number for row in after.rows[1:]] == [row.number for row in before.rows[:-1]]
    assert after.total == (before.total or 0) + 1
    e_before = {r.name: r.count for r in before.refiners["type"]}["E-petition"]
    assert {r.name: r.count for r in after.refiners["type"]}["E-petition"] == (e_before or 0) + 1
    open_after = parse_listing(await get_listing(http, site))
    assert open_after.rows[0].number == "e-99001" and open_after.total == (open_before.total or 0) + 1
    for lang in ("en", "fr"):
        check_details(await get_details(http, site, "e-99001", lang), newest, lang)
    with pytest.raises(ValueError):
        site.add(model)


async def test_an_updated_petition_shows_its_response(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    waiting = next(p for p in published(45) if p.status_id is None)
    url = site.details_url(waiting.number, "en")
    async with http.get(url) as resp:
        etag = resp.headers["ETag"]
        before = parse_details(await resp.text(), url=url, fetched_at=FETCHED_AT)
    assert before is not None and not before.has_response
    check_details(await get_details(http, site, waiting.number, "fr"), waiting, "fr")
    await get_listing(http, site, category="Responses")
    answered = next(p for p in CORPUS if p.answered and p.response_paragraphs.fr)
    responded = replace(
        waiting,
        status_id=223,
        status=STATUS_LABELS[223],
        status_on=TODAY,
        response_tabled_on=TODAY,
        response_header=answered.response_header,
        response_signer=answered.response_signer,
        response_paragraphs=answered.response_paragraphs,
    )
    site.update(responded)
    async with http.get(url, headers={"If-None-Match": etag}) as resp:
        assert resp.status == 200 and resp.headers["ETag"] != etag
        after = parse_details(await resp.text(), url=url, fetched_at=FETCHED_AT)
    assert after is not None and after.has_response
    check_details(after, responded, "en")
    check_details(await get_details(http, site, waiting.number, "fr"), responded, "fr")
    responses = parse_listing(await get_listing(http, site, category="Responses"))
    assert responses.rows[0].number == waiting.number
    assert site.expected(waiting.number) is responded
    with pytest.raises(KeyError):
        site.update(replace(waiting, number="e-99002"))


# --- The gate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*GATED_PARAMS, "Sponsor", "KEYWORD", "Text"])
async def test_gated_parameters_get_the_captcha_page(
    site: ReplaySite, http: aiohttp.ClientSession, name: str
) -> None:
    async with http.post(site.listing_url("en", category="All", **{name: "39593"})) as resp:
        assert resp.status == 200 and resp.content_type == "text/html"
        body = await resp.text()
    with pytest.raises(ListingError, match="captcha"):
        parse_listing(body)
    assert len(site.gated_requests) == 1
    assert site.gated_requests[0].gated == f"{name.lower()}=39593"


async def test_gated_parameters_in_the_form_and_other_orders_are_refused(
    site: ReplaySite, http: aiohttp.ClientSession
) -> None:
    async with http.post(
        site.listing_url("en"), data={"reCaptchaAction": "SEARCH", "keyword": "39593"}
    ) as resp:
        assert "g-recaptcha" in await resp.text()
    for order in ("MP", "Oldest", "MostSignatures"):
        with pytest.raises(ListingError, match="captcha"):
            parse_listing(await get_listing(http, site, category="All", order=order))
    assert [r.gated for r in site.gated_requests] == [
        "keyword=39593",
        "order=MP",
        "order=Oldest",
        "order=MostSignatures",
    ]
    for order in ("Recent", "recent", ""):
        assert parse_listing(await get_listing(http, site, category="All", order=order)).rows
    assert len(site.gated_requests) == 4


async def test_empty_gated_names_are_served_but_noted(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    """The site's own pager links carry `type=&keyword=&sponsor=&text=`."""
    listing = parse_listing(
        await get_listing(http, site, category="All", type="", keyword="", sponsor="", text="")
    )
    assert listing.rows
    assert site.gated_requests == []
    assert len(site.gated_names) == 1
    async with replay_site(CORPUS, strict_gate=True) as strict:
        with pytest.raises(ListingError, match="captcha"):
            parse_listing(await get_listing(http, strict, category="All", type=""))
        assert strict.gated_requests[0].gated == "type="


# --- Faults and the request log ----------------------------------------------------------------------


async def test_a_captcha_fault_fires_as_often_as_asked(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    fault = site.fail("captcha", match="SearchAsync")
    with pytest.raises(ListingError, match="captcha"):
        parse_listing(await get_listing(http, site, category="All"))
    assert parse_listing(await get_listing(http, site, category="All")).rows
    assert fault.fired == 1
    assert [r.fault for r in site.requests] == ["captcha", None]
    assert site.gated_requests == [], "a fault is not the gate"
    number = published(45)[0].number
    site.fail("captcha", match=f"Petition={number}")
    with pytest.raises(PageError, match="captcha"):
        await get_details(http, site, number, "en")


async def test_429_and_5xx_faults(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    site.fail("429", match="Page=2", retry_after="7")
    site.fail("5xx", match="Page=3", times=2, status=502)
    async with http.post(site.listing_url("en", category="All", Page=1)) as resp:
        assert resp.status == 200
    async with http.post(site.listing_url("en", category="All", Page=2)) as resp:
        assert resp.status == 429 and resp.headers["Retry-After"] == "7"
    for _ in range(2):
        async with http.post(site.listing_url("en", category="All", Page=3)) as resp:
            assert resp.status == 502
    async with http.post(site.listing_url("en", category="All", Page=3)) as resp:
        assert resp.status == 200
    assert [r.status for r in site.requests] == [200, 429, 502, 502, 200]


async def test_html_faults_and_lasting_faults(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    site.fail("html", match="SearchAsync", times=None)
    for _ in range(3):
        with pytest.raises(ListingError, match="an HTML page"):
            parse_listing(await get_listing(http, site, category="All"))
    site.faults.clear()
    site.fail("html", match="Details")
    with pytest.raises(PageError, match="search page"):
        await get_details(http, site, published(44)[0].number, "fr")
    with pytest.raises(ValueError):
        site.fail("teapot")  # type: ignore[arg-type]


async def test_the_request_log(site: ReplaySite, http: aiohttp.ClientSession) -> None:
    number = published(43)[0].number
    await get_listing(http, site, category="All", Page=1)
    await asyncio.sleep(0.05)
    await get_details(http, site, number, "en")
    await asyncio.sleep(0.05)
    await get_details(http, site, number, "fr")
    listing, english, french = site.requests
    assert (listing.method, listing.path, listing.query) == (
        "POST",
        "/petitions/en/Petition/SearchAsync",
        {"category": "All", "Page": "1"},
    )
    assert listing.form == {"reCaptchaAction": "SEARCH"} and listing.is_listing
    assert (english.method, english.number, english.lang, french.lang) == ("GET", number, "en", "fr")
    assert all(r.status == 200 for r in site.requests)
    assert english.at - listing.at >= 0.045 and french.at - english.at >= 0.045
    assert (site.listing_requests, site.details_requests) == (1, 2)


async def test_the_module_runs_as_a_separate_server(http: aiohttp.ClientSession) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.replay",
        "--per-parliament",
        "20",
        "--seed",
        "1",
        "--port",
        "0",
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        m = re.fullmatch(r"READY (http://127\.0\.0\.1:\d+)\n", line)
        assert m, line
        async with http.post(f"{m.group(1)}/petitions/en/Petition/SearchAsync?category=All") as resp:
            listing = parse_listing(await resp.text())
        assert listing.total == len(
            [p for p in generate_corpus(20, seed=1) if p.published and p.parliament == 45]
        )
        proc.stdin.close()  # the parent going away stops the server
        assert await asyncio.wait_for(proc.wait(), 15) == 0
        assert b"served 1 requests" in await proc.stderr.read()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
