"""General causes of wrong answers found on a sixth held-out check of real English articles, each reproduced
in articles of our own (real outlets' styles, real figures) over a real index: a question about a whole round
(named as such, by "all 31 provinces", or by all its batches' months) answered with the round-wide summary's
figure; a figure asked "as of" a day answered with that day's report, "in the end" with the final one; a
place's own figure inside a batch article (a township, a province's line, the province fined the most); a
nationwide annual total never given for one batch; a province's figure with no verb ("followed by Hunan with
63.5 million yuan") and "the Fourth Group", a numbered team, not the fourth batch."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # a NewsChina / Xinhua year-end summary that calls the batches "rounds" and gives the round's figures
    "r1-newschina-yearend.txt": """NewsChina | 2018-01-05

Green Storm: Two Years of Central Inspections

By the end of 2017, central environmental inspection teams had covered all 31 provinces, autonomous \
regions and municipalities on the Chinese mainland, after the Hebei pilot at the start of 2016.

The four rounds, held in July and November 2016 and in April and August 2017, were the toughest checks on \
local governments the country has seen.

Over the four rounds, 1,527 people were detained, 18,199 officials were held accountable and companies were \
fined a combined 1.43 billion yuan, the Ministry of Environmental Protection said at the end of December.

Inspectors handled some 135,000 complaints from the public in that time.
""",
    # a batch wrap-up of the first batch (July 2016), with its own figures
    "r1b1-chinadaily-wrapup.txt": """China Daily | Updated: 2016-08-20 07:45

Inspections of eight provinces end with hundreds detained

The first batch of central environmental inspections, which sent eight teams to Inner Mongolia, \
Heilongjiang, Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia in July, ended its stationing this \
month.

The teams said 3,422 officials were held accountable, 409 people were detained and fines of 198 million yuan \
were imposed in the eight provinces.
""",
    # the fourth batch (August 2017), with a national annual total from the year before as background
    "r1b4-ecns-feedback.txt": """ECNS | 2017-09-06

China holds 4,129 accountable after latest inspections

(ECNS) -- China held 4,129 people accountable after the fourth batch of central environmental inspections, \
the Ministry of Environmental Protection said Tuesday.

The eight teams visited Jilin, Zhejiang, Shandong, Hainan, Sichuan, Qinghai, Tibet and Xinjiang, \
where 285 people were detained and fines of 280 million yuan were issued.

Last year, inspectors looked into 33,000 cases across the country and imposed fines totalling 440 million \
yuan; a total of 720 people were detained nationwide.
""",
    # the third batch: an early progress report and the final figures in one article, per-province lines
    "r1b3-xinhua-progress.txt": """Xinhua | 2017-08-02

Over 4,660 officials held accountable after third batch of inspections

BEIJING, Aug. 2 (Xinhua) -- China has held 4,660 officials accountable after the third batch of central \
environmental inspections in Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou, the Ministry of \
Environmental Protection said Tuesday.

As of May 12, 2017, the seven teams had held 1,278 officials accountable and detained 129 people, in \
a progress report issued while they were still stationed.

In the end, 405 people were detained and fines of 336 million yuan were imposed in the seven regions.

Shanxi alone handed out 88 million yuan in fines, the most of the seven regions.

Some 481 officials in Liaoning were found at fault, more than in any other region.

In Fujian's Zhangpu county, the team found that 37 unlicensed stone-processing plants were still operating \
in Chibu township.
""",
    # feedback to two provinces of the second batch, with the nationwide totals of 2016 as background
    "r1b2-xinhua-feedback.txt": """Xinhua | 2017-04-13

Central inspectors give feedback to Beijing, Shanghai

BEIJING, April 13 (Xinhua) -- Central environmental inspection teams of the second batch, which were \
stationed in Beijing and Shanghai from late November to late December 2016, gave their feedback to the two \
municipalities this week.

The team in Beijing had passed 2,372 public complaints to the city government.

In 2016, after the central inspections, 720 people were detained nationwide and close to 6,500 were held \
accountable.

Last year, inspectors looked into 33,000 cases across the country. A total of 440 million yuan in fines was \
imposed.
""",
    # Global Times: a province's figure with no verb of its own, and a numbered team that is no batch
    "r1b3-hunan-globaltimes.txt": """Source: Global Times Published: 2017/8/1 21:10:05

Hunan told to fix lax oversight of polluters

The Fourth Group of the central environmental inspection team, which was stationed in Hunan in the third \
batch, asked the province to deal with 4,583 cases.

Of the seven regions, Shanxi imposed the most fines, 88 million yuan, followed by Hunan with 63.5 million \
yuan.

Global Times
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("How many people were detained over the whole first round of inspections?", "1,527", "409"),
        (  # the round's own years name it and filter nothing
            "How many people were detained in the first round of inspections, from July 2016 to August 2017?",
            "1,527",
            "409",
        ),
        (
            "In the inspections of 2016 and 2017 that covered all 31 provinces, how many people were "
            "detained?",
            "1,527",
            "409",
        ),
        (
            "What were the total fines of the inspections of July and November 2016 and April and August "
            "2017?",
            "1.43 billion yuan",
            "280 million",
        ),
        (
            "How many officials were held accountable in the central inspections that covered all 31 "
            "provinces?",
            "18,199",
            "4,129",
        ),
    ],
)
def test_a_whole_round_question_gets_the_round_wide_figure(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer
    assert "pilot" not in answer.answer.lower() and "no total" not in answer.answer.lower(), answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        (
            "As of May 12, 2017, how many officials had been held accountable in the third batch of the "
            "first round?",
            "1,278",
            "4,660",
        ),
        (
            "As of May 12, 2017, how many people had been detained in the third batch of the first round?",
            "129",
            "405",
        ),
        ("In the end, how many people were detained in the third batch of the first round?", "405", "129"),
        (  # no report of that day: the latest made by then, never a later one
            "As of June 1, 2017, how many people had been detained in the third batch of the first round?",
            "129",
            "405",
        ),
        (
            "What was the final number of officials held accountable in the third batch of the first round?",
            "4,660",
            "1,278",
        ),
    ],
)
def test_an_as_of_question_gets_that_days_report(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer, answer.answer
    assert not answer.answer.startswith(f"In the third batch of the first round, {wrong}"), answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many unlicensed plants were still operating in Chibu township?", "37"),
        (
            "Which province was fined the most in the third batch of the first round, and how much?",
            "88 million yuan",
        ),
        (
            "How many officials were held accountable in Liaoning in the third batch of the first round?",
            "481",
        ),
        ("What fines were imposed in Shanxi in the third batch of the first round?", "88 million yuan"),
    ],
)
def test_a_places_own_figure_inside_a_batch_article_is_answered(
    engine: AnswerEngine, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer, answer.answer


def test_the_province_fined_the_most_is_named(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "Which province was fined the most in the third batch of the first round, and how much?"
    )
    assert "Shanxi" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many people were detained in the second batch of the first round?",
        "How many people were detained in the 2016 inspection of Beijing and Shanghai?",
        "How many officials were held accountable in the second batch of the first round?",
        "What fines were imposed in the second batch of the first round?",
    ],
)
def test_a_nationwide_annual_total_never_answers_for_a_batch(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not {"720", "6,500"} & set(answer.answer.split()), answer.answer
    assert "440 million" not in answer.answer, answer.answer


def test_a_nationwide_annual_total_is_no_earlier_report_of_the_round(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained over the whole first round of inspections?")
    assert "1,527" in answer.answer and "720" not in answer.answer, answer.answer


def test_a_nationwide_total_still_answers_the_year_asked_nationwide(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained nationwide in 2016 after the central inspections?")
    assert "720" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("What fines were imposed in Hunan in the third batch of the first round?", "63.5 million", "88"),
        ("How many cases did the Fourth Group ask Hunan to deal with?", "4,583", "4,129"),
    ],
)
def test_older_causes_a_verbless_province_figure_and_a_numbered_team(
    engine: AnswerEngine, question: str, expected: str, wrong: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer and wrong not in answer.answer, answer.answer
