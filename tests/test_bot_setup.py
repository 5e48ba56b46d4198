"""Start-up: what the bot syncs, which intents it asks for, which cogs it loads, and the no-token message."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl

from bot.discord_bot import PetitionBot, apply_endpoints, discover_extensions, run_bot, token_missing_message
from bot.petitions.ingest import ingest_petitions
from bot.petitions.store import Store
from tests.conftest import TODAY, make_settings
from tests.factories import make_petition
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, check_commands, running_bot, visible_text
from tests.ops_helpers import cli_env, read_until, start_petitionbot

FRENCH_NAMES = {
    "petition": "petition",
    "petitions": "petitions",
    "search": "recherche",
    "response": "reponse",
    "sponsor": "depute",
    "overdue": "en-retard",
    "stats": "statistiques",
    "about": "a-propos",
    "admin": "admin",
    "follow": "suivre",
    "unfollow": "ne-plus-suivre",
    "following": "suivis",
    "ask": "demander",
}


def walk(options: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for option in options:
        yield option
        yield from walk(option.get("options") or [])


async def test_synced_commands_pass_every_limit_and_are_localized_in_french(bot, fake):
    synced = fake.synced[fake.guild_id]
    assert check_commands(synced) == []
    assert {c["name"]: c["name_localizations"]["fr"] for c in synced} == FRENCH_NAMES
    for command in synced:
        assert command["description_localizations"]["fr"] != command["description"], command["name"]
        for option in walk(command.get("options") or []):
            where = f"/{command['name']} {option['name']}"
            assert option["name_localizations"].get("fr"), where
            assert option["description_localizations"].get("fr"), where
            for choice in option.get("choices") or []:
                assert choice["name_localizations"].get("fr"), f"{where} choice {choice['name']}"
    search = fake.synced_command("search")
    names = {o["name"]: o["name_localizations"]["fr"] for o in search["options"]}
    assert names["query"] == "requete" and names["from"] == "depuis" and names["answered"] == "avec-reponse"
    assert fake.synced_command("petition")["options"][0]["name_localizations"]["fr"] == "numero"
    assert fake.synced_command("petitions")["options"][0]["name_localizations"]["fr"] == "pays"


async def test_admin_group_is_hidden_and_guild_only_while_about_is_public(bot, fake):
    admin = fake.synced_command("admin")
    assert int(admin["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert admin["contexts"] == [0]
    assert {o["name"] for o in admin["options"]} == {"status", "reload", "sync", "refresh", "import"}
    assert fake.synced_command("about")["default_member_permissions"] is None


async def test_starts_with_every_cog_no_privileged_intent_and_only_a_dev_guild_sync(bot, fake):
    assert bot.failed_extensions == {}
    assert set(bot.extensions) == set(discover_extensions()) >= {"cogs.petitions", "cogs.stats", "cogs.admin"}
    intents = discord.Intents._from_value(fake.identify["intents"])
    assert not intents.members and not intents.presences and not intents.message_content
    assert list(fake.synced) == [fake.guild_id], "start-up syncs to the development guild only"
    assert bot.allowed_mentions.to_dict() == {"parse": []}


async def test_without_a_dev_guild_commands_are_published_globally_on_start(tmp_path: Path, fake, demo_store):
    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    settings = make_settings(tmp_path, fake, DEV_GUILD_ID=None)
    instance = TestBot(settings, store=demo_store, today=lambda: TODAY, guild_ready_timeout=0.05)
    async with running_bot(instance, fake, loggers=("bot", "cogs")):
        assert len(fake.requests_to("PUT /applications/{app}/**")) == 1
        assert list(fake.synced) == [None], "a bot with only a token publishes globally"


async def test_a_cog_that_fails_to_load_is_logged_and_skipped(tmp_path: Path, fake, demo_store):
    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    settings = make_settings(tmp_path, fake)
    instance = TestBot(
        settings,
        store=demo_store,
        guild_ready_timeout=0.05,
        extensions=["cogs.petitions", "cogs.does_not_exist"],
    )
    async with running_bot(instance, fake, loggers=("bot", "cogs")) as running:
        assert list(running.failed_extensions) == ["cogs.does_not_exist"]
        assert fake.error_log.pop_matching("cogs.does_not_exist failed to load")
        message = await (await fake.slash("petition", {"number": "441-00155"})).final_message()
        assert "Garnett Genuis" in visible_text(message)


def test_the_no_token_message_says_what_to_do():
    text = token_missing_message()
    assert "DISCORD_TOKEN" in text and ".env.example" in text and "petitionbot petition 441-00155" in text


async def test_run_bot_without_a_token_stops_with_that_message(tmp_path: Path):
    from bot.settings import Settings

    settings = Settings(_env_file=None, DISCORD_TOKEN="", PETITIONBOT_DB=tmp_path / "x.sqlite3")  # type: ignore[call-arg]
    with pytest.raises(SystemExit) as stopped:
        await run_bot(settings)
    assert str(stopped.value) == token_missing_message()
    assert not (tmp_path / "x.sqlite3").exists(), "nothing is opened before the token is checked"


def test_endpoints_follow_settings_only_when_they_differ_from_discord(tmp_path: Path, monkeypatch):
    from bot.settings import Settings

    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    apply_endpoints(Settings(_env_file=None))  # type: ignore[call-arg]
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    custom = Settings(
        _env_file=None,
        DISCORD_API_BASE="http://127.0.0.1:9/api/v10",  # type: ignore[call-arg]
        DISCORD_GATEWAY_URL="ws://127.0.0.1:9/gw",
    )
    apply_endpoints(custom)
    assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
    assert yarl.URL("ws://127.0.0.1:9/gw") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


async def test_petitionbot_run_opens_the_store_its_settings_name_answers_and_stops_cleanly(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    """`petitionbot run` (main → cmd_run → run_bot) as a real process: nothing handed to the bot but settings."""
    db = tmp_path / "live" / "petitions.sqlite3"
    db.parent.mkdir()
    async with await Store.open(db) as store:
        await ingest_petitions(store, [make_petition("e-4242", subject="Fisheries")])
    env = cli_env(
        tmp_path,
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        DEV_GUILD_ID=fake.guild_id,
        PETITIONBOT_DB=db,
        LOG_LEVEL="INFO",
    )
    proc = await start_petitionbot("run", env=env, cwd=tmp_path)
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        await read_until(proc.stderr, "ready as PetitionBot", seen)
        message = await (await fake.slash("petition", {"number": "e-4242"})).final_message(timeout=30)
        proc.send_signal(signal.SIGTERM)
        rest = await asyncio.wait_for(proc.stderr.read(), 30)
        code = await asyncio.wait_for(proc.wait(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    stderr = "".join(seen) + rest.decode()
    text = visible_text(message)
    assert text.startswith("e-4242 — Fisheries") and "Elizabeth May" in text
    assert "demo data" not in text
    assert code == 0, stderr
    assert "Traceback" not in stderr and " ERROR " not in stderr, stderr
    assert stderr.rstrip().endswith("closed"), stderr[-500:]
    assert not (tmp_path / "var").exists(), "no store but the one the settings name"
