"""Hybrid retrieval over one index version: FAISS dense search + BM25, fused by reciprocal rank fusion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from index import vectors
from index.compact import ChunkOutline
from index.embedder import MULTILINGUAL_MODEL, TextEmbedder
from index.lexical import Lexical, tokenize
from index.models import Chunk, Phase
from index.store import IndexVersion, embedding_text

__all__ = ["Hit", "Mode", "SearchFilter", "Searcher", "dense_weight", "tokenize"]

Mode = Literal["hybrid", "dense", "bm25"]
RRF_K = 60
# Fusion weights, the dense list's per model. On this genre (figures, batch and round names) BM25 ranks the
# answering passage first more often than MiniLM does, so MiniLM's list counts half; multilingual-e5-small
# ranks it better (gold R@1 0.73 -> 0.78 at 0.75; at 0.5 two English gold answers fall out of the top 8),
# so its list counts three quarters (/work/notes/zh_models.md, answer level).
DENSE_WEIGHTS = {MULTILINGUAL_MODEL: 0.75}
DENSE_WEIGHT = 0.5  # every other model (all-MiniLM-L6-v2, local models)
BM25_WEIGHT = 1.0
MIN_CANDIDATES = 100


@dataclass(frozen=True)
class SearchFilter:
    """Restricts search to passages whose inspection scope matches every field that is set.

    ``provinces`` matches a passage naming any of them (or, for a passage naming none, its article naming
    any of them); ``year`` matches the article's publication year or the passage's as-of year.
    """

    round: int | None = None
    batch: int | None = None
    phase: Phase | None = None
    provinces: Sequence[str] = ()
    year: int | None = None

    def is_empty(self) -> bool:
        """True when no field is set."""
        fields = (self.round, self.batch, self.phase, self.year)
        return all(value is None for value in fields) and not self.provinces


@dataclass(frozen=True)
class Hit:
    """A retrieved passage. Ranks are 1-based; ``dense_rank``/``bm25_rank`` None: that list missed it."""

    chunk: Chunk
    score: float
    rank: int
    dense_rank: int | None
    bm25_rank: int | None


def _scope_array(outline: list[ChunkOutline], name: str) -> np.ndarray:
    values = [getattr(chunk.scope, name) for chunk in outline]
    return np.asarray([-1 if value is None else value for value in values], dtype=np.int64)


class Searcher:
    """Searches one loaded IndexVersion. Build once per version; ``search`` is safe to call from threads."""

    def __init__(self, version: IndexVersion, embedder: TextEmbedder) -> None:
        import faiss

        # One query at a time: FAISS's OpenMP threads cost more than they save (3-4x slower on 2 cores).
        faiss.omp_set_num_threads(1)
        self.version = version
        self.embedder = embedder
        self.dense_weight = dense_weight(embedder.name)
        self._chunks = version.chunks
        outline = version.chunks.outline()  # the passages' ids, scopes and places, without their texts
        self._position = {chunk.chunk_id: i for i, chunk in enumerate(outline)}
        # The passage position of each FAISS row: filtered searches select rows.
        row_ids = vectors.stored(version.faiss)[1]
        self._row_position = np.asarray([self._position[int(i)] for i in row_ids], dtype=np.int64)
        documents = version.documents
        self._bm25 = Lexical.load(version.path, len(self._chunks)) or Lexical.build(
            embedding_text(chunk, documents[chunk.doc_id]) for chunk in self._chunks
        )
        self._rounds = _scope_array(outline, "round")
        self._batches = _scope_array(outline, "batch")
        self._phases = np.asarray([chunk.scope.phase or "" for chunk in outline], dtype=object)
        self._by_province, self._by_year = self._inverted_facets(outline)

    def _inverted_facets(
        self, outline: list[ChunkOutline]
    ) -> tuple[dict[str, set[int]], dict[int, set[int]]]:
        by_province: dict[str, set[int]] = defaultdict(set)
        by_year: dict[int, set[int]] = defaultdict(set)
        for i, chunk in enumerate(outline):
            doc = self.version.documents.get(chunk.doc_id)
            provinces = chunk.provinces or (doc.meta.provinces if doc else [])
            for province in provinces:
                by_province[province.lower()].add(i)
            if doc and doc.meta.date:
                by_year[doc.meta.date.year].add(i)
            if chunk.as_of and chunk.as_of[:4].isdigit():
                by_year[int(chunk.as_of[:4])].add(i)
        return by_province, by_year

    def embed_query(self, query: str) -> np.ndarray:
        """The query's embedding (cached by the embedder)."""
        return self.embedder.encode_query(query)

    def candidates(self, filters: SearchFilter | None) -> np.ndarray | None:
        """Boolean mask over chunk positions allowed by ``filters`` (None: all allowed)."""
        if filters is None or filters.is_empty():
            return None
        mask = np.ones(len(self._chunks), dtype=bool)
        if filters.round is not None:
            mask &= self._rounds == filters.round
        if filters.batch is not None:
            mask &= self._batches == filters.batch
        if filters.phase is not None:
            mask &= self._phases == filters.phase
        if filters.provinces:
            allowed = set().union(*(self._by_province.get(p.lower(), set()) for p in filters.provinces))
            mask &= _mask_of(allowed, len(self._chunks))
        if filters.year is not None:
            mask &= _mask_of(self._by_year.get(filters.year, set()), len(self._chunks))
        return mask

    def search(
        self, query: str, *, k: int = 10, filters: SearchFilter | None = None, mode: Mode = "hybrid"
    ) -> list[Hit]:
        """The top ``k`` passages for ``query`` among those ``filters`` allows ([] when none)."""
        mask = self.candidates(filters)
        allowed = len(self._chunks) if mask is None else int(mask.sum())
        if k <= 0 or allowed == 0 or not query.strip():
            return []
        depth = k if mode != "hybrid" else max(k, MIN_CANDIDATES)
        dense = self._dense(query, depth, mask) if mode != "bm25" else []
        lexical = self._lexical(query, depth, mask) if mode != "dense" else []
        if mode == "dense":
            return [self._hit(pos, score, rank, rank, None) for rank, (pos, score) in enumerate(dense, 1)]
        if mode == "bm25":
            return [self._hit(pos, score, rank, None, rank) for rank, (pos, score) in enumerate(lexical, 1)]
        return self._fuse(dense, lexical, k)

    def _dense(self, query: str, depth: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        """(position, cosine) of the nearest passages, best first: the version's FAISS index (exact, or
        HNSW on big indexes) for all passages, exact search among the allowed ones under a filter."""
        vector = self.embed_query(query)
        depth = min(depth, len(self._chunks))
        if mask is None:
            scores, ids = vectors.search(self.version.faiss, vector, depth)
            return [(self._position[int(i)], float(s)) for s, i in zip(scores, ids, strict=True) if i >= 0]
        scores, rows = vectors.exact_search(self.version.faiss, vector, depth, mask[self._row_position])
        return [(int(self._row_position[r]), float(s)) for s, r in zip(scores, rows, strict=True) if r >= 0]

    def _lexical(self, query: str, depth: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        """(position, BM25 score) of passages sharing a term with the query, best first."""
        scores = self._bm25.scores(tokenize(query))
        if scores is None:
            return []
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        matched = np.flatnonzero(scores > 0)
        if matched.size > depth:
            matched = matched[np.argpartition(-scores[matched], depth - 1)[:depth]]
        order = matched[np.lexsort((matched, -scores[matched]))]
        return [(int(pos), float(scores[pos])) for pos in order]

    def _fuse(self, dense: list[tuple[int, float]], lexical: list[tuple[int, float]], k: int) -> list[Hit]:
        """Weighted reciprocal rank fusion: score = sum over the two lists of weight / (RRF_K + rank)."""
        dense_rank = {pos: rank for rank, (pos, _) in enumerate(dense, 1)}
        bm25_rank = {pos: rank for rank, (pos, _) in enumerate(lexical, 1)}
        fused: dict[int, float] = defaultdict(float)
        for weight, ranks in ((self.dense_weight, dense_rank), (BM25_WEIGHT, bm25_rank)):
            for pos, rank in ranks.items():
                fused[pos] += weight / (RRF_K + rank)
        best = sorted(fused, key=lambda pos: (-fused[pos], dense_rank.get(pos, len(dense) + 1), pos))[:k]
        return [
            self._hit(pos, fused[pos], rank, dense_rank.get(pos), bm25_rank.get(pos))
            for rank, pos in enumerate(best, 1)
        ]

    def _hit(self, pos: int, score: float, rank: int, dense_rank: int | None, bm25_rank: int | None) -> Hit:
        return Hit(self._chunks[pos], score, rank, dense_rank, bm25_rank)


def dense_weight(model: str) -> float:
    """The dense list's fusion weight for the embedding model named ``model`` (BM25's is 1.0)."""
    return DENSE_WEIGHTS.get(model, DENSE_WEIGHT)


def _mask_of(positions: set[int], size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    if positions:
        mask[list(positions)] = True
    return mask
