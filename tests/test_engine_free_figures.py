"""Figures the genre's vocabulary does not name, per-place entries of lists, counts by outcome and batches of
public reports, on provincial portal pages and releases of our own writing (tests/fixtures/portal_articles,
real figures): "多少座污水处理厂" / "how many kilometres of pipes" is answered from the sentence naming the
thing in the unit asked; "其中太原市13件、大同市13件" gives each city its entry; "属实440件" is the reports
found true, never all 1,427; "第八批" is the eighth batch of reports, never the ninth; English questions reach
the Chinese words (bot.engine.glossary). A thing no sentence names, a city no list names and a batch no
article reports stay refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from bot.engine.report_batches import asked_batch, report_batches
from index.embedder import Embedder
from tests.conftest import ask, engine_over

FIXTURES = Path(__file__).parent / "fixtures" / "portal_articles"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.iterdir())}
    return engine_over(articles, tmp_path_factory, embedder)


def _figure_of(engine: AnswerEngine, question: str, figure: str, quoted: str) -> str:
    """The answer, asserted to state ``figure`` and to cite the sentence holding ``quoted``."""
    answer = ask(engine, question)
    assert figure in answer.answer, (question, answer.answer)
    assert any(quoted in citation.quote for citation in answer.citations), (question, answer.citations)
    return answer.answer


@pytest.mark.parametrize(
    ("question", "figure", "quoted"),
    [
        ("江西建成投运多少座污水处理厂？", "102座", "污水处理厂102座"),
        ("江西改造雨污分流管网多少公里？", "79公里", "管网79公里"),
        ("江西修复历史遗留废弃矿山多少亩？", "2.6万亩", "生态修复2.6万亩"),
        ("江西治理水土流失面积多少平方公里？", "1350平方公里", "水土流失面积1350平方公里"),
        ("江西清理整治了多少个非法码头？", "46个", "非法码头46个"),
        ("How many sewage treatment plants has Jiangxi built?", "102", "污水处理厂102座"),
        ("How many kilometres of rain and sewage pipes did Jiangxi rebuild?", "79", "管网79公里"),
        ("How many hectares were regreened along the Yangtze in Jiangxi?", "320", "复绿面积320公顷"),
        ("How many illegal docks did Jiangxi clear?", "46", "非法码头46个"),
        (
            "How many sewage plants meeting the Class 1-A discharge standard did Jiangxi build?",
            "102",
            "102座",
        ),
        ("江西建成投运多少座一级A排放标准的污水处理厂？", "102座", "102座"),  # 排放 asks no emission change
        ("How many tonnes per day of sewage treatment capacity did Jiangxi add?", "45万吨", "45万吨/日"),
        ("How many square kilometres of soil erosion did Jiangxi treat?", "1350", "1350平方公里"),
        ("How many kilometres of Yangtze shoreline did Jiangxi free up?", "14.2", "岸线14.2公里"),
    ],
)
def test_a_figure_no_metric_names_is_the_one_of_the_thing_and_unit_asked(
    engine: AnswerEngine, question: str, figure: str, quoted: str
) -> None:
    text = _figure_of(engine, question, figure, quoted)
    for other in ("45万吨", "14.2", "3268", "102", "79", "320"):  # the other figures are not the one asked
        assert other not in text or other in figure, (question, text)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("第八批群众举报中，太原市有多少件？", "太原市13件"),
        ("中央第一生态环境保护督察组第八批转办吕梁市多少件举报？", "吕梁市10件"),
        ("第九批转办太原市多少件？", "太原市33件"),
        ("第九批群众举报涉及晋中市多少件？", "晋中市15件"),
        ("How many of the eighth batch of public reports went to Lyuliang?", "10"),
        ("How many of the ninth batch of public reports were handed over to Taiyuan?", "33"),
        ("How many reports in the eighth batch were handed over to Taiyuan?", "13"),  # no round had 8
        ("第八批中太原市有多少件举报？", "太原市13件"),
    ],
)
def test_a_citys_entry_of_a_list_is_answered_for_that_city_and_batch(
    engine: AnswerEngine, question: str, figure: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer, (question, answer.answer)
    for total in ("76", "92"):  # never the batch's total for the whole province
        assert total not in answer.answer, (question, answer.answer)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How much was Hunan fined in the third batch of the first round?", "63.5 million yuan"),
        ("How much were Shanxi's fines in the third batch of the first round?", "88 million yuan"),
    ],
)
def test_a_provinces_entry_of_a_list_of_the_metric_asked_is_its_figure(
    engine: AnswerEngine, question: str, figure: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer, (question, answer.answer)
    assert "336" not in answer.answer, (question, answer.answer)  # the seven regions' total


def test_a_batch_of_reports_is_that_batch_not_another(engine: AnswerEngine) -> None:
    text = _figure_of(engine, "第八批转办山西多少件举报？", "76件", "第八批")
    assert "92" not in text


@pytest.mark.parametrize(
    "question",
    [
        "第三轮第三批督察转办了多少件群众举报？",  # named with its round, followed by 督察
        "第一轮第四批督察转办案件的办结率是多少？",
        "第三轮第一批督察中海南省群众信访举报的办结率是多少？",
    ],
)
def test_an_inspection_batch_is_never_a_batch_of_reports(question: str) -> None:
    assert report_batches(question) == [] and asked_batch(question) is None, question


def test_a_rate_asked_of_an_inspection_batch_is_answered_from_its_reports(engine: AnswerEngine) -> None:
    answer = ask(engine, "第三轮第一批督察中海南省群众信访举报的办结率是多少？")
    assert "54.9%" in answer.answer, answer.answer
    other = engine.answer("第一轮第四批督察转办案件的办结率是多少？")  # no article on that inspection
    assert not other.answered and "第一轮第四批督察" in other.answer, other.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("海南前二十三批信访举报件中属实多少件？", "属实440件"),
        ("海南信访举报件中不属实多少件？", "不属实100件"),
        ("海南的举报件部分属实的有多少件？", "部分属实779件"),
        ("海南基本属实的举报有多少件？", "基本属实108件"),
        ("How many of the reports passed to Hainan were found to be true?", "440"),
        ("How many reports in Hainan were found untrue?", "100"),
        ("How many complaints in Hainan were found partly true?", "779"),
        ("海南阶段性办结多少件？", "阶段性办结291件"),
        ("How many reports in Hainan are still being handled?", "644"),
        ("海南前二十三批信访举报件已办结多少件？", "492件"),  # the first 23 batches: no stage of a round
    ],
)
def test_a_count_by_outcome_is_the_outcomes_own_figure(
    engine: AnswerEngine, question: str, figure: str
) -> None:
    answer = ask(engine, question)
    assert figure in answer.answer, (question, answer.answer)
    assert "1427" not in answer.answer, (question, answer.answer)  # never the total of all outcomes


@pytest.mark.parametrize(
    "question",
    [
        "江西建成多少座垃圾焚烧厂？",  # a thing no sentence names
        "How many waste incineration plants did Jiangxi build?",
        "第八批群众举报中，沈阳市有多少件？",  # a city no list names
        "How many of the eighth batch of public reports went to Shenyang?",
        "第十批转办太原市多少件？",  # a batch no article reports
        "How many reports did the eighth batch of inspections receive?",  # an inspection's: none had 8
        "How much was Guizhou fined in the third batch of the first round?",  # not in the list
    ],
)
def test_must_refuse_a_thing_a_place_or_a_batch_no_article_reports(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert not answer.answered, (question, answer.answer)
