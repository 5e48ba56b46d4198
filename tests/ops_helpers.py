"""Helpers for the operations tests: `petitionbot` as a real process beside the fake Discord, and tokens.

The fake Discord and the replay site serve in the test's event loop; the CLI runs as a subprocess
(its own interpreter, its own stderr, its own signals), started and awaited without blocking that
loop, from a working directory with no .env and an environment without the developer's settings.
"""

from __future__ import annotations

import asyncio
import base64
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Nothing listens on the discard port: a connection there is refused at once and never leaves the machine.
CLOSED_PORT = "http://127.0.0.1:9"
SETTING_NAMES = (
    "DISCORD_TOKEN",
    "OWNER_IDS",
    "DEV_GUILD_ID",
    "PETITIONBOT_DB",
    "PETITIONBOT_DEMO_DB",
    "BACKFILL",
    "REFRESH_MINUTES",
    "ALERT_INTERVAL_SECONDS",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
    "PETITIONS_BASE_EN",
    "PETITIONS_BASE_FR",
    "PETITIONBOT_CONTACT",
    "REQUEST_INTERVAL",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "SHARD_COUNT",
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
)


def bot_token(user_id: int, secret: str = "Canary") -> str:
    """A token shaped like Discord's (base64 user id . timestamp . HMAC), recognisable by `secret`."""
    first = base64.urlsafe_b64encode(str(user_id).encode()).decode().rstrip("=")
    return f"{first}.GqXk2w.{secret}{'x' * max(0, 38 - len(secret))}"


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str

    @property
    def err_lines(self) -> list[str]:
        return self.stderr.splitlines()


def cli_env(tmp_path: Path, **settings: object) -> dict[str, str]:
    """The environment of a `petitionbot` process: none of the developer's settings, the site unreachable."""
    env = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "PYTHONIOENCODING": "utf-8",
            "LANG": "C.UTF-8",
            "PETITIONBOT_DB": str(tmp_path / "petitions.sqlite3"),
            "PETITIONS_BASE_EN": f"{CLOSED_PORT}/petitions/en",
            "PETITIONS_BASE_FR": f"{CLOSED_PORT}/petitions/fr",
            "REQUEST_INTERVAL": "0",
            "REFRESH_MINUTES": "0",
        }
    )
    env.update({k: str(v) for k, v in settings.items()})
    return env


async def start_petitionbot(*args: str, env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=cwd,
        env=env,
    )


async def read_until(stream: asyncio.StreamReader, text: str, seen: list[str], seconds: float = 30) -> None:
    """Read a process's lines into `seen` until one contains `text`; fail if it ends or stalls first."""

    async def scan() -> None:
        while True:
            line = await stream.readline()
            if not line:
                raise AssertionError(f"the bot ended before {text!r}:\n" + "".join(seen))
            seen.append(line.decode())
            if text in seen[-1]:
                return

    await asyncio.wait_for(scan(), seconds)


async def petitionbot(*args: str, env: dict[str, str], cwd: Path, seconds: float = 60) -> Ran:
    """`petitionbot …` to the end, while this loop keeps serving the fakes."""
    proc = await start_petitionbot(*args, env=env, cwd=cwd)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), seconds)
    except TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
        raise AssertionError(f"petitionbot {' '.join(args)} did not finish: {err.decode()[-2000:]}") from None
    assert proc.returncode is not None
    return Ran(proc.returncode, out.decode(), err.decode())
