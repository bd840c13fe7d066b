"""The BM25 side of search: the tokeniser, and a BM25 index built once per version and stored in it.

The builder writes bm25s's matrices into the version (``bm25.*`` files, ``Lexical.files``), so opening a
big index memory-maps them instead of tokenising every passage again; a version without them (built
before they existed) gets its BM25 built in memory at load.
"""

from __future__ import annotations

import importlib.util
import json
import re
import string
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import Stemmer

PREFIX = "bm25."
_NAMES = {
    "data_name": "data.csc.index.npy",
    "indices_name": "indices.csc.index.npy",
    "indptr_name": "indptr.csc.index.npy",
    "vocab_name": "vocab.index.json",
    "params_name": "params.index.json",
    "nnoc_name": "nonoccurrence_array.index.npy",  # written by the BM25L and BM25+ variants only
}

_MATRIX = ("data_name", "indices_name", "indptr_name")
# CJK characters one by one; numbers with their thousands separators and decimals ("1,158", "40.06")
# with any unit suffix ("4th"); runs of letters.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+")


def _bm25s_stopwords() -> frozenset[str]:
    """bm25s's English stopword list, read from its module file: importing it through the package would
    import bm25s and scipy, a third of a second that opening a stored index does not need."""
    spec = importlib.util.find_spec("bm25s")
    if spec is None or spec.origin is None:
        raise ImportError("bm25s is not installed")
    path = Path(spec.origin).parent / "stopwords.py"
    module_spec = importlib.util.spec_from_file_location("_inspectbot_bm25s_stopwords", path)
    module = importlib.util.module_from_spec(module_spec)  # type: ignore[arg-type]
    module_spec.loader.exec_module(module)  # type: ignore[union-attr]
    return frozenset(module.STOPWORDS_EN_PLUS)


_DROPPED = _bm25s_stopwords() | frozenset(string.ascii_lowercase)
_LATIN = re.compile(r"[a-z]+")
_local = threading.local()  # PyStemmer stemmers are not thread-safe: one per thread


def _stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lower-cased search tokens: stopwords and single letters dropped, thousands separators removed,
    English words reduced to their Snowball stem ("punished", "punishment" -> "punish")."""
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        if token in _DROPPED:
            continue
        if token[0].isdigit():
            tokens.append(token.replace(",", ""))
        else:
            tokens.append(_stem(token) if _LATIN.fullmatch(token) else token)
    return tokens


class Lexical:
    """BM25 (Lucene variant) scores of every passage for a query's tokens.

    Holds bm25s's score matrix (CSC: one column of precomputed term scores per vocabulary token), so a
    query sums a few columns with numpy. bm25s (and scipy with it) is imported only to build the matrix,
    never to open a version that stores it.
    """

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, vocab: dict[str, int]):
        self._data, self._indices, self._indptr, self._vocab = data, indices, indptr, vocab
        self.passages = 0
        self.files: dict[str, bytes] = {}

    @classmethod
    def build(cls, texts: Iterable[str]) -> Lexical:
        """The index over ``texts`` (passage i is text i), with ``files`` to store it in a version."""
        import bm25s

        corpus = [tokenize(text) for text in texts]
        if not corpus:
            empty = np.zeros(0, dtype=np.float32)
            return cls(empty, empty.astype(np.int32), np.zeros(1, dtype=np.int32), {})
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        scores = bm25.scores
        lexical = cls(scores["data"], scores["indices"], scores["indptr"], dict(bm25.vocab_dict))
        lexical.passages = int(scores["num_docs"])
        with tempfile.TemporaryDirectory() as tmp:
            bm25.save(tmp, show_progress=False, **_NAMES)
            written = [Path(tmp) / name for name in _NAMES.values()]
            lexical.files = {PREFIX + path.name: path.read_bytes() for path in written if path.is_file()}
        return lexical

    @classmethod
    def load(cls, version_dir: Path, passages: int) -> Lexical | None:
        """The index stored in ``version_dir`` (arrays memory-mapped), or None when it has none, or one
        that is not the plain BM25 variant or does not cover ``passages`` passages."""
        names = {key: version_dir / (PREFIX + name) for key, name in _NAMES.items()}
        try:
            params = json.loads(names["params_name"].read_text(encoding="utf-8"))
            vocab = json.loads(names["vocab_name"].read_text(encoding="utf-8"))
            arrays = [np.load(names[key], mmap_mode="r") for key in _MATRIX]
        except (OSError, ValueError):
            return None
        if names["nnoc_name"].exists() or params.get("num_docs") != passages:
            return None
        lexical = cls(*arrays, vocab)
        lexical.passages = passages
        return lexical

    def scores(self, tokens: list[str]) -> np.ndarray | None:
        """BM25 score of every passage (a query token counted as often as it occurs), or None when no
        token is in the vocabulary."""
        columns = len(self._indptr) - 1  # bm25s's vocabulary ends with "", which has no column
        ids = [i for i in (self._vocab.get(token, columns) for token in tokens) if i < columns]
        if not ids:
            return None
        scores = np.zeros(self.passages, dtype=np.float32)
        for token in ids:
            start, end = int(self._indptr[token]), int(self._indptr[token + 1])
            scores[self._indices[start:end]] += self._data[start:end]  # a column lists a passage once
        return scores
