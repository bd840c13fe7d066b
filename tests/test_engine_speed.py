"""Answer latency and how it splits (embed / search / extract). The issue's target is p50 <= 30 ms and
p95 <= 80 ms with the query embedding on 2 cores; the assertions here are looser, as the test machine is
shared, and guard the engine's own share (everything but the embedding)."""

from __future__ import annotations

import statistics
import time

import pytest
from test_engine_answers import QUESTIONS

from bot.engine import AnswerEngine
from index.embedder import Embedder
from index.search import Searcher
from index.store import IndexVersion


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


@pytest.mark.slow
def test_latency_split(searcher: Searcher, index_version: IndexVersion, minilm: Embedder) -> None:
    engine = AnswerEngine(searcher, index_version)
    for question in QUESTIONS:  # warm the per-document analysis
        engine.answer(question)
    embed, search, engine_only, total = [], [], [], []
    for i, question in enumerate(QUESTIONS):
        fresh = f"{question} (variant {'abcdefghijklmnopqrstuvwxyz'[i % 26]})"
        started = time.perf_counter()
        minilm.encode([fresh + " please"])
        embed.append(_ms(started))
        total.append(engine.answer(fresh).latency_ms)  # with a new query embedding
        started = time.perf_counter()
        searcher.search(fresh, k=8)  # embedding cached now
        search.append(_ms(started))
        engine_only.append(engine.answer(fresh).latency_ms)  # search + extraction, embedding cached
    print(
        f"\nlatency over {len(total)} questions: total p50 {_p(total, 0.5):.1f} ms "
        f"p95 {_p(total, 0.95):.1f} ms; "
        f"embed p50 {_p(embed, 0.5):.1f} ms; search p50 {_p(search, 0.5):.2f} ms; "
        f"search+extract p50 {_p(engine_only, 0.5):.1f} ms p95 {_p(engine_only, 0.95):.1f} ms "
        f"(mean {statistics.mean(engine_only):.1f})"
    )
    assert _p(engine_only, 0.5) <= 20
    assert _p(total, 0.5) <= 150
