"""Shared fixtures: a petition store filled with the demo data, and the real bot running against a fake Discord.

The bot fixture boots an unmodified discord.py client against `tests/fakes/discord/` on 127.0.0.1: it logs
in, syncs its commands to the fake's development guild and becomes ready. The fake checks every payload
against Discord's limits, and any ERROR logged by discord.py, `bot` or `cogs` fails the test (see
`running_bot`); a test that expects an error claims it with `fake.error_log.pop_matching(...)`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.petitions.ingest import load_demo_if_empty
from bot.petitions.store import Store
from bot.settings import Settings
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, fake_discord_server, running_bot

#: A fixed "today" for deadline lines: after every demo presentation date, so clocks are stable.
TODAY = date(2026, 12, 15)


@pytest.fixture
async def demo_store(tmp_path: Path) -> AsyncIterator[Store]:
    """A store in tmp_path holding the bundled demo petitions."""
    store = await Store.open(tmp_path / "petitions.sqlite3")
    try:
        loaded = await load_demo_if_empty(store)
        assert loaded > 0, "data/demo.jsonl is missing or empty"
        yield store
    finally:
        await store.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A fake Discord; the test fails at teardown if any payload broke a limit."""
    async with fake_discord_server() as server:
        yield server


def make_settings(tmp_path: Path, fake: FakeDiscord, **overrides: object) -> Settings:
    """Settings for a test bot, ignoring any .env or environment of the developer's machine."""
    values: dict[str, object] = {
        "DISCORD_TOKEN": fake.token,
        "DEV_GUILD_ID": fake.guild_id,
        "OWNER_IDS": [fake.owner_id],
        "PETITIONBOT_DB": tmp_path / "unused.sqlite3",
        "REFRESH_MINUTES": 0,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        # Search by meaning changes search results; its own tests turn it on (tests/test_bot_meaning.py).
        "MEANING_SEARCH": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeDiscord, demo_store: Store) -> AsyncIterator[object]:
    """The real bot, logged in to the fake, commands synced to the fake's guild, ready."""
    from bot.discord_bot import PetitionBot

    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    settings = make_settings(tmp_path, fake)
    instance = TestBot(settings, store=demo_store, today=lambda: TODAY, guild_ready_timeout=0.05)
    async with running_bot(instance, fake, loggers=("bot", "cogs")) as running:
        yield running
