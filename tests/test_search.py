"""Search over the real index: hybrid ranking, the dense and BM25 modes, filters, tokenisation, speed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from index import vectors
from index.builder import build_index
from index.embedder import Embedder
from index.lexical import Lexical
from index.search import Searcher, SearchFilter, tokenize
from index.store import IndexVersion, embedding_text, open_index

FOURTH_BATCH_QUESTION = "How many cases were filed for punishment in the fourth batch?"


def test_tokenize_keeps_figures_and_drops_stopwords() -> None:
    tokens = tokenize(
        "Of the 3,866 cases, 1,158 were filed; a fine of 40.06 million yuan (4th batch) in 2021."
    )
    assert tokens == [
        "3866",
        "case",
        "1158",
        "file",
        "fine",
        "40.06",
        "million",
        "yuan",
        "4th",
        "batch",
        "2021",
    ]
    assert tokenize("1158") == tokenize("1,158")
    assert tokenize("punished fines detained") == tokenize("punishment fined detaining")
    assert tokenize("第四批 督察") == ["第四", "四批", "第四批", "督察"]


def test_fourth_batch_punishment_passage_ranks_first(searcher: Searcher) -> None:
    hits = searcher.search(FOURTH_BATCH_QUESTION, k=5)
    assert "1,158 were filed for punishment" in hits[0].chunk.text
    assert [hit.rank for hit in hits] == [1, 2, 3, 4, 5]
    assert hits[0].dense_rank is not None and hits[0].bm25_rank is not None
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_hits_quote_the_article_verbatim(searcher: Searcher, index_version: IndexVersion) -> None:
    for hit in searcher.search("public reports transferred to the provinces", k=10):
        chunk = hit.chunk
        assert index_version.documents[chunk.doc_id].text[chunk.start : chunk.end] == chunk.text


def test_dense_mode_is_the_faiss_ranking(
    searcher: Searcher, index_version: IndexVersion, minilm: Embedder
) -> None:
    hits = searcher.search(FOURTH_BATCH_QUESTION, k=4, mode="dense")  # English articles: MiniLM's set
    scores, ids = index_version.faiss.search(minilm.encode_query(FOURTH_BATCH_QUESTION).reshape(1, -1), 4)
    assert [hit.chunk.chunk_id for hit in hits] == list(ids[0])
    assert [hit.score for hit in hits] == pytest.approx(list(scores[0]))
    assert all(hit.bm25_rank is None and hit.dense_rank == hit.rank for hit in hits)


@pytest.mark.parametrize(
    ("query", "figure"), [("22,511", "22,511"), ("22511 calls", "22,511"), ("40.06", "40.06")]
)
def test_bm25_finds_exact_figures(searcher: Searcher, query: str, figure: str) -> None:
    hits = searcher.search(query, k=3, mode="bm25")
    assert figure in hits[0].chunk.text
    assert hits[0].dense_rank is None and hits[0].bm25_rank == 1


def test_filters_restrict_to_matching_scope(searcher: Searcher, index_version: IndexVersion) -> None:
    rounds = {chunk.scope.round for chunk in index_version.chunks}
    assert 3 in rounds, "the fixtures include third-round articles"
    for mode in ("hybrid", "dense", "bm25"):
        hits = searcher.search("cases filed for punishment", k=20, filters=SearchFilter(round=3), mode=mode)
        assert hits, mode
        assert all(hit.chunk.scope.round == 3 for hit in hits)
    both = SearchFilter(round=2, batch=4)
    hits = searcher.search(FOURTH_BATCH_QUESTION, k=3, filters=both)
    assert hits and all((h.chunk.scope.round, h.chunk.scope.batch) == (2, 4) for h in hits)
    assert "1,158 were filed for punishment" in hits[0].chunk.text


def test_filter_matching_nothing_gives_no_hits(searcher: Searcher) -> None:
    assert searcher.search(FOURTH_BATCH_QUESTION, filters=SearchFilter(round=9, batch=9)) == []
    assert searcher.search(FOURTH_BATCH_QUESTION, filters=SearchFilter(provinces=["Atlantis"])) == []


def test_province_and_year_filters(searcher: Searcher, index_version: IndexVersion) -> None:
    hits = searcher.search("reports from the public", k=50, filters=SearchFilter(provinces=["Yunnan"]))
    assert hits
    for hit in hits:
        doc = index_version.documents[hit.chunk.doc_id]
        assert "Yunnan" in (hit.chunk.provinces or doc.meta.provinces)
    hits = searcher.search("reports from the public", k=50, filters=SearchFilter(year=2024))
    assert hits
    for hit in hits:
        doc = index_version.documents[hit.chunk.doc_id]
        assert (doc.meta.date and doc.meta.date.year == 2024) or (hit.chunk.as_of or "").startswith("2024")


def test_empty_query_and_k(searcher: Searcher) -> None:
    assert searcher.search("   ") == []
    assert searcher.search(FOURTH_BATCH_QUESTION, k=0) == []
    assert searcher.search("zzzqqq xxyyzz", mode="bm25") == []


def test_warm_search_is_fast(searcher: Searcher) -> None:
    searcher.search(FOURTH_BATCH_QUESTION)  # warm: query embedding cached
    started = time.perf_counter()
    for _ in range(50):
        searcher.search(FOURTH_BATCH_QUESTION, k=10)
    assert (time.perf_counter() - started) / 50 < 0.010


def test_an_empty_index_finds_nothing(tmp_path: Path, embedder: Embedder) -> None:
    (tmp_path / "documents").mkdir()
    build_index(tmp_path / "documents", tmp_path / "index", embedder)
    empty = Searcher(open_index(tmp_path / "index"), embedder)
    assert empty.search(FOURTH_BATCH_QUESTION) == []


def test_bm25_is_stored_in_the_version_and_ranks_as_one_built_at_load(
    built_index: Path, index_version: IndexVersion, searcher: Searcher, embedder: Embedder, tmp_path: Path
) -> None:
    assert Lexical.load(index_version.path, len(index_version.chunks)) is not None  # written by the build
    copy = tmp_path / "index"
    shutil.copytree(built_index, copy)
    for path in (copy / "versions" / index_version.version_id).glob("bm25.*"):
        path.unlink()  # as a version built before the BM25 was stored
    rebuilt = Searcher(open_index(copy), embedder)
    for query in ("22,511 calls and letters", "fines detained Yunnan", FOURTH_BATCH_QUESTION):
        stored, fresh = searcher.search(query, k=10, mode="bm25"), rebuilt.search(query, k=10, mode="bm25")
        assert stored and [h.chunk.chunk_id for h in stored] == [h.chunk.chunk_id for h in fresh]
        assert [h.score for h in stored] == pytest.approx([h.score for h in fresh])


def test_big_indexes_switch_to_hnsw_with_the_exact_ranking(
    built_index: Path,
    corpus_dir: Path,
    embedder: Embedder,
    minilm: Embedder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vectors, "ANN_MIN_VECTORS", 20)  # the fixture corpus is ~90 passages
    documents, index_dir = tmp_path / "documents", tmp_path / "index"
    shutil.copytree(corpus_dir, documents)
    shutil.copytree(built_index, index_dir)
    (documents / "r3b1-extra.txt").write_text(
        "The third round's first batch received 3,012 reports from the public in Jiangxi.\n", "utf-8"
    )
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir)
    assert version.manifest.faiss_index == vectors.kind_of(version.faiss) == vectors.GRAPH_KIND
    assert all(vectors.kind_of(index) == vectors.GRAPH_KIND for _, index in version.vector_sets)  # e5's too
    hnsw = Searcher(version, embedder)
    every_row = np.ones(version.faiss.ntotal, dtype=bool)
    for query in (FOURTH_BATCH_QUESTION, "reports from the public in Jiangxi", "fines in yuan"):
        exact_rows = vectors.exact_search(version.faiss, minilm.encode_query(query), 10, every_row)[1]
        exact = set(vectors.stored(version.faiss)[1][exact_rows].tolist())
        assert {hit.chunk.chunk_id for hit in hnsw.search(query, k=10, mode="dense")} == exact
    hits = hnsw.search("cases filed for punishment", k=20, filters=SearchFilter(round=3), mode="dense")
    assert hits and all(hit.chunk.scope.round == 3 for hit in hits)

    (documents / "hebei-pilot-2016.txt").unlink()  # HNSW cannot delete: the graph is rebuilt
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir)
    assert version.manifest.faiss_index == vectors.GRAPH_KIND and version.faiss.ntotal == len(version.chunks)
    assert set(vectors.stored(version.faiss)[1].tolist()) == {chunk.chunk_id for chunk in version.chunks}


def test_bm25_scores_equal_bm25s_own(index_version: IndexVersion) -> None:
    import bm25s

    texts = [embedding_text(c, index_version.documents[c.doc_id]) for c in index_version.chunks]
    reference = bm25s.BM25()
    reference.index([tokenize(text) for text in texts], show_progress=False)
    stored = Lexical.load(index_version.path, len(texts))
    assert stored is not None
    for query in ("22,511 calls and letters", "fines fines detained Yunnan", FOURTH_BATCH_QUESTION):
        tokens = tokenize(query)
        expected = reference.get_scores_from_ids(reference.get_tokens_ids(tokens))
        np.testing.assert_allclose(stored.scores(tokens), expected, rtol=1e-6)
    assert stored.scores(["zzzqqq"]) is None
