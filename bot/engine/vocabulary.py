"""The words of one index version's articles that a question is checked against: the stems of their proper
names and of their content words (AnswerEngine tells a question in the articles' own words from one about
something they never mention).

The build counts them (``counted_words``: in how many articles each stem occurs) and stores the counts in
the version (``index.store.WORDS``), under a key of the code that reads them (``words_key``); an engine
reads the stored words on first use. A version without them, or one whose words were read by other code,
has them read from its texts on first use, in one pass, each distinct word stemmed once; the next build
stores them again."""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import inspect
import json
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from pathlib import Path

from bot.engine.words import content_terms, proper_names
from index.facts.metrics import word_set
from index.models import Document
from index.store import IndexVersion

_lock = threading.Lock()
# The modules whose code decides an article's words: stored words read by other code are read again.
_WORD_MODULES = ("bot.engine.words", "bot.engine.chinese_words", "index.text.chinese")


@cache
def words_key() -> str:
    """A digest of the code that reads an article's words (bot.engine.words and what it uses: the Chinese
    words, index.facts.metrics.word_set) and of the Chinese segmenter's release."""
    digest = hashlib.sha256()
    for name in _WORD_MODULES:
        digest.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
    digest.update(inspect.getsource(word_set).encode())
    try:
        digest.update(importlib.metadata.version("rjieba").encode())
    except importlib.metadata.PackageNotFoundError:
        digest.update(b"no rjieba")
    return digest.hexdigest()[:16]


class CountedWords:
    """In how many articles each proper-name stem and each content-word stem occurs."""

    def __init__(self, names: Counter[str] | None = None, terms: Counter[str] | None = None) -> None:
        self.names: Counter[str] = names if names is not None else Counter()
        self.terms: Counter[str] = terms if terms is not None else Counter()

    def add(self, texts: Iterable[str], sign: int = 1) -> None:
        """Count the words of each of ``texts`` (``sign`` -1: an article taken away)."""
        for text in texts:
            for stem in proper_names(text):
                self.names[stem] += sign
            for stem in content_terms(text):
                self.terms[stem] += sign

    def to_bytes(self) -> bytes:
        """The stored form (index.store.WORDS), under ``words_key``."""
        names = {stem: n for stem, n in sorted(self.names.items()) if n > 0}
        terms = {stem: n for stem, n in sorted(self.terms.items()) if n > 0}
        stored = {"key": words_key(), "names": names, "terms": terms}
        return json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def stored(cls, data: bytes | None) -> CountedWords | None:
        """The words a version stores, or None when it stores none or they were read by other code."""
        if data is None:
            return None
        stored = json.loads(data)
        if stored.get("key") != words_key():
            return None
        return cls(Counter(stored["names"]), Counter(stored["terms"]))


def counted_words(
    documents: Mapping[str, Document], previous: Mapping[str, Document] | None, stored: bytes | None
) -> bytes:
    """The stored words of a version holding ``documents``: the previous version's counts (when it
    stores them, read by this code) with the articles removed or whose text changed taken away and the
    new texts added, else counted over every article."""
    counts = CountedWords.stored(stored) if previous is not None else None
    if previous is None or counts is None:
        counts = CountedWords()
        counts.add(doc.text for doc in documents.values())
        return counts.to_bytes()
    changed = [
        doc_id
        for doc_id, doc in documents.items()
        if doc_id not in previous or previous[doc_id].text != doc.text
    ]
    gone = [doc_id for doc_id in previous if doc_id not in documents]
    counts.add((previous[doc_id].text for doc_id in [*gone, *changed] if doc_id in previous), sign=-1)
    counts.add(documents[doc_id].text for doc_id in changed)
    return counts.to_bytes()


class CorpusWords:
    """Proper-name stems and content-word stems of every article of ``version``."""

    def __init__(self, version: IndexVersion) -> None:
        self.version = version

    @cached_property
    def _stored(self) -> CountedWords | None:
        return CountedWords.stored(self.version.stored_words())

    @cached_property
    def names(self) -> frozenset[str]:
        """Stems of the capitalised words the articles use (bot.engine.words.proper_names)."""
        with _lock:
            if self._stored is not None:
                return frozenset(self._stored.names)
            return frozenset().union(*(proper_names(doc.text) for doc in self.version.documents.values()))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Stems of the content words of all articles (bot.engine.words.content_terms)."""
        with _lock:
            if self._stored is not None:
                return frozenset(self._stored.terms)
            return frozenset().union(*(content_terms(doc.text) for doc in self.version.documents.values()))
