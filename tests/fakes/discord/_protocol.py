"""Discord's wire constants the fake speaks, and the small helpers every part of it uses.

They live apart from the server so the data model, the payload builders and the routes agree on one value
for each flag, permission set and id scheme.
"""

from __future__ import annotations

import itertools
import re
import time
from datetime import UTC, datetime

import discord

DISCORD_EPOCH_MS = 1_420_070_400_000
API_PREFIX = "/api/v10"
JSON_HEADERS = {"Content-Type": "application/json"}  # exactly this: discord.py compares with ==

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
#: Message flags a bot may set when creating a message (suppress embeds, ephemeral, silent, components V2).
SENDABLE_FLAGS = (1 << 2) | FLAG_EPHEMERAL | (1 << 12) | (1 << 15)

INTERACTION_PING, INTERACTION_COMMAND, INTERACTION_COMPONENT, INTERACTION_AUTOCOMPLETE, INTERACTION_MODAL = (
    1,
    2,
    3,
    4,
    5,
)
#: Callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS = {
    INTERACTION_COMMAND: {4, 5, 9},
    INTERACTION_COMPONENT: {4, 5, 6, 7, 9},
    INTERACTION_AUTOCOMPLETE: {8},
    INTERACTION_MODAL: {4, 5, 6, 7},
}

#: What an ordinary member may do (the @everyone role of the fake guild).
MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_application_commands=True,
).value
#: A member with the Administrator permission (Discord then sends every bit in ``member.permissions``).
ADMIN_PERMISSIONS = discord.Permissions.all().value
#: The Administrator bit alone, as Discord tests it.
ADMINISTRATOR = discord.Permissions(administrator=True).value
#: The bot's own role.
BOT_PERMISSIONS = (
    MEMBER_PERMISSIONS | discord.Permissions(manage_messages=True, send_messages_in_threads=True).value
)

_counter = itertools.count()


def snowflake(at: float | None = None) -> int:
    """A real-time snowflake: discord.py derives ``created_at`` and interaction expiry from it."""
    ms = int((time.time() if at is None else at) * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (1 << 17) | (next(_counter) % 4096)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def perm_value(value: int | str | discord.Permissions | None, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, discord.Permissions):
        return value.value
    return int(value)


def compile_route(pattern: str) -> tuple[str | None, re.Pattern[str]]:
    """``"POST /channels/{id}/messages"`` or ``"/channels/*/messages"`` -> (method, regex on the path)."""
    method: str | None = None
    parts = pattern.strip().split(None, 1)
    if len(parts) == 2:
        method, pattern = parts[0].upper(), parts[1]
    if pattern.startswith(API_PREFIX):
        pattern = pattern[len(API_PREFIX) :]
    out = []
    for token in re.split(r"(\{[^}]*\}|\*\*|\*)", pattern):
        if token == "**":
            out.append(".*")
        elif token == "*" or (token.startswith("{") and token.endswith("}")):
            out.append("[^/]+")
        else:
            out.append(re.escape(token))
    return method, re.compile("^" + "".join(out) + "$")
