"""The gold set itself: well formed, and every expected token really is in the expected article."""

from __future__ import annotations

from functools import cache

import pytest

from bot.evaluation.gold import DEFAULT_GOLD, GoldQuestion, load_gold
from bot.evaluation.matching import contains, numbers_in
from bot.evaluation.runner import corpus_files
from index.loaders import is_article_path, load_article

GOLD = load_gold(DEFAULT_GOLD)
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
def texts() -> dict[str, str]:
    """doc_id (file stem) -> the article text as the index stores it."""
    return {
        path.stem: load_article(path, 5_000_000).text for path in corpus_files(GOLD) if is_article_path(path)
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


@pytest.mark.parametrize("question", GOLD.questions, ids=lambda q: q.id)
def test_expected_documents_exist(question: GoldQuestion) -> None:
    assert set(question.doc_ids) <= texts().keys()


@pytest.mark.parametrize("question", [q for q in GOLD.questions if q.tokens], ids=lambda q: q.id)
def test_expected_tokens_are_in_the_expected_documents(question: GoldQuestion) -> None:
    """At least one form of each token is verbatim in an expected document; the other forms write the same
    figures differently ("3866" for "3,866", "26 August" for "August 26")."""
    sources = [texts()[doc_id] for doc_id in question.doc_ids]
    for forms in question.tokens:
        verbatim = [form for form in forms if any(contains(text, form) for text in sources)]
        assert verbatim, f"none of {forms} occurs in {question.doc_ids}"
        figures = [sorted(numbers_in(form)) for form in verbatim]
        for form in forms:
            assert sorted(numbers_in(form)) in figures, f"{form!r} states other figures than {verbatim}"


@pytest.mark.parametrize("question", [q for q in GOLD.questions if q.forbidden], ids=lambda q: q.id)
def test_forbidden_tokens_are_figures_of_other_articles(question: GoldQuestion) -> None:
    for token in question.forbidden:
        assert any(contains(text, token) for text in texts().values()), f"{token!r} is in no article"
        assert not any(contains(texts()[doc_id], token) for doc_id in question.doc_ids), (
            f"{token!r} is in an expected document"
        )
