"""The schema: numbered migration files, and the scratch table words are counted in.

The migrations stay in `bot/petitions/migrations/` (the package data `pyproject.toml` ships),
found through `importlib.resources` so they are read the same from a checkout or a wheel.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

import aiosqlite

MIGRATIONS_PACKAGE = "bot.petitions"
MIGRATIONS_FOLDER = "migrations"


def latest_schema_version() -> int:
    """The version the numbered migrations bring a database to (the highest file in `migrations/`)."""
    return max((version for version, _ in _migrations()), default=0)


def pending_migrations(current: int) -> list[tuple[int, list[str]]]:
    """The migrations after version `current`, in order, each as its statements."""
    return [(version, split_sql(sql)) for version, sql in _migrations() if version > current]


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files(MIGRATIONS_PACKAGE) / MIGRATIONS_FOLDER
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def split_sql(script: str) -> list[str]:
    """Statements of a migration script, using SQLite's own notion of completeness."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


async def create_term_counter(conn: aiosqlite.Connection) -> None:
    """A scratch full-text table (this connection only) with the main index's tokenizer: the words
    of a batch are counted by indexing it there, so `search_terms` counts exactly what FTS5 indexed.
    Contentless and without positions: only which rows hold a word matters, and it empties at once."""
    await conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_batch USING fts5 "
        "(body, tokenize = 'unicode61 remove_diacritics 2', content = '', detail = none)"
    )
    await conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_batch_vocab USING fts5vocab (temp, term_batch, 'row')"
    )
