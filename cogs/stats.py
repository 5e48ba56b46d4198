"""/stats: a chart of petitions per year and signatures by province, with the same figures in words.

The chart is drawn with matplotlib's Agg backend in a worker thread (drawing
takes long enough to block every other interaction). The embed repeats every
figure as text, for screen readers and for anyone who cannot see the picture.
"""

from __future__ import annotations

import asyncio
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import autocompleters, render
from bot.discord_bot import PetitionBot
from bot.i18n import lang_of, t
from bot.petitions import answers, validate
from bot.petitions.errors import UserFacingError
from bot.translator import ls

log = logging.getLogger(__name__)


class Stats(commands.Cog):
    """Petition statistics for one country, subject or sponsor."""

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot

    @app_commands.command(name=ls("cmd.stats"), description=ls("cmd.stats.desc"))
    @app_commands.rename(country=ls("opt.country"), subject=ls("opt.subject"), sponsor=ls("opt.sponsor"))
    @app_commands.describe(
        country=ls("opt.country.desc"), subject=ls("opt.subject.desc"), sponsor=ls("opt.sponsor.desc")
    )
    @app_commands.autocomplete(
        country=autocompleters.countries, subject=autocompleters.subjects, sponsor=autocompleters.sponsors
    )
    async def stats(
        self,
        interaction: discord.Interaction,
        country: app_commands.Range[str, 1, 100] | None = None,
        subject: app_commands.Range[str, 1, 100] | None = None,
        sponsor: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        lang = lang_of(interaction.locale)
        country, subject, sponsor = (
            validate.country(country),
            validate.subject(subject),
            validate.sponsor(sponsor),
        )
        given = [v for v in (country, subject, sponsor) if v]
        if not given:
            raise UserFacingError("stats.need_one")
        if len(given) > 1:
            raise UserFacingError("stats.too_many")
        await interaction.response.defer(thinking=True)
        answer = await answers.stats(self.bot.store, country=country, subject=subject, sponsor=sponsor)
        png = await asyncio.to_thread(render.stats_chart, answer, lang)
        chart = discord.File(
            io.BytesIO(png), filename=render.STATS_FILENAME, description=t("stats.chart_alt", lang)
        )
        await interaction.followup.send(embed=render.stats_embed(answer, lang), file=chart)


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Stats(bot))
