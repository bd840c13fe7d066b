"""The plain baseline: the top dense passage as the answer (no BM25, no filters, no extraction)."""

from __future__ import annotations

import time

from bot.answer import Answer, Citation
from bot.evaluation.metrics import RETRIEVAL_DEPTH
from index.models import Chunk
from index.search import Searcher


class DenseBaseline:
    """Answers every question with its nearest passage by embedding similarity, cited as [1]."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher

    def retrieve(self, question: str) -> list[Chunk]:
        """Dense top passages without filters."""
        return [hit.chunk for hit in self._searcher.search(question, k=RETRIEVAL_DEPTH, mode="dense")]

    def answer(self, question: str) -> Answer:
        """The top dense passage, verbatim; not answered only when the index is empty."""
        started = time.perf_counter()
        hits = self._searcher.search(question, k=1, mode="dense")
        citations = []
        if hits:
            chunk = hits[0].chunk
            meta = self._searcher.version.documents[chunk.doc_id].meta
            citations.append(
                Citation(
                    n=1,
                    doc_id=chunk.doc_id,
                    title=meta.title,
                    source=meta.source,
                    date=meta.date.isoformat() if meta.date else None,
                    quote=chunk.text,
                    start=chunk.start,
                    end=chunk.end,
                )
            )
        return Answer(
            question=question,
            answered=bool(citations),
            answer=f"{citations[0].quote} [1]" if citations else "",
            citations=citations,
            latency_ms=(time.perf_counter() - started) * 1000.0,
        )
