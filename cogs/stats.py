"""/stats: a chart of petitions per year and signatures by province, or of how fast the government
answers (`view: responses`), with the same figures in words.

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

from bot import autocompleters, charts, render
from bot.discord_bot import PetitionBot
from bot.i18n import lang_of
from bot.petitions import answers, validate
from bot.translator import ls

log = logging.getLogger(__name__)

VIEW_CHOICES = [app_commands.Choice(name=ls(f"choice.view.{key}"), value=key) for key in validate.STATS_VIEWS]


class Stats(commands.Cog):
    """Petition statistics for one country, subject or sponsor; response times for those or for all."""

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot

    @app_commands.command(name=ls("cmd.stats"), description=ls("cmd.stats.desc"))
    @app_commands.rename(
        country=ls("opt.country"), subject=ls("opt.subject"), sponsor=ls("opt.sponsor"), view=ls("opt.view")
    )
    @app_commands.describe(
        country=ls("opt.country.desc"),
        subject=ls("opt.subject.desc"),
        sponsor=ls("opt.sponsor.desc"),
        view=ls("opt.view.desc"),
    )
    @app_commands.choices(view=VIEW_CHOICES)
    @app_commands.autocomplete(
        country=autocompleters.countries, subject=autocompleters.subjects, sponsor=autocompleters.sponsors
    )
    async def stats(
        self,
        interaction: discord.Interaction,
        country: app_commands.Range[str, 1, 100] | None = None,
        subject: app_commands.Range[str, 1, 100] | None = None,
        sponsor: app_commands.Range[str, 1, 100] | None = None,
        view: str | None = None,
    ) -> None:
        lang = lang_of(interaction.locale)
        chosen = validate.stats_view(view)
        country, subject, sponsor = (
            validate.country(country),
            validate.subject(subject),
            validate.sponsor(sponsor),
        )
        # Before deferring: a refusal stays private and quick.
        validate.stats_scope(chosen, country=country, subject=subject, sponsor=sponsor)
        await interaction.response.defer(thinking=True)
        if chosen == "responses":
            times = await answers.response_times(
                self.bot.store, self.bot.today(), country=country, subject=subject, sponsor=sponsor, lang=lang
            )
            words = charts.responses_words(times, lang)
            png = await asyncio.to_thread(charts.responses_png, times, lang)
        else:
            counts = await answers.stats(
                self.bot.store, country=country, subject=subject, sponsor=sponsor, lang=lang
            )
            words = charts.petitions_words(counts, lang)
            png = await asyncio.to_thread(charts.petitions_png, counts, lang)
        embed = render.chart_embed(words, charts.FILENAME)
        if len(png) > interaction.filesize_limit:  # never with these sizes; the words still go out
            log.warning("chart of %d bytes is over the attachment limit; sent without it", len(png))
            embed.set_image(url=None)
            await interaction.followup.send(embed=embed)
            return
        chart = discord.File(io.BytesIO(png), filename=charts.FILENAME, description=words.alt)
        await interaction.followup.send(embed=embed, file=chart)


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Stats(bot))
