"""Running it for real goes wrong in a few known ways; each is one line saying what to do, never a traceback.

`petitionbot` runs as a real process against the fake Discord (or a closed loopback port), on real
database files: a refused token, no network, Discord answering 503, a locked database and a damaged one.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from bot import failures
from bot.petitions.store import Store
from tests.fakes.discord import FakeDiscord, fake_discord_server
from tests.ops_helpers import CLOSED_PORT, bot_token, cli_env, petitionbot


@pytest.fixture
async def fake() -> FakeDiscord:
    async with fake_discord_server(token=bot_token(1_200_000_000_000_000_001, "Accepted")) as server:
        yield server


def discord_env(tmp_path: Path, fake: FakeDiscord, **settings: object) -> dict[str, str]:
    values: dict[str, object] = {
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "LOG_LEVEL": "WARNING",
    }
    return cli_env(tmp_path, **{**values, **settings})


def one_clean_line(ran, *wanted: str) -> str:
    assert ran.returncode != 0, ran
    assert "Traceback" not in ran.stderr, ran.stderr
    assert len(ran.err_lines) == 1, ran.stderr
    line = ran.err_lines[0]
    for text in wanted:
        assert text in line, line
    return line


async def test_a_refused_token_is_one_line_for_run_and_sync(tmp_path: Path, fake: FakeDiscord) -> None:
    wrong = bot_token(1_200_000_000_000_000_001, "Refused")
    env = discord_env(tmp_path, fake, DISCORD_TOKEN=wrong)
    for command in ("run", "sync"):
        ran = await petitionbot(command, env=env, cwd=tmp_path)
        one_clean_line(ran, "Discord refused DISCORD_TOKEN", "Reset Token", ".env")
        assert ran.returncode == 1 and wrong not in ran.stderr + ran.stdout
    assert fake.gateway_paths == [], "nothing connects with a refused token"
    french = await petitionbot("run", env={**env, "LANG": "fr_CA.UTF-8"}, cwd=tmp_path)
    one_clean_line(french, "Discord a refusé DISCORD_TOKEN")


async def test_no_network_is_one_line_naming_discord(tmp_path: Path) -> None:
    env = cli_env(
        tmp_path,
        DISCORD_TOKEN=bot_token(1_200_000_000_000_000_001),
        DISCORD_API_BASE=f"{CLOSED_PORT}/api/v10",
        DISCORD_GATEWAY_URL="ws://127.0.0.1:9/gw",
        LOG_LEVEL="WARNING",
    )
    for command in ("run", "sync"):
        ran = await petitionbot(command, env=env, cwd=tmp_path)
        one_clean_line(ran, "Cannot reach Discord (127.0.0.1)", "DISCORD_API_BASE")
    french = await petitionbot("sync", env={**env, "LC_ALL": "fr_FR.UTF-8"}, cwd=tmp_path)
    one_clean_line(french, "Impossible de joindre Discord (127.0.0.1)")


async def test_discord_answering_503_is_one_line(tmp_path: Path, fake: FakeDiscord) -> None:
    fake.fail("GET /users/@me", 503)
    ran = await petitionbot("run", env=discord_env(tmp_path, fake), cwd=tmp_path)
    one_clean_line(ran, "Discord is having trouble (HTTP 503)", "discordstatus.com")


async def test_a_locked_database_is_one_line_and_a_backup_still_works(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    db = tmp_path / "petitions.sqlite3"
    store = await Store.open(db)
    await store.close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock (the store is in WAL mode)
    try:
        env = discord_env(tmp_path, fake)
        ran = await petitionbot(
            "sync", "--force", env=env, cwd=tmp_path
        )  # publishing records a hash: a write
        one_clean_line(ran, f"The database {db} is locked by another program", "try again")
        # Readers are not blocked in WAL mode: a backup taken meanwhile is whole.
        copy = await petitionbot("backup", str(tmp_path / "copy.sqlite3"), env=env, cwd=tmp_path)
        assert copy.returncode == 0, copy.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_a_locked_database_in_rollback_mode_fails_at_once(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        ran = await petitionbot("status", "--db", str(db), env=cli_env(tmp_path), cwd=tmp_path)
        one_clean_line(ran, "is locked by another program")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_a_damaged_database_is_one_line_for_every_command(tmp_path: Path, fake: FakeDiscord) -> None:
    db = tmp_path / "petitions.sqlite3"
    db.write_bytes(bytes(range(256)) * 64)  # garbage, not an SQLite file
    env = discord_env(tmp_path, fake)
    for argv in (["run"], ["sync"], ["backup", str(tmp_path / "b.sqlite3")], ["status"], ["refresh"]):
        ran = await petitionbot(*argv, env=env, cwd=tmp_path)
        one_clean_line(ran, f"The database {db} is damaged", "petitionbot backup")
        assert ran.returncode == 1
    assert not (tmp_path / "b.sqlite3").exists() and not (tmp_path / "b.sqlite3.tmp").exists()
    doctor = await petitionbot("doctor", "--offline", env=env, cwd=tmp_path)
    assert (
        doctor.returncode == 1
        and "✗ database: The database" in doctor.stdout
        and "Traceback" not in doctor.stderr
    )


async def test_debug_shows_the_traceback_too(tmp_path: Path) -> None:
    db = tmp_path / "petitions.sqlite3"
    db.write_bytes(b"not a database" * 100)
    ran = await petitionbot("--log-level", "DEBUG", "status", env=cli_env(tmp_path), cwd=tmp_path)
    assert ran.returncode == 1
    assert "Traceback" in ran.stderr and "sqlite3.DatabaseError: file is not a database" in ran.stderr
    assert ran.err_lines[-1].startswith(f"The database {db} is damaged")


async def test_invalid_settings_are_one_line_naming_the_setting_not_its_value(tmp_path: Path) -> None:
    ran = await petitionbot(
        "status",
        env=cli_env(tmp_path, REFRESH_MINUTES="soon", SHARD_COUNT="0", DISCORD_TOKEN="s3cr3t-t0k3n"),
        cwd=tmp_path,
    )
    line = one_clean_line(ran, "The settings are not valid", "REFRESH_MINUTES", "SHARD_COUNT", ".env.example")
    assert ran.returncode == 2 and "soon" not in line and "s3cr3t" not in ran.stderr


@pytest.mark.parametrize(
    "error, wanted",
    [
        (sqlite3.OperationalError("database or disk is full"), "The disk holding /data/p.sqlite3 is full"),
        (
            OSError(errno.ENOSPC, "No space left on device", "/data/p.sqlite3.tmp"),
            "/data/p.sqlite3.tmp is full",
        ),
        (sqlite3.OperationalError("database is locked"), "/data/p.sqlite3 is locked"),
        (sqlite3.DatabaseError("database disk image is malformed"), "/data/p.sqlite3 is damaged"),
        (sqlite3.DatabaseError("file is not a database"), "/data/p.sqlite3 is damaged"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "/data/p.sqlite3 cannot be written",
        ),
        (PermissionError(errno.EACCES, "Permission denied", "/data"), "Permission denied on /data"),
    ],
)
def test_the_table_knows_the_disk_and_database_failures(error: BaseException, wanted: str) -> None:
    found = failures.explain(error, failures.Where(db_path=Path("/data/p.sqlite3")))
    assert found is not None and wanted in found.line("en") and found.line("fr") != found.line("en")


def test_the_table_looks_through_wrapping_and_leaves_bugs_alone() -> None:
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("while refreshing") from inner
    except RuntimeError as outer:
        wrapped = outer
    assert failures.explain(wrapped) is not None
    assert failures.explain(KeyError("petition")) is None
    assert failures.explain(sqlite3.IntegrityError("UNIQUE constraint failed")) is None


def test_the_language_follows_lang_then_the_locale() -> None:
    assert failures.user_lang([], {"LANG": "fr_CA.UTF-8"}) == "fr"
    assert failures.user_lang([], {"LC_ALL": "en_CA.UTF-8", "LANG": "fr_CA.UTF-8"}) == "en"
    assert failures.user_lang(["--lang", "en"], {"LANG": "fr_CA.UTF-8"}) == "en"
    assert failures.user_lang([], {}) == "en"


def test_a_name_that_does_not_resolve_names_the_service_and_its_setting() -> None:
    import socket

    import aiohttp
    from aiohttp.client_reqrep import ConnectionKey

    from bot.settings import Settings

    where = failures.Where.of(Settings(_env_file=None))  # type: ignore[call-arg]
    key = ConnectionKey("discord.com", 443, True, True, None, None, None)
    dns = aiohttp.ClientConnectorDNSError(key, socket.gaierror(-2, "Name or service not known"))
    assert (
        failures.explain(dns, where)
        .line("en")
        .startswith("Cannot find Discord: the name discord.com does not resolve (no network or no DNS)")
    )
    site = ConnectionKey("www.ourcommons.ca", 443, True, True, None, None, None)
    refused = aiohttp.ClientConnectorError(site, ConnectionRefusedError(111, "Connection refused"))
    assert "le site des pétitions (www.ourcommons.ca)" in failures.explain(refused, where).line("fr")
