"""Computing the vectors that are missing or out of date: `petitionbot embed`, and the bot after a
refresh, an import or a backfill pass.

It is a step of its own, not part of ingest, so ingest keeps its speed. It resumes by construction:
what is left to do is read from the store each time (no vector, another model's, or older than its
record), and each batch of vectors is written in one small transaction, so a kill -9 loses at most
the batch being computed and running it again carries on from there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.petitions.meaning.encoder import EncoderHandle
from bot.petitions.meaning.vectors import (
    VectorRow,
    combine,
    decode,
    pending_batch,
    pending_count,
    petition_texts,
    text_hash,
    write_batch,
)
from bot.petitions.store import Store

log = logging.getLogger(__name__)

BATCH = 16
"""Petitions per batch (and per transaction): about a quarter of a second of encoding."""


@dataclass(slots=True)
class EmbedProgress:
    done: int  # petitions looked at in this run
    total: int  # petitions that needed a look when the run started
    encoded: int  # of those, vectors computed (the others' text had not changed)
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        share = 100 * self.done / self.total if self.total else 100.0
        eta = ""
        if self.rate and self.done < self.total:
            left = (self.total - self.done) / self.rate
            eta = f", about {int(left // 60)} min {int(left % 60)} s left"
        return (
            f"vectors: {self.done:,} of {self.total:,} petitions ({share:.0f}%), "
            f"{self.encoded:,} computed, {self.rate:.0f}/s{eta}"
        )


@dataclass(slots=True)
class EmbedSummary:
    looked_at: int = 0
    encoded: int = 0
    unchanged: int = 0  # records that changed elsewhere than in the text a vector is made from
    seconds: float = 0.0
    off: str | None = None  # why nothing could be computed: the encoder is missing, failed or disabled

    def line(self) -> str:
        if self.off:
            return f"meaning search is off ({self.off}): no vector computed"
        if not self.looked_at:
            return "vectors: every petition has a current vector"
        return (
            f"vectors: {self.encoded:,} computed, {self.unchanged:,} unchanged texts, "
            f"in {self.seconds:.1f} s ({self.looked_at / max(self.seconds, 1e-9):.0f} petitions/s)"
        )


async def embed_pending(
    store: Store,
    encoder: EncoderHandle,
    *,
    batch: int = BATCH,
    limit: int | None = None,
    on_progress: Callable[[EmbedProgress], None] | None = None,
) -> EmbedSummary:
    """Compute every missing or out-of-date vector, one transaction per batch; `limit` petitions at most."""
    summary = EmbedSummary()
    if not encoder.usable:
        summary.off = encoder.state.value
        return summary
    model = encoder.name
    total = await pending_count(store, model)
    if limit is not None:
        total = min(total, limit)
    if not total:
        return summary
    if await encoder.get() is None:
        summary.off = encoder.state.value
        return summary
    started = time.monotonic()
    after = 0
    while summary.looked_at < total:
        rows = await pending_batch(store, model, after, min(batch, total - summary.looked_at))
        if not rows:
            break
        after = rows[-1][0]  # the batch's highest petition id
        done = await _embed_batch(store, encoder, model, rows)
        if done is None:
            summary.off = encoder.state.value
            break
        summary.looked_at += len(rows)
        summary.encoded += done[0]
        summary.unchanged += done[1]
        summary.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(EmbedProgress(summary.looked_at, total, summary.encoded, summary.seconds))
    summary.seconds = time.monotonic() - started
    if summary.encoded:
        log.info("%s", summary.line())
    return summary


async def _embed_batch(
    store: Store, encoder: EncoderHandle, model: str, rows: Sequence[tuple[int, str, str, str | None]]
) -> tuple[int, int] | None:
    """Vectors for one batch's changed texts, written with the records looked at: (vectors computed,
    texts unchanged), or None when the encoder failed."""
    fresh: list[tuple[int, str, str, list[str]]] = []  # (id, record hash, text hash, texts)
    touched: list[tuple[int, str]] = []
    for petition_id, record_hash, record, stored_hash in rows:
        texts = petition_texts(decode(record))
        digest = text_hash(model, texts)
        if digest == stored_hash:
            touched.append((petition_id, record_hash))
        elif texts:
            fresh.append((petition_id, record_hash, digest, texts))
        else:  # no subject, keyword or text at all: nothing to compute until the record changes
            touched.append((petition_id, record_hash))
    vectors: list[VectorRow] = []
    if fresh:
        encoded = await encoder.encode([text for *_, texts in fresh for text in texts])
        if encoded is None:
            return None
        combined = combine(np.asarray(encoded), [len(texts) for *_, texts in fresh])
        vectors = [
            VectorRow(pid, digest, record_hash, combined[i])
            for i, (pid, record_hash, digest, _texts) in enumerate(fresh)
        ]
    await write_batch(store, model, vectors, touched)
    return len(vectors), len(touched)
