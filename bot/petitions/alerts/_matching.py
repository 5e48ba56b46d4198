"""Matching: which follows a journal entry concerns, from what is stored beside the petition."""

from __future__ import annotations

from collections.abc import Iterable

from bot.petitions.alerts._model import EVENTS, Facts, Subscription, contains, phrase
from bot.petitions.store import CHUNK, Change, Store


def concerns(sub: Subscription, facts: Facts) -> bool:
    """Whether a petition is what the follow is about, whatever happened to it."""
    if sub.filter == "all":
        return True
    if sub.filter == "number":
        return facts.number == sub.value
    if sub.filter == "country":
        return sub.value in facts.countries
    if sub.filter == "subject":
        return any(contains(topic, sub.value) for topic in facts.topics)
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
        for row in await store.fetch_all(
            f"SELECT number, subject_en, subject_fr FROM petitions WHERE number IN ({marks})", chunk
        ):
            subjects[row["number"]] = [phrase(row["subject_en"]), phrase(row["subject_fr"])]
        for row in await store.fetch_all(
            f"SELECT number, name_en, name_fr FROM petition_keywords WHERE number IN ({marks})", chunk
        ):
            subjects.setdefault(row["number"], []).extend((phrase(row["name_en"]), phrase(row["name_fr"])))
        for row in await store.fetch_all(
            f"SELECT number, code FROM petition_countries WHERE number IN ({marks})", chunk
        ):
            codes.setdefault(row["number"], set()).add(row["code"])
    return {
        number: Facts(
            number,
            frozenset(codes.get(number, ())),
            tuple(dict.fromkeys(t for t in topics if t)),
        )
        for number, topics in subjects.items()
    }
