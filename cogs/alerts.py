"""/follow, /unfollow and /following, and the loop that posts alerts in followed channels.

Glue only: the commands read their options and hand them to
`bot.petitions.alerts`; the loop runs `alerts.run_cycle` with a `post` function
that renders one alert and sends it, and translates what Discord answered into
an `alerts.Outcome` (sent, retry later, channel gone, refused). What to match,
when to retry and when to stop a follow are decided in `bot.petitions.alerts`.

Setting up alerts changes what the bot posts in a channel, so the commands are
hidden from members without Manage Channels (Discord applies
`default_permissions`) and each checks that permission again at run time.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot import autocompleters, render
from bot.discord_bot import PetitionBot, autocomplete_choices
from bot.i18n import lang_of
from bot.paginator import Paginator
from bot.petitions import alerts, validate
from bot.petitions.errors import UserFacingError
from bot.petitions.store import Store
from bot.render import Markup
from bot.translator import ls

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 20
"""Seconds a post in flight gets to finish when the bot stops (discord.py retries a 5xx for up to 25 s)."""

#: Seconds between alert cycles, unless the settings (ALERT_INTERVAL_SECONDS) or the constructor say otherwise.
DEFAULT_INTERVAL = 60.0

WHAT_CHOICES = [
    app_commands.Choice(name=ls("choice.alerts.responses"), value="responses"),
    app_commands.Choice(name=ls("choice.alerts.new"), value="new"),
    app_commands.Choice(name=ls("choice.alerts.all"), value="all"),
]


class Alerts(commands.Cog):
    """Channels that follow petitions."""

    def __init__(self, bot: PetitionBot, *, interval: float | None = None) -> None:
        self.bot = bot
        configured = getattr(bot.settings, "alert_interval_seconds", None)
        self.interval = float(interval or configured or DEFAULT_INTERVAL)
        self.cycles = 0  # finished cycles, for tests and status screens
        self.last_report: alerts.CycleReport | None = None
        self._cycle_lock = asyncio.Lock()

    @property
    def store(self) -> Store:
        return self.bot.store

    # --- the loop ---------------------------------------------------------------------------------

    async def cog_load(self) -> None:
        if self.bot.offline:
            return  # `petitionbot sync`: the bot never becomes ready, nothing runs in the background
        self.alert_loop.change_interval(seconds=self.interval)
        self.alert_loop.start()

    async def cog_unload(self) -> None:
        # On shutdown (bot.close() unloads every cog) or a reload, a cycle in flight finishes its post
        # and records it, within reason; a loop that is only waiting for its next cycle stops at once.
        if self._cycle_lock.locked():
            try:
                async with asyncio.timeout(SHUTDOWN_GRACE):
                    async with self._cycle_lock:
                        pass
            except TimeoutError:
                log.warning(
                    "alert cycle still running after %d s: stopped; what was not posted stays queued",
                    SHUTDOWN_GRACE,
                )
        self.alert_loop.cancel()

    @tasks.loop(seconds=DEFAULT_INTERVAL)
    async def alert_loop(self) -> None:
        try:
            await self.run_cycle()
        except alerts.StoreBusy as exc:  # a long refresh: not an error, the next cycle catches up
            log.warning("alert cycle skipped: %s", exc)
        except Exception:  # one failed cycle must not end the loop; what was not posted stays queued
            log.exception("alert cycle failed")

    @alert_loop.before_loop
    async def before_alerts(self) -> None:
        await self.bot.wait_until_ready()

    async def run_cycle(self) -> alerts.CycleReport:
        """One cycle: match new journal entries, post what is queued. Never two at once."""
        async with self._cycle_lock:
            try:
                report = await alerts.run_cycle(self.store, self._post)
            finally:
                self.cycles += 1
            self.last_report = report
            if report.sent or report.retried or report.failed or report.stopped:
                log.info(
                    "alerts: %d sent, %d to retry, %d refused, follows stopped: %s",
                    report.sent,
                    report.retried,
                    report.failed,
                    report.stopped or "none",
                )
            return report

    def _lang_for(self, sub: alerts.Subscription) -> str:
        """The server's language when Discord tells us (French for any French locale), else the follower's."""
        guild = self.bot.get_guild(sub.guild_id)
        if guild is not None and guild.preferred_locale is not None:
            return lang_of(guild.preferred_locale)
        return sub.lang

    async def _post(self, alert: alerts.Alert) -> alerts.Outcome:
        """Send one alert and say what Discord made of it."""
        sub = alert.subscription
        try:
            channel = self.bot.get_channel(sub.channel_id) or await self.bot.fetch_channel(sub.channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                return alerts.Outcome.gone("not_found", "not a text channel")
            embed = render.alert_embed(alert, self._lang_for(sub))
            message = await channel.send(
                embed=embed, nonce=alert.nonce, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.Forbidden as exc:
            return alerts.Outcome.gone("forbidden", exc.text or "Missing Access")
        except discord.NotFound as exc:
            return alerts.Outcome.gone("not_found", exc.text or "Unknown Channel")
        except discord.HTTPException as exc:
            if exc.status == 429 or exc.status >= 500:  # discord.py already retried; try next cycle
                return alerts.Outcome.retry(f"HTTP {exc.status}: {exc.text}")
            return alerts.Outcome.failed(f"HTTP {exc.status} ({exc.code}): {exc.text}")
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            return alerts.Outcome.retry(f"{type(exc).__name__}: {exc}")
        return alerts.Outcome.sent(message.id)

    # --- /follow ----------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.follow"), description=ls("cmd.follow.desc"))
    @app_commands.guild_only()
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    @app_commands.rename(
        what=ls("opt.alerts.what"),
        country=ls("opt.country"),
        number=ls("opt.number"),
        subject=ls("opt.subject"),
        channel=ls("opt.alerts.channel"),
    )
    @app_commands.describe(
        what=ls("opt.alerts.what.desc"),
        country=ls("opt.alerts.country.desc"),
        number=ls("opt.alerts.number.desc"),
        subject=ls("opt.alerts.subject.desc"),
        channel=ls("opt.alerts.channel.desc"),
    )
    @app_commands.choices(what=WHAT_CHOICES)
    @app_commands.autocomplete(
        country=autocompleters.countries,
        number=autocompleters.petition_numbers,
        subject=autocompleters.subjects,
    )
    async def follow(
        self,
        interaction: discord.Interaction,
        what: str | None = None,
        country: app_commands.Range[str, 1, 100] | None = None,
        number: app_commands.Range[str, 1, 300] | None = None,
        subject: app_commands.Range[str, 1, 100] | None = None,
        channel: discord.TextChannel | None = None,
    ) -> None:
        lang = lang_of(interaction.locale)
        events = validate.choice(what, "what", alerts.EVENTS) or "responses"
        target_channel = channel or interaction.channel
        guild = interaction.guild
        if guild is None or not isinstance(target_channel, discord.TextChannel | discord.Thread):
            raise UserFacingError("alerts.not_a_channel")
        if target_channel.guild.id != guild.id:
            raise UserFacingError("alerts.not_a_channel")
        me = guild.me
        if me is not None:
            perms = target_channel.permissions_for(me)
            can_send = (
                perms.send_messages_in_threads
                if isinstance(target_channel, discord.Thread)
                else perms.send_messages
            )
            if not (perms.view_channel and can_send and perms.embed_links):
                raise UserFacingError("alerts.bot_cannot_post", channel=Markup(target_channel.mention))
        target = await alerts.resolve_target(
            self.store, country=country, number=number, subject=subject, lang=lang
        )
        sub, status = await alerts.follow(
            self.store,
            guild_id=guild.id,
            channel_id=target_channel.id,
            target=target,
            events=events,
            created_by=interaction.user.id,
            lang=lang,
        )
        await interaction.response.send_message(render.follow_reply(sub, status, lang), ephemeral=True)

    # --- /unfollow --------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.unfollow"), description=ls("cmd.unfollow.desc"))
    @app_commands.guild_only()
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    @app_commands.rename(alert=ls("opt.alerts.alert"))
    @app_commands.describe(alert=ls("opt.alerts.alert.desc"))
    async def unfollow(
        self, interaction: discord.Interaction, alert: app_commands.Range[str, 1, 100]
    ) -> None:
        lang = lang_of(interaction.locale)
        alert_id = validate.alert_id(alert)
        if alert_id is None or interaction.guild_id is None:
            raise UserFacingError("alerts.unknown", value=validate.shown(alert))
        sub = await alerts.unfollow(self.store, interaction.guild_id, alert_id)
        await interaction.response.send_message(render.unfollow_reply(sub, lang), ephemeral=True)

    @unfollow.autocomplete("alert")
    async def unfollow_alert_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        lang = lang_of(interaction.locale)
        guild = interaction.guild
        current = validate.partial(current)

        async def provider() -> list[tuple[str, str]]:
            if guild is None:
                return []
            subs = await alerts.subscriptions(self.store, guild.id)
            names = {sub.channel_id: getattr(guild.get_channel(sub.channel_id), "name", "") for sub in subs}
            return render.subscription_choices(subs, current, lang, names)

        return await autocomplete_choices("alert", provider)

    # --- /following -------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.following"), description=ls("cmd.following.desc"))
    @app_commands.guild_only()
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    async def following(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        subs = await alerts.subscriptions(self.store, interaction.guild_id)
        pages = render.following_pages(subs, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction, ephemeral=True)


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Alerts(bot))
