"""Autocomplete callbacks shared by every command that takes a petition, country, MP or subject.

Each reads the reader's language, cleans what was typed (`validate.partial`: it
may hold anything a modified client sends), asks `bot.petitions.autocomplete`, and goes
through `autocomplete_choices` (≤ 25 choices, Discord's sizes, a time limit,
never an exception). Attach them with `@app_commands.autocomplete(option=...)`.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord_bot import autocomplete_choices
from bot.i18n import lang_of
from bot.petitions import autocomplete, validate

Choices = list[app_commands.Choice[str]]


def _store(interaction: discord.Interaction[Any]) -> Any:
    return interaction.client.store  # type: ignore[attr-defined]


async def petition_numbers(interaction: discord.Interaction[Any], current: str) -> Choices:
    lang = lang_of(interaction.locale)
    current = validate.partial(current, validate.NUMBER_MAX)
    return await autocomplete_choices(
        "petition", lambda: autocomplete.petition_choices(_store(interaction), current, lang)
    )


async def countries(interaction: discord.Interaction[Any], current: str) -> Choices:
    lang = lang_of(interaction.locale)
    current = validate.partial(current)
    return await autocomplete_choices("country", lambda: autocomplete.country_choices(current, lang))


async def sponsors(interaction: discord.Interaction[Any], current: str) -> Choices:
    lang = lang_of(interaction.locale)
    current = validate.partial(current)
    return await autocomplete_choices(
        "sponsor", lambda: autocomplete.sponsor_choices(_store(interaction), current, lang)
    )


async def subjects(interaction: discord.Interaction[Any], current: str) -> Choices:
    lang = lang_of(interaction.locale)
    current = validate.partial(current)
    return await autocomplete_choices(
        "subject", lambda: autocomplete.subject_choices(_store(interaction), current, lang)
    )
