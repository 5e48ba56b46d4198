"""REST routes for messages: interaction callbacks, followups and ``@original`` edits (webhooks), and
channel messages, each checked against Discord's message limits.

An interaction's token is in the path, not in a header. Discord turns a deferred "thinking…" message into
the first followup, returns the earlier message for a repeated (author, nonce) pair, and refuses a second
acknowledgement (40060) or one after the deadline (10062); the fake does the same.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from ._handle import InteractionHandle
from ._message_limits import check_autocomplete, check_message, check_modal
from ._protocol import (
    ALLOWED_CALLBACKS,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    INTERACTION_COMMAND,
    SENDABLE_FLAGS,
    now_iso,
    snowflake,
)
from ._records import Callback, RecordedFile, RecordedRequest
from ._state import FakeState


class MessageRoutesMixin(FakeState):
    """Route handlers that create, edit, read and delete messages; each returns (status, body)."""

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
            "timestamp": now_iso(),
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
            flags = (flags & FLAG_EPHEMERAL) | (int(payload["flags"]) & SENDABLE_FLAGS & ~FLAG_EPHEMERAL)
        message["flags"] = flags
        message["edited_timestamp"] = now_iso()

    def _check(self, payload: Mapping[str, Any], *, new: bool, where: str) -> None:
        self.violations.record_all(check_message(payload, new=new, where=where))

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
        refused = self._refuse_callback(handle, cb_type, elapsed, where)
        if refused is not None:
            return refused
        message = self._callback_message(handle, cb_type, data or {}, record.files, where)
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

    def _refuse_callback(
        self, handle: InteractionHandle, cb_type: int, elapsed: float, where: str
    ) -> tuple[int, Any] | None:
        """Discord's answer to a callback it does not accept (and a recorded violation), else None."""
        if handle.callbacks:
            self._violate(f"{where}: interaction already acknowledged (40060)")
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        if handle.expired or elapsed > self.response_deadline:
            self._violate(
                f"{where}: initial response after {elapsed:.2f}s (deadline {self.response_deadline}s)"
            )
            return 404, {"message": "Unknown interaction", "code": 10062}
        if cb_type not in ALLOWED_CALLBACKS.get(handle.type, set()):
            self._violate(f"{where}: callback type {cb_type} not allowed for interaction type {handle.type}")
            return 400, {"message": "Invalid Form Body", "code": 50035}
        if cb_type in (6, 7):
            source = handle.source_message_id
            if source is None or source not in self.messages:
                self._violate(f"{where}: no message to update")
                return 400, {"message": "Unknown Message", "code": 10008}
        return None

    def _callback_message(
        self,
        handle: InteractionHandle,
        cb_type: int,
        data: Mapping[str, Any],
        files: list[RecordedFile],
        where: str,
    ) -> dict[str, Any] | None:
        """The message a callback creates or updates (None for autocomplete and modals, only checked)."""
        if cb_type == 8:
            self.violations.record_all(check_autocomplete(data.get("choices"), where=where))
            return None
        if cb_type == 9:
            self.violations.record_all(check_modal(data, where=where))
            return None
        if cb_type in (6, 7):
            source = handle.source_message_id
            assert source is not None  # _refuse_callback checked that the message exists
            message = self.messages[source]
            handle.original_id = source
            if cb_type == 7:
                self._apply_edit(message, data, files)
                self._check(self._merged_for_check(message, data), new=False, where=where)
            return message
        flags = int(data.get("flags") or 0)
        kind = 20 if handle.type == INTERACTION_COMMAND else 0
        if cb_type == 4:
            self._check(data, new=True, where=where)
            message = self._new_message(
                channel_id=handle.channel_id,
                payload=data,
                files=files,
                flags=flags & SENDABLE_FLAGS,
                handle=handle,
                kind=kind,
            )
        else:  # 5: the "thinking…" message, until an edit or the first followup
            message = self._new_message(
                channel_id=handle.channel_id,
                payload={},
                files=[],
                flags=(flags & FLAG_EPHEMERAL) | FLAG_LOADING,
                handle=handle,
                kind=kind,
            )
            handle.loading = True
        handle.original_id = int(message["id"])
        return message

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
            flags = int(payload.get("flags") or 0) & SENDABLE_FLAGS
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
            channel_id=channel.id, payload=payload, files=record.files, flags=flags & SENDABLE_FLAGS
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
