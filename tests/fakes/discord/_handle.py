"""The test's view of one interaction: what the fake sent, and everything the bot did with its token."""

# ruff: noqa: ASYNC109  (the waits take a plain `timeout=`: it reads best in tests)
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from ._protocol import FLAG_LOADING
from ._records import Callback


class FakeMessages(Protocol):
    """The part of the fake a handle reads: the messages it holds, and a way to wait for the bot."""

    @property
    def messages(self) -> dict[int, dict[str, Any]]: ...

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "a condition"
    ) -> Any: ...


class InteractionHandle:
    """One interaction the fake sent, and everything the bot did with its token."""

    def __init__(self, fake: FakeMessages, payload: dict[str, Any], source_message_id: int | None) -> None:
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
