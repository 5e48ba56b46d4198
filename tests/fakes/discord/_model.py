"""The world the fake serves: users, guilds with their roles and channels, and files users upload.

Each object knows its own Discord payload, so the gateway and the REST routes describe it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ._protocol import ADMIN_PERMISSIONS, ADMINISTRATOR


class KnowsUsers(Protocol):
    """What a DM channel needs to describe its recipient: the fake's users by id."""

    @property
    def users(self) -> dict[int, FakeUser]: ...


@dataclass
class FakeUser:
    """A user known to the fake; guild membership and roles live on ``FakeGuild``."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass
class FakeChannel:
    id: int
    name: str
    guild_id: int | None
    type: int = 0
    position: int = 0
    recipient_id: int | None = None

    def payload(self, fake: KnowsUsers) -> dict[str, Any]:
        if self.guild_id is None:
            recipient = fake.users[self.recipient_id] if self.recipient_id else None
            return {
                "id": str(self.id),
                "type": 1,
                "recipients": [recipient.payload()] if recipient else [],
                "last_message_id": None,
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "guild_id": str(self.guild_id),
            "permission_overwrites": [],
            "topic": None,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "last_message_id": None,
            "flags": 0,
        }


@dataclass
class FakeRole:
    id: int
    name: str
    permissions: int
    position: int = 0

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }


@dataclass
class FakeGuild:
    """One guild: @everyone (id = guild id), an Admin role, a Bot role, text channels and members."""

    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    roles: list[FakeRole] = field(default_factory=list)
    channels: list[FakeChannel] = field(default_factory=list)
    #: user id -> role ids (besides @everyone)
    members: dict[int, list[int]] = field(default_factory=dict)

    def role_named(self, name: str) -> FakeRole:
        return next(role for role in self.roles if role.name == name)

    def permissions_of(self, user_id: int) -> int:
        """Guild-level permissions as Discord computes them (owner and Administrator get everything)."""
        if user_id == self.owner_id:
            return ADMIN_PERMISSIONS
        value = 0
        wanted = {self.id, *self.members.get(user_id, [])}
        for role in self.roles:
            if role.id in wanted:
                value |= role.permissions
        if value & ADMINISTRATOR:
            return ADMIN_PERMISSIONS
        return value

    def member_payload(self, user: FakeUser, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(role_id) for role_id in self.members.get(user.id, [])],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = user.payload()
        return data


@dataclass
class Upload:
    """A file a user attached to a slash command (an attachment option, type 11), as ``fake.upload`` made it.

    Discord puts it in ``data.resolved.attachments`` and serves its bytes from its CDN; the fake serves
    them at ``/cdn/{id}/{filename}`` and counts the downloads, so a test can tell whether the bot read it.
    """

    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    downloads: int = 0

    def payload(self, base_url: str) -> dict[str, Any]:
        url = f"{base_url}/cdn/{self.id}/{self.filename}"
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url,
            "content_type": self.content_type,
            "ephemeral": True,
        }
