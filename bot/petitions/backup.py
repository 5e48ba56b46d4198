"""A consistent copy of the live database, safe to take while the bot writes.

Why SQLite's online backup API and not a file copy: the store is in WAL mode, so a
copy of the main file alone misses what is still in the `-wal` file, and a copy
taken during a write can hold half of it. The backup API copies the pages of one
read snapshot: every transaction committed before it started, none after. It runs
in one step, so the snapshot is held for the whole copy and a writer never makes
it start over (in WAL mode readers do not block writers, so the bot keeps
writing meanwhile). The copy is checked and written under a temporary name, then
renamed: FILE is either the previous backup or the new one, never half of one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.petitions.errors import UserFacingError

BUSY_TIMEOUT_MS = 30_000
"""How long the copy waits for a lock (a checkpoint, a database in rollback mode mid-write)."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    size: int
    schema_version: int
    petitions: int
    seconds: float

    def line(self) -> str:
        return (
            f"backup: {self.path} ({_megabytes(self.size)}, {self.petitions:,} petitions, "
            f"schema {self.schema_version}, integrity ok) in {self.seconds:.1f} s"
        )


async def backup(source: Path, dest: Path) -> BackupReport:
    """Copy the database at `source` to `dest` (through `dest`.tmp), in a worker thread."""
    return await asyncio.to_thread(backup_now, source, dest)


def backup_now(source: Path, dest: Path) -> BackupReport:
    """The blocking body of `backup`: its own connections, so the store's connection is never shared."""
    started = time.monotonic()
    if not source.is_file():
        raise UserFacingError("backup.no_database", path=str(source))
    if dest.is_dir():
        raise UserFacingError("backup.is_directory", path=str(dest))
    if dest.resolve() == source.resolve():
        raise UserFacingError("backup.same_file", path=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    _remove(tmp)
    try:
        with (
            contextlib.closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as copy,
        ):
            copy.row_factory = sqlite3.Row
            src.backup(copy)  # pages=-1: the whole database in one step, from one snapshot
            # The copy inherits WAL mode; a backup should be one self-contained file.
            copy.execute("PRAGMA journal_mode=DELETE")
            integrity = copy.execute("PRAGMA integrity_check").fetchone()["integrity_check"]
            if integrity != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({integrity})")
            version = copy.execute("PRAGMA user_version").fetchone()["user_version"]
            petitions = _count(copy)
        _fsync(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except BaseException:
        _remove(tmp)
        raise
    return BackupReport(dest, dest.stat().st_size, version, petitions, time.monotonic() - started)


def _count(conn: sqlite3.Connection) -> int:
    try:
        return conn.execute("SELECT count(*) AS n FROM petitions").fetchone()["n"]
    except sqlite3.OperationalError:  # a database made before the first migration
        return 0


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make the rename itself durable (POSIX); not possible everywhere, and not worth failing over."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
