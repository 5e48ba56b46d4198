"""A read-only look at a database file: its schema version, its integrity, what it holds.

Why not through `Store.open`: opening the store applies migrations and may re-derive records,
which is right for a command that uses the store and wrong for one that only asks whether the
file is sound (`petitionbot doctor`, a health check next to a running bot). This module opens
the file read-only, with its own short-lived connection, and writes nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
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
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        petitions = (
            conn.execute("SELECT count(*) FROM petitions").fetchone()[0] if "petitions" in tables else 0
        )
        follows: dict[int, set[int]] = {}
        if "subscriptions" in tables:
            rows = conn.execute("SELECT DISTINCT guild_id, channel_id FROM subscriptions WHERE active = 1")
            for guild_id, channel_id in rows:
                follows.setdefault(int(guild_id), set()).add(int(channel_id))
    return Inspection(
        path=path,
        schema_version=int(version),
        latest_version=latest_schema_version(),
        integrity=str(integrity),
        petitions=int(petitions),
        follows={guild: frozenset(channels) for guild, channels in follows.items()},
    )
