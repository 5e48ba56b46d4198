"""The fake's state and the test-facing calls that read or arrange it (no networking here).

``FakeState`` holds the guild world, everything recorded, the scripted faults and holds, and the waits
tests use; the gateway, the interactions a test sends and the REST routes are mixins on top of it
(``_gateway``, ``_driving``, ``_rest*``), joined in ``_server.FakeDiscord``.
"""

# ruff: noqa: ASYNC109  (the waits take a plain `timeout=`: it reads best in tests)
from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ._handle import InteractionHandle
from ._limits import Violations
from ._logs import ErrorLogCapture

if TYPE_CHECKING:
    import discord
from ._model import FakeChannel, FakeGuild, FakeRole, FakeUser, Upload
from ._protocol import (
    ADMINISTRATOR,
    API_PREFIX,
    BOT_PERMISSIONS,
    MEMBER_PERMISSIONS,
    compile_route,
    snowflake,
)
from ._records import Fault, Hold, RecordedRequest


class FakeState:
    """The fake's data and the calls a test uses to arrange it and to wait on it."""

    def __init__(
        self,
        *,
        token: str = "fake-token",
        heartbeat_interval_ms: int = 41_250,
        response_deadline: float = 3.0,
        require_synced: bool = True,
    ) -> None:
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.response_deadline = response_deadline
        self.require_synced = require_synced

        self.app_id = 1_200_000_000_000_000_001
        self.bot_user = FakeUser(self.app_id, "PetitionBot", bot=True)
        self.users: dict[int, FakeUser] = {self.bot_user.id: self.bot_user}
        self.owner_id = self._add_user("owner").id
        self.user_id = self._add_user("alice").id  # default invoker: an ordinary member
        self.other_user_id = self._add_user("bob").id
        self.guilds: list[FakeGuild] = []
        self.guild = self.add_guild("Test Guild")
        self.guild_id = self.guild.id
        self.channel_id = self.guild.channels[0].id
        self.dm_channels: dict[int, FakeChannel] = {}  # recipient id -> channel
        self.blocked_dm_user_ids: set[int] = set()

        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.violations = Violations()
        self.messages: dict[int, dict[str, Any]] = {}
        self.deleted_messages: dict[int, dict[str, Any]] = {}
        self.channel_posts: list[int] = []  # ids of messages created through POST /channels/{id}/messages
        self.uploads: dict[int, Upload] = {}  # files attached to slash commands, by attachment id
        self.nonce_hits = 0
        self.interactions: dict[str, InteractionHandle] = {}
        self.synced: dict[int | None, list[dict[str, Any]]] = {}  # scope (None = global, else guild id)
        self.sync_bodies: list[tuple[int | None, list[dict[str, Any]]]] = []
        self.identify: dict[str, Any] | None = None
        self.gateway_paths: list[str] = []
        self.gateway_received: list[dict[str, Any]] = []  # every op the bot sent except heartbeats
        self.resumes = 0
        self.error_log: ErrorLogCapture | None = None  # set by running_bot
        self.client: discord.Client | None = None  # set by running_bot: a click waits for its view

        self._faults: list[Fault] = []
        self._holds: list[Hold] = []
        self._nonces: dict[tuple[int, str], int] = {}
        self._command_ids: dict[tuple[int | None, int, str], int] = {}
        self._session_id = secrets.token_hex(16)
        self._seq = 0
        self._active_ws: web.WebSocketResponse | None = None
        self._ws_lock = asyncio.Lock()
        self._cond: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---------------------------------------------------------------------------------------- setup

    def _add_user(self, name: str) -> FakeUser:
        user = FakeUser(snowflake(), name)
        self.users[user.id] = user
        return user

    def add_user(self, name: str, *, guild: FakeGuild | None = None, admin: bool = False) -> int:
        """Adds a member to ``guild`` (default: the main guild); returns the user id."""
        user = self._add_user(name)
        target = guild or self.guild
        target.members[user.id] = [target.role_named("Admin").id] if admin else []
        return user.id

    def add_guild(self, name: str, *, channels: Iterable[str] = ("general", "petitions")) -> FakeGuild:
        """Adds a guild with @everyone, Admin and Bot roles, the given text channels and the known users.

        Call before the bot connects to have it in READY; afterwards use ``join_guild``."""
        gid = snowflake()
        guild = FakeGuild(id=gid, name=name, owner_id=self.owner_id)
        guild.roles = [
            FakeRole(gid, "@everyone", MEMBER_PERMISSIONS),
            FakeRole(snowflake(), "Admin", ADMINISTRATOR, position=2),
            FakeRole(snowflake(), "Bot", BOT_PERMISSIONS, position=1),
        ]
        guild.channels = [FakeChannel(snowflake(), ch, gid, position=i) for i, ch in enumerate(channels)]
        guild.members = {uid: [] for uid in self.users}
        guild.members[self.bot_user.id] = [guild.role_named("Bot").id]
        guild.members[self.owner_id] = [guild.role_named("Admin").id]
        self.guilds.append(guild)
        return guild

    def add_channel(self, name: str, *, guild: FakeGuild | None = None) -> int:
        """Adds a text channel (before connect, or follow with a CHANNEL_CREATE via ``dispatch``)."""
        target = guild or self.guild
        channel = FakeChannel(snowflake(), name, target.id, position=len(target.channels))
        target.channels.append(channel)
        return channel.id

    def channel(self, channel_id: int) -> FakeChannel | None:
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return channel
        return next((ch for ch in self.dm_channels.values() if ch.id == channel_id), None)

    def guild_of(self, guild_id: int) -> FakeGuild | None:
        return next((guild for guild in self.guilds if guild.id == guild_id), None)

    def upload(self, filename: str, data: bytes, *, content_type: str | None = None) -> Upload:
        """A file for an attachment option: pass it as the option's value, e.g. ``{"file": upload}``."""
        upload = Upload(snowflake(), filename, data, content_type)
        self.uploads[upload.id] = upload
        return upload

    def block_dms(self, user_id: int) -> None:
        """Sending a DM to this user fails with 403 code 50007, as when they closed their DMs."""
        self.blocked_dm_user_ids.add(user_id)

    def dm_channel(self, user_id: int) -> FakeChannel:
        """The DM channel with ``user_id``, opened on first use as Discord does."""
        channel = self.dm_channels.get(user_id)
        if channel is None:
            channel = FakeChannel(snowflake(), "", None, type=1, recipient_id=user_id)
            self.dm_channels[user_id] = channel
        return channel

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """The value for ``discord.http.Route.BASE``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """The value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (as a yarl.URL)."""
        return f"ws://127.0.0.1:{self.port}/gw"

    # ---------------------------------------------------------------------------------- observation

    async def _notify(self) -> None:
        if self._cond is None:
            return
        async with self._cond:
            self._cond.notify_all()

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "a condition"
    ) -> Any:
        """Waits until ``predicate()`` is truthy (re-checked after every request, gateway op and 20 ms)."""
        assert self._cond is not None, "start() the fake first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-8:]]
                raise TimeoutError(
                    f"fake Discord: waited {timeout}s for {what}; last requests: {recent}; "
                    f"violations: {self.violations}"
                )
            # Woken by every request/gateway op; the short poll also catches bot-side state and log records.
            async with self._cond:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._cond.wait(), min(0.02, remaining))

    async def wait_followups(self, token: str, n: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Waits for ``n`` followups on an interaction token; returns the followup messages."""
        return await self.interactions[token].wait_followups(n, timeout)

    async def wait_channel_messages(
        self, n: int = 1, *, channel_id: int | None = None, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """Waits until at least ``n`` channel posts exist (in ``channel_id`` if given); returns them."""
        await self.wait_for(
            lambda: len(self.channel_messages(channel_id)) >= n,
            timeout,
            f"{n} channel message(s) in {channel_id}",
        )
        return self.channel_messages(channel_id)

    def channel_messages(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        """Messages posted with POST /channels/{id}/messages (not interaction replies), oldest first."""
        out = [self.messages[mid] for mid in self.channel_posts if mid in self.messages]
        if channel_id is not None:
            out = [m for m in out if int(m["channel_id"]) == channel_id]
        return out

    def requests_to(self, pattern: str) -> list[RecordedRequest]:
        """Recorded requests matching a route pattern such as ``"POST /channels/{id}/messages"``."""
        method, regex = compile_route(pattern)
        return [r for r in self.requests if (method is None or r.method == method) and regex.match(r.path)]

    def synced_command(self, name: str, scope: int | None | str = "any") -> dict[str, Any] | None:
        """The last synced definition of a top-level command (guild scope first when ``scope="any"``)."""
        scopes: list[int | None] = [self.guild_id, None] if scope == "any" else [scope]  # type: ignore[list-item]
        for key in scopes:
            for command in self.synced.get(key, []):
                if command["name"] == name:
                    return command
        return None

    def assert_clean(self) -> None:
        """Raises AssertionError listing every recorded limit violation."""
        self.violations.assert_clean()

    def _violate(self, text: str) -> None:
        self.violations.record(text)

    # ---------------------------------------------------------------------------------------- faults

    def fail(
        self,
        route: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        code: int | None = None,
        message: str | None = None,
        is_global: bool = False,
    ) -> Fault:
        """Makes the next ``times`` requests matching ``route`` fail with ``status``.

        ``route`` is ``"[METHOD ]/path"`` relative to /api/v10, with ``{name}`` or ``*`` for one segment and
        ``**`` for any rest, e.g. ``"POST /channels/{id}/messages"``. 429 carries ``Via`` and a JSON
        ``retry_after`` (so discord.py retries); 403/404/5xx carry ``code``/``message``. Remember discord.py
        retries 500/502/504 (and the webhook adapter every 5xx) with 1-9 s sleeps: inject one failure, or 503
        on bot routes.
        """
        method, regex = compile_route(route)
        fault = Fault(method, regex, status, times, retry_after, code, message, is_global)
        self._faults.append(fault)
        return fault

    def hold(self, route: str) -> Hold:
        """Makes requests matching ``route`` (as in ``fail``) wait until ``hold.release()``; then they go on."""
        method, regex = compile_route(route)
        held = Hold(method, regex)
        self._holds.append(held)
        return held

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.hits < fault.times and (fault.method in (None, method)) and fault.regex.match(path):
                fault.hits += 1
                return fault
        return None
