"""The whole history from a loopback replay of the site: complete, polite, resumable, and never news.

The replay (`tests/replay/`) serves generated petitions over several Parliaments with the
real listing and details markup, pages and counts as the site does, answers an unpublished number
with the site's empty 200, and refuses (and counts) every request that carries a gated parameter.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.petitions import alerts, answers
from bot.petitions.alerts import Target
from bot.petitions.backfill import Backfill, Limits, OnDemand, SiteConfig, has_details, history_status
from bot.petitions.errors import PetitionNotFound
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store
from tests.replay import ReplaySite, generate_corpus, replay_site

ROOT = Path(__file__).resolve().parents[1]


def config_for(site: ReplaySite, interval: float = 0.0) -> SiteConfig:
    return SiteConfig(
        base_en=site.base_en, base_fr=site.base_fr, user_agent="petitionbot-test", interval=interval
    )


async def run_backfill(
    store: Store,
    site: ReplaySite,
    *,
    limits: Limits | None = None,
    interval: float = 0.0,
    pacer: Pacer | None = None,
):
    config = config_for(site, interval)
    async with aiohttp.ClientSession() as session:
        client = config.client(session, pacer or Pacer(interval), Priority.BACKFILL)
        return await Backfill(store, client, config, limits=limits).run()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "history.sqlite3")
    try:
        yield s
    finally:
        await s.close()


@pytest.fixture(scope="module")
def corpus_900() -> list:
    return generate_corpus({43: 300, 44: 300, 45: 300}, seed=3)


async def test_three_parliaments_of_300_are_all_listed_then_all_read(store: Store, corpus_900: list) -> None:
    async with replay_site(corpus_900) as site:
        published = site.published_numbers()
        assert 850 < len(published) < 900  # about 1% are never published

        one = await run_backfill(store, site, limits=Limits(phases=frozenset({1})))
        assert one.ok and one.stopped is None
        stored = set(await store.numbers())
        assert stored == published  # every published petition, found by the listing alone
        status = await history_status(store)
        assert status.listing_done and status.expected == len(published)
        assert status.details_pending == len(published)
        row = await store.get(sorted(published)[0])
        assert row is not None and row.subject.en and not has_details(row)
        listing_requests = site.listing_requests

        two = await run_backfill(store, site, limits=Limits(phases=frozenset({2})))
        assert two.ok and two.details_pages == len(published)
        assert site.details_requests == 2 * len(published)  # English then French, each once
        assert site.listing_requests == listing_requests  # phase 2 does not list again
        assert not site.gated_requests and not site.gated_names

    status = await history_status(store)
    assert status.complete and status.details_done == len(published)
    for number in random.Random(1).sample(sorted(published), 60):
        p = await store.get(number)
        want = site.expected(number)
        assert p is not None and has_details(p)
        assert (p.subject.en, p.subject.fr) == (want.subject.en, want.subject.fr)
        assert p.sponsor is not None and p.sponsor.name == want.sponsor.name
        assert p.has_response == want.answered
        assert p.presented_on == want.presented_on
        if want.answered:
            assert p.response is not None and p.response.signer == want.response_signer
            assert p.response_tabled_on == want.response_tabled_on
        if want.kind == "e":
            assert p.signatures == want.signatures
    # The answered ones are findable as such, in both languages.
    answered = sum(1 for n in published if site.expected(n).answered)
    assert (await store.stats()).with_response == answered


async def test_details_come_in_order_of_use_and_a_requested_petition_jumps_the_queue(store: Store) -> None:
    corpus = generate_corpus({44: 40, 45: 40}, seed=5)
    async with replay_site(corpus) as site:
        await run_backfill(store, site, limits=Limits(phases=frozenset({1})))
        old = sorted(site.published_numbers(44))[-1]
        await answers.hurry(store, old)
        await run_backfill(store, site, limits=Limits(phases=frozenset({2}), max_requests=2 * 12))
        fetched = [r.number for r in site.requests if r.is_details and r.lang == "en"]
    assert fetched[0] == old  # asked for: first
    current = [site.expected(n) for n in fetched[1:]]
    waiting = [
        p for p in site.corpus if p.published and p.parliament == 45 and p.status_id not in (223, 224, 229)
    ]
    # Then the current Parliament's open and awaiting petitions, before anything older.
    assert all(p.parliament == 45 for p in current[: min(len(current), len(waiting))])


async def test_history_never_fires_alerts_but_news_still_does(store: Store) -> None:
    corpus = generate_corpus({44: 30, 45: 30}, seed=11)
    await alerts.follow(store, target=Target("all"), guild_id=1, channel_id=10, events="all", created_by=1)
    async with replay_site(corpus) as site:
        summary = await run_backfill(store, site)
        assert summary.finished
    assert await alerts.plan(store) == 0  # hundreds of journal entries, all history
    history = await store.changes_since(0, 10_000)
    assert history and all(change.history for change in history)

    # A response tabled two days ago, seen by a refresh on a record already known: news.
    from bot.petitions.ingest import prepare
    from bot.petitions.model import Bi, Response

    awaiting = next(
        p
        for p in await store.get_many(sorted(await store.numbers()))
        if p.presented_on and not p.has_response
    )
    tabled = awaiting.presented_on + timedelta(days=30)
    fresh = replace(
        awaiting,
        status_id=223,
        response_tabled_on=max(tabled, (await _today()) - timedelta(days=2)),
        response=Response(
            signer="Hon. Minister", paragraphs=Bi(["The Government thanks the petitioners."], None)
        ),
    )
    await store.upsert([prepare(fresh)])
    assert await alerts.plan(store) == 1


async def _today():
    from datetime import date

    return date.today()


async def test_a_captcha_stops_the_run_and_keeps_what_was_committed(store: Store) -> None:
    corpus = generate_corpus({45: 100}, seed=2)
    async with replay_site(corpus) as site:
        site.fail("captcha", match="Page=3", times=None)
        stopped = await run_backfill(store, site)
        assert stopped.stopped == "captcha" and not stopped.ok
        assert len(await store.numbers()) == 40  # pages 1 and 2, committed as they came
        after_captcha = [r for r in site.requests if r.is_listing and "Page=3" in r.path_qs]
        assert len(after_captcha) == 1  # never asked again in that run
        site.faults.clear()
        resumed = await run_backfill(store, site)
        assert resumed.finished
        first_pages = [
            r for r in site.requests if r.is_listing and "Page=1" in r.path_qs and "parl=45" in r.path_qs
        ]
        assert len([r for r in first_pages if "category=All" in r.path_qs]) == 1  # resumed at page 3
        assert set(await store.numbers()) == site.published_numbers()
        assert not site.gated_requests


@pytest.mark.parametrize("fault", ["html", "429", "5xx"])
async def test_other_refusals_stop_too_and_nothing_is_half_written(store: Store, fault: str) -> None:
    corpus = generate_corpus({45: 50}, seed=4)
    async with replay_site(corpus) as site:
        site.fail(fault, match="Details", times=None, retry_after="0")
        summary = await run_backfill(store, site)
        assert summary.stopped is not None and summary.details_pages == 0
    status = await history_status(store)
    assert status.listed == len(site.published_numbers()) and status.details_pending == status.listed
    assert await store.integrity_check() == "ok"


async def test_the_pacer_keeps_every_gap_even_when_refresh_and_backfill_share_it(store: Store) -> None:
    from bot.petitions import fetch
    from bot.settings import Settings

    corpus = generate_corpus({45: 60}, seed=8)
    interval = 0.05
    async with replay_site(corpus) as site:
        pacer = Pacer(interval)
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            PETITIONS_BASE_EN=site.base_en,
            PETITIONS_BASE_FR=site.base_fr,
            REQUEST_INTERVAL=interval,
        )
        async with aiohttp.ClientSession() as session:
            backfill_task = asyncio.create_task(
                run_backfill(store, site, interval=interval, pacer=pacer, limits=Limits(max_requests=40))
            )
            await asyncio.sleep(0.3)
            refresh = await fetch.refresh(store, settings.site(), session=session, pacer=pacer, max_pages=1)
            await backfill_task
        arrivals = [r.at for r in site.requests]
    assert refresh.requests > 0 and len(arrivals) >= 40
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps) >= interval, f"shortest gap {min(gaps):.4f} s"


async def test_a_number_nobody_stored_is_fetched_at_once_and_an_empty_page_means_unpublished(
    store: Store,
) -> None:
    corpus = generate_corpus({45: 30}, seed=6, unpublished=0.2)
    unpublished = next(p.number for p in corpus if not p.published)
    known = sorted(p.number for p in corpus if p.published)[0]
    async with replay_site(corpus) as site:
        config = config_for(site)
        async with aiohttp.ClientSession() as session:
            source = OnDemand(config.client(session, Pacer(0), Priority.USER), config)
            p = await answers.lookup(store, known, source=source)
            assert p.number == known and has_details(p)
            assert (await store.get(known)) is not None  # stored for next time
            with pytest.raises(PetitionNotFound) as err:
                await answers.lookup(store, unpublished, source=source)
            assert err.value.key == "petition.unpublished"
        assert len([r for r in site.requests if r.number == unpublished]) == 1  # the English page said it all
    with pytest.raises(PetitionNotFound) as offline:
        await answers.lookup(store, "e-9999")
    assert offline.value.key == "petition.not_found"


# --- kill -9 -----------------------------------------------------------------------------------------


def backfill_process(db: Path, site: ReplaySite) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PETITIONS_BASE_EN": site.base_en,
        "PETITIONS_BASE_FR": site.base_fr,
        "REQUEST_INTERVAL": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "backfill", "--db", str(db), "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def finish(proc: subprocess.Popen[str]) -> str:
    out, err = await asyncio.to_thread(proc.communicate, timeout=120)
    assert proc.returncode == 0, err
    return out


async def digest_of(db: Path) -> tuple[str, list, list]:
    async with await Store.open(db) as s:
        assert await s.integrity_check() == "ok"
        listing = await s.conn.execute_fetchall(
            "SELECT parliament, category, total, pages, next_page, done FROM backfill_listing ORDER BY 1, 2"
        )
        queue = await s.conn.execute_fetchall("SELECT number, state FROM details_queue ORDER BY number")
        return await s.content_digest(), [tuple(r) for r in listing], [tuple(r) for r in queue]


async def test_twenty_kill_9_trials_resume_to_the_same_store_as_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = generate_corpus({44: 20, 45: 25}, seed=9)
    async with replay_site(corpus) as site:
        reference = tmp_path / "reference.sqlite3"
        start = len(site.requests)
        out = await finish(backfill_process(reference, site))
        assert "history is complete" in out
        total_requests = len(site.requests) - start
        expected = await digest_of(reference)
        rng = random.Random(20)
        for trial in range(20):
            db = tmp_path / f"trial{trial}.sqlite3"
            kill_after = rng.randint(1, total_requests - 1)
            begin = len(site.requests)
            proc = backfill_process(db, site)
            while len(site.requests) - begin < kill_after and proc.poll() is None:  # noqa: ASYNC110 (a child process)
                await asyncio.sleep(0.002)
            proc.send_signal(signal.SIGKILL)
            await asyncio.to_thread(proc.wait, 30)
            await finish(backfill_process(db, site))
            assert await digest_of(db) == expected, f"trial {trial}, killed after {kill_after} requests"
        assert not site.gated_requests and not site.gated_names


def cli_env(site: ReplaySite, db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PETITIONS_BASE_EN": site.base_en,
        "PETITIONS_BASE_FR": site.base_fr,
        "REQUEST_INTERVAL": "0",
        "PETITIONBOT_DB": str(db),
    }


async def cli(site: ReplaySite, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=cli_env(site, db),
    )


async def test_the_cli_fetches_a_pasted_url_on_a_fresh_install_and_says_when_the_site_has_none(
    tmp_path: Path,
) -> None:
    corpus = generate_corpus({45: 30}, seed=6, unpublished=0.2)
    wanted = next(p for p in corpus if p.published and p.kind == "e")
    missing = next(p.number for p in corpus if not p.published)
    db = tmp_path / "fresh.sqlite3"
    async with replay_site(corpus) as site:
        url = f"https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition={wanted.number}"
        shown = await cli(site, db, "petition", url, "--lang", "fr")
        assert shown.returncode == 0, shown.stderr
        assert wanted.number in shown.stdout and (wanted.subject.fr or "") in shown.stdout
        again = await cli(site, db, "petition", wanted.number, "--json")
        assert json.loads(again.stdout)["number"] == wanted.number
        assert (
            len([r for r in site.requests if r.number == wanted.number]) == 2
        )  # once per language, then stored

        none = await cli(site, db, "petition", missing)
        assert (
            none.returncode == 1 and "no published petition" in none.stderr and "Traceback" not in none.stderr
        )


async def test_backfill_cli_limits_progress_and_status(tmp_path: Path) -> None:
    corpus = generate_corpus({44: 25, 45: 25}, seed=12)
    db = tmp_path / "limited.sqlite3"
    async with replay_site(corpus) as site:
        first = await cli(site, db, "backfill", "--phase", "1", "--parliament", "45", "--quiet")
        assert first.returncode == 0, first.stderr
        assert {p.parliament for p in map(site.expected, site.published_numbers(45))} == {45}
        status = await cli(site, db, "status")
        assert f"history: {len(site.published_numbers(45))} of about" in status.stdout
        mp = site.expected(sorted(site.published_numbers(45))[0]).sponsor.name
        listed = await cli(site, db, "sponsor", mp)
        assert listed.returncode == 0 and mp in listed.stdout
        assert "The history is still loading (0% of details): lists may be incomplete." in listed.stderr

        paused = await cli(site, db, "backfill", "--max-requests", "6", "--quiet")
        assert paused.returncode == 0 and "--max-requests 6 reached" in paused.stdout
        rest = await cli(site, db, "backfill", "--for", "10m", "--quiet")
        assert "the history is complete" in rest.stdout
        done = await cli(site, db, "status")
        assert f"history: complete, {len(site.published_numbers())} petitions" in done.stdout

        bad = await cli(site, db, "backfill", "--for", "soon")
        assert bad.returncode == 2 and "not a duration" in bad.stderr
        assert not site.gated_requests
