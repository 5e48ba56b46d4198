"""A read-only look at a database file: its schema version, its integrity, what it holds.

Why not through `Store.open`: opening the store applies migrations and may re-derive records,
which is right for a command that uses the store and wrong for one that only asks whether the
file is sound (`petitionbot doctor`, a health check next to a running bot). This module opens
the file read-only, with its own short-lived connection, and writes nothing.

The other health figures `/admin status` shows live here too: the file's size on disk, the
installed version, and what the running bot last heard from the petitions site (`SourceHealth`).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.petitions.store import latest_schema_version

BUSY_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Inspection:
    path: Path
    schema_version: int
    latest_version: int
    integrity: str
    """`PRAGMA integrity_check`'s first line: "ok", or the first problem found."""
    petitions: int
    follows: dict[int, frozenset[int]] = field(default_factory=dict)
    """Active follows: guild id -> the channel ids that have at least one."""

    @property
    def pending_migrations(self) -> range:
        return range(self.schema_version + 1, self.latest_version + 1)

    @property
    def newer_than_code(self) -> bool:
        return self.schema_version > self.latest_version


def inspect_database(path: Path) -> Inspection:
    """Inspect the file at `path` (which must exist); sqlite3 errors (locked, not a database) go up."""
    uri = path.resolve().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)) as conn:
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()["user_version"]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()["integrity_check"]
        tables = {row["name"] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        petitions = (
            conn.execute("SELECT count(*) AS n FROM petitions").fetchone()["n"]
            if "petitions" in tables
            else 0
        )
        follows: dict[int, set[int]] = {}
        if "subscriptions" in tables:
            rows = conn.execute("SELECT DISTINCT guild_id, channel_id FROM subscriptions WHERE active = 1")
            for row in rows:
                follows.setdefault(int(row["guild_id"]), set()).add(int(row["channel_id"]))
    return Inspection(
        path=path,
        schema_version=int(version),
        latest_version=latest_schema_version(),
        integrity=str(integrity),
        petitions=int(petitions),
        follows={guild: frozenset(channels) for guild, channels in follows.items()},
    )


def database_size(path: Path) -> int | None:
    """Bytes on disk of a database: the file and its write-ahead log (what a backup or a full disk is about).

    None for an in-memory database or a file that is gone.
    """
    if str(path) == ":memory:":
        return None
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            total += part.stat().st_size
        except FileNotFoundError:
            if part == path:
                return None
    return total


def package_version() -> str:
    """The installed version of petitionbot ("dev" when run from a checkout that was never installed)."""
    try:
        return importlib.metadata.version("petitionbot")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


# --- the petitions site, as the running bot found it -----------------------------------------------


@dataclass(slots=True)
class SourceHealth:
    """What the running bot last heard from the petitions site, for `/admin status`.

    In memory on purpose: it describes this run of the bot. The store keeps what must
    outlive it (the time of the last refresh that read the listing, `last_refresh`).
    """

    refreshed_at: datetime | None = None
    refresh_ok: bool | None = None
    refresh_line: str | None = None
    error: str | None = None
    error_at: datetime | None = None
    captcha_at: datetime | None = None

    def refreshed(
        self, line: str, *, ok: bool, failures: Sequence[str] = (), stopped: str | None = None
    ) -> None:
        """A refresh ended and said `line`; a failure inside it, or a captcha, is remembered too."""
        now = datetime.now(UTC)
        self.refreshed_at, self.refresh_ok, self.refresh_line = now, ok, line
        if failures:
            self.failed(f"refresh: {failures[-1]}", captcha=stopped == "captcha", at=now)
        elif stopped == "captcha":
            self.captcha_at = now

    def failed(self, error: str, *, captcha: bool = False, at: datetime | None = None) -> None:
        """The site failed us (a refresh that raised, a backfill that stopped)."""
        at = at or datetime.now(UTC)
        self.error, self.error_at = " ".join(error.split())[:300], at
        if captcha:
            self.captcha_at = at
