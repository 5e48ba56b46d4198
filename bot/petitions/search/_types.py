"""What a search takes and gives back: filters, hits, suggestions and the result."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Literal


@dataclass(frozen=True, slots=True)
class SearchFilters:
    status_ids: tuple[int, ...] = ()
    kind: str | None = None
    parliament: int | None = None
    session: int | None = None
    sponsor: str | None = None
    subject: str | None = None
    keyword: str | None = None
    date_from: date | None = None  # on the petition's latest event (last_event)
    date_to: date | None = None
    has_response: bool | None = None
    country: str | None = None  # ISO 3166 alpha-2

    def active(self) -> list[str]:
        """Names of the filters that are set, in declaration order."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, ())]

    def without(self, name: str) -> SearchFilters:
        default = () if name == "status_ids" else None
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = default
        return SearchFilters(**values)


@dataclass(slots=True)
class Hit:
    number: str
    title_en: str | None
    title_fr: str | None
    status_id: int | None
    presented_on: str | None
    last_event: str | None
    has_response: bool
    snippet: str | None = None
    score: float = 0.0  # lower is better, as with bm25()
    demo: bool = False  # from the shipped demo set, so a list can say so without loading the record
    related: bool = False  # no keyword hit: found by meaning (bot/petitions/meaning), shown as related
    # The snippet with the matched words between \x02 and \x03, for renderers
    # that want to highlight them after escaping the text (see `marked_snippet`).
    snippet_marked: str | None = field(default=None, repr=False)

    def title(self, lang: str) -> str:
        first, second = (self.title_fr, self.title_en) if lang == "fr" else (self.title_en, self.title_fr)
        return first or second or ""

    def marked_snippet(
        self, escape: Callable[[str], str], open_: str = "**", close: str = "**"
    ) -> str | None:
        """The snippet with each matched word wrapped in `open_`/`close`, the rest escaped."""
        if self.snippet_marked is None:
            return None
        out: list[str] = []
        for i, part in enumerate(re.split(r"[\x02\x03]", self.snippet_marked)):
            if part:
                out.append(f"{open_}{escape(part)}{close}" if i % 2 else escape(part))
        return "".join(out)


SuggestionKind = Literal["spelling", "title", "drop_filter"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: SuggestionKind
    value: str  # the query to run instead, the title to look for, or the filter's name
    detail: str = ""  # e.g. the word that was corrected, or how many results dropping the filter gives
    count: int = 0


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    total: int
    query_used: str  # the FTS5 expression actually run ("" for filters only)
    suggestions: list[Suggestion] = field(default_factory=list)
    total_exact: bool = True  # False: at least `total` petitions match
    sponsor_used: str | None = None  # the sponsor name a fuzzy sponsor filter resolved to
    by_meaning: bool = False  # no petition holds the words: every hit is close in meaning instead


# The columns a hit is made of, on alias `p` (petitions), named as `hit_of` reads them.
HIT_COLUMNS = (
    "p.id AS id, p.number AS number, p.subject_en AS subject_en, p.subject_fr AS subject_fr, "
    "p.status_id AS status_id, p.presented_on AS presented_on, p.last_event AS last_event, "
    "p.has_response AS has_response, p.demo AS demo"
)


def hit_of(row: sqlite3.Row, score: float = 0.0) -> Hit:
    """A hit from a row that selected `HIT_COLUMNS`."""
    return Hit(
        number=row["number"],
        title_en=row["subject_en"],
        title_fr=row["subject_fr"],
        status_id=row["status_id"],
        presented_on=row["presented_on"],
        last_event=row["last_event"],
        has_response=bool(row["has_response"]),
        score=score,
        demo=bool(row["demo"]),
    )
