"""Delivery state: the queue of posts, what became of each, and the follows a gone channel stops.

A queued post leaves 'pending' only once Discord took it (or refused it for
good, or kept failing for a day); each mark is one transaction of its own.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from bot.petitions.alerts._model import (
    GIVE_UP_AFTER,
    PER_CHANNEL,
    SEND_BATCH,
    Alert,
    Outcome,
    Subscription,
    iso,
    sub_columns,
    subscription_from,
    when,
)
from bot.petitions.store import Change, Store

log = logging.getLogger(__name__)


async def due(store: Store, *, limit: int = SEND_BATCH, per_channel: int = PER_CHANNEL) -> list[Alert]:
    """Queued posts of running follows, oldest news first, at most `per_channel` per channel."""
    rows = await store.fetch_all(
        "SELECT d.attempts AS attempts, c.id AS change_id, c.number AS change_number, c.kind AS change_kind, "
        f"c.detail AS change_detail, c.at AS change_at, {sub_columns('s')} "
        "FROM alert_deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
        "JOIN changes c ON c.id = d.change_id "
        "WHERE d.status = 'pending' AND s.active = 1 ORDER BY d.change_id, d.channel_id LIMIT ?",
        (limit,),
    )
    per: dict[int, int] = {}
    picked: list[tuple[int, Change, Subscription]] = []
    for row in rows:
        sub = subscription_from(row)
        if per.get(sub.channel_id, 0) >= per_channel:
            continue
        per[sub.channel_id] = per.get(sub.channel_id, 0) + 1
        change = Change(
            row["change_id"],
            row["change_number"],
            row["change_kind"],
            json.loads(row["change_detail"]),
            datetime.fromisoformat(row["change_at"]),
        )
        picked.append((row["attempts"], change, sub))
    petitions = {p.number: p for p in await store.get_many(list({c.number for _, c, _ in picked}))}
    out: list[Alert] = []
    for attempts, change, sub in picked:
        petition = petitions.get(change.number)
        if petition is None:  # the record vanished; nothing to show
            await _finish(store, sub.id, change.id, "failed", error="petition not in the store")
            continue
        out.append(Alert(sub, change, petition, attempts))
    return out


async def _finish(
    store: Store,
    subscription_id: int,
    change_id: int,
    status: str,
    *,
    error: str | None = None,
    message_id: int | None = None,
    stamp: str | None = None,
) -> None:
    stamp = stamp or iso(datetime.now(UTC))
    async with store.transaction() as conn:
        await conn.execute(
            "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_try_at = ?, "
            "first_try_at = coalesce(first_try_at, ?), last_error = coalesce(?, last_error), "
            "message_id = coalesce(?, message_id), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END "
            "WHERE subscription_id = ? AND change_id = ? AND status = 'pending'",
            (status, stamp, stamp, error, message_id, status, stamp, subscription_id, change_id),
        )


async def record(store: Store, alert: Alert, outcome: Outcome, *, now: datetime | None = None) -> list[int]:
    """Write down what became of a post; returns the follows stopped because their channel is gone."""
    moment = now or datetime.now(UTC)
    stamp = iso(moment)
    sub, change = alert.subscription, alert.change
    if outcome.status == "sent":
        await _finish(store, sub.id, change.id, "sent", message_id=outcome.message_id, stamp=stamp)
        return []
    if outcome.status == "failed":
        log.warning("alert %s for change %s refused for good: %s", sub.id, change.id, outcome.detail)
        await _finish(store, sub.id, change.id, "failed", error=outcome.detail[:500], stamp=stamp)
        return []
    if outcome.status == "retry":
        await _retry_later(store, alert, outcome, moment)
        return []
    # gone: every follow posting in that channel would fail the same way
    return await _stop_channel(store, sub.channel_id, outcome, stamp)


async def _retry_later(store: Store, alert: Alert, outcome: Outcome, moment: datetime) -> None:
    """Keep the post pending for the next cycle, unless Discord has kept failing it for a day."""
    stamp = iso(moment)
    sub, change = alert.subscription, alert.change
    first = when(
        await store.fetch_value(
            "SELECT first_try_at FROM alert_deliveries WHERE subscription_id = ? AND change_id = ?",
            (sub.id, change.id),
        )
    )
    stale = first is not None and moment - first > GIVE_UP_AFTER
    if stale:
        log.warning("alert %s for change %s given up after a day of failures", sub.id, change.id)
    async with store.transaction() as conn:
        await conn.execute(
            "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_try_at = ?, "
            "first_try_at = coalesce(first_try_at, ?), last_error = ? "
            "WHERE subscription_id = ? AND change_id = ? AND status = 'pending'",
            ("failed" if stale else "pending", stamp, stamp, outcome.detail[:500], sub.id, change.id),
        )


async def _stop_channel(store: Store, channel_id: int, outcome: Outcome, stamp: str) -> list[int]:
    """Stop every running follow of a channel the bot cannot post in, with a reason the server can read."""
    reason = outcome.reason or "not_found"
    async with store.transaction() as conn:
        stopped = [
            r["id"]
            for r in await store.fetch_all(
                "SELECT id FROM subscriptions WHERE channel_id = ? AND active = 1", (channel_id,)
            )
        ]
        await conn.execute(
            "UPDATE subscriptions SET active = 0, inactive_reason = ?, inactive_detail = ?, inactive_at = ? "
            "WHERE channel_id = ? AND active = 1",
            (reason, outcome.detail[:300], stamp, channel_id),
        )
        await conn.execute(
            "UPDATE alert_deliveries SET status = 'dropped', last_try_at = ?, last_error = ? "
            "WHERE channel_id = ? AND status = 'pending'",
            (stamp, f"{reason}: {outcome.detail}"[:500], channel_id),
        )
    log.warning(
        "alerts in channel %s stopped (%s: %s); follows %s", channel_id, reason, outcome.detail, stopped
    )
    return stopped
