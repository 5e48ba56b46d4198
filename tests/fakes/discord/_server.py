"""``FakeDiscord``: the fake's state, gateway, driving calls and REST routes joined into one server."""

from __future__ import annotations

import asyncio

from aiohttp import web

from ._driving import DrivingMixin
from ._protocol import API_PREFIX
from ._rest import RestServerMixin, RouteEntry, compile_routes
from ._rest_info import InfoRoutesMixin
from ._rest_messages import MessageRoutesMixin


class FakeDiscord(DrivingMixin, MessageRoutesMixin, InfoRoutesMixin, RestServerMixin):
    """The fake server. Start with ``await fake.start()`` (or use ``fake_discord_server()``)."""

    def __init__(
        self,
        *,
        token: str = "fake-token",
        heartbeat_interval_ms: int = 41_250,
        response_deadline: float = 3.0,
        require_synced: bool = True,
    ) -> None:
        super().__init__(
            token=token,
            heartbeat_interval_ms=heartbeat_interval_ms,
            response_deadline=response_deadline,
            require_synced=require_synced,
        )
        self._routes = self._build_routes()

    def _build_routes(self) -> list[RouteEntry]:
        return compile_routes(
            [
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
        )

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
        addresses = self._runner.addresses
        assert addresses, "the fake's site did not bind"
        self.port = addresses[0][1]
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
