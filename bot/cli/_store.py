"""The resources one command uses: its store, the petitions site, search by meaning; opened and closed
around that one command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot import failures
from bot.i18n import t
from bot.petitions.backfill import OnDemand, history_status
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest import ready_store
from bot.petitions.search import Hit
from bot.petitions.store import Store
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.petitions.meaning import Meaning

T = TypeVar("T")


async def open_store(args: argparse.Namespace, settings: Settings, *, path: Path | None = None) -> Store:
    """The store the command names (`--db`, else PETITIONBOT_DB); never filled with the demo set."""
    where = Path(args.db or path or settings.db_path)
    try:
        # Tried with plain sqlite3 first: aiosqlite leaves a thread behind when its connect fails,
        # which prints a traceback at exit.
        await asyncio.to_thread(_try_open, where)
        store = await Store.open(where)
    except (sqlite3.Error, OSError, ValueError) as exc:  # a directory, no permission, a NUL in the name
        if failures.is_database_trouble(exc):
            raise  # locked, damaged, read-only or a full disk: `main` says what to do about it
        raise UserFacingError("store.cannot_open", path=str(where), reason=str(exc)) from None
    try:
        await ready_store(store)
    except BaseException:
        await store.close()
        raise
    return store


def _try_open(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()


@contextlib.asynccontextmanager
async def site(settings: Settings) -> AsyncIterator[OnDemand]:
    """A polite client for the petitions site, for one command's on-demand fetches."""
    import aiohttp

    from bot.petitions.pacer import Pacer, Priority

    config = settings.site()
    async with aiohttp.ClientSession() as session:
        pacer = Pacer(config.interval)
        yield OnDemand(config.client(session, pacer, Priority.USER), config)


def today(args: argparse.Namespace) -> date:
    return getattr(args, "today", None) or date.today()  # `--today` is a date already (`validate.day`)


async def ask(args: argparse.Namespace, settings: Settings, question: Callable[[Store], Awaitable[T]]) -> T:
    """Open the store, ask one question, close it. A `UserFacingError` goes up to `main`."""
    store = await open_store(args, settings)
    try:
        if await store.is_empty():
            raise UserFacingError("store.empty")
        answer = await question(store)
        history = await history_status(store)
        if history.started and not history.complete:
            # Lists built while the history is still loading may miss petitions: say so, apart from the answer.
            share = f"{100 * history.details_share:.0f}"
            print(t("history.partial_note", getattr(args, "lang", "en"), share=share), file=sys.stderr)
        return answer
    finally:
        await store.close()


def meaning_of(store: Store, settings: Settings) -> Meaning | None:
    """Search by meaning over this store (None when MEANING_SEARCH is false); the model loads on first use."""
    from bot.petitions.meaning import EncoderHandle, Meaning

    return Meaning(store, EncoderHandle(enabled=settings.meaning_search)) if settings.meaning_search else None


async def related(store: Store, settings: Settings, number: str) -> list[Hit]:
    from bot.petitions.meaning import related as nearest

    return await nearest(store, meaning_of(store, settings), number)
