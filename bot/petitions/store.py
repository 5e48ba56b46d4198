"""The petition store: one SQLite file, one connection owner.

Every batch of writes is one transaction: a batch is in the file whole or not
at all, and the change journal is written in that same transaction, so an
alert can never be lost or announced for a record that was rolled back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.petitions import deadlines
from bot.petitions.model import Petition, digest_of
from bot.petitions.text import fold

log = logging.getLogger(__name__)

CHUNK = 500  # numbers per IN (...) query, well under SQLite's variable limit
HISTORY_AFTER = timedelta(days=30)
"""An event dated longer ago than this, when first seen, is history rather than news."""


@dataclass(frozen=True, slots=True)
class CountryLink:
    """A country a petition concerns, as stored beside the record."""

    code: str
    primary: bool
    mentions: int = 1


@dataclass(slots=True)
class Prepared:
    """A record ready to store, with what ingest derived from it."""

    petition: Petition
    countries: Sequence[CountryLink] = ()
    source_hash: str | None = None
    """A hash of the raw record (snapshot line, export record) this was read from, kept beside the
    stored record so re-ingesting those same bytes can skip them; any other write clears it."""


@dataclass(slots=True)
class UpsertResult:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return len(self.new) + len(self.changed)


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    number: str
    kind: str
    detail: dict[str, Any]
    at: datetime
    history: bool = False
    """About the past (backfill, import, or an event long before it was seen): never announced."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    petitions: int
    demo: int
    with_response: int
    by_kind: dict[str, int]
    last_change_id: int
    last_refresh: str | None
    path: str
    with_details: int = 0


class Store:
    """Owns the one aiosqlite connection to the petition database."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # One connection serves every task: writers (refresh, alerts, admin) take
        # turns, so no write joins, or is rolled back with, another task's batch.
        self._write_lock = asyncio.Lock()

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
            await store._create_term_counter()
        except BaseException:
            await conn.close()
            raise
        return store

    async def close(self) -> None:
        await self.conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _migrate(self) -> None:
        """Apply numbered migrations, each in its own transaction."""
        current = (await self._one("PRAGMA user_version"))[0]
        for version, sql in _migrations():
            if version <= current:
                continue
            log.info("applying migration %03d", version)
            async with self.transaction():
                for statement in _split_sql(sql):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version = {version:d}")

    async def _create_term_counter(self) -> None:
        """A scratch full-text table (this connection only) with the main index's tokenizer: the words
        of a batch are counted by indexing it there, so `search_terms` counts exactly what FTS5 indexed.
        Contentless and without positions: only which rows hold a word matters, and it empties at once."""
        await self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_batch USING fts5 "
            "(body, tokenize = 'unicode61 remove_diacritics 2', content = '', detail = none)"
        )
        await self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_batch_vocab USING fts5vocab (temp, term_batch, 'row')"
        )

    async def _count_terms(self, petitions: Sequence[Petition], sign: int) -> None:
        """Add (`sign` 1) or take away (-1) the words of these petitions' full-text rows in `search_terms`."""
        if not petitions:
            return
        await self.conn.executemany(
            "INSERT INTO temp.term_batch (body) VALUES (?)",
            [(" \n ".join(fts_columns(p)),) for p in petitions],
        )
        await self.conn.execute(
            "INSERT INTO search_terms (term, docs) SELECT term, ? * doc FROM temp.term_batch_vocab "
            "WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*' "
            "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            (sign,),
        )
        await self.conn.execute("INSERT INTO temp.term_batch (term_batch) VALUES ('delete-all')")
        if sign < 0:
            await self.conn.execute("DELETE FROM search_terms WHERE docs <= 0")
        await self._count_names(petitions, sign)

    async def _count_names(self, petitions: Sequence[Petition], sign: int) -> None:
        """Add or take away these petitions in the count tables (keywords, subjects, sponsors, statuses)."""
        keywords: dict[str, list[Any]] = {}
        for p in petitions:
            seen: set[str] = set()
            for kw in p.keywords:
                folded = fold(kw.name.en or kw.name.fr)
                entry = keywords.setdefault(folded, [folded, kw.name.en or "", kw.name.fr or "", 0])
                entry[1], entry[2] = max(entry[1], kw.name.en or ""), max(entry[2], kw.name.fr or "")
                if folded not in seen:
                    seen.add(folded)
                    entry[3] += sign
        subjects = Counter(
            (p.subject.en or "", p.subject.fr or "") for p in petitions if p.subject.en or p.subject.fr
        )
        await self.conn.executemany(
            "INSERT INTO keyword_counts (folded, name_en, name_fr, petitions) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (folded) DO UPDATE SET petitions = petitions + excluded.petitions, "
            "name_en = max(name_en, excluded.name_en), name_fr = max(name_fr, excluded.name_fr)",
            list(keywords.values()),
        )
        await self.conn.executemany(
            "INSERT INTO subject_counts (subject_en, subject_fr, petitions) VALUES (?, ?, ?) "
            "ON CONFLICT (subject_en, subject_fr) DO UPDATE SET petitions = petitions + excluded.petitions",
            [(en, fr, sign * n) for (en, fr), n in subjects.items()],
        )
        sponsors = Counter((p.sponsor.person_id or 0, p.sponsor.name) for p in petitions if p.sponsor and p.sponsor.name)
        await self.conn.executemany(
            "INSERT INTO sponsor_counts (sponsor_id, sponsor_name, petitions) VALUES (?, ?, ?) "
            "ON CONFLICT (sponsor_id, sponsor_name) DO UPDATE SET petitions = petitions + excluded.petitions",
            [(pid, name, sign * n) for (pid, name), n in sponsors.items()],
        )
        statuses = Counter((p.status_id or 0, p.kind) for p in petitions)
        await self.conn.executemany(
            "INSERT INTO status_counts (status_id, kind, petitions) VALUES (?, ?, ?) "
            "ON CONFLICT (status_id, kind) DO UPDATE SET petitions = petitions + excluded.petitions",
            [(status, kind, sign * n) for (status, kind), n in statuses.items()],
        )
        if sign < 0:
            await self.conn.execute("DELETE FROM status_counts WHERE petitions <= 0")
            await self.conn.execute("DELETE FROM sponsor_counts WHERE petitions <= 0")
            await self.conn.execute("DELETE FROM keyword_counts WHERE petitions <= 0")
            await self.conn.execute("DELETE FROM subject_counts WHERE petitions <= 0")

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

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self.conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        async with self.conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def get(self, number: str) -> Petition | None:
        row = await self._one(
            "SELECT record FROM petitions WHERE number = ?1 OR presented_number = ?1 "
            "ORDER BY number = ?1 DESC LIMIT 1",
            (number,),
        )
        return Petition.from_dict(json.loads(row[0])) if row else None

    async def get_many(self, numbers: Sequence[str]) -> list[Petition]:
        """Records in the order asked, skipping unknown numbers."""
        found: dict[str, Petition] = {}
        for i in range(0, len(numbers), CHUNK):
            chunk = list(numbers[i : i + CHUNK])
            marks = ",".join("?" * len(chunk))
            for row in await self._all(f"SELECT record FROM petitions WHERE number IN ({marks})", chunk):
                p = Petition.from_dict(json.loads(row[0]))
                found[p.number] = p
        return [found[n] for n in numbers if n in found]

    async def iter_all(self, batch: int = 1000) -> AsyncIterator[Petition]:
        last = 0
        while True:
            rows = await self._all(
                "SELECT id, record FROM petitions WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for row in rows:
                yield Petition.from_dict(json.loads(row[1]))
            last = rows[-1][0]

    async def is_empty(self) -> bool:
        """No petition at all, real or demo."""
        return await self._one("SELECT 1 FROM petitions LIMIT 1") is None

    async def count(self) -> int:
        return (await self._one("SELECT count(*) FROM petitions"))[0]

    async def numbers(self) -> list[str]:
        return [r[0] for r in await self._all("SELECT number FROM petitions ORDER BY id")]

    async def hashes(self, numbers: Sequence[str]) -> dict[str, tuple[int, str, str]]:
        """number → (id, hash, record JSON) for the numbers already stored."""
        out: dict[str, tuple[int, str, str]] = {}
        for i in range(0, len(numbers), CHUNK):
            chunk = list(numbers[i : i + CHUNK])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT number, id, hash, record FROM petitions WHERE number IN ({marks})"
            for row in await self._all(sql, chunk):
                out[row[0]] = (row[1], row[2], row[3])
        return out

    async def source_hashes(self) -> dict[str, str]:
        """source hash → number, for every record last written from a file's raw record.

        Reads only an index, so it stays cheap however large the records are.
        """
        rows = await self._all("SELECT source_hash, number FROM petitions WHERE source_hash IS NOT NULL")
        return {row[0]: row[1] for row in rows}

    async def overdue(self, today: date, limit: int | None = None, offset: int = 0) -> list[Petition]:
        """Petitions whose response was due before `today` and has not come, the longest overdue first.

        A range over the `due_on` index: only the rows returned are read and decoded.
        """
        rows = await self._all(
            "SELECT record FROM petitions WHERE due_on < ? ORDER BY due_on, number LIMIT ? OFFSET ?",
            (today.isoformat(), -1 if limit is None else limit, offset),
        )
        return [Petition.from_dict(json.loads(r[0])) for r in rows]

    async def count_overdue(self, today: date) -> int:
        return (await self._one("SELECT count(*) FROM petitions WHERE due_on < ?", (today.isoformat(),)))[0]

    async def refresh_due_dates(self) -> int:
        """Recompute every stored due date when the sitting calendar (or the rule) is not the one they were
        made with: after migration 007, or after `sittings.txt` was edited. Reads columns only, one
        transaction; a no-op (one meta read) otherwise."""
        key = deadlines.calendar_key()
        if await self.get_meta("due_calendar") == key:
            return 0
        async with self.transaction():
            rows = await self._all(
                "SELECT id, presented_on, response_tabled_on, has_response, status_id, due_on FROM petitions "
                "WHERE presented_on IS NOT NULL OR due_on IS NOT NULL"
            )
            updates = []
            for r in rows:
                due = deadlines.response_due(
                    date.fromisoformat(r[1]) if r[1] else None,
                    answered=r[2] is not None or bool(r[3]),
                    status_id=r[4],
                )
                value = _iso(due)
                if value != r[5]:
                    updates.append((value, r[0]))
            await self.conn.executemany("UPDATE petitions SET due_on = ? WHERE id = ?", updates)
            await self.set_meta("due_calendar", key)
        if updates:
            log.info("recomputed the response due date of %d petitions", len(updates))
        return len(updates)

    async def highest_paper_numbers(self) -> dict[tuple[int, int], int]:
        """The highest known paper sequence per (parliament, session)."""
        rows = await self._all(
            "SELECT parliament, session, max(seq) FROM petitions "
            "WHERE kind = 'paper' AND parliament IS NOT NULL GROUP BY parliament, session"
        )
        return {(r[0], r[1]): r[2] for r in rows}

    async def stats(self) -> StoreStats:
        total, demo, answered = await self._one(
            "SELECT count(*), coalesce(sum(demo), 0), coalesce(sum(has_response), 0) FROM petitions"
        )
        kinds = {r[0]: r[1] for r in await self._all("SELECT kind, count(*) FROM petitions GROUP BY kind")}
        last_change = (await self._one("SELECT coalesce(max(id), 0) FROM changes"))[0]
        details = (await self._one("SELECT count(*) FROM details_queue WHERE state = 'pending'"))[0]
        return StoreStats(
            with_details=max(0, total - demo - details),
            petitions=total,
            demo=demo,
            with_response=answered,
            by_kind=kinds,
            last_change_id=last_change,
            last_refresh=await self.get_meta("last_refresh"),
            path=str(self.path),
        )

    async def changes_since(self, after_id: int, limit: int = 100) -> list[Change]:
        rows = await self._all(
            "SELECT id, number, kind, detail, at, history FROM changes WHERE id > ? ORDER BY id LIMIT ?",
            (after_id, limit),
        )
        return [
            Change(r[0], r[1], r[2], json.loads(r[3]), datetime.fromisoformat(r[4]), bool(r[5])) for r in rows
        ]

    async def get_meta(self, key: str) -> str | None:
        row = await self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Outside a transaction this commits by itself (autocommit)."""
        await self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def integrity_check(self) -> str:
        return (await self._one("PRAGMA integrity_check"))[0]

    # --- writes -------------------------------------------------------------------

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
        now = now or datetime.now(UTC)
        stamp = now.isoformat()
        items = await self._keep_apart_from_demo(items)
        batch: dict[str, Prepared] = {}
        for item in items:
            prior = batch.get(item.petition.number)
            if prior is not None:
                merged = prior.petition.merge(item.petition)
                item = Prepared(merged, item.countries or prior.countries, item.source_hash)
            batch[item.petition.number] = item

        result = UpsertResult()
        existing = await self.hashes(list(batch))
        replaced: list[Petition] = []  # the old versions of changed records, whose words leave the index
        rows: list[tuple[Any, ...]] = []
        journal: list[tuple[Any, ...]] = []
        written: list[Prepared] = []
        relabel: list[tuple[str, str, str]] = []
        for number, item in batch.items():
            p = item.petition
            before = existing.get(number)
            old: Petition | None = None
            if before is not None:
                old = Petition.from_dict(json.loads(before[2]))
                p = old.merge(p)
                if p.fetched_at and old.fetched_at and p.fetched_at < old.fetched_at:
                    p = _with_fetched(p, old.fetched_at)
                item = Prepared(p, item.countries, item.source_hash)
            encoded = p.to_dict()
            digest = digest_of(encoded)
            if before is not None and digest == before[1]:
                result.unchanged.append(number)
                if item.source_hash is not None:  # the same record read from other bytes: remember these
                    relabel.append((item.source_hash, number, item.source_hash))
                continue
            (result.changed if old else result.new).append(number)
            if old is not None:
                replaced.append(old)
            rows.append(_row(p, encoded, digest, stamp, item.source_hash))
            journal.extend(
                (number, kind, json.dumps(detail, ensure_ascii=False), stamp, int(history or _is_past(kind, p, now)))
                for kind, detail in _journal(old, p)
            )
            written.append(item)

        if relabel:
            await self.conn.executemany(
                "UPDATE petitions SET source_hash = ? WHERE number = ? AND source_hash IS NOT ?", relabel
            )
        if not rows:
            return result
        await self.conn.executemany(_UPSERT_SQL, rows)
        numbers = [item.petition.number for item in written]
        ids = {n: v[0] for n, v in (await self.hashes(numbers)).items()}
        await self.conn.executemany("DELETE FROM petition_fts WHERE rowid = ?", [(ids[n],) for n in result.changed])
        await self.conn.executemany(
            "INSERT INTO petition_fts (rowid, number, title, keywords, body, response, sponsor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ids[item.petition.number], *fts_columns(item.petition)) for item in written],
        )
        await self._count_terms(replaced, -1)
        await self._count_terms([item.petition for item in written], 1)
        for i in range(0, len(numbers), CHUNK):
            chunk = numbers[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            await self.conn.execute(f"DELETE FROM petition_keywords WHERE number IN ({marks})", chunk)
            await self.conn.execute(f"DELETE FROM petition_countries WHERE number IN ({marks})", chunk)
        await self.conn.executemany(
            "INSERT INTO petition_keywords (number, position, keyword_id, name_en, name_fr, folded) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (item.petition.number, i, kw.id, kw.name.en, kw.name.fr, fold(kw.name.en or kw.name.fr))
                for item in written
                for i, kw in enumerate(item.petition.keywords)
            ],
        )
        await self.conn.executemany(
            "INSERT INTO petition_countries (number, code, is_primary, mentions, last_event, status_id, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    item.petition.number,
                    c.code,
                    int(c.primary),
                    c.mentions,
                    last_event(item.petition, now),
                    item.petition.status_id,
                    item.petition.kind,
                )
                for item in written
                for c in item.countries
            ],
        )
        await self.conn.executemany(
            "INSERT INTO changes (number, kind, detail, at, history) VALUES (?, ?, ?, ?, ?)", journal
        )
        return result

    async def _keep_apart_from_demo(self, items: Iterable[Prepared]) -> list[Prepared]:
        """The batch without demo records when real ones are stored, after removing demo ones if real ones arrive."""
        batch = list(items)
        if not batch:
            return batch
        real = [item for item in batch if not item.petition.demo]
        if real and len(real) < len(batch):
            log.warning("skipped %d demo records offered with real ones", len(batch) - len(real))
        if real:
            await self.remove_demo_in_transaction()
            return real
        if await self._one("SELECT 1 FROM petitions WHERE demo = 0 LIMIT 1"):
            log.warning("skipped %d demo records: this store holds real petitions", len(batch))
            return []
        return batch

    async def remove_demo_in_transaction(self) -> int:
        """Delete every demo record (and its index rows); the caller holds the transaction."""
        rows = await self._all("SELECT id, number, record FROM petitions WHERE demo = 1")
        if not rows:
            return 0
        await self.conn.executemany("DELETE FROM petition_fts WHERE rowid = ?", [(r[0],) for r in rows])
        await self._count_terms([Petition.from_dict(json.loads(r[2])) for r in rows], -1)
        await self.conn.execute("DELETE FROM petitions WHERE demo = 1")
        await self.conn.executemany("DELETE FROM details_queue WHERE number = ?", [(r[1],) for r in rows])
        log.info("removed %d demo records: real data has arrived", len(rows))
        return len(rows)

    async def content_digest(self) -> str:
        """One hash of every record's content (not when it was fetched), to compare two stores."""
        import hashlib

        digest = hashlib.sha256()
        async with self.conn.execute("SELECT number, hash FROM petitions ORDER BY number") as cur:
            async for number, value in cur:
                digest.update(f"{number}\t{value}\n".encode())
        return digest.hexdigest()

    async def put_http_cache(self, url: str, etag: str | None, last_modified: str | None, body_hash: str) -> None:
        await self.conn.execute(
            "INSERT INTO http_cache (url, etag, last_modified, body_hash, fetched_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "body_hash = excluded.body_hash, fetched_at = excluded.fetched_at",
            (url, etag, last_modified, body_hash, datetime.now(UTC).isoformat()),
        )

    async def get_http_cache(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        row = await self._one("SELECT etag, last_modified, body_hash FROM http_cache WHERE url = ?", (url,))
        return (row[0], row[1], row[2]) if row else None


_UPSERT_SQL = """
INSERT INTO petitions (
    number, kind, parliament, session, seq, presented_number, status_id, subject_en, subject_fr,
    sponsor_name, sponsor_id, opened_at, closed_at, presented_on, response_tabled_on, last_event,
    has_response, signatures, demo, hash, record, fetched_at, updated_at, source_hash, due_on
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (number) DO UPDATE SET
    kind = excluded.kind, parliament = excluded.parliament, session = excluded.session, seq = excluded.seq,
    presented_number = excluded.presented_number, status_id = excluded.status_id,
    subject_en = excluded.subject_en, subject_fr = excluded.subject_fr,
    sponsor_name = excluded.sponsor_name, sponsor_id = excluded.sponsor_id,
    opened_at = excluded.opened_at, closed_at = excluded.closed_at, presented_on = excluded.presented_on,
    response_tabled_on = excluded.response_tabled_on, last_event = excluded.last_event,
    has_response = excluded.has_response, signatures = excluded.signatures, demo = excluded.demo,
    hash = excluded.hash, record = excluded.record, fetched_at = excluded.fetched_at,
    source_hash = excluded.source_hash, due_on = excluded.due_on,
    updated_at = excluded.updated_at
"""


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def last_event(p: Petition, now: datetime | None = None) -> str | None:
    """The latest event that has happened, as an ISO date, for recency ordering.

    An open petition's closing date is still ahead: it does not count until it passes.
    """
    today = (now or datetime.now(UTC)).date()
    days = [
        d.date() if isinstance(d, datetime) else d
        for d in (p.response_tabled_on, p.presented_on, p.certified_on, p.closed_at, p.opened_at)
        if d is not None
    ]
    past = [d for d in days if d <= today]
    chosen = past or days
    return max(chosen).isoformat() if chosen else None


def _row(
    p: Petition, encoded: dict[str, Any], digest: str, stamp: str, source_hash: str | None = None
) -> tuple[Any, ...]:
    seq = int(p.number.split("-", 1)[1]) if "-" in p.number else None
    return (
        p.number,
        p.kind,
        p.parliament,
        p.session,
        seq,
        p.presented_number,
        p.status_id,
        p.subject.en,
        p.subject.fr,
        p.sponsor.name if p.sponsor else None,
        p.sponsor.person_id if p.sponsor else None,
        _iso(p.opened_at),
        _iso(p.closed_at),
        _iso(p.presented_on),
        _iso(p.response_tabled_on),
        last_event(p, datetime.fromisoformat(stamp)),
        int(p.has_response),
        p.signatures,
        int(p.demo),
        digest,
        json.dumps(encoded, ensure_ascii=False, separators=(",", ":")),
        _iso(p.fetched_at),
        stamp,
        source_hash,
        _iso(deadlines.petition_due(p)),
    )


def fts_columns(p: Petition) -> tuple[str, str, str, str, str, str]:
    """The text the full-text index holds, both languages side by side."""

    def both(values: Iterable[str | None]) -> str:
        # No need to tidy spaces: the tokenizer splits on any white space.
        return " \n ".join(v for v in values if v)

    grievances = [*(p.grievances.en or []), *(p.grievances.fr or [])]
    prayer = [*(p.prayer.en or []), *(p.prayer.fr or [])]
    response = []
    if p.response:
        response = [*(p.response.paragraphs.en or []), *(p.response.paragraphs.fr or [])]
    return (
        p.number + (" " + p.presented_number if p.presented_number else ""),
        both([p.subject.en, p.subject.fr]),
        both(v for kw in p.keywords for v in (kw.name.en, kw.name.fr)),
        both([*grievances, *prayer]),
        both(response),
        p.sponsor.name if p.sponsor else "",
    )


def _journal(old: Petition | None, new: Petition) -> list[tuple[str, dict[str, Any]]]:
    """What changed in words an alert can use."""
    if old is None:
        return [("new", {"status_id": new.status_id, "subject": new.subject.en or new.subject.fr})]
    out: list[tuple[str, dict[str, Any]]] = []
    if new.has_response and not old.has_response:
        out.append(("response", {"tabled_on": _iso(new.response_tabled_on)}))
    if new.status_id != old.status_id:
        out.append(("status", {"from": old.status_id, "to": new.status_id}))
    if not out:
        out.append(("changed", {}))
    return out


def _is_past(kind: str, p: Petition, now: datetime) -> bool:
    """Whether an entry tells of something that happened well before it was seen."""
    when: date | datetime | str | None = p.response_tabled_on if kind == "response" else last_event(p, now)
    if when is None:
        return False
    day = date.fromisoformat(when) if isinstance(when, str) else when
    if isinstance(day, datetime):
        day = day.date()
    return day < (now - HISTORY_AFTER).date()


def _with_fetched(p: Petition, when: datetime) -> Petition:
    from dataclasses import replace

    return replace(p, fetched_at=when)


def latest_schema_version() -> int:
    """The version the numbered migrations bring a database to (the highest file in `migrations/`)."""
    return max((version for version, _ in _migrations()), default=0)


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("bot.petitions") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script, using SQLite's own notion of completeness."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
