"""The live refresh against a loopback copy of the site, with the faults the real one can serve.

What matters to a user: petitions appear in both languages, a rerun changes
nothing, the site is asked politely and never with gated parameters, and when
anything goes wrong mid-run the store is exactly as it was before.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.petitions import fetch
from bot.petitions.fetch import PoliteClient, RefreshSummary, SiteConfig, parse_retry_after
from bot.petitions.store import Prepared, Store
from bot.settings import Settings
from tests.factories import make_petition
from tests.site_server import SiteServer, fixtures_missing

CONTACT = "mailto:bot-admin@example.org"
GATED = {"keyword", "sponsor", "text", "type", "status", "output", "recaptchatoken"}
TODAY = date(2026, 10, 2)


@pytest.fixture
async def site() -> AsyncIterator[SiteServer]:
    reason = fixtures_missing()
    if reason:
        pytest.skip(reason)
    server = SiteServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "petitions.sqlite3")
    try:
        yield s
    finally:
        await s.close()


def settings_for(site: SiteServer, interval: float = 0.0) -> SiteConfig:
    return Settings(
        PETITIONS_BASE_EN=site.base_en,
        PETITIONS_BASE_FR=site.base_fr,
        REQUEST_INTERVAL=interval,
        PETITIONBOT_CONTACT=CONTACT,
    ).site()


async def run(store: Store, site: SiteServer, **options: object) -> RefreshSummary:
    interval = float(options.pop("interval", 0.0))  # type: ignore[arg-type]
    options.setdefault("today", TODAY)
    options.setdefault("request_timeout", 2.0)
    return await fetch.refresh(store, settings_for(site, interval), **options)  # type: ignore[arg-type]


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything a refresh may write, read through a second connection."""
    conn = sqlite3.connect(store.path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("petitions", "changes", "petition_keywords", "http_cache", "meta")
        }
    finally:
        conn.close()


# --- the happy path --------------------------------------------------------------------------


async def test_first_refresh_stores_every_listed_petition_in_both_languages(
    site: SiteServer, store: Store
) -> None:
    summary = await run(store, site)

    assert summary.ok and summary.written
    assert (summary.new, summary.changed, summary.failed) == (20, 0, 0)
    assert summary.line() == "refresh: 20 new, 0 changed, 0 unchanged, 0 failed"
    assert await store.count() == 20
    real = await store.get("e-7775")
    assert real is not None
    assert real.subject.en == "Social affairs and equality"
    assert real.subject.fr == "Affaires sociales et égalité"  # from the French page
    assert real.signatures == 29 and real.status_id == 207
    assert real.sponsor is not None and real.sponsor.person_id == 89346
    assert real.prayer.en and real.prayer.fr
    assert (await store.stats()).last_refresh is not None
    changes = await store.changes_since(0, limit=100)
    assert sorted(c.number for c in changes) == sorted(r.number for r in site.rows)


async def test_second_refresh_changes_nothing_and_asks_only_for_the_listing(
    site: SiteServer, store: Store
) -> None:
    await run(store, site)
    before = dump(store)
    asked = len(site.requests)

    summary = await run(store, site)

    assert summary.ok
    assert (summary.new, summary.changed, summary.unchanged) == (0, 0, 20)
    after = dump(store)
    assert after["petitions"] == before["petitions"]
    assert after["changes"] == before["changes"]
    assert [r.is_listing for r in site.requests[asked:]] == [
        True
    ]  # page 1 was all known: no paging, no pages


async def test_a_changed_row_is_refetched_conditionally_and_recorded(site: SiteServer, store: Store) -> None:
    await run(store, site)
    asked = len(site.requests)
    site.set_signatures("e-7775", 31)

    summary = await run(store, site)

    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 19)
    pages = [r for r in site.requests[asked:] if not r.is_listing]
    assert [(r.lang, r.number) for r in pages] == [("en", "e-7775"), ("fr", "e-7775")]
    assert all(r.headers.get("If-None-Match") for r in pages)
    assert [r.status for r in pages] == [304, 304]  # the pages themselves did not change
    stored = await store.get("e-7775")
    assert stored is not None and stored.signatures == 31
    assert [c.number for c in await store.changes_since(20)] == ["e-7775"]


async def test_the_site_is_asked_politely(site: SiteServer, store: Store) -> None:
    site.keep_only(["e-7775", "e-7787"])
    await run(store, site, interval=0.15)

    ua = re.compile(r"^petitionbot/\S+ \(\+" + re.escape(CONTACT) + r"\)$")
    assert site.requests and all(ua.match(r.headers.get("User-Agent", "")) for r in site.requests)
    # Listing pages 1 and 2 (page 1 had news; page 2 is empty), then two petitions in two languages.
    assert len(site.requests) == 2 + 4
    gaps = [b.at - a.at for a, b in zip(site.requests, site.requests[1:], strict=False)]
    assert min(gaps) >= 0.15, gaps  # one request at a time, no faster than the interval


async def test_no_gated_parameter_or_token_is_ever_sent(site: SiteServer, store: Store) -> None:
    await run(store, site, max_pages=3)
    site.set_signatures("e-7810", 700)
    await run(store, site)

    listings = site.listing_requests()
    assert listings
    for r in site.requests:
        sent = {k.lower() for k in r.query} | {k.lower() for k in r.form}
        assert not sent & GATED, (r.path, sent)
        assert "DownloadFileAsync" not in r.path
    for r in listings:
        assert r.method == "POST"
        assert r.form == {"reCaptchaAction": "SEARCH"}
        assert {k.lower(): v for k, v in r.query.items()}.get("order", "Recent") == "Recent"
        assert {k.lower() for k in r.query} <= {"category", "order", "page", "rpp"}


async def test_paging_stops_at_an_empty_page_and_at_max_pages(site: SiteServer, store: Store) -> None:
    await run(store, site, max_pages=5)
    assert [r.query.get("Page") for r in site.listing_requests()] == ["1", "2"]  # page 2 came back empty

    fresh = SiteServer()
    await fresh.start()
    try:
        other = await Store.open(store.path.with_name("other.sqlite3"))
        try:
            await run(other, fresh, max_pages=1)
        finally:
            await other.close()
        assert [r.query.get("Page") for r in fresh.listing_requests()] == ["1"]
    finally:
        await fresh.stop()


async def test_progress_line_only_when_asked(
    site: SiteServer, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    site.keep_only(["e-7775"])
    await run(store, site)
    assert capsys.readouterr().err == ""
    site.set_signatures("e-7775", 40)
    await run(store, site, progress=True)
    err = capsys.readouterr().err
    assert "\r" in err and "refresh:" in err and err.endswith("\n")


# --- faults that must leave the store exactly as it was ---------------------------------------

DETAILS_E7775 = "Details?Petition=e-7775"
LISTING = "SearchAsync"


@pytest.mark.parametrize(
    ("kind", "match", "options", "expect", "stopped"),
    [
        ("status", DETAILS_E7775, {"status": 500}, "HTTP 500; gave up after 2 attempts", None),
        ("status", DETAILS_E7775, {"status": 503}, "HTTP 503", None),
        ("timeout", DETAILS_E7775, {"delay": 1.5}, "timed out", None),
        ("truncate", DETAILS_E7775, {}, "cut short", None),
        ("html", DETAILS_E7775, {}, "not a petition page", None),
        ("wrong-page", "Details?Petition=e-7787", {}, "the page is for e-7775, not e-7787", None),
        ("captcha", DETAILS_E7775, {}, "reCAPTCHA", "captcha"),
        ("403", DETAILS_E7775, {}, "HTTP 403", "captcha"),
        ("html", LISTING, {}, "HTML where JSON was expected", "unexpected page"),
        ("captcha", LISTING, {}, "reCAPTCHA", "captcha"),
        ("403", LISTING, {}, "HTTP 403", "captcha"),
    ],
)
async def test_a_fault_anywhere_leaves_the_store_unchanged(
    site: SiteServer,
    store: Store,
    kind: str,
    match: str,
    options: dict[str, object],
    expect: str,
    stopped: str | None,
) -> None:
    await run(store, site)
    # Two petitions changed since; e-7787 is fetched first and succeeds, then the fault.
    site.set_signatures("e-7787", 700)
    site.set_signatures("e-7775", 35)
    before = dump(store)
    asked = len(site.requests)
    site.fail(kind, match, times=None, **options)

    summary = await run(store, site, retries=1, request_timeout=0.3)

    assert dump(store) == before
    assert not summary.ok and not summary.written
    assert summary.failed == 1 and len(summary.failures) == 1
    assert match in summary.failures[0] and expect in summary.failures[0]
    assert summary.line().startswith("refresh failed, store unchanged: ")
    assert expect in summary.line()
    assert summary.stopped_reason == stopped
    # The run stops at the first failure: nothing is asked after it.
    assert match in site.requests[-1].path_qs
    if stopped == "captcha":
        assert sum(1 for r in site.requests[asked:] if match in r.path_qs) == 1  # never retried


async def test_a_truncated_first_run_writes_nothing_at_all(site: SiteServer, store: Store) -> None:
    site.fail("truncate", "Details?Petition=e-7762", times=None)  # the last petition of the listing
    before = dump(store)

    summary = await run(store, site, retries=0)

    assert dump(store) == before  # 19 petitions were fetched fine, and none of them is written
    assert await store.count() == 0
    assert "e-7762" in summary.line()


# --- faults the client rides out ----------------------------------------------------------------


async def test_a_server_error_is_retried_then_succeeds(site: SiteServer, store: Store) -> None:
    site.fail("status", DETAILS_E7775, times=1, status=500)

    summary = await run(store, site)

    assert summary.ok and summary.new == 20
    hits = [r.status for r in site.requests if r.number == "e-7775" and r.lang == "en"]
    assert hits == [500, 200]


async def test_retry_after_is_honoured(site: SiteServer, store: Store) -> None:
    site.keep_only(["e-7775"])
    site.fail("429", LISTING, times=1, retry_after="1")

    summary = await run(store, site)

    assert summary.ok and summary.new == 1
    first, second = site.listing_requests()[:2]
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0


async def test_a_long_retry_after_ends_the_run_without_waiting(site: SiteServer, store: Store) -> None:
    site.fail("429", LISTING, times=None, retry_after="3600")

    summary = await asyncio.wait_for(run(store, site), 120)  # sitting out the hour stops the test

    assert len(site.requests) == 1  # no retry, and no fallback requests either
    assert summary.stopped_reason == "rate limited" and not summary.written
    assert "3600 s pause" in summary.failures[0]


async def test_an_empty_page_is_an_unpublished_number_not_an_error(site: SiteServer, store: Store) -> None:
    site.fail("empty", "Details?Petition=e-7810", times=None)

    summary = await run(store, site)

    assert summary.ok and summary.written
    assert (summary.new, summary.not_found) == (19, 1)
    assert await store.get("e-7810") is None
    assert "1 not published" in summary.line()


async def test_an_unreachable_listing_falls_back_to_the_next_paper_number(
    site: SiteServer, store: Store
) -> None:
    await store.upsert([Prepared(make_petition("451-00041", presented_on=TODAY - timedelta(days=3)))])
    await store.upsert([Prepared(make_petition("441-00155", presented_on=date(2022, 2, 9)))])
    site.fail("status", LISTING, times=None, status=502)
    site.add_paper("451-00042")

    summary = await run(store, site, retries=1)

    asked = [r.number for r in site.details_requests()]
    assert asked == ["451-00042", "451-00042"]  # one number, both languages; never a range
    assert not summary.ok and summary.written
    assert summary.new == 1 and "SearchAsync" in summary.failures[0]
    assert await store.get("451-00042") is not None
    assert (await store.stats()).last_refresh is None  # discovery failed, so this was no full refresh


async def test_petitions_awaiting_a_response_are_rechecked_but_not_hammered(
    site: SiteServer, store: Store
) -> None:
    site.keep_only([])
    due = make_petition("451-00007", presented_on=TODAY - timedelta(days=44), status_id=None)
    fresh = make_petition("451-00008", presented_on=TODAY - timedelta(days=5), status_id=None)
    answered = make_petition(
        "451-00009", presented_on=TODAY - timedelta(days=50), response=True, status_id=223
    )
    await store.upsert([Prepared(p) for p in (due, fresh, answered)])
    site.add_paper("451-00007")

    summary = await run(store, site)
    assert summary.ok
    assert [(r.lang, r.number) for r in site.details_requests()] == [("en", "451-00007"), ("fr", "451-00007")]

    asked = len(site.requests)
    await run(store, site)
    assert all(r.is_listing for r in site.requests[asked:])  # checked minutes ago: left alone


# --- the client on its own ----------------------------------------------------------------------


def test_retry_after_reads_seconds_and_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 10, 2, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Fri, 02 Oct 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Fri, 02 Oct 2026 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


async def test_client_gives_up_with_the_url_and_reason(site: SiteServer) -> None:
    import aiohttp

    site.fail("status", "Petition=e-1", times=None, status=500)
    url = f"{site.base_en}/Petition/Details?Petition=e-1"
    async with aiohttp.ClientSession() as session:
        client = PoliteClient(session, user_agent="petitionbot/test", interval=0, retries=2, backoff=0.01)
        with pytest.raises(fetch.FetchError) as caught:
            await client.get(url)
    assert caught.value.url == url
    assert "HTTP 500" in caught.value.reason and "3 attempts" in caught.value.reason
    assert len(site.requests) == 3
