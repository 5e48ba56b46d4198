"""Text normalisation shared by parsers, search and matching."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


def collapse(text: str | None) -> str:
    """Trim and fold every run of white space (NBSP, CR, LF included) to one space."""
    if not text:
        return ""
    return " ".join(text.split())  # str.split() knows every Unicode space, NBSP included


def fold(text: str | None) -> str:
    """Lower case, no accents, plain dashes and apostrophes, collapsed spaces."""
    if not text:
        return ""
    text = collapse(text).translate(_DASHES).translate(_QUOTES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


# Characters a reader cannot see but that change what they see or what a program does: C0/C1
# controls other than tab and line breaks (NUL, ESC...), every format character (Unicode category
# Cf: bidi overrides and isolates U+202A-U+202E and U+2066-U+2069, zero-width space and joiners, BOM,
# soft hyphen, tags), and the "filler" letters that draw nothing (Hangul fillers, braille blank).
# tests/test_validate.py checks the Cf ranges against the running Python's Unicode database.
_INVISIBLE = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "]+"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every dash people type or paste between digits: hyphens, figure, en and em dashes, the minus
#: sign, the small and fullwidth hyphen-minus.
_ANY_DASH = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d", "-")
)


def hyphens(text: str) -> str:
    """Every dash a plain hyphen-minus, so "441–00155" or "2022−02−09" read as typed on a keyboard."""
    return text.translate(_ANY_DASH)


def has_broken_unicode(text: str) -> bool:
    """Lone surrogates: what undecodable bytes in a command line or a hand-made payload turn into."""
    return _SURROGATE.search(text) is not None


def visible(text: str | None) -> str:
    """`text` without what a reader cannot see (see `_INVISIBLE`); lone surrogates become U+FFFD.

    Why: a right-to-left override makes "441-00155" read backwards, a NUL ends a string early in C
    code, an escape sequence drives the terminal, and invisible characters make two different
    values look alike. Tabs and line breaks stay; `collapse` folds them when a value is one line.
    """
    if not text:
        return ""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return _INVISIBLE.sub("", text)
