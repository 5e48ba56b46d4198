"""The 45-day clock on a government response.

The House rules give the government 45 calendar days from presentation to table
a response, or until the next sitting day when the House does not sit on the
45th day. Readers want to know how long is left, how long an answer took, and
which petitions are late. Which days the House sits comes from `sittings.txt`
next to this module, a hand-kept calendar whose uncertain parts are marked; a
deadline that depends on an uncertain part says so (`approximate`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from bot.i18n import t
from bot.petitions.model import Petition
from bot.petitions.status import Status

log = logging.getLogger(__name__)

__all__ = [
    "RESPONSE_DAYS",
    "Clock",
    "ClockState",
    "Deadline",
    "SittingCalendar",
    "clock",
    "calendar_key",
    "clock_line",
    "default_calendar",
    "format_date",
    "overdue",
    "petition_due",
    "response_deadline",
    "response_due",
]

RESPONSE_DAYS = 45
SITTINGS_FILE = Path(__file__).with_name("sittings.txt")
DUE_RULE_VERSION = "1"
"""Part of `calendar_key`: bump when `response_due` changes, so stored due dates are recomputed."""
_MAX_WALK = 800  # days; longer than any adjournment, dissolution included


# --- Holidays -------------------------------------------------------------------


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    """Days the Standing Orders keep the House from sitting, whatever the calendar says."""
    easter = _easter(year)
    fixed = [
        date(year, 1, 1),
        date(year, 6, 24),
        date(year, 7, 1),
        date(year, 11, 11),
        date(year, 12, 25),
        date(year, 12, 26),
    ]
    if year >= 2021:
        fixed.append(date(year, 9, 30))  # National Day for Truth and Reconciliation
    days = set(fixed)
    for d in fixed:  # a holiday on a weekend is observed on the next free weekday
        if d.weekday() >= 5:
            observed = d + timedelta(days=7 - d.weekday())
            while observed in days:
                observed += timedelta(days=1)
            days.add(observed)
    may25 = date(year, 5, 25)
    days.update(
        {
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            may25 - timedelta(days=may25.weekday() or 7),  # Victoria Day: the Monday before 25 May
            _nth_monday(year, 9, 1),  # Labour Day
            _nth_monday(year, 10, 2),  # Thanksgiving
        }
    )
    return frozenset(days)


def _is_weekday_not_holiday(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


# --- The sitting calendar ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Range:
    start: date
    end: date
    approximate: bool


class SittingCalendar:
    """Which days the House sits, and how sure we are, parsed from the `sittings.txt` format."""

    def __init__(
        self,
        coverage: tuple[date, date],
        ranges: list[_Range],
        extra: dict[date, bool],
        excluded: dict[date, bool],
    ) -> None:
        self.coverage = coverage
        self._ranges = sorted(ranges, key=lambda r: r.start)
        self._extra = extra
        self._excluded = excluded
        # next_sitting_day, memoised: ingest asks it once per petition
        self._next: dict[date, tuple[date, bool]] = {}

    @classmethod
    def parse(cls, text: str, source: str = "<text>") -> SittingCalendar:
        """Read the calendar; a malformed line is an error naming the line, never skipped silently."""
        coverage: tuple[date, date] | None = None
        ranges: list[_Range] = []
        extra: dict[date, bool] = {}
        excluded: dict[date, bool] = {}
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            approximate = parts[-1] == "~"
            if approximate:
                parts = parts[:-1]
            try:
                if parts[0] == "coverage" and len(parts) == 3:
                    coverage = (date.fromisoformat(parts[1]), date.fromisoformat(parts[2]))
                elif len(parts) == 2:
                    start, end = date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
                    if end < start:
                        raise ValueError("range ends before it starts")
                    ranges.append(_Range(start, end, approximate))
                elif len(parts) == 1 and parts[0].startswith("-"):
                    excluded[date.fromisoformat(parts[0][1:])] = approximate
                elif len(parts) == 1:
                    extra[date.fromisoformat(parts[0])] = approximate
                else:
                    raise ValueError("expected 'START END', 'DATE', '-DATE' or 'coverage FIRST LAST'")
            except (ValueError, IndexError) as exc:
                raise ValueError(f"{source}:{number}: {raw.strip()!r}: {exc}") from exc
        if coverage is None:
            raise ValueError(f"{source}: no 'coverage FIRST LAST' line")
        return cls(coverage, ranges, extra, excluded)

    @classmethod
    def load(cls, path: Path) -> SittingCalendar:
        return cls.parse(path.read_text(encoding="utf-8"), source=str(path))

    def day(self, day: date) -> tuple[bool, bool]:
        """(does the House sit on `day`, is that an approximation)."""
        first, last = self.coverage
        if not first <= day <= last:
            return _is_weekday_not_holiday(day), True
        if day in self._extra:
            return True, self._extra[day]
        before: _Range | None = None
        after: _Range | None = None
        for r in self._ranges:
            if r.start <= day <= r.end:
                if day in self._excluded:
                    return False, self._excluded[day] or r.approximate
                return _is_weekday_not_holiday(day), r.approximate
            if r.end < day:
                before = r
            elif after is None:
                after = r
        return False, bool((before and before.approximate) or (after and after.approximate))

    def next_sitting_day(self, day: date) -> tuple[date, bool]:
        """The first sitting day on or after `day`, and whether any day on the way was uncertain."""
        found = self._next.get(day)
        if found is None:
            found = self._next[day] = self._walk(day)
        return found

    def _walk(self, day: date) -> tuple[date, bool]:
        approximate = False
        current = day
        for _ in range(_MAX_WALK):
            sits, unsure = self.day(current)
            approximate = approximate or unsure
            if sits:
                return current, approximate
            current += timedelta(days=1)
        log.warning("no sitting day within %d days of %s; using the date itself", _MAX_WALK, day)
        return day, True


@lru_cache(maxsize=1)
def default_calendar() -> SittingCalendar:
    """The calendar shipped with the package, read once."""
    return SittingCalendar.load(SITTINGS_FILE)


@lru_cache(maxsize=1)
def calendar_key() -> str:
    """Names the shipped calendar and the due-date rule: stored due dates made under another key are stale."""
    digest = hashlib.sha256(SITTINGS_FILE.read_bytes()).hexdigest()[:16]
    return f"{DUE_RULE_VERSION}:{RESPONSE_DAYS}:{digest}"


# --- Deadlines and clocks ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a response is due. `nominal` is day 45; `due` moves it to a sitting day."""

    due: date
    approximate: bool
    nominal: date


def response_deadline(presented_on: date, calendar: SittingCalendar | None = None) -> Deadline:
    """45 calendar days after presentation, or the next sitting day if the House is not sitting then."""
    nominal = presented_on + timedelta(days=RESPONSE_DAYS)
    due, approximate = (calendar or default_calendar()).next_sitting_day(nominal)
    return Deadline(due=due, approximate=approximate, nominal=nominal)


ClockState = Literal["not_presented", "awaiting", "answered", "overdue", "dissolved"]


@dataclass(frozen=True, slots=True)
class Clock:
    state: ClockState
    deadline: date | None = None
    days_left: int | None = None
    answered_in_days: int | None = None
    overdue_days: int | None = None
    approximate: bool = False


def clock(petition: Petition, today: date, calendar: SittingCalendar | None = None) -> Clock:
    """Where a petition stands against its 45-day response deadline on `today`."""
    if petition.presented_on is None:
        return Clock(state="not_presented")
    deadline = response_deadline(petition.presented_on, calendar)
    base = {"deadline": deadline.due, "approximate": deadline.approximate}
    answered = (
        petition.response_tabled_on is not None
        or petition.status_id == Status.ANSWERED
        or petition.has_response
    )
    if answered:
        took = None
        if petition.response_tabled_on is not None:
            took = (petition.response_tabled_on - petition.presented_on).days
        return Clock(state="answered", answered_in_days=took, **base)
    if petition.status_id == Status.UNANSWERED_AT_DISSOLUTION:
        return Clock(state="dissolved", **base)
    if today > deadline.due:
        return Clock(state="overdue", overdue_days=(today - deadline.due).days, **base)
    return Clock(state="awaiting", days_left=(deadline.due - today).days, **base)


def response_due(
    presented_on: date | None,
    *,
    answered: bool,
    status_id: int | None,
    calendar: SittingCalendar | None = None,
) -> date | None:
    """The day a response is due, for a presented petition still waiting for one; None for any other.

    The store keeps it beside each record (indexed), so `/overdue` is a range query: a petition
    is overdue on `today` exactly when `clock` says so, i.e. when this is set and before `today`.
    A petition closed or left unanswered at dissolution no longer waits.
    """
    if presented_on is None or answered:
        return None
    if status_id in (Status.ANSWERED, Status.UNANSWERED_AT_DISSOLUTION, Status.CLOSED_ON_DISSOLUTION):
        return None
    return response_deadline(presented_on, calendar).due


def petition_due(petition: Petition, calendar: SittingCalendar | None = None) -> date | None:
    """`response_due` of one petition, answered as `clock` reads it."""
    answered = petition.response_tabled_on is not None or petition.has_response
    return response_due(
        petition.presented_on, answered=answered, status_id=petition.status_id, calendar=calendar
    )


def overdue(
    petitions: Iterable[Petition], today: date, calendar: SittingCalendar | None = None
) -> list[tuple[Petition, Clock]]:
    """Petitions past their deadline without a response, the longest overdue first."""
    late = [(p, c) for p in petitions if (c := clock(p, today, calendar)).state == "overdue"]
    late.sort(key=lambda pc: (-(pc[1].overdue_days or 0), pc[0].number))
    return late


# --- Words ------------------------------------------------------------------------
# The sentences are in the catalogue (bot/i18n.py, "date.*" and "clock.*"); only the
# choice between them is here.


def format_date(d: date, lang: str) -> str:
    """'March 25, 2022' or '25 mars 2022' ('1er' for the first), as the House writes dates."""
    month = t("date.months", lang).split()[d.month - 1]
    day = t("date.first_day", lang) if d.day == 1 else str(d.day)
    return t("date.long", lang, day=day, month=month, year=d.year)


def _one(n: int, lang: str) -> bool:
    """Whether `n` takes the singular: 0 and 1 in French, only 1 in English."""
    return n in (0, 1) if lang.lower().startswith("fr") else n == 1


def _counted(key: str, n: int, lang: str, **params: object) -> str:
    """The sentence `key` about `n` days, in the singular (`key.one`) or the plural."""
    return t(f"{key}.one" if _one(n, lang) else key, lang, n=n, **params)


def clock_line(c: Clock, lang: str) -> str:
    """One line for a reader: due date and days left, answer time, or how late."""
    due = format_date(c.deadline, lang) if c.deadline else ""
    if c.state == "not_presented":
        return t("clock.not_presented", lang)
    if c.state == "answered":
        if c.answered_in_days is None:
            return t("clock.answered", lang)
        # the clock has stopped; how the deadline was computed no longer matters
        return _counted("clock.answered_in", c.answered_in_days, lang)
    if c.state == "awaiting":
        left = c.days_left or 0
        rest = t("clock.due_today", lang) if left == 0 else _counted("clock.left", left, lang)
        line = t("clock.awaiting", lang, due=due, rest=rest)
    elif c.state == "overdue":
        line = _counted("clock.overdue", c.overdue_days or 0, lang, due=due)
    else:  # dissolved
        line = t("clock.dissolved", lang, due=due)
    if c.approximate:
        line = t("clock.approximate", lang, line=line)
    return line
