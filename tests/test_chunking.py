"""Passage windows over sentences: exact text, consecutive ids, one-sentence overlap, passage facts."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from index.meta.metadata import extract_metadata
from index.models import Document, DocumentMeta, InspectionScope
from index.text.chunking import MAX_CHARS, MAX_SENTENCES, make_chunks, sentence_windows
from index.text.documents import read_document
from index.text.sentences import split_sentences

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(
    [*(REPO_ROOT / "documents").glob("*.md"), *(REPO_ROOT / "tests" / "fixtures" / "articles").iterdir()]
)


def document(text: str) -> Document:
    return Document(
        doc_id="d",
        path="d.txt",
        content_hash="h",
        meta=DocumentMeta(title="t", scope=InspectionScope(round=2, batch=4), as_of="2021-09-15T20:00"),
        text=text,
        sentences=split_sentences(text),
    )


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_chunks_quote_the_article_exactly(path: Path) -> None:
    doc = read_document(path, path.parent, 1_000_000)
    chunks = make_chunks(doc, first_id=100)
    assert [chunk.chunk_id for chunk in chunks] == list(range(100, 100 + len(chunks)))
    for sentence_start, sentence_end in doc.sentences:  # every sentence text equals the text at its offsets
        assert doc.text[sentence_start:sentence_end].strip() == doc.text[sentence_start:sentence_end]
    covered: set[int] = set()
    for chunk in chunks:
        assert chunk.doc_id == doc.doc_id
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.start == doc.sentences[chunk.sentence_start][0]
        assert chunk.end == doc.sentences[chunk.sentence_end - 1][1]
        size = chunk.sentence_end - chunk.sentence_start
        assert 1 <= size <= MAX_SENTENCES
        assert size == 1 or len(chunk.text) <= MAX_CHARS
        covered.update(range(chunk.sentence_start, chunk.sentence_end))
    assert covered == set(range(len(doc.sentences)))
    assert chunks[0].sentence_start == 0 and chunks[-1].sentence_end == len(doc.sentences)
    for before, after in itertools.pairwise(chunks):
        assert before.sentence_start < after.sentence_start <= before.sentence_end  # overlap at most 1
        assert after.sentence_end > before.sentence_end  # no window inside another
        assert after.sentence_start >= before.sentence_end - 1


def test_windows_overlap_by_one_sentence() -> None:
    sentences = [(i * 10, i * 10 + 9) for i in range(7)]
    assert sentence_windows(sentences) == [(0, 3), (2, 5), (4, 7)]


def test_long_sentence_is_its_own_chunk() -> None:
    sentences = [(0, 100), (101, 101 + 2 * MAX_CHARS), (102 + 2 * MAX_CHARS, 150 + 2 * MAX_CHARS)]
    assert sentence_windows(sentences) == [(0, 1), (1, 2), (2, 3)]


def test_single_sentence_and_empty_documents() -> None:
    assert sentence_windows([(0, 5)]) == [(0, 1)]
    assert sentence_windows([]) == []
    assert make_chunks(document(""), first_id=0) == []


def test_chunks_carry_passage_facts() -> None:
    text = (
        "China News Service, Beijing, September 19. Teams went to Jilin and Hubei.\n\n"
        + "Filler sentence number one is here. " * 20
        + "\n\nIn the third batch of the second round, as of April 28, Guangxi closed 900 cases."
    )
    chunks = make_chunks(document(text), first_id=0)
    first, last = chunks[0], chunks[-1]
    assert first.provinces == ["Jilin", "Hubei"]  # not the dateline's Beijing
    assert first.scope == InspectionScope(round=2, batch=4) and first.as_of == "2021-09-15T20:00"
    assert last.provinces == ["Guangxi"]
    assert last.as_of is not None and last.as_of.endswith("04-28")
    assert last.scope == InspectionScope(round=2, batch=3)


def test_seed_answer_passage_is_one_chunk() -> None:
    doc = read_document(
        REPO_ROOT / "documents" / "2021-09-19-chinanews-round2-batch4-progress.md",
        REPO_ROOT / "documents",
        1_000_000,
    )
    chunk = next(c for c in make_chunks(doc, 0) if "1,158 were filed for punishment" in c.text)
    assert "As of 20:00 on the evening of September 15th" in chunk.text
    assert chunk.scope == InspectionScope(round=2, batch=4)
    assert chunk.as_of == "2021-09-15T20:00"


def test_random_texts_keep_exact_offsets() -> None:
    """Jumbles of the genre's tricky tokens never break the offset invariants (or crash)."""
    tokens = [
        "No.",
        "3",
        "Co., Ltd.",
        "U.S.",
        "Jan.",
        "e.g.",
        "20:00",
        "40.06",
        "yuan",
        ".",
        "!",
        "?",
        '"',
        "“",
        "”",
        "(",
        ")",
        "\n",
        "\n\n",
        "  ",
        "The",
        "second round",
        "fourth batch",
        "of the",
        "look-back",
        "pilot",
        "Hebei",
        "As of",
        "September 15",
        "2021",
        "截至9月15日20时",
        "。",
        "第二轮第四批",
        "…",
        ";",
        "1.",
        "A.",
        "etc.",
        "Xinhua News Agency, Beijing, December 28.",
    ]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(tokens) + rng.choice(["", " "]) for _ in range(rng.randrange(0, 60)))
        doc = document(text)
        previous_end = 0
        for start, end in doc.sentences:
            assert previous_end <= start < end and text[start:end] == text[start:end].strip()
            assert text[previous_end:start].strip() == ""
            previous_end = end
        assert text[previous_end:].strip() == ""
        for chunk in make_chunks(doc, first_id=5):
            assert chunk.text == text[chunk.start : chunk.end]


def test_chunks_of_a_one_province_article_are_about_that_province() -> None:
    text = (
        "Kunming, May 20 -- As part of the third batch of the second round, inspectors were stationed in "
        "Yunnan on April 7, 2021.\n\n"
        + "The teams visited sites and met officials. " * 12
        + "\n\nThe first batch had filed 1,010 cases, the second batch 2,020 and the third batch 3,030."
    )
    meta = extract_metadata(text, {}, "f")
    doc = Document(
        doc_id="d", path="d.txt", content_hash="h", meta=meta, text=text, sentences=split_sentences(text)
    )
    chunks = make_chunks(doc, first_id=0)
    assert meta.scope == InspectionScope(round=2, batch=3) and meta.provinces == ["Yunnan"]
    assert len(chunks) > 2
    assert all(chunk.provinces == ["Yunnan"] for chunk in chunks)
    assert chunks[-1].scope == meta.scope  # several batches named: the document's scope, not the first
