"""The Discord bot: one `commands.Bot` that owns the store, loads the cogs and reports errors in one place.

Why here and not in the cogs: the cogs are thin glue that can be reloaded at any
time, while the resources (the SQLite store, the HTTP session for refreshes)
and the error policy must outlive a reload. The cogs reach them through the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import gc
import hashlib
import importlib
import json
import logging
import pkgutil
import secrets
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, Literal

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.i18n import lang_of, t
from bot.petitions.backfill import OnDemand
from bot.petitions.errors import UserFacingError
from bot.petitions.health import SourceHealth
from bot.petitions.meaning import EncoderHandle, Meaning
from bot.petitions.model import TORONTO
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store
from bot.petitions.text import visible
from bot.render import error_message, safe
from bot.settings import Settings
from bot.translator import PetitionTranslator

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY = "wss://gateway.discord.gg/"
COGS_PACKAGE = "cogs"
BACKFILL_RETRY_SECONDS = 900
"""After the site refused or failed, the background backfill waits this long before resuming."""
EMBED_CHECK_SECONDS = 600
"""How often the background step looks for petitions without a current vector when nothing asked it to
(the backfill stores petitions for hours; a refresh or an import asks at once)."""


def token_missing_message() -> str:
    """The one message a user sees when they start the bot without a token."""
    return (
        "No Discord token: put DISCORD_TOKEN=<your bot token> in .env (copy .env.example to .env; the token "
        "comes from the Discord developer portal, Bot > Reset Token). Without a token you can still use the "
        "offline CLI, e.g. `petitionbot petition 441-00155`."
    )


def discover_extensions(package: str = COGS_PACKAGE) -> list[str]:
    """Every module in `cogs/` (not starting with "_"), as extension names, sorted."""
    module = importlib.import_module(package)
    return sorted(
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(module.__path__)
        if not info.name.startswith("_")
    )


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at another REST base / gateway (a proxy, or a fake in tests) when settings say so.

    These are process-wide class attributes that discord.py reads when it builds a
    route or opens the websocket, so they must be set before `login()`.
    """
    if settings.discord_api_base.rstrip("/") != DEFAULT_API_BASE:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
        log.info("Discord REST base set to %s", discord.http.Route.BASE)
    if settings.discord_gateway_url != DEFAULT_GATEWAY:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)
        log.info("Discord gateway set to %s", settings.discord_gateway_url)


def bot_intents() -> discord.Intents:
    """The default intents without any privileged one: slash commands need none of them."""
    intents = discord.Intents.default()
    intents.members = False
    intents.presences = False
    intents.message_content = False
    return intents


def new_error_id() -> str:
    return secrets.token_hex(4)


AUTOCOMPLETE_TIMEOUT = 2.0  # Discord drops an autocomplete answer after 3 s


async def autocomplete_choices(
    what: str, provider: Callable[[], Awaitable[list[tuple[str, str]]]]
) -> list[app_commands.Choice[str]]:
    """At most 25 choices within Discord's sizes, in time, and never an exception.

    Autocomplete is only a hint (the command checks the value again), so a slow
    or failing provider gives an empty list rather than an error in the log.
    """
    try:
        pairs = await asyncio.wait_for(provider(), AUTOCOMPLETE_TIMEOUT)
    except Exception:
        log.warning("autocomplete for %s failed", what, exc_info=True)
        return []
    out: list[app_commands.Choice[str]] = []
    for name, value in pairs[:25]:
        value = str(value)
        if not value or len(value) > 100:
            continue
        label = " ".join(visible(str(name)).split()) or value
        out.append(app_commands.Choice(name=label if len(label) <= 100 else label[:99] + "…", value=value))
    return out


class PetitionTree(app_commands.CommandTree["PetitionBot"]):
    """The central error path for slash commands, autocomplete and (via `report_error`) buttons."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        await self.report_error(interaction, error)

    async def report_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Tell the user what went wrong, briefly and privately, in their language.

        A `UserFacingError` is the user's to fix: its message and suggestions are
        shown. Anything else is ours: it is logged with a short id that the user
        sees too, so a report can be matched to the log.
        """
        lang = lang_of(interaction.locale)
        cause: BaseException = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        if isinstance(cause, app_commands.TransformerError) and isinstance(cause.__cause__, UserFacingError):
            cause = cause.__cause__  # a transformer (a date option, say) refused the value
        if isinstance(cause, UserFacingError):
            text = error_message(cause, lang)
        elif isinstance(cause, app_commands.NoPrivateMessage):
            text = t("error.guild_only", lang)
        elif isinstance(cause, app_commands.CommandSignatureMismatch):
            # Discord sent options this command does not have (a client with an old copy of the
            # commands, or a hand-made request): the user's to retry, not our failure.
            log.warning("signature mismatch for %s: %s", interaction.command, cause)
            text = t("error.out_of_date", lang)
        elif isinstance(cause, app_commands.CheckFailure):
            text = (
                t("error.owner_only", lang) if isinstance(cause, NotOwner) else t("error.not_allowed", lang)
            )
        elif isinstance(cause, app_commands.TransformerError):
            text = t("error.bad_value", lang, value=safe(str(cause.value)[:80]))
        else:
            error_id = new_error_id()
            command = interaction.command.qualified_name if interaction.command else "-"
            log.error(
                "error %s in %s (interaction %s, user %s)",
                error_id,
                command,
                interaction.id,
                interaction.user.id if interaction.user else "-",
                exc_info=cause,
            )
            text = t("error.apology", lang, error_id=error_id)
        await send_private(interaction, text)


class NotOwner(app_commands.CheckFailure):
    """Raised by owner-only checks; shown as "only the bot's owners"."""


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral message, as the response if none was sent yet, else as a followup.

    After a public deferral ("PetitionBot is thinking…", seen by the whole channel) Discord turns
    the first followup into that message and ignores `ephemeral`, so an error sent as it would
    be public. The thinking message is deleted first: the channel is left with nothing, which is
    what it would have seen had the command failed at once, and the followup is then a message of
    its own that only the person who asked sees.
    """
    text = text[:2000]
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            await _withdraw_public_thinking(interaction)
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException as exc:
        # The interaction may have expired; the error itself is logged already when it matters.
        log.warning("could not tell the user about an error: %s", exc)


async def _withdraw_public_thinking(interaction: discord.Interaction) -> None:
    """Delete the original response if it is still a public "thinking…" message (an answer, or an
    ephemeral deferral, is left alone)."""
    try:
        original = await interaction.original_response()
        if original.flags.loading and not original.flags.ephemeral:
            await interaction.delete_original_response()
    except discord.HTTPException as exc:
        log.info("could not withdraw the thinking message: %s", exc)


class _Configured(enum.Enum):
    SCOPE = "configured"


#: `publish_commands`' default scope: the development guild when DEV_GUILD_ID is set, else every server.
CONFIGURED_SCOPE: Final = _Configured.SCOPE


@dataclass(frozen=True)
class PublishResult:
    """What one publication of the slash commands did, for the log, the CLI and the owner's reply."""

    published: bool
    guild_id: int | None  # None: every server (global commands)
    count: int
    error: str | None = None  # why Discord refused; nothing was stored, so the next try publishes

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def scope(self) -> str:
        return f"guild:{self.guild_id}" if self.guild_id else "global"

    def where(self, lang: str = "en") -> str:
        if self.guild_id:
            return t("publish.guild", lang, guild_id=self.guild_id)
        return t("publish.global", lang)

    def line(self, lang: str = "en") -> str:
        if self.error is not None:
            return t("publish.failed", lang, where=self.where(lang), reason=self.error)
        key = "publish.published" if self.published else "publish.unchanged"
        return t(key, lang, count=self.count, where=self.where(lang))


def payload_hash(application_id: int | None, payload: list[dict[str, Any]]) -> str:
    """sha256 of the payload as canonical JSON (sorted keys; commands by type and name, an order Discord ignores).

    The application id is part of it: a store reused under another bot's token must publish again.
    """
    ordered = sorted(payload, key=lambda command: (int(command.get("type", 1)), str(command.get("name"))))
    text = json.dumps(
        {"application_id": application_id, "commands": ordered},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
            from bot.petitions.ingest import ready_store

            self._store = await Store.open(self.settings.db_path)
            await ready_store(self._store)
        # The search vocabulary takes a second or two at 100k petitions: build it
        # in the background; searches fall back to prefix queries meanwhile.
        if not self.offline:
            self._warm_task = asyncio.create_task(self._warm_search(), name="warm-search")
        self.meaning = Meaning(self.store, self._encoder or EncoderHandle(enabled=self.settings.meaning_search))
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
        from bot.petitions.backfill import Backfill, history_status

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
        translator = self.tree.translator
        cmds = self.tree.get_commands(guild=guild)
        if translator is not None:
            return [await command.get_translated_payload(self.tree, translator) for command in cmds]
        return [command.to_dict(self.tree) for command in cmds]

    async def publish_commands(
        self,
        *,
        guild_id: int | None | Literal[_Configured.SCOPE] = CONFIGURED_SCOPE,
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
        guild = discord.Object(id=guild_id) if guild_id else None
        async with self._publish_lock:
            if guild is not None:
                self.tree.copy_global_to(guild=guild)
            payload = await self.command_payload(guild)
            unchanged = PublishResult(False, guild_id or None, len(payload))
            key = f"commands_hash:{unchanged.scope}"
            digest = payload_hash(self.application_id, payload)
            if not force and await self.store.get_meta(key) == digest:
                log.info(
                    "%d commands unchanged since the last publication %s: nothing sent",
                    len(payload),
                    unchanged.where(),
                )
                return unchanged
            try:
                synced = await self.tree.sync(guild=guild)
            except (discord.HTTPException, aiohttp.ClientError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                log.warning("could not publish %d commands %s: %s", len(payload), unchanged.where(), reason)
                return PublishResult(False, guild_id or None, len(payload), error=reason)
            await self.store.set_meta(key, digest)
            log.info("published %d commands %s", len(synced), unchanged.where())
            return PublishResult(True, guild_id or None, len(synced))

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
                    self.store, self.settings, session=self.http_session, pacer=self.pacer
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
        from bot.petitions.search import last_change_id

        assert self.meaning is not None
        await self.wait_until_ready()
        looked_at: int | None = None  # the store's last change id when every vector was current
        while self.meaning.usable:
            self._embed_wanted.clear()
            try:
                change = await last_change_id(self.store)
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
        from bot.petitions import countries, search

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
        for task in (getattr(self, "_warm_task", None), self._backfill_task, self._embed_task):
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


class StopOnSignals:
    """SIGTERM and SIGINT (`docker stop`, systemd, Ctrl-C) close the bot instead of killing it.

    `bot.close()` unloads the cogs first: the alerts cog lets a post in flight finish and be
    recorded, the refresh and the backfill are cancelled at their next await (a transaction in
    progress rolls back), then the gateway, the HTTP session and the store close, and `start()`
    returns normally. Signal handlers only exist in the main thread of a Unix event loop; elsewhere
    this does nothing.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot
        self.task: asyncio.Task[None] | None = None
        self.loop = asyncio.get_running_loop()
        self.installed: list[signal.Signals] = []
        for sig in self.SIGNALS:
            try:
                self.loop.add_signal_handler(sig, self.stop, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self.installed.append(sig)

    def stop(self, sig: signal.Signals) -> None:
        if self.task is not None:
            log.info("%s received again: already closing", sig.name)
            return
        log.info("%s received: finishing the alert in flight, then closing", sig.name)
        self.task = asyncio.create_task(self.bot.close(), name="shutdown")

    def remove(self) -> None:
        for sig in self.installed:
            self.loop.remove_signal_handler(sig)
        self.installed.clear()

    async def wait(self) -> None:
        """Until a shutdown a signal started has finished (the store is closed then)."""
        if self.task is not None:
            await self.task


async def run_bot(settings: Settings) -> None:
    """Start the bot and run until it is stopped. Without a token: one clear message, no traceback."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise SystemExit(token_missing_message())
    apply_endpoints(settings)
    # The bot has no voice: discord.py's "PyNaCl/davey is not installed" warnings would be noise here.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    async with bot_class(settings)(settings, **shard_options(settings)) as bot:
        stopping = StopOnSignals(bot)
        try:
            await bot.start(token)
        finally:
            stopping.remove()
        await stopping.wait()
    log.info("closed")
