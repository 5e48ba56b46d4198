"""A backfill run (the listing walk, then the details pass) and the one-petition fetch a user waits for."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from bot.petitions.backfill import _state as state
from bot.petitions.backfill._progress import Limits, Progress, Summary, format_seconds
from bot.petitions.backfill._site import NotAPetitionPage, SiteConfig, Stopped, read_details, read_listing
from bot.petitions.fetch import PoliteClient
from bot.petitions.model import Petition
from bot.petitions.pacer import Priority
from bot.petitions.status import Status
from bot.petitions.store import Store

log = logging.getLogger(__name__)

FIRST_PARLIAMENT = 42
"""E-petitions began in December 2015, in the 42nd Parliament; the site's history starts there."""
LAST_PARLIAMENT = 60
"""A guard: discovery never walks past this, whatever the site answers."""
CATEGORIES = ("All", "Responses")
MAX_UNREADABLE_IN_A_ROW = 3


class Backfill:
    """One run of the backfill; `run()` may be called again on the same store to resume."""

    def __init__(
        self,
        store: Store,
        client: PoliteClient,
        config: SiteConfig,
        *,
        limits: Limits | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.config = config
        self.limits = limits or Limits()
        self.on_progress = on_progress
        self.summary = Summary()
        self.progress = Progress()
        self._started = time.monotonic()
        self._first_request = client.requests
        self._unreadable = 0

    # --- limits -------------------------------------------------------------------

    @property
    def _requests(self) -> int:
        return self.client.requests - self._first_request

    def _limited(self, cost: int) -> str | None:
        """Why the run must pause before a step costing `cost` requests, or None."""
        if self.limits.max_requests is not None and self._requests + cost > self.limits.max_requests:
            return f"--max-requests {self.limits.max_requests} reached"
        if self.limits.seconds is not None and time.monotonic() - self._started >= self.limits.seconds:
            return f"--for {format_seconds(self.limits.seconds)} elapsed"
        return None

    def _show(self) -> None:
        self.progress.requests = self._requests
        elapsed = time.monotonic() - self._started
        per_request = elapsed / self._requests if self._requests else self.config.interval + 0.2
        remaining = self._remaining_requests()
        self.progress.eta_seconds = remaining * per_request if remaining is not None else None
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _remaining_requests(self) -> int | None:
        p = self.progress
        details = 2 * p.details_queued
        if p.phase == 2:
            return details
        if p.expected is None:
            return None
        listing_left = max(0, (p.expected - p.listed)) // 20 + 1
        return listing_left + 2 * max(p.expected - p.details_done, 0)

    # --- the phases -----------------------------------------------------------------

    async def run(self) -> Summary:
        s = self.summary
        try:
            status = await state.history_status(self.store)
            self.progress.listed = status.listed
            self.progress.expected = status.expected
            self.progress.details_done = status.details_done
            self.progress.details_queued = status.details_pending
            if 1 in self.limits.phases:
                await self.phase1()
            if 2 in self.limits.phases and s.limited is None:
                await self.phase2()
            if s.limited is None and self.limits.phases == frozenset({1, 2}) and not self.limits.parliaments:
                s.finished = (await state.history_status(self.store)).complete
        except Stopped as stop:
            s.stopped, s.stop_detail = stop.reason, stop.detail
            log.warning("backfill stopped: %s", stop)
        s.requests = self._requests
        log.info("%s", s.line())
        return s

    async def phase1(self) -> None:
        """Every Parliament's listing, page by page, from where the last run stopped."""
        self.progress.phase = 1
        wanted = self.limits.parliaments
        parliament = min(wanted) if wanted else FIRST_PARLIAMENT
        seen_any = False
        while parliament <= LAST_PARLIAMENT:
            if wanted and parliament not in wanted:
                parliament += 1
                if parliament > max(wanted):
                    break
                continue
            self.progress.parliament = parliament
            exists = await self._walk(parliament, "All")
            if self.summary.limited is not None:
                return
            if exists:
                await self._walk(parliament, "Responses")
                if self.summary.limited is not None:
                    return
            if exists:
                seen_any = True
            elif seen_any and not wanted:
                break  # the first Parliament with no petitions after some that had them: past the current one
            parliament += 1
        if not wanted:
            await self.store.set_meta("backfill_listing_done", "1")

    async def _walk(self, parliament: int, category: str) -> bool:
        """Read one listing to its end; False when it holds no petitions (or the run must pause)."""
        walk = await state.listing_state(self.store, parliament, category)
        if walk.done:
            return bool(walk.total)
        page = walk.next_page
        self.progress.category = category
        while True:
            if reason := self._limited(1):
                self.summary.limited = reason
                return False
            self.progress.page, self.progress.pages = page, walk.pages
            self._show()
            url = self.config.listing_url(parliament, category, page)
            listing = await read_listing(self.client, url, Priority.BACKFILL)
            self.summary.listing_pages += 1
            if page == 1 or walk.total is None:
                walk.total, walk.pages = listing.total or 0, listing.pages or (1 if listing.rows else 0)
            rows = [self._row_petition(row, parliament, category) for row in listing.rows]
            if rows and any(p.parliament not in (None, parliament) for p in rows if p.kind == "paper"):
                # The site ignored `parl` (and answered with another Parliament): nothing more to discover.
                raise Stopped("unexpected page", f"{url}: rows of another Parliament came back")
            done = not rows or page >= (walk.pages or page)
            await self._store_rows(rows, parliament, category, walk, page + 1, done)
            if category == "All" and page == 1:
                self.progress.expected = (await state.history_status(self.store)).expected
            if done:
                return bool(walk.total)
            page += 1

    def _row_petition(self, row: Any, parliament: int, category: str) -> Petition:
        p: Petition = row.to_petition("en", datetime.now(UTC))
        if p.parliament is None:
            p = replace(p, parliament=parliament)
        if category == "Responses" and p.status_id is None:
            p = replace(p, status_id=int(Status.ANSWERED))
        return p

    async def _store_rows(
        self,
        rows: list[Petition],
        parliament: int,
        category: str,
        walk: state.ListingState,
        next_page: int,
        done: bool,
    ) -> None:
        result = await state.store_listing_page(self.store, rows, parliament, category, walk, next_page, done)
        self.summary.new += len(result.new)
        self.summary.changed += len(result.changed)
        self.progress.listed += len(result.new)
        self.progress.details_queued = await state.pending(self.store)

    async def phase2(self) -> None:
        """Details pages, most useful first, until the queue is empty or a limit is reached."""
        self.progress.phase = 2
        current = await state.current_parliament(self.store)
        batch: list[str] = []
        while True:
            if reason := self._limited(2):
                self.summary.limited = reason
                return
            number = await state.urgent(self.store)
            if number is None:
                if not batch:
                    batch = await state.next_batch(self.store, current)
                    if not batch:
                        return
                number = batch.pop(0)
            self._show()
            await self._fetch_one(number)

    async def _fetch_one(self, number: str) -> None:
        now = datetime.now(UTC).isoformat()
        try:
            record = await read_details(self.client, self.config, number, Priority.BACKFILL)
        except NotAPetitionPage as exc:
            # One odd page is skipped (and tried again later, up to MAX_ATTEMPTS runs); several in
            # a row mean the site is serving something else entirely, and the run stops.
            self._unreadable += 1
            log.warning("backfill: %s", exc)
            await self._unreadable_page(number, now, str(exc)[:500])
            if self._unreadable >= MAX_UNREADABLE_IN_A_ROW:
                raise Stopped(
                    "unexpected page", f"{self._unreadable} details pages in a row were not petitions: {exc}"
                ) from exc
            return
        self._unreadable = 0
        self.summary.details_pages += 1
        if record is None:
            self.summary.missing += 1
            await state.mark(self.store, number, "missing", now, "the site's page is empty")
            self.progress.details_queued = max(0, self.progress.details_queued - 1)
            return
        await state.store_details(self.store, record, now)
        self.progress.details_done += 1
        self.progress.details_queued = max(0, self.progress.details_queued - 1)

    @staticmethod
    async def store_details(store: Store, record: Petition, stamp: str, *, history: bool = True) -> None:
        """A details record and its queue entry, in one transaction."""
        await state.store_details(store, record, stamp, history=history)

    async def _unreadable_page(self, number: str, stamp: str, error: str) -> None:
        if await state.count_unreadable(self.store, number, stamp, error):
            self.summary.failed += 1
            self.progress.details_queued = max(0, self.progress.details_queued - 1)


class OnDemand:
    """Fetch one petition now, for a user waiting for it, through the shared pacer."""

    def __init__(self, client: PoliteClient, config: SiteConfig) -> None:
        self.client = client
        self.config = config

    async def fetch(self, store: Store, number: str) -> Petition | None:
        """The petition from the site, stored; None when the site has no published page for it.

        Raises `Stopped` when the site cannot be asked (down, refusing, captcha).
        """
        try:
            record = await read_details(self.client, self.config, number, Priority.USER)
        except NotAPetitionPage as exc:
            raise Stopped("unexpected page", str(exc)) from exc
        if record is None:
            return None
        await state.store_details(store, record, datetime.now(UTC).isoformat())
        return await store.get(record.number)

    @staticmethod
    async def hurry(store: Store, number: str) -> bool:
        """Put a petition whose details are still queued at the front; True when it was queued."""
        return await state.hurry(store, number)
