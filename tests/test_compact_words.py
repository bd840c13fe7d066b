"""Each version stores the stems of its articles' names and words, counted (words.json), so the first
question off the articles' topic reads no article's text; builds update the counts for the articles
added, changed and removed; a version without them, or with words read by other code, reads the texts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine import vocabulary as vocabulary_module
from bot.engine.vocabulary import CorpusWords
from bot.engine.words import content_terms, proper_names
from index.builder import build_index
from index.embedder import Embedder
from index.search import Searcher
from index.store import WORDS, IndexVersion, open_index
from tests.conftest import copy_corpus


def _read_from_texts(version: IndexVersion) -> tuple[frozenset[str], frozenset[str]]:
    texts = [doc.text for doc in version.documents.values()]
    return (
        frozenset().union(*(proper_names(text) for text in texts)),
        frozenset().union(*(content_terms(text) for text in texts)),
    )


def _counted(version: IndexVersion) -> dict[str, dict[str, int]]:
    stored = json.loads((version.path / WORDS).read_bytes())
    return {"names": stored["names"], "terms": stored["terms"]}


def _recounted(version: IndexVersion) -> dict[str, dict[str, int]]:
    names: dict[str, int] = {}
    terms: dict[str, int] = {}
    for doc in version.documents.values():
        for stem in proper_names(doc.text):
            names[stem] = names.get(stem, 0) + 1
        for stem in content_terms(doc.text):
            terms[stem] = terms.get(stem, 0) + 1
    return {"names": names, "terms": terms}


def _no_text_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("an article's text was read")

    monkeypatch.setattr(vocabulary_module, "proper_names", refuse)
    monkeypatch.setattr(vocabulary_module, "content_terms", refuse)


def test_the_words_are_stored_and_read_without_the_texts(
    index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _read_from_texts(index_version)
    assert _counted(index_version) == _recounted(index_version)
    _no_text_read(monkeypatch)
    words = CorpusWords(index_version)
    assert (words.names, words.vocabulary) == expected


def test_an_off_topic_question_is_refused_from_the_stored_words(
    index_version: IndexVersion, searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = AnswerEngine(searcher, index_version)
    before = engine.answer("What is the capital of France?")
    _no_text_read(monkeypatch)
    after = AnswerEngine(searcher, index_version).answer("What is the capital of France?")
    assert not after.answered and (after.answer, after.citations) == (before.answer, before.citations)


def test_a_version_without_the_words_reads_the_texts_and_the_next_build_stores_them(
    tmp_path: Path, built_index: Path, embedder: Embedder
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    version = open_index(index_dir)
    (version.path / WORDS).unlink()
    version = open_index(index_dir)
    assert version.stored_words() is None
    words = CorpusWords(version)
    assert (words.names, words.vocabulary) == _read_from_texts(version)
    report = build_index(documents, index_dir, embedder)  # no article changed: the version is rewritten
    assert report.wrote_version and report.embedded_chunks == 0
    rewritten = open_index(index_dir)
    assert _counted(rewritten) == _recounted(rewritten)


def test_words_read_by_other_code_are_read_again(tmp_path: Path, built_index: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    path = open_index(index_dir).path / WORDS
    stored = json.loads(path.read_bytes())
    path.write_text(json.dumps({**stored, "key": "older code", "terms": {}}), encoding="utf-8")
    version = open_index(index_dir)
    assert CorpusWords(version).vocabulary == _read_from_texts(version)[1]


def test_a_build_counts_the_words_of_the_articles_added_changed_and_removed(
    tmp_path: Path, built_index: Path, embedder: Embedder
) -> None:
    documents = copy_corpus(tmp_path / "documents")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    before = open_index(index_dir)
    changed, removed = sorted(before.documents)[:2]
    (documents / "r3b6-added.txt").write_text(
        "Xinhua, June 3. The sixth batch of the third round of central inspections visited Qiandongnan, "
        "where a quarry had buried a wetland near Kaili.\n",
        encoding="utf-8",
    )
    path = documents / before.documents[changed].path
    path.write_text(path.read_text(encoding="utf-8") + "\nInspectors also toured Zhangjiajie.\n", "utf-8")
    (documents / before.documents[removed].path).unlink()
    report = build_index(documents, index_dir, embedder)
    assert report.added and report.updated and report.removed
    after = open_index(index_dir)
    assert _counted(after) == _recounted(after)
    words = CorpusWords(after)
    assert {"qiando", "kaili", "zhangj"} <= words.names and "wetlan" in words.vocabulary
