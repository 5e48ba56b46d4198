"""Hybrid search and related petitions: the keyword index first, meaning to fill the page.

- Keyword hits always come first: a petition that holds the words someone typed is what they
  asked for. Among them, reciprocal rank fusion of the keyword rank and the meaning rank
  (`FUSE`) puts first the hits that are also closest in meaning.
- When the keyword hits are all known and leave the last page short, it is filled with the nearest
  petitions by meaning, marked `related`.
- Free text that no petition holds falls back to meaning alone, and the result says so
  (`SearchResult.by_meaning`).
- Filters apply to both: keyword search gets them as always, and the nearest petitions are only
  taken among those that pass them (`search.filter_clause`, the same SQL).

A petition number, filters without words, or meaning search off: keyword search alone, unchanged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import numpy as np

from bot.petitions import search
from bot.petitions.meaning.index import CANDIDATES, VectorIndex
from bot.petitions.meaning.service import Meaning
from bot.petitions.numbers import is_number
from bot.petitions.store import Store

PAGE = 10  # rows a page shows (render.ROWS_PER_PAGE): the page related petitions fill
FLOOR = 0.10
"""Least cosine for a petition to be offered as close in meaning to a query. Unrelated petitions
score about 0.0-0.3 with this encoder, one on the same cause 0.4-0.8 (bench/relevance.py)."""
RELATED_FLOOR = 0.35  # the same, between two petitions (texts of the same length and register)
RELATED = 15  # neighbours the "Related petitions" button lists (5 a page)
WIDEST = 16 * CANDIDATES  # nearest petitions tested against broad filters, at most (then: what passed)
RRF_K = 60  # the usual constant of reciprocal rank fusion: ranks past the first few count alike
FUSE = True
"""Order keyword hits by fusing their keyword and meaning ranks (measured in bench/relevance.py)."""


async def hybrid_search(
    store: Store,
    meaning: Meaning | None,
    query: str,
    filters: search.SearchFilters = search.SearchFilters(),  # noqa: B008 - frozen
    *,
    limit: int = 10,
    offset: int = 0,
    page: int = PAGE,
) -> search.SearchResult:
    """Keyword hits first, then petitions close in meaning (see the module docstring)."""
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    if meaning is None or not meaning.usable or _keyword_only(query):
        return await search.search(store, query, filters, limit=limit, offset=offset)
    index = await meaning.index()
    if not len(index):  # no vector computed yet: nothing to fill with, and no model to load for it
        return await search.search(store, query, filters, limit=limit, offset=offset)
    want = min(offset + limit, 100)
    # The query's vector is computed in a worker thread while SQLite answers the words in its own.
    result, vector = await asyncio.gather(
        search.search(store, query, filters, limit=want, offset=0), meaning.query_vector(query)
    )
    if vector is None:
        result.hits = result.hits[offset : offset + limit]
        return result
    hits = result.hits
    if hits and FUSE:
        hits = await _fused(store, index, vector, hits)
    complete = result.total_exact and result.total <= want
    if not hits and not result.total:
        clause = await search.filter_clause(store, filters)
        found = await nearest(store, index, vector, clause, want, floor=FLOOR)
        related = await _hits(store, found)
        return search.SearchResult(
            related[offset : offset + limit],
            len(related),
            result.query_used,
            suggestions=result.suggestions,
            sponsor_used=result.sponsor_used,
            by_meaning=bool(related),
        )
    fill = (-len(hits)) % page if complete else 0
    if fill:
        clause = await search.filter_clause(store, filters)
        taken = await _ids_of(store, [h.number for h in hits])
        found = await nearest(store, index, vector, clause, fill, floor=FLOOR, exclude=list(taken.values()))
        hits = hits + await _hits(store, found)
    result.hits = hits[offset : offset + limit]
    return result


async def related(
    store: Store, meaning: Meaning | None, number: str, *, limit: int = RELATED
) -> list[search.Hit]:
    """The petitions nearest in meaning to petition `number`, nearest first (none without its vector).

    This is how someone finds the earlier petitions for the same cause, whatever words they used.
    """
    if meaning is None or not meaning.usable:
        return []
    ids = await _ids_of(store, [number])
    if number not in ids:
        return []
    index = await meaning.index()
    vector = index.vector(ids[number])
    if vector is None:
        return []
    found = index.nearest(vector, limit, exclude=[ids[number]], floor=RELATED_FLOOR)
    return await _hits(store, found)


async def nearest(
    store: Store,
    index: VectorIndex,
    vector: np.ndarray,
    clause: search.FilterClause,
    k: int,
    *,
    floor: float = FLOOR,
    exclude: Sequence[int] = (),
) -> list[tuple[int, float]]:
    """The `k` petitions nearest `vector` that pass the filters, as (id, cosine), nearest first.

    Few petitions passing: they are listed by SQL and ranked exactly. Many: the nearest are tested
    against the filters, in widening rounds until `k` pass or the store runs out.
    """
    if clause.impossible or k <= 0:
        return []
    if not clause.sql:
        return index.nearest(vector, k, exclude=exclude, floor=floor)
    if clause.few:
        rows = await store.fetch_all(f"SELECT p.id AS id FROM petitions p WHERE {clause.sql}", clause.params)
        return index.nearest(vector, k, among=[r["id"] for r in rows], exclude=exclude, floor=floor)
    size = max(8 * k, 256)
    while True:
        found = index.nearest(vector, size, exclude=exclude, floor=floor, candidates=max(size, CANDIDATES))
        passing = await _passing(store, clause, [i for i, _ in found])
        kept = [(i, s) for i, s in found if i in passing]
        wider = min(size * 8, len(index), WIDEST)
        if len(kept) >= k or len(found) < size or wider <= size:
            return kept[:k]
        size = wider


async def _passing(store: Store, clause: search.FilterClause, ids: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        rows = await store.fetch_all(
            f"SELECT p.id AS id FROM petitions p WHERE p.id IN ({marks}) AND {clause.sql}",
            [*chunk, *clause.params],
        )
        out.update(int(r["id"]) for r in rows)
    return out


async def _fused(
    store: Store, index: VectorIndex, vector: np.ndarray, hits: list[search.Hit]
) -> list[search.Hit]:
    """Keyword hits reordered by reciprocal rank fusion of their keyword and meaning ranks."""
    ids = await _ids_of(store, [h.number for h in hits])
    alike = index.similarity(vector, list(ids.values()))
    by_meaning = sorted(range(len(hits)), key=lambda i: -alike.get(ids.get(hits[i].number, -1), -2.0))
    meaning_rank = {i: rank for rank, i in enumerate(by_meaning)}
    order = sorted(range(len(hits)), key=lambda i: -(1 / (RRF_K + i + 1) + 1 / (RRF_K + meaning_rank[i] + 1)))
    return [hits[i] for i in order]


async def _ids_of(store: Store, numbers: Sequence[str]) -> dict[str, int]:
    if not numbers:
        return {}
    marks = ",".join("?" * len(numbers))
    rows = await store.fetch_all(f"SELECT number, id FROM petitions WHERE number IN ({marks})", list(numbers))
    return {str(r["number"]): int(r["id"]) for r in rows}


async def _hits(store: Store, found: Sequence[tuple[int, float]]) -> list[search.Hit]:
    """List rows for (id, cosine) pairs, in that order, marked related; petitions gone meanwhile left out."""
    by_id = await search.hits_by_id(store, [i for i, _ in found])
    out = []
    for petition_id, score in found:
        hit = by_id.get(petition_id)
        if hit is not None:
            hit.related = True
            hit.score = -score  # lower is better, as with keyword scores
            out.append(hit)
    return out


def _keyword_only(query: str) -> bool:
    """A petition number, or no words at all (filters alone): nothing to look for by meaning."""
    text = (query or "").strip()
    return not text or is_number(text) or search.parse_query(text).empty
