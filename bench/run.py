"""How fast the petition core answers at 20,000 and 100,000 petitions, against a naive client.

    python -m bench.run                      # both sizes (20000 100000), about 10 minutes on 2 cores
    python -m bench.run --sizes 20000 --queries 300
    python -m bench.run --sizes 20000 --vocab small   # texts from ~1,000 words: every word is common

For each size, in a fresh subprocess (so peak RSS is that size's alone):

1. ingest the generated corpus (`bench.generate`, cached under bench/out/) through the
   real bulk path: snapshot lines -> `ingest.prepare_stream` (summaries and country
   detection in two worker processes) -> `Store.upsert`, 2,000 petitions per
   transaction, into a new SQLite file in a temp dir (peak RSS is the main process's;
   each worker holds a few chunks and the rules);
2. time every call of a seeded query mix drawn from that corpus (lookups, search,
   country, sponsor, the four autocompletes), one asyncio loop, `perf_counter_ns` per call;
3. read peak RSS (ru_maxrss) before the baseline starts;
4. the baseline: a client that fetches every record (SELECT record -> json.loads ->
   Petition.from_dict) and answers the same queries by scanning in Python.

The figures go to stdout as a markdown table (and bench/out/last-run.md). Nothing is
asserted: benchmarks print, they never fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.generate import DEFAULT_SEED, FOREIGN, NOW, OUT_DIR, PEERS, VOCABS, write_snapshot

log = logging.getLogger(__name__)

BATCH = 2000
OVERDUE_PAGE = 50  # rows /overdue reads for its pages (cogs.petitions.LIST_LIMIT)
CHILD_TIMEOUT = 1500  # seconds; a size that takes longer is reported as failed, never left running
BASELINE_BUDGET = 8.0  # seconds of baseline queries per operation at most


def _words(text: str) -> list[str]:
    """A word list written as one block of text, one space apart."""
    return text.split()


# Words people do not search for on their own; sampled query words skip them.
_FUNCTION_WORDS = frozenset(
    _words(
        """
        that this these those with from have been were which their them they there where when what upon
        more most such also other into than then only over under without while will would should could
        shall must said being does done each very much many some same since after before about across
        including directly among dans pour avec leur leurs sont cette elle elles nous vous etre tous
        toutes plus comme depuis sans mais aussi entre vers dont chez ainsi encore tres sous alors celle
        celui afin aupres notamment concernant pendant leurs demandent
        """
    )
)

# p99 targets in ms (issue 3 item 7); they are stated for 100,000 petitions.
TARGETS_MS: dict[str, float] = {
    "lookup": 1.0,
    "search": 15.0,
    "country": 15.0,
    "sponsor": 15.0,
    "autocomplete": 5.0,
    "overdue": 20.0,
}
INGEST_TARGET = 3000.0  # petitions/s
RSS_TARGET_MB = 250.0


@dataclass(frozen=True, slots=True)
class Op:
    name: str
    family: str  # key into TARGETS_MS
    what: str
    target_note: str = ""


OPS: tuple[Op, ...] = (
    Op("lookup (found)", "lookup", "answers.lookup, number as typed (e-1234, E 1234, 441 155, URL…)"),
    Op(
        "lookup (not found)",
        "lookup",
        "answers.lookup of an unknown number: PetitionNotFound + close numbers",
    ),
    Op("store.get", "lookup", "Store.get by number or presented number"),
    Op("search", "search", "search.search: words, phrases, filters, pages 2-3, typos"),
    Op("country", "country", "answers.petitions_for_country: names EN/FR, demonyms, ISO codes, typos"),
    Op(
        "sponsor",
        "sponsor",
        "answers.sponsor_petitions: full/last names, initials, typos",
        "not in the issue; held to the search target",
    ),
    Op("ac: petition", "autocomplete", "autocomplete.petition_choices: number prefixes, words"),
    Op("ac: sponsor", "autocomplete", "autocomplete.sponsor_choices"),
    Op("ac: subject", "autocomplete", "autocomplete.subject_choices"),
    Op("ac: country", "autocomplete", "autocomplete.country_choices"),
    Op(
        "overdue",
        "overdue",
        "answers.overdue_page: what /overdue shows (the 50 most overdue and how many in all), on a day of the corpus's last year",
    ),
)


# --- Samples taken from the corpus while it is ingested ---------------------------------------------


@dataclass(slots=True)
class Samples:
    """Small, seeded reservoirs of what users would type, read from the records as they stream by."""

    rng: random.Random
    seen: int = 0
    e_numbers: list[str] = field(default_factory=list)
    paper_numbers: list[str] = field(default_factory=list)
    presented: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    sponsors: dict[int | None, str] = field(default_factory=dict)
    subjects: set[tuple[str | None, str | None]] = field(default_factory=set)
    keywords: set[tuple[str | None, str | None]] = field(default_factory=set)
    countries: Counter[str] = field(default_factory=Counter)
    max_e: int = 0
    max_paper: dict[str, int] = field(default_factory=dict)
    offered: Counter[int] = field(default_factory=Counter)  # per bucket, for reservoir sampling

    def _keep(self, bucket: list[str], value: str, size: int = 3000) -> None:
        self.offered[id(bucket)] += 1
        if len(bucket) < size:
            bucket.append(value)
        else:
            j = self.rng.randrange(self.offered[id(bucket)])
            if j < size:
                bucket[j] = value

    def add(self, prepared: Any) -> None:
        from bot.petitions.search import WORD, plain

        p = prepared.petition
        self.seen += 1
        if p.kind == "e":
            self._keep(self.e_numbers, p.number)
            self.max_e = max(self.max_e, int(p.number[2:]))
        else:
            self._keep(self.paper_numbers, p.number)
        for number in (p.number, p.presented_number):
            if number and number[0].isdigit():
                head, seq = number.split("-")
                self.max_paper[head] = max(self.max_paper.get(head, 0), int(seq))
        if p.presented_number:
            self._keep(self.presented, p.presented_number)
        if p.sponsor:
            self.sponsors[p.sponsor.person_id] = p.sponsor.name
        self.subjects.add((p.subject.en, p.subject.fr))
        for kw in p.keywords:
            self.keywords.add((kw.name.en, kw.name.fr))
        for link in prepared.countries:
            self.countries[link.code] += 1
        if self.rng.random() < 0.05:
            lang = "fr" if self.rng.random() < 0.3 else "en"
            text = self.rng.choice((p.grievances.get(lang) or []) + (p.prayer.get(lang) or []) or [""])
            tokens = [t for t in text.replace(";", " ").replace(",", " ").split() if t.isalpha()]
            content = [
                t
                for t in tokens
                if len(plain(t)) >= 4 and WORD.fullmatch(plain(t)) and plain(t) not in _FUNCTION_WORDS
            ]
            if content:
                self._keep(self.words, self.rng.choice(content))
            if len(tokens) >= 3:
                i = self.rng.randrange(len(tokens) - 2)
                self._keep(self.phrases, " ".join(tokens[i : i + self.rng.choice((2, 3))]))


# --- Query mixes ------------------------------------------------------------------------------------


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]  # a dropped letter
    if kind < 0.8:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped letters
    return word[:i] + rng.choice("aeioustnr") + word[i + 1 :]


def _fold_plain(text: str) -> str:
    from bot.petitions.text import fold

    return fold(text)


def build_queries(s: Samples, n: int, seed: int) -> dict[str, list[Any]]:
    """`n` calls per operation, as (args, kwargs) tuples for the functions in `ours()`."""
    from bot.petitions.search import SearchFilters

    rng = random.Random(seed)
    out: dict[str, list[Any]] = {op.name: [] for op in OPS}

    def e_form(number: str) -> str:
        seq = number[2:]
        return rng.choice(
            (
                f"e-{seq}",
                f"E{seq}",
                f"e {seq}",
                f"#e-{seq}",
                f"petition e-{seq}",
                f"https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-{seq}",
            )
        )

    def paper_form(number: str) -> str:
        head, seq = number.split("-")
        return rng.choice(
            (number, f"{head} {int(seq)}", f"{head}{seq}", f"No. {number}", f"{head}-{int(seq)}")
        )

    for _ in range(n):
        r = rng.random()
        if r < 0.55:
            q = e_form(rng.choice(s.e_numbers))
        elif r < 0.85 or not s.presented:
            q = paper_form(rng.choice(s.paper_numbers))
        else:
            q = paper_form(rng.choice(s.presented))
        out["lookup (found)"].append(q)
        if rng.random() < 0.5:
            miss = f"e-{s.max_e + rng.randint(1, 500)}"
        else:
            head = rng.choice(sorted(s.max_paper))
            miss = f"{head}-{s.max_paper[head] + rng.randint(1, 300):05d}"
        out["lookup (not found)"].append(miss)
        pool = (
            s.presented if rng.random() < 0.15 and s.presented else rng.choice((s.e_numbers, s.paper_numbers))
        )
        out["store.get"].append(rng.choice(pool))

    statuses = (207, 223, 224, 226, 229, 289, 291)
    subjects = sorted(s.subjects, key=str)
    sponsor_names = sorted(n for n in s.sponsors.values() if n)
    top_countries = [c for c, _ in s.countries.most_common(40)]
    for _ in range(n):
        r = rng.random()
        filters = SearchFilters()
        offset = 0
        if r < 0.35:
            q = rng.choice(s.words)
        elif r < 0.55:
            q = " ".join(rng.sample(s.words, rng.randint(2, 3)))
        elif r < 0.65:
            q = f'"{rng.choice(s.phrases)}"'
        elif r < 0.85:
            q = rng.choice(s.words)
            f = rng.choice(
                ("status", "kind", "response", "subject", "country", "sponsor", "dates", "parliament")
            )
            filters = {
                "status": lambda: SearchFilters(status_ids=tuple(rng.sample(statuses, rng.randint(1, 2)))),
                "kind": lambda: SearchFilters(kind=rng.choice(("e", "paper"))),
                "response": lambda: SearchFilters(has_response=rng.random() < 0.6),
                "subject": lambda: SearchFilters(subject=rng.choice(rng.choice(subjects)) or "Health"),
                "country": lambda: SearchFilters(country=rng.choice(top_countries)),
                "sponsor": lambda: SearchFilters(sponsor=rng.choice(sponsor_names).split()[-1]),
                "dates": lambda: SearchFilters(
                    date_from=date(rng.randint(2020, 2025), rng.randint(1, 12), 1)
                ),
                "parliament": lambda: SearchFilters(parliament=rng.choice((43, 44, 45))),
            }[f]()
        elif r < 0.90:
            q = ""
            filters = SearchFilters(status_ids=(rng.choice(statuses),), kind=rng.choice(("e", "paper", None)))
        elif r < 0.96:
            q = _typo(rng, rng.choice(s.words))
        else:
            q = rng.choice(s.e_numbers)
        if rng.random() < 0.1:
            offset = rng.choice((10, 20))
        out["search"].append((q, filters, offset))

    for _ in range(n):
        f = rng.choices(FOREIGN, weights=[x.weight for x in FOREIGN])[0]
        peer_en, peer_fr = rng.choice(PEERS)
        form = rng.random()
        if form < 0.25:
            q = f.en.removeprefix("the ")
        elif form < 0.4:
            q = f.fr
        elif form < 0.5:
            q = rng.choice((f.code, f.code.lower()))
        elif form < 0.6:
            q = f.adj
        elif form < 0.7:
            q = _fold_plain(f.fr)
        elif form < 0.85:
            q = _typo(rng, f.en.removeprefix("the "))
        else:
            q = rng.choice((peer_en.removeprefix("the "), peer_fr.split("'")[-1].split(" ")[-1]))
        status = (rng.choice(statuses),) if rng.random() < 0.15 else ()
        out["country"].append((q, status))

    for _ in range(n):
        name = rng.choice(sponsor_names)
        first, last = name.split(" ", 1)
        form = rng.random()
        if form < 0.3:
            q = name
        elif form < 0.5:
            q = last
        elif form < 0.6:
            q = f"{last}, {first}"
        elif form < 0.75:
            q = _fold_plain(name)
        elif form < 0.9:
            q = _typo(rng, last) if len(last) >= 4 else name
        else:
            q = f"{first[0]} {last}"
        out["sponsor"].append(q)

    titles = [w for pair in s.keywords | s.subjects for w in pair if w]
    for _ in range(n):
        lang = "fr" if rng.random() < 0.3 else "en"
        r = rng.random()
        if r < 0.05:
            q = ""
        elif r < 0.35:
            seq = rng.choice(s.e_numbers)[2:]
            q = rng.choice(("e-", "E", "e ", "e")) + seq[: rng.randint(0, len(seq))]
        elif r < 0.6:
            num = rng.choice(s.paper_numbers + s.presented)
            q = num[: rng.randint(2, len(num))]
        else:
            words = rng.choice(titles).split()
            q = " ".join(w[: rng.randint(min(2, len(w)), len(w))] for w in words[: rng.randint(1, 2)])
        out["ac: petition"].append((q, lang))

        name = rng.choice(sponsor_names)
        part = rng.choice(name.split())
        r = rng.random()
        q = "" if r < 0.05 else _typo(rng, part) if r < 0.2 else part[: rng.randint(1, len(part))]
        out["ac: sponsor"].append((q, lang))

        subj = rng.choice(subjects)
        text = (subj[1] if lang == "fr" else subj[0]) or subj[0] or ""
        r = rng.random()
        if r < 0.05:
            q = ""
        elif r < 0.2:
            q = _typo(rng, text.split()[0])
        elif r < 0.35:
            q = rng.choice(text.split())[:4]
        else:
            q = text[: rng.randint(1, len(text))]
        out["ac: subject"].append((q, lang))

        f = rng.choice(FOREIGN)
        name = f.fr if lang == "fr" else f.en.removeprefix("the ")
        r = rng.random()
        q = (
            ""
            if r < 0.05
            else f.code
            if r < 0.15
            else _typo(rng, name)
            if r < 0.3
            else name[: rng.randint(1, len(name))]
        )
        out["ac: country"].append((q, lang))
        # the day /overdue is asked on: the corpus's today, or any day of the year before it
        out["overdue"].append(NOW.date() - timedelta(days=0 if rng.random() < 0.5 else rng.randint(1, 365)))
    return out


# --- Our calls ---------------------------------------------------------------------------------------


def ours(store: Any) -> dict[str, Callable[[Any], Awaitable[Any]]]:
    from bot.petitions import answers, autocomplete, search as search_mod
    from bot.petitions.errors import UserFacingError

    async def lookup(q: str) -> Any:
        try:
            return await answers.lookup(store, q)
        except UserFacingError as exc:
            return exc

    async def country(arg: tuple[str, tuple[int, ...]]) -> Any:
        try:
            return await answers.petitions_for_country(store, arg[0], status_ids=arg[1])
        except UserFacingError as exc:
            return exc

    async def sponsor(q: str) -> Any:
        try:
            return await answers.sponsor_petitions(store, q)
        except UserFacingError as exc:
            return exc

    async def overdue(today: date) -> Any:
        late, total = await answers.overdue_page(store, today, limit=OVERDUE_PAGE)
        return len(late), total

    return {
        "lookup (found)": lookup,
        "lookup (not found)": lookup,
        "store.get": store.get,
        "search": lambda a: search_mod.search(store, a[0], a[1], limit=10, offset=a[2]),
        "country": country,
        "sponsor": sponsor,
        "ac: petition": lambda a: autocomplete.petition_choices(store, a[0], a[1]),
        "ac: sponsor": lambda a: autocomplete.sponsor_choices(store, a[0], a[1]),
        "ac: subject": lambda a: autocomplete.subject_choices(store, a[0], a[1]),
        "ac: country": lambda a: autocomplete.country_choices(a[0], a[1]),
        "overdue": overdue,
    }


# --- The naive baseline -----------------------------------------------------------------------------


class Naive:
    """A client that fetched every record and answers by scanning them in Python."""

    def __init__(self, records: list[Any]) -> None:
        from bot.petitions.store import last_event
        from bot.petitions.text import fold

        self.records = records
        self.events = [last_event(p) or "" for p in records]
        self.hay: list[str] = []
        self.titles: list[str] = []
        for p in records:
            parts = [p.number, p.presented_number or "", p.subject.en or "", p.subject.fr or ""]
            parts += [v for kw in p.keywords for v in (kw.name.en, kw.name.fr) if v]
            title = fold(" ".join(parts))
            body = [
                *(p.grievances.en or []),
                *(p.grievances.fr or []),
                *(p.prayer.en or []),
                *(p.prayer.fr or []),
            ]
            if p.response:
                body += [*(p.response.paragraphs.en or []), *(p.response.paragraphs.fr or [])]
            self.titles.append(title)
            self.hay.append(
                title + " " + fold(" ".join(body)) + " " + fold(p.sponsor.name if p.sponsor else "")
            )

    def _page(self, idx: list[int], limit: int = 10, offset: int = 0) -> tuple[list[str], int]:
        idx.sort(key=lambda i: self.events[i], reverse=True)
        return [self.records[i].number for i in idx[offset : offset + limit]], len(idx)

    def lookup(self, raw: str) -> Any:
        from rapidfuzz import fuzz, process

        from bot.petitions.errors import UserFacingError
        from bot.petitions.numbers import parse_number

        try:
            number = parse_number(raw).text
        except UserFacingError:
            return None
        for p in self.records:
            if p.number == number or p.presented_number == number:
                return p
        return process.extract(number, [p.number for p in self.records], scorer=fuzz.ratio, limit=5)

    def get(self, number: str) -> Any:
        for p in self.records:
            if p.number == number or p.presented_number == number:
                return p
        return None

    def search(self, arg: tuple[str, Any, int]) -> Any:
        from bot.petitions.search import parse_query
        from bot.petitions.text import fold

        query, filters, offset = arg
        parsed = parse_query(query)
        needles = [w[:-1] if len(w) > 4 and w.endswith("s") else w for w in parsed.words]
        needles += [" ".join(ph) for ph in parsed.phrases]
        subject = fold(filters.subject) if filters.subject else None
        sponsor = fold(filters.sponsor) if filters.sponsor else None
        country_names: list[str] = []
        if filters.country:
            from bot.petitions.countries import get_country

            c = get_country(filters.country)
            country_names = [fold(v) for v in (c.name.en, c.name.fr) if v] if c else ["\x00"]
        start = filters.date_from.isoformat() if filters.date_from else None
        found = []
        for i, p in enumerate(self.records):
            if filters.status_ids and p.status_id not in filters.status_ids:
                continue
            if filters.kind and p.kind != filters.kind:
                continue
            if filters.parliament is not None and p.parliament != filters.parliament:
                continue
            if filters.has_response is not None and p.has_response != filters.has_response:
                continue
            if start and self.events[i] < start:
                continue
            if subject and subject not in (fold(p.subject.en), fold(p.subject.fr)):
                continue
            if sponsor and (not p.sponsor or sponsor not in fold(p.sponsor.name)):
                continue
            hay = self.hay[i]
            if country_names and not any(c in hay for c in country_names):
                continue
            if all(n in hay for n in needles):
                found.append(i)
        return self._page(found, 10, offset)

    def country(self, arg: tuple[str, tuple[int, ...]]) -> Any:
        from bot.petitions.countries import resolve_country
        from bot.petitions.text import fold

        query, statuses = arg
        matches = resolve_country(query)
        if not matches:
            return None
        names = [fold(v) for v in (matches[0].name.en, matches[0].name.fr) if v]
        primary, mentioned = [], []
        for i, p in enumerate(self.records):
            if statuses and p.status_id not in statuses:
                continue
            if any(n in self.titles[i] for n in names):
                primary.append(i)
            elif any(n in self.hay[i] for n in names):
                mentioned.append(i)
        return self._page(primary), self._page(mentioned)

    def sponsor(self, query: str) -> Any:
        from rapidfuzz import fuzz

        from bot.petitions.text import fold

        want = fold(query)
        best, best_score = None, 0.0
        scores: dict[str, float] = {}
        for p in self.records:
            if not p.sponsor:
                continue
            name = p.sponsor.name
            sc = fuzz.WRatio(want, fold(name))
            scores[name] = sc
            if sc > best_score:
                best, best_score = name, sc
        if best is None or best_score < 70:
            return None
        return self._page([i for i, p in enumerate(self.records) if p.sponsor and p.sponsor.name == best])

    def ac_petition(self, arg: tuple[str, str]) -> Any:
        from bot.petitions.text import fold

        want = fold(arg[0]).replace(" ", "")
        out = []
        for i, p in enumerate(self.records):
            if p.number.replace("-", "").startswith(want.replace("-", "")) or (
                want and want in self.titles[i]
            ):
                out.append(i)
        return self._page(out, 25)

    def ac_sponsor(self, arg: tuple[str, str]) -> Any:
        from bot.petitions.text import fold

        want = fold(arg[0])
        names = Counter(p.sponsor.name for p in self.records if p.sponsor and want in fold(p.sponsor.name))
        return [n for n, _ in names.most_common(25)]

    def ac_subject(self, arg: tuple[str, str]) -> Any:
        from bot.petitions.text import fold

        want = fold(arg[0])
        lang = arg[1]
        names = Counter()
        for p in self.records:
            name = p.subject.get(lang) or p.subject.en
            if name and fold(name).startswith(want):
                names[name] += 1
        return [n for n, _ in names.most_common(25)]

    def ac_country(self, arg: tuple[str, str]) -> Any:
        from bot.petitions.countries import all_countries
        from bot.petitions.text import fold

        want = fold(arg[0])
        return [c.code for c in all_countries() if fold(c.name.get(arg[1]) or "").startswith(want)][:25]

    def overdue(self, today: date) -> Any:
        from bot.petitions.deadlines import overdue

        late = overdue(self.records, today)
        return len(late[:OVERDUE_PAGE]), len(late)

    def calls(self) -> dict[str, Callable[[Any], Any]]:
        return {
            "lookup (found)": self.lookup,
            "lookup (not found)": self.lookup,
            "store.get": self.get,
            "search": self.search,
            "country": self.country,
            "sponsor": self.sponsor,
            "ac: petition": self.ac_petition,
            "ac: sponsor": self.ac_sponsor,
            "ac: subject": self.ac_subject,
            "ac: country": self.ac_country,
            "overdue": self.overdue,
        }


# --- The child: one size -------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _current_rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:  # psutil is a test extra; the peak from getrusage is the headline anyway
        return float("nan")


def _dir_size_mb(folder: Path) -> float:
    """The database, its WAL and shared-memory file together."""
    return sum(f.stat().st_size for f in folder.iterdir()) / 2**20


def _stats(ns: Sequence[int]) -> dict[str, float]:
    ms = sorted(v / 1e6 for v in ns)
    if not ms:
        return {"n": 0, "mean": float("nan"), "p50": float("nan"), "p99": float("nan"), "max": float("nan")}

    def rank(q: float) -> float:
        return ms[min(len(ms) - 1, max(0, int(round(q * len(ms) + 0.5)) - 1))]

    return {"n": len(ms), "mean": statistics.fmean(ms), "p50": rank(0.50), "p99": rank(0.99), "max": ms[-1]}


def _describe(arg: Any) -> str:
    """A short, readable form of one query's arguments, for the "slowest calls" notes."""
    if isinstance(arg, tuple) and len(arg) == 3 and hasattr(arg[1], "active"):
        query, filters, offset = arg
        active = {name: getattr(filters, name) for name in filters.active()}
        extra = f" filters={active}" if active else ""
        return f"{query!r}{extra}" + (f" offset={offset}" if offset else "")
    return repr(arg)


def _progress(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


async def run_size(corpus: Path, size: int, queries: int, baseline_queries: int, seed: int) -> dict[str, Any]:
    from bot.petitions import countries, search as search_mod
    from bot.petitions.ingest import prepare_stream, read_snapshot_lines
    from bot.petitions.model import Petition
    from bot.petitions.store import Store

    result: dict[str, Any] = {"size": size, "rss_start_mb": _peak_rss_mb()}
    samples = Samples(random.Random(seed))
    with tempfile.TemporaryDirectory(prefix="petitionbench-") as tmp:
        db = Path(tmp) / "bench.sqlite3"
        store = await Store.open(db)
        try:
            t_read = t_prep = t_write = 0
            count = 0
            started = time.perf_counter_ns()
            with corpus.open(encoding="utf-8") as fh:
                # The real bulk path: derivation in worker processes (ingest.prepare_stream),
                # BATCH petitions per transaction. "prepare" is the time spent waiting for
                # the workers, "upsert" the time spent writing.
                stream = prepare_stream(read_snapshot_lines(fh, source=str(corpus))).__aiter__()
                pending: list[Any] = []
                done = False
                while not done:
                    t0 = time.perf_counter_ns()
                    while len(pending) < BATCH:
                        try:
                            pending.extend(await stream.__anext__())
                        except StopAsyncIteration:
                            done = True
                            break
                    t1 = time.perf_counter_ns()
                    if not pending:
                        break
                    prepared, pending = pending[:BATCH], pending[BATCH:]
                    await store.upsert(prepared)
                    t2 = time.perf_counter_ns()
                    for item in prepared:
                        samples.add(item)
                    t_prep, t_write = t_prep + t1 - t0, t_write + t2 - t1
                    count += len(prepared)
                    if count % 20000 == 0:
                        rate = count / ((time.perf_counter_ns() - started) / 1e9)
                        _progress(f"{size}: ingested {count:,} ({rate:,.0f}/s)")
            wall = (t_read + t_prep + t_write) / 1e9
            result["ingest"] = {
                "petitions": count,
                "seconds": wall,
                "per_s": count / wall,
                "read_s": t_read / 1e9,
                "prepare_s": t_prep / 1e9,
                "upsert_s": t_write / 1e9,
            }
            result["db_mb"] = _dir_size_mb(Path(tmp))
            result["rss_after_ingest_mb"] = _current_rss_mb()
            _progress(f"{size}: ingest {count:,} in {wall:.1f} s; spelling vocabulary…")

            # What the first user to mistype a word waits, on a store nobody has searched yet.
            typo = _typo(random.Random(seed), samples.words[0] if samples.words else "government")
            t0 = time.perf_counter_ns()
            await search_mod.search(store, typo, search_mod.SearchFilters(), limit=10)
            result["first_typo_ms"] = (time.perf_counter_ns() - t0) / 1e6
            result["first_typo"] = typo

            t0 = time.perf_counter_ns()
            await search_mod.warm(store)  # what the bot does once at startup
            countries.warm()
            gc.collect()
            gc.freeze()
            result["warm_ms"] = (time.perf_counter_ns() - t0) / 1e6

            plan = build_queries(samples, queries, seed)
            calls = ours(store)
            timings: dict[str, dict[str, Any]] = {}
            for op in OPS:
                fn, args = calls[op.name], plan[op.name]
                t0 = time.perf_counter_ns()
                await fn(args[0])  # the first call pays for caches (sponsor list, subjects…)
                cold = (time.perf_counter_ns() - t0) / 1e6
                ns: list[int] = []
                for a in args:
                    t0 = time.perf_counter_ns()
                    await fn(a)
                    ns.append(time.perf_counter_ns() - t0)
                slowest = sorted(range(len(ns)), key=ns.__getitem__, reverse=True)[:3]
                timings[op.name] = {
                    **_stats(ns),
                    "cold_ms": cold,
                    "slowest": [(ns[i] / 1e6, _describe(args[i])) for i in slowest],
                }
                _progress(
                    f"{size}: {op.name:<20} p50 {timings[op.name]['p50']:.3f} ms  p99 {timings[op.name]['p99']:.3f} ms"
                )
            result["ours"] = timings
            result["peak_rss_mb"] = _peak_rss_mb()

            # The baseline: fetch every record, then scan.
            _progress(f"{size}: baseline — loading every record…")
            t0 = time.perf_counter_ns()
            rows = await store.fetch_all("SELECT record FROM petitions")
            records = [Petition.from_dict(json.loads(r[0])) for r in rows]
            del rows
            naive = Naive(records)
            result["baseline_load_s"] = (time.perf_counter_ns() - t0) / 1e9
            base: dict[str, dict[str, Any]] = {}
            ncalls = naive.calls()
            for op in OPS:
                fn, args = ncalls[op.name], plan[op.name][:baseline_queries]
                ns = []
                budget_end = time.perf_counter() + BASELINE_BUDGET
                for a in args:
                    t0 = time.perf_counter_ns()
                    fn(a)
                    ns.append(time.perf_counter_ns() - t0)
                    if time.perf_counter() > budget_end and len(ns) >= 5:
                        break
                base[op.name] = _stats(ns)
                _progress(f"{size}: baseline {op.name:<20} p50 {base[op.name]['p50']:.1f} ms (n={len(ns)})")
            result["baseline"] = base
            result["baseline_peak_rss_mb"] = _peak_rss_mb()
        finally:
            await store.close()
    return result


# --- The parent: sizes, subprocesses, the table -------------------------------------------------------


def _fmt_ms(v: float) -> str:
    if v != v:  # NaN
        return "—"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}" if v >= 1 else f"{v:.3f}"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "**MISS**"


def host_speed() -> float:
    """Seconds for a fixed pure-Python loop (best of three): how fast this machine is right now.

    A shared or virtual machine can run the same code half as fast from one hour to the next;
    printed beside the figures, it says which runs may be compared.
    """
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i * i
        best = min(best, time.perf_counter() - started)
    return best


def render(
    results: list[dict[str, Any]], queries: int, seed: int, speed: tuple[float, float] | None = None
) -> str:
    lines: list[str] = []
    lines.append(
        f"Benchmark: generated corpus (seed {seed}), {queries} timed calls per operation, "
        f"baseline up to {results[0].get('baseline_n', '')}calls per operation. Python {sys.version.split()[0]}, "
        f"SQLite {__import__('sqlite3').sqlite_version}, {os.cpu_count()} CPUs."
    )
    if speed is not None:
        lines.append(
            f"Host speed (`bench.run.host_speed`, a 5M-step Python loop, best of 3): {speed[0]:.2f} s before "
            f"the run, {speed[1]:.2f} s after (lower is faster)."
        )
    lines.append("Targets are stated for 100,000 petitions; at 20,000 they are shown for reference.")
    for r in results:
        lines.append("")
        lines.append(f"### {r['size']:,} petitions, {r.get('vocab', 'normal')} vocabulary")
        if "error" in r:
            lines.append(f"FAILED: {r['error']}")
            continue
        ing = r["ingest"]
        lines.append("")
        lines.append("| what | figure | target | verdict |")
        lines.append("|---|---|---|---|")
        lines.append(
            f"| ingest (read + prepare in 2 worker processes + upsert, {BATCH:,}/transaction) | {ing['per_s']:,.0f} petitions/s "
            f"({ing['seconds']:.1f} s: read {ing['read_s']:.1f}, prepare {ing['prepare_s']:.1f}, upsert {ing['upsert_s']:.1f}) "
            f"| ≥ {INGEST_TARGET:,.0f}/s | {_verdict(ing['per_s'] >= INGEST_TARGET)} |"
        )
        lines.append(
            f"| peak RSS (ingest + all queries, before baseline) | {r['peak_rss_mb']:.0f} MB | ≤ {RSS_TARGET_MB:.0f} MB | {_verdict(r['peak_rss_mb'] <= RSS_TARGET_MB)} |"
        )
        lines.append(f"| database on disk | {r['db_mb']:.0f} MB | | |")
        if "first_typo_ms" in r:
            lines.append(
                f"| first misspelled search on a fresh store ({r['first_typo']!r}) | {r['first_typo_ms']:,.1f} ms | ≤ 50 ms | {_verdict(r['first_typo_ms'] <= 50)} |"
            )
        lines.append(
            f"| warm-up at startup (spelling vocabulary, country matchers) | {r['warm_ms']:,.0f} ms | | |"
        )
        lines.append("")
        lines.append(
            "| operation | n | mean ms | p50 ms | p99 ms | max ms | first call ms | p99 target | verdict | baseline p50 ms | baseline p99 ms | baseline n | baseline/ours (p50) |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for op in OPS:
            o = r["ours"][op.name]
            b = r["baseline"][op.name]
            target = TARGETS_MS[op.family]
            ratio = b["p50"] / o["p50"] if o["p50"] else float("nan")
            ratio_text = f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"
            mark = "¹" if op.target_note else ""
            lines.append(
                f"| {op.name} | {o['n']} | {_fmt_ms(o['mean'])} | {_fmt_ms(o['p50'])} | {_fmt_ms(o['p99'])} | {_fmt_ms(o['max'])} "
                f"| {_fmt_ms(o['cold_ms'])} | ≤ {target:g}{mark} | {_verdict(o['p99'] <= target)} "
                f"| {_fmt_ms(b['p50'])} | {_fmt_ms(b['p99'])} | {b['n']} | {ratio_text} |"
            )
        lines.append("")
        lines.append("Slowest calls (ours):")
        for op in OPS:
            slow = "; ".join(f"{ms:.1f} ms {desc[:90]}" for ms, desc in r["ours"][op.name]["slowest"])
            lines.append(f"- {op.name}: {slow}")
        lines.append("")
        lines.append(
            f"Baseline: loading every record took {r['baseline_load_s']:.1f} s; peak RSS with it "
            f"{r['baseline_peak_rss_mb']:.0f} MB (ours: {r['peak_rss_mb']:.0f} MB)."
        )
    lines.append("")
    lines.append("¹ sponsor search has no target of its own in the issue; it is held to the search target.")
    lines.append("")
    lines.append("Operations: " + "; ".join(f"**{op.name}** = {op.what}" for op in OPS) + ".")
    return "\n".join(lines)


def _run_child(size: int, corpus: Path, args: argparse.Namespace, result_path: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--child",
        str(size),
        "--corpus",
        str(corpus),
        "--result",
        str(result_path),
        "--queries",
        str(args.queries),
        "--baseline-queries",
        str(args.baseline_queries),
        "--seed",
        str(args.seed),
        "--vocab",
        args.vocab,
    ]
    root = Path(__file__).resolve().parents[1]
    try:
        proc = subprocess.run(cmd, cwd=root, timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run kills the child before raising
        return {"size": size, "error": f"took longer than {args.timeout} s and was stopped"}
    if proc.returncode != 0 or not result_path.exists():
        return {"size": size, "error": f"child exited with status {proc.returncode}"}
    return json.loads(result_path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--queries", type=int, default=1000, help="timed calls per operation (ours)")
    parser.add_argument(
        "--baseline-queries", type=int, default=50, help="timed calls per operation (baseline)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=int, default=CHILD_TIMEOUT, help="seconds allowed per size")
    parser.add_argument(
        "--vocab",
        choices=VOCABS,
        default="normal",
        help="small: texts drawn from ~1,000 words, so every query word matches 1-2%% of petitions",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    if args.child:
        result = asyncio.run(
            run_size(args.corpus, args.child, args.queries, args.baseline_queries, args.seed)
        )
        result["vocab"] = args.vocab
        args.result.write_text(json.dumps(result), encoding="utf-8")
        return 0

    started = time.monotonic()
    before = host_speed()
    results = []
    for size in args.sizes:
        _progress(f"{size}: corpus…")
        corpus = write_snapshot(size, args.seed, vocab=args.vocab)
        result_path = OUT_DIR / f"result-{size}-s{args.seed}-{args.vocab}.json"
        result_path.unlink(missing_ok=True)
        results.append(_run_child(size, corpus, args, result_path))
    for r in results:
        r["baseline_n"] = f"{args.baseline_queries} "
    table = render(results, args.queries, args.seed, (before, host_speed()))
    print(table)
    (OUT_DIR / f"last-run-{args.vocab}.md" if args.vocab != "normal" else OUT_DIR / "last-run.md").write_text(
        table + "\n", encoding="utf-8"
    )
    _progress(f"done in {time.monotonic() - started:.0f} s")
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
