"""Running a search: a petition number, filters alone, or words ranked best first.

A query that is a petition number (`441-00155`, `e 4123`) returns that
petition alone, if the filters let it through.

Speed at 100k petitions comes from never touching every match, and from
never asking FTS5 for work whose cost grows with the corpus:

- bm25() weighs each query term by reading *every* petition that holds it
  (its IDF), whatever the LIMIT, so "Government of Canada" costs a pass over
  ~95k petitions. bm25 is used only when the vocabulary shows that all the
  query's terms are rare (`Limits.BM25_BUDGET`); the total is then exact.
- Otherwise the newest matches are walked in rowid order (cheap, lazy) up to
  `Limits.RANK_WINDOW` of them and ranked here (`_plan.rank`). A window that
  was not exhausted makes the total a lower bound (`total_exact=False`).
- Filters: few petitions passing (a sponsor, country, subject, keyword, rare
  status) are listed from their indexes and FTS5 tests its matches against
  that list in memory (complete); broad ones are tested on the newest
  `Limits.FILTERED_SCAN` matches, and a parliament first narrows the walk to
  its band of ids. A join that reads a petition per match is never run over
  them all.
- The FTS vocabulary (`_vocab`) turns a long stem into the few indexed words
  it stands for; a stem that stands for many words with many petitions between
  them is cut down to the typed word's own forms (`"government"` and
  `"governments"`, not `"government"*`).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from bot.petitions.numbers import is_number, parse_number
from bot.petitions.search._filters import Where, where_of
from bot.petitions.search._limits import COUNT_CAP, Limits
from bot.petitions.search._plan import WEIGHTS, Plan, plan_query, rank_matches
from bot.petitions.search._query import ParsedQuery, parse_query
from bot.petitions.search._snippets import add_snippets
from bot.petitions.search._suggest import suggest
from bot.petitions.search._types import HIT_COLUMNS, Hit, SearchFilters, SearchResult, Suggestion, hit_of
from bot.petitions.search._vocab import current_vocabulary
from bot.petitions.store import Store

log = logging.getLogger(__name__)

_BM25 = "bm25(petition_fts, {})".format(", ".join(str(w) for w in WEIGHTS))


async def search(
    store: Store,
    query: str,
    filters: SearchFilters = SearchFilters(),  # noqa: B008 - frozen, never mutated
    *,
    limit: int = 10,
    offset: int = 0,
) -> SearchResult:
    """Petitions matching `query` and `filters`, best first; never raises on odd input."""
    return await _search(store, query, filters, limit=limit, offset=offset, help_=True)


async def _search(
    store: Store, query: str, filters: SearchFilters, *, limit: int, offset: int, help_: bool
) -> SearchResult:
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    parsed = parse_query(query)
    where = await where_of(store, filters)
    number = _as_number(query)
    if number is not None:  # a petition number: that petition, not text that happens to mention it
        return await _number_result(store, number, where, filters, offset, help_)
    if where.impossible:
        result = SearchResult([], 0, parsed.fts())
    elif parsed.empty:
        result = await _filters_only(store, where, limit, offset)
    else:
        result = await _full_text(store, parsed, where, limit, offset, rank=help_)
    result.sponsor_used = where.sponsor_used
    if help_ and not result.hits and offset == 0 and (not parsed.empty or filters.active()):

        async def count(words: str, relaxed: SearchFilters) -> int:
            return (await _search(store, words, relaxed, limit=1, offset=0, help_=False)).total

        result.suggestions = await suggest(store, parsed, filters, count)
    return result


def _as_number(query: str) -> str | None:
    text = (query or "").strip()
    if not text or len(text) > 300 or not is_number(text):
        return None
    return parse_number(text).text


async def _number_result(
    store: Store, number: str, where: Where, filters: SearchFilters, offset: int, help_: bool
) -> SearchResult:
    """The petition with that number (as filed or as presented), if the filters let it through."""
    # Found by its unique indexes first, then checked against the filters by id: left to
    # itself, the planner may prefer a filter's index and read a whole parliament.
    found = await store.fetch_value(
        "SELECT id FROM petitions WHERE number = ? UNION ALL SELECT id FROM petitions WHERE presented_number = ?",
        [number, number],
    )
    row = None
    if found is not None and not where.impossible:
        cond = f" AND {where.sql}" if where.sql else ""
        row = await store.fetch_one(
            f"SELECT {HIT_COLUMNS} FROM petitions p WHERE p.id = ?{cond}", [found, *where.params]
        )
    if row is not None:
        hits = [hit_of(row)] if offset == 0 else []
        return SearchResult(hits, 1, "", sponsor_used=where.sponsor_used)
    result = SearchResult([], 0, "", sponsor_used=where.sponsor_used)
    active = filters.active()
    if help_ and active and found is not None:
        result.suggestions = [Suggestion("drop_filter", active[0] if len(active) == 1 else "all", number, 1)]
    return result


async def _filters_only(store: Store, where: Where, limit: int, offset: int) -> SearchResult:
    cond = f"WHERE {where.sql}" if where.sql else ""
    # Broad filters (status, kind, parliament, response, dates) are tested on the slim
    # recency index; without statistics SQLite would rather read every record of a parliament.
    source = "petitions p INDEXED BY petitions_recent_filters" if where.covered else "petitions p"
    if (
        where.covered
        and where.status_ids
        and (len(where.status_ids) == 1 or where.status_count <= Limits.STATUS_SORT)
    ):
        # A status that is not the most common would walk much of the recency index to fill a page
        # (all of it to count a rare pairing of status and kind). Its own index holds the date and
        # the broad filters: one status is listed in date order from it, a few are sorted there.
        source = "petitions p INDEXED BY petitions_status"
    # The page's ids from the index first; only those rows are read.
    rows = await store.fetch_all(
        f"SELECT {HIT_COLUMNS} FROM (SELECT p.id, p.last_event FROM {source} {cond} "
        "ORDER BY p.last_event DESC, p.id DESC LIMIT ? OFFSET ?) AS page "
        "CROSS JOIN petitions p ON p.id = page.id ORDER BY page.last_event DESC, page.id DESC",
        [*where.params, limit, offset],
    )
    if where.known_total is not None:
        return SearchResult([hit_of(r) for r in rows], where.known_total, "")
    total = await store.fetch_value(
        f"SELECT count(*) AS passing FROM (SELECT 1 FROM {source} {cond} LIMIT ?)",
        [*where.params, COUNT_CAP + 1],
        default=0,
    )
    return SearchResult([hit_of(r) for r in rows], min(total, COUNT_CAP), "", total_exact=total <= COUNT_CAP)


async def _floor(store: Store, fts: str, window: int, span: tuple[int, int] | None = None) -> int | None:
    """The rowid just below the `window` newest matches (within `span`), or None when there are no more."""
    cond, params = ("", []) if span is None else (" AND rowid BETWEEN ? AND ?", list(span))
    found = await store.fetch_value(
        f"SELECT rowid AS id FROM petition_fts WHERE petition_fts MATCH ?{cond} "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [fts, *params, window],
    )
    return int(found) if found is not None else None


async def _full_text(
    store: Store, parsed: ParsedQuery, where: Where, limit: int, offset: int, *, rank: bool = True
) -> SearchResult:
    """Matches of the words and phrases, best first; `rank=False` wants the total only (suggestions)."""
    plan = plan_query(parsed, await current_vocabulary(store))
    try:
        if plan.cost is not None and plan.cost <= Limits.BM25_BUDGET:
            result, ids = await _ranked_by_bm25(store, plan, where, limit, offset)
        else:
            result, ids = await _ranked_recent(store, plan, where, limit, offset, rank=rank)
    except sqlite3.OperationalError:  # should not happen: every term is quoted
        log.warning("FTS rejected a built query %r", plan.fts, exc_info=True)
        return SearchResult([], 0, plan.fts)
    if rank:
        await add_snippets(store, parsed, result.hits, ids)
    return result


async def _ranked_by_bm25(
    store: Store, plan: Plan, where: Where, limit: int, offset: int
) -> tuple[SearchResult, list[int]]:
    """Every match ranked by bm25; only for queries whose terms are all rare, so the total is exact."""
    cond = f" AND {where.row_sql}" if where.row_sql else ""
    params: list[Any] = [plan.fts, *where.params]
    # Filters sit in the WHERE clause, so bm25() runs only for rows that pass them; bm25()
    # only works where FTS5 drives the row, hence the materialized CTE before the window count.
    sql = (
        f"WITH m AS MATERIALIZED (SELECT p.id AS id, p.last_event AS last_event, {_BM25} AS score "
        "FROM petition_fts CROSS JOIN petitions p ON p.id = petition_fts.rowid "
        f"WHERE petition_fts MATCH ?{cond}), "
        "top AS (SELECT id, score, last_event, count(*) OVER () AS total FROM m "
        "ORDER BY score, last_event DESC, id DESC LIMIT ? OFFSET ?) "
        f"SELECT {HIT_COLUMNS}, top.score AS score, top.total AS total FROM top "
        "CROSS JOIN petitions p ON p.id = top.id ORDER BY top.score, top.last_event DESC, top.id DESC"
    )
    rows = await store.fetch_all(sql, [*params, limit, offset])
    hits = [hit_of(r, score=r["score"]) for r in rows]
    if rows:
        total = rows[0]["total"]
    elif offset:
        total = await store.fetch_value(
            "SELECT count(*) AS matches FROM petition_fts CROSS JOIN petitions p ON p.id = petition_fts.rowid "
            f"WHERE petition_fts MATCH ?{cond}",
            params,
            default=0,
        )
    else:
        total = 0
    return SearchResult(hits, total, plan.fts), [r["id"] for r in rows]


async def _ranked_recent(
    store: Store, plan: Plan, where: Where, limit: int, offset: int, *, rank: bool = True
) -> tuple[SearchResult, list[int]]:
    """The newest matches (filters applied), ranked here; never reads more than a window of them."""
    want = max(Limits.RANK_WINDOW if not where.sql else Limits.FILTERED_WINDOW, offset + limit)
    found, floor = await _newest_matches(store, plan, where, want, rank=rank)
    complete = floor is None and len(found) <= want
    found = found[:want]
    ranked = (
        rank_matches(plan, found)
        if rank and offset < len(found)
        else [(r["id"], 0.0) for r in found if not rank]
    )
    page, hits = await _page(store, ranked[offset : offset + limit])
    total, exact = len(found), complete
    if not complete and not where.sql and len(plan.units) == 1:
        # One word alone: the vocabulary knows how many petitions hold it (exactly, for one form).
        unit = plan.units[0]
        total = max(total, unit.least)
        exact = len(unit.exact) == 1 and unit.docs == unit.least
    return SearchResult(hits, total, plan.fts, total_exact=exact), [i for i, _ in page]


async def _newest_matches(
    store: Store, plan: Plan, where: Where, want: int, *, rank: bool
) -> tuple[list[sqlite3.Row], int | None]:
    """Up to `want + 1` newest matches passing the filters, and the rowid the walk stopped above (if any).

    Rows hold id and last_event, and to rank, the short columns c0-c2 and sponsor_name.
    """
    # To rank, the short columns come with each match: number, title and keywords from the
    # index's content table (c0-c2; through petition_fts the long text would be read too), and
    # the sponsor from the row already joined for its date.
    columns = ", c.c0 AS c0, c.c1 AS c1, c.c2 AS c2, p.sponsor_name AS sponsor_name" if rank else ""
    content = " CROSS JOIN petition_fts_content c ON c.id = petition_fts.rowid" if rank else ""
    select = (
        f"SELECT petition_fts.rowid AS id, p.last_event AS last_event{columns} FROM petition_fts "
        f"CROSS JOIN petitions p ON p.id = petition_fts.rowid{content} "
    )
    order = "ORDER BY petition_fts.rowid DESC LIMIT ?"
    if where.sql and where.few:
        # Few petitions pass (a sponsor, a country, a rare status): their ids come cheaply from
        # their indexes, and FTS5 tests each match against that list in memory, where a join
        # would read a whole petition per match. Complete, so the total is exact.
        found = await store.fetch_all(
            f"{select}WHERE petition_fts MATCH ? "
            f"AND +petition_fts.rowid IN (SELECT p.id FROM petitions p WHERE {where.sql}) {order}",
            [plan.fts, *where.params, want + 1],
        )
        return found, None
    floor = None
    cond = ""
    params: list[Any] = [plan.fts]
    if where.sql:
        # Broad filters (status, kind, dates, response) pass many of the newest matches;
        # they are tested on those only. A parliament is a band of ids, skipped to by FTS5.
        cond, params = f" AND {where.row_sql}", [plan.fts, *where.params]
        if where.id_span:
            cond += " AND petition_fts.rowid BETWEEN ? AND ?"
            params += where.id_span
        bound = plan.bound
        if bound is None or bound > Limits.FILTERED_SCAN:
            floor = await _floor(store, plan.fts, Limits.FILTERED_SCAN, where.id_span)
        if floor is not None:
            cond += " AND petition_fts.rowid > ?"
            params.append(floor)
    # FTS5 walks rowids newest first and stops at the LIMIT: no doclist is read whole.
    found = await store.fetch_all(f"{select}WHERE petition_fts MATCH ?{cond} {order}", [*params, want + 1])
    return found, floor


async def _page(store: Store, page: list[tuple[int, float]]) -> tuple[list[tuple[int, float]], list[Hit]]:
    """The hits of a page of (id, score), and the page without petitions deleted meanwhile."""
    if not page:
        return page, []
    ids = [i for i, _ in page]
    marks = ",".join("?" * len(ids))
    rows = await store.fetch_all(f"SELECT {HIT_COLUMNS} FROM petitions p WHERE p.id IN ({marks})", ids)
    by_id = {r["id"]: r for r in rows}
    page = [(i, score) for i, score in page if i in by_id]  # a petition deleted meanwhile
    return page, [hit_of(by_id[i], score=score) for i, score in page]
