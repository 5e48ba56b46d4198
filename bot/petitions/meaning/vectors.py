"""What a petition's vector is computed from, and how vectors are kept in the store (migration 011).

A petition's vector is the mean of one vector per language it is written in, each from its subject,
keywords, "whereas" items and prayer: the same cause reads the same in English and French, and
a paper petition known in one language only is still found from the other. A petition with no
text yet (a listing row waiting for its details page) is described by its subject and keywords.

Each stored vector carries a hash of the model and of the text it was computed from, and the
record's hash when it was last looked at: a record that did not change is skipped without being
read, one whose text changed gets a new vector, and a new model version redoes them all.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.petitions.meaning.index import VectorIndex, quantize
from bot.petitions.model import LANGS, Petition
from bot.petitions.store import Store

MAX_CHARS = 2000
"""Characters of one language's text that are encoded: the opening says what a petition asks, and the
encoder averages over words, so the rest of a long text changes its vector little and costs time."""
_READ_ROWS = 4096


def petition_texts(p: Petition) -> list[str]:
    """One text per language the petition is written in (subject, keywords, grievances, prayer)."""
    texts: list[str] = []
    for lang in LANGS:
        body = [*(p.grievances.get(lang) or []), *(p.prayer.get(lang) or [])]
        if body:
            texts.append(_joined([p.subject.get(lang), *(kw.name.get(lang) for kw in p.keywords), *body]))
    if not texts:
        names = [p.subject.en, p.subject.fr, *(v for kw in p.keywords for v in (kw.name.en, kw.name.fr))]
        text = _joined(list(dict.fromkeys(names)))
        if text:
            texts.append(text)
    return texts


def _joined(parts: Sequence[str | None]) -> str:
    text = " ".join(" ".join(part.split()) for part in parts if part and part.strip())
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0]
    return text


def text_hash(model: str, texts: Sequence[str]) -> str:
    digest = hashlib.sha256(model.encode("utf-8"))
    for text in texts:
        digest.update(b"\x1e" + text.encode("utf-8"))
    return digest.hexdigest()


def combine(rows: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """The unit mean of each petition's language rows (`counts[i]` consecutive rows for petition i)."""
    out = np.zeros((len(counts), rows.shape[1] if rows.ndim == 2 else 0), dtype=np.float32)
    at = 0
    for i, n in enumerate(counts):
        if n:
            mean = rows[at : at + n].mean(axis=0)
            out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        at += n
    return out


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VectorRow:
    petition_id: int
    text_hash: str
    record_hash: str
    vector: np.ndarray  # unit float32


async def write_batch(
    store: Store, model: str, rows: Sequence[VectorRow], touched: Sequence[tuple[int, str]]
) -> None:
    """New vectors, and records looked at whose text had not changed, in one transaction.

    One small transaction per batch: a kill -9 loses at most the batch being computed.
    """
    if not rows and not touched:
        return
    q8, scales = quantize(np.stack([r.vector for r in rows])) if rows else (np.zeros((0, 0)), np.zeros(0))
    async with store.transaction() as conn:
        if rows:
            # Never reused, even when every vector was deleted: a running bot compares it with its own.
            stamp = await latest_stamp(store) + 1
            await store.set_meta(STAMP_KEY, str(stamp))
            await conn.executemany(
                "INSERT INTO petition_vectors (petition_id, model, text_hash, record_hash, vector, scale, stamp) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (petition_id) DO UPDATE SET model = excluded.model, "
                "text_hash = excluded.text_hash, record_hash = excluded.record_hash, vector = excluded.vector, "
                "scale = excluded.scale, stamp = excluded.stamp",
                [
                    (
                        r.petition_id,
                        model,
                        r.text_hash,
                        r.record_hash,
                        q8[i].tobytes(),
                        float(scales[i]),
                        stamp,
                    )
                    for i, r in enumerate(rows)
                ],
            )
        if touched:
            await conn.executemany(
                "UPDATE petition_vectors SET record_hash = ? WHERE petition_id = ?",
                [(record_hash, pid) for pid, record_hash in touched],
            )


_PENDING = (
    "FROM petitions p LEFT JOIN petition_vectors v ON v.petition_id = p.id "
    "WHERE (v.petition_id IS NULL OR v.record_hash IS NOT p.hash OR v.model IS NOT ?)"
)


async def pending_count(store: Store, model: str) -> int:
    """Petitions whose vector is missing, from another model, or older than their record."""
    return int(await store.fetch_value(f"SELECT count(*) {_PENDING}", (model,), 0))


async def pending_batch(
    store: Store, model: str, after: int, limit: int
) -> list[tuple[int, str, str, str | None]]:
    """(id, record hash, record JSON, stored text hash) of the next pending petitions after id `after`."""
    rows = await store.fetch_all(
        "SELECT p.id AS id, p.hash AS hash, p.record AS record, "
        f"CASE WHEN v.model = ? THEN v.text_hash END AS text_hash {_PENDING} AND p.id > ? ORDER BY p.id LIMIT ?",
        (model, model, after, limit),
    )
    return [(int(r["id"]), str(r["hash"]), str(r["record"]), r["text_hash"]) for r in rows]


def decode(record: str) -> Petition:
    return Petition.from_dict(json.loads(record))


async def counts(store: Store, model: str) -> tuple[int, int]:
    """(petitions, petitions with a current vector of this model)."""
    row = await store.fetch_one(
        "SELECT (SELECT count(*) FROM petitions) AS petitions, "
        "(SELECT count(*) FROM petition_vectors v JOIN petitions p ON p.id = v.petition_id "
        "WHERE v.model = ? AND v.record_hash = p.hash) AS vectors",
        (model,),
    )
    return (int(row["petitions"]), int(row["vectors"])) if row else (0, 0)


# --- loading into memory ------------------------------------------------------------------------


STAMP_KEY = "vectors_stamp"


async def latest_stamp(store: Store) -> int:
    """The stamp of the last batch written (two indexed reads): the highest stored, or the highest ever."""
    stored = int(await store.fetch_value("SELECT max(stamp) FROM petition_vectors", default=0))
    return max(stored, int(await store.get_meta(STAMP_KEY) or 0))


async def refresh_index(store: Store, index: VectorIndex) -> bool:
    """Load the batches written since `index` last looked (by this process or another); True if any.

    A file database is read on a connection of its own in a worker thread, so a full load (a
    second at 100,000 petitions) neither blocks the event loop nor holds the store's connection.
    """
    stamp = await latest_stamp(store)
    if stamp == index.stamp:
        return False
    path = str(store.path)
    own_file = path != ":memory:" and store.path.exists()
    if own_file:
        total = await asyncio.to_thread(_read_into, path, index, stamp)
    else:
        total = await _read_from_store(store, index, stamp)
    if total < len(index):  # vectors were deleted (petitions removed): start again from the table
        fresh = VectorIndex(index.model, index.dim)
        if own_file:
            await asyncio.to_thread(_read_into, path, fresh, stamp)
        else:
            await _read_from_store(store, fresh, stamp)
        index.take(fresh)
    return True


_COUNT_SQL = "SELECT count(*) FROM petition_vectors WHERE model = ?"
_VECTORS_SQL = "SELECT petition_id, vector, scale FROM petition_vectors WHERE model = ? AND stamp > ?"


async def _read_from_store(store: Store, index: VectorIndex, stamp: int) -> int:
    """`_read_into` through the store's own connection, for a database with no file to open again
    (in memory); returns how many vectors of the model are stored."""
    rows = await store.fetch_all(_VECTORS_SQL, (index.model, index.stamp))
    _apply(index, [(r["petition_id"], r["vector"], r["scale"]) for r in rows], stamp)
    return int(await store.fetch_value(_COUNT_SQL, (index.model,), 0))


def _read_into(path: str, index: VectorIndex, stamp: int) -> int:
    # Not the store's connection: plain tuples, which go straight into numpy without a lookup by name.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        total = int(conn.execute(_COUNT_SQL, (index.model,)).fetchone()[0])
        fresh = not len(index)
        if fresh:  # a full load: exactly the room needed, rows appended in place, indexed once
            index.reserve(total, exact=True)
        cur = conn.execute(f"{_VECTORS_SQL} AND stamp <= ?", (index.model, index.stamp, stamp))
        while True:
            rows = cur.fetchmany(_READ_ROWS)
            if not rows:
                break
            _apply(index, rows, None, append=fresh)
        if fresh:
            index.finish()
        index.stamp = max(index.stamp, stamp)
        return total
    finally:
        conn.close()


def _apply(
    index: VectorIndex, rows: Sequence[tuple[Any, ...]], stamp: int | None, *, append: bool = False
) -> None:
    """Add (petition id, int8 vector bytes, scale) rows, plain tuples in that order, to `index`."""
    if rows:
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        q8 = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8).reshape(len(rows), index.dim)
        scales = np.fromiter((r[2] for r in rows), dtype=np.float32, count=len(rows))
        if append:
            index.append(ids, q8, scales)
        else:
            index.update(ids, q8, scales)
    if stamp is not None:
        index.stamp = max(index.stamp, stamp)
