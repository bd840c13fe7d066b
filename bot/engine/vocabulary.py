"""The words of one index version's articles that a question is checked against: the stems of their proper
names and of their content words (AnswerEngine tells a question in the articles' own words from one about
something they never mention). Read on first use, in one pass over the texts, each distinct word stemmed
once, so that opening an engine on a big index costs nothing here."""

from __future__ import annotations

import threading
from functools import cached_property

from bot.engine.question import content_terms, proper_names
from index.store import IndexVersion

_lock = threading.Lock()


class CorpusWords:
    """Proper-name stems and content-word stems of every article of ``version``."""

    def __init__(self, version: IndexVersion) -> None:
        self.version = version

    @cached_property
    def names(self) -> frozenset[str]:
        """Stems of the capitalised words the articles use (bot.engine.question.proper_names)."""
        with _lock:
            return frozenset().union(*(proper_names(doc.text) for doc in self.version.documents.values()))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Stems of the content words of all articles (bot.engine.question.content_terms)."""
        with _lock:
            return frozenset().union(*(content_terms(doc.text) for doc in self.version.documents.values()))
