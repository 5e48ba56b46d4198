"""How fast a user gets an answer: INTERACTION_CREATE to the interaction callback, through the real bot.

    python -m bench.roundtrip              # 20,000 petitions, 300 per row: ~20 s, ~90 s when it must ingest
    python -m bench.roundtrip --per-row 100 --profile bench/out/roundtrip.prof
    python -m bench.roundtrip --gc-freeze  # the same with gc.freeze() after boot, to weigh that remedy

The core benchmark (`bench.run`) times the petition functions alone. This one times what Discord
sees: the fake Discord of the tests (`tests/fakes/discord/`) sends a gateway dispatch, the
unmodified discord.py client parses it, the command tree routes it, the cog asks the store and
renders, and the reply comes back over HTTP. The clock starts when the fake sends the dispatch
and stops when the fake receives POST /interactions/{id}/{token}/callback for it (`Callback.elapsed`).

1. The store: the generated corpus (`bench.generate`) ingested through the real path
   (`ingest.prepare` in worker processes, `Store.upsert` per batch). The result is cached in
   bench/out under a key made of the corpus and the source of the modules ingest loads (anything
   that changes what is stored changes the key), and copied into a temp dir for each run.
2. Sequential latency: per command and locale (en-US, fr), a warm-up, then one interaction at a
   time. /petition uses numbers drawn from the corpus in the forms people type (about 5% are not in
   the store); /search uses words, pairs, phrases, filters and typos from the corpus text;
   autocomplete types number prefixes (and a few words) into /petition's number option. /search
   defers, so its callback is the deferral; the time until the results arrive is shown beside it.
3. Throughput: a mixed load with 8 and 16 interactions in flight; an interaction counts as done when
   its answer is there (the callback, or for /search the message that follows the deferral).

The fake checks every payload against Discord's limits as it does in the tests; the run reports any
violation, any ERROR logged by discord.py, `bot` or `cogs`, and the garbage collector's pauses. Both
run in one event loop, as in the tests, so the fake's own work (JSON, limit checks) is inside the
figures; the fake forgets answered interactions so its records do not load the bot's heap. Nothing
is asserted: the table is printed (and written to bench/out/roundtrip-last.md).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import hashlib
import io
import json
import logging
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.generate import DEFAULT_SEED, NOW, OUT_DIR, write_snapshot

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CACHE_VERSION = "1"  # bump when the way this file builds the store changes
INGEST_CHUNK = 1000  # petitions per worker task and per upsert transaction
LOCALES = ("en-US", "fr")
TARGET_MS = 30.0  # p99, INTERACTION_CREATE -> callback, for /petition and /search
KEEP_RECORDS = 200  # answered interactions the fake remembers (see `settle`)
WAIT = 10.0  # seconds the bench waits for any one answer before calling it lost
DEFAULT_BUDGET = 290.0  # seconds for the whole run; stopped (and reported) past it


def _progress(msg: str) -> None:
    print(f"[roundtrip {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- The store ---------------------------------------------------------------------------------------


_LIST_INGEST_MODULES = (
    "import sys, bot.petitions.ingest\n"
    "for name, m in list(sys.modules.items()):\n"
    "    if name.startswith('bot.') and getattr(m, '__file__', None): print(m.__file__)"
)


def _source_key(corpus: Path) -> str:
    """Changes whenever the corpus or the code that decides what is stored changes.

    That code is what importing `bot.petitions.ingest` loads (store, summaries, countries, model, text)
    plus the migrations; edits to search or autocomplete leave the stored rows alone and keep the cache.
    """
    listing = subprocess.run(  # a fresh interpreter: this one has imported the whole bot by now
        [sys.executable, "-c", _LIST_INGEST_MODULES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    digest = hashlib.sha256(f"{CACHE_VERSION}|{corpus.name}|{corpus.stat().st_size}".encode())
    files = {Path(line) for line in listing.splitlines() if line}
    files |= set((ROOT / "bot" / "petitions" / "migrations").glob("*.sql"))
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _prepare_lines(lines: list[str]) -> list[Any]:
    """Worker process: snapshot lines -> `Prepared` records (summaries, countries), the costly part."""
    from bot.petitions.ingest import prepare
    from bot.petitions.model import Petition

    return [prepare(Petition.from_dict(json.loads(line))) for line in lines]


def _line_chunks(corpus: Path, size: int) -> Iterator[list[str]]:
    with corpus.open(encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        if header.get("format") != "petitionbot-snapshot":
            raise ValueError(f"{corpus} is not a petitionbot snapshot")
        chunk: list[str] = []
        for line in fh:
            if line.strip():
                chunk.append(line)
                if len(chunk) == size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk


async def _ingest(corpus: Path, db: Path) -> tuple[int, float]:
    """Ingest the corpus into a new SQLite file; returns (petitions, seconds)."""
    from bot.petitions.store import Store

    started = time.perf_counter()
    workers = max(1, os.cpu_count() or 1)
    loop = asyncio.get_running_loop()
    store = await Store.open(db)
    count = 0
    try:
        with ProcessPoolExecutor(workers) as pool:
            pending: deque[asyncio.Future[list[Any]]] = deque()
            chunks = _line_chunks(corpus, INGEST_CHUNK)
            for chunk in chunks:
                pending.append(loop.run_in_executor(pool, _prepare_lines, chunk))
                if len(pending) > workers:
                    prepared = await pending.popleft()
                    await store.upsert(prepared)
                    count += len(prepared)
                    if count % 5000 == 0:
                        _progress(f"ingested {count:,}")
            while pending:
                prepared = await pending.popleft()
                await store.upsert(prepared)
                count += len(prepared)
    finally:
        await store.close()  # the last connection checkpoints the WAL into the file
    return count, time.perf_counter() - started


async def cached_store(size: int, seed: int, *, fresh: bool) -> tuple[Path, str]:
    """The path of an ingested store for (size, seed), building it when the cache is missing or stale."""
    corpus = write_snapshot(size, seed)
    key = _source_key(corpus)
    cached = OUT_DIR / f"roundtrip-store-{size}-s{seed}-{key}.sqlite3"
    if cached.exists() and not fresh:
        return cached, f"cached store {cached.name} (ingested earlier from {corpus.name})"
    for stale in OUT_DIR.glob(f"roundtrip-store-{size}-s{seed}-*"):
        stale.unlink()
    building = cached.with_name(cached.name + ".building")
    for leftover in OUT_DIR.glob(building.name + "*"):
        leftover.unlink()
    _progress(f"ingesting {corpus.name} into a new store…")
    count, seconds = await _ingest(corpus, building)
    if count != size:
        raise RuntimeError(f"{corpus} held {count} petitions, expected {size}")
    building.replace(cached)
    return (
        cached,
        f"ingested {count:,} petitions from {corpus.name} in {seconds:.0f} s ({count / seconds:,.0f}/s)",
    )


# --- What users type -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Samples:
    """Seeded reservoirs read from the corpus: numbers, words and names as people would type them."""

    rng: random.Random
    numbers: list[str] = field(default_factory=list)
    e_numbers: list[str] = field(default_factory=list)
    presented: list[str] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "fr": []})
    phrases: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "fr": []})
    sponsors: list[str] = field(default_factory=list)
    subjects: dict[str, set[str]] = field(default_factory=lambda: {"en": set(), "fr": set()})
    max_e: int = 0
    seen: int = 0

    def _keep(self, bucket: list[str], value: str, size: int = 2000) -> None:
        if len(bucket) < size:
            bucket.append(value)
        else:
            j = self.rng.randrange(self.seen + 1)
            if j < size:
                bucket[j] = value

    def add(self, record: dict[str, Any]) -> None:
        self.seen += 1
        number = record["number"]
        self._keep(self.numbers, number)
        if number.startswith("e-"):
            self._keep(self.e_numbers, number)
            self.max_e = max(self.max_e, int(number[2:]))
        if record.get("presented_number"):
            self._keep(self.presented, record["presented_number"])
        if record.get("sponsor"):
            self._keep(self.sponsors, record["sponsor"]["name"])
        for lang in ("en", "fr"):
            subject = (record.get("subject") or {}).get(lang)
            if subject:
                self.subjects[lang].add(subject)
        if self.rng.random() < 0.1:
            for lang in ("en", "fr"):
                paragraphs = (record.get("grievances") or {}).get(lang) or []
                if not paragraphs:
                    continue
                tokens = [
                    t.strip(".,;:()«»\"'’")
                    for t in self.rng.choice(paragraphs).split()
                    if t.strip(".,;:()«»\"'’").isalpha()
                ]
                content = [t for t in tokens if len(t) >= 5]
                if content:
                    self._keep(self.words[lang], self.rng.choice(content).lower())
                if len(tokens) >= 3:
                    i = self.rng.randrange(len(tokens) - 2)
                    self._keep(self.phrases[lang], " ".join(tokens[i : i + 2]).lower())


def read_samples(corpus: Path, seed: int) -> Samples:
    samples = Samples(random.Random(seed))
    with corpus.open(encoding="utf-8") as fh:
        fh.readline()  # the snapshot header
        for line in fh:
            if line.strip():
                samples.add(json.loads(line))
    return samples


@dataclass(frozen=True, slots=True)
class Job:
    """One interaction to send: a slash command or an autocomplete request."""

    command: str  # "petition" | "search" | "autocomplete"
    locale: str
    options: dict[str, Any]

    def describe(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"{self.locale} {shown}"


def _typed_number(rng: random.Random, number: str) -> str:
    """A petition number in one of the forms people type or paste."""
    if number.startswith("e-"):
        seq = number[2:]
        return rng.choice((number, f"E{seq}", f"e {seq}", f"e-{seq}", f"#e-{seq}", number.upper()))
    head, seq = number.split("-")
    return rng.choice((number, number, f"{head} {int(seq)}", f"{head}-{int(seq)}", f"No. {number}"))


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def petition_job(s: Samples, rng: random.Random, locale: str) -> Job:
    r = rng.random()
    if r < 0.05:  # a number that is not (yet) in the store: the error path with close numbers
        number = f"e-{s.max_e + rng.randint(1, 400)}"
    elif r < 0.2 and s.presented:
        number = _typed_number(rng, rng.choice(s.presented))
    else:
        number = _typed_number(rng, rng.choice(s.numbers))
    return Job("petition", locale, {"number": number})


def search_job(s: Samples, rng: random.Random, locale: str) -> Job:
    lang = "fr" if locale == "fr" else "en"
    words = s.words[lang]
    r = rng.random()
    options: dict[str, Any] = {}
    if r < 0.40:
        options["query"] = rng.choice(words)
    elif r < 0.60:
        options["query"] = " ".join(rng.sample(words, 2))
    elif r < 0.70:
        options["query"] = f'"{rng.choice(s.phrases[lang])}"'
    elif r < 0.90:
        options["query"] = rng.choice(words)
        extra = rng.choice(("status", "type", "answered", "subject", "sponsor", "parliament", "from"))
        if extra == "status":
            options["status"] = rng.choice(("open", "closed", "answered", "dissolved", "certification"))
        elif extra == "type":
            options["type"] = rng.choice(("e", "paper"))
        elif extra == "answered":
            options["answered"] = rng.random() < 0.6
        elif extra == "subject":
            options["subject"] = rng.choice(sorted(s.subjects[lang]))
        elif extra == "sponsor":
            options["sponsor"] = rng.choice(s.sponsors).split()[-1]
        elif extra == "parliament":
            options["parliament"] = rng.choice((43, 44, 45))
        else:
            options["from"] = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-01"
    else:
        options["query"] = _typo(rng, rng.choice(words))
    return Job("search", locale, options)


def autocomplete_job(s: Samples, rng: random.Random, locale: str) -> Job:
    """What is in the number box while someone types a petition number (sometimes a word)."""
    r = rng.random()
    if r < 0.03:
        typed = ""
    elif r < 0.5:
        seq = rng.choice(s.e_numbers or ["e-1000"])[2:]
        typed = rng.choice(("e-", "E", "e ", "e")) + seq[: rng.randint(0, len(seq))]
    elif r < 0.9:
        number = rng.choice(s.numbers + s.presented)
        typed = number[: rng.randint(2, len(number))]
    else:
        lang = "fr" if locale == "fr" else "en"
        word = rng.choice(s.words[lang])
        typed = word[: rng.randint(3, len(word))]
    return Job("autocomplete", locale, {"number": typed})


MIX = {"/petition": 0.45, "/search": 0.15, "autocomplete": 0.40}  # shares of the throughput load
MAKERS = {"petition": petition_job, "search": search_job, "autocomplete": autocomplete_job}


# --- Driving the fake -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    job: Job
    callback_ms: float  # INTERACTION_CREATE sent -> callback received
    answer_ms: float  # -> the answer is there (== callback_ms unless the bot deferred)
    callback_type: int
    error: bool  # the user got an error message (ephemeral) rather than a result


def _answer_at(fake: Any, token: str, callback_request: Any) -> float | None:
    """When the message after a deferral arrived: the first followup or edit of @original."""
    prefix = f"/webhooks/{fake.app_id}/{token}"
    found: float | None = None
    for record in reversed(fake.requests):  # the answer is among the last requests: stop at the callback
        if record is callback_request:
            break
        if record.path.startswith(prefix) and record.method in ("POST", "PATCH"):
            found = record.at
    return found


async def send(fake: Any, job: Job) -> Any:
    if job.command == "autocomplete":
        return await fake.autocomplete("petition", job.options, focused="number", locale=job.locale)
    return await fake.slash(job.command, job.options, locale=job.locale)


def signalling_fake() -> Any:
    """The tests' fake Discord, plus an event per interaction token, set when a request with it arrives.

    `handle.wait_response()` polls: every request wakes every waiter, and each waiter also wakes every
    20 ms. With 16 interactions in flight that costs the shared event loop more than the bot's own
    work, so the bench waits on these events instead. The times still come from the fake's records.
    """
    from tests.fakes.discord import FakeDiscord

    class SignallingFake(FakeDiscord):
        def __init__(self) -> None:
            super().__init__()
            self.arrivals: dict[str, asyncio.Event] = {}
            self._settled: deque[str] = deque()

        def settle(self, token: str) -> None:
            """Forgets old interactions, their messages and requests once answered.

            The fake keeps everything for the tests' assertions; over thousands of interactions that
            grows the heap the bot's garbage collector walks, a cost real Discord never puts there.
            """
            self._settled.append(token)
            while len(self._settled) > KEEP_RECORDS:
                old = self.interactions.pop(self._settled.popleft(), None)
                if old is not None:
                    for message_id in (old.original_id, *old.followup_ids):
                        self.messages.pop(message_id, None)
            if len(self.requests) > 4 * KEEP_RECORDS:
                del self.requests[: -2 * KEEP_RECORDS]

        async def _route(self, record: Any) -> tuple[int, Any]:
            try:
                return await super()._route(record)
            finally:
                parts = record.path.split("/")  # /interactions/{id}/{token}/… or /webhooks/{app}/{token}…
                if len(parts) > 3 and parts[1] in ("interactions", "webhooks"):
                    event = self.arrivals.get(parts[3])
                    if event is not None:
                        event.set()

    return SignallingFake()


def _answered(handle: Any) -> bool:
    """The user has the answer: a reply, choices, or after a deferral the message that replaces it."""
    if not handle.callbacks:
        return False
    if handle.callbacks[0].type == 5:
        return not handle.loading or bool(handle.followup_ids)
    return True


async def complete(fake: Any, job: Job, handle: Any) -> Outcome:
    """Waits until the user has the answer; the times come from the fake's own records."""
    event = fake.arrivals.setdefault(handle.token, asyncio.Event())
    try:
        async with asyncio.timeout(WAIT):
            while not _answered(handle):
                event.clear()
                await event.wait()
    finally:
        fake.arrivals.pop(handle.token, None)
    callback = handle.callbacks[0]
    callback_ms = callback.elapsed * 1000
    answer_ms = callback_ms
    error = False
    if job.command != "autocomplete":
        message = await handle.final_message(WAIT)  # answered already: no waiting here
        error = bool(int(message.get("flags") or 0) & 64) and not message.get("embeds")
        if callback.type == 5:
            at = _answer_at(fake, handle.token, callback.request)
            if at is not None:
                answer_ms = (at - handle.sent_at) * 1000
    fake.settle(handle.token)
    return Outcome(job, callback_ms, answer_ms, callback.type, error)


async def _one(fake: Any, job: Job, lost: list[str]) -> Outcome | None:
    handle = await send(fake, job)
    try:
        return await complete(fake, job, handle)
    except TimeoutError:
        lost.append(f"/{job.command} {job.describe()}")
        fake.settle(handle.token)
        return None


async def sequential(fake: Any, jobs: Sequence[Job], warmup: int, lost: list[str]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for i, job in enumerate(jobs):
        outcome = await _one(fake, job, lost)
        if outcome is not None and i >= warmup:
            outcomes.append(outcome)
        await asyncio.sleep(0.001)  # let the bot finish what it does after replying, as between users
    return outcomes


async def concurrent(
    fake: Any, jobs: Sequence[Job], in_flight: int, lost: list[str]
) -> tuple[list[Outcome], float]:
    """Keeps `in_flight` interactions open until `jobs` are done; returns outcomes and wall seconds."""
    queue = iter(jobs)
    outcomes: list[Outcome] = []

    async def user() -> None:
        for job in queue:
            outcome = await _one(fake, job, lost)
            if outcome is not None:
                outcomes.append(outcome)

    started = time.perf_counter()
    await asyncio.gather(*(user() for _ in range(in_flight)))
    return outcomes, time.perf_counter() - started


class GcWatch:
    """Times the garbage collector's pauses: a full collection stops the event loop, and every open
    interaction with it."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []  # (generation, ms)
        self._started = 0.0

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._started) * 1000))

    def summary(self) -> str:
        parts = []
        for generation in (0, 1, 2):
            ms = [p for g, p in self.pauses if g == generation]
            if ms:
                parts.append(f"gen {generation}: {len(ms)}× longest {max(ms):.1f} ms, total {sum(ms):.0f} ms")
        return "; ".join(parts) or "none"


# --- Figures ------------------------------------------------------------------------------------------------


def _rank(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def _ms(v: float) -> str:
    if v != v:
        return "—"
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"


@dataclass(slots=True)
class Row:
    label: str
    values: list[float]
    target: float | None
    note: str = ""

    def cells(self) -> str:
        v = self.values
        p99 = _rank(v, 0.99)
        if self.target is None:
            target, verdict = "", ""
        else:
            target = f"≤ {self.target:g}"
            verdict = "PASS" if p99 <= self.target else "**MISS**"
        return (
            f"| {self.label} | {len(v)} | {_ms(statistics.fmean(v) if v else float('nan'))} "
            f"| {_ms(_rank(v, 0.5))} | {_ms(_rank(v, 0.9))} | {_ms(p99)} | {_ms(max(v) if v else float('nan'))} "
            f"| {target} | {verdict} | {self.note} |"
        )


def sequential_rows(outcomes: list[Outcome]) -> list[Row]:
    rows: list[Row] = []
    for command, title in (
        ("petition", "/petition"),
        ("search", "/search"),
        ("autocomplete", "autocomplete"),
    ):
        mine = [o for o in outcomes if o.job.command == command]
        for locale in (*LOCALES, "all"):
            part = [o for o in mine if locale in ("all", o.job.locale)]
            if not part:
                continue
            errors = sum(o.error for o in part)
            deferred = sum(o.callback_type == 5 for o in part)
            target = TARGET_MS if command in ("petition", "search") else None
            note = f"{errors} answered with an error message" if errors else ""
            if command == "search":
                note = f"callback = the deferral ({deferred}/{len(part)} deferred)"
            if command == "autocomplete":
                note = "number option of /petition"
            rows.append(Row(f"{title} {locale}", [o.callback_ms for o in part], target, note))
            if command == "search":
                rows.append(
                    Row(
                        f"/search {locale}: results shown",
                        [o.answer_ms for o in part],
                        TARGET_MS,
                        "reference only: INTERACTION_CREATE → the followup with the results",
                    )
                )
    return rows


def _pair(values: list[float]) -> str:
    return f"{_ms(_rank(values, 0.5))} / {_ms(_rank(values, 0.99))}"


def _times(outcomes: list[Outcome], command: str, *, answer: bool = False) -> list[float]:
    return [o.answer_ms if answer else o.callback_ms for o in outcomes if o.job.command == command]


def slowest(outcomes: list[Outcome], command: str, n: int = 3) -> str:
    mine = sorted(
        (o for o in outcomes if o.job.command == command), key=lambda o: o.callback_ms, reverse=True
    )
    return "; ".join(f"{o.callback_ms:.1f} ms {o.job.describe()[:80]}" for o in mine[:n])


# --- The run ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Report:
    size: int
    seed: int
    store_note: str = ""
    sequential: list[Outcome] = field(default_factory=list)
    throughput: list[tuple[int, int, float, list[Outcome]]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    error_logs: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    boot_s: float = 0.0
    gc_frozen: bool = False
    gc_sequential: str = ""
    gc_throughput: str = ""
    seconds: float = 0.0

    def render(self, per_row: int, warmup: int) -> str:
        load = os.getloadavg()
        lines = [
            f"Round trip through the real bot (discord.py {_discord_version()}) and the fake Discord, "
            f"{self.size:,} generated petitions (seed {self.seed}); Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the end. {self.store_note}.",
            "",
            f"Sequential: one interaction at a time, {warmup} warm-up then {per_row} timed per command and "
            "locale. Clock: the fake sends INTERACTION_CREATE → the fake receives the callback "
            "(POST /interactions/{id}/{token}/callback).",
            "",
            "| interaction | n | mean ms | p50 ms | p90 ms | p99 ms | max ms | p99 target | verdict | note |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        lines += [row.cells() for row in sequential_rows(self.sequential)]
        lines += [
            "",
            "Throughput: mixed load ("
            + ", ".join(f"{share:.0%} {name}" for name, share in MIX.items())
            + "; en-US and fr), an interaction done when its answer is there.",
            "",
        ]
        lines.append(
            "| in flight | interactions | seconds | interactions/s | all: callback p50 / p99 ms "
            "| /petition: callback p50 / p99 ms | /search: deferral p99, results p50 / p99 ms "
            "| autocomplete: p50 / p99 ms |"
        )
        lines.append("|---|---|---|---|---|---|---|---|")
        for in_flight, n, seconds, outs in self.throughput:
            lines.append(
                f"| {in_flight} | {n} | {seconds:.1f} | {n / seconds:,.0f} "
                f"| {_pair([o.callback_ms for o in outs])} | {_pair(_times(outs, 'petition'))} "
                f"| {_ms(_rank(_times(outs, 'search'), 0.99))}, {_pair(_times(outs, 'search', answer=True))} "
                f"| {_pair(_times(outs, 'autocomplete'))} |"
            )
        lines.append("")
        lines.append("Slowest sequential callbacks:")
        for command in ("petition", "search", "autocomplete"):
            lines.append(f"- {command}: {slowest(self.sequential, command)}")
        lines.append("")
        lines.append(
            f"Limit violations recorded by the fake: {len(self.violations)}"
            + ("" if not self.violations else " — " + "; ".join(self.violations[:5]))
        )
        lines.append(
            f"ERROR log records (discord, bot, cogs): {len(self.error_logs)}"
            + ("" if not self.error_logs else " — " + "; ".join(self.error_logs[:5]))
        )
        if self.lost:
            lines.append(
                f"Interactions without an answer within {WAIT:g} s: {len(self.lost)} — {'; '.join(self.lost[:3])}"
            )
        frozen = "after gc.freeze() at boot (--gc-freeze)" if self.gc_frozen else "default settings"
        lines.append(
            f"Garbage collector ({frozen}): sequential part {self.gc_sequential}; "
            f"throughput part {self.gc_throughput}."
        )
        lines.append(f"Bot boot (login, sync, ready): {self.boot_s:.2f} s; whole run {self.seconds:.0f} s.")
        return "\n".join(lines)


def _discord_version() -> str:
    import discord

    return discord.__version__


def make_blocks(samples: Samples, seed: int, per_row: int, warmup: int) -> list[tuple[str, str, list[Job]]]:
    """(command, locale, warm-up + timed jobs) for the sequential part."""
    rng = random.Random(seed ^ 0x5EED)
    return [
        (command, locale, [maker(samples, rng, locale) for _ in range(warmup + per_row)])
        for locale in LOCALES
        for command, maker in MAKERS.items()
    ]


def mixed_jobs(samples: Samples, seed: int, n: int) -> list[Job]:
    rng = random.Random(seed ^ 0xF10D)
    commands = rng.choices(list(MIX), weights=list(MIX.values()), k=n)
    return [MAKERS[c.lstrip("/")](samples, rng, rng.choice(LOCALES)) for c in commands]


async def run(args: argparse.Namespace) -> Report:
    from bot.discord_bot import PetitionBot
    from bot.petitions.store import Store
    from bot.settings import Settings
    from tests.fakes.discord import FastIdentifyMixin, running_bot

    started = time.perf_counter()
    report = Report(args.size, args.seed)
    cached, report.store_note = await cached_store(args.size, args.seed, fresh=args.fresh)
    _progress(report.store_note)
    samples = await asyncio.to_thread(read_samples, write_snapshot(args.size, args.seed), args.seed)
    plan = make_blocks(samples, args.seed, args.per_row, args.warmup)
    mixed = mixed_jobs(samples, args.seed, args.mixed * len(args.in_flight) + 40)

    class BenchBot(FastIdentifyMixin, PetitionBot):
        pass

    with tempfile.TemporaryDirectory(prefix="roundtrip-") as tmp:
        db = Path(tmp) / "petitions.sqlite3"
        await asyncio.to_thread(shutil.copyfile, cached, db)
        store = await Store.open(db)
        fake = signalling_fake()
        await fake.start()
        try:
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None,
                DISCORD_TOKEN=fake.token,
                DEV_GUILD_ID=fake.guild_id,
                OWNER_IDS=[fake.owner_id],
                PETITIONBOT_DB=db,
                REFRESH_MINUTES=0,
                DISCORD_API_BASE=fake.api_base,
                DISCORD_GATEWAY_URL=fake.gateway_url,
            )
            bot = BenchBot(settings, store=store, today=lambda: NOW.date(), guild_ready_timeout=0.05)
            boot = time.perf_counter()
            async with running_bot(bot, fake, loggers=("bot", "cogs"), check_logs=False):
                report.boot_s = time.perf_counter() - boot
                if args.gc_freeze:  # what the bot could do at the end of start-up; see the docstring
                    gc.collect()
                    gc.freeze()
                    report.gc_frozen = True
                profiler = cProfile.Profile() if args.profile else None
                try:
                    await _measure(fake, plan, mixed, args, report, profiler)
                finally:
                    if profiler is not None:
                        profiler.dump_stats(args.profile)
                        _print_profile(profiler)
                assert fake.error_log is not None
                report.error_logs = [fake.error_log._describe(r) for r in fake.error_log.records]
        finally:
            await fake.close()
            await store.close()
        report.violations = list(fake.violations)
    report.seconds = time.perf_counter() - started
    return report


async def _measure(
    fake: Any,
    plan: list[tuple[str, str, list[Job]]],
    mixed: list[Job],
    args: argparse.Namespace,
    report: Report,
    profiler: cProfile.Profile | None,
) -> None:
    with GcWatch() as watch:
        for command, locale, jobs in plan:
            if profiler:
                profiler.enable()
            try:
                outcomes = await sequential(fake, jobs, args.warmup, report.lost)
            finally:
                if profiler:
                    profiler.disable()
            report.sequential += outcomes
            cb = [o.callback_ms for o in outcomes]
            _progress(f"{command:<12} {locale:<5} p50 {_rank(cb, 0.5):.2f} ms  p99 {_rank(cb, 0.99):.2f} ms")
    report.gc_sequential = watch.summary()
    await sequential(fake, mixed[:40], 40, report.lost)  # warm the mix
    offset = 40
    with GcWatch() as watch:
        for in_flight in args.in_flight:
            jobs = mixed[offset : offset + args.mixed]
            offset += args.mixed
            outcomes, seconds = await concurrent(fake, jobs, in_flight, report.lost)
            report.throughput.append((in_flight, len(outcomes), seconds, outcomes))
            _progress(f"{in_flight} in flight: {len(outcomes) / seconds:,.0f} interactions/s")
    report.gc_throughput = watch.summary()


def _print_profile(profiler: cProfile.Profile) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(45)
    print(out.getvalue(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.roundtrip", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="petitions in the store")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--per-row", type=int, default=300, help="timed interactions per command and locale")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--mixed", type=int, default=800, help="interactions per throughput level")
    parser.add_argument("--in-flight", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--fresh", action="store_true", help="ingest again even if a cached store exists")
    parser.add_argument("--profile", type=Path, help="profile the sequential part with cProfile, stats here")
    parser.add_argument(
        "--gc-freeze", action="store_true", help="gc.freeze() after boot, to measure that remedy"
    )
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET, help="seconds before the run stops")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    async def bounded() -> Report:
        return await asyncio.wait_for(run(args), args.budget)

    try:
        report = asyncio.run(bounded())
    except TimeoutError:
        print(f"roundtrip: stopped after the {args.budget:g} s budget", file=sys.stderr)
        return 2
    table = report.render(args.per_row, args.warmup)
    print(table)
    (OUT_DIR / "roundtrip-last.md").write_text(table + "\n", encoding="utf-8")
    return 0 if not (report.violations or report.error_logs or report.lost) else 1


if __name__ == "__main__":
    sys.exit(main())
