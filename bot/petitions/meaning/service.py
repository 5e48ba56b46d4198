"""Search by meaning for one store: the encoder (loaded on first use) and the vectors in memory.

The bot makes one at start-up and closes nothing: the encoder is a read-only model and the index a
few numpy arrays, both dropped with the object. The CLI makes one per command.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.petitions.meaning.embed import EmbedProgress, EmbedSummary, embed_pending
from bot.petitions.meaning.encoder import EncoderHandle, EncoderState
from bot.petitions.meaning.index import VectorIndex
from bot.petitions.meaning.vectors import counts, refresh_index
from bot.petitions.store import Store

MAX_QUERY_CHARS = 300


@dataclass(frozen=True, slots=True)
class MeaningStatus:
    """What `/admin status` and `petitionbot status` say about search by meaning."""

    state: EncoderState
    error: str | None  # why the model failed to load
    model: str
    petitions: int
    vectors: int  # petitions with a vector of this model that matches their record

    @property
    def on(self) -> bool:
        return self.state in (EncoderState.IDLE, EncoderState.LOADING, EncoderState.READY)


class Meaning:
    """Petitions by meaning in one store; keyword search never depends on it."""

    def __init__(self, store: Store, encoder: EncoderHandle | None = None) -> None:
        self.store = store
        self.encoder = encoder or EncoderHandle()
        self._index: VectorIndex | None = None
        self._index_lock = asyncio.Lock()

    @property
    def usable(self) -> bool:
        """Enabled, installed and not failed; the model may still have to load."""
        return self.encoder.usable

    async def index(self) -> VectorIndex:
        """The vectors in memory, with whatever was written since the last look (one indexed read when nothing was)."""
        async with self._index_lock:
            if self._index is None or self._index.model != self.encoder.name:
                self._index = VectorIndex(self.encoder.name)
            await refresh_index(self.store, self._index)
            return self._index

    async def has_vector(self, number: str) -> bool:
        """Whether petition `number` has a current vector, so its related petitions can be listed."""
        if not self.usable:
            return False
        row = await self.store.fetch_one(
            "SELECT 1 FROM petitions p JOIN petition_vectors v ON v.petition_id = p.id "
            "WHERE p.number = ? AND v.model = ?",
            (number, self.encoder.name),
        )
        return row is not None

    async def query_vector(self, text: str) -> np.ndarray | None:
        """The query's unit vector; None when meaning search is off or the text is blank."""
        text = " ".join((text or "")[:MAX_QUERY_CHARS].split())
        if not text or not self.usable:
            return None
        found = await self.encoder.encode([text])
        return None if found is None else np.asarray(found[0], dtype=np.float32)

    async def embed(
        self, *, limit: int | None = None, on_progress: Callable[[EmbedProgress], None] | None = None
    ) -> EmbedSummary:
        return await embed_pending(self.store, self.encoder, limit=limit, on_progress=on_progress)

    async def status(self) -> MeaningStatus:
        petitions, vectors = await counts(self.store, self.encoder.name)
        return MeaningStatus(self.encoder.state, self.encoder.error, self.encoder.name, petitions, vectors)
