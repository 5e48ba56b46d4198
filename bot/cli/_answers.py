"""The answers the bot gives in Discord, asked from a terminal: the same `answers` functions, printed."""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from bot import charts
from bot.cli._output import emit_json, jsonable, plain, related_text, render_petition, rows, wrap
from bot.cli._store import ask, meaning_of, open_store, related, site, today
from bot.i18n import suggestion_line, t
from bot.petitions import answers, deadlines, validate
from bot.petitions.countries import resolve_country
from bot.petitions.errors import BadPetitionNumber, UserFacingError
from bot.petitions.ingest import load_demo_if_empty
from bot.petitions.ingest_files import format_size
from bot.petitions.model import Petition, side
from bot.petitions.search import SearchFilters, SearchResult
from bot.petitions.status import group_ids
from bot.petitions.store import Store
from bot.settings import Settings

#: Text that is no petition number at all points to `petitionbot search` (the bot points to /search).
SEARCH_HINT = "petition.bad_number_hint_cli"


async def cmd_petition(args: argparse.Namespace, settings: Settings) -> int:
    store = await open_store(args, settings)
    try:
        empty = await store.is_empty()
        try:
            p = await _lookup(store, settings, args)
        except UserFacingError:
            if empty and not args.offline:
                print(t("store.empty", args.lang), file=sys.stderr)
            raise
        hits = await related(store, settings, p.number) if args.related else None
    finally:
        await store.close()
    if args.json:
        emit_json(p if hits is None else {"petition": p, "related": hits})
    else:
        print(render_petition(p, args.lang, today(args)))
        if hits is not None:
            print(related_text(hits, args.lang))
    return 0


async def _lookup(store: Store, settings: Settings, args: argparse.Namespace) -> Petition:
    try:
        if args.offline:
            return await answers.lookup(store, args.number)
        async with site(settings) as source:
            return await answers.lookup(store, args.number, source=source)
    except BadPetitionNumber as exc:
        raise await answers.search_hint(store, exc, args.number, key=SEARCH_HINT) from exc


async def cmd_country(args: argparse.Namespace, settings: Settings) -> int:
    answer = await ask(
        args, settings, lambda store: answers.petitions_for_country(store, args.country, limit=args.limit)
    )
    if args.json:
        emit_json(answer)
        return 0
    name = answer.name.get(args.lang) or answer.name.en or answer.code
    print(f"{name} ({answer.code})")
    print(t("label.primary", args.lang, country=name) + f": {answer.primary.total}")
    print("\n".join(rows(answer.primary.rows, args.lang)) or "  —")
    print(t("label.mentioned", args.lang, country=name) + f": {answer.mentioned.total}")
    print("\n".join(rows(answer.mentioned.rows, args.lang)) or "  —")
    return 0


async def cmd_response(args: argparse.Namespace, settings: Settings) -> int:
    async def question(store: Store) -> answers.ResponseAnswer:
        try:
            return await answers.response_of(store, args.number, args.lang)
        except BadPetitionNumber as exc:
            raise await answers.search_hint(store, exc, args.number, key=SEARCH_HINT) from exc

    answer = await ask(args, settings, question)
    if args.json:
        emit_json(answer)
        return 0
    p = answer.petition
    print(f"{p.number} — {side(p.subject, args.lang)}")
    if p.demo:
        print(f"[{t('demo.banner', args.lang)}]")
    if answer.header:
        print(answer.header)
    if answer.signer:
        print(f"{t('label.signed_by', args.lang)}: {answer.signer}")
    if answer.tabled_on:
        line = f"{t('label.response_tabled', args.lang)}: {answer.tabled_on.isoformat()}"
        if answer.answered_in_days is not None:
            line += f" — {deadlines.clock_line(deadlines.clock(p, today(args)), args.lang)}"
        print(line)
    print(f"{t('label.summary', args.lang)}:" + (f" {answer.note}" if answer.note else ""))
    print(wrap(answer.summary))
    if args.full:
        print()
        for para in answer.paragraphs:
            print(wrap(para))
            print()
    return 0


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    query, filters = _search_question(args)

    async def question(store: Store) -> SearchResult:
        meaning = None if args.keywords_only else meaning_of(store, settings)
        return await answers.search(store, query, filters, limit=args.limit, meaning=meaning)

    result = await ask(args, settings, question)
    if args.json:
        print(json.dumps(_search_json(result), ensure_ascii=False, indent=2))
    else:
        _print_search(result, args.lang)
    return 0


def _search_question(args: argparse.Namespace) -> tuple[str, SearchFilters]:
    """The words and filters, refused before the store is opened if they cannot be asked together."""
    # Each option went through `validate` as argparse read it; what is left concerns them together.
    query = validate.query(" ".join(args.query))
    validate.date_span(args.date_from, args.date_to)
    country = None
    if args.country:
        found = resolve_country(args.country)
        if not found:
            raise UserFacingError("country.unknown", value=args.country)
        country = found[0].code
    # `--status 223` names ids as the site does; `--status-group answered` names them as /search does.
    grouped = [status for group in args.status_group or () for status in group_ids(group)]
    filters = SearchFilters(
        status_ids=tuple(dict.fromkeys([*(args.status or ()), *grouped])),
        kind=args.type,
        parliament=args.parliament,
        session=args.session,
        sponsor=args.sponsor,
        subject=args.subject,
        keyword=args.keyword,
        date_from=args.date_from,
        date_to=args.date_to,
        has_response=args.has_response,
        country=country,
    )
    answers.check_search(query, filters)
    return query, filters


def _search_json(result: SearchResult) -> Any:
    payload = jsonable(result)
    for hit in payload.get("hits", []):
        # The index's internal highlight markers become Markdown bold, as the bot shows them.
        marked = hit.pop("snippet_marked", None)
        hit["snippet_highlighted"] = marked.replace("\x02", "**").replace("\x03", "**") if marked else None
    return payload


def _print_search(result: SearchResult, lang: str) -> None:
    if result.by_meaning:
        print(t("search.by_meaning", lang))
    else:
        total = result.total
        one = total == 1 and result.total_exact
        print(
            t("results.one", lang)
            if one
            else t("results.count", lang, total=f"{total}{'' if result.total_exact else '+'}")
        )
    for hit in result.hits:
        title = (hit.title_fr if lang == "fr" else hit.title_en) or hit.title_en or hit.title_fr or ""
        tag = f" [{t('search.related_tag', lang)}]" if hit.related else ""
        tag += f" [{t('demo', lang)}]" if hit.demo else ""
        print(f"  {hit.number:<10} {title}{tag}")
    if not result.hits:
        print(t("results.none", lang))
        for s in result.suggestions:
            line = suggestion_line(s.kind, str(s.value), int(s.count or 0), lang, plain)
            print(f"  → {line}")


async def cmd_sponsor(args: argparse.Namespace, settings: Settings) -> int:
    mp, page = await ask(
        args, settings, lambda store: answers.sponsor_petitions(store, args.mp, limit=args.limit)
    )
    if args.json:
        emit_json({"sponsor": mp, "page": page})
        return 0
    print(f"{mp.name}: {page.total}")
    print("\n".join(rows(page.rows, args.lang)))
    return 0


async def cmd_overdue(args: argparse.Namespace, settings: Settings) -> int:
    late = await ask(args, settings, lambda store: answers.overdue(store, today(args)))
    if args.json:
        emit_json([{"number": p.number, "clock": c} for p, c in late])
        return 0
    if not late:
        print(t("overdue.none", args.lang))
    for p, c in late:
        demo = f" [{t('demo', args.lang)}]" if p.demo else ""
        print(f"  {p.number:<10} {side(p.subject, args.lang)} — {deadlines.clock_line(c, args.lang)}{demo}")
    return 0


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    """The /stats figures in words (or JSON), and with `--png FILE` the chart the bot would send."""
    # The same refusals as /stats, before the store is opened.
    validate.stats_scope(args.view, country=args.country, subject=args.subject, sponsor=args.sponsor)
    scope = {"country": args.country, "subject": args.subject, "sponsor": args.sponsor}
    answer: answers.StatsAnswer | answers.ResponsesAnswer
    draw: Callable[[], bytes]
    if args.view == "responses":
        times = await ask(
            args, settings, lambda store: answers.response_times(store, today(args), lang=args.lang, **scope)
        )
        answer, words = times, charts.responses_words(times, args.lang)
        draw = functools.partial(charts.responses_png, times, args.lang)
    else:
        counts = await ask(args, settings, lambda store: answers.stats(store, lang=args.lang, **scope))
        answer, words = counts, charts.petitions_words(counts, args.lang)
        draw = functools.partial(charts.petitions_png, counts, args.lang)
    if args.png is not None:
        png = await asyncio.to_thread(draw)
        try:
            await asyncio.to_thread(args.png.write_bytes, png)
        except OSError as exc:
            raise UserFacingError(
                "chart.cannot_write", path=str(args.png), reason=exc.strerror or str(exc)
            ) from None
        print(t("chart.written", args.lang, path=str(args.png), size=format_size(len(png))), file=sys.stderr)
    if args.json:
        emit_json(answer)
    else:
        print(charts.words_text(words))
    return 0


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """A short tour of the answers on the bundled demo data, in its own database (never the production one)."""
    store = await open_store(args, settings, path=settings.demo_db_path)
    try:
        if await store.count() > (await store.stats()).demo:
            raise UserFacingError("demo.real_store", path=str(store.path))
        await load_demo_if_empty(store)
        await _tour(store, args.lang, today(args))
    finally:
        await store.close()
    return 0


async def _tour(store: Store, lang: str, day: date) -> None:
    p = await answers.lookup(store, "441-00155")
    print(render_petition(p, lang, day))
    print()
    answer = await answers.response_of(store, "441-00155", lang)
    print(f"{t('label.summary', lang)}:" + (f" {answer.note}" if answer.note else ""))
    print(wrap(answer.summary))
    print()
    country = await answers.petitions_for_country(store, "Kazakhstan")
    name = country.name.get(lang) or country.code
    print(t("label.primary", lang, country=name) + ":")
    print("\n".join(rows(country.primary.rows, lang)))
    print()
    late = await answers.overdue(store, day)
    print(f"{t('overdue.title', lang)}:")
    for q, c in late or []:
        print(f"  {q.number:<10} {deadlines.clock_line(c, lang)}")
    if not late:
        print("  " + t("overdue.none", lang))
    stats = await store.stats()
    print()
    print(f"({stats.petitions} petitions in {stats.path}, {stats.demo} of them {t('demo', lang)})")
