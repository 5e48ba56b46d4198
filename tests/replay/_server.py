"""The replay server: the aiohttp app, its caches, the reCAPTCHA gate, injected faults, the request log.

The package docstring (`tests/replay/__init__.py`) says how the gate and the faults behave.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time as clock
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from aiohttp import web

from tests.replay._details_page import render_details
from tests.replay._listing_page import ListingQuery, Refiners, count_refiners, render_listing
from tests.replay._markup import captcha_page, search_page
from tests.replay._records import PARLIAMENTS, TODAY, ReplayPetition

GATED_PARAMS = ("sponsor", "keyword", "text", "type", "status", "output")
"""Listing parameters the site only accepts with a reCAPTCHA token (any case, query or form)."""

FaultKind = Literal["captcha", "429", "5xx", "html"]


@dataclass(slots=True)
class ReplayRequest:
    """One request as the site received it."""

    method: str
    path: str
    path_qs: str
    query: dict[str, str]
    form: dict[str, str]
    at: float  # time.monotonic() on arrival
    status: int = 0
    gated: str | None = None  # why it was refused at the gate
    fault: str | None = None  # the fault that answered it

    @property
    def lang(self) -> str:
        parts = self.path.split("/")
        return parts[2].lower() if len(parts) > 2 else ""

    @property
    def is_listing(self) -> bool:
        return self.path.lower().endswith("/petition/searchasync")

    @property
    def is_details(self) -> bool:
        return self.path.lower().endswith("/petition/details")

    @property
    def number(self) -> str | None:
        return next((v for k, v in self.query.items() if k.lower() == "petition"), None)


@dataclass(slots=True)
class Fault:
    kind: FaultKind
    match: str = ""
    times: int | None = 1  # None: every matching request
    retry_after: str | None = "1"
    status: int = 503
    fired: int = 0


class ReplaySite:
    """The replay server. Use `replay_site(...)`, or `await start()` and `await close()`."""

    def __init__(
        self,
        corpus: Sequence[ReplayPetition],
        *,
        port: int = 0,
        etags: bool = True,
        strict_gate: bool = False,
        latency: float = 0.0,
        today: date = TODAY,
        page_cache: int = 256,
    ) -> None:
        self.corpus = list(corpus)
        self.port = port
        self.etags = etags
        self.strict_gate = strict_gate
        self.latency = latency
        self.today = today
        self.requests: list[ReplayRequest] = []
        self.gated_requests: list[ReplayRequest] = []
        self.gated_names: list[ReplayRequest] = []
        self.faults: list[Fault] = []
        self.listing_requests = 0
        self.details_requests = 0
        self._index: dict[str, ReplayPetition] = {}
        for p in self.corpus:
            self._file(p)
        self.latest = self._latest()
        self._ordered: dict[tuple[int, str], list[ReplayPetition]] = {}
        self._refiners: dict[tuple[int, str], Refiners] = {}
        self._pages: OrderedDict[tuple[str, str], tuple[str, str]] = OrderedDict()
        self._page_cache = page_cache
        self.app = web.Application()
        self.app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner: web.AppRunner | None = None

    # --- life cycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, handle_signals=False, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_en(self) -> str:
        return f"{self.base_url}/petitions/en"

    @property
    def base_fr(self) -> str:
        return f"{self.base_url}/petitions/fr"

    def listing_url(self, lang: str = "en", **params: object) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"{self.base_url}/petitions/{lang}/Petition/SearchAsync" + (f"?{query}" if query else "")

    def details_url(self, number: str, lang: str = "en") -> str:
        return f"{self.base_url}/petitions/{lang}/Petition/Details?Petition={number}"

    # --- for assertions -----------------------------------------------------------------------------

    def published_numbers(self, parliament: int | None = None) -> set[str]:
        return {p.number for p in self.corpus if p.published and parliament in (None, p.parliament)}

    def expected(self, number: str) -> ReplayPetition:
        """The petition behind a number (its own or, for a presented e-petition, its PPS number)."""
        return self._index[number.lower()]

    def ordered(self, parliament: int | None = None, category: str = "All") -> list[ReplayPetition]:
        """The listing's rows for a Parliament and category, in the order the pages give them."""
        key = (parliament or self.latest, category.lower())
        rows = self._ordered.get(key)
        if rows is None:
            wanted = {"all": None, "open": 207, "responses": 223}[key[1]]
            rows = [
                p
                for p in self.corpus
                if p.published and p.parliament == key[0] and (wanted is None or p.status_id == wanted)
            ]
            rows.sort(key=lambda p: (p.last_event, p.data_id), reverse=True)
            self._ordered[key] = rows
        return rows

    def fail(
        self,
        kind: FaultKind,
        *,
        match: str = "",
        times: int | None = 1,
        retry_after: str | None = "1",
        status: int = 503,
    ) -> Fault:
        """Answer the next `times` requests whose path and query contain `match` with a fault.

        "captcha": the captcha page (200, HTML); "429": Too Many Requests with Retry-After;
        "5xx": `status` with Retry-After; "html": the plain HTML search page (200).
        """
        if kind not in ("captcha", "429", "5xx", "html"):
            raise ValueError(f"unknown fault {kind!r}")
        if kind == "5xx" and not 500 <= status <= 599:
            raise ValueError(f"a 5xx fault needs a 5xx status, not {status}")
        fault = Fault(kind, match, times, retry_after, status)
        self.faults.append(fault)
        return fault

    # --- changing the site while a client follows it ---------------------------------------------------

    def add(self, petition: ReplayPetition) -> None:
        """A new petition appears: in its Parliament's listings and counts, and at its details pages.

        Its number, and its PPS number if it has one, must be new to the site. A petition of a newer
        Parliament than any served makes that Parliament the latest.
        """
        taken = [n for n in _numbers(petition) if n in self._index]
        if taken:
            raise ValueError(f"the site already has a petition numbered {', '.join(taken)}")
        self.corpus.append(petition)
        self._file(petition)
        self._changed(petition.parliament)

    def update(self, petition: ReplayPetition) -> None:
        """Replace the petition with the same number: a response tabled, a status reached, a count grown.

        From the next request on, the listings, the refiner counts and both details pages show the new
        record; a details page that changed gets a new ETag, so a conditional request sees the change.
        """
        old = self._index.get(petition.number.lower())
        if old is None or old.number.lower() != petition.number.lower():
            raise KeyError(f"the site has no petition numbered {petition.number}")
        taken = [n for n in _numbers(petition) if self._index.get(n, old) is not old]
        if taken:
            raise ValueError(f"{', '.join(taken)} is another petition's number")
        self.corpus[next(i for i, p in enumerate(self.corpus) if p is old)] = petition
        for number in _numbers(old):
            del self._index[number]
        self._file(petition)
        for lang in ("en", "fr"):
            self._pages.pop((lang, old.number), None)
        self._changed(old.parliament, petition.parliament)

    def _file(self, p: ReplayPetition) -> None:
        for number in _numbers(p):
            self._index[number] = p

    def _latest(self) -> int:
        return max((p.parliament for p in self.corpus), default=max(PARLIAMENTS))

    def _changed(self, *parliaments: int) -> None:
        """Forget the ordered rows and refiner counts of these Parliaments; they are rebuilt on demand."""
        self.latest = self._latest()
        for cache in (self._ordered, self._refiners):
            for key in [key for key in cache if key[0] in parliaments]:
                del cache[key]

    # --- serving ---------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        form: dict[str, str] = {}
        if request.method == "POST" and request.can_read_body:
            form = {k: str(v) for k, v in (await request.post()).items()}
        record = ReplayRequest(
            request.method, request.path, request.path_qs, dict(request.query), form, clock.monotonic()
        )
        self.requests.append(record)
        response = self._answer(request, record)
        record.status = response.status
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        return response

    def _answer(self, request: web.Request, record: ReplayRequest) -> web.Response:
        parts = request.path.strip("/").split("/")
        if len(parts) != 4 or parts[0].lower() != "petitions" or parts[2].lower() != "petition":
            return web.Response(status=404, text="Not found")
        lang, endpoint = parts[1].lower(), parts[3].lower()
        if lang not in ("en", "fr"):
            return web.Response(status=404, text="Not found")
        if endpoint == "searchasync":
            self.listing_requests += 1
            if request.method not in ("GET", "POST"):
                return web.Response(status=405, text="Method not allowed")
            params = {k.lower(): v for k, v in [*record.query.items(), *record.form.items()]}
            reason = self._gate(params, record)
            if reason is not None:
                record.gated = reason
                self.gated_requests.append(record)
                return web.Response(text=captcha_page(lang), content_type="text/html")
            return self._faulty(record, lang) or self._listing(lang, params)
        if endpoint == "search":  # the search page itself (what `petitionbot doctor` asks for)
            if request.method not in ("GET", "HEAD"):
                return web.Response(status=405, text="Method not allowed")
            return self._faulty(record, lang) or web.Response(
                text=search_page(lang), content_type="text/html"
            )
        if endpoint == "details":
            self.details_requests += 1
            if request.method not in ("GET", "HEAD"):
                return web.Response(status=405, text="Method not allowed")
            return self._faulty(record, lang) or self._details(request, record, lang)
        return web.Response(status=404, text="Not found")

    def _gate(self, params: dict[str, str], record: ReplayRequest) -> str | None:
        present = [name for name in GATED_PARAMS if name in params]
        if present:
            self.gated_names.append(record)
        for name in present:
            if params[name].strip() or self.strict_gate:
                return f"{name}={params[name]}"
        order = params.get("order", "").strip()
        if order and order.lower() != "recent":
            return f"order={order}"
        return None

    def _faulty(self, record: ReplayRequest, lang: str) -> web.Response | None:
        for fault in self.faults:
            if fault.match in record.path_qs and (fault.times is None or fault.fired < fault.times):
                fault.fired += 1
                record.fault = fault.kind
                headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                if fault.kind == "captcha":
                    return web.Response(text=captcha_page(lang), content_type="text/html")
                if fault.kind == "html":
                    return web.Response(text=search_page(lang), content_type="text/html")
                if fault.kind == "429":
                    return web.Response(status=429, text="Too Many Requests", headers=headers)
                return web.Response(status=fault.status, text="Service Unavailable", headers=headers)
        return None

    def _listing(self, lang: str, params: dict[str, str]) -> web.Response:
        parl_text = params.get("parl", "").strip()
        if parl_text and parl_text.lower() != "latest" and not parl_text.isdigit():
            return web.Response(status=400, text=f"bad parl {parl_text!r}")
        parliament = int(parl_text) if parl_text.isdigit() else None
        category = {"": "Open", "open": "Open", "responses": "Responses", "all": "All"}.get(
            params.get("category", "").strip().lower()
        )
        if category is None:
            return web.Response(status=400, text=f"bad category {params.get('category')!r}")
        try:
            page = int(params.get("page") or 1)
            rpp = int(params.get("rpp") or 20)
        except ValueError:
            return web.Response(status=400, text="bad Page or RPP")
        if page < 1 or not 1 <= rpp <= 1000:
            return web.Response(status=400, text="bad Page or RPP")
        rows = self.ordered(parliament, category)
        key = (parliament or self.latest, category.lower())
        refiners = self._refiners.get(key)
        if refiners is None:
            refiners = self._refiners[key] = count_refiners(rows)
        query = ListingQuery(lang=lang, category=category, page=page, rpp=rpp, parl=parliament)
        shown = rows[(page - 1) * rpp : page * rpp]
        payload = render_listing(query, shown, total=len(rows), refiners=refiners)
        return web.Response(text=json.dumps(payload), content_type="application/json")

    def _details(self, request: web.Request, record: ReplayRequest, lang: str) -> web.Response:
        p = self._index.get((record.number or "").strip().lower())
        if p is None or not p.published:
            return web.Response(text="", content_type="text/html")  # the site's "no such petition"
        body, etag = self._page(p, lang)
        if not self.etags:
            return web.Response(text=body, content_type="text/html")
        asked = request.headers.get("If-None-Match", "")
        if asked.strip() == "*" or etag in (tag.strip().removeprefix("W/") for tag in asked.split(",")):
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=body, content_type="text/html", headers={"ETag": etag})

    def _page(self, p: ReplayPetition, lang: str) -> tuple[str, str]:
        key = (lang, p.number)
        found = self._pages.get(key)
        if found is not None:
            self._pages.move_to_end(key)
            return found
        cached_at = datetime.combine(self.today - timedelta(days=1), time(20, 0)) + timedelta(
            seconds=p.data_id % 3600
        )
        body = render_details(p, lang, cached_at=cached_at)
        found = (body, '"' + hashlib.sha1(body.encode()).hexdigest()[:20] + '"')
        self._pages[key] = found
        if len(self._pages) > self._page_cache:
            self._pages.popitem(last=False)
        return found


def _numbers(p: ReplayPetition) -> list[str]:
    """The numbers a details request may name it by, as the index keys them."""
    return [p.number.lower()] + ([p.presented_number.lower()] if p.presented_number else [])


@asynccontextmanager
async def replay_site(corpus: Sequence[ReplayPetition], **opts: Any) -> AsyncIterator[ReplaySite]:
    """The replay serving `corpus` on 127.0.0.1 (a free port unless `port=` says otherwise)."""
    site = ReplaySite(corpus, **opts)
    await site.start()
    try:
        yield site
    finally:
        await site.close()
