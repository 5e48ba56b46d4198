"""`petitionbot doctor`: is this installation ready to run for real, and if not, what to fix.

Each check is one line: ✓ when it passes, ✗ with what to do when it does not, – when it was
skipped (`--offline`, or a check that needs an earlier one to pass). Nothing is written: the
database is opened read-only (`petitions.health`), the token is never printed, and the online
checks ask little: Discord's login (GET /users/@me, then the application), the bot's server
list, and for each server with follows the server, the bot's member and the channels; one GET
of the petitions site's search page, without retries, through the same polite client as the
refresh.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
import shutil
import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot import failures
from bot.petitions.health import Inspection, inspect_database
from bot.petitions.text import collapse, visible

if TYPE_CHECKING:
    import discord

    from bot.settings import Settings

Status = Literal["ok", "fail", "skip"]
MARKS: dict[Status, str] = {"ok": "✓", "fail": "✗", "skip": "–"}

MIN_FREE_BYTES = 500_000_000
"""Below this much free space where the database lives, the doctor says so (the whole history takes
about 150 MB, and SQLite needs room for the WAL and for re-deriving records)."""

REQUIRED_PERMISSIONS: tuple[tuple[str, str], ...] = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
    ("attach_files", "Attach Files"),
)
"""What the bot needs in a channel that follows petitions (alerts are embeds; /stats sends a PNG)."""

INVITE_PERMISSIONS = 117760
"""View Channels, Send Messages, Embed Links, Attach Files, Read Message History (see README, Deploying)."""
INVITE_URL = "https://discord.com/oauth2/authorize?client_id={app_id}&scope=bot+applications.commands&permissions={perms}"

_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_THREAD_TYPES = {10, 11, 12}


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{MARKS[self.status]} {self.name}: {self.detail}"
        return f"{text} → {self.fix}" if self.fix else text


@dataclass(slots=True)
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.status != "fail" for check in self.checks)

    def add(self, check: Check) -> Check:
        self.checks.append(check)
        return check

    def lines(self) -> list[str]:
        return [check.line() for check in self.checks]


def ok(name: str, detail: str) -> Check:
    return Check(name, "ok", detail)


def fail(name: str, detail: str, fix: str = "") -> Check:
    return Check(name, "fail", detail, fix)


def skip(name: str, why: str) -> Check:
    return Check(name, "skip", f"skipped ({why})")


async def run_doctor(
    settings: Settings | None,
    *,
    settings_problem: str | None = None,
    db_path: Path | None = None,
    offline: bool = False,
    min_free: int | None = None,
    env_file: Path | None = None,
) -> Report:
    """Every check, in the order a newcomer would fix them."""
    report = Report()
    if settings is None:
        report.add(
            fail("settings", f"could not be read ({settings_problem})", "fix them in .env (see .env.example)")
        )
        for name in ("token", "Discord", "servers", "database", "disk", "petitions site"):
            report.add(skip(name, "fix the settings first"))
        return report
    env_file = env_file if env_file is not None else env_file_read()
    where = (
        f"the environment and {env_file}" if env_file else f"the environment only (no .env in {Path.cwd()})"
    )
    report.add(ok("settings", f"read from {where}"))

    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    shape = report.add(
        check_token_shape(settings.discord_token.get_secret_value() if settings.discord_token else "")
    )

    db_path = Path(db_path or settings.db_path)
    inspection, db_checks = await check_database(db_path)

    if offline:
        report.add(skip("Discord", "--offline"))
        report.add(skip("servers", "--offline"))
    elif shape.status != "ok":
        report.add(skip("Discord", "fix the token first"))
        report.add(skip("servers", "fix the token first"))
    else:
        for check in await check_discord(settings, token, inspection.follows if inspection else {}):
            report.add(check)

    for check in db_checks:
        report.add(check)
    report.add(check_disk(db_path, MIN_FREE_BYTES if min_free is None else min_free))

    if offline:
        report.add(skip("petitions site", "--offline"))
    elif settings.refresh_minutes == 0:
        report.add(skip("petitions site", "REFRESH_MINUTES=0: the bot never asks the site"))
    else:
        report.add(await check_site(settings))
    return report


def env_file_read() -> Path | None:
    """The .env file the settings were read from, if there is one (pydantic-settings reads it from the working directory)."""
    from bot.settings import Settings

    configured = Settings.model_config.get("env_file") or ".env"
    candidates = configured if isinstance(configured, list | tuple) else [configured]
    for candidate in candidates:
        path = Path(str(candidate))
        if path.is_file():
            return path.resolve()
    return None


# --- the token ---------------------------------------------------------------------------------------


def check_token_shape(raw: str) -> Check:
    """Three dot-separated base64url parts, the first the bot's user id: never shows the token itself."""
    name = "token"
    fix = "copy the token from the Discord developer portal (your application > Bot > Reset Token) into .env"
    token = raw.strip()
    if not token:
        return fail(name, "DISCORD_TOKEN is not set (`run` and `sync` need it)", fix)
    if token.lower().startswith("bot "):
        return fail(name, "DISCORD_TOKEN starts with 'Bot '", "leave that prefix out: only the token itself")
    if token[0] in "'\"" or token[-1] in "'\"":
        return fail(name, "DISCORD_TOKEN is in quotes", "remove the quotes around it in .env")
    parts = token.split(".")
    if len(parts) != 3 or not all(_BASE64URL.fullmatch(part) for part in parts):
        return fail(name, f"DISCORD_TOKEN is not shaped like a bot token{_looks_like(token)}", fix)
    user_id = _user_id(parts[0])
    if user_id is None:
        return fail(name, "DISCORD_TOKEN's first part does not name a bot user", fix)
    return ok(
        name, f"shaped like a bot token (three parts; bot user id {user_id}); the token itself is not shown"
    )


def _looks_like(token: str) -> str:
    if re.fullmatch(r"[0-9a-fA-F]{64}", token):
        return " (it looks like the application's public key)"
    if token.isdigit():
        return " (it looks like the application id)"
    if re.fullmatch(r"[A-Za-z0-9_-]{32}", token):
        return " (it looks like the OAuth2 client secret)"
    return " (three base64url parts separated by dots)"


def _user_id(part: str) -> int | None:
    try:
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() and len(decoded) < 25 else None


# --- Discord -------------------------------------------------------------------------------------------


async def check_discord(settings: Settings, token: str, follows: Mapping[int, Iterable[int]]) -> list[Check]:
    """Log in over REST (no gateway), then look at the permissions in every server that has follows."""
    import discord
    from discord.http import Route

    from bot.discord_bot import apply_endpoints

    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    apply_endpoints(settings)
    client = discord.Client(intents=discord.Intents.none())
    try:
        try:
            await client.login(token)
        except Exception as exc:
            return [
                _unreachable("Discord", exc, settings),
                skip("servers", "Discord did not accept the login"),
            ]
        assert client.user is not None
        login = ok(
            "Discord",
            f"the token is accepted: logged in as {_plain(str(client.user))} (id {client.user.id}) at {Route.BASE}",
        )
        try:
            servers = await check_servers(client, follows)
        except Exception as exc:
            servers = [_unreachable("servers", exc, settings)]
        return [login, *servers]
    finally:
        await client.close()


def _unreachable(name: str, exc: BaseException, settings: Settings) -> Check:
    found = failures.explain(exc, failures.Where.of(settings))
    if found is not None:
        return fail(name, found.line("en"))
    return fail(
        name, f"{type(exc).__name__}: {_plain(str(exc))[:200]}", "run it again with --log-level DEBUG"
    )


async def check_servers(client: discord.Client, follows: Mapping[int, Iterable[int]]) -> list[Check]:
    """One line for the servers, then one per server with follows: are the permissions there?"""
    guilds = [guild async for guild in client.fetch_guilds(limit=None, with_counts=False)]
    invite = INVITE_URL.format(
        app_id=client.application_id or (client.user.id if client.user else ""), perms=INVITE_PERMISSIONS
    )
    if not guilds:
        return [fail("servers", "the bot is in no server yet", f"invite it: {invite}")]
    joined = {guild.id for guild in guilds}
    followed = {guild_id: set(channels) for guild_id, channels in follows.items() if channels}
    detail = f"in {len(guilds)} server{'s' if len(guilds) != 1 else ''}, {sum(1 for g in followed if g in joined)} with follows"
    left = [guild_id for guild_id in followed if guild_id not in joined]
    if left:
        detail += f"; follows remain for {len(left)} server(s) the bot left (they stop at their next alert)"
    checks = [ok("servers", detail)]
    for guild in guilds:
        if guild.id in followed:
            checks.append(await _guild_permissions(client, guild.id, followed[guild.id]))
    return checks


async def _guild_permissions(client: discord.Client, guild_id: int, channel_ids: set[int]) -> Check:
    import discord

    guild = await client.fetch_guild(guild_id, with_counts=False)
    name = f"permissions in {_plain(guild.name)} ({guild.id})"
    assert client.user is not None
    me = await guild.fetch_member(client.user.id)
    channels: dict[int, Any] = {channel.id: channel for channel in await guild.fetch_channels()}
    problems: list[str] = []
    for channel_id in sorted(channel_ids):
        channel = channels.get(channel_id)
        needed = list(REQUIRED_PERMISSIONS)
        label = f"#{_plain(channel.name)}" if channel is not None else f"channel {channel_id}"
        if channel is None:
            # A thread is not among the server's channels: its parent's permissions apply, with
            # "Send Messages in Threads" instead of "Send Messages".
            try:
                data = await client.http.get_channel(channel_id)
            except discord.HTTPException:
                problems.append(f"{label} is gone or hidden from the bot")
                continue
            parent = channels.get(int(data.get("parent_id") or 0))
            if int(data.get("type", 0)) not in _THREAD_TYPES or parent is None:
                problems.append(f"{label} is not a text channel of this server")
                continue
            label, channel = f"thread {_plain(str(data.get('name', channel_id)))}", parent
            needed = [
                (
                    ("send_messages_in_threads", "Send Messages in Threads")
                    if attr == "send_messages"
                    else (attr, text)
                )
                for attr, text in needed
            ]
        permissions = channel.permissions_for(me)
        missing = [text for attr, text in needed if not getattr(permissions, attr)]
        if missing:
            problems.append(f"{label} lacks {', '.join(missing)}")
    if problems:
        return fail(
            name,
            "; ".join(problems),
            "give the bot's role these permissions in those channels (channel settings > Permissions), "
            "or /unfollow there",
        )
    count = len(channel_ids)
    wanted = ", ".join(text for _, text in REQUIRED_PERMISSIONS)
    return ok(name, f"{count} followed channel{'s' if count != 1 else ''}, each with {wanted}")


# --- the database and the disk ---------------------------------------------------------------------------


async def check_database(path: Path) -> tuple[Inspection | None, list[Check]]:
    """The schema (migrations) and the integrity of the file, read-only (in a thread: it reads the whole file)."""
    return await asyncio.to_thread(_database_checks, path)


def _database_checks(path: Path) -> tuple[Inspection | None, list[Check]]:
    if not path.exists():
        parent = _existing_ancestor(path.parent)
        if not _writable(parent):
            return None, [
                fail(
                    "database",
                    f"{path} does not exist and {parent} is not writable",
                    "create the folder, or give the bot's user write access to it",
                )
            ]
        return None, [
            ok("database", f"{path} does not exist yet: `petitionbot run` or `backfill` creates it")
        ]
    try:
        found = inspect_database(path)
    except (sqlite3.Error, OSError) as exc:
        explained = failures.explain(exc, failures.Where(db_path=path))
        text = explained.line("en") if explained else f"{path}: {_plain(str(exc))}"
        return None, [fail("database", text)]
    checks: list[Check] = []
    if found.newer_than_code:
        checks.append(
            fail(
                "schema",
                f"version {found.schema_version}, newer than this petitionbot knows ({found.latest_version})",
                "upgrade petitionbot, or restore a backup made by this version",
            )
        )
    elif found.pending_migrations:
        steps = found.pending_migrations
        pending = (
            f"migration {steps.start} runs"
            if len(steps) == 1
            else f"migrations {steps.start}–{steps[-1]} run"
        )
        checks.append(
            ok(
                "schema",
                f"version {found.schema_version} of {found.latest_version}: {pending} at the next start",
            )
        )
    else:
        checks.append(ok("schema", f"version {found.schema_version}, up to date"))
    if found.integrity == "ok":
        checks.append(ok("database", f"{path}: integrity ok, {found.petitions:,} petitions"))
    else:
        checks.append(
            fail(
                "database",
                f"{path}: integrity check failed ({_plain(found.integrity)[:200]})",
                "restore the last backup (`petitionbot backup` makes them), or start afresh with `petitionbot backfill`",
            )
        )
    return found, checks


def check_disk(path: Path, min_free: int = MIN_FREE_BYTES) -> Check:
    where = _existing_ancestor(path.parent)
    try:
        free = shutil.disk_usage(where).free
    except OSError as exc:
        return fail("disk", f"cannot read the free space of {where}: {exc.strerror}")
    if free < min_free:
        return fail(
            "disk",
            f"only {_size(free)} free on the disk holding {where}",
            f"free some space (at least {_size(min_free)}) or move PETITIONBOT_DB to a bigger disk: a full disk stops every write",
        )
    return ok("disk", f"{_size(free)} free on the disk holding {where}")


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK | os.X_OK)


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


# --- the petitions site -------------------------------------------------------------------------------------


async def check_site(settings: Settings) -> Check:
    """One GET of the search page, no retry: the site is there and serves its pages, not a challenge."""
    import aiohttp

    from bot.petitions.fetch import ChallengeError, FetchError, PoliteClient, looks_like_captcha

    config = settings.site()
    url = f"{config.base_en.rstrip('/')}/Petition/Search"
    name = "petitions site"
    started = time.monotonic()
    async with aiohttp.ClientSession() as session:
        client = PoliteClient(session, user_agent=config.user_agent, interval=0, retries=0, timeout=20)
        try:
            page = await client.get(url)
        except ChallengeError:
            return fail(
                name,
                f"{url} answers with a challenge page (HTTP 403)",
                "wait: the bot stops asking while the site does this; keep REQUEST_INTERVAL at 1 s or more",
            )
        except FetchError as exc:
            if exc.status is not None and exc.status >= 500:
                return fail(
                    name,
                    f"{url}: {exc.reason}",
                    "the site is down or busy: the bot keeps what it has and tries again at the next refresh",
                )
            return fail(
                name, f"{url}: {exc.reason}", "check this machine's network connection and PETITIONS_BASE_EN"
            )
    seconds = time.monotonic() - started
    text = page.text()
    if "SearchForm" not in text:
        if looks_like_captcha(text):
            return fail(
                name,
                f"{url} answers with a challenge page",
                "wait: the bot stops asking while the site does this",
            )
        return fail(
            name,
            f"{url} answered HTTP {page.status}, but not with the petitions search page",
            "check PETITIONS_BASE_EN (and any proxy in between)",
        )
    return ok(name, f"{url} answered HTTP {page.status} in {seconds:.2f} s")


def _plain(text: str) -> str:
    """Names from Discord and errors from afar, shown on a terminal: no controls, no bidi overrides."""
    return collapse(visible(text))
