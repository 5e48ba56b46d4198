"""The command line's grammar: one small function per group of commands, every value checked by
`bot.petitions.validate` as argparse reads it, so the CLI refuses what the bot refuses, in the same words."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from bot.cli._answers import (
    cmd_country,
    cmd_demo,
    cmd_overdue,
    cmd_petition,
    cmd_response,
    cmd_search,
    cmd_sponsor,
    cmd_stats,
)
from bot.cli._ask import cmd_ask
from bot.cli._operations import (
    cmd_backfill,
    cmd_backup,
    cmd_doctor,
    cmd_embed,
    cmd_export,
    cmd_ingest,
    cmd_refresh,
    cmd_run,
    cmd_status,
    cmd_sync,
    max_size,
)
from bot.cli._output import message, plain
from bot.petitions import validate
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest_files import DEFAULT_MAX_SIZE, MAX_PAGE, MAX_RECORD, format_size
from bot.petitions.status import GROUPS

DESCRIPTION = """`petitionbot`: the offline answers, ingest and refresh, and the bot itself.

Every answer the bot gives in Discord can be asked here first, from the same
functions, in English or French, as text or JSON.
"""

Check = Callable[[str], Any]


class _Parser(argparse.ArgumentParser):
    """argparse, but a refused argument is one line on stderr (exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {plain(message)} ({self.prog} --help)\n")

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # Python 3.11's argparse drops a "--" given as an option's own value (`--limit=--`) and hands
        # the command an empty list, unchecked; here it is that option's value, and checked like any.
        if action.nargs is None and action.option_strings and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)


def lang_in(argv: Sequence[str]) -> str:
    """The --lang of a command line, read before argparse so that refused arguments are explained in it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "fr" if argv[i + 1] == "fr" else "en"
        if arg.startswith("--lang="):
            return "fr" if arg == "--lang=fr" else "en"
    return "en"


def checked(check: Check, lang: str) -> Check:
    """An argparse `type=` from a `validate` function: its refusal, in the user's language, becomes
    argparse's one-line error instead of a traceback."""

    def convert(raw: str) -> Any:
        try:
            return check(raw)
        except UserFacingError as exc:
            raise argparse.ArgumentTypeError(message(exc, lang)) from None

    convert.__name__ = getattr(check, "__name__", "value")  # argparse names the type in some messages
    return convert


class _Commands:
    """Adds subcommands with the options they share, in the language refusals are explained in."""

    def __init__(self, parser: argparse.ArgumentParser, lang: str) -> None:
        self.lang = lang
        self._add_parser = parser.add_subparsers(dest="command").add_parser

    def v(self, check: Check) -> Check:
        return checked(check, self.lang)

    def add(
        self, name: str, handler: Callable[..., Any], help_text: str, *, answer: bool = True
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = self._add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument(
            "--db",
            type=Path,
            default=None,
            help="database file (default: PETITIONBOT_DB or var/petitions.sqlite3)",
        )
        if answer:
            p.add_argument("--lang", choices=("en", "fr"), default="en", help="answer language")
            p.add_argument("--json", action="store_true", help="machine-readable output")
            p.add_argument(
                "--today",
                type=self.v(lambda raw: validate.day(raw, "today")),
                default=None,
                help="pretend today is YYYY-MM-DD (deadlines)",
            )
        return p


def build(lang: str = "en") -> argparse.ArgumentParser:
    """The whole grammar; `lang` is the language argparse's refusals are explained in."""
    parser = _Parser(prog="petitionbot", description=DESCRIPTION)
    parser.add_argument(
        "--log-level",
        type=checked(validate.log_level, lang),
        default=None,
        help="DEBUG, INFO, WARNING or ERROR",
    )
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=None,
        help="log lines as text or JSON (default: LOG_FORMAT)",
    )
    commands = _Commands(parser, lang)
    for add_group in (_lookups, _search, _lists, _store_work, _bot_work, _ask):
        add_group(commands)
    return parser


def _lookups(c: _Commands) -> None:
    c.add("demo", cmd_demo, "a short tour of the answers on the bundled demo data")
    p = c.add("petition", cmd_petition, "one petition by number (fetched from the site when not stored)")
    p.add_argument("number", type=c.v(validate.petition_number))
    p.add_argument("--offline", action="store_true", help="answer from the store only; never ask the site")
    p.add_argument("--related", action="store_true", help="also list the 15 petitions nearest in meaning")
    p = c.add("country", cmd_country, "petitions about a country (either language, ISO code, typos allowed)")
    p.add_argument("country", type=c.v(validate.country))
    p.add_argument("--limit", type=c.v(validate.limit), default=10)
    p = c.add("response", cmd_response, "the government response and its summary")
    p.add_argument("number", type=c.v(validate.petition_number))
    p.add_argument("--full", action="store_true", help="print the whole response too")


def _search(c: _Commands) -> None:
    v = c.v
    p = c.add("search", cmd_search, "full-text search in both languages")
    p.add_argument("query", nargs="*", default=[])
    p.add_argument(
        "--status", type=v(validate.status_id), action="append", help="status id (repeatable), e.g. 223"
    )
    p.add_argument(
        "--status-group",
        dest="status_group",
        type=v(validate.status_group),
        action="append",
        help=f"statuses as /search names them (repeatable): {', '.join(GROUPS)}",
    )
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


def _lists(c: _Commands) -> None:
    v = c.v
    p = c.add("sponsor", cmd_sponsor, "petitions presented or sponsored by an MP (fuzzy name)")
    p.add_argument("mp", type=v(validate.sponsor))
    p.add_argument("--limit", type=v(validate.limit), default=10)
    c.add("overdue", cmd_overdue, "presented petitions past their 45-day response deadline")
    p = c.add(
        "stats",
        cmd_stats,
        "petitions per year and by province, or government response times; --png draws the chart",
    )
    p.add_argument(
        "view",
        nargs="?",
        type=v(validate.stats_view),
        default="petitions",
        help="petitions (default) or responses",
    )
    p.add_argument("--country", type=v(validate.country), default=None, help="name or ISO code")
    p.add_argument(
        "--subject", type=v(validate.subject), default=None, help="a stored subject, in English or French"
    )
    p.add_argument("--sponsor", type=v(validate.sponsor), default=None, help="MP name (typos allowed)")
    p.add_argument("--png", type=Path, default=None, metavar="FILE", help="also write the chart as a PNG")


def _store_work(c: _Commands) -> None:
    v = c.v
    p = c.add(
        "ingest", cmd_ingest, "store details pages, listing JSON, XML exports or snapshots", answer=False
    )
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--max-size",
        dest="max_size",
        type=max_size,
        default=DEFAULT_MAX_SIZE,
        help=f"refuse a file larger than this, e.g. 100MB or 2GB (default {format_size(DEFAULT_MAX_SIZE)}); "
        f"a page is refused past {format_size(MAX_PAGE)}, a record past {format_size(MAX_RECORD)}",
    )
    p = c.add("export", cmd_export, "write every record as a JSONL snapshot", answer=False)
    p.add_argument("out", nargs="?", default="-")
    p = c.add("status", cmd_status, "what the store holds and whether it is sound", answer=False)
    p.add_argument("--json", action="store_true")
    p = c.add(
        "backfill", cmd_backfill, "fetch the whole petition history from the site (resumable)", answer=False
    )
    p.add_argument(
        "--phase", choices=("1", "2", "all"), default="all", help="1: listing rows, 2: details pages"
    )
    p.add_argument(
        "--parliament",
        type=v(validate.parliament),
        action="append",
        help="only this Parliament (repeatable), e.g. 44",
    )
    p.add_argument(
        "--max-requests",
        dest="max_requests",
        type=v(validate.max_requests),
        default=None,
        help="stop after this many",
    )
    p.add_argument(
        "--for",
        dest="duration",
        type=v(validate.duration),
        default=None,
        help="stop after this long, e.g. 2h, 90m, 1h30m",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p = c.add(
        "refresh", cmd_refresh, "fetch new and changed petitions from the site (politely)", answer=False
    )
    p.add_argument("--quiet", action="store_true")
    p = c.add("embed", cmd_embed, "compute the vectors search by meaning needs (resumable)", answer=False)
    p.add_argument(
        "--limit",
        type=v(lambda raw: validate.integer(raw, "limit", validate.MAX_REQUESTS)),
        default=None,
        help="at most this many petitions",
    )
    p.add_argument("--quiet", action="store_true", help="no progress line")


def _bot_work(c: _Commands) -> None:
    c.add("run", cmd_run, "start the Discord bot", answer=False)
    p = c.add("sync", cmd_sync, "publish the slash commands if they changed (REST only)", answer=False)
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--guild",
        type=c.v(lambda raw: validate.snowflake(raw, "guild")),
        default=None,
        help="to this guild (default: DEV_GUILD_ID)",
    )
    scope.add_argument("--global", dest="global_scope", action="store_true", help="to every server")
    p.add_argument("--force", action="store_true", help="publish even if unchanged since last time")
    p = c.add(
        "doctor",
        cmd_doctor,
        "check settings, token, Discord, permissions, database, disk and the site",
        answer=False,
    )
    p.add_argument("--offline", action="store_true", help="no network: skip Discord and the petitions site")
    p = c.add(
        "backup", cmd_backup, "a consistent copy of the database, safe while the bot runs", answer=False
    )
    p.add_argument("file", help="where to write the copy (written to FILE.tmp, then renamed)")


def _ask(c: _Commands) -> None:
    p = c.add(
        "ask",
        cmd_ask,
        "a question in plain English or French, answered saying how it was understood",
        answer=False,
    )
    p.add_argument("question", nargs="+", help='e.g. "has the government answered the Kazakhstan petition?"')
    p.add_argument(
        "--lang", choices=("en", "fr"), default=None, help="answer language (default: the question's)"
    )
    p.add_argument("--json", action="store_true", help="the reading's fields, understood and results as JSON")
    p.add_argument(
        "--today",
        type=c.v(lambda raw: validate.day(raw, "today")),
        default=None,
        help="pretend today is YYYY-MM-DD",
    )
    p.add_argument("--limit", type=c.v(validate.limit), default=10)
    p.add_argument(
        "--keywords-only",
        dest="keywords_only",
        action="store_true",
        help="rank words without search by meaning",
    )
