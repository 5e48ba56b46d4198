"""What a deployment relies on: every setting documented, the image's promises, and SHARD_COUNT.

The Dockerfile and the systemd unit cannot run here (no Docker daemon, no systemd as PID 1); hadolint
and `systemd-analyze verify` check them by hand (see the task report). These tests keep the files from
drifting away from what the README says about them.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.discord_bot import PetitionBot, ShardedPetitionBot, bot_class, shard_options
from bot.settings import Settings
from tests.conftest import TODAY, make_settings
from tests.fakes.discord import FakeDiscord, FastIdentifyMixin, running_bot, visible_text

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_setting_with_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    for field in Settings.model_fields.values():
        key = field.alias
        assert key is not None
        [index] = [i for i, line in enumerate(lines) if line.startswith(f"{key}=")]
        while index > 0 and re.match(r"[A-Z_]+=", lines[index - 1]):
            index -= 1  # a pair of keys under one comment (the two Discord endpoints, the two site bases)
        assert lines[index - 1].startswith("# "), f"{key} has no comment above it"


def test_the_image_runs_as_a_user_keeps_its_data_on_a_volume_and_checks_its_health() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.M)
    assert re.search(r"^USER 10001:10001$", dockerfile, re.M) and "useradd --system --uid 10001" in dockerfile
    assert "PETITIONBOT_DB=/data/petitions.sqlite3" in dockerfile and 'VOLUME ["/data"]' in dockerfile
    assert 'CMD ["petitionbot", "status", "--json"]' in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["petitionbot", "run"]')
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored and "*.sqlite3" in ignored, "no secret and no database in the build context"
    unit = (ROOT / "deploy" / "petitionbot.service").read_text(encoding="utf-8")
    for line in (
        "User=petitionbot",
        "EnvironmentFile=/etc/petitionbot/petitionbot.env",
        "Restart=on-failure",
    ):
        assert line in unit.splitlines()


def test_shard_count_picks_the_bot_class() -> None:
    for value, cls, options in (
        (None, PetitionBot, {}),
        ("auto", ShardedPetitionBot, {"shard_count": None}),
        ("3", ShardedPetitionBot, {"shard_count": 3}),
    ):
        settings = Settings(_env_file=None, **({} if value is None else {"SHARD_COUNT": value}))  # type: ignore[call-arg]
        assert bot_class(settings) is cls and shard_options(settings) == options


async def test_an_auto_sharded_bot_asks_discord_for_its_shards_and_answers(
    tmp_path: Path, fake: FakeDiscord, demo_store
) -> None:
    class TestBot(FastIdentifyMixin, ShardedPetitionBot):
        pass

    settings = make_settings(tmp_path, fake, SHARD_COUNT="auto")
    bot = TestBot(
        settings, store=demo_store, today=lambda: TODAY, guild_ready_timeout=0.05, **shard_options(settings)
    )
    async with running_bot(bot, fake, loggers=("bot", "cogs")):
        assert fake.requests_to("GET /gateway/bot"), "AutoShardedBot asks how many shards"
        assert fake.identify is not None and fake.identify["shard"] == [0, 1]
        reply = await (await fake.slash("petition", {"number": "441-00155"})).final_message()
        assert "Garnett Genuis" in visible_text(reply)


def test_the_image_copies_everything_the_package_installs() -> None:
    """`pip install .` in the image builds from what the Dockerfile copied: the packages, the hash-pinned
    requirements and the data files pyproject.toml installs (the demo sample), or the build fails."""
    import tomllib

    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = {src for line in re.findall(r"^COPY (.+)$", dockerfile, re.M) for src in line.split()[:-1]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = {"pyproject.toml", "README.md", "requirements", "bot", "cogs"}
    wanted |= {f for files in project["tool"]["setuptools"]["data-files"].values() for f in files}
    assert wanted <= copied, f"missing from the image: {sorted(wanted - copied)}"
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines())
    assert not ({"data/", "data", "requirements/", "requirements"} & ignored)
