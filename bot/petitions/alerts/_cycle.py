"""One alert cycle (match what is new, then post what is queued) and the figures a status screen shows."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.petitions.alerts._delivery import due, record
from bot.petitions.alerts._model import (
    PER_CHANNEL,
    PLAN_BATCH,
    PLAN_ROUNDS,
    SEND_BATCH,
    CycleReport,
    Outcome,
    Post,
)
from bot.petitions.alerts._planning import cursor, plan
from bot.petitions.store import Store

log = logging.getLogger(__name__)


async def run_cycle(
    store: Store,
    post: Post,
    *,
    now: datetime | None = None,
    plan_limit: int = PLAN_BATCH,
    send_limit: int = SEND_BATCH,
    per_channel: int = PER_CHANNEL,
) -> CycleReport:
    """Match what is new in the journal, then post what is queued, oldest first.

    A channel whose post must be retried gets nothing more this cycle, so its
    news still arrives in order; other channels carry on. Callers run one
    cycle at a time.
    """
    report = CycleReport()
    for _ in range(PLAN_ROUNDS):  # catch up after a big refresh, within reason
        before = await cursor(store)
        report.queued += await plan(store, limit=plan_limit, now=now)
        if await cursor(store) in (before, await store.last_change_id()):
            break
    held: set[int] = set()
    for alert in await due(store, limit=send_limit, per_channel=per_channel):
        channel = alert.subscription.channel_id
        if channel in held:
            continue
        try:
            outcome = await post(alert)
        except Exception as exc:  # a bug while rendering or posting: logged, kept, tried again later
            log.exception("posting alert %s for change %s failed", alert.subscription.id, alert.change.id)
            outcome = Outcome.retry(f"{type(exc).__name__}: {exc}")
        stopped = await record(store, alert, outcome, now=now)
        if outcome.status == "sent":
            report.sent += 1
        elif outcome.status == "failed":
            report.failed += 1
        else:
            held.add(channel)
            if outcome.status == "retry":
                report.retried += 1
            report.stopped.extend(stopped)
    report.cursor = await cursor(store)
    return report


async def alert_stats(store: Store) -> dict[str, int | str | None]:
    """Figures for a status screen: follows, the queue, and how far behind the journal alerts are."""
    follows = await store.fetch_one(
        "SELECT count(*) AS total, coalesce(sum(active), 0) AS active, "
        "count(DISTINCT CASE WHEN active THEN guild_id END) AS guilds, "
        "count(DISTINCT CASE WHEN active THEN channel_id END) AS channels FROM subscriptions"
    )
    assert follows is not None  # an aggregate always has its one row
    total, active = follows["total"], follows["active"]
    by_status = {
        r["status"]: r["n"]
        for r in await store.fetch_all("SELECT status, count(*) AS n FROM alert_deliveries GROUP BY status")
    }
    last_sent = await store.fetch_value("SELECT max(sent_at) FROM alert_deliveries WHERE status = 'sent'")
    at = await cursor(store)
    end = await store.last_change_id()
    return {
        "subscriptions": total,
        "active": active,
        "stopped": total - active,
        "guilds": follows["guilds"],
        "channels": follows["channels"],
        "pending": by_status.get("pending", 0),
        "sent": by_status.get("sent", 0),
        "failed": by_status.get("failed", 0),
        "dropped": by_status.get("dropped", 0),
        "cursor": at,
        "behind": max(0, end - at),
        "last_sent_at": last_sent,
    }
