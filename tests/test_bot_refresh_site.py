"""/admin refresh against the loopback petitions site: the real fetcher, nothing replaced inside the bot.

The bot opens its own store, reads the replayed site on its first scheduled refresh, then a petition
appears on the site; a manager's `/admin refresh` says what changed and `/petition` answers it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.petitions.model import TORONTO
from tests.conftest import TODAY
from tests.fakes.discord import running_bot
from tests.replay import TODAY as SITE_TODAY, generate_corpus, replay_site
from tests.test_bot_backfill import TestBot, ask, eventually, site_settings


async def test_admin_refresh_brings_a_new_petition_from_the_site(tmp_path, fake):
    corpus = generate_corpus({45: 12}, seed=31, unpublished=0)
    async with replay_site(corpus) as site:
        published = site.published_numbers()
        settings = site_settings(tmp_path, fake, site, BACKFILL=False, REFRESH_MINUTES=60)
        bot = TestBot(settings, today=lambda: TODAY, guild_ready_timeout=0.05)
        async with running_bot(bot, fake, loggers=("bot", "cogs")) as running:

            async def first_refresh_done() -> bool:
                stats = await running.store.stats()
                return stats.last_refresh is not None and not running.refresh_lock.locked()

            await eventually(first_refresh_done)  # the loop's first turn, right after ready
            assert (await running.store.stats()).petitions == len(published)

            model = next(p for p in corpus if p.status_id == 207)  # an open e-petition
            opened = datetime.combine(SITE_TODAY - timedelta(days=1), time(9, 0), tzinfo=TORONTO)
            newest = replace(
                model,
                number="e-99001",
                data_id=max(p.data_id for p in corpus) + 1,
                opened_at=opened,
                status_on=opened.date(),
            )
            site.add(newest)

            done = await ask(fake, "admin", subcommand="refresh", user_id=fake.owner_id)
            unchanged = len(published)
            assert f"Refresh finished: refresh: 1 new, 0 changed, {unchanged} unchanged, 0 failed" in done
            assert await running.store.get("e-99001") is not None, "the refresh stored it, not a lookup"

            shown = await ask(fake, "petition", {"number": "e-99001"})
            assert shown.startswith("e-99001 — ") and newest.subject.en in shown
            assert "demo data" not in shown
            french = await ask(fake, "petition", {"number": "e-99001"}, locale="fr")
            assert newest.subject.fr in french
