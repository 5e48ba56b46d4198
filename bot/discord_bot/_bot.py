"""The Bot class: it owns the store and the HTTP session, loads the cogs, and runs the background work.

Why here and not in the cogs: the cogs are thin glue that can be reloaded at any
time, while the resources (the SQLite store, the HTTP session for refreshes)
and the error policy must outlive a reload. The cogs reach them through the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Literal

import aiohttp
import discord
from discord.ext import commands

from bot.discord_bot._publish import CONFIGURED_SCOPE, Configured, PublishResult, command_payload, publish
from bot.discord_bot._tree import PetitionTree, new_error_id
from bot.petitions import countries, search
from bot.petitions.backfill import Backfill, OnDemand, history_status
from bot.petitions.health import SourceHealth
from bot.petitions.ingest import ready_store
from bot.petitions.meaning import EncoderHandle, Meaning
from bot.petitions.model import TORONTO
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store
from bot.settings import Settings
from bot.translator import PetitionTranslator

log = logging.getLogger("bot.discord_bot")  # one name for the bot's log lines, as operators filter them

COGS_PACKAGE = "cogs"
BACKFILL_RETRY_SECONDS = 900
"""After the site refused or failed, the background backfill waits this long before resuming."""
EMBED_CHECK_SECONDS = 600
"""How often the background step looks for petitions without a current vector when nothing asked it to
(the backfill stores petitions for hours; a refresh or an import asks at once)."""


def discover_extensions(package: str = COGS_PACKAGE) -> list[str]:
    """Every module in `cogs/` (not starting with "_"), as extension names, sorted."""
    module = importlib.import_module(package)
    return sorted(
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(module.__path__)
        if not info.name.startswith("_")
    )


def bot_intents() -> discord.Intents:
    """The default intents without any privileged one: slash commands need none of them."""
    intents = discord.Intents.default()
    intents.members = False
    intents.presences = False
    intents.message_content = False
    return intents


class PetitionBot(commands.Bot):
    """The bot. Resources it is given are the caller's to close; those it creates are its own.

    `offline=True` is the REST-only mode of `petitionbot sync`: `login()` loads the
    cogs and the translator, but nothing is published on its own and no background
    work starts (no gateway connection will ever make the bot ready).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: Store | None = None,
        session: aiohttp.ClientSession | None = None,
        today: Callable[[], date] | None = None,
        extensions: list[str] | None = None,
        offline: bool = False,
        encoder: EncoderHandle | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("intents", bot_intents())
        kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
        kwargs.setdefault("help_command", None)
        kwargs.setdefault("tree_cls", PetitionTree)
        super().__init__(command_prefix=commands.when_mentioned, **kwargs)
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self.http_session = session
        self._owns_session = session is None
        self._today = today
        self.wanted_extensions = extensions
        self.failed_extensions: dict[str, str] = {}
        self.started_at = datetime.now(UTC)
        self.refresh_lock = asyncio.Lock()
        self.offline = offline
        self._publish_lock = asyncio.Lock()
        # One pace for the petitions site: lookups, the refresh and the backfill take turns on it.
        self.pacer = Pacer(settings.request_interval)
        self.source: OnDemand | None = None
        self.backfill_line: str | None = None
        self.source_health = SourceHealth()  # what this run last heard from the petitions site
        self._backfill_task: asyncio.Task[None] | None = None
        self._warm_task: asyncio.Task[None] | None = None
        # Search by meaning: made in setup_hook, once the store is open; the model loads on first use.
        self._encoder = encoder
        self.meaning: Meaning | None = None
        self._embed_task: asyncio.Task[None] | None = None
        self._embed_wanted = asyncio.Event()
        if settings.owner_ids:
            self.owner_ids = set(settings.owner_ids)

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store opens in setup_hook; it is not ready yet")
        return self._store

    def today(self) -> date:
        """Today in Ottawa, where the House sits (deadlines count in its days)."""
        return self._today() if self._today else datetime.now(TORONTO).date()

    async def setup_hook(self) -> None:
        if self._store is None:
            self._store = await Store.open(self.settings.db_path)
            await ready_store(self._store)
        # The search vocabulary takes a second or two at 100k petitions: build it
        # in the background; searches fall back to prefix queries meanwhile.
        if not self.offline:
            self._warm_task = asyncio.create_task(self._warm_search(), name="warm-search")
        self.meaning = Meaning(
            self.store, self._encoder or EncoderHandle(enabled=self.settings.meaning_search)
        )
        if not self.offline and self.meaning.usable:
            self._embed_task = asyncio.create_task(self._embed_loop(), name="embed")
        if self.http_session is None:
            self.http_session = aiohttp.ClientSession()
        if self.fetching:
            config = self.settings.site()
            self.source = OnDemand(config.client(self.http_session, self.pacer, Priority.USER), config)
        await self.tree.set_translator(PetitionTranslator())
        await self.load_all_extensions()
        if not self.offline:
            # A new bot must never need a slash command to publish its slash commands.
            await self.publish_commands()
        if not self.offline and self.fetching and self.settings.backfill:
            self._backfill_task = asyncio.create_task(self._backfill_loop(), name="backfill")

    @property
    def fetching(self) -> bool:
        """Whether the bot asks the petitions site at all (REFRESH_MINUTES=0 turns every request off)."""
        return self.settings.refresh_minutes != 0

    async def _backfill_loop(self) -> None:
        """Fetch the history in the background until it is complete; after a failure, try again later."""
        config = self.settings.site()
        assert self.http_session is not None
        client = config.client(self.http_session, self.pacer, Priority.BACKFILL)
        while True:
            try:
                if (await history_status(self.store)).complete:
                    log.info("backfill: the history is complete")
                    return
                summary = await Backfill(self.store, client, config).run()
                self.backfill_line = summary.line()
                self.embed_soon()
                if summary.stopped:
                    self.source_health.failed(
                        f"backfill stopped ({summary.stopped}): {summary.stop_detail}",
                        captcha=summary.stopped == "captcha",
                    )
                if summary.finished:
                    return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.source_health.failed(f"backfill: {type(exc).__name__}: {exc}")
                log.exception("backfill failed; trying again in %d s", BACKFILL_RETRY_SECONDS)
            await asyncio.sleep(BACKFILL_RETRY_SECONDS)

    async def command_payload(self, guild: discord.abc.Snowflake | None = None) -> list[dict[str, Any]]:
        """The list `tree.sync(guild=...)` sends, translated as it translates it (see `CommandTree.sync`)."""
        return await command_payload(self.tree, guild)

    async def publish_commands(
        self,
        *,
        guild_id: int | None | Literal[Configured.SCOPE] = CONFIGURED_SCOPE,
        force: bool = False,
    ) -> PublishResult:
        """Publish the slash commands when they differ from the last publication in that scope, or when forced.

        Publishing replaces what every server (or the guild) sees and Discord limits
        how often commands may be created, so an unchanged start sends nothing: the
        hash of the translated payload of the last successful publication is kept in
        the store, per scope. A refusal from Discord is a WARNING, not a crash, and
        stores nothing, so the next start tries again.
        """
        if guild_id is CONFIGURED_SCOPE:
            guild_id = self.settings.dev_guild_id
        async with self._publish_lock:
            return await publish(self.tree, self.store, self.application_id, guild_id, force=force)

    async def load_all_extensions(self) -> None:
        """Load every cog; one that fails is logged and skipped so the others still serve."""
        self.failed_extensions.clear()
        for name in self.wanted_extensions or discover_extensions():
            try:
                await self.load_extension(name)
            except Exception as exc:
                log.exception("extension %s failed to load; skipped", name)
                self.failed_extensions[name] = f"{type(exc).__name__}: {exc}"

    async def reload_all_extensions(self) -> tuple[list[str], list[str]]:
        """Reload loaded cogs and load new ones; returns (ok, failed). A failed reload keeps the old cog."""
        ok: list[str] = []
        failed: list[str] = []
        for name in self.wanted_extensions or discover_extensions():
            try:
                if name in self.extensions:
                    await self.reload_extension(name)
                else:
                    await self.load_extension(name)
            except Exception as exc:
                log.exception("extension %s failed to reload", name)
                self.failed_extensions[name] = f"{type(exc).__name__}: {exc}"
                failed.append(name)
            else:
                self.failed_extensions.pop(name, None)
                ok.append(name)
        return ok, failed

    async def refresh_once(self) -> str | None:
        """One refresh from the petitions site; None when refreshing is turned off.

        The fetcher is imported here, not at start-up: the bot answers from the
        store alone, and a problem in the fetcher must not keep it from starting.
        """
        if self.settings.refresh_minutes == 0:
            log.info("refresh skipped: REFRESH_MINUTES is 0")
            return None
        async with self.refresh_lock:
            from bot.petitions import fetch

            try:
                summary = await fetch.refresh(
                    self.store, self.settings.site(), session=self.http_session, pacer=self.pacer
                )
            except Exception as exc:
                self.source_health.failed(f"refresh: {type(exc).__name__}: {exc}")
                raise
        line = summary.line() if hasattr(summary, "line") else str(summary)
        self.source_health.refreshed(
            line,
            ok=getattr(summary, "ok", True),
            failures=getattr(summary, "failures", ()),
            stopped=getattr(summary, "stopped_reason", None),
        )
        log.info("refresh: %s", line)
        self.embed_soon()
        return line

    def embed_soon(self) -> None:
        """Ask the background step to compute the vectors of new and changed petitions now."""
        self._embed_wanted.set()

    async def _embed_loop(self) -> None:
        """Vectors for search by meaning, in the background: at start, when asked (after a refresh, an import,
        a backfill pass) and every EMBED_CHECK_SECONDS. One small transaction per batch, so stopping the bot
        at any moment loses at most one batch; ingest itself never waits for this."""
        assert self.meaning is not None
        await self.wait_until_ready()
        looked_at: int | None = None  # the store's last change id when every vector was current
        while self.meaning.usable:
            self._embed_wanted.clear()
            try:
                change = await self.store.last_change_id()
                if change != looked_at:
                    summary = await self.meaning.embed()
                    if summary.off is None:
                        looked_at = change
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("computing petition vectors failed; trying again in %d s", EMBED_CHECK_SECONDS)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._embed_wanted.wait(), EMBED_CHECK_SECONDS)

    async def _warm_search(self) -> None:
        try:
            await asyncio.to_thread(countries.warm)
            await search.warm(self.store)
        except Exception:
            log.exception("could not build the search vocabulary; searches use prefix queries")
        # What start-up built stays for the life of the process: keep it out of the collector's
        # full passes, which otherwise walk it and pause an answer now and then (tens of ms).
        gc.collect()
        gc.freeze()

    async def close(self) -> None:
        for task in (self._warm_task, self._backfill_task, self._embed_task):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        try:
            await super().close()
        finally:
            if self._owns_session and self.http_session is not None and not self.http_session.closed:
                await self.http_session.close()
            # discord.py calls close() twice (ours, then connect() ending): close the store once.
            if self._owns_store and self._store is not None:
                store, self._store = self._store, None
                await store.close()

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        """Mention commands (`@bot sync`) are for the owners: anything else said to the bot is ignored quietly.

        discord.py's default logs every mention that is not a command, and every
        refusal, as an ERROR; here only a failure inside a command is one.
        """
        if isinstance(exception, (commands.CommandNotFound, commands.CheckFailure, commands.UserInputError)):
            log.debug("mention command ignored (%s): %s", context.author.id, exception)
            return
        cause = exception.original if isinstance(exception, commands.CommandInvokeError) else exception
        log.error(
            "error %s in mention command %s (user %s)",
            new_error_id(),
            context.command.qualified_name if context.command else "-",
            context.author.id,
            exc_info=cause,
        )


class ShardedPetitionBot(PetitionBot, commands.AutoShardedBot):
    """The same bot over several gateway connections (`SHARD_COUNT`); see docs/scaling.md."""


def bot_class(settings: Settings) -> type[PetitionBot]:
    """`commands.AutoShardedBot` when SHARD_COUNT is set ("auto" asks Discord how many), else one connection."""
    return PetitionBot if settings.shard_count is None else ShardedPetitionBot


def shard_options(settings: Settings) -> dict[str, Any]:
    if settings.shard_count is None:
        return {}
    return {"shard_count": None if settings.shard_count == "auto" else settings.shard_count}
