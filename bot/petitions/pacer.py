"""One pace for the whole petitions site, shared by everything that asks it.

ourcommons.ca and noscommunes.ca are one service, so the refresh, the
backfill and a lookup for a number nobody has stored yet all take turns on the
same `Pacer`: one request at a time, the next one starting no sooner than
`interval` (plus a little jitter) after the previous one ended. Who goes next
is decided by priority, so a user waiting for an answer goes before the
refresh, and the refresh before the night's backfill. A pause the site asks
for (429, Retry-After) holds every caller, not just the one that was told.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import IntEnum


class Priority(IntEnum):
    """Lower goes first."""

    USER = 0  # someone is waiting for this answer
    REFRESH = 1  # news
    BACKFILL = 2  # history


class Pacer:
    """A priority turnstile with a minimum gap between requests."""

    def __init__(self, interval: float = 1.0, *, jitter: float = 0.2) -> None:
        self.interval = max(0.0, interval)
        self.jitter = max(0.0, jitter)
        self._busy = False
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._ready_at = 0.0
        self.turns = 0

    @asynccontextmanager
    async def turn(self, priority: Priority = Priority.REFRESH) -> AsyncIterator[None]:
        """Hold the site for one request: wait for our turn, then for the gap."""
        await self._acquire(int(priority))
        try:
            wait = self._ready_at - time.monotonic()
            while wait > 0:
                await asyncio.sleep(wait)
                wait = self._ready_at - time.monotonic()
            self.turns += 1
            yield
        finally:
            self._ready_at = max(
                self._ready_at, time.monotonic() + self.interval * (1 + random.uniform(0.0, self.jitter))
            )
            self._release()

    def pause(self, seconds: float) -> None:
        """Nobody asks the site anything for `seconds` (it asked us to wait)."""
        self._ready_at = max(self._ready_at, time.monotonic() + max(0.0, seconds))

    @property
    def queued(self) -> int:
        return sum(1 for *_, fut in self._waiting if not fut.done())

    async def _acquire(self, priority: int) -> None:
        if not self._busy and not self._waiting:
            self._busy = True
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), fut))
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self._release()  # we were handed the turn as we were cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, fut = heapq.heappop(self._waiting)
            if not fut.done():
                fut.set_result(None)  # the turn passes straight on; _busy stays True
                return
        self._busy = False
