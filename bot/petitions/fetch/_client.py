"""The polite client: one request at a time, identified, paced, and backing off when asked."""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp

from bot.petitions.health import package_version
from bot.petitions.pacer import Pacer, Priority

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
"""Seconds for one whole request; the site answers in well under that when it is healthy."""
DEFAULT_RETRIES = 3
MAX_RETRY_WAIT = 60.0
"""A server asking for a longer pause than this gets it: we stop until the next cycle."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The few plain values every client of the petitions site needs (refresh, backfill, lookups).

    Built by the edge from its settings; plain on purpose, so the core never sees the settings
    object (and the token in it).
    """

    base_en: str
    base_fr: str
    user_agent: str
    interval: float = 1.0
    """Seconds between two requests to the site."""
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES

    def listing_url(self, parliament: int, category: str, page: int) -> str:
        # Only ungated parameters: a category button, the default order, the Parliament and the page.
        return (
            f"{self.base_en.rstrip('/')}/Petition/SearchAsync"
            f"?category={category}&order=Recent&parl={parliament:d}&Page={page:d}"
        )

    def details_url(self, number: str, lang: str) -> str:
        base = self.base_fr if lang == "fr" else self.base_en
        return f"{base.rstrip('/')}/Petition/Details?Petition={number}"

    def client(self, session: aiohttp.ClientSession, pacer: Pacer | None, priority: Priority) -> PoliteClient:
        """A client on these values; the retry backoff is twice the interval (at least 50 ms),
        so a test that sets the interval to 0 runs its retries fast."""
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


def user_agent(contact: str) -> str:
    """How every request names the bot, with a way to reach whoever runs it."""
    return f"petitionbot/{package_version()} (+{contact})"


# --- errors -------------------------------------------------------------------------


class FetchError(Exception):
    """A request that did not give a usable answer, after the retries it deserved."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status  # the last HTTP status seen, if any


class ChallengeError(FetchError):
    """A reCAPTCHA or challenge page: the run stops and nothing tries to get past it."""


# --- the polite client ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One answer of the site, as far as the refresh cares."""

    url: str
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def body_hash(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def text(self) -> str:
        return self.body.decode("utf-8-sig", errors="replace")


class PoliteClient:
    """An aiohttp session wrapper that paces, identifies itself and backs off.

    Requests take turns on a `Pacer` (shared by everything that asks the site,
    when one is given): the next one starts no sooner than `interval` (plus a
    little jitter) after the previous one finished, so retries and slow answers
    never bunch requests together. A pause the site asks for holds the pacer,
    and so every other caller too.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        user_agent: str,
        interval: float = 1.0,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = 2.0,
        max_wait: float = MAX_RETRY_WAIT,
        pacer: Pacer | None = None,
        priority: Priority = Priority.REFRESH,
    ) -> None:
        self.session = session
        self.user_agent = user_agent
        self.pacer = pacer if pacer is not None else Pacer(interval)
        self.priority = priority
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.max_wait = max_wait
        self.requests = 0

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        priority: Priority | None = None,
    ) -> Page:
        """GET, conditional when a validator is given; a 304 comes back as a `Page` too."""
        headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._request("GET", url, headers=headers, priority=priority)

    async def post_form(self, url: str, form: Mapping[str, str], *, priority: Priority | None = None) -> Page:
        headers = {
            "Accept": "application/json, text/javascript, */*; q=0.01",
            "X-Requested-With": "XMLHttpRequest",
        }
        return await self._request("POST", url, headers=headers, data=dict(form), priority=priority)

    async def _request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        data: dict[str, str] | None = None,
        priority: Priority | None = None,
    ) -> Page:
        headers = {"User-Agent": self.user_agent, **headers}
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            status: int | None = None
            async with self.pacer.turn(self.priority if priority is None else priority):
                self.requests += 1
                try:
                    async with self.session.request(
                        method, url, headers=headers, data=data, timeout=self.timeout, max_redirects=3
                    ) as resp:
                        status = resp.status
                        if status == 304:
                            return _page(url, resp, b"")
                        if status == 403:
                            raise ChallengeError(url, "HTTP 403: the site is serving a challenge")
                        if status == 429 or status >= 500:
                            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                            reason = f"HTTP {status}"
                        elif status >= 400:
                            raise FetchError(url, f"HTTP {status}", status=status)
                        else:
                            return _page(url, resp, await resp.read())
                except TimeoutError:
                    reason = f"timed out after {self.timeout.total:g} s"
                except aiohttp.ClientPayloadError:
                    reason = "the answer was cut short (truncated body)"
                except aiohttp.TooManyRedirects:
                    raise FetchError(url, "too many redirects") from None
                except aiohttp.ClientError as exc:
                    reason = f"connection failed ({type(exc).__name__}: {exc})"

            if retry_after is not None and retry_after > self.max_wait:
                self.pacer.pause(self.max_wait)
                raise FetchError(
                    url,
                    f"{reason}; the site asked for a {retry_after:.0f} s pause, so we wait for the next cycle",
                    status=status,
                )
            if attempt > self.retries:
                raise FetchError(url, f"{reason}; gave up after {attempt} attempts", status=status)
            if retry_after is not None:
                wait = retry_after
            else:
                wait = min(self.backoff * 2 ** (attempt - 1), self.max_wait) * random.uniform(0.75, 1.25)
            log.info("%s %s: %s; retrying in %.1f s (attempt %d)", method, url, reason, wait, attempt + 1)
            self.pacer.pause(wait)  # the whole site waits, not just this caller


def _page(url: str, resp: aiohttp.ClientResponse, body: bytes) -> Page:
    return Page(
        url=url,
        status=resp.status,
        body=body,
        etag=resp.headers.get("ETag"),
        last_modified=resp.headers.get("Last-Modified"),
        content_type=resp.headers.get("Content-Type", ""),
    )


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def looks_like_captcha(text: str) -> bool:
    lowered = text.lower()
    return "captcha" in lowered or "are you a robot" in lowered or "verify you are human" in lowered
