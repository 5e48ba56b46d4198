"""How fast /ask reads a question and answers it, at 100,000 petitions.

    python -m bench.ask --db /tmp/s100.sqlite3          # a 100k store (copied first; never written)
    python -m bench.ask --db X --questions 3000 --seed 7

A store of that size comes from `python -m bench.generate` and `petitionbot ingest --db X corpus.jsonl`
(about 4 minutes for 100k). The store is copied to a temporary file first, so the bench never
changes it.

The question mix: the question set of the tests (`tests/ask_questions.py`, English and French, typos,
shorthand, hostile inputs), and as many again written from the store's own vocabulary (its MPs,
subjects, the countries it names, years), in both languages, so that answers find petitions.

Measured, one asyncio loop, `perf_counter_ns` per call, after a warm-up (the first vocabulary build,
which reads every response signer once, is reported apart):

- parsing: `understand.read(question, vocabulary, today)`, pure CPU (target p99 ≤ 5 ms);
- whole answer: vocabulary look-up (cached by change id), read and answer (target p99 ≤ 30 ms).

Nothing is asserted: the figures are printed as a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.petitions import understand
from bot.petitions.store import Store

TODAY = date(2026, 11, 29)
TARGETS_MS = {"parse": 5.0, "answer": 30.0}

_EN = [
    "petitions by {mp} about {country}",
    "how many petitions did {mp} present in {year}?",
    "petitions about {country} with a response",
    "has the government answered the {country} petition?",
    "{subject} petitions since {year}",
    "overdue petitions about {country}",
    "{surname} petitions last year",
    "open petitions on {subject}",
    "what did {mp} present this year?",
    "petitions about {country} and {word}",
    "{number} status?",
    "what did the government say about {number}?",
]
_FR = [
    "pétitions de {mp} sur {country_fr}",
    "combien de pétitions sur {country_fr} cette année ?",
    "pétitions sur {country_fr} avec une réponse",
    "le gouvernement a-t-il répondu à la pétition sur {country_fr} ?",
    "pétitions sur {subject_fr} depuis {year}",
    "pétitions de la députée {surname} depuis mars {year}",
    "pétitions en retard sur {country_fr}",
    "pétitions ouvertes sur {word}",
    "où en est la pétition {number} ?",
    "pétitions papier de {mp} avant {year}",
]


async def _vocabulary_questions(store: Store, n: int, rng: random.Random) -> list[str]:
    from bot.petitions.countries import all_countries

    vocab = await understand.vocabulary(store)
    mps = [p.name for p in vocab.people if p.sponsored] or ["Garnett Genuis"]
    subjects = [(en, fr or en) for en, fr in vocab.subjects.values() if en] or [("Health", "Santé")]
    async with store.conn.execute(
        "SELECT code, count(*) FROM petition_countries GROUP BY code ORDER BY 2 DESC LIMIT 40"
    ) as cur:
        codes = [row[0] for row in await cur.fetchall()]
    names = {c.code: c.name for c in all_countries()}
    countries = [names[c] for c in codes if c in names] or [names["UA"]]
    async with store.conn.execute("SELECT number FROM petitions ORDER BY random() LIMIT 200") as cur:
        numbers = [row[0] for row in await cur.fetchall()]
    async with store.conn.execute(
        "SELECT term FROM search_terms WHERE docs BETWEEN 50 AND 2000 LIMIT 300"
    ) as cur:
        words = [row[0] for row in await cur.fetchall() if row[0].isalpha()] or ["housing"]
    out = []
    for _ in range(n):
        mp = rng.choice(mps)
        en, fr = rng.choice(subjects)
        country = rng.choice(countries)
        values = {
            "mp": mp,
            "surname": mp.split()[-1],
            "country": country.en,
            "country_fr": country.fr,
            "subject": en.lower(),
            "subject_fr": fr.lower(),
            "year": rng.choice(range(2020, 2027)),
            "number": rng.choice(numbers),
            "word": rng.choice(words),
        }
        template = rng.choice(_EN if rng.random() < 0.5 else _FR)
        out.append(template.format(**values))
    return out


def _stats(ns: Sequence[int]) -> dict[str, float]:
    ms = sorted(v / 1e6 for v in ns)
    return {
        "n": len(ms),
        "mean": statistics.fmean(ms),
        "p50": ms[len(ms) // 2],
        "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))],
        "max": ms[-1],
    }


ROOT = Path(__file__).resolve().parents[1]


async def run(db: Path, questions: int, seed: int, slowest: int = 0) -> str:
    sys.path.insert(0, str(ROOT))
    from tests.ask_questions import CASES

    rng = random.Random(seed)
    store = await Store.open(db)
    try:
        count = await store.count()
        t0 = time.perf_counter()
        vocab = await understand.vocabulary(store)
        warm_ms = (time.perf_counter() - t0) * 1000
        mix = [case.question for case in CASES]
        mix += await _vocabulary_questions(store, max(len(mix), questions - len(mix)), rng)
        rng.shuffle(mix)
        for question in mix[:50]:  # warm the search vocabulary and SQLite's page cache
            await understand.ask(store, question, TODAY)
        parse_ns: list[int] = []
        for _round in range(3):
            for question in mix:
                start = time.perf_counter_ns()
                understand.read(question, vocab, TODAY)
                parse_ns.append(time.perf_counter_ns() - start)
        answer_ns: list[int] = []
        timed: list[tuple[int, str, str]] = []
        by_intent: dict[str, list[int]] = {}
        by_subject: dict[bool, list[int]] = {}
        kinds: Counter[str] = Counter()
        for question in mix:
            start = time.perf_counter_ns()
            result = await understand.ask(store, question, TODAY)
            took = time.perf_counter_ns() - start
            answer_ns.append(took)
            timed.append((took, question, _path(result)))
            by_intent.setdefault(result.reading.intent, []).append(took)
            by_subject.setdefault(bool(result.reading.subject), []).append(took)
            kinds[result.kind] += 1
    finally:
        await store.close()
    rows = [
        ("parse (read)", _stats(parse_ns), TARGETS_MS["parse"]),
        ("whole answer", _stats(answer_ns), TARGETS_MS["answer"]),
    ]
    rows += [(f"  answer: {intent}", _stats(ns), None) for intent, ns in sorted(by_intent.items())]
    rows += [
        (f"  answer {'with' if named else 'without'} a subject filter", _stats(ns), None)
        for named, ns in sorted(by_subject.items())
    ]
    lines = [
        f"/ask at {count:,} petitions ({len(mix)} questions, seed {seed}; vocabulary: {len(vocab.people)} MPs, "
        f"{len(vocab.subjects)} subjects; first vocabulary build {warm_ms:,.0f} ms)",
        "",
        "| what | n | mean ms | p50 ms | p99 ms | max ms | p99 target | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s, target in rows:
        verdict = "" if target is None else ("PASS" if s["p99"] <= target else "**MISS**")
        goal = "" if target is None else f"≤ {target:g}"
        lines.append(
            f"| {name} | {s['n']:.0f} | {s['mean']:.3f} | {s['p50']:.3f} | {s['p99']:.3f} | {s['max']:.2f} | {goal} | {verdict} |"
        )
    lines.append("")
    lines.append("answers by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if slowest:
        lines.append("")
        lines.append(f"slowest {slowest}:")
        for took, question, path in sorted(timed, reverse=True)[:slowest]:
            lines.append(f"  {took / 1e6:7.2f} ms  {question[:70]!r}  {path}")
    return "\n".join(lines)


def _path(result: understand.Answer) -> str:
    """What the reading named, to see which answering path a slow question took."""
    r = result.reading
    named = {
        k: v
        for k, v in r.as_dict().items()
        if v not in (None, [], {"from": None, "to": None}) and k != "lang"
    }
    return f"{result.kind} {named}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ask", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a store to measure (copied first)")
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--slowest", type=int, default=0, help="also list the N slowest questions")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ask.sqlite3"
        shutil.copyfile(args.db, copy)
        print(asyncio.run(run(copy, args.questions, args.seed, args.slowest)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
