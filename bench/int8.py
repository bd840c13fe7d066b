"""Dynamic int8 quantisation of the ONNX model against fp32: retrieval and answers on the gold sets.

    .venv/bin/python -m bench.int8 [--gold tests/gold/gold.yaml ...]

For each gold set, indexes its corpus once per precision and runs the answer engine over its questions:
recall@5 of the hybrid retrieval, answer accuracy and the share of questions answered, plus how far the
int8 passage embeddings moved (cosine to fp32) and the query-embedding time of each. The int8 path is
worth enabling only if R@5 and the answer figures are within 1% of fp32.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bot.engine import AnswerEngine
from bot.evaluation.gold import load_gold
from bot.evaluation.metrics import summarize
from bot.evaluation.runner import EngineSystem, build_corpus_index, run
from bot.settings import REPO_ROOT, get_settings
from index.embedder import MINILM_MODEL, Embedder, is_multilingual_model
from index.search import Searcher
from index.store import embedding_text

GOLD_SETS = ("gold.yaml", "extra.yaml", "realistic.yaml")
PRECISIONS = ("fp32", "int8")


def query_ms(embedder: Embedder, questions: list[str]) -> float:
    """Median milliseconds to embed one question (uncached)."""
    times = []
    for question in questions:
        started = time.perf_counter()
        embedder.encode([question])
        times.append((time.perf_counter() - started) * 1000.0)
    return float(np.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold", type=Path, nargs="*", default=[REPO_ROOT / "tests/gold" / g for g in GOLD_SETS]
    )
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"llm_base_url": None})
    model = MINILM_MODEL if is_multilingual_model(settings.model) else settings.model  # int8 is MiniLM's
    print("| gold set | precision | questions | R@5 | answer accuracy | answered | query embed ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    moved = []
    for path in args.gold:
        gold = load_gold(path)
        chunks = None
        for precision in PRECISIONS:
            embedder = Embedder(model, precision=precision)
            version = build_corpus_index(gold, embedder)
            searcher = Searcher(version, embedder)
            results = run(gold, EngineSystem(AnswerEngine(searcher, version, settings).answer, searcher))
            summary = summarize(results)
            answered = sum(r.answered for r in results) / len(results)
            texts = [embedding_text(c, version.documents[c.doc_id]) for c in version.chunks]
            vectors = embedder.encode(texts)
            chunks = vectors if chunks is None else chunks
            if precision == "int8":
                moved.append(np.sum(vectors * chunks, axis=1))
            ms = query_ms(embedder, [q.question for q in gold.questions[:30]])
            print(
                f"| {path.name} | {precision} | {summary.n} | {summary.recall_at_5:.3f} "
                f"| {summary.answer_accuracy:.3f} | {answered:.3f} | {ms:.1f} |",
                flush=True,
            )
    cosines = np.concatenate(moved)
    print(
        f"\nint8 against fp32 passage embeddings: cosine min {cosines.min():.4f}, mean {cosines.mean():.4f}"
    )


if __name__ == "__main__":
    main()
