"""`petitionbot backup FILE`: a consistent copy while the bot keeps writing, and nothing half-written.

The writer is the real store upserting one petition per transaction, in order; a copy taken meanwhile
must pass `PRAGMA integrity_check` and hold a prefix of what was written (petitions 1..k and their
journal entries, nothing after a gap).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.petitions.backup import backup
from bot.petitions.ingest import prepare
from bot.petitions.store import Store, latest_schema_version
from tests.factories import make_petition


def number(i: int) -> str:
    return f"e-{i}"


def stored_numbers(path: Path) -> tuple[str, set[int], set[int]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        petitions = {int(n[2:]) for (n,) in conn.execute("SELECT number FROM petitions")}
        journal = {int(n[2:]) for (n,) in conn.execute("SELECT number FROM changes WHERE kind = 'new'")}
    return integrity, petitions, journal


async def test_a_backup_taken_while_a_writer_upserts_is_whole_and_a_prefix(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "live.sqlite3")
    # Enough already stored that a copy takes a while next to one-petition transactions.
    await store.upsert([prepare(make_petition(number(i))) for i in range(1, 1501)])
    written = 1500
    stop = asyncio.Event()

    async def writer() -> None:
        nonlocal written
        while not stop.is_set():
            await store.upsert([prepare(make_petition(number(written + 1)))])
            written += 1

    task = asyncio.create_task(writer())
    try:
        copies = []
        for round_ in range(3):
            await asyncio.sleep(0.05)
            before = written
            report = await backup(store.path, tmp_path / f"copy{round_}.sqlite3")
            copies.append((before, report, written))
    finally:
        stop.set()
        await task
    try:
        for before, report, after in copies:
            integrity, petitions, journal = stored_numbers(report.path)
            assert integrity == "ok"
            k = len(petitions)
            assert petitions == set(range(1, k + 1)), "a prefix: no petition missing before the last one"
            assert journal == petitions, "every petition's journal entry came with it, and no other"
            assert before <= k <= after, (before, k, after)
            assert report.petitions == k and report.schema_version == latest_schema_version()
            assert not report.path.with_name(report.path.name + ".tmp").exists()
        assert written > copies[0][0], "the writer was not held up by the copies"
        with contextlib.closing(sqlite3.connect(copies[0][1].path)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "a backup is one file"
    finally:
        await store.close()


async def test_the_cli_backs_up_says_what_it_wrote_and_replaces_an_old_copy(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("PETITIONBOT_DB", "LOG_FORMAT", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "petitions.sqlite3"
    store = await Store.open(db)
    await store.upsert([prepare(make_petition(number(i))) for i in range(1, 4)])
    await store.close()
    out = tmp_path / "backups" / "petitions.sqlite3"
    out.parent.mkdir()
    out.write_bytes(b"an older backup")

    code = await asyncio.to_thread(main, ["backup", "--db", str(db), str(out)])

    printed = capsys.readouterr().out
    assert code == 0
    assert printed.startswith(f"backup: {out} (")
    assert f"3 petitions, schema {latest_schema_version()}, integrity ok" in printed
    assert stored_numbers(out) == ("ok", {1, 2, 3}, {1, 2, 3})
    assert sorted(p.name for p in out.parent.iterdir()) == ["petitions.sqlite3"]


@pytest.mark.parametrize(
    "target, says",
    [
        ("same", "cannot replace the database itself"),
        ("dir", "is a folder: name the backup file"),
        ("missing-db", "There is no database at"),
    ],
)
async def test_the_cli_refuses_what_cannot_be_a_backup_in_one_line(
    tmp_path: Path, monkeypatch, capsys, target: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "petitions.sqlite3"
    store = await Store.open(db)
    await store.close()
    argv = {
        "same": ["backup", "--db", str(db), str(db)],
        "dir": ["backup", "--db", str(db), str(tmp_path)],
        "missing-db": ["backup", "--db", str(tmp_path / "nope.sqlite3"), str(tmp_path / "copy.sqlite3")],
    }[target]
    code = await asyncio.to_thread(main, argv)
    err = capsys.readouterr().err
    assert code == 1 and says in err and len(err.splitlines()) == 1
    assert not (tmp_path / "nope.sqlite3").exists()
