"""'When' questions answered with the date of the event asked about (stationing, feedback), quoted from the
sentence that states it: never the page header or the dateline, a relative "from today" dated by the
dateline it quotes too, and of two articles' conflicting dates the one the calendar records. The articles
are written for this test in the styles of real pages (a government site, a metals-news mirror, wires)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from index.embedder import Embedder
from index.meta.calendar import Calendar, Inspection
from index.models import InspectionScope as Scope
from tests.conftest import engine_over

CALENDAR = Calendar(
    entries=[
        Inspection(
            id="pilot",
            scope=Scope(round=1, phase="pilot"),
            stationed_from=dt.date(2015, 12, 31),
            stationed_to=dt.date(2016, 2, 4),
            feedback=dt.date(2016, 5, 3),
            provinces=["Hebei"],
        ),
        Inspection(
            id="r2b2",
            scope=Scope(round=2, batch=2),
            stationed_from=dt.date(2020, 8, 30),
            provinces=["Beijing", "Tianjin", "Zhejiang"],
        ),
        Inspection(
            id="r2b4",
            scope=Scope(round=2, batch=4),
            stationed_from=dt.date(2021, 8, 26),
            provinces=["Jilin", "Shandong", "Hubei", "Guangdong", "Sichuan"],
        ),
        Inspection(
            id="r3b1",
            scope=Scope(round=3, batch=1),
            stationed_from=dt.date(2023, 11, 21),
            provinces=["Fujian", "Henan", "Hainan", "Gansu", "Qinghai"],
        ),
    ]
)

ARTICLES = {
    "hebei-gov.md": """---
title: Central inspection team reports its findings to Hebei
round: 1
phase: pilot
---
Hebei Provincial People's Government | English

Source: hebei.gov.cn  2016-05-04 09:30  [Font: Large Medium Small]

On the evening of May 3, the central inspection team held a meeting in Shijiazhuang to feed back what it \
had found in Hebei province.

From December 31, 2015 to February 4, 2016, the team carried out the first central environmental \
inspection of a province, as a pilot, in Hebei.
""",
    "smm-r2b2.md": """---
title: Second round's second batch of inspectors finishes sinking
round: 2
batch: 2
---
Sep 27,2020 11:23CST

SMM Network: with the approval of the CPC Central Committee and the State Council, the second round of \
seven inspection teams were stationed from August 30 to September 1, 2020 in Beijing, Tianjin and Zhejiang.
""",
    "cns-r2b4.md": """---
title: Second round's fourth batch of inspectors stationed today
round: 2
batch: 4
---
Chinanews.com, August 26, 2021.

At the ministry's regular press conference, spokesperson Liu Youbin said the batch had been approved.

From today the seven inspection teams begin one month of stationing in Jilin, Shandong, Hubei, Guangdong \
and Sichuan.
""",
    "garbled-r3b1.md": """---
title: Third round's first batch has completed its stationing
round: 3
batch: 1
---
Chinanews.com, January 1. The five teams of the third round's first batch will be stationed in Fujian, \
Henan, Hainan, Gansu and Qinghai from November 4 to 5, 2023 to carry out inspections.
""",
    "final-r3b1.md": """---
title: Third round's first batch reports its final figures
round: 3
batch: 1
---
China News Service, Beijing, March 27. The first batch's five inspection teams of the third round were \
stationed from November 21 to 22, 2023 in Fujian, Henan, Hainan, Gansu and Qinghai.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder, calendar=CALENDAR)


def _answer(engine: AnswerEngine, question: str) -> str:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    assert not problems(answer.answer, answer.citations, engine.version.documents)
    return answer.answer


def test_the_stationing_date_not_the_feedback_date(engine: AnswerEngine) -> None:
    answer = _answer(engine, "When was the central inspection team stationed in Hebei for the pilot?")
    assert "December 31, 2015" in answer and "May 3" not in answer


def test_the_feedback_date_not_the_stationing_date(engine: AnswerEngine) -> None:
    answer = _answer(engine, "On what day did the inspectors give their feedback to Hebei after the pilot?")
    assert "May 3" in answer and "December 31" not in answer


def test_the_page_header_is_not_the_stationing_date(engine: AnswerEngine) -> None:
    answer = _answer(engine, "When were the teams of the second round's second batch stationed?")
    assert "August 30" in answer and "Sep 27" not in answer


def test_from_today_is_dated_by_the_dateline(engine: AnswerEngine) -> None:
    answer = _answer(engine, "When did the teams of the second round's fourth batch begin their stationing?")
    assert "From today" in answer or "from today" in answer
    assert "August 26" in answer


def test_the_recorded_date_wins_over_a_garbled_one(engine: AnswerEngine) -> None:
    answer = _answer(engine, "When were the teams of the third round's first batch stationed?")
    assert "November 21" in answer and "November 4" not in answer
