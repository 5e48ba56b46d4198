"""What the backfill keeps in the database: the position of the listing walk and the details queue.

Every page's work is one small transaction, so a kill -9 loses at most the
request in flight and the next run resumes where this one stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.petitions.backfill._site import has_details
from bot.petitions.model import Petition
from bot.petitions.status import FINISHED, Status
from bot.petitions.store import Store, UpsertResult

QUEUE_BATCH = 25
MAX_ATTEMPTS = 3
"""A details page that cannot be read is tried this many times (once per batch) before it is given up."""

_FINISHED_IDS = tuple(sorted(int(s) for s in FINISHED))
"""Answered, closed, not certified, or ended by a dissolution: nothing is awaited."""


# --- where the history stands ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryStatus:
    """How much of the history the store holds, for /about, /admin status and `petitionbot status`."""

    listed: int
    expected: int | None
    listing_done: bool
    details_done: int
    details_pending: int
    details_missing: int
    details_failed: int
    started: bool

    @property
    def complete(self) -> bool:
        return self.listing_done and self.details_pending == 0

    @property
    def details_share(self) -> float:
        total = self.details_done + self.details_pending
        return self.details_done / total if total else 1.0


async def history_status(store: Store) -> HistoryStatus:
    rows = await store.fetch_all(
        "SELECT parliament, category, total, done FROM backfill_listing ORDER BY parliament"
    )
    expected = sum(r["total"] or 0 for r in rows if r["category"] == "All") or None
    started = bool(rows)
    listing_done = started and await store.get_meta("backfill_listing_done") == "1"
    listed = await store.fetch_value("SELECT count(*) AS n FROM petitions WHERE demo = 0", default=0)
    counts = {
        r["state"]: r["n"]
        for r in await store.fetch_all("SELECT state, count(*) AS n FROM details_queue GROUP BY state")
    }
    pending = counts.get("pending", 0)
    return HistoryStatus(
        listed=listed,
        expected=expected,
        listing_done=listing_done,
        details_done=max(0, listed - pending),
        details_pending=pending,
        details_missing=counts.get("missing", 0),
        details_failed=counts.get("failed", 0),
        started=started,
    )


# --- the listing walk ------------------------------------------------------------------


@dataclass(slots=True)
class ListingState:
    """Where the walk of one Parliament's listing stands (`total` and `pages` are the site's, from page 1)."""

    total: int | None = None
    pages: int | None = None
    next_page: int = 1
    done: bool = False


async def listing_state(store: Store, parliament: int, category: str) -> ListingState:
    row = await store.fetch_one(
        "SELECT total, pages, next_page, done FROM backfill_listing WHERE parliament = ? AND category = ?",
        (parliament, category),
    )
    if row is None:
        return ListingState()
    return ListingState(row["total"], row["pages"], row["next_page"], bool(row["done"]))


async def store_listing_page(
    store: Store,
    rows: Sequence[Petition],
    parliament: int,
    category: str,
    state: ListingState,
    next_page: int,
    done: bool,
) -> UpsertResult:
    """One page's rows, the details they need and the walk's new position: one transaction."""
    from bot.petitions.ingest import prepare

    now = datetime.now(UTC)
    async with store.transaction() as conn:
        result = await store.upsert_in_transaction([prepare(p) for p in rows], now=now, history=True)
        stored = await store.get_many([p.number for p in rows])
        lacking = [(p.number, now.isoformat()) for p in stored if not p.demo and not has_details(p)]
        await conn.executemany(
            "INSERT INTO details_queue (number, queued_at) VALUES (?, ?) ON CONFLICT (number) DO NOTHING",
            lacking,
        )
        await conn.execute(
            "INSERT INTO backfill_listing (parliament, category, total, pages, next_page, done, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (parliament, category) DO UPDATE SET "
            "total = excluded.total, pages = excluded.pages, next_page = excluded.next_page, "
            "done = excluded.done, updated_at = excluded.updated_at",
            (parliament, category, state.total, state.pages, next_page, int(done), now.isoformat()),
        )
    return result


# --- the details queue -----------------------------------------------------------------


async def pending(store: Store) -> int:
    return await store.fetch_value(
        "SELECT count(*) AS n FROM details_queue WHERE state = 'pending'", default=0
    )


async def current_parliament(store: Store) -> int | None:
    listed = await store.fetch_value(
        "SELECT max(parliament) AS parliament FROM backfill_listing WHERE category = 'All' AND total > 0"
    )
    if listed is not None:
        return int(listed)
    stored = await store.fetch_value("SELECT max(parliament) AS parliament FROM petitions WHERE demo = 0")
    return int(stored) if stored is not None else None


async def urgent(store: Store) -> str | None:
    """The oldest petition someone asked for whose details are still queued."""
    return await store.fetch_value(
        "SELECT number FROM details_queue WHERE state = 'pending' AND urgent = 1 ORDER BY queued_at LIMIT 1"
    )


async def next_batch(store: Store, current: int | None) -> list[str]:
    """The next queued petitions in order of use: the current Parliament's open and awaiting ones,
    then the answered ones newest first, then the rest."""
    marks = ",".join("?" * len(_FINISHED_IDS))
    rows = await store.fetch_all(
        "SELECT q.number AS number FROM details_queue q JOIN petitions p ON p.number = q.number "
        "WHERE q.state = 'pending' ORDER BY q.urgent DESC, "
        f"CASE WHEN p.parliament = ? AND coalesce(p.status_id, 0) NOT IN ({marks}) AND p.has_response = 0 "
        "THEN 1 WHEN p.has_response = 1 OR p.status_id = ? THEN 2 ELSE 3 END, "
        "p.last_event DESC, q.number DESC LIMIT ?",
        (current if current is not None else -1, *_FINISHED_IDS, int(Status.ANSWERED), QUEUE_BATCH),
    )
    return [r["number"] for r in rows]


async def store_details(store: Store, record: Petition, stamp: str, *, history: bool = True) -> None:
    """A details record and its queue entry, in one transaction."""
    from bot.petitions.ingest import prepare

    async with store.transaction() as conn:
        await store.upsert_in_transaction([prepare(record)], history=history)
        await conn.execute(
            "UPDATE details_queue SET state = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL "
            "WHERE number IN (?, ?)",
            (stamp, record.number, record.presented_number or record.number),
        )


async def count_unreadable(store: Store, number: str, stamp: str, error: str) -> bool:
    """One more unreadable try of a queued page; True when that was its last (it is given up)."""
    async with store.transaction() as conn:
        cur = await conn.execute(
            "UPDATE details_queue SET attempts = attempts + 1, last_error = ?, done_at = ?, "
            "state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE state END WHERE number = ? "
            "RETURNING state",
            (error, stamp, MAX_ATTEMPTS, number),
        )
        row = await cur.fetchone()
    return row is not None and row["state"] == "failed"


async def mark(store: Store, number: str, state: str, stamp: str, error: str) -> None:
    async with store.transaction() as conn:
        await conn.execute(
            "UPDATE details_queue SET state = ?, done_at = ?, attempts = attempts + 1, last_error = ? "
            "WHERE number = ?",
            (state, stamp, error, number),
        )


async def hurry(store: Store, number: str) -> bool:
    """Put a petition whose details are still queued at the front; True when it was queued."""
    async with store.transaction() as conn:
        cur = await conn.execute(
            "UPDATE details_queue SET urgent = 1 WHERE number = ? AND state = 'pending'", (number,)
        )
        return cur.rowcount > 0
