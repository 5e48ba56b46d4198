"""The filters as SQL conditions, resolved against what the store holds.

Fuzzy sponsor names, subjects and keywords become exact values first; the counts the store
keeps say how many petitions pass, which decides how a search walks them (`_run`). Other
rankers (search by meaning, bot/petitions/meaning) take the same conditions through
`filter_clause` and make their hits with `hits_by_id`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.petitions.cache import cached
from bot.petitions.search._limits import Limits
from bot.petitions.search._types import HIT_COLUMNS, Hit, SearchFilters, hit_of
from bot.petitions.sponsors import find_sponsors
from bot.petitions.store import Store
from bot.petitions.text import fold


@dataclass(slots=True)
class Where:
    """The conditions of a search's filters, on alias `p` (petitions), and what is known of who passes."""

    sql: str
    params: list[Any]
    row_sql: str = ""  # the same conditions, faster where each petition's row is read anyway
    impossible: bool = False  # a filter named something that does not exist
    sponsor_used: str | None = None
    covered: bool = True  # every condition can be tested on petitions_recent_filters
    few: bool = False  # few petitions pass (a sponsor, a country, a rare status): list them by index
    id_span: tuple[int, int] | None = None  # every petition passing has an id in this range
    status_ids: list[int] = field(default_factory=list)
    status_count: int = 0  # petitions with those statuses (and of the kind asked for)
    known_total: int | None = None  # how many pass, when the store's counts say it (status and kind only)
    _parts: list[str] = field(default_factory=list, repr=False)
    _row_parts: list[str] = field(default_factory=list, repr=False)

    def add(self, sql: str, params: Sequence[Any], row_sql: str = "") -> None:
        """One more condition; `row_sql` tests the same on the row's own columns, when faster there."""
        self._parts.append(sql)
        self._row_parts.append(row_sql or sql)
        self.params.extend(params)

    def done(self) -> Where:
        self.sql = " AND ".join(self._parts)
        self.row_sql = " AND ".join(self._row_parts)
        return self


async def where_of(store: Store, filters: SearchFilters) -> Where:
    """SQL conditions on alias `p` (petitions) for the filters that are set.

    The order of the conditions is the order of their parameters; the steps add them in turn.
    """
    out = Where("", [])
    await _add_statuses(store, filters, out)
    await _add_columns(store, filters, out)
    if filters.country or filters.sponsor or filters.keyword:
        out.covered = False
    await _add_subject(store, filters, out)
    out.few = out.few or not out.covered
    if filters.country:
        out.add(
            "p.number IN (SELECT c.number FROM petition_countries c WHERE c.code = ?)",
            [filters.country.strip().upper()],
        )
    await _add_sponsor(store, filters, out)
    await _add_keyword(store, filters, out)
    return out.done()


async def _add_statuses(store: Store, filters: SearchFilters, out: Where) -> None:
    if not filters.status_ids:
        return
    out.status_ids = [int(s) for s in filters.status_ids]
    out.add(f"p.status_id IN ({','.join('?' * len(filters.status_ids))})", out.status_ids)
    out.status_count = await _status_count(store, out.status_ids, filters.kind)
    out.few = out.status_count <= Limits.FEW
    out.impossible = out.status_count == 0  # nobody has it (a paper petition "open for signature")
    if set(filters.active()) <= {"status_ids", "kind"}:
        out.known_total = out.status_count


async def _add_columns(store: Store, filters: SearchFilters, out: Where) -> None:
    """The filters on the petition's own columns (kind, parliament, session, response, dates)."""
    if filters.kind:
        out.add("p.kind = ?", [filters.kind])
    if filters.parliament is not None:
        out.add("p.parliament = ?", [filters.parliament])
        out.id_span = await _parliament_span(store, int(filters.parliament))
    if filters.session is not None:
        out.add("p.session = ?", [filters.session])
    if filters.has_response is not None:
        out.add("p.has_response = ?", [int(filters.has_response)])
    if filters.date_from:
        out.add("p.last_event >= ?", [filters.date_from.isoformat()])
    if filters.date_to:
        out.add("p.last_event <= ?", [filters.date_to.isoformat()])


async def _add_subject(store: Store, filters: SearchFilters, out: Where) -> None:
    if not filters.subject:
        return
    names = await resolve_subject(store, filters.subject)
    if not names:
        out.impossible = True
        return
    # The subject's petitions as a set of ids, read from the two subject indexes alone; a
    # list then walks the recency index testing ids, so no record is read to filter or sort.
    # Where the row is read anyway (full-text matches joined to petitions), testing its
    # columns is five times faster than building the id set of a large subject each time.
    marks = ",".join("?" * len(names))
    out.add(
        f"p.id IN (SELECT id FROM petitions WHERE subject_en IN ({marks}) "
        f"UNION ALL SELECT id FROM petitions WHERE subject_fr IN ({marks}))",
        [*names, *names],
        row_sql=f"(p.subject_en IN ({marks}) OR p.subject_fr IN ({marks}))",
    )
    count = await _subject_count(store, names)
    out.few = out.few or count <= Limits.SUBJECT_FEW
    if set(filters.active()) == {"subject"}:
        out.known_total = count


async def _add_sponsor(store: Store, filters: SearchFilters, out: Where) -> None:
    if not filters.sponsor:
        return
    found = await find_sponsors(store, filters.sponsor, limit=1)
    if not found:
        out.impossible = True
        return
    out.sponsor_used = found[0].name
    if found[0].person_id is not None:
        out.add("p.sponsor_id = ?", [found[0].person_id])
    else:
        out.add("p.sponsor_name = ?", [found[0].name])


async def _add_keyword(store: Store, filters: SearchFilters, out: Where) -> None:
    if not filters.keyword:
        return
    folded = await resolve_keyword(store, filters.keyword)
    if not folded:
        out.impossible = True
        return
    marks = ",".join("?" * len(folded))
    out.add(f"p.number IN (SELECT k.number FROM petition_keywords k WHERE k.folded IN ({marks}))", folded)


async def _subject_count(store: Store, names: Sequence[str]) -> int:
    """Petitions filed under any of these subject spellings, from the counts the store keeps."""
    marks = ",".join("?" * len(names))
    return int(
        await store.fetch_value(
            f"SELECT coalesce(sum(petitions), 0) AS petitions FROM subject_counts "
            f"WHERE subject_en IN ({marks}) OR subject_fr IN ({marks})",
            [*names, *names],
            default=0,
        )
    )


async def _status_count(store: Store, status_ids: Sequence[int], kind: str | None) -> int:
    """Petitions with these statuses (and of this kind), from the counts the store keeps."""
    marks = ",".join("?" * len(status_ids))
    cond, params = (" AND kind = ?", [kind]) if kind else ("", [])
    return int(
        await store.fetch_value(
            f"SELECT coalesce(sum(petitions), 0) AS petitions FROM status_counts "
            f"WHERE status_id IN ({marks}){cond}",
            [*status_ids, *params],
            default=0,
        )
    )


async def _parliament_span(store: Store, parliament: int) -> tuple[int, int] | None:
    """The lowest and highest petition id of a parliament, cached until the next change.

    Petitions are stored roughly in the order they appear, so a parliament is a
    narrow band of ids: full-text matches outside it are skipped by FTS5 itself
    instead of being read one by one and turned away.
    """

    async def build() -> tuple[int, int] | None:
        row = await store.fetch_one(
            "SELECT min(id) AS lo, max(id) AS hi FROM petitions INDEXED BY petitions_parl_seq "
            "WHERE parliament = ?",
            [parliament],
        )
        return (int(row["lo"]), int(row["hi"])) if row is not None and row["lo"] is not None else None

    return await cached(store, f"parliament-span:{parliament}", build)


async def subjects(store: Store) -> list[tuple[str | None, str | None, int]]:
    """Distinct (subject_en, subject_fr, petitions), cached until the next change."""

    async def build() -> list[tuple[str | None, str | None, int]]:
        sql = "SELECT subject_en, subject_fr, petitions FROM subject_counts"  # kept by Store.upsert
        return [
            (r["subject_en"] or None, r["subject_fr"] or None, r["petitions"])
            for r in await store.fetch_all(sql)
        ]

    return await cached(store, "subjects", build)


async def keywords(store: Store) -> list[tuple[str, str | None, str | None, int]]:
    """Distinct keywords as (folded, name_en, name_fr, petitions), cached until the next change."""

    async def build() -> list[tuple[str, str | None, str | None, int]]:
        sql = "SELECT folded, name_en, name_fr, petitions FROM keyword_counts"  # kept by Store.upsert
        return [
            (r["folded"], r["name_en"] or None, r["name_fr"] or None, r["petitions"])
            for r in await store.fetch_all(sql)
        ]

    return await cached(store, "keywords", build)


async def subject_pairs(store: Store, text: str) -> list[tuple[str | None, str | None]]:
    """The stored subjects, as (English, French), that `text` names in either language, accent- and
    case-blind."""
    want = fold(text)
    return [(en, fr) for en, fr, _n in await subjects(store) if want in (fold(en), fold(fr))]


async def resolve_subject(store: Store, text: str) -> list[str]:
    """Stored subject spellings (either language) that `text` names, accent- and case-blind."""
    return spellings(await subject_pairs(store, text))


def spellings(pairs: list[tuple[str | None, str | None]]) -> list[str]:
    """Every spelling of these subjects, in either language, as the petitions store them."""
    return sorted({name for pair in pairs for name in pair if name})


async def resolve_keyword(store: Store, text: str) -> list[str]:
    want = fold(text)
    return [k for k, en, fr, _n in await keywords(store) if want in (k, fold(en), fold(fr))]


@dataclass(frozen=True, slots=True)
class FilterClause:
    """The filters as SQL conditions on alias `p` (petitions), resolved once: fuzzy sponsor names,
    subjects and keywords become exact values, as keyword search uses them."""

    sql: str
    params: tuple[Any, ...]
    impossible: bool  # a filter names something that does not exist: nothing passes
    few: bool  # few petitions pass (a sponsor, a country, a rare status): cheap to list them all
    sponsor_used: str | None


async def filter_clause(store: Store, filters: SearchFilters) -> FilterClause:
    where = await where_of(store, filters)
    return FilterClause(where.sql, tuple(where.params), where.impossible, where.few, where.sponsor_used)


async def hits_by_id(store: Store, ids: Sequence[int]) -> dict[int, Hit]:
    """The list rows of these petitions by id; ids no longer stored are left out."""
    out: dict[int, Hit] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        for row in await store.fetch_all(
            f"SELECT {HIT_COLUMNS} FROM petitions p WHERE p.id IN ({marks})", chunk
        ):
            out[int(row["id"])] = hit_of(row)
    return out
