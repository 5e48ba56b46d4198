"""/about for everyone; /admin status, refresh, reload, sync and import for the people who run the bot.

The admin group is hidden from members without Manage Server (Discord applies
`default_permissions`) and each subcommand checks again at run time, because a
server can override what Discord hides. Reload, global sync and import change the
bot for every server, so they are for the bot's owners only. `@bot sync`, a mention
command for the owners, publishes the commands without needing one of them. This
cog also runs the periodic refresh from the petitions site.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot import render
from bot.discord_bot import NotOwner, PetitionBot, new_error_id
from bot.i18n import lang_of, number_words, t
from bot.petitions.alerts import alert_stats
from bot.petitions.backfill import history_status
from bot.petitions.health import database_size, package_version
from bot.petitions.ingest import IngestError, Limits, ingest_upload
from bot.translator import ls

T = TypeVar("T")

log = logging.getLogger(__name__)

IMPORT_MAX_SIZE = 25_000_000
"""The largest file `/admin import` downloads: 25 MB, about 5,000 petitions in a snapshot. The
bot holds the file in memory while it writes it to disk, and the import blocks other writes
while it runs; larger files go in with `petitionbot ingest`, which streams them."""


def owner_only() -> Callable[[T], T]:
    """A check that passes for the bot's owners (OWNER_IDS, else the application's owner or team)."""

    async def predicate(interaction: discord.Interaction) -> bool:
        client = interaction.client
        if isinstance(client, commands.Bot) and await client.is_owner(interaction.user):
            return True
        raise NotOwner()

    return app_commands.check(predicate)


def _uptime(since: datetime) -> str:
    seconds = int((datetime.now(UTC) - since).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"


class Admin(commands.Cog):
    """About the bot, and running it."""

    admin = app_commands.Group(
        name=ls("cmd.admin"),
        description=ls("cmd.admin.desc"),
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
        # `guild_only` sets the old `dm_permission`; `contexts` is what current clients read.
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False),
    )

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        minutes = self.bot.settings.refresh_minutes
        if self.bot.offline:
            return  # `petitionbot sync`: the bot never becomes ready, nothing runs in the background
        if minutes > 0:
            self.refresh_loop.change_interval(minutes=minutes)
            self.refresh_loop.start()
        else:
            log.info("periodic refresh off (REFRESH_MINUTES=0)")

    async def cog_unload(self) -> None:
        self.refresh_loop.cancel()

    @tasks.loop(minutes=60)
    async def refresh_loop(self) -> None:
        try:
            await self.bot.refresh_once()
        except Exception:  # one failed refresh must not end the loop; the next one may succeed
            log.exception("scheduled refresh failed")

    @refresh_loop.before_loop
    async def before_refresh(self) -> None:
        await self.bot.wait_until_ready()

    # --- /about ---------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.about"), description=ls("cmd.about.desc"))
    async def about(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        stats = await self.bot.store.stats()
        history = await history_status(self.bot.store)
        await interaction.response.send_message(embed=render.about_embed(stats, lang, history))

    # --- /admin ---------------------------------------------------------------------------

    @admin.command(name=ls("cmd.admin.status"), description=ls("cmd.admin.status.desc"))
    @app_commands.checks.has_permissions(manage_guild=True)
    async def status(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        stats = await self.bot.store.stats()
        alerts = await alert_stats(self.bot.store)
        latency = self.bot.latency
        embed = render.status_embed(
            stats,
            lang,
            guilds=len(self.bot.guilds),
            latency_ms=int(latency * 1000) if latency == latency and latency != float("inf") else -1,
            uptime=_uptime(self.bot.started_at),
            refresh_minutes=self.bot.settings.refresh_minutes,
            extensions=sorted(self.bot.extensions),
            failed=sorted(self.bot.failed_extensions),
            alerts=alerts,
            history=await history_status(self.bot.store),
            backfill_line=self.bot.backfill_line,
            version=package_version(),
            db_size=database_size(self.bot.store.path),
            source=self.bot.source_health,
            meaning_search=render.meaning_status_line(await self.bot.meaning.status(), lang)
            if self.bot.meaning is not None
            else None,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # Checks run from the innermost decorator out: Manage Server first, so that a member without it
    # hears "not allowed" from every /admin subcommand, and only a server manager learns of owners.
    @admin.command(name=ls("cmd.admin.reload"), description=ls("cmd.admin.reload.desc"))
    @owner_only()
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        await interaction.response.defer(ephemeral=True, thinking=True)
        ok, failed = await self.bot.reload_all_extensions()
        lines = [t("admin.reloaded", lang, ok=", ".join(f"`{name}`" for name in ok) or "—")]
        if failed:
            lines.append(t("admin.reload_failed", lang, failed=", ".join(f"`{name}`" for name in failed)))
        await interaction.followup.send(render.content("\n".join(lines)), ephemeral=True)

    @admin.command(name=ls("cmd.admin.sync"), description=ls("cmd.admin.sync.desc"))
    @owner_only()
    @app_commands.checks.has_permissions(manage_guild=True)
    async def sync(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.bot.publish_commands(guild_id=None, force=True)
        text = t("admin.synced", lang, count=result.count) if result.ok else result.line(lang)
        await interaction.followup.send(render.content(text), ephemeral=True)

    @admin.command(name=ls("cmd.admin.import"), description=ls("cmd.admin.import.desc"))
    @app_commands.rename(file=ls("opt.admin.file"))
    @app_commands.describe(file=ls("opt.admin.file.desc"))
    @owner_only()
    @app_commands.checks.has_permissions(manage_guild=True)
    async def import_file(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        """Store an export or snapshot as `petitionbot ingest` would: all of it or nothing, as history."""
        lang = lang_of(interaction.locale)
        name = render.safe(render.clip(file.filename, 100))
        if file.size > IMPORT_MAX_SIZE:  # refused before a byte is downloaded
            size, limit = render.size_text(file.size, lang), render.size_text(IMPORT_MAX_SIZE, lang)
            await interaction.response.send_message(
                t("admin.import_too_large", lang, filename=name, size=size, limit=limit), ephemeral=True
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            data = await file.read()
        except discord.HTTPException as exc:
            reason = render.safe(f"HTTP {exc.status}")
            await interaction.followup.send(
                t("admin.import_unreadable", lang, filename=name, reason=reason), ephemeral=True
            )
            return
        try:
            report = await ingest_upload(
                self.bot.store, data, file.filename, limits=Limits(max_size=IMPORT_MAX_SIZE)
            )
        except IngestError as exc:
            log.info("import by %s refused: %s", interaction.user.id, exc)
            text = t("admin.import_failed", lang, reason=render.safe(str(exc)))
            await interaction.followup.send(render.content(text), ephemeral=True)
            return
        r = report.result
        self.bot.embed_soon()  # vectors for what arrived, in the background
        log.info(
            "import by %s of %r: %d new, %d changed, %d unchanged",
            interaction.user.id,
            file.filename,
            len(r.new),
            len(r.changed),
            len(r.unchanged),
        )
        text = t(
            "admin.import_done",
            lang,
            filename=name,
            new=number_words(len(r.new), lang),
            changed=number_words(len(r.changed), lang),
            unchanged=number_words(len(r.unchanged), lang),
        )
        await interaction.followup.send(render.content(text), ephemeral=True)

    # --- @bot sync (owners; works before any slash command is published) --------------------

    @commands.command(name="sync")
    @commands.is_owner()
    async def sync_by_mention(self, ctx: commands.Context[PetitionBot], scope: str = "") -> None:
        """`@bot sync [global|guild|here]`: publish when changed; no argument means as on start."""
        lang = lang_of(ctx.guild.preferred_locale) if ctx.guild else "en"
        target: int | None
        match scope.lower():
            case "":  # as on start: the development guild when one is set, else every server
                target = self.bot.settings.dev_guild_id
            case "global":
                target = None
            case "guild":
                target = self.bot.settings.dev_guild_id
                if not target:
                    await ctx.reply(t("publish.no_dev_guild", lang), mention_author=False)
                    return
            case "here" if ctx.guild is not None:
                target = ctx.guild.id
            case _:
                await ctx.reply(t("publish.usage", lang), mention_author=False)
                return
        result = await self.bot.publish_commands(guild_id=target)
        await ctx.reply(render.content(result.line(lang)), mention_author=False)

    @admin.command(name=ls("cmd.admin.refresh"), description=ls("cmd.admin.refresh.desc"))
    @app_commands.checks.has_permissions(manage_guild=True)
    async def refresh(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        if self.bot.settings.refresh_minutes == 0:
            await interaction.response.send_message(t("admin.refresh_off", lang), ephemeral=True)
            return
        if self.bot.refresh_lock.locked():
            await interaction.response.send_message(t("admin.refresh_busy", lang), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            line = await self.bot.refresh_once()
        except Exception:
            error_id = new_error_id()
            log.exception("refresh %s asked by %s failed", error_id, interaction.user.id)
            await interaction.followup.send(
                t("admin.refresh_failed", lang, error_id=error_id), ephemeral=True
            )
            return
        await interaction.followup.send(
            render.content(t("admin.refresh_done", lang, summary=render.safe(line or "—"))), ephemeral=True
        )


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Admin(bot))
