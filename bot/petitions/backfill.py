"""The whole petition history, fetched politely and resumably.

Discovery uses only what the site's own search page sends without a
reCAPTCHA token: the listing `SearchAsync?category=All&order=Recent&parl=N&Page=k`
for every Parliament from the 42nd up to the current one (the count and the
pager come from page 1), and `category=Responses` for the answered ones. No
filter, text, sponsor, type, status, output or other order is ever sent, and
a captcha or an HTML page where JSON was expected stops the run at once.

Phase 1 stores the listing rows (about 600 requests for the whole history):
after it, every petition can be found by number, subject, status, sponsor
and keywords. Phase 2 reads the details pages, English then French, in order
of use: the current Parliament's open and awaiting petitions, then the
answered ones newest first, then the rest; a petition someone asked for jumps
the queue.

Everything is resumable: the position of the walk and the details queue live
in the database, and every page's work is one small transaction, so a kill -9
loses at most the request in flight. What arrives here is the past: it is
journalled as history and never announced by alerts.

Why the walk does not miss rows while the site changes under it: the listing
is ordered by latest event, so a petition can only move towards page 1. One
that moves from a page not yet read onto a page already read has a fresh
event, and the refresh, which reads the first pages, sees it.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import aiohttp

from bot.petitions.fetch import ChallengeError, FetchError, PoliteClient, looks_like_captcha
from bot.petitions.model import Petition
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store

log = logging.getLogger(__name__)

FIRST_PARLIAMENT = 42
"""E-petitions began in December 2015, in the 42nd Parliament; the site's history starts there."""
LAST_PARLIAMENT = 60
"""A guard: discovery never walks past this, whatever the site answers."""
CATEGORIES = ("All", "Responses")
FINISHED_STATUSES = (223, 224, 229, 289, 291)
"""Answered, closed, not certified, or ended by a dissolution: nothing is awaited."""
QUEUE_BATCH = 25
MAX_ATTEMPTS = 3
"""A details page that cannot be read is tried this many times (once per batch) before it is given up."""
MAX_UNREADABLE_IN_A_ROW = 3


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The few plain values the site clients need (no settings object, no token)."""

    base_en: str
    base_fr: str
    user_agent: str
    interval: float = 1.0
    timeout: float = 30.0
    retries: int = 3

    def listing_url(self, parliament: int, category: str, page: int) -> str:
        # Only ungated parameters: a category button, the default order, the Parliament and the page.
        return (
            f"{self.base_en.rstrip('/')}/Petition/SearchAsync"
            f"?category={category}&order=Recent&parl={parliament:d}&Page={page:d}"
        )

    def details_url(self, number: str, lang: str) -> str:
        base = self.base_fr if lang == "fr" else self.base_en
        return f"{base.rstrip('/')}/Petition/Details?Petition={number}"

    def client(self, session: aiohttp.ClientSession, pacer: Pacer, priority: Priority) -> PoliteClient:
        return PoliteClient(
            session,
            user_agent=self.user_agent,
            interval=self.interval,
            timeout=self.timeout,
            retries=self.retries,
            backoff=max(2 * self.interval, 0.05),
            pacer=pacer,
            priority=priority,
        )


class Stopped(Exception):
    """The run must end now (captcha, unexpected page, the site refusing or down); what was committed stays."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class NotAPetitionPage(Exception):
    """A details page that cannot be read as a petition: this number is skipped, the run goes on."""


# --- limits and progress ------------------------------------------------------------


@dataclass(slots=True)
class Limits:
    phases: frozenset[int] = frozenset({1, 2})
    parliaments: tuple[int, ...] = ()
    max_requests: int | None = None
    seconds: float | None = None


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """'2h', '90m', '1h30m', '45s' or a bare number of seconds."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    parts = _DURATION.findall(value)
    if not parts or _DURATION.sub("", value).strip():
        raise ValueError(f"not a duration: {text!r} (try 2h, 90m or 1h30m)")
    return sum(float(n) * _UNIT[u.lower()] for n, u in parts)


@dataclass(slots=True)
class Progress:
    """Where a run stands, for the progress bar and the logs."""

    phase: int = 1
    parliament: int | None = None
    category: str = "All"
    page: int = 0
    pages: int | None = None
    listed: int = 0
    expected: int | None = None
    details_done: int = 0
    details_queued: int = 0
    requests: int = 0
    eta_seconds: float | None = None

    def line(self) -> str:
        if self.phase == 1:
            where = f"parliament {self.parliament or '?'} {self.category.lower()} page {self.page}/{self.pages or '?'}"
            about = f"{self.listed:,} listed" + (f" of about {self.expected:,}" if self.expected else "")
        else:
            where = "details"
            about = f"{self.listed:,} listed"
        done = self.details_done
        total = done + self.details_queued
        share = f" ({100 * done / total:.0f}%)" if total else ""
        eta = f" | ETA {format_seconds(self.eta_seconds)}" if self.eta_seconds is not None else ""
        return (
            f"backfill phase {self.phase}: {where} | {about} | details {done:,} done, "
            f"{self.details_queued:,} queued{share} | {self.requests:,} requests{eta}"
        )


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


@dataclass(slots=True)
class Summary:
    """What a run did."""

    listing_pages: int = 0
    details_pages: int = 0
    new: int = 0
    changed: int = 0
    missing: int = 0
    failed: int = 0
    requests: int = 0
    stopped: str | None = None
    stop_detail: str = ""
    finished: bool = False
    limited: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.stopped is None

    def line(self) -> str:
        text = (
            f"backfill: {self.listing_pages} listing pages, {self.details_pages} details pages "
            f"({self.requests} requests): {self.new} new, {self.changed} changed"
        )
        if self.missing:
            text += f", {self.missing} not published"
        if self.failed:
            text += f", {self.failed} unreadable"
        if self.stopped:
            text += f"; stopped ({self.stopped}): {self.stop_detail}; what was stored is kept, run it again to resume"
        elif self.finished:
            text += "; the history is complete"
        elif self.limited:
            text += f"; paused ({self.limited}); run it again to resume"
        return text


# --- where the history stands ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryStatus:
    """How much of the history the store holds, for /about, /admin status and `petitionbot status`."""

    listed: int
    expected: int | None
    listing_done: bool
    details_done: int
    details_pending: int
    details_missing: int
    details_failed: int
    started: bool

    @property
    def complete(self) -> bool:
        return self.listing_done and self.details_pending == 0

    @property
    def details_share(self) -> float:
        total = self.details_done + self.details_pending
        return self.details_done / total if total else 1.0


async def history_status(store: Store) -> HistoryStatus:
    rows = await store.conn.execute_fetchall(
        "SELECT parliament, category, total, done FROM backfill_listing ORDER BY parliament"
    )
    expected = sum(r[2] or 0 for r in rows if r[1] == "All") or None
    started = bool(rows)
    listing_done = started and await store.get_meta("backfill_listing_done") == "1"
    (listed,) = (await store.conn.execute_fetchall("SELECT count(*) FROM petitions WHERE demo = 0"))[0]
    counts = {
        r[0]: r[1]
        for r in await store.conn.execute_fetchall("SELECT state, count(*) FROM details_queue GROUP BY state")
    }
    pending = counts.get("pending", 0)
    return HistoryStatus(
        listed=listed,
        expected=expected,
        listing_done=listing_done,
        details_done=max(0, listed - pending),
        details_pending=pending,
        details_missing=counts.get("missing", 0),
        details_failed=counts.get("failed", 0),
        started=started,
    )


# --- reading pages ------------------------------------------------------------------------


async def read_listing(client: PoliteClient, url: str, priority: Priority) -> Any:
    """One listing page, parsed; a captcha or any page that is not a listing stops the run."""
    from bot.petitions.parse_listing import ListingError, parse_listing

    answer = await _ask(client.post_form(url, {"reCaptchaAction": "SEARCH"}, priority=priority))
    text = answer.text()
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        if looks_like_captcha(text):
            raise Stopped("captcha", f"{url}: a reCAPTCHA page came back instead of the listing")
        raise Stopped("unexpected page", f"{url}: HTML where JSON was expected")
    try:
        return parse_listing(stripped)
    except ListingError as exc:
        if looks_like_captcha(text):
            raise Stopped("captcha", f"{url}: the listing asks for a reCAPTCHA token") from exc
        raise Stopped("unexpected page", f"{url}: not a listing ({exc})") from exc


async def read_details(
    client: PoliteClient, config: SiteConfig, number: str, priority: Priority
) -> Petition | None:
    """Both language pages of one petition merged (English winning), or None when the site has no such page."""
    from bot.petitions.parse_details import PageError, parse_details

    pages: list[Petition] = []
    for lang in ("en", "fr"):
        url = config.details_url(number, lang)
        answer = await _ask(client.get(url, priority=priority))
        text = answer.text()
        if not text.strip():
            if lang == "en":
                return None  # the site's empty page: not published, or no such petition
            continue
        try:
            page = parse_details(text, url=url, fetched_at=datetime.now(UTC))
        except PageError as exc:
            if looks_like_captcha(text) or "g-recaptcha" in text.lower():
                raise Stopped(
                    "captcha", f"{url}: a reCAPTCHA page came back instead of the petition"
                ) from exc
            raise NotAPetitionPage(f"{url}: not a petition page ({exc})") from exc
        if page is None:
            if lang == "en":
                return None
            continue
        if number.lower() not in {page.number.lower(), (page.presented_number or "").lower()}:
            raise NotAPetitionPage(f"{url}: the page is for {page.number}, not {number}")
        pages.append(page)
    record = pages[-1]
    for page in reversed(pages[:-1]):
        record = record.merge(page)
    return record


async def _ask(request: Any) -> Any:
    try:
        return await request
    except ChallengeError as exc:
        raise Stopped("captcha", str(exc)) from exc
    except FetchError as exc:
        raise Stopped("rate limited" if exc.status == 429 else "site unavailable", str(exc)) from exc


def has_details(p: Petition) -> bool:
    """Whether a record holds what only a details page tells (the text), not just a listing row."""
    return bool(p.prayer or p.grievances or p.response)


# --- the run ---------------------------------------------------------------------------------


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
            status = await history_status(self.store)
            self.progress.listed = status.listed
            self.progress.expected = status.expected
            self.progress.details_done = status.details_done
            self.progress.details_queued = status.details_pending
            if 1 in self.limits.phases:
                await self.phase1()
            if 2 in self.limits.phases and s.limited is None:
                await self.phase2()
            if s.limited is None and self.limits.phases == frozenset({1, 2}) and not self.limits.parliaments:
                s.finished = (await history_status(self.store)).complete
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
        state = await self._listing_state(parliament, category)
        if state["done"]:
            return bool(state["total"])
        page = state["next_page"]
        self.progress.category = category
        while True:
            if reason := self._limited(1):
                self.summary.limited = reason
                return False
            self.progress.page, self.progress.pages = page, state["pages"]
            self._show()
            url = self.config.listing_url(parliament, category, page)
            listing = await read_listing(self.client, url, Priority.BACKFILL)
            self.summary.listing_pages += 1
            if page == 1 or state["total"] is None:
                state["total"], state["pages"] = (
                    listing.total or 0,
                    listing.pages or (1 if listing.rows else 0),
                )
            rows = [self._row_petition(row, parliament, category) for row in listing.rows]
            if rows and any(p.parliament not in (None, parliament) for p in rows if p.kind == "paper"):
                # The site ignored `parl` (and answered with another Parliament): nothing more to discover.
                raise Stopped("unexpected page", f"{url}: rows of another Parliament came back")
            done = not rows or page >= (state["pages"] or page)
            await self._store_rows(rows, parliament, category, state, page + 1, done)
            if category == "All" and page == 1:
                self.progress.expected = (await history_status(self.store)).expected
            if done:
                return bool(state["total"])
            page += 1

    def _row_petition(self, row: Any, parliament: int, category: str) -> Petition:
        p: Petition = row.to_petition("en", datetime.now(UTC))
        if p.parliament is None:
            p = replace(p, parliament=parliament)
        if category == "Responses" and p.status_id is None:
            p = replace(p, status_id=223)
        return p

    async def _listing_state(self, parliament: int, category: str) -> dict[str, Any]:
        rows = await self.store.conn.execute_fetchall(
            "SELECT total, pages, next_page, done FROM backfill_listing WHERE parliament = ? AND category = ?",
            (parliament, category),
        )
        if not rows:
            return {"total": None, "pages": None, "next_page": 1, "done": False}
        r = rows[0]
        return {"total": r[0], "pages": r[1], "next_page": r[2], "done": bool(r[3])}

    async def _store_rows(
        self,
        rows: Sequence[Petition],
        parliament: int,
        category: str,
        state: dict[str, Any],
        next_page: int,
        done: bool,
    ) -> None:
        """One page's rows, the details they need and the walk's new position: one transaction."""
        from bot.petitions.ingest import prepare

        now = datetime.now(UTC)
        async with self.store.transaction():
            result = await self.store.upsert_in_transaction([prepare(p) for p in rows], now=now, history=True)
            stored = await self.store.get_many([p.number for p in rows])
            lacking = [(p.number, now.isoformat()) for p in stored if not p.demo and not has_details(p)]
            await self.store.conn.executemany(
                "INSERT INTO details_queue (number, queued_at) VALUES (?, ?) ON CONFLICT (number) DO NOTHING",
                lacking,
            )
            await self.store.conn.execute(
                "INSERT INTO backfill_listing (parliament, category, total, pages, next_page, done, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (parliament, category) DO UPDATE SET "
                "total = excluded.total, pages = excluded.pages, next_page = excluded.next_page, "
                "done = excluded.done, updated_at = excluded.updated_at",
                (parliament, category, state["total"], state["pages"], next_page, int(done), now.isoformat()),
            )
        self.summary.new += len(result.new)
        self.summary.changed += len(result.changed)
        self.progress.listed += len(result.new)
        self.progress.details_queued = await self._pending()

    async def _pending(self) -> int:
        rows = await self.store.conn.execute_fetchall(
            "SELECT count(*) FROM details_queue WHERE state = 'pending'"
        )
        return rows[0][0]

    async def phase2(self) -> None:
        """Details pages, most useful first, until the queue is empty or a limit is reached."""
        self.progress.phase = 2
        current = await self._current_parliament()
        batch: list[str] = []
        while True:
            if reason := self._limited(2):
                self.summary.limited = reason
                return
            number = await self._urgent()
            if number is None:
                if not batch:
                    batch = await self._next_batch(current)
                    if not batch:
                        return
                number = batch.pop(0)
            self._show()
            await self._fetch_one(number)

    async def _current_parliament(self) -> int | None:
        rows = await self.store.conn.execute_fetchall(
            "SELECT max(parliament) FROM backfill_listing WHERE category = 'All' AND total > 0"
        )
        if rows and rows[0][0] is not None:
            return int(rows[0][0])
        rows = await self.store.conn.execute_fetchall("SELECT max(parliament) FROM petitions WHERE demo = 0")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    async def _urgent(self) -> str | None:
        rows = await self.store.conn.execute_fetchall(
            "SELECT number FROM details_queue WHERE state = 'pending' AND urgent = 1 ORDER BY queued_at LIMIT 1"
        )
        return rows[0][0] if rows else None

    async def _next_batch(self, current: int | None) -> list[str]:
        marks = ",".join("?" * len(FINISHED_STATUSES))
        rows = await self.store.conn.execute_fetchall(
            "SELECT q.number FROM details_queue q JOIN petitions p ON p.number = q.number "
            "WHERE q.state = 'pending' ORDER BY q.urgent DESC, "
            f"CASE WHEN p.parliament = ? AND coalesce(p.status_id, 0) NOT IN ({marks}) AND p.has_response = 0 "
            "THEN 1 WHEN p.has_response = 1 OR p.status_id = 223 THEN 2 ELSE 3 END, "
            "p.last_event DESC, q.number DESC LIMIT ?",
            (current if current is not None else -1, *FINISHED_STATUSES, QUEUE_BATCH),
        )
        return [r[0] for r in rows]

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
            await self._mark(number, "missing", now, "the site's page is empty")
            return
        await self.store_details(self.store, record, now)
        self.progress.details_done += 1
        self.progress.details_queued = max(0, self.progress.details_queued - 1)

    @staticmethod
    async def store_details(store: Store, record: Petition, stamp: str, *, history: bool = True) -> None:
        """A details record and its queue entry, in one transaction."""
        from bot.petitions.ingest import prepare

        async with store.transaction():
            await store.upsert_in_transaction([prepare(record)], history=history)
            await store.conn.execute(
                "UPDATE details_queue SET state = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL "
                "WHERE number IN (?, ?)",
                (stamp, record.number, record.presented_number or record.number),
            )

    async def _unreadable_page(self, number: str, stamp: str, error: str) -> None:
        async with self.store.transaction():
            cur = await self.store.conn.execute(
                "UPDATE details_queue SET attempts = attempts + 1, last_error = ?, done_at = ?, "
                "state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE state END WHERE number = ? "
                "RETURNING state",
                (error, stamp, MAX_ATTEMPTS, number),
            )
            row = await cur.fetchone()
        if row is not None and row[0] == "failed":
            self.summary.failed += 1
            self.progress.details_queued = max(0, self.progress.details_queued - 1)

    async def _mark(self, number: str, state: str, stamp: str, error: str) -> None:
        async with self.store.transaction():
            await self.store.conn.execute(
                "UPDATE details_queue SET state = ?, done_at = ?, attempts = attempts + 1, last_error = ? "
                "WHERE number = ?",
                (state, stamp, error, number),
            )
        if state == "missing":
            self.progress.details_queued = max(0, self.progress.details_queued - 1)


# --- on demand -----------------------------------------------------------------------------------


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
        await Backfill.store_details(store, record, datetime.now(UTC).isoformat())
        return await store.get(record.number)

    @staticmethod
    async def hurry(store: Store, number: str) -> bool:
        """Put a petition whose details are still queued at the front; True when it was queued."""
        async with store.transaction():
            cur = await store.conn.execute(
                "UPDATE details_queue SET urgent = 1 WHERE number = ? AND state = 'pending'", (number,)
            )
            return cur.rowcount > 0
