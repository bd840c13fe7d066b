"""Run a system (the answer engine or the dense baseline) over the gold set and score each answer."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from bot.answer import Answer
from bot.engine.conversation import Conversation
from bot.evaluation.gold import GoldError, GoldSet
from bot.evaluation.metrics import RETRIEVAL_DEPTH, QuestionResult, score
from index.embedder import Embedder
from index.models import Chunk
from index.search import Searcher
from index.store import IndexVersion, open_index


class System(Protocol):
    """What the evaluation needs of a system: answers, and the passages it retrieves (best first)."""

    def answer(self, question: str) -> Answer: ...

    def retrieve(self, question: str) -> Sequence[Chunk]: ...


@runtime_checkable
class Conversational(Protocol):
    """A system that answers a question in the context of the turns asked before it."""

    def context(self, turns: Sequence[str]) -> Conversation: ...

    def answer_in(self, question: str, context: Conversation) -> Answer: ...


class EngineSystem:
    """The answer engine; retrieval measured with the hybrid searcher, no filters."""

    def __init__(self, answer: Callable[[str, Conversation | None], Answer], searcher: Searcher) -> None:
        self._answer = answer
        self._searcher = searcher

    def answer(self, question: str) -> Answer:
        """The engine's answer."""
        return self._answer(question, None)

    def context(self, turns: Sequence[str]) -> Conversation:
        """A conversation in which ``turns`` were asked and answered, in order."""
        conversation = Conversation()
        for turn in turns:
            self._answer(turn, conversation)
        return conversation

    def answer_in(self, question: str, context: Conversation) -> Answer:
        """The engine's answer to a follow-up question in ``context``."""
        return self._answer(question, context)

    def retrieve(self, question: str) -> list[Chunk]:
        """Hybrid (dense + BM25) top passages without filters."""
        return [hit.chunk for hit in self._searcher.search(question, k=RETRIEVAL_DEPTH)]


WARM_UP_QUESTION = "Which inspections do the articles cover?"


def run(gold: GoldSet, system: System) -> list[QuestionResult]:
    """Answer every gold question (after one untimed warm-up answer) and score it; a follow-up after its
    conversation's earlier turns (untimed), in their context where the system keeps one (the baseline
    answers it alone). A follow-up's retrieval is not scored: its words alone do not say what it asks."""
    system.answer(WARM_UP_QUESTION)
    results = []
    for question in gold.questions:
        context = None
        if question.conversation and isinstance(system, Conversational):
            context = system.context(question.conversation)
        started = time.perf_counter()
        answer = (
            system.answer(question.question)
            if context is None
            else system.answer_in(question.question, context)
        )
        latency_ms = (time.perf_counter() - started) * 1000.0
        scored = question.expect_answered and not question.conversation
        retrieved = system.retrieve(question.question) if scored else None
        results.append(score(question, answer, latency_ms, retrieved))
    return results


def corpus_files(gold: GoldSet) -> list[Path]:
    """The article files (and sidecars) of the gold set's corpus directories."""
    for directory in gold.corpus:
        if not directory.is_dir():
            raise GoldError(f"corpus directory {directory} of the gold set not found")
    return [
        path
        for directory in gold.corpus
        for path in sorted(directory.iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]


def build_corpus_index(gold: GoldSet, embedder: Embedder) -> IndexVersion:
    """Index the gold set's corpus in a temporary directory and load it (the directory is then removed)."""
    from index.builder import build_index

    with tempfile.TemporaryDirectory(prefix="inspectbot-eval-") as tmp:
        documents = Path(tmp) / "documents"
        documents.mkdir()
        for path in corpus_files(gold):
            shutil.copy2(path, documents / path.name)
        build_index(documents, Path(tmp) / "index", embedder)
        return open_index(Path(tmp) / "index", model=embedder.name, precision=embedder.precision)
