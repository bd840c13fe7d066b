"""Scoring one answer against its gold question, and summarising many scores."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel

from bot.answer import Answer
from bot.evaluation.gold import GoldQuestion
from bot.evaluation.matching import contains, contains_any, ungrounded_figures, unknown_markers
from index.models import Chunk

RETRIEVAL_DEPTH = 10


class QuestionResult(BaseModel):
    """How one system did on one gold question."""

    id: str
    question: str = ""  # default: reports written before this field existed
    category: str
    expect_answered: bool
    answered: bool
    correct: bool  # answered as expected, every token present, no forbidden figure
    citation_correct: bool | None  # None for questions to refuse
    grounded: bool | None  # None when the system did not answer
    retrieval_scored: bool  # whether retrieval was measured for this question
    retrieval_rank: int | None  # rank of the first supporting passage in the top RETRIEVAL_DEPTH, else None
    latency_ms: float
    missing_tokens: list[str]
    forbidden_found: list[str]
    ungrounded: list[str]
    answer: str
    cited_docs: list[str]


class Summary(BaseModel):
    """Metrics over a set of results; a metric is None where it is undefined (no question it applies to)."""

    n: int
    answer_accuracy: float
    citation_accuracy: float | None
    grounding_rate: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    recall_at_1: float | None
    recall_at_5: float | None
    mrr: float | None
    latency_p50_ms: float
    latency_p95_ms: float


def supporting_rank(question: GoldQuestion, chunks: Sequence[Chunk]) -> int | None:
    """1-based rank of the first passage from an expected document holding an expected token."""
    for rank, chunk in enumerate(chunks, 1):
        if chunk.doc_id not in question.doc_ids:
            continue
        if any(contains_any(chunk.text, forms) for forms in question.tokens):
            return rank
    return None


def citation_correct(question: GoldQuestion, answer: Answer) -> bool:
    """An expected document is cited, every token (but the computed ones) is in a quote from an expected
    document, markers resolve."""
    quotes = [c.quote for c in answer.citations if c.doc_id in question.doc_ids]
    if not answer.answered or not quotes or unknown_markers(answer):
        return False
    quoted = [forms for forms in question.tokens if not set(forms) <= set(question.computed)]
    return all(any(contains_any(quote, forms) for quote in quotes) for forms in quoted)


def score(
    question: GoldQuestion, answer: Answer, latency_ms: float, retrieved: Sequence[Chunk] | None
) -> QuestionResult:
    """Score ``answer`` (and the passages retrieved for it, best first) against ``question``."""
    missing = [forms[0] for forms in question.tokens if not contains_any(answer.answer, forms)]
    forbidden = [token for token in question.forbidden if contains(answer.answer, token)]
    as_expected = answer.answered == question.expect_answered
    correct = as_expected and not forbidden and not (question.expect_answered and missing)
    ungrounded = ungrounded_figures(answer) if answer.answered else []
    scored = question.expect_answered and retrieved is not None
    return QuestionResult(
        id=question.id,
        question=question.question,
        category=question.category,
        expect_answered=question.expect_answered,
        answered=answer.answered,
        correct=correct,
        citation_correct=citation_correct(question, answer) if question.expect_answered else None,
        grounded=not ungrounded and not unknown_markers(answer) if answer.answered else None,
        retrieval_scored=scored,
        retrieval_rank=supporting_rank(question, retrieved[:RETRIEVAL_DEPTH]) if scored else None,
        latency_ms=latency_ms,
        missing_tokens=missing,
        forbidden_found=forbidden,
        ungrounded=ungrounded,
        answer=answer.answer,
        cited_docs=list(dict.fromkeys(c.doc_id for c in answer.citations)),
    )


def _rate(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def summarize(results: Sequence[QuestionResult]) -> Summary:
    """Answer/citation accuracy, grounding rate, abstention precision/recall, recall@k, MRR, latency."""
    if not results:
        raise ValueError("no results to summarize")
    answerable = [r for r in results if r.expect_answered]
    refused = [r for r in results if not r.answered]
    to_refuse = [r for r in results if not r.expect_answered]
    ranks = [r.retrieval_rank for r in answerable if r.retrieval_scored]
    latencies = np.asarray([r.latency_ms for r in results])
    return Summary(
        n=len(results),
        answer_accuracy=sum(r.correct for r in results) / len(results),
        citation_accuracy=_rate([bool(r.citation_correct) for r in answerable]),
        grounding_rate=_rate([bool(r.grounded) for r in results if r.answered]),
        abstention_precision=_rate([not r.expect_answered for r in refused]),
        abstention_recall=_rate([not r.answered for r in to_refuse]),
        recall_at_1=_rate([rank is not None and rank <= 1 for rank in ranks]),
        recall_at_5=_rate([rank is not None and rank <= 5 for rank in ranks]),
        mrr=sum(1.0 / rank for rank in ranks if rank) / len(ranks) if ranks else None,
        latency_p50_ms=float(np.percentile(latencies, 50)),
        latency_p95_ms=float(np.percentile(latencies, 95)),
    )


def summarize_by_category(results: Sequence[QuestionResult], categories: Sequence[str]) -> dict[str, Summary]:
    """One Summary per category (in the given order) that has results."""
    out = {}
    for category in categories:
        subset = [r for r in results if r.category == category]
        if subset:
            out[category] = summarize(subset)
    return out
