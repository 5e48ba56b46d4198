"""The operator's commands: filling and copying the store, fetching from the site, running the bot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli._output import emit_json
from bot.cli._store import open_store
from bot.i18n import history_line
from bot.petitions.backfill import history_status
from bot.petitions.ingest import IngestError, Limits, export_snapshot, ingest_paths
from bot.petitions.ingest_files import parse_size
from bot.settings import Settings


def max_size(raw: str) -> int:
    """`--max-size`: "100MB", "2GB", "512MiB" or bytes."""
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    store = await open_store(args, settings)
    try:
        report = await ingest_paths(
            store, [Path(p) for p in args.paths], limits=Limits(max_size=args.max_size)
        )
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
    store = await open_store(args, settings)
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
    store = await open_store(args, settings)
    try:
        stats = await store.stats()
        history = await history_status(store)
        integrity = await store.integrity_check()
    finally:
        await store.close()
    if args.json:
        emit_json({"stats": stats, "history": history, "integrity": integrity})
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
        phases=phases,
        parliaments=tuple(args.parliament or ()),
        max_requests=args.max_requests,
        seconds=seconds,
    )
    bar = ProgressLine(sys.stderr.isatty() and not args.quiet)
    config = settings.site()
    store = await open_store(args, settings)
    try:
        async with aiohttp.ClientSession() as session:
            client = config.client(session, Pacer(config.interval), Priority.BACKFILL)
            run = backfill.Backfill(
                store, client, config, limits=limits, on_progress=lambda p: bar.show(p.line())
            )
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

    store = await open_store(args, settings)
    try:
        summary = await fetch.refresh(store, settings.site(), progress=sys.stderr.isatty() and not args.quiet)
    finally:
        await store.close()
    hint = "" if summary.ok else "; `petitionbot doctor` checks the network and the site"
    print(summary.line() + hint)
    return 0 if summary.ok else 1


async def cmd_embed(args: argparse.Namespace, settings: Settings) -> int:
    """Vectors for search by meaning: every petition without a current one, resumable at any moment."""
    from bot.petitions.fetch import ProgressLine
    from bot.petitions.meaning import EncoderHandle, Meaning

    bar = ProgressLine(sys.stderr.isatty() and not args.quiet)
    store = await open_store(args, settings)
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
