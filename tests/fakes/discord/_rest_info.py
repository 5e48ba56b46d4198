"""REST routes for who and where: the bot's user and application, users, channels, guilds and members,
the gateway URL, and the command sync (checked against Discord's limits; a violation is a 400, code 50035).
"""

from __future__ import annotations

from typing import Any

from ._builders import guild_payload
from ._command_limits import check_commands
from ._protocol import snowflake
from ._records import RecordedRequest
from ._state import FakeState


class InfoRoutesMixin(FakeState):
    """Route handlers: each takes the request record and the path's named parts, returns (status, body)."""

    async def _get_me(self, record: RecordedRequest) -> tuple[int, Any]:
        return 200, {**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "flags": 0}

    async def _get_user(self, record: RecordedRequest, user_id: str) -> tuple[int, Any]:
        user = self.users.get(int(user_id))
        if user is None:
            return 404, {"message": "Unknown User", "code": 10013}
        return 200, user.payload()

    async def _get_application(self, record: RecordedRequest) -> tuple[int, Any]:
        owner = self.users[self.owner_id]
        return 200, {
            "id": str(self.app_id),
            "name": self.bot_user.username,
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": owner.payload(),
            "summary": "",
            "verify_key": "0" * 64,
            "team": None,
            "flags": 0,
            "bot": self.bot_user.payload(),
        }

    async def _get_gateway(self, record: RecordedRequest) -> tuple[int, Any]:
        return 200, {
            "url": self.gateway_url,
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        }

    async def _create_dm(self, record: RecordedRequest) -> tuple[int, Any]:
        recipient = int((record.json or {}).get("recipient_id", 0))
        if recipient not in self.users:
            return 400, {"message": "Invalid Recipient(s)", "code": 50033}
        return 200, self.dm_channel(recipient).payload(self)

    async def _get_channel(self, record: RecordedRequest, channel_id: str) -> tuple[int, Any]:
        channel = self.channel(int(channel_id))
        if channel is None:
            return 404, {"message": "Unknown Channel", "code": 10003}
        return 200, channel.payload(self)

    async def _get_member(self, record: RecordedRequest, guild_id: str, user_id: str) -> tuple[int, Any]:
        guild = self.guild_of(int(guild_id))
        if guild is None:
            return 404, {"message": "Unknown Guild", "code": 10004}
        if int(user_id) not in guild.members or int(user_id) not in self.users:
            return 404, {"message": "Unknown Member", "code": 10007}
        return 200, guild.member_payload(self.users[int(user_id)])

    async def _get_guild_channels(self, record: RecordedRequest, guild_id: str) -> tuple[int, Any]:
        guild = self.guild_of(int(guild_id))
        if guild is None:
            return 404, {"message": "Unknown Guild", "code": 10004}
        return 200, [channel.payload(self) for channel in guild.channels]

    async def _get_my_guilds(self, record: RecordedRequest) -> tuple[int, Any]:
        """The bot's servers as partial guilds, by id, paged with ``before``/``after``/``limit``."""
        mine = sorted((g for g in self.guilds if self.bot_user.id in g.members), key=lambda g: g.id)
        if record.query.get("after"):
            mine = [g for g in mine if g.id > int(record.query["after"])]
        if record.query.get("before"):
            mine = [g for g in mine if g.id < int(record.query["before"])]
        limit = int(record.query.get("limit") or 200)
        mine = mine[-limit:] if record.query.get("before") else mine[:limit]
        return 200, [
            {
                "id": str(g.id),
                "name": g.name,
                "icon": None,
                "owner": False,
                "permissions": str(g.permissions_of(self.bot_user.id)),
                "features": [],
            }
            for g in mine
        ]

    async def _get_guild(self, record: RecordedRequest, guild_id: str) -> tuple[int, Any]:
        guild = self.guild_of(int(guild_id))
        if guild is None or self.bot_user.id not in guild.members:
            return 404, {"message": "Unknown Guild", "code": 10004}
        payload = guild_payload(self, guild)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at", "large"):
            payload.pop(key, None)  # GET /guilds/{id} carries no member or channel lists
        return 200, payload

    # ------------------------------------------------------------------------------------ commands

    async def _put_commands(
        self, record: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> tuple[int, Any]:
        if int(app_id) != self.app_id:
            return 403, {"message": "Missing Access", "code": 50001}
        scope = int(guild_id) if guild_id is not None else None
        body = record.json if isinstance(record.json, list) else []
        label = f"sync {'guild ' + str(scope) if scope else 'global'}"
        problems = check_commands(body, where=label)
        if problems:
            self.violations.record_all(problems)
            return 400, {
                "message": "Invalid Form Body",
                "code": 50035,
                "errors": {"_errors": [{"code": "BASE_TYPE_INVALID", "message": p} for p in problems]},
            }
        result = []
        for command in body:
            key = (scope, int(command.get("type", 1)), command["name"])
            command_id = self._command_ids.setdefault(key, snowflake())
            echoed = {
                **command,
                "id": str(command_id),
                "application_id": str(self.app_id),
                "version": str(snowflake()),
                "default_member_permissions": command.get("default_member_permissions"),
            }
            if scope is not None:
                echoed["guild_id"] = str(scope)
            result.append(echoed)
        self.synced[scope] = result
        self.sync_bodies.append((scope, body))
        return 200, result

    async def _get_commands(
        self, record: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> tuple[int, Any]:
        scope = int(guild_id) if guild_id is not None else None
        return 200, self.synced.get(scope, [])
