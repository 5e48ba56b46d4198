"""What every interaction goes through: the one error path, private replies, and autocomplete answers.

Red-DiscordBot's `redbot/core/tree.py` is the model: a `CommandTree` subclass overrides `on_error`,
domain code raises a `UserFacingError` whose text is safe to show, and anything else is logged with
an id that the user sees too.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import lang_of, t
from bot.petitions import autocomplete
from bot.petitions.errors import UserFacingError
from bot.render import error_message, safe

log = logging.getLogger("bot.discord_bot")  # one name for the bot's log lines, as operators filter them

AUTOCOMPLETE_TIMEOUT = 2.0  # Discord drops an autocomplete answer after 3 s


def new_error_id() -> str:
    return secrets.token_hex(4)


async def autocomplete_choices(
    what: str, provider: Callable[[], Awaitable[Sequence[tuple[str, str]]]]
) -> list[app_commands.Choice[str]]:
    """`provider`'s (name, value) pairs through the one guard (`autocomplete.guarded`), with Discord's time limit."""
    pairs = await autocomplete.guarded(what, provider, seconds=AUTOCOMPLETE_TIMEOUT)
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


class NotOwner(app_commands.CheckFailure):
    """Raised by owner-only checks; shown as "only the bot's owners"."""


class PetitionTree(app_commands.CommandTree[commands.Bot]):
    """The central error path for slash commands, autocomplete and (via `report_error`) buttons."""

    async def on_error(
        self, interaction: discord.Interaction[commands.Bot], error: app_commands.AppCommandError, /
    ) -> None:
        await self.report_error(interaction, error)

    async def report_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Tell the user what went wrong, briefly and privately, in their language.

        A `UserFacingError` is the user's to fix: its message and suggestions are
        shown. Anything else is ours: it is logged with a short id that the user
        sees too, so a report can be matched to the log.
        """
        lang = lang_of(interaction.locale)
        cause: BaseException = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        if isinstance(cause, app_commands.TransformerError) and isinstance(cause.__cause__, UserFacingError):
            cause = cause.__cause__  # a transformer (a date option, say) refused the value
        text = _known_error_text(interaction, cause, lang)
        if text is None:
            error_id = new_error_id()
            command = interaction.command.qualified_name if interaction.command else "-"
            log.error(
                "error %s in %s (interaction %s, user %s)",
                error_id,
                command,
                interaction.id,
                interaction.user.id if interaction.user else "-",
                exc_info=cause,
            )
            text = t("error.apology", lang, error_id=error_id)
        await send_private(interaction, text)


def _known_error_text(interaction: discord.Interaction, cause: BaseException, lang: str) -> str | None:
    """What to tell the user about an error that is theirs or Discord's; None for one of ours."""
    if isinstance(cause, UserFacingError):
        return error_message(cause, lang)
    if isinstance(cause, app_commands.NoPrivateMessage):
        return t("error.guild_only", lang)
    if isinstance(cause, app_commands.CommandSignatureMismatch):
        # Discord sent options this command does not have (a client with an old copy of the
        # commands, or a hand-made request): the user's to retry, not our failure.
        log.warning("signature mismatch for %s: %s", interaction.command, cause)
        return t("error.out_of_date", lang)
    if isinstance(cause, app_commands.CheckFailure):
        return t("error.owner_only", lang) if isinstance(cause, NotOwner) else t("error.not_allowed", lang)
    if isinstance(cause, app_commands.TransformerError):
        return t("error.bad_value", lang, value=safe(str(cause.value)[:80]))
    return None


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral message, as the response if none was sent yet, else as a followup.

    After a public deferral ("PetitionBot is thinking…", seen by the whole channel) Discord turns
    the first followup into that message and ignores `ephemeral`, so an error sent as it would
    be public. The thinking message is deleted first: the channel is left with nothing, which is
    what it would have seen had the command failed at once, and the followup is then a message of
    its own that only the person who asked sees.
    """
    text = text[:2000]
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            await _withdraw_public_thinking(interaction)
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException as exc:
        # The interaction may have expired; the error itself is logged already when it matters.
        log.warning("could not tell the user about an error: %s", exc)


async def _withdraw_public_thinking(interaction: discord.Interaction) -> None:
    """Delete the original response if it is still a public "thinking…" message (an answer, or an
    ephemeral deferral, is left alone)."""
    try:
        original = await interaction.original_response()
        if original.flags.loading and not original.flags.ephemeral:
            await interaction.delete_original_response()
    except discord.HTTPException as exc:
        log.info("could not withdraw the thinking message: %s", exc)
