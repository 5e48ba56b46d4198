"""Periods named in a question: "in 2022", "since May 2023", "avant 2020", "le mois passé", "this week".

A named span is the whole span: "last year" is January 1 to December 31 of the year before,
"this week" Monday to Sunday, "March 2024" the whole month. A month without a year is the latest
such month that has begun ("March", asked in November 2026, is March 2026; asked in February,
March of the year before). Days are inclusive; "since" and "after" leave the end open, "before"
and "until" the start.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.petitions.understand import _lexicon as lex
from bot.petitions.understand._reading import Period
from bot.petitions.understand._tokens import Tokens, phrase

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "decembre": 12,
}  # fmt: skip
#: Month words that are also ordinary words ("may", "march") or too short to trust alone: they
#: name a month only next to a year, a day or a preposition of time.
AMBIGUOUS_MONTHS = lex.words(
    "may march mar jan feb apr jun jul aug august sep sept oct nov dec janv fevr fev avr juil mai mars"
)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|re|st|nd|rd|th|e)?"
_UNITS_EN = r"days?|weeks?|months?|years?|yrs?"
_UNITS_FR = r"jours|semaines|mois|annees|ans"
_RELATIVE: list[tuple[str, str]] = [
    (r"(?:this|the current|current) year|cette annee(?: ci)?|l annee en cours|cette an", "this_year"),
    (
        r"(?:last|past|previous|the previous|the last) (?:year|yr)|l an dernier|l annee derniere|l an passe|"
        r"l annee passee|l annee precedente|annee derniere|an dernier|annee passee",
        "last_year",
    ),
    (r"(?:this|the current|current) month|ce mois(?: ci)?|le mois en cours", "this_month"),
    (
        r"(?:last|past|previous|the previous|the last) month|le mois dernier|le mois passe|le mois precedent|"
        r"mois dernier|mois passe",
        "last_month",
    ),
    (r"(?:this|the current|current) week|cette semaine(?: ci)?", "this_week"),
    (
        r"(?:last|past|previous|the previous|the last) week|la semaine derniere|la semaine passee|"
        r"la semaine precedente|semaine derniere|semaine passee",
        "last_week",
    ),
    (r"today|aujourd hui|ajd|auj", "today"),
    (r"yesterday|hier", "yesterday"),
    (rf"(?:the )?(?:last|past) \d{{1,3}} (?:{_UNITS_EN})", "last_n"),
    (rf"(?:les |ces |des )?\d{{1,3}} (?:derniers|dernieres) (?:{_UNITS_FR})", "last_n"),
    (rf"depuis \d{{1,3}} (?:{_UNITS_FR})", "last_n"),
]
_REL = "|".join(f"(?:{p})" for p, _ in _RELATIVE)
_RELATIVE_RE = [(re.compile(f"^(?:{p})$"), kind) for p, kind in _RELATIVE]
_X = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|(?:{_DAY} )?(?:{_MONTH})(?: {_DAY})?(?: (?:of |de |d )?{_YEAR})?"
    rf"|{_YEAR}|{_REL})"
)
_SINCE = r"since|depuis|as of|starting(?: in| from| on)?|a partir d[eu]?|a partir de l|a compter d[eu]|des|beginning|effective"
_AFTER = r"after|apres|later than|past"
_BEFORE = r"before|avant|prior to|earlier than|until before"
_UNTIL = r"until|till|up to|up until|through|thru|jusqu a|jusqu au|jusqu en|jusque en|jusqu a la fin de|to"
_IN = r"in|from|en|during|pendant|durant|au cours d[eu]|for|pour|of|de|du|d|over|sur|dans|within|at|around|vers|circa|since the start of"
_RANGE = re.compile(
    rf"(?:between|entre|from|de|du|d) (?P<a>{_X}) (?:and|et|to|until|till|through|thru|a|au|jusqu a|jusqu au|jusqu en|-) (?P<b>{_X})"
)
_YEARS = re.compile(rf"(?P<y1>{_YEAR})-(?P<y2>{_YEAR})")
_PREP = re.compile(
    rf"(?:(?P<since>{_SINCE})|(?P<after>{_AFTER})|(?P<before>{_BEFORE})|(?P<until>{_UNTIL})|(?P<in>{_IN}))"
    rf"(?: the| le| la| l)? (?P<x>{_X})"
)
_BARE = re.compile(rf"(?P<x>{_X})")
_PATTERNS = [phrase(p.pattern) for p in (_RANGE, _YEARS, _PREP, _BARE)]
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR_RE = re.compile(rf"\b{_YEAR}\b")
_LAST_N = re.compile(r"^(?:the |les |ces |des )?(?:(?:last|past) )?\d{1,3} ")
_NUMBER = re.compile(r"\d+")


def find_period(tokens: Tokens, today: date, *, prepositions_only: bool = False) -> Period | None:
    """The first period the free words name, its words blanked out; None when they name none."""
    for kind, pattern in zip(("range", "years", "prep", "bare"), _PATTERNS, strict=True):
        if prepositions_only and kind == "bare":
            break
        for m, i, j in tokens.find(pattern):
            period = _period_of(kind, m, tokens, i, j, today)
            if period is not None:
                tokens.take(i, j)
                return period
    return None


def _period_of(kind: str, m: re.Match[str], tokens: Tokens, i: int, j: int, today: date) -> Period | None:
    if kind == "range":
        first, last = m.group("a"), m.group("b")
        year = _YEAR_RE.search(last)
        if year and not _YEAR_RE.search(first) and not _ISO.match(first):
            first += " " + year.group()  # "entre janvier et mars 2025": January 2025
        a, b = _span(first, today), _span(last, today)
        if a is None or b is None or a[0] > b[1]:
            return None
        return Period(a[0], b[1])
    if kind == "years":
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        return Period(date(y1, 1, 1), date(y2, 12, 31)) if y1 <= y2 else None
    x = m.group("x")
    words = x.split()
    if len(words) == 1 and words[0] in AMBIGUOUS_MONTHS:
        if kind == "bare":
            return None  # "may", "mars" alone: the verb, the planet, a name
        if words[0] == "may" and not tokens.items[j - 1].capitalised and tokens.text != tokens.text.lower():
            return None  # "in may" in a question that uses capitals elsewhere: not the month
    span = _span(x, today)
    if span is None:
        return None
    start, end = span
    if kind == "bare":
        if re.fullmatch(_YEAR, x) and int(x) > today.year + 1:
            return None
        return Period(start, end)
    if m.group("since") and not _LAST_N.match(x):  # "depuis 30 jours", "des 30 derniers jours": that span
        return Period(start, None)
    if m.group("after"):
        return Period(end + timedelta(days=1), None)
    if m.group("before"):
        return Period(None, start - timedelta(days=1))
    if m.group("until"):
        return Period(None, end)
    return Period(start, end)


def _span(x: str, today: date) -> tuple[date, date] | None:
    """The first and last day `x` names."""
    iso = _ISO.match(x)
    if iso:
        try:
            d = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return d, d
    for pattern, kind in _RELATIVE_RE:
        if pattern.match(x):
            return _relative(kind, x, today)
    words = x.split()
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(n) for n in _NUMBER.findall(x)]
    year = next((n for n in numbers if n >= 1000), None)
    day = next((n for n in numbers if n < 1000), None)
    if month is None:
        if year is None:
            return None
        return date(year, 1, 1), date(year, 12, 31)
    if year is None:
        year = today.year if (month, day or 1) <= (today.month, today.day) else today.year - 1
    last = calendar.monthrange(year, month)[1]
    if day is not None:
        if day > last:
            return None
        return date(year, month, day), date(year, month, day)
    return date(year, month, 1), date(year, month, last)


def _relative(kind: str, x: str, today: date) -> tuple[date, date]:
    if kind == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if kind == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if kind == "this_month":
        return _month(today.year, today.month)
    if kind == "last_month":
        first = today.replace(day=1) - timedelta(days=1)
        return _month(first.year, first.month)
    if kind in ("this_week", "last_week"):
        monday = today - timedelta(days=today.weekday())
        if kind == "last_week":
            monday -= timedelta(days=7)
        return monday, monday + timedelta(days=6)
    if kind == "today":
        return today, today
    if kind == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    n = int(_NUMBER.findall(x)[0])
    unit = x.split()[-1]
    if unit.startswith(("day", "jour")):
        start = today - timedelta(days=n)
    elif unit.startswith(("week", "semaine")):
        start = today - timedelta(weeks=n)
    elif unit.startswith(("month", "mois")):
        months = today.year * 12 + today.month - 1 - n
        year, month = divmod(months, 12)
        start = date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    else:
        start = date(today.year - n, today.month, min(today.day, 28 if today.month == 2 else today.day))
    return start, today


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
