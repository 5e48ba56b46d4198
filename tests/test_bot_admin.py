"""/admin: hidden from members, checked again at run time, owner-only where it affects every server."""

from __future__ import annotations

import discord
import pytest

from tests.fake_discord import FLAG_EPHEMERAL, visible_text


def ephemeral(message: dict) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


async def admin(fake, sub: str, **kwargs) -> dict:
    kwargs.setdefault("user_id", fake.owner_id)
    return await (await fake.slash("admin", subcommand=sub, **kwargs)).final_message()


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


async def test_reload_and_sync_are_for_bot_owners_only(bot, fake):
    moderator = fake.add_user("moderator")
    perms = (
        discord.Permissions(manage_guild=True).value
        | discord.Permissions(use_application_commands=True).value
    )
    for sub in ("reload", "sync"):
        refused = await admin(fake, sub, user_id=moderator, permissions=perms, locale="fr")
        assert ephemeral(refused) and "Seuls les propriétaires" in visible_text(refused)
    assert None not in fake.synced


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
    assert "Published 12 commands" in visible_text(message)
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
    from tests.fake_discord import FastIdentifyMixin, running_bot

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
