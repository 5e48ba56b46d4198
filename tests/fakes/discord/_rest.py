"""The HTTP side of the fake: one handler for every ``/api/v10`` request, which records it, applies the
scripted faults and holds, checks the bot's token and hands it to the route table; plus the CDN.

Responses carry ``Content-Type: application/json`` exactly: discord.py compares the header with ``==``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import BodyPartReader, web

from ._protocol import JSON_HEADERS
from ._records import RecordedFile, RecordedRequest
from ._state import FakeState

log = logging.getLogger(__name__)

#: A route handler: it gets the request record and the path's named parts, and returns (status, JSON body).
Handler = Callable[..., Awaitable[tuple[int, Any]]]
RouteEntry = tuple[str, re.Pattern[str], Handler]


def compile_routes(table: Iterable[tuple[str, str, Handler]]) -> list[RouteEntry]:
    """``("GET", "/users/{user_id}", handler)`` -> (method, regex with named groups, handler)."""
    routes = []
    for method, pattern, handler in table:
        regex = re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(pattern)) + "$")
        routes.append((method, regex, handler))
    return routes


class RestServerMixin(FakeState):
    """Serves the REST API from ``_routes`` (method, path regex, handler), which ``FakeDiscord`` fills."""

    _routes: list[RouteEntry]

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        if request.content_type.startswith("multipart/"):
            body: Any = None
            reader = await request.multipart()
            async for part in reader:
                assert isinstance(part, BodyPartReader), "discord.py sends no nested multipart"
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                else:
                    data = await part.read(decode=False)
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
