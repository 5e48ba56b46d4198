"""Serve a generated petition history on 127.0.0.1 until told to stop, for another process to read.

    python -m tests.replay --per-parliament 3000 --seed 1 --port 0   # prints "READY http://127.0.0.1:PORT"

It stops on SIGINT or SIGTERM, or when the parent holding its stdin closes it, and then prints what
it served on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import stat
import sys
import threading
from collections.abc import Sequence

from tests.replay import generate_corpus, replay_site


async def _serve(args: argparse.Namespace) -> None:
    parliaments = tuple(int(x) for x in args.parliaments.split(","))
    corpus = generate_corpus(
        args.per_parliament, seed=args.seed, parliaments=parliaments, unpublished=args.unpublished
    )
    async with replay_site(corpus, port=args.port, latency=args.latency) as site:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        if stat.S_ISFIFO(_stdin_mode()):  # a parent holding our stdin: its closing is the signal to stop

            def watch() -> None:
                sys.stdin.buffer.read()
                loop.call_soon_threadsafe(stop.set)

            threading.Thread(target=watch, name="stdin-watch", daemon=True).start()
        print(f"READY {site.base_url}", flush=True)
        await stop.wait()
        print(
            f"served {len(site.requests)} requests: {site.listing_requests} listing,"
            f" {site.details_requests} details, {len(site.gated_requests)} refused at the gate",
            file=sys.stderr,
            flush=True,
        )


def _stdin_mode() -> int:
    try:
        return os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError):
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-parliament", type=int, default=3000, help="petitions per Parliament")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--parliaments", default="42,43,44,45", help="comma-separated, e.g. 44,45")
    parser.add_argument("--unpublished", type=float, default=0.01, help="share of petitions the site hides")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
