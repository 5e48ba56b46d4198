"""The files `petitionbot ingest` is handed: opened within limits, recognised by content, read record by record.

Any file may arrive here (a download, a hand-edited snapshot, something that is not ours at
all), so a file that is not what it seems is refused in one sentence naming it, never with a
traceback, and nothing here holds more than one record or one page in memory: snapshots are
read line by line and XML exports through `parse_export.scan_export`. Each record of those two
formats comes with a hash of its raw bytes, so that ingest recognises a record it already
stored before parsing or deriving anything from it.

Nothing here writes to the store; `ingest` does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from bot.petitions import parse_export
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import Bi, Petition
from bot.petitions.numbers import parse_number
from bot.petitions.text import has_broken_unicode

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = "petitionbot-snapshot"
SNAPSHOT_VERSION = 1

DEFAULT_MAX_SIZE = 1_000_000_000
"""`--max-size` when not given: 1 GB. A snapshot of 100,000 petitions is about 520 MB; snapshots and
exports are streamed, so the cap bounds time and disk, not memory."""
MAX_PAGE = 2_000_000
"""A details page, listing or text page is read whole: 2 MB, where real ones are about 110 KB (and
reading a page's text costs about a second per MB)."""
MAX_TEXT_LINES = 5_000
"""A page's visible text (a saved excerpt) is read line by line; a whole page is a few hundred lines."""
MAX_RECORD = parse_export.MAX_RECORD
"""One snapshot line or export record: 4 MB, where real ones are a few KB."""
MAX_NESTING = parse_export.MAX_DEPTH
"""JSON arrays and objects, or XML elements, nested deeper than this (200) are refused; records nest 4."""
SOURCE_VERSION = "1"
"""Part of every source hash: bump it when a parser reads the same bytes differently, so that
records stored from files are read again rather than recognised as unchanged."""

_HEAD = 64 * 1024
_BOM = b"\xef\xbb\xbf"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)(b?)\s*$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_INT64 = 2**63


class IngestError(ValueError):
    """A file that cannot be read as any of the formats we know, or holds a record that cannot be stored."""

    def __init__(self, source: str, reason: str) -> None:
        source, reason = _one_line(source), _one_line(reason)
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


def _one_line(text: str, limit: int = 300) -> str:
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


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as it sits in its file, before anything is parsed."""

    where: str
    """"line 12", "record 3 (line 57)", or "" for a page."""
    source_hash: str | None
    """A hash of the raw bytes and of how they are read; None where a file is not cut into records."""
    data: Any


def source_hash(kind: str, context: str, raw: bytes) -> str:
    digest = hashlib.blake2b(f"{SOURCE_VERSION}\0{kind}\0{context}\0".encode(), digest_size=16)
    digest.update(raw)
    return digest.hexdigest()


class InputFile:
    """One file handed to ingest, recognised; `records` then `parse` read it.

    A regular file is open only while it is recognised and while its records are
    read, so a batch of thousands of pages never holds thousands of descriptors;
    it must not change in between. A pipe or device is copied once to a
    temporary file that stays open.
    """

    def __init__(
        self,
        path: Path,
        fh: BinaryIO,
        size: int,
        limits: Limits,
        fetched_at: datetime,
        identity: tuple[int, ...] | None,
    ) -> None:
        self.path = path
        self.source = str(path)
        self.fh = fh
        self.size = size
        self.limits = limits
        self.fetched_at = fetched_at
        self.kind = "text"
        self._identity = identity
        self._scan: parse_export.ExportScan | None = None

    @property
    def streamed(self) -> bool:
        """Read record by record, each with a source hash (snapshots and exports)."""
        return self.kind in ("snapshot", "export")

    def close(self) -> None:
        self.fh.close()

    def _reopen(self) -> None:
        if not self.fh.closed:
            return
        try:
            fh = self.path.open("rb")
        except OSError as exc:
            raise self.fail(exc.strerror or str(exc)) from exc
        if _identity(os.fstat(fh.fileno())) != self._identity:
            fh.close()
            raise self.fail("it changed while it was being read")
        self.fh = fh

    def _release(self) -> None:
        if self._identity is not None:
            self.fh.close()

    def fail(self, reason: str, where: str = "") -> IngestError:
        return IngestError(self.source, f"{where}: {reason}" if where else reason)

    # --- what the file is ------------------------------------------------------------

    def recognise(self) -> None:
        """Tell the format from the content (never the name); an export is scanned whole here."""
        self.fh.seek(0)
        head = self.fh.read(_HEAD)
        if b"\0" in head:
            raise self.fail("it is binary data, not text (it holds NUL bytes)")
        stripped = head.removeprefix(_BOM).lstrip()
        while not stripped and head:
            head = self.fh.read(_HEAD)
            if b"\0" in head:
                raise self.fail("it is binary data, not text (it holds NUL bytes)")
            stripped = head.lstrip()
        if not stripped:
            raise self.fail("empty file")
        text = stripped.decode("utf-8", "replace")
        lowered = text[:400].lower()
        if text.startswith("{"):
            self.kind = "snapshot" if _is_snapshot_header(text.split("\n", 1)[0]) else "listing"
        elif lowered.startswith("<?xml") or ("<petition" in lowered and "<html" not in lowered):
            self.kind = "export"
        elif "<html" in lowered or "<!doctype" in lowered or "<body" in lowered:
            self.kind = "page"
        if not self.streamed and self.size > self.limits.max_page:
            raise self.fail(
                f"it is {format_size(self.size)}, and no petition page is larger than "
                f"{format_size(self.limits.max_page)}"
            )
        if self.kind == "export":
            limits = self.limits
            try:
                self._scan = parse_export.scan_export(
                    self.fh,
                    max_depth=limits.max_nesting,
                    max_record=limits.max_record,
                    max_size=limits.max_size,
                )
            except DATA_ERRORS as exc:
                raise self.fail(describe(exc)) from exc

    # --- its records -----------------------------------------------------------------

    def records(self) -> Iterator[RawRecord]:
        self._reopen()
        try:
            if self.kind == "snapshot":
                yield from self._snapshot_lines()
            elif self.kind == "export":
                yield from self._export_records()
            else:
                self.fh.seek(0)
                data = self.fh.read(self.limits.max_page + 1)
                self._release()
                yield RawRecord("", None, data)
        finally:
            self._release()

    def _snapshot_lines(self) -> Iterator[RawRecord]:
        fh, limit = self.fh, self.limits.max_record
        fh.seek(0)
        header_seen = False
        lineno = read = 0
        while line := fh.readline(limit + 1):
            lineno += 1
            read += len(line)
            if len(line) > limit:
                raise self.fail(
                    f"longer than {format_size(limit)}; no petition record is that long", f"line {lineno}"
                )
            if read > self.limits.max_size:
                raise self.fail(
                    f"the file grew past the {format_size(self.limits.max_size)} limit (--max-size)"
                )
            line = line.removeprefix(_BOM).strip() if lineno == 1 else line.strip()
            if not line:
                continue
            if not header_seen:
                try:
                    check_snapshot_header(line.decode("utf-8"), self.limits)
                except DATA_ERRORS as exc:
                    raise self.fail(describe(exc)) from exc
                header_seen = True
                continue
            yield RawRecord(f"line {lineno}", source_hash("snapshot", "", line), line)

    def _export_records(self) -> Iterator[RawRecord]:
        scan = self._scan
        assert scan is not None, "recognise() scans an export"
        for record in scan.records:
            try:
                raw = parse_export.record_bytes(self.fh, record)
            except DATA_ERRORS as exc:
                raise self.fail(describe(exc), record.where) from exc
            yield RawRecord(record.where, source_hash("export", scan.context(record), raw), (record, raw))

    # --- parsing one ------------------------------------------------------------------

    def parse(self, raw: RawRecord) -> list[Petition]:
        """The petitions of one raw record, each checked to be storable."""
        try:
            found = self._parse(raw)
        except IngestError:
            raise
        except DATA_ERRORS as exc:
            raise self.fail(describe(exc), raw.where) from exc
        for i, p in enumerate(found, 1):
            problem = petition_problem(p)
            if problem:
                where = raw.where or (f"row {i}" if self.kind == "listing" else "")
                raise self.fail(problem, where)
        return found

    def _parse(self, raw: RawRecord) -> list[Petition]:
        from bot.petitions.parse_details import check_markup, parse_details
        from bot.petitions.parse_listing import parse_listing
        from bot.petitions.parse_text import parse_text_page

        if self.kind == "snapshot":
            return [snapshot_petition(raw.data.decode("utf-8"), self.limits)]
        if self.kind == "export":
            assert self._scan is not None, "recognise() scans an export"
            record, data = raw.data
            found = parse_export.parse_record(data, self._scan, record)
            return [found] if found is not None else []
        data: bytes = raw.data
        if len(data) > self.limits.max_page:
            raise self.fail(f"it grew past {format_size(self.limits.max_page)} while being read")
        text = data.decode("utf-8-sig", errors="replace")
        if self.kind == "listing":
            payload = load_json(text, self.limits.max_nesting)
            if not isinstance(payload, dict):
                raise ValueError(f"the JSON is {_json_kind(payload)}, not a listing or a snapshot")
            html = payload.get("html")
            if isinstance(html, str):
                if has_broken_unicode(html):
                    raise ValueError("the listing holds text that is not valid Unicode (a lone surrogate)")
                check_markup(html)
            listing = parse_listing(payload)
            lang = listing.lang if getattr(listing, "lang", None) else "en"
            return [row.to_petition(lang, self.fetched_at) for row in listing.rows]
        if self.kind == "page":
            page = parse_details(data, fetched_at=self.fetched_at)
            if page is None:
                raise ValueError("the page is empty (an unpublished petition number)")
            return [page]
        lines = text.count("\n")
        if lines > MAX_TEXT_LINES:
            raise ValueError(f"it is {lines:,} lines long; a petition page's text is a few hundred")
        return [parse_text_page(text)]


def open_input(path: Path, limits: Limits, *, fetched_at: datetime | None = None) -> InputFile:
    """Open and recognise one file, refusing it (`IngestError`) before anything is parsed when it is
    too large, binary, empty or, for an export, not sound XML."""
    source = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(source, "it is a directory")
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limits.max_size:
                raise IngestError(
                    source,
                    f"it is {format_size(info.st_size)}, more than the {format_size(limits.max_size)} "
                    "limit (--max-size)",
                )
            fh: BinaryIO = path.open("rb")
            identity: tuple[int, ...] | None = _identity(os.fstat(fh.fileno()))
            size = info.st_size
        else:
            fh, size = _spool(path, limits.max_size)
            identity = None
    except OSError as exc:
        raise IngestError(source, exc.strerror or str(exc)) from exc
    opened = InputFile(path, fh, size, limits, fetched_at or datetime.now(UTC), identity)
    try:
        opened.recognise()
    except BaseException:
        opened.close()
        raise
    opened._release()
    return opened


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _spool(path: Path, max_size: int) -> tuple[BinaryIO, int]:
    """A pipe or device copied to a temporary file, never past the cap (`/dev/zero` is refused at once)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the caller, closed with its InputFile)
    total = 0
    try:
        with path.open("rb") as src:
            while chunk := src.read(1024 * 1024):
                if b"\0" in chunk:
                    raise IngestError(str(path), "it is binary data, not text (it holds NUL bytes)")
                total += len(chunk)
                if total > max_size:
                    raise IngestError(
                        str(path), f"it gives more than the {format_size(max_size)} limit (--max-size)"
                    )
                out.write(chunk)
    except BaseException:
        out.close()
        raise
    return out, total


# --- JSON ---------------------------------------------------------------------------------------


def load_json(text: str, max_nesting: int = MAX_NESTING) -> Any:
    """`json.loads`, refusing nesting past `max_nesting` before decoding, with reasons in words."""
    if text.count("[") + text.count("{") > max_nesting:
        depth = 0
        for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
            if bracket in "[{":
                depth += 1
                if depth > max_nesting:
                    raise ValueError(f"it is nested more than {max_nesting} deep")
            else:
                depth -= 1
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise ValueError("it is nested too deeply to read") from exc
    except ValueError as exc:
        raise ValueError(describe(exc)) from exc


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _is_snapshot_header(line: str) -> bool:
    try:
        header = load_json(line)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == SNAPSHOT_FORMAT


def check_snapshot_header(line: str, limits: Limits = Limits()) -> None:
    """The first line of a snapshot names the format and a version this program reads."""
    header = load_json(line, limits.max_nesting)
    if not isinstance(header, dict) or header.get("format") != SNAPSHOT_FORMAT:
        raise ValueError("not a petitionbot snapshot (no header line)")
    version = header.get("version", 0)
    if isinstance(version, str) and version.isascii() and version.isdigit() and len(version) < 10:
        version = int(version)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError(f"the snapshot header's version {_one_line(repr(version), 40)} is not a number")
    if version > SNAPSHOT_VERSION:
        raise ValueError(f"snapshot version {min(version, 10**9)} is newer than this program")


# --- Snapshot records ----------------------------------------------------------------------------

_BI_FIELDS = ("status", "subject", "addressee", "summary", "url", "preamble", "grievances", "prayer")
_OBJECT_FIELDS = ("initiator", "sponsor", "response", "signatures_by_province")


def snapshot_petition(line: str, limits: Limits = Limits()) -> Petition:
    """One snapshot line as a record; `ValueError` says what is wrong with it."""
    data = load_json(line, limits.max_nesting)
    if not isinstance(data, dict):
        raise ValueError(f"not a petition record (the line is {_json_kind(data)})")
    problem = _shape_problem(data)
    if problem:
        raise ValueError(f"not a petition record ({problem})")
    try:
        return Petition.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a petition record ({type(exc).__name__}: {exc})") from exc


def _shape_problem(d: dict[str, Any]) -> str | None:
    """What `Petition.from_dict` would take silently or fail on without naming the field."""
    for name in ("number", "kind"):
        if not isinstance(d.get(name), str):
            return f"{name} is missing or not text"
    for name in (*_BI_FIELDS, *_OBJECT_FIELDS):
        value = d.get(name)
        if value and not isinstance(value, dict):
            return f"{name} is {_json_kind(value)}, not an object"
    keywords = d.get("keywords")
    if keywords and not (isinstance(keywords, list) and all(isinstance(k, dict) for k in keywords)):
        return "keywords is not a list of objects"
    if d.get("demo") not in (None, True, False):
        return "demo is not true or false"
    for name in ("initiator", "sponsor"):
        value = d.get(name)
        if value and not isinstance(value.get("name"), str):
            return f"{name} has no name"
    initiator = d.get("initiator")
    if initiator and set(initiator) - {"name", "city", "province"}:
        return "initiator has unknown fields"
    return None


# --- Any record, from any format ------------------------------------------------------------------


def petition_problem(p: Petition) -> str | None:
    """Why a parsed record cannot be stored as it is, or None.

    SQLite holds 64-bit integers; text must be valid Unicode; every field must
    have the type the rest of the program expects (a snapshot can say anything).
    """
    try:
        canonical = parse_number(p.number).text
    except BadPetitionNumber:
        return f"the number {_one_line(repr(p.number), 40)} is not a petition number"
    if canonical != p.number:
        return (
            f"the number {_one_line(repr(p.number), 40)} is not written as the site writes it ({canonical})"
        )
    if p.kind not in ("paper", "e"):
        return f"the kind {_one_line(repr(p.kind), 20)} is neither 'paper' nor 'e'"
    ints: list[tuple[str, Any]] = [
        ("parliament", p.parliament),
        ("session", p.session),
        ("status_id", p.status_id),
        ("signatures", p.signatures),
        *(("keyword id", kw.id) for kw in p.keywords),
        *(("signatures by province", n) for n in p.signatures_by_province.values()),
    ]
    texts: list[Any] = [p.presented_number, p.original_language, *p.signatures_by_province]
    bilingual: list[tuple[str, Bi[Any], bool]] = [
        ("status", p.status, False),
        ("subject", p.subject, False),
        ("addressee", p.addressee, False),
        ("summary", p.summary, False),
        ("url", p.url, False),
        ("preamble", p.preamble, False),
        ("grievances", p.grievances, True),
        ("prayer", p.prayer, True),
        *(("keyword", kw.name, False) for kw in p.keywords),
    ]
    if p.initiator is not None:
        texts += [p.initiator.name, p.initiator.city, p.initiator.province]
    if p.sponsor is not None:
        ints.append(("sponsor person_id", p.sponsor.person_id))
        texts += [p.sponsor.name, p.sponsor.riding]
        bilingual += [
            ("sponsor caucus", p.sponsor.caucus, False),
            ("sponsor province", p.sponsor.province, False),
        ]
    if p.response is not None:
        texts.append(p.response.signer)
        bilingual += [
            ("response header", p.response.header, False),
            ("response", p.response.paragraphs, True),
        ]
    for name, value in ints:
        if value is None:
            continue
        if type(value) is not int:
            return f"{name} is not a whole number"
        if not -_INT64 <= value < _INT64:
            return f"{name} is too large to store (more than 18 digits)"
    strings = [t for t in texts if t is not None]
    for name, pair, is_list in bilingual:
        for side in (pair.en, pair.fr):
            if side is None:
                continue
            if is_list:
                if not isinstance(side, list):
                    return f"{name} is not a list of paragraphs"
                strings.extend(side)
            else:
                strings.append(side)
    if not all(isinstance(t, str) for t in strings):
        return "a text field holds something that is not text"
    if not isinstance(p.demo, bool):
        return "demo is not true or false"
    if has_broken_unicode("\n".join(strings)):
        return "it holds text that is not valid Unicode (a lone surrogate)"
    return None
