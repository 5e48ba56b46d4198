"""Writing a batch: each record merged with the stored one, its index rows, its counts, its journal.

Everything here runs on the store's connection inside the caller's transaction
(`Store.transaction`), so a batch is in the file whole or not at all, journal included.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.petitions.model import Petition, digest_of
from bot.petitions.store._rows import (
    UPSERT_SQL,
    fts_columns,
    is_past,
    journal_entries,
    last_event,
    petition_row,
)
from bot.petitions.store._types import CHUNK, Prepared, UpsertResult
from bot.petitions.text import fold

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Plan:
    """What a batch writes, worked out against the stored versions before anything is written."""

    result: UpsertResult = field(default_factory=UpsertResult)
    replaced: list[Petition] = field(default_factory=list)
    """The old versions of changed records, whose words leave the index."""
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    journal: list[tuple[Any, ...]] = field(default_factory=list)
    written: list[Prepared] = field(default_factory=list)
    relabel: list[tuple[str, str, str]] = field(default_factory=list)
    """Unchanged records read from other bytes: their new source hash is remembered."""


async def upsert_in_transaction(
    conn: aiosqlite.Connection, items: Iterable[Prepared], *, now: datetime | None, history: bool
) -> UpsertResult:
    """`Store.upsert_in_transaction`: merge, compare, then write only what changed."""
    now = now or datetime.now(UTC)
    batch = _one_per_number(await keep_apart_from_demo(conn, items))
    plan = await _plan(conn, batch, now, history)
    if plan.relabel:
        await conn.executemany(
            "UPDATE petitions SET source_hash = ? WHERE number = ? AND source_hash IS NOT ?", plan.relabel
        )
    if plan.rows:
        await _write_plan(conn, plan, now)
    return plan.result


def _one_per_number(items: Iterable[Prepared]) -> dict[str, Prepared]:
    """The batch with records of the same number merged, in the order first seen."""
    batch: dict[str, Prepared] = {}
    for item in items:
        prior = batch.get(item.petition.number)
        if prior is not None:
            merged = prior.petition.merge(item.petition)
            item = Prepared(merged, item.countries or prior.countries, item.source_hash)
        batch[item.petition.number] = item
    return batch


async def _plan(
    conn: aiosqlite.Connection, batch: dict[str, Prepared], now: datetime, history: bool
) -> _Plan:
    stamp = now.isoformat()
    plan = _Plan()
    existing = await stored_versions(conn, list(batch))
    for number, item in batch.items():
        before = existing.get(number)
        old: Petition | None = None
        if before is not None:
            old, item = _merged_with_stored(item, before[2])
        p = item.petition
        encoded = p.to_dict()
        digest = digest_of(encoded)
        if before is not None and digest == before[1]:
            plan.result.unchanged.append(number)
            if item.source_hash is not None:  # the same record read from other bytes: remember these
                plan.relabel.append((item.source_hash, number, item.source_hash))
            continue
        (plan.result.changed if old is not None else plan.result.new).append(number)
        if old is not None:
            plan.replaced.append(old)
        plan.rows.append(petition_row(p, encoded, digest, stamp, item.source_hash))
        plan.journal.extend(
            (
                number,
                kind,
                json.dumps(detail, ensure_ascii=False),
                stamp,
                int(history or is_past(kind, p, now)),
            )
            for kind, detail in journal_entries(old, p)
        )
        plan.written.append(item)
    return plan


def _merged_with_stored(item: Prepared, record: str) -> tuple[Petition, Prepared]:
    """The stored version, and the incoming record merged into it (`Petition.merge`), so a
    listing row never erases what a details page said; the later fetch time is kept."""
    old = Petition.from_dict(json.loads(record))
    p = old.merge(item.petition)
    if p.fetched_at and old.fetched_at and p.fetched_at < old.fetched_at:
        p = replace(p, fetched_at=old.fetched_at)
    return old, Prepared(p, item.countries, item.source_hash)


async def _write_plan(conn: aiosqlite.Connection, plan: _Plan, now: datetime) -> None:
    await conn.executemany(UPSERT_SQL, plan.rows)
    written = [item.petition for item in plan.written]
    ids = await _ids(conn, [p.number for p in written])
    await conn.executemany(
        "DELETE FROM petition_fts WHERE rowid = ?", [(ids[n],) for n in plan.result.changed]
    )
    await conn.executemany(
        "INSERT INTO petition_fts (rowid, number, title, keywords, body, response, sponsor) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(ids[p.number], *fts_columns(p)) for p in written],
    )
    await count_terms(conn, plan.replaced, -1)
    await count_terms(conn, written, 1)
    await _write_links(conn, plan.written, now)
    await conn.executemany(
        "INSERT INTO changes (number, kind, detail, at, history) VALUES (?, ?, ?, ?, ?)", plan.journal
    )


async def _write_links(conn: aiosqlite.Connection, written: Sequence[Prepared], now: datetime) -> None:
    """The keyword and country rows of the written records, in place of their old ones."""
    numbers = [item.petition.number for item in written]
    for i in range(0, len(numbers), CHUNK):
        chunk = numbers[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        await conn.execute(f"DELETE FROM petition_keywords WHERE number IN ({marks})", chunk)
        await conn.execute(f"DELETE FROM petition_countries WHERE number IN ({marks})", chunk)
    await conn.executemany(
        "INSERT INTO petition_keywords (number, position, keyword_id, name_en, name_fr, folded) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (item.petition.number, i, kw.id, kw.name.en, kw.name.fr, fold(kw.name.en or kw.name.fr))
            for item in written
            for i, kw in enumerate(item.petition.keywords)
        ],
    )
    await conn.executemany(
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


# --- reads a write needs ------------------------------------------------------------------------


async def _all(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
    async with conn.execute(sql, params) as cur:
        return list(await cur.fetchall())


async def stored_versions(
    conn: aiosqlite.Connection, numbers: Sequence[str]
) -> dict[str, tuple[int, str, str]]:
    """number → (id, hash, record JSON) for the numbers already stored."""
    out: dict[str, tuple[int, str, str]] = {}
    for i in range(0, len(numbers), CHUNK):
        chunk = list(numbers[i : i + CHUNK])
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT number, id, hash, record FROM petitions WHERE number IN ({marks})"
        for row in await _all(conn, sql, chunk):
            out[row["number"]] = (row["id"], row["hash"], row["record"])
    return out


async def _ids(conn: aiosqlite.Connection, numbers: Sequence[str]) -> dict[str, int]:
    """number → row id (the full-text row's id), from the primary key's index alone."""
    out: dict[str, int] = {}
    for i in range(0, len(numbers), CHUNK):
        chunk = list(numbers[i : i + CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in await _all(conn, f"SELECT number, id FROM petitions WHERE number IN ({marks})", chunk):
            out[row["number"]] = row["id"]
    return out


# --- counts -------------------------------------------------------------------------------------


async def count_terms(conn: aiosqlite.Connection, petitions: Sequence[Petition], sign: int) -> None:
    """Add (`sign` 1) or take away (-1) the words of these petitions' full-text rows in `search_terms`."""
    if not petitions:
        return
    await conn.executemany(
        "INSERT INTO temp.term_batch (body) VALUES (?)",
        [(" \n ".join(fts_columns(p)),) for p in petitions],
    )
    await conn.execute(
        "INSERT INTO search_terms (term, docs) SELECT term, ? * doc FROM temp.term_batch_vocab "
        "WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*' "
        "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
        (sign,),
    )
    await conn.execute("INSERT INTO temp.term_batch (term_batch) VALUES ('delete-all')")
    if sign < 0:
        await conn.execute("DELETE FROM search_terms WHERE docs <= 0")
    await _count_names(conn, petitions, sign)


async def _count_names(conn: aiosqlite.Connection, petitions: Sequence[Petition], sign: int) -> None:
    """Add or take away these petitions in the count tables (keywords, subjects, sponsors, statuses)."""
    await conn.executemany(
        "INSERT INTO keyword_counts (folded, name_en, name_fr, petitions) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (folded) DO UPDATE SET petitions = petitions + excluded.petitions, "
        "name_en = max(name_en, excluded.name_en), name_fr = max(name_fr, excluded.name_fr)",
        _keyword_counts(petitions, sign),
    )
    subjects = Counter(
        (p.subject.en or "", p.subject.fr or "") for p in petitions if p.subject.en or p.subject.fr
    )
    await conn.executemany(
        "INSERT INTO subject_counts (subject_en, subject_fr, petitions) VALUES (?, ?, ?) "
        "ON CONFLICT (subject_en, subject_fr) DO UPDATE SET petitions = petitions + excluded.petitions",
        [(en, fr, sign * n) for (en, fr), n in subjects.items()],
    )
    sponsors = Counter(
        (p.sponsor.person_id or 0, p.sponsor.name) for p in petitions if p.sponsor and p.sponsor.name
    )
    await conn.executemany(
        "INSERT INTO sponsor_counts (sponsor_id, sponsor_name, petitions) VALUES (?, ?, ?) "
        "ON CONFLICT (sponsor_id, sponsor_name) DO UPDATE SET petitions = petitions + excluded.petitions",
        [(pid, name, sign * n) for (pid, name), n in sponsors.items()],
    )
    statuses = Counter((p.status_id or 0, p.kind) for p in petitions)
    await conn.executemany(
        "INSERT INTO status_counts (status_id, kind, petitions) VALUES (?, ?, ?) "
        "ON CONFLICT (status_id, kind) DO UPDATE SET petitions = petitions + excluded.petitions",
        [(status, kind, sign * n) for (status, kind), n in statuses.items()],
    )
    if sign < 0:
        await conn.execute("DELETE FROM status_counts WHERE petitions <= 0")
        await conn.execute("DELETE FROM sponsor_counts WHERE petitions <= 0")
        await conn.execute("DELETE FROM keyword_counts WHERE petitions <= 0")
        await conn.execute("DELETE FROM subject_counts WHERE petitions <= 0")


def _keyword_counts(petitions: Sequence[Petition], sign: int) -> list[list[Any]]:
    """(folded, English name, French name, petitions) per keyword, each petition counted once."""
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
    return list(keywords.values())


# --- the demo set -------------------------------------------------------------------------------


async def keep_apart_from_demo(conn: aiosqlite.Connection, items: Iterable[Prepared]) -> list[Prepared]:
    """The batch without demo records when real ones are stored, after removing demo ones if real ones arrive."""
    batch = list(items)
    if not batch:
        return batch
    real = [item for item in batch if not item.petition.demo]
    if real and len(real) < len(batch):
        log.warning("skipped %d demo records offered with real ones", len(batch) - len(real))
    if real:
        await remove_demo_in_transaction(conn)
        return real
    if await _all(conn, "SELECT 1 FROM petitions WHERE demo = 0 LIMIT 1"):
        log.warning("skipped %d demo records: this store holds real petitions", len(batch))
        return []
    return batch


async def remove_demo_in_transaction(conn: aiosqlite.Connection) -> int:
    """Delete every demo record (and its index rows); the caller holds the transaction."""
    rows = await _all(conn, "SELECT id, number, record FROM petitions WHERE demo = 1")
    if not rows:
        return 0
    await conn.executemany("DELETE FROM petition_fts WHERE rowid = ?", [(r["id"],) for r in rows])
    await count_terms(conn, [Petition.from_dict(json.loads(r["record"])) for r in rows], -1)
    await conn.execute("DELETE FROM petitions WHERE demo = 1")
    await conn.executemany("DELETE FROM details_queue WHERE number = ?", [(r["number"],) for r in rows])
    log.info("removed %d demo records: real data has arrived", len(rows))
    return len(rows)
