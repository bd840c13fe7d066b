"""Exact (FAISS flat) against approximate (FAISS HNSW) nearest-neighbour search on the same vectors."""

from __future__ import annotations

import time
from dataclasses import dataclass

import faiss
import numpy as np

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
EF_SEARCH_STEPS = (32, 64, 128, 256, 512)
TARGET_RECALL = 0.99


@dataclass(frozen=True)
class AnnComparison:
    """Per-query latency of flat and HNSW search, HNSW build time, and HNSW's recall@k against flat.

    ``ef_search`` is the smallest efSearch tried whose recall reaches TARGET_RECALL (else the largest).
    """

    vectors: int
    flat_ms: float
    hnsw_ms: float
    hnsw_build_s: float
    ef_search: int
    recall_at_k: float
    k: int


def _per_query_ms(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    """Mean latency of one-query searches (as a bot serves them) and the ids found."""
    found = np.empty((len(queries), k), dtype=np.int64)
    started = time.perf_counter()
    for i, query in enumerate(queries):
        found[i] = index.search(query.reshape(1, -1), k)[1][0]
    return (time.perf_counter() - started) * 1000.0 / len(queries), found


def compare_flat_hnsw(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> AnnComparison:
    """Search ``queries`` (unit vectors) among ``vectors`` exactly and with HNSW (inner product)."""
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    hnsw.add(vectors)
    build_s = time.perf_counter() - started
    k = min(k, len(vectors))
    flat_ms, exact = _per_query_ms(flat, queries, k)
    for ef_search in EF_SEARCH_STEPS:
        hnsw.hnsw.efSearch = ef_search
        hnsw_ms, approximate = _per_query_ms(hnsw, queries, k)
        recall = float(np.mean([len(set(a) & set(e)) / k for a, e in zip(approximate, exact, strict=True)]))
        if recall >= TARGET_RECALL:
            break
    return AnnComparison(len(vectors), flat_ms, hnsw_ms, build_s, ef_search, recall, k)


def index_vectors(index: faiss.Index) -> np.ndarray:
    """All vectors stored in an index (an IndexIDMap2 over a flat index, as the store writes it)."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "id_map") else index
    return inner.reconstruct_n(0, inner.ntotal)
