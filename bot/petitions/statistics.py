"""Statistics users ask for: petitions over time and signatures by province, and how fast the
government answers, for one country, subject or MP (or every petition).

The sums live in `response_times`; this module selects the petitions and reads the store.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from bot.petitions import autocomplete, countries, search, sponsors as sponsors_mod
from bot.petitions.errors import UserFacingError
from bot.petitions.model import Bi, province_code
from bot.petitions.response_times import ResponseTimes, Timing, compute as compute_response_times
from bot.petitions.store import Store

ScopeKind = Literal["country", "subject", "sponsor", "all"]
_NO_NAME: Bi[str] = Bi()  # frozen: one shared value serves every scope without a name


@dataclass(frozen=True, slots=True)
class Scope:
    """Which petitions a statistic counts: those about a country, on a subject, by an MP, or all."""

    kind: ScopeKind
    name: Bi[str] = field(default_factory=lambda: _NO_NAME)


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


async def stats(
    store: Store,
    *,
    country: str | None = None,
    subject: str | None = None,
    sponsor: str | None = None,
    lang: str = "en",
) -> StatsAnswer:
    """Petitions over time and signatures by province for one country, subject or sponsor. `lang` is the
    language of the subjects suggested when the one named is not stored."""
    if not (country or subject or sponsor):
        raise UserFacingError("stats.need_one")
    scope, base, params = await _scope(store, lang, country=country, subject=subject, sponsor=sponsor)
    rows = await store.fetch_all(
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
    lang: str = "en",
) -> ResponsesAnswer:
    """How fast the government answered the petitions of one country, subject or sponsor, or all of them."""
    scope, base, params = await _scope(store, lang, country=country, subject=subject, sponsor=sponsor)
    rows = await store.fetch_all(
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
    latest = await store.fetch_value("SELECT max(last_event) FROM petitions")
    return date.fromisoformat(latest[:10]) if latest else None


async def _scope(
    store: Store, lang: str, *, country: str | None, subject: str | None, sponsor: str | None
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
        return await _subject_scope(store, subject, lang)
    if sponsor:
        matches = await sponsors_mod.find_sponsors(store, sponsor, limit=1)
        if not matches:
            raise UserFacingError("sponsor.unknown", value=sponsor[:60])
        name = matches[0].name
        return (
            Scope("sponsor", Bi(name, name)),
            "FROM petitions p WHERE p.sponsor_name = ? COLLATE NOCASE",
            [name],
        )
    return Scope("all"), "FROM petitions p", []


async def _subject_scope(store: Store, subject: str, lang: str) -> tuple[Scope, str, list[Any]]:
    """A stored subject, named in either language, accent- and case-blind; one that is not stored is
    refused with the closest ones, rather than counted as an empty chart under the user's words."""
    pairs = await search.subject_pairs(store, subject)
    if not pairs:
        close = [label for label, _value in await autocomplete.subject_choices(store, subject, lang)]
        raise UserFacingError("stats.subject_unknown", suggestions=close[:5], value=subject[:60])
    spellings = search.spellings(pairs)
    marks = ", ".join("?" * len(spellings))
    where = f"FROM petitions p WHERE (p.subject_en IN ({marks}) OR p.subject_fr IN ({marks}))"
    return Scope("subject", Bi(*pairs[0])), where, [*spellings, *spellings]
