"""The BM25 side of search: the tokeniser, and a BM25 index built once per version and stored in it.

The builder writes the BM25 matrices into the version (``bm25.*`` files, see ``bm25_files``), so opening a
big index memory-maps them instead of tokenising every passage again; a version without them (built
before they existed) gets its BM25 built in memory at load.
"""

from __future__ import annotations

import re
import string
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

PREFIX = "bm25."
_NAMES = {
    "data_name": "data.csc.index.npy",
    "indices_name": "indices.csc.index.npy",
    "indptr_name": "indptr.csc.index.npy",
    "vocab_name": "vocab.index.json",
    "params_name": "params.index.json",
    "nnoc_name": "nonoccurrence_array.index.npy",  # written by the BM25L and BM25+ variants only
}
_REQUIRED = ("data_name", "indices_name", "indptr_name", "vocab_name", "params_name")

# CJK characters one by one; numbers with their thousands separators and decimals ("1,158", "40.06")
# with any unit suffix ("4th"); runs of letters.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+")
_DROPPED = frozenset(STOPWORDS_EN_PLUS) | frozenset(string.ascii_lowercase)
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


def build_bm25(texts: Iterable[str]) -> bm25s.BM25:
    """A BM25 index over ``texts`` (position i is text i); empty when there are none."""
    bm25 = bm25s.BM25()
    corpus = [tokenize(text) for text in texts]
    if corpus:
        bm25.index(corpus, show_progress=False)
    return bm25


def bm25_files(bm25: bm25s.BM25) -> dict[str, bytes]:
    """The files that store ``bm25`` in a version directory, by name (an empty index stores none)."""
    if not getattr(bm25, "scores", None):
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        bm25.save(tmp, show_progress=False, **_NAMES)
        written = [Path(tmp) / name for name in _NAMES.values()]
        return {PREFIX + path.name: path.read_bytes() for path in written if path.is_file()}


def load_bm25(version_dir: Path, passages: int) -> bm25s.BM25 | None:
    """The BM25 index stored in ``version_dir`` (memory-mapped), or None when it has none or it does not
    cover ``passages`` passages."""
    names = {key: PREFIX + name for key, name in _NAMES.items()}
    if not all((version_dir / names[key]).is_file() for key in _REQUIRED):
        return None
    try:
        bm25 = bm25s.BM25.load(str(version_dir), mmap=True, show_progress=False, **names)
    except (OSError, ValueError, KeyError):
        return None
    return bm25 if bm25.scores.get("num_docs") == passages else None
