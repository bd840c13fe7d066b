"""Which inspection a Chinese sentence or article is about, and the places it names (index/meta/scopes.py,
gazetteer.py, announcements.py, events.py, inspection.py as the metadata reads them). The sentences and
articles are written for these tests in the styles of real releases (生态环境部, 新华社, 中新网, a
traditional-character mirror), with real figures."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.meta.announcements import find_announcement
from index.meta.events import find_events
from index.meta.gazetteer import (
    XPCC,
    chinese_reporting_places,
    find_departments,
    find_enterprises,
    find_provinces,
)
from index.meta.inspection import format_evidence, resolve_inspection, team_count, without_reporting_places
from index.meta.metadata import extract_metadata, passage_facts, passage_scope
from index.meta.scopes import find_scopes, whole_round
from index.models import InspectionScope

R = InspectionScope


def _meta(text: str, **given):
    return extract_metadata(text, given, "fallback")


@pytest.mark.parametrize(
    ("sentence", "scopes"),
    [
        ("第二轮第四批中央生态环境保护督察组本周起陆续进驻吉林等5省。", [R(round=2, batch=4)]),
        ("第二轮中央生态环境保护督察第四批督察反馈工作已经启动。", [R(round=2, batch=4)]),
        ("据悉，第三轮第一批督察组已全部完成下沉。", [R(round=3, batch=1)]),
        ("第2轮第6批督察共问责1万余人。", [R(round=2, batch=6)]),
        ("第３轮第２批督察的进驻期约为一个月。", [R(round=3, batch=2)]),  # full-width digits
        ("第二輪中央生態環境保護督察第四批已全部進駐。", [R(round=2, batch=4)]),  # traditional
        ("首轮中央环保督察共受理群众举报13.5万件。", [R(round=1)]),
        ("第一轮督察的整改方案逐项推进。", [R(round=1)]),
        ("2016年11月底，第二批督察进驻北京、上海等7省市。", [R(batch=2)]),
        ("第一批中央环境保护督察“回头看”近日完成进驻。", [R(batch=1, phase="lookback")]),
        ("中央生态环境保护督察“回头看”第二批的5个组已全部到位。", [R(batch=2, phase="lookback")]),
        ("第二批中央生態環境保護督察「回頭看」全面啟動。", [R(batch=2, phase="lookback")]),
        ("各地要以督察整改“回头看”为契机，压实责任。", [R(phase="lookback")]),
        ("第一轮中央环境保护督察“回头看”督察组进驻广东。", [R(phase="lookback")]),  # round 1's look-back
        ("第一轮督察“回头看”第二批进驻湖南。", [R(batch=2, phase="lookback")]),
        ("重点督察第一轮督察整改方案落实情况。", [R(round=1)]),
        ("第一轮督察和“回头看”共罚款24.5亿元。", [R(round=1), R(phase="lookback")]),
        ("the first round and the look-back", [R(round=1), R(phase="lookback")]),
        ("2016年初，督察组在河北开展试点，为全面推开积累经验。", [R(round=1, phase="pilot")]),
        ("河北试点期间，共拘留123人。", [R(round=1, phase="pilot")]),
        ("中央环境保护督察组对河北省进行了试点督察。", [R(round=1, phase="pilot")]),
        ("按照安排，中央生态环保例行督察将于下周启动。", []),
        ("每个被督察省份同步安排1个生态环境保护专项督察。", []),
        ("中央第五生态环境保护督察组组长主持召开动员会。", []),  # a team, not a batch
        ("第一组：上海市，组长许达哲。", []),
        ("对国家能源局、国家林业和草原局2个部门开展督察试点。", []),  # the departments' pilot of 2020
        ("自2015年底河北试点以来，督察共问责1.8万人。", []),
        ("从河北省试点开始，督察已走过三年。", []),
        ("河北省开展地下水超采综合治理试点，成效明显。", []),  # a pilot of something else
        ("生态环境部公开第一批典型案例。", []),
        ("督察组向河北省转办第二十三批群众信访举报件。", []),  # a batch of complaints
        ("第30批交办的举报案件已全部办结。", []),
    ],
)
def test_scope_of_a_chinese_sentence(sentence: str, scopes: list[InspectionScope]) -> None:
    mentions = find_scopes(sentence)
    assert [mention.scope for mention in mentions] == scopes
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(sentence)


@pytest.mark.parametrize(
    ("sentence", "scopes"),
    [
        ("第二轮第一、二批督察的整改方案已公开。", [R(round=2, batch=1), R(round=2, batch=2)]),
        ("第一、二批“回头看”共问责1万余人。", [R(batch=1, phase="lookback"), R(batch=2, phase="lookback")]),
        ("第三轮第一至三批督察", [R(round=3, batch=1), R(round=3, batch=2), R(round=3, batch=3)]),
        ("第一批至第三批督察共问责4000余人。", [R(batch=1), R(batch=2), R(batch=3)]),
        ("第三、第四批督察组进驻期间", [R(batch=3), R(batch=4)]),
        ("第二十、二十一批举报件已转办。", []),
    ],
)
def test_a_chinese_series_of_batches(sentence: str, scopes: list[InspectionScope]) -> None:
    assert [mention.scope for mention in find_scopes(sentence)] == scopes


def test_a_chinese_total_of_both_lookback_batches_is_the_lookback_as_a_whole() -> None:
    text = (
        "2018年两批“回头看”共受理举报9.7万件\n\n"
        "中新网北京12月28日电 生态环境部28日表示，2018年开展的两批中央生态环境保护督察“回头看”共受理群众举报"
        "96755件，问责8644人。\n"
        "其中，第二批“回头看”对山西、辽宁、吉林、安徽、山东、湖北、湖南、四川、贵州、陕西10省开展督察，"
        "进驻时间为10月30日至11月6日。\n"
    )
    assert _meta(text).scope == R(phase="lookback")


def test_a_chinese_summary_of_all_batches_of_a_round_is_the_round() -> None:
    text = (
        "第二轮督察六批共问责1.2万人\n\n发布时间：2022-07-05\n\n"
        "据统计，第二轮中央生态环境保护督察第一至六批共问责党政领导干部1.2万余人。\n"
    )
    meta = _meta(text)
    assert meta.scope == R(round=2)
    assert any(item.kind == "batches_listed" for item in meta.scope_evidence)


def test_pinyin_glosses_of_a_mirror_page_are_read_past() -> None:
    sentence = (
        "今年(nián)是第(dì)二轮第(dì)六批督察收官之年，督察组对河北(běi)、福(fú)建开展督察，"
        "在北(běi)京召开会议。"
    )
    [mention] = find_scopes(sentence)
    assert mention.scope == R(round=2, batch=6)
    assert sentence[mention.start : mention.end] == "第(dì)二轮第(dì)六批"
    assert find_provinces(sentence) == ["Hebei", "Fujian", "Beijing"]
    assert find_provinces(without_reporting_places(sentence)) == ["Hebei", "Fujian"]
    assert find_enterprises("中国五矿(Minmetals)和中国黄(huáng)金集团") == [
        "China Minmetals",
        "China National Gold Group",
    ]


def test_a_traditional_mention_spans_the_original_characters() -> None:
    sentence = "據報導，第三輪第二批督察組已反饋督察情況。"
    [mention] = find_scopes(sentence)
    assert sentence[mention.start : mention.end] == "第三輪第二批"


@pytest.mark.parametrize(
    ("sentence", "round_"),
    [
        ("首輪中央環保督察反饋意見全部公開。", 1),
        ("随着对西藏的反馈，第一轮中央环保督察全部完成。", 1),
        ("今年是第二轮中央生态环境保护督察收官之年。", 2),
        ("第一轮督察整改任务已完成。", None),  # its rectification, not the round
        ("第二轮督察于2019年7月启动。", None),
        ("第三轮第一批督察全部完成进驻。", None),  # a batch
    ],
)
def test_a_chinese_round_said_to_be_over_is_the_round_as_a_whole(sentence: str, round_: int | None) -> None:
    assert whole_round(sentence) == round_


def test_chinese_provinces_full_short_and_traditional() -> None:
    text = (
        "督察组分别进驻广西壮族自治区、内蒙古自治区、宁夏回族自治区、新疆维吾尔自治区、西藏、"
        "北京市、重庆市和新疆生产建设兵团；廣西、內蒙古、陝西、遼寧、黑龍江、貴州、雲南等地另行安排。"
    )
    assert find_provinces(text) == [
        "Guangxi",
        "Inner Mongolia",
        "Ningxia",
        "Xinjiang",
        "Tibet",
        "Beijing",
        "Chongqing",
        XPCC,
        "Shaanxi",
        "Liaoning",
        "Heilongjiang",
        "Guizhou",
        "Yunnan",
    ]
    assert find_provinces("第四批督察覆盖吉林、浙江、青海、新疆（含兵团）。") == [
        "Jilin",
        "Zhejiang",
        "Qinghai",
        "Xinjiang",
        XPCC,
    ]
    assert find_provinces("督察组在上海南京路和浙江西部走访。") == ["Shanghai", "Zhejiang"]
    assert find_provinces("黄河北岸、洞庭湖南部、渤海南部和长江西段的问题") == []
    assert find_provinces("河北、河南、湖北、湖南、海南、江西") == [
        "Hebei",
        "Henan",
        "Hubei",
        "Hunan",
        "Hainan",
        "Jiangxi",
    ]


def test_chinese_enterprises_and_departments() -> None:
    text = (
        "这一批督察对象包括中国石油天然气集团有限公司（中石油）、中石化、中国中化控股有限责任公司、"
        "中国化学工程集团有限公司、中国有色矿业集团有限公司、中国黃金集團、中国铝业集团有限公司、"
        "中国建材集团有限公司、中国五矿、国家能源投资集团、国家电网有限公司和中国建筑。"
    )
    assert find_enterprises(text) == [
        "China National Petroleum Corporation",
        "China Petrochemical Corporation",
        "Sinochem Holdings",
        "China National Chemical Engineering Group",
        "China Nonferrous Mining Group",
        "China National Gold Group",
        "Aluminum Corporation of China",
        "China National Building Material Group",
        "China Minmetals",
        "CHN Energy",
        "State Grid",
        "China State Construction Engineering",
    ]
    assert find_departments("并对国家能源局、國家林業和草原局2个部门开展督察试点。") == [
        "National Energy Administration",
        "National Forestry and Grassland Administration",
    ]
    assert find_enterprises("国家能源局") == []


@pytest.mark.parametrize(
    "text",
    [
        "新华社北京4月23日电 第二轮第六批督察组已完成反馈。",
        "本报北京3日讯 督察组向社会公开典型案例。",
        "央广网北京1月29日消息（记者陈锐海）督察组完成反馈。",
        "生态环境部当天在北京召开例行新闻发布会。",
        "北京时间20时，督察组发布通报。",
        "据北京日报报道，督察组已完成下沉。",
    ],
)
def test_a_chinese_reporting_place_is_not_a_province_inspected(text: str) -> None:
    assert chinese_reporting_places(text)
    assert find_provinces(without_reporting_places(text)) == []


def test_a_province_inspected_is_kept_beside_a_reporting_place() -> None:
    text = "中央第一生态环境保护督察组督察北京市动员会在北京召开。"
    assert find_provinces(without_reporting_places(text)) == ["Beijing"]
    assert find_provinces(without_reporting_places("督察组在河北开展试点。")) == ["Hebei"]


@pytest.mark.parametrize(
    ("sentence", "kind", "start", "end"),
    [
        (
            "中央第三生态环境保护督察组于2021年8月26日至31日进驻吉林省。",
            "stationed",
            "2021-08-26",
            "2021-08-31",
        ),
        (
            "2015年12月31日至2016年2月4日，中央环境保护督察组对河北省开展了环境保护督察。",
            "stationed",
            "2015-12-31",
            "2016-02-04",
        ),
        (
            "中央環境保護督察組於２０１６年５月３日向河北省委、省政府進行了反饋。",
            "feedback",
            "2016-05-03",
            None,
        ),
        (
            "督察组于2022年1月12日至14日陆续向吉林、山东等省反馈督察情况。",
            "feedback",
            "2022-01-12",
            "2022-01-14",
        ),
        ("2017年4月13日，经国务院批准，督察组向社会公开了督察报告。", "feedback", "2017-04-13", None),
    ],
)
def test_chinese_events(sentence: str, kind: str, start: str, end: str | None) -> None:
    [event] = find_events(sentence, lambda month, day: None)
    assert (event.kind, str(event.start), str(event.end) if event.end else None) == (kind, start, end)


def test_a_provincial_page_on_its_own_inspection() -> None:
    text = (
        "江西省贯彻落实第二轮中央生态环境保护督察报告整改方案\n\n发布时间：2021-10-20\n\n"
        "2021年4月6日至5月6日，中央第六生态环境保护督察组对我省开展了第二轮中央生态环境保护督察，"
        "并于2021年7月20日向省委、省政府反馈了督察意见。\n"
    )
    meta = _meta(text)
    assert meta.scope == R(round=2, batch=3)
    assert {(e.kind, e.start, e.end) for e in meta.events} == {
        ("stationed", dt.date(2021, 4, 6), dt.date(2021, 5, 6)),  # the stay, not the feedback day after it
        ("feedback", dt.date(2021, 7, 20), None),
    }


def test_a_day_stated_alone_is_of_the_month_of_publication() -> None:
    text = (
        "第三轮第二批督察完成反馈\n\n"
        "发布时间：2024-08-22 10:05\n\n"
        "生态环境部22日通报，第三轮第二批7个中央生态环境保护督察组20日至21日分别向上海、浙江、江西、湖北、湖南、"
        "重庆、云南7个省（市）反馈督察情况。\n"
        "督察组要求被督察省份在30日内报送整改方案。\n"
    )
    meta = _meta(text)
    assert meta.date == dt.date(2024, 8, 22)
    assert [(e.kind, e.start, e.end) for e in meta.events] == [
        ("feedback", dt.date(2024, 8, 20), dt.date(2024, 8, 21))
    ]
    assert any(item.kind == "stated_feedback" and "r3b2" in item.points for item in meta.scope_evidence)
    stationed = find_events(
        "中央第四生态环境保护督察组26日进驻四川省。", lambda m, d: None, dt.date(2021, 9, 2)
    )
    assert [(e.kind, e.start) for e in stationed] == [("stationed", dt.date(2021, 8, 26))]
    assert find_events("督察组26日进驻四川省。", lambda m, d: None) == []  # no month to read it in


def test_chinese_counts_of_teams_and_provinces() -> None:
    assert team_count("本批共组建8个中央生态环境保护督察组，分赴江苏等4省。") == 8
    assert team_count("第五组：湖南省，组长蒋卓庆。") is None  # team No. 5, not five teams
    assert team_count("第二轮第五批4個督察組全部進駐。") == 4
    assert team_count("督察组公布了一组数据，要求一省一策抓整改。") is None


STATIONING = (
    "第三轮第一批中央生态环境保护督察全面启动\n\n"
    "中新网北京11月22日电 据生态环境部消息，经党中央、国务院批准，第三轮第一批5个中央生态环境保护督察组"
    "于2023年11月21日至22日陆续进驻福建、河南、海南、甘肃、青海5个省开展督察，进驻时间约为1个月。\n"
    "进驻期间，各组均开通专线电话和信箱，每天8时至20时受理群众举报。\n"
    "生态环境部当天在北京召开新闻发布会，介绍督察安排。\n"
)


def test_a_chinese_stationing_article_and_its_announcement() -> None:
    meta = _meta(STATIONING)
    assert meta.scope == R(round=3, batch=1)
    assert meta.provinces == ["Fujian", "Henan", "Hainan", "Gansu", "Qinghai"]
    announced = meta.announces
    assert announced is not None and announced.scope == R(round=3, batch=1)
    assert (announced.stationed_from, announced.stationed_to) == (
        dt.date(2023, 11, 21),
        dt.date(2023, 11, 22),
    )
    assert announced.teams == 5
    assert announced.provinces == ["Fujian", "Henan", "Hainan", "Gansu", "Qinghai"]


def test_a_launch_sentence_takes_its_places_from_the_next_one() -> None:
    body = (
        "经党中央、国务院批准，第三轮第八批中央生态环境保护督察全面启动。"
        "本批组建6个督察组，分别对海南、甘肃、宁夏3个省（区）和中国五矿集团有限公司开展督察进驻。"
    )
    announced = find_announcement(body, dt.date(2028, 4, 3))
    assert announced is not None and announced.scope == R(round=3, batch=8)
    assert announced.provinces == ["Hainan", "Gansu", "Ningxia"]
    assert announced.enterprises == ["China Minmetals"]
    assert (announced.stationed_from, announced.teams) == (dt.date(2028, 4, 3), 6)


def test_a_sentence_recalling_an_earlier_batch_announces_nothing() -> None:
    body = "此前，第三轮第八批督察组已于2028年4月3日进驻海南、甘肃、宁夏。"
    assert find_announcement(body, dt.date(2028, 9, 1)) is None


TRADITIONAL = (
    "第二輪第二批中央生態環境保護督察全部實現進駐\n\n"
    "發布時間：2020-09-01 16:20\n\n"
    "記者從生態環境部獲悉，截至8月31日，第二輪第二批7個中央生態環境保護督察組已全部進駐北京、天津、浙江3個省（市）"
    "和中國鋁業集團有限公司、中國建材集團有限公司2家中央企業，並對國家能源局、國家林業和草原局2個部門開展督察試點。\n"
    "進駐時間約為1個月。\n"
)


def test_a_traditional_character_article() -> None:
    meta = _meta(TRADITIONAL)
    assert meta.scope == R(round=2, batch=2)
    assert meta.provinces == ["Beijing", "Tianjin", "Zhejiang"]
    assert meta.enterprises == ["Aluminum Corporation of China", "China National Building Material Group"]
    kinds = {(item.kind, item.text) for item in meta.scope_evidence}
    assert ("enterprise", "National Energy Administration") in kinds
    assert ("team_count", "7个中央生态环境保护督察组") in kinds
    assert not any(item.kind == "pilot_mention" for item in meta.scope_evidence)  # the departments' pilot


BACKGROUND = (
    "第三轮第三批督察组完成督察进驻\n\n"
    "新华社北京10月22日电 第三轮第三批8个中央生态环境保护督察组已于10月18日至20日陆续进驻江苏、安徽、四川、"
    "贵州4个省，以及中国石油天然气集团有限公司、中国石油化工集团有限公司、中国中化控股有限责任公司、"
    "中国化学工程集团有限公司4家中央企业。\n"
    "此前，第三轮第二批督察已对上海、浙江、江西、湖北、湖南、重庆、云南7个省（市）开展督察。\n"
    "前两批督察还曾进驻福建、河南、海南、甘肃、青海。\n"
    "生态环境部当天在北京召开新闻发布会介绍有关情况。\n"
)


def test_provinces_of_other_batches_and_reporting_places_do_not_count() -> None:
    meta = _meta(BACKGROUND)
    assert meta.scope == R(round=3, batch=3)
    assert meta.date == dt.date(2024, 10, 22)
    assert meta.provinces == ["Jiangsu", "Anhui", "Sichuan", "Guizhou"]
    assert len(meta.enterprises) == 4
    resolution = resolve_inspection("", BACKGROUND, dt.date(2024, 10, 22))
    against = [item for item in resolution.evidence if item.points.get("r3b3", 0) < 0]
    assert not any("Beijing" in item.text for item in against)
    assert not any(item.kind == "province" and item.text == "Fujian" for item in against)


def test_a_passage_keeps_its_own_inspection_and_places() -> None:
    meta = _meta(BACKGROUND)
    scope, provinces, _ = passage_facts(
        "此前，第三轮第二批督察已对上海、浙江、江西开展督察，共问责1000余人。", meta
    )
    assert (scope, provinces) == (R(round=3, batch=2), ["Shanghai", "Zhejiang", "Jiangxi"])
    scope, provinces, _ = passage_facts("生态环境部当天在北京召开新闻发布会介绍有关情况。", meta)
    assert (scope, provinces) == (R(round=3, batch=3), [])
    assert passage_scope("第二批督察进驻期间，共受理举报2万件。", meta.scope) == R(round=3, batch=2)
    scope, provinces, _ = passage_facts("前两批督察还曾进驻福建、河南、江苏。", meta)
    assert (scope, provinces) == (R(round=3, batch=3), ["Jiangsu"])


PILOT = (
    "中央环境保护督察组向河北省反馈督察情况\n\n"
    "2016年5月3日，中央环境保护督察组向河北省委、省政府反馈督察意见。2015年12月31日至2016年2月4日，"
    "督察组在河北省开展了环境保护督察试点工作。\n"
    "督察期间，河北省共拘留123人，行政约谈65人。\n"
)


def test_the_hebei_pilot_in_chinese() -> None:
    meta = _meta(PILOT)
    assert meta.scope == R(round=1, phase="pilot")
    assert meta.provinces == ["Hebei"]
    assert {(e.kind, e.start) for e in meta.events} == {
        ("feedback", dt.date(2016, 5, 3)),
        ("stationed", dt.date(2015, 12, 31)),
    }


LOOKBACK = (
    "第一批中央环境保护督察“回头看”完成督察反馈\n\n"
    "新华社北京10月22日电 记者从生态环境部获悉，第一批“回头看”6个督察组近日陆续向河北、内蒙古、黑龙江、江苏、"
    "江西、河南、广东、广西、云南、宁夏10个省（区）反馈督察意见。\n"
    "“回头看”期间，共拘留610人，问责6219人。\n"
)


def test_a_chinese_lookback_article() -> None:
    meta = _meta(LOOKBACK)
    assert meta.scope == R(batch=1, phase="lookback")
    assert len(meta.provinces) == 10


ROUND_SUMMARY = (
    "首轮中央环保督察反馈工作全部完成\n\n"
    "2018年1月4日 来源：人民日报\n\n"
    "随着中央第六环境保护督察组向西藏自治区反馈督察意见，首轮中央环保督察实现31个省（区、市）全覆盖。\n"
    "从2015年底在河北开展试点算起，督察组共问责党政领导干部18199人。\n"
)


def test_a_chinese_round_summary_is_the_whole_round() -> None:
    meta = _meta(ROUND_SUMMARY)
    assert meta.scope == R(round=1)
    lines = format_evidence(meta.scope, meta.scope_evidence)
    assert lines[0].startswith("scores: r1 ")
    assert not any("pilot_mention" in line for line in lines)  # "from the pilot" is a point in time


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        (
            "督察推动解决群众身边问题\n\n发布时间：2017-12-30\n\n"
            "2016年以来，中央环保督察组共受理群众举报13.5万件，办结12万余件。\n",
            R(round=1),  # the period spans the first round's batches
        ),
        (
            "两轮督察推动解决一批突出问题\n\n发布时间：2023-03-10\n\n"
            "两轮中央生态环境保护督察共受理群众举报44.2万件，第一轮和第二轮督察分别问责1.8万人和1.2万人。\n",
            R(),  # a total over two rounds is on no one inspection
        ),
    ],
)
def test_a_chinese_text_on_a_period(text: str, scope: InspectionScope) -> None:
    meta = _meta(text)
    assert meta.scope == scope
    assert any(item.kind.startswith("period_") for item in meta.scope_evidence)


def test_a_chinese_article_indexed_and_shown_with_its_evidence(tmp_path: Path, embedder) -> None:
    from bot.cli import cli
    from index.embedder import DEFAULT_MODEL
    from index.store import open_index

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "r3b8-launch.txt").write_text(
        "第三轮第八批中央生态环境保护督察全面启动\n\n"
        "新华社北京4月3日电 经党中央、国务院批准，第三轮第八批中央生态环境保护督察全面启动，"
        "6个督察组于2028年4月2日至5日陆续进驻海南、甘肃、宁夏3个省（区）和中国五矿集团有限公司。\n"
        "进驻时间约为1个月。\n",
        encoding="utf-8",
    )
    (documents / "r2b2-traditional.txt").write_text(TRADITIONAL, encoding="utf-8")
    env = {"INSPECTBOT_MODEL": DEFAULT_MODEL, "TELEGRAM_BOT_TOKEN": None}
    index_dir = tmp_path / "index"
    args = ["index", "--documents", str(documents), "--index", str(index_dir)]
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "learned round 3, batch 8 (stationed 2028-04-02; Hainan, Gansu, Ningxia, China Minmetals)" in (
        result.output
    )
    version = open_index(index_dir)
    assert version.documents["r3b8-launch"].meta.scope == R(round=3, batch=8)
    assert version.documents["r2b2-traditional"].meta.scope == R(round=2, batch=2)
    why = CliRunner().invoke(cli, ["sources", "--why", "--index", str(index_dir)], env=env)
    assert why.exit_code == 0, why.output
    assert "scores: r2b2 " in why.output and "scores: r3b8 " in why.output


def test_a_long_gap_between_a_round_and_a_lookback_is_read_in_linear_time() -> None:
    short = "the first round" + " " * 500 + "x look-back"
    long = "the first round" + " " * 4000 + "x look-back"
    find_scopes(short)
    assert _cpu(find_scopes, long) <= 24 * max(_cpu(find_scopes, short), 1e-4)


def _cpu(function, text: str) -> float:
    """Best CPU time of three calls, each on a text of its own (find_scopes is memoised)."""
    best = float("inf")
    for repeat in range(3):
        variant = f"{text} {repeat}"
        start = time.process_time()
        function(variant)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    "function",
    [find_provinces, find_enterprises, find_scopes, chinese_reporting_places, without_reporting_places],
)
def test_chinese_place_and_scope_matching_is_linear(function) -> None:
    unit = (
        "第二轮第四批督察组进驻广西壮族自治区、内蒙古、新疆（含兵团），中国有色矿业集团有限公司在北京召开会议；"
        "河北省开展试点工作，“回头看”期间共拘留61人，第五组：湖南省。"
    )
    short, long = unit * 50, unit * 400
    function(short)  # compiled and warm
    assert _cpu(function, long) <= 24 * max(_cpu(function, short), 1e-4)
