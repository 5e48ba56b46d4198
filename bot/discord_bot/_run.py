"""Running the bot as a process: the token check, the endpoints, and a clean stop on SIGTERM and SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal

import discord
import discord.gateway
import discord.http
import yarl

from bot.discord_bot._bot import PetitionBot, bot_class, shard_options
from bot.settings import Settings

log = logging.getLogger("bot.discord_bot")  # one name for the bot's log lines, as operators filter them

DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY = "wss://gateway.discord.gg/"


def token_missing_message() -> str:
    """The one message a user sees when they start the bot without a token."""
    return (
        "No Discord token: put DISCORD_TOKEN=<your bot token> in .env (copy .env.example to .env; the token "
        "comes from the Discord developer portal, Bot > Reset Token). Without a token you can still use the "
        "offline CLI, e.g. `petitionbot petition 441-00155`."
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
