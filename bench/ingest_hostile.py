"""What `petitionbot ingest` costs on big and unchanged files: CPU of a fresh vs a no-op ingest, peak RSS.

    python -m bench.ingest_hostile                 # 20,000 records, then files of about 200 MB
    python -m bench.ingest_hostile --big-mb 0      # only the fresh / no-op comparison
    python -m bench.ingest_hostile --n 100000 --big-mb 0 --max-size 2GB   # memory at 100k records

1. Fresh vs no-op: the generated corpus (`bench.generate`) as a snapshot and as an XML export is
   ingested into an empty store, then the same file again. The second run finds every record's
   raw bytes already stored (`petitions.source_hash`) and parses and derives nothing; its CPU time
   (user + system of the CLI and of its worker processes, start-up included) is compared with the
   fresh run's. Target: the no-op costs at most 20% of the fresh ingest.
2. Peak RSS of the CLI process (and of its largest worker) for files of about `--big-mb` MB: a
   snapshot, an export, and a snapshot of records 200 times the usual size (about 1 MB each)
   ingested, and an HTML page of that size (refused, since no page is that large). Target: at most
   250 MB in any case.

Each ingest runs `bot.cli.main` in a fresh Python process that reports its own rusage, so the
figures are one run's, not a running maximum. Nothing is asserted: the table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.generate import DEFAULT_SEED, OUT_DIR, SNAPSHOT_HEADER, generate, write_export, write_snapshot
from bot.petitions.model import Bi, Response

ROOT = Path(__file__).resolve().parents[1]
NOOP_TARGET = 0.20
RSS_TARGET_MB = 250.0

# Runs the CLI in this fresh process and writes its rusage (self and reaped workers) as JSON.
_CHILD = """
import json, resource, sys, time
from bot.cli import main
start = time.perf_counter()
rc = main(sys.argv[2:])
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"rc": rc, "wall": wall, "cpu_self": me.ru_utime + me.ru_stime,
               "cpu_workers": kids.ru_utime + kids.ru_stime,
               "rss_mb": me.ru_maxrss / 1024, "worker_rss_mb": kids.ru_maxrss / 1024}, out)
"""


def _progress(msg: str) -> None:
    print(f"[ingest_hostile {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run_ingest(path: Path, db: Path, max_size: str) -> dict[str, float | str]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report:
        out = Path(report.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PETITIONBOT_DB", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(out),
            "ingest",
            "--db",
            str(db),
            "--max-size",
            max_size,
            str(path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    figures = json.loads(out.read_text()) if out.stat().st_size else {"rc": proc.returncode}
    out.unlink()
    figures["said"] = (
        (proc.stdout.strip() or proc.stderr.strip()).splitlines()[-1][:160] if proc.returncode != 2 else ""
    )
    figures["cpu"] = float(figures.get("cpu_self", 0)) + float(figures.get("cpu_workers", 0))
    return figures


def snapshot_of_size(megabytes: int) -> Path:
    """A generated snapshot of about `megabytes` MB (cached in bench/out)."""
    path = OUT_DIR / f"snapshot-{megabytes}mb-s{DEFAULT_SEED}.jsonl"
    if not path.exists():
        n = max(1, int(megabytes * 1e6 / 5200))  # a generated snapshot line is about 5.2 KB
        write_snapshot(n, DEFAULT_SEED, path)
    return path


def export_of_size(megabytes: int) -> Path:
    path = OUT_DIR / f"export-{megabytes}mb-s{DEFAULT_SEED}.xml"
    if not path.exists():
        n = max(1, int(megabytes * 1e6 / 3200))  # an export record is about 3.2 KB
        write_export(n, DEFAULT_SEED, path)
    return path


def big_records_of_size(megabytes: int) -> Path:
    """A snapshot of about `megabytes` MB whose records are about 1 MB each (200 times a real one)."""
    path = OUT_DIR / f"snapshot-{megabytes}mb-1mb-records.jsonl"
    if path.exists():
        return path
    paragraph = (
        "The Government of Canada is committed to supporting Ukraine and Kazakhstan in this work. " * 3
    )
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps(SNAPSHOT_HEADER) + "\n")
        for i, p in enumerate(generate(max(1, megabytes), DEFAULT_SEED)):
            paragraphs = [f"{i}.{k} {paragraph}" for k in range(1300)]
            big = replace(
                p,
                prayer=Bi(paragraphs, None),
                response=Response(
                    p.response.header if p.response else Bi(), "A Minister", Bi(paragraphs, paragraphs)
                ),
            )
            out.write(json.dumps(big.to_dict(), ensure_ascii=False) + "\n")
    partial.replace(path)
    return path


def html_of_size(megabytes: int, folder: Path) -> Path:
    """A page of `megabytes` MB: a real-looking head, then paragraph after paragraph."""
    path = folder / f"page-{megabytes}mb.html"
    block = ("<p>" + "Whereas the petitioners ask for a page of unreasonable size. " * 16 + "</p>\n") * 1000
    with path.open("w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html lang='en'><head><title>e-1 - Petitions</title></head><body>\n")
        while out.tell() < megabytes * 1e6:
            out.write(block)
        out.write("</body></html>\n")
    return path


def _row(label: str, r: dict[str, float | str]) -> str:
    return (
        f"| {label} | {r['cpu']:.1f} s | {r['wall']:.1f} s | {r['rss_mb']:.0f} MB | {r['worker_rss_mb']:.0f} MB "
        f"| {r['said']} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_hostile", description=__doc__)
    parser.add_argument("--n", type=int, default=20000, help="records for the fresh / no-op comparison")
    parser.add_argument("--big-mb", type=int, default=200, help="size of the big files (0: skip them)")
    parser.add_argument("--max-size", default="1GB", help="passed to `petitionbot ingest --max-size`")
    args = parser.parse_args(argv)

    lines = [
        "| run | CPU (CLI + workers, start-up included) | wall (after start-up) | peak RSS, CLI | peak RSS, largest worker | last line |",
        "|---|---|---|---|---|---|",
    ]
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ingest-hostile-") as tmp:
        folder = Path(tmp)
        _progress(f"generating {args.n:,} records as a snapshot and an export (cached in bench/out)…")
        files = {"snapshot": write_snapshot(args.n), "XML export": write_export(args.n)}
        for label, path in files.items():
            db = folder / f"{label.split()[0]}.sqlite3"
            size = path.stat().st_size / 1e6
            _progress(f"{label}: fresh ingest of {path.name} ({size:.0f} MB)…")
            fresh = run_ingest(path, db, args.max_size)
            _progress(f"{label}: the same file again…")
            noop = run_ingest(path, db, args.max_size)
            ratio = float(noop["cpu"]) / max(float(fresh["cpu"]), 1e-9)
            lines.append(_row(f"{label}, {args.n:,} records ({size:.0f} MB), fresh", fresh))
            lines.append(_row(f"{label}, {args.n:,} records, unchanged again", noop))
            verdicts.append(
                f"{label}: no-op CPU {float(noop['cpu']):.1f} s = {ratio:.0%} of fresh {float(fresh['cpu']):.1f} s "
                f"(target ≤ {NOOP_TARGET:.0%}: {'PASS' if ratio <= NOOP_TARGET else 'MISS'})"
            )
            for r in (fresh, noop):
                verdicts.append(_rss_verdict(f"{label} ({args.n:,})", r))
        if args.big_mb:
            _progress(f"big files of about {args.big_mb} MB (generated once, cached in bench/out)…")
            big = {
                "snapshot": snapshot_of_size(args.big_mb),
                "XML export": export_of_size(args.big_mb),
                "snapshot of 1 MB records": big_records_of_size(args.big_mb),
                "HTML page": html_of_size(args.big_mb, folder),
            }
            for i, (label, path) in enumerate(big.items()):
                size = path.stat().st_size / 1e6
                _progress(f"{label} of {size:.0f} MB…")
                r = run_ingest(path, folder / f"big-{i}.sqlite3", args.max_size)  # each into an empty store
                lines.append(_row(f"{label} of {size:.0f} MB", r))
                verdicts.append(_rss_verdict(f"{label} of {size:.0f} MB", r))
    print("\n".join(lines))
    print()
    print("\n".join(verdicts))
    return 0


def _rss_verdict(label: str, r: dict[str, float | str]) -> str:
    peak = max(float(r["rss_mb"]), float(r["worker_rss_mb"]))
    return f"{label}: peak RSS {peak:.0f} MB (target ≤ {RSS_TARGET_MB:.0f} MB: {'PASS' if peak <= RSS_TARGET_MB else 'MISS'})"


if __name__ == "__main__":
    sys.exit(main())
