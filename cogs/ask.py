"""/ask: a question about petitions in plain English or French, answered saying how it was understood.

Glue only: `bot.petitions.understand` reads the question and answers it, `bot.understood` words the
"understood as" line that opens the reply, `bot.render.ask_pages` draws the answer. When other
readings were close, they are buttons under the answer (for the person who asked): pressing one
answers that reading in place, and the reading it replaces becomes a button in turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render, understood
from bot.discord_bot import PetitionBot, send_private
from bot.i18n import lang_of
from bot.paginator import OriginalResponse, Paginator
from bot.petitions import understand, validate
from bot.petitions.backfill import history_status
from bot.petitions.understand import Answer, Reading
from bot.translator import ls

log = logging.getLogger(__name__)

LIST_LIMIT = 50  # petitions fetched for a paged list (5 pages of 10), as the other list commands


class AskView(Paginator):
    """The answer's pages, and the close readings as buttons on the row below the page buttons."""

    def __init__(
        self, cog: Ask, answer: Answer, pages: list[discord.Embed], *, owner_id: int, lang: str
    ) -> None:
        super().__init__(pages, owner_id=owner_id, lang=lang)
        self.cog = cog
        alternatives = answer.reading.alternatives[: understand.MAX_ALTERNATIVES]
        for k, other in enumerate(alternatives):
            button: discord.ui.Button[Any] = discord.ui.Button(
                label=understood.button_label(other, lang, cog.vocab),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{self.id_prefix}:r{k}",
                row=1,
            )
            chosen = other.but(alternatives=_others(answer.reading, other))
            button.callback = self._choose(chosen)  # type: ignore[method-assign]
            self.add_item(button)

    def _choose(self, reading: Reading) -> Any:
        async def callback(interaction: discord.Interaction) -> None:
            self.stop()
            await self.cog.answer_reading(interaction, reading, self.lang, edit=True)

        return callback


def _others(main: Reading, chosen: Reading) -> tuple[Reading, ...]:
    """Once a close reading is chosen, the first reading and the remaining ones are the close ones."""
    out = [main.but()] + [r for r in main.alternatives if r != chosen]
    return tuple(out[: understand.MAX_ALTERNATIVES])


class Ask(commands.Cog):
    """Questions in plain words."""

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot
        self.vocab: understand.Vocabulary | None = None
        self._warm_task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        if not self.bot.offline:
            self._warm_task = asyncio.create_task(self._warm(), name="warm-ask")

    async def cog_unload(self) -> None:
        if self._warm_task is not None and not self._warm_task.done():
            self._warm_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warm_task

    async def _warm(self) -> None:
        try:
            self.vocab = await understand.vocabulary(self.bot.store)
        except Exception:
            log.warning("could not build the /ask vocabulary ahead of the first question", exc_info=True)

    @app_commands.command(name=ls("cmd.ask"), description=ls("cmd.ask.desc"))
    @app_commands.rename(question=ls("opt.question"))
    @app_commands.describe(question=ls("opt.question.desc"))
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, validate.QUESTION_MAX]
    ) -> None:
        locale = lang_of(interaction.locale)
        question = validate.question(question)
        await interaction.response.defer(thinking=True)
        self.vocab = await understand.vocabulary(self.bot.store)
        reading = understand.read(question, self.vocab, self.bot.today(), lang=locale)
        await self.answer_reading(interaction, reading, reading.lang, edit=False)

    async def answer_reading(
        self, interaction: discord.Interaction, reading: Reading, lang: str, *, edit: bool
    ) -> None:
        """Answer `reading`: after the /ask deferral, or in place of the answer whose button was pressed."""
        today: date = self.bot.today()
        answer = await understand.answer(
            self.bot.store,
            reading,
            today,
            lang=lang,
            limit=LIST_LIMIT,
            meaning=getattr(self.bot, "meaning", None),
        )
        self.vocab = self.vocab or await understand.vocabulary(self.bot.store)
        line = render.content(render.safe(understood.understood_line(answer, lang, self.vocab)))
        if answer.error is not None:
            await send_private(interaction, f"{line}\n{render.error_message(answer.error, lang)}")
            return
        pages = render.ask_pages(answer, lang, today)
        if answer.kind in ("list", "count"):
            render.note_partial_history(pages, await history_status(self.bot.store), lang)
        view = AskView(self, answer, pages, owner_id=interaction.user.id, lang=lang)
        if not edit:
            await view.start(interaction, content=line)
            return
        if view.has_controls:
            await interaction.response.edit_message(content=line, embed=view.current, view=view)
            view.message = OriginalResponse(interaction)
        else:
            view.stop()
            await interaction.response.edit_message(content=line, embed=view.current, view=None)


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Ask(bot))
