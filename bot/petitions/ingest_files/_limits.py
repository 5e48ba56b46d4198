"""What one file may cost an ingest, and the one-line refusal a file gets when it is not what it seems."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.parse import MAX_EXPORT_DEPTH, MAX_EXPORT_RECORD

DEFAULT_MAX_SIZE = 1_000_000_000
"""`--max-size` when not given: 1 GB. A snapshot of 100,000 petitions is about 520 MB; snapshots and
exports are streamed, so the cap bounds time and disk, not memory."""
MAX_PAGE = 2_000_000
"""A details page, listing or text page is read whole: 2 MB, where real ones are about 110 KB (and
reading a page's text costs about a second per MB)."""
MAX_TEXT_LINES = 5_000
"""A page's visible text (a saved excerpt) is read line by line; a whole page is a few hundred lines."""
MAX_RECORD = MAX_EXPORT_RECORD
"""One snapshot line or export record: 4 MB, where real ones are a few KB."""
MAX_NESTING = MAX_EXPORT_DEPTH
"""JSON arrays and objects, or XML elements, nested deeper than this (200) are refused; records nest 4."""

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)(b?)\s*$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class IngestError(ValueError):
    """A file that cannot be read as any of the formats we know, or holds a record that cannot be stored."""

    def __init__(self, source: str, reason: str) -> None:
        source, reason = one_line(source), one_line(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        return type(self), (self.source, self.reason)


DATA_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,  # UnicodeError, json.JSONDecodeError and the parsers' own errors included
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    RecursionError,
    MemoryError,
    BadPetitionNumber,
)
"""What reading a hostile file may raise; each becomes one `IngestError` naming the file."""


def describe(exc: BaseException) -> str:
    """A reason for the one-line refusal, in words rather than a Python error's name."""
    if isinstance(exc, IngestError):
        return exc.reason
    if isinstance(exc, RecursionError):
        return "it is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "it is too large to read in memory"
    if isinstance(exc, OverflowError):
        return "it holds a number too large to store"
    if isinstance(exc, UnicodeError):
        return "it holds text that is not valid Unicode"
    if isinstance(exc, BadPetitionNumber):
        return "it has no readable petition number"
    text = str(exc)
    if "integer string conversion" in text:
        return "it holds a number with thousands of digits"
    if isinstance(exc, ValueError) and text:
        return text
    return f"it is not laid out as expected ({type(exc).__name__}: {text})"


def one_line(text: str, limit: int = 300) -> str:
    """No line break or terminal control in a message that may quote a hostile file or name."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_size(text: str) -> int:
    """Bytes from "100MB", "1.5 GB", "512MiB", "64k" or "1048576" (kB, MB, GB are powers of 1000)."""
    m = _SIZE.match(text or "")
    if not m:
        raise ValueError(f"not a size: {text!r} (say 100MB, 1GB, 512MiB)")
    number, unit, binary = float(m.group(1)), m.group(2).lower(), bool(m.group(3))
    if binary and not unit:
        raise ValueError(f"not a size: {text!r} (say 100MB, 1GB, 512MiB)")
    power = "kmgt".find(unit) + 1 if unit else 0
    value = int(number * (1024 if binary else 1000) ** power)
    if value < 1:
        raise ValueError(f"a size must be at least one byte: {text!r}")
    return value


def format_size(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one ingest accepts; every bound that keeps a hostile file from costing time or memory."""

    max_size: int = DEFAULT_MAX_SIZE
    max_page: int = MAX_PAGE
    max_record: int = MAX_RECORD
    max_nesting: int = MAX_NESTING
