"""A reading answered with the functions of `bot.petitions.answers`: nothing is invented here.

Which function answers depends on what the reading names: a number is looked up (its response, its
deadline); a country alone lists `petitions_for_country` (primarily about it first); an MP alone
`sponsor_petitions`; overdue and awaiting petitions come from the deadline index (`overdue_page`,
or the search's own filter conditions on that index when more is named); a response signer from
the signers the vocabulary keeps; everything else is `search` with filters. Leftover words only rank what the filters found
(`rank_by_words`): they never remove a petition, so "how many petitions did Garnett Genuis
present?" counts his petitions, not those that say "present".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from bot.petitions import answers, deadlines, search as search_mod
from bot.petitions.errors import UserFacingError
from bot.petitions.model import Bi, Petition
from bot.petitions.search import COUNT_CAP, Hit, SearchFilters, SearchResult
from bot.petitions.status import GROUPS
from bot.petitions.store import Store, last_event
from bot.petitions.understand._reading import Reading
from bot.petitions.understand._vocab import vocabulary

log = logging.getLogger(__name__)

AnswerKind = Literal["petition", "response", "list", "count", "help", "none", "error"]

#: Status words and the status ids they stand for (`status.GROUPS`).
STATUS_IDS: dict[str, tuple[int, ...]] = {
    "responded": GROUPS["answered"],
    "open": GROUPS["open"],
    "closed": GROUPS["closed"],
}
KINDS = {"electronic": "e", "paper": "paper"}
MAX_RANK_WORDS = 3  # leftover words (or phrases) looked up, longest first
_CHUNK = 500  # petition numbers per IN (...)
_END_OF_TIME = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class Item:
    """One petition of an answer, whichever function found it."""

    number: str
    title: Bi[str]
    status_id: int | None
    presented_on: date | None
    last_event: date | None
    has_response: bool
    demo: bool
    primary: bool | None = None
    clock: deadlines.Clock | None = None


@dataclass(slots=True)
class Answer:
    reading: Reading
    kind: AnswerKind
    items: list[Item] = field(default_factory=list)
    total: int = 0
    exact: bool = True
    mentioned: list[Item] = field(default_factory=list)  # a country's petitions that only mention it
    mentioned_total: int = 0
    petition: Petition | None = None  # the petition looked up, or the one whose response is shown
    clock: deadlines.Clock | None = None
    response: answers.ResponseAnswer | None = None
    no_response: bool = False  # a response was asked for and there is none yet
    ranked_by: tuple[str, ...] = ()
    error: UserFacingError | None = None

    @property
    def demo(self) -> bool:
        return bool(
            (self.petition is not None and self.petition.demo)
            or any(i.demo for i in (*self.items, *self.mentioned))
        )

    @property
    def found(self) -> int:
        """How many petitions the answer is about (a country's: those about it and those mentioning it)."""
        if self.kind in ("petition", "response") and not self.items:
            return 1 if self.petition is not None else 0
        return self.total + self.mentioned_total


async def answer(
    store: Store, reading: Reading, today: date, *, lang: str = "en", limit: int = 10, meaning: Any = None
) -> Answer:
    """The answer to `reading`; a `UserFacingError` (an unknown number, say) comes back in `error`.

    `meaning` (a `bot.petitions.meaning.Meaning`, when search by meaning is on) ranks leftover words
    by meaning as well as by keyword (`rank_by_words`).
    """
    try:
        if reading.intent in ("help", "none"):
            return Answer(reading, reading.intent)
        if reading.number:
            return await _about_number(store, reading, today, lang)
        return await _about_petitions(store, reading, today, lang, limit, meaning)
    except UserFacingError as exc:
        return Answer(reading, "error", error=exc)


async def _about_number(store: Store, reading: Reading, today: date, lang: str) -> Answer:
    number = reading.number or ""
    if reading.intent == "response":
        try:
            response = await answers.response_of(store, number, lang)
        except UserFacingError as exc:
            if exc.key != "response.none":
                raise
        else:
            p = response.petition
            return Answer(reading, "response", petition=p, response=response, clock=deadlines.clock(p, today))
        p = await answers.lookup(store, number)
        return Answer(reading, "petition", petition=p, clock=deadlines.clock(p, today), no_response=True)
    p = await answers.lookup(store, number)
    return Answer(reading, "petition", petition=p, clock=deadlines.clock(p, today))


async def _about_petitions(
    store: Store, reading: Reading, today: date, lang: str, limit: int, meaning: Any
) -> Answer:
    kind: AnswerKind = "count" if reading.intent == "count" else "list"
    if not reading.facets and not reading.leftover:
        if kind == "count":
            return Answer(reading, "count", total=await store.count())
        return Answer(reading, "help")
    if reading.intent == "response" and reading.status is None:
        found = await _petitions(store, reading.but(status="responded"), today, limit, meaning)
        if found.items:
            best = (
                next(i for i in found.items if i.has_response)
                if any(i.has_response for i in found.items)
                else None
            )
            if best is not None:
                response = await answers.response_of(store, best.number, lang)
                found.kind, found.petition, found.response = "response", response.petition, response
                found.reading = reading
                return found
        found = await _petitions(store, reading, today, limit, meaning)
        found.reading, found.no_response = reading, True
        return found
    found = await _petitions(store, reading, today, limit, meaning)
    found.kind = kind
    if reading.intent == "deadline" and found.items and found.items[0].clock is None:
        found.items = await _with_clocks(store, found.items, today)
    return found


async def _petitions(store: Store, reading: Reading, today: date, limit: int, meaning: Any = None) -> Answer:
    """The petitions a reading names, from the function that answers that question best."""
    if reading.status in ("overdue", "awaiting"):
        return await _waiting(store, reading, today, limit)
    if reading.mp and reading.mp_role == "signer":
        return await _signed(store, reading, limit)
    if reading.country and not any((reading.mp, reading.subject)):
        return await _about_country(store, reading, limit, meaning)
    if reading.mp and not any(
        (reading.country, reading.subject, reading.period, reading.leftover, reading.status, reading.type)
    ):
        _person, page = await answers.sponsor_petitions(store, reading.mp, limit=limit)
        return Answer(reading, "list", items=[_from_row(r) for r in page.rows], total=page.total)
    filters = filters_of(reading)
    ranked = await rank_by_words(store, reading.leftover, filters, limit=limit, meaning=meaning)
    if filters.active():
        base = await answers.search(store, "", filters, limit=limit)
        hits, total, exact = _merged(ranked.hits, base.hits, limit), base.total, base.total_exact
    else:
        hits, total, exact = ranked.hits, ranked.total, ranked.total_exact
    return Answer(
        reading,
        "list",
        items=[_from_hit(h) for h in hits],
        total=total,
        exact=exact,
        ranked_by=tuple(reading.leftover[:MAX_RANK_WORDS]),
    )


async def _about_country(store: Store, reading: Reading, limit: int, meaning: Any) -> Answer:
    """`petitions_for_country`: those primarily about it, then those that mention it; leftover words
    put the petitions that hold them first, in one list."""
    country = await answers.petitions_for_country(
        store,
        reading.country or "",
        status_ids=STATUS_IDS.get(reading.status or "", ()),
        kind=KINDS.get(reading.type or ""),
        limit=limit,
        date_from=reading.period.start if reading.period else None,
        date_to=reading.period.end if reading.period else None,
    )
    primary = [_from_row(r) for r in country.primary.rows]
    mentioned = [_from_row(r) for r in country.mentioned.rows]
    if not reading.leftover:
        return Answer(
            reading,
            "list",
            items=primary,
            total=country.primary.total,
            mentioned=mentioned,
            mentioned_total=country.mentioned.total,
        )
    ranked = await rank_by_words(store, reading.leftover, filters_of(reading), limit=limit, meaning=meaning)
    first = [_from_hit(h) for h in ranked.hits]
    seen = {i.number for i in first}
    items = (first + [i for i in (*primary, *mentioned) if i.number not in seen])[:limit]
    total = country.primary.total + country.mentioned.total
    return Answer(
        reading, "list", items=items, total=total, ranked_by=tuple(reading.leftover[:MAX_RANK_WORDS])
    )


def filters_of(reading: Reading) -> SearchFilters:
    """The reading's facets as search filters (dates on the petition's latest event)."""
    status = reading.status or ""
    period = reading.period
    return SearchFilters(
        status_ids=STATUS_IDS.get(status, ()) if status != "responded" else (),
        has_response=True if status == "responded" else None,
        kind=KINDS.get(reading.type or ""),
        sponsor=reading.mp if reading.mp_role != "signer" else None,
        subject=reading.subject,
        country=reading.country,
        date_from=period.start if period else None,
        date_to=period.end if period else None,
    )


async def rank_by_words(
    store: Store, words: Sequence[str], filters: SearchFilters, *, limit: int, meaning: Any = None
) -> SearchResult:
    """Among the petitions the filters pass, those closest to `words`, closest first: the one place
    where leftover words meet the index, so changing how they rank changes this function alone.

    With `meaning` (search by meaning on), one hybrid search of the words (`answers.search`:
    keyword hits first, then the petitions nearest in meaning); without it, keyword OR: the
    petitions holding the most of the words first. The caller lists the filters' other petitions
    after these: words order, they never remove a petition the filters pass.
    """
    if not words:
        return SearchResult([], 0, "")
    picked = [f'"{w}"' if " " in w else w for w in sorted(words, key=len, reverse=True)[:MAX_RANK_WORDS]]
    # All the words together first: when they fill the page, no petition holding fewer of them
    # could rank above, and one search was enough.
    together = await answers.search(store, " ".join(picked), filters, limit=limit, meaning=meaning)
    per_query = [together]
    if meaning is None and len(picked) > 1 and len(together.hits) < limit:
        per_query += [await answers.search(store, q, filters, limit=limit) for q in picked]
    score: dict[str, tuple[int, int]] = {}  # number -> (words held, best rank)
    hits: dict[str, Hit] = {}
    for rank, hit in enumerate(together.hits):
        score[hit.number] = (len(picked), rank)
        hits[hit.number] = hit
    for result in per_query[1:]:
        for rank, hit in enumerate(result.hits):
            if hit.number in hits and score[hit.number][0] == len(picked):
                continue  # holds every word already
            held, best = score.get(hit.number, (0, rank))
            score[hit.number] = (held + 1, min(best, rank))
            hits.setdefault(hit.number, hit)
    ordered = sorted(hits, key=lambda n: (-score[n][0], score[n][1]))
    total = max((r.total for r in per_query), default=0)
    exact = len(per_query) == 1 and per_query[0].total_exact
    return SearchResult([hits[n] for n in ordered[:limit]], max(total, len(ordered)), "", total_exact=exact)


def _merged(first: Sequence[Hit], rest: Sequence[Hit], limit: int) -> list[Hit]:
    seen = {h.number for h in first}
    return [*first, *(h for h in rest if h.number not in seen)][:limit]


async def _waiting(store: Store, reading: Reading, today: date, limit: int) -> Answer:
    """Overdue petitions (most overdue first), or all still waiting for a response: `overdue_page`
    on the due-date index; other facets are the search's own filter conditions on that index."""
    upto = today if reading.status == "overdue" else _END_OF_TIME
    filters = filters_of(reading.but(status=None))
    if not filters.active():
        late, total = await answers.overdue_page(store, upto, limit=limit)
        items = [_from_petition(p, deadlines.clock(p, today)) for p, _c in late]
        return Answer(reading, "list", items=items, total=total)
    clause = await search_mod.filter_clause(store, filters)
    if clause.impossible:
        return Answer(reading, "list")
    # Walked on the due-date index, whose entries hold the number: the filters test a few thousand
    # waiting petitions there, where the planner would rather read every petition of a country.
    source = "petitions p INDEXED BY petitions_due_on"
    where = f"p.due_on < ? AND {clause.sql}" if clause.sql else "p.due_on < ?"
    params = [upto.isoformat(), *clause.params]
    rows = await store.fetch_all(
        f"SELECT p.number AS number FROM {source} WHERE {where} ORDER BY p.due_on, p.number LIMIT ?",
        [*params, limit],
    )
    numbers = [row["number"] for row in rows]
    total = int(
        await store.fetch_value(
            f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} LIMIT ?)",
            [*params, COUNT_CAP + 1],
            0,
        )
    )
    items = [_from_petition(p, deadlines.clock(p, today)) for p in await store.get_many(numbers)]
    return Answer(reading, "list", items=items, total=min(total, COUNT_CAP), exact=total <= COUNT_CAP)


async def _signed(store: Store, reading: Reading, limit: int) -> Answer:
    """Petitions whose government response the MP signed (a minister or parliamentary secretary),
    latest response first, with the search's filter conditions for the other facets."""
    vocab = await vocabulary(store)
    numbers = list(vocab.signed.get(reading.mp or "", ()))
    clause = await search_mod.filter_clause(store, filters_of(reading.but(mp=None, mp_role=None)))
    if clause.impossible or not numbers:
        return Answer(reading, "list")
    cond = f" AND {clause.sql}" if clause.sql else ""
    found: list[tuple[str, int]] = []
    for i in range(0, len(numbers), _CHUNK):
        chunk = numbers[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = await store.fetch_all(
            f"SELECT coalesce(p.response_tabled_on, '') AS tabled_on, p.id AS id FROM petitions p "
            f"WHERE p.number IN ({marks}){cond}",
            [*chunk, *clause.params],
        )
        found.extend((row["tabled_on"], int(row["id"])) for row in rows)
    found.sort(reverse=True)
    page = [petition_id for _day, petition_id in found[:limit]]
    by_id = await search_mod.hits_by_id(store, page)
    items = [_from_hit(by_id[i]) for i in page if i in by_id]
    return Answer(reading, "list", items=items, total=len(found))


async def _with_clocks(store: Store, items: list[Item], today: date) -> list[Item]:
    """The page's petitions with where each stands against its 45-day deadline."""
    found = {p.number: p for p in await store.get_many([i.number for i in items])}
    out = []
    for item in items:
        p = found.get(item.number)
        out.append(replace(item, clock=deadlines.clock(p, today) if p else None))
    return out


def _from_row(row: answers.Row) -> Item:
    return Item(
        number=row.number,
        title=row.title,
        status_id=row.status_id,
        presented_on=row.presented_on,
        last_event=row.last_event,
        has_response=row.has_response,
        demo=row.demo,
        primary=row.primary,
    )


def _from_hit(hit: Hit) -> Item:
    return Item(
        number=hit.number,
        title=Bi(hit.title_en, hit.title_fr),
        status_id=hit.status_id,
        presented_on=_day(hit.presented_on),
        last_event=_day(hit.last_event),
        has_response=hit.has_response,
        demo=hit.demo,
    )


def _from_petition(p: Petition, clock: deadlines.Clock | None = None) -> Item:
    day = last_event(p)
    return Item(
        number=p.number,
        title=p.subject,
        status_id=p.status_id,
        presented_on=p.presented_on,
        last_event=date.fromisoformat(day[:10]) if day else None,
        has_response=p.has_response,
        demo=p.demo,
        clock=clock,
    )


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
