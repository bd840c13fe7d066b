"""Each version stores its articles' sentences' figures as the build analysed them (index/stored_figures.py),
so a serving process reads a retrieved article's figures instead of analysing its sentences again; the
figures are the analysis's own, answers are the same either way, and figures analysed by other code, or
for another text, or missing in an older version, are analysed afresh (the next build stores them)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from index import stored_figures
from index.builder import build_index
from index.embedder import Embedder
from index.facts import analysis as analysis_module
from index.facts.figures import analyse_sentence
from index.search import Searcher
from index.store import IndexVersion, open_index
from index.stored_figures import FIGURES, FIGURES_INDEX, StoredFigures, figures_key
from tests.conftest import copy_corpus

QUESTIONS = (
    "How many cases were filed for punishment in the fourth batch of the second round?",
    "How much were the fines in the fourth batch of the second round?",
    "How many people were detained in the fourth batch of the second round?",
    "第二轮第四批督察立案处罚多少家？",
)


def _no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a sentence was analysed")

    monkeypatch.setattr(analysis_module, "analyse_sentence", refuse)


def _answers(version: IndexVersion, embedder: Embedder) -> list[tuple[str, list[object]]]:
    engine = AnswerEngine(Searcher(version, embedder), version)
    return [
        (answer.answer, [c.model_dump() for c in answer.citations])
        for answer in map(engine.answer, QUESTIONS)
    ]


def _copy(built_index: Path, tmp_path: Path) -> Path:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    return index_dir


def test_the_stored_figures_are_the_analysis_of_every_sentence(index_version: IndexVersion) -> None:
    stored = index_version.stored_figures
    assert stored.current()
    assert set(json.loads((index_version.path / FIGURES_INDEX).read_bytes())["documents"]) == set(
        index_version.documents
    )
    for doc_id, document in index_version.documents.items():
        analysed = {i: analyse_sentence(document.text, *span) for i, span in enumerate(document.sentences)}
        assert stored.of(doc_id, document.content_hash, len(document.sentences)) == analysed, doc_id


def test_answers_read_the_stored_figures_and_equal_those_of_fresh_analysis(
    tmp_path: Path, built_index: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = _copy(built_index, tmp_path)
    without = open_index(index_dir)
    for name in (FIGURES, FIGURES_INDEX):
        (without.path / name).unlink()
    analysed = _answers(open_index(index_dir), embedder)  # a version without them: analysed per process
    assert any(c for _, c in analysed)
    stored_dir = _copy(built_index, tmp_path / "stored")
    _no_analysis(monkeypatch)
    assert _answers(open_index(stored_dir), embedder) == analysed


def test_figures_analysed_by_other_code_or_for_another_text_are_analysed_again(
    tmp_path: Path, built_index: Path
) -> None:
    index_dir = _copy(built_index, tmp_path)
    version = open_index(index_dir)
    doc_id, document = next(iter(version.documents.items()))
    assert version.stored_figures.of(doc_id, "another text", len(document.sentences)) is None
    path = version.path / FIGURES_INDEX
    path.write_text(json.dumps({**json.loads(path.read_bytes()), "key": "older code"}), encoding="utf-8")
    older = StoredFigures(version.path)
    assert older.key == "older code" != figures_key() and not older.current()
    assert older.of(doc_id, document.content_hash, len(document.sentences)) is None


def test_a_version_without_them_is_read_and_the_next_build_stores_them(
    tmp_path: Path, built_index: Path, embedder: Embedder
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = _copy(built_index, tmp_path)
    version = open_index(index_dir)
    for name in (FIGURES, FIGURES_INDEX):
        (version.path / name).unlink()
    version = open_index(index_dir)
    doc_id, document = next(iter(version.documents.items()))
    assert version.stored_figures.of(doc_id, document.content_hash, len(document.sentences)) is None
    report = build_index(documents, index_dir, embedder)  # no article changed: the version is rewritten
    assert report.wrote_version and report.embedded_chunks == 0
    assert open_index(index_dir).stored_figures.current()


def test_a_build_keeps_the_figures_of_unchanged_articles_and_analyses_the_changed(
    tmp_path: Path, built_index: Path, embedder: Embedder
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = _copy(built_index, tmp_path)
    before = open_index(index_dir)
    changed, kept = sorted(before.documents)[:2]
    path = documents / before.documents[changed].path
    path.write_text(
        path.read_text(encoding="utf-8") + "\nThe inspectors also received 4,321 public reports.\n", "utf-8"
    )
    report = build_index(documents, index_dir, embedder)
    assert report.updated == [changed]
    after = open_index(index_dir)
    old, new = before.documents[kept], after.documents[kept]
    assert after.stored_figures.record(kept, new.content_hash) == before.stored_figures.record(
        kept, old.content_hash
    )
    document = after.documents[changed]
    figures = after.stored_figures.of(changed, document.content_hash, len(document.sentences))
    assert figures is not None
    assert 4321 in {fact.figure.value for facts in figures.values() for fact in facts}


def test_the_key_covers_the_records_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records written by another encode/decode than the running one are analysed again, as those of other
    analysing code are: the key digests index/stored_figures.py too."""
    before = figures_key()
    edited = tmp_path / "stored_figures.py"
    edited.write_bytes(Path(stored_figures.__file__).read_bytes() + b"\n# another record format\n")
    source = stored_figures._source
    monkeypatch.setattr(
        stored_figures,
        "_source",
        lambda module: edited if module == "index.stored_figures" else source(module),
    )
    figures_key.cache_clear()
    try:
        assert figures_key() != before
    finally:
        figures_key.cache_clear()
