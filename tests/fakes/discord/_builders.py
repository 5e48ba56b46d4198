"""Discord payloads the fake sends to the bot: guilds, interactions and their options, users' messages.

Discord's client fills these in from what it knows (the member's permissions, the synced option types,
``data.resolved``), so the builders read the fake's state to do the same; the mixins only decide when to
send them.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import discord

from ._model import FakeChannel, FakeGuild, FakeUser
from ._protocol import BOT_PERMISSIONS, MEMBER_PERMISSIONS, now_iso, perm_value, snowflake
from ._state import FakeState


def guild_payload(fake: FakeState, guild: FakeGuild) -> dict[str, Any]:
    """The GUILD_CREATE body for ``guild`` (members listed in full, so no chunking is needed)."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "owner_id": str(guild.owner_id),
        "unavailable": False,
        "preferred_locale": guild.locale,
        "features": [],
        "icon": None,
        "large": False,
        "member_count": len(guild.members),
        "roles": [role.payload() for role in guild.roles],
        "channels": [channel.payload(fake) for channel in guild.channels],
        "members": [guild.member_payload(fake.users[uid]) for uid in guild.members],
        "threads": [],
        "emojis": [],
        "stickers": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "system_channel_id": None,
        "premium_tier": 0,
        "mfa_level": 0,
        "verification_level": 0,
        "explicit_content_filter": 0,
        "default_message_notifications": 0,
    }


def interaction_payload(
    fake: FakeState,
    kind: int,
    *,
    user_id: int | None,
    guild: bool,
    locale: str,
    guild_locale: str | None,
    channel_id: int | None,
    permissions: int | str | discord.Permissions | None,
) -> dict[str, Any]:
    uid = user_id or fake.user_id
    user = fake.users.get(uid) or FakeUser(uid, f"user{uid}")
    fake.users.setdefault(uid, user)
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "type": kind,
        "token": "itok_" + secrets.token_urlsafe(24),
        "version": 1,
        "application_id": str(fake.app_id),
        "attachment_size_limit": 10 * 1024 * 1024,
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
    }
    if guild:
        cid = channel_id or fake.channel_id
        channel = fake.channel(cid)
        if channel is None or channel.guild_id is None:
            raise LookupError(f"unknown guild channel {cid}")
        target = fake.guild_of(channel.guild_id) or fake.guild
        target.members.setdefault(uid, [])
        perms = perm_value(permissions, target.permissions_of(uid))
        member = target.member_payload(user)
        member["permissions"] = str(perms)
        payload.update(
            guild_id=str(target.id),
            channel_id=str(cid),
            channel={**channel.payload(fake), "permissions": str(perms)},
            member=member,
            app_permissions=str(target.permissions_of(fake.bot_user.id)),
            guild_locale=guild_locale or target.locale,
            context=0,
            authorizing_integration_owners={"0": str(target.id)},
        )
    else:
        dm = fake.dm_channel(uid)
        payload.update(
            channel_id=str(dm.id),
            channel=dm.payload(fake),
            user=user.payload(),
            app_permissions=str(BOT_PERMISSIONS),
            context=1,
            authorizing_integration_owners={"0": "0"},
        )
    return payload


def build_options(
    fake: FakeState,
    options: Mapping[str, Any] | None,
    schema_options: list[dict[str, Any]],
    types: Mapping[str, int] | None,
    *,
    validate: bool,
    focused: str | None,
    resolved: dict[str, dict[str, Any]],
    where: str,
) -> list[dict[str, Any]]:
    """Turns ``{name: value}`` into Discord's option list, typed from (in order) ``Typed``, ``types``,
    the synced schema, then the Python type."""
    options = dict(options or {})
    by_name = {opt["name"]: opt for opt in schema_options}
    out: list[dict[str, Any]] = []
    if focused is not None and focused not in options:
        options[focused] = ""
    for name, raw in options.items():
        schema = by_name.get(name)
        if validate and schema_options and schema is None:
            raise ValueError(f"{where}: unknown option {name!r}; known: {sorted(by_name)}")
        value = raw.value if isinstance(raw, Typed) else raw
        if isinstance(raw, Typed):
            kind = raw.type
        elif types and name in types:
            kind = types[name]
        elif schema is not None:
            kind = int(schema["type"])
        else:
            kind = infer_type(value)
        entry: dict[str, Any] = {"name": name, "type": kind}
        if name == focused:
            entry["value"] = str(value)
            entry["focused"] = True
        elif kind in (6, 7, 8, 9, 11):
            entry["value"] = str(getattr(value, "id", value))
            resolve(fake, kind, int(entry["value"]), resolved)
        else:
            if validate and schema is not None and focused is None:
                validate_value(schema, value, where)
            entry["value"] = value
        out.append(entry)
    if validate and focused is None:
        missing = [
            opt["name"] for opt in schema_options if opt.get("required") and opt["name"] not in options
        ]
        if missing:
            raise ValueError(f"{where}: required option(s) missing: {missing}")
    return out


def resolve(fake: FakeState, kind: int, object_id: int, resolved: dict[str, dict[str, Any]]) -> None:
    """Fills ``data.resolved`` for user/channel/role/attachment options the way Discord does."""
    key = str(object_id)
    if kind in (6, 9) and object_id in fake.users:
        user = fake.users[object_id]
        resolved.setdefault("users", {})[key] = user.payload()
        if object_id in fake.guild.members:
            member = fake.guild.member_payload(user, with_user=False)
            member["permissions"] = str(fake.guild.permissions_of(object_id))
            resolved.setdefault("members", {})[key] = member
    if kind in (8, 9):
        role = next((r for r in fake.guild.roles if r.id == object_id), None)
        if role is not None:
            resolved.setdefault("roles", {})[key] = role.payload()
    if kind == 11 and object_id in fake.uploads:
        resolved.setdefault("attachments", {})[key] = fake.uploads[object_id].payload(fake.base_url)
    if kind == 7:
        channel = fake.channel(object_id)
        if channel is not None:
            data = channel.payload(fake)
            data["permissions"] = str(MEMBER_PERMISSIONS)
            resolved.setdefault("channels", {})[key] = data


@dataclass(frozen=True)
class Typed:
    """An option value with an explicit Discord option type, e.g. ``Typed(3, 10)`` for the number 3."""

    value: Any
    type: int


def infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def validate_value(schema: Mapping[str, Any], value: Any, where: str) -> None:
    """Rejects what Discord's client would not let a user submit."""
    name = schema["name"]
    choices = schema.get("choices")
    if choices and value not in [choice["value"] for choice in choices]:
        raise ValueError(f"{where}: {name}={value!r} is not one of the choices")
    if isinstance(value, str):
        if schema.get("min_length") is not None and len(value) < int(schema["min_length"]):
            raise ValueError(f"{where}: {name} shorter than min_length")
        if schema.get("max_length") is not None and len(value) > int(schema["max_length"]):
            raise ValueError(f"{where}: {name} longer than max_length")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if schema.get("min_value") is not None and value < schema["min_value"]:
            raise ValueError(f"{where}: {name} below min_value")
        if schema.get("max_value") is not None and value > schema["max_value"]:
            raise ValueError(f"{where}: {name} above max_value")


def mention_message(fake: FakeState, author: FakeUser, channel: FakeChannel, text: str) -> dict[str, Any]:
    """A user's message ``<@bot> text`` as MESSAGE_CREATE carries it."""
    message: dict[str, Any] = {
        "id": str(snowflake()),
        "channel_id": str(channel.id),
        "type": 0,
        "content": f"<@{fake.bot_user.id}> {text}".rstrip(),
        "author": author.payload(),
        "mentions": [fake.bot_user.payload()],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "flags": 0,
        "embeds": [],
        "components": [],
        "attachments": [],
    }
    guild = fake.guild_of(channel.guild_id) if channel.guild_id is not None else None
    if guild is not None:
        message["guild_id"] = str(guild.id)
        message["member"] = guild.member_payload(author, with_user=False)
    return message


def modal_answers(components: list[dict[str, Any]], values: Mapping[str, str]) -> list[dict[str, Any]]:
    """The components of a modal submission: the modal's layout with each text input (type 4) filled."""
    out = []
    for component in components:
        kind = component.get("type")
        if kind == 4:
            out.append(
                {
                    "type": 4,
                    "custom_id": component["custom_id"],
                    "value": values.get(component["custom_id"], ""),
                }
            )
        elif "component" in component:
            out.append({"type": kind, "component": modal_answers([component["component"]], values)[0]})
        else:
            out.append({"type": kind, "components": modal_answers(component.get("components") or [], values)})
    return out
