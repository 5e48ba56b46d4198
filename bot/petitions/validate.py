"""What a user typed, checked in one place for the CLI's arguments and every slash-command option.

Why one module: the same value (a date, a Parliament, a country) arrives through argparse and
through Discord, and must be accepted or refused the same way, in the same words, whichever way it
came. Discord's client enforces an option's type, choices and range, but a modified client or a
hand-made request does not, so every command checks each value here again, as if nothing had.

The conventions (a function that departs from one says so: `query`, `limit`, `partial`):

- a check takes the raw value as it came (`object`: a string from argparse, whatever JSON type
  Discord sent) and returns the clean value, or None when the option was not given at all;
- anything else raises `UserFacingError` with a key in `bot.i18n`, the option's name as a `Term`
  (translated when shown) and the offending value, made visible and short;
- text is stripped of what a reader cannot see (`text.visible`: controls, bidi overrides, zero-width
  characters), NFC-normalised and collapsed to one line; broken Unicode (lone surrogates) is refused
  rather than repaired, because nobody can see what it stood for;
- an option that was given but says nothing (" ", U+3000, a newline, only invisible characters) is
  refused: a blank filter must never widen into "everything". Only the search words may be empty.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from bot.petitions.errors import Term, UserFacingError
from bot.petitions.model import Kind
from bot.petitions.status import GROUPS, STATUS_LABELS
from bot.petitions.text import collapse, has_broken_unicode, hyphens, visible


@dataclass(frozen=True, slots=True)
class Bounds:
    """The smallest and largest whole number an option accepts, both included."""

    low: int
    high: int


PARLIAMENT = Bounds(1, 99)
SESSION = Bounds(1, 9)
LIMIT = Bounds(1, 100)
#: Alert ids, server and channel ids: SQLite integers and Discord snowflakes are signed 64-bit.
ID = Bounds(1, 2**63 - 1)
MAX_REQUESTS = Bounds(0, 10_000_000)
#: Confederation to a century ahead: a year outside is a typo, and would overflow date arithmetic.
YEARS = Bounds(1867, 2100)
DURATION = Bounds(1, 366 * 86400)  # seconds: a backfill runs for at most a year

NAME_MAX = 100  # a country, subject, keyword or MP: Discord's cap for these options
QUERY_MAX = 200  # search words
NUMBER_MAX = 300  # a petition number, or the address of its page
SHOWN_MAX = 40  # characters of a refused value repeated in the message

KINDS: tuple[str, ...] = get_args(Kind)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
STATS_VIEWS = ("petitions", "responses")
"""What /stats and `petitionbot stats` draw: petitions per year and by province, or response times."""

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_WHOLE = re.compile(r"[+-]?\d+")


def _option(field: str) -> Term:
    return Term(f"field.{field}")


def shown(raw: object) -> str:
    """A refused value as a message may repeat it: visible characters only, one line, short."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        value = repr(raw)
    elif isinstance(raw, int) and abs(raw) >= 10**SHOWN_MAX:
        digits = str(abs(raw)) if raw.bit_length() < 14_000 else ""  # str() refuses past 4,300 digits
        value = ("-" if raw < 0 else "") + (digits[: SHOWN_MAX + 1] if digits else "…")
    else:
        value = str(raw)
    value = collapse(visible(value))
    return value if len(value) <= SHOWN_MAX else value[: SHOWN_MAX - 1] + "…"


# --- text -----------------------------------------------------------------------------------------


def text(
    value: object,
    field: str,
    *,
    max_len: int = NAME_MAX,
    blank: Literal["refuse", "absent"] = "refuse",
) -> str | None:
    """One line of readable text, or None when the option was not given.

    `blank="absent"` makes an empty value mean "not given" (the search words); by default an
    option given with nothing in it is refused.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise UserFacingError("input.not_text", option=_option(field))
    if len(value) > 8 * max_len + 64:  # refused before any work is spent on it
        raise UserFacingError("input.too_long", option=_option(field), limit=max_len)
    if has_broken_unicode(value):
        raise UserFacingError("input.unreadable", option=_option(field))
    cleaned = collapse(unicodedata.normalize("NFC", visible(value)))
    if not cleaned:
        if blank == "absent":
            return None
        raise UserFacingError("input.blank", option=_option(field))
    if len(cleaned) > max_len:
        raise UserFacingError("input.too_long", option=_option(field), limit=max_len)
    return cleaned


def partial(value: object, max_len: int = NAME_MAX) -> str:
    """What the user has typed so far, for an autocomplete: cleaned like `text`, never refused.

    An autocomplete only offers choices; the command checks the value submitted in the end.
    """
    if not isinstance(value, str):
        return ""
    value = value[: 8 * max_len]
    if has_broken_unicode(value):
        value = visible(value).replace("\ufffd", "")
    return collapse(unicodedata.normalize("NFC", visible(value)))[:max_len]


#: Never part of a name, a subject or an MP, and all of them Discord markup: "@here", "<@1>", "`x`".
_MARKUP = frozenset("@<>`\\|{}")
#: What country names hold besides letters and spaces: "Côte d’Ivoire", "Korea (South)", "St. Kitts & Nevis".
_COUNTRY_PUNCTUATION = frozenset("'’‘ʼ-‐‑–—.,()&/")


def _has_letter(value: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in value)


def _country_like(value: str) -> bool:
    return all(
        ch in _COUNTRY_PUNCTUATION or ch.isspace() or unicodedata.category(ch)[0] in "LM" for ch in value
    )


def name(value: object, field: str, *, digits: bool = False, strict: bool = False) -> str | None:
    """A name to look up (country, subject, keyword, MP): text with at least one letter and no markup.

    "@here", "***" or "-" name nothing, yet fuzzy matching would still find something for them (a
    country, a subject), so they are refused. `digits` also accepts a number alone (an MP's person id);
    `strict` accepts only letters, spaces and the punctuation of country names.
    """
    cleaned = text(value, field, max_len=NAME_MAX)
    if cleaned is None:
        return None
    if digits and not _has_letter(cleaned):
        cleaned = unicodedata.normalize("NFKC", cleaned)  # "８９２２６", "89²26": an id in odd digits
    readable = _has_letter(cleaned) or (digits and cleaned.isdecimal())
    if readable and not _MARKUP.intersection(cleaned) and (not strict or _country_like(cleaned)):
        return cleaned
    raise UserFacingError("input.no_letters", option=_option(field), value=shown(cleaned))


def country(value: object) -> str | None:
    """A country's name in English or French, or its ISO code."""
    return name(value, "country", strict=True)


def subject(value: object) -> str | None:
    return name(value, "subject")


def keyword(value: object) -> str | None:
    return name(value, "keyword")


def sponsor(value: object) -> str | None:
    """An MP by name (typos allowed) or by their House of Commons person id."""
    return name(value, "sponsor", digits=True)


def petition_number(value: object) -> str | None:
    """Text that should hold a petition number; `numbers.parse_number` reads it (and says why not)."""
    return text(value, "number", max_len=NUMBER_MAX)


def query(value: object) -> str:
    """Search words; empty when none were given (whether that is allowed is the search's call)."""
    return text(value, "query", max_len=QUERY_MAX, blank="absent") or ""


# --- numbers --------------------------------------------------------------------------------------


def _whole(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise UserFacingError("input.not_whole", option=_option(field), value=shown(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise UserFacingError("input.not_whole", option=_option(field), value=shown(value))
    if not isinstance(value, str):
        raise UserFacingError("input.not_whole", option=_option(field), value=shown(value))
    cleaned = text(value, field, max_len=1000)
    assert cleaned is not None
    cleaned = hyphens(unicodedata.normalize("NFKC", cleaned)).replace(" ", "")
    if not _WHOLE.fullmatch(cleaned):
        raise UserFacingError("input.not_whole", option=_option(field), value=shown(cleaned))
    return int(cleaned)


def integer(value: object, field: str, bounds: Bounds) -> int | None:
    """A whole number within `bounds`: 44, "44", 44.0 (a JSON number), "４４"; not 44.5, "4e1" or True."""
    number = _whole(value, field)
    if number is None:
        return None
    if not bounds.low <= number <= bounds.high:
        raise UserFacingError(
            "input.out_of_range", option=_option(field), value=shown(number), low=bounds.low, high=bounds.high
        )
    return number


def parliament(value: object) -> int | None:
    return integer(value, "parliament", PARLIAMENT)


def session(value: object) -> int | None:
    return integer(value, "session", SESSION)


def limit(value: object, default: int = 10) -> int:
    found = integer(value, "limit", LIMIT)
    return default if found is None else found


def max_requests(value: object) -> int | None:
    return integer(value, "max_requests", MAX_REQUESTS)


def snowflake(value: object, field: str) -> int | None:
    """A Discord id (a server, a channel)."""
    return integer(value, field, ID)


def status_id(value: object) -> int | None:
    """One of the status ids the site uses (`status.STATUS_LABELS`), e.g. 223 for "response tabled"."""
    number = _whole(value, "status")
    if number is None:
        return None
    if number not in STATUS_LABELS:
        known = ", ".join(str(s) for s in sorted(STATUS_LABELS))
        raise UserFacingError(
            "input.not_a_choice", option=_option("status"), value=shown(number), choices=known
        )
    return number


def alert_id(value: object) -> int | None:
    """An alert's number as /following shows it ("#12" or "12"); anything else is no alert of this server."""
    if isinstance(value, str):
        cleaned = text(value, "alert", max_len=NAME_MAX)
        assert cleaned is not None
        value = cleaned.lstrip("#").strip()
    try:
        return integer(value, "alert", ID)
    except UserFacingError as exc:
        if exc.key == "input.blank":
            raise
        raise UserFacingError("alerts.unknown", value=shown(value)) from None


# --- choices, yes/no, dates -------------------------------------------------------------------------


def choice(value: object, field: str, choices: Iterable[str] | Mapping[str, object]) -> str | None:
    """One of `choices`, whatever its case; the choice as spelled in `choices`."""
    cleaned = text(value, field, max_len=NAME_MAX)
    if cleaned is None:
        return None
    known = list(choices)
    for option in known:
        if cleaned.casefold() == option.casefold():
            return option
    raise UserFacingError(
        "input.not_a_choice", option=_option(field), value=shown(cleaned), choices=", ".join(known)
    )


def kind(value: object) -> str | None:
    """Electronic ("e") or paper ("paper") petitions."""
    return choice(value, "type", KINDS)


def log_level(value: object) -> str | None:
    return choice(value, "log_level", LOG_LEVELS)


def status_group(value: object) -> str | None:
    """A group of statuses by name (`status.GROUPS`: "open", "answered"…), as /search and
    `petitionbot search --status-group` offer them; `status.group_ids` gives its ids."""
    return choice(value, "status", GROUPS)


def stats_view(value: object) -> str:
    """One of STATS_VIEWS; "petitions" when none is given."""
    return choice(value, "view", STATS_VIEWS) or STATS_VIEWS[0]


def stats_scope(view: str, *, country: str | None, subject: str | None, sponsor: str | None) -> None:
    """What /stats and `petitionbot stats` count: the petitions of one country, subject or sponsor.

    Response times may also cover every petition, so only that view may name none; naming two
    would leave the chart's title guessing which one it is about.
    """
    given = [v for v in (country, subject, sponsor) if v]
    if not given and view == "petitions":
        raise UserFacingError("stats.need_one")
    if len(given) > 1:
        raise UserFacingError("stats.too_many")


def flag(value: object, field: str) -> bool | None:
    """A yes/no option: Discord sends a JSON boolean, and nothing else is one."""
    if value is None or isinstance(value, bool):
        return value
    raise UserFacingError("input.not_yes_no", option=_option(field))


def day(value: object, field: str) -> date | None:
    """A calendar day written YYYY-MM-DD (ISO 8601), in a sane range of years."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        found = value
    else:
        cleaned = text(value, field, max_len=SHOWN_MAX)
        assert cleaned is not None
        cleaned = hyphens(unicodedata.normalize("NFKC", cleaned))
        match = _ISO_DAY.fullmatch(cleaned)
        if not match:
            raise UserFacingError("date.bad", value=shown(cleaned))
        year, month, dom = (int(part) for part in match.groups())
        if not YEARS.low <= year <= YEARS.high:
            raise UserFacingError("date.out_of_range", value=cleaned, low=YEARS.low, high=YEARS.high)
        try:
            found = date(year, month, dom)
        except ValueError:
            raise UserFacingError("date.no_such_day", value=cleaned) from None
    if not YEARS.low <= found.year <= YEARS.high:
        raise UserFacingError("date.out_of_range", value=found.isoformat(), low=YEARS.low, high=YEARS.high)
    return found


def date_span(start: date | None, end: date | None) -> None:
    """A "from" date after the "to" date matches nothing: say so instead of answering "none"."""
    if start is not None and end is not None and start > end:
        raise UserFacingError("error.dates_reversed")


def duration(value: object) -> float | None:
    """How long a backfill may run: "2h", "90m", "1h30m" or seconds, from one second to a year."""
    from bot.petitions.backfill import parse_duration

    cleaned = text(value, "duration", max_len=SHOWN_MAX)
    if cleaned is None:
        return None
    try:
        seconds = parse_duration(cleaned)
    except ValueError:
        raise UserFacingError("input.not_duration", value=shown(cleaned)) from None
    if not (math.isfinite(seconds) and DURATION.low <= seconds <= DURATION.high):
        raise UserFacingError(
            "input.out_of_range",
            option=_option("duration"),
            value=shown(cleaned),
            low="1s",
            high=f"{DURATION.high // 86400}d",
        )
    return seconds


# --- /ask (issue 12) ------------------------------------------------------------------------------

QUESTION_MAX = 2000  # Discord's message length: a question pasted whole is read, not refused


def question(value: object) -> str:
    """A question asked in plain words: readable text on one line, at most `QUESTION_MAX` characters.

    Only its first `understand.MAX_READ` characters are read; what it says is the reader's business
    (`bot.petitions.understand`), so anything readable passes here, SQL and code fences included.
    """
    cleaned = text(value, "question", max_len=QUESTION_MAX)
    if cleaned is None:
        raise UserFacingError("input.blank", option=_option("question"))
    return cleaned
