"""The gold set itself: well formed, and every expected token really is in the expected article."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.evaluation.gold import DEFAULT_GOLD, EXTRA_GOLD, GoldQuestion, GoldSet, load_gold
from bot.evaluation.matching import contains, numbers_in
from bot.evaluation.runner import corpus_files
from index.text.loaders import is_article_path, load_article
from tests.conftest import gold_params

GOLD = load_gold(DEFAULT_GOLD)
EXTRA = load_gold(EXTRA_GOLD)
REALISTIC = load_gold(Path(__file__).parent / "gold" / "realistic.yaml")  # tests/fixtures/realistic_articles
CROSS = load_gold(Path(__file__).parent / "gold" / "cross.yaml")  # questions across inspections
SETS = {"gold": GOLD, "extra": EXTRA, "realistic": REALISTIC, "cross": CROSS}
REQUIRED_CATEGORIES = {
    "quantity",
    "money",
    "list",
    "date",
    "paraphrase",
    "wrong_batch_trap",
    "round_ambiguity",
    "latest_vs_earlier",
    "number_format",
    "chinese",
    "refuse_uncovered",
    "refuse_not_reported",
    "refuse_off_topic",
}


@cache
def texts(name: str = "gold") -> dict[str, str]:
    """doc_id (file stem) -> the article text as the index stores it, for the corpus of one gold set."""
    gold: GoldSet = SETS[name]
    return {
        path.stem: load_article(path, 5_000_000).text for path in corpus_files(gold) if is_article_path(path)
    }


def test_gold_set_size_and_categories() -> None:
    assert len(GOLD.questions) >= 70
    assert set(GOLD.categories()) >= REQUIRED_CATEGORIES
    refusals = [q for q in GOLD.questions if not q.expect_answered]
    assert len(refusals) >= 15


def test_corpus_is_the_seed_and_fixture_articles() -> None:
    assert len(texts()) == 9
    assert "2021-09-19-chinanews-round2-batch4-progress" in texts()
    assert "r3b2-progress-2024" in texts()


def test_extra_set_adds_articles_and_refusals() -> None:
    assert len(texts("extra")) > len(texts("gold"))
    assert len(EXTRA.questions) >= 60
    assert any(not q.expect_answered for q in EXTRA.questions)


@pytest.mark.parametrize(("name", "question"), gold_params(SETS))
def test_expected_documents_exist(name: str, question: GoldQuestion) -> None:
    assert set(question.doc_ids) <= texts(name).keys()


@pytest.mark.parametrize(("name", "question"), gold_params(SETS, lambda q: q.tokens))
def test_expected_tokens_are_in_the_expected_documents(name: str, question: GoldQuestion) -> None:
    """At least one form of each token is verbatim in an expected document; the other forms write the same
    figures differently ("3866" for "3,866", "26 August" for "August 26")."""
    sources = [texts(name)[doc_id] for doc_id in question.doc_ids]
    for forms in question.tokens:
        if set(forms) <= set(question.computed):
            continue  # a computed total or difference is in no article
        verbatim = [form for form in forms if any(contains(text, form) for text in sources)]
        assert verbatim, f"none of {forms} occurs in {question.doc_ids}"
        figures = [sorted(numbers_in(form)) for form in verbatim]
        for form in forms:
            assert sorted(numbers_in(form)) in figures, f"{form!r} states other figures than {verbatim}"


@pytest.mark.parametrize(("name", "question"), gold_params(SETS, lambda q: q.forbidden))
def test_forbidden_tokens_are_figures_of_other_inspections(name: str, question: GoldQuestion) -> None:
    """A forbidden figure exists in the corpus. In gold.yaml it is never in an expected document; the extra
    set's expected articles may report several batches, so there it only has to exist somewhere."""
    for token in question.forbidden:
        assert any(contains(text, token) for text in texts(name).values()), f"{token!r} is in no article"
        if name == "gold":
            assert not any(contains(texts(name)[doc_id], token) for doc_id in question.doc_ids), (
                f"{token!r} is in an expected document"
            )
