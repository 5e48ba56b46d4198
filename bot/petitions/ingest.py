"""Turning files (pages, listings, exports, snapshots) into stored records.

Everything given in one call is parsed first and written in one transaction:
a garbage file anywhere in the batch means nothing of the batch is written.
"""

from __future__ import annotations

import asyncio
import ctypes
import itertools
import json
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from bot.petitions import countries, summary
from bot.petitions.model import Petition
from bot.petitions.store import CountryLink, Prepared, Store, UpsertResult

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = "petitionbot-snapshot"
SNAPSHOT_VERSION = 1


class IngestError(ValueError):
    """A file that cannot be read as any of the formats we know."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(slots=True)
class IngestReport:
    files: int
    records: int
    result: UpsertResult
    not_found: list[str]


def prepare(p: Petition) -> Prepared:
    """Derive what is stored beside a record: the response summary and the countries."""
    p = replace(p, summary=summary.summaries_for(p))
    links = [CountryLink(hit.code, hit.primary, hit.count) for hit in countries.detect(p)]
    return Prepared(p, links)


def read_file(path: Path, *, fetched_at: datetime | None = None) -> list[Petition]:
    """Parse one file by what it contains, not by its name."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or str(exc)) from exc
    return parse_bytes(raw, source=str(path), fetched_at=fetched_at)


def parse_bytes(raw: bytes, *, source: str, fetched_at: datetime | None = None) -> list[Petition]:
    from bot.petitions.parse_details import PageError, parse_details
    from bot.petitions.parse_export import ExportError, parse_export
    from bot.petitions.parse_listing import ListingError, parse_listing
    from bot.petitions.parse_text import parse_text_page

    fetched_at = fetched_at or datetime.now(UTC)
    text = raw.decode("utf-8-sig", errors="replace")
    head = text.lstrip()[:400]
    lowered = head.lower()
    try:
        if not head:
            raise IngestError(source, "empty file")
        if head.startswith("{") and _first_line_is_snapshot(text):
            return list(read_snapshot_lines(text.splitlines(), source=source))
        if head.startswith("{"):
            listing = parse_listing(text)
            lang = listing.lang if getattr(listing, "lang", None) else "en"
            return [row.to_petition(lang, fetched_at) for row in listing.rows]
        if lowered.startswith("<?xml") or ("<petition" in lowered and "<html" not in lowered):
            return parse_export(raw)
        if "<html" in lowered or "<!doctype" in lowered or "<body" in lowered:
            page = parse_details(raw, fetched_at=fetched_at)
            if page is None:
                raise IngestError(source, "the page is empty (an unpublished petition number)")
            return [page]
        return [parse_text_page(text)]
    except (PageError, ListingError, ExportError, ValueError, KeyError) as exc:
        if isinstance(exc, IngestError):
            raise
        raise IngestError(source, str(exc) or type(exc).__name__) from exc


def _first_line_is_snapshot(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        header = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(header, dict) and header.get("format") == SNAPSHOT_FORMAT


def read_snapshot_lines(lines: Iterable[str], *, source: str = "snapshot") -> Iterable[Petition]:
    """Records of a JSONL snapshot; the header line names the format and version."""
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(source, f"line {lineno} is not JSON ({exc.msg})") from exc
        if not header_seen:
            if data.get("format") != SNAPSHOT_FORMAT:
                raise IngestError(source, "not a petitionbot snapshot (no header line)")
            if int(data.get("version", 0)) > SNAPSHOT_VERSION:
                raise IngestError(source, f"snapshot version {data.get('version')} is newer than this program")
            header_seen = True
            continue
        try:
            yield Petition.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise IngestError(source, f"line {lineno} is not a petition record ({exc})") from exc


PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves
CHUNK = 500


def _die_with_parent() -> None:
    """Worker initializer: if the ingest process is killed, its workers go too (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            log.debug("prctl unavailable; workers may outlive a killed parent")
    if os.getppid() == 1:  # the parent died before we got here
        os._exit(1)


def _derive_chunk(petitions: list[Petition]) -> list[Prepared]:
    """Runs in a worker process: the expensive, pure part of ingest."""
    return [prepare(p) for p in petitions]


async def prepare_stream(petitions: Iterable[Petition], *, workers: int | None = None) -> AsyncIterator[list[Prepared]]:
    """Prepared records in input order, chunk by chunk, reading the input lazily.

    Large inputs are derived in worker processes (summaries and country
    detection are pure CPU work), a few chunks ahead of the caller, so the
    database writes of one chunk overlap the derivation of the next.
    """
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    source = iter(petitions)

    def take() -> list[Petition]:
        return list(itertools.islice(source, CHUNK))

    head = list(itertools.islice(source, PARALLEL_FROM))
    if len(head) < PARALLEL_FROM or workers < 2:
        source = itertools.chain(head, source)
        while chunk := take():
            yield [prepare(p) for p in chunk]
        return
    source = itertools.chain(head, source)
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context("spawn")  # never fork a process that runs the SQLite thread
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent) as pool:
        pending = []
        for _ in range(workers * 2):
            if chunk := take():
                pending.append(loop.run_in_executor(pool, _derive_chunk, chunk))
        try:
            while pending:
                done = await pending.pop(0)
                if chunk := take():
                    pending.append(loop.run_in_executor(pool, _derive_chunk, chunk))
                yield done
        finally:
            for fut in pending:
                fut.cancel()


async def ingest_petitions(
    store: Store, petitions: Iterable[Petition], *, workers: int | None = None
) -> UpsertResult:
    """Store a batch in one transaction: all of it or, on any failure, none of it.

    What is imported is the past, however recent: it is journalled as history
    and never announced by alerts.
    """
    total = UpsertResult()
    async with store.transaction():
        async for chunk in prepare_stream(petitions, workers=workers):
            result = await store.upsert_in_transaction(chunk, history=True)
            total.new.extend(result.new)
            total.changed.extend(result.changed)
            total.unchanged.extend(result.unchanged)
    return total


def iter_file(path: Path) -> Iterator[Petition]:
    """Records of one file; a snapshot is streamed line by line, whatever its size."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or str(exc)) from exc
    if head.lstrip().startswith(b"{") and _first_line_is_snapshot(head.decode("utf-8", "replace")):
        with path.open(encoding="utf-8-sig") as fh:
            yield from read_snapshot_lines(fh, source=str(path))
        return
    yield from read_file(path)


async def ingest_paths(store: Store, paths: Sequence[Path]) -> IngestReport:
    """Read every path and write all their records in one transaction.

    Files are read lazily inside the transaction; a garbage file anywhere
    raises `IngestError` and rolls the whole batch back.
    """
    count = 0

    def records() -> Iterator[Petition]:
        nonlocal count
        for path in paths:
            for p in iter_file(path):
                count += 1
                yield p

    result = await ingest_petitions(store, records())
    return IngestReport(files=len(paths), records=count, result=result, not_found=[])


async def export_snapshot(store: Store, out: IO[str]) -> int:
    """Write every record as JSONL; `ingest` reads it back to the same store."""
    out.write(json.dumps({"format": SNAPSHOT_FORMAT, "version": SNAPSHOT_VERSION}) + "\n")
    n = 0
    async for p in store.iter_all():
        out.write(json.dumps(p.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


DEMO_PATH = Path(__file__).resolve().parents[2] / "data" / "demo.jsonl"


async def load_demo_if_empty(store: Store, path: Path = DEMO_PATH) -> int:
    """Fill an empty store with the bundled demo set; returns how many were loaded."""
    if await store.count():
        return 0
    records = await asyncio.to_thread(_read_snapshot_file, path)
    if not records:
        return 0
    result = await ingest_petitions(store, records)
    log.info("loaded %d demo petitions", result.written)
    return result.written


def _read_snapshot_file(path: Path) -> list[Petition]:
    if not path.exists():
        log.warning("demo data not found at %s", path)
        return []
    return list(read_snapshot_lines(path.read_text(encoding="utf-8").splitlines(), source=str(path)))


DERIVED_VERSION = "1"
"""Bump when summaries or country detection change, so stored records are re-derived."""


async def rederive_if_stale(store: Store, batch: int = 2000) -> int:
    """Recompute summaries and countries of every record after the rules changed.

    Runs once per DERIVED_VERSION, all in one transaction, so a store is never
    half old rules, half new.
    """
    if await store.get_meta("derived_version") == DERIVED_VERSION:
        return 0
    touched = 0
    async with store.transaction():
        pending: list[Prepared] = []
        async for p in store.iter_all(batch):
            pending.append(prepare(p))
        for i in range(0, len(pending), batch):
            result = await store.upsert_in_transaction(pending[i : i + batch], history=True)
            touched += result.written
        await store.set_meta("derived_version", DERIVED_VERSION)
    if touched:
        log.info("re-derived summaries and countries of %d petitions", touched)
    return touched


async def ready_store(store: Store) -> None:
    """What every entry point does after opening the store (never loading the demo set: see `petitionbot demo`)."""
    await rederive_if_stale(store)
