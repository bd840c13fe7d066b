"""Issue 11, item 2: an article that is one endless line costs linear time, and its quotes stay short.

A 200,000-character line with no full stops once made every question take minutes (the engine's work per
figure grew with the sentence) and its citation a 200,000-character quote."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.settings import get_settings
from index.builder import build_index
from index.embedder import Embedder
from index.search import Searcher
from index.store import IndexVersion, open_index
from index.text.sentences import MAX_SENTENCE_CHARS, split_sentences

SMALL, LARGE = 25_000, 200_000
QUESTIONS = [
    "How many cases were filed for punishment in the fourth batch?",
    "How many officials were held accountable in Hebei?",
    "What fines were imposed?",
    "Which provinces were inspected?",
    "When did the inspection start?",
]
_PHRASES = [
    "the inspection team received",
    "reports from residents of Hebei province",
    "the county fined",
    "companies for discharging sewage",
    "cases were filed for punishment in the fourth batch",
    "yuan in fines",
    "officials were held accountable",
    "rectification tasks were completed",
]


def long_line(size: int, seed: int = 7) -> str:
    """One line of ``size`` characters: clauses with figures, commas and no full stop."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        part = f"{rng.choice(_PHRASES)} {rng.randint(2, 9999):,} {rng.choice(_PHRASES)}, "
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size].rstrip(", ")


def _check_pieces(text: str) -> list[tuple[int, int]]:
    spans = split_sentences(text)
    previous = 0
    for start, end in spans:
        assert end - start <= MAX_SENTENCE_CHARS
        assert text[start:end] == text[start:end].strip()
        assert text[previous:start].strip() == ""
        previous = end
    assert text[previous:].strip() == ""
    return spans


def test_an_overlong_sentence_is_cut_at_clause_punctuation() -> None:
    text = long_line(LARGE)
    spans = _check_pieces(text)
    assert len(spans) >= LARGE // MAX_SENTENCE_CHARS
    assert all(text[end - 1] == "," for _, end in spans[:-1])  # after a comma, not mid-clause


@pytest.mark.parametrize(
    ("text", "cut_after"),
    [
        ("plain words without any punctuation " * 2000, " "),  # at a word boundary
        ("年" * 5000, None),  # Chinese with no punctuation: at the limit
        ("x" * 5000, None),
        ("一，二，" * 2000, "，"),
    ],
    ids=["words", "cjk", "one-token", "cjk-commas"],
)
def test_overlong_sentences_without_clauses(text: str, cut_after: str | None) -> None:
    spans = _check_pieces(text)
    assert len(spans) > 1
    if cut_after == " ":
        assert all(text[end] == " " for _, end in spans[:-1])
    elif cut_after:
        assert all(text[end - 1] == cut_after for _, end in spans[:-1])


def test_splitting_is_linear() -> None:
    def cost(size: int) -> float:
        """CPU seconds, the best of three runs (other processes on the machine do not count)."""
        texts = [long_line(size), "word\n" * (size // 5), "a b\nc d\n" * (size // 8)]
        runs = []
        for _ in range(3):
            started = time.process_time()
            for text in texts:
                split_sentences(text)
            runs.append(time.process_time() - started)
        return min(runs)

    small, large = cost(SMALL), cost(LARGE)
    # 8x the text: linear is 8x, quadratic 64x
    assert large <= 24 * max(small, 0.005), (small, large)


@pytest.fixture(scope="module")
def long_versions(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> dict[int, IndexVersion]:
    """Real indexes holding one article that is a single line of 25,000 and of 200,000 characters (MiniLM's
    set alone: an English article, which the default's second, multilingual set would only embed slower)."""
    versions = {}
    for size in (SMALL, LARGE):
        documents = tmp_path_factory.mktemp(f"long{size}")
        (documents / "long-line.txt").write_text(long_line(size), encoding="utf-8")
        index_dir = tmp_path_factory.mktemp(f"long{size}-index")
        report = build_index(documents, index_dir, minilm)
        assert report.added == ["long-line"]
        versions[size] = open_index(index_dir)
    return versions


def test_long_line_passages_are_capped(long_versions: dict[int, IndexVersion]) -> None:
    version = long_versions[LARGE]
    document = version.documents["long-line"]
    assert len(document.sentences) >= LARGE // MAX_SENTENCE_CHARS
    assert max(end - start for start, end in document.sentences) <= MAX_SENTENCE_CHARS
    assert max(chunk.end - chunk.start for chunk in version.chunks) <= MAX_SENTENCE_CHARS


def test_long_line_questions_take_linear_time(
    long_versions: dict[int, IndexVersion], minilm: Embedder
) -> None:
    seconds = {}
    for size, version in long_versions.items():
        engine = AnswerEngine(Searcher(version, minilm), version)  # fresh: the article analysed anew
        for question in QUESTIONS:
            minilm.encode([question])  # the query embedding is not what is measured
        started = time.process_time()  # CPU time: other processes on the machine do not count
        answers = [engine.answer(question) for question in QUESTIONS]
        seconds[size] = time.process_time() - started
        text = version.documents["long-line"].text
        for answer in answers:
            for citation in answer.citations:
                assert citation.quote == text[citation.start : citation.end]
                assert len(citation.quote) <= 2 * MAX_SENTENCE_CHARS  # a sentence and its as-of lead
        assert any(answer.answered for answer in answers)
    print(f"\nlong-line questions: {seconds[SMALL]:.2f} s at 25k chars, {seconds[LARGE]:.2f} s at 200k")
    # 8x the text: linear would be 8x, quadratic 64x
    assert seconds[LARGE] <= 24 * max(seconds[SMALL], 0.05), seconds


def test_a_question_over_its_time_budget_is_refused(
    long_versions: dict[int, IndexVersion], minilm: Embedder
) -> None:
    version = long_versions[SMALL]
    question = QUESTIONS[0]
    settings = get_settings().model_copy(update={"answer_budget_s": 1e-6})
    answer = AnswerEngine(Searcher(version, minilm), version, settings).answer(question)
    assert not answer.answered and answer.citations == []
    assert AnswerEngine(Searcher(version, minilm), version).answer(question).answered


def test_an_index_from_the_old_splitter_is_split_again(
    long_versions: dict[int, IndexVersion], minilm: Embedder, tmp_path: Path
) -> None:
    """A document indexed before the cap (one 25,000-character sentence) is re-split by the next build."""
    index_dir = tmp_path / "index"
    shutil.copytree(long_versions[SMALL].path.parent.parent, index_dir)
    stored = index_dir / "versions" / (index_dir / "CURRENT").read_text().strip() / "documents.jsonl"
    document = json.loads(stored.read_text())
    document["sentences"] = [[0, len(document["text"])]]  # what the old splitter stored
    stored.write_text(json.dumps(document) + "\n")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "long-line.txt").write_text(long_line(SMALL), encoding="utf-8")
    report = build_index(documents, index_dir, minilm)
    assert report.updated == ["long-line"]
    version = open_index(index_dir)
    assert max(end - start for start, end in version.documents["long-line"].sentences) <= MAX_SENTENCE_CHARS
    assert max(chunk.end - chunk.start for chunk in version.chunks) <= MAX_SENTENCE_CHARS
