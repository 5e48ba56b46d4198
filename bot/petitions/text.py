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
