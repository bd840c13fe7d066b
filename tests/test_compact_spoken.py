"""Each version stores the inspections its articles' sentences speak of (spoken.json), so telling an
inspection no article speaks of reads no article again; builds reuse the unchanged articles' scopes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.evidence import Corpus
from index import builder
from index.builder import build_index
from index.embedder import Embedder
from index.models import InspectionScope
from index.search import Searcher
from index.store import SPOKEN, IndexVersion, open_index
from tests.conftest import copy_corpus


def _keys(scopes: list[InspectionScope]) -> set[tuple[int | None, int | None, str | None]]:
    return {(s.round, s.batch, s.phase) for s in scopes}


def test_every_articles_sentence_scopes_are_stored(index_version: IndexVersion) -> None:
    stored = index_version.spoken_by_document()
    assert set(stored) == set(index_version.documents)
    corpus = Corpus(index_version, index_version.calendar)
    for doc_id, keys in stored.items():
        assert set(keys) == _keys(corpus.view(doc_id).scopes) and len(keys) == len(set(keys))
    assert index_version.spoken_scopes == {key for keys in stored.values() for key in keys}


def test_an_inspection_no_article_speaks_of_is_told_without_reading_the_articles(
    index_version: IndexVersion, searcher: Searcher
) -> None:
    engine = AnswerEngine(searcher, index_version)
    assert not engine._covers(InspectionScope(round=3, batch=9))  # a batch the calendar may yet hold
    assert engine.corpus._views == {}
    for round_, batch, phase in index_version.spoken_scopes or ():
        assert engine._covers(InspectionScope(round=round_, batch=batch, phase=phase))
    assert engine.corpus._views == {}


def test_a_version_without_the_file_reads_the_articles_instead(
    tmp_path: Path, built_index: Path, searcher: Searcher
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    version = open_index(index_dir)
    (version.path / SPOKEN).unlink()
    version = open_index(index_dir)
    assert version.spoken_scopes is None and version.spoken_by_document() == {}
    engine = AnswerEngine(Searcher(version, searcher.embedder), version)
    assert not engine._covers(InspectionScope(round=3, batch=9))
    assert len(engine.corpus._views) == len(version.documents)  # every article read, as before


def test_a_build_reads_the_scopes_of_new_articles_only(
    tmp_path: Path, built_index: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    before = open_index(index_dir).spoken_by_document()
    read: list[str] = []
    original = builder.spoken_scopes

    def counting(document, *args):  # type: ignore[no-untyped-def]
        read.append(document.doc_id)
        return original(document, *args)

    monkeypatch.setattr(builder, "spoken_scopes", counting)
    (documents / "r3b6-added.txt").write_text(
        "Xinhua, June 3. The sixth batch of the third round of central inspections detained 17 people.\n",
        encoding="utf-8",
    )
    build_index(documents, index_dir, embedder)
    after = open_index(index_dir).spoken_by_document()
    assert read == ["r3b6-added"]
    assert {k: v for k, v in after.items() if k != "r3b6-added"} == before
    assert (3, 6, None) in after["r3b6-added"]
