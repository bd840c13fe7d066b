"""Questions across inspections and in conversation, third set of general causes found on held-out
questions, each reproduced in articles of our own (tests/fixtures/cross_causes3/, in the styles of China
Daily, ECNS, Xinhua, China News Service and the Ministry's releases, with real figures) over a real index:

1. a rounded report in a later, secondary article ("more than 79 million yuan", "more than 100 officials")
   never stands for an inspection whose articles give the exact final figure it rounds ("79.0557 million
   yuan", "104"): totals and differences use the exact one, and are exact;
2. a superlative over a round's batches never takes a nationwide annual figure ("Nationwide, fines and
   confiscations in 2021 came to 11.687 billion yuan", "2019年，全国…罚款金额118.78亿元", in articles filed
   under one batch) as a batch's: the batch's own figure is used, else the batch is said to have none;
3. a count of one beside figures in the hundreds ("held one people's congress deputy accountable") gives
   way to the inspection's own figure in a difference, a sum and "which of the two";
4. a Chinese elliptical follow-up ("受理有效举报多少件？") keeps the one inspection of the turn before, and
   "和第二批比呢？" compares it with the batch named;
5. "And the one for Shaanxi?" after "Who led the team for Shanxi ...?" asks who led Shaanxi's team;
6. a difference of two provinces whose figures one passage gives names the larger one (both share its
   citation number), over tests/fixtures/cross_causes2/.

Every answer is checked: each number is in a cited quote or the verified result of arithmetic on cited
figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation
from bot.engine.operands import implausibly_small, rounds, wider_than_batch
from index.embedder import Embedder
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "cross_causes3"
PROVINCES = Path(__file__).parent / "fixtures" / "cross_causes2"  # two provinces' figures in one passage


def _engine(folder: Path, tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return _engine(FIXTURES, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def provinces(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return _engine(PROVINCES, tmp_path_factory, embedder)


# ---------------------------------------------------------------------- 1. exact over rounded
def test_a_total_uses_the_exact_figure_a_later_report_rounds(engine: AnswerEngine) -> None:
    answer = ask(engine, "How much were fines in the first and second batches of the second round together?")
    assert "65.086 million yuan + 79.0557 million yuan = 144.14 million yuan" in answer.answer, answer.answer
    assert "more than" not in answer.answer


def test_a_difference_uses_exact_operands(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "How many more officials were held accountable in the first batch of the second round than in the "
        "second batch?",
    )
    assert "130 - 104 = 26" in answer.answer, answer.answer
    assert "about" not in answer.answer and "more than 100" not in answer.answer


def test_rounding_ranges() -> None:
    assert rounds("more than", 79_000_000, 79_055_700)
    assert rounds("超过", 300_000_000, 336_000_000)
    assert rounds("about", 2_300_000_000, 2_318_414_000)
    assert not rounds("more than", 1_100, 1_000)  # a later, larger report is no rounding of an earlier one
    assert not rounds("more than", 100, 180)
    assert not rounds(None, 104, 104)


# ---------------------------------------------------------------------- 2. nationwide figures
def test_a_superlative_over_batches_skips_a_nationwide_annual_total(engine: AnswerEngine) -> None:
    answer = ask(engine, "Which batch of the second round imposed the highest fines?")
    assert "The second batch of the second round reported the most" in answer.answer, answer.answer
    assert "11.687 billion" not in answer.answer
    assert re.search(r"do not report it for [^.]*the fifth batch of the second round", answer.answer)
    chinese = ask(engine, "第二轮哪一批罚款最多？")
    assert "第二轮第二批督察最多" in chinese.answer and "11.687" not in chinese.answer, chinese.answer


def test_two_nationwide_figures_filed_under_batches_are_both_set_aside(engine: AnswerEngine) -> None:
    ranking = ask(engine, "Rank the batches of the second round by fines.")
    assert "79.0557 million yuan in the second batch of the second round [1]" in ranking.answer, (
        ranking.answer
    )
    assert "11.687 billion" not in ranking.answer and "118.78亿" not in ranking.answer
    two = ask(engine, "第二轮第一批和第二批罚款哪个多？")
    assert "第二轮第二批督察较多" in two.answer and "65.086 million" in two.answer, two.answer


def test_sentences_wider_than_one_batch() -> None:
    for sentence in (
        "Nationwide, fines and confiscations in 2021 came to 11.687 billion yuan.",
        "2021年，全国共下达环境行政处罚决定书13.28万份，罚没款数额总计116.87亿元。",
        "Across the country, 162,800 cases were handled for the year.",
    ):
        assert wider_than_batch(sentence), sentence
    for sentence in (
        "By then the inspected places had filed 1,000 cases for punishment and imposed fines of 79.0557 "
        "million yuan.",
        "截至9月15日20时，各督察组共收到群众来电、来信举报22511件。",
    ):
        assert not wider_than_batch(sentence), sentence


# ---------------------------------------------------------------------- 3. a count of one
def test_a_count_of_one_gives_way_to_the_inspections_own_figure(engine: AnswerEngine) -> None:
    total = ask(
        engine,
        "How many officials were held accountable in the first and second batches of the second round "
        "together?",
    )
    assert "130 + 104 = 234" in total.answer, total.answer
    higher = ask(
        engine,
        "Which of the first and second batches of the second round held more officials accountable?",
    )
    assert "The first batch of the second round reported more" in higher.answer, higher.answer
    assert "1 people" not in higher.answer and "one people" not in higher.answer
    assert implausibly_small(1, [104])
    assert not implausibly_small(41, [50, 61]) and not implausibly_small(0, [9])  # a zero is said in words


# ---------------------------------------------------------------------- 4. a Chinese follow-up
@pytest.mark.parametrize(
    ("first", "right", "wrong"),
    [
        ("第二轮第四批立案处罚多少家？", "18347", "17880"),
        ("第三轮第四批中央生态环保督察收到群众举报多少件？", "17880", "18347"),
    ],
)
def test_a_chinese_follow_up_keeps_one_inspection(
    engine: AnswerEngine, first: str, right: str, wrong: str
) -> None:
    conversation = Conversation()
    ask(engine, first, conversation)
    answer = ask(engine, "受理有效举报多少件？", conversation)
    assert right in answer.answer and wrong not in answer.answer, answer.answer
    assert not re.search(r"[A-Za-z]{3,}", answer.answer.split("\n")[0]), answer.answer  # all Chinese


def test_a_chinese_comparison_follow_up_compares_the_two(engine: AnswerEngine) -> None:
    conversation = Conversation()
    ask(engine, "第二轮第一批罚款多少？", conversation)
    answer = ask(engine, "与第二批相比呢？", conversation)
    # English sums said in 万元 with the article's words after them (said_sum, since caad083)
    assert (
        "第二轮第一批督察6508.6万元（原文为“65.086 million yuan”）[1]和"
        "第二轮第二批督察7905.57万元（原文为“79.0557 million yuan”）[2]"
    ) in answer.answer, answer.answer
    conversation = Conversation()
    ask(engine, "第二轮第一批问责多少人？", conversation)
    answer = ask(engine, "和第二批比呢？", conversation)
    assert "第二轮第一批督察130人" in answer.answer and "第二轮第二批督察104人" in answer.answer, (
        answer.answer
    )


# ---------------------------------------------------------------------- 5. "the one for" another place
def test_a_leader_follow_up_for_another_province(engine: AnswerEngine) -> None:
    conversation = Conversation()
    first = ask(engine, "Who led the team for Shanxi in the fourth batch of the third round?", conversation)
    assert "Cai Mingzhao" in first.answer, first.answer
    answer = ask(engine, "And the one for Shaanxi?", conversation)
    assert "the team for Shaanxi was led by Huang Ming" in answer.answer, answer.answer


# ---------------------------------------------------------------------- 6. two provinces of one passage
def test_a_difference_of_two_provinces_cited_by_one_passage_names_the_larger(provinces: AnswerEngine) -> None:
    chinese = ask(provinces, "浙江比湖南多立案处罚多少家？")
    assert "浙江多25件（312 - 287 = 25件）" in chinese.answer, chinese.answer
    english = ask(
        provinces,
        "How many more cases did Hunan file for punishment than Zhejiang in the second batch of the third "
        "round?",
    )
    assert "Zhejiang had 25 more (312 - 287 = 25)" in english.answer, english.answer
