"""Questions across inspections and in conversation, fourth set of general causes found on held-out
questions, each reproduced in articles of our own (tests/fixtures/cross_causes4/, in the styles of an
encyclopedia page, China Daily, Xinhua, ECNS, People's Daily, CCTV and machine-translated mirror pages,
with real figures) over a real index:

1. a figure only a Chinese overview gives (one paragraph for several batches: "第三轮第一批…问责…289人；
   第二批…问责…208人") is an operand of a Chinese total ("第三轮第一批和第二批共问责多少人？": 共 asks a sum);
2. a comparison over two inspections that asks each one's figure, with no operation word ("分别问责了多少人",
   "How many ... in the first and second rounds?"), lists both sides, from an English and a Chinese article;
3. a figure a translation split at its thousands ("a total accountability of 1 048 people", read as 1, or
   "4 660" as 4 and 660) is no operand: the inspection's readable figure (its headline's) is used, else it
   is named among those without the figure; a province's figure in the same article is not the batch's;
4. follow-ups keep the inspection of the turn before: "大运河专项督察组进驻多长时间？" after a question on the
   third round's fifth batch, and "其中处级以上干部有多少人？" / "Of those, how many were at division level?"
   (a part of the last turn's figure: its inspection and metric, narrowed by the question's own words).

Every answer is checked: each number is in a cited quote or the verified result of arithmetic on cited
figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation
from bot.engine.prompts import default_prompts
from bot.engine.question import analyse
from index.embedder import Embedder
from index.meta.calendar import load_calendar
from index.models import InspectionScope
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "cross_causes4"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


# ---------------------------------------------------------------------- 1. an overview's operand
def test_a_chinese_total_takes_the_batch_only_an_overview_reports(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第一批和第二批共问责多少人？")
    assert "289 + 208 = 497" in answer.answer, answer.answer
    assert "没有提到" not in answer.answer
    most = ask(engine, "Which batch of the third round held the most officials accountable?")
    assert "208 people in the second batch of the third round" in most.answer, most.answer
    assert "The first batch of the third round reported more" in most.answer


# ---------------------------------------------------------------------- 2. each side, two languages
@pytest.mark.parametrize(
    "question",
    [
        "第一轮和第二轮中央生态环境保护督察分别问责了多少人？",
        "How many officials were held accountable in the first and second rounds?",
    ],
)
def test_each_inspection_of_a_comparison_over_mixed_languages(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert "18199" in answer.answer.replace(",", "") and "3371" in answer.answer, answer.answer
    assert len({c.doc_id for c in answer.citations}) >= 2


# ---------------------------------------------------------------------- 3. a figure split by a translation
def test_a_split_figure_gives_way_to_the_inspections_readable_one(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "How many officials were held accountable in the first and second batches of the first round "
        "together?",
    )
    assert "3,422 + 1048 = 4,470" in answer.answer, answer.answer
    assert "1 people" not in answer.answer


def test_a_split_figure_with_no_readable_one_is_left_out_and_said(engine: AnswerEngine) -> None:
    answer = ask(engine, "第一轮第二批和第三批分别问责多少人？")
    assert "1048人" in answer.answer, answer.answer
    assert "没有提到第一轮第三批督察" in answer.answer
    for wrong in ("660人", "4人", "657人", "1359"):  # halves of split figures; Hunan's figure
        assert wrong not in answer.answer, answer.answer
    english = ask(
        engine,
        "How many officials were held accountable in the second and third batches of the first round "
        "together?",
    )
    assert "do not report it for the third batch of the first round" in english.answer, english.answer
    assert "together" not in english.answer and "660" not in english.answer


# ---------------------------------------------------------------------- 4. follow-ups
def test_a_named_special_team_keeps_the_last_turns_batch(engine: AnswerEngine) -> None:
    conversation = Conversation()
    ask(engine, "第三轮第五批中央生态环保督察有几个督察组？", conversation)
    answer = ask(engine, "大运河专项督察组进驻多长时间？", conversation)
    assert {c.doc_id for c in answer.citations} == {"people-2025-11-21-r3b5-stationed-zh"}, answer.answer
    assert conversation.last is not None and conversation.last.scope == InspectionScope(round=3, batch=5)


@pytest.mark.parametrize(
    ("first", "subset"),
    [
        ("第二轮督察问责了多少人？", "其中处级以上干部有多少人？"),
        (
            "How many officials did the second round hold accountable?",
            "Of those, how many were at division level?",
        ),
    ],
)
def test_a_subset_follow_up_keeps_the_inspection_and_the_figure(first: str, subset: str) -> None:
    calendar, prompts = load_calendar(), default_prompts()
    conversation = Conversation()
    conversation.follow(analyse(first, calendar), prompts)
    resolution = conversation.follow(analyse(subset, calendar), prompts)
    assert resolution.question.scope == InspectionScope(round=2), resolution
    assert resolution.question.metrics == ("accountable",), resolution
    assert {"inspection", "figure"} <= set(resolution.carried)


def test_a_subset_follow_up_answers_from_the_last_turns_round(engine: AnswerEngine) -> None:
    conversation = Conversation()
    ask(engine, "第二轮督察问责了多少人？", conversation)
    answer = engine.answer("其中处级以上干部有多少人？", conversation)
    assert "875" not in answer.answer, answer.answer  # the first round's division-level officials
    assert "第二轮督察" in answer.answer and "哪次" not in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} <= {"cctv-2023-06-19-r2-accountability-zh"}
    conversation = Conversation()
    ask(engine, "第一轮督察问责了多少人？", conversation)
    answer = ask(engine, "其中处级以上干部有多少人？", conversation)
    assert "第一轮督察" in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} == {"people-2018-01-04-r1-wrap-up-zh"}, answer.answer
