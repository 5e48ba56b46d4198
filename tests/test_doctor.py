"""`petitionbot doctor`: one line per check, ✓/✗/–, with what to fix; exit 0 only when nothing failed.

Offline on a fresh store; against the fake Discord with a good token, a refused one and a channel the bot
cannot post in; against the loopback replay of the petitions site, up and answering 503.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.doctor import INVITE_PERMISSIONS, check_token_shape
from bot.petitions import alerts
from bot.petitions.store import Store, latest_schema_version
from tests.fakes.discord import MEMBER_PERMISSIONS, FakeDiscord, fake_discord_server
from tests.ops_helpers import bot_token
from tests.replay import generate_corpus, replay_site

APP_ID = 1_200_000_000_000_000_001
GOOD = bot_token(APP_ID, "Accepted")


@pytest.fixture
async def fake() -> FakeDiscord:
    async with fake_discord_server(token=GOOD) as server:
        yield server


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No developer's .env or settings; the database in tmp_path; endpoints restored after the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    db = tmp_path / "petitions.sqlite3"
    for name in ("DEV_GUILD_ID", "OWNER_IDS", "LOG_FORMAT", "LANG", "LC_ALL", "SHARD_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "DISCORD_TOKEN": GOOD,
        "PETITIONBOT_DB": str(db),
        "REFRESH_MINUTES": "0",
        "PETITIONS_BASE_EN": "http://127.0.0.1:9/petitions/en",
        "PETITIONS_BASE_FR": "http://127.0.0.1:9/petitions/fr",
        "REQUEST_INTERVAL": "0",
    }.items():
        monkeypatch.setenv(name, value)
    return db


def point_at(monkeypatch: pytest.MonkeyPatch, fake: FakeDiscord) -> None:
    monkeypatch.setenv("DISCORD_API_BASE", fake.api_base)
    monkeypatch.setenv("DISCORD_GATEWAY_URL", fake.gateway_url)


async def doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """`petitionbot doctor …` in a thread (it runs its own event loop) while the fakes serve in this one."""
    from bot.cli import main

    code = await asyncio.wait_for(asyncio.to_thread(main, ["doctor", *argv]), 60)
    out, err = capsys.readouterr()
    assert GOOD not in out + err and "Traceback" not in err
    return code, out.splitlines()


def summary(lines: list[str]) -> list[tuple[str, str]]:
    """(mark, check name) of each line."""
    return [(line[0], line[2:].split(":", 1)[0]) for line in lines]


def line_of(lines: list[str], name: str) -> str:
    [found] = [line for line in lines if line[2:].startswith(name + ":")]
    return found


async def fresh_store(db: Path) -> None:
    store = await Store.open(db)
    await store.close()


async def test_offline_on_a_fresh_store_every_check_passes_or_is_skipped(env: Path, capsys) -> None:
    await fresh_store(env)
    code, lines = await doctor(capsys, "--offline")
    assert summary(lines) == [
        ("✓", "settings"),
        ("✓", "token"),
        ("–", "Discord"),
        ("–", "servers"),
        ("✓", "schema"),
        ("✓", "database"),
        ("✓", "disk"),
        ("–", "petitions site"),
    ]
    assert code == 0
    assert f"no .env in {env.parent}" in line_of(lines, "settings")
    assert f"bot user id {APP_ID}" in line_of(lines, "token")
    assert "up to date" in line_of(lines, "schema")
    assert "integrity ok, 0 petitions" in line_of(lines, "database")
    assert line_of(lines, "Discord").endswith("skipped (--offline)")


async def test_the_env_file_that_was_read_is_named(env: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN")
    (env.parent / ".env").write_text(f"DISCORD_TOKEN={GOOD}\n")
    code, lines = await doctor(capsys, "--offline")
    assert code == 0 and f"the environment and {env.parent / '.env'}" in line_of(lines, "settings")


async def test_no_token_a_missing_database_and_a_full_disk_say_what_to_do(
    env: Path, capsys, monkeypatch
) -> None:
    import bot.doctor

    monkeypatch.setenv("DISCORD_TOKEN", "")
    monkeypatch.setattr(bot.doctor, "MIN_FREE_BYTES", 10**18)
    code, lines = await doctor(capsys, "--offline")
    assert code == 1
    assert line_of(lines, "token").startswith("✗ token: DISCORD_TOKEN is not set")
    assert "Reset Token" in line_of(lines, "token")
    assert (
        line_of(lines, "database")
        == f"✓ database: {env} does not exist yet: `petitionbot run` or `backfill` creates it"
    )
    assert line_of(lines, "disk").startswith("✗ disk: only ") and "→ free some space" in line_of(
        lines, "disk"
    )
    assert not await asyncio.to_thread(env.exists), "the doctor creates nothing"


async def test_a_store_behind_the_code_is_fine_and_one_ahead_is_not(env: Path, capsys) -> None:
    import sqlite3

    await fresh_store(env)
    with sqlite3.connect(env) as conn:
        conn.execute("PRAGMA user_version = 4")
    code, lines = await doctor(capsys, "--offline")
    latest = latest_schema_version()
    assert code == 0 and f"version 4 of {latest}: migrations 5–{latest} run at the next start" in line_of(
        lines, "schema"
    )
    with sqlite3.connect(env) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, lines = await doctor(capsys, "--offline")
    assert code == 1 and line_of(lines, "schema").startswith("✗ schema: version 99, newer than")


@pytest.mark.parametrize(
    "token, says",
    [
        ("Bot " + GOOD, "starts with 'Bot '"),
        (f'"{GOOD}"', "in quotes"),
        ("a" * 64, "public key"),
        ("Ab3_" * 8, "client secret"),
        ("1200000000000000001", "application id"),
        ("not.a.token!", "not shaped like a bot token"),
        ("bm90IGFuIGlk.GqXk2w.abcdefghijklmnopqrstuvwxyz012345", "does not name a bot user"),
    ],
)
def test_common_token_mistakes_are_named_and_the_token_never_shown(token: str, says: str) -> None:
    check = check_token_shape(token)
    assert check.status == "fail" and says in check.detail
    assert token.strip('"') not in check.line() or len(token) < 20


async def test_against_discord_a_good_token_and_follows_with_every_permission(
    env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    point_at(monkeypatch, fake)
    store = await Store.open(env)
    channel = fake.guild.channels[1]
    await alerts.follow(
        store,
        guild_id=fake.guild_id,
        channel_id=channel.id,
        target=alerts.Target("all"),
        created_by=fake.owner_id,
    )
    await store.close()
    code, lines = await doctor(capsys)
    assert code == 0, lines
    assert line_of(lines, "Discord").startswith("✓ Discord: the token is accepted: logged in as PetitionBot")
    assert line_of(lines, "servers") == "✓ servers: in 1 server, 1 with follows"
    assert line_of(lines, f"permissions in Test Guild ({fake.guild_id})") == (
        f"✓ permissions in Test Guild ({fake.guild_id}): 1 followed channel, "
        "each with View Channel, Send Messages, Embed Links, Attach Files"
    )
    assert line_of(lines, "petitions site").endswith(
        "skipped (REFRESH_MINUTES=0: the bot never asks the site)"
    )
    assert fake.gateway_paths == [], "the doctor logs in over REST only"
    assert {r.path for r in fake.requests} >= {"/users/@me", "/users/@me/guilds", f"/guilds/{fake.guild_id}"}


async def test_a_followed_channel_the_bot_cannot_post_embeds_in_fails(
    env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    point_at(monkeypatch, fake)
    no_embeds = discord.Permissions(MEMBER_PERMISSIONS)
    no_embeds.update(embed_links=False, attach_files=False)
    for role in ("@everyone", "Bot"):
        fake.guild.role_named(role).permissions = no_embeds.value
    store = await Store.open(env)
    channel = fake.guild.channels[1]
    await alerts.follow(
        store,
        guild_id=fake.guild_id,
        channel_id=channel.id,
        target=alerts.Target("all"),
        created_by=fake.owner_id,
    )
    await alerts.follow(
        store, guild_id=fake.guild_id, channel_id=4242, target=alerts.Target("all"), created_by=fake.owner_id
    )
    await store.close()
    code, lines = await doctor(capsys)
    assert code == 1
    line = line_of(lines, f"permissions in Test Guild ({fake.guild_id})")
    assert line.startswith("✗ ")
    assert "#petitions lacks Embed Links, Attach Files" in line and "channel 4242 is gone" in line
    assert "→ give the bot's role these permissions" in line


async def test_a_bot_in_no_server_is_told_how_to_invite_it(
    env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    point_at(monkeypatch, fake)
    fake.guild.members.pop(fake.bot_user.id)
    code, lines = await doctor(capsys)
    assert code == 1
    assert line_of(lines, "servers") == (
        "✗ servers: the bot is in no server yet → invite it: https://discord.com/oauth2/authorize?"
        f"client_id={APP_ID}&scope=bot+applications.commands&permissions={INVITE_PERMISSIONS}"
    )


async def test_a_refused_token_fails_the_discord_check_without_showing_it(
    env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    point_at(monkeypatch, fake)
    wrong = bot_token(APP_ID, "Refused")
    monkeypatch.setenv("DISCORD_TOKEN", wrong)
    await fresh_store(env)
    code, lines = await doctor(capsys)
    assert code == 1
    assert line_of(lines, "token").startswith("✓ token")  # well shaped, but not this bot's
    assert line_of(lines, "Discord").startswith("✗ Discord: Discord refused DISCORD_TOKEN")
    assert line_of(lines, "servers").startswith("– servers: skipped")
    assert all(wrong not in line for line in lines)


async def test_discord_out_of_reach_fails_the_discord_check(env: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10")
    await fresh_store(env)
    code, lines = await doctor(capsys)
    assert code == 1 and line_of(lines, "Discord").startswith("✗ Discord: Cannot reach Discord (127.0.0.1)")


async def test_the_site_check_asks_the_search_page_once(
    env: Path, fake: FakeDiscord, capsys, monkeypatch
) -> None:
    point_at(monkeypatch, fake)
    await fresh_store(env)
    async with replay_site(generate_corpus({45: 5}, seed=1, parliaments=(45,))) as site:
        monkeypatch.setenv("REFRESH_MINUTES", "60")
        monkeypatch.setenv("PETITIONS_BASE_EN", site.base_en)
        monkeypatch.setenv("PETITIONS_BASE_FR", site.base_fr)
        code, lines = await doctor(capsys)
        assert code == 0, lines
        assert line_of(lines, "petitions site").startswith(
            f"✓ petitions site: {site.base_en}/Petition/Search answered HTTP 200 in "
        )
        assert [r.path for r in site.requests] == ["/petitions/en/Petition/Search"]

        site.fail("5xx", match="/Petition/Search", status=503)
        code, lines = await doctor(capsys)
        assert code == 1
        line = line_of(lines, "petitions site")
        assert line.startswith(f"✗ petitions site: {site.base_en}/Petition/Search: HTTP 503")
        assert "→ the site is down or busy" in line
        assert len(site.requests) == 2, "one request per run, no retries"
        assert not site.gated_requests


def test_the_invite_permissions_are_the_five_the_readme_explains() -> None:
    wanted = discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True, attach_files=True, read_message_history=True
    )
    assert wanted.value == INVITE_PERMISSIONS
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"permissions={INVITE_PERMISSIONS}" in readme and "scope=bot+applications.commands" in readme
