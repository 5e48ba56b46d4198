"""What alerts talk about: follows, posts and their outcomes, the limits, and how a follow row reads."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.petitions.model import Petition
from bot.petitions.store import Change
from bot.petitions.text import fold

#: What each "what to announce" choice lets through, by journal kind. The journal's
#: "changed" entries (a new signature count, a reworded page) are never announced.
EVENTS: dict[str, frozenset[str]] = {
    "responses": frozenset({"response"}),
    "new": frozenset({"new", "response"}),
    "all": frozenset({"new", "status", "response"}),
}
FILTERS = ("all", "country", "number", "subject")
#: One refresh often journals a response and the matching status change together;
#: a channel gets one post for them, about the most telling kind.
PRIORITY = {"response": 0, "new": 1, "status": 2}

MAX_PER_GUILD = 50
PLAN_BATCH = 500  # journal entries matched per transaction
PLAN_ROUNDS = 40  # transactions per cycle: 20,000 journal entries at most
SEND_BATCH = 100  # posts tried per cycle
PER_CHANNEL = 10  # posts per channel per cycle; the rest wait for the next cycle, in order
GIVE_UP_AFTER = timedelta(hours=24)  # a post Discord kept failing for a day is stale news
NONCE_MAX = 25  # Discord's limit for a string nonce
BUSY_WAIT = 10.0  # seconds to wait for another task's transaction on the shared connection

Reason = Literal["forbidden", "not_found"]


class StoreBusy(TimeoutError):
    """Another task held the store's transaction too long; nothing was written, the next cycle retries."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a follow is about: `value` in matching form, `label` as the user chose it."""

    filter: str
    value: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    filter: str
    value: str
    label: str
    events: str
    lang: str
    created_by: int
    created_at: datetime
    start_after: int
    active: bool
    inactive_reason: str | None = None
    inactive_detail: str | None = None
    inactive_at: datetime | None = None

    @property
    def target(self) -> Target:
        return Target(self.filter, self.value, self.label)


@dataclass(frozen=True, slots=True)
class Facts:
    """What matching needs to know about a petition."""

    number: str
    countries: frozenset[str] = frozenset()
    topics: tuple[str, ...] = ()  # subject and keyword names, both languages, in `phrase()` form


@dataclass(frozen=True, slots=True)
class Alert:
    """One post to make: which follow, which journal entry, and the petition as stored now."""

    subscription: Subscription
    change: Change
    petition: Petition
    attempts: int = 0

    @property
    def nonce(self) -> str:
        return nonce_for(self.subscription.id, self.change.id)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one post, in terms the queue understands.

    sent: Discord took it. retry: try again next cycle (outage, rate limit
    exhausted, network). gone: the channel is not there for the bot any more,
    stop its follows. failed: Discord refused this one post for good.
    """

    status: Literal["sent", "retry", "gone", "failed"]
    message_id: int | None = None
    reason: str | None = None
    detail: str = ""

    @classmethod
    def sent(cls, message_id: int) -> Outcome:
        return cls("sent", message_id=message_id)

    @classmethod
    def retry(cls, detail: str) -> Outcome:
        return cls("retry", detail=detail)

    @classmethod
    def gone(cls, reason: Reason, detail: str = "") -> Outcome:
        return cls("gone", reason=reason, detail=detail)

    @classmethod
    def failed(cls, detail: str) -> Outcome:
        return cls("failed", detail=detail)


@dataclass(slots=True)
class CycleReport:
    queued: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    stopped: list[int] = field(default_factory=list)  # subscriptions stopped because their channel is gone
    cursor: int = 0


Post = Callable[[Alert], Awaitable[Outcome]]


def nonce_for(subscription_id: int, change_id: int) -> str:
    """A message nonce that is the same every time this follow announces this change.

    Discord drops a second message with the same nonce from the same bot for a
    few minutes, so a post retried after a lost answer cannot appear twice.
    """
    text = f"pa{subscription_id}.{change_id}"
    if len(text) <= NONCE_MAX:
        return text
    return "pa" + hashlib.blake2b(text.encode(), digest_size=11).hexdigest()  # 2 + 22 characters


def phrase(text: str | None) -> str:
    """Folded words separated by single spaces: the form subjects are compared in."""
    return " ".join(re.findall(r"\w+", fold(text)))


def contains(haystack: str, needle: str) -> bool:
    """Whole words: "climate" is in "climate change", "clim" is not."""
    return f" {needle} " in f" {haystack} "


# --- rows ---------------------------------------------------------------------------------------------


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


_SUB_NAMES = (
    "id",
    "guild_id",
    "channel_id",
    "filter",
    "value",
    "label",
    "events",
    "lang",
    "created_by",
    "created_at",
    "start_after",
    "active",
    "inactive_reason",
    "inactive_detail",
    "inactive_at",
)


def sub_columns(table: str = "") -> str:
    """The SELECT list `subscription_from` reads; `table` qualifies it in a join, keeping the names."""
    if not table:
        return ", ".join(_SUB_NAMES)
    return ", ".join(f"{table}.{name} AS {name}" for name in _SUB_NAMES)


def subscription_from(row: sqlite3.Row) -> Subscription:
    return Subscription(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        filter=row["filter"],
        value=row["value"],
        label=row["label"],
        events=row["events"],
        lang=row["lang"],
        created_by=row["created_by"],
        created_at=datetime.fromisoformat(row["created_at"]),
        start_after=row["start_after"],
        active=bool(row["active"]),
        inactive_reason=row["inactive_reason"],
        inactive_detail=row["inactive_detail"],
        inactive_at=when(row["inactive_at"]),
    )
