"""Figures inside breakdowns, shares and rates, and one province's figure in a batch article: causes found on
a held-out set of real articles, reproduced in articles of our own (tests/fixtures/facts_causes2/, in the
styles of China Daily, ECNS, Xinhua in English and Chinese and a provincial daily, with real figures), checked
on the facts table's rows and, over a real index, on the answers in both languages:

1. a sub-figure inside a total ("其中处级以上领导干部875人", "of whom 875 were at or above the division
   level", "Of the 1,035 officials held accountable, 218 were ...", "厅级干部159人（其中正厅级干部56人）") is
   its own row with its subset and a link to its total; a question for the subset gets it, one for the total
   never;
2. a rate beside a count ("办结率为54.9%", "examined 35,039 of those cases, or 88.5 percent") is a percentage
   of the count's metric: a question for the share gets it, a count question never does;
3. one province's figure in a batch article ("湖北省问责人数最多，为221人，其中厅级干部26人", "Hainan alone
   held 135 officials accountable") is the province's; a batch question gets the batch's total.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from index.facts.table import Fact, document_facts
from index.meta.calendar import load_calendar
from index.text.chunking import make_chunks
from index.text.documents import read_document
from tests.conftest import ask, engine_over, facts_of

FIXTURES = Path(__file__).parent / "fixtures" / "facts_causes2"
CALENDAR = load_calendar()


def rows_of(stem: str) -> list[Fact]:
    """The facts-table rows of the article ``FIXTURES/<stem>.txt``."""
    document = read_document(FIXTURES / f"{stem}.txt", FIXTURES, 5_000_000)
    return document_facts(document, make_chunks(document, 0), CALENDAR)


def row(rows: list[Fact], phrase: str, metric: str | None = None) -> Fact:
    """The last row of ``phrase`` (of ``metric``, when given)."""
    found = [r for r in rows if r.phrase == phrase and (metric is None or r.metric == metric)]
    assert found, (phrase, [(r.phrase, r.metric) for r in rows])
    return found[-1]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


# ------------------------------------------------------------------ 1. sub-figures: rows
def test_an_english_sub_figure_is_its_own_row_linked_to_its_total() -> None:
    rows = rows_of("chinadaily-2018-01-05-r1-summary-division-level")
    total, part = row(rows, "18,199"), row(rows, "875")
    assert (total.metric, total.subset, total.part_of) == ("accountable", None, -1)
    assert (part.metric, part.subset, part.part_of) == ("accountable", "division_or_above", total.start)


def test_english_breakdowns_by_level_each_name_their_subset() -> None:
    rows = rows_of("xinhua-2018-04-23-r1b4-accountability-hainan")
    total = row(rows, "1,035")
    department, heads, division = row(rows, "218"), row(rows, "57"), row(rows, "571")
    assert department.subset == "department" and department.part_of == total.start
    assert heads.subset == "department_head" and heads.part_of == department.start  # "57 of them"
    assert division.subset == "division" and division.part_of == total.start
    assert {r.metric for r in (department, heads, division)} == {"accountable"}
    hainan, of_hainan = row(rows, "135"), row(rows, "30")
    assert (hainan.place, hainan.subset) == ("Hainan", None)
    assert (of_hainan.place, of_hainan.subset, of_hainan.part_of) == ("Hainan", "department", hainan.start)


def test_chinese_breakdowns_and_nested_parts_count_what_their_total_counts() -> None:
    rows = rows_of("xinhua-zh-2018-03-29-r1b2-accountability")
    total = row(rows, "1048")
    parts = {phrase: row(rows, phrase) for phrase in ("3", "159", "56", "464")}
    assert {p: (r.metric, r.subset) for p, r in parts.items()} == {
        "3": ("accountable", "provincial"),
        "159": ("accountable", "department"),
        "56": ("accountable", "department_head"),
        "464": ("accountable", "division"),
    }
    assert parts["56"].part_of == parts["159"].start  # 厅级干部159人（其中正厅级干部56人）
    assert {parts[p].part_of for p in ("3", "159", "464")} == {total.start}
    hubei, of_hubei = row(rows, "221"), row(rows, "26")
    assert (hubei.place, hubei.subset) == ("Hubei", None)
    assert (of_hubei.place, of_hubei.subset, of_hubei.part_of) == ("Hubei", "department", hubei.start)


def test_a_part_in_parentheses_or_after_including_or_among_is_linked_to_its_total(tmp_path: Path) -> None:
    chinese = facts_of(
        tmp_path,
        "zh-2018-01-05-r1.txt",
        "标题：首轮督察\n\n第一轮中央环境保护督察共问责党政领导干部18199名（其中处级以上领导干部875人）。",
    )
    english = facts_of(
        tmp_path,
        "en-2018-01-05-r1.txt",
        "Title: First round\n\nThe first round of central environmental inspections held 18,199 officials"
        " accountable, including 875 at or above the division level.\n\nAmong the 1,140 officials held"
        " accountable in the first batch, 130 were department-level officials.",
    )
    for rows, total, part, subset in (
        (chinese, "18199", "875", "division_or_above"),
        (english, "18,199", "875", "division_or_above"),
        (english, "1,140", "130", "department"),
    ):
        whole, within = row(rows, total), row(rows, part)
        assert (whole.metric, whole.subset) == ("accountable", None)
        assert (within.metric, within.subset, within.part_of) == ("accountable", subset, whole.start)


# ------------------------------------------------------------------ 2. rates: rows
def test_parts_in_the_sentence_after_their_total_are_linked_to_it(tmp_path: Path) -> None:
    chinese = facts_of(
        tmp_path,
        "zh-2018-03-29-r1b2.txt",
        "标题：第二批督察问责\n\n第一轮第二批督察的7省市共问责1048人。其中，厅级干部159人，处级干部464人。",
    )
    english = facts_of(
        tmp_path,
        "en-2018-01-05-r1.txt",
        "Title: First round\n\nThe first round of central environmental inspections held 18,199 officials"
        " accountable. Among them, 875 were at or above the division level.",
    )
    for rows, total, parts in ((chinese, "1048", ("159", "464")), (english, "18,199", ("875",))):
        whole = row(rows, total)
        assert {(row(rows, p).metric, row(rows, p).part_of) for p in parts} == {("accountable", whole.start)}


def test_a_chinese_percentage_with_a_decimal_in_numerals_is_read_whole(tmp_path: Path) -> None:
    rows = facts_of(
        tmp_path,
        "zh-2017-09-18-r1b4.txt",
        "标题：第一轮第四批督察\n\n第一轮第四批督察中，地方已办结35039件，占转办总数的百分之八十八点五。",
    )
    rate = row(rows, "百分之八十八点五")
    assert (rate.value, rate.metric, rate.share_of) == (88.5, "percent", "closed")


def test_a_rate_is_a_percentage_of_the_count_it_is_a_share_of() -> None:
    examined = rows_of("ecns-2017-09-18-r1b4-share-examined")
    assert (row(examined, "35,039").metric, row(examined, "88.5 percent").share_of) == ("closed", "closed")
    hainan = rows_of("hainan-zh-2023-12-24-r3b1-completion-rate")
    rate = row(hainan, "54.9%")
    assert (rate.metric, rate.unit, rate.share_of, rate.place) == ("percent", "percent", "closed", "Hainan")
    assert row(hainan, "492").metric == "closed"


# ------------------------------------------------------------------ 1. sub-figures: answers
@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("How many officials were held accountable in the first round?", "18,199", "875"),
        ("第一轮督察共问责多少人？", "18,199", "875"),
        (
            "How many officials at or above the division level were held accountable in the first round?",
            "875",
            None,
        ),
        ("第一轮督察问责的处级以上干部有多少人？", "875", None),
        ("How many officials were held accountable in the second batch of the first round?", "1048", "159"),
        ("第一轮第二批督察共问责多少人？", "1048", "159"),
        (
            "How many department-level officials were held accountable in the first round's second batch?",
            "159",
            "1048",
        ),
        ("第一轮第二批督察问责厅级干部多少人？", "159", "1048"),
        ("How many officials were held accountable in the fourth batch of the first round?", "1,035", "218"),
        ("第一轮第四批督察共问责多少人？", "1,035", "218"),
        (
            "How many department-level officials were held accountable in the first round's fourth batch?",
            "218",
            None,  # quoted with its total: "of the 1,035 officials held accountable, 218 were ..."
        ),
        ("第一轮第四批督察问责厅级干部多少人？", "218", "1,035"),
    ],
)
def test_a_subset_question_gets_the_sub_figure_and_a_total_question_the_total(
    engine: AnswerEngine, question: str, wanted: str, unwanted: str | None
) -> None:
    answer = ask(engine, question).answer
    assert wanted in answer.replace("1,048", "1048"), answer
    assert unwanted is None or unwanted not in answer.replace("1,048", "1048"), answer


def test_a_follow_up_for_a_subset_of_the_last_turns_total_gets_the_sub_figure(engine: AnswerEngine) -> None:
    from bot.engine.conversation import Conversation

    conversation = Conversation()
    assert "18,199" in engine.answer("第一轮督察共问责多少人？", conversation).answer
    assert "875" in ask(engine, "其中处级以上干部有多少人？", conversation).answer


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("第一轮督察问责的处级以上干部有多少人？", "处级以上干部875人"),
        ("第一轮第四批督察问责厅级干部多少人？", "厅级干部218人"),
        (
            "How many department-level officials were held accountable in the first round's second batch?",
            "159 department-level officials",
        ),
    ],
)
def test_a_sub_figure_said_in_the_replys_words_names_its_subset(
    engine: AnswerEngine, question: str, named: str
) -> None:
    assert named in ask(engine, question).answer


# ------------------------------------------------------------------ 2. rates: answers
@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        (
            "What share of the cases had local authorities examined in the fourth batch of the first round?",
            "88.5",
            None,
        ),
        ("第一轮第四批督察中，转办案件的办结率是多少？", "88.5", None),
        (
            "How many cases had local authorities examined in the fourth batch of the first round?",
            "35,039",
            "88.5",
        ),
        (
            "What was the completion rate of the reports passed to Hainan in the third round's first batch?",
            "54.9",
            None,
        ),
        ("第三轮第一批督察期间，海南省转办举报的办结率是多少？", "54.9", None),
        ("第三轮第一批督察期间，海南省已办结多少件举报？", "件", "54.9"),
    ],
)
def test_a_share_question_gets_the_rate_and_a_count_question_never(
    engine: AnswerEngine, question: str, wanted: str, unwanted: str | None
) -> None:
    answer = ask(engine, question).answer
    assert wanted in answer, answer
    assert unwanted is None or unwanted not in answer, answer


# ------------------------------------------------------------------ 3. a province's figure in a batch article
@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        (
            "How many officials did Hubei hold accountable in the second batch of the first round?",
            "221",
            "1048",
        ),
        ("第一轮第二批督察中湖北省问责多少人？", "221", "1048"),
        (
            "How many officials did Hainan hold accountable in the fourth batch of the first round?",
            "135",
            "1,035",
        ),
        ("第一轮第四批督察中海南省问责多少人？", "135", "1,035"),
    ],
)
def test_a_province_question_gets_the_provinces_figure_labelled_with_it(
    engine: AnswerEngine, question: str, wanted: str, unwanted: str
) -> None:
    answer = ask(engine, question).answer
    assert wanted in answer and unwanted not in answer.replace("1,048", "1048"), answer
    assert "Hubei" in answer or "湖北" in answer or "Hainan" in answer or "海南" in answer, answer
