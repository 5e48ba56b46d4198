"""How fast the government answers petitions: days to respond, answers on time, slowest ministers.

The House gives the government 45 days from presentation to table a response (`deadlines`). A
journalist's questions are how long answers take, what share comes on time in each Parliament, and
which ministers are slowest; this module answers them from a few columns per petition, read as
`deadlines.clock` reads a record, so `/overdue` and these figures never disagree.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.petitions import deadlines
from bot.petitions.model import Bi
from bot.petitions.status import Status

BIN_DAYS = 5
"""Width of a bar of the distribution; 45 is a multiple, so the deadline falls between two bars."""
MIN_SPAN = 60
"""The distribution always runs at least this far, so the 45-day line is never at its edge."""
MAX_SPAN = 120
"""Longer waits share one last bar ("over 120 days"), so a year-long outlier keeps the rest readable."""
SLOWEST = 8
"""How many ministers the ranking shows."""

_MINISTER = re.compile(
    r"^\s*(?:response\s+(?:by|from)\s+(?:the\s+)?|r[ée]ponse\s+(?:de\s+la\s+|du\s+|des\s+|de\s+l[’']\s*|de\s+))",
    re.IGNORECASE,
)

_NO_HEADER: Bi[str] = Bi()  # frozen: one shared value serves every response without a header


@dataclass(frozen=True, slots=True)
class Timing:
    """What the clock of one petition needs, read from the store's columns."""

    number: str
    parliament: int | None
    presented_on: date | None
    tabled_on: date | None
    status_id: int | None
    answered: bool
    header: Bi[str] = field(default_factory=lambda: _NO_HEADER)


@dataclass(frozen=True, slots=True)
class Bin:
    """Responses that took `first` to `last` days (`last` None: `first` days or more)."""

    first: int
    last: int | None
    count: int


@dataclass(frozen=True, slots=True)
class ParliamentShare:
    """Petitions of one Parliament whose 45 days are over, by how they were answered."""

    parliament: int | None
    on_time: int
    late: int
    unanswered: int
    """Overdue without a response, or never answered before dissolution."""

    @property
    def judged(self) -> int:
        return self.on_time + self.late + self.unanswered

    @property
    def share(self) -> float:
        return self.on_time / self.judged if self.judged else 0.0


@dataclass(frozen=True, slots=True)
class Minister:
    """The responses signed for one minister (as the response header names them)."""

    name: Bi[str]
    responses: int
    median_days: float
    longest_days: int
    on_time: int


@dataclass(frozen=True, slots=True)
class ResponseTimes:
    days: list[int]
    """Days from presentation to response of every response with both dates, shortest first."""
    bins: list[Bin]
    on_time: int
    late: int
    unanswered: int
    waiting: int
    """Presented, no response yet, still inside the deadline."""
    by_parliament: list[ParliamentShare]
    slowest: list[Minister]

    @property
    def judged(self) -> int:
        """Petitions whose deadline is over: answered (on time or late) or not answered."""
        return self.on_time + self.late + self.unanswered

    @property
    def share_on_time(self) -> float:
        return self.on_time / self.judged if self.judged else 0.0

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


def minister(header: Bi[str]) -> Bi[str]:
    """The minister a response header names: "Response by the Minister of Housing" → "Minister of Housing"."""

    def strip(text: str | None) -> str | None:
        if not text:
            return None
        rest = _MINISTER.sub("", " ".join(text.split()), count=1).rstrip(" .")
        return rest[:1].upper() + rest[1:] if rest else None

    return Bi(strip(header.en), strip(header.fr))


def compute(timings: Iterable[Timing], today: date) -> ResponseTimes:
    """The figures for these petitions on `today` (petitions not presented yet are left out)."""
    days: list[int] = []
    totals = {"on_time": 0, "late": 0, "unanswered": 0, "waiting": 0}
    parliaments: dict[int | None, dict[str, int]] = {}
    ministers: dict[str, list[tuple[int, bool, Bi[str]]]] = {}
    for item in timings:
        if item.presented_on is None:
            continue
        outcome, took = _outcome(item, today)
        if outcome is None:
            continue  # answered, but the tabling date is unknown: no time to count
        totals[outcome] += 1
        if outcome != "waiting":
            row = parliaments.setdefault(item.parliament, {"on_time": 0, "late": 0, "unanswered": 0})
            row[outcome] += 1
        if took is not None:
            days.append(took)
            name = minister(item.header)
            key = (name.en or name.fr or "").casefold()
            if key:
                ministers.setdefault(key, []).append((took, outcome == "on_time", name))
    days.sort()
    return ResponseTimes(
        days=days,
        bins=_bins(days),
        on_time=totals["on_time"],
        late=totals["late"],
        unanswered=totals["unanswered"],
        waiting=totals["waiting"],
        by_parliament=[
            ParliamentShare(parl, **counts)
            for parl, counts in sorted(parliaments.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        ],
        slowest=_slowest(ministers),
    )


def _outcome(item: Timing, today: date) -> tuple[str | None, int | None]:
    """("on_time" | "late" | "unanswered" | "waiting" | None, days taken), as `deadlines.clock` reads it."""
    assert item.presented_on is not None
    deadline = deadlines.response_deadline(item.presented_on).due
    answered = item.tabled_on is not None or item.answered or item.status_id == Status.ANSWERED
    if answered:
        if item.tabled_on is None:
            return None, None
        took = (item.tabled_on - item.presented_on).days
        return ("on_time" if item.tabled_on <= deadline else "late"), took
    if item.status_id == Status.UNANSWERED_AT_DISSOLUTION or today > deadline:
        return "unanswered", None
    return "waiting", None


def _bins(days: list[int]) -> list[Bin]:
    """Bars of BIN_DAYS days (1–5, 6–10, …; a same-day answer counts in the first), zeros included."""
    longest = max(days, default=0)
    span = min(MAX_SPAN, max(MIN_SPAN, -(-longest // BIN_DAYS) * BIN_DAYS))
    counts = [0] * (span // BIN_DAYS)
    over = 0
    for d in days:
        if d > span:
            over += 1
        else:
            counts[max(0, (d - 1) // BIN_DAYS)] += 1
    bins = [Bin(i * BIN_DAYS + 1, (i + 1) * BIN_DAYS, n) for i, n in enumerate(counts)]
    if longest > span:
        bins.append(Bin(span + 1, None, over))
    return bins


def _slowest(ministers: dict[str, list[tuple[int, bool, Bi[str]]]]) -> list[Minister]:
    found = []
    for rows in ministers.values():
        name: Bi[str] = Bi()
        for _took, _on_time, each in rows:
            name = each.merge(name)  # the first known side wins
        took = [r[0] for r in rows]
        found.append(
            Minister(
                name=name,
                responses=len(rows),
                median_days=statistics.median(took),
                longest_days=max(took),
                on_time=sum(1 for r in rows if r[1]),
            )
        )
    found.sort(key=lambda m: (-m.median_days, -m.longest_days, -m.responses, m.name.en or m.name.fr or ""))
    return found[:SLOWEST]
