"""From a command line to an exit status: settings, logging, and one line for whatever went wrong."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from pydantic import ValidationError

from bot import failures, logs
from bot.cli._output import fail, plain
from bot.cli._parser import build, lang_in
from bot.petitions.errors import UserFacingError
from bot.settings import Settings, load_settings

#: The command line's one logger, named for the package: what an operator filters the logs by.
log = logging.getLogger("bot.cli")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build(lang_in(argv))
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
        return fail(exc, getattr(args, "lang", "en"))
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
    line = plain(failure.line(lang))
    if log_format == "json":
        record = logging.makeLogRecord(
            {"name": "petitionbot", "levelname": "ERROR", "levelno": logging.ERROR, "msg": line}
        )
        line = logs.JsonFormatter().format(record)
    print(line, file=sys.stderr)
    return failure.code
