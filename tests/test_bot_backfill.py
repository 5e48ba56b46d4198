"""A fresh install, end to end: the real bot opens its own store and fills it from a replay of the site.

The bot runs as `petitionbot run` would (no store handed to it, only a token, no DEV_GUILD_ID) against
the fake Discord and the loopback replay of the petitions site; nothing is replaced inside the bot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from bot.discord_bot import PetitionBot
from bot.petitions.backfill import Backfill, Limits, SiteConfig, history_status
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store
from tests.conftest import TODAY, make_settings
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, running_bot, visible_text
from tests.replay import ReplaySite, generate_corpus, replay_site


class TestBot(FastIdentifyMixin, PetitionBot):
    __test__ = False


def site_settings(tmp_path: Path, fake: FakeDiscord, site: ReplaySite, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "DEV_GUILD_ID": None,
        "PETITIONBOT_DB": tmp_path / "prod.sqlite3",
        "REFRESH_MINUTES": 60,
        "REQUEST_INTERVAL": 0,
        "PETITIONS_BASE_EN": site.base_en,
        "PETITIONS_BASE_FR": site.base_fr,
    }
    values.update(overrides)
    return make_settings(tmp_path, fake, **values)


async def eventually(check: Callable[[], Any], seconds: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not await check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def ask(fake: FakeDiscord, name: str, options: dict[str, Any] | None = None, **kwargs: Any) -> str:
    return visible_text(await (await fake.slash(name, options, **kwargs)).final_message(timeout=30))


async def test_a_fresh_install_publishes_its_commands_and_fills_its_store_with_no_sample(tmp_path, fake):
    corpus = generate_corpus({44: 15, 45: 15}, seed=21)
    async with replay_site(corpus) as site:
        published = site.published_numbers()
        bot = TestBot(site_settings(tmp_path, fake, site), today=lambda: TODAY, guild_ready_timeout=0.05)
        async with running_bot(bot, fake, loggers=("bot", "cogs")) as running:
            assert len(fake.requests_to("PUT /applications/{app}/commands")) == 1  # global, on the first run

            async def complete() -> bool:
                return (await history_status(running.store)).complete

            await eventually(complete)
            stats = await running.store.stats()
            assert stats.demo == 0 and stats.petitions == len(published)

            about = await ask(fake, "about")
            assert f"history: complete, {len(published)} petitions" in about
            french = await ask(fake, "about", locale="fr")
            assert f"historique : complet, {len(published)} pétitions" in french
            status = await ask(fake, "admin", subcommand="status", user_id=fake.owner_id)
            assert "history: complete" in status and "the history is complete" in status

            number = sorted(published)[0]
            shown = await ask(fake, "petition", {"number": number})
            assert number in shown and (site.expected(number).subject.en or "") in shown
            assert "still loading" not in shown
        assert not site.gated_requests and not site.gated_names


async def test_a_petition_still_in_the_queue_is_answered_from_its_row_and_jumps_the_queue(tmp_path, fake):
    corpus = generate_corpus({45: 20}, seed=22)
    async with replay_site(corpus) as site:
        db = tmp_path / "prod.sqlite3"
        config = SiteConfig(base_en=site.base_en, base_fr=site.base_fr, user_agent="test", interval=0)
        async with await Store.open(db) as store, aiohttp.ClientSession() as session:
            client = config.client(session, Pacer(0), Priority.BACKFILL)
            await Backfill(store, client, config, limits=Limits(phases=frozenset({1}))).run()
        number = sorted(site.published_numbers())[-1]
        settings = site_settings(tmp_path, fake, site, BACKFILL=False)
        bot = TestBot(settings, today=lambda: TODAY, guild_ready_timeout=0.05)
        async with running_bot(bot, fake, loggers=("bot", "cogs")) as running:
            shown = await ask(fake, "petition", {"number": number})
            assert number in shown and "Details are still loading from the site" in shown
            urgent = await running.store.conn.execute_fetchall(
                "SELECT urgent FROM details_queue WHERE number = ?", (number,)
            )
            assert urgent == [(1,)] or [tuple(r) for r in urgent] == [(1,)]
            shown_fr = await ask(fake, "petition", {"number": number}, locale="fr")
            assert "Les détails se chargent encore" in shown_fr
            mp = site.expected(number).sponsor.name
            listed = await ask(fake, "sponsor", {"mp": mp})
            assert "The history is still loading (0% of details): lists may be incomplete." in listed


async def test_a_number_the_store_lacks_is_fetched_while_the_reply_waits(tmp_path, fake):
    corpus = generate_corpus({45: 20}, seed=23, unpublished=0.2)
    wanted = sorted(p.number for p in corpus if p.published)[0]
    missing = next(p.number for p in corpus if not p.published)
    async with replay_site(corpus) as site:
        bot = TestBot(
            site_settings(tmp_path, fake, site, BACKFILL=False), today=lambda: TODAY, guild_ready_timeout=0.05
        )
        async with running_bot(bot, fake, loggers=("bot", "cogs")) as running:
            shown = await ask(fake, "petition", {"number": wanted})
            assert wanted in shown and (site.expected(wanted).subject.en or "") in shown
            assert await running.store.get(wanted) is not None
            refused = await ask(fake, "petition", {"number": missing})
            assert "no published petition" in refused
            refused_fr = await ask(fake, "petition", {"number": missing}, locale="fr")
            assert "aucune pétition" in refused_fr
