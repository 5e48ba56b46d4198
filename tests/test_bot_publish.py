"""Commands are published when they changed, never twice for the same payload, and never need a slash command.

A new bot with only a token publishes globally on its first start; a restart with the same code sends
nothing; a change (even only in the French translation) publishes once; a refusal is retried at the next
start. `petitionbot sync` does the same over REST alone, and the owners can say `@bot sync`.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import PetitionBot
from bot.i18n import STRINGS
from bot.petitions.store import Store
from tests.conftest import make_settings
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, running_bot

GLOBAL_PUT = "PUT /applications/{app}/commands"
GUILD_PUT = "PUT /applications/{app}/guilds/{guild}/commands"
COMMAND_COUNT = 13  # the top-level slash commands the cogs define (/ask is the 13th)


class PublishingBot(FastIdentifyMixin, PetitionBot):
    pass


def settings_for(tmp_path: Path, fake: FakeDiscord, **overrides: Any) -> Any:
    """Only a token (no DEV_GUILD_ID), and a real store file that outlives each start."""
    values: dict[str, Any] = {"DEV_GUILD_ID": None, "PETITIONBOT_DB": tmp_path / "bot.sqlite3"}
    values.update(overrides)
    return make_settings(tmp_path, fake, **values)


def start(
    tmp_path: Path, fake: FakeDiscord, bot_class: type[PetitionBot] = PublishingBot, **overrides: Any
) -> Any:
    bot = bot_class(settings_for(tmp_path, fake, **overrides), guild_ready_timeout=0.05)
    return running_bot(bot, fake, loggers=("bot", "cogs"))


def puts(fake: FakeDiscord, route: str = GLOBAL_PUT) -> int:
    return len(fake.requests_to(route))


async def stored_hash(path: Path, key: str = "commands_hash:global") -> str | None:
    store = await Store.open(path)
    try:
        return await store.get_meta(key)
    finally:
        await store.close()


async def test_a_new_bot_with_only_a_token_publishes_its_commands_globally_once(tmp_path, fake, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    async with start(tmp_path, fake):
        pass
    assert puts(fake) == 1 and puts(fake, GUILD_PUT) == 0
    names = {command["name"] for command in fake.synced[None]}
    assert names >= {"petition", "search", "follow", "admin", "about"} and len(names) == COMMAND_COUNT
    assert f"published {COMMAND_COUNT} commands globally" in caplog.text
    assert await stored_hash(tmp_path / "bot.sqlite3")


async def test_a_restart_with_the_same_commands_sends_nothing(tmp_path, fake, caplog):
    async with start(tmp_path, fake):
        pass
    caplog.set_level(logging.INFO, logger="bot")
    async with start(tmp_path, fake):
        pass
    assert puts(fake) == 1, "the second start must not publish again"
    assert "commands unchanged since the last publication globally: nothing sent" in caplog.text


async def test_a_changed_french_description_is_published_once(tmp_path, fake, monkeypatch):
    async with start(tmp_path, fake):
        pass
    # English is fixed at import; the French side is translated at publication time, so only the
    # translated payload sees this change.
    monkeypatch.setitem(STRINGS, "cmd.about.desc", {**STRINGS["cmd.about.desc"], "fr": "À propos, revu"})
    async with start(tmp_path, fake):
        pass
    async with start(tmp_path, fake):
        pass
    assert puts(fake) == 2
    about = fake.synced_command("about", None)
    assert about is not None and about["description_localizations"]["fr"] == "À propos, revu"


class Extra(commands.Cog):
    @app_commands.command(name="ping", description="Answers pong")
    async def ping(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")


class BotWithOneMoreCommand(PublishingBot):
    async def setup_hook(self) -> None:
        await self.add_cog(Extra())
        await super().setup_hook()


async def test_a_new_command_is_published_once(tmp_path, fake):
    async with start(tmp_path, fake):
        pass
    async with start(tmp_path, fake, BotWithOneMoreCommand):
        pass
    async with start(tmp_path, fake, BotWithOneMoreCommand):
        pass
    assert puts(fake) == 2
    assert len(fake.synced[None]) == COMMAND_COUNT + 1 and fake.synced_command("ping", None)


async def test_with_a_dev_guild_it_publishes_to_that_guild_only(tmp_path, fake):
    async with start(tmp_path, fake, DEV_GUILD_ID=fake.guild_id):
        pass
    async with start(tmp_path, fake, DEV_GUILD_ID=fake.guild_id):
        pass
    assert puts(fake, GUILD_PUT) == 1 and puts(fake) == 0
    assert list(fake.synced) == [fake.guild_id] and len(fake.synced[fake.guild_id]) == COMMAND_COUNT
    assert await stored_hash(tmp_path / "bot.sqlite3", f"commands_hash:guild:{fake.guild_id}")
    # Each scope keeps its own hash: dropping DEV_GUILD_ID publishes globally the first time.
    async with start(tmp_path, fake):
        pass
    assert puts(fake) == 1 and puts(fake, GUILD_PUT) == 1


@pytest.mark.parametrize("status", [403, 503])
async def test_a_refused_publication_stores_nothing_and_the_next_start_publishes(
    tmp_path, fake, caplog, status
):
    fake.fail(GLOBAL_PUT, status, code=50001 if status == 403 else None, message="Missing Access")
    with caplog.at_level(logging.WARNING, logger="bot"):
        async with start(tmp_path, fake) as bot:
            assert bot.is_ready(), "a refused publication must not stop the bot"
    warnings = [r for r in caplog.records if r.name == "bot.discord_bot" and r.levelno == logging.WARNING]
    assert (
        len(warnings) == 1 and f"could not publish {COMMAND_COUNT} commands globally" in warnings[0].message
    )
    assert str(status) in warnings[0].getMessage()
    assert await stored_hash(tmp_path / "bot.sqlite3") is None
    assert None not in fake.synced
    async with start(tmp_path, fake):
        pass
    assert puts(fake) == 2 and len(fake.synced[None]) == COMMAND_COUNT
    assert await stored_hash(tmp_path / "bot.sqlite3")


async def test_an_offline_bot_loads_its_cogs_and_starts_and_publishes_nothing(tmp_path, fake, monkeypatch):
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    bot = PetitionBot(settings_for(tmp_path, fake, REFRESH_MINUTES=5), offline=True)
    async with bot:
        await bot.login(fake.token)
        assert {"cogs.petitions", "cogs.alerts", "cogs.admin"} <= set(bot.extensions)
        assert not bot.get_cog("Alerts").alert_loop.is_running()
        assert not bot.get_cog("Admin").refresh_loop.is_running()
        assert getattr(bot, "_warm_task", None) is None
        assert fake.requests_to("PUT /applications/**") == []
    assert fake.gateway_paths == []


# --- petitionbot sync -----------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The environment `petitionbot sync` reads, pointing at the fake; the endpoints are restored after."""
    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    db = tmp_path / "cli.sqlite3"
    for name, value in {
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "PETITIONBOT_DB": str(db),
        "REFRESH_MINUTES": "1",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("DEV_GUILD_ID", "OWNER_IDS"):
        monkeypatch.delenv(name, raising=False)
    return db


async def petitionbot(*argv: str) -> int:
    """`petitionbot …` in a thread (it runs its own event loop) while the fake serves in this one."""
    from bot.cli import main

    return await asyncio.wait_for(asyncio.to_thread(main, list(argv)), 30)


async def test_cli_sync_publishes_once_then_says_unchanged_and_force_publishes_again(cli_env, fake, capsys):
    assert await petitionbot("sync") == 0
    assert capsys.readouterr().out == f"published {COMMAND_COUNT} commands globally\n"
    assert await petitionbot("sync") == 0
    assert (
        capsys.readouterr().out == "commands unchanged since the last publication (globally); nothing sent\n"
    )
    assert await petitionbot("sync", "--force") == 0
    assert capsys.readouterr().out == f"published {COMMAND_COUNT} commands globally\n"
    assert puts(fake) == 2 and len(fake.synced[None]) == COMMAND_COUNT
    assert fake.gateway_paths == [] and fake.identify is None, "sync must not open the gateway"


async def test_cli_sync_to_a_guild_and_the_bot_then_starts_without_publishing(
    cli_env, tmp_path, fake, capsys
):
    assert await petitionbot("sync", "--guild", str(fake.guild_id)) == 0
    assert capsys.readouterr().out == f"published {COMMAND_COUNT} commands to the guild {fake.guild_id}\n"
    assert puts(fake, GUILD_PUT) == 1 and puts(fake) == 0
    # The bot itself, on the same store with that guild as DEV_GUILD_ID, finds nothing to publish.
    async with start(tmp_path, fake, DEV_GUILD_ID=fake.guild_id, PETITIONBOT_DB=cli_env):
        pass
    assert puts(fake, GUILD_PUT) == 1


async def test_cli_sync_without_a_token_or_with_a_bad_one_says_so_in_one_line(
    cli_env, fake, capsys, monkeypatch
):
    monkeypatch.setenv("DISCORD_TOKEN", "")
    assert await petitionbot("sync") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISCORD_TOKEN" in err
    monkeypatch.setenv("DISCORD_TOKEN", "not-the-token")
    assert await petitionbot("sync") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused DISCORD_TOKEN" in err and "Traceback" not in err
    assert fake.requests_to("PUT /applications/**") == []


async def test_cli_sync_refused_by_discord_exits_1_and_the_next_sync_publishes(cli_env, fake, capsys):
    fake.fail(GLOBAL_PUT, 403, code=50001, message="Missing Access")
    assert await petitionbot("sync") == 1
    assert "could not publish the commands globally: 403 Forbidden" in capsys.readouterr().err
    assert await petitionbot("sync") == 0
    assert capsys.readouterr().out == f"published {COMMAND_COUNT} commands globally\n"


# --- @bot sync --------------------------------------------------------------------------------------


async def test_an_owner_mention_sync_publishes_and_a_members_does_nothing(tmp_path, fake):
    async with start(tmp_path, fake):
        assert puts(fake) == 1
        await fake.mention("sync here")  # alice, an ordinary member
        asked = await fake.mention("sync here", user_id=fake.owner_id)
        replies = await fake.wait_channel_messages(1)
        assert len(replies) == 1 and str(replies[0]["message_reference"]["message_id"]) == asked["id"]
        assert replies[0]["content"] == f"published {COMMAND_COUNT} commands to the guild {fake.guild_id}"
        assert puts(fake, GUILD_PUT) == 1 and puts(fake) == 1
        await fake.mention("sync", user_id=fake.owner_id)
        replies = await fake.wait_channel_messages(2)
        assert (
            replies[1]["content"] == "commands unchanged since the last publication (globally); nothing sent"
        )
        await fake.mention("sync everywhere", user_id=fake.owner_id)
        replies = await fake.wait_channel_messages(3)
        assert "sync global" in replies[2]["content"]
        await fake.mention("hello")  # not a command: ignored, and no ERROR in the log
        await fake.mention("sync", user_id=fake.owner_id)
        await fake.wait_channel_messages(4)
    assert len(fake.channel_messages()) == 4 and puts(fake) == 1
