"""A loopback stand-in for the House of Commons petitions site.

It replays the real saved pages (the default SearchAsync listing and the e-7775
details page, read in place from ../shared/fixtures) and, for the other
petitions named by the listing, small details pages built here from the row's
own facts, in English and French. It records every request so tests can check
what the bot sent, and injects faults on demand: server errors, 429 with
Retry-After, a stalled answer, a truncated body, HTML or a reCAPTCHA page where
JSON was expected, a 403 challenge, an empty body.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "ourcommons"
LISTING_FIXTURE = FIXTURES / "searchasync.open.recent.page1.en.json"
DETAILS_FIXTURE = FIXTURES / "e-7775.en.html"
REAL_DETAILS = "e-7775"
LAST_MODIFIED = "Thu, 01 Oct 2026 20:51:35 GMT"
OPENED_EN = "September 1, 2026, at 9:00 a.m. (EDT)"


def fixtures_missing() -> str | None:
    """Why the replay cannot run, or None when the saved pages are there."""
    for path in (LISTING_FIXTURE, DETAILS_FIXTURE):
        if not path.exists():
            return f"saved site pages not found ({path}); they live in ../shared/fixtures/ourcommons"
    return None


@dataclass(slots=True)
class Seen:
    """One request as the site would have received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]
    at: float  # time.monotonic() on arrival
    status: int = 0

    @property
    def path_qs(self) -> str:
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path

    @property
    def number(self) -> str | None:
        return self.query.get("Petition")

    @property
    def lang(self) -> str:
        return self.path.split("/")[2]

    @property
    def is_listing(self) -> bool:
        return self.path.endswith("/Petition/SearchAsync")


@dataclass(slots=True)
class Fault:
    kind: str
    match: str
    times: int | None = 1  # None: every time
    retry_after: str = "1"
    delay: float = 5.0
    status: int = 500


@dataclass(frozen=True, slots=True)
class Row:
    """What a listing row says about a petition, enough to draw its details page."""

    number: str
    subject: str
    sponsor: str
    until: str
    signatures: int


CAPTCHA_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>One moment, please</title>
<script src="https://www.google.com/recaptcha/enterprise.js" async defer></script></head>
<body><h2>Before you continue</h2>
<p>Please confirm that you are a person and not an automated program.</p>
<form method="post"><div class="g-recaptcha" data-sitekey="test-site-key"></div>
<button type="submit">Continue</button></form></body></html>
"""

SEARCH_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Search petitions - Petitions</title></head>
<body><main><h1>Search petitions</h1>
<form id="SearchForm" action="/petitions/en/Petition/Search" method="get">
<input type="text" name="text" value=""><button type="submit">Search</button></form>
<p>Use the filters to find a petition.</p></main></body></html>
"""

SUBJECTS_FR = {
    "Foreign affairs": "Affaires étrangères",
    "Social affairs and equality": "Affaires sociales et égalité",
    "Environment": "Environnement",
    "Health": "Santé",
    "Justice": "Justice",
    "Taxation": "Fiscalité",
    "Employment and labour": "Travail et emploi",
    "Citizenship and immigration": "Citoyenneté et immigration",
    "Public safety": "Sécurité publique",
    "Parliament and politics": "Parlement et politique",
    "Fisheries": "Pêches",
}

MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def listing_rows(listing_html: str) -> list[Row]:
    """The desktop rows of a listing fragment (the mobile copies are skipped)."""
    rows = []
    for m in re.finditer(r'<tr class="Pub"[^>]*>(.*?)</tr>', listing_html, re.S):
        cells = re.findall(r"<td>(.*?)</td>", m.group(1), re.S)
        number = re.search(r'class="spTitle">\s*([^<\s]+)', cells[0]).group(1)  # type: ignore[union-attr]
        subject = re.findall(r"<span>([^<]*)</span>", cells[0])[-1]
        until = " ".join(re.sub(r"<[^>]+>", " ", cells[3]).split())
        until = until.split("until ", 1)[-1]
        rows.append(
            Row(number, html.unescape(subject), " ".join(cells[4].split()), until, int(cells[5].strip()))
        )
    return rows


def _french_date(until: str) -> str:
    """'January 27, 2027, at 9:31 a.m. (EDT)' → '27 janvier 2027 à 9 h 31 (HAE)'."""
    m = re.match(r"(\w+) (\d+), (\d{4}), at (\d+):(\d+) ([ap])\.m\.", until)
    if not m:
        return until
    month, day, year, hour, minute, half = m.groups()
    h = int(hour) % 12 + (12 if half == "p" else 0)
    return f"{int(day)} {MONTHS_FR[MONTHS_EN.index(month)]} {year} à {h} h {minute} (HAE)"


def details_page(row: Row, lang: str, *, paper: bool = False) -> str:
    """A small details page in the site's structure, written for these tests.

    A paper petition has no initiator, no signature dates and no signature count.
    """
    en = lang == "en"
    subject = row.subject if en else SUBJECTS_FR.get(row.subject, row.subject)
    closes = row.until if en else _french_date(row.until)
    opens = OPENED_EN if en else _french_date(OPENED_EN)  # not in the listing; any earlier date will do
    paper_type = "Paper petition" if en else "Pétition papier"
    words = {
        "type": paper_type if paper else ("E-petition" if en else "Pétition électronique"),
        "by": "Initiated by Sam Tester from Halifax, Nova Scotia"
        if en
        else "Lancée par Sam Tester de Halifax (Nouvelle-Écosse)",
        "lang": "Original language of petition:  English"
        if en
        else "Langue d'origine de la pétition : Anglais",
        "to": "Petition to the House of Commons" if en else "Pétition à la Chambre des communes",
        "whereas": "Whereas:" if en else "Attendu que :",
        "grievance": f"Residents have raised a concern about {subject.lower()} (test petition {row.number})."
        if en
        else f"Des résidents ont soulevé une question au sujet de : {subject.lower()} (pétition d'essai {row.number}).",
        "lead": "We, the undersigned, <b>residents of Canada</b>, call upon the <b>House of Commons</b> to:"
        if en
        else "Nous, soussignés, <b>résidents du Canada</b>, prions la <b>Chambre des communes</b> de :",
        "ask": "1. Study the question and report back."
        if en
        else "1. Étudier la question et en faire rapport.",
        "open": "Open for signature " if en else "Ouverte pour signature ",
        "close": "Closed for signature " if en else "Fermée pour signature ",
        "petition": "Petition" if en else "Pétition",
        "history": "History" if en else "Historique",
        "mp": "Member of Parliament" if en else "Député",
        "signatures": f"{row.signatures} signatures ",
        "only": "Only validated signatures are counted towards the total number of signatures."
        if en
        else "Seules les signatures validées sont comptées dans le nombre total de signatures.",
        "province": "Province / Territory" if en else "Province / Territoire",
        "where": "Nova Scotia" if en else "Nouvelle-Écosse",
    }
    initiator = "" if paper else "<div><span>" + words["by"] + "</span></div>"
    history = ""
    if not paper:
        history = f"<dt>{words['open']}</dt><dd>{opens}</dd>\n<dt>{words['close']}</dt><dd>{closes}</dd>"
    return f"""<!DOCTYPE html>
<html class="no-js" dir="ltr" lang="{lang}" xml:lang="{lang}">
<head><meta charset="utf-8" /><title>{words["petition"]} {row.number} - Petitions</title></head>
<body><main>
<div class="panel panel-default"><div class="core-content"><div class="row"><div class="col-md-9">
<h1 data-cachedDateTime="10/1/2026 9:00:00 PM">{row.number} ({html.escape(subject)})</h1>
<div class="introDetails">
<div class="icon"><span class="hoc-icon icon-television"></span><span>{words["type"]}</span></div>
{initiator}
<p>{words["lang"]}</p>
</div>
<div id="accordion1">
<div class="accordion-item"><a href="#accordion1-collapse-item-1"><h2 class="pet-table-col">{words["petition"]}</h2></a>
<div id="accordion1-collapse-item-1"><div id="tab1"><div class="pet-details-text"><div class="pet-prayer">
<h3>{words["to"]}</h3><div>{words["whereas"]}</div>
<ul class="whereas"><li>{html.escape(words["grievance"])}</ul>
<div><div class="pet-para">{words["lead"]}</div><div class="pet-para">{words["ask"]}</div></div>
</div></div></div></div></div>
<div class="accordion-item"><a href="#accordion1-collapse-item-3"><h2 class="pet-table-col">{words["history"]}</h2></a>
<div id="accordion1-collapse-item-3"><div id="tab1"><div class="panel-body history-section"><dl>
{history}
</dl></div></div></div></div>
<div class="accordion-item"><a href="#accordion1-collapse-item-20"><h2 class="pet-table-col">{words["mp"]}</h2></a>
<div id="accordion1-collapse-item-20"><div class="row vertical-align">
<div class="member-details" id="DetailsMember"><div><a href="http://www.ourcommons.ca/Parliamentarians/{lang}/members/Test-Member"> {html.escape(row.sponsor)} </a></div></div>
</div></div></div>
{"" if paper else _signature_panel(row, words)}
</div>
</div></div></div></div>
</main></body></html>
"""


def _signature_panel(row: Row, words: dict[str, str]) -> str:
    return f"""<div class="accordion-item"><a href="#accordion1-collapse-item-2"><h2 class="pet-table-col">{words["signatures"]}</h2></a>
<div id="accordion1-collapse-item-2"><p>{words["only"]}</p>
<table class="table table-striped epetition-table"><thead><tr><th>{words["province"]}</th><th>Signatures</th></tr></thead>
<tbody><tr class="epetition-table-tr"><td>{words["where"]}</td><td>{row.signatures}</td></tr></tbody></table>
</div></div>"""


def empty_listing(payload: dict[str, Any], page: int) -> dict[str, Any]:
    """The same listing answer with no rows, as a page past the end would be."""
    fragment = re.sub(r'<tr class="Pub".*?</tr>', "", payload["html"], flags=re.S)
    fragment = re.sub(r"Page:</b> 1 of", f"Page:</b> {page} of", fragment)
    return {**payload, "html": fragment}


@dataclass
class SiteServer:
    """The replay server; `await start()`, point the settings at `base_en`/`base_fr`, `await stop()`."""

    requests: list[Seen] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    etags: bool = True
    listing: dict[int, dict[str, Any]] = field(default_factory=dict)
    details: dict[tuple[str, str], str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    port: int = 0

    def __post_init__(self) -> None:
        payload = json.loads(LISTING_FIXTURE.read_text(encoding="utf-8"))
        self.listing = {1: payload}
        self.rows = listing_rows(payload["html"])
        real = DETAILS_FIXTURE.read_text(encoding="utf-8")
        for row in self.rows:
            for lang in ("en", "fr"):
                self.details[(lang, row.number)] = details_page(row, lang)
        self.details[("en", REAL_DETAILS)] = real

    # --- life cycle ---------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_en(self) -> str:
        return f"http://127.0.0.1:{self.port}/petitions/en"

    @property
    def base_fr(self) -> str:
        return f"http://127.0.0.1:{self.port}/petitions/fr"

    # --- test controls ----------------------------------------------------------------

    def fail(self, kind: str, match: str, *, times: int | None = 1, **options: Any) -> None:
        """Answer requests whose path and query contain `match` with fault `kind`, `times` times."""
        self.faults.append(Fault(kind, match, times, **options))

    def set_signatures(self, number: str, count: int) -> None:
        """Change a petition's count in listing page 1 (its details page stays as it was)."""
        payload = self.listing[1]
        pattern = re.compile(
            rf'(href="Details\?Petition={re.escape(number)}".*?<td>)(\d+)(</td>\s*</tr>)', re.S
        )
        fragment, n = pattern.subn(lambda m: f"{m.group(1)}{count}{m.group(3)}", payload["html"], count=1)
        assert n == 1, f"{number} is not in the listing"
        self.listing[1] = {**payload, "html": fragment}

    def keep_only(self, numbers: list[str]) -> None:
        """Drop every other row from listing page 1, for tests that want a short run."""
        payload = self.listing[1]

        def keep(m: re.Match[str]) -> str:
            return m.group(0) if any(f'Petition={n}"' in m.group(0) for n in numbers) else ""

        self.listing[1] = {
            **payload,
            "html": re.sub(r'<tr class="Pub".*?</tr>', keep, payload["html"], flags=re.S),
        }

    def add_paper(self, number: str, subject: str = "Health") -> None:
        """Publish a paper petition's details pages (EN and FR)."""
        row = Row(number, subject, "Test Member", "", 0)
        for lang in ("en", "fr"):
            self.details[(lang, number)] = details_page(row, lang, paper=True)

    def details_requests(self) -> list[Seen]:
        return [r for r in self.requests if r.number is not None]

    def listing_requests(self) -> list[Seen]:
        return [r for r in self.requests if r.is_listing]

    # --- serving ------------------------------------------------------------------

    def _fault_for(self, request: web.Request) -> Fault | None:
        for fault in self.faults:
            if fault.match in request.path_qs and (fault.times is None or fault.times > 0):
                if fault.times is not None:
                    fault.times -= 1
                return fault
        return None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        form = {k: str(v) for k, v in (await request.post()).items()} if request.method == "POST" else {}
        seen = Seen(
            request.method, request.path, dict(request.query), dict(request.headers), form, time.monotonic()
        )
        self.requests.append(seen)
        response = await self._answer(request)
        seen.status = response.status
        return response

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        fault = self._fault_for(request)
        if fault is not None:
            answer = await self._faulty(request, fault)
            if answer is not None:
                return answer
        if request.path.endswith("/Petition/SearchAsync") and request.method == "POST":
            page = int(request.query.get("Page") or request.query.get("page") or 1)
            payload = self.listing.get(page) or empty_listing(self.listing[1], page)
            return web.Response(text=json.dumps(payload), content_type="application/json")
        if request.path.endswith("/Petition/Details") and request.method == "GET":
            lang = request.path.split("/")[2].lower()
            number = request.query.get("Petition", "")
            body = self.details.get((lang, number), "")  # an unpublished number: 200, empty body
            if not body or not self.etags:
                return web.Response(text=body, content_type="text/html")
            etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:20] + '"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(
                text=body, content_type="text/html", headers={"ETag": etag, "Last-Modified": LAST_MODIFIED}
            )
        return web.Response(status=404, text="not here")

    async def _faulty(self, request: web.Request, fault: Fault) -> web.StreamResponse | None:
        kind = fault.kind
        if kind == "status":
            return web.Response(status=fault.status, text="server trouble")
        if kind == "429":
            return web.Response(status=429, text="slow down", headers={"Retry-After": fault.retry_after})
        if kind == "403":
            return web.Response(status=403, text=CAPTCHA_PAGE, content_type="text/html")
        if kind == "timeout":
            await asyncio.sleep(fault.delay)
            return None  # then answer normally, long after the client gave up
        if kind == "html":
            return web.Response(text=SEARCH_PAGE, content_type="text/html")
        if kind == "captcha":
            return web.Response(text=CAPTCHA_PAGE, content_type="text/html")
        if kind == "empty":
            return web.Response(text="", content_type="text/html")
        if kind == "wrong-page":
            return web.Response(text=self.details[("en", REAL_DETAILS)], content_type="text/html")
        if kind == "truncate":
            body = self.details.get(("en", REAL_DETAILS), "").encode()
            response = web.StreamResponse(status=200, headers={"Content-Type": "text/html"})
            response.content_length = len(body)
            await response.prepare(request)
            await response.write(body[: len(body) // 3])
            assert request.transport is not None
            request.transport.close()  # the rest never comes
            return response
        raise AssertionError(f"unknown fault {kind}")
