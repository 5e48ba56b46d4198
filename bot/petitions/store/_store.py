"""The Store: its life cycle, its transactions, its public reads, and the writes it delegates."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Coroutine, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.petitions import deadlines
from bot.petitions.model import Petition
from bot.petitions.store._rows import iso
from bot.petitions.store._schema import create_term_counter, pending_migrations
from bot.petitions.store._types import CHUNK, Change, Prepared, StoreStats, UpsertResult
from bot.petitions.store._write import (
    remove_demo_in_transaction as remove_demo,
    stored_versions,
    upsert_in_transaction as write_batch,
)

log = logging.getLogger(__name__)


class Derived:
    """What other modules derive from a store (vocabularies, name lists), and the tasks building it.

    It lives and dies with its store: `Store.close()` cancels the tasks and drops the values,
    so no module keeps per-store state of its own.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self._tasks: dict[str, asyncio.Task[Any]] = {}

    def running(self, name: str) -> bool:
        return name in self._tasks

    def start(self, name: str, work: Coroutine[Any, Any, Any]) -> None:
        """Run `work` in the background under `name`, unless a task of that name still runs."""
        if name in self._tasks:
            work.close()
            return
        task = asyncio.get_running_loop().create_task(work, name=f"store:{name}")
        self._tasks[name] = task
        task.add_done_callback(lambda _t: self._tasks.pop(name, None))

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self.values.clear()


class Store:
    """Owns the one aiosqlite connection to the petition database."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # One connection serves every task: writers (refresh, alerts, admin) take
        # turns, so no write joins, or is rolled back with, another task's batch.
        self._write_lock = asyncio.Lock()
        self.derived = Derived()

    # --- life cycle -----------------------------------------------------------

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        store = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await store._migrate()
            await store.refresh_due_dates()
            await create_term_counter(conn)
        except BaseException:
            await conn.close()
            raise
        return store

    async def close(self) -> None:
        await self.derived.close()
        await self.conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _migrate(self) -> None:
        """Apply numbered migrations, each in its own transaction."""
        current = int(await self.fetch_value("PRAGMA user_version", default=0))
        for version, statements in pending_migrations(current):
            log.info("applying migration %03d", version)
            async with self.transaction() as conn:
                for statement in statements:
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {version:d}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (cancellation included).

        Transactions of different tasks queue on a lock; they never nest.
        """
        async with self._write_lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
            except asyncio.CancelledError:
                # The worker thread may still run BEGIN after we stop waiting for it;
                # queue a ROLLBACK behind it so the connection is left as it was.
                with contextlib.suppress(sqlite3.Error):
                    await asyncio.shield(self.conn.execute("ROLLBACK"))
                raise
            try:
                yield self.conn
            except BaseException:
                await asyncio.shield(self.conn.execute("ROLLBACK"))
                raise
            else:
                await self.conn.execute("COMMIT")

    # --- reads ------------------------------------------------------------------

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        """The first row of a query, or None; read its columns by name (`row["number"]`)."""
        async with self.conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Every row of a query; read their columns by name (`row["number"]`).

        One trip to the database thread (execute, fetch and close together): a cursor's three
        trips cost searches about 70 µs a query.
        """
        return list(await self.conn.execute_fetchall(sql, params))

    async def fetch_value(self, sql: str, params: Sequence[Any] = (), default: Any = None) -> Any:
        """The first column of the first row, or `default` when there is no row or it is NULL."""
        row = await self.fetch_one(sql, params)
        return default if row is None or row[0] is None else row[0]

    async def last_change_id(self) -> int:
        """The id of the last change journaled: every write journals one, so it keys derived data."""
        return int(await self.fetch_value("SELECT max(id) FROM changes", default=0))

    async def get(self, number: str) -> Petition | None:
        row = await self.fetch_one(
            "SELECT record FROM petitions WHERE number = ?1 OR presented_number = ?1 "
            "ORDER BY number = ?1 DESC LIMIT 1",
            (number,),
        )
        return Petition.from_dict(json.loads(row["record"])) if row else None

    async def get_many(self, numbers: Sequence[str]) -> list[Petition]:
        """Records in the order asked, skipping unknown numbers."""
        found: dict[str, Petition] = {}
        for i in range(0, len(numbers), CHUNK):
            chunk = list(numbers[i : i + CHUNK])
            marks = ",".join("?" * len(chunk))
            for row in await self.fetch_all(f"SELECT record FROM petitions WHERE number IN ({marks})", chunk):
                p = Petition.from_dict(json.loads(row["record"]))
                found[p.number] = p
        return [found[n] for n in numbers if n in found]

    async def iter_all(self, batch: int = 1000) -> AsyncIterator[Petition]:
        last = 0
        while True:
            rows = await self.fetch_all(
                "SELECT id, record FROM petitions WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for row in rows:
                yield Petition.from_dict(json.loads(row["record"]))
            last = rows[-1]["id"]

    async def is_empty(self) -> bool:
        """No petition at all, real or demo."""
        return await self.fetch_one("SELECT 1 FROM petitions LIMIT 1") is None

    async def count(self) -> int:
        return int(await self.fetch_value("SELECT count(*) FROM petitions", default=0))

    async def numbers(self) -> list[str]:
        return [r["number"] for r in await self.fetch_all("SELECT number FROM petitions ORDER BY id")]

    async def hashes(self, numbers: Sequence[str]) -> dict[str, tuple[int, str, str]]:
        """number → (id, hash, record JSON) for the numbers already stored."""
        return await stored_versions(self.conn, numbers)

    async def source_hashes(self) -> dict[str, str]:
        """source hash → number, for every record last written from a file's raw record.

        Reads only an index, so it stays cheap however large the records are.
        """
        rows = await self.fetch_all("SELECT source_hash, number FROM petitions WHERE source_hash IS NOT NULL")
        return {row["source_hash"]: row["number"] for row in rows}

    async def overdue(self, today: date, limit: int | None = None, offset: int = 0) -> list[Petition]:
        """Petitions whose response was due before `today` and has not come, the longest overdue first.

        A range over the `due_on` index: only the rows returned are read and decoded.
        """
        rows = await self.fetch_all(
            "SELECT record FROM petitions WHERE due_on < ? ORDER BY due_on, number LIMIT ? OFFSET ?",
            (today.isoformat(), -1 if limit is None else limit, offset),
        )
        return [Petition.from_dict(json.loads(r["record"])) for r in rows]

    async def count_overdue(self, today: date) -> int:
        sql = "SELECT count(*) FROM petitions WHERE due_on < ?"
        return int(await self.fetch_value(sql, (today.isoformat(),), default=0))

    async def highest_paper_numbers(self) -> dict[tuple[int, int], int]:
        """The highest known paper sequence per (parliament, session)."""
        rows = await self.fetch_all(
            "SELECT parliament, session, max(seq) AS seq FROM petitions "
            "WHERE kind = 'paper' AND parliament IS NOT NULL GROUP BY parliament, session"
        )
        return {(r["parliament"], r["session"]): r["seq"] for r in rows}

    async def stats(self) -> StoreStats:
        totals = await self.fetch_one(
            "SELECT count(*) AS total, coalesce(sum(demo), 0) AS demo, coalesce(sum(has_response), 0) AS answered "
            "FROM petitions"
        )
        total, demo = (totals["total"], totals["demo"]) if totals else (0, 0)
        rows = await self.fetch_all("SELECT kind, count(*) AS n FROM petitions GROUP BY kind")
        details = await self.fetch_value(
            "SELECT count(*) FROM details_queue WHERE state = 'pending'", default=0
        )
        return StoreStats(
            with_details=max(0, total - demo - details),
            petitions=total,
            demo=demo,
            with_response=totals["answered"] if totals else 0,
            by_kind={r["kind"]: r["n"] for r in rows},
            last_change_id=await self.last_change_id(),
            last_refresh=await self.get_meta("last_refresh"),
            path=str(self.path),
        )

    async def changes_since(self, after_id: int, limit: int = 100) -> list[Change]:
        rows = await self.fetch_all(
            "SELECT id, number, kind, detail, at, history FROM changes WHERE id > ? ORDER BY id LIMIT ?",
            (after_id, limit),
        )
        return [
            Change(
                r["id"],
                r["number"],
                r["kind"],
                json.loads(r["detail"]),
                datetime.fromisoformat(r["at"]),
                bool(r["history"]),
            )
            for r in rows
        ]

    async def get_meta(self, key: str) -> str | None:
        return await self.fetch_value("SELECT value FROM meta WHERE key = ?", (key,))

    async def integrity_check(self) -> str:
        return str(await self.fetch_value("PRAGMA integrity_check"))

    async def content_digest(self) -> str:
        """One hash of every record's content (not when it was fetched), to compare two stores."""
        digest = hashlib.sha256()
        async with self.conn.execute("SELECT number, hash FROM petitions ORDER BY number") as cur:
            async for row in cur:
                digest.update(f"{row['number']}\t{row['hash']}\n".encode())
        return digest.hexdigest()

    async def get_http_cache(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        row = await self.fetch_one(
            "SELECT etag, last_modified, body_hash FROM http_cache WHERE url = ?", (url,)
        )
        return (row["etag"], row["last_modified"], row["body_hash"]) if row else None

    # --- writes -------------------------------------------------------------------

    async def set_meta(self, key: str, value: str) -> None:
        """Outside a transaction this commits by itself (autocommit)."""
        await self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def put_http_cache(
        self, url: str, etag: str | None, last_modified: str | None, body_hash: str
    ) -> None:
        await self.conn.execute(
            "INSERT INTO http_cache (url, etag, last_modified, body_hash, fetched_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "body_hash = excluded.body_hash, fetched_at = excluded.fetched_at",
            (url, etag, last_modified, body_hash, datetime.now(UTC).isoformat()),
        )

    async def refresh_due_dates(self) -> int:
        """Recompute every stored due date when the sitting calendar (or the rule) is not the one they were
        made with: after migration 007, or after `sittings.txt` was edited. Reads columns only, one
        transaction; a no-op (one meta read) otherwise."""
        key = deadlines.calendar_key()
        if await self.get_meta("due_calendar") == key:
            return 0
        async with self.transaction() as conn:
            rows = await self.fetch_all(
                "SELECT id, presented_on, response_tabled_on, has_response, status_id, due_on FROM petitions "
                "WHERE presented_on IS NOT NULL OR due_on IS NOT NULL"
            )
            updates = []
            for r in rows:
                due = deadlines.response_due(
                    date.fromisoformat(r["presented_on"]) if r["presented_on"] else None,
                    answered=r["response_tabled_on"] is not None or bool(r["has_response"]),
                    status_id=r["status_id"],
                )
                value = iso(due)
                if value != r["due_on"]:
                    updates.append((value, r["id"]))
            await conn.executemany("UPDATE petitions SET due_on = ? WHERE id = ?", updates)
            await self.set_meta("due_calendar", key)
        if updates:
            log.info("recomputed the response due date of %d petitions", len(updates))
        return len(updates)

    async def upsert(
        self, items: Iterable[Prepared], *, now: datetime | None = None, history: bool = False
    ) -> UpsertResult:
        """Write a batch in one transaction; identical records are not rewritten.

        A record that is already stored is merged with the incoming one
        (`Petition.merge`), so a listing row never erases what a details page said.
        """
        async with self.transaction():
            return await self.upsert_in_transaction(items, now=now, history=history)

    async def upsert_in_transaction(
        self, items: Iterable[Prepared], *, now: datetime | None = None, history: bool = False
    ) -> UpsertResult:
        """The body of `upsert`, for callers that hold a wider transaction.

        `history` marks what this batch journals as the past (backfill, import):
        kept, never announced. Real records and the bundled demo set never mix:
        the first real record removes every demo record in this same
        transaction, and demo records offered to a store holding real ones are
        skipped.
        """
        return await write_batch(self.conn, items, now=now, history=history)

    async def remove_demo_in_transaction(self) -> int:
        """Delete every demo record (and its index rows); the caller holds the transaction."""
        return await remove_demo(self.conn)
