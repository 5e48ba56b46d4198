"""Alerts: channels that follow petitions and are told when something happens to them.

A server follows everything, a country, a subject or one petition, and picks
which news it wants (government responses by default). The store's change
journal says what happened; this package matches each journal entry against the
follows and keeps a delivery queue, so that:

- a change is announced at most once per follow and per channel, however often
  a cycle is retried (the queue's keys say so, and the message nonce derived
  from them lets Discord drop a repeat that slipped through a crash);
- nothing is skipped: the journal cursor moves only in the transaction that
  queues what it matched, and a queued post leaves the queue only once Discord
  took it (or refused it for good);
- a channel the bot can no longer post in stops its follows with a reason the
  server can read, instead of failing every cycle forever.

Posting itself is the caller's (the Discord cog hands `run_cycle` a `post`
function); nothing here imports discord, so all of it is tested on SQLite.
Inside: `_following` (what may be followed, follows), `_matching`, `_planning`
(journal → queue), `_delivery` (the queue's marks), `_cycle` (both, and figures).
"""

from bot.petitions.alerts._cycle import alert_stats, run_cycle
from bot.petitions.alerts._delivery import due, record
from bot.petitions.alerts._following import (
    FollowStatus,
    follow,
    get_subscription,
    resolve_target,
    subscriptions,
    unfollow,
)
from bot.petitions.alerts._matching import concerns, facts_for, matches
from bot.petitions.alerts._model import (
    EVENTS,
    FILTERS,
    GIVE_UP_AFTER,
    MAX_PER_GUILD,
    PER_CHANNEL,
    PLAN_BATCH,
    SEND_BATCH,
    Alert,
    CycleReport,
    Facts,
    Outcome,
    Post,
    Reason,
    StoreBusy,
    Subscription,
    Target,
    nonce_for,
    phrase,
)
from bot.petitions.alerts._planning import cursor, plan

__all__ = [
    "EVENTS",
    "FILTERS",
    "GIVE_UP_AFTER",
    "MAX_PER_GUILD",
    "PER_CHANNEL",
    "PLAN_BATCH",
    "SEND_BATCH",
    "Alert",
    "CycleReport",
    "Facts",
    "FollowStatus",
    "Outcome",
    "Post",
    "Reason",
    "StoreBusy",
    "Subscription",
    "Target",
    "alert_stats",
    "concerns",
    "cursor",
    "due",
    "facts_for",
    "follow",
    "get_subscription",
    "matches",
    "nonce_for",
    "phrase",
    "plan",
    "record",
    "resolve_target",
    "run_cycle",
    "subscriptions",
    "unfollow",
]
