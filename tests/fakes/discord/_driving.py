"""What a test makes users do: slash commands, autocomplete, clicks, selects, modal submissions, mentions.

Each call sends what Discord's client would send, and refuses (LookupError/ValueError) what it would not
let a user send: an unsynced or hidden command, an unknown option, a disabled button.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

import discord

from ._builders import build_options, interaction_payload, mention_message, modal_answers
from ._gateway import GatewayMixin
from ._handle import InteractionHandle
from ._protocol import (
    ADMINISTRATOR,
    INTERACTION_AUTOCOMPLETE,
    INTERACTION_COMMAND,
    INTERACTION_COMPONENT,
    INTERACTION_MODAL,
    snowflake,
)

STALE_VIEW_WAIT = 2.0  # seconds an action waits for a view or modal the bot has not registered


class DrivingMixin(GatewayMixin):
    """Interactions and messages a test sends to the bot as a user, each returning what a test asserts on."""

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
        message = mention_message(self, author, channel, text)
        self.messages[int(message["id"])] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    # --------------------------------------------------------------------------------- interactions

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
            if permissions & ADMINISTRATOR:
                return
            if permissions & required_value != required_value:
                raise LookupError(
                    f"/{command['name']} is hidden from members without permissions {required_value}"
                )

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
        path = subcommand.split() if subcommand else []
        where = f"/{' '.join([name, *path])}"
        built = build_options(
            self,
            options,
            _leaf_options(command, path, where, validate),
            types,
            validate=validate and command is not None,
            focused=focused,
            resolved=resolved,
            where=where,
        )
        data: dict[str, Any] = {
            "id": str(command["id"]) if command else str(snowflake()),
            "name": name,
            "type": 1,
            "options": _nest(built, path),
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
        payload = interaction_payload(
            self,
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
        payload = interaction_payload(
            self,
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
        await self._wait_for_view(mid, kind, custom_id)
        channel_id = int(message["channel_id"])
        payload = interaction_payload(
            self,
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

    async def _wait_for_view(self, message_id: int | None, kind: int, custom_id: str) -> None:
        """Waits until the bot has registered the view (or modal) behind a component, so that an action
        never overtakes it.

        The fake records a message when the bot's request arrives, but discord.py stores the message's view
        only after it has read the response. A user cannot act in between; a test can, on a busy machine.
        A view that never appears (stopped, timed out) is used anyway after a short wait, as a user would
        click a stale button. ``kind`` 0 names a modal."""
        if self.client is None:
            return
        views = self.client._connection._view_store  # private: discord.py has no public lookup

        def known() -> bool:
            if kind == 0:
                return custom_id in views._modals
            for key in (message_id, None):  # None: persistent views, found by custom_id alone
                if (kind, custom_id) in views._views.get(key, {}):
                    return True
            return any(p.fullmatch(custom_id) for p in views._dynamic_items)

        with contextlib.suppress(TimeoutError):
            await self.wait_for(known, STALE_VIEW_WAIT, f"the bot's view {custom_id!r}")

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
        await self._wait_for_view(None, 0, modal["custom_id"])
        payload = interaction_payload(
            self,
            INTERACTION_MODAL,
            user_id=user_id or opened_by.user_id,
            guild=opened_by.guild_id is not None,
            locale=locale,
            guild_locale=None,
            channel_id=opened_by.channel_id,
            permissions=None,
        )
        payload["data"] = {
            "custom_id": modal["custom_id"],
            "components": modal_answers(modal.get("components") or [], values),
        }
        source = opened_by.source_message_id
        if source is not None and source in self.messages:
            payload["message"] = json.loads(json.dumps(self.messages[source]))
        return await self._send_interaction(payload, source)


def _leaf_options(
    command: dict[str, Any] | None, path: list[str], where: str, validate: bool
) -> list[dict[str, Any]]:
    """The options of the (sub)command ``path`` names; a command with subcommands needs one named."""
    schema_options = list((command or {}).get("options") or [])
    leaf_options = schema_options
    for part in path:
        node = next((opt for opt in leaf_options if opt["name"] == part), None)
        if node is None and command is not None and validate:
            raise ValueError(f"{where}: no subcommand {part!r}")
        leaf_options = list((node or {}).get("options") or [])
    if command is not None and validate and not path and any(o.get("type") in (1, 2) for o in schema_options):
        raise ValueError(f"{where} has subcommands; pass subcommand=...")
    return leaf_options


def _nest(built: list[dict[str, Any]], path: list[str]) -> list[dict[str, Any]]:
    """Wraps the leaf options in their subcommand (type 1) and group (type 2), as Discord nests them."""
    for index in range(len(path) - 1, -1, -1):
        kind = 1 if index == len(path) - 1 else 2
        built = [{"name": path[index], "type": kind, "options": built}]
    return built
