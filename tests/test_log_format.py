"""`--log-format json` (or LOG_FORMAT=json): one JSON object per log line, for a log collector.

Each line has time, level, logger and message, and exc_info (the traceback) when there is one; the
failure that ends a command is a JSON line too. Text stays the default.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from bot.logs import JsonFormatter, formatter
from tests.fakes.discord import FakeDiscord
from tests.ops_helpers import bot_token, cli_env, petitionbot


def parsed(stderr: str) -> list[dict[str, str]]:
    lines = stderr.splitlines()
    assert lines
    records = [json.loads(line) for line in lines]  # every line is JSON
    for record in records:
        assert {"time", "level", "logger", "message"} <= set(record), record
        assert datetime.fromisoformat(record["time"]).tzinfo is not None
    return records


async def test_json_lines_carry_the_traceback_at_debug_and_end_with_the_failure(tmp_path: Path) -> None:
    (tmp_path / "petitions.sqlite3").write_bytes(b"no database here" * 100)
    ran = await petitionbot(
        "--log-format", "json", "--log-level", "DEBUG", "status", env=cli_env(tmp_path), cwd=tmp_path
    )
    assert ran.returncode == 1
    records = parsed(ran.stderr)
    [failed] = [r for r in records if "exc_info" in r]
    assert failed["level"] == "DEBUG" and failed["logger"] == "bot.cli"
    assert (
        "Traceback" in failed["exc_info"]
        and "sqlite3.DatabaseError: file is not a database" in failed["exc_info"]
    )
    last = records[-1]
    assert last["level"] == "ERROR" and last["message"].startswith(
        f"The database {tmp_path / 'petitions.sqlite3'} is damaged"
    )


async def test_log_format_from_the_environment_covers_the_bot_and_discord_py(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    env = cli_env(
        tmp_path,
        DISCORD_TOKEN=bot_token(fake.bot_user.id, "NotThisOne"),
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        LOG_FORMAT="json",
    )
    ran = await petitionbot("run", env=env, cwd=tmp_path)
    assert ran.returncode == 1
    records = parsed(ran.stderr)
    loggers = {r["logger"] for r in records}
    assert {"bot.discord_bot", "discord.client", "petitionbot"} <= loggers
    assert records[-1]["message"].startswith("Discord refused DISCORD_TOKEN")


async def test_text_stays_the_default(tmp_path: Path) -> None:
    ran = await petitionbot(
        "--log-level", "INFO", "backup", str(tmp_path / "x.sqlite3"), env=cli_env(tmp_path), cwd=tmp_path
    )
    assert ran.returncode == 1 and ran.err_lines[-1].startswith("There is no database at")
    assert not ran.stderr.lstrip().startswith("{")


def test_the_formatter_writes_exc_info_and_hides_secrets() -> None:
    try:
        raise ValueError("token abc.def.SECRETSECRET was refused")
    except ValueError:
        record = logging.LogRecord(
            "bot.x", logging.ERROR, __file__, 1, "using %s", ("abc.def.SECRETSECRET",), None
        )
        import sys

        record.exc_info = sys.exc_info()
    line = formatter("json", secrets=["abc.def.SECRETSECRET"]).format(record)
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "bot.x" and data["message"] == "using [redacted]"
    assert "ValueError: token [redacted] was refused" in data["exc_info"]
    assert "SECRET" not in line
    plain = json.loads(JsonFormatter().format(logging.LogRecord("a", logging.INFO, "", 1, "hé", None, None)))
    assert plain == {"time": plain["time"], "level": "INFO", "logger": "a", "message": "hé"}
