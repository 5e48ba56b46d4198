"""The refresh run: discover what changed on the site, fetch it, write it as one batch or not at all."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import IO, Any

import aiohttp

from bot.petitions.deadlines import RESPONSE_DAYS
from bot.petitions.fetch._client import (
    ChallengeError,
    FetchError,
    PoliteClient,
    SiteConfig,
    looks_like_captcha,
)
from bot.petitions.model import TORONTO, Petition
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.status import NO_FURTHER_CHECK
from bot.petitions.store import Store

log = logging.getLogger(__name__)

AWAITING_WINDOW_DAYS = 7
"""Start re-checking a presented petition this many days before its response is due."""
AWAITING_MAX_AGE_DAYS = 400
AWAITING_PER_RUN = 25
AWAITING_RECHECK = timedelta(hours=6)
_NO_FURTHER_CHECK_IDS = tuple(sorted(int(s) for s in NO_FURTHER_CHECK))
"""Answered, or ended by a dissolution: nothing more will happen to these."""


@dataclass(slots=True)
class RefreshSummary:
    """What a refresh did, for the CLI line, the logs and the admin command."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    not_found: int = 0
    failures: list[str] = field(default_factory=list)
    stopped_reason: str | None = None
    written: bool = False
    requests: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.stopped_reason is None

    def line(self) -> str:
        if not self.written:
            reason = "; ".join(self.failures) if self.failures else "nothing was written"
            if self.stopped_reason:
                reason = f"stopped ({self.stopped_reason}): {reason}"
            return f"refresh failed, store unchanged: {reason}"
        text = f"refresh: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.failed} failed"
        if self.not_found:
            text += f", {self.not_found} not published"
        extra = [*self.failures, *self.notes]
        return text + (f" ({'; '.join(extra)})" if extra else "")


class ProgressLine:
    """A one-line counter on stderr, redrawn in place; silent when not asked for."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.drawn = False

    def show(self, text: str) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
            self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


@dataclass(slots=True)
class _Target:
    number: str
    why: str  # "new", "changed", "awaiting", "next-number"
    row: Petition | None = None
    stored: Petition | None = None


class _Stop(Exception):
    """The batch is doomed: stop asking the site for more."""

    def __init__(self, failure: str, stopped_reason: str | None = None) -> None:
        super().__init__(failure)
        self.failure = failure
        self.stopped_reason = stopped_reason


async def refresh(
    store: Store,
    config: SiteConfig,
    *,
    progress: bool = False,
    session: aiohttp.ClientSession | None = None,
    today: date | None = None,
    max_pages: int = 10,
    request_timeout: float | None = None,
    retries: int | None = None,
    pacer: Pacer | None = None,
) -> RefreshSummary:
    """Fetch new and changed petitions and write them as one batch, or not at all.

    `request_timeout` and `retries` default to the config's.
    """
    config = replace(
        config,
        timeout=config.timeout if request_timeout is None else request_timeout,
        retries=config.retries if retries is None else retries,
    )
    own_session = session is None
    if session is None:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=config.timeout))
    client = config.client(session, pacer, Priority.REFRESH)
    bar = ProgressLine(progress)
    run = _Refresh(store, config, client, today or datetime.now(TORONTO).date(), max_pages, bar)
    try:
        summary = await run.run()
    finally:
        bar.close()
        if own_session:
            await session.close()
    summary.requests = client.requests
    log.info("%s (%d requests)", summary.line(), client.requests)
    return summary


class _Refresh:
    def __init__(
        self,
        store: Store,
        config: SiteConfig,
        client: PoliteClient,
        today: date,
        max_pages: int,
        bar: ProgressLine,
    ) -> None:
        self.store = store
        self.config = config
        self.client = client
        self.today = today
        self.max_pages = max(1, max_pages)
        self.bar = bar
        self.summary = RefreshSummary()
        self.batch: dict[str, Petition] = {}
        self.cache: dict[str, tuple[str | None, str | None, str]] = {}
        self.unchanged: set[str] = set()
        self.listing_ok = True
        self.fetched_at = datetime.now(UTC)

    # --- urls -------------------------------------------------------------------

    def listing_url(self, page: int) -> str:
        # Only ungated parameters: the default category button, the default order, and the page.
        return (
            f"{self.config.base_en.rstrip('/')}/Petition/SearchAsync?category=All&order=Recent&Page={page:d}"
        )

    # --- the run --------------------------------------------------------------------

    async def run(self) -> RefreshSummary:
        s = self.summary
        try:
            targets = await self.discover()
            await self.fetch_all(targets)
        except _Stop as stop:
            s.failed += 1
            s.failures.append(stop.failure)
            s.stopped_reason = stop.stopped_reason
            log.warning("refresh stopped, nothing written: %s", stop.failure)
            return s
        await self.write()
        return s

    async def discover(self) -> list[_Target]:
        targets: list[_Target] = []
        try:
            rows = await self.read_listing()
        except ChallengeError as exc:
            raise _Stop(str(exc), "captcha") from exc
        except FetchError as exc:
            if exc.status == 429:
                raise _Stop(str(exc), "rate limited") from exc
            # The listing is unreachable, not refusing us: fall back to the one
            # number that could be next in the current session.
            self.listing_ok = False
            self.summary.failed += 1
            self.summary.failures.append(str(exc))
            self.summary.notes.append("listing unavailable; checked the next paper number instead")
            log.warning("listing unavailable, using the next-number fallback: %s", exc)
            rows = {}
            targets.extend(await self.next_numbers())

        known = {p.number: p for p in await self.store.get_many(list(rows))}
        for number, row in rows.items():
            stored = known.get(number)
            if stored is None:
                targets.append(_Target(number, "new", row, None))
            elif row_differs(row, stored):
                targets.append(_Target(number, "changed", row, stored))
            else:
                self.unchanged.add(number)

        seen = {t.number for t in targets}
        for p in await self.awaiting_response():
            if p.number not in seen:
                targets.append(_Target(p.number, "awaiting", None, p))
        return targets

    async def read_listing(self) -> dict[str, Petition]:
        """Rows of the default listing, newest events first, until a page holds nothing new."""
        from bot.petitions.parse import ListingError, parse_listing

        rows: dict[str, Petition] = {}
        page = 1
        while True:
            url = self.listing_url(page)
            self.bar.show(f"refresh: listing page {page}")
            answer = await self.client.post_form(url, {"reCaptchaAction": "SEARCH"})
            text = answer.text()
            payload = _json_or_none(text)
            if payload is None:
                if looks_like_captcha(text):
                    raise _Stop(f"{url}: a reCAPTCHA page came back instead of the listing", "captcha")
                raise _Stop(f"{url}: HTML where JSON was expected", "unexpected page")
            try:
                listing = parse_listing(payload if isinstance(payload, dict) else text)
            except ListingError as exc:
                if looks_like_captcha(text):
                    raise _Stop(f"{url}: the listing asks for a reCAPTCHA token", "captcha") from exc
                raise _Stop(f"{url}: not a listing ({exc})", "unexpected page") from exc

            fresh = 0
            numbers = [row.number for row in listing.rows]
            known = {p.number: p for p in await self.store.get_many(numbers)}
            for row in listing.rows:
                p = row.to_petition("en", self.fetched_at)
                if row.number in rows:
                    continue
                rows[row.number] = p
                stored = known.get(row.number)
                if stored is None or row_differs(p, stored):
                    fresh += 1
            if not listing.rows or fresh == 0 or page >= (listing.pages or page) or page >= self.max_pages:
                return rows
            page += 1

    async def next_numbers(self) -> list[_Target]:
        """The single next paper number of the latest session; never a range."""
        highest = await self.store.highest_paper_numbers()
        if not highest:
            return []
        (parliament, session), seq = max(highest.items())
        return [_Target(f"{parliament}{session}-{seq + 1:05d}", "next-number")]

    async def awaiting_response(self) -> list[Petition]:
        """Presented petitions whose 45-day response is due soon or overdue, least recently checked first."""
        due_from = self.today - timedelta(days=RESPONSE_DAYS - AWAITING_WINDOW_DAYS)
        oldest = self.today - timedelta(days=AWAITING_MAX_AGE_DAYS)
        checked_before = (datetime.now(UTC) - AWAITING_RECHECK).isoformat()
        marks = ",".join("?" * len(_NO_FURTHER_CHECK_IDS))
        sql = (
            "SELECT p.number AS number FROM petitions p LEFT JOIN http_cache h ON h.url = ? || p.number "
            "WHERE p.demo = 0 AND p.has_response = 0 AND p.presented_on IS NOT NULL "
            "AND p.presented_on <= ? AND p.presented_on >= ? "
            f"AND coalesce(p.status_id, 0) NOT IN ({marks}) "
            "AND (h.fetched_at IS NULL OR h.fetched_at < ?) "
            "ORDER BY h.fetched_at IS NOT NULL, h.fetched_at, p.presented_on LIMIT ?"
        )
        params = (
            self.config.details_url("", "en"),
            due_from.isoformat(),
            oldest.isoformat(),
            *_NO_FURTHER_CHECK_IDS,
            checked_before,
            AWAITING_PER_RUN,
        )
        numbers = [row["number"] for row in await self.store.fetch_all(sql, params)]
        return await self.store.get_many(numbers)

    async def fetch_all(self, targets: list[_Target]) -> None:
        for i, target in enumerate(targets, 1):
            self.bar.show(
                f"refresh: details {i}/{len(targets)} ({target.number}, {target.why})"
                f" | {len(self.batch)} to write, {len(self.unchanged)} unchanged"
            )
            pages: list[Petition] = []
            for lang in ("en", "fr"):
                result = await self.fetch_details(target, lang)
                if result is _NOT_FOUND:
                    break
                if isinstance(result, Petition):
                    pages.append(result)
            else:
                self.add(target, pages)
                continue
            self.summary.not_found += 1
            log.info("%s is not published (empty page)", target.number)

    def add(self, target: _Target, pages: list[Petition]) -> None:
        # English last, so it wins for the fields the model keeps once (initiator, province names).
        parts = ([target.row] if target.row is not None else []) + pages[::-1]
        if not parts:
            self.unchanged.add(target.number)  # every page answered 304
            return
        record = parts[0]
        for part in parts[1:]:
            record = record.merge(part)
        self.batch[target.number] = record

    async def fetch_details(self, target: _Target, lang: str) -> Petition | object | None:
        """The parsed page; None when the site says it has not changed; `_NOT_FOUND` for an empty body."""
        from bot.petitions.parse import PageError, parse_details

        url = self.config.details_url(target.number, lang)
        validators: tuple[str | None, str | None] = (None, None)
        if target.stored is not None:
            cached = await self.store.get_http_cache(url)
            if cached:
                validators = (cached[0], cached[1])
        try:
            answer = await self.client.get(url, etag=validators[0], last_modified=validators[1])
        except ChallengeError as exc:
            raise _Stop(str(exc), "captcha") from exc
        except FetchError as exc:
            raise _Stop(str(exc), "rate limited" if exc.status == 429 else None) from exc

        if answer.not_modified:
            old = self.cache.get(url) or await self.store.get_http_cache(url)
            body_hash = old[2] if old and old[2] else ""
            self.cache[url] = (answer.etag or validators[0], answer.last_modified or validators[1], body_hash)
            return None
        text = answer.text()
        if not text.strip():
            return _NOT_FOUND
        try:
            petition = parse_details(text, url=url, fetched_at=self.fetched_at)
        except PageError as exc:
            said = str(exc).lower()
            if "captcha" in said or "challenge" in said or "g-recaptcha" in text.lower():
                raise _Stop(f"{url}: a reCAPTCHA page came back instead of the petition", "captcha") from exc
            raise _Stop(f"{url}: not a petition page ({exc})") from exc
        if petition is None:
            return _NOT_FOUND
        if target.number.lower() not in {petition.number.lower(), (petition.presented_number or "").lower()}:
            raise _Stop(f"{url}: the page is for {petition.number}, not {target.number}")
        self.cache[url] = (answer.etag, answer.last_modified, answer.body_hash)
        return petition

    async def write(self) -> None:
        from bot.petitions.ingest import prepare

        s = self.summary
        items = [prepare(p) for p in self.batch.values()]
        now = datetime.now(UTC)
        async with self.store.transaction():
            result = await self.store.upsert_in_transaction(items, now=now)
            for url, (etag, last_modified, body_hash) in self.cache.items():
                await self.store.put_http_cache(url, etag, last_modified, body_hash)
            if self.listing_ok:
                await self.store.set_meta("last_refresh", now.isoformat())
        s.written = True
        s.new = len(result.new)
        s.changed = len(result.changed)
        s.unchanged = len(self.unchanged | set(result.unchanged))


_NOT_FOUND = object()


def _json_or_none(text: str) -> Any:
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        return None


LISTING_FIELDS = ("status_id", "signatures", "closed_at", "presented_on", "response_tabled_on")


def row_differs(row: Petition, stored: Petition) -> bool:
    """Whether a listing row shows something the stored record does not.

    Only what the listing reliably carries is compared, and only where the row
    knows it; the row's text (cut keywords, a status label) is not compared, so
    a petition whose details page says the same never looks changed forever.
    """
    for name in LISTING_FIELDS:
        value = getattr(row, name)
        if value is not None and value != getattr(stored, name):
            return True
    if row.status_id is None and stored.status_id is None and row.status.en and stored.status.en:
        return " ".join(row.status.en.split()) != " ".join(stored.status.en.split())
    return False
