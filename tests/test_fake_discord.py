"""Smoke tests of the fake Discord harness itself, driven through a tiny throwaway bot defined here.

They prove that an unmodified discord.py bot logs in, syncs, answers slash commands, autocomplete and buttons,
defers and follows up, survives a 429 on a channel post, and that limit violations and ERROR logs are caught.
If one of these fails after a discord.py upgrade, the end-to-end tests of the real bot cannot be trusted.
"""

from __future__ import annotations

import asyncio
import io
import logging

import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from tests.fakes.discord import (
    ErrorLogCapture,
    FakeDiscord,
    FastIdentifyMixin,
    buttons,
    check_autocomplete,
    check_commands,
    check_message,
    fake_discord_server,
    running_bot,
    visible_text,
)

FRUITS = ["apple", "apricot", "banana", "blueberry", "cherry"]


class PingView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.presses: list[int] = []

    @discord.ui.button(label="Again", custom_id="ping:again", style=discord.ButtonStyle.primary)
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button[PingView]) -> None:
        self.presses.append(interaction.user.id)
        await interaction.response.send_message(f"Pressed by {interaction.user.name}", ephemeral=True)


class TinyBot(FastIdentifyMixin, commands.Bot):
    """Just enough bot to exercise each harness path; not our real bot."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            help_command=None,
        )
        self.guild_id = guild_id
        self.views: list[PingView] = []

    async def setup_hook(self) -> None:
        guild = discord.Object(self.guild_id)
        bot = self

        @app_commands.command(description="Check the bot answers")
        async def ping(interaction: discord.Interaction) -> None:
            view = PingView()
            bot.views.append(view)
            embed = discord.Embed(title="Pong", description=f"locale {interaction.locale.value}")
            await interaction.response.send_message(embed=embed, view=view)

        @app_commands.command(description="Pick a fruit")
        @app_commands.describe(name="Fruit name")
        async def fruit(interaction: discord.Interaction, name: str) -> None:
            await interaction.response.send_message(f"You picked {name}")

        @fruit.autocomplete("name")
        async def fruit_autocomplete(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=f, value=f) for f in FRUITS if f.startswith(current)]

        @app_commands.command(description="Answer late")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("Done at last")

        @app_commands.command(description="Post to the channel")
        @app_commands.describe(text="What to post")
        async def announce(interaction: discord.Interaction, text: str) -> None:
            assert isinstance(interaction.channel, discord.TextChannel)
            await interaction.channel.send(text, nonce=f"ann-{len(text)}")
            await interaction.response.send_message("Posted", ephemeral=True)

        @app_commands.command(description="Reply with an oversized embed")
        async def huge(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 5000))

        @app_commands.command(description="Always fails")
        async def boom(interaction: discord.Interaction) -> None:
            raise RuntimeError("boom goes the command")

        alerts = app_commands.Group(name="alerts", description="Manage alerts")

        @alerts.command(name="add", description="Watch a petition for someone")
        @app_commands.describe(who="Member to notify", count="How many", kind="What to watch")
        @app_commands.choices(kind=[app_commands.Choice(name="New", value="new")])
        async def alerts_add(
            interaction: discord.Interaction,
            who: discord.Member,
            count: app_commands.Range[int, 1, 5],
            kind: str = "new",
        ) -> None:
            await interaction.response.send_message(f"{who.name} x{count} {kind}")

        @app_commands.command(description="Choose with a menu")
        async def pick(interaction: discord.Interaction) -> None:
            view = discord.ui.View()
            menu: discord.ui.Select[discord.ui.View] = discord.ui.Select(
                custom_id="pick:menu", options=[discord.SelectOption(label=f, value=f) for f in FRUITS]
            )

            async def chosen(menu_interaction: discord.Interaction) -> None:
                await menu_interaction.response.edit_message(content=f"Chose {menu.values[0]}", view=None)

            menu.callback = chosen
            view.add_item(menu)
            await interaction.response.send_message("Choose", view=view)

        @app_commands.command(description="Fill a form")
        async def form(interaction: discord.Interaction) -> None:
            modal = discord.ui.Modal(title="Feedback", custom_id="form:modal")
            field = discord.ui.TextInput(label="Comment", custom_id="form:comment")
            modal.add_item(field)

            async def submitted(modal_interaction: discord.Interaction) -> None:
                await modal_interaction.response.send_message(f"Thanks: {field.value}")

            modal.on_submit = submitted  # type: ignore[method-assign]
            await interaction.response.send_modal(modal)

        @app_commands.command(description="Send a file, then edit the reply")
        async def chart(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Drawing", file=discord.File(io.BytesIO(b"PNG"), "c.png"))
            await interaction.edit_original_response(content="Drawn")

        @app_commands.command(description="Message someone")
        async def tell(interaction: discord.Interaction, who: discord.User) -> None:
            await interaction.response.defer(ephemeral=True)
            try:
                await who.send("Hello from the bot")
            except discord.Forbidden:
                await interaction.edit_original_response(content="Their DMs are closed")
            else:
                await interaction.edit_original_response(content="Sent")

        for command in (ping, fruit, slow, announce, huge, boom, alerts, pick, form, chart, tell):
            self.tree.add_command(command, guild=guild)
        await self.tree.sync(guild=guild)


@pytest.fixture
async def fake() -> FakeDiscord:
    async with fake_discord_server() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeDiscord) -> TinyBot:
    async with running_bot(lambda: TinyBot(fake.guild_id), fake) as running:
        yield running


def test_discord_py_hook_attributes_still_exist() -> None:
    # The whole harness relies on these two public class attributes (discord.py 2.7.1).
    assert discord.http.Route.BASE.startswith("https://discord.com/api/v")
    assert isinstance(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY, yarl.URL)


async def test_login_syncs_guild_commands_and_restores_hooks(fake: FakeDiscord) -> None:
    saved = discord.http.Route.BASE
    async with running_bot(lambda: TinyBot(fake.guild_id), fake) as bot:
        assert bot.user is not None and bot.user.id == fake.app_id
        assert bot.get_guild(fake.guild_id) is not None
        assert fake.api_base == discord.http.Route.BASE
    assert saved == discord.http.Route.BASE
    assert fake.identify is not None and fake.identify["token"] == fake.token
    names = {command["name"] for command in fake.synced[fake.guild_id]}
    assert names == {
        "ping",
        "fruit",
        "slow",
        "announce",
        "huge",
        "boom",
        "alerts",
        "pick",
        "form",
        "chart",
        "tell",
    }
    assert all(command["application_id"] == str(fake.app_id) for command in fake.synced[fake.guild_id])


async def test_slash_reply_is_captured(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.slash("ping", locale="fr")
    response = await handle.wait_response()
    assert response.type == 4
    message = await handle.final_message()
    assert message["embeds"][0]["title"] == "Pong"
    assert "locale fr" in visible_text(message)
    assert [b["custom_id"] for b in buttons(message)] == ["ping:again"]


async def test_button_click_reaches_the_view(fake: FakeDiscord, bot: TinyBot) -> None:
    reply = await (await fake.slash("ping")).final_message()
    click = await fake.click(reply["id"], "ping:again", user_id=fake.other_user_id)
    answer = await click.final_message()
    assert answer["content"] == "Pressed by bob"
    assert answer["flags"] & 64
    assert bot.views[0].presses == [fake.other_user_id]
    with pytest.raises(LookupError):
        await fake.click(reply["id"], "no-such-button")


async def test_a_click_waits_for_a_view_the_bot_registers_late(
    fake: FakeDiscord, bot: TinyBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a busy machine the bot may read the click before the response that makes it store the view.
    views = bot._connection._view_store
    add_view = views.add_view
    late = asyncio.get_running_loop()
    monkeypatch.setattr(views, "add_view", lambda view, mid=None: late.call_later(0.3, add_view, view, mid))
    reply = await (await fake.slash("ping")).final_message()
    click = await fake.click(reply["id"], "ping:again", user_id=fake.other_user_id)
    assert (await click.final_message())["content"] == "Pressed by bob"


async def test_autocomplete_choices(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.autocomplete("fruit", {"name": "ap"}, focused="name")
    await handle.wait_response()
    assert [choice["value"] for choice in handle.choices] == ["apple", "apricot"]


async def test_deferral_then_followup(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.slash("slow")
    assert (await handle.wait_response()).type == 5
    followups = await fake.wait_followups(handle.token, 1)
    assert followups[0]["content"] == "Done at last"
    assert (await handle.final_message())["content"] == "Done at last"


async def test_rate_limited_channel_post_is_retried(fake: FakeDiscord, bot: TinyBot) -> None:
    fake.fail("POST /channels/{id}/messages", 429, retry_after=0.05)
    handle = await fake.slash("announce", {"text": "Hello"})
    posted = await fake.wait_channel_messages(1, channel_id=fake.channel_id)
    assert posted[0]["content"] == "Hello"
    attempts = fake.requests_to("POST /channels/{id}/messages")
    assert [r.status for r in attempts] == [429, 200]
    assert attempts[1].json["enforce_nonce"] is True
    assert (await handle.final_message())["content"] == "Posted"


async def test_repeated_nonce_returns_the_earlier_message(fake: FakeDiscord, bot: TinyBot) -> None:
    for _ in range(2):
        await (await fake.slash("announce", {"text": "Same"})).wait_response()
    await fake.wait_for(lambda: fake.nonce_hits == 1, what="the duplicate post")
    assert [m["content"] for m in fake.channel_messages()] == ["Same"]


async def test_oversized_embed_is_recorded_as_violation(fake: FakeDiscord, bot: TinyBot) -> None:
    await (await fake.slash("huge")).wait_response()
    assert any("description has 5000 chars" in v for v in fake.violations)
    with pytest.raises(AssertionError, match="violation"):
        fake.assert_clean()
    fake.violations.clear()  # claimed: otherwise the fixture fails this test at teardown


async def test_command_error_log_is_captured(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.slash("boom")
    assert fake.error_log is not None
    await fake.wait_for(lambda: bool(fake.error_log.records), what="the error log")
    assert handle.response is None  # the bot never answered: the user sees "did not respond"
    assert len(fake.error_log.pop_matching("boom goes the command")) == 1


async def test_slash_refuses_what_discord_would_not_send(fake: FakeDiscord, bot: TinyBot) -> None:
    with pytest.raises(LookupError):
        await fake.slash("never-synced")
    with pytest.raises(ValueError, match="required"):
        await fake.slash("fruit")
    with pytest.raises(ValueError, match="unknown option"):
        await fake.slash("fruit", {"name": "kiwi", "colour": "green"})


async def test_wrong_token_fails_login(fake: FakeDiscord) -> None:
    with pytest.raises(discord.LoginFailure):
        async with running_bot(lambda: TinyBot(fake.guild_id), fake, token="another-token"):
            pass
    assert fake.requests[-1].status == 401
    assert discord.http.Route.BASE.startswith("https://")


def test_unclaimed_error_log_fails() -> None:
    capture = ErrorLogCapture(["tests.harness-demo"]).install()
    try:
        logging.getLogger("tests.harness-demo").error("something broke")
    finally:
        capture.uninstall()
    with pytest.raises(AssertionError, match="something broke"):
        capture.assert_clean()


def test_check_message_flags_long_description_and_total() -> None:
    assert check_message({"embeds": [{"description": "d" * 4096}]}) == []
    problems = check_message({"embeds": [{"description": "d" * 4097}]})
    assert problems == ["message: embed[0]: description has 4097 chars (max 4096)"]
    two = {"embeds": [{"description": "d" * 3500}, {"description": "d" * 3500}]}
    assert any("total 7000" in p for p in check_message(two))
    assert any("empty message" in p for p in check_message({"content": ""}))
    assert check_message({"content": ""}, new=False) == []


def test_check_message_components_and_mentions() -> None:
    row = {"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": "same"}] * 2}
    problems = check_message(
        {"content": "hi", "components": [row], "allowed_mentions": {"parse": ["users"], "users": ["1"]}}
    )
    assert any("duplicate custom_id" in p for p in problems)
    assert any("parse 'users' together" in p for p in problems)


def test_check_autocomplete_limits() -> None:
    assert check_autocomplete([{"name": "a", "value": "a"}]) == []
    assert any("26 choices" in p for p in check_autocomplete([{"name": "a", "value": "a"}] * 26))
    assert any("name" in p for p in check_autocomplete([{"name": "", "value": "a"}]))


def test_check_commands_limits() -> None:
    good = {"name": "pétition", "type": 1, "description": "Find a petition", "options": []}
    assert check_commands([good]) == []
    bad = {
        "name": "Petition",
        "type": 1,
        "description": "x" * 101,
        "name_localizations": {"fr": "pétition ok"},
        "options": [
            {
                "type": 3,
                "name": "q",
                "description": "query",
                "autocomplete": True,
                "choices": [{"name": "a", "value": "a"}],
            }
        ],
    }
    problems = "\n".join(check_commands([bad]))
    assert "not lower case" in problems
    assert "description has 101 chars" in problems
    assert "[fr]" in problems  # a space is not allowed in a localized name either
    assert "choices and autocomplete together" in problems
    long_localized = dict(
        good,
        description_localizations={"fr": "y" * 100},
        options=[
            {
                "type": 3,
                "name": f"o{i}",
                "description": "d" * 100,
                "choices": [{"name": "n" * 100, "value": "v" * 100} for _ in range(25)],
            }
            for i in range(2)
        ],
    )
    assert any("max 8000" in p for p in check_commands([long_localized]))


async def test_subcommand_with_member_and_range_options(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.slash("alerts", {"who": fake.other_user_id, "count": 2}, subcommand="add")
    assert (await handle.final_message())["content"] == "bob x2 new"
    with pytest.raises(ValueError, match="above max_value"):
        await fake.slash("alerts", {"who": fake.other_user_id, "count": 9}, subcommand="add")
    with pytest.raises(ValueError, match="choices"):
        await fake.slash("alerts", {"who": fake.other_user_id, "count": 1, "kind": "old"}, subcommand="add")


async def test_select_updates_the_message(fake: FakeDiscord, bot: TinyBot) -> None:
    menu_message = await (await fake.slash("pick")).final_message()
    choice = await fake.select(menu_message["id"], "pick:menu", ["cherry"])
    assert (await choice.wait_response()).type == 7
    assert fake.messages[int(menu_message["id"])]["content"] == "Chose cherry"
    assert fake.messages[int(menu_message["id"])]["components"] == []


async def test_modal_round_trip(fake: FakeDiscord, bot: TinyBot) -> None:
    opened = await fake.slash("form")
    assert (await opened.wait_response()).type == 9
    submitted = await fake.submit_modal(opened, {"form:comment": "Great"})
    assert (await submitted.final_message())["content"] == "Thanks: Great"


async def test_file_upload_and_original_edit(fake: FakeDiscord, bot: TinyBot) -> None:
    handle = await fake.slash("chart")
    await fake.wait_for(lambda: bool(handle.edits), what="the edit")
    assert handle.response is not None and handle.response.request.files[0].data == b"PNG"
    message = handle.original
    assert message is not None and message["content"] == "Drawn"
    assert message["attachments"][0]["filename"] == "c.png"


async def test_dm_and_injected_403(fake: FakeDiscord, bot: TinyBot) -> None:
    sent = await fake.slash("tell", {"who": fake.other_user_id})
    assert (await sent.final_message())["content"] == "Sent"
    assert fake.channel_messages()[-1]["content"] == "Hello from the bot"
    fake.fail("POST /channels/*/messages", 403, code=50007, message="Cannot send messages to this user")
    refused = await fake.slash("tell", {"who": fake.other_user_id})
    final = await refused.final_message()
    assert final["content"] == "Their DMs are closed"
    assert final["flags"] & 64


async def test_gateway_resume(fake: FakeDiscord, bot: TinyBot) -> None:
    await fake.request_reconnect()
    assert fake.gateway_paths == ["/gw", "/gw/resume"]
    assert (await (await fake.slash("ping")).wait_response()).type == 4


async def test_unknown_route_is_recorded_as_404(fake: FakeDiscord, bot: TinyBot) -> None:
    with pytest.raises(discord.NotFound):
        await bot.fetch_invite("nope")
    assert [r.path for r in fake.unhandled] == ["/invites/nope"]
