"""The store against a real SQLite file: idempotent upserts, the change journal, migrations."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bot.petitions.model import Bi, Response
from bot.petitions.store import CountryLink, Prepared, Store
from tests.factories import make_petition


@pytest.fixture
async def store(tmp_path: Path):
    s = await Store.open(tmp_path / "petitions.sqlite3")
    yield s
    await s.close()


async def test_fresh_file_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    s = await Store.open(path)
    await s.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    # opening again applies nothing twice
    s = await Store.open(path)
    assert await s.count() == 0
    await s.close()


async def test_same_input_twice_writes_nothing_the_second_time(store: Store) -> None:
    batch = [Prepared(make_petition(f"e-{n}")) for n in range(100, 110)]
    first = await store.upsert(batch)
    journal_after_first = (await store.stats()).last_change_id
    second = await store.upsert(batch)
    assert len(first.new) == 10
    assert second.written == 0 and len(second.unchanged) == 10
    assert (await store.stats()).last_change_id == journal_after_first


async def test_a_response_appearing_is_journalled(store: Store) -> None:
    p = make_petition("441-00155", status_id=None)
    await store.upsert([Prepared(p)])
    answered = replace(
        p,
        status_id=223,
        response=Response(header=Bi("Response by the Minister", None), paragraphs=Bi(["Canada acts."], None)),
    )
    result = await store.upsert([Prepared(answered)])
    assert result.changed == ["441-00155"]
    kinds = [c.kind for c in await store.changes_since(0)]
    assert kinds == ["new", "response", "status"]


async def test_a_partial_view_never_erases_what_was_known(store: Store) -> None:
    full = make_petition("e-4123", signatures=120)
    await store.upsert([Prepared(full)])
    listing_row = replace(make_petition("e-4123", signatures=130), grievances=Bi(), prayer=Bi(), sponsor=None)
    await store.upsert([Prepared(listing_row)])
    stored = await store.get("e-4123")
    assert stored is not None
    assert stored.signatures == 130
    assert stored.grievances == full.grievances and stored.sponsor == full.sponsor


async def test_a_failed_batch_leaves_neither_records_nor_journal(store: Store) -> None:
    await store.upsert([Prepared(make_petition("e-1"))])
    before = (await store.count(), (await store.stats()).last_change_id)
    with pytest.raises(RuntimeError):
        async with store.transaction():
            await store.upsert_in_transaction([Prepared(make_petition(f"e-{n}")) for n in range(2, 50)])
            raise RuntimeError("crash after writing, before commit")
    assert (await store.count(), (await store.stats()).last_change_id) == before


async def test_countries_and_fulltext_follow_the_record(store: Store) -> None:
    p = make_petition("e-5", grievances=Bi(["Refugees from Kazakhstan"], ["Réfugiés du Kazakhstan"]))
    await store.upsert([Prepared(p, [CountryLink("KZ", True, 3)])])
    rows = await store.fetch_all("SELECT code, is_primary FROM petition_countries WHERE number = 'e-5'")
    assert [tuple(r) for r in rows] == [("KZ", 1)]
    hits = await store.fetch_all("SELECT rowid FROM petition_fts WHERE petition_fts MATCH 'refugies'")
    assert len(hits) == 1
    changed = replace(p, grievances=Bi(["Floods in the valley"], ["Inondations dans la vallée"]))
    await store.upsert([Prepared(changed, [])])
    assert not await store.fetch_all("SELECT rowid FROM petition_fts WHERE petition_fts MATCH 'refugies'")
    assert not await store.fetch_all("SELECT code FROM petition_countries WHERE number = 'e-5'")


async def test_a_writer_cancelled_at_any_point_leaves_the_connection_usable(store: Store) -> None:
    """Cancelling a task mid-write (a cog unloading, a shutdown) must not strand an open transaction."""
    for n in range(40):
        task = asyncio.create_task(store.upsert([Prepared(make_petition(f"e-{1000 + n}"))]))
        for _ in range(n % 6):
            await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert not store.conn.in_transaction
    result = await store.upsert([Prepared(make_petition("e-9999"))])
    assert result.new == ["e-9999"]
    assert await store.integrity_check() == "ok"


async def test_overdue_petitions_of_a_store_written_before_due_dates_are_still_found(tmp_path: Path) -> None:
    """A database from before migration 007 (no due dates stored) lists the same late petitions."""
    from datetime import date

    from bot.petitions import answers

    path = tmp_path / "old.sqlite3"
    s = await Store.open(path)
    await s.upsert(
        [
            Prepared(make_petition("441-00100", presented_on=date(2022, 3, 1), status_id=204)),
            Prepared(make_petition("441-00101", presented_on=date(2022, 2, 1), status_id=204)),
            Prepared(make_petition("441-00102", presented_on=date(2022, 3, 1), status_id=291)),
        ]
    )
    fresh = [p.number for p, _ in await answers.overdue(s, date(2023, 1, 1))]
    await s.close()
    con = sqlite3.connect(path)  # as an older version left it: the column empty, never computed
    con.execute("UPDATE petitions SET due_on = NULL")
    con.execute("DELETE FROM meta WHERE key = 'due_calendar'")
    con.commit()
    con.close()

    s = await Store.open(path)
    try:
        late = await answers.overdue(s, date(2023, 1, 1))
        assert [p.number for p, _ in late] == fresh == ["441-00101", "441-00100"]
        assert [c.overdue_days for _, c in late][0] > [c.overdue_days for _, c in late][1]
        first_page = await answers.overdue(s, date(2023, 1, 1), limit=1)
        assert [p.number for p, _ in first_page] == ["441-00101"]
        assert await s.count_overdue(date(2023, 1, 1)) == 2
        assert await answers.overdue(s, date(2022, 3, 1)) == []  # nothing is late before its deadline
    finally:
        await s.close()
