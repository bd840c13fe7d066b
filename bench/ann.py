"""Exact (flat) against approximate (HNSW, index/vectors.py's settings) search on one version's vectors."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from index import vectors

TARGET_RECALL = 0.99


@dataclass(frozen=True)
class AnnComparison:
    """Per-query latency of exact and HNSW search, HNSW's recall@k against exact, and where it came from.

    ``stored`` is the kind the version stores; when it is flat, an HNSW graph is built from its vectors
    (``hnsw_build_s``) to show what the switch would give.
    """

    vectors: int
    stored: str
    flat_ms: float
    hnsw_ms: float
    hnsw_build_s: float
    ef_search: int
    recall_at_k: float
    k: int


def _per_query_ms(search: Callable[[np.ndarray], np.ndarray], queries: np.ndarray) -> tuple[float, list]:
    """Mean latency of one-query searches (as a bot serves them) and the ids each found."""
    started = time.perf_counter()
    found = [search(query) for query in queries]
    return (time.perf_counter() - started) * 1000.0 / len(queries), found


def compare_flat_hnsw(index: Any, queries: np.ndarray, k: int = 10) -> AnnComparison:
    """Search ``queries`` (unit vectors) in ``index`` exactly and with HNSW; ids compared as chunk ids."""
    stored_vectors, ids = vectors.stored(index)
    every_row = np.ones(len(ids), dtype=bool)
    k = min(k, len(ids))
    flat_ms, exact = _per_query_ms(lambda q: ids[vectors.exact_search(index, q, k, every_row)[1]], queries)
    kind = vectors.kind_of(index)
    build_s = 0.0
    graph = index
    if kind == "flat":
        started = time.perf_counter()
        graph = vectors.new_index(index.d, vectors.GRAPH_KIND)
        graph.add_with_ids(np.ascontiguousarray(stored_vectors), ids)
        build_s = time.perf_counter() - started
    hnsw_ms, approximate = _per_query_ms(lambda q: vectors.search(graph, q, k)[1], queries)
    recall = float(np.mean([len(set(a) & set(e)) / k for a, e in zip(approximate, exact, strict=True)]))
    return AnnComparison(len(ids), kind, flat_ms, hnsw_ms, build_s, vectors.HNSW_EF_SEARCH, recall, k)
