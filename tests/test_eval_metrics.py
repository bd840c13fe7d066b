"""Unit tests of the evaluation metrics on hand-made answers (no model, no index)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.answer import Answer, Citation
from bot.evaluation.gold import GoldError, GoldQuestion, load_gold
from bot.evaluation.matching import contains, figures_in_answer, numbers_in, ungrounded_figures
from bot.evaluation.metrics import score, summarize, summarize_by_category, supporting_rank
from index.models import Chunk

SEED = "2021-09-19-chinanews-round2-batch4-progress"
QUOTE = "Completed investigations and prosecutions of 3,866 cases, of which 1,158 were filed for punishment"
PUNISHMENT = GoldQuestion(
    id="r2b4-punishment",
    question="How many cases were filed for punishment in the fourth batch of the second round?",
    category="quantity",
    expect_answered=True,
    tokens=["1,158"],
    doc_ids=[SEED],
    forbidden=["2,258"],
)
REFUSE = GoldQuestion(
    id="round4",
    question="How many cases were filed for punishment in the fourth round?",
    category="refuse_uncovered",
    expect_answered=False,
    forbidden=["1,158"],
)


def citation(quote: str = QUOTE, doc_id: str = SEED, n: int = 1, date: str | None = "2021-09-19") -> Citation:
    return Citation(
        n=n, doc_id=doc_id, title="t", source=None, date=date, quote=quote, start=0, end=len(quote)
    )


def answer(text: str, citations: list[Citation] | None = None, answered: bool = True) -> Answer:
    return Answer(question="q", answered=answered, answer=text, citations=citations or [], latency_ms=1.0)


def chunk(doc_id: str, text: str, chunk_id: int = 0) -> Chunk:
    return Chunk(
        chunk_id=chunk_id, doc_id=doc_id, start=0, end=len(text), sentence_start=0, sentence_end=1, text=text
    )


@pytest.mark.parametrize(
    ("text", "token", "found"),
    [
        ("61 people were detained", "61", True),
        ("610 people were detained", "61", False),
        ("detained 1,610 people", "610", False),
        ("a fine of 40.06 million yuan", "40", False),
        ("a fine of 40.06 million yuan", "40.06 million yuan", True),
        ("a fine of 40.06  Million Yuan.", "40.06 million yuan", True),
        ("1,158, and 40 cases", "1,158", True),
        ("1,158, and 40 cases", "40", True),
        ("the sixth batch", "six", False),
        ("Six teams", "six", True),
        ("on September 15th", "September 15", True),
        ("3866 investigations", "3,866", False),
        ("进驻了江苏", "江苏", True),
        ("督察组于November 21日进驻", "November 21", True),  # an English word beside Chinese characters
        ("和State Power Investment等企业", "State Power Investment", True),
        ("the Statewide figure", "State", False),
    ],
)
def test_contains_matches_whole_numbers_and_words(text: str, token: str, found: bool) -> None:
    assert contains(text, token) is found


def test_numbers_in_normalises_separators() -> None:
    assert numbers_in("1,158 cases, 40.06 million, 3866, at 20:00") == [
        Decimal(1158),
        Decimal("40.06"),
        Decimal(3866),
        Decimal(20),
        Decimal(0),
    ]


def test_figures_leave_out_markers_and_inspection_numbers() -> None:
    text = "In round 2, batch 4 (the 2nd round's 4th batch), 1,158 cases were filed [1]; batches 4 and 6 [2]."
    assert [raw for raw, _ in figures_in_answer(text)] == ["1,158"]


def test_grounding_needs_every_figure_in_a_quote() -> None:
    assert ungrounded_figures(answer("1,158 cases were filed for punishment [1].", [citation()])) == []
    assert ungrounded_figures(answer("1158 cases [1].", [citation()])) == []
    assert ungrounded_figures(answer("1,185 cases [1].", [citation()])) == ["1,185"]
    # The year of the cited article's date is grounded; another year is not.
    assert ungrounded_figures(answer("1,158 cases by September 2021 [1].", [citation()])) == []
    assert ungrounded_figures(answer("1,158 cases by September 2022 [1].", [citation()])) == ["2022"]
    assert ungrounded_figures(answer("1,158 cases [1].", [])) == ["1,158"]


def test_score_correct_answer() -> None:
    result = score(PUNISHMENT, answer("1,158 cases were filed for punishment [1].", [citation()]), 12.0, None)
    assert result.correct and result.citation_correct and result.grounded
    assert result.missing_tokens == [] and result.forbidden_found == []
    assert result.cited_docs == [SEED] and not result.retrieval_scored


def test_score_missing_token_and_wrong_figure() -> None:
    missing = score(PUNISHMENT, answer("1,185 cases were filed [1].", [citation()]), 1.0, None)
    assert not missing.correct and missing.missing_tokens == ["1,158"] and missing.grounded is False
    wrong_batch = citation("The seven provinces filed 2,258 cases for punishment", "r3b2-progress-2024")
    trap = score(PUNISHMENT, answer("1,158 or 2,258 cases [1].", [citation(), wrong_batch]), 1.0, None)
    assert not trap.correct and trap.forbidden_found == ["2,258"]


def test_citation_must_come_from_an_expected_document_and_hold_the_figure() -> None:
    other = citation("filed 1,158 cases", "r3b2-progress-2024")
    assert score(PUNISHMENT, answer("1,158 cases [1].", [other]), 1.0, None).citation_correct is False
    no_figure = citation("The inspection teams entered the sinking phase.")
    assert score(PUNISHMENT, answer("1,158 cases [1].", [no_figure]), 1.0, None).citation_correct is False
    dangling = score(PUNISHMENT, answer("1,158 cases [2].", [citation()]), 1.0, None)
    assert dangling.citation_correct is False and dangling.grounded is False


def test_score_refusals() -> None:
    refused = score(REFUSE, answer("Round 4 is not covered.", answered=False), 1.0, None)
    assert refused.correct and refused.citation_correct is None and refused.grounded is None
    leaked = score(
        REFUSE, answer("Round 4 is not covered; round 2 batch 4 had 1,158.", answered=False), 1.0, None
    )
    assert not leaked.correct
    answered = score(REFUSE, answer("1,158 cases [1].", [citation()]), 1.0, None)
    assert not answered.correct
    wrongly_refused = score(PUNISHMENT, answer("Not reported.", answered=False), 1.0, None)
    assert not wrongly_refused.correct and wrongly_refused.citation_correct is False


def test_supporting_rank() -> None:
    chunks = [
        chunk("r3b2-progress-2024", "filed 2,258 cases"),
        chunk(SEED, "the teams entered the sinking phase", 1),
        chunk(SEED, QUOTE, 2),
    ]
    assert supporting_rank(PUNISHMENT, chunks) == 3
    assert supporting_rank(PUNISHMENT, chunks[:2]) is None
    result = score(PUNISHMENT, answer("1,158 [1]", [citation()]), 1.0, chunks)
    assert result.retrieval_scored and result.retrieval_rank == 3


def test_summarize() -> None:
    chunks = [chunk(SEED, QUOTE)]
    results = [
        score(PUNISHMENT, answer("1,158 cases [1].", [citation()]), 10.0, chunks),  # right, rank 1
        # wrongly refused, supporting passage not retrieved
        score(PUNISHMENT, answer("Not reported.", answered=False), 20.0, chunks[1:]),
        score(REFUSE, answer("Not covered.", answered=False), 30.0, None),  # right refusal
        score(REFUSE, answer("1,158 cases [1].", [citation()]), 40.0, None),  # should have refused
    ]
    summary = summarize(results)
    assert summary.n == 4
    assert summary.answer_accuracy == 0.5
    assert summary.citation_accuracy == 0.5
    assert summary.grounding_rate == 1.0
    assert summary.abstention_precision == 0.5
    assert summary.abstention_recall == 0.5
    assert summary.recall_at_1 == 0.5 and summary.recall_at_5 == 0.5 and summary.mrr == 0.5
    assert summary.latency_p50_ms == 25.0
    assert summary.latency_p95_ms == pytest.approx(38.5)
    by_category = summarize_by_category(results, ["quantity", "refuse_uncovered", "list"])
    assert list(by_category) == ["quantity", "refuse_uncovered"]
    assert by_category["quantity"].abstention_recall is None
    assert by_category["quantity"].abstention_precision == 0.0
    assert by_category["refuse_uncovered"].citation_accuracy is None


def test_grounding_rate_counts_ungrounded_answers() -> None:
    results = [
        score(PUNISHMENT, answer("1,158 cases [1].", [citation()]), 1.0, None),
        score(PUNISHMENT, answer("1,158 cases and 99 fines [1].", [citation()]), 1.0, None),
    ]
    assert summarize(results).grounding_rate == 0.5


def test_load_gold_rejects_bad_files(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("questions: [", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid YAML"):
        load_gold(bad_yaml)
    no_tokens = tmp_path / "no-tokens.yaml"
    no_tokens.write_text(
        "corpus: [docs]\nquestions:\n  - {id: a, question: q, category: c, expect_answered: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="needs tokens and doc_ids"):
        load_gold(no_tokens)
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "missing.yaml")


def test_load_gold_resolves_corpus_and_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "gold" / "g.yaml"
    path.parent.mkdir()
    path.write_text(
        "corpus: [../docs]\nquestions:\n"
        "  - {id: a, question: q, category: c, expect_answered: true, tokens: ['1', ['3,866', '3866']],"
        " doc_ids: [d]}\n",
        encoding="utf-8",
    )
    gold = load_gold(path)
    assert gold.corpus == [(tmp_path / "docs").resolve()]
    assert gold.questions[0].tokens == [["1"], ["3,866", "3866"]]


def test_corpus_files_needs_existing_directories(tmp_path: Path) -> None:
    from bot.evaluation.runner import corpus_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / ".hidden").write_text("x", encoding="utf-8")
    path = tmp_path / "g.yaml"
    path.write_text("corpus: [docs]\nquestions: []\n", encoding="utf-8")
    assert corpus_files(load_gold(path)) == [tmp_path / "docs" / "a.txt"]
    path.write_text("corpus: [docs, missing]\nquestions: []\n", encoding="utf-8")
    with pytest.raises(GoldError, match="missing of the gold set not found"):
        corpus_files(load_gold(path))
