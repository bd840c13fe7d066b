"""The engine on articles it was not written against: a small corpus of made-up articles of the genre with
the same batch number in several rounds (round ambiguity), other wordings and figure formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.grounding import problems
from index.embedder import Embedder
from tests.conftest import engine_over

ARTICLES = {
    "r2b1-2019.txt": """Xinhua News Agency, Beijing, August 2. The first batch of the second round of \
central ecological and environmental protection inspections has entered the sinking phase.

Eight inspection teams were stationed from July 10 to July 15, 2019 in Shanghai, Fujian, Hainan, Chongqing, \
Gansu and Qinghai and in China Minmetals Corporation and China National Chemical Corporation.

By July 31, the teams had received 18,960 tip-offs from the public and handed 16,110 of them over to local \
authorities. Local governments have filed 2,108 cases for penalties, imposing fines totalling 117.5 million \
yuan, and opened 89 criminal cases; 172 people have been taken into custody. In addition, 1,035 officials \
were summoned for talks and 512 were held accountable.
""",
    "r3b1-2023.md": """---
title: Third round's first batch of central inspections passes the halfway mark
source: Economic Daily
date: 2023-12-21
---
Economic Daily, December 21. Seven inspection teams of the first batch of the third round of central \
ecological and environmental protection inspections were stationed from November 21 to November 24, 2023 in \
Fujian, Henan, Hainan, Gansu and Qinghai.

As of December 18, the inspectors had accepted 21,370 complaints from residents, of which 6,654, or 31.16 \
percent, had been resolved. The inspected provinces investigated and punished 1,902 cases, with penalties of \
146.3 million yuan, filed 63 cases for criminal investigation and placed 49 people in detention. A total of \
758 people were summoned for talks and 230 officials were held accountable.
""",
    "r1b1-2016.txt": """People's Daily, Beijing, November 20, 2016. The first batch of the first round of \
central environmental protection inspections, covering Inner Mongolia, Heilongjiang, Jiangsu, Jiangxi, \
Henan, Guangxi, Yunnan and Ningxia, has handed its findings to the eight provinces.

The provinces detained 404 people and held 3,422 officials accountable.
""",
    "r2b2-2020.txt": """China Environment News, September 30, 2020. The second batch of the second round of \
central ecological and environmental protection inspections has completed its stationing.

The inspection teams received a total of 12,345 public reports, of which 10,234 were valid, and handed over \
9,876 after merging duplicates. The provinces imposed fines of 56.78 million yuan, placed 123 people under \
administrative detention and 45 under criminal detention.
""",
    "r1-review-2018.txt": """Xinhua News Agency, Beijing, January 5, 2018. The first round of central \
environmental protection inspections, which began with a pilot in Hebei, has been reviewed by the ministry.

The third batch, which covered seven provinces from late April 2017, detained 405 people and held 4,660 \
officials accountable. About 95 percent of the 1,500 rectification tasks of the second batch have been \
completed, spokesperson Liu Youbin said.
""",
    "lookback1-2018.txt": """Guangming Daily, July 9, 2018. The first batch of the central environmental \
protection inspection "look-back" has finished its on-site work in ten provinces.

The provinces have detained 733 people and interviewed 2,915 officials.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def _grounded(engine: AnswerEngine, question: str) -> str:
    answer = engine.answer(question)
    assert answer.answered, answer.answer
    assert not problems(answer.answer, answer.citations, engine.version.documents)
    return answer.answer


def test_batch_without_round_is_answered_per_round(engine: AnswerEngine) -> None:
    answer = engine.answer("What were the fines in the first batch?")
    assert answer.answered, answer.answer
    assert "117.5 million yuan" in answer.answer and "146.3 million yuan" in answer.answer
    assert "second round" in answer.answer and "third round" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"r2b1-2019", "r3b1-2023"}


def test_too_many_rounds_are_listed_and_the_user_asked(engine: AnswerEngine) -> None:
    answer = engine.answer("How many people were detained in the first batch?")
    assert not answer.answered and not answer.citations
    for scope in ("first round", "second round", "third round", "look-back"):
        assert scope in answer.answer
    assert not re.search(r"\b(?:404|172|49|733)\b", answer.answer)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How many people were detained in the first batch of the third round?", "49"),
        ("How many people were put in custody during round 2, batch 1?", "172"),
        ("How many tip-offs were handed over in the first batch of the second round?", "16,110"),
        ("How many criminal cases were opened in the second round's first batch?", "89"),
        ("How many complaints had been resolved in the first batch of the third round?", "6,654"),
        ("What percentage of complaints had been resolved in the first batch of the third round?", "31.16"),
        ("How many officials were held accountable in the first batch of the first round?", "3,422"),
        ("How many officials were interviewed in the first look-back batch?", "2,915"),
    ],
)
def test_figures_in_new_wordings(engine: AnswerEngine, question: str, figure: str) -> None:
    answer = _grounded(engine, question)
    assert re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d])", answer), answer


def test_wrong_batch_is_not_answered_from_another_round(engine: AnswerEngine) -> None:
    answer = engine.answer("What fines were imposed in the first batch of the first round?")
    assert not answer.answered
    assert "117.5" not in answer.answer and "146.3" not in answer.answer


def test_dates_and_lists_in_new_articles(engine: AnswerEngine) -> None:
    when = _grounded(engine, "When were the teams of the third round's first batch stationed?")
    assert "November 21" in when and "November 24" in when
    provinces = _grounded(engine, "Which provinces did the first batch of the first round cover?")
    for province in (
        "Inner Mongolia",
        "Heilongjiang",
        "Jiangsu",
        "Jiangxi",
        "Henan",
        "Guangxi",
        "Yunnan",
        "Ningxia",
    ):
        assert province in provinces
    enterprises = _grounded(engine, "Which central enterprises were inspected in round 2 batch 1?")
    assert "China Minmetals" in enterprises


def test_index_path_is_the_one_built(engine: AnswerEngine) -> None:
    assert isinstance(engine.version.path, Path)


def test_a_figure_reported_in_parts_keeps_each_label(engine: AnswerEngine) -> None:
    answer = _grounded(engine, "How many people were detained in the second round's second batch?")
    assert "123" in answer and "45" in answer
    assert "administrative detention" in answer and "criminal detention" in answer
    assert "10,234" in _grounded(engine, "How many valid reports were there in round 2, batch 2?")


def test_figures_of_a_batch_named_inside_another_article(engine: AnswerEngine) -> None:
    detained = _grounded(engine, "How many people were detained in the third batch of the first round?")
    assert "405" in detained and "third batch of the first round" in detained
    share = _grounded(
        engine, "What share of the first round's second-batch rectification tasks was completed?"
    )
    assert "95 percent" in share
    who = _grounded(engine, "Who spoke about the review of the first round?")
    assert "Liu Youbin" in who
