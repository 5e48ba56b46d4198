"""/admin: hidden from members, checked again at run time, owner-only where it affects every server."""

from __future__ import annotations

import asyncio
import importlib.metadata
import re
from dataclasses import replace
from datetime import date, timedelta

import discord
import pytest

from bot.i18n import number_words
from bot.petitions.alerts import alert_stats
from bot.petitions.health import database_size
from bot.petitions.ingest import prepare
from bot.petitions.model import Bi, Response
from tests.fakes.discord import FLAG_EPHEMERAL, buttons, visible_text


def ephemeral(message: dict) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


async def admin(fake, sub: str, **kwargs) -> dict:
    kwargs.setdefault("user_id", fake.owner_id)
    return await (await fake.slash("admin", subcommand=sub, **kwargs)).final_message()


async def as_owner(fake, name: str, options: dict | None = None, **kwargs) -> dict:
    kwargs.setdefault("user_id", fake.owner_id)
    return await (await fake.slash(name, options, **kwargs)).final_message()


async def test_status_for_a_server_manager(bot, fake):
    message = await admin(fake, "status")
    text = visible_text(message)
    assert ephemeral(message)
    assert "13 petitions (13 demo, 5 answered)" in text and "Refresh turned off" in text
    assert "`cogs.petitions`" in text
    assert "0 active follows" in text
    french = visible_text(await admin(fake, "status", locale="fr"))
    assert "État du robot" in french and "Actualisation désactivée" in french


async def test_members_do_not_see_admin_and_are_refused_if_they_send_it_anyway(bot, fake):
    with pytest.raises(LookupError, match="hidden"):
        await fake.slash("admin", subcommand="status")
    # A server can grant the command to a role that lacks the permission; the bot checks again.
    refused = await admin(fake, "status", user_id=fake.user_id, validate=False)
    assert ephemeral(refused) and "not allowed" in visible_text(refused)


SUBCOMMANDS = ("status", "refresh", "reload", "sync", "import")
OWNER_ONLY = ("reload", "sync", "import")


def options_for(fake, sub: str) -> dict:
    """What each subcommand needs: import takes a file (a good one: a refusal must not depend on it)."""
    if sub != "import":
        return {}
    return {"file": fake.upload("snap.jsonl", b'{"format": "petitionbot-snapshot", "version": 1}\n')}


async def test_a_server_manager_who_is_not_an_owner_is_refused_every_owner_only_command(
    bot, fake, demo_store
):
    moderator = fake.add_user("moderator")
    perms = (
        discord.Permissions(manage_guild=True).value
        | discord.Permissions(use_application_commands=True).value
    )
    cogs = dict(bot.cogs)
    digest = await demo_store.content_digest()
    commands_sync = len(fake.requests_to("PUT /applications/{app}/**"))
    for sub in OWNER_ONLY:
        options = options_for(fake, sub)
        handle = await fake.slash(
            "admin", options, subcommand=sub, user_id=moderator, permissions=perms, locale="fr"
        )
        refused = await handle.final_message()
        assert ephemeral(refused), sub
        assert visible_text(refused) == "Seuls les propriétaires du robot peuvent faire cela.", sub
        if sub == "import":
            assert options["file"].downloads == 0, "the file is never downloaded"
    assert all(bot.cogs[name] is cog for name, cog in cogs.items()), "nothing was reloaded"
    assert None not in fake.synced and len(fake.requests_to("PUT /applications/{app}/**")) == commands_sync
    assert await demo_store.content_digest() == digest
    english = await admin(fake, "sync", user_id=moderator, permissions=perms)
    assert visible_text(english) == "Only the bot’s owners can do this."


async def test_a_member_without_manage_server_is_refused_every_admin_subcommand(bot, fake, demo_store):
    cogs = dict(bot.cogs)
    digest = await demo_store.content_digest()
    for sub in SUBCOMMANDS:
        options = options_for(fake, sub)
        # Discord hides /admin from them; a client that sends it anyway is refused by the bot.
        handle = await fake.slash("admin", options, subcommand=sub, user_id=fake.user_id, validate=False)
        refused = await handle.final_message()
        assert ephemeral(refused), sub
        assert "not allowed" in visible_text(refused) and "Bot status" not in visible_text(refused), sub
        if sub == "import":
            assert options["file"].downloads == 0
    assert all(bot.cogs[name] is cog for name, cog in cogs.items())
    assert None not in fake.synced and await demo_store.content_digest() == digest


async def test_reload_keeps_every_command_working(bot, fake):
    message = await admin(fake, "reload")
    text = visible_text(message)
    assert "Reloaded" in text and "`cogs.petitions`" in text and "Failed" not in text
    assert bot.failed_extensions == {}
    again = await (await fake.slash("petition", {"number": "441-00155"})).final_message()
    assert "Garnett Genuis" in visible_text(again)
    status = await admin(fake, "status")
    assert "Bot status" in visible_text(status)


async def test_sync_publishes_globally_on_request(bot, fake):
    message = await admin(fake, "sync")
    assert "Published 13 commands" in visible_text(message)
    assert {c["name"] for c in fake.synced[None]} >= {"petition", "search", "admin", "about"}


async def test_refresh_says_it_is_off_when_refresh_minutes_is_zero(bot, fake):
    message = await admin(fake, "refresh")
    assert ephemeral(message) and "REFRESH_MINUTES=0" in visible_text(message)
    assert await bot.refresh_once() is None


async def test_refresh_loop_is_not_running_when_off(bot, fake):
    cog = bot.get_cog("Admin")
    assert cog is not None and not cog.refresh_loop.is_running()


class _Summary:
    def line(self) -> str:
        return "2 new, 1 changed"


async def test_refresh_loop_runs_after_ready_survives_a_failure_and_stops_with_the_cog(
    tmp_path, fake, demo_store, monkeypatch
):
    from bot.discord_bot import PetitionBot
    from bot.petitions import fetch
    from tests.conftest import make_settings
    from tests.fakes.discord import FastIdentifyMixin, running_bot

    calls: list[object] = []

    async def fake_refresh(store, settings, **kwargs):
        calls.append(kwargs.get("session"))
        if len(calls) in (1, 3):
            raise RuntimeError(f"site unreachable ({len(calls)})")
        return _Summary()

    monkeypatch.setattr(fetch, "refresh", fake_refresh)

    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    instance = TestBot(
        make_settings(tmp_path, fake, REFRESH_MINUTES=1), store=demo_store, guild_ready_timeout=0.05
    )
    async with running_bot(instance, fake, loggers=("bot", "cogs")) as running:
        await fake.wait_for(lambda: len(calls) == 1, 5, "the first scheduled refresh")
        assert calls[0] is running.http_session, "the refresh shares the bot's HTTP session"
        await fake.wait_for(
            lambda: fake.error_log.pop_matching("site unreachable (1)"), 5, "the logged failure"
        )
        cog = running.get_cog("Admin")
        assert cog.refresh_loop.is_running(), "one failed refresh must not stop the loop"
        # An admin's refresh goes through the same method; the second call fails and is reported with an id.
        done = await admin(fake, "refresh")
        assert "Refresh finished: 2 new, 1 changed" in visible_text(done)
        failed = await admin(fake, "refresh", locale="fr")
        assert "L’actualisation a échoué" in visible_text(failed)
        assert fake.error_log.pop_matching("site unreachable (3)")
        await running.unload_extension("cogs.admin")
        await fake.wait_for(lambda: not cog.refresh_loop.is_running(), 2, "the loop to stop with its cog")


# --- /admin status, every field -------------------------------------------------------------------


def petitions_channel(fake) -> int:
    return fake.guild.channels[1].id


async def table_response(store, number: str) -> None:
    """The government tables a response two days ago: what a refresh would write, journalled as news."""
    p = await store.get(number)
    answered = replace(
        p,
        status_id=223,
        response_tabled_on=date.today() - timedelta(days=2),
        response=Response(signer="Hon. Mélanie Joly", paragraphs=Bi(["Canada acts."], ["Le Canada agit."])),
    )
    await store.upsert([prepare(answered)])


async def test_status_shows_the_corpus_the_site_the_alerts_search_uptime_version_and_database(
    tmp_path, fake, demo_store
):
    from bot.discord_bot import PetitionBot
    from tests.conftest import make_settings
    from tests.fakes.discord import FastIdentifyMixin, running_bot
    from tests.site_server import SiteServer, fixtures_missing

    if reason := fixtures_missing():
        pytest.skip(reason)

    class TestBot(FastIdentifyMixin, PetitionBot):
        pass

    site = SiteServer()
    await site.start()
    site.fail("captcha", "SearchAsync")  # the refresh at start-up meets a captcha instead of the listing
    settings = make_settings(
        tmp_path,
        fake,
        REFRESH_MINUTES=60,
        BACKFILL=False,
        REQUEST_INTERVAL=0,
        PETITIONS_BASE_EN=site.base_en,
        PETITIONS_BASE_FR=site.base_fr,
    )
    try:
        instance = TestBot(settings, store=demo_store, guild_ready_timeout=0.05)
        async with running_bot(instance, fake, loggers=("bot", "cogs")) as running:
            await fake.wait_for(lambda: running.source_health.refreshed_at, 10, "the refresh at start-up")
            cog = running.get_cog("Alerts")
            await fake.wait_for(lambda: cog.cycles >= 1, what="the first alert cycle")
            # Two follows; the response is posted to neither: one channel's post fails for now (queued),
            # the other channel refuses the bot (that follow stops).
            for channel in (fake.channel_id, petitions_channel(fake)):
                await as_owner(fake, "follow", {"channel": channel})
            await table_response(demo_store, "e-6890")
            fake.fail(f"POST /channels/{fake.channel_id}/messages", 503)
            fake.fail(f"POST /channels/{petitions_channel(fake)}/messages", 403)
            report = await cog.run_cycle()
            assert (report.sent, report.retried, len(report.stopped)) == (0, 1, 1)

            text = visible_text(await admin(fake, "status"))

            count = await demo_store.count()
            assert f"{count} petitions ({count} demo" in text, "the corpus is the demo set still"
            assert "Failed <t:" in text and "refresh failed, store unchanged: stopped (captcha)" in text
            assert "Last error <t:" in text and "a reCAPTCHA page came back instead of the listing" in text
            assert "Captcha seen <t:" in text
            assert "1 active follows in 1 channels (1 stopped)" in text and "0 sent, 1 waiting" in text
            # These tests run with MEANING_SEARCH=false (tests/test_bot_meaning.py covers the other states).
            assert "Meaning search\noff (MEANING_SEARCH=false)" in text
            assert "up 0h 0m" in text
            assert f"Version {importlib.metadata.version('petitionbot')} · database " in text
            shown = re.search(r"database ([\d.]+) (bytes|KB|MB|GB)", text)
            factor = {"bytes": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9}[shown.group(2)]
            on_disk = database_size(demo_store.path)
            assert on_disk and abs(float(shown.group(1)) * factor - on_disk) <= on_disk * 0.05

            french = visible_text(await admin(fake, "status", locale="fr"))
            assert "Captcha rencontré <t:" in french and "désactivée (MEANING_SEARCH=false)" in french
            assert re.search(r"Version \S+ · base [\d,]+ (octets|ko|Mo|Go)", french)

            # The next refresh reaches the site: the result, and the corpus, follow.
            done = visible_text(await admin(fake, "refresh"))
            assert "Refresh finished: refresh:" in done
            text = visible_text(await admin(fake, "status"))
            count = await demo_store.count()
            assert count > 0 and f"{number_words(count, 'en')} petitions (0 demo" in text
            assert "Succeeded <t:" in text and "Failed <t:" not in text
            assert "Captcha seen <t:" in text, "a captcha seen earlier in this run stays on the screen"
    finally:
        await site.stop()


# --- /admin reload with work in flight -----------------------------------------------------------------


async def test_reload_keeps_a_live_paginator_turning_and_posts_the_alert_in_flight_once(
    bot, fake, demo_store
):
    alerts_cog = bot.get_cog("Alerts")
    await fake.wait_for(lambda: alerts_cog.cycles >= 1, what="the first alert cycle")
    results = await as_owner(fake, "search", {"from": "2000-01-01"})
    first_page = results["embeds"][0]["description"]
    nxt = next(b for b in buttons(results) if b["custom_id"].endswith(":next"))
    assert not nxt["disabled"], "the demo set takes two pages of results"
    channel = petitions_channel(fake)
    await as_owner(fake, "follow", {"channel": channel})
    await table_response(demo_store, "e-6890")
    # Discord takes its time with the alert: the reload starts while the post is in flight.
    slow = fake.hold("POST /channels/{id}/messages")
    cycle = asyncio.create_task(alerts_cog.run_cycle())
    await asyncio.wait_for(slow.entered.wait(), 5)

    reload = await fake.slash("admin", subcommand="reload", user_id=fake.owner_id)
    await fake.wait_for(lambda: reload.response is not None, what="the reload to defer")
    assert not cycle.done() and not reload.followup_ids, "the reload waits for the post in flight"
    slow.release()
    reloaded = visible_text(await reload.final_message(timeout=30))

    assert "Reloaded" in reloaded and "`cogs.alerts`" in reloaded and "Failed" not in reloaded
    assert (await cycle).sent == 1
    new_cog = bot.get_cog("Alerts")
    assert new_cog is not alerts_cog
    await fake.wait_for(lambda: new_cog.cycles >= 1, what="the reloaded cog's first cycle")
    assert (await new_cog.run_cycle()).sent == 0
    assert (
        len(fake.channel_messages(channel)) == 1
        and len(fake.requests_to("POST /channels/{id}/messages")) == 1
    )
    stats = await alert_stats(demo_store)
    assert (stats["sent"], stats["pending"]) == (1, 0)

    turned = await (await fake.click(results["id"], nxt["custom_id"], user_id=fake.owner_id)).final_message()
    assert turned["embeds"][0]["description"] != first_page
    assert [b["label"] for b in buttons(turned) if b["custom_id"].endswith(":n")] == ["2/2"]
