"""General causes of wrong answers found on a fifth held-out check of real English articles, each reproduced
in articles of our own (real outlets' styles) over a real index: a quantity asked in its measure (hectares,
tonnes, cubic metres, mu), a non-figure fact asked with "which" (a company, a reserve, the province a numbered
team went to), a superlative stated in words, a batch's whole figure over one province's part of it, and a
plan's length over a deadline."""

from __future__ import annotations

import pytest

from bot.engine import AnswerEngine
from index.embedder import Embedder
from tests.conftest import ask, engine_over

ARTICLES = {
    # a wire wrap-up of a batch: measures restored and removed, a company named in a city case
    "r3b1-xinhua-wrapup.txt": """Xinhua | Home > China

Central inspectors leave five provinces after month of checks

Source: Xinhua | 2023-12-23 10:12:00 | Editor: huaxia

BEIJING, Dec. 22 (Xinhua) -- The five teams of the first batch of the third round of central ecological and \
environmental protection inspections have finished their stationing in Fujian, Henan, Hainan, Gansu and \
Qinghai, the Ministry of Ecology and Environment said Friday.

So far 289 officials were held accountable and 623 were summoned for talks.

Local governments have restored 2,370 hectares of damaged grassland and removed 38,000 tonnes of illegally \
dumped waste, and 1.2 million cubic metres of sewage were intercepted.

In Gansu, the team found that Baiyin Hongtai Mining Co had piled tailings beside the Yellow River for six \
years without a permit.
""",
    # Global Times: a loss of wetland in mu, a deadline and the plan's own length in one paragraph
    "r1b3-hunan-globaltimes.txt": """Source: Global Times Published: 2017/5/24 18:43:39

Inspectors find wetland loss in Hunan nature reserve

Central environmental inspectors who visited Hunan Province in the third batch of the first round found \
illegal sand mining in the East Dongting Lake Nature Reserve, which destroyed 4,000 mu of wetland.

The province was told to draw up a rectification plan within 30 working days. The plan it published later \
runs for three years and lists 78 tasks.

Global Times
""",
    # CGTN: the batch's figures, then one province's share of them, a background list of the batch before,
    # and a superlative with no figure
    "r3b2-cgtn-batch.txt": """CGTN | China

Second batch of third-round inspections closes with thousands of cases

2024-06-12

The seven central ecological and environmental protection inspection teams stationed in Shanghai, \
Zhejiang, Jiangxi, Hubei, Hunan, Chongqing and Yunnan have wrapped up their work, the Ministry of Ecology \
and Environment said on Wednesday.

The first batch, which covered Fujian, Henan, Hainan, Gansu and Qinghai, ended in December last year.

As of June 5, the seven teams had received 25,418 reports from the public, and 1,933 cases had been filed \
for punishment, with fines of 139 million yuan.

Of them, Hunan filed 412 cases for punishment and imposed fines of 31.5 million yuan.

Hunan received the most reports of the seven provinces.
""",
    # China News Service: numbered teams, one with its province only
    "r3b1-fujian-feedback.txt": """China News Service | 2024-02-28

Central inspection team gives feedback to Fujian

China News Service, Fuzhou, February 28 -- The Fourth Central Ecological and Environmental Protection \
Inspection Team gave its feedback to Fujian Province from the 26th to the 27th, in the first batch of the \
third round.

The Fifth Group of inspectors was sent to Gansu.
""",
    # a wire translation's long sentence: the day the end was announced before the day the stay ended
    "r2b4-sichuan-cns.txt": """China News Service | 2021-09-28

Central inspection team completes stationing in Sichuan

China News Service, Chengdu, September 28 -- The Central Fourth Ecological and Environmental Protection \
Inspection Team, which carried out the fourth batch of the second round of inspections in Sichuan Province, \
announced on September 27 at a press briefing in Chengdu attended by provincial officials that it had \
completed its stationing work in the province on September 26.

During the stationing, the team received 5,174 reports from the masses.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How many hectares of grassland were restored after the first batch of the third round?",
            "2,370 hectares",
        ),
        ("How many tonnes of waste were removed after the first batch of the third round?", "38,000 tonnes"),
        (
            "How many tons of dumped waste were cleared in the first batch of the third round?",
            "38,000 tonnes",
        ),
        (
            "How many cubic metres of sewage were intercepted in the first batch of the third round?",
            "1.2 million cubic metres",
        ),
        ("How many mu of wetland were destroyed in the East Dongting Lake Nature Reserve?", "4,000 mu"),
    ],
)
def test_a_quantity_asked_in_its_measure_is_answered(
    engine: AnswerEngine, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Which company was found piling tailings beside the Yellow River in Gansu?",
            "Baiyin Hongtai Mining Co",
        ),
        ("Which province did the Fifth Group go to?", "Gansu"),
    ],
)
def test_a_which_question_with_no_list_is_answered_from_the_sentence_naming_it(
    engine: AnswerEngine, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Which province had the most reports in the second batch of the third round?",
        "Which province received the most reports in the second batch of the third round?",
    ],
)
def test_a_superlative_stated_in_words_answers_which_province(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert "Hunan received the most reports" in answer.answer, answer.answer


def test_a_superlative_no_article_states_is_still_refused(engine: AnswerEngine) -> None:
    answer = engine.answer("Which province had the most detentions in the second batch of the third round?")
    assert not answer.answered, answer.answer


def test_a_batch_named_by_its_provinces_gets_the_whole_batchs_figure(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "How many cases were filed for punishment in the 2024 inspection of Shanghai, Zhejiang, Jiangxi, "
        "Hubei, Hunan, Chongqing and Yunnan?",
    )
    assert "1,933" in answer.answer and "412" not in answer.answer, answer.answer


def test_a_provinces_own_figure_still_answers_for_that_province(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "How many cases were filed for punishment in Hunan in the second batch of the third round?"
    )
    assert "412" in answer.answer and "1,933" not in answer.answer, answer.answer


def test_the_provinces_of_a_batch_are_not_the_background_list_of_the_batch_before(
    engine: AnswerEngine,
) -> None:
    answer = ask(engine, "Which provinces did the second batch of the third round cover?")
    assert "Chongqing" in answer.answer and "Gansu" not in answer.answer, answer.answer


def test_how_long_a_plan_runs_is_its_length_not_its_deadline(engine: AnswerEngine) -> None:
    answer = ask(engine, "How long does Hunan's rectification plan run?")
    assert "three years" in answer.answer and "30 working days" not in answer.answer, answer.answer
    deadline = ask(engine, "Within how many working days did Hunan have to draw up its rectification plan?")
    assert "30 working days" in deadline.answer, deadline.answer


def test_a_batch_named_by_a_case_it_found_still_gives_the_batchs_figure(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "During the batch in which tailings were found beside the Yellow River, how many hectares of "
        "grassland were restored?",
    )
    assert "2,370 hectares" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "By what date did the inspection team finish its stationing in Sichuan?",
        "When did the stationing of the central inspection team in Sichuan end?",
    ],
)
def test_the_end_of_a_stay_is_not_the_day_it_was_announced(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert "September 26" in answer.answer and "September 27" not in answer.answer, answer.answer


def test_a_two_part_question_whose_first_part_asks_no_figure_answers_both(engine: AnswerEngine) -> None:
    answer = ask(
        engine,
        "Which provinces did the second batch of the third round cover, and how many cases were filed for "
        "punishment?",
    )
    assert "Chongqing" in answer.answer and "1,933" in answer.answer, answer.answer
    assert [c.n for c in answer.citations] == [1, 2] and "[2]" in answer.answer, answer.answer
    dated = ask(
        engine,
        "When did the team give feedback to Fujian, and how many reports did the Sichuan team receive?",
    )
    assert "26th" in dated.answer and "5,174" in dated.answer, dated.answer
