"""Hybrid retrieval over one index version: FAISS dense search + BM25, fused by reciprocal rank fusion.

A version may hold a vector set per model (the per-language setting: MiniLM's and multilingual-e5-small's);
the question's language then picks which set ranks which passages (index.per_language.ROUTES), each set's
list entering the fusion with its model's weight beside BM25's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np

from index import vectors
from index.compact import ChunkOutline
from index.embedder import MULTILINGUAL_MODEL, TextEmbedder, members
from index.lexical import Lexical, tokenize
from index.models import Chunk, Phase
from index.per_language import Language, routed
from index.store import IndexVersion, ModelMismatchError, embedding_text
from index.text.chinese import language_of

__all__ = ["Hit", "Mode", "SearchFilter", "Searcher", "VectorSpace", "dense_weight", "tokenize"]

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
LANGUAGE_SAMPLE_CHARS = 2000  # an article's language is read from its title and its opening


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
class VectorSpace:
    """One vector set: its model's embedder, its FAISS index, the passage position of each FAISS row
    (filtered searches select rows) and its list's fusion weight."""

    model: str
    embedder: TextEmbedder
    index: Any
    row_position: np.ndarray
    weight: float


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
        self._chunks = version.chunks
        outline = version.chunks.outline()  # the passages' ids, scopes and places, without their texts
        self._position = {chunk.chunk_id: i for i, chunk in enumerate(outline)}
        self._spaces = self._paired(version, embedder)
        documents = version.documents
        self._routes = self._routed(_passage_languages(outline, documents)) if len(self._spaces) > 1 else None
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

    def _paired(self, version: IndexVersion, embedder: TextEmbedder) -> list[VectorSpace]:
        """The version's vector sets that ``embedder`` has a model for (ModelMismatchError: none)."""
        by_name = {member.name: member for member in members(embedder)}
        spaces = [
            VectorSpace(model, by_name[model], index, self._rows(index), dense_weight(model))
            for model, index in version.vector_sets
            if model in by_name
        ]
        if not spaces:
            built = " + ".join(model for model, _ in version.vector_sets)
            raise ModelMismatchError(built, " + ".join(by_name))
        return spaces

    def _rows(self, index: Any) -> np.ndarray:
        """The passage position of each row of the FAISS ``index``."""
        row_ids = vectors.ids_of(index)  # not stored(): that decodes an fp16 graph's vectors
        return np.asarray([self._position[int(i)] for i in row_ids], dtype=np.int64)

    @property
    def dense_weights(self) -> dict[str, float]:
        """The fusion weight of each vector set's list, by model (BM25's is 1.0)."""
        return {space.model: space.weight for space in self._spaces}

    def _routed(self, languages: np.ndarray) -> dict[Language, list[tuple[VectorSpace, np.ndarray | None]]]:
        """For a question of each language, the vector sets ``index.per_language.ROUTES`` gives it, each
        with a mask of the passages (by ``languages``) it ranks: None where that is every passage."""
        routes: dict[Language, list[tuple[VectorSpace, np.ndarray | None]]] = {}
        for question in get_args(Language):
            routes[question] = []
            for space in self._spaces:
                ranked = routed(question, space.model)
                if ranked:
                    mask = np.isin(languages, list(ranked))
                    routes[question].append((space, None if mask.all() else mask))
        return routes

    def routes(self, query: str) -> list[tuple[VectorSpace, np.ndarray | None]]:
        """The vector sets that rank passages for ``query``, each with the passages it ranks (a mask over
        positions; None: all): with one set, that set for every passage; with several, those that
        ``index.per_language.ROUTES`` gives the query's language, over the passages of their languages."""
        if self._routes is None:
            return [(self._spaces[0], None)]
        return self._routes[language_of(query)]

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
        dense = self._dense_lists(query, depth, mask) if mode != "bm25" else []
        lexical = self._lexical(query, depth, mask) if mode != "dense" else []
        if mode == "dense":
            cosine = {pos: score for _, found in dense for pos, score in found}
            ranked = _merged(dense)[:k]
            return [self._hit(pos, cosine[pos], rank, rank, None) for rank, pos in enumerate(ranked, 1)]
        if mode == "bm25":
            return [self._hit(pos, score, rank, None, rank) for rank, (pos, score) in enumerate(lexical, 1)]
        return self._fuse(dense, lexical, k)

    def _dense_lists(
        self, query: str, depth: int, mask: np.ndarray | None
    ) -> list[tuple[float, list[tuple[int, float]]]]:
        """(weight, its list) of each vector set that ranks passages for ``query``; a set with no passage
        to rank (an English question's Chinese passages, in an English index) embeds no query."""
        lists = []
        for space, ranked in self.routes(query):
            allowed = ranked if mask is None else mask if ranked is None else ranked & mask
            if allowed is None or allowed.any():
                lists.append((space.weight, self._dense(space, query, depth, allowed)))
        return lists

    def _dense(
        self, space: VectorSpace, query: str, depth: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        """(position, cosine) of the nearest passages in ``space``, best first: its FAISS index (exact, or
        HNSW on big indexes) for all passages, exact search among the allowed ones under a mask."""
        vector = space.embedder.encode_query(query)
        depth = min(depth, len(self._chunks))
        if mask is None:
            scores, ids = vectors.search(space.index, vector, depth)
            return [(self._position[int(i)], float(s)) for s, i in zip(scores, ids, strict=True) if i >= 0]
        rows = space.row_position
        scores, found = vectors.exact_search(space.index, vector, depth, mask[rows])
        return [(int(rows[r]), float(s)) for s, r in zip(scores, found, strict=True) if r >= 0]

    def _lexical(self, query: str, depth: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        """(position, BM25 score) of passages sharing a term with the query, best first."""
        scores = self._bm25.scores(tokenize(query))
        if scores is None:
            return []
        matched = np.flatnonzero(scores > 0 if mask is None else (scores > 0) & mask)
        if matched.size > depth:
            matched = matched[np.argpartition(-scores[matched], depth - 1)[:depth]]
        order = matched[np.lexsort((matched, -scores[matched]))]
        return [(int(pos), float(scores[pos])) for pos in order]

    def _fuse(
        self,
        dense: list[tuple[float, list[tuple[int, float]]]],
        lexical: list[tuple[int, float]],
        k: int,
    ) -> list[Hit]:
        """Weighted reciprocal rank fusion: score = sum over the lists (each vector set's, BM25's) of
        weight / (RRF_K + rank). A hit's dense rank is its place among the vector sets' lists merged."""
        merged = _merged(dense)
        dense_rank = {pos: rank for rank, pos in enumerate(merged, 1)}
        bm25_rank = {pos: rank for rank, (pos, _) in enumerate(lexical, 1)}
        fused = _fused([*dense, (BM25_WEIGHT, lexical)])
        best = sorted(fused, key=lambda pos: (-fused[pos], dense_rank.get(pos, len(merged) + 1), pos))[:k]
        return [
            self._hit(pos, fused[pos], rank, dense_rank.get(pos), bm25_rank.get(pos))
            for rank, pos in enumerate(best, 1)
        ]

    def _hit(self, pos: int, score: float, rank: int, dense_rank: int | None, bm25_rank: int | None) -> Hit:
        return Hit(self._chunks[pos], score, rank, dense_rank, bm25_rank)


def dense_weight(model: str) -> float:
    """The dense list's fusion weight for the embedding model named ``model`` (BM25's is 1.0)."""
    return DENSE_WEIGHTS.get(model, DENSE_WEIGHT)


def _fused(lists: list[tuple[float, list[tuple[int, float]]]]) -> dict[int, float]:
    """Position -> sum over ``lists`` of weight / (RRF_K + its rank in that list)."""
    fused: dict[int, float] = defaultdict(float)
    for weight, found in lists:
        for rank, (pos, _) in enumerate(found, 1):
            fused[pos] += weight / (RRF_K + rank)
    return fused


def _merged(dense: list[tuple[float, list[tuple[int, float]]]]) -> list[int]:
    """The positions of the vector sets' lists in one order, by their weighted reciprocal rank (one
    list: its own order)."""
    fused = _fused(dense)
    return sorted(fused, key=lambda pos: (-fused[pos], pos))


def _passage_languages(outline: list[ChunkOutline], documents: dict[str, Any]) -> np.ndarray:
    """Each passage's language ("en" or "zh"): its article's, read once per article."""
    by_document = {
        doc_id: language_of(f"{doc.meta.title}\n{doc.text[:LANGUAGE_SAMPLE_CHARS]}")
        for doc_id, doc in documents.items()
    }
    return np.asarray([by_document[chunk.doc_id] for chunk in outline])


def _mask_of(positions: set[int], size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    if positions:
        mask[list(positions)] = True
    return mask
