"""Figures of a kind and figures of a place, in Chinese and English articles: rectification and environmental
rates, per-province figures inside a national article, criminal vs administrative detention, zeros said in
words, and what the inspectors found about the year before (as opposed to a running total since 2015); and the
metadata of the articles in tests/fixtures/zh_meta_articles/ (headers, datelines with no year, look-backs
named by their provinces, batches named by nothing but their provinces) against tests/gold/zh_meta.yaml.

Every sentence here is invented, in the styles of the Ministry's releases, 中新网 / 新华社 reports and the
English wire translations; the figures are the real ones those reports gave.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.engine import AnswerEngine
from index.embedder import Embedder
from index.facts.numbers import find_figures
from index.facts.table import Fact
from index.meta.calendar import load_calendar
from index.models import InspectionScope
from index.text.documents import read_document
from tests.conftest import ask, engine_over, facts_of

CALENDAR = load_calendar()
HERE = Path(__file__).parent
META_ARTICLES = HERE / "fixtures" / "zh_meta_articles"
META = yaml.safe_load((HERE / "gold" / "zh_meta.yaml").read_text(encoding="utf-8"))["meta_articles"]
META_THRESHOLDS = yaml.safe_load((HERE / "gold" / "thresholds.yaml").read_text(encoding="utf-8"))["zh_meta"]

RATES_ZH = """第二轮督察整改任务总体完成率达79%

发布时间：2024-02-14 10:05:12  来源：新华网

新华社北京2月14日电 （记者 王小明）记者14日从生态环境部获悉，截至2023年底，第二轮中央生态环境保护督察整改方案\
明确的2164项整改任务，总体完成率达79%。

第二轮第一批督察明确的整改任务已完成1012项，占92%。

据介绍，经过整改，有关城市PM2.5平均浓度下降12%。
"""

RATES_EN = """Second round rectification under way

By the end of 2023, 79 percent of the 2,164 rectification tasks set by the second round of central \
ecological and environmental protection inspections had been completed, the Ministry of Ecology and \
Environment said on Wednesday.

The rectification rate for the first batch of the second round reached 95 percent, the ministry said.

PM2.5 concentration in the cities concerned dropped 12 percent after the rectification.
"""

PROVINCES_ZH = """第三批中央环保督察七省市问责情况

中新网北京5月29日电（记者 李华）截至5月28日20时，第三批7个中央环境保护督察组陆续进驻天津、山西、辽宁、安徽、\
福建、湖南、贵州等7省市，共计立案处罚7086家，罚款33587.86万元，行政和刑事拘留355人，问责4018人。

其中，天津立案处罚345家，行政拘留4人，刑事拘留8人，问责81人；山西立案处罚1012家，行政拘留43人，刑事拘留3人，\
问责445人。

福建、贵州两省约谈人数分别为991人、1170人。
"""

PROVINCES_EN = """Seven provinces report progress in third batch

The seven inspection teams of the third batch of the first round had filed 7,086 cases for punishment in \
Tianjin, Shanxi, Liaoning, Anhui, Fujian, Hunan and Guizhou by May 28, and 4,018 officials had been held \
accountable.

Among them, Tianjin filed 345 cases for punishment and held 81 officials accountable; Shanxi filed 1,012 \
cases for punishment and held 445 officials accountable.
"""

DETENTIONS_EN = """Inspectors detain polluters in Beijing, Tianjin and Zhejiang

By Jan 25, in the second batch of the second round of central inspections, 2,204 cases had been filed for \
punishment. A total of 131 cases were filed for investigation; 130 people were placed under administrative \
detention and 113 people were criminally detained.
"""

ZEROS_ZH = """第三轮第二批中央生态环境保护督察进驻满月

中新网北京1月10日电（记者 张三）截至1月8日，第三轮第二批中央生态环境保护督察组共受理群众举报9012件，\
立案处罚512家，拘留8人，约谈96人，暂无人员被问责。

其中，中国有色矿业集团无一人被问责。
"""

ZEROS_EN = """Inspectors report progress in second batch

The inspection teams of the second batch of the third round had received 9,012 public complaints by Jan 8. \
Eight people were detained, but no official was punished. The work is no longer at an early stage.
"""

LAST_YEAR_EN = """Gansu told to fix nature reserve damage

Gansu province allowed mining and hydropower stations inside the Qilian Mountains nature reserve, central \
environmental inspectors said on Thursday.

Gansu was one of seven provincial regions inspected in the second batch of the first round of inspections.

Last year, coal consumption in the province rose 6.3 percent, while the share of rivers with good water \
quality dropped 4.7 percent from 2015, the inspectors said.

From 2015 to the end of 2017, inspectors nationwide handled more than 135,000 public complaints.
"""

LAST_YEAR_ZH = """中央第二生态环境保护督察组向甘肃省反馈督察情况

新华社兰州6月13日电 第二轮第一批中央生态环境保护督察组13日向甘肃省反馈督察情况。

甘肃是第二轮第一批督察的6个省（市）之一。

去年，全省煤炭消费量增长6.3%，地表水优良水体比例较2015年下降4.7%，督察组指出。

2015年以来，全国各级环保部门累计查处环境违法案件15万余件。
"""


def _by_phrase(rows: list[Fact]) -> dict[str, list[Fact]]:
    grouped: dict[str, list[Fact]] = {}
    for row in rows:
        grouped.setdefault(row.phrase, []).append(row)
    return grouped


@pytest.mark.parametrize(("name", "text"), [("rates-zh.txt", RATES_ZH), ("rates-en.txt", RATES_EN)])
def test_rates_are_rectification_or_environmental_figures(tmp_path: Path, name: str, text: str) -> None:
    rows = facts_of(tmp_path, name, text)
    percents = [(r.metric, r.value, r.inspection or r.scope.label()) for r in rows if r.unit == "percent"]
    first_batch = 92 if name == "rates-zh.txt" else 95
    assert ("rectification", 79, "round 2") in percents
    assert ("rectification", first_batch, "r2b1") in percents
    assert [value for metric, value, _ in percents if metric == "environment"] == [12]
    # a count near the rectification words is no rate, and no rate counts anything
    assert all(r.unit == "percent" for r in rows if r.metric in ("rectification", "environment"))


def test_per_province_figures_of_a_national_article_keep_their_province(tmp_path: Path) -> None:
    rows = facts_of(tmp_path, "provinces.txt", PROVINCES_ZH)
    places = {(r.phrase, r.metric, r.place) for r in rows if r.inspection == "r1b3"}
    # the national totals after the list of the seven: the whole inspection's
    assert {("7086", "punishment", None), ("355", "detained", None), ("4018", "accountable", None)} <= places
    # clause by clause, each province's own figures
    assert {
        ("345", "punishment", "Tianjin"),
        ("4", "detained", "Tianjin"),
        ("81", "accountable", "Tianjin"),
        ("1012", "punishment", "Shanxi"),
        ("43", "detained", "Shanxi"),
        ("3", "detained", "Shanxi"),
        ("445", "accountable", "Shanxi"),
    } <= places
    # 分别为: the k-th figure is the k-th province listed
    assert {("991", "interviewed", "Fujian"), ("1170", "interviewed", "Guizhou")} <= places


def test_per_province_figures_of_an_english_article_keep_their_province(tmp_path: Path) -> None:
    rows = facts_of(tmp_path, "provinces-en.txt", PROVINCES_EN)
    places = {(r.phrase, r.metric, r.place) for r in rows}
    assert {("7,086", "punishment", None), ("4,018", "accountable", None)} <= places
    assert {
        ("345", "punishment", "Tianjin"),
        ("81", "accountable", "Tianjin"),
        ("1,012", "punishment", "Shanxi"),
        ("445", "accountable", "Shanxi"),
    } <= places


def test_criminal_and_administrative_detentions_are_told_apart(tmp_path: Path) -> None:
    zh = _by_phrase(facts_of(tmp_path, "provinces.txt", PROVINCES_ZH))
    assert [r.detail for r in zh["355"]] == [None]  # 行政和刑事拘留: both kinds
    assert [(r.detail, r.place) for r in zh["4"]] == [("administrative", "Tianjin")]
    assert [(r.detail, r.place) for r in zh["8"]] == [("criminal", "Tianjin")]
    en = _by_phrase(facts_of(tmp_path, "detentions.txt", DETENTIONS_EN))
    assert [(r.metric, r.detail) for r in en["130"]] == [("detained", "administrative")]
    assert [(r.metric, r.detail) for r in en["113"]] == [("detained", "criminal")]
    assert [(r.metric, r.detail) for r in en["A total of 131"]] == [("investigation", None)]
    both = _by_phrase(
        facts_of(
            tmp_path,
            "both.txt",
            "Zhejiang detentions\n\nBy Sept 20, in the fourth batch of the first round, Zhejiang had "
            "placed 70 people under administrative detention as well as 68 under criminal detention.\n",
        )
    )
    assert [r.detail for r in both["70"]] == ["administrative"]
    assert [r.detail for r in both["68"]] == ["criminal"]


def test_zeros_said_in_words_are_zero_rows_of_their_metric(tmp_path: Path) -> None:
    zh = facts_of(tmp_path, "zeros-zh.txt", ZEROS_ZH)
    zeros = [(r.phrase, r.metric, r.place, r.inspection) for r in zh if r.value == 0]
    assert zeros == [
        ("暂无", "accountable", None, "r3b2"),
        ("无一", "accountable", "China Nonferrous Mining Group", "r3b2"),
    ]
    assert not [r for r in zh if r.value == 1]  # 无一人 is none, not one
    en = facts_of(tmp_path, "zeros-en.txt", ZEROS_EN)
    assert [(r.phrase, r.metric, r.value) for r in en if r.value == 0] == [("no", "accountable", 0)]
    assert find_figures("The work is no longer at an early stage.", zeros=True) == []


def test_a_finding_on_the_year_before_keeps_its_inspection_and_province(tmp_path: Path) -> None:
    rows = _by_phrase(facts_of(tmp_path, "gansu.txt", LAST_YEAR_EN))
    assert [(r.metric, r.inspection, r.place) for r in rows["6.3 percent"]] == [
        ("environment", "r1b2", "Gansu")
    ]
    assert [(r.metric, r.inspection, r.place) for r in rows["4.7 percent"]] == [
        ("environment", "r1b2", "Gansu")
    ]
    # a running total from 2015 on is no one inspection's
    assert [(r.inspection, r.scope) for r in rows["more than 135,000"]] == [(None, InspectionScope())]
    zh = _by_phrase(facts_of(tmp_path, "gansu-zh.txt", LAST_YEAR_ZH))
    assert [(r.metric, r.inspection, r.place) for r in zh["6.3%"]] == [("environment", "r2b1", "Gansu")]
    assert [(r.inspection, r.scope) for r in zh["15万余"]] == [(None, InspectionScope())]


ARTICLES = {
    "rates-zh.txt": RATES_ZH,
    "rates-en.txt": RATES_EN.replace("Second round", "Second-round"),
    "provinces-zh.txt": PROVINCES_ZH,
    "gansu-en.txt": LAST_YEAR_EN,
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerEngine:
    return engine_over(ARTICLES, tmp_path_factory, embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("第二轮第一批督察的整改完成率是多少？", ("92%", "95 percent")),
        ("What was the rectification rate of the first batch of the second round?", ("95 percent", "92%")),
        ("第二轮第一批督察后PM2.5浓度下降了多少？", ("12%", "12 percent")),
        ("第一轮第三批督察中，山西问责多少人？", ("445",)),
        ("第一轮第三批督察中，天津立案处罚多少家？", ("345",)),
        (
            "By what percentage did coal consumption in Gansu rise, according to the inspectors of the "
            "second batch of the first round?",
            ("6.3 percent",),
        ),
    ],
)
def test_questions_find_the_rates_and_the_provinces_figures(
    engine: AnswerEngine, question: str, expected: tuple[str, ...]
) -> None:
    """Either article's figure of the kind asked answers (the two reports give different rates)."""
    answer = ask(engine, question)
    assert any(form in answer.answer for form in expected), answer.answer


def test_a_count_question_is_not_answered_with_a_rate(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "How many enterprises were ordered to rectify in the first batch of the second round?"
    )
    assert "95 percent" not in answer.answer and "92%" not in answer.answer


def test_every_metadata_article_has_its_true_metadata() -> None:
    assert set(META) == {path.name for path in META_ARTICLES.iterdir()}
    assert len(META) >= 8


@pytest.mark.parametrize(("field", "metric"), [("scope", "scope_accuracy"), ("date", "date_accuracy")])
def test_metadata_articles_meet_the_zh_meta_thresholds(field: str, metric: str) -> None:
    misses = []
    for name, truth in META.items():
        meta = read_document(META_ARTICLES / name, META_ARTICLES, 5_000_000).meta
        expected = (
            InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
            if field == "scope"
            else truth["date"]
        )
        found = meta.scope if field == "scope" else meta.date
        if found != expected:
            misses.append(f"{name}: {found}, expected {expected}")
    accuracy = 1 - len(misses) / len(META)
    assert accuracy >= META_THRESHOLDS[metric], f"{metric} {accuracy:.3f}:\n" + "\n".join(misses)
