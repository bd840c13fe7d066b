"""The answer engine end to end on the real index (seed articles + test fixtures)."""

from __future__ import annotations

import re

import pytest

from bot.answer import Answer
from bot.engine import AnswerEngine
from bot.engine.compose import Composer
from bot.engine.grounding import problems
from index.facts.numbers import number_tokens
from index.search import Searcher
from index.store import IndexVersion

SEED_R2B4 = "2021-09-19-chinanews-round2-batch4-progress"


@pytest.fixture(scope="module")
def engine(searcher: Searcher, index_version: IndexVersion) -> AnswerEngine:
    return AnswerEngine(searcher, index_version)


def _has(text: str, figure: str) -> bool:
    """``figure`` appears in ``text`` as a whole number ("61" is not in "610")."""
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def _answered(engine: AnswerEngine, question: str, *figures: str, doc: str | None = None) -> Answer:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    for figure in figures:
        assert _has(answer.answer, figure), answer.answer
        assert any(_has(c.quote, figure) for c in answer.citations), answer.citations
    if doc is not None:
        assert doc in {c.doc_id for c in answer.citations}
    return answer


def test_cases_filed_for_punishment_in_the_fourth_batch(engine: AnswerEngine) -> None:
    answer = _answered(
        engine, "How many cases were filed for punishment in the fourth batch?", "1,158", doc=SEED_R2B4
    )
    assert "fourth batch of the second round" in answer.answer
    assert re.search(r"\[1\]", answer.answer)
    assert not _has(answer.answer, "29,000")  # the first round's total is not the fourth batch's


def test_fines_with_unit(engine: AnswerEngine) -> None:
    answer = _answered(engine, "What was the total fine in the second round's fourth batch?", "40.06")
    assert "40.06 million yuan" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many people were taken into custody in the 4th batch of round 2?",
        "How many people were detained during the second round, fourth batch?",
        "第二轮第四批督察拘留了多少人？",
    ],
)
def test_detention_paraphrases(engine: AnswerEngine, question: str) -> None:
    answer = _answered(engine, question, "61")
    assert not _has(answer.answer, "610")


def test_several_kinds_of_cases_are_labelled(engine: AnswerEngine) -> None:
    answer = _answered(engine, "How many cases were filed in round 3 batch 2?", "2,258", "77")
    assert "punishment" in answer.answer and "investigation" in answer.answer


def test_provinces_of_a_batch_come_back_complete(engine: AnswerEngine) -> None:
    answer = _answered(engine, "Which provinces were inspected in the second round's fourth batch?")
    for province in ("Jilin", "Shandong", "Hubei", "Guangdong", "Sichuan"):
        assert province in answer.answer
    lookback = _answered(engine, "Which provinces and regions did the first look-back batch cover?")
    assert sum(p in lookback.answer for p in ("Hebei", "Ningxia", "Guangxi", "Heilongjiang", "Yunnan")) == 5


def test_enterprises_list(engine: AnswerEngine) -> None:
    answer = _answered(
        engine, "Which central enterprises were inspected in the fifth batch of the third round?"
    )
    for name in ("China Huadian", "CHN Energy", "Ansteel", "China Baowu", "China Coal Energy"):
        assert name in answer.answer


def test_wrong_batch_trap_is_refused(engine: AnswerEngine) -> None:
    answer = engine.answer("What fines were imposed in the third round's second batch?")
    assert not answer.answered
    assert "fines" in answer.answer and "second batch of the third round" in answer.answer
    assert not answer.citations
    assert not any(_has(answer.answer, f) for f in ("40.06", "710", "1.43"))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How many cases were filed for punishment in round 4?", "fourth round"),
        (
            "How many reports were received in the first batch of the second round?",
            "first batch of the second round",
        ),
    ],
)
def test_uncovered_scope_is_refused_with_coverage(engine: AnswerEngine, question: str, asked: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations
    assert asked in answer.answer
    assert "the second round (fourth and sixth batches)" in answer.answer  # what is covered


@pytest.mark.parametrize(
    "question",
    [
        "What's the weather in Beijing tomorrow?",
        "Who won the 2022 football world cup?",
        "Write a sorting function.",
    ],
)
def test_off_topic_is_refused(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question", ["", "   ", "\n"])
def test_empty_question_gets_a_clean_non_answer(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and answer.answer and not answer.citations


def test_latest_report_first_and_the_earlier_one_mentioned(engine: AnswerEngine) -> None:
    answer = _answered(
        engine, "How many public reports were transferred in the fourth batch of the second round?", "28,000"
    )
    assert "more than 28,000" in answer.answer
    assert _has(answer.answer, "14,432") and "earlier" in answer.answer
    assert answer.answer.index("28,000") < answer.answer.index("14,432")
    assert {c.doc_id for c in answer.citations} == {"r2b4-follow-up-2021", SEED_R2B4}


def test_round_only_question_prefers_the_whole_round_figure(engine: AnswerEngine) -> None:
    answer = _answered(engine, "How many officials were held accountable in the first round?", "18,199")
    assert not _has(answer.answer, "366")  # the pilot's figure is not the round's


def test_round_question_without_a_round_total_answers_per_batch(engine: AnswerEngine) -> None:
    answer = _answered(engine, "How many cases were filed for punishment in the third round?", "2,258", "18")
    assert len(answer.citations) == 2


def test_a_figure_about_one_province_says_so(engine: AnswerEngine) -> None:
    answer = _answered(engine, "How many people were held accountable in the second round's sixth batch?")
    assert "Tibet" in answer.answer


def test_a_batch_total_is_not_given_for_one_province(engine: AnswerEngine) -> None:
    answer = engine.answer("What fines were imposed in Hebei during the look-back?")
    assert not answer.answered and "710" not in answer.answer


def test_when_and_who(engine: AnswerEngine) -> None:
    when = _answered(engine, "When were the teams of the third round's second batch stationed?")
    assert "May 7" in when.answer and "May 9" in when.answer
    who = _answered(engine, "Who led the Hebei pilot inspection team?")
    assert "Zhou Jian" in who.answer


def test_coverage_lists_what_is_indexed(engine: AnswerEngine) -> None:
    text = engine.coverage_text()
    for scope in (
        "the first round (the Hebei pilot inspection, overall figures)",
        'the first batch of the "look-back"',
        "the second round (fourth and sixth batches)",
        "the third round (second, third and fifth batches)",
    ):
        assert scope in text, text


def test_an_ungrounded_answer_is_never_returned(
    engine: AnswerEngine, index_version: IndexVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Composer, "figure_phrase", lambda self, finding: "9,999 cases were filed")
    answer = engine.answer(
        "How many cases were filed for punishment in the fourth batch of the second round?"
    )
    assert "9,999" not in answer.answer
    assert answer.answered and "1,158 were filed for punishment" in answer.answer  # the sentence, quoted
    assert not problems(answer.answer, answer.citations, index_version.documents)


QUESTIONS = [
    "How many cases were filed for punishment in the fourth batch?",
    "How many calls and letters did the second round's fourth batch receive?",
    "How many valid reports were accepted in round 2 batch 4?",
    "How many party and government leaders were interviewed in the fourth batch of the second round?",
    "How many inspection teams took part in the second round's fourth batch?",
    "How many reports had been closed in the third round's second batch?",
    "How many reports did the teams of the third round's third batch receive?",
    "How many reports were transferred in the third batch of the third round?",
    "How many reports had been closed in round 3, batch 5?",
    "How many enterprises were ordered to rectify in the first batch of the look-back?",
    "How many public reports were handled in the look-back's first batch?",
    "How many enterprises did Hebei shut down during the pilot?",
    "How many people did Hebei criticize publicly during the inspection pilot?",
    "How many complaints did the public lodge during the whole first round?",
    "How much in fines was imposed across the first round?",
    "How many enterprises were held accountable in Tibet?",
    "How many rectification tasks did Tibet's department of ecology work on?",
    "What share of days had good air quality in Tianjin?",
    "How much ore did the Jinchangyu gold mine extract illegally?",
    "How many people were detained?",
    "When was the feedback of the Hebei pilot delivered?",
    "Where was the mobilization meeting of the Hebei pilot held?",
    "What happened at the Fengshun landfill?",
    "Which provinces were covered by the second batch of the third round?",
    "How many officials in total were interviewed or held to account in the third batch of the third round?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_is_grounded(engine: AnswerEngine, index_version: IndexVersion, question: str) -> None:
    answer = engine.answer(question)
    assert answer.latency_ms >= 0
    if not answer.answered:
        assert not answer.citations
        return
    assert not problems(answer.answer, answer.citations, index_version.documents)
    quoted = {token for c in answer.citations for token in number_tokens(c.quote)}
    assert set(number_tokens(re.sub(r"\[\d+\]", "", answer.answer))) <= quoted
    for citation in answer.citations:
        document = index_version.documents[citation.doc_id]
        assert document.text[citation.start : citation.end] == citation.quote
        assert citation.title == document.meta.title
