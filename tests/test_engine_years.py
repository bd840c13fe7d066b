"""Questions that name a year or a group of provinces instead of a batch, over articles of our own in the
styles of Xinhua, China Daily, ECNS and People's Daily Online (tests/fixtures/years/, real 2016 figures):

1. a question on the inspections of a year ("the central environmental inspections of 2016") is answered
   with the total an article states for that year, labelled as the year; where none states one, per
   inspection of that year (the calendar says which); else refused;
2. a year named with a count of provinces no one batch has ("the 2016 inspections of 15 provincial areas
   including Beijing and Shanghai") or with provinces of several batches is the year's group: the group's
   own figure answers, never one batch's;
3. a figure on an earlier batch in an article on the next ("The second group of inspectors, sent ... at the
   end of last year, saw more than 3,100 officials held accountable") answers a question on that batch
   asked with its year ("at the end of 2016"): "last year" in an article of 2017 is 2016;
4. the one reading of periods (index/meta/periods.py): a year inside a sentence is no whole year.

Every answer is checked: each number is in a cited quote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.named import provinces_counted, year_group
from bot.engine.nationwide import year_asked
from bot.engine.question import analyse
from index.embedder import Embedder
from index.meta.calendar import load_calendar
from index.meta.periods import national_tally, relative_years, stated_period, wider_than_batch
from index.models import InspectionScope
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "years"
YEAR_ARTICLES = (  # the articles that state a total for 2016
    "xinhua-2017-01-12-year-of-inspections-2016.txt",
    "chinadaily-2017-02-01-inspections-to-cover-all.txt",
    "chinanews-2017-01-12-year-of-inspections-2016-zh.txt",
)


def _articles(skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()) if p.name not in skip}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(_articles(), tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def batches_only(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    """The batch articles alone: no article states a total for 2016."""
    return engine_over(_articles(skip=YEAR_ARTICLES), tmp_path_factory, embedder)


# ---------------------------------------------------------------------- 1. the inspections of a year
def test_a_year_is_answered_with_the_total_an_article_states_for_it(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained in the central environmental inspections of 2016?")
    assert answer.answer.startswith("In 2016, 720 people were detained [1]"), answer.answer
    assert answer.citations[0].doc_id == "xinhua-2017-01-12-year-of-inspections-2016"
    assert "batch" not in answer.answer


def test_a_year_total_said_as_last_year_is_that_years(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many cases did the 2016 inspections look into?")
    assert "33,000" in answer.answer and "1,893" not in answer.answer, answer.answer
    assert answer.answer.startswith(("In 2016", "Last year, as the article puts it")), answer.answer


def test_without_a_year_total_the_years_inspections_answer_one_by_one(batches_only: AnswerEngine) -> None:
    answer = ask(
        batches_only,
        "How many officials were held accountable in the central environmental inspections of 2016?",
    )
    assert "first batch of the first round, 3,287" in answer.answer, answer.answer
    assert "second batch of the first round, more than 3,100" in answer.answer, answer.answer


def test_a_year_no_article_reports_is_refused(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in the central environmental inspections of 2018?")
    assert not answer.answered, answer.answer
    assert "720" not in answer.answer


def test_a_batch_never_takes_the_years_total(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in the second batch of the first round?")
    assert "720" not in answer.answer, answer.answer


# ---------------------------------------------------------------------- 2. a group of provinces
def test_a_count_of_provinces_in_a_year_is_the_group_not_one_batch(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "How many people were held accountable in the 2016 inspections of 15 provincial areas including "
        "Beijing and Shanghai?",
    )
    assert "6,454" in answer.answer or "6,500" in answer.answer, answer.answer
    assert "3,100" not in answer.answer and "687" not in answer.answer and "batch" not in answer.answer


def test_provinces_of_two_batches_in_a_year_are_the_group(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained in the 2016 inspections of Ningxia and Beijing?")
    assert "720" in answer.answer and "batch" not in answer.answer, answer.answer


def test_the_group_without_its_own_figure_is_answered_per_batch(batches_only: AnswerEngine) -> None:
    answer = ask(
        batches_only,
        "How many people were held accountable in the 2016 inspections of 15 provincial areas including "
        "Beijing and Shanghai?",
    )
    assert "first batch of the first round, 3,287" in answer.answer, answer.answer
    assert "second batch of the first round, more than 3,100" in answer.answer, answer.answer


def test_year_groups_from_the_calendar() -> None:
    calendar = load_calendar()
    r1b1, r1b2 = InspectionScope(round=1, batch=1), InspectionScope(round=1, batch=2)
    group = year_group(calendar, (2016,), ("Beijing", "Shanghai"), 15)
    assert [scope for scope, _ in group] == [r1b1, r1b2]
    assert year_group(calendar, (2016,), ("Beijing", "Shanghai"), 7) == ()  # one batch's own count
    assert year_group(calendar, (2016,), ("Tianjin",), 15) == ()  # Tianjin was inspected in 2017
    assert provinces_counted("the 2016 inspections of 15 provincial areas including Beijing") == 15
    assert provinces_counted("the inspection of eight provinces in 2016") == 8
    assert provinces_counted("2016年15个省（区、市）的督察") == 15
    assert provinces_counted("the 2016 inspection of Ningxia") is None


# ------------------------------------------------------------------ 3. an earlier batch in a later article
def test_an_earlier_batch_in_the_next_batchs_article_answers_for_its_year(
    batches_only: AnswerEngine,
) -> None:
    answer = ask(
        batches_only,
        "How many officials were held accountable after the inspection of Beijing, Shanghai, Chongqing, "
        "Hubei, Guangdong, Gansu and Shaanxi at the end of 2016?",
    )
    assert answer.answer.startswith("In the second batch of the first round, more than 3,100"), answer.answer
    assert answer.citations[0].doc_id == "peopledaily-2017-04-25-third-group-dispatched"


# ---------------------------------------------------------------------- 4. one reading of periods
def test_a_year_inside_a_sentence_is_no_whole_year() -> None:
    for sentence in (
        "Nationwide, fines and confiscations in 2021 came to 11.687 billion yuan.",
        "In 2021, fines came to 11.687 billion yuan.",
        "2021年，全国共下达环境行政处罚决定书13.28万份。",
        "Fines of 2.3 billion yuan were imposed for the year.",
    ):
        assert wider_than_batch(sentence), sentence
    for sentence in (
        "The batch stationed in April 2021 imposed fines of 191 million yuan.",
        "Fines imposed in 2021 by the teams of the fourth batch came to 47 million yuan.",
    ):
        assert not wider_than_batch(sentence), sentence


def test_the_year_a_period_is() -> None:
    january = dt.date(2017, 1, 31)
    assert stated_period("Last year, inspectors looked into 33,000 cases.", january) == (2016, "Last year")
    assert stated_period("In 2016 the inspections led to 720 detentions.", january) == (2016, "In 2016")
    assert stated_period("2016年，全国共拘留720人。", january) == (2016, "2016年")
    assert stated_period("A total of 720 people were detained.", january) is None
    assert relative_years("sent at the end of last year", dt.date(2017, 4, 24)) == {2016}
    assert relative_years("sent at the end of last year", None) == set()
    assert national_tally("720 people were detained across the country in 2016") == (
        "across the country",
        "in 2016",
    )
    assert national_tally("China detained 720 people over environmental violations in 2016") is not None
    assert national_tally("720 people were detained in 2016") is None


def test_a_year_asked_in_chinese_is_answered_with_its_total(engine: AnswerEngine) -> None:
    answer = ask(engine, "2016年中央环保督察共拘留多少人？")
    assert "720" in answer.answer and "2016年" in answer.answer, answer.answer


def test_which_questions_ask_of_a_whole_year() -> None:
    calendar = load_calendar()
    asked = {
        "How many people were detained in the central environmental inspections of 2016?": 2016,
        "2016年中央环保督察共拘留多少人？": 2016,
        "How many reports were received by the inspections launched in April 2021?": None,  # one batch
        "How many people were detained after the 2016 inspection of Ningxia?": None,  # one province
        "How many people were detained in the second batch of 2016?": None,
        "How many people were detained nationwide in 2016?": 2016,
        "How many people were detained in Ningxia in 2016?": None,
    }
    for text, year in asked.items():
        assert year_asked(analyse(text, calendar)) == year, text


def test_a_nationwide_figure_of_a_year_is_labelled_with_the_year(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained nationwide in 2016?")
    assert answer.answer.startswith("In 2016, 720 people were detained"), answer.answer


# ---------------------------------------------------------------------- 5. a cumulative period total
@pytest.fixture(scope="module")
def year_end_only(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    """A year-end piece that names the first batch's provinces and gives only the year's running totals."""
    name = "chinadaily-2017-01-09-cleaner-skies-year-end.txt"
    return engine_over({name: (FIXTURES / name).read_text(encoding="utf-8")}, tmp_path_factory, embedder)


def test_a_total_up_to_the_end_of_last_year_is_no_batchs(year_end_only: AnswerEngine) -> None:
    """'Up to the end of last year, fines of more than 440 million yuan ...' counts every inspection so far:
    a question on the July 2016 batch of eight provinces is refused, not answered with it."""
    answer = year_end_only.answer("How much were polluters fined in the first batch of the first round?")
    assert not answer.answered, answer.answer
    assert "440" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "sentence",
    [
        "Up to the end of last year, fines of more than 440 million yuan had been handed out.",
        "By the end of last year, 597 people had been detained.",
        "Through the end of last year, polluters were fined 441 million yuan.",
        "截至去年底，共罚款4.4亿元。",
    ],
)
def test_a_running_total_to_the_end_of_last_year_opens_a_period(sentence: str) -> None:
    assert wider_than_batch(sentence), sentence
