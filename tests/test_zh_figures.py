"""Figures in Chinese text: values with 万/亿 scales, Chinese numerals, counters, qualifiers and ranges; the
metric each figure counts (Chinese cues on the same metric ids); and the facts table's rows for Chinese
articles (simplified, traditional, full-width digits) through the real builder and `inspectbot facts`.

Every sentence here is invented, in the styles of the Ministry's releases and the wire reports; the
figures are the real ones those reports gave.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from index.builder import build_index
from index.embedder import Embedder
from index.facts.figures import analyse_sentence
from index.facts.numbers import Figure, find_figures, number_tokens
from index.facts.table import document_facts, row_metric, row_unit, select
from index.meta.calendar import load_calendar
from index.store import open_index
from index.text.chunking import make_chunks
from index.text.documents import read_document

CALENDAR = load_calendar()


def _figures(text: str) -> list[Figure]:
    figures = find_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.phrase
    return figures


def _one(text: str) -> Figure:
    figures = _figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit", "counter"),
    [
        ("其中立案处罚1158家。", "1158", 1158, None, "家"),
        ("共罚款4006万元。", "4006万元", 40_060_000, "yuan", None),
        ("罚款4006万元人民币。", "4006万元", 40_060_000, "yuan", None),
        ("拘留61人。", "61", 61, None, "人"),
        ("累计问责289人。", "289", 289, None, "人"),
        ("罚没款7.1亿元。", "7.1亿元", 710_000_000, "yuan", None),
        ("推动解决群众身边问题1.03万个。", "1.03万", 10_300, None, "个"),
        ("处罚金额达18213.33万元。", "18213.33万元", 182_133_300, "yuan", None),
        ("罚款金额251542.71元。", "251542.71元", 251_542.71, "yuan", None),
        ("八个督察组陆续进驻。", "八", 8, None, "个"),
        ("分两批进驻。", "两", 2, None, "批"),
        ("受理举报三万七千六百四十件。", "三万七千六百四十", 37_640, None, "件"),
        ("罚款七亿一千万元。", "七亿一千万元", 710_000_000, "yuan", None),
        ("整改完成率达95%。", "95%", 95, "percent", None),
        ("已完成百分之九十五。", "百分之九十五", 95, "percent", None),
        ("比上年提高3.5个百分点。", "3.5个百分点", 3.5, "percentage points", None),
        ("共收到群众来电来信举报 28860 件。", "28860", 28_860, None, "件"),
    ],
)
def test_a_chinese_figure_has_its_value_unit_and_counter(
    text: str, phrase: str, value: float, unit: str | None, counter: str | None
) -> None:
    figure = _one(text)
    assert (figure.phrase, figure.unit, figure.counter) == (phrase, unit, counter)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "qualifier"),
    [
        ("受理转办群众举报1.8万余件。", "1.8万余", 18_000, "more than"),
        ("问责300余人。", "300余", 300, "more than"),
        ("共解决问题8万多个。", "8万多", 80_000, "more than"),
        ("罚款近3亿元。", "近3亿元", 300_000_000, "nearly"),
        ("问责超过200人。", "超过200", 200, "more than"),
        ("罚款超1.8亿元。", "超1.8亿元", 180_000_000, "more than"),
        ("罚款约1.82亿元。", "约1.82亿元", 182_000_000, "about"),
        ("每个督察组约谈3至5家企业。", "3至5", 3, "at least"),
    ],
)
def test_qualifiers_and_ranges_stay_with_the_figure(
    text: str, phrase: str, value: float, qualifier: str
) -> None:
    figure = _one(text)
    assert (figure.phrase, figure.qualifier) == (phrase, qualifier)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "督察组于2021年8月26日至8月31日陆续进驻。",
        "截至9月15日20时。",
        "第二轮第四批督察已经启动。",
        "中央第二生态环境保护督察组交办第二十六批群众举报件。",
        "要在45个工作日内报送整改方案。",
        "约谈了数十家企业。",
        "各地一起研究整改措施。",
        "一批领导干部受到警醒。",
        "PM2.5浓度下降。",
        "随着最后三个督察组完成反馈。",
    ],
)
def test_dates_ordinals_durations_and_words_are_no_figures(text: str) -> None:
    assert _figures(text) == []


def test_traditional_characters_and_full_width_digits_keep_the_original_phrase() -> None:
    text = "立案處罰１１５８家，罰款４００６萬元；拘留６１人，問責２８９人。"
    figures = _figures(text)
    assert [f.phrase for f in figures] == ["１１５８", "４００６萬元", "６１", "２８９"]
    assert [f.value for f in figures] == [1158, 40_060_000, 61, 289]
    assert figures[1].unit == "yuan"
    facts = analyse_sentence(text, 0, len(text))
    assert [row_metric(f)[0] for f in facts] == ["punishment", "fine", "detained", "accountable"]  # type: ignore[index]


def test_english_text_with_a_chinese_name_keeps_its_english_figures() -> None:
    text = "The teams (督察组) received more than 3,100 reports and fined firms 40.06 million yuan."
    assert [(f.phrase, f.value) for f in _figures(text)] == [
        ("more than 3,100", 3100),
        ("40.06 million yuan", 40_060_000),
    ]


def _metrics(text: str) -> list[tuple[str, str | None, str | None]]:
    """(phrase, metric, unit) of each figure of one invented sentence."""
    found = []
    for fact in analyse_sentence(text, 0, len(text)):
        chosen = row_metric(fact)
        found.append(
            (fact.figure.phrase, chosen[0] if chosen else None, row_unit(chosen[0], fact) if chosen else None)
        )
    return found


def test_a_progress_sentence_gives_each_figure_its_metric() -> None:
    text = (
        "截至9月20日晚，各督察组共收到群众来电、来信举报4120件，受理有效举报3390件，合并重复举报后累计向"
        "被督察单位转办2987件；被督察单位已完成查处1040件，其中立案处罚236家，罚款1520万元；立案侦查12件，"
        "行政拘留9人，刑事拘留7人；约谈党政领导干部84人，问责党政领导干部37人。"
    )
    assert _metrics(text) == [
        ("4120", "received", "reports"),
        ("3390", "accepted", "reports"),
        ("2987", "transferred", "reports"),
        ("1040", "investigated", "cases"),
        ("236", "punishment", "enterprises"),
        ("1520万元", "fine", "yuan"),
        ("12", "investigation", "cases"),
        ("9", "detained", "people"),
        ("7", "detained", "people"),
        ("84", "interviewed", "people"),
        ("37", "accountable", "people"),
    ]


@pytest.mark.parametrize(
    ("text", "metric", "unit"),
    [
        ("全省立案查处违法企业412家。", "punishment", "enterprises"),  # 立案查处 reports punishment
        ("公安机关立案侦查环境犯罪案件23件。", "investigation", "cases"),  # 立案侦查 is not 立案处罚
        ("共受理转办群众生态环境信访举报1.8万件。", "transferred", "reports"),
        ("向公安机关移送涉嫌环境犯罪案件15件。", "police", "cases"),
        ("责令整改企业960家。", "ordered_rectify", "enterprises"),
        ("关停取缔“散乱污”企业180家。", "shut_down", "enterprises"),
        ("对40名干部通报批评。", "criticized", "people"),
        ("已办结群众举报2300件。", "closed", "reports"),
        ("全区共有289名干部被问责。", "accountable", "people"),
        ("对21人进行了约谈。", "interviewed", "people"),
        ("第三轮第一批5个中央生态环境保护督察组陆续进驻。", "teams", "teams"),
        ("督察组进驻福建、河南等5个省开展督察。", "provinces", "provinces"),
        ("并对两家中央企业开展督察。", "enterprises", "enterprises"),
        ("已分两批公开典型案例14个。", None, None),
        ("其中南阳市25件。", None, None),  # a city before the number is where, not what, it counts
        ("对84个市开展下沉督察。", None, None),
    ],
)
def test_chinese_cues_and_counters_choose_the_metric(text: str, metric: str | None, unit: str | None) -> None:
    assert _metrics(text)[-1][1:] == (metric, unit)


def test_closed_in_part_and_not_closed_are_not_closed() -> None:
    text = "其中已办结151件、阶段性办结209件、未办结35件，责令整改88家。"
    assert _metrics(text) == [
        ("151", "closed", "reports"),
        ("209", None, None),
        ("35", None, None),
        ("88", "ordered_rectify", "enterprises"),
    ]


def test_a_cue_is_never_taken_from_the_next_clause() -> None:
    # "未办结35件" right after a clause about accountability, and a cue after the comma that follows a figure
    assert _metrics("3个单位、17家企业和3人被问责，未办结35件。")[-1] == ("35", None, None)
    assert _metrics("阶段办结1792件，责令整改5442家。")[0] == ("1792", None, None)


def test_figures_listed_batch_by_batch_share_the_verb() -> None:
    assert _metrics("第一批立案处罚1232家，第二批2873家。") == [
        ("1232", "punishment", "enterprises"),
        ("2873", "punishment", "enterprises"),
    ]


def test_number_tokens_read_chinese_figures() -> None:
    assert number_tokens("罚款４００６万元，拘留６１人") == ["40060000", "4006", "61"]
    assert set(number_tokens("八个督察组分两批进驻")) == {"8", "2"}
    assert number_tokens("1,158 cases") == ["1158"]


def _cpu(run: object, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run(text)  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "立案处罚1158家，罚款4006万元、第二十六批1",  # many figures
        "问责",  # one cue repeated before a single figure
        "约谈党政领导干部",
    ],
)
def test_chinese_sentences_are_read_in_linear_time(unit: str) -> None:
    def analyse(text: str) -> None:
        analyse_sentence(text, 0, len(text))

    small, large = (_cpu(analyse, unit * repeats + "58人") for repeats in (500, 4000))
    assert large < 24 * max(small, 1e-3)  # 8x the text; quadratic would be 64x
    assert _cpu(find_figures, unit * 4000) < 24 * max(_cpu(find_figures, unit * 500), 1e-3)


SIMPLIFIED = "\n\n".join(
    [
        "第二轮第四批中央生态环境保护督察全面转入下沉阶段",
        "来源：中国新闻网　发布时间：2021-09-19 16:31:35",
        "中新社北京9月19日电 （记者 林晓）记者19日从生态环境部了解到，"
        "第二轮第四批7个中央生态环境保护督察组已全部转入下沉工作阶段。",
        "截至9月15日20时，各督察组累计向被督察对象转办群众举报14432件；"
        "被督察对象已立案处罚1158家，罚款4006万元；立案侦查40件，拘留61人；问责党政领导干部218人。",
    ]
)
TRADITIONAL = "\n\n".join(
    [
        "第二輪第四批中央生態環境保護督察全面轉入下沉階段",
        "來源：中國新聞網　發布時間：2021-09-19 16:31:35",
        "中新社北京9月19日電 （記者 林曉）記者19日從生態環境部了解到，"
        "第二輪第四批7個中央生態環境保護督察組已全部轉入下沉工作階段。",
        "截至9月15日20時，各督察組累計向被督察對象轉辦群眾舉報１４４３２件；"
        "被督察對象已立案處罰１１５８家，罰款４００６萬元；立案偵查40件，拘留61人；問責黨政領導幹部218人。",
    ]
)
EXPECTED = [
    ("teams", 7, "teams"),
    ("transferred", 14432, "reports"),
    ("punishment", 1158, "enterprises"),
    ("fine", 40_060_000, "yuan"),
    ("investigation", 40, "cases"),
    ("detained", 61, "people"),
    ("accountable", 218, "people"),
]


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_a_chinese_article_gives_rows_with_exact_spans_and_as_of(tmp_path: Path, text: str) -> None:
    path = tmp_path / "r2b4.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, tmp_path, 5_000_000)
    rows = document_facts(document, make_chunks(document, 0), CALENDAR)
    assert [(row.metric, row.value, row.unit) for row in rows] == EXPECTED
    for row in rows:
        assert document.text[row.start : row.end] == row.phrase  # quoted as written, traditional included
        assert row.inspection == "r2b4" and row.place is None
    assert {row.as_of for row in rows[1:]} == {"2021-09-15T20:00"}
    fine = rows[3]
    assert fine.phrase == ("4006万元" if text is SIMPLIFIED else "４００６萬元")


def test_inspectbot_facts_prints_the_rows_of_chinese_articles(tmp_path: Path, embedder: Embedder) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "simplified.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (documents / "traditional.txt").write_text(TRADITIONAL.replace("第四批", "第三批"), encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index(documents, index_dir, embedder)
    version = open_index(index_dir)
    for row in version.facts:
        assert version.documents[row.doc_id].text[row.start : row.end] == row.phrase
    shown = CliRunner().invoke(cli, ["facts", "--index", str(index_dir), "--metric", "fine", "--json"])
    assert shown.exit_code == 0, shown.output
    rows = sorted((json.loads(line) for line in shown.output.splitlines()), key=lambda row: row["phrase"])
    assert [(row["phrase"], row["value"], row["unit"]) for row in rows] == [
        ("4006万元", 40_060_000, "yuan"),
        ("４００６萬元", 40_060_000, "yuan"),
    ]


RANKING = "\n\n".join(
    [
        "第二轮第一批中央生态环境保护督察问责情况公布",
        "发布时间：2019-08-22 10:00　来源：新华网",
        "经党中央、国务院批准，第二轮第一批8个中央生态环境保护督察组于7月10日至7月15日进驻上海、福建、海南、"
        "重庆、甘肃、青海6个省（市）和中国五矿集团有限公司、中国化工集团有限公司开展督察。",
        "截至8月15日，各地共问责234人。按地区看，甘肃问责人数最多，为114人；青海42人、福建30人。"
        "中国化工问责8人。",
    ]
)


def test_a_ranking_of_places_gives_each_figure_its_place_and_metric(tmp_path: Path) -> None:
    path = tmp_path / "ranking.txt"
    path.write_text(RANKING, encoding="utf-8")
    document = read_document(path, tmp_path, 5_000_000)
    rows = document_facts(document, make_chunks(document, 0), CALENDAR)
    accountable = [(row.phrase, row.place) for row in rows if row.metric == "accountable"]
    assert accountable == [
        ("234", None),
        ("114", "Gansu"),
        ("42", "Qinghai"),
        ("30", "Fujian"),
        ("8", "China National Chemical Corporation"),
    ]
    teams = [row for row in rows if row.metric == "teams"]
    assert [(row.value, row.place) for row in teams] == [(8, None)]
    assert {row.inspection for row in rows} == {"r2b1"}


def _rows(tmp_path: Path, name: str, paragraphs: list[str]) -> list:
    path = tmp_path / name
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    document = read_document(path, tmp_path, 5_000_000)
    return document_facts(document, make_chunks(document, 0), CALENDAR)


def test_a_clause_after_that_is_the_articles_inspection_not_the_pilots(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "round1.txt",
        [
            "首轮中央环保督察实现全覆盖",
            "发布时间：2017-12-28　来源：中国新闻网",
            "第一轮中央环境保护督察已经完成。督察试点于2015年12月在河北启动；此后分四批对其余30个省（区、市）开展督察。",
        ],
    )
    assert [(row.phrase, row.metric, row.scope.round, row.scope.phase) for row in rows] == [
        ("30", "provinces", 1, None)
    ]


def test_an_article_on_one_provinces_part_gives_its_figures_that_province(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "hebei.txt",
        [
            "中央第一环境保护督察组对河北省开展督察“回头看”",
            "来源：长城网　2018-08-15 09:58:20",
            "今年5月31日至6月30日，中央第一环境保护督察组对河北省开展了督察“回头看”。",
            "截至目前，已完成整改3758件，整改完成率为94.52%。",
        ],
    )
    assert [(row.phrase, row.metric, row.inspection, row.place) for row in rows] == [
        ("94.52%", "rectification", "lb1", "Hebei")
    ]


def test_a_phrase_read_back_alone_has_its_value() -> None:
    """The arithmetic check re-reads each operand's phrase without the counter it was quoted with."""
    assert [(f.value, f.qualifier) for f in find_figures("八")] == [(8, None)]
    assert [(f.value, f.qualifier) for f in find_figures("1.8万余")] == [(18_000, "more than")]
    assert [f.value for f in find_figures("4006万元")] == [40_060_000]
    assert find_figures("第二") == [] and find_figures("十分") == []


def test_reworded_mirror_pages_keep_their_metrics() -> None:
    text = "截至11月16日晚，督察组共接到群众检举18180件；其中立案惩罚608家，罚款3325万元；拘押32人。"
    assert _metrics(text) == [
        ("18180", "received", "reports"),
        ("608", "punishment", "enterprises"),
        ("3325万元", "fine", "yuan"),
        ("32", "detained", "people"),
    ]


def test_rows_are_selected_by_a_place_named_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "ranking.txt"
    path.write_text(RANKING, encoding="utf-8")
    document = read_document(path, tmp_path, 5_000_000)
    rows = document_facts(document, make_chunks(document, 0), CALENDAR)
    assert [row.phrase for row in select(rows, place="甘肃")] == ["114"]
    assert [row.phrase for row in select(rows, place="中国化工")] == ["8"]
    assert [row.phrase for row in select(rows, place="Qinghai")] == ["42"]
