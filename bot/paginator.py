"""The one button paginator every long answer uses.

Why buttons and not reactions: reactions need the message-content and reaction
intents and can be pressed by anyone. These buttons answer only the person who
ran the command (others get a short private refusal in their own language),
and turn themselves off when the view times out, so a stale message never shows
live-looking buttons that do nothing.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

import discord

from bot.i18n import lang_of, t

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0
_DEFAULT: Any = ...  # "use the class's default_timeout" (None already means "never time out")


class BaseView(discord.ui.View):
    """A view that disables itself on timeout and sends its errors to the bot's central error path.

    `message` is set once the view is sent, so `on_timeout` can disable the
    buttons in place.
    """

    default_timeout: float = DEFAULT_TIMEOUT

    def __init__(self, *, timeout: float | None = _DEFAULT) -> None:
        super().__init__(timeout=self.default_timeout if timeout is _DEFAULT else timeout)
        self.message: Any = None  # anything with `async edit(view=...)`
        # Short and unique per message: Discord allows 100 characters per custom_id.
        self.id_prefix = f"v:{secrets.token_hex(6)}"

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, (discord.ui.Button, discord.ui.Select)):
                item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException as exc:
            # The message may be gone or the token expired; nothing the user can act on.
            log.info("could not disable buttons on timeout: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        tree = interaction.client.tree  # type: ignore[attr-defined]
        report = getattr(tree, "report_error", None)
        if report is None:
            await super().on_error(interaction, error, item)
            return
        await report(interaction, error)

    async def send(self, interaction: discord.Interaction, *, ephemeral: bool = False, **kwargs: Any) -> None:
        """Reply with this view (response or followup, whichever is still open) and remember the message."""
        if interaction.response.is_done():
            self.message = await interaction.followup.send(
                view=self, ephemeral=ephemeral, wait=True, **kwargs
            )
        else:
            await interaction.response.send_message(view=self, ephemeral=ephemeral, **kwargs)
            self.message = OriginalResponse(interaction)


class OwnedView(BaseView):
    """A view only the person who ran the command may press."""

    def __init__(self, *, owner_id: int, timeout: float | None = _DEFAULT) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            t("paginator.not_yours", lang_of(interaction.locale)), ephemeral=True
        )
        return False


class OriginalResponse:
    """Edits the interaction's original response without fetching it first (saves a GET)."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction

    async def edit(self, **kwargs: Any) -> None:
        await self.interaction.edit_original_response(**kwargs)


class Paginator(OwnedView):
    """Pages of embeds with first / previous / page n of m / next / last buttons.

    A single page is sent without buttons: nothing to turn.
    """

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        *,
        owner_id: int,
        lang: str,
        timeout: float | None = _DEFAULT,
    ) -> None:
        super().__init__(owner_id=owner_id, timeout=timeout)
        if not pages:
            raise ValueError("a paginator needs at least one page")
        self.pages = list(pages)
        self.index = 0
        self.lang = lang
        self.first = self._button("⏮", "first")
        self.prev = self._button("◀", "prev")
        self.counter = discord.ui.Button(
            label="", style=discord.ButtonStyle.secondary, disabled=True, custom_id=f"{self.id_prefix}:n"
        )
        self.next = self._button("▶", "next")
        self.last = self._button("⏭", "last")
        if len(self.pages) > 1:
            for button in (self.first, self.prev, self.counter, self.next, self.last):
                self.add_item(button)
        self._refresh()

    def _button(self, emoji: str, action: str) -> discord.ui.Button[Any]:
        button: discord.ui.Button[Any] = discord.ui.Button(
            emoji=emoji, style=discord.ButtonStyle.primary, custom_id=f"{self.id_prefix}:{action}"
        )

        async def callback(interaction: discord.Interaction) -> None:
            await self.turn(interaction, action)

        button.callback = callback  # type: ignore[method-assign]
        return button

    @property
    def current(self) -> discord.Embed:
        return self.pages[self.index]

    def _refresh(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.prev.disabled = self.index == 0
        self.next.disabled = self.last.disabled = self.index == last
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"

    async def turn(self, interaction: discord.Interaction, action: str) -> None:
        last = len(self.pages) - 1
        self.index = {
            "first": 0,
            "prev": max(0, self.index - 1),
            "next": min(last, self.index + 1),
            "last": last,
        }.get(action, self.index)
        self._refresh()
        await interaction.response.edit_message(embed=self.current, view=self)

    @property
    def has_controls(self) -> bool:
        return len(self.children) > 0

    async def start(
        self, interaction: discord.Interaction, *, ephemeral: bool = False, **kwargs: Any
    ) -> None:
        """Send the first page; buttons only if there is something to press."""
        if self.has_controls:
            await self.send(interaction, embed=self.current, ephemeral=ephemeral, **kwargs)
            return
        self.stop()
        if interaction.response.is_done():
            await interaction.followup.send(embed=self.current, ephemeral=ephemeral, **kwargs)
        else:
            await interaction.response.send_message(embed=self.current, ephemeral=ephemeral, **kwargs)
