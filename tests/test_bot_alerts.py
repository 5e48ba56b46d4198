"""Alerts as a server meets them: /follow, a response tabled, one post in the followed channel, whatever Discord does.

Real discord.py against the fake Discord. Cycles are run by hand (`cog.run_cycle()`) once the loop's own first
cycle is over, so each test decides exactly when the bot looks at the journal; one test lets the loop do it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import discord
import pytest

from bot.petitions import alerts
from bot.petitions.ingest import prepare
from bot.petitions.model import Bi, Petition, Response
from bot.petitions.store import Store
from tests.fakes.discord import FLAG_EPHEMERAL, FakeDiscord, visible_text

RESPONSE_EN = [
    "The Government of Canada is deeply concerned about the detention of the petitioners' relatives.",
    "Canada has raised these cases with the authorities concerned at every level and will continue to do so.",
]
RESPONSE_FR = [
    "Le gouvernement du Canada est profondément préoccupé par la détention des proches des pétitionnaires.",
    "Le Canada a soulevé ces cas auprès des autorités concernées à tous les niveaux et continuera de le faire.",
]


def ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


def petitions_channel(fake: FakeDiscord) -> int:
    return fake.guild.channels[1].id


@pytest.fixture
async def cog(bot, fake):
    """The alerts cog, after the loop's first cycle (which runs at start-up and then sleeps a minute)."""
    found = bot.get_cog("Alerts")
    assert found is not None, bot.failed_extensions
    await fake.wait_for(lambda: found.cycles >= 1, what="the first alert cycle")
    return found


async def slash(fake: FakeDiscord, name: str, options: dict[str, Any] | None = None, **kwargs: Any) -> dict:
    kwargs.setdefault("user_id", fake.owner_id)
    return await (await fake.slash(name, options, **kwargs)).final_message()


async def table_response(store: Store, number: str) -> Petition:
    """The government tables its response (two days ago): the record a refresh would write."""
    p = await store.get(number)
    assert p is not None and not p.has_response
    await store.upsert(
        [
            prepare(
                replace(
                    p,
                    status_id=223,
                    response_tabled_on=date.today() - timedelta(days=2),
                    response=Response(signer="Hon. Mélanie Joly", paragraphs=Bi(RESPONSE_EN, RESPONSE_FR)),
                )
            )
        ],
    )
    stored = await store.get(number)
    assert stored is not None and stored.summary.en and stored.summary.fr
    return stored


def posts_to(fake: FakeDiscord, channel_id: int) -> list[Any]:
    return [
        r
        for r in fake.requests_to("POST /channels/{id}/messages")
        if r.path == f"/channels/{channel_id}/messages"
    ]


# --- following ----------------------------------------------------------------------------------------


async def test_a_followed_response_is_posted_once_with_number_subject_summary_and_link(
    bot, fake, cog, demo_store
):
    channel = petitions_channel(fake)
    reply = await slash(fake, "follow", {"channel": channel})
    assert ephemeral(reply)
    assert visible_text(reply) == (
        f"From now on, <#{channel}> gets government responses for every petition. "
        "(Alert #1; /unfollow stops it.)"
    )
    petition = await table_response(demo_store, "e-6890")

    report = await cog.run_cycle()

    assert report.sent == 1
    [message] = fake.channel_messages(channel)
    text = visible_text(message)
    embed = message["embeds"][0]
    assert embed["title"] == "Government response: e-6890 — Foreign affairs"
    assert petition.summary.en in text
    assert embed["url"] == "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-6890"
    assert "Hon. Mélanie Joly" in text and "demo data" in text and "Alert #1" in text
    assert fake.channel_messages(fake.channel_id) == [], "only the followed channel hears of it"
    [request] = posts_to(fake, channel)
    change_id = (await demo_store.changes_since(13))[0].id
    assert request.json["nonce"] == f"pa1.{change_id}" and request.json["enforce_nonce"] is True
    assert request.json["allowed_mentions"] == {"parse": []}

    again = await cog.run_cycle()

    assert again.sent == 0 and len(fake.channel_messages(channel)) == 1 and len(posts_to(fake, channel)) == 1


async def test_follow_in_french_and_a_french_server_gets_french_posts(bot, fake, cog, demo_store):
    channel = petitions_channel(fake)
    reply = await slash(fake, "follow", {"channel": channel, "country": "CN", "what": "all"}, locale="fr")
    assert visible_text(reply) == (
        f"Désormais, <#{channel}> recevra les nouvelles pétitions, les changements de statut et les réponses "
        "du gouvernement pour les pétitions sur : Chine. (Alerte n° 1; /ne-plus-suivre l’arrête.)"
    )
    [sub] = await alerts.subscriptions(demo_store, fake.guild_id)
    assert (sub.filter, sub.value, sub.events, sub.lang, sub.created_by) == (
        "country",
        "CN",
        "all",
        "fr",
        fake.owner_id,
    )
    fake.guild.locale = "fr"
    await fake.dispatch("GUILD_UPDATE", fake.guild_payload(fake.guild))
    await fake.wait_for(lambda: bot.get_guild(fake.guild_id).preferred_locale == discord.Locale.french)
    petition = await table_response(demo_store, "e-6890")

    await cog.run_cycle()

    [message] = fake.channel_messages(channel)
    text = visible_text(message)
    assert message["embeds"][0]["title"] == "Réponse du gouvernement : e-6890 — Affaires étrangères"
    assert petition.summary.fr in text and "données de démonstration" in text
    assert "noscommunes.ca/petitions/fr" in message["embeds"][0]["url"]


async def test_a_country_follow_posts_only_petitions_about_that_country(bot, fake, cog, demo_store):
    choices = await fake.autocomplete("follow", {"country": "Chin"}, focused="country", user_id=fake.owner_id)
    await choices.wait_response()
    assert {"name": "China", "value": "CN"} in choices.choices
    await slash(fake, "follow", {"country": "CN"})  # in the channel it was run in
    await table_response(demo_store, "e-5318")  # Ethiopia
    await table_response(demo_store, "e-6890")  # China

    await cog.run_cycle()

    [message] = fake.channel_messages(fake.channel_id)
    assert "e-6890" in message["embeds"][0]["title"]
    assert "e-5318" not in visible_text(message)


async def test_a_member_without_manage_channels_cannot_set_up_alerts(bot, fake, cog, demo_store):
    for name in ("follow", "unfollow", "following"):
        synced = fake.synced_command(name)
        assert int(synced["default_member_permissions"]) == discord.Permissions(manage_channels=True).value
        assert synced["contexts"] == [0]
    with pytest.raises(LookupError, match="hidden"):
        await fake.slash("follow")
    # A server may hand the command to a role without the permission: the bot checks again.
    refused = await slash(fake, "follow", user_id=fake.user_id, validate=False)
    assert ephemeral(refused) and "not allowed" in visible_text(refused)
    refused_fr = await slash(fake, "following", user_id=fake.user_id, validate=False, locale="fr")
    assert "pas la permission" in visible_text(refused_fr)
    assert await alerts.subscriptions(demo_store, fake.guild_id) == []


async def test_a_moderator_with_manage_channels_follows_and_unfollows(bot, fake, cog, demo_store):
    moderator = fake.add_user("moderator")
    perms = discord.Permissions(manage_channels=True, use_application_commands=True, view_channel=True)
    first = await slash(fake, "follow", {"number": "e-6890"}, user_id=moderator, permissions=perms)
    assert "petition e-6890" in visible_text(first)
    second = await slash(
        fake, "follow", {"subject": "Environment", "what": "new"}, user_id=moderator, permissions=perms
    )
    assert "new petitions and government responses for petitions on “Environment”" in visible_text(second)
    same = await slash(fake, "follow", {"number": "e-6890"}, user_id=moderator, permissions=perms)
    assert "already gets" in visible_text(same)

    handle = await fake.autocomplete("unfollow", {"alert": "e-68"}, focused="alert", user_id=fake.owner_id)
    await handle.wait_response()
    assert [c["value"] for c in handle.choices] == ["1"]
    assert handle.choices[0]["name"].startswith("#1 · #general · government responses · petition e-6890")
    gone = await slash(fake, "unfollow", {"alert": "1"}, user_id=moderator, permissions=perms)
    assert "Alert #1 removed" in visible_text(gone)
    listing = visible_text(await slash(fake, "following"))
    assert "#2" in listing and "e-6890" not in listing
    unknown = await slash(fake, "unfollow", {"alert": "#1"})
    assert ephemeral(unknown) and "no alert “1”" in visible_text(unknown)


async def test_a_typo_in_a_subject_is_refused_with_the_close_subjects(bot, fake, cog):
    reply = await slash(fake, "follow", {"subject": "Enviroment"})
    text = visible_text(reply)
    assert ephemeral(reply) and "“Enviroment”" in text and "`Environment`" in text


# --- when Discord misbehaves ----------------------------------------------------------------------------


async def test_a_rate_limited_post_is_retried_by_discord_py_and_posted_once(bot, fake, cog, demo_store):
    await slash(fake, "follow")
    await table_response(demo_store, "e-6890")
    fake.fail("POST /channels/{id}/messages", 429, retry_after=0.05)

    report = await cog.run_cycle()

    assert report.sent == 1
    assert [r.status for r in posts_to(fake, fake.channel_id)] == [429, 200]
    assert len(fake.channel_messages(fake.channel_id)) == 1


async def test_an_outage_leaves_the_alert_queued_and_the_next_cycle_posts_it_once(bot, fake, cog, demo_store):
    await slash(fake, "follow")
    await table_response(demo_store, "e-6890")
    fake.fail("POST /channels/{id}/messages", 503)

    first = await cog.run_cycle()

    assert (first.sent, first.retried) == (0, 1) and fake.channel_messages(fake.channel_id) == []
    assert (await alerts.alert_stats(demo_store))["pending"] == 1

    second = await cog.run_cycle()
    third = await cog.run_cycle()

    assert (second.sent, third.sent) == (1, 0)
    requests = posts_to(fake, fake.channel_id)
    assert [r.status for r in requests] == [503, 200]
    assert requests[0].json["nonce"] == requests[1].json["nonce"]
    assert len(fake.channel_messages(fake.channel_id)) == 1 and fake.nonce_hits == 0


async def test_a_post_whose_success_was_not_recorded_is_deduplicated_by_its_nonce(
    bot, fake, cog, demo_store, monkeypatch
):
    await slash(fake, "follow")
    await table_response(demo_store, "e-6890")
    real_record = alerts.record
    crashes = []

    async def crash_once(store, alert, outcome, **kwargs):
        if outcome.status == "sent" and not crashes:
            crashes.append(alert)
            raise RuntimeError("the process died before writing it down")
        return await real_record(store, alert, outcome, **kwargs)

    monkeypatch.setattr("bot.petitions.alerts._cycle.record", crash_once)  # where run_cycle calls it
    with pytest.raises(RuntimeError):
        await cog.run_cycle()
    assert len(fake.channel_messages(fake.channel_id)) == 1

    report = await cog.run_cycle()

    assert report.sent == 1 and fake.nonce_hits == 1, "Discord answered the repeat with the first message"
    assert len(fake.channel_messages(fake.channel_id)) == 1
    assert (await cog.run_cycle()).sent == 0


async def test_a_channel_the_bot_may_not_post_in_stops_the_alert_and_following_says_why(
    bot, fake, cog, demo_store
):
    channel = petitions_channel(fake)
    await slash(fake, "follow", {"channel": channel})
    await table_response(demo_store, "e-6890")
    fake.fail("POST /channels/{id}/messages", 403)

    report = await cog.run_cycle()

    assert report.stopped == [1] and fake.channel_messages(channel) == []
    await table_response(demo_store, "e-5318")
    assert (await cog.run_cycle()).sent == 0 and len(posts_to(fake, channel)) == 1, "no more tries"
    listing = await slash(fake, "following")
    text = visible_text(listing)
    assert ephemeral(listing)
    assert f"`#1` <#{channel}>" in text and "stopped on" in text
    assert "the bot is not allowed to post in that channel (Missing Permissions)" in text
    assert "run /follow again" in text
    french = visible_text(await slash(fake, "following", locale="fr"))
    assert "arrêtée le" in french and "le robot n’a pas le droit de publier dans ce salon" in french

    resumed = await slash(fake, "follow", {"channel": channel})
    assert "Alert #1 runs again" in visible_text(resumed)
    await table_response(demo_store, "e-7741")
    assert (await cog.run_cycle()).sent == 1
    assert "e-7741" in fake.channel_messages(channel)[0]["embeds"][0]["title"]


async def test_a_deleted_channel_stops_its_alert(bot, fake, cog, demo_store):
    doomed = fake.add_channel("doomed")
    await fake.dispatch("CHANNEL_CREATE", fake.channel(doomed).payload(fake))
    await fake.wait_for(lambda: bot.get_channel(doomed) is not None)
    await slash(fake, "follow", {"channel": doomed})
    gone = fake.channel(doomed)
    fake.guild.channels.remove(gone)
    await fake.dispatch("CHANNEL_DELETE", gone.payload(fake))
    await fake.wait_for(lambda: bot.get_channel(doomed) is None)
    await table_response(demo_store, "e-6890")

    report = await cog.run_cycle()

    assert report.stopped == [1]
    [sub] = await alerts.subscriptions(demo_store, fake.guild_id)
    assert sub.inactive_reason == "not_found"
    assert "the channel is gone" in visible_text(await slash(fake, "following"))


async def test_the_loop_posts_by_itself(bot, fake, cog, demo_store):
    await slash(fake, "follow")
    await table_response(demo_store, "e-6890")
    cog.alert_loop.change_interval(seconds=0.05)
    try:
        [message] = await fake.wait_channel_messages(1, channel_id=fake.channel_id)
    finally:
        cog.alert_loop.change_interval(seconds=60)
    assert "e-6890" in message["embeds"][0]["title"]
    assert cog.alert_loop.is_running()


async def test_alert_commands_are_localized_in_french_and_within_discord_limits(bot, fake):
    from tests.fakes.discord import check_commands

    synced = [fake.synced_command(name) for name in ("follow", "unfollow", "following")]
    assert check_commands(synced) == []
    assert [c["name_localizations"]["fr"] for c in synced] == ["suivre", "ne-plus-suivre", "suivis"]
    for command in synced:
        assert command["description_localizations"]["fr"] != command["description"]
        for option in command.get("options") or []:
            assert option["name_localizations"].get("fr") and option["description_localizations"].get("fr")
            for choice in option.get("choices") or []:
                assert choice["name_localizations"].get("fr"), choice
    follow = {o["name"]: o for o in synced[0]["options"]}
    assert {name: o["name_localizations"]["fr"] for name, o in follow.items()} == {
        "what": "quoi",
        "country": "pays",
        "number": "numero",
        "subject": "sujet",
        "channel": "salon",
    }
    assert [c["value"] for c in follow["what"]["choices"]] == ["responses", "new", "all"]
    assert follow["channel"]["type"] == 7 and set(follow["channel"]["channel_types"]) == {0, 5}
    assert all(follow[name]["autocomplete"] for name in ("country", "number", "subject"))


async def test_following_pages_a_long_list_for_the_person_who_asked(bot, fake, cog, demo_store):
    from tests.fakes.discord import buttons

    for number in await demo_store.numbers():
        target = alerts.Target("number", number, number)
        await alerts.follow(
            demo_store, guild_id=fake.guild_id, channel_id=fake.channel_id, target=target, created_by=1
        )
    message = await slash(fake, "following")
    text = visible_text(message)
    assert ephemeral(message) and "Page 1 of 2" in text and text.count("running since") == 10
    forward = next(b for b in buttons(message) if b["custom_id"].endswith(":next"))
    turned = await (
        await fake.click(message["id"], forward["custom_id"], user_id=fake.owner_id)
    ).final_message()
    assert "Page 2 of 2" in visible_text(turned) and visible_text(turned).count("running since") == 3


async def test_following_a_channel_the_bot_cannot_post_in_is_refused_up_front(bot, fake, cog, demo_store):
    for name in ("@everyone", "Bot"):
        role = fake.guild.role_named(name)
        role.permissions &= ~discord.Permissions(embed_links=True).value
        await fake.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(fake.guild_id), "role": role.payload()})
    await fake.wait_for(lambda: not bot.get_guild(fake.guild_id).me.guild_permissions.embed_links)
    channel = petitions_channel(fake)
    reply = await slash(fake, "follow", {"channel": channel})
    assert ephemeral(reply)
    assert visible_text(reply) == (
        f"I cannot post in <#{channel}>: give me Send Messages and Embed Links there, then try again."
    )
    assert await alerts.subscriptions(demo_store, fake.guild_id) == []
