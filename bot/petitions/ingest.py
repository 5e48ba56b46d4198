"""Turning files (pages, listings, exports, snapshots) into stored records.

Everything given in one call is written in one transaction: a garbage file
anywhere in the batch means nothing of the batch is written. Files are read
record by record (`ingest_files`), so memory does not grow with their size, and
a snapshot line or export record whose raw bytes were the last thing stored for
its petition is recognised by their hash and neither parsed nor derived again.
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
import tempfile
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from bot.petitions import countries, summary
from bot.petitions.ingest_files import (
    DATA_ERRORS,
    SNAPSHOT_FORMAT,
    SNAPSHOT_VERSION,
    IngestError,
    InputFile,
    Limits,
    check_snapshot_header,
    describe,
    open_input,
    petition_problem,
    snapshot_petition,
)
from bot.petitions.model import Petition
from bot.petitions.store import CountryLink, Prepared, Store, UpsertResult

log = logging.getLogger(__name__)

__all__ = [
    "SNAPSHOT_FORMAT",
    "SNAPSHOT_VERSION",
    "IngestError",
    "IngestReport",
    "Limits",
    "export_snapshot",
    "ingest_paths",
    "ingest_petitions",
    "ingest_upload",
    "load_demo_if_empty",
    "prepare",
    "prepare_stream",
    "read_snapshot_lines",
    "ready_store",
    "rederive_if_stale",
]

Item = tuple[Petition, str | None]
"""A record and the hash of the raw bytes it was read from (None: not from a file's record)."""


@dataclass(slots=True)
class IngestReport:
    files: int
    records: int
    result: UpsertResult
    not_found: list[str]


def prepare(p: Petition, source_hash: str | None = None) -> Prepared:
    """Derive what is stored beside a record: the response summary and the countries."""
    p = replace(p, summary=summary.summaries_for(p))
    links = [CountryLink(hit.code, hit.primary, hit.count) for hit in countries.detect(p)]
    return Prepared(p, links, source_hash)


def read_snapshot_lines(lines: Iterable[str], *, source: str = "snapshot") -> Iterable[Petition]:
    """Records of a JSONL snapshot; the header line names the format and version."""
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            if not header_seen:
                check_snapshot_header(line)
                header_seen = True
                continue
            p = snapshot_petition(line)
        except DATA_ERRORS as exc:
            raise IngestError(source, f"line {lineno}: {describe(exc)}") from exc
        problem = petition_problem(p)
        if problem:
            raise IngestError(source, f"line {lineno}: {problem}")
        yield p


PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves
CHUNK = 500
CHUNK_TEXT = 4_000_000
"""Characters of petition text per chunk, whatever the count: a chunk of huge records stays small."""


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


def _derive_chunk(items: list[Item]) -> list[Prepared]:
    """Runs in a worker process: the expensive, pure part of ingest."""
    return [prepare(p, source_hash) for p, source_hash in items]


async def prepare_stream(
    petitions: Iterable[Petition | Item], *, workers: int | None = None
) -> AsyncIterator[list[Prepared]]:
    """Prepared records in input order, chunk by chunk, reading the input lazily.

    Items are records, or (record, source hash) pairs that the store keeps
    beside them. Large inputs are derived in worker processes (summaries and
    country detection are pure CPU work), a few chunks ahead of the caller, so
    the database writes of one chunk overlap the derivation of the next.
    """
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    source: Iterator[Item] = (x if isinstance(x, tuple) else (x, None) for x in petitions)

    def take(count: int = CHUNK, text: int = CHUNK_TEXT) -> list[Item]:
        chunk: list[Item] = []
        for item in source:
            chunk.append(item)
            text -= _text_size(item[0])
            if len(chunk) >= count or text <= 0:
                break
        return chunk

    head = take(PARALLEL_FROM, 2 * CHUNK_TEXT)
    small = len(head) < PARALLEL_FROM and sum(_text_size(p) for p, _ in head) < 2 * CHUNK_TEXT
    if small or workers < 2:
        source = itertools.chain(head, source)
        while chunk := take():
            yield _derive_chunk(chunk)
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


def _text_size(p: Petition) -> int:
    """About how much text a record holds: what deriving and storing it cost."""
    size = 1000
    for side in (p.grievances.en, p.grievances.fr, p.prayer.en, p.prayer.fr):
        size += sum(map(len, side or ()))
    if p.response is not None:
        size += sum(map(len, p.response.paragraphs.en or ())) + sum(map(len, p.response.paragraphs.fr or ()))
    return size


async def ingest_petitions(
    store: Store, petitions: Iterable[Petition | Item], *, workers: int | None = None
) -> UpsertResult:
    """Store a batch in one transaction: all of it or, on any failure, none of it.

    What is imported is the past, however recent: it is journalled as history
    and never announced by alerts.
    """
    async with store.transaction():
        return await _write_in_transaction(store, petitions, workers=workers)


async def _write_in_transaction(
    store: Store, petitions: Iterable[Petition | Item], *, workers: int | None = None
) -> UpsertResult:
    total = UpsertResult()
    async for chunk in prepare_stream(petitions, workers=workers):
        result = await store.upsert_in_transaction(chunk, history=True)
        total.new.extend(result.new)
        total.changed.extend(result.changed)
        total.unchanged.extend(result.unchanged)
    return total


async def ingest_paths(
    store: Store, paths: Sequence[Path], *, limits: Limits | None = None, workers: int | None = None
) -> IngestReport:
    """Read every path and write all their records in one transaction.

    Every file is opened and recognised first (an export is scanned whole), so
    most bad files are refused before the transaction begins; records are then
    read lazily inside it. Anything wrong with any file raises one
    `IngestError` naming it, and rolls the whole batch back.
    """
    limits = limits or Limits()
    files: list[InputFile] = []
    skipped: list[str] = []
    count = 0
    current = ""

    def items(known: dict[str, str]) -> Iterator[Item]:
        nonlocal count, current
        applied: set[str] = set()  # numbers read in this batch: a later raw record of theirs is read too
        for f in files:
            current = f.source
            for raw in f.records():
                number = known.get(raw.source_hash) if raw.source_hash else None
                if number is not None and number not in applied:
                    skipped.append(number)  # these very bytes were the last thing stored for it
                    count += 1
                    continue
                for p in f.parse(raw):
                    applied.add(p.number)
                    count += 1
                    yield p, raw.source_hash

    try:
        for path in paths:
            current = str(path)
            files.append(open_input(path, limits))
        async with store.transaction():
            known = await store.source_hashes() if any(f.streamed for f in files) else {}
            result = await _write_in_transaction(store, items(known), workers=workers)
    except IngestError:
        raise
    except DATA_ERRORS as exc:  # what a check above missed; still one line, still nothing written
        raise IngestError(current or "ingest", describe(exc)) from exc
    finally:
        for f in files:
            f.close()
    result.unchanged.extend(skipped)
    return IngestReport(files=len(paths), records=count, result=result, not_found=[])


async def ingest_upload(
    store: Store, data: bytes, name: str, *, limits: Limits | None = None
) -> IngestReport:
    """`ingest_paths` for a file received as bytes (`/admin import`): the same checks, one transaction.

    The bytes go to a private temporary file, since recognising and streaming a file needs one; a
    refusal names the file as the user called it (`name`), not the temporary path.
    """
    with tempfile.TemporaryDirectory(prefix="petitionbot-import-") as folder:
        path = Path(folder) / "upload"
        await asyncio.to_thread(path.write_bytes, data)
        try:
            return await ingest_paths(store, [path], limits=limits)
        except IngestError as exc:
            raise IngestError(name, exc.reason) from exc


async def export_snapshot(store: Store, out: IO[str]) -> int:
    """Write every record as JSONL; `ingest` reads it back to the same store."""
    out.write(json.dumps({"format": SNAPSHOT_FORMAT, "version": SNAPSHOT_VERSION}) + "\n")
    n = 0
    async for p in store.iter_all():
        out.write(json.dumps(p.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def _demo_path() -> Path:
    """data/demo.jsonl in a source tree; share/petitionbot/demo.jsonl after `pip install .` (see pyproject)."""
    in_tree = Path(__file__).resolve().parents[2] / "data" / "demo.jsonl"
    installed = Path(sys.prefix) / "share" / "petitionbot" / "demo.jsonl"
    return in_tree if in_tree.exists() or not installed.exists() else installed


DEMO_PATH = _demo_path()


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
    with path.open(encoding="utf-8") as fh:
        return list(read_snapshot_lines(fh, source=str(path)))


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
