"""A fake Discord (gateway + REST) on 127.0.0.1 for end-to-end tests of an unmodified discord.py bot.

Why: the bot's behaviour that users notice (what a slash command replies, what a button does, what lands in a
channel) lives in discord.py glue that unit tests cannot reach. discord.py 2.7.1 reads two public class
attributes for its endpoints (``discord.http.Route.BASE`` and ``discord.gateway.DiscordWebSocket.
DEFAULT_GATEWAY``), so a real ``commands.Bot`` can log in, sync, receive interactions and reply against this
server without patching anything private. Protocol details and limits: ../shared/notes/discord-fake.md.

Typical use (the real conftest wraps these in fixtures)::

    async with fake_discord_server() as fake, running_bot(make_bot, fake) as bot:
        handle = await fake.slash("ping")
        reply = await handle.final_message()
        assert "Pong" in visible_text(reply)

Build the bot with ``guild_ready_timeout=0.05`` (otherwise ``on_ready`` waits 2 s) and override
``before_identify_hook`` to return at once (otherwise a re-identify sleeps 5 s); see ``FastIdentifyMixin``.

The server checks every message, autocomplete answer, modal and command sync against Discord's limits
(``discord_limits``) and records problems in ``fake.violations``; ``fake_discord_server`` fails the test at
teardown when any were recorded. ``running_bot`` fails it when an ERROR was logged by discord.py (or by the
loggers you name) and nobody claimed it with ``fake.error_log.pop_matching(...)``.
"""

# ruff: noqa: ASYNC109  (the waits take a plain `timeout=`: it reads best in tests)
from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import json
import logging
import re
import secrets
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import yarl
from aiohttp import WSMsgType, web
from discord.ext import commands

if __package__:
    from .discord_limits import check_autocomplete, check_commands, check_message, check_modal
else:  # tests/ is on sys.path (pytest rootdir-relative import without a package)
    from discord_limits import check_autocomplete, check_commands, check_message, check_modal

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1_420_070_400_000
API_PREFIX = "/api/v10"
JSON_HEADERS = {"Content-Type": "application/json"}  # exactly this: discord.py compares with ==

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
#: Message flags a bot may set when creating a message (suppress embeds, ephemeral, silent, components V2).
_SENDABLE_FLAGS = (1 << 2) | FLAG_EPHEMERAL | (1 << 12) | (1 << 15)

INTERACTION_PING, INTERACTION_COMMAND, INTERACTION_COMPONENT, INTERACTION_AUTOCOMPLETE, INTERACTION_MODAL = (
    1,
    2,
    3,
    4,
    5,
)
#: Callback types Discord accepts for each interaction type.
_ALLOWED_CALLBACKS = {
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
#: The bot's own role.
BOT_PERMISSIONS = (
    MEMBER_PERMISSIONS | discord.Permissions(manage_messages=True, send_messages_in_threads=True).value
)

_counter = itertools.count()


def snowflake(at: float | None = None) -> int:
    """A real-time snowflake: discord.py derives ``created_at`` and interaction expiry from it."""
    ms = int((time.time() if at is None else at) * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (1 << 17) | (next(_counter) % 4096)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _perm_value(value: int | str | discord.Permissions | None, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, discord.Permissions):
        return value.value
    return int(value)


# ------------------------------------------------------------------------------------------- data model


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

    def payload(self, fake: FakeDiscord) -> dict[str, Any]:
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
        if value & discord.Permissions(administrator=True).value:
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
class RecordedFile:
    field: str
    filename: str | None
    data: bytes
    content_type: str | None
    attachment_id: str | None = None  # set once the fake turned the file into a message attachment


@dataclass
class Hold:
    """Requests matching a route wait at the fake until ``release()``: Discord taking its time, so a
    test can act while a request is in flight. ``entered`` is set when the first one arrives."""

    method: str | None
    regex: re.Pattern[str]
    entered: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        self.released.set()


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


@dataclass
class RecordedRequest:
    """One REST request as the fake saw it. ``json`` is the JSON body, or ``payload_json`` of a multipart body."""

    method: str
    path: str  # relative to /api/v10, e.g. "/channels/123/messages"
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    authorization: str | None
    at: float
    status: int = 0
    response: Any = None
    faulted: bool = False


@dataclass
class Callback:
    """The initial response to an interaction (POST /interactions/{id}/{token}/callback)."""

    type: int
    data: dict[str, Any] | None
    elapsed: float  # seconds from dispatch to callback
    message_id: int | None
    request: RecordedRequest


@dataclass
class Fault:
    """A scripted failure: the next ``times`` requests matching ``pattern`` get ``status``."""

    method: str | None
    regex: re.Pattern[str]
    status: int
    times: int
    retry_after: float
    code: int | None
    message: str | None
    is_global: bool
    hits: int = 0

    def respond(self) -> web.Response:
        headers = dict(JSON_HEADERS)
        if self.status == 429:
            headers["Via"] = "1.1 google"
            headers["X-RateLimit-Scope"] = "global" if self.is_global else "user"
            body: dict[str, Any] = {
                "message": self.message or "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.is_global,
            }
            if self.code is not None:
                body["code"] = self.code
        else:
            default_code = {403: 50013, 404: 10008}.get(self.status, 0)
            default_message = {403: "Missing Permissions", 404: "Unknown Message"}.get(
                self.status, "Server Error"
            )
            body = {"message": self.message or default_message, "code": self.code or default_code}
        return web.Response(status=self.status, body=json.dumps(body).encode(), headers=headers)


def _compile_route(pattern: str) -> tuple[str | None, re.Pattern[str]]:
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


# ------------------------------------------------------------------------------------- interaction handle


class InteractionHandle:
    """One interaction the fake sent, and everything the bot did with its token."""

    def __init__(self, fake: FakeDiscord, payload: dict[str, Any], source_message_id: int | None) -> None:
        self.fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.channel_id = int(payload["channel"]["id"])
        self.guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        self.user_id = int((payload.get("member") or payload)["user"]["id"])
        self.sent_at = time.monotonic()
        self.source_message_id = source_message_id
        self.callbacks: list[Callback] = []
        self.original_id: int | None = None
        self.followup_ids: list[int] = []
        self.edits: list[dict[str, Any]] = []  # bodies of PATCH …/messages/{@original|id}
        self.loading = False
        self.expired = False

    def __repr__(self) -> str:
        return (
            f"<InteractionHandle id={self.id} type={self.type} callbacks={[c.type for c in self.callbacks]}>"
        )

    @property
    def response(self) -> Callback | None:
        """The initial response, once the bot sent it."""
        return self.callbacks[0] if self.callbacks else None

    async def wait_response(self, timeout: float = 5.0) -> Callback:
        """Waits for the initial callback (type 4/5/6/7/8/9) and returns it."""
        await self.fake.wait_for(lambda: bool(self.callbacks), timeout, f"the response to {self!r}")
        return self.callbacks[0]

    async def wait_followups(self, n: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Waits until the bot sent at least ``n`` followups with this token; returns their current state."""
        await self.fake.wait_for(lambda: len(self.followup_ids) >= n, timeout, f"{n} followup(s) on {self!r}")
        return self.followups

    @property
    def choices(self) -> list[dict[str, Any]]:
        """The autocomplete choices the bot answered with (callback type 8)."""
        response = self.response
        if response is None or response.type != 8:
            raise AssertionError(f"{self!r} has no autocomplete response")
        return list((response.data or {}).get("choices") or [])

    @property
    def original(self) -> dict[str, Any] | None:
        """The current state of the response message (after edits), or None."""
        if self.original_id is None:
            return None
        return self.fake.messages.get(self.original_id)

    @property
    def followups(self) -> list[dict[str, Any]]:
        return [self.fake.messages[mid] for mid in self.followup_ids if mid in self.fake.messages]

    def messages(self) -> list[dict[str, Any]]:
        """What the user sees now: the response message (unless still "thinking") and then the followups."""
        seen: set[int] = set()
        out: list[dict[str, Any]] = []
        original = self.original
        if original is not None and not int(original.get("flags", 0)) & FLAG_LOADING:
            out.append(original)
            seen.add(int(original["id"]))
        for message in self.followups:
            if int(message["id"]) not in seen:
                out.append(message)
                seen.add(int(message["id"]))
        return out

    async def final_message(self, timeout: float = 5.0) -> dict[str, Any]:
        """The message that answers the user: the callback's message, or, after a deferral, the edited
        original or the first followup. Raises for autocomplete (see ``choices``) and modals."""
        response = await self.wait_response(timeout)
        if response.type in (4, 7):
            return self.fake.messages[response.message_id]  # type: ignore[index]
        if response.type == 8:
            raise AssertionError("an autocomplete interaction has no message; use handle.choices")
        if response.type == 9:
            raise AssertionError("the bot answered with a modal; see handle.response.data")

        def answered() -> bool:
            if response.type == 5:
                return not self.loading or bool(self.followup_ids)
            return bool(self.edits) or bool(self.followup_ids)

        await self.fake.wait_for(answered, timeout, f"the answer after a deferral on {self!r}")
        if response.type == 5 or self.edits:
            original = self.original
            if original is not None:
                return original
        return self.followups[0]

    def expire(self) -> None:
        """Makes the token behave as if 15 minutes had passed (followups and edits get 404, code 10015)."""
        self.expired = True


# ------------------------------------------------------------------------------------------------ server


class FakeDiscord:
    """The fake server. Start with ``await fake.start()`` (or use ``fake_discord_server()``)."""

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
        self.violations: list[str] = []
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
        self._routes = self._build_routes()

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
            FakeRole(snowflake(), "Admin", discord.Permissions(administrator=True).value, position=2),
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

    async def start(self) -> FakeDiscord:
        self._cond = asyncio.Condition()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gw", self._gateway)
        app.router.add_get("/gw/resume", self._gateway)
        app.router.add_get("/cdn/{attachment_id}/{filename}", self._cdn)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        for hold in self._holds:
            hold.release()
        if self._active_ws is not None and not self._active_ws.closed:
            await self._active_ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

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
        method, regex = _compile_route(pattern)
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
        if self.violations:
            listing = "\n  ".join(self.violations)
            raise AssertionError(f"fake Discord recorded {len(self.violations)} violation(s):\n  {listing}")

    def _violate(self, text: str) -> None:
        log.warning("Discord limit violation: %s", text)
        self.violations.append(text)

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
        method, regex = _compile_route(route)
        fault = Fault(method, regex, status, times, retry_after, code, message, is_global)
        self._faults.append(fault)
        return fault

    def hold(self, route: str) -> Hold:
        """Makes requests matching ``route`` (as in ``fail``) wait until ``hold.release()``; then they go on."""
        method, regex = _compile_route(route)
        held = Hold(method, regex)
        self._holds.append(held)
        return held

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.hits < fault.times and (fault.method in (None, method)) and fault.regex.match(path):
                fault.hits += 1
                return fault
        return None

    # --------------------------------------------------------------------------------------- gateway

    async def _send_ws(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        async with self._ws_lock:
            await ws.send_str(json.dumps(payload))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Sends a gateway dispatch (op 0) with the next sequence number to the connected bot."""
        ws = self._active_ws
        if ws is None or ws.closed:
            raise RuntimeError("fake Discord: no bot is connected to the gateway")
        async with self._ws_lock:
            self._seq += 1
            await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self.gateway_paths.append(request.path)
        await self._send_ws(
            ws, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None}
        )
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                await self._on_gateway_op(ws, payload)
        finally:
            if self._active_ws is ws:
                self._active_ws = None
            await self._notify()
        return ws

    async def _on_gateway_op(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == 1:
            await self._send_ws(ws, {"op": 11, "d": None, "s": None})
            return
        self.gateway_received.append(payload)
        if op == 2:
            await self._identify(ws, data)
        elif op == 6:
            if data.get("session_id") == self._session_id and data.get("token") == self.token:
                self._active_ws = ws
                self.resumes += 1
                await self.dispatch("RESUMED", {})
            else:
                await self._send_ws(ws, {"op": 9, "d": False, "s": None})
        elif op == 8:
            await self._members_chunk(ws, data)
        await self._notify()

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify = data
        self._active_ws = ws
        self._session_id = secrets.token_hex(16)
        self._seq = 0
        ready: dict[str, Any] = {
            "v": 10,
            "session_id": self._session_id,
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gw/resume",
            "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(guild.id), "unavailable": True} for guild in self.guilds],
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if data.get("shard") is not None:
            ready["shard"] = data["shard"]  # Discord echoes the [shard_id, shard_count] of IDENTIFY
        await self.dispatch("READY", ready)
        for guild in self.guilds:
            await self.dispatch("GUILD_CREATE", self.guild_payload(guild))

    def guild_payload(self, guild: FakeGuild) -> dict[str, Any]:
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
            "channels": [channel.payload(self) for channel in guild.channels],
            "members": [guild.member_payload(self.users[uid]) for uid in guild.members],
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

    async def join_guild(self, guild: FakeGuild) -> None:
        """Tells the connected bot it joined ``guild`` (GUILD_CREATE)."""
        if guild not in self.guilds:
            self.guilds.append(guild)
        await self.dispatch("GUILD_CREATE", self.guild_payload(guild))

    async def _members_chunk(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        guild = self.guild_of(int(data["guild_id"]))
        members = [guild.member_payload(self.users[uid]) for uid in guild.members] if guild else []
        chunk = {
            "guild_id": data["guild_id"],
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    async def request_reconnect(self, timeout: float = 5.0) -> None:
        """Sends op 7 RECONNECT and waits until the bot resumed at ``resume_gateway_url``."""
        ws = self._active_ws
        if ws is None:
            raise RuntimeError("fake Discord: no bot is connected")
        before = self.resumes
        await self._send_ws(ws, {"op": 7, "d": None, "s": None})
        await self.wait_for(lambda: self.resumes > before, timeout, "the bot to RESUME")

    async def mention(
        self, text: str, *, user_id: int | None = None, channel_id: int | None = None
    ) -> dict[str, Any]:
        """Dispatches MESSAGE_CREATE: a user's message ``<@bot> text`` in a channel; returns the message.

        Discord keeps the content of a message that mentions the bot even without the message-content
        intent. The bot's reply is a channel post (``channel_messages``) whose ``message_reference`` names
        this message when it replied."""
        author = self.users[user_id or self.user_id]
        channel = self.channel(channel_id or self.channel_id)
        assert channel is not None, "no such channel in the fake"
        message: dict[str, Any] = {
            "id": str(snowflake()),
            "channel_id": str(channel.id),
            "type": 0,
            "content": f"<@{self.bot_user.id}> {text}".rstrip(),
            "author": author.payload(),
            "mentions": [self.bot_user.payload()],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "flags": 0,
            "embeds": [],
            "components": [],
            "attachments": [],
        }
        guild = self.guild_of(channel.guild_id) if channel.guild_id is not None else None
        if guild is not None:
            message["guild_id"] = str(guild.id)
            message["member"] = guild.member_payload(author, with_user=False)
        self.messages[int(message["id"])] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    # --------------------------------------------------------------------------------------- driving

    def _command_schema(
        self, name: str, guild: bool, kind: int = 1
    ) -> tuple[dict[str, Any] | None, int | None]:
        """The synced command and its scope (guild id or None), guild commands first."""
        scopes: list[int | None] = [self.guild_id, None] if guild else [None]
        for scope in scopes:
            for command in self.synced.get(scope, []):
                if command["name"] == name and int(command.get("type", 1)) == kind:
                    return command, scope
        return None, None

    def _check_available(self, command: dict[str, Any], guild: bool, permissions: int) -> None:
        """Discord hides commands the member may not use; the fake refuses to send them."""
        contexts = command.get("contexts")
        if contexts is not None:
            needed = 0 if guild else 1
            if needed not in contexts:
                raise LookupError(f"/{command['name']} is not available in {'guilds' if guild else 'DMs'}")
        if not guild and command.get("dm_permission") is False:
            raise LookupError(f"/{command['name']} is not available in DMs")
        required = command.get("default_member_permissions")
        if guild and required is not None:
            required_value = int(required)
            if permissions & discord.Permissions(administrator=True).value:
                return
            if permissions & required_value != required_value:
                raise LookupError(
                    f"/{command['name']} is hidden from members without permissions {required_value}"
                )

    def _base_payload(
        self,
        kind: int,
        *,
        user_id: int | None,
        guild: bool,
        locale: str,
        guild_locale: str | None,
        channel_id: int | None,
        permissions: int | str | discord.Permissions | None,
    ) -> dict[str, Any]:
        uid = user_id or self.user_id
        user = self.users.get(uid) or FakeUser(uid, f"user{uid}")
        self.users.setdefault(uid, user)
        payload: dict[str, Any] = {
            "id": str(snowflake()),
            "type": kind,
            "token": "itok_" + secrets.token_urlsafe(24),
            "version": 1,
            "application_id": str(self.app_id),
            "attachment_size_limit": 10 * 1024 * 1024,
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
        }
        if guild:
            cid = channel_id or self.channel_id
            channel = self.channel(cid)
            if channel is None or channel.guild_id is None:
                raise LookupError(f"unknown guild channel {cid}")
            target = self.guild_of(channel.guild_id) or self.guild
            target.members.setdefault(uid, [])
            perms = _perm_value(permissions, target.permissions_of(uid))
            member = target.member_payload(user)
            member["permissions"] = str(perms)
            payload.update(
                guild_id=str(target.id),
                channel_id=str(cid),
                channel={**channel.payload(self), "permissions": str(perms)},
                member=member,
                app_permissions=str(target.permissions_of(self.bot_user.id)),
                guild_locale=guild_locale or target.locale,
                context=0,
                authorizing_integration_owners={"0": str(target.id)},
            )
        else:
            dm = self._dm_channel(uid)
            payload.update(
                channel_id=str(dm.id),
                channel=dm.payload(self),
                user=user.payload(),
                app_permissions=str(BOT_PERMISSIONS),
                context=1,
                authorizing_integration_owners={"0": "0"},
            )
        return payload

    def _dm_channel(self, user_id: int) -> FakeChannel:
        channel = self.dm_channels.get(user_id)
        if channel is None:
            channel = FakeChannel(snowflake(), "", None, type=1, recipient_id=user_id)
            self.dm_channels[user_id] = channel
        return channel

    def _build_options(
        self,
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
                kind = _infer_type(value)
            entry: dict[str, Any] = {"name": name, "type": kind}
            if name == focused:
                entry["value"] = str(value)
                entry["focused"] = True
            elif kind in (6, 7, 8, 9, 11):
                entry["value"] = str(getattr(value, "id", value))
                self._resolve(kind, int(entry["value"]), resolved)
            else:
                if validate and schema is not None and focused is None:
                    _validate_value(schema, value, where)
                entry["value"] = value
            out.append(entry)
        if validate and focused is None:
            missing = [
                opt["name"] for opt in schema_options if opt.get("required") and opt["name"] not in options
            ]
            if missing:
                raise ValueError(f"{where}: required option(s) missing: {missing}")
        return out

    def _resolve(self, kind: int, object_id: int, resolved: dict[str, dict[str, Any]]) -> None:
        """Fills ``data.resolved`` for user/channel/role/attachment options the way Discord does."""
        key = str(object_id)
        if kind in (6, 9) and object_id in self.users:
            user = self.users[object_id]
            resolved.setdefault("users", {})[key] = user.payload()
            if object_id in self.guild.members:
                member = self.guild.member_payload(user, with_user=False)
                member["permissions"] = str(self.guild.permissions_of(object_id))
                resolved.setdefault("members", {})[key] = member
        if kind in (8, 9):
            role = next((r for r in self.guild.roles if r.id == object_id), None)
            if role is not None:
                resolved.setdefault("roles", {})[key] = role.payload()
        if kind == 11 and object_id in self.uploads:
            resolved.setdefault("attachments", {})[key] = self.uploads[object_id].payload(self.base_url)
        if kind == 7:
            channel = self.channel(object_id)
            if channel is not None:
                data = channel.payload(self)
                data["permissions"] = str(MEMBER_PERMISSIONS)
                resolved.setdefault("channels", {})[key] = data

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | None,
        *,
        subcommand: str | None,
        guild: bool,
        types: Mapping[str, int] | None,
        validate: bool,
        focused: str | None,
        permissions: int,
    ) -> dict[str, Any]:
        command, scope = self._command_schema(name, guild)
        if command is None and self.require_synced:
            known = {str(s): [c["name"] for c in cmds] for s, cmds in self.synced.items()}
            raise LookupError(f"/{name} was never synced, so Discord would not offer it; synced: {known}")
        if command is not None and validate:
            self._check_available(command, guild, permissions)
        if command is None and guild:
            scope = self.guild_id
        resolved: dict[str, dict[str, Any]] = {}
        schema_options = list((command or {}).get("options") or [])
        path = subcommand.split() if subcommand else []
        where = f"/{' '.join([name, *path])}"
        leaf_options = schema_options
        for part in path:
            node = next((opt for opt in leaf_options if opt["name"] == part), None)
            if node is None and command is not None and validate:
                raise ValueError(f"{where}: no subcommand {part!r}")
            leaf_options = list((node or {}).get("options") or [])
        if (
            command is not None
            and validate
            and not path
            and any(o.get("type") in (1, 2) for o in schema_options)
        ):
            raise ValueError(f"{where} has subcommands; pass subcommand=...")
        built = self._build_options(
            options,
            leaf_options,
            types,
            validate=validate and command is not None,
            focused=focused,
            resolved=resolved,
            where=where,
        )
        for index in range(len(path) - 1, -1, -1):
            kind = 1 if index == len(path) - 1 else 2
            built = [{"name": path[index], "type": kind, "options": built}]
        data: dict[str, Any] = {
            "id": str(command["id"]) if command else str(snowflake()),
            "name": name,
            "type": 1,
            "options": built,
        }
        if resolved:
            data["resolved"] = resolved
        if scope is not None:
            data["guild_id"] = str(scope)
        return data

    async def _send_interaction(
        self, payload: dict[str, Any], source_message_id: int | None
    ) -> InteractionHandle:
        handle = InteractionHandle(self, payload, source_message_id)
        self.interactions[handle.token] = handle
        await self.dispatch("INTERACTION_CREATE", payload)
        return handle

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        locale: str = "en-US",
        guild_locale: str | None = None,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
        permissions: int | str | discord.Permissions | None = None,
        types: Mapping[str, int] | None = None,
        validate: bool = True,
    ) -> InteractionHandle:
        """Sends a slash command (INTERACTION_CREATE type 2) as ``user_id`` (default ``fake.user_id``).

        ``subcommand`` is ``"sub"`` or ``"group sub"``. Option values are typed from ``Typed(value, type)``,
        then ``types``, then the synced schema, then the Python type (str 3, int 4, bool 5, float 10); users,
        channels and roles (types 6-9) take an id, attachments (11) a ``fake.upload(...)``, and are put in
        ``data.resolved``. With ``validate`` the fake
        refuses (LookupError/ValueError) what Discord's client would not send: unsynced or hidden commands,
        unknown or missing options, values outside choices or min/max. ``permissions`` overrides the member's
        computed permissions.
        """
        payload = self._base_payload(
            INTERACTION_COMMAND,
            user_id=user_id,
            guild=guild,
            locale=locale,
            guild_locale=guild_locale,
            channel_id=channel_id,
            permissions=permissions,
        )
        perms = int(payload["member"]["permissions"]) if guild else 0
        payload["data"] = self._command_data(
            name,
            options,
            subcommand=subcommand,
            guild=guild,
            types=types,
            validate=validate,
            focused=None,
            permissions=perms,
        )
        return await self._send_interaction(payload, None)

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        subcommand: str | None = None,
        locale: str = "en-US",
        user_id: int | None = None,
        guild: bool = True,
        types: Mapping[str, int] | None = None,
    ) -> InteractionHandle:
        """Sends an autocomplete request (type 4); ``options[focused]`` is sent as the raw typed string."""
        payload = self._base_payload(
            INTERACTION_AUTOCOMPLETE,
            user_id=user_id,
            guild=guild,
            locale=locale,
            guild_locale=None,
            channel_id=None,
            permissions=None,
        )
        perms = int(payload["member"]["permissions"]) if guild else 0
        payload["data"] = self._command_data(
            name,
            options,
            subcommand=subcommand,
            guild=guild,
            types=types,
            validate=True,
            focused=focused,
            permissions=perms,
        )
        return await self._send_interaction(payload, None)

    def _find_component(self, message: dict[str, Any], custom_id: str) -> dict[str, Any] | None:
        stack = list(message.get("components") or [])
        while stack:
            component = stack.pop()
            if component.get("custom_id") == custom_id:
                return component
            stack.extend(component.get("components") or [])
            for key in ("accessory", "component"):
                if isinstance(component.get(key), dict):
                    stack.append(component[key])
        return None

    async def click(
        self,
        message_id: int | str,
        custom_id: str,
        *,
        user_id: int | None = None,
        locale: str = "en-US",
        values: list[str] | None = None,
        component_type: int | None = None,
    ) -> InteractionHandle:
        """Clicks a button (or, with ``values``, picks in a select) on a message the bot sent.

        The component must exist on the message and not be disabled, as in Discord's client."""
        mid = int(message_id)
        message = self.messages.get(mid)
        if message is None:
            raise LookupError(f"message {mid} is unknown to the fake (deleted, or never sent)")
        component = self._find_component(message, custom_id)
        if component is None:
            raise LookupError(f"message {mid} has no component with custom_id {custom_id!r}")
        if component.get("disabled"):
            raise LookupError(f"component {custom_id!r} on message {mid} is disabled")
        kind = component_type or int(component.get("type", 2))
        channel_id = int(message["channel_id"])
        payload = self._base_payload(
            INTERACTION_COMPONENT,
            user_id=user_id,
            guild=message.get("guild_id") is not None,
            locale=locale,
            guild_locale=None,
            channel_id=channel_id,
            permissions=None,
        )
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if values is not None or kind != 2:
            data["values"] = list(values or [])
        payload["data"] = data
        payload["message"] = json.loads(json.dumps(message))
        return await self._send_interaction(payload, mid)

    async def select(
        self, message_id: int | str, custom_id: str, values: list[str], **kwargs: Any
    ) -> InteractionHandle:
        """Picks ``values`` in a select menu (shortcut for ``click(..., values=...)``)."""
        return await self.click(message_id, custom_id, values=values, **kwargs)

    async def submit_modal(
        self,
        opened_by: InteractionHandle,
        values: Mapping[str, str],
        *,
        user_id: int | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Submits the modal the bot opened in answer to ``opened_by`` with text-input ``values`` by custom_id."""
        response = await opened_by.wait_response()
        if response.type != 9 or not response.data:
            raise AssertionError(f"{opened_by!r} was not answered with a modal")
        modal = response.data

        def fill(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
                    out.append({"type": kind, "component": fill([component["component"]])[0]})
                else:
                    out.append({"type": kind, "components": fill(component.get("components") or [])})
            return out

        payload = self._base_payload(
            INTERACTION_MODAL,
            user_id=user_id or opened_by.user_id,
            guild=opened_by.guild_id is not None,
            locale=locale,
            guild_locale=None,
            channel_id=opened_by.channel_id,
            permissions=None,
        )
        payload["data"] = {"custom_id": modal["custom_id"], "components": fill(modal.get("components") or [])}
        source = opened_by.source_message_id
        if source is not None and source in self.messages:
            payload["message"] = json.loads(json.dumps(self.messages[source]))
        return await self._send_interaction(payload, source)

    # ------------------------------------------------------------------------------------------ REST

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], Callable[..., Awaitable[tuple[int, Any]]]]]:
        table = [
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{app_id}/{token}", self._followup),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_message),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_message),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_message),
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", "/channels/{channel_id}/messages", self._list_messages),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._channel_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._channel_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._channel_message),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels),
            ("GET", "/users/@me/guilds", self._get_my_guilds),
            ("GET", "/guilds/{guild_id}", self._get_guild),
        ]
        routes = []
        for method, pattern, handler in table:
            regex = re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(pattern)) + "$")
            routes.append((method, regex, handler))
        return routes

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        if request.content_type.startswith("multipart/"):
            body: Any = None
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    body = json.loads(await part.text())  # type: ignore[union-attr]
                else:
                    data = await part.read(decode=False)  # type: ignore[union-attr]
                    files.append(
                        RecordedFile(
                            part.name or "", part.filename, bytes(data), part.headers.get("Content-Type")
                        )
                    )
            return body, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode("utf-8", "replace"), files

    @staticmethod
    def _json(status: int, body: Any) -> web.Response:
        if status == 204 or body is None:
            return web.Response(status=204)
        return web.Response(status=status, body=json.dumps(body).encode(), headers=JSON_HEADERS)

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body, files = await self._read_body(request)
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            authorization=request.headers.get("Authorization"),
            at=time.monotonic(),
        )
        self.requests.append(record)
        try:
            fault = self._take_fault(request.method, path)
            if fault is not None:
                record.status = fault.status
                record.faulted = True
                return fault.respond()
            for held in self._holds:
                if held.method in (None, request.method) and held.regex.match(path):
                    held.entered.set()
                    await self._notify()
                    await held.released.wait()
            status, response = await self._route(record)
            record.status, record.response = status, response
            return self._json(status, response)
        except Exception as exc:  # a bug in the fake must fail the test, not hang it in retries
            log.exception("fake Discord failed on %s %s", request.method, path)
            self.violations.append(f"fake-discord internal error on {request.method} {path}: {exc!r}")
            record.status = 400
            return self._json(400, {"message": f"fake Discord error: {exc!r}", "code": 0})
        finally:
            await self._notify()

    async def _route(self, record: RecordedRequest) -> tuple[int, Any]:
        for method, regex, handler in self._routes:
            match = regex.match(record.path)
            if match and method == record.method:
                # Interaction callbacks and webhook calls carry their token in the path, not in a header.
                needs_auth = not record.path.startswith(("/interactions/", "/webhooks/"))
                if needs_auth and record.authorization != f"Bot {self.token}":
                    return 401, {"message": "401: Unauthorized", "code": 0}
                return await handler(record, **match.groupdict())
        self.unhandled.append(record)
        log.info("fake Discord has no route for %s %s", record.method, record.path)
        return 404, {"message": "404: Not Found (no such route in the fake)", "code": 0}

    async def _cdn(self, request: web.Request) -> web.Response:
        attachment_id = request.match_info["attachment_id"]
        upload = self.uploads.get(int(attachment_id)) if attachment_id.isdigit() else None
        if upload is not None:
            upload.downloads += 1
            await self._notify()
            return web.Response(body=upload.data)
        for req in self.requests:
            for recorded in req.files:
                if recorded.attachment_id == attachment_id:
                    return web.Response(body=recorded.data)
        return web.Response(status=404)

    # ----------------------------------------------------------------------------- simple REST routes

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
        return 200, self._dm_channel(recipient).payload(self)

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
        payload = self.guild_payload(guild)
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
            for problem in problems:
                self._violate(problem)
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

    # ------------------------------------------------------------------------------------ messages

    def _attachments_from(self, files: list[RecordedFile]) -> list[dict[str, Any]]:
        out = []
        for recorded in files:
            attachment_id = str(snowflake())
            recorded.attachment_id = attachment_id
            filename = recorded.filename or "file"
            url = f"{self.base_url}/cdn/{attachment_id}/{filename}"
            out.append(
                {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(recorded.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": recorded.content_type,
                }
            )
        return out

    def _new_message(
        self,
        *,
        channel_id: int,
        payload: Mapping[str, Any],
        files: list[RecordedFile],
        flags: int,
        handle: InteractionHandle | None = None,
        kind: int = 0,
    ) -> dict[str, Any]:
        channel = self.channel(channel_id)
        message: dict[str, Any] = {
            "id": str(snowflake()),
            "channel_id": str(channel_id),
            "type": kind,
            "content": payload.get("content") or "",
            "author": self.bot_user.payload(),
            "embeds": [{"type": "rich", **embed} for embed in payload.get("embeds") or []],
            "components": list(payload.get("components") or []),
            "attachments": self._attachments_from(files),
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": bool(payload.get("tts")),
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "flags": flags,
        }
        if channel is not None and channel.guild_id is not None:
            message["guild_id"] = str(channel.guild_id)
        if payload.get("message_reference"):
            message["message_reference"] = payload["message_reference"]
        if handle is not None:
            message["webhook_id"] = str(self.app_id)
            message["application_id"] = str(self.app_id)
            invoker = self.users[handle.user_id]
            message["interaction_metadata"] = {
                "id": str(handle.id),
                "type": handle.type,
                "user": invoker.payload(),
                "authorizing_integration_owners": handle.payload.get("authorizing_integration_owners", {}),
            }
        self.messages[int(message["id"])] = message
        return message

    def _apply_edit(
        self, message: dict[str, Any], payload: Mapping[str, Any], files: list[RecordedFile]
    ) -> None:
        defaults: dict[str, Any] = {"content": "", "embeds": [], "components": []}
        for key, default in defaults.items():
            if key in payload:
                value = payload[key]
                if key == "embeds" and value:
                    value = [{"type": "rich", **embed} for embed in value]
                message[key] = value if value is not None else default
        if "attachments" in payload or files:
            keep = {str(a.get("id")) for a in payload.get("attachments") or []}
            kept = [a for a in message.get("attachments", []) if a["id"] in keep]
            message["attachments"] = kept + self._attachments_from(files)
        flags = int(message.get("flags", 0)) & ~FLAG_LOADING
        if payload.get("flags") is not None:
            flags = (flags & FLAG_EPHEMERAL) | (int(payload["flags"]) & _SENDABLE_FLAGS & ~FLAG_EPHEMERAL)
        message["flags"] = flags
        message["edited_timestamp"] = _now_iso()

    def _check(self, payload: Mapping[str, Any], *, new: bool, where: str) -> None:
        for problem in check_message(payload, new=new, where=where):
            self._violate(problem)

    def _merged_for_check(self, message: dict[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(message)
        if payload.get("allowed_mentions") is not None:
            merged["allowed_mentions"] = payload["allowed_mentions"]
        return merged

    async def _interaction_callback(
        self, record: RecordedRequest, interaction_id: str, token: str
    ) -> tuple[int, Any]:
        handle = self.interactions.get(token)
        if handle is None or handle.id != int(interaction_id):
            return 404, {"message": "Unknown interaction", "code": 10062}
        body = record.json if isinstance(record.json, dict) else {}
        cb_type = int(body.get("type", 0))
        data = body.get("data")
        elapsed = time.monotonic() - handle.sent_at
        where = f"interaction {handle.id} callback type {cb_type}"
        if handle.callbacks:
            self._violate(f"{where}: interaction already acknowledged (40060)")
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        if handle.expired or elapsed > self.response_deadline:
            self._violate(
                f"{where}: initial response after {elapsed:.2f}s (deadline {self.response_deadline}s)"
            )
            return 404, {"message": "Unknown interaction", "code": 10062}
        if cb_type not in _ALLOWED_CALLBACKS.get(handle.type, set()):
            self._violate(f"{where}: callback type {cb_type} not allowed for interaction type {handle.type}")
            return 400, {"message": "Invalid Form Body", "code": 50035}

        message: dict[str, Any] | None = None
        flags = int((data or {}).get("flags") or 0)
        if cb_type == 4:
            self._check(data or {}, new=True, where=where)
            kind = 20 if handle.type == INTERACTION_COMMAND else 0
            message = self._new_message(
                channel_id=handle.channel_id,
                payload=data or {},
                files=record.files,
                flags=flags & _SENDABLE_FLAGS,
                handle=handle,
                kind=kind,
            )
            handle.original_id = int(message["id"])
        elif cb_type == 5:
            kind = 20 if handle.type == INTERACTION_COMMAND else 0
            message = self._new_message(
                channel_id=handle.channel_id,
                payload={},
                files=[],
                flags=(flags & FLAG_EPHEMERAL) | FLAG_LOADING,
                handle=handle,
                kind=kind,
            )
            handle.original_id = int(message["id"])
            handle.loading = True
        elif cb_type in (6, 7):
            source = handle.source_message_id
            message = self.messages.get(source) if source is not None else None
            if message is None:
                self._violate(f"{where}: no message to update")
                return 400, {"message": "Unknown Message", "code": 10008}
            handle.original_id = source
            if cb_type == 7:
                self._apply_edit(message, data or {}, record.files)
                self._check(self._merged_for_check(message, data or {}), new=False, where=where)
        elif cb_type == 8:
            for problem in check_autocomplete((data or {}).get("choices"), where=where):
                self._violate(problem)
        elif cb_type == 9:
            for problem in check_modal(data or {}, where=where):
                self._violate(problem)

        callback = Callback(cb_type, data, elapsed, handle.original_id if message else None, record)
        handle.callbacks.append(callback)
        interaction: dict[str, Any] = {"id": str(handle.id), "type": handle.type}
        resource: dict[str, Any] = {"type": cb_type}
        if message is not None:
            interaction.update(
                response_message_id=message["id"],
                response_message_loading=cb_type == 5,
                response_message_ephemeral=bool(int(message.get("flags", 0)) & FLAG_EPHEMERAL),
            )
            resource["message"] = message
        return 200, {"interaction": interaction, "resource": resource}

    def _webhook_handle(self, app_id: str, token: str) -> InteractionHandle | None:
        handle = self.interactions.get(token)
        if handle is None or int(app_id) != self.app_id or handle.expired:
            return None
        return handle

    async def _followup(self, record: RecordedRequest, app_id: str, token: str) -> tuple[int, Any]:
        handle = self._webhook_handle(app_id, token)
        if handle is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        where = f"interaction {handle.id} followup"
        if not handle.callbacks:
            self._violate(f"{where}: followup sent before the initial response")
            return 404, {"message": "Unknown Webhook", "code": 10015}
        if handle.callbacks[0].type in (8, 9):
            self._violate(f"{where}: followup after a callback of type {handle.callbacks[0].type}")
            return 400, {"message": "Invalid Webhook Token", "code": 50027}
        payload = record.json if isinstance(record.json, dict) else {}
        self._check(payload, new=True, where=where)
        original = handle.original
        if handle.loading and original is not None:
            # Discord turns the "thinking…" message into the first followup.
            self._apply_edit(original, payload, record.files)
            handle.loading = False
            message = original
        else:
            flags = int(payload.get("flags") or 0) & _SENDABLE_FLAGS
            message = self._new_message(
                channel_id=handle.channel_id, payload=payload, files=record.files, flags=flags, handle=handle
            )
        handle.followup_ids.append(int(message["id"]))
        return 200, message

    async def _webhook_message(
        self, record: RecordedRequest, app_id: str, token: str, message_id: str
    ) -> tuple[int, Any]:
        handle = self._webhook_handle(app_id, token)
        if handle is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        if message_id == "@original":
            mid = handle.original_id
        else:
            mid = int(message_id)
            if mid != handle.original_id and mid not in handle.followup_ids:
                mid = None
        message = self.messages.get(mid) if mid is not None else None
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        if record.method == "GET":
            return 200, message
        if record.method == "DELETE":
            self.deleted_messages[mid] = self.messages.pop(mid)  # type: ignore[index]
            return 204, None
        payload = record.json if isinstance(record.json, dict) else {}
        self._apply_edit(message, payload, record.files)
        if mid == handle.original_id:
            handle.loading = False
        handle.edits.append(payload)
        self._check(
            self._merged_for_check(message, payload),
            new=False,
            where=f"interaction {handle.id} edit {message_id}",
        )
        return 200, message

    async def _create_message(self, record: RecordedRequest, channel_id: str) -> tuple[int, Any]:
        channel = self.channel(int(channel_id))
        if channel is None:
            return 404, {"message": "Unknown Channel", "code": 10003}
        if channel.recipient_id is not None and channel.recipient_id in self.blocked_dm_user_ids:
            return 403, {"message": "Cannot send messages to this user", "code": 50007}
        payload = record.json if isinstance(record.json, dict) else {}
        where = f"channel {channel_id} message"
        nonce = payload.get("nonce")
        if isinstance(nonce, str) and len(nonce) > 25:
            self._violate(f"{where}: nonce {nonce!r} longer than 25 characters")
            return 400, {"message": "Invalid Form Body", "code": 50035}
        if nonce is not None and payload.get("enforce_nonce"):
            earlier = self._nonces.get((self.bot_user.id, str(nonce)))
            if earlier is not None and earlier in self.messages:
                self.nonce_hits += 1
                return 200, self.messages[earlier]
        flags = int(payload.get("flags") or 0)
        if flags & FLAG_EPHEMERAL:
            self._violate(f"{where}: ephemeral flag on a channel message")
        self._check(payload, new=True, where=where)
        message = self._new_message(
            channel_id=channel.id, payload=payload, files=record.files, flags=flags & _SENDABLE_FLAGS
        )
        if nonce is not None:
            message["nonce"] = nonce
            self._nonces[(self.bot_user.id, str(nonce))] = int(message["id"])
        self.channel_posts.append(int(message["id"]))
        return 200, message

    async def _list_messages(self, record: RecordedRequest, channel_id: str) -> tuple[int, Any]:
        limit = int(record.query.get("limit", 50))
        found = [m for m in self.messages.values() if m["channel_id"] == channel_id]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        return 200, found[:limit]

    async def _channel_message(
        self, record: RecordedRequest, channel_id: str, message_id: str
    ) -> tuple[int, Any]:
        message = self.messages.get(int(message_id))
        if message is None or message["channel_id"] != channel_id:
            return 404, {"message": "Unknown Message", "code": 10008}
        if record.method == "GET":
            return 200, message
        if record.method == "DELETE":
            self.deleted_messages[int(message_id)] = self.messages.pop(int(message_id))
            return 204, None
        payload = record.json if isinstance(record.json, dict) else {}
        self._apply_edit(message, payload, record.files)
        self._check(
            self._merged_for_check(message, payload), new=False, where=f"channel message {message_id} edit"
        )
        return 200, message


# ------------------------------------------------------------------------------------------ option helpers


@dataclass(frozen=True)
class Typed:
    """An option value with an explicit Discord option type, e.g. ``Typed(3, 10)`` for the number 3."""

    value: Any
    type: int


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _validate_value(schema: Mapping[str, Any], value: Any, where: str) -> None:
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


def visible_text(message: Mapping[str, Any] | None) -> str:
    """Everything a user reads in a message, one piece per line: content, embed texts, component labels.

    Handy for asserting on wording without caring whether it sits in content or an embed."""
    if not message:
        return ""
    parts: list[str] = []
    if message.get("content"):
        parts.append(str(message["content"]))
    for embed in message.get("embeds") or []:
        for key in ("title", "description"):
            if embed.get(key):
                parts.append(str(embed[key]))
        for sub in ("author", "footer"):
            text = (embed.get(sub) or {}).get("name" if sub == "author" else "text")
            if text:
                parts.append(str(text))
        for fld in embed.get("fields") or []:
            parts.append(f"{fld.get('name', '')}\n{fld.get('value', '')}")
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop(0)
        for key in ("label", "placeholder", "content"):
            if component.get(key):
                parts.append(str(component[key]))
        for option in component.get("options") or []:
            parts.append(str(option.get("label", "")))
        stack.extend(component.get("components") or [])
    return "\n".join(parts)


def buttons(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """All buttons on a message (in reading order), to find custom_ids and labels."""
    out: list[dict[str, Any]] = []
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop(0)
        if component.get("type") == 2:
            out.append(component)
        stack[0:0] = list(component.get("components") or [])
    return out


# ------------------------------------------------------------------------------------------- log capture


class ErrorLogCapture(logging.Handler):
    """Collects ERROR (and worse) records from the given loggers; unclaimed ones fail the test.

    discord.py logs exceptions in commands, autocomplete and views instead of raising them, so an error
    that a user would see as "The application did not respond" would otherwise pass silently."""

    def __init__(self, logger_names: Iterable[str] = ("discord",), level: int = logging.ERROR) -> None:
        super().__init__(level)
        self.logger_names = tuple(dict.fromkeys(logger_names))
        self.records: list[logging.LogRecord] = []
        self._saved_levels: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def install(self) -> ErrorLogCapture:
        for name in self.logger_names:
            logger = logging.getLogger(name)
            self._saved_levels[name] = logger.level
            if logger.getEffectiveLevel() > self.level:
                logger.setLevel(self.level)
            logger.addHandler(self)
        return self

    def uninstall(self) -> None:
        for name in self.logger_names:
            logger = logging.getLogger(name)
            logger.removeHandler(self)
            logger.setLevel(self._saved_levels.get(name, logger.level))

    def pop_matching(self, text: str) -> list[logging.LogRecord]:
        """Removes and returns the records whose message or exception text contains ``text`` (expected
        errors); whatever is left at teardown fails the test."""
        taken = [r for r in self.records if text in self._describe(r)]
        self.records = [r for r in self.records if r not in taken]
        return taken

    @staticmethod
    def _describe(record: logging.LogRecord) -> str:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            text += f" [{record.exc_info[0].__name__}: {record.exc_info[1]}]"  # type: ignore[union-attr]
        return text

    def assert_clean(self) -> None:
        if self.records:
            listing = "\n  ".join(self._describe(r) for r in self.records)
            raise AssertionError(f"{len(self.records)} ERROR log record(s) during the test:\n  {listing}")


# ---------------------------------------------------------------------------------------------- fixtures


class FastIdentifyMixin:
    """Mix into the test bot class: the default hook sleeps 5 s before every re-identify."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


@contextlib.asynccontextmanager
async def fake_discord_server(**kwargs: Any) -> AsyncIterator[FakeDiscord]:
    """Starts a ``FakeDiscord`` on 127.0.0.1:0; at teardown fails the test if any limit was violated."""
    fake = FakeDiscord(**kwargs)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()
    fake.assert_clean()


BotFactory = Callable[[], "commands.Bot | Awaitable[commands.Bot]"]


@contextlib.asynccontextmanager
async def running_bot(
    bot_factory: BotFactory | commands.Bot,
    fake: FakeDiscord,
    *,
    token: str | None = None,
    ready_timeout: float = 10.0,
    loggers: Iterable[str] = (),
    check_logs: bool = True,
) -> AsyncIterator[commands.Bot]:
    """Points discord.py at ``fake``, logs the bot in, connects it and waits for ``on_ready``.

    Teardown closes the bot and awaits the connect task (so gateway-parsing errors surface), restores
    ``Route.BASE`` and ``DEFAULT_GATEWAY``, and fails on unclaimed ERROR logs from ``discord`` and
    ``loggers`` (see ``fake.error_log``). Build the bot with ``guild_ready_timeout=0.05``. ``token`` defaults
    to ``fake.token``; another one makes login fail with ``discord.LoginFailure`` (401).
    """
    saved_base = discord.http.Route.BASE
    saved_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    capture = ErrorLogCapture(("discord", *loggers)).install()
    fake.error_log = capture
    bot: commands.Bot | None = None
    connect_task: asyncio.Task[None] | None = None
    body_failed = False
    try:
        discord.http.Route.BASE = fake.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
        if isinstance(bot_factory, commands.Bot):
            bot = bot_factory
        else:
            made = bot_factory()
            bot = await made if inspect.isawaitable(made) else made
        assert bot is not None
        if getattr(bot._connection, "guild_ready_timeout", 0) > 0.5:
            warnings.warn(
                "build the test bot with guild_ready_timeout=0.05 (on_ready waits 2 s)", stacklevel=2
            )
        await bot.login(fake.token if token is None else token)
        connect_task = asyncio.create_task(bot.connect(reconnect=False), name="fake-discord-connect")
        ready_task = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {connect_task, ready_task}, timeout=ready_timeout, return_when="FIRST_COMPLETED"
        )
        if ready_task not in done:
            ready_task.cancel()
            if connect_task in done:
                connect_task.result()  # raises the connect error, if any
                raise RuntimeError("bot.connect() ended before the bot was ready")
            raise TimeoutError(
                f"bot not ready after {ready_timeout}s; gateway ops seen: {fake.gateway_received}"
            )
        try:
            yield bot
        except BaseException:
            body_failed = True
            raise
    finally:
        try:
            if bot is not None:
                await bot.close()
            if connect_task is not None:
                if body_failed:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connect_task, 5)
                else:
                    await asyncio.wait_for(connect_task, 5)
        finally:
            discord.http.Route.BASE = saved_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved_gateway
            capture.uninstall()
    if check_logs:
        capture.assert_clean()
