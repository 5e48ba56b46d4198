"""`petitionbot run` stops cleanly on SIGTERM/SIGINT: the alert in flight is posted and recorded, the
backfill stops at a safe point, the store closes whole, and the process exits 0.

The bot runs as a real process against the fake Discord and the loopback replay of the site (both
serving in this test's event loop); the alert test runs the bot in-process to hold a post mid-flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.petitions import alerts
from bot.petitions.ingest import prepare
from bot.petitions.model import Bi, Response
from bot.petitions.store import Store
from tests.fakes.discord import FakeDiscord
from tests.ops_helpers import cli_env, read_until, start_petitionbot
from tests.replay import generate_corpus, replay_site


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_mid_backfill_closes_everything_and_exits_0(
    tmp_path: Path, fake: FakeDiscord, sig
) -> None:
    corpus = generate_corpus({44: 80, 45: 80}, seed=5, parliaments=(44, 45))
    db = tmp_path / "petitions.sqlite3"
    async with replay_site(corpus) as site:
        env = cli_env(
            tmp_path,
            DISCORD_TOKEN=fake.token,
            DISCORD_API_BASE=fake.api_base,
            DISCORD_GATEWAY_URL=fake.gateway_url,
            DEV_GUILD_ID=fake.guild_id,
            PETITIONS_BASE_EN=site.base_en,
            PETITIONS_BASE_FR=site.base_fr,
            REQUEST_INTERVAL="0.01",
            REFRESH_MINUTES="60",
            BACKFILL="true",
            LOG_LEVEL="INFO",
        )
        proc = await start_petitionbot("run", env=env, cwd=tmp_path)
        seen: list[str] = []
        try:
            assert proc.stderr is not None
            await read_until(proc.stderr, "ready as PetitionBot", seen)
            # The backfill is under way: details pages are being read and stored.
            await fake.wait_for(lambda: sum(r.is_details for r in site.requests) >= 10, 30, "the backfill")
            proc.send_signal(sig)
            rest = await asyncio.wait_for(proc.stderr.read(), 30)
            code = await asyncio.wait_for(proc.wait(), 10)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        stderr = "".join(seen) + rest.decode()
        requests_at_exit = len(site.requests)
        await asyncio.sleep(0.3)
        assert len(site.requests) == requests_at_exit, "nothing asks the site after the exit"
    assert code == 0, stderr
    assert "Traceback" not in stderr and " ERROR " not in stderr, stderr
    assert f"{sig.name} received: finishing the alert in flight, then closing" in stderr
    assert stderr.rstrip().endswith("closed"), stderr[-500:]
    assert integrity(db) == "ok"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM petitions").fetchone()[0] > 0
    assert not await asyncio.to_thread(Path(f"{db}-journal").exists)


async def test_closing_lets_the_alert_in_flight_be_posted_and_recorded(
    bot, fake: FakeDiscord, demo_store: Store
) -> None:
    cog = bot.get_cog("Alerts")
    await fake.wait_for(lambda: cog.cycles >= 1, what="the first alert cycle")
    channel = fake.guild.channels[1].id
    await alerts.follow(
        demo_store,
        guild_id=fake.guild_id,
        channel_id=channel,
        target=alerts.Target("all"),
        created_by=fake.owner_id,
    )
    p = await demo_store.get("e-6890")
    assert p is not None
    answered = replace(
        p,
        status_id=223,
        response_tabled_on=date.today() - timedelta(days=2),
        response=Response(signer="Hon. Mélanie Joly", paragraphs=Bi(["Canada acts."], ["Le Canada agit."])),
    )
    await demo_store.upsert([prepare(answered)])

    # Discord takes its time with this post: the shutdown starts while it is in flight.
    entered, go_on = asyncio.Event(), asyncio.Event()
    index = next(i for i, route in enumerate(fake._routes) if route[2].__name__ == "_create_message")
    method, regex, create = fake._routes[index]

    async def slow_create(record, channel_id):
        entered.set()
        await go_on.wait()
        return await create(record, channel_id)

    fake._routes[index] = (method, regex, slow_create)
    cycle = asyncio.create_task(cog.run_cycle())
    await asyncio.wait_for(entered.wait(), 5)
    closing = asyncio.create_task(bot.close())
    await asyncio.sleep(0.3)
    assert not closing.done(), "close() waits for the post in flight"
    go_on.set()
    await asyncio.wait_for(closing, 10)

    report = await cycle
    assert report.sent == 1
    assert len(fake.channel_messages(channel)) == 1
    stats = await alerts.alert_stats(demo_store)
    assert (stats["sent"], stats["pending"]) == (1, 0), "the post was recorded before the store closed"
    assert not cog.alert_loop.is_running()
