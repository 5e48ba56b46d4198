"""Search by meaning at scale: throughput of `embed`, and latency, agreement and memory when serving.

    python -m bench.meaning build 100000      # the generated corpus in a store, with its vectors (once)
    python -m bench.meaning embed 20000       # throughput: `embed` over a fresh 20k store, as the bot runs it
    python -m bench.meaning serve 20000 100000  # latency, agreement with exact float search, RSS

`build` stores the corpus (`bench.generate`, cached under bench/out/) and computes its vectors in two
worker processes, keeping the exact float vectors beside the store for the agreement figures
(bench/out/meaning-N-sSEED.sqlite3 and .f32). It resumes where it stopped.

`serve` runs each size in a process of its own, as the bot would be: discord.py and the cogs imported,
the store open, the search vocabulary warm, the model and the vectors loaded. Then, over a seeded mix
of queries (the 64 of bench/relevance_queries.json and words drawn from the corpus's keywords, a third
of them with a filter):
- query encoding: `Meaning.query_vector`, the model's forward pass for one query;
- vector scan: `VectorIndex.nearest(query, 10)` over every petition (sign bits, then int8);
- hybrid search: `meaning.hybrid_search(..., limit=10)`, what /search computes (keyword search, the
  query's vector, the fill or the fallback, the list rows);
- agreement: the share of the exact float top 10 (cosine over the float vectors) that the scan returns,
  for the queries and for petitions used as queries (the "Related petitions" case);
- RSS after all of it, and the memory the vectors take.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.generate import DEFAULT_SEED, OUT_DIR, write_snapshot
from bot.petitions.meaning.vectors import VectorRow, combine, decode, petition_texts, text_hash, write_batch

HERE = Path(__file__).resolve().parent
DIM = 512
CHUNK = 256  # petitions per worker task and per written batch while building


def store_path(n: int, seed: int) -> Path:
    return OUT_DIR / f"meaning-{n}-s{seed}.sqlite3"


def floats_path(n: int, seed: int) -> Path:
    return OUT_DIR / f"meaning-{n}-s{seed}.f32"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- build: the store and its vectors --------------------------------------------------------------

_worker_encoder: Any = None


def _worker_init() -> None:
    global _worker_encoder
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from bot.petitions.meaning.encoder import UseEncoder

    _worker_encoder = UseEncoder()


def _worker_encode(groups: list[list[str]]) -> np.ndarray:
    flat = [text for texts in groups for text in texts]
    return combine(_worker_encoder.encode(flat), [len(texts) for texts in groups])


async def build(n: int, seed: int) -> None:
    from bot.petitions.ingest import ingest_paths
    from bot.petitions.meaning.encoder import model_name
    from bot.petitions.store import Store

    path = store_path(n, seed)
    fresh = not path.exists()
    store = await Store.open(path)
    try:
        if fresh or await store.is_empty():
            corpus = write_snapshot(n, seed)
            started = time.monotonic()
            await ingest_paths(store, [corpus])
            print(
                f"stored {await store.count():,} petitions in {time.monotonic() - started:.0f} s", flush=True
            )
        model = model_name()
        ids = [r[0] for r in await store.conn.execute_fetchall("SELECT id FROM petitions ORDER BY id")]
        position = {pid: i for i, pid in enumerate(ids)}
        fpath = floats_path(n, seed)
        floats = np.memmap(
            fpath, dtype=np.float32, mode="r+" if fpath.exists() else "w+", shape=(len(ids), DIM)
        )
        np.save(fpath.with_suffix(".ids.npy"), np.asarray(ids, dtype=np.int64))
        done = {
            r[0]
            for r in await store.conn.execute_fetchall(
                "SELECT petition_id FROM petition_vectors WHERE model = ?", (model,)
            )
        }
        todo = [pid for pid in ids if pid not in done]
        print(f"{len(done):,} vectors stored, {len(todo):,} to compute", flush=True)
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        with ProcessPoolExecutor(max_workers=2, initializer=_worker_init) as pool:
            pending: list[tuple[list[tuple[int, str, str]], asyncio.Future[np.ndarray]]] = []
            computed = 0
            for at in range(0, len(todo), CHUNK):
                chunk = todo[at : at + CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = await store.conn.execute_fetchall(
                    f"SELECT id, hash, record FROM petitions WHERE id IN ({marks}) ORDER BY id", chunk
                )
                meta, groups = [], []
                for pid, record_hash, record in rows:
                    texts = petition_texts(decode(record))
                    meta.append((int(pid), str(record_hash), text_hash(model, texts)))
                    groups.append(texts)
                pending.append((meta, loop.run_in_executor(pool, _worker_encode, groups)))
                while len(pending) > 3 or (pending and at + CHUNK >= len(todo)):
                    meta, future = pending.pop(0)
                    vectors = await future
                    for (pid, _, _), vector in zip(meta, vectors, strict=True):
                        floats[position[pid]] = vector
                    floats.flush()
                    await write_batch(
                        store,
                        model,
                        [VectorRow(pid, th, rh, vectors[i]) for i, (pid, rh, th) in enumerate(meta)],
                        [],
                    )
                    computed += len(meta)
                    rate = computed / (time.monotonic() - started)
                    left = (len(todo) - computed) / rate if rate else 0
                    print(
                        f"\r{computed:,}/{len(todo):,} ({rate:.0f}/s, {left / 60:.0f} min left)",
                        end="",
                        flush=True,
                    )
        print(f"\nvectors computed in {time.monotonic() - started:.0f} s", flush=True)
    finally:
        await store.close()


# --- embed: throughput of the real step ---------------------------------------------------------------


async def embed_throughput(n: int, seed: int) -> dict[str, Any]:
    """`embed_pending` as `petitionbot embed` and the bot run it, over a fresh store of n petitions."""
    import tempfile

    from bot.petitions.ingest import ingest_paths
    from bot.petitions.meaning import EncoderHandle, Meaning
    from bot.petitions.store import Store

    with tempfile.TemporaryDirectory(dir=OUT_DIR) as tmp:
        store = await Store.open(Path(tmp) / "embed.sqlite3")
        try:
            await ingest_paths(store, [write_snapshot(n, seed)])
            meaning = Meaning(store, EncoderHandle())
            started = time.monotonic()
            cpu = time.process_time()
            summary = await meaning.embed(on_progress=lambda p: print("\r" + p.line(), end="", flush=True))
            wall = time.monotonic() - started
            print()
            return {
                "n": n,
                "seconds": wall,
                "cpu": time.process_time() - cpu,
                "rate": summary.looked_at / wall,
                "encoded": summary.encoded,
                "peak_mb": _peak_mb(),
            }
        finally:
            await store.close()


# --- serve: latency, agreement, memory -------------------------------------------------------------------


async def serve(n: int, seed: int, queries: int) -> dict[str, Any]:
    import bot.discord_bot  # noqa: F401 - the serving process imports discord.py and the cogs too
    import cogs.admin  # noqa: F401
    import cogs.petitions  # noqa: F401
    from bot.petitions import search
    from bot.petitions.meaning import EncoderHandle, Meaning, hybrid_search
    from bot.petitions.search import SearchFilters
    from bot.petitions.store import Store

    rng = random.Random(seed)
    path = store_path(n, seed)
    if not path.exists():
        raise SystemExit(f"{path} is missing: run `python -m bench.meaning build {n}` first")
    store = await Store.open(path)
    try:
        await search.warm(store)
        base_mb = _rss_mb()
        meaning = Meaning(store, EncoderHandle())
        t = time.perf_counter()
        await meaning.encoder.get()
        model_s = time.perf_counter() - t
        model_mb = _rss_mb()
        t = time.perf_counter()
        index = await meaning.index()
        index_s = time.perf_counter() - t
        index_mb = _rss_mb()

        words = await _corpus_words(store, rng)
        relevance = [q["q"] for q in json.loads((HERE / "relevance_queries.json").read_text())["queries"]]
        texts = [rng.choice(relevance) if i % 2 else rng.choice(words) for i in range(queries)]
        filters = [
            SearchFilters(),
            SearchFilters(),
            SearchFilters(status_ids=(223,)),
            SearchFilters(kind="paper"),
            SearchFilters(parliament=44),
            SearchFilters(country="UA"),
        ]
        for text in texts[:10]:  # warm: first calls build caches
            await hybrid_search(store, meaning, text, limit=10)

        encode_ms, scan_ms, hybrid_ms, vectors = [], [], [], []
        for text in texts:
            t = time.perf_counter()
            vector = await meaning.query_vector(text)
            encode_ms.append((time.perf_counter() - t) * 1000)
            assert vector is not None
            vectors.append(vector)
            t = time.perf_counter()
            index.nearest(vector, 10)
            scan_ms.append((time.perf_counter() - t) * 1000)
        by_meaning = 0
        for i, text in enumerate(texts):
            t = time.perf_counter()
            result = await hybrid_search(store, meaning, text, filters[i % len(filters)], limit=10)
            hybrid_ms.append((time.perf_counter() - t) * 1000)
            by_meaning += result.by_meaning
        rss_mb, peak_mb = _rss_mb(), _peak_mb()  # before the exact float search, which is the bench's own
        agreement = _agreement(index, n, seed, vectors, rng)
        return {
            "n": n,
            "vectors": len(index),
            "queries": queries,
            "encode": _summary(encode_ms),
            "scan": _summary(scan_ms),
            "hybrid": _summary(hybrid_ms),
            "by_meaning": by_meaning,
            "agreement": agreement,
            "model_s": model_s,
            "index_s": index_s,
            "rss_base_mb": base_mb,
            "rss_model_mb": model_mb,
            "rss_index_mb": index_mb,
            "rss_mb": rss_mb,
            "peak_mb": peak_mb,
            "index_bytes": index.nbytes,
        }
    finally:
        await store.close()


async def _corpus_words(store: Any, rng: random.Random) -> list[str]:
    rows = await store.conn.execute_fetchall("SELECT name_en, name_fr FROM keyword_counts")
    names = [v for r in rows for v in r if v]
    return rng.sample(names, min(200, len(names)))


def _agreement(
    index: Any, n: int, seed: int, queries: list[np.ndarray], rng: random.Random
) -> dict[str, float]:
    """Share of the exact float top 10 that the scan returns, for queries and for petitions as queries."""
    fpath = floats_path(n, seed)
    floats = np.memmap(fpath, dtype=np.float32, mode="r").reshape(-1, DIM)
    ids = np.load(fpath.with_suffix(".ids.npy"))
    out = {}
    for name, vectors, exclude_self in (
        ("queries", queries[:200], False),
        ("petitions", [floats[i] for i in rng.sample(range(len(ids)), 200)], True),
    ):
        shares = []
        for q in vectors:
            scores = np.asarray(floats @ q)
            top = np.argsort(-scores)[: 11 if exclude_self else 10]
            exact = [int(ids[i]) for i in top]
            if exclude_self:
                exact = exact[1:]
            found = [i for i, _ in index.nearest(q, 11 if exclude_self else 10)]
            if exclude_self:
                found = [i for i in found if i != int(ids[top[0]])][:10]
            shares.append(len(set(exact) & set(found)) / 10)
        out[name] = float(np.mean(shares))
    return out


def _summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": _pct(values, 50),
        "p99": _pct(values, 99),
        "max": max(values),
        "mean": sum(values) / len(values),
    }


# --- the report ----------------------------------------------------------------------------------------


def render(results: list[dict[str, Any]]) -> str:
    lines = [
        "| petitions | query encoding p50 / p99 ms | vector scan p50 / p99 ms | hybrid /search p50 / p99 ms | "
        "top-10 agreement with exact float (queries / petitions) | vectors in memory | RSS serving | model load, vectors load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['encode']['p50']:.2f} / {r['encode']['p99']:.2f} | "
            f"{r['scan']['p50']:.2f} / {r['scan']['p99']:.2f} | {r['hybrid']['p50']:.2f} / {r['hybrid']['p99']:.2f} | "
            f"{r['agreement']['queries']:.3f} / {r['agreement']['petitions']:.3f} | {r['index_bytes'] / 2**20:.0f} MB | "
            f"{r['rss_mb']:.0f} MB (peak {r['peak_mb']:.0f}) | {r['model_s']:.1f} s, {r['index_s']:.2f} s |"
        )
    lines.append("")
    for r in results:
        lines.append(
            f"{r['n']:,}: {r['queries']} queries, {r['by_meaning']} answered by meaning alone; RSS {r['rss_base_mb']:.0f} MB "
            f"with discord.py, the cogs and the store's vocabulary, {r['rss_model_mb']:.0f} MB with the model, "
            f"{r['rss_index_mb']:.0f} MB with the vectors."
        )
    lines.append(
        f"Measured {date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} cores), "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, numpy {np.__version__}."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.meaning", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("build", "embed", "serve"))
    parser.add_argument("sizes", nargs="*", type=int, default=None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if args.what == "build":
        for n in args.sizes or [100_000]:
            asyncio.run(build(n, args.seed))
        return 0
    if args.what == "embed":
        for n in args.sizes or [20_000]:
            r = asyncio.run(embed_throughput(n, args.seed))
            print(
                f"embed {r['n']:,} petitions: {r['seconds']:.0f} s wall ({r['seconds'] / 60:.1f} min), "
                f"{r['rate']:.0f} petitions/s, CPU {r['cpu']:.0f} s, peak RSS {r['peak_mb']:.0f} MB"
            )
        return 0
    if args.child:
        print(json.dumps(asyncio.run(serve(args.sizes[0], args.seed, args.queries))))
        return 0
    results = []
    for n in args.sizes or [20_000, 100_000]:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.meaning",
                "serve",
                str(n),
                "--child",
                "--seed",
                str(args.seed),
                "--queries",
                str(args.queries),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
