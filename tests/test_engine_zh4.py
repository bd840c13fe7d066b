"""Chinese articles, fifth pass (causes of the simulated held-out zh sets): every template part of a reply in
the reply's language (an English article's as-of time as a Chinese date, its "a total of" as 共), English
prose over a Chinese rate or count (the unit in English), received / accepted / transferred / closed told
apart across languages, a question that names a month or half-year instead of a batch, and a round asked
as a whole answered with the round-wide figure, never one batch's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.named import inspection_months, inspection_years, years_named
from bot.engine.question import analyse
from bot.evaluation.matching import ungrounded_figures
from index.embedder import Embedder
from index.meta.calendar import load_calendar
from tests.conftest import ask, engine_over

ZH_FIXTURES = Path(__file__).parent / "fixtures" / "zh_articles"
_FIXTURE_NAMES = (
    "cctv-2023-06-19-r2-accountability-done.txt",  # the second round as a whole (opened by its sixth batch)
    "xinhua-big5-2025-07-02-r3b4-stationing-done.txt",  # traditional characters, four report counts
    "xinhua-2022-04-23-r2b6-accountable.md",  # the sixth batch's own figures (188 held accountable)
    "mee-2024-01-04-r3b1-stationing-completed.txt",  # the batch stationed in November 2023
)
# Our own sentences in the style of a Global Times report in English (real figures: the third round's third
# batch as of October 30, 2024).
ENGLISH_ARTICLES = {
    "globaltimes-2024-11-02-r3b3-sinking.txt": """Central eco-inspectors move down to cities in third batch

Published: Nov 02, 2024 10:12 AM

The third batch of the third round of central ecological and environmental protection inspections has \
entered its sinking stage, the Ministry of Ecology and Environment said on Saturday.

The eight inspection teams were stationed from October 18 to 20 in Jiangsu, Anhui, Sichuan and Guizhou and \
in four central enterprises, including China National Petroleum Corporation.

As of 20:00 on October 30, the teams had received 5,865 tip-offs from the public and accepted 4,995 valid \
ones. After duplicates were merged, a total of 4,464 were transferred to the inspected parties, which have \
closed 949 of them. Of these, 18 enterprises were filed for punishment and 4 cases were filed for \
investigation; 37 officials were summoned for talks and 6 were held accountable.
""",
}
# A distractor in the style of a 央视 report on another batch, worded like the time questions below (real
# figures: the third round's first batch as of December 4, 2023).
DISTRACTOR = {
    "cctv-2023-12-05-r3b1-sinking.txt": """第三轮第一批中央生态环境保护督察进入下沉阶段

发布时间：2023-12-05 08:30:00　来源：央视新闻

第三轮第一批中央生态环境保护督察组进驻福建、河南、海南、甘肃、青海5个省后，已全面转入下沉工作阶段。

截至12月4日20:00，进驻的督察组共收到群众来电、来信举报6395件，受理有效举报5315件，合并重复举报后累计向被督察\
地方转办4273件；被督察地方已办结或阶段办结592件，其中立案处罚92家，立案侦查4件；约谈党政领导干部43人，问责党政\
领导干部17人。
""",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {name: (ZH_FIXTURES / name).read_text(encoding="utf-8") for name in _FIXTURE_NAMES}
    return engine_over({**articles, **ENGLISH_ARTICLES, **DISTRACTOR}, tmp_path_factory, embedder)


def _reply(text: str) -> str:
    """The reply's own words: the text before its first citation marker."""
    return text.split("[", 1)[0]


# ------------------------------------------------------------------ cause 2: a Chinese reply is Chinese
def test_an_english_articles_as_of_time_is_a_chinese_date_in_a_chinese_reply(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第三批督察收到了多少件群众举报？")
    assert "5,865" in answer.answer and "（截至2024年10月30日20:00）" in answer.answer, answer.answer
    assert not _LATIN.search(_reply(answer.answer)), answer.answer  # no "as of 20:00 on October 30"
    assert not ungrounded_figures(answer), answer.answer  # the evaluation takes 10月30日 for "October 30"
    assert answer.citations[0].doc_id == "globaltimes-2024-11-02-r3b3-sinking"


def test_an_english_qualifier_is_said_in_chinese(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第三批督察转办了多少件群众举报？")
    assert "共4,464件" in answer.answer, answer.answer
    assert not _LATIN.search(_reply(answer.answer)), answer.answer  # not "a total of 4,464"


# ------------------------------------------------------------------ cause 3: report counts told apart
def test_received_and_accepted_keep_their_own_words_in_a_chinese_reply(engine: AnswerEngine) -> None:
    received = ask(engine, "第三轮第三批督察收到了多少件群众举报？")
    assert "收到群众举报5,865件" in received.answer, received.answer  # not 受理 (accepted)
    accepted = ask(engine, "第三轮第三批督察受理了多少件有效举报？")
    assert "4,995" in accepted.answer and "5,865" not in accepted.answer, accepted.answer


@pytest.mark.parametrize(
    ("question", "figure", "other"),
    [
        (
            "How many tip-offs did the inspectors receive in the fourth batch of the third round?",
            "23311",
            "17880",
        ),
        ("How many valid reports were accepted in the fourth batch of the third round?", "17880", "23311"),
        ("How many complaints were handed over in the fourth batch of the third round?", "14066", "17880"),
        ("How many reports were closed in the fourth batch of the third round?", "9213", "14066"),
    ],
)
def test_an_english_question_finds_the_chinese_count_it_names(
    engine: AnswerEngine, question: str, figure: str, other: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer and other not in answer.answer, answer.answer
    assert "(as of June 28, 2025)" in answer.answer, answer.answer
    assert not _HAN.search(_reply(answer.answer)), answer.answer


# ------------------------------------------------------------------ cause 1: English prose over Chinese
def test_an_english_question_on_a_chinese_rate_gets_english_prose(engine: AnswerEngine) -> None:
    answer = ask(
        engine, "What share of the second round's rectification tasks had been completed by May 2023?"
    )
    assert answer.answer.startswith("In the second round, the rectification rate was 61%"), answer.answer
    assert not _HAN.search(_reply(answer.answer)), answer.answer  # not the Chinese sentence alone


def test_a_chinese_counter_is_said_as_its_english_noun(engine: AnswerEngine) -> None:
    answer = ask(engine, "How many were filed for punishment in the sixth batch of the second round?")
    assert "1127 enterprises were filed for punishment" in answer.answer, answer.answer  # 1127家


# ------------------------------------------------------------------ cause 4: a time instead of a batch
def test_a_chinese_month_or_half_year_dates_the_inspection() -> None:
    assert inspection_months("2025年上半年进驻的督察组") == (1, 2, 3, 4, 5, 6)
    assert inspection_months("2023年11月进驻的督察组") == (11,)
    assert inspection_months("the teams stationed in the second half of 2024") == (7, 8, 9, 10, 11, 12)
    assert inspection_months("截至9月15日，督察组立案处罚多少家？") == ()  # the day counted to
    assert inspection_years("截至2021年9月15日，督察组立案处罚多少家？") == ()
    assert inspection_years("2024年浙江省督察罚款多少？") == (2024,)
    assert inspection_years("罚款2000万元的督察") == ()  # 2000万元 is no year


@pytest.mark.parametrize(
    ("question", "figure", "other"),
    [
        ("2025年上半年进驻的督察组共收到多少件群众举报？", "23311件", "17880"),
        ("2025年上半年進駐的督察組受理了多少件有效舉報？", "17880件", "23311"),  # traditional
        ("2023年11月进驻的督察组问责了多少名党政领导干部？", "289人", "623"),
        ("2024年10月进驻的督察组问责了多少人？", "问责6人", "289"),  # over the English article
        ("2024年下半年的督察约谈了多少名党政领导干部？", "约谈37人", "623"),
    ],
)
def test_a_question_naming_a_time_is_the_batch_stationed_then(
    engine: AnswerEngine, question: str, figure: str, other: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer and other not in answer.answer, answer.answer
    assert answer.answer.startswith("在第三轮第"), answer.answer


# ------------------------------------------------------------------ cause 5: a round as a whole
@pytest.mark.parametrize(
    "question",
    [
        "第二轮中央生态环境保护督察移交的责任追究问题共追责问责多少人？",
        "第二輪督察共問責多少人？",
        "How many people were held accountable over the second round as a whole?",
    ],
)
def test_a_round_asked_as_a_whole_gets_the_round_wide_figure(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert "3371" in answer.answer and "188" not in answer.answer, answer.answer
    assert answer.citations[0].doc_id == "cctv-2023-06-19-r2-accountability-done"


# ------------------------------------------------------------------ issues handed over are counted as issues
@pytest.mark.parametrize(
    "question",
    [
        "第二轮中央生态环境保护督察共移交了多少个责任追究问题？",
        "How many accountability issues did the second round of central inspections hand over?",
    ],
)
def test_issues_handed_over_are_asked_as_issues(engine: AnswerEngine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered and "158" in answer.answer, answer.answer
    assert answer.citations[0].doc_id == "cctv-2023-06-19-r2-accountability-done"


@pytest.mark.parametrize(
    "question", ["第一轮中央环保督察（2016至2017年）共问责多少人？", "2016和2017年的第一轮督察问责多少人？"]
)
def test_two_years_joined_by_a_chinese_word_are_both_named(question: str) -> None:
    """A year joined to the next by 至 or 和 ("2016至2017年") is named too (the "2000万元" guard took it
    for no year): the round's own years date the round, they filter none of its batches."""
    assert years_named(question) == (2016, 2017)
    assert analyse(question, load_calendar()).year is None


def test_markup_a_chat_user_types_is_read_as_the_words() -> None:
    from bot.engine.question import analyse

    plain = analyse("How many petition issues did the Inner Mongolia discipline group follow up?")
    marked = analyse("<b>How many</b> petition issues did the *Inner Mongolia* discipline group follow up?")
    assert (marked.metrics, marked.noun, marked.provinces) == (plain.metrics, plain.noun, plain.provinces)
