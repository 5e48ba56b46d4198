"""One file handed to ingest: opened within limits, recognised by its content, read record by record.

Nothing here holds more than one record or one page in memory: snapshots are read line by line
and XML exports through `scan_export`. Each record of those two formats comes with a hash of its
raw bytes, so that ingest recognises a record it already stored before parsing or deriving
anything from it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from bot.petitions.ingest_files._checks import petition_problem
from bot.petitions.ingest_files._limits import (
    DATA_ERRORS,
    MAX_TEXT_LINES,
    IngestError,
    Limits,
    describe,
    format_size,
)
from bot.petitions.ingest_files._snapshot import (
    check_snapshot_header,
    is_snapshot_header,
    json_kind,
    load_json,
    snapshot_petition,
)
from bot.petitions.model import Petition
from bot.petitions.parse import (
    ExportScan,
    check_markup,
    parse_details,
    parse_listing,
    parse_record,
    parse_text_page,
    record_bytes,
    scan_export,
)
from bot.petitions.text import has_broken_unicode

SOURCE_VERSION = "1"
"""Part of every source hash: bump it when a parser reads the same bytes differently, so that
records stored from files are read again rather than recognised as unchanged."""

_HEAD = 64 * 1024
_BOM = b"\xef\xbb\xbf"


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
        self._scan: ExportScan | None = None

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
            self.kind = "snapshot" if is_snapshot_header(text.split("\n", 1)[0]) else "listing"
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
                self._scan = scan_export(
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
                raw = record_bytes(self.fh, record)
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
        if self.kind == "snapshot":
            return [snapshot_petition(raw.data.decode("utf-8"), self.limits)]
        if self.kind == "export":
            assert self._scan is not None, "recognise() scans an export"
            record, data = raw.data
            found = parse_record(data, self._scan, record)
            return [found] if found is not None else []
        data: bytes = raw.data
        if len(data) > self.limits.max_page:
            raise self.fail(f"it grew past {format_size(self.limits.max_page)} while being read")
        text = data.decode("utf-8-sig", errors="replace")
        if self.kind == "listing":
            payload = load_json(text, self.limits.max_nesting)
            if not isinstance(payload, dict):
                raise ValueError(f"the JSON is {json_kind(payload)}, not a listing or a snapshot")
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
