"""What went wrong when running it for real, as one line saying what to do.

`main()` catches what a command raised and asks `explain` for the failure it is: a token
Discord refused, no network, Discord or the petitions site down, a full disk, a locked or
damaged database, settings that do not parse. Each is a sentence of `bot.i18n` (English, or
French for a French `LANG`) and an exit status; anything not in the table is a bug and keeps
its traceback. The table looks at the exception and at what caused it, so an error wrapped on
its way up (a `LoginFailure` raised from a 401) is still recognised.

discord and aiohttp are only consulted when the command imported them: an exception of a module
that was never imported cannot have been raised.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.i18n import t
from bot.petitions.errors import Term

if TYPE_CHECKING:
    from pydantic import ValidationError

    from bot.settings import Settings

EXIT_FAILED = 1
EXIT_CONFIG = 2


@dataclass(frozen=True, slots=True)
class Failure:
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    code: int = EXIT_FAILED

    def line(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.params)


@dataclass(frozen=True, slots=True)
class Where:
    """What the command was talking to, to name it in the line."""

    db_path: Path | None = None
    discord: tuple[tuple[str, int | None], ...] = ()
    site: tuple[tuple[str, int | None], ...] = ()

    @classmethod
    def of(cls, settings: Settings | None, db: Path | str | None = None) -> Where:
        if settings is None:
            return cls(Path(db) if db else None)
        return cls(
            db_path=Path(db or settings.db_path),
            discord=tuple(_host_port(u) for u in (settings.discord_api_base, settings.discord_gateway_url)),
            site=tuple(_host_port(u) for u in (settings.source_base_en, settings.source_base_fr)),
        )

    def service(self, host: str | None, port: int | None) -> tuple[Term, str | None]:
        """The service a host belongs to (a word translated with the line) and the setting that names it."""
        for known, name, setting in (
            (self.discord, "discord", "DISCORD_API_BASE"),
            (self.site, "site", "PETITIONS_BASE_EN"),
        ):
            if any(h == host and (p is None or port is None or p == port) for h, p in known):
                return Term(f"service.{name}"), setting
        return Term("service.network"), None


def user_lang(argv: list[str], environ: Mapping[str, str] | None = None) -> str:
    """--lang when the command line gives it, else the locale (LC_ALL, LC_MESSAGES, LANG): French for fr*."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "fr" if argv[i + 1] == "fr" else "en"
        if arg.startswith("--lang="):
            return "fr" if arg == "--lang=fr" else "en"
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def explain(exc: BaseException, where: Where | None = None) -> Failure | None:
    """The failure `exc` (or what caused it) is, or None for anything that is not an operational failure."""
    where = where or Where()
    for cause in _chain(exc):
        found = _explain_one(cause, where)
        if found is not None:
            return found
    return None


def is_database_trouble(exc: BaseException) -> bool:
    """A locked, damaged, read-only or full database: the user must act on the file itself."""
    found = explain(exc)
    return found is not None and found.key.startswith(("failure.db_", "failure.disk_full"))


def settings_failure(exc: ValidationError) -> Failure:
    """Which settings are wrong and why, without their values (one of them may be the token)."""
    problems: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = error.get("loc") or ("?",)
        problems.setdefault(str(loc[0]), []).append(str(error.get("msg", "invalid")))
    text = "; ".join(f"{name}: {' or '.join(dict.fromkeys(msgs))}" for name, msgs in problems.items())
    return Failure("failure.settings", {"problems": text}, code=EXIT_CONFIG)


# --- the table ----------------------------------------------------------------------------------


def _explain_one(exc: BaseException, where: Where) -> Failure | None:
    return (
        _settings(exc)
        or _discord(exc)
        or _site(exc)
        or _network(exc, where)
        or _database(exc, where)
        or _filesystem(exc, where)
    )


def _settings(exc: BaseException) -> Failure | None:
    pydantic = sys.modules.get("pydantic")
    err: Any = exc  # the module is looked up at run time, not imported: its classes are untyped
    if pydantic is not None and isinstance(exc, pydantic.ValidationError):
        return settings_failure(err)
    return None


def _discord(exc: BaseException) -> Failure | None:
    discord = sys.modules.get("discord")
    if discord is None:
        return None
    err: Any = exc  # the module is looked up at run time, not imported: its classes are untyped
    if isinstance(exc, discord.LoginFailure):
        return Failure("failure.token_refused")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return Failure("failure.intents")
    if isinstance(exc, discord.HTTPException) and err.status >= 500:
        return Failure("failure.discord_down", {"status": err.status})
    if isinstance(exc, discord.GatewayNotFound):
        return Failure("failure.discord_down", {"status": "gateway"})
    if isinstance(exc, discord.ConnectionClosed):
        return Failure("failure.discord_closed", {"code": err.code})
    return None


def _site(exc: BaseException) -> Failure | None:
    fetch = sys.modules.get("bot.petitions.fetch")
    err: Any = exc  # the module is looked up at run time, not imported: its classes are untyped
    if (
        fetch is not None
        and isinstance(exc, fetch.FetchError)
        and err.status is not None
        and (err.status >= 500 or err.status == 429)
    ):
        return Failure("failure.site_down", {"reason": err.reason})
    return None


def _network(exc: BaseException, where: Where) -> Failure | None:
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is None:
        return None
    err: Any = exc  # the module is looked up at run time, not imported: its classes are untyped
    if isinstance(exc, aiohttp.ClientConnectorError):
        service, setting = where.service(err.host, err.port)
        if setting is None:  # a host of no setting of ours (a redirect, a proxy)
            return Failure("failure.unreachable_host", {"host": err.host})
        dns = getattr(aiohttp, "ClientConnectorDNSError", None)
        resolving = (dns is not None and isinstance(exc, dns)) or isinstance(err.os_error, _gaierror())
        key = "failure.unresolved" if resolving else "failure.unreachable"
        return Failure(key, {"service": service, "host": err.host, "setting": setting})
    if isinstance(exc, aiohttp.ClientResponseError) and err.status >= 500:
        url = urlsplit(str(err.request_info.real_url))
        service, _ = where.service(url.hostname, url.port)
        if service.key == "service.discord":
            return Failure("failure.discord_down", {"status": err.status})
        return Failure("failure.site_down", {"reason": f"HTTP {err.status}"})
    if isinstance(exc, aiohttp.ServerTimeoutError | TimeoutError):
        return Failure("failure.timeout")
    if isinstance(exc, aiohttp.ClientConnectionError):
        return Failure("failure.connection_lost", {"reason": _short(exc)})
    return None


def _database(exc: BaseException, where: Where) -> Failure | None:
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    path = str(where.db_path) if where.db_path else "?"
    if "database or disk is full" in text or ("disk i/o error" in text and _disk_full(where.db_path)):
        return Failure("failure.disk_full", {"path": path})
    if "database is locked" in text or "database table is locked" in text:
        return Failure("failure.db_locked", {"path": path})
    if "file is not a database" in text or "malformed" in text or "file is encrypted" in text:
        return Failure("failure.db_damaged", {"path": path})
    if "readonly database" in text or "read-only" in text:
        return Failure("failure.db_readonly", {"path": path})
    return None


def _filesystem(exc: BaseException, where: Where) -> Failure | None:
    if not isinstance(exc, OSError) or isinstance(exc, TimeoutError):
        return None
    path = str(exc.filename or where.db_path or "?")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Failure("failure.disk_full", {"path": path})
    if exc.errno == errno.EROFS:
        return Failure("failure.db_readonly", {"path": path})
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Failure("failure.permission", {"path": path})
    return None


# --- helpers ---------------------------------------------------------------------------------------


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 10:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)


def _host_port(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    default = {"https": 443, "wss": 443, "http": 80, "ws": 80}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = default
    return (parts.hostname or "", port)


def _gaierror() -> type[BaseException]:
    import socket

    return socket.gaierror


def _disk_full(path: Path | None) -> bool:
    """SQLite reports some failed writes as an I/O error: a disk with nothing left is the usual cause."""
    import shutil

    probe = path.parent if path else Path.cwd()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free < 1_000_000
    except OSError:
        return False


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
