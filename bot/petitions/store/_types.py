"""What the store takes and gives back: records to write, what a write did, the change journal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.petitions.model import Petition

CHUNK = 500  # numbers per IN (...) query, well under SQLite's variable limit
HISTORY_AFTER = timedelta(days=30)
"""An event dated longer ago than this, when first seen, is history rather than news."""


@dataclass(frozen=True, slots=True)
class CountryLink:
    """A country a petition concerns, as stored beside the record."""

    code: str
    primary: bool
    mentions: int = 1


@dataclass(slots=True)
class Prepared:
    """A record ready to store, with what ingest derived from it."""

    petition: Petition
    countries: Sequence[CountryLink] = ()
    source_hash: str | None = None
    """A hash of the raw record (snapshot line, export record) this was read from, kept beside the
    stored record so re-ingesting those same bytes can skip them; any other write clears it."""


@dataclass(slots=True)
class UpsertResult:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return len(self.new) + len(self.changed)


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    number: str
    kind: str
    detail: dict[str, Any]
    at: datetime
    history: bool = False
    """About the past (backfill, import, or an event long before it was seen): never announced."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    petitions: int
    demo: int
    with_response: int
    by_kind: dict[str, int]
    last_change_id: int
    last_refresh: str | None
    path: str
    with_details: int = 0
