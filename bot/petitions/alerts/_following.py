"""Following: what a server may follow, and starting, resuming, listing and stopping its follows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Literal

import aiosqlite

from bot.petitions import answers, autocomplete, countries, search, validate
from bot.petitions.alerts._model import (
    EVENTS,
    FILTERS,
    MAX_PER_GUILD,
    Subscription,
    Target,
    contains,
    iso,
    phrase,
    sub_columns,
    subscription_from,
)
from bot.petitions.errors import UserFacingError
from bot.petitions.store import Store
from bot.petitions.text import collapse

log = logging.getLogger(__name__)

FollowStatus = Literal["created", "exists", "resumed"]


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
        return _country_target(raw, lang)
    if name == "number":
        petition = await answers.lookup(store, validate.petition_number(raw) or "")
        return Target("number", petition.number, petition.number)
    return await _subject_target(store, raw, lang)


def _country_target(raw: str, lang: str) -> Target:
    text = validate.country(raw) or ""
    found = countries.resolve_country(text)
    if not found:
        close = [label for label, _code in countries.country_choices(text, lang, 5)]
        raise UserFacingError("country.unknown", suggestions=close, value=text[:60])
    return Target("country", found[0].code, found[0].code)


async def _subject_target(store: Store, raw: str, lang: str) -> Target:
    text = validate.subject(raw) or ""
    want = phrase(text)
    if not want:
        raise UserFacingError("alerts.subject_unknown", value=text[:60])
    names = await _topic_names(store)
    if want in names:
        return Target("subject", want, names[want])
    if not search.content_words(want):  # "AND", "the": a word of every other subject, about nothing
        raise UserFacingError("alerts.subject_meaningless", value=text[:60])
    if any(contains(known, want) for known in names):
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
) -> tuple[Subscription, FollowStatus]:
    """Start (or resume) announcing `events` about `target` in a channel, from now on.

    Following the same thing twice in one channel keeps one follow; following a
    stopped one again starts it afresh (the news it missed while stopped is not
    replayed: it would arrive as a burst of stale posts).
    """
    if events not in EVENTS:
        raise ValueError(f"unknown events {events!r}")
    if target.filter not in FILTERS:
        raise ValueError(f"unknown filter {target.filter!r}")
    stamp = iso(now or datetime.now(UTC))
    status: FollowStatus
    async with store.transaction() as conn:
        row = await store.fetch_one(
            f"SELECT {sub_columns()} FROM subscriptions "
            "WHERE guild_id = ? AND channel_id = ? AND filter = ? AND value = ? AND events = ?",
            (guild_id, channel_id, target.filter, target.value, events),
        )
        end = await store.last_change_id()
        if row is not None and row["active"]:
            status, sub_id = "exists", row["id"]
        elif row is not None:
            status, sub_id = "resumed", row["id"]
            await _resume(conn, sub_id, end, target, lang, created_by)
        else:
            await _check_room(store, guild_id)
            values = (
                guild_id,
                channel_id,
                target.filter,
                target.value,
                target.label,
                events,
                lang,
                created_by,
            )
            status, sub_id = "created", await _create(conn, values, stamp, end)
    sub = await get_subscription(store, int(sub_id))
    assert sub is not None
    log.info("follow %s %s in guild %s channel %s: %s", sub.id, status, guild_id, channel_id, target)
    return sub, status


async def _resume(
    conn: aiosqlite.Connection, sub_id: int, end: int, target: Target, lang: str, created_by: int
) -> None:
    await conn.execute(
        "UPDATE subscriptions SET active = 1, inactive_reason = NULL, inactive_detail = NULL, "
        "inactive_at = NULL, start_after = ?, label = ?, lang = ?, created_by = ? WHERE id = ?",
        (end, target.label, lang, created_by, sub_id),
    )


async def _check_room(store: Store, guild_id: int) -> None:
    held = await store.fetch_value(
        "SELECT count(*) AS n FROM subscriptions WHERE guild_id = ?", (guild_id,), default=0
    )
    if held >= MAX_PER_GUILD:
        raise UserFacingError("alerts.too_many", limit=MAX_PER_GUILD)


async def _create(conn: aiosqlite.Connection, values: tuple[object, ...], stamp: str, end: int) -> int:
    """`values`: guild, channel, filter, value, label, events, lang and author, in the table's order."""
    inserted = await conn.execute(
        "INSERT INTO subscriptions (guild_id, channel_id, filter, value, label, events, lang, "
        "created_by, created_at, start_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, stamp, end),
    )
    sub_id = inserted.lastrowid
    await inserted.close()
    assert sub_id is not None  # a row was inserted
    return sub_id


async def get_subscription(store: Store, subscription_id: int) -> Subscription | None:
    row = await store.fetch_one(f"SELECT {sub_columns()} FROM subscriptions WHERE id = ?", (subscription_id,))
    return subscription_from(row) if row else None


async def subscriptions(store: Store, guild_id: int) -> list[Subscription]:
    """A server's follows, running ones first, oldest first."""
    rows = await store.fetch_all(
        f"SELECT {sub_columns()} FROM subscriptions WHERE guild_id = ? ORDER BY active DESC, id", (guild_id,)
    )
    return [subscription_from(r) for r in rows]


async def unfollow(store: Store, guild_id: int, subscription_id: int) -> Subscription:
    """Stop and forget a follow of this server; another server's follow is "not found"."""
    async with store.transaction() as conn:
        row = await store.fetch_one(
            f"SELECT {sub_columns()} FROM subscriptions WHERE id = ? AND guild_id = ?",
            (subscription_id, guild_id),
        )
        if row is None:
            raise UserFacingError("alerts.unknown", value=str(subscription_id))
        await conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
    log.info("unfollow %s in guild %s", subscription_id, guild_id)
    return subscription_from(row)
