"""Planning: read the journal after the cursor and queue what each channel should be told.

The cursor moves only in the transaction that queues what it matched, so a
journal entry is either matched and queued, or still ahead of the cursor.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.petitions.alerts._matching import facts_for, matches
from bot.petitions.alerts._model import (
    PLAN_BATCH,
    PRIORITY,
    Facts,
    Subscription,
    iso,
    sub_columns,
    subscription_from,
)
from bot.petitions.store import Change, Store

log = logging.getLogger(__name__)


async def cursor(store: Store) -> int:
    """The last journal entry already matched against the follows."""
    return await store.fetch_value("SELECT last_change_id FROM alert_cursor WHERE id = 1", default=0)


async def _set_cursor(conn: aiosqlite.Connection, value: int, stamp: str) -> None:
    await conn.execute(
        "INSERT INTO alert_cursor (id, last_change_id, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET last_change_id = excluded.last_change_id, updated_at = excluded.updated_at",
        (value, stamp),
    )


async def _active(store: Store) -> list[Subscription]:
    rows = await store.fetch_all(f"SELECT {sub_columns()} FROM subscriptions WHERE active = 1 ORDER BY id")
    return [subscription_from(r) for r in rows]


async def _whole_writes(store: Store, changes: list[Change]) -> list[Change]:
    """A full batch may end halfway through one write's entries (a response and its status change):
    leave that write for the next batch, or, when it fills the whole batch, read the rest of it now."""
    last = changes[-1]
    group = (last.number, last.at)
    kept = [c for c in changes if (c.number, c.at) != group]
    if kept:
        return kept
    while True:
        more = await store.changes_since(changes[-1].id, 16)
        same = list(itertools.takewhile(lambda c: (c.number, c.at) == group, more))
        changes = changes + same
        if len(same) < len(more) or not more:
            return changes


async def plan(store: Store, *, limit: int = PLAN_BATCH, now: datetime | None = None) -> int:
    """Match the journal entries after the cursor and queue one post per channel that wants each.

    Returns how many posts were queued. Everything happens in one transaction
    of our own (it waits its turn behind a refresh, never joins it): what is
    read is committed (never a refresh's half-written batch that may yet roll
    back), and the queue rows and the new cursor are written together.
    """
    stamp = iso(now or datetime.now(UTC))
    async with store.transaction() as conn:
        after = await cursor(store)
        subs = await _active(store)
        if not subs:
            end = await store.last_change_id()
            if end != after:  # nobody listens: skip ahead instead of reading the journal
                await _set_cursor(conn, end, stamp)
            return 0
        changes = await store.changes_since(after, limit)
        if not changes:
            return 0
        if len(changes) >= limit:
            changes = await _whole_writes(store, changes)
        facts = await facts_for(store, {c.number for c in changes if c.kind in PRIORITY})
        rows = _queue_rows(subs, changes, facts, stamp)
        before = conn.total_changes
        # A follow removed since it was read above must not get a queue row (nor break the batch).
        await conn.executemany(
            "INSERT OR IGNORE INTO alert_deliveries (subscription_id, change_id, channel_id, queued_at) "
            "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = ? AND active = 1)",
            rows,
        )
        queued = conn.total_changes - before
        await _set_cursor(conn, changes[-1].id, stamp)
    if queued:
        log.info("alerts: queued %d posts for journal entries %d-%d", queued, changes[0].id, changes[-1].id)
    return queued


def _queue_rows(
    subs: Sequence[Subscription], changes: Sequence[Change], facts: dict[str, Facts], stamp: str
) -> list[tuple[Any, ...]]:
    """One queue row per channel and write: the most telling entry, for the oldest follow that wants it."""
    groups: dict[tuple[str, datetime], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.number, change.at), []).append(change)
    rows: list[tuple[Any, ...]] = []
    for (number, _at), group in groups.items():
        petition = facts.get(number)
        if petition is None:
            continue
        best: dict[int, tuple[int, int, Change]] = {}  # channel -> (priority, subscription id, change)
        for sub in subs:
            for change in group:
                if not matches(sub, change, petition):
                    continue
                candidate = (PRIORITY[change.kind], sub.id, change)
                held = best.get(sub.channel_id)
                if held is None or candidate[:2] < held[:2]:
                    best[sub.channel_id] = candidate
        for channel_id, (_priority, sub_id, change) in best.items():
            rows.append((sub_id, change.id, channel_id, stamp, sub_id))
    return rows
