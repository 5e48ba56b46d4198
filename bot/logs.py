"""The one logging setup of every entry point: text or JSON lines on stderr, and no secret in them.

Why a context manager and not `logging.basicConfig`: `main()` also runs inside the test process
(and twice in one process), where a handler left behind would write to a stream that is gone and
stack up on the next call. The handler is ours, found and removed by identity.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Literal

LogFormat = Literal["text", "json"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
QUIET_AT_DEBUG = {"aiosqlite": logging.INFO}
"""Loggers that would drown everything else at DEBUG (aiosqlite logs every statement twice)."""


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and exc_info when present."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            data["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exc_info"] = record.exc_text
        if record.stack_info:
            data["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False)


class RedactingFormatter(logging.Formatter):
    """Another formatter's output with every secret replaced, tracebacks included.

    Nothing of ours logs the token; this is the net under libraries and under mistakes to come.
    """

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self.secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def formatter(fmt: LogFormat, secrets: Iterable[str] = ()) -> logging.Formatter:
    inner = JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT)
    return RedactingFormatter(inner, secrets)


@contextlib.contextmanager
def configured(
    level: int, fmt: LogFormat = "text", *, secrets: Iterable[str] = (), stream: IO[str] | None = None
) -> Iterator[logging.Handler]:
    """Root logging at `level` to stderr (or `stream`) for the duration of one command."""
    root = logging.getLogger()
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(formatter(fmt, secrets))
    saved_root = root.level
    saved_quiet = {name: logging.getLogger(name).level for name in QUIET_AT_DEBUG}
    root.addHandler(handler)
    root.setLevel(level)
    for name, floor in QUIET_AT_DEBUG.items():
        logging.getLogger(name).setLevel(max(level, floor))
    try:
        yield handler
    finally:
        handler.flush()
        root.removeHandler(handler)
        root.setLevel(saved_root)
        for name, saved in saved_quiet.items():
            logging.getLogger(name).setLevel(saved)
