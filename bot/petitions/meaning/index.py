"""Every petition vector in memory, and the scan that finds a query's nearest petitions.

Rows are int8 (512 bytes a petition, 51 MB at 100,000) with one float scale each, so that
`scale * row` is the unit vector the encoder gave. A scan first compares sign bits (64 bytes a
row, stored word by word so that XOR and popcount run over contiguous columns: under a millisecond at
100,000), keeps the `candidates` rows
whose signs agree most with the query's, and ranks those by their int8 dot product. Sign
agreement estimates the angle between two vectors, so the true nearest rows are almost always
among the candidates; `bench/meaning.py` measures how often the top 10 equals an exact float
search. Small sets (a filter that passes few petitions, a small store) are ranked exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

CANDIDATES = 3072
"""Rows ranked exactly after the sign-bit pass. Measured at 100,000 petitions (bench/meaning.py): 2,048
candidates keep 94.8% of the exact top 10 of a query, 3,072 keep 96.2%, 4,096 97.1% for 2 ms more."""
EXACT_BELOW = 4096  # sets this small are ranked exactly, without the sign-bit pass
_GROW = 1.5


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit float rows as (int8 rows, scales): row ≈ scale * int8, each row scaled to its own largest value."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, dtype=np.float32)
    scales = np.maximum(peak, 1e-12) / 127.0
    q8 = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return q8, scales.astype(np.float32)


def sign_words(rows: np.ndarray) -> np.ndarray:
    """The sign bits of each row packed into uint64 words (a row of 512 values: 8 words)."""
    bits = np.packbits(np.asarray(rows) > 0, axis=-1)
    return np.ascontiguousarray(bits).view(np.uint64)


class VectorIndex:
    """The vectors of one model, keyed by petition id; grows in place as batches arrive."""

    def __init__(self, model: str, dim: int = 512) -> None:
        self.model = model
        self.dim = dim
        self.stamp = 0  # the highest stored batch stamp loaded
        self._n = 0
        self._ids = np.zeros(0, dtype=np.int64)
        self._q8 = np.zeros((0, dim), dtype=np.int8)
        self._scales = np.zeros(0, dtype=np.float32)
        self._signs = np.zeros((dim // 64, 0), dtype=np.uint64)  # word w of row i at [w, i]
        self._order = np.zeros(0, dtype=np.int64)  # positions sorted by id
        self._sorted = np.zeros(0, dtype=np.int64)  # ids sorted

    def __len__(self) -> int:
        return self._n

    @property
    def nbytes(self) -> int:
        return sum(
            a.nbytes for a in (self._ids, self._q8, self._scales, self._signs, self._order, self._sorted)
        )

    # --- filling ---------------------------------------------------------------------------

    def update(self, ids: Sequence[int] | np.ndarray, q8: np.ndarray, scales: np.ndarray) -> None:
        """Insert these rows, or overwrite the rows the ids already have."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return
        # Within one update the last row of an id wins, as it would in the table.
        ids, first = np.unique(ids[::-1], return_index=True)
        last = len(q8) - 1 - first
        q8, scales = np.asarray(q8)[last], np.asarray(scales)[last]
        pos = self.positions(ids)
        old = pos >= 0
        self._q8[pos[old]] = q8[old]
        self._scales[pos[old]] = scales[old]
        self._signs[:, pos[old]] = sign_words(q8[old]).T
        new = ~old
        if new.any():
            self.reserve(self._n + int(new.sum()))
            self.append(ids[new], q8[new], scales[new])
            self.finish()

    def append(self, ids: np.ndarray, q8: np.ndarray, scales: np.ndarray) -> None:
        """Add rows for ids the index does not hold (a full load); `finish()` once after the last."""
        count = len(ids)
        self.reserve(self._n + count)
        at = slice(self._n, self._n + count)
        self._ids[at] = ids
        self._q8[at] = q8
        self._scales[at] = scales
        self._signs[:, at] = sign_words(q8).T
        self._n += count

    def finish(self) -> None:
        """Index the rows by id after appending."""
        self._order = np.argsort(self._ids[: self._n], kind="stable")
        self._sorted = self._ids[: self._n][self._order]

    def take(self, other: VectorIndex) -> None:
        """Become `other` (a fresh load), so that whoever holds this index sees the new rows."""
        self.model, self.dim, self.stamp, self._n = other.model, other.dim, other.stamp, other._n
        self._ids, self._q8, self._scales, self._signs = other._ids, other._q8, other._scales, other._signs
        self._order, self._sorted = other._order, other._sorted

    def reserve(self, size: int, *, exact: bool = False) -> None:
        """Room for `size` rows: exactly that many before a full load, else with room to grow."""
        if size <= len(self._ids):
            return
        capacity = size if exact else max(size, int(len(self._ids) * _GROW), 1024)

        def grown(a: np.ndarray, axis: int = 0) -> np.ndarray:
            shape = list(a.shape)
            shape[axis] = capacity
            out = np.zeros(shape, dtype=a.dtype)
            if axis:
                out[:, : self._n] = a[:, : self._n]
            else:
                out[: self._n] = a[: self._n]
            return out

        self._ids, self._q8, self._scales = grown(self._ids), grown(self._q8), grown(self._scales)
        self._signs = grown(self._signs, axis=1)

    # --- reading ---------------------------------------------------------------------------

    def positions(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The row of each id, -1 where it has none."""
        ids = np.asarray(ids, dtype=np.int64)
        if not self._n or not len(ids):
            return np.full(len(ids), -1, dtype=np.int64)
        at = np.searchsorted(self._sorted, ids)
        at = np.minimum(at, self._n - 1)
        found = self._sorted[at] == ids
        return np.where(found, self._order[at], -1)

    def vector(self, petition_id: int) -> np.ndarray | None:
        """The stored vector of a petition (as float, unit length about), or None."""
        pos = int(self.positions([petition_id])[0])
        if pos < 0:
            return None
        return self._q8[pos].astype(np.float32) * self._scales[pos]

    def similarity(self, query: np.ndarray, ids: Sequence[int]) -> dict[int, float]:
        """Cosine of `query` with each of these petitions that has a vector."""
        pos = self.positions(ids)
        have = pos >= 0
        scores = self._exact(np.asarray(query, dtype=np.float32), pos[have])
        return {int(i): float(s) for i, s in zip(np.asarray(ids)[have], scores, strict=True)}

    def _differing_bits(self, query: np.ndarray, pool: np.ndarray | None) -> np.ndarray:
        """Hamming distance between the query's sign bits and each row's (of `pool`, else of all)."""
        words = sign_words(query[None, :])[0]
        count = self._n if pool is None else len(pool)
        differ = np.zeros(count, dtype=np.uint16)
        scratch = np.empty(count, dtype=np.uint64)
        bits = np.empty(count, dtype=np.uint8)
        for w, word in enumerate(words):
            column = self._signs[w, : self._n] if pool is None else self._signs[w, pool]
            np.bitwise_xor(column, word, out=scratch)
            np.bitwise_count(scratch, out=bits)
            differ += bits
        return differ

    def _exact(self, query: np.ndarray, pos: np.ndarray) -> np.ndarray:
        return (self._q8[pos].astype(np.float32) @ query) * self._scales[pos]

    def nearest(
        self,
        query: np.ndarray,
        k: int,
        *,
        among: Sequence[int] | np.ndarray | None = None,
        exclude: Sequence[int] = (),
        floor: float = -1.0,
        candidates: int = CANDIDATES,
    ) -> list[tuple[int, float]]:
        """Up to `k` (petition id, cosine) pairs, nearest first, at least `floor` alike.

        `among`: only these petition ids (a filter's list); `exclude`: never these.
        """
        query = np.asarray(query, dtype=np.float32)
        everything = among is None and not exclude
        if among is None:
            pool = np.arange(self._n, dtype=np.int64)
        else:
            pool = self.positions(among)
            pool = pool[pool >= 0]
        if exclude:
            gone = self.positions(exclude)
            pool = pool[~np.isin(pool, gone[gone >= 0])]
        if not len(pool) or k <= 0:
            return []
        if len(pool) > max(EXACT_BELOW, candidates):
            keep = np.argpartition(self._differing_bits(query, None if everything else pool), candidates - 1)
            pool = pool[keep[:candidates]]
        scores = self._exact(query, pool)
        wanted = min(k, len(pool))
        top = np.argpartition(-scores, wanted - 1)[:wanted] if wanted < len(pool) else np.arange(len(pool))
        top = top[np.lexsort((self._ids[pool[top]], -scores[top]))]  # ties: the older id first, stable
        return [(int(self._ids[pool[i]]), float(scores[i])) for i in top if scores[i] >= floor]
