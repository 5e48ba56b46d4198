"""The vocabulary: the terms of the FTS index with their petition counts.

The store keeps them in `search_terms` (the counts fts5vocab gives, without walking
the whole index). They are read once, off the main connection when the database is
a file, and read again in the background after changes. They serve spelling
suggestions (stale is fine) and prefix expansion (only when fresh, so a new word is
never missed): a long stem becomes the few indexed words it stands for,
`("refugee" OR "refugees")`, which FTS5 walks lazily where a prefix query merges
every doclist first. Until the vocabulary is current, plain prefix queries are used
(slower, never wrong).

The vocabulary lives on the store (`store.derived`), and so does its rebuilding
task: `Store.close()` cancels it.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import sqlite3
import time
from dataclasses import dataclass, field

from bot.petitions.search._limits import Limits
from bot.petitions.store import Store

log = logging.getLogger(__name__)

_KEY = "search:vocabulary"  # in store.derived: the values, and the task rebuilding them


@dataclass(slots=True)
class Vocabulary:
    terms: list[str]  # sorted
    docs: dict[str, int]  # term -> petitions holding it
    by_letter: dict[str, list[str]]
    cum: list[int] = field(default_factory=lambda: [0])  # cum[i]: petitions summed over terms[:i]
    rows: int = 0  # petitions indexed

    def span(self, prefix: str) -> tuple[int, int]:
        """The slice of `terms` that start with `prefix`."""
        lo = bisect.bisect_left(self.terms, prefix)
        return lo, bisect.bisect_left(self.terms, prefix + "\U0010ffff", lo)


@dataclass(frozen=True, slots=True)
class _Built:
    change: int  # the store's last change id when it was read
    at: float  # time.monotonic() when it was read
    vocab: Vocabulary


def _built(store: Store) -> _Built | None:
    return store.derived.values.get(_KEY)


async def vocabulary(store: Store) -> Vocabulary:
    """The vocabulary, built now if there is none yet, else possibly a little stale."""
    have = _built(store)
    if have is None:
        return await _refresh_vocabulary(store, await store.last_change_id())
    _maybe_refresh(store, await store.last_change_id())
    return have.vocab


async def current_vocabulary(store: Store) -> Vocabulary | None:
    """The vocabulary when it matches the store's last change, else None (and a rebuild is started)."""
    have = _built(store)
    if have is None:
        return None
    change = await store.last_change_id()
    if have.change != change:
        _maybe_refresh(store, change)
        return None
    return have.vocab


async def warm(store: Store) -> None:
    """Build the vocabulary ahead of the first search (call at startup, in the background)."""
    await _refresh_vocabulary(store, await store.last_change_id())


def _maybe_refresh(store: Store, change: int) -> None:
    have = _built(store)
    if have is None or have.change == change or store.derived.running(_KEY):
        return
    if time.monotonic() - have.at < Limits.VOCAB_REFRESH:
        return
    store.derived.start(_KEY, _refresh_quietly(store, change))


async def _refresh_quietly(store: Store, change: int) -> None:
    try:
        await _refresh_vocabulary(store, change)
    except Exception:  # a background rebuild; searches fall back to prefix queries meanwhile
        log.warning("search vocabulary rebuild failed", exc_info=True)


async def _refresh_vocabulary(store: Store, change: int) -> Vocabulary:
    started = time.monotonic()
    path = str(store.path)
    if path == ":memory:" or not store.path.exists():
        rows = [(r["term"], r["docs"]) for r in await store.fetch_all(_VOCAB_SQL)]
        petitions = int(await store.fetch_value(_ROWS_SQL, default=0))
    else:
        rows, petitions = await asyncio.to_thread(_read_vocab, path)
    rows.sort()
    by_letter: dict[str, list[str]] = {}
    cum = [0]
    for term, docs in rows:
        by_letter.setdefault(term[0], []).append(term)
        cum.append(cum[-1] + docs)
    vocab = Vocabulary([t for t, _ in rows], dict(rows), by_letter, cum, petitions)
    store.derived.values[_KEY] = _Built(change, time.monotonic(), vocab)
    log.info("search vocabulary: %d terms in %.0f ms", len(rows), (time.monotonic() - started) * 1000)
    return vocab


_VOCAB_SQL = "SELECT term, docs FROM search_terms"
"""The counts of petition_vocab (3+ characters, no digit), kept by the store as it writes (migration 008):
reading them costs milliseconds where petition_vocab walks every posting of the index."""


_ROWS_SQL = "SELECT count(*) AS petitions FROM petitions"


def _read_vocab(path: str) -> tuple[list[tuple[str, int]], int]:
    """(term, petitions) pairs and the number of petitions, on a connection of this thread's own."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        terms: list[tuple[str, int]] = conn.execute(_VOCAB_SQL).fetchall()  # plain tuples, as selected
        (petitions,) = conn.execute(_ROWS_SQL).fetchone()
        return terms, int(petitions)
    finally:
        conn.close()
