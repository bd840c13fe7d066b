"""LiveEngine: one model load, the current index version, and hot reload that never fails a question."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

import pytest

from bot.answer import Answer
from bot.live import LiveEngine
from bot.settings import Settings
from index.builder import build_index
from index.compact import DOCUMENTS
from index.embedder import Embedder
from index.store import CURRENT, FAISS_FILE, VERSIONS, StoreError, current_version_id

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
NEW_BATCH_QUESTION = "How many reports had been closed in the fifth batch of the third round?"
PETITIONS_QUESTION = "How many petition issues did the Inner Mongolia discipline inspection group follow up?"


def _settings(index_dir: Path, poll: float = 0.0) -> Settings:
    return Settings().model_copy(update={"index": index_dir, "index_poll_s": poll})


@pytest.fixture()
def corpus_and_index(tmp_path: Path, embedder: Embedder) -> tuple[Path, Path]:
    corpus, index_dir = tmp_path / "documents", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(FIXTURES / "r3b2-progress-2024.txt", corpus)
    build_index(corpus, index_dir, embedder)
    return corpus, index_dir


def test_answers_from_the_current_version(corpus_and_index: tuple[Path, Path], embedder: Embedder) -> None:
    _, index_dir = corpus_and_index
    live = LiveEngine(_settings(index_dir), embedder)
    assert live.version_id == current_version_id(index_dir)
    answer = live.answer("How many cases were filed for punishment in the third round's second batch?")
    assert answer.answered and "2,258" in answer.answer
    assert "second batch of the third round" in live.coverage_text()


def test_reload_swaps_in_a_new_version_without_failing_questions(
    corpus_and_index: tuple[Path, Path], embedder: Embedder
) -> None:
    corpus, index_dir = corpus_and_index
    live = LiveEngine(_settings(index_dir), embedder)
    old_version = live.version_id
    assert not live.answer(NEW_BATCH_QUESTION).answered

    answers: list[Answer] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                answers.append(
                    live.answer("How many reports were accepted in the third round's second batch?")
                )
            except BaseException as exc:  # any failure during the reload is a bug
                errors.append(exc)

    askers = [threading.Thread(target=ask) for _ in range(3)]
    for thread in askers:
        thread.start()
    shutil.copy(FIXTURES / "r3b5-progress-2025.txt", corpus)
    build_index(corpus, index_dir, embedder)
    live.engine()  # notices the new version
    live.wait_for_reload(timeout=60)
    stop.set()
    for thread in askers:
        thread.join()

    assert not errors
    assert answers and all(a.answered and "32,781" in a.answer for a in answers)
    assert live.version_id == current_version_id(index_dir) != old_version
    answer = live.answer(NEW_BATCH_QUESTION)
    assert answer.answered and "3,222" in answer.answer


def test_polling_is_rate_limited(corpus_and_index: tuple[Path, Path], embedder: Embedder) -> None:
    corpus, index_dir = corpus_and_index
    live = LiveEngine(_settings(index_dir, poll=3600), embedder)
    old_version = live.version_id
    shutil.copy(FIXTURES / "r3b5-progress-2025.txt", corpus)
    build_index(corpus, index_dir, embedder)
    live.answer(NEW_BATCH_QUESTION)
    live.wait_for_reload(timeout=60)
    assert live.version_id == old_version  # not checked again within index_poll_s


def test_a_broken_new_version_keeps_the_old_engine(
    corpus_and_index: tuple[Path, Path], embedder: Embedder
) -> None:
    _, index_dir = corpus_and_index
    live = LiveEngine(_settings(index_dir), embedder)
    old_version = live.version_id
    (index_dir / CURRENT).write_text("no-such-version\n", encoding="utf-8")
    live.engine()
    live.wait_for_reload(timeout=60)
    assert live.version_id == old_version
    assert live.answer("How many cases were filed for punishment in the third round's second batch?").answered


def test_a_missing_index_is_a_one_line_error(tmp_path: Path, embedder: Embedder) -> None:
    with pytest.raises(StoreError) as error:
        LiveEngine(_settings(tmp_path / "nothing-here"), embedder)
    message = str(error.value)
    assert "\n" not in message and "inspectbot index" in message


def test_watch_picks_up_a_new_version_without_a_question(
    corpus_and_index: tuple[Path, Path], embedder: Embedder
) -> None:
    corpus, index_dir = corpus_and_index
    live = LiveEngine(_settings(index_dir, poll=0.1), embedder)
    old_version = live.version_id
    live.watch()
    try:
        shutil.copy(FIXTURES / "r3b5-progress-2025.txt", corpus)
        build_index(corpus, index_dir, embedder)
        deadline = time.monotonic() + 20
        while live.version_id == old_version and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        live.stop_watching()
    assert live.version_id == current_version_id(index_dir) != old_version
    assert live.answer(NEW_BATCH_QUESTION).answered


def _publish_damaged_copy(index_dir: Path, version_id: str, damage: str, name: str) -> str:
    """Copy a good version under a new id, damage the copy, and point CURRENT at it (as a build would)."""
    bad = index_dir / VERSIONS / name
    shutil.copytree(index_dir / VERSIONS / version_id, bad)
    if damage == "truncated vectors":
        vectors = bad / FAISS_FILE
        vectors.write_bytes(vectors.read_bytes()[:100])
    else:  # the documents file cut short in its first line
        documents = bad / DOCUMENTS
        documents.write_text(documents.read_text(encoding="utf-8")[:40], encoding="utf-8")
    (index_dir / CURRENT).write_text(name + "\n", encoding="utf-8")
    return name


@pytest.mark.parametrize("damage", ["truncated vectors", "broken documents"])
def test_a_bad_new_version_is_one_warning_per_version_and_the_old_one_keeps_serving(
    built_index: Path,
    embedder: Embedder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    crashes: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    live = LiveEngine(_settings(index_dir, poll=0.02), embedder)
    good = live.version_id
    live.watch()
    try:
        first = _publish_damaged_copy(index_dir, good, damage, "20990101T000000000000Z-bad001")
        time.sleep(0.8)  # some 40 polls
        second = _publish_damaged_copy(index_dir, good, damage, "20990101T000000000000Z-bad002")
        time.sleep(0.5)
        answer = live.answer(PETITIONS_QUESTION)
    finally:
        live.stop_watching()
        live.wait_for_reload(timeout=30)
    records = [r for r in caplog.records if r.name == "bot.live" and r.levelno >= logging.WARNING]
    messages = [r.getMessage() for r in records]
    assert [r.levelno for r in records] == [logging.WARNING, logging.WARNING], messages
    assert first in records[0].getMessage() and second in records[1].getMessage()
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)
    assert not crashes, "no traceback from the reload thread"
    assert live.version_id == good
    assert answer.answered and "2825" in answer.answer
