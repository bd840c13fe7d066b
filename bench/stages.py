"""The two measured stages of one corpus size, each run in a fresh process by bench.run.

build: generate the corpus, build the index, encode the same chunks with the bare model, add one article.
serve: start up (open index, load model, first answer), answer questions, compare flat with HNSW search.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import generate, make_article, questions, write_corpus

ENCODE_BATCH = 64
ENCODE_SAMPLE = 2000  # chunks the bare model encodes (evenly spread over all chunks) at the larger sizes


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(size: int, message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {size}] {message}", file=sys.stderr, flush=True)


def build_stage(size: int, workdir: Path) -> dict[str, Any]:
    """Index ``size`` synthetic articles, time the bare model on the same chunks, then add one article."""
    from sentence_transformers import SentenceTransformer

    from bot.settings import get_settings
    from index.builder import build_index
    from index.embedder import Embedder, resolve_model_path
    from index.store import embedding_text, open_index

    model = get_settings().model
    documents, index_dir = workdir / "documents", workdir / "index"
    write_corpus(documents, generate(size))
    embedder = Embedder(model).load()
    embedder.encode(["warm-up sentence"] * ENCODE_BATCH)
    log(size, "building the index ...")
    built = build_index(documents, index_dir, embedder)

    version = open_index(index_dir)
    texts = [embedding_text(chunk, version.documents[chunk.doc_id]) for chunk in version.chunks]
    step = max(1, len(texts) // ENCODE_SAMPLE)
    sample = texts[::step]
    bare = SentenceTransformer(resolve_model_path(model), device="cpu")
    bare.encode(["warm-up sentence"] * ENCODE_BATCH, batch_size=ENCODE_BATCH)
    log(size, f"bare model encoding {len(sample)} of the {len(texts)} chunks ...")
    started = time.perf_counter()
    bare.encode(sample, batch_size=ENCODE_BATCH, convert_to_numpy=True, normalize_embeddings=True)
    bare_s = time.perf_counter() - started

    extra = make_article(size, random.Random(size + 1))
    (documents / extra.name).write_text(extra.text, encoding="utf-8")
    log(size, "adding one article ...")
    added = build_index(documents, index_dir, embedder)
    return {
        "articles": size,
        "failed": len(built.failed),
        "chunks": built.embedded_chunks,
        "build_s": built.seconds,
        "build_chunks_per_s": built.embedded_chunks / built.seconds,
        "bare_chunks": len(sample),
        "bare_chunks_per_s": len(sample) / bare_s,
        "add_one_s": added.seconds,
        "add_one_added": len(added.added),
        "add_one_chunks": added.embedded_chunks,
        "build_peak_rss_mib": peak_rss_mib(),
    }


def _answerer(searcher: Any, version: Any) -> tuple[str, Callable[[str], object]]:
    """The answer engine when it is installed, else the hybrid searcher ("what answers", callable)."""
    try:
        from bot.engine import AnswerEngine
    except ImportError:
        return "searcher", lambda question: searcher.search(question, k=10)
    from bot.settings import Settings

    engine = AnswerEngine(searcher, version, Settings(LLM_BASE_URL=None))
    return "engine", engine.answer


def _timed_ms(call: Callable[[str], object], asked: list[str]) -> list[float]:
    """Milliseconds each call took."""
    latencies = []
    for question in asked:
        started = time.perf_counter()
        call(question)
        latencies.append((time.perf_counter() - started) * 1000.0)
    return latencies


def serve_stage(size: int, workdir: Path, n_questions: int) -> dict[str, Any]:
    """Start-up time, question latency p50/p95, peak memory, and flat against HNSW search."""
    started = time.perf_counter()
    from bench.ann import compare_flat_hnsw, index_vectors
    from bot.settings import get_settings
    from index.embedder import Embedder
    from index.search import Searcher
    from index.store import open_index

    version = open_index(workdir / "index")
    opened = time.perf_counter()
    embedder = Embedder(get_settings().model).load()
    loaded = time.perf_counter()
    searcher = Searcher(version, embedder)
    answered_by, answer = _answerer(searcher, version)
    asked = questions(generate(size), n_questions)
    answer(asked[0])
    first = time.perf_counter()

    log(size, f"answering {len(asked)} questions with the {answered_by} ...")
    latencies = _timed_ms(answer, asked)
    search_latencies = _timed_ms(lambda question: searcher.search(question, k=10), asked)  # embeddings cached
    peak = peak_rss_mib()

    log(size, "flat against HNSW ...")
    ann = compare_flat_hnsw(index_vectors(version.faiss), embedder.encode(asked))
    return {
        "answered_by": answered_by,
        "startup_s": first - started,
        "open_index_s": opened - started,
        "load_model_s": loaded - opened,
        "first_answer_s": first - loaded,
        "questions": len(asked),
        "p50_ms": float(np.percentile(latencies, 50)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "search_p50_ms": float(np.percentile(search_latencies, 50)),
        "serve_peak_rss_mib": peak,
        "ann": ann.__dict__,
    }
