"""The gateway side of the fake: the websocket a discord.py client connects to, and the events sent on it.

A plain ``Client`` opens ``DEFAULT_GATEWAY`` without asking REST for a URL, identifies, and after READY
resumes at READY's ``resume_gateway_url``; text frames are fine although the client asks for compression
(../shared/notes/discord-fake.md, sections 2-3).
"""

# ruff: noqa: ASYNC109  (the waits take a plain `timeout=`: it reads best in tests)
from __future__ import annotations

import json
import secrets
from typing import Any

from aiohttp import WSMsgType, web

from ._builders import guild_payload
from ._model import FakeGuild
from ._state import FakeState


class GatewayMixin(FakeState):
    """The websocket handshake (HELLO, IDENTIFY, READY, GUILD_CREATE), heartbeats, resumes and dispatches."""

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
        data: Any = payload.get("d")
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
        return guild_payload(self, guild)

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
