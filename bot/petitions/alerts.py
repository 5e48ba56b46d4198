"""Alerts: channels that follow petitions and are told when something happens to them.

A server follows everything, a country, a subject or one petition, and picks
which news it wants (government responses by default). The store's change
journal says what happened; this module matches each journal entry against the
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
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from bot.petitions import answers, autocomplete, countries, search, validate
from bot.petitions.errors import UserFacingError
from bot.petitions.model import Petition
from bot.petitions.store import CHUNK, Change, Store
from bot.petitions.text import collapse, fold

log = logging.getLogger(__name__)

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


# --- the shared connection ------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def _transaction(store: Store) -> AsyncIterator[None]:
    """The store's transaction: it waits its turn behind a refresh, never joins it."""
    async with store.transaction():
        yield


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


_SUB_COLUMNS = (
    "id, guild_id, channel_id, filter, value, label, events, lang, created_by, created_at, start_after, "
    "active, inactive_reason, inactive_detail, inactive_at"
)


def _subscription(row: Sequence[Any]) -> Subscription:
    return Subscription(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        filter=row[3],
        value=row[4],
        label=row[5],
        events=row[6],
        lang=row[7],
        created_by=row[8],
        created_at=datetime.fromisoformat(row[9]),
        start_after=row[10],
        active=bool(row[11]),
        inactive_reason=row[12],
        inactive_detail=row[13],
        inactive_at=_when(row[14]),
    )


async def _last_change(store: Store) -> int:
    return (await store._one("SELECT coalesce(max(id), 0) FROM changes"))[0]


# --- following ------------------------------------------------------------------------------------


async def resolve_target(
    store: Store,
    *,
    country: str | None = None,
    number: str | None = None,
    subject: str | None = None,
    lang: str = "en",
) -> Target:
    """What the user asked to follow, checked: one known country, petition or subject, or everything.

    A petition or subject that matches nothing stored is refused with the close
    ones, because a follow with a typo would never say a word. A value that was
    given but says nothing (blank, punctuation, "@here", "AND") is refused too:
    it must never widen into following every petition.
    """
    given = [
        (name, value)
        for name, value in (("country", country), ("number", number), ("subject", subject))
        if value is not None
    ]
    if len(given) > 1:
        raise UserFacingError("alerts.one_filter")
    if not given:
        return Target("all")
    name, raw = given[0]
    if name == "country":
        text = validate.country(raw) or ""
        found = countries.resolve_country(text)
        if not found:
            close = [label for label, _code in countries.country_choices(text, lang, 5)]
            raise UserFacingError("country.unknown", suggestions=close, value=text[:60])
        return Target("country", found[0].code, found[0].code)
    if name == "number":
        petition = await answers.lookup(store, validate.petition_number(raw) or "")
        return Target("number", petition.number, petition.number)
    text = validate.subject(raw) or ""
    want = phrase(text)
    if not want:
        raise UserFacingError("alerts.subject_unknown", value=text[:60])
    names = await _topic_names(store)
    if want in names:
        return Target("subject", want, names[want])
    if not search.content_words(want):  # "AND", "the": a word of every other subject, about nothing
        raise UserFacingError("alerts.subject_meaningless", value=text[:60])
    if any(_contains(known, want) for known in names):
        return Target("subject", want, collapse(text)[:100])
    close = [label for label, _value in await autocomplete.subject_choices(store, text, lang)][:5]
    raise UserFacingError("alerts.subject_unknown", suggestions=close, value=text[:60])


async def _topic_names(store: Store) -> dict[str, str]:
    """phrase → a display name, for every stored subject and keyword in either language."""
    out: dict[str, str] = {}
    for en, fr, _n in await search.subjects(store):
        for name in (en, fr):
            if name:
                out.setdefault(phrase(name), name)
    for _key, en, fr, _n in await search.keywords(store):
        for name in (en, fr):
            if name:
                out.setdefault(phrase(name), name)
    out.pop("", None)
    return out


def _contains(haystack: str, needle: str) -> bool:
    """Whole words: "climate" is in "climate change", "clim" is not."""
    return f" {needle} " in f" {haystack} "


async def follow(
    store: Store,
    *,
    guild_id: int,
    channel_id: int,
    target: Target,
    events: str = "responses",
    created_by: int,
    lang: str = "en",
    now: datetime | None = None,
) -> tuple[Subscription, Literal["created", "exists", "resumed"]]:
    """Start (or resume) announcing `events` about `target` in a channel, from now on.

    Following the same thing twice in one channel keeps one follow; following a
    stopped one again starts it afresh (the news it missed while stopped is not
    replayed: it would arrive as a burst of stale posts).
    """
    if events not in EVENTS:
        raise ValueError(f"unknown events {events!r}")
    if target.filter not in FILTERS:
        raise ValueError(f"unknown filter {target.filter!r}")
    stamp = _iso(now or datetime.now(UTC))
    status: Literal["created", "exists", "resumed"]
    async with _transaction(store):
        row = await store._one(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions "
            "WHERE guild_id = ? AND channel_id = ? AND filter = ? AND value = ? AND events = ?",
            (guild_id, channel_id, target.filter, target.value, events),
        )
        end = await _last_change(store)
        if row is not None and row[11]:
            status, sub_id = "exists", row[0]
        elif row is not None:
            status, sub_id = "resumed", row[0]
            await store.conn.execute(
                "UPDATE subscriptions SET active = 1, inactive_reason = NULL, inactive_detail = NULL, "
                "inactive_at = NULL, start_after = ?, label = ?, lang = ?, created_by = ? WHERE id = ?",
                (end, target.label, lang, created_by, sub_id),
            )
        else:
            row = await store._one("SELECT count(*) FROM subscriptions WHERE guild_id = ?", (guild_id,))
            if row[0] >= MAX_PER_GUILD:
                raise UserFacingError("alerts.too_many", limit=MAX_PER_GUILD)
            inserted = await store.conn.execute(
                "INSERT INTO subscriptions (guild_id, channel_id, filter, value, label, events, lang, "
                "created_by, created_at, start_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    channel_id,
                    target.filter,
                    target.value,
                    target.label,
                    events,
                    lang,
                    created_by,
                    stamp,
                    end,
                ),
            )
            status, sub_id = "created", inserted.lastrowid
            await inserted.close()
    sub = await get_subscription(store, int(sub_id))
    assert sub is not None
    log.info("follow %s %s in guild %s channel %s: %s", sub.id, status, guild_id, channel_id, target)
    return sub, status


async def get_subscription(store: Store, subscription_id: int) -> Subscription | None:
    row = await store._one(f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ?", (subscription_id,))
    return _subscription(row) if row else None


async def subscriptions(store: Store, guild_id: int) -> list[Subscription]:
    """A server's follows, running ones first, oldest first."""
    rows = await store._all(
        f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE guild_id = ? ORDER BY active DESC, id", (guild_id,)
    )
    return [_subscription(r) for r in rows]


async def unfollow(store: Store, guild_id: int, subscription_id: int) -> Subscription:
    """Stop and forget a follow of this server; another server's follow is "not found"."""
    async with _transaction(store):
        row = await store._one(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ? AND guild_id = ?",
            (subscription_id, guild_id),
        )
        if row is None:
            raise UserFacingError("alerts.unknown", value=str(subscription_id))
        await store.conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
    log.info("unfollow %s in guild %s", subscription_id, guild_id)
    return _subscription(row)


# --- matching -------------------------------------------------------------------------------------


def concerns(sub: Subscription, facts: Facts) -> bool:
    """Whether a petition is what the follow is about, whatever happened to it."""
    if sub.filter == "all":
        return True
    if sub.filter == "number":
        return facts.number == sub.value
    if sub.filter == "country":
        return sub.value in facts.countries
    if sub.filter == "subject":
        return any(_contains(topic, sub.value) for topic in facts.topics)
    return False


def matches(sub: Subscription, change: Change, facts: Facts) -> bool:
    """Whether this follow announces this journal entry."""
    if not sub.active or change.id <= sub.start_after or change.kind not in EVENTS.get(sub.events, ()):
        return False
    if change.history:
        return False  # the past, arriving by backfill or import, or seen long after it happened
    if change.kind == "status" and change.detail.get("to") is None:
        return False  # a status that vanished from the page is no news
    return concerns(sub, facts)


async def facts_for(store: Store, numbers: Iterable[str]) -> dict[str, Facts]:
    """Countries and topics of the given petitions, from the columns and tables beside the records."""
    wanted = sorted(set(numbers))
    subjects: dict[str, list[str]] = {}
    codes: dict[str, set[str]] = {}
    for i in range(0, len(wanted), CHUNK):
        chunk = wanted[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for number, en, fr in await store._all(
            f"SELECT number, subject_en, subject_fr FROM petitions WHERE number IN ({marks})", chunk
        ):
            subjects[number] = [phrase(en), phrase(fr)]
        for number, en, fr in await store._all(
            f"SELECT number, name_en, name_fr FROM petition_keywords WHERE number IN ({marks})", chunk
        ):
            subjects.setdefault(number, []).extend((phrase(en), phrase(fr)))
        for number, code in await store._all(
            f"SELECT number, code FROM petition_countries WHERE number IN ({marks})", chunk
        ):
            codes.setdefault(number, set()).add(code)
    return {
        number: Facts(
            number,
            frozenset(codes.get(number, ())),
            tuple(dict.fromkeys(t for t in topics if t)),
        )
        for number, topics in subjects.items()
    }


async def _active(store: Store) -> list[Subscription]:
    rows = await store._all(f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE active = 1 ORDER BY id")
    return [_subscription(r) for r in rows]


async def cursor(store: Store) -> int:
    """The last journal entry already matched against the follows."""
    row = await store._one("SELECT last_change_id FROM alert_cursor WHERE id = 1")
    return row[0] if row else 0


async def _set_cursor(store: Store, value: int, stamp: str) -> None:
    await store.conn.execute(
        "INSERT INTO alert_cursor (id, last_change_id, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET last_change_id = excluded.last_change_id, updated_at = excluded.updated_at",
        (value, stamp),
    )


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
    of our own: what is read is committed (never a refresh's half-written
    batch that may yet roll back), and the queue rows and the new cursor are
    written together.
    """
    stamp = _iso(now or datetime.now(UTC))
    async with _transaction(store):
        after = await cursor(store)
        subs = await _active(store)
        if not subs:
            end = await _last_change(store)
            if end != after:  # nobody listens: skip ahead instead of reading the journal
                await _set_cursor(store, end, stamp)
            return 0
        changes = await store.changes_since(after, limit)
        if not changes:
            return 0
        if len(changes) >= limit:
            changes = await _whole_writes(store, changes)
        facts = await facts_for(store, {c.number for c in changes if c.kind in PRIORITY})
        rows = _queue_rows(subs, changes, facts, stamp)
        before = store.conn.total_changes
        # A follow removed since it was read above must not get a queue row (nor break the batch).
        await store.conn.executemany(
            "INSERT OR IGNORE INTO alert_deliveries (subscription_id, change_id, channel_id, queued_at) "
            "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = ? AND active = 1)",
            rows,
        )
        queued = store.conn.total_changes - before
        await _set_cursor(store, changes[-1].id, stamp)
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


# --- delivering -----------------------------------------------------------------------------------


async def due(store: Store, *, limit: int = SEND_BATCH, per_channel: int = PER_CHANNEL) -> list[Alert]:
    """Queued posts of running follows, oldest news first, at most `per_channel` per channel."""
    rows = await store._all(
        f"SELECT d.attempts, c.id, c.number, c.kind, c.detail, c.at, "
        f"{', '.join('s.' + col.strip() for col in _SUB_COLUMNS.split(','))} "
        "FROM alert_deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
        "JOIN changes c ON c.id = d.change_id "
        "WHERE d.status = 'pending' AND s.active = 1 ORDER BY d.change_id, d.channel_id LIMIT ?",
        (limit,),
    )
    per: dict[int, int] = {}
    picked: list[tuple[int, Change, Subscription]] = []
    for row in rows:
        sub = _subscription(row[6:])
        if per.get(sub.channel_id, 0) >= per_channel:
            continue
        per[sub.channel_id] = per.get(sub.channel_id, 0) + 1
        change = Change(row[1], row[2], row[3], json.loads(row[4]), datetime.fromisoformat(row[5]))
        picked.append((row[0], change, sub))
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
    stamp = stamp or _iso(datetime.now(UTC))
    async with _transaction(store):
        await store.conn.execute(
            "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_try_at = ?, "
            "first_try_at = coalesce(first_try_at, ?), last_error = coalesce(?, last_error), "
            "message_id = coalesce(?, message_id), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END "
            "WHERE subscription_id = ? AND change_id = ? AND status = 'pending'",
            (status, stamp, stamp, error, message_id, status, stamp, subscription_id, change_id),
        )


async def record(store: Store, alert: Alert, outcome: Outcome, *, now: datetime | None = None) -> list[int]:
    """Write down what became of a post; returns the follows stopped because their channel is gone."""
    moment = now or datetime.now(UTC)
    stamp = _iso(moment)
    sub, change = alert.subscription, alert.change
    if outcome.status == "sent":
        await _finish(store, sub.id, change.id, "sent", message_id=outcome.message_id, stamp=stamp)
        return []
    if outcome.status == "failed":
        log.warning("alert %s for change %s refused for good: %s", sub.id, change.id, outcome.detail)
        await _finish(store, sub.id, change.id, "failed", error=outcome.detail[:500], stamp=stamp)
        return []
    if outcome.status == "retry":
        row = await store._one(
            "SELECT first_try_at FROM alert_deliveries WHERE subscription_id = ? AND change_id = ?",
            (sub.id, change.id),
        )
        first = _when(row[0]) if row else None
        stale = first is not None and moment - first > GIVE_UP_AFTER
        if stale:
            log.warning("alert %s for change %s given up after a day of failures", sub.id, change.id)
        async with _transaction(store):
            await store.conn.execute(
                "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_try_at = ?, "
                "first_try_at = coalesce(first_try_at, ?), last_error = ? "
                "WHERE subscription_id = ? AND change_id = ? AND status = 'pending'",
                ("failed" if stale else "pending", stamp, stamp, outcome.detail[:500], sub.id, change.id),
            )
        return []
    # gone: every follow posting in that channel would fail the same way
    reason = outcome.reason or "not_found"
    async with _transaction(store):
        stopped = [
            r[0]
            for r in await store._all(
                "SELECT id FROM subscriptions WHERE channel_id = ? AND active = 1", (sub.channel_id,)
            )
        ]
        await store.conn.execute(
            "UPDATE subscriptions SET active = 0, inactive_reason = ?, inactive_detail = ?, inactive_at = ? "
            "WHERE channel_id = ? AND active = 1",
            (reason, outcome.detail[:300], stamp, sub.channel_id),
        )
        await store.conn.execute(
            "UPDATE alert_deliveries SET status = 'dropped', last_try_at = ?, last_error = ? "
            "WHERE channel_id = ? AND status = 'pending'",
            (stamp, f"{reason}: {outcome.detail}"[:500], sub.channel_id),
        )
    log.warning(
        "alerts in channel %s stopped (%s: %s); follows %s", sub.channel_id, reason, outcome.detail, stopped
    )
    return stopped


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
        if await cursor(store) in (before, await _last_change(store)):
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


# --- figures ---------------------------------------------------------------------------------------


async def alert_stats(store: Store) -> dict[str, int | str | None]:
    """Figures for a status screen: follows, the queue, and how far behind the journal alerts are."""
    total, active, guilds, channels = await store._one(
        "SELECT count(*), coalesce(sum(active), 0), count(DISTINCT CASE WHEN active THEN guild_id END), "
        "count(DISTINCT CASE WHEN active THEN channel_id END) FROM subscriptions"
    )
    by_status = {
        r[0]: r[1] for r in await store._all("SELECT status, count(*) FROM alert_deliveries GROUP BY status")
    }
    last_sent = (await store._one("SELECT max(sent_at) FROM alert_deliveries WHERE status = 'sent'"))[0]
    at = await cursor(store)
    end = await _last_change(store)
    return {
        "subscriptions": total,
        "active": active,
        "stopped": total - active,
        "guilds": guilds,
        "channels": channels,
        "pending": by_status.get("pending", 0),
        "sent": by_status.get("sent", 0),
        "failed": by_status.get("failed", 0),
        "dropped": by_status.get("dropped", 0),
        "cursor": at,
        "behind": max(0, end - at),
        "last_sent_at": last_sent,
    }
