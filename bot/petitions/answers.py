"""One function per question a user asks; the CLI and the cogs both call these.

Each returns plain dataclasses (never text for a particular screen) or raises
a `UserFacingError` with suggestions.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from bot.petitions import countries, deadlines, search as search_mod, sponsors as sponsors_mod
from bot.petitions.autocomplete import petition_choices
from bot.petitions.backfill import OnDemand, Stopped, has_details
from bot.petitions.errors import PetitionNotFound, UserFacingError
from bot.petitions.model import Bi, Lang, Petition
from bot.petitions.numbers import PetitionNumber, parse_number
from bot.petitions.statistics import (  # the statistics answers, found here with the others
    ResponsesAnswer as ResponsesAnswer,
    Scope as Scope,
    ScopeKind as ScopeKind,
    StatsAnswer as StatsAnswer,
    data_date as data_date,
    response_times as response_times,
    stats as stats,
)
from bot.petitions.store import Store

if TYPE_CHECKING:
    from bot.petitions.meaning import Meaning

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Row:
    """A petition as one line of a list."""

    number: str
    title: Bi[str]
    status_id: int | None
    kind: str
    presented_on: date | None
    last_event: date | None
    has_response: bool
    demo: bool
    primary: bool | None = None


@dataclass(slots=True)
class Page:
    rows: list[Row]
    total: int
    offset: int
    limit: int


@dataclass(slots=True)
class CountryAnswer:
    code: str
    name: Bi[str]
    primary: Page
    mentioned: Page
    alternatives: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ResponseAnswer:
    petition: Petition
    summary: str
    summary_lang: Lang
    note: str | None
    header: str | None
    signer: str | None
    paragraphs: list[str]
    paragraphs_lang: Lang
    tabled_on: date | None
    answered_in_days: int | None


_ROW_SQL = (
    "SELECT p.number AS number, p.subject_en AS subject_en, p.subject_fr AS subject_fr, p.status_id AS status_id, "
    "p.kind AS kind, p.presented_on AS presented_on, p.last_event AS last_event, "
    "p.has_response AS has_response, p.demo AS demo"
)


def _row(r: sqlite3.Row, primary: bool | None = None) -> Row:
    presented, last = r["presented_on"], r["last_event"]
    return Row(
        number=r["number"],
        title=Bi(r["subject_en"], r["subject_fr"]),
        status_id=r["status_id"],
        kind=r["kind"],
        presented_on=date.fromisoformat(presented) if presented else None,
        last_event=date.fromisoformat(last) if last else None,
        has_response=bool(r["has_response"]),
        demo=bool(r["demo"]),
        primary=primary,
    )


async def lookup(store: Store, raw: str, *, source: OnDemand | None = None) -> Petition:
    """The petition a user typed or pasted, or an error with close numbers.

    With a `source`, a number the store does not hold is fetched from the site
    at once (and stored), and one whose details are still queued jumps the queue.
    """
    try:
        number = parse_number(raw)
    except UserFacingError as exc:
        exc.suggestions = await close_numbers(store, raw)
        raise
    petition = await store.get(number.text)
    if petition is None and source is not None:
        return await fetch_missing(store, source, number.text)
    if petition is None:
        if await store.is_empty():
            raise PetitionNotFound("store.empty", number=number.text)
        raise PetitionNotFound(
            "petition.not_found", suggestions=await close_numbers(store, number.text), number=number.text
        )
    if source is not None and not petition.demo and not has_details(petition):
        await hurry(store, petition.number)
    return petition


async def hurry(store: Store, number: str) -> bool:
    """Someone asked for a petition whose details are still queued: fetch them next."""
    return await OnDemand.hurry(store, number)


async def fetch_missing(store: Store, source: OnDemand, number: str) -> Petition:
    """A petition the store lacks, from the site now; a clear error when the site has none or can't be asked."""
    try:
        petition = await source.fetch(store, number)
    except Stopped as exc:
        raise PetitionNotFound("petition.site_unreachable", number=number, reason=exc.reason) from exc
    if petition is None:
        raise PetitionNotFound("petition.unpublished", number=number)
    return petition


async def close_numbers(store: Store, raw: str, limit: int = 5) -> list[str]:
    """Known numbers that look like what the user typed."""
    text = (raw or "").strip()
    if not text:
        return []
    try:
        parsed: PetitionNumber | None = parse_number(text)
    except UserFacingError:
        parsed = None
    if parsed is not None:
        prefix = parsed.text[: max(3, len(parsed.text) - 2)]
        rows = await store.fetch_all(
            "SELECT number FROM petitions WHERE number >= ? AND number < ? ORDER BY number LIMIT 200",
            (prefix, prefix + "\uffff"),
        )
    else:
        rows = await store.fetch_all("SELECT number FROM petitions ORDER BY last_event DESC LIMIT 2000")
    candidates = [r["number"] for r in rows]
    needle = parsed.text if parsed else text.lower()
    found = process.extract(needle, candidates, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [c for c, _score, _i in found]


#: How long a refused number waits for petitions whose words match it: a courtesy, never a delay.
HINT_TIMEOUT = 2.0


async def search_hint(
    store: Store, exc: UserFacingError, raw: str, *, key: str = "petition.bad_number_hint"
) -> UserFacingError:
    """Text that is no petition number at all (a title, a few words) is answered with a pointer to
    search and the petitions it may mean; any other refusal (an empty number…) is returned as it was.

    `key` names the pointer: /search in Discord, `petitionbot search` in a terminal.
    """
    if exc.key != "number.bad":
        return exc
    suggestions = list(exc.suggestions)
    if not suggestions:
        try:  # the choices /petition's autocomplete offers for the same text (their labels unused)
            found = await asyncio.wait_for(petition_choices(store, raw, "en"), HINT_TIMEOUT)
        except Exception:  # slow or failing: the refusal alone still answers
            log.warning("petition suggestions for a bad number failed", exc_info=True)
            found = []
        suggestions = [value for _label, value in found[:5]]
    return UserFacingError(key, suggestions=suggestions, value=exc.params.get("value", raw))


async def petitions_for_country(
    store: Store,
    query: str,
    *,
    status_ids: tuple[int, ...] = (),
    kind: str | None = None,
    limit: int = 10,
    offset: int = 0,
    date_from: date | None = None,
    date_to: date | None = None,
) -> CountryAnswer:
    """Petitions about a country, those primarily about it first (`date_from`/`date_to`: on their
    latest event, as the search filters)."""
    matches = countries.resolve_country(query)
    if not matches:
        raise UserFacingError("country.unknown", value=query[:60])
    best = matches[0]
    where = ["c.code = ?"]
    params: list[Any] = [best.code]
    if status_ids:
        where.append(f"c.status_id IN ({','.join('?' * len(status_ids))})")
        params.extend(status_ids)
    if kind:
        where.append("c.kind = ?")
        params.append(kind)
    if date_from:
        where.append("c.last_event >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("c.last_event <= ?")
        params.append(date_to.isoformat())
    # The links hold the petition's status, kind and date, and their index covers them: the count
    # and the page's numbers come from the index alone; only the page's rows are read.
    links = f"FROM petition_countries c WHERE {' AND '.join(where)}"
    pages = []
    for is_primary in (1, 0):
        total = await store.fetch_value(
            f"SELECT count(*) {links} AND c.is_primary = ?", (*params, is_primary), 0
        )
        rows = await store.fetch_all(
            f"{_ROW_SQL} FROM (SELECT c.number, c.last_event {links} AND c.is_primary = ? "
            "ORDER BY c.last_event DESC, c.number DESC LIMIT ? OFFSET ?) AS c "
            "CROSS JOIN petitions p ON p.number = c.number ORDER BY c.last_event DESC, c.number DESC",
            (*params, is_primary, limit, offset),
        )
        pages.append(Page([_row(r, bool(is_primary)) for r in rows], total, offset, limit))
    return CountryAnswer(
        code=best.code,
        name=best.name,
        primary=pages[0],
        mentioned=pages[1],
        alternatives=[m.code for m in matches[1:4]],
    )


async def response_of(store: Store, raw: str, lang: str) -> ResponseAnswer:
    """The government response in the reader's language, with its summary."""
    from bot.petitions import summary as summary_mod

    p = await lookup(store, raw)
    if p.response is None or not p.response.paragraphs:
        raise UserFacingError("response.none", number=p.number)
    text, text_lang = p.summary.pick(lang)
    if not text:
        text, text_lang = summary_mod.summaries_for(p).pick(lang)
    paragraphs, para_lang = p.response.paragraphs.pick(lang)
    header, _ = p.response.header.pick(lang)
    answered = None
    if p.presented_on and p.response_tabled_on:
        answered = (p.response_tabled_on - p.presented_on).days
    return ResponseAnswer(
        petition=p,
        summary=text or "",
        summary_lang=text_lang or ("fr" if lang == "fr" else "en"),
        note=summary_mod.summary_note(lang, text_lang) if text_lang else None,
        header=header,
        signer=p.response.signer,
        paragraphs=list(paragraphs or []),
        paragraphs_lang=para_lang or ("fr" if lang == "fr" else "en"),
        tabled_on=p.response_tabled_on,
        answered_in_days=answered,
    )


async def overdue(
    store: Store, today: date, *, limit: int | None = None, offset: int = 0
) -> list[tuple[Petition, deadlines.Clock]]:
    """Presented petitions past their 45-day deadline, most overdue first (`limit` of them from `offset`).

    The due dates are stored and indexed at ingest, so only the petitions returned are read.
    """
    petitions = await store.overdue(today, limit, offset)
    return deadlines.overdue(petitions, today)


async def overdue_page(
    store: Store, today: date, *, limit: int, offset: int = 0
) -> tuple[list[tuple[Petition, deadlines.Clock]], int]:
    """The `limit` most overdue petitions from `offset`, and how many are overdue in all."""
    return await overdue(store, today, limit=limit, offset=offset), await store.count_overdue(today)


async def sponsor_petitions(
    store: Store, query: str, *, limit: int = 10, offset: int = 0
) -> tuple[sponsors_mod.SponsorMatch, Page]:
    """The best-matching MP and a page of the petitions they presented or sponsored."""
    matches = await sponsors_mod.find_sponsors(store, query, limit=5)
    if not matches:
        raise UserFacingError("sponsor.unknown", value=query[:60])
    best = matches[0]
    if best.person_id is not None:
        where, params = "p.sponsor_id = ?", [best.person_id]
    else:
        where, params = "p.sponsor_name = ? COLLATE NOCASE", [best.name]
    total = await store.fetch_value(f"SELECT count(*) FROM petitions p WHERE {where}", params, 0)
    rows = await store.fetch_all(
        f"{_ROW_SQL} FROM petitions p WHERE {where} "
        "ORDER BY coalesce(p.presented_on, p.last_event) DESC, p.last_event DESC, p.id DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return best, Page([_row(r) for r in rows], total, offset, limit)


async def search(
    store: Store,
    query: str,
    filters: search_mod.SearchFilters | None = None,
    *,
    limit: int = 10,
    offset: int = 0,
    meaning: Meaning | None = None,
    page: int = 10,
) -> search_mod.SearchResult:
    """Petitions matching the words and filters (see `check_search`); with `meaning`, the hybrid of
    keywords and meaning (`meaning.hybrid_search`: keyword hits first, pages of `page` rows filled with
    related petitions, meaning alone when no petition holds the words)."""
    filters = filters or search_mod.SearchFilters()
    check_search(query, filters)
    if meaning is not None:
        from bot.petitions.meaning import hybrid_search

        return await hybrid_search(store, meaning, query, filters, limit=limit, offset=offset, page=page)
    return await search_mod.search(store, query, filters, limit=limit, offset=offset)


async def related(store: Store, raw: str, meaning: Meaning | None) -> tuple[Petition, list[search_mod.Hit]]:
    """A petition and the petitions nearest it in meaning (none when meaning search is off or its
    vector is not computed yet): earlier petitions for the same cause, whatever their words."""
    from bot.petitions.meaning import related as nearest

    petition = await lookup(store, raw)
    return petition, await nearest(store, meaning, petition.number)


def check_search(query: str, filters: search_mod.SearchFilters) -> None:
    """Filters alone list what passes them; no words and no filter at all ("", "   ", "!!!") is a
    question the user has not asked yet, answered with what to look for rather than everything.
    Cheap, so a command can ask it before it defers its answer."""
    if not filters.active() and search_mod.parse_query(query).empty:
        raise UserFacingError("search.need_words")
