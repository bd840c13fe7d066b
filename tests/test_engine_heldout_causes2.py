"""More general causes of wrong or refused answers found on real published articles (a held-out check):
each test reproduces one cause in sentences of our own, in the styles real outlets use, over a real index."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # the Hebei pilot, and its figures as background of the next batch's launch ("In the pilot, ...")
    "hebei-pilot-2016.txt": """By Zheng Jinran (China Daily) Updated: 2016-05-04 09:12

Hebei has been told to fix the problems found by the pilot inspection of the central environmental \
protection inspection team, which was stationed in the province from January 4 to February 4.
""",
    "r1b1-launch-2016.txt": """By Zheng Jinran (China Daily) Updated: 2016-07-18 09:43

Central inspection teams have started checking environmental work in Inner Mongolia, Heilongjiang, \
Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia.

The move follows the pilot inspection in Hebei province early this year. During that inspection, 123 \
people were detained and 200 companies were shut down.

In the pilot, 2,856 problems were handed over to the local governments for handling.
""",
    # a later inspection of the same province (the look-back)
    "lookback-hebei-2018.txt": """Xinhua News Agency, Shijiazhuang, May 31st. The look-back inspection of \
the central ecological and environmental protection inspectors started in Hebei on May 30, 2018, \
the team checking whether the rectification asked for in 2016 had been done.

The team received 310 public reports in its first two days in the province.
""",
    # the whole first round's totals, next to one batch's final figures
    # the round's totals in an article that never says "first round": its scope is the whole round
    "round1-xinhua-2017.txt": """Source: Xinhua| 2017-12-28 20:11:42|Editor: Mengjie

BEIJING, Dec. 28 (Xinhua) -- China's central environmental inspectors, whose work began with a pilot in \
Hebei, have now been to all 31 provincial-level regions, covering the whole country in two years.

The fourth batch of inspectors, sent to eight provinces in August, was the last of the round.

The inspections led to 18,199 officials being held accountable. Polluters were fined a total of 1.43 \
billion yuan.
""",
    "r1b4-final-2017.txt": """Chinanews.com, November 9th. The fourth batch of the first round of central \
environmental protection inspections, which covered Jilin, Zhejiang, Shandong, Hainan, Sichuan, Qinghai, \
Tibet and Xinjiang, has been concluded.

In the eight provinces, 5,763 officials were held accountable and 4,210 were interviewed.
""",
    "r1b4-rounded-2017.txt": """By Cao Yin | China Daily | Updated: 2017-11-10 07:40

The eight provinces of the fourth batch of the first round of inspections held more than 5,700 officials \
accountable, the ministry said.
""",
    # a province's own feedback article
    "jiangxi-feedback-2016.txt": """Jiangxi publishes its rectification plan

Nanchang, Nov 30 (Xinhua) -- Jiangxi province has made public the feedback of the central environmental \
protection inspection team that was stationed in the province in July 2016.

During the inspection, 70 people were placed in administrative detention, and fines of 224.2705 million \
yuan were imposed.

Over the inspection 86 people were held accountable, the provincial government said.

A total of 412 enterprises were fined, and 96 were ordered to stop production.

The province must submit its rectification plan to the State Council within 30 working days.

The team was stationed in the province for about one month.
""",
    # a batch called a "group", no round named
    "third-group-2017.txt": """Date: Apr 28, 2017

The third group of central environmental protection inspectors has started its work, and will be \
stationed in Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou for a month from April 24.
""",
    # a quoted official
    "quote-2018.txt": """BEIJING, June 12 (Xinhua) -- China will keep up the pressure on local governments \
that fake the rectification of environmental problems.

"Fake rectification is worse than no rectification at all," said Liu Changgen, head of the central \
environmental protection inspection office, at a press conference on Tuesday.
""",
    # a quote attributed to "he": the sentence before names the official
    "quote-pronoun-2017.txt": """Chinanews.com, August 8th. The fourth batch of the first round of central \
environmental protection inspections has been launched.

Wang Jinnan, an adviser to the inspection office, told reporters that the teams would look first at the \
problems the public complains about most. "No rectification done only on paper will pass," he said.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


def test_pilot_figures_are_the_pilots(engine: AnswerEngine) -> None:
    detained = ask(engine, "How many people were detained during the Hebei pilot inspection?")
    assert "123" in detained.answer
    problems_ = ask(engine, "How many problems were handed over in the pilot inspection?")
    assert "2,856" in problems_.answer


def test_when_question_keeps_the_inspection_it_names(engine: AnswerEngine) -> None:
    pilot = ask(engine, "When did the pilot inspection of Hebei start?")
    assert "January 4" in pilot.answer and "May 30" not in pilot.answer
    lookback = ask(engine, "When did the look-back inspection of Hebei start?")
    assert "May 30" in lookback.answer
    unnamed = ask(engine, "When did the central environmental protection inspection of Hebei start?")
    assert "January 4" in unnamed.answer  # no inspection named: the pilot is not left out for a later one


def test_whole_round_total_from_a_round_summary(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the first round?")
    assert "18,199" in answer.answer and "Hebei" not in answer.answer  # the pilot is background there
    loose = ask(engine, "How many officials were held accountable in the whole first round of inspections?")
    assert "18,199" in loose.answer
    assert "no total" not in loose.answer and "5,763" not in loose.answer
    fines = ask(engine, "How much were the fines in the first round as a whole?")
    assert "1.43 billion yuan" in fines.answer


def test_exact_figure_preferred_to_a_rounded_one_of_another_article(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many officials were held accountable in the fourth batch of the first round?")
    assert "5,763" in answer.answer
    assert answer.answer.index("5,763") < answer.answer.find("5,700") or "5,700" not in answer.answer


def test_province_feedback_figures_are_read(engine: AnswerEngine) -> None:
    detained = ask(engine, "How many people were detained in Jiangxi in 2016?")
    assert "70" in detained.answer
    fines = ask(engine, "How much were the fines in Jiangxi in 2016?")
    assert "224.2705 million yuan" in fines.answer
    accountable = ask(engine, "How many people were held accountable in Jiangxi in 2016?")
    assert "86" in accountable.answer


def test_how_many_companies_were_fined_is_a_count(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many enterprises were fined in Jiangxi?")
    assert "412" in answer.answer and "224.2705" not in answer.answer


def test_days_question_wants_the_days_of_the_asked_action(engine: AnswerEngine) -> None:
    answer = ask(engine, "Within how many days must Jiangxi submit its rectification plan?")
    assert "30 working days" in answer.answer and "one month" not in answer.answer


def test_group_without_round_is_resolved_by_the_year(engine: AnswerEngine) -> None:
    listing = ask(engine, "Which provinces did the third group of inspectors inspect in 2017?")
    assert "Tianjin" in listing.answer and "Guizhou" in listing.answer
    bare = ask(engine, "Which provinces did the third group inspect?")
    assert "Tianjin" in bare.answer and "Jilin" not in bare.answer
    start = ask(engine, "When did the third group of inspectors start in 2017?")
    assert "April 24" in start.answer


def test_who_said_names_the_quoted_official(engine: AnswerEngine) -> None:
    who = ask(engine, "Who said that fake rectification is worse than no rectification?")
    assert "Liu Changgen" in who.answer
    which = ask(engine, "Which official said fake rectification is worse than none?")
    assert "Liu Changgen" in which.answer
    pronoun = ask(engine, "Which official said rectification done only on paper would not pass?")
    assert "Wang Jinnan" in pronoun.answer
