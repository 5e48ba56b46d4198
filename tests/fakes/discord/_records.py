"""What the fake recorded (requests, uploaded files, interaction callbacks) and what a test scripted
(failures, held requests), so tests can assert on the traffic and steer it."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from ._protocol import JSON_HEADERS


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
