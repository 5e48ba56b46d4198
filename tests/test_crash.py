"""A batch write killed with SIGKILL leaves a sound database holding all of it or none.

The store promises that a batch (an ingest, a refresh) is one transaction. The
only honest test of that is to kill a real writer process at points inside the
transaction and look at the file afterwards: SQLite must pass its integrity
check, and the petitions, their search index and the change journal must all be
exactly as before the batch, or exactly as after it.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.petitions.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
BASE = 300  # petitions committed before the batch
BATCH = 3000  # the batch: BASE changed records and the rest new
CHUNK = 500
DEADLINE = 90.0  # seconds any child may live, whatever happens

# The writer. It commits a base set (mode "seed"), or writes the batch in ONE
# transaction (mode "batch"), printing a marker after each chunk so the parent
# knows where it is. With a pause point it stops at that marker and waits, still
# inside the transaction, for a kill that will come.
CHILD = r"""
import asyncio, sys
from datetime import UTC, datetime
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from factories import make_petition
from bot.petitions.store import Prepared, Store

NOW = datetime(2026, 10, 2, 12, 0, tzinfo=UTC)

def record(i, version):
    words = " ".join(f"word{(i * 7 + k) % 997}" for k in range(60))
    return make_petition(
        f"e-{20000 + i}",
        subject=f"Subject {i % 40}",
        grievances=[f"Grievance {i}.{version}: {words}", f"Second point {i}: {words[::-1]}"],
        prayer=[f"We ask for change {i} ({version})."],
        keywords=[f"Topic {i % 50}", f"Theme {i % 13}"],
        signatures=i * 3 + version,
    )

async def main(mode, db, pause_at):
    store = await Store.open(db)
    if mode == "seed":
        await store.upsert([Prepared(record(i, 0)) for i in range(@BASE@)], now=NOW)
        await store.close()
        print("seeded", flush=True)
        return
    items = [Prepared(record(i, 1)) for i in range(@BATCH@)]
    async with store.transaction():
        print("begin", flush=True)
        for n, k in enumerate(range(0, len(items), @CHUNK@), 1):
            await store.upsert_in_transaction(items[k : k + @CHUNK@], now=NOW)
            print(f"chunk {n}", flush=True)
            if n == pause_at:
                sys.stdin.readline()  # blocks inside the open transaction until killed
        print("committing", flush=True)
    print("committed", flush=True)
    if pause_at == -1:
        sys.stdin.readline()  # linger after the commit, to be killed there
    await store.close()

asyncio.run(main(sys.argv[3], sys.argv[4], int(sys.argv[5])))
"""
for _name, _value in {"BASE": BASE, "BATCH": BATCH, "CHUNK": CHUNK}.items():
    CHILD = CHILD.replace(f"@{_name}@", str(_value))


def _spawn(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _child(mode: str, db: Path, pause_at: int = 0) -> subprocess.Popen[str]:
    return _spawn(
        [sys.executable, "-c", CHILD, str(REPO), str(TESTS), mode, str(db), str(pause_at)], db.parent
    )


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """Stdout lines as they come, None at end of stream (a reader thread, so waits can time out)."""
    q: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            q.put(line.strip())
        q.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return q


def _finish(proc: subprocess.Popen[str]) -> str:
    try:
        _, err = proc.communicate(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail("child process hung")
    return err


def _run_to_end(mode: str, db: Path) -> None:
    proc = _child(mode, db, pause_at=0)
    err = _finish(proc)
    assert proc.returncode == 0, err


def _wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _kill_at_marker(db: Path, marker: str, *, pause_at: int = 0) -> tuple[list[str], int]:
    """Start the batch writer, SIGKILL it once `marker` is printed; returns the lines seen and the WAL size then."""
    proc = _child("batch", db, pause_at)
    seen = _kill_when(proc, lambda line: line == marker)
    wal = _wal_size(db)
    _finish(proc)
    assert proc.returncode == -signal.SIGKILL, (
        f"the writer was not killed (exit {proc.returncode}); saw {seen}"
    )
    return seen, wal


def _kill_when(proc: subprocess.Popen[str], hit: Callable[[str], bool]) -> list[str]:
    q = _lines(proc)
    seen: list[str] = []
    end = time.monotonic() + DEADLINE
    while True:
        try:
            line = q.get(timeout=max(0.1, end - time.monotonic()))
        except queue.Empty:
            proc.kill()
            pytest.fail(f"no marker within {DEADLINE} s; saw {seen}")
        if line is None:
            pytest.fail(
                f"the writer ended before the kill point; saw {seen}: {proc.stderr.read() if proc.stderr else ''}"
            )
        seen.append(line)
        if hit(line):
            os.kill(proc.pid, signal.SIGKILL)
            return seen


def _dump(db: Path) -> dict[str, Any]:
    """What a user could observe, without timestamps that differ between runs."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO petition_fts (petition_fts) VALUES ('integrity-check')")
        return {
            "petitions": conn.execute(
                "SELECT number, hash, record FROM petitions ORDER BY number"
            ).fetchall(),
            "changes": conn.execute("SELECT number, kind, detail FROM changes ORDER BY id").fetchall(),
            "keywords": conn.execute("SELECT * FROM petition_keywords ORDER BY number, position").fetchall(),
            "fts": conn.execute("SELECT rowid, number, body FROM petition_fts ORDER BY rowid").fetchall(),
        }
    finally:
        conn.close()


def _copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        f = src.with_name(src.name + suffix)
        if f.exists():
            shutil.copyfile(f, dst.with_name(dst.name + suffix))
    return dst


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A seeded database file, and the dumps of the store before and after a complete batch."""
    root = tmp_path_factory.mktemp("crash")
    seeded = root / "seeded.sqlite3"
    _run_to_end("seed", seeded)
    complete = _copy_db(seeded, root / "complete.sqlite3")
    _run_to_end("batch", complete)
    before, after = _dump(seeded), _dump(complete)
    assert len(before["petitions"]) == BASE
    assert len(after["petitions"]) == BATCH
    assert len(after["changes"]) == BATCH + BASE  # BATCH - BASE new, BASE changed, plus the seed's BASE new
    return {"seeded": seeded, "before": before, "after": after}


@pytest.mark.parametrize(
    ("marker", "pause_at"),
    [
        ("chunk 1", 1),  # stopped inside the transaction, first chunk written
        ("chunk 4", 4),  # most of the batch written, not committed
        ("chunk 2", 0),  # killed while it writes the third chunk
        ("begin", 0),  # killed right after BEGIN IMMEDIATE
    ],
)
def test_killed_inside_the_transaction_leaves_none_of_the_batch(
    states: dict[str, Any], tmp_path: Path, marker: str, pause_at: int
) -> None:
    db = _copy_db(states["seeded"], tmp_path / "db.sqlite3")
    seen, wal = _kill_at_marker(db, marker, pause_at=pause_at)
    assert "committing" not in seen
    if pause_at >= 4:
        # Uncommitted pages really were on disk when the process died: recovery had work to do.
        assert wal > 1_000_000
    assert _dump(db) == states["before"]


def test_killed_during_or_after_commit_holds_all_or_none(states: dict[str, Any], tmp_path: Path) -> None:
    db = _copy_db(states["seeded"], tmp_path / "db.sqlite3")
    _kill_at_marker(db, "committing")
    assert _dump(db) in (states["before"], states["after"])


def test_killed_after_commit_keeps_the_whole_batch(states: dict[str, Any], tmp_path: Path) -> None:
    db = _copy_db(states["seeded"], tmp_path / "db.sqlite3")
    seen, _ = _kill_at_marker(db, "committed", pause_at=-1)
    assert seen[-2:] == ["committing", "committed"]
    assert _dump(db) == states["after"]


async def _create(db: Path) -> None:
    store = await Store.open(db)
    await store.close()


def _snapshot(path: Path, count: int) -> Path:
    """A JSONL snapshot of generated petitions, as `petitionbot export` writes them."""
    sys.path.insert(0, str(TESTS))
    try:
        from factories import make_petition
    finally:
        sys.path.remove(str(TESTS))
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": "petitionbot-snapshot", "version": 1}) + "\n")
        for i in range(count):
            words = " ".join(f"mot{(i * 11 + k) % 991}" for k in range(80))
            p = make_petition(f"e-{40000 + i}", subject=f"Subject {i % 30}", grievances=[words], signatures=i)
            out.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("wal_bytes", [200_000, 2_000_000])
def test_cli_ingest_killed_mid_batch_holds_all_or_none(tmp_path: Path, wal_bytes: int) -> None:
    """`petitionbot ingest` of a big snapshot, killed once the WAL has grown: all of it or none."""
    snapshot = _snapshot(tmp_path / "batch.jsonl", 4000)
    db = tmp_path / "db.sqlite3"
    asyncio.run(_create(db))  # migrations done, so the WAL that grows is the batch's

    proc = _spawn([sys.executable, "-m", "bot", "ingest", "--db", str(db), str(snapshot)], tmp_path)
    end = time.monotonic() + DEADLINE
    killed_at = 0
    while proc.poll() is None and time.monotonic() < end:
        size = _wal_size(db)
        if size >= wal_bytes:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = size
            break
        time.sleep(0.002)
    err = _finish(proc)
    if killed_at:
        assert proc.returncode == -signal.SIGKILL, err
    else:
        assert proc.returncode == 0, err  # finished before the WAL grew that far: then it must hold it all

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        petitions = conn.execute("SELECT count(*) FROM petitions").fetchone()[0]
        changes = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM petition_fts").fetchone()[0]
    finally:
        conn.close()
    assert petitions in (0, 4000)
    assert changes == petitions == fts
