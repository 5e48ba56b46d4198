"""What a backfill of the whole history costs in CPU and memory, against a loopback replay of the site.

    python -m bench.backfill                       # 4 Parliaments x 3,000 = 12,000 petitions
    python -m bench.backfill --per-parliament 500  # a quick look

The replay site (`tests/replay/`) runs in its own process, so its work is not counted; the
backfill runs here with REQUEST_INTERVAL=0, so the figures are the bot's own cost per page, not the
politeness that sets the real pace (one request a second). Per phase it reports CPU milliseconds
(user + system of this process) per listing page and per details page, and this process's RSS at
each quarter of the run and at its peak, to show that memory stays flat as the store grows.

Baseline, measured in the same run: the same details pages fetched through the same polite client
and thrown away (no parsing, no store). The ratio says how much of the cost is ours rather than the
HTTP stack's. Nothing is asserted: the table is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import aiohttp
import psutil

from bot.petitions import backfill
from bot.petitions.pacer import Pacer, Priority
from bot.petitions.store import Store

ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def start_site(per_parliament: int, seed: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.replay",
            "--per-parliament",
            str(per_parliament),
            "--seed",
            str(seed),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        proc.kill()
        raise SystemExit(f"the replay site did not start: {line!r}")
    return proc, line.split(" ", 1)[1].rstrip("/")


class Sampler:
    """RSS of this process, every `every` details pages."""

    def __init__(self, every: int) -> None:
        self.every = max(1, every)
        self.samples: list[tuple[int, int]] = []
        self.process = psutil.Process()

    def __call__(self, progress: backfill.Progress) -> None:
        if progress.details_done % self.every == 0:
            self.samples.append((progress.details_done, self.process.memory_info().rss))


async def run(per_parliament: int, seed: int, baseline_pages: int) -> list[str]:
    site, origin = start_site(per_parliament, seed)
    lines: list[str] = []
    try:
        config = backfill.SiteConfig(
            base_en=f"{origin}/petitions/en",
            base_fr=f"{origin}/petitions/fr",
            user_agent="petitionbot-bench",
            interval=0.0,
        )
        with tempfile.TemporaryDirectory() as tmp:
            store = await Store.open(Path(tmp) / "bench.sqlite3")
            try:
                async with aiohttp.ClientSession() as session:
                    client = config.client(session, Pacer(0.0, jitter=0.0), Priority.BACKFILL)
                    start_rss = psutil.Process().memory_info().rss

                    t0, c0 = time.perf_counter(), cpu()
                    one = await backfill.Backfill(
                        store, client, config, limits=backfill.Limits(phases=frozenset({1}))
                    ).run()
                    t1, c1 = time.perf_counter(), cpu()
                    listed = (await backfill.history_status(store)).listed
                    sampler = Sampler(max(1, listed // 8))
                    two = await backfill.Backfill(
                        store,
                        client,
                        config,
                        limits=backfill.Limits(phases=frozenset({2})),
                        on_progress=sampler,
                    ).run()
                    t2, c2 = time.perf_counter(), cpu()
                    status = await backfill.history_status(store)

                    numbers = random.Random(seed).sample(await store.numbers(), min(baseline_pages, listed))
                    b0 = cpu()
                    for number in numbers:
                        await client.get(config.details_url(number, "en"))
                    base_ms = (cpu() - b0) * 1000 / max(1, len(numbers))
            finally:
                await store.close()
            db_size = (Path(tmp) / "bench.sqlite3").stat().st_size
    finally:
        site.kill()
        site.wait()

    details_pages = two.details_pages * 2  # an English and a French page each
    listing_ms = (c1 - c0) * 1000 / max(1, one.listing_pages)
    details_ms = (c2 - c1) * 1000 / max(1, details_pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    lines += [
        f"# backfill bench: {per_parliament:,} petitions per Parliament, seed {seed}, REQUEST_INTERVAL=0",
        "",
        "| measure | value |",
        "|---|---|",
        f"| phase 1 | {one.listing_pages:,} listing pages, {listed:,} petitions listed, {t1 - t0:.1f} s wall |",
        f"| CPU per listing page | {listing_ms:.1f} ms |",
        f"| phase 2 | {two.details_pages:,} petitions ({details_pages:,} pages), {two.missing} not published, "
        f"{t2 - t1:.1f} s wall |",
        f"| CPU per details page (parse, merge, derive, store) | {details_ms:.1f} ms (target <= 20) |",
        f"| baseline: CPU per page fetched and dropped | {base_ms:.1f} ms ({len(numbers)} pages) |",
        f"| ours / baseline | {details_ms / base_ms:.1f}x |" if base_ms else "| ours / baseline | - |",
        f"| history complete | {status.complete} ({status.details_done:,} with details) |",
        f"| RSS at start | {start_rss / 2**20:.0f} MB |",
        "| RSS during phase 2 | "
        + ", ".join(f"{done:,}: {rss / 2**20:.0f} MB" for done, rss in sampler.samples)
        + " |",
        f"| peak RSS | {peak / 2**20:.0f} MB (target <= 250) |",
        f"| database size | {db_size / 2**20:.0f} MB |",
        f"| requests | {one.requests + two.requests:,}; stopped: {one.stopped or two.stopped or 'no'} |",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backfill", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-parliament", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-pages", type=int, default=500)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    lines = asyncio.run(run(args.per_parliament, args.seed, args.baseline_pages))
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "backfill-last.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
