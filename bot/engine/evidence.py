"""Per-document evidence for the engine: the analysis of index/facts/analysis.py (sentence scopes, places,
as-of phrases, figure facts) plus the content words a question's names are matched against."""

from __future__ import annotations

import threading
from functools import cached_property

from bot.budget import check as check_budget
from bot.engine.words import content_terms
from index.facts import analysis
from index.facts.analysis import DATE_RE, DATELINE, DATELINE_LEAD, MANY_PLACES, TimePhrase
from index.meta.calendar import Calendar
from index.store import IndexVersion

__all__ = ["DATELINE", "DATELINE_LEAD", "DATE_RE", "MANY_PLACES", "Corpus", "DocumentView", "TimePhrase"]


class DocumentView(analysis.DocumentView):
    """Lazily analysed sentences of one document, with the content words of its paragraphs."""

    @cached_property
    def paragraph_terms(self) -> list[frozenset[str]]:
        """The content-word stems of each sentence's paragraph (and the title), for names asked about."""
        texts: dict[int, list[str]] = {}
        for i, number in enumerate(self.paragraph):
            texts.setdefault(number, [self.document.meta.title]).append(self.sentence_text(i))
        terms = {number: frozenset(content_terms(" ".join(parts))) for number, parts in texts.items()}
        return [terms[number] for number in self.paragraph]

    @cached_property
    def name_terms(self) -> frozenset[str]:
        """Stems of the words of the provinces and enterprises the article names ("corp" of "... Corps")."""
        names = {
            name
            for i in range(len(self.document.sentences))
            for kind in ("provinces", "enterprises")
            for name in self.names(i, kind)
        }
        return frozenset(term for name in names for term in content_terms(name))

    def mentions(self, i: int, entities: frozenset[str]) -> bool:
        """True if sentence ``i`` may be about ``entities``: one of the places or enterprises the article
        names must be named in its paragraph; any other name (a river, a mine) anywhere in the article."""
        return all(
            term in (self.paragraph_terms[i] if term in self.name_terms else self.terms) for term in entities
        )

    @cached_property
    def terms(self) -> frozenset[str]:
        """The content-word stems of the whole article."""
        return frozenset().union(*self.paragraph_terms)


class Corpus:
    """Document views of one index version, created on first use."""

    def __init__(self, version: IndexVersion, calendar: Calendar | None = None) -> None:
        self.version = version
        self.calendar = calendar  # tells a misnumbered mention ("the fourth round" in 2017) from a real one
        self._views: dict[str, DocumentView] = {}
        self._lock = threading.Lock()

    def view(self, doc_id: str) -> DocumentView:
        """The (cached) view of one document (every use checks the question's time budget)."""
        check_budget()
        view = self._views.get(doc_id)
        if view is None:
            with self._lock:
                view = self._views.get(doc_id)
                if view is None:
                    document = self.version.documents[doc_id]
                    figures = self.version.stored_figures.of(  # analysed by the build, where it can be used
                        doc_id, document.content_hash, len(document.sentences)
                    )
                    view = DocumentView(document, self.version.chunks_of(doc_id), self.calendar, figures)
                    self._views[doc_id] = view
        return view
