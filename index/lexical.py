"""The BM25 side of search: the tokeniser, and a BM25 index built once per version and stored in it.

English is split into words, stemmed, stopwords dropped. Chinese, which has no spaces, is cut into words by
jieba (``rjieba``, in search mode: a long word also yields the words inside it, so "督察组" in a passage
still matches "督察" in a question), traditional characters folded to simplified first
(``index.text.chinese.fold``), and numbers split from the characters after them ("1158家" -> "1158", "家").

The builder writes bm25s's matrices into the version (``bm25.*`` files, ``Lexical.files``), with the
tokeniser's version, so opening a big index memory-maps them instead of tokenising every passage again; a
version without them, or tokenised by another tokeniser version, gets its BM25 built in memory at load.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import string
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import numpy as np
import Stemmer

from index.text.chinese import fold

PREFIX = "bm25."
#: Raise it when ``tokenize`` changes: a stored BM25 of another version is rebuilt at load.
#: 2: Chinese words (jieba), traditional folded, digits split from the Han characters after them.
TOKENIZER_VERSION = 2
_TOKENIZER_FILE = PREFIX + "tokenizer.json"
RECENT_QUERIES = 8  # queries whose scores are kept (each one float32 a passage: 0.8 MB at 200,000)
_NAMES = {
    "data_name": "data.csc.index.npy",
    "indices_name": "indices.csc.index.npy",
    "indptr_name": "indptr.csc.index.npy",
    "vocab_name": "vocab.index.json",
    "params_name": "params.index.json",
    "nnoc_name": "nonoccurrence_array.index.npy",  # written by the BM25L and BM25+ variants only
}

_MATRIX = ("data_name", "indices_name", "indptr_name")
# Runs of Han characters (cut into words by jieba) and the text between them.
_HAN_RUN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
# Outside Han runs: numbers with their thousands separators and decimals ("1,158", "40.06") with any
# unit suffix ("4th"); runs of letters.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+")
# Chinese function words and characters that say nothing about a passage (jieba keeps them as words).
_ZH_DROPPED = frozenset("的了和与及或等是在对为将把被并也都而之其于以由从向这那个有就还已又吗呢") | frozenset(
    ("我们", "他们", "其中", "以及", "并且", "或者", "什么", "哪些", "哪个", "多少", "怎样", "如何")
)


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
    English words reduced to their Snowball stem ("punished", "punishment" -> "punish"); Chinese cut into
    words (search mode), traditional characters simplified, Chinese function words dropped."""
    text = fold(text).lower()
    if _HAN_RUN.search(text) is None:
        return _words(text)
    tokens = []
    for i, part in enumerate(_HAN_RUN.split(text)):  # odd parts are the Han runs
        if i % 2:
            tokens += [word for word in _jieba().cut_for_search(part) if word not in _ZH_DROPPED]
        elif part:
            tokens += _words(part)
    return tokens


def _words(text: str) -> list[str]:
    """The tokens of lower-cased text with no Han character in it."""
    tokens = []
    for token in _TOKEN.findall(text):
        if token in _DROPPED:
            continue
        if token[0].isdigit():
            tokens.append(token.replace(",", ""))
        else:
            tokens.append(_stem(token) if _LATIN.fullmatch(token) else token)
    return tokens


@functools.cache
def _jieba() -> ModuleType:
    """rjieba, imported on the first Chinese text (its dictionary loads in about 0.1 s)."""
    import rjieba

    return rjieba


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
        # the scores of the last few queries: one question searches its words once per scope and year
        self._recent: OrderedDict[tuple[int, ...], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

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
        lexical.files[_TOKENIZER_FILE] = json.dumps({"tokenizer_version": TOKENIZER_VERSION}).encode()
        return lexical

    @classmethod
    def load(cls, version_dir: Path, passages: int) -> Lexical | None:
        """The index stored in ``version_dir`` (arrays memory-mapped), or None when it has none, or one
        that is not the plain BM25 variant, does not cover ``passages`` passages or was tokenised by
        another tokeniser version."""
        names = {key: version_dir / (PREFIX + name) for key, name in _NAMES.items()}
        try:
            marker = json.loads((version_dir / _TOKENIZER_FILE).read_text(encoding="utf-8"))
            if marker.get("tokenizer_version") != TOKENIZER_VERSION:
                return None
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
        """BM25 score of every passage (a query token counted as often as it occurs; read-only), or None
        when no token is in the vocabulary."""
        columns = len(self._indptr) - 1  # bm25s's vocabulary ends with "", which has no column
        ids = tuple(i for i in (self._vocab.get(token, columns) for token in tokens) if i < columns)
        if not ids:
            return None
        with self._lock:
            scores = self._recent.get(ids)
            if scores is not None:
                self._recent.move_to_end(ids)
                return scores
        scores = np.zeros(self.passages, dtype=np.float32)
        for token in ids:
            start, end = int(self._indptr[token]), int(self._indptr[token + 1])
            scores[self._indices[start:end]] += self._data[start:end]  # a column lists a passage once
        scores.setflags(write=False)
        with self._lock:
            self._recent[ids] = scores
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)
        return scores
