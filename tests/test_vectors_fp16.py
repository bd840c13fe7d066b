"""HNSW graphs store their vectors at fp16: kind recorded, searched as exact fp32, no drift, fp32 read."""

from __future__ import annotations

import os
from pathlib import Path

import faiss
import numpy as np
import pytest

from index import vectors
from index.builder import build_index
from index.embedder import Embedder
from index.models import Manifest
from index.search import Searcher
from index.store import MANIFEST, IndexDamagedError, open_index

DIMENSION = 32
SIZE = 3_000


def _unit(rows: int, seed: int) -> np.ndarray:
    points = np.random.default_rng(seed).normal(size=(rows, DIMENSION)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def points() -> np.ndarray:
    return _unit(SIZE, 1)


@pytest.fixture
def graph(points: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> object:
    """An index past the HNSW size (lowered to 1,000 vectors), built as the builder builds one."""
    monkeypatch.setattr(vectors, "ANN_MIN_VECTORS", 1_000)
    ids = np.arange(SIZE, dtype=np.int64) * 7 + 3
    return vectors.update(None, DIMENSION, np.zeros(0, np.int64), points, ids)


def _exact_fp32(points: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    flat = faiss.IndexFlatIP(DIMENSION)
    flat.add(points)
    return flat.search(queries, k)[1]


def test_a_graph_stores_fp16_in_about_half_the_bytes(graph: object, points: np.ndarray) -> None:
    assert vectors.kind_of(graph) == vectors.GRAPH_KIND == "hnsw_fp16"
    fp32 = vectors.new_index(DIMENSION, "hnsw")
    fp32.add_with_ids(points, vectors.ids_of(graph))
    assert vectors.kind_of(fp32) == "hnsw"
    vector_bytes = SIZE * DIMENSION * 2  # what fp16 saves
    saved = faiss.serialize_index(fp32).size - faiss.serialize_index(graph).size
    assert saved == pytest.approx(vector_bytes, rel=0.01)


def test_graph_search_finds_what_exact_fp32_search_finds(graph: object, points: np.ndarray) -> None:
    queries = _unit(50, 2)
    exact = vectors.ids_of(graph)[_exact_fp32(points, queries, 10)]
    found = [vectors.search(graph, query, 10)[1] for query in queries]
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(found, exact, strict=True)])
    assert recall >= 0.99
    for row in (0, 1_234, SIZE - 1):  # a stored vector asked for itself is found first
        assert vectors.search(graph, points[row], 1)[1][0] == vectors.ids_of(graph)[row]


def test_exact_search_over_allowed_rows_stays_exact(graph: object, points: np.ndarray) -> None:
    allowed = np.zeros(SIZE, dtype=bool)
    allowed[::37] = True
    rows = np.flatnonzero(allowed)
    for query in _unit(20, 3):
        scores, found = vectors.exact_search(graph, query, 5, allowed)
        expected = rows[_exact_fp32(points[rows], query[None], 5)[0]]
        assert found.tolist() == expected.tolist()
        assert scores == pytest.approx(points[expected] @ query, abs=2e-3)
    scores, found = vectors.exact_search(graph, points[0], 200, allowed)
    assert found[0] == 0 and (found[: allowed.sum()] >= 0).all() and (found[allowed.sum() :] == -1).all()


def test_drops_rebuild_the_graph_at_fp16_without_drift(graph: object) -> None:
    before, ids = (array.copy() for array in vectors.stored(graph))
    after = vectors.update(graph, DIMENSION, ids[:10], np.zeros((0, DIMENSION), np.float32), ids[:0])
    assert vectors.kind_of(after) == "hnsw_fp16" and after.ntotal == SIZE - 10
    kept, kept_ids = vectors.stored(after)
    assert kept_ids.tolist() == ids[10:].tolist()
    assert np.array_equal(kept, before[10:])  # fp16 decoded and encoded again: the same values
    assert np.array_equal(before, before.astype(np.float16).astype(np.float32))


ARTICLES = {
    "r2b4-fines.txt": "The fourth batch of the second round filed 1,158 cases for punishment in Jilin.\n",
    "r3b1-reports.txt": "The first batch of the third round received 3,012 reports from the public.\n",
    "r1b2-detained.txt": "In the second batch of the first round, 42 people were detained in Hubei.\n",
}


def _rewrite(path: Path, index: object, kind: str) -> None:
    """The version at ``path`` with ``index`` as its vectors, recorded as ``kind`` (an older version's)."""
    faiss.write_index(index, str(path / "faiss.index"))
    manifest = Manifest.model_validate_json((path / MANIFEST).read_bytes())
    (path / MANIFEST).write_text(manifest.model_copy(update={"faiss_index": kind}).model_dump_json())


def test_an_older_fp32_graph_is_read_then_stored_at_fp16(
    tmp_path: Path, minilm: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "ANN_MIN_VECTORS", 2)  # three one-passage articles make a graph
    documents, index_dir = tmp_path / "documents", tmp_path / "index"
    documents.mkdir()
    for name, text in ARTICLES.items():
        (documents / name).write_text(text, encoding="utf-8")
    build_index(documents, index_dir, minilm)
    version = open_index(index_dir)
    path = version.path
    assert version.manifest.faiss_index == vectors.kind_of(version.faiss) == "hnsw_fp16"

    points, ids = vectors.stored(version.faiss)
    older = vectors.new_index(points.shape[1], "hnsw")
    older.add_with_ids(np.ascontiguousarray(points), ids)
    os.unlink(path / "faiss.index")
    _rewrite(path, older, "hnsw")
    version = open_index(index_dir)
    assert vectors.kind_of(version.faiss) == "hnsw"
    hits = Searcher(version, minilm).search("people detained in Hubei", k=1, mode="dense")
    assert hits[0].chunk.doc_id == "r1b2-detained"

    _rewrite(path, older, "hnsw_fp16")  # storage other than the manifest records: refused
    with pytest.raises(IndexDamagedError, match="vector storage"):
        open_index(index_dir)
    _rewrite(path, older, "hnsw")

    (documents / "lb1-look-back.txt").write_text("The look-back fined 20 firms in Hebei.\n", encoding="utf-8")
    build_index(documents, index_dir, minilm)
    version = open_index(index_dir)
    assert version.manifest.faiss_index == vectors.kind_of(version.faiss) == "hnsw_fp16"
    hits = Searcher(version, minilm).search("people detained in Hubei", k=1, mode="dense")
    assert hits[0].chunk.doc_id == "r1b2-detained" and version.faiss.ntotal == len(version.chunks)
