"""One function per question a user asks; the CLI and the cogs both call these.

Each returns plain dataclasses (never text for a particular screen) or raises
a `UserFacingError` with suggestions.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz, process

from bot.petitions import countries, deadlines
from bot.petitions import search as search_mod
from bot.petitions import sponsors as sponsors_mod
from bot.petitions.backfill import OnDemand, Stopped, has_details
from bot.petitions.errors import PetitionNotFound, UserFacingError
from bot.petitions.model import Bi, Lang, Petition, province_code
from bot.petitions.numbers import PetitionNumber, parse_number
from bot.petitions.response_times import ResponseTimes, Timing
from bot.petitions.response_times import compute as compute_response_times
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


ScopeKind = Literal["country", "subject", "sponsor", "all"]


@dataclass(frozen=True, slots=True)
class Scope:
    """Which petitions a statistic counts: those about a country, on a subject, by an MP, or all."""

    kind: ScopeKind
    name: Bi[str] = field(default_factory=Bi)


@dataclass(slots=True)
class StatsAnswer:
    scope: Scope
    per_year: dict[int, int]
    """Every year from the first to the last, those without a petition at 0."""
    signatures_by_province: dict[str, int]
    """By province code (`model.PROVINCES`) where the name is known, else by the name as printed; most first."""
    petitions: int
    with_response: int
    demo: bool
    as_of: date | None = None


@dataclass(slots=True)
class ResponsesAnswer:
    scope: Scope
    times: ResponseTimes
    petitions: int
    demo: bool
    as_of: date | None
    today: date


_ROW_SQL = (
    "SELECT p.number, p.subject_en, p.subject_fr, p.status_id, p.kind, p.presented_on, p.last_event, "
    "p.has_response, p.demo"
)


def _row(r: Any, primary: bool | None = None) -> Row:
    return Row(
        number=r[0],
        title=Bi(r[1], r[2]),
        status_id=r[3],
        kind=r[4],
        presented_on=date.fromisoformat(r[5]) if r[5] else None,
        last_event=date.fromisoformat(r[6]) if r[6] else None,
        has_response=bool(r[7]),
        demo=bool(r[8]),
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
        rows = await store._all(
            "SELECT number FROM petitions WHERE number >= ? AND number < ? ORDER BY number LIMIT 200",
            (prefix, prefix + "\uffff"),
        )
        candidates = [r[0] for r in rows]
    else:
        rows = await store._all("SELECT number FROM petitions ORDER BY last_event DESC LIMIT 2000")
        candidates = [r[0] for r in rows]
    needle = parsed.text if parsed else text.lower()
    found = process.extract(needle, candidates, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [c for c, _score, _i in found]


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
        total = (await store._one(f"SELECT count(*) {links} AND c.is_primary = ?", (*params, is_primary)))[0]
        rows = await store._all(
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


async def sponsor_petitions(store: Store, query: str, *, limit: int = 10, offset: int = 0) -> tuple[Any, Page]:
    """The best-matching MP and a page of the petitions they presented or sponsored."""
    matches = await sponsors_mod.find_sponsors(store, query, limit=5)
    if not matches:
        raise UserFacingError("sponsor.unknown", value=query[:60])
    best = matches[0]
    if best.person_id is not None:
        where, params = "p.sponsor_id = ?", [best.person_id]
    else:
        where, params = "p.sponsor_name = ? COLLATE NOCASE", [best.name]
    total = (await store._one(f"SELECT count(*) FROM petitions p WHERE {where}", params))[0]
    rows = await store._all(
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


async def stats(
    store: Store, *, country: str | None = None, subject: str | None = None, sponsor: str | None = None
) -> StatsAnswer:
    """Petitions over time and signatures by province for one country, subject or sponsor."""
    if not (country or subject or sponsor):
        raise UserFacingError("stats.need_one")
    scope, base, params = await _scope(store, country=country, subject=subject, sponsor=sponsor)
    rows = await store._all(
        "SELECT p.presented_on, p.opened_at, p.has_response, p.demo, "
        f"json_extract(p.record, '$.signatures_by_province') AS provinces {base}",
        params,
    )
    per_year: Counter[int] = Counter()
    provinces: Counter[str] = Counter()
    answered = 0
    demo = False
    for r in rows:
        answered += int(bool(r["has_response"]))
        demo = demo or bool(r["demo"])
        when = r["presented_on"] or r["opened_at"]
        if when:
            per_year[int(when[:4])] += 1
        for name, count in json.loads(r["provinces"] or "{}").items():
            provinces[province_code(name) or name] += int(count)
    years = range(min(per_year), max(per_year) + 1) if per_year else range(0)
    return StatsAnswer(
        scope=scope,
        per_year={year: per_year[year] for year in years},
        signatures_by_province=dict(provinces.most_common()),
        petitions=len(rows),
        with_response=answered,
        demo=demo,
        as_of=await data_date(store),
    )


async def response_times(
    store: Store,
    today: date,
    *,
    country: str | None = None,
    subject: str | None = None,
    sponsor: str | None = None,
) -> ResponsesAnswer:
    """How fast the government answered the petitions of one country, subject or sponsor, or all of them."""
    scope, base, params = await _scope(store, country=country, subject=subject, sponsor=sponsor)
    rows = await store._all(
        "SELECT p.number, p.parliament, p.presented_on, p.response_tabled_on, p.status_id, p.has_response, "
        "p.demo, json_extract(p.record, '$.response.header.en') AS header_en, "
        f"json_extract(p.record, '$.response.header.fr') AS header_fr {base}",
        params,
    )
    timings = [
        Timing(
            number=r["number"],
            parliament=r["parliament"],
            presented_on=date.fromisoformat(r["presented_on"]) if r["presented_on"] else None,
            tabled_on=date.fromisoformat(r["response_tabled_on"]) if r["response_tabled_on"] else None,
            status_id=r["status_id"],
            answered=bool(r["has_response"]),
            header=Bi(r["header_en"], r["header_fr"]),
        )
        for r in rows
    ]
    return ResponsesAnswer(
        scope=scope,
        times=compute_response_times(timings, today),
        petitions=len(rows),
        demo=any(bool(r["demo"]) for r in rows),
        as_of=await data_date(store),
        today=today,
    )


async def data_date(store: Store) -> date | None:
    """How fresh the store is: the day of the last refresh from the site, else its latest event."""
    refreshed = await store.get_meta("last_refresh")
    if refreshed:
        return datetime.fromisoformat(refreshed).date()
    latest = (await store._one("SELECT max(last_event) FROM petitions"))[0]
    return date.fromisoformat(latest[:10]) if latest else None


async def _scope(
    store: Store, *, country: str | None, subject: str | None, sponsor: str | None
) -> tuple[Scope, str, list[Any]]:
    """The scope asked for, and the `FROM … WHERE …` (table alias `p`) that selects its petitions."""
    if country:
        found = countries.resolve_country(country)
        if not found:
            raise UserFacingError("country.unknown", value=country[:60])
        return (
            Scope("country", found[0].name),
            "FROM petition_countries c JOIN petitions p ON p.number = c.number WHERE c.code = ?",
            [found[0].code],
        )
    if subject:
        where = "WHERE (p.subject_en = ? COLLATE NOCASE OR p.subject_fr = ? COLLATE NOCASE)"
        named = await store._one(f"SELECT p.subject_en, p.subject_fr FROM petitions p {where} LIMIT 1", [subject] * 2)
        name = Bi(named[0], named[1]) if named else Bi(subject, subject)
        return Scope("subject", name), f"FROM petitions p {where}", [subject, subject]
    if sponsor:
        matches = await sponsors_mod.find_sponsors(store, sponsor, limit=1)
        if not matches:
            raise UserFacingError("sponsor.unknown", value=sponsor[:60])
        name = matches[0].name
        return Scope("sponsor", Bi(name, name)), "FROM petitions p WHERE p.sponsor_name = ? COLLATE NOCASE", [name]
    return Scope("all"), "FROM petitions p", []
