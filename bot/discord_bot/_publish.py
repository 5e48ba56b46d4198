"""Publishing the slash commands when they changed, and only then.

Publishing replaces what every server (or the development guild) sees, and Discord limits how
often commands may be created, so the hash of the exact payload (translated) of the last
successful publication is kept in the store, per scope, and an unchanged start sends nothing.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any, Final

import aiohttp
import discord
from discord import app_commands

from bot.i18n import t
from bot.petitions.store import Store

log = logging.getLogger("bot.discord_bot")  # one name for the bot's log lines, as operators filter them


class Configured(enum.Enum):
    """The type of `CONFIGURED_SCOPE`, a default that None (every server) cannot stand for."""

    SCOPE = "configured"


#: `publish_commands`' default scope: the development guild when DEV_GUILD_ID is set, else every server.
CONFIGURED_SCOPE: Final = Configured.SCOPE


@dataclass(frozen=True)
class PublishResult:
    """What one publication of the slash commands did, for the log, the CLI and the owner's reply."""

    published: bool
    guild_id: int | None  # None: every server (global commands)
    count: int
    error: str | None = None  # why Discord refused; nothing was stored, so the next try publishes

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def scope(self) -> str:
        return f"guild:{self.guild_id}" if self.guild_id else "global"

    def where(self, lang: str = "en") -> str:
        if self.guild_id:
            return t("publish.guild", lang, guild_id=self.guild_id)
        return t("publish.global", lang)

    def line(self, lang: str = "en") -> str:
        if self.error is not None:
            return t("publish.failed", lang, where=self.where(lang), reason=self.error)
        key = "publish.published" if self.published else "publish.unchanged"
        return t(key, lang, count=self.count, where=self.where(lang))


def payload_hash(application_id: int | None, payload: list[dict[str, Any]]) -> str:
    """sha256 of the payload as canonical JSON (sorted keys; commands by type and name, an order Discord ignores).

    The application id is part of it: a store reused under another bot's token must publish again.
    """
    ordered = sorted(payload, key=lambda command: (int(command.get("type", 1)), str(command.get("name"))))
    text = json.dumps(
        {"application_id": application_id, "commands": ordered},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def command_payload(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None = None
) -> list[dict[str, Any]]:
    """The list `tree.sync(guild=...)` sends, translated as it translates it (see `CommandTree.sync`)."""
    translator = tree.translator
    cmds = tree.get_commands(guild=guild)
    if translator is not None:
        return [await command.get_translated_payload(tree, translator) for command in cmds]
    return [command.to_dict(tree) for command in cmds]


async def publish(
    tree: app_commands.CommandTree[Any],
    store: Store,
    application_id: int | None,
    guild_id: int | None,
    *,
    force: bool = False,
) -> PublishResult:
    """Publish to `guild_id` (None: every server) when the payload differs from the last publication there.

    A refusal from Discord is a WARNING, not a crash, and stores nothing, so the next start tries again.
    """
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    payload = await command_payload(tree, guild)
    unchanged = PublishResult(False, guild_id or None, len(payload))
    key = f"commands_hash:{unchanged.scope}"
    digest = payload_hash(application_id, payload)
    if not force and await store.get_meta(key) == digest:
        log.info(
            "%d commands unchanged since the last publication %s: nothing sent",
            len(payload),
            unchanged.where(),
        )
        return unchanged
    try:
        synced = await tree.sync(guild=guild)
    except (discord.HTTPException, aiohttp.ClientError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        log.warning("could not publish %d commands %s: %s", len(payload), unchanged.where(), reason)
        return PublishResult(False, guild_id or None, len(payload), error=reason)
    await store.set_meta(key, digest)
    log.info("published %d commands %s", len(synced), unchanged.where())
    return PublishResult(True, guild_id or None, len(synced))
