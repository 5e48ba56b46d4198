"""Running a real bot against the fake inside a test: start the fake, point discord.py at it, connect, and
tear everything down so a failure surfaces instead of hanging or leaking into the next test.

``Route.BASE`` and ``DEFAULT_GATEWAY`` are process-wide, so ``running_bot`` restores them at teardown.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

import yarl
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from ._logs import ErrorLogCapture
from ._server import FakeDiscord


class FastIdentifyMixin:
    """Mix into the test bot class: the default hook sleeps 5 s before every re-identify."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


@contextlib.asynccontextmanager
async def fake_discord_server(**kwargs: Any) -> AsyncIterator[FakeDiscord]:
    """Starts a ``FakeDiscord`` on 127.0.0.1:0; at teardown fails the test if any limit was violated."""
    fake = FakeDiscord(**kwargs)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()
    fake.assert_clean()


BotFactory = Callable[[], "commands.Bot | Awaitable[commands.Bot]"]


@contextlib.asynccontextmanager
async def running_bot(
    bot_factory: BotFactory | commands.Bot,
    fake: FakeDiscord,
    *,
    token: str | None = None,
    ready_timeout: float = 10.0,
    loggers: Iterable[str] = (),
    check_logs: bool = True,
) -> AsyncIterator[commands.Bot]:
    """Points discord.py at ``fake``, logs the bot in, connects it and waits for ``on_ready``.

    Teardown closes the bot and awaits the connect task (so gateway-parsing errors surface), restores
    ``Route.BASE`` and ``DEFAULT_GATEWAY``, and fails on unclaimed ERROR logs from ``discord`` and
    ``loggers`` (see ``fake.error_log``). Build the bot with ``guild_ready_timeout=0.05``. ``token`` defaults
    to ``fake.token``; another one makes login fail with ``discord.LoginFailure`` (401).
    """
    saved_base = Route.BASE
    saved_gateway = DiscordWebSocket.DEFAULT_GATEWAY
    capture = ErrorLogCapture(("discord", *loggers)).install()
    fake.error_log = capture
    bot: commands.Bot | None = None
    connect_task: asyncio.Task[None] | None = None
    body_failed = False
    try:
        Route.BASE = fake.api_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
        bot = await _build_bot(bot_factory)
        fake.client = bot
        await bot.login(fake.token if token is None else token)
        connect_task = asyncio.create_task(bot.connect(reconnect=False), name="fake-discord-connect")
        await _wait_ready(bot, connect_task, fake, ready_timeout)
        try:
            yield bot
        except BaseException:
            body_failed = True
            raise
    finally:
        try:
            await _shut_down(bot, connect_task, quietly=body_failed)
        finally:
            fake.client = None
            Route.BASE = saved_base
            DiscordWebSocket.DEFAULT_GATEWAY = saved_gateway
            capture.uninstall()
    if check_logs:
        capture.assert_clean()


async def _build_bot(bot_factory: BotFactory | commands.Bot) -> commands.Bot:
    if isinstance(bot_factory, commands.Bot):
        bot = bot_factory
    else:
        made = bot_factory()
        bot = await made if inspect.isawaitable(made) else made
    assert bot is not None
    if getattr(bot._connection, "guild_ready_timeout", 0) > 0.5:
        # stacklevel 3: the frame that entered running_bot, as when this check lived there
        warnings.warn("build the test bot with guild_ready_timeout=0.05 (on_ready waits 2 s)", stacklevel=3)
    return bot


async def _wait_ready(
    bot: commands.Bot, connect_task: asyncio.Task[None], fake: FakeDiscord, ready_timeout: float
) -> None:
    """Waits for ``on_ready``; a connect task that ends first raises its own error instead of a timeout."""
    ready_task = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait(
        {connect_task, ready_task}, timeout=ready_timeout, return_when="FIRST_COMPLETED"
    )
    if ready_task not in done:
        ready_task.cancel()
        if connect_task in done:
            connect_task.result()  # raises the connect error, if any
            raise RuntimeError("bot.connect() ended before the bot was ready")
        raise TimeoutError(f"bot not ready after {ready_timeout}s; gateway ops seen: {fake.gateway_received}")


async def _shut_down(
    bot: commands.Bot | None, connect_task: asyncio.Task[None] | None, *, quietly: bool
) -> None:
    """Closes the bot and awaits its connect task; ``quietly`` (the test already failed) hides its error."""
    if bot is not None:
        await bot.close()
    if connect_task is not None:
        if quietly:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connect_task, 5)
        else:
            await asyncio.wait_for(connect_task, 5)
