"""Questions across inspections and in conversation, general causes found on held-out questions, each
reproduced in articles of our own over a real index: a whole round's summary against its batches and a
running total over part of the round, a round figure the search misses, a year as one operand of a total
or comparison, follow-ups in English and Chinese, and totals, averages and rankings that say what they
leave out. Every answer is checked: each number is in a cited quote or the verified result of arithmetic
on cited figures."""

from __future__ import annotations

import pytest

from bot.answer import Answer
from bot.engine import AnswerEngine
from bot.engine.conversation import Conversation
from bot.engine.stages import stage_of
from index.embedder import Embedder
from index.facts.numbers import find_figures
from tests.conftest import ask, engine_over

ARTICLES = {
    # the second round's closing summary: "so far ... all 31 provinces" is the round's own count
    "r2-closing-2022.txt": """China | Home / China / Environment

Second round of inspections closes with RMB 2.3 billion in fines

By Li Ming | China Daily | Updated: 2022-07-08 07:10

China has finished the second round of central ecological and environmental protection inspections, which \
began in 2019 and ran in six batches, the Ministry of Ecology and Environment said on Thursday.

So far the inspectors have reached all 31 provinces and regions, and local authorities have filed 18,600 \
cases for punishment and detained 1,905 people, the ministry said.

The ministry also said that officials must not relax once the teams have left, and that rectification will \
be checked again.

Companies that broke emission rules paid penalties of 2.3 billion yuan in total.

The third round is expected to begin next year.
""",
    # a running total over part of the round (22 provinces), published before the round ended
    "r2-midround-2021.txt": """Xinhua | Home > China

Central inspectors reach two-thirds of provinces in second round

Source: Xinhua | 2021-05-20 09:15:02 | Editor: huaxia

BEIJING, May 20 (Xinhua) -- The second round of central ecological and environmental protection \
inspections has passed its midpoint after its first three batches, the Ministry of Ecology and Environment \
said on Thursday.

Across the second round, by the time the teams had covered 22 provinces, local authorities had placed \
11,300 cases on file for punishment and detained 1,210 people.

The remaining provinces and two central enterprises will be inspected in the coming year.
""",
    "r2b2-findings-2021.txt": """CGTN | China

Inspectors publish findings on Beijing, Tianjin and Zhejiang

2021-01-30

The central environmental inspection teams of the second batch of the second round published their \
findings on Friday.

Companies paid penalties of 512 million yuan, 1,602 cases were placed on file for punishment and 91 people \
were detained.

Some places had relaxed the approval of energy-hungry projects, the teams said.
""",
    "r2b3-findings-2021.txt": """Xinhua | Home > China

Third batch of central inspections wraps up in eight provinces

Source: Xinhua | 2021-05-12 10:00:00 | Editor: huaxia

BEIJING, May 12 (Xinhua) -- The third batch of the second round of central environmental inspections \
wrapped up its on-site work in Shanxi, Liaoning, Anhui, Jiangxi, Henan, Hunan, Guangxi and Yunnan.

Local authorities placed 3,021 cases on file for punishment, imposed fines of 191 million yuan and detained \
133 people.
""",
    "r2b4-closing-2021.txt": """China | Home / China / Environment

Fourth batch of inspections ends in five provinces

By Li Ming | China Daily | Updated: 2021-10-15 07:05

The fourth batch of the second round of central environmental inspections has ended its on-site work in \
Jilin, Shandong, Hubei, Guangdong and Sichuan, the Ministry of Ecology and Environment said on Thursday.

Local governments placed 2,147 cases on file for punishment, with fines of 318 million yuan, and 96 people \
were detained.

The reports on the five provinces will be published in the coming months.
""",
    # a year's summary (2018: the two look-back batches)
    "y2018-detained.txt": """Xinhua | Home > China

China detains 2,264 over pollution uncovered by inspectors in 2018

Source: Xinhua | 2019-01-09 18:30:02 | Editor: huaxia

BEIJING, Jan. 9 (Xinhua) -- In 2018, 2,264 people were detained over environmental violations uncovered \
during the central inspections' look-back checks, the Ministry of Ecology and Environment said Wednesday.

Over the year, local governments imposed fines of 710 million yuan.
""",
    # three batches of the first round (2016: first and second; 2017: third; the fourth reports nothing)
    "r1b1-feedback-2016.txt": """Xinhua | Home > China

Inspectors report back to eight provinces

Source: Xinhua | 2016-11-18 08:00:00 | Editor: huaxia

BEIJING, Nov. 18 (Xinhua) -- The eight teams of the first batch of the first round of central environmental \
inspections, stationed in Inner Mongolia, Heilongjiang, Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia \
in July, have reported back to the provinces.

During the batch, 404 people were detained and 3,422 officials were held accountable.
""",
    "r1b2-feedback-2017.txt": """Xinhua | Home > China

Second batch of inspectors report back

Source: Xinhua | 2017-04-13 08:00:00 | Editor: huaxia

BEIJING, April 13 (Xinhua) -- The second batch of the first round of central environmental inspections, \
which covered Beijing, Shanghai, Hubei, Guangdong, Chongqing, Shaanxi and Gansu from late November, has \
reported its findings.

A total of 265 people were detained and 3,121 officials were held accountable.
""",
    "r1b3-feedback-2017.txt": """Xinhua | Home > China

Third batch of inspections finds lax enforcement in seven provinces

Source: Xinhua | 2017-08-01 08:00:00 | Editor: huaxia

BEIJING, Aug. 1 (Xinhua) -- The third batch of the first round of central environmental inspections, \
stationed in Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou in April, has reported back.

In the third batch, 405 people were detained and 4,660 officials were held accountable.
""",
}

# A round's review whose figure sentence is far below its headline, among many provinces' fines of the round.
REVIEW = """Xinhua | Home > China

China's second round of environmental inspections: polluters fined 1.4bn yuan

Source: Xinhua | 2022-07-12 16:20:00 | Editor: huaxia

BEIJING, July 12 (Xinhua) -- The second round of central ecological and environmental protection \
inspections has been completed, the Ministry of Ecology and Environment said on Tuesday.

Launched in July 2019, the round sent teams to every province, autonomous region and municipality, as well \
as to two State Council departments and six centrally administered state-owned enterprises.

The inspectors looked at how local governments protect the Yangtze and Yellow rivers, how they manage coal \
use and how they treat household waste.

They found that some places had approved energy-intensive projects against the rules, while others had let \
sewage plants run below capacity.

A number of local officials had also reported rectification as finished when the work had not even started, \
the ministry said.

The ministry said that rectification plans have been drawn up for every problem the inspectors found.

Over the three years, companies that broke the law handed over 1.4 billion yuan in penalties, and 1,905 \
people were detained.

The third round of inspections will start in 2023.
"""
PROVINCE_FINES = [  # (province, batch of the second round, published)
    ("Shanxi", "third", "2021-05-11"),
    ("Liaoning", "third", "2021-05-12"),
    ("Anhui", "third", "2021-05-13"),
    ("Jiangxi", "third", "2021-05-14"),
    ("Henan", "third", "2021-05-15"),
    ("Hunan", "third", "2021-05-16"),
    ("Guangxi", "third", "2021-05-17"),
    ("Yunnan", "third", "2021-05-18"),
    ("Jilin", "fourth", "2021-10-10"),
    ("Shandong", "fourth", "2021-10-11"),
    ("Hubei", "fourth", "2021-10-12"),
    ("Sichuan", "fourth", "2021-10-09"),
]


def _province_fines(province: str, batch: str, published: str, millions: float) -> str:
    return f"""Xinhua | Home > China

{province} fines polluters after central inspection

Source: Xinhua | {published} 10:00:00 | Editor: huaxia

{province} province imposed fines of {millions} million yuan on polluting companies during the {batch} \
batch of the second round of central environmental inspections, the provincial government said.

The fines were imposed on companies that discharged waste water or burned coal against the rules.
"""


CROWDED = {"r2-review-2022.txt": REVIEW} | {
    f"r2-{province.lower()}-fines.txt": _province_fines(province, batch, published, 27.5 + 7 * i)
    for i, (province, batch, published) in enumerate(PROVINCE_FINES)
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(CROWDED, tmp_path_factory, embedder)


def cited(answer: Answer) -> list[str]:
    return [citation.doc_id for citation in answer.citations]


# ---------------------------------------------------------------------- whole round, batch, stage
def test_a_whole_round_summary_answers_the_whole_round(engine: AnswerEngine) -> None:
    for question in (
        "How many people were detained over the whole second round?",
        "How many people were detained in the second round?",
    ):
        answer = ask(engine, question)
        assert "1,905 people" in answer.answer and cited(answer) == ["r2-closing-2022"], answer.answer
        assert "earlier report" not in answer.answer and "1,210" not in answer.answer
    punished = ask(engine, "How many cases were filed for punishment in the second round?")
    assert "18,600" in punished.answer and "11,300" not in punished.answer


def test_a_batch_question_never_gets_the_round_figure(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained in the fourth batch of the second round?")
    assert "96 people" in answer.answer and "1,905" not in answer.answer
    assert cited(answer) == ["r2b4-closing-2021"]


def test_a_running_total_over_part_of_a_round_answers_that_stage(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people had been detained by the time the teams had covered 22 provinces?")
    assert "1,210" in answer.answer and "1,905" not in answer.answer
    assert cited(answer) == ["r2-midround-2021"]
    first = ask(
        engine, "How many cases were filed for punishment in the first 22 provinces of the second round?"
    )
    assert "11,300" in first.answer and "18,600" not in first.answer


def test_a_round_compared_across_inspections_takes_its_whole_figure(engine: AnswerEngine) -> None:
    answer = ask(engine, "Compare detentions in the second round and in the look-back.")
    assert "1,905 people in the second round" in answer.answer and "1,210" not in answer.answer
    assert "2,264 people" in answer.answer


def test_stages_read_in_both_languages() -> None:
    assert stage_of("By the time the teams had covered 22 provinces, 1,210 people were detained.") == (
        "provinces",
        22,
    )
    assert stage_of("As of May 10, the first twenty provinces had fined 1.1 billion yuan.") == (
        "provinces",
        20,
    )
    assert stage_of("Across its first three batches, 3,000 cases were filed.") == ("batches", 3)
    assert stage_of("前三批督察共立案处罚1万余件") == ("batches", 3)
    assert stage_of("So far the inspectors have reached all 31 provinces.") is None
    assert stage_of("The fourth batch covered five provinces.") is None


# ---------------------------------------------------------------------- the facts table, headline figures
def test_a_round_figure_the_search_misses_comes_from_the_facts_table(crowded: AnswerEngine) -> None:
    answer = ask(crowded, "What was the total fine imposed on companies over the whole second round?")
    assert "1.4 billion yuan" in answer.answer or "1.4bn yuan" in answer.answer, answer.answer
    assert cited(answer) == ["r2-review-2022"]
    assert "no total" not in answer.answer


def test_headline_figures_with_short_scales() -> None:
    for text, phrase, value in (
        ("Polluters fined 1.4bn yuan", "1.4bn yuan", 1.4e9),
        ("Three-year campaign fines firms 2.29b yuan", "2.29b yuan", 2.29e9),
        ("Second round closes with RMB 2.3 billion in fines", "RMB 2.3 billion", 2.3e9),
    ):
        (figure,) = [f for f in find_figures(text) if f.value and f.value > 1000]
        assert (figure.phrase, figure.value) == (phrase, value)


def test_a_headline_acronym_keeps_its_capitals(engine: AnswerEngine) -> None:
    answer = ask(engine, "What were the fines of the second round?")
    assert "2.3 billion" in answer.answer and "rMB" not in answer.answer


# ---------------------------------------------------------------------- a year as an operand
def test_a_year_is_one_operand_of_a_total(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "How many people were detained in 2018 and in the second batch of the second round together?"
    )
    assert "2,264 + 91 = 2,355" in answer.answer, answer.answer
    assert cited(answer) == ["y2018-detained", "r2b2-findings-2021"]


def test_two_years_resolve_through_the_calendar(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many people were detained in 2016 and 2017 together?")
    assert "404 + 265 + 405 = 1,074" in answer.answer, answer.answer
    assert "leaves out the fourth batch of the first round" in answer.answer  # 2017, not reported
    compared = ask(engine, "Compare detentions in 2018 and in the fourth batch of the second round.")
    assert "2,264 people" in compared.answer and "96 people" in compared.answer


def test_a_year_against_a_year(engine: AnswerEngine) -> None:
    answer = ask(engine, "Compare the fines of the 2020 inspection with those of 2021.")
    for figure in ("512 million yuan", "191 million yuan", "318 million yuan"):
        assert figure in answer.answer, answer.answer


# ---------------------------------------------------------------------- totals, averages, rankings
def test_totals_and_averages_say_what_they_leave_out(engine: AnswerEngine) -> None:
    total = ask(engine, "How many people were detained in the batches of the first round altogether?")
    assert "404 + 265 + 405 = 1,074" in total.answer
    assert "leaves out the fourth batch of the first round" in total.answer
    average = ask(engine, "On average, how many people were detained per batch of the first round?")
    assert "(404 + 265 + 405) / 3 = 358" in average.answer, average.answer
    assert "leaves out the fourth batch of the first round" in average.answer


def test_rankings_and_superlatives_across_batches(engine: AnswerEngine) -> None:
    ranked = ask(engine, "Rank the batches of the first round by people detained.")
    text = ranked.answer
    assert text.index("405 people") < text.index("404 people") < text.index("265 people")
    most = ask(engine, "Which batch of the second round imposed the highest fines?")
    assert "The second batch of the second round reported the most" in most.answer
    assert "1.4" not in most.answer and "2.3 billion" not in most.answer  # the round's is no batch's


# ---------------------------------------------------------------------- conversations
def converse(
    engine: AnswerEngine, turns: list[tuple[str, list[str]]], absent: dict[int, str] | None = None
) -> None:
    """Ask ``turns`` in one conversation; each answer must hold its figures (and not ``absent[i]``)."""
    conversation = Conversation()
    for i, (question, figures) in enumerate(turns):
        answer = ask(engine, question, conversation)
        assert answer.question == question
        for figure in figures:
            assert figure in answer.answer, (question, answer.answer)
        if absent and i in absent:
            assert absent[i] not in answer.answer, (question, answer.answer)


def test_english_follow_ups(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("How many people were detained in the third batch of the second round?", ["133 people"]),
            ("And in the fourth batch?", ["96 people"]),
            ("Which of the two is higher?", ["133", "96", "The third batch of the second round"]),
            ("What about fines?", ["191 million yuan", "318 million yuan"]),
            (
                "Compare that with the second batch.",
                ["512 million yuan", "191 million yuan", "318 million yuan"],
            ),
        ],
    )


def test_which_is_higher_without_the_two(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("How many people were detained in the fourth batch of the second round?", ["96 people"]),
            ("What about the third batch?", ["133 people"]),
            ("Which is higher?", ["133", "96", "The third batch of the second round reported more"]),
        ],
    )


def test_place_and_standalone_follow_ups(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("How many cases were filed for punishment in the fourth batch of the second round?", ["2,147"]),
            ("How many were detained there?", ["96 people"]),
            ("How many people were detained in the first batch of the first round?", ["404 people"]),
        ],
        absent={2: "96"},
    )


def test_follow_ups_keep_the_inspections_of_a_question_across_them(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("Which batch of the second round imposed the highest fines?", ["512 million yuan"]),
            ("And the lowest?", ["The third batch of the second round reported the fewest"]),
            ("What about detentions?", ["91 people", "96 people", "133 people"]),
        ],
        absent={2: "1,905"},
    )


def test_chinese_follow_ups(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("第二轮第三批督察拘留多少人？", ["133"]),
            ("那第四批呢？", ["96"]),
            ("罚款呢？", ["318"]),
            ("哪个更多？", ["318", "191", "第二轮第四批督察"]),
        ],
        absent={1: "133", 2: "96"},
    )


def test_chinese_comparison_of_the_two(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("第二轮第三批督察拘留多少人？", ["133"]),
            ("那第四批呢？", ["96"]),
            ("这两批相比，哪个更多？", ["133", "96"]),
        ],
    )


def test_a_bare_ordinal_and_operations_on_the_two(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("How many people were detained in the third batch of the second round?", ["133 people"]),
            ("And in the fourth?", ["96 people"]),
            ("What is the total of the two?", ["133 + 96 = 229"]),
            ("What is the average?", ["(133 + 96) / 2 = about 114.5"]),
        ],
        absent={1: "133"},
    )
    converse(
        engine,
        [
            ("What were the fines in the fourth batch of the second round?", ["318 million yuan"]),
            ("How does that compare with the third batch?", ["191 million yuan", "318 million yuan"]),
            ("And with the second?", ["512 million yuan", "191 million yuan", "318 million yuan"]),
        ],
    )


def test_chinese_comparisons_totals_and_superlatives_in_conversation(engine: AnswerEngine) -> None:
    converse(
        engine,
        [
            ("第二轮第三批督察拘留多少人？", ["133"]),
            ("和第四批比呢？", ["133", "96"]),
            ("两批一共多少？", ["133 + 96 = 229"]),
        ],
    )
    converse(
        engine,
        [
            ("第二轮哪一批罚款最多？", ["第二轮第二批督察最多"]),
            ("最少的呢？", ["第二轮第三批督察最少"]),
        ],
    )
