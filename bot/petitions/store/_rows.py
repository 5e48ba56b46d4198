"""A record as the store's tables hold it: its columns, its full-text row, its journal entries."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from bot.petitions import deadlines
from bot.petitions.model import Petition
from bot.petitions.store._types import HISTORY_AFTER

UPSERT_SQL = """
INSERT INTO petitions (
    number, kind, parliament, session, seq, presented_number, status_id, subject_en, subject_fr,
    sponsor_name, sponsor_id, opened_at, closed_at, presented_on, response_tabled_on, last_event,
    has_response, signatures, demo, hash, record, fetched_at, updated_at, source_hash, due_on
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (number) DO UPDATE SET
    kind = excluded.kind, parliament = excluded.parliament, session = excluded.session, seq = excluded.seq,
    presented_number = excluded.presented_number, status_id = excluded.status_id,
    subject_en = excluded.subject_en, subject_fr = excluded.subject_fr,
    sponsor_name = excluded.sponsor_name, sponsor_id = excluded.sponsor_id,
    opened_at = excluded.opened_at, closed_at = excluded.closed_at, presented_on = excluded.presented_on,
    response_tabled_on = excluded.response_tabled_on, last_event = excluded.last_event,
    has_response = excluded.has_response, signatures = excluded.signatures, demo = excluded.demo,
    hash = excluded.hash, record = excluded.record, fetched_at = excluded.fetched_at,
    source_hash = excluded.source_hash, due_on = excluded.due_on,
    updated_at = excluded.updated_at
"""
"""The parameters are `petition_row`'s, in its order."""


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def last_event(p: Petition, now: datetime | None = None) -> str | None:
    """The latest event that has happened, as an ISO date, for recency ordering.

    An open petition's closing date is still ahead: it does not count until it passes.
    """
    today = (now or datetime.now(UTC)).date()
    days = [
        d.date() if isinstance(d, datetime) else d
        for d in (p.response_tabled_on, p.presented_on, p.certified_on, p.closed_at, p.opened_at)
        if d is not None
    ]
    past = [d for d in days if d <= today]
    chosen = past or days
    return max(chosen).isoformat() if chosen else None


def petition_row(
    p: Petition, encoded: dict[str, Any], digest: str, stamp: str, source_hash: str | None = None
) -> tuple[Any, ...]:
    """The parameters of `UPSERT_SQL` for one record."""
    seq = int(p.number.split("-", 1)[1]) if "-" in p.number else None
    return (
        p.number,
        p.kind,
        p.parliament,
        p.session,
        seq,
        p.presented_number,
        p.status_id,
        p.subject.en,
        p.subject.fr,
        p.sponsor.name if p.sponsor else None,
        p.sponsor.person_id if p.sponsor else None,
        iso(p.opened_at),
        iso(p.closed_at),
        iso(p.presented_on),
        iso(p.response_tabled_on),
        last_event(p, datetime.fromisoformat(stamp)),
        int(p.has_response),
        p.signatures,
        int(p.demo),
        digest,
        json.dumps(encoded, ensure_ascii=False, separators=(",", ":")),
        iso(p.fetched_at),
        stamp,
        source_hash,
        iso(deadlines.petition_due(p)),
    )


def fts_columns(p: Petition) -> tuple[str, str, str, str, str, str]:
    """The text the full-text index holds, both languages side by side."""

    def both(values: Iterable[str | None]) -> str:
        # No need to tidy spaces: the tokenizer splits on any white space.
        return " \n ".join(v for v in values if v)

    grievances = [*(p.grievances.en or []), *(p.grievances.fr or [])]
    prayer = [*(p.prayer.en or []), *(p.prayer.fr or [])]
    response = []
    if p.response:
        response = [*(p.response.paragraphs.en or []), *(p.response.paragraphs.fr or [])]
    return (
        p.number + (" " + p.presented_number if p.presented_number else ""),
        both([p.subject.en, p.subject.fr]),
        both(v for kw in p.keywords for v in (kw.name.en, kw.name.fr)),
        both([*grievances, *prayer]),
        both(response),
        p.sponsor.name if p.sponsor else "",
    )


def journal_entries(old: Petition | None, new: Petition) -> list[tuple[str, dict[str, Any]]]:
    """What changed in words an alert can use."""
    if old is None:
        return [("new", {"status_id": new.status_id, "subject": new.subject.en or new.subject.fr})]
    out: list[tuple[str, dict[str, Any]]] = []
    if new.has_response and not old.has_response:
        out.append(("response", {"tabled_on": iso(new.response_tabled_on)}))
    if new.status_id != old.status_id:
        out.append(("status", {"from": old.status_id, "to": new.status_id}))
    if not out:
        out.append(("changed", {}))
    return out


def is_past(kind: str, p: Petition, now: datetime) -> bool:
    """Whether an entry tells of something that happened well before it was seen."""
    when: date | datetime | str | None = p.response_tabled_on if kind == "response" else last_event(p, now)
    if when is None:
        return False
    day = date.fromisoformat(when) if isinstance(when, str) else when
    if isinstance(day, datetime):
        day = day.date()
    return day < (now - HISTORY_AFTER).date()
