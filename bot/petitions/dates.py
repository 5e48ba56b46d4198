"""Dates and times as the petitions site writes them, in English and French.

The site prints Ottawa wall-clock time followed by a zone label that is wrong in
winter ("(EDT)" on January dates), so the label is ignored and every time is read
as `America/Toronto` local time. Searching (rather than matching the whole
string) lets callers hand over a whole value such as
"April 15, 2021 (Petition No. 432-00808)".
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time

from bot.petitions.model import TORONTO
from bot.petitions.text import fold

log = logging.getLogger(__name__)

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Folded (accent-free) French names, with the usual abbreviations.
_FR_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip

_EN_NAMES = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_FR_NAMES = "|".join(sorted(_FR_MONTHS, key=len, reverse=True))

# All patterns run on folded text: lower case, no accents, single spaces.
_EN_DATE = re.compile(rf"\b({_EN_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_FR_DATE = re.compile(rf"\b(\d{{1,2}})(?:er|re)?\s+({_FR_NAMES})\.?\s+(\d{{4}})\b")
_ISO_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(z|[+-]\d{2}:?\d{2})?)?"
)
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")

_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?")
_FR_TIME = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})?\b")
_24_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _find_date(folded: str, lang: str | None) -> tuple[date, int] | None:
    """The first date in `folded` and the index just after it."""
    finders = (_FR_DATE, _EN_DATE) if lang == "fr" else (_EN_DATE, _FR_DATE)
    best: tuple[date, int, int] | None = None
    for pattern in (*finders, _ISO_DATE, _US_DATE):
        m = pattern.search(folded)
        if not m:
            continue
        try:
            if pattern is _EN_DATE:
                found = date(int(m.group(3)), _EN_MONTHS[m.group(1)], int(m.group(2)))
            elif pattern is _FR_DATE:
                found = date(int(m.group(3)), _FR_MONTHS[m.group(2)], int(m.group(1)))
            elif pattern is _ISO_DATE:
                found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                found = date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            continue
        # Prefer the earliest date in the string: "1 - 20 of 95" style noise comes later.
        if best is None or m.start() < best[2]:
            best = (found, m.end(), m.start())
    return (best[0], best[1]) if best else None


def parse_date(text: str | None, lang: str | None = None) -> date | None:
    """The first calendar date written in `text`, or None.

    Reads "April 15, 2021", "9 février 2022", "1er mars 2022", ISO "2021-04-15"
    and the page cache stamp's "10/1/2026" (US month/day).
    """
    if not text:
        return None
    found = _find_date(fold(text), lang)
    return found[0] if found else None


def parse_datetime(
    text: str | None, lang: str | None = None, *, default_time: time | None = None
) -> datetime | None:
    """The first date-and-time in `text`, as an aware Ottawa datetime, or None.

    A date with no time gives None unless `default_time` is given: a made-up
    time could move a closing deadline by hours.
    """
    if not text:
        return None
    folded = fold(text)
    iso = _ISO_DATE.search(folded)
    if iso and iso.group(4):
        return _from_iso(iso)
    found = _find_date(folded, lang)
    if not found:
        return None
    day, end = found
    rest = folded[end:]
    clock = _read_time(rest)
    if clock is None:
        if default_time is None:
            return None
        clock = default_time
    return datetime.combine(day, clock, tzinfo=TORONTO)


def _read_time(rest: str) -> time | None:
    rest = rest[:40]
    m = _EN_TIME.search(rest)
    if m:
        hour = int(m.group(1)) % 12
        if m.group(4) == "p":
            hour += 12
        return _time(hour, int(m.group(2) or 0), int(m.group(3) or 0))
    m = _FR_TIME.search(rest)
    if m:
        return _time(int(m.group(1)), int(m.group(2) or 0))
    m = _24_TIME.search(rest)
    if m:
        return _time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    return None


def _time(hour: int, minute: int, second: int = 0) -> time | None:
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def _from_iso(m: re.Match[str]) -> datetime | None:
    y, mo, d, hh, mm, ss, zone = m.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    if not zone:
        return naive.replace(tzinfo=TORONTO)
    stamp = f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}" + ("+00:00" if zone == "z" else zone)
    try:
        return datetime.fromisoformat(stamp).astimezone(TORONTO)
    except ValueError:
        return None
