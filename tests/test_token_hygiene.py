"""The bot token appears in no log record and no error, whatever the level.

A recognisable token; the root logger at DEBUG with a handler that keeps every record (message and
traceback, unredacted); the bot served by the fake Discord, then the CLI's success and failure paths.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest

from tests.conftest import TODAY, make_settings
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, fake_discord_server, running_bot, visible_text
from tests.ops_helpers import bot_token

APP_ID = 1_200_000_000_000_000_001
CANARY = "Cnry7Q4vXhZ2"
TOKEN = bot_token(APP_ID, CANARY)


class KeepEverything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.texts.append(f"{record.name} {record.levelname} {text}")


@pytest.fixture
def everything() -> Iterator[KeepEverything]:
    root = logging.getLogger()
    handler, saved = KeepEverything(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(saved)


@pytest.fixture
async def fake() -> FakeDiscord:
    async with fake_discord_server(token=TOKEN) as server:
        yield server


def assert_nowhere(*texts: str) -> None:
    for text in texts:
        assert TOKEN not in text and CANARY not in text


async def test_the_running_bot_never_logs_its_token(
    everything, fake: FakeDiscord, demo_store, tmp_path: Path
) -> None:
    from bot.discord_bot import PetitionBot

    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    bot = TestBot(
        make_settings(tmp_path, fake), store=demo_store, today=lambda: TODAY, guild_ready_timeout=0.05
    )
    async with running_bot(bot, fake, loggers=("bot", "cogs")):
        reply = await (await fake.slash("petition", {"number": "441-00155"})).final_message()
        assert "Garnett Genuis" in visible_text(reply)
        await fake.request_reconnect()  # RESUME sends the token over the gateway again
        fake.fail("POST /interactions/{id}/{token}/callback", 500, times=1)  # an error path, logged
        await (await fake.slash("about", {})).final_message()
    assert len(everything.texts) > 50, "DEBUG records were captured"
    assert any("has sent the RESUME payload" in text for text in everything.texts)
    assert_nowhere(*everything.texts, repr(bot.settings), str(bot.settings.model_dump()))


@pytest.fixture
def cli_env(tmp_path: Path, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    for name in ("DEV_GUILD_ID", "OWNER_IDS", "LOG_FORMAT", "LANG", "LC_ALL", "SHARD_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "PETITIONBOT_DB": str(tmp_path / "petitions.sqlite3"),
        "REFRESH_MINUTES": "0",
    }.items():
        monkeypatch.setenv(name, value)
    return tmp_path


async def petitionbot(*argv: str) -> int:
    from bot.cli import main

    return await asyncio.wait_for(asyncio.to_thread(main, ["--log-level", "DEBUG", *argv]), 60)


async def test_the_cli_never_shows_the_token_on_success_or_failure(
    everything, cli_env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    outputs: list[str] = []

    async def run(*argv: str, expect: int) -> None:
        code = await petitionbot(*argv)
        out, err = capsys.readouterr()
        outputs.extend([out, err])
        assert code == expect, (argv, out, err)

    await run("sync", expect=0)
    await run("doctor", expect=0)
    fake.token = bot_token(APP_ID, "SomeoneElse")  # Discord no longer accepts ours
    await run("sync", expect=1)
    await run("run", expect=1)
    await run("doctor", expect=1)
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10")
    await run("sync", expect=1)
    (cli_env / "petitions.sqlite3").write_bytes(b"garbage" * 500)
    monkeypatch.setenv("DISCORD_API_BASE", fake.api_base)
    fake.token = TOKEN
    await run("run", expect=1)
    monkeypatch.setenv("REFRESH_MINUTES", "never")  # invalid settings: the message names the setting only
    await run("status", expect=2)

    assert any("Discord refused DISCORD_TOKEN" in text for text in outputs)
    assert any("Traceback" in text for text in outputs), "DEBUG shows tracebacks, and they are checked too"
    assert_nowhere(*outputs, *everything.texts)
