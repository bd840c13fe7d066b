"""Questions as users ask them about real articles: naming the provinces, enterprises, year or month of an
inspection instead of its round and batch. The calendar picks the inspections that fit (one: answered for
it; several: answered per inspection); a single province named restricts the evidence to that province.
The calendar here is a small one built for the test; the articles are written for it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from bot.engine.question import analyse
from index.embedder import Embedder
from index.meta.calendar import Calendar, Inspection
from index.models import InspectionScope as Scope
from tests.conftest import engine_over

CALENDAR = Calendar(
    entries=[
        Inspection(
            id="r1b1",
            scope=Scope(round=1, batch=1),
            stationed_from=dt.date(2016, 7, 12),
            stationed_to=dt.date(2016, 8, 19),
            provinces=[
                "Inner Mongolia",
                "Heilongjiang",
                "Jiangsu",
                "Jiangxi",
                "Henan",
                "Guangxi",
                "Yunnan",
                "Ningxia",
            ],
        ),
        Inspection(
            id="r1b2",
            scope=Scope(round=1, batch=2),
            stationed_from=dt.date(2016, 11, 24),
            stationed_to=dt.date(2016, 12, 30),
            provinces=["Beijing", "Shanghai", "Hubei", "Guangdong", "Chongqing", "Shaanxi", "Gansu"],
        ),
        Inspection(
            id="r1b4",
            scope=Scope(round=1, batch=4),
            stationed_from=dt.date(2017, 8, 7),
            stationed_to=dt.date(2017, 9, 15),
            provinces=["Jilin", "Zhejiang", "Shandong", "Hainan", "Sichuan", "Qinghai", "Tibet", "Xinjiang"],
        ),
        Inspection(
            id="lb1",
            scope=Scope(batch=1, phase="lookback"),
            stationed_from=dt.date(2018, 5, 30),
            stationed_to=dt.date(2018, 7, 7),
            provinces=[
                "Hebei",
                "Inner Mongolia",
                "Heilongjiang",
                "Jiangsu",
                "Jiangxi",
                "Henan",
                "Guangdong",
                "Guangxi",
                "Yunnan",
                "Ningxia",
            ],
        ),
        Inspection(
            id="r2b1",
            scope=Scope(round=2, batch=1),
            stationed_from=dt.date(2019, 7, 10),
            stationed_to=dt.date(2019, 8, 15),
            provinces=["Shanghai", "Fujian", "Hainan", "Chongqing", "Gansu", "Qinghai"],
            enterprises=["China Minmetals", "China National Chemical Corporation"],
        ),
        Inspection(
            id="r2b3",
            scope=Scope(round=2, batch=3),
            stationed_from=dt.date(2021, 4, 6),
            stationed_to=dt.date(2021, 5, 9),
            provinces=["Shanxi", "Liaoning", "Anhui", "Jiangxi", "Henan", "Hunan", "Guangxi", "Yunnan"],
        ),
    ]
)

ARTICLES = {
    "r2b3.md": """---
title: Second round's third batch of inspectors completes stationing
round: 2
batch: 3
---
Chinanews.com, May 14. The teams were stationed in Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi \
and Yunnan from April 6 to April 9, 2021. As of May 9, 2,575 cases were filed and penalized, 1,708 party \
and government leaders were interviewed, and 844 were held accountable. people.
""",
    "r1b1-total.md": """---
title: First batch of central inspections hands over its findings
round: 1
batch: 1
date: 2016-11-20
---
People's Daily, November 20, 2016. The first batch of central environmental protection inspections, \
covering Inner Mongolia, Heilongjiang, Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia, has handed \
its findings to the eight provinces.

The eight provinces detained 404 people and held 3,422 officials accountable.
""",
    "r1b1-ningxia.md": """---
title: Inspectors criticize Ningxia's pollution control
round: 1
batch: 1
date: 2017-01-05
---
In Ningxia, 57 polluting companies have been shut down and 105 officials have been held accountable since \
the inspectors' feedback. The autonomous region filed 215 cases for punishment.
""",
    "r1b2.md": """---
title: Second group of central inspectors reports back
round: 1
batch: 2
date: 2017-04-25
---
The seven provinces of the second group detained 265 people and held more than 3,100 officials \
accountable.
""",
    "lb1-ningxia.md": """---
title: Ningxia after the look-back
round: null
batch: 1
phase: lookback
date: 2018-07-20
---
In Ningxia, the look-back teams saw 61 officials held accountable and 98 cases filed for punishment.
""",
    "ecns-r1b4.md": """---
title: 4,129 held accountable after fourth round of environmental inspections
date: 2017-09-06
round: 1
batch: 4
---
The fourth round of central environmental inspections has so far led to 4,129 people being held \
accountable. This round took the teams to Jilin, Zhejiang, Shandong, Hainan, Sichuan and Qinghai and to \
Tibet and Xinjiang.

More than 18,500 cases came to light, 285 people were detained, and fines added up to 280 million yuan.

For comparison, inspectors handled 33,000 cases last year, with 440 million yuan in fines and 720 people \
detained.

In 2016 the inspectors had detained 720 people in all. During the last round of inspections, into seven \
provinces, China held over 4,660 officials accountable.
""",
    "r2b1.md": """---
title: First batch of the second round enters its sinking phase
round: 2
batch: 1
date: 2019-08-02
---
Eight teams were stationed in Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai and in China \
Minmetals and China National Chemical Corporation from July 10 to July 14, 2019. As of July 31, \
accountability was pursued for 1,140 people.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder, calendar=CALENDAR)


def _has(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def _answer(engine: AnswerEngine, question: str, *figures: str) -> str:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    assert not problems(answer.answer, answer.citations, engine.version.documents)
    for figure in figures:
        assert _has(answer.answer, figure), answer.answer
    return answer.answer


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        (
            "How many people were held accountable in the 2021 inspection that covered Guangxi and Yunnan?",
            Scope(round=2, batch=3),
        ),
        ("How many cases were filed in Ningxia after the 2016 inspection?", Scope(round=1, batch=1)),
        (
            "What did the teams sent to Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai find?",
            Scope(round=2, batch=1),
        ),
        (
            "How many officials were held accountable after the inspection of China Minmetals?",
            Scope(round=2, batch=1),
        ),
        ("When did the second batch start in 2016?", Scope(round=1, batch=2)),
        ("How many people were held accountable in the inspections of April 2021?", Scope(round=2, batch=3)),
        ("What share of days had good air quality in Guangxi in 2021?", Scope()),  # 2021 dates no inspection
        ("How many people were detained in the Hebei pilot in 2016?", Scope(round=1, phase="pilot")),
    ],
)
def test_names_pick_the_inspection(question: str, scope: Scope) -> None:
    assert analyse(question, CALENDAR).scope == scope


def test_several_provinces_and_a_year_name_a_batch(engine: AnswerEngine) -> None:
    answer = _answer(
        engine,
        "How many people were held accountable in the 2021 inspection that covered Guangxi and Yunnan?",
        "844",
    )
    assert "third batch of the second round" in answer
    teams = _answer(
        engine,
        "How many people were held accountable by the teams sent to Shanghai, Fujian, Hainan, Chongqing, "
        "Gansu and Qinghai?",
        "1,140",
    )
    assert "first batch of the second round" in teams


@pytest.mark.parametrize(
    "question",
    [
        "How many officials were held accountable after the 2016 central inspection of Ningxia?",
        "How many officials in Ningxia were held accountable after the 2016 inspection?",
    ],
)
def test_one_province_and_a_year_answer_for_that_province(engine: AnswerEngine, question: str) -> None:
    answer = _answer(engine, question, "105")
    assert not _has(answer, "3,422") and not _has(answer, "61")  # the batch's total; the look-back's


def test_cases_filed_in_one_province_after_an_inspection(engine: AnswerEngine) -> None:
    answer = _answer(engine, "How many cases were filed in Ningxia after the 2016 inspection?", "215")
    assert not _has(answer, "98")


def test_a_year_that_fits_several_batches_is_answered_per_batch(engine: AnswerEngine) -> None:
    answer = _answer(engine, "How many people were detained after the 2016 inspections?", "404", "265")
    assert "first batch of the first round" in answer and "second batch of the first round" in answer


def test_a_misnumbered_round_is_not_an_inspection(engine: AnswerEngine) -> None:
    """ "The fourth round" in 2017 is the first round's fourth batch: there was no fourth round."""
    answer = engine.answer("How many people were held accountable in the 4th round of central inspections?")
    assert not answer.answered and not _has(answer.answer, "4,129"), answer.answer
    held = _answer(
        engine, "How many people were held accountable in the first round's fourth batch?", "4,129"
    )
    assert not _has(held, "4,660"), held  # "during the last round": the batch before


def test_background_of_an_earlier_year_is_not_the_batch_figure(engine: AnswerEngine) -> None:
    detained = _answer(engine, "How many people were detained in the first round's fourth batch?", "285")
    assert not _has(detained, "720"), detained
    fines = _answer(engine, "What fines were imposed in the first round's fourth batch?", "280 million yuan")
    assert not _has(fines, "440 million") and "up to" not in fines, fines


def test_the_provinces_of_the_batch_named_beside_it_do_not_narrow_it(engine: AnswerEngine) -> None:
    answer = _answer(
        engine,
        "How many people were detained in the first round's fourth batch (Jilin, Zhejiang, Shandong, Hainan, "
        "Sichuan, Qinghai, Tibet and Xinjiang)?",
        "285",
    )
    assert not _has(answer, "720")
