"""Datelines, page headers and bylines: the outlet, the day, and the headline as the title."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.meta.datelines import find_byline_outlet, find_dateline, find_header
from index.meta.metadata import extract_metadata, passage_facts
from index.models import DocumentMeta
from index.text.documents import read_document

LIMIT = 1_000_000
LEAD = (
    "The central inspection team has finished its month in the province and held 120 officials accountable."
)


@pytest.mark.parametrize(
    ("dateline", "outlet", "month", "day"),
    [
        ("Beijing, Dec 7 (Xinhua) --", "Xinhua News Agency", 12, 7),
        ("SHIJIAZHUANG, Jan. 4 (Xinhua) —", "Xinhua News Agency", 1, 4),
        ("Chinanews.com, May 14th.", "China News Service", 5, 14),
        ("China News Service, Beijing, December 12 (Reporter Ruan Yulin)", "China News Service", 12, 12),
        ("Xinhua News Agency, Shijiazhuang, May 13th -", "Xinhua News Agency", 5, 13),
        ("Chinanews.com, January 1", "China News Service", 1, 1),  # runs straight into the text
    ],
)
def test_wire_datelines(dateline: str, outlet: str, month: int, day: int) -> None:
    found = find_dateline(f"{dateline} {LEAD}")
    assert found is not None
    assert (found.outlet, found.month, found.day) == (outlet, month, day)


def test_a_place_running_into_the_text_is_no_dateline() -> None:
    assert find_dateline(f"Beijing, March 3 {LEAD}") is None


def test_a_dateline_below_headline_header_and_standfirst_is_found() -> None:
    text = (
        "Inspectors wrap up Hebei check\n\nBy Li Ming | China Daily | Updated: 2016-02-06 08:10\n\n"
        "Month-long review ends with 2,856 problems handed over\n\n"
        f"SHIJIAZHUANG, Feb. 5 (Xinhua) -- {LEAD}"
    )
    dateline = find_dateline(text)
    assert dateline is not None and (dateline.month, dateline.day) == (2, 5)
    meta = extract_metadata(text, {}, "f")
    assert meta.date == dt.date(2016, 2, 6)  # the page's own labelled date
    assert meta.title == "Inspectors wrap up Hebei check"


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("By Zhang Wei | China Daily | Updated: 2016-11-17 08:11", "China Daily"),
        ("By Zhang Wei (China Daily) Updated: 2016-07-18 09:43", "China Daily"),
        ("By Zhang Wei | chinadaily.com.cn | Updated: 2021-04-10 07:12", "China Daily"),
        ("Source: Global Times Published: 2020/9/27 20:48:05", "Global Times"),
        ("Source: Xinhua| 2018-03-18 00:19:42|Editor: Mengjie", "Xinhua News Agency"),
        ("(Xinhua) 08:45, July 18, 2016", "Xinhua News Agency"),
        ("2016-12-14 10:21 Ecns.cn Editor: Li Yan", "China News Service"),
        ("2017-09-06 09:08 | Xinhua | Editor: Mo Hong'e", "Xinhua News Agency"),
        ("2019-11-29 17:17:21 来源：新华网", "Xinhua News Agency"),
        ("Date: Dec 11, 2018", None),
        ("Posted on July 16, 2019 by Tropical Hainan | News", None),  # a section name is no outlet
    ],
)
def test_header_outlet(header: str, outlet: str | None) -> None:
    found = find_header(f"Teams report\n{header}\n{LEAD}")
    assert found is not None and found.outlet == outlet
    assert extract_metadata(f"Teams report\n{header}\n{LEAD}", {}, "f").source == outlet


def test_closing_credits_name_the_outlet() -> None:
    assert find_byline_outlet(f"{LEAD}\nStory by CCTV News") == "CCTV"
    assert find_byline_outlet(f"{LEAD}\n\nGlobal Times") == "Global Times"
    assert find_byline_outlet(f"{LEAD}\n\nThe team left on Friday") is None


def test_provinces_are_not_taken_from_the_byline() -> None:
    header = "By Li Ming in Liaocheng, Shandong | China Daily | Updated: 2018-12-27"
    text = f"Night checks catch polluters\n{header}\n{LEAD}"
    meta = extract_metadata(text, {}, "f")
    assert "Shandong" not in meta.provinces and meta.date == dt.date(2018, 12, 27)
    assert passage_facts(text, DocumentMeta(title="t"))[1] == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a site name and a section above the headline
            f"Hebei Provincial People's Government | English\n\nChina\n\nTeam feeds back to Hebei\n\n{LEAD}",
            "Team feeds back to Hebei",
        ),
        (  # a headline-less article: its first sentence, never the header
            f"2018-03-18 10:05\n\n{LEAD} More was said later.",
            LEAD.rstrip("."),
        ),
        (  # the first line is a whole paragraph: the first sentence, trimmed
            "The central inspection team met provincial leaders on Monday and asked them to rectify 57 "
            "problems within a month, warning that officials who fail will be held to account. It left on "
            f"Friday.\n\n{LEAD}",
            "The central inspection team met provincial leaders on Monday and asked them to rectify 57 "
            "problems within a month, warning that officials who fail…",
        ),
    ],
)
def test_the_title_is_the_headline(text: str, title: str) -> None:
    assert extract_metadata(text, {}, "f").title == title


def test_a_page_title_loses_its_site_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>Teams widen their search - Chinadaily.com.cn</title>"
        f"</head><body><article><p>{LEAD}</p><p>They will stay a month.</p></article></body></html>",
        encoding="utf-8",
    )
    assert read_document(path, tmp_path, LIMIT).meta.title == "Teams widen their search"


def test_a_phone_number_above_the_headline_is_no_title() -> None:
    text = f"186 0120 9822\n\nThird batch of inspectors starts work in seven provinces\n\n{LEAD}"
    assert extract_metadata(text, {}, "f").title == "Third batch of inspectors starts work in seven provinces"


ZH_LEAD = "生态环境部通报，督察组已完成进驻，共受理群众举报1200件，立案处罚86家。"


@pytest.mark.parametrize(
    ("dateline", "outlet", "month", "day"),
    [
        ("中新网北京9月19日电 （记者 李明）", "China News Service", 9, 19),
        ("中新网北京9月19日电　（记者 李明）　", "China News Service", 9, 19),  # ideographic spaces
        ("中新社北京11月2日电 （记者 钱多多）", "China News Service", 11, 2),
        ("新华社北京7月18日电（记者 王强）", "Xinhua News Agency", 7, 18),
        ("据新华社北京8月22日电 (记者高远)", "Xinhua News Agency", 8, 22),
        ("人民网北京3月2日电 （记者 赵丽）", "People's Daily Online", 3, 2),
        ("中新网 5月7日电", "China News Service", 5, 7),
        ("中新网客户端北京11月29日电(冷小静)", "China News Service", 11, 29),
        ("科技日报北京7月8日电 （记者李平）", "Science and Technology Daily", 7, 8),
        ("长城网8月15日讯（记者 张某某）", "长城网", 8, 15),
        ("央广网北京1月29日消息（记者陈某）", "China National Radio", 1, 29),
        ("本报北京9月15日电 （记者寇某）", None, 9, 15),  # "this paper": the outlet is in the header
        ("北京12月28日电(记者 张某)", None, 12, 28),
        ("新京报快讯（记者 吴某）9月29日，", "Beijing News", 9, 29),
        ("中評社北京10月4日電／據北京青年報報道，", "China Review News Agency", 10, 4),
        ("新華社北京７月１８日電（記者 王強）", "Xinhua News Agency", 7, 18),
    ],
)
def test_chinese_datelines(dateline: str, outlet: str | None, month: int, day: int) -> None:
    text = f"督察组完成进驻\n\n{dateline}{ZH_LEAD}"
    found = find_dateline(text)
    assert found is not None
    assert (found.outlet, found.month, found.day, found.year) == (outlet, month, day, None)
    rest = text[found.end :].lstrip()
    assert rest.startswith((ZH_LEAD, "，", "／"))  # the byline is part of the dateline


def test_chinese_lead_outlets_without_a_date() -> None:
    assert find_byline_outlet(f"央视网消息（新闻联播）：{ZH_LEAD}") == "CCTV"
    assert find_byline_outlet(f"【财新网】（实习记者 武某）{ZH_LEAD}") == "Caixin"
    assert find_byline_outlet(f"{ZH_LEAD}\n\n来源：央视新闻客户端") == "CCTV"
    assert find_byline_outlet(f"{ZH_LEAD}\n\n（来源：本站原创）") is None
    assert find_byline_outlet(f"[来源：央视新闻]\n{ZH_LEAD}") == "CCTV"
    assert find_byline_outlet(f"{ZH_LEAD}\n来源：昆明市人民政府") == "昆明市人民政府"


@pytest.mark.parametrize(
    ("header", "date", "outlet"),
    [
        ("发布时间：2021-01-29 07:03:38  来源：央视新闻  作者：admin  点击：4507次", "2021-01-29", "CCTV"),
        ("2019-11-29 17:17:21 來源： 中國新聞網", "2019-11-29", "China News Service"),
        ("时间：2020年09月27日", "2020-09-27", None),
        ("来源：河北省人民政府网　2016-05-05 09:30", "2016-05-05", "河北省人民政府网"),
        ("来源: 昆明市人民政府   2018-06-16 17:24", "2018-06-16", "昆明市人民政府"),  # not outlet-like
        ("来源：中国新闻网 发布时间：2021-09-19 16:31:35", "2021-09-19", "China News Service"),
        ("时间：2017年09月14日来源：本站原创作者：admin点击：", "2017-09-14", None),
        ("2025年11月21日09:26 | 來源：人民網-《人民日報》", "2025-11-21", "People's Daily Online"),
        (
            "發佈時間：２０２２－０４－１２　來源：生態環境部",
            "2022-04-12",
            "Ministry of Ecology and Environment",
        ),
    ],
)
def test_chinese_page_headers(header: str, date: str, outlet: str | None) -> None:
    text = f"督察组完成进驻\n{header}\n{ZH_LEAD}"
    found = find_header(text)
    assert found is not None and (found.date.isoformat(), found.outlet) == (date, outlet)
    assert text[found.start : found.end] == header
    meta = extract_metadata(text, {}, "f")
    assert (meta.date, meta.source, meta.title) == (dt.date.fromisoformat(date), outlet, "督察组完成进驻")


def test_a_reprint_header_does_not_date_the_article() -> None:
    text = (
        "第三轮第二批督察完成进驻\n\n发布时间：2024-11-18\n\n"
        "中新网5月7日电 第三轮第二批督察组于2024年4月26日至28日进驻7个省（市）。"
        "截至5月5日，共受理举报9000件。"
    )
    assert extract_metadata(text, {}, "f").date == dt.date(2024, 5, 7)  # the dateline's day, not the mirror's
    same_week = text.replace("2024-11-18", "2024-05-08")
    assert extract_metadata(same_week, {}, "f").date == dt.date(2024, 5, 8)


def test_a_chinese_page_without_a_headline_is_titled_by_its_first_sentence() -> None:
    text = (
        "媒体播报\n\n来源：长城网　作者：张某某\n2018-08-15 09:58:20\n\n"
        "长城网8月15日讯（记者 张某某）督察组向我省交办群众举报4721件。各地逐件核查。"
    )
    meta = extract_metadata(text, {}, "f")
    assert meta.title == "督察组向我省交办群众举报4721件"
    assert (meta.source, meta.date) == ("长城网", dt.date(2018, 8, 15))


def test_a_traditional_page_reads_like_a_simplified_one() -> None:
    text = (
        "第二輪第四批中央生態環境保護督察完成進駐\n\n2021-09-10 17:17:21 來源：央視新聞\n\n"
        "央視網消息（新聞聯播）：第二輪第四批督察組完成進駐，各地立案處罰１１５８家，罰款４００６萬元。"
    )
    meta = extract_metadata(text, {}, "f")
    assert meta.title == "第二輪第四批中央生態環境保護督察完成進駐"  # quoted as written
    assert (meta.source, meta.date) == ("CCTV", dt.date(2021, 9, 10))
    assert (meta.scope.round, meta.scope.batch) == (2, 4)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("第三轮第三批督察全面启动_新闻频道_央视网(cctv.com)", "第三轮第三批督察全面启动"),
        ("第二轮第二批中央生态环保督察将全面启动-中新网", "第二轮第二批中央生态环保督察将全面启动"),
        ("督察组完成进驻_中华人民共和国生态环境部", "督察组完成进驻"),
        ("督察组进驻：问题整改-边督边改", "督察组进驻：问题整改-边督边改"),  # no site after the dash
    ],
)
def test_a_chinese_page_title_loses_its_site_and_section(title: str, expected: str) -> None:
    assert extract_metadata(ZH_LEAD, {"title": title}, "f").title == expected
