"""Relevance of search by keyword, by meaning and of the hybrid, on a labelled set written for it.

    python -m bench.relevance                 # the table for the README
    python -m bench.relevance --details       # every query: what each ranker put in its top 10

The set: 106 causes (`bench/relevance_topics.json`), each three petitions (a full e-petition, a
paper one with its prayer only, a paper one with its grievances only), 75 of them in both languages
and 31 in one language only; and 64 queries (`bench/relevance_queries.json`), half "meaning" (none
of the relevant petitions' distinctive words), half "keyword" (their own words), half in French,
12 of them across languages (an English query for petitions held only in French, and the reverse).
A petition is relevant to a query when it is one of the three of a cause the query names.

Rankers, each asked for its top 10:
- keyword: `search.search`, the bot's keyword search as it is;
- meaning: the nearest petitions by cosine, nothing else;
- hybrid: `meaning.hybrid_search`, what `/search` answers (keyword hits first, the page filled by
  meaning, meaning alone when no petition holds the words);
- hybrid without fusion: the same with keyword hits in keyword order (`hybrid.FUSE = False`).

Metrics: nDCG@10 with binary gains (ideal: every relevant petition first) and recall@10.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.petitions import search
from bot.petitions.ingest import ingest_petitions
from bot.petitions.meaning import EncoderHandle, Meaning, hybrid
from bot.petitions.model import TORONTO, Bi, Keyword, Petition, Sponsor
from bot.petitions.store import Store

HERE = Path(__file__).resolve().parent
TOPICS = HERE / "relevance_topics.json"
QUERIES = HERE / "relevance_queries.json"
K = 10


# --- the set ----------------------------------------------------------------------------------


def petitions(data: dict[str, Any]) -> tuple[list[Petition], dict[str, str]]:
    """Three petitions per cause, and the cause of each petition number."""
    out: list[Petition] = []
    cause: dict[str, str] = {}
    cats = data["categories"]
    for i, topic in enumerate(data["topics"]):
        subject = Bi(*cats[topic["cat"]])
        keywords = tuple(Keyword(1000 + 10 * i + j, Bi(en, fr)) for j, (en, fr) in enumerate(topic["kw"]))
        w, p = topic["w"], topic["p"]
        both = topic["lang"] == "both"
        one = topic["lang"]

        def side(values: dict[str, str], lang: str) -> list[str] | None:
            return [values[lang]] if values.get(lang) else None

        day = date(2019 + i % 6, 1 + i % 12, 1 + i % 28)
        variants = [
            # the e-petition: everything, in both languages when the cause has both
            (f"e-{4000 + i}", Bi(side(w, "en"), side(w, "fr")), Bi(side(p, "en"), side(p, "fr")), None),
            # a paper petition with its prayer only: English for a bilingual cause
            (f"44{1 + i % 2}-{10000 + i:05d}", Bi(), _one(p, "en" if both else one), "en" if both else one),
            # a paper petition with its grievances only: French for a bilingual cause
            (f"44{1 + i % 2}-{20000 + i:05d}", _one(w, "fr" if both else one), Bi(), "fr" if both else one),
        ]
        for number, grievances, prayer, lang in variants:
            sub = (
                subject
                if lang is None
                else Bi(subject.en if lang == "en" else None, subject.fr if lang == "fr" else None)
            )
            kws = (
                keywords
                if lang is None
                else tuple(
                    Keyword(
                        k.id, Bi(k.name.en if lang == "en" else None, k.name.fr if lang == "fr" else None)
                    )
                    for k in keywords
                )
            )
            out.append(
                Petition(
                    number=number,
                    kind="e" if number.startswith("e-") else "paper",
                    parliament=44,
                    session=1 + i % 2,
                    status_id=(207, 223, 224, 229)[i % 4],
                    subject=sub,
                    keywords=kws,
                    sponsor=Sponsor(f"Member {i % 17}", 100000 + i % 17),
                    grievances=grievances,
                    prayer=prayer,
                    presented_on=day,
                    opened_at=datetime(day.year, day.month, day.day, 9, tzinfo=TORONTO)
                    if number.startswith("e-")
                    else None,
                )
            )
            cause[number] = topic["id"]
    return out, cause


def _one(values: dict[str, str], lang: str) -> Bi[list[str]]:
    text = values.get(lang)
    if not text:
        return Bi()
    return Bi([text], None) if lang == "en" else Bi(None, [text])


# --- metrics ----------------------------------------------------------------------------------


def ndcg(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, n in enumerate(ranked[:k]) if n in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def recall(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


@dataclass(slots=True)
class Scores:
    ndcg: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)

    def add(self, ranked: Sequence[str], relevant: set[str]) -> None:
        self.ndcg.append(ndcg(ranked, relevant))
        self.recall.append(recall(ranked, relevant))

    def mean(self) -> tuple[float, float]:
        n = len(self.ndcg) or 1
        return sum(self.ndcg) / n, sum(self.recall) / n


RANKERS = ("keyword", "meaning", "hybrid", "hybrid, keyword order")


async def measure(details: bool = False, floor: float | None = None) -> dict[str, Any]:
    data = json.loads(TOPICS.read_text(encoding="utf-8"))
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    records, cause = petitions(data)
    by_cause: dict[str, set[str]] = {}
    for number, topic in cause.items():
        by_cause.setdefault(topic, set()).add(number)
    if floor is not None:
        hybrid.FLOOR = floor
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(Path(tmp) / "relevance.sqlite3")
        try:
            await ingest_petitions(store, records)
            meaning = Meaning(store, EncoderHandle())
            started = time.monotonic()
            summary = await meaning.embed()
            embed_seconds = time.monotonic() - started
            index = await meaning.index()
            ids = {
                int(r[0]): str(r[1])
                for r in await store.conn.execute_fetchall("SELECT id, number FROM petitions")
            }
            id_of = {n: i for i, n in ids.items()}
            groups: dict[str, dict[str, Scores]] = {}
            no_keyword_hit = {"meaning": 0, "keyword": 0}
            cosines_relevant: list[float] = []
            cosines_best_other: list[float] = []
            lines: list[str] = []
            for q in queries:
                relevant = set().union(*(by_cause[c] for c in q["relevant"]))
                keyword = await search.search(store, q["q"], limit=K)
                vector = await meaning.query_vector(q["q"])
                assert vector is not None
                near = index.nearest(vector, K)
                hybrid.FUSE = True
                fused = await hybrid.hybrid_search(store, meaning, q["q"], limit=K)
                hybrid.FUSE = False
                plain = await hybrid.hybrid_search(store, meaning, q["q"], limit=K)
                hybrid.FUSE = True
                ranked = {
                    "keyword": [h.number for h in keyword.hits],
                    "meaning": [ids[i] for i, _ in near],
                    "hybrid": [h.number for h in fused.hits],
                    "hybrid, keyword order": [h.number for h in plain.hits],
                }
                if not keyword.total:
                    no_keyword_hit[q["kind"]] += 1
                alike = index.similarity(vector, [id_of[n] for n in relevant])
                cosines_relevant.extend(alike.values())
                others = [s for i, s in index.nearest(vector, 40) if ids[i] not in relevant]
                if others:
                    cosines_best_other.append(others[0])
                keys = [q["kind"], f"{q['kind']} {q['lang']}"] + (
                    [f"{q['kind']} cross-language"] if q.get("cross") else []
                )
                for key in [*keys, "all"]:
                    group = groups.setdefault(key, {name: Scores() for name in RANKERS})
                    for name in RANKERS:
                        group[name].add(ranked[name], relevant)
                if details:
                    lines.append(f"[{q['kind']} {q['lang']}] {q['q']!r} → {', '.join(sorted(q['relevant']))}")
                    for name in RANKERS:
                        shown = " ".join(("*" if n in relevant else "") + n for n in ranked[name])
                        lines.append(f"    {name:<22} nDCG {ndcg(ranked[name], relevant):.2f}  {shown}")
        finally:
            await store.close()
    return {
        "groups": groups,
        "petitions": len(records),
        "queries": len(queries),
        "embed_seconds": embed_seconds,
        "encoded": summary.encoded,
        "no_keyword_hit": no_keyword_hit,
        "cosines_relevant": sorted(cosines_relevant),
        "cosines_best_other": sorted(cosines_best_other),
        "details": lines,
    }


def _median(values: Sequence[float]) -> float:
    return values[len(values) // 2] if values else float("nan")


def render(result: dict[str, Any]) -> str:
    order = [
        "meaning",
        "meaning en",
        "meaning fr",
        "meaning cross-language",
        "keyword",
        "keyword en",
        "keyword fr",
        "all",
    ]
    groups = result["groups"]
    head = "| queries | n | " + " | ".join(f"{name}: nDCG@10 / recall@10" for name in RANKERS) + " |"
    out = [head, "|" + "---|" * (2 + len(RANKERS))]
    for key in order:
        if key not in groups:
            continue
        cells = []
        for name in RANKERS:
            n, r = groups[key][name].mean()
            cells.append(f"{n:.3f} / {r:.3f}")
        label = f"**{key}**" if key in ("meaning", "keyword", "all") else key
        out.append(f"| {label} | {len(groups[key]['keyword'].ndcg)} | " + " | ".join(cells) + " |")
    rel, other = result["cosines_relevant"], result["cosines_best_other"]
    out += [
        "",
        f"{result['petitions']} petitions, {result['queries']} queries; queries no petition holds the words of: "
        f"{result['no_keyword_hit']['meaning']} of the meaning ones, {result['no_keyword_hit']['keyword']} of the keyword ones.",
        f"Vectors for the {result['encoded']} petitions: {result['embed_seconds']:.1f} s. "
        f"Cosine of query and relevant petition: median {_median(rel):.2f}, lowest decile {rel[len(rel) // 10]:.2f}; "
        f"of the closest irrelevant petition: median {_median(other):.2f}. Least cosine for a petition found by meaning: {hybrid.FLOOR:.2f}.",
        f"Measured {date.today().isoformat()} on {platform.machine()} ({_cpus()} cores), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}.",
    ]
    return "\n".join(out)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="print each query's top 10 per ranker")
    parser.add_argument("--floor", type=float, default=None, help="least cosine for a related petition")
    args = parser.parse_args(argv)
    result = asyncio.run(measure(details=args.details, floor=args.floor))
    if args.details:
        print("\n".join(result["details"]))
        print()
    print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
