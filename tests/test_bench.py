"""The benchmark's corpus and index assembly, at a small size (bench/synthetic.py, bench/stages.py,
bench/sampled.py): whole-batch figures for questions across inspections, a replicated version that is a
complete index the builder accepts as it is, pseudo vectors that are no near-copies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench import stages
from bench.sampled import SampledEmbedder
from bench.synthetic import SUMMARY_EVERY, generate, write_corpus
from bot.engine.aggregate import preference_key
from bot.engine.vocabulary import CountedWords
from index import vectors
from index.builder import EXTRACTION_VERSION, build_index
from index.facts.table import document_facts
from index.meta.calendar import load_calendar
from index.store import open_index
from index.text.chunking import make_chunks
from index.text.documents import read_document

DIM = 32


class RandomEmbedder:
    """A real embedder's interface with seeded random unit vectors (no model load)."""

    name = "multilingual-e5-small"
    precision = "q4"
    dimension = DIM
    backend = "random"

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        vectors = rng.normal(size=(len(texts), DIM)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_batch_summaries_give_whole_batch_figures(tmp_path: Path) -> None:
    articles = generate(4 * SUMMARY_EVERY)
    summaries = [a for a in articles if "Over the whole batch" in a.text]
    assert len(summaries) >= 3
    write_corpus(tmp_path, summaries)
    calendar = load_calendar()
    for article in summaries:
        doc = read_document(tmp_path / article.name, tmp_path, 5_000_000)
        rows = document_facts(doc, make_chunks(doc, 0), calendar)
        assert {row.metric for row in rows} >= {"received", "punishment", "fine", "detained"}
        assert all(row.place is None for row in rows)  # the whole inspection, not a province
    by_batch: dict[str, set[int]] = {}
    for article in generate(40 * SUMMARY_EVERY):
        if "Over the whole batch" in article.text:
            by_batch.setdefault(article.scope, set()).add(article.punished)
    assert max(len(found) for found in by_batch.values()) == 1  # every summary of a batch agrees
    assert sum(1 for found in by_batch.values() if found) > 10


def test_a_replicated_version_is_a_complete_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stages, "REPLICATE_BASE", 20)
    monkeypatch.setattr(stages, "ENCODE_SAMPLE", 16)
    measured = stages.replicated_version(60, tmp_path, RandomEmbedder())
    assert measured["really_embedded"] <= 16 and measured["pseudo_embedded"] > 0
    version = open_index(tmp_path / "index")
    assert len(version.documents) == 60 and version.manifest.extraction_version == EXTRACTION_VERSION
    assert version.manifest.precision == "q4"
    copy = "synthetic-00045"
    rows = [row for row in version.facts if row.doc_id == copy]
    text = version.documents[copy].text
    assert rows and all(text[row.start : row.end] == row.phrase for row in rows)
    spoken = version.spoken_by_document()
    assert set(spoken) == set(version.documents) and spoken[copy] == spoken["synthetic-00005"]  # its source
    words = CountedWords.stored(version.stored_words())  # the words and ranks a build stores
    assert words is not None and words.terms["copy"] == 40
    assert version.facts.stored_ranks(preference_key()) is not None
    report = build_index(tmp_path / "documents", tmp_path / "index", RandomEmbedder())
    assert len(report.unchanged) == 60 and report.embedded_chunks == 0 and not report.redescribed
    assert not report.wrote_version


class EnglishEmbedder(RandomEmbedder):
    """RandomEmbedder under MiniLM's name, for the per-language setting's first vector set."""

    name = "all-MiniLM-L6-v2"
    precision = "fp32"


class PairEmbedder:
    """The per-language setting's shape: one vector set per member, MiniLM's first."""

    name = "per-language"
    precision = "fp32"
    members = (EnglishEmbedder(), RandomEmbedder())


def test_a_replicated_version_holds_every_vector_set_of_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stages, "REPLICATE_BASE", 20)
    monkeypatch.setattr(stages, "ENCODE_SAMPLE", 16)
    monkeypatch.setattr(vectors, "ANN_MIN_VECTORS", 50)  # past the HNSW size, as at 100,000 articles
    measured = stages.replicated_version(60, tmp_path, PairEmbedder())
    assert measured["vector_sets"] == ["all-MiniLM-L6-v2", "multilingual-e5-small"]
    assert measured["really_embedded"] <= 32 and measured["pseudo_embedded"] > 0
    version = open_index(tmp_path / "index")
    assert [model for model, _ in version.vector_sets] == measured["vector_sets"]
    kinds = [vectors.kind_of(index) for _, index in version.vector_sets]
    assert kinds == [version.manifest.faiss_index, version.manifest.more_vectors[0].faiss_index]
    assert kinds == [vectors.GRAPH_KIND] * 2
    assert all(index.ntotal == len(version.chunks) for _, index in version.vector_sets)
    report = build_index(tmp_path / "documents", tmp_path / "index", PairEmbedder())
    assert len(report.unchanged) == 60 and not report.wrote_version  # the builder takes it as it is


def test_pseudo_vectors_spread_instead_of_copying_the_real_ones() -> None:
    class Recording(RandomEmbedder):
        def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
            self.real = super().encode(texts)
            return self.real

    inner = Recording()
    sampled = SampledEmbedder(inner, 20)
    texts = [f"text {i % 1000}" for i in range(2000)]  # each distinct text twice, as in a replicated corpus
    vectors = sampled.encode(texts)
    assert sampled.encoded == len(inner.real) == 20 and sampled.pseudo == 2000 - 20
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ inner.real.T
    is_real = similarity.max(axis=1) > 0.99999
    assert is_real.sum() == 20  # each sampled text's first occurrence; its repeat gets a pseudo vector
    nearest_real = similarity[~is_real].max(axis=1)
    assert np.median(nearest_real) < 0.97 and nearest_real.std() > 0.02  # no copies, no one tight ring
    pseudo = vectors[~is_real]
    top = np.sort(pseudo[:200] @ pseudo.T, axis=1)[:, -11:-1]
    assert (top[:, -1] - top[:, 0]).mean() > 0.01  # a vector's 10 nearest are no near-tie
