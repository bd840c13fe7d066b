"""Answers across inspections from the facts table, through the real engine on the real index: totals,
differences, the most, rankings with the inspections that do not report the figure named, verified
arithmetic, chart points from the operands, and follow-up conversations ("Which of the two is higher?")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer import Operand, Operation
from bot.engine import AnswerEngine, arithmetic
from bot.engine.conversation import Conversation
from bot.engine.grounding import is_grounded, problems
from bot.settings import Settings
from index.builder import build_index
from index.embedder import Embedder
from index.search import Searcher
from index.store import IndexVersion, open_index
from tests.conftest import copy_corpus


@pytest.fixture(scope="module")
def engine(index_version: IndexVersion, searcher: Searcher) -> AnswerEngine:
    return AnswerEngine(searcher, index_version, Settings(LLM_BASE_URL=None, _env_file=None))


def test_a_total_shows_its_arithmetic_and_cites_every_operand(
    engine: AnswerEngine, index_version: IndexVersion
) -> None:
    answer = engine.answer(
        "How many people were detained in the Hebei pilot and the first look-back batch together?"
    )
    assert answer.answered
    assert "123 people in the Hebei pilot inspection [1]" in answer.answer
    assert '610 people in the first batch of the "look-back" [2]' in answer.answer
    assert "together 733 (123 + 610 = 733)" in answer.answer
    assert [c.doc_id for c in answer.citations] == ["hebei-pilot-2016", "lookback1-feedback-2018"]
    (operation,) = answer.arithmetic
    assert (operation.kind, [o.value for o in operation.operands], operation.result) == (
        "sum",
        [123, 610],
        733,
    )
    assert problems(answer.answer, answer.citations, index_version.documents, answer.arithmetic) == []
    assert not is_grounded(answer.answer, answer.citations, index_version.documents)  # 733 is in no quote
    assert [(p.label, p.value, p.n) for p in answer.chart] == [("Pilot", 123, 1), ("LB B1", 610, 2)]
    assert "arithmetic" not in answer.model_dump_json()  # the answer JSON is unchanged


def test_a_difference_names_the_larger_and_by_how_much(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many more cases were filed for punishment in the second batch of the third round than in the "
        "fourth batch of the second round?"
    )
    assert "1,158 cases in the fourth batch of the second round [1]" in answer.answer
    assert "2,258 cases in the second batch of the third round [2]" in answer.answer
    assert "The second batch of the third round had 1,100 more (2,258 - 1,158 = 1,100)." in answer.answer
    assert answer.arithmetic[0].kind == "difference" and answer.arithmetic[0].result == 1100


def test_a_superlative_over_a_round_names_the_batches_without_the_figure(engine: AnswerEngine) -> None:
    answer = engine.answer("Which batch of the third round filed the most cases for punishment?")
    assert answer.answer.startswith(
        "Cases filed for punishment: 2,258 cases in the second batch of the third round [1]"
    )
    assert "18 cases in the third batch of the third round [2]" in answer.answer
    assert "The second batch of the third round reported more." in answer.answer  # of the two reported
    assert "do not report it for the first batch of the third round" in answer.answer  # not in this corpus


def test_a_total_says_what_it_leaves_out(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many cases were filed for investigation altogether in the batches of the third round?"
    )
    assert "77 cases in the second batch of the third round [1]" in answer.answer
    assert "together 81 (77 + 4 = 81)" in answer.answer
    assert "This leaves out the first batch of the third round" in answer.answer


def test_a_question_on_one_inspection_takes_the_usual_path(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many cases were filed for punishment in the fourth batch of the second round?"
    )
    assert "1,158" in answer.answer and answer.arithmetic == [] and answer.chart == []


def test_wrong_arithmetic_or_an_unquoted_operand_is_not_grounded(
    engine: AnswerEngine, index_version: IndexVersion
) -> None:
    answer = engine.answer(
        "How many people were detained in the Hebei pilot and the first look-back batch together?"
    )
    (good,) = answer.arithmetic
    wrong = good.model_copy(update={"result": 734.0, "shown": "734"})
    text = answer.answer.replace("733", "734")
    assert not is_grounded(text, answer.citations, index_version.documents, [wrong])
    invented = Operation(
        kind="sum", operands=[*good.operands, Operand(value=5, phrase="5", n=1)], result=738, shown="738"
    )
    assert any("not quoted" in p for p in arithmetic.problems([invented], answer.citations))
    assert arithmetic.compute("mean", [1, 2, 6]) == 3


def test_which_of_the_two_compares_the_inspections_of_the_turns_before(engine: AnswerEngine) -> None:
    conversation = Conversation()
    first = engine.answer(
        "How many people were detained in the fourth batch of the second round?", conversation
    )
    assert "61" in first.answer
    second = engine.answer("And in the Hebei pilot?", conversation)
    assert "123" in second.answer
    higher = engine.answer("Which of the two is higher?", conversation)
    assert "123 people in the Hebei pilot inspection" in higher.answer
    assert "61 people in the fourth batch of the second round" in higher.answer
    assert "The Hebei pilot inspection reported more." in higher.answer
    total = engine.answer("What is the total of the two?", conversation)
    assert "together 184" in total.answer and total.arithmetic[0].result == 184
    alone = engine.answer("Which of the two is higher?")  # without the context: nothing to compare
    assert "184" not in alone.answer and alone.arithmetic == []


def test_compare_that_with_another_batch_in_conversation(engine: AnswerEngine) -> None:
    conversation = Conversation()
    engine.answer(
        "How many cases were filed for punishment in the second batch of the third round?", conversation
    )
    engine.answer("And in the third batch?", conversation)
    difference = engine.answer("How many more in the second batch than in the third?", conversation)
    assert "2,258 cases in the second batch of the third round" in difference.answer
    assert "had 2,240 more (2,258 - 18 = 2,240)" in difference.answer


def test_batches_named_without_their_round_go_to_the_round_that_reports_them(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many more cases were filed for punishment in the second batch than in the third?"
    )
    assert "2,258 cases in the second batch of the third round [1]" in answer.answer
    assert "18 cases in the third batch of the third round [2]" in answer.answer
    assert "had 2,240 more (2,258 - 18 = 2,240)" in answer.answer


def test_chinese_questions_across_inspections(engine: AnswerEngine) -> None:
    most = engine.answer("第三轮哪一批立案处罚最多？")  # replied in Chinese, the English figures quoted
    assert "第三轮第二批督察2,258件[1]" in most.answer
    assert "第三轮第二批督察较多。" in most.answer
    total = engine.answer("第三轮第二批和第三批督察一共问责多少人？")
    assert "合计214人" in total.answer and "（208 + 6 = 214人）" in total.answer
    assert total.arithmetic[0].result == 214


def test_a_sum_of_a_lower_bound_is_a_lower_bound(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many reports were transferred in the fourth batch of the second round and the fifth "
        "batch of the third round altogether?"
    )
    assert "more than 28,000 reports in the fourth batch of the second round [1]" in answer.answer
    assert "5,122 reports in the fifth batch of the third round [2]" in answer.answer  # exact over hedged
    assert "together more than 33,122 (28,000 + 5,122 = more than 33,122)" in answer.answer


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def province_engine(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> AnswerEngine:
    """The engine over the corpus of tests/gold/cross.yaml: the seed and fixture articles, the extra
    articles, and articles giving figures province by province (tests/fixtures/province_articles)."""
    corpus = copy_corpus(tmp_path_factory.mktemp("province-corpus"))
    for directory in ("extra_articles", "province_articles"):
        for path in (FIXTURES / directory).iterdir():
            shutil.copy2(path, corpus / path.name)
    index_dir = tmp_path_factory.mktemp("province-index")
    build_index(corpus, index_dir, embedder)
    version = open_index(index_dir)
    return AnswerEngine(Searcher(version, embedder), version, Settings(LLM_BASE_URL=None, _env_file=None))


def test_the_provinces_of_one_batch_by_a_figure(province_engine: AnswerEngine) -> None:
    most = province_engine.answer(
        "Which province had the most cases filed for punishment in the second batch of the third round?"
    )
    assert most.answered
    assert most.answer.startswith(
        "Cases filed for punishment in the second batch of the third round: 611 cases in Hunan [1], "
        "486 cases in Zhejiang [2], 352 cases in Hubei [3] and 297 cases in Yunnan [4]. "
        "Hunan reported the most."
    )
    assert "2,258" not in most.answer  # the batch's total is no province's figure
    assert "do not report it for Shanghai, Jiangxi and Chongqing" in most.answer  # the calendar's others
    assert [c.doc_id for c in most.citations] == ["r3b2-provinces-2024"] * 4
    assert [(p.label, p.value) for p in most.chart][:2] == [("Hunan", 611), ("Zhejiang", 486)]
    ranking = province_engine.answer("Rank the provinces of the second batch by fines")
    assert ranking.answer.startswith(
        "Fines in the second batch of the third round, from the most to the fewest: 45.1 million yuan in "
        "Hunan [1], 39.8 million yuan in Zhejiang [2] and 27.4 million yuan in Hubei [3]."
    )
    assert "Yunnan" in ranking.answer.split("do not report it for")[1]


def test_a_province_question_is_never_answered_with_the_batch_total(province_engine: AnswerEngine) -> None:
    answer = province_engine.answer(
        "Which province of the fourth batch of the second round filed the most cases for punishment?"
    )
    assert not answer.answered and "1,158" not in answer.answer
    assert "province by province for the fourth batch of the second round" in answer.answer


def test_a_total_never_adds_figures_of_different_units(province_engine: AnswerEngine) -> None:
    answer = province_engine.answer(
        "What is the total number of cases filed for punishment in the first, second, third and fourth "
        "batches of the third round?"
    )
    assert "4,554" not in answer.answer  # 2,258 + 18 + 1,046 cases and 1,232 punished companies
    assert "together 3,322 (2,258 + 18 + 1,046 = 3,322)" in answer.answer
    assert (
        "Not added: 1,232 enterprises in the first batch of the third round [4], a count of enterprises, "
        "not of cases." in answer.answer
    )
    (operation,) = answer.arithmetic
    assert [o.value for o in operation.operands] == [2258, 18, 1046]
    people = province_engine.answer(
        "How many people were held accountable in the second and third batches of the third round altogether?"
    )
    assert "together 214 (208 + 6 = 214)" in people.answer  # one unit: added


def test_a_follow_up_keeps_the_provinces_of_the_batch(province_engine: AnswerEngine) -> None:
    conversation = Conversation()
    province_engine.answer(
        "Which province had the most cases filed for punishment in the second batch of the third round?",
        conversation,
    )
    fines = province_engine.answer("What about fines?", conversation)
    assert fines.answer.startswith(
        "Fines in the second batch of the third round: 45.1 million yuan in Hunan [1], 39.8 million yuan in "
        "Zhejiang [2] and 27.4 million yuan in Hubei [3]. Hunan reported the most."
    )
    alone = province_engine.answer("What about fines?")  # without the context: no provinces to rank
    assert "Hunan reported the most" not in alone.answer
