"""`petitionbot`: the offline answers, ingest and refresh, and the bot itself.

Every answer the bot gives in Discord can be asked here first, from the same
functions, in English or French, as text or JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from bot import failures, logs
from bot.i18n import history_line, side, status_label, t
from bot.petitions import answers, deadlines, validate
from bot.petitions.backfill import OnDemand, has_details, history_status
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest import IngestError, Limits, export_snapshot, ingest_paths, ready_store
from bot.petitions.ingest_files import DEFAULT_MAX_SIZE, MAX_PAGE, MAX_RECORD, format_size, parse_size
from bot.petitions.model import STATUS_LABELS, Bi, Petition
from bot.petitions.numbers import detail_url
from bot.petitions.store import Store
from bot.petitions.text import collapse, visible
from bot.settings import Settings, load_settings

log = logging.getLogger(__name__)

WRAP = 100


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(_lang_in(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0), or a refused argument (2, already explained in one line)
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 2
    # Operational failures are explained in the user's language: --lang, else LANG/LC_ALL (fr*).
    lang = failures.user_lang(argv)
    log_format = args.log_format or os.environ.get("LOG_FORMAT", "text").strip().lower()
    try:
        settings: Settings | None = load_settings()
    except ValidationError as exc:
        if args.command != "doctor":
            return _report(failures.settings_failure(exc), lang, log_format)
        settings, args.settings_problem = None, failures.settings_failure(exc).params["problems"]
    if settings is not None:
        log_format = args.log_format or settings.log_format
    level_name = str(args.log_level or (settings.log_level if settings else "INFO")).upper()
    level = getattr(logging, level_name, None)
    if not isinstance(level, int):
        level = logging.INFO
    if args.log_level is None and args.command not in ("run", "refresh"):
        level = logging.WARNING  # the answers and one-shot commands print what they have to say
    token = settings.discord_token.get_secret_value() if settings and settings.discord_token else ""
    secrets = [token, token.strip()] if token else []
    with logs.configured(level, "json" if log_format == "json" else "text", secrets=secrets):
        return _dispatch(args, settings, lang, log_format)


def _dispatch(args: argparse.Namespace, settings: Settings | None, lang: str, log_format: str) -> int:
    """Run the command; what it raises becomes one line that says what to do (`bot.failures`)."""
    handler: Callable[[argparse.Namespace, Any], Coroutine[Any, Any, int]] = args.handler
    try:
        return asyncio.run(handler(args, settings))
    except UserFacingError as exc:
        return _fail(exc, getattr(args, "lang", "en"))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `petitionbot … | head` closed the pipe: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        failure = failures.explain(exc, failures.Where.of(settings, getattr(args, "db", None)))
        if failure is None:
            raise  # not an operational failure: a bug, and its traceback is what a report needs
        log.debug("petitionbot %s failed", args.command, exc_info=exc)  # --log-level DEBUG: the traceback
        return _report(failure, lang, log_format)


def _report(failure: failures.Failure, lang: str, log_format: str) -> int:
    """One line on stderr (a JSON log line with --log-format json); the failure's exit status."""
    line = _plain(failure.line(lang))
    if log_format == "json":
        record = logging.makeLogRecord(
            {"name": "petitionbot", "levelname": "ERROR", "levelno": logging.ERROR, "msg": line}
        )
        line = logs.JsonFormatter().format(record)
    print(line, file=sys.stderr)
    return failure.code


# --- plumbing ---------------------------------------------------------------------


async def _open(args: argparse.Namespace, settings: Settings, *, path: Path | None = None) -> Store:
    """The store the command names (`--db`, else PETITIONBOT_DB); never filled with the demo set."""
    where = Path(args.db or path or settings.db_path)
    try:
        # Tried with plain sqlite3 first: aiosqlite leaves a thread behind when its connect fails,
        # which prints a traceback at exit.
        await asyncio.to_thread(_try_open, where)
        store = await Store.open(where)
    except (sqlite3.Error, OSError, ValueError) as exc:  # a directory, no permission, a NUL in the name
        if failures.is_database_trouble(exc):
            raise  # locked, damaged, read-only or a full disk: `main` says what to do about it
        raise UserFacingError("store.cannot_open", path=str(where), reason=str(exc)) from None
    try:
        await ready_store(store)
    except BaseException:
        await store.close()
        raise
    return store


def _try_open(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()


@contextlib.asynccontextmanager
async def _site(settings: Settings) -> AsyncIterator[OnDemand]:
    """A polite client for the petitions site, for one command's on-demand fetches."""
    import aiohttp

    from bot.petitions.pacer import Pacer, Priority

    config = settings.site()
    async with aiohttp.ClientSession() as session:
        pacer = Pacer(config.interval)
        yield OnDemand(config.client(session, pacer, Priority.USER), config)


def _today(args: argparse.Namespace) -> date:
    return getattr(args, "today", None) or date.today()  # `--today` is a date already (`validate.day`)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Bi):
        return {"en": _jsonable(value.en), "fr": _jsonable(value.fr)}
    if is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Petition):
            return value.to_dict()
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _emit_json(value: Any) -> None:
    print(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


def _message(exc: UserFacingError, lang: str) -> str:
    """The error as one line a terminal shows as it is: what the user typed comes back without
    controls, escape sequences or bidi overrides (`text.visible`)."""
    params = {k: _plain(v) if isinstance(v, str) else v for k, v in exc.params.items()}
    message = t(exc.key, lang, **params)
    if exc.suggestions:
        message += " " + t("suggest", lang, items=", ".join(_plain(str(s)) for s in exc.suggestions[:5]))
    return _plain(message)


def _plain(text: str) -> str:
    return collapse(visible(text))


def _fail(exc: UserFacingError, lang: str) -> int:
    print(_message(exc, lang), file=sys.stderr)
    return 1


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WRAP, initial_indent=indent, subsequent_indent=indent)


async def _ask(args: argparse.Namespace, settings: Settings, question: Callable[[Store], Awaitable[Any]]) -> Any:
    """Open the store, ask one question, close it. A `UserFacingError` goes up to `main`."""
    store = await _open(args, settings)
    try:
        if await store.is_empty():
            raise UserFacingError("store.empty")
        answer = await question(store)
        history = await history_status(store)
        if history.started and not history.complete:
            # Lists built while the history is still loading may miss petitions: say so, apart from the answer.
            share = f"{100 * history.details_share:.0f}"
            print(t("history.partial_note", getattr(args, "lang", "en"), share=share), file=sys.stderr)
        return answer
    finally:
        await store.close()


# --- commands ----------------------------------------------------------------------


def render_petition(p: Petition, lang: str, today: date) -> str:
    """The record as a reader wants it at a glance, in plain text."""
    lines: list[str] = []
    title = side(p.subject, lang)
    lines.append(f"{p.number} — {title}" if title else p.number)
    if p.demo:
        lines.append(f"[{t('demo.banner', lang)}]")
    elif not has_details(p):
        lines.append(f"[{t('details.loading', lang)}]")
    lines.append(f"{t('label.type', lang)}: {t('kind.' + p.kind, lang)}")
    lines.append(f"{t('label.status', lang)}: {status_label(p.status_id, p.status, lang, presented=p.presented_on is not None, answered=p.has_response)}")
    if p.sponsor:
        extra = ", ".join(x for x in (p.sponsor.riding, p.sponsor.caucus.pick(lang)[0]) if x)
        lines.append(f"{t('label.sponsor', lang)}: {p.sponsor.name}" + (f" ({extra})" if extra else ""))
    if p.initiator:
        where = ", ".join(x for x in (p.initiator.city, p.initiator.province) if x)
        lines.append(f"{t('label.initiator', lang)}: {p.initiator.name}" + (f" ({where})" if where else ""))
    for key, value in (
        ("label.opened", p.opened_at),
        ("label.closed", p.closed_at),
        ("label.presented", p.presented_on),
        ("label.response_tabled", p.response_tabled_on),
    ):
        if value is not None:
            shown = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()
            lines.append(f"{t(key, lang)}: {shown}")
    if p.presented_number and p.presented_number != p.number:
        lines.append(f"  ({p.presented_number})")
    if p.signatures is not None:
        lines.append(f"{t('label.signatures', lang)}: {p.signatures}")
    if p.presented_on:
        lines.append(f"{t('label.deadline', lang)}: {deadlines.clock_line(deadlines.clock(p, today), lang)}")
    prayer, used = p.prayer.pick(lang)
    if prayer:
        lines.append(f"{t('label.prayer', lang)}:")
        short = " ".join(prayer)
        if len(short) > 600:
            short = short[:600].rsplit(" ", 1)[0] + " …"
        lines.append(_wrap(short))
    if p.response:
        header = side(p.response.header, lang)
        if header:
            lines.append(f"{t('label.response', lang)}: {header}")
        if p.response.signer:
            lines.append(f"{t('label.signed_by', lang)}: {p.response.signer}")
    url, _ = p.url.pick(lang)
    lines.append(f"{t('label.link', lang)}: {p.url.get(lang) or detail_url(p.number, lang) or url}")
    return "\n".join(lines)


async def cmd_petition(args: argparse.Namespace, settings: Settings) -> int:
    store = await _open(args, settings)
    try:
        empty = await store.is_empty()
        try:
            if args.offline:
                p = await answers.lookup(store, args.number)
            else:
                async with _site(settings) as source:
                    p = await answers.lookup(store, args.number, source=source)
        except UserFacingError:
            if empty and not args.offline:
                print(t("store.empty", args.lang), file=sys.stderr)
            raise
        related = await _related(store, settings, p.number) if args.related else None
    finally:
        await store.close()
    if args.json:
        _emit_json(p if related is None else {"petition": p, "related": related})
    else:
        print(render_petition(p, args.lang, _today(args)))
        if related is not None:
            print(_related_text(related, args.lang))
    return 0


def _rows(rows: Sequence[answers.Row], lang: str) -> list[str]:
    out = []
    for r in rows:
        title, _ = r.title.pick(lang)
        when = r.presented_on or r.last_event
        demo = f" [{t('demo', lang)}]" if r.demo else ""
        status = STATUS_LABELS[r.status_id].get(lang) if r.status_id in STATUS_LABELS else ""
        out.append(f"  {r.number:<10} {title or ''}" + (f" — {status}" if status else "") + (f" ({when})" if when else "") + demo)
    return out


async def cmd_country(args: argparse.Namespace, settings: Settings) -> int:
    answer = await _ask(args, settings, lambda store: answers.petitions_for_country(store, args.country, limit=args.limit))
    if args.json:
        _emit_json(answer)
        return 0
    name = answer.name.get(args.lang) or answer.name.en or answer.code
    print(f"{name} ({answer.code})")
    print(t("label.primary", args.lang, country=name) + f": {answer.primary.total}")
    print("\n".join(_rows(answer.primary.rows, args.lang)) or "  —")
    print(t("label.mentioned", args.lang, country=name) + f": {answer.mentioned.total}")
    print("\n".join(_rows(answer.mentioned.rows, args.lang)) or "  —")
    return 0


async def cmd_response(args: argparse.Namespace, settings: Settings) -> int:
    answer = await _ask(args, settings, lambda store: answers.response_of(store, args.number, args.lang))
    if args.json:
        _emit_json(answer)
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
            line += f" — {deadlines.clock_line(deadlines.clock(p, _today(args)), args.lang)}"
        print(line)
    print(f"{t('label.summary', args.lang)}:" + (f" {answer.note}" if answer.note else ""))
    print(_wrap(answer.summary))
    if args.full:
        print()
        for para in answer.paragraphs:
            print(_wrap(para))
            print()
    return 0


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.petitions.countries import resolve_country
    from bot.petitions.search import SearchFilters

    # Each option went through `validate` as argparse read it; what is left concerns them together.
    query = validate.query(" ".join(args.query))
    validate.date_span(args.date_from, args.date_to)
    country = None
    if args.country:
        found = resolve_country(args.country)
        if not found:
            raise UserFacingError("country.unknown", value=args.country)
        country = found[0].code
    filters = SearchFilters(
        status_ids=tuple(dict.fromkeys(args.status or ())),
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

    async def ask(store: Store) -> Any:
        meaning = None if args.keywords_only else _meaning(store, settings)
        return await answers.search(store, query, filters, limit=args.limit, meaning=meaning)

    result = await _ask(args, settings, ask)
    if args.json:
        payload = _jsonable(result)
        for hit in payload.get("hits", []):
            # The index's internal highlight markers become Markdown bold, as the bot shows them.
            marked = hit.pop("snippet_marked", None)
            hit["snippet_highlighted"] = marked.replace("\x02", "**").replace("\x03", "**") if marked else None
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if result.by_meaning:
        print(t("search.by_meaning", args.lang))
    else:
        total = result.total
        one = total == 1 and result.total_exact
        print(t("results.one", args.lang) if one else t("results.count", args.lang, total=f"{total}{'' if result.total_exact else '+'}"))
    for hit in result.hits:
        title = (hit.title_fr if args.lang == "fr" else hit.title_en) or hit.title_en or hit.title_fr or ""
        tag = f" [{t('search.related_tag', args.lang)}]" if hit.related else ""
        tag += f" [{t('demo', args.lang)}]" if hit.demo else ""
        print(f"  {hit.number:<10} {title}{tag}")
    if not result.hits:
        print(t("results.none", args.lang))
        for s in result.suggestions:
            print(f"  → {getattr(s, 'kind', '')}: {getattr(s, 'value', s)}")
    return 0


async def cmd_sponsor(args: argparse.Namespace, settings: Settings) -> int:
    mp, page = await _ask(args, settings, lambda store: answers.sponsor_petitions(store, args.mp, limit=args.limit))
    if args.json:
        _emit_json({"sponsor": mp, "page": page})
        return 0
    print(f"{mp.name}: {page.total}")
    print("\n".join(_rows(page.rows, args.lang)))
    return 0


async def cmd_overdue(args: argparse.Namespace, settings: Settings) -> int:
    late = await _ask(args, settings, lambda store: answers.overdue(store, _today(args)))
    if args.json:
        _emit_json([{"number": p.number, "clock": c} for p, c in late])
        return 0
    if not late:
        print(t("overdue.none", args.lang))
    for p, c in late:
        demo = f" [{t('demo', args.lang)}]" if p.demo else ""
        print(f"  {p.number:<10} {side(p.subject, args.lang)} — {deadlines.clock_line(c, args.lang)}{demo}")
    return 0


# --- statistics and charts (`petitionbot stats`; drawn by bot/charts.py) -------------------------


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    """The /stats figures in words (or JSON), and with `--png FILE` the chart the bot would send."""
    from bot import charts

    filters = {"country": args.country, "subject": args.subject, "sponsor": args.sponsor}
    if sum(1 for v in filters.values() if v) > 1:
        raise UserFacingError("stats.too_many")
    answer: Any
    if args.view == "responses":
        answer = await _ask(args, settings, lambda store: answers.response_times(store, _today(args), **filters))
        words, draw = charts.responses_words(answer, args.lang), charts.responses_png
    else:
        answer = await _ask(args, settings, lambda store: answers.stats(store, **filters))
        words, draw = charts.petitions_words(answer, args.lang), charts.petitions_png
    if args.png is not None:
        png = await asyncio.to_thread(draw, answer, args.lang)
        try:
            await asyncio.to_thread(args.png.write_bytes, png)
        except OSError as exc:
            raise UserFacingError("chart.cannot_write", path=str(args.png), reason=exc.strerror or str(exc)) from None
        print(t("chart.written", args.lang, path=str(args.png), size=format_size(len(png))), file=sys.stderr)
    if args.json:
        _emit_json(answer)
    else:
        print(charts.words_text(words))
    return 0


def _max_size(raw: str) -> int:
    """`--max-size`: "100MB", "2GB", "512MiB" or bytes."""
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    store = await _open(args, settings)
    try:
        report = await ingest_paths(store, [Path(p) for p in args.paths], limits=Limits(max_size=args.max_size))
    except IngestError as exc:
        print(f"ingest failed, nothing written: {exc}", file=sys.stderr)
        return 1
    finally:
        await store.close()
    r = report.result
    print(
        f"{report.files} files, {report.records} records: {len(r.new)} new, {len(r.changed)} changed, "
        f"{len(r.unchanged)} unchanged"
    )
    return 0


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    store = await _open(args, settings)
    try:
        if args.out == "-":
            n = await export_snapshot(store, sys.stdout)
        else:
            out = Path(args.out)
            tmp = out.with_name(out.name + ".tmp")
            with tmp.open("w", encoding="utf-8") as fh:
                n = await export_snapshot(store, fh)
            tmp.replace(out)
    finally:
        await store.close()
    print(f"exported {n} petitions", file=sys.stderr)
    return 0


async def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    store = await _open(args, settings)
    try:
        stats = await store.stats()
        history = await history_status(store)
        integrity = await store.integrity_check()
    finally:
        await store.close()
    if args.json:
        _emit_json({"stats": stats, "history": history, "integrity": integrity})
        return 0
    print(f"database: {stats.path}")
    print(f"petitions: {stats.petitions} ({stats.demo} demo), with response: {stats.with_response}")
    if stats.demo and stats.demo < stats.petitions:
        print(f"demo records left: {stats.demo} (removed when the next real records arrive)")
    print(history_line(history, "en"))
    if history.details_missing or history.details_failed:
        print(f"details: {history.details_missing} not published, {history.details_failed} unreadable")
    print(f"by kind: {stats.by_kind}; journal: {stats.last_change_id} changes")
    print(f"last refresh: {stats.last_refresh or 'never'}; integrity: {integrity}")
    return 0


async def cmd_backfill(args: argparse.Namespace, settings: Settings) -> int:
    """The whole history from the site: listing rows first (minutes), then details pages (a night)."""
    import aiohttp

    from bot.petitions import backfill
    from bot.petitions.fetch import ProgressLine
    from bot.petitions.pacer import Pacer, Priority

    seconds = args.duration  # seconds already (`validate.duration`)
    phases = frozenset({1, 2}) if args.phase == "all" else frozenset({int(args.phase)})
    limits = backfill.Limits(
        phases=phases, parliaments=tuple(args.parliament or ()), max_requests=args.max_requests, seconds=seconds
    )
    bar = ProgressLine(sys.stderr.isatty() and not args.quiet)
    config = settings.site()
    store = await _open(args, settings)
    try:
        async with aiohttp.ClientSession() as session:
            client = config.client(session, Pacer(config.interval), Priority.BACKFILL)
            run = backfill.Backfill(store, client, config, limits=limits, on_progress=lambda p: bar.show(p.line()))
            summary = await run.run()
        history = await backfill.history_status(store)
    finally:
        bar.close()
        await store.close()
    print(summary.line())
    print(history_line(history, "en"))
    return 0 if summary.ok else 1


async def cmd_refresh(args: argparse.Namespace, settings: Settings) -> int:
    from bot.petitions import fetch

    store = await _open(args, settings)
    try:
        summary = await fetch.refresh(store, settings, progress=sys.stderr.isatty() and not args.quiet)
    finally:
        await store.close()
    hint = "" if summary.ok else "; `petitionbot doctor` checks the network and the site"
    print(summary.line() + hint)
    return 0 if summary.ok else 1


# --- search by meaning (issue 11): `petitionbot embed`, related petitions ---------------------------


def _meaning(store: Store, settings: Settings) -> Any:
    """Search by meaning over this store (None when MEANING_SEARCH is false); the model loads on first use."""
    from bot.petitions.meaning import EncoderHandle, Meaning

    return Meaning(store, EncoderHandle(enabled=settings.meaning_search)) if settings.meaning_search else None


async def _related(store: Store, settings: Settings, number: str) -> list[Any]:
    from bot.petitions.meaning import related

    return await related(store, _meaning(store, settings), number)


def _related_text(hits: Sequence[Any], lang: str) -> str:
    lines = [f"{t('related.cli_heading', lang)}:"]
    for hit in hits:
        title = (hit.title_fr if lang == "fr" else hit.title_en) or hit.title_en or hit.title_fr or ""
        lines.append(f"  {hit.number:<10} {title}" + (f" ({hit.presented_on})" if hit.presented_on else ""))
    if not hits:
        lines.append(f"  {t('related.none', lang)}")
    return "\n".join(lines)


async def cmd_embed(args: argparse.Namespace, settings: Settings) -> int:
    """Vectors for search by meaning: every petition without a current one, resumable at any moment."""
    from bot.petitions.fetch import ProgressLine
    from bot.petitions.meaning import EncoderHandle, Meaning

    bar = ProgressLine(sys.stderr.isatty() and not args.quiet)
    store = await _open(args, settings)
    try:
        meaning = Meaning(store, EncoderHandle(enabled=settings.meaning_search))
        summary = await meaning.embed(limit=args.limit, on_progress=lambda p: bar.show(p.line()))
        status = await meaning.status()
    finally:
        bar.close()
        await store.close()
    print(summary.line())
    if summary.off is None:
        print(f"{status.vectors:,} of {status.petitions:,} petitions have a current vector ({status.model})")
    return 0 if summary.off is None else 1


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.discord_bot import run_bot, token_missing_message

    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(token_missing_message(), file=sys.stderr)
        return 2
    if args.db:
        settings = settings.model_copy(update={"db_path": Path(args.db)})
    await run_bot(settings)
    return 0


async def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    """Publish the slash commands over REST only (no gateway), when they changed or with --force."""
    import discord

    from bot.discord_bot import PetitionBot, apply_endpoints, token_missing_message

    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        print(token_missing_message(), file=sys.stderr)
        return 2
    if args.db:
        settings = settings.model_copy(update={"db_path": Path(args.db)})
    apply_endpoints(settings)
    # The bot has no voice: discord.py's "PyNaCl/davey is not installed" warnings would be noise here.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    async with PetitionBot(settings, offline=True) as client:
        # Runs setup_hook: store, translator, cogs; publishes nothing by itself. A refused token or no
        # network goes up to `main` (`bot.failures`), which says what to do in one line.
        await client.login(token)
        guild_id = None if args.global_scope else (args.guild or settings.dev_guild_id)
        result = await client.publish_commands(guild_id=guild_id, force=args.force)
    print(result.line(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


async def cmd_doctor(args: argparse.Namespace, settings: Settings | None) -> int:
    """Is this installation ready to run for real? One line per check, with what to fix."""
    from bot.doctor import run_doctor

    report = await run_doctor(
        settings,
        settings_problem=getattr(args, "settings_problem", None),
        db_path=Path(args.db) if args.db else None,
        offline=args.offline,
    )
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """A consistent copy of the database, safe while the bot writes (SQLite's online backup API)."""
    from bot.petitions.backup import backup

    report = await backup(Path(args.db or settings.db_path), Path(args.file))
    print(report.line())
    return 0


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    """A short tour of the answers on the bundled demo data, in its own database (never the production one)."""
    from bot.petitions.ingest import load_demo_if_empty

    store = await _open(args, settings, path=settings.demo_db_path)
    today = _today(args)
    try:
        if await store.count() > (await store.stats()).demo:
            raise UserFacingError("demo.real_store", path=str(store.path))
        await load_demo_if_empty(store)
        p = await answers.lookup(store, "441-00155")
        print(render_petition(p, args.lang, today))
        print()
        answer = await answers.response_of(store, "441-00155", args.lang)
        print(f"{t('label.summary', args.lang)}:" + (f" {answer.note}" if answer.note else ""))
        print(_wrap(answer.summary))
        print()
        country = await answers.petitions_for_country(store, "Kazakhstan")
        name = country.name.get(args.lang) or country.code
        print(t("label.primary", args.lang, country=name) + ":")
        print("\n".join(_rows(country.primary.rows, args.lang)))
        print()
        late = await answers.overdue(store, today)
        print(f"{t('overdue.title', args.lang)}:")
        for q, c in late or []:
            print(f"  {q.number:<10} {deadlines.clock_line(c, args.lang)}")
        if not late:
            print("  " + t("overdue.none", args.lang))
        stats = await store.stats()
        print()
        print(f"({stats.petitions} petitions in {stats.path}, {stats.demo} of them {t('demo', args.lang)})")
    finally:
        await store.close()
    return 0


# --- ask: a question in plain English or French (issue 12; bot/petitions/understand/) ------------


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """The /ask answer as text, or with --json the reading's fields, `understood` and `results`."""
    from bot import understood
    from bot.petitions import understand

    question = validate.question(" ".join(args.question))
    today = _today(args)

    async def go(store: Store) -> tuple[Any, Any, str]:
        vocab = await understand.vocabulary(store)
        reading = understand.read(question, vocab, today, lang=args.lang or "en")
        lang = args.lang or reading.lang
        meaning = None if args.keywords_only else _meaning(store, settings)
        result = await understand.answer(store, reading, today, lang=lang, limit=args.limit, meaning=meaning)
        return result, vocab, lang

    result, vocab, lang = await _ask(args, settings, go)
    line = understood.understood_line(result, lang, vocab)
    others = [
        {**alt.as_dict(), "label": understood.reading_text(alt, lang, vocab)} for alt in result.reading.alternatives
    ]
    if args.json:
        payload = {
            **result.reading.as_dict(),
            "understood": line,
            "total": result.found,
            "results": _ask_results(result, lang, today),
            "alternatives": others,
        }
        if result.error is not None:
            payload["error"] = _message(result.error, lang)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 1 if result.error is not None else 0
    print(line)
    if result.error is not None:
        print(_message(result.error, lang), file=sys.stderr)
        return 1
    print(_ask_text(result, lang, today))
    if others:
        print()
        print(t("ask.other_readings", lang))
        for other in others:
            print(f"  → {other['label']}")
    return 0


def _ask_results(result: Any, lang: str, today: date) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    p = result.petition
    if p is not None:
        entry = {
            "number": p.number,
            "title": side(p.subject, lang),
            "status": status_label(p.status_id, p.status, lang, presented=p.presented_on is not None, answered=p.has_response),
            "presented_on": _jsonable(p.presented_on),
            "response_tabled_on": _jsonable(p.response_tabled_on),
            "has_response": p.has_response,
            "demo": p.demo,
            "deadline": deadlines.clock_line(deadlines.clock(p, today), lang),
        }
        if result.response is not None:
            r = result.response
            entry["response"] = {
                "summary": r.summary,
                "summary_lang": r.summary_lang,
                "header": r.header,
                "signer": r.signer,
                "tabled_on": _jsonable(r.tabled_on),
                "answered_in_days": r.answered_in_days,
            }
        out.append(entry)
    for item in [*result.items, *result.mentioned]:
        if p is not None and item.number == p.number:
            continue
        title, _ = item.title.pick(lang)
        entry = {
            "number": item.number,
            "title": title or "",
            "status": status_label(item.status_id, None, lang, presented=bool(item.presented_on), answered=item.has_response),
            "presented_on": _jsonable(item.presented_on),
            "last_event": _jsonable(item.last_event),
            "has_response": item.has_response,
            "demo": item.demo,
        }
        if item.primary is not None:
            entry["primary"] = item.primary
        if item.clock is not None:
            entry["deadline"] = deadlines.clock_line(item.clock, lang)
        out.append(entry)
    return out


def _ask_text(result: Any, lang: str, today: date) -> str:
    from bot.understood import help_text

    if result.kind in ("help", "none"):
        return help_text(lang)
    lines: list[str] = []
    if result.kind == "response" and result.response is not None:
        r, p = result.response, result.response.petition
        lines.append(f"{p.number} — {side(p.subject, lang)}")
        if p.demo:
            lines.append(f"[{t('demo.banner', lang)}]")
        for value in (r.header, r.signer and f"{t('label.signed_by', lang)}: {r.signer}"):
            if value:
                lines.append(value)
        if r.tabled_on:
            lines.append(f"{t('label.response_tabled', lang)}: {r.tabled_on.isoformat()}")
        lines.append(f"{t('label.summary', lang)}:" + (f" {r.note}" if r.note else ""))
        lines.append(_wrap(r.summary))
        rest = [i for i in result.items if i.number != p.number]
        if rest:
            lines.append("")
            lines.extend(_ask_rows(rest, lang))
        return "\n".join(lines)
    if result.kind == "petition" and result.petition is not None:
        text = render_petition(result.petition, lang, today)
        return text + ("\n" + t("ask.no_response_yet", lang) if result.no_response else "")
    if result.no_response:
        lines.append(t("ask.none_answered", lang) if result.items else t("ask.no_response_yet", lang))
    if result.mentioned or result.mentioned_total:
        from bot.petitions.countries import country_name

        name = country_name(result.reading.country or "", lang)
        lines.append(t("label.primary", lang, country=name) + f": {result.total}")
        lines.extend(_ask_rows(result.items, lang) or ["  —"])
        lines.append(t("label.mentioned", lang, country=name) + f": {result.mentioned_total}")
        lines.extend(_ask_rows(result.mentioned, lang) or ["  —"])
        return "\n".join(lines)
    if not result.items and not result.total:
        lines.append(t("results.none", lang))
    elif result.total == 1 and result.exact:
        lines.append(t("results.one", lang))
    else:
        lines.append(t("results.count", lang, total=f"{result.total}{'' if result.exact else '+'}"))
    lines.extend(_ask_rows(result.items, lang))
    return "\n".join(lines)


def _ask_rows(items: Sequence[Any], lang: str) -> list[str]:
    out = []
    for item in items:
        title, _ = item.title.pick(lang)
        when = item.presented_on or item.last_event
        status = status_label(item.status_id, None, lang, presented=bool(item.presented_on), answered=item.has_response)
        line = f"  {item.number:<10} {title or ''} — {status}" + (f" ({when})" if when else "")
        if item.clock is not None:
            line += f" — {deadlines.clock_line(item.clock, lang)}"
        out.append(line + (f" [{t('demo', lang)}]" if item.demo else ""))
    return out


# --- end of ask ---


# --- argument parsing -------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, but a refused argument is one line on stderr (exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {_plain(message)} ({self.prog} --help)\n")

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # Python 3.11's argparse drops a "--" given as an option's own value (`--limit=--`) and hands
        # the command an empty list, unchecked; here it is that option's value, and checked like any.
        if action.nargs is None and action.option_strings and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)


def _lang_in(argv: Sequence[str]) -> str:
    """The --lang of a command line, read before argparse so that refused arguments are explained in it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "fr" if argv[i + 1] == "fr" else "en"
        if arg.startswith("--lang="):
            return "fr" if arg == "--lang=fr" else "en"
    return "en"


def _checked(check: Callable[[str], Any], lang: str) -> Callable[[str], Any]:
    """An argparse `type=` from a `validate` function: its refusal, in the user's language, becomes
    argparse's one-line error instead of a traceback."""

    def convert(raw: str) -> Any:
        try:
            return check(raw)
        except UserFacingError as exc:
            raise argparse.ArgumentTypeError(_message(exc, lang)) from None

    convert.__name__ = getattr(check, "__name__", "value")  # argparse names the type in some messages
    return convert


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    def v(check: Callable[[str], Any]) -> Callable[[str], Any]:
        return _checked(check, lang)

    parser = _Parser(prog="petitionbot", description=__doc__)
    parser.add_argument("--log-level", type=v(validate.log_level), default=None, help="DEBUG, INFO, WARNING or ERROR")
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=None,
        help="log lines as text or JSON (default: LOG_FORMAT)",
    )
    sub = parser.add_subparsers(dest="command")

    def add(name: str, handler: Callable[..., Any], help_text: str, *, answer: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument("--db", type=Path, default=None, help="database file (default: PETITIONBOT_DB or var/petitions.sqlite3)")
        if answer:
            p.add_argument("--lang", choices=("en", "fr"), default="en", help="answer language")
            p.add_argument("--json", action="store_true", help="machine-readable output")
            p.add_argument(
                "--today",
                type=v(lambda raw: validate.day(raw, "today")),
                default=None,
                help="pretend today is YYYY-MM-DD (deadlines)",
            )
        return p

    p = add("demo", cmd_demo, "a short tour of the answers on the bundled demo data")
    p = add("petition", cmd_petition, "one petition by number (fetched from the site when not stored)")
    p.add_argument("number", type=v(validate.petition_number))
    p.add_argument("--offline", action="store_true", help="answer from the store only; never ask the site")
    p.add_argument("--related", action="store_true", help="also list the 15 petitions nearest in meaning")
    p = add("country", cmd_country, "petitions about a country (either language, ISO code, typos allowed)")
    p.add_argument("country", type=v(validate.country))
    p.add_argument("--limit", type=v(validate.limit), default=10)
    p = add("response", cmd_response, "the government response and its summary")
    p.add_argument("number", type=v(validate.petition_number))
    p.add_argument("--full", action="store_true", help="print the whole response too")
    p = add("search", cmd_search, "full-text search in both languages")
    p.add_argument("query", nargs="*", default=[])
    p.add_argument("--status", type=v(validate.status_id), action="append", help="status id (repeatable), e.g. 223")
    p.add_argument("--type", type=v(validate.kind), default=None, help="e or paper")
    p.add_argument("--parliament", type=v(validate.parliament), default=None)
    p.add_argument("--session", type=v(validate.session), default=None)
    p.add_argument("--sponsor", type=v(validate.sponsor), default=None)
    p.add_argument("--subject", type=v(validate.subject), default=None)
    p.add_argument("--keyword", type=v(validate.keyword), default=None)
    p.add_argument("--country", type=v(validate.country), default=None, help="name or ISO code")
    p.add_argument("--from", dest="date_from", type=v(lambda raw: validate.day(raw, "from")), default=None)
    p.add_argument("--to", dest="date_to", type=v(lambda raw: validate.day(raw, "to")), default=None)
    p.add_argument("--has-response", dest="has_response", action="store_true", default=None)
    p.add_argument("--keywords-only", dest="keywords_only", action="store_true", help="no search by meaning")
    p.add_argument("--limit", type=v(validate.limit), default=10)
    p = add("sponsor", cmd_sponsor, "petitions presented or sponsored by an MP (fuzzy name)")
    p.add_argument("mp", type=v(validate.sponsor))
    p.add_argument("--limit", type=v(validate.limit), default=10)
    add("overdue", cmd_overdue, "presented petitions past their 45-day response deadline")
    p = add("stats", cmd_stats, "petitions per year and by province, or government response times; --png draws the chart")
    p.add_argument(
        "view", nargs="?", type=v(validate.stats_view), default="petitions", help="petitions (default) or responses"
    )
    p.add_argument("--country", type=v(validate.country), default=None, help="name or ISO code")
    p.add_argument("--subject", type=v(validate.subject), default=None)
    p.add_argument("--sponsor", type=v(validate.sponsor), default=None, help="MP name (typos allowed)")
    p.add_argument("--png", type=Path, default=None, metavar="FILE", help="also write the chart as a PNG")
    p = add("ingest", cmd_ingest, "store details pages, listing JSON, XML exports or snapshots", answer=False)
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--max-size",
        dest="max_size",
        type=_max_size,
        default=DEFAULT_MAX_SIZE,
        help=f"refuse a file larger than this, e.g. 100MB or 2GB (default {format_size(DEFAULT_MAX_SIZE)}); "
        f"a page is refused past {format_size(MAX_PAGE)}, a record past {format_size(MAX_RECORD)}",
    )
    p = add("export", cmd_export, "write every record as a JSONL snapshot", answer=False)
    p.add_argument("out", nargs="?", default="-")
    p = add("status", cmd_status, "what the store holds and whether it is sound", answer=False)
    p.add_argument("--json", action="store_true")
    p = add("backfill", cmd_backfill, "fetch the whole petition history from the site (resumable)", answer=False)
    p.add_argument("--phase", choices=("1", "2", "all"), default="all", help="1: listing rows, 2: details pages")
    p.add_argument(
        "--parliament", type=v(validate.parliament), action="append", help="only this Parliament (repeatable), e.g. 44"
    )
    p.add_argument(
        "--max-requests", dest="max_requests", type=v(validate.max_requests), default=None, help="stop after this many"
    )
    p.add_argument(
        "--for", dest="duration", type=v(validate.duration), default=None, help="stop after this long, e.g. 2h, 90m, 1h30m"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p = add("refresh", cmd_refresh, "fetch new and changed petitions from the site (politely)", answer=False)
    p.add_argument("--quiet", action="store_true")
    p = add("embed", cmd_embed, "compute the vectors search by meaning needs (resumable)", answer=False)
    p.add_argument(
        "--limit",
        type=v(lambda raw: validate.integer(raw, "limit", validate.MAX_REQUESTS)),
        default=None,
        help="at most this many petitions",
    )
    p.add_argument("--quiet", action="store_true", help="no progress line")
    add("run", cmd_run, "start the Discord bot", answer=False)
    p = add("sync", cmd_sync, "publish the slash commands if they changed (REST only)", answer=False)
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--guild", type=v(lambda raw: validate.snowflake(raw, "guild")), default=None, help="to this guild (default: DEV_GUILD_ID)"
    )
    scope.add_argument("--global", dest="global_scope", action="store_true", help="to every server")
    p.add_argument("--force", action="store_true", help="publish even if unchanged since last time")
    p = add(
        "doctor",
        cmd_doctor,
        "check settings, token, Discord, permissions, database, disk and the site",
        answer=False,
    )
    p.add_argument("--offline", action="store_true", help="no network: skip Discord and the petitions site")
    p = add("backup", cmd_backup, "a consistent copy of the database, safe while the bot runs", answer=False)
    p.add_argument("file", help="where to write the copy (written to FILE.tmp, then renamed)")
    # --- ask (issue 12) ---
    p = add("ask", cmd_ask, "a question in plain English or French, answered saying how it was understood", answer=False)
    p.add_argument("question", nargs="+", help='e.g. "has the government answered the Kazakhstan petition?"')
    p.add_argument("--lang", choices=("en", "fr"), default=None, help="answer language (default: the question's)")
    p.add_argument("--json", action="store_true", help="the reading's fields, understood and results as JSON")
    p.add_argument(
        "--today", type=v(lambda raw: validate.day(raw, "today")), default=None, help="pretend today is YYYY-MM-DD"
    )
    p.add_argument("--limit", type=v(validate.limit), default=10)
    p.add_argument("--keywords-only", dest="keywords_only", action="store_true", help="rank words without search by meaning")
    # --- end of ask ---
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
