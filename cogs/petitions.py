"""Looking petitions up: /petition, /petitions, /search, /response, /sponsor, /overdue.

Glue only: each command reads its options, asks `bot.petitions.answers` one
question, has `bot.render` turn the answer into embeds and replies. Domain
errors (a bad number, an unknown country) are raised as `UserFacingError` and
answered by the bot's central error path.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import autocompleters, render
from bot.discord_bot import PetitionBot
from bot.i18n import lang_of, t
from bot.paginator import BaseView, OriginalResponse, Paginator
from bot.petitions import answers, validate
from bot.petitions.backfill import history_status
from bot.petitions.errors import BadPetitionNumber, PetitionNotFound
from bot.petitions.model import Petition
from bot.petitions.search import SearchFilters
from bot.petitions.status import GROUPS, group_ids
from bot.petitions.store import Store
from bot.translator import ls

log = logging.getLogger(__name__)

LIST_LIMIT = 50  # rows fetched for a paged list (5 pages of 10)

#: The status groups (`status.GROUPS`), as choices named in the reader's language.
STATUS_CHOICES = [app_commands.Choice(name=ls(f"choice.status.{key}"), value=key) for key in GROUPS]
TYPE_CHOICES = [
    app_commands.Choice(name=ls("choice.type.e"), value="e"),
    app_commands.Choice(name=ls("choice.type.paper"), value="paper"),
]


class IsoDate(app_commands.Transformer):
    """A YYYY-MM-DD string option; anything else is refused in the user's language before the command runs."""

    def __init__(self, field: str = "from") -> None:
        self.field = field

    async def transform(self, interaction: discord.Interaction, value: str, /) -> date | None:
        return validate.day(value, self.field)


def _status_ids(status: object) -> tuple[int, ...]:
    """The ids of the status group chosen, checked again (a modified client sends anything)."""
    group = validate.status_group(status)
    return group_ids(group) if group else ()


class PetitionView(BaseView):
    """The "Response" and "Full text" buttons under a petition.

    Anyone in the channel may press them: each press answers privately (an
    ephemeral paginator that belongs to the presser), in the presser's language.
    """

    def __init__(
        self,
        bot: PetitionBot,
        number: str,
        *,
        has_response: bool,
        has_text: bool,
        lang: str,
        has_related: bool = False,
    ) -> None:
        super().__init__()
        self.bot = bot
        self.number = number
        if has_response:
            button: discord.ui.Button[Any] = discord.ui.Button(
                label=t("button.response", lang),
                style=discord.ButtonStyle.primary,
                custom_id=f"{self.id_prefix}:response",
            )
            button.callback = self.show_response  # type: ignore[method-assign]
            self.add_item(button)
        if has_text:
            button = discord.ui.Button(
                label=t("button.full_text", lang),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{self.id_prefix}:text",
            )
            button.callback = self.show_text  # type: ignore[method-assign]
            self.add_item(button)
        if has_related:
            button = discord.ui.Button(
                label=t("button.related", lang),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{self.id_prefix}:related",
            )
            button.callback = self.show_related  # type: ignore[method-assign]
            self.add_item(button)

    async def show_response(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        answer = await answers.response_of(self.bot.store, self.number, lang)
        pages = render.response_pages(answer, lang, self.bot.today())
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction, ephemeral=True)

    async def show_text(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        petition = await answers.lookup(self.bot.store, self.number)
        pages = render.full_text_pages(petition, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction, ephemeral=True)

    async def show_related(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        petition, hits = await answers.related(self.bot.store, self.number, self.bot.meaning)
        pages = render.related_pages(petition, hits, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction, ephemeral=True)


class Petitions(commands.Cog):
    """Finding and reading petitions."""

    def __init__(self, bot: PetitionBot) -> None:
        self.bot = bot

    @property
    def store(self) -> Store:
        return self.bot.store

    # --- /petition ------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.petition"), description=ls("cmd.petition.desc"))
    @app_commands.rename(number=ls("opt.number"))
    @app_commands.describe(number=ls("opt.number.desc"))
    @app_commands.autocomplete(number=autocompleters.petition_numbers)
    async def petition(
        self, interaction: discord.Interaction, number: app_commands.Range[str, 1, 300]
    ) -> None:
        lang = lang_of(interaction.locale)
        p = await self._find(interaction, validate.petition_number(number) or "")
        embed = render.petition_embed(p, lang, self.bot.today())
        view = PetitionView(
            self.bot,
            p.number,
            has_response=p.has_response,
            has_text=bool(p.prayer or p.grievances),
            lang=lang,
            has_related=self.bot.meaning is not None and await self.bot.meaning.has_vector(p.number),
        )
        if interaction.response.is_done():  # deferred while the site was asked
            if view.children:
                await interaction.followup.send(embed=embed, view=view)
                view.message = OriginalResponse(interaction)
            else:
                await interaction.followup.send(embed=embed)
        elif view.children:
            await interaction.response.send_message(embed=embed, view=view)
            view.message = OriginalResponse(interaction)
        else:
            await interaction.response.send_message(embed=embed)

    async def _note_partial_history(self, pages: list[discord.Embed], lang: str) -> None:
        """Lists built while the history is still loading say they may be incomplete."""
        render.note_partial_history(pages, await history_status(self.store), lang)

    async def _find(self, interaction: discord.Interaction, number: str) -> Petition:
        """The stored petition; one the store lacks is fetched from the site now (the reply deferred meanwhile)."""
        source = self.bot.source
        try:
            p = await answers.lookup(self.store, number)
        except BadPetitionNumber as exc:  # words, not a number: a pointer to /search and word matches
            raise await answers.search_hint(self.store, exc, number) from exc
        except PetitionNotFound as exc:
            if source is None or exc.key not in ("petition.not_found", "store.empty"):
                raise
            await interaction.response.defer(thinking=True)
            return await answers.fetch_missing(self.store, source, exc.params["number"])
        if source is not None and not p.demo and not answers.has_details(p):
            await answers.hurry(self.store, p.number)  # someone wants it: its details go first
        return p

    # --- /petitions -------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.petitions"), description=ls("cmd.petitions.desc"))
    @app_commands.rename(country=ls("opt.country"), status=ls("opt.status"), kind=ls("opt.type"))
    @app_commands.describe(
        country=ls("opt.country.desc"), status=ls("opt.status.desc"), kind=ls("opt.type.desc")
    )
    @app_commands.choices(status=STATUS_CHOICES, kind=TYPE_CHOICES)
    @app_commands.autocomplete(country=autocompleters.countries)
    async def petitions(
        self,
        interaction: discord.Interaction,
        country: app_commands.Range[str, 1, 100],
        status: str | None = None,
        kind: str | None = None,
    ) -> None:
        lang = lang_of(interaction.locale)
        status_ids = _status_ids(status)
        answer = await answers.petitions_for_country(
            self.store,
            validate.country(country) or "",
            status_ids=status_ids,
            kind=validate.kind(kind),
            limit=LIST_LIMIT,
        )
        pages = render.country_pages(answer, lang)
        await self._note_partial_history(pages, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction)

    # --- /search ------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.search"), description=ls("cmd.search.desc"))
    @app_commands.rename(
        query=ls("opt.query"),
        status=ls("opt.status"),
        kind=ls("opt.type"),
        parliament=ls("opt.parliament"),
        sponsor=ls("opt.sponsor"),
        subject=ls("opt.subject"),
        date_from=ls("opt.from"),
        date_to=ls("opt.to"),
        answered=ls("opt.answered"),
    )
    @app_commands.describe(
        query=ls("opt.query.desc"),
        status=ls("opt.status.desc"),
        kind=ls("opt.type.desc"),
        parliament=ls("opt.parliament.desc"),
        sponsor=ls("opt.sponsor.desc"),
        subject=ls("opt.subject.desc"),
        date_from=ls("opt.from.desc"),
        date_to=ls("opt.to.desc"),
        answered=ls("opt.answered.desc"),
    )
    @app_commands.choices(status=STATUS_CHOICES, kind=TYPE_CHOICES)
    @app_commands.autocomplete(sponsor=autocompleters.sponsors, subject=autocompleters.subjects)
    async def search(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 0, 200] = "",
        status: str | None = None,
        kind: str | None = None,
        parliament: app_commands.Range[int, validate.PARLIAMENT.low, validate.PARLIAMENT.high] | None = None,
        sponsor: app_commands.Range[str, 1, 100] | None = None,
        subject: app_commands.Range[str, 1, 100] | None = None,
        date_from: app_commands.Transform[date, IsoDate("from")] | None = None,
        date_to: app_commands.Transform[date, IsoDate("to")] | None = None,
        answered: bool | None = None,
    ) -> None:
        lang = lang_of(interaction.locale)
        # Every option again, as if Discord had checked nothing (a modified client sends anything).
        query = validate.query(query)
        status_ids = _status_ids(status)
        date_from, date_to = validate.day(date_from, "from"), validate.day(date_to, "to")
        validate.date_span(date_from, date_to)
        filters = SearchFilters(
            status_ids=status_ids,
            kind=validate.kind(kind),
            parliament=validate.parliament(parliament),
            sponsor=validate.sponsor(sponsor),
            subject=validate.subject(subject),
            date_from=date_from,
            date_to=date_to,
            has_response=validate.flag(answered, "answered"),
        )
        answers.check_search(query, filters)  # before deferring: a refusal stays private and quick
        # Spelling suggestions may read the whole index: do not hold the 3-second window.
        await interaction.response.defer(thinking=True)
        result = await answers.search(
            self.store, query, filters, limit=LIST_LIMIT, meaning=self.bot.meaning, page=render.ROWS_PER_PAGE
        )
        pages = render.search_pages(result, query, lang)  # each hit carries its own demo flag
        await self._note_partial_history(pages, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction)

    # --- /response ------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.response"), description=ls("cmd.response.desc"))
    @app_commands.rename(number=ls("opt.number"))
    @app_commands.describe(number=ls("opt.number.desc"))
    @app_commands.autocomplete(number=autocompleters.petition_numbers)
    async def response(
        self, interaction: discord.Interaction, number: app_commands.Range[str, 1, 300]
    ) -> None:
        lang = lang_of(interaction.locale)
        number = validate.petition_number(number) or ""
        try:
            answer = await answers.response_of(self.store, number, lang)
        except BadPetitionNumber as exc:
            raise await answers.search_hint(self.store, exc, number) from exc
        pages = render.response_pages(answer, lang, self.bot.today())
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction)

    # --- /sponsor ---------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.sponsor"), description=ls("cmd.sponsor.desc"))
    @app_commands.rename(mp=ls("opt.mp"))
    @app_commands.describe(mp=ls("opt.mp.desc"))
    @app_commands.autocomplete(mp=autocompleters.sponsors)
    async def sponsor(self, interaction: discord.Interaction, mp: app_commands.Range[str, 1, 100]) -> None:
        lang = lang_of(interaction.locale)
        person, page = await answers.sponsor_petitions(
            self.store, validate.sponsor(mp) or "", limit=LIST_LIMIT
        )
        pages = render.sponsor_pages(person, page, lang)
        await self._note_partial_history(pages, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction)

    # --- /overdue -----------------------------------------------------------------------------------

    @app_commands.command(name=ls("cmd.overdue"), description=ls("cmd.overdue.desc"))
    async def overdue(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction.locale)
        late, total = await answers.overdue_page(self.store, self.bot.today(), limit=LIST_LIMIT)
        pages = render.overdue_pages(late, lang, total)
        await self._note_partial_history(pages, lang)
        await Paginator(pages, owner_id=interaction.user.id, lang=lang).start(interaction)


async def setup(bot: PetitionBot) -> None:
    await bot.add_cog(Petitions(bot))
