"""Publication dates from page headers, and event dates (stationing, feedback, as-of) kept apart from them."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from index.meta.datelines import find_dateline, find_header
from index.meta.dates import find_as_of, find_dates, infer_year
from index.meta.events import find_events
from index.meta.metadata import extract_metadata
from index.text.documents import read_document

LIMIT = 1_000_000
BODY = (
    "Central environmental inspectors have held 320 officials accountable in the province, the Ministry of "
    "Ecology and Environment said."
)


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Sep 27,2020 11:23CST", dt.date(2020, 9, 27)),
        ("Updated: 2016-07-18", dt.date(2016, 7, 18)),
        ("Date: Dec 11, 2018", dt.date(2018, 12, 11)),
        ("Date:Jun 27, 2018", dt.date(2018, 6, 27)),
        ("2018-03-18 10:05", dt.date(2018, 3, 18)),
        ("Updated: 2021-09-19 15:03", dt.date(2021, 9, 19)),
        ("Published: 2017/8/1 22:48:39", dt.date(2017, 8, 1)),
        ("Posted on July 16, 2019 by Tropical Hainan | News", dt.date(2019, 7, 16)),
        ("By Zhang Wei | chinadaily.com.cn | Updated: 2021-04-10 07:12", dt.date(2021, 4, 10)),
        ("By Zhang Wei (China Daily) Updated: 2016-07-18 09:43", dt.date(2016, 7, 18)),
        ("Source: Global Times Published: 2020/9/27 20:48:05", dt.date(2020, 9, 27)),
        ("Source: Xinhua| 2018-03-18 00:19:42|Editor: Mengjie", dt.date(2018, 3, 18)),
        ("(Xinhua) 08:45, July 18, 2016", dt.date(2016, 7, 18)),
        ("Updated: Dec 29,2017 9:53 AM", dt.date(2017, 12, 29)),
        ("- Mar 30, 2018-", dt.date(2018, 3, 30)),
        ("Release time:2017-11-19", dt.date(2017, 11, 19)),
        ("2019-11-29 17:17:21 来源：新华网", dt.date(2019, 11, 29)),
        ("发布时间：2021-01-29", dt.date(2021, 1, 29)),
        ("2024年10月18日 09:30 来源：人民网", dt.date(2024, 10, 18)),
    ],
)
def test_header_forms_give_the_publication_date(header: str, date: dt.date) -> None:
    text = f"Inspectors hold 320 officials accountable\n\n{header}\n\n{BODY}"
    meta = extract_metadata(text, {}, "f")
    assert meta.date == date
    assert meta.title == "Inspectors hold 320 officials accountable"  # the headline, not the header


def test_a_header_above_the_headline_is_no_title() -> None:
    meta = extract_metadata(
        f"2016-12-14 10:21 Ecns.cn Editor: Li Yan\n\nSeven teams sent out\n\n{BODY}", {}, "f"
    )
    assert (meta.date, meta.source, meta.title) == (
        dt.date(2016, 12, 14),
        "China News Service",
        "Seven teams sent out",
    )


def test_a_date_alone_in_a_table_below_the_first_paragraph_is_no_header() -> None:
    text = (
        f"China News Service, September 19. {BODY} The teams have received thousands of calls and letters "
        "from the public since they arrived, and the provinces have closed most of the cases.\n"
        "2021-09-15 | 22,511\n2021-09-16 | 23,004\n"
        "The teams were stationed from August 26 to August 31, 2021."
    )
    assert extract_metadata(text, {}, "f").date == dt.date(2021, 9, 19)


def test_a_closing_date_line_with_its_source_dates_the_article() -> None:
    paragraphs = "\n\n".join(
        f"Paragraph {n}: the teams handed over {n * 10} cases for rectification." for n in range(14)
    )
    text = (
        f"All 20 provinces publish their plans\n\n{paragraphs}\n\n2020-02-28 08:15:37 Source: Legal Daily\n"
    )
    meta = extract_metadata(text, {}, "f")
    assert (meta.date, meta.source) == (dt.date(2020, 2, 28), "Legal Daily")


def test_the_header_date_wins_over_a_yearless_dateline() -> None:
    text = (
        "Over 20,000 held accountable\nSource: Xinhua| 2018-03-18 00:19:42|Editor: Mengjie\n"
        "BEIJING, March 17 (Xinhua) -- More than 20,000 people were held accountable, the minister said."
    )
    meta = extract_metadata(text, {}, "f")
    assert (meta.date, meta.source) == (dt.date(2018, 3, 18), "Xinhua News Agency")


@pytest.mark.parametrize(
    "sentence",
    [
        "A photo caption says smog covered the city on Nov 4, 2016.",
        "The teams were stationed from August 26 to August 31, 2021 in five provinces.",
        "On December 13, 2021 the team gave feedback to the province.",
        "The province must publish its rectification plan online by this date: 2021-05-01",
    ],
)
def test_dates_in_the_body_are_no_publication_date(sentence: str) -> None:
    assert extract_metadata(f"Teams report findings\n\n{sentence}\n\n{BODY}", {}, "f").date is None


def test_stationing_and_feedback_dates_are_events_not_the_publication_date() -> None:
    text = (
        "China News Service, December 20. The fourth batch of the second round of central inspection "
        "teams were stationed from August 26 to August 31, 2021 in Jilin, Shandong, Hubei, Guangdong and "
        "Sichuan. As of 20:00 on December 15, the teams had received 28,000 reports. The team for Jilin gave "
        "feedback on December 13. The teams arrived in Hubei on Monday."
    )
    meta = extract_metadata(text, {}, "f")
    assert meta.date == dt.date(2021, 12, 20)
    events = [(event.kind, event.start, event.end) for event in meta.events]
    assert events == [
        ("stationed", dt.date(2021, 8, 26), dt.date(2021, 8, 31)),
        ("as_of", dt.date(2021, 12, 15), None),
        ("feedback", dt.date(2021, 12, 13), None),  # no year stated: the one that puts it before the dateline
    ]
    stationed = meta.events[0]
    assert text[stationed.span[0] : stationed.span[1]].startswith("The fourth batch")
    assert all(event.start != meta.date for event in meta.events)  # "on Monday" gives no date


@pytest.mark.parametrize(
    ("sentence", "start", "end", "month_only"),
    [
        (
            "The teams were stationed from May 30 to June 7, 2018.",
            dt.date(2018, 5, 30),
            dt.date(2018, 6, 7),
            False,
        ),
        (
            "Teams will be stationed from November 21 to 22, 2023.",
            dt.date(2023, 11, 21),
            dt.date(2023, 11, 22),
            False,
        ),
        (
            "From 30 May to 7 June 2018, six teams conducted the first look-back inspection.",
            dt.date(2018, 5, 30),
            dt.date(2018, 6, 7),
            False,
        ),
        (
            "Seven teams carried out inspections from November to December 2016 in seven provinces.",
            dt.date(2016, 11, 1),
            dt.date(2016, 12, 31),
            True,
        ),
        (
            "During the stationing period (August 26, 2021 - September 26, 2021), a hotline was open.",
            dt.date(2021, 8, 26),
            dt.date(2021, 9, 26),
            False,
        ),
        (
            "第二轮第四批督察组于2021年8月26日至31日进驻吉林。",
            dt.date(2021, 8, 26),
            dt.date(2021, 8, 31),
            False,
        ),
        (
            "The mobilization meeting was held in Shijiazhuang on January 4, 2016.",
            dt.date(2016, 1, 4),
            None,
            False,
        ),
    ],
)
def test_stationing_spans(sentence: str, start: dt.date, end: dt.date | None, month_only: bool) -> None:
    events = extract_metadata(sentence, {}, "f").events
    assert [(e.kind, e.start, e.end, e.month_only) for e in events] == [("stationed", start, end, month_only)]


@pytest.mark.parametrize(
    ("sentence", "kind", "start", "end"),
    [
        (  # no trigger word: a date span in a sentence on the teams
            "Ten provinces received the six teams of the first look-back batch between 30 May and 7 June "
            "2018.",
            "stationed",
            dt.date(2018, 5, 30),
            dt.date(2018, 6, 7),
        ),
        ("Eight teams presented their findings on Sept. 4, 2017.", "feedback", dt.date(2017, 9, 4), None),
        (
            "The team fed back its opinion to Inner Mongolia on November 12, 2016.",
            "feedback",
            dt.date(2016, 11, 12),
            None,
        ),
    ],
)
def test_more_event_forms(sentence: str, kind: str, start: dt.date, end: dt.date | None) -> None:
    events = extract_metadata(sentence, {}, "f").events
    assert [(e.kind, e.start, e.end) for e in events] == [(kind, start, end)]


def test_the_end_of_the_stationing_is_no_start() -> None:
    events = extract_metadata("The stationing was all completed by 20:00 on May 9, 2021.", {}, "f").events
    assert [event.kind for event in events] == ["as_of"]


def test_a_stationing_sentence_takes_the_range_of_the_sentence_before() -> None:
    text = (
        "China News Service, September 19. The fourth batch of 7 inspection teams will be held from "
        "August 26 to August 31, 2021. It has successively stationed in the five provinces."
    )
    (event,) = extract_metadata(text, {}, "f").events
    assert (event.kind, event.start, event.end) == ("stationed", dt.date(2021, 8, 26), dt.date(2021, 8, 31))
    assert text[event.span[0] : event.span[1]].endswith("stationed in the five provinces.")


def test_html_header_date_outside_the_main_text(tmp_path: Path) -> None:
    """trafilatura leaves the page's date line out of the main text; the loader reads it from the page."""
    html = (
        "<html><head><meta charset='utf-8'><title>Officials held to account</title></head><body>"
        "<div class='menu'>Home | News | Policies</div><h1>Officials held to account</h1>"
        "<div class='date'>Updated: Dec 29,2017 9:53 AM</div>"
        f"<p>{BODY}</p><p>The inspectors looked into 135,000 cases over two years.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert read_document(path, tmp_path, LIMIT).meta.date == dt.date(2017, 12, 29)


def test_date_tokens_are_parsed_and_checked() -> None:
    assert [
        date for date, _, _ in find_dates("Sep 27,2020; 2020/9/27; 27 September 2020; 2020年9月27日")
    ] == [dt.date(2020, 9, 27)] * 4
    assert find_dates("version 2016-07-18.5, February 30, 2021, 2021-13-01") == []


def test_date_search_is_linear() -> None:
    """Headers, datelines, event and as-of dates and the year of a yearless date, on 1.2 MB of dates."""
    text = ("Sep 27, 2020-09-2 from May 3 to " * 20_000) + "\n" + "2021年8月26日至" * 20_000
    started = time.perf_counter()
    find_header(text)
    find_dateline(text)
    find_events(text, lambda month, day: 2021)
    find_as_of(text, lambda month, day: 2021)
    infer_year(text, 5, 3)
    assert time.perf_counter() - started < 15


def test_chinese_date_tokens() -> None:
    text = (
        "二〇二一年九月十九日；二○一六年十二月三十一日；二〇二〇年二月三十日；２０２１年１０月１日；2000万元"
    )
    assert [date for date, _, _ in find_dates(text)] == [
        dt.date(2021, 9, 19),
        dt.date(2016, 12, 31),
        dt.date(2021, 10, 1),  # full-width digits read through the fold; February 30 is no date
    ]


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("截至9月15日20时，各地共立案处罚1158家。", "2021-09-15T20:00"),
        ("截至6月14日晚20:00，共受理举报12817件。", "2021-06-14T20:00"),
        ("截止10月1日晚8点，督察进驻工作已全部完成。", "2021-10-01T20:00"),
        ("截至6月底，整改任务完成率为94.5%。", "2021-06-30"),
        ("截至2021年底，共问责干部200人。", "2021-12-31"),
        ("截至１２月５日，共受理举报２３００件。", "2021-12-05"),
        ("截至目前，整改工作正在推进。", None),
    ],
)
def test_chinese_as_of(sentence: str, as_of: str | None) -> None:
    assert find_as_of(sentence, lambda month, day: 2021) == as_of


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # the headline's "2018年将开展" is a plan: the article reports 2015-2017
        (
            "首轮督察问责超1.8万人 2018年将开展“回头看”\n\n"
            "督察试点于2015年12月启动，2017年8月完成第四批督察。",
            2017,
        ),
        ("督察组2021年8月26日进驻。整改方案须于2022年6月30日前报送。", 2021),  # a deadline
        ("到2025年，全省空气质量优良天数比率达到90%。督察组于2023年11月进驻。", 2023),  # a target
        ("各地罚款2000万元，立案处罚1998家。2019年督察组进驻。", 2019),  # amounts are no years
    ],
)
def test_the_year_of_a_chinese_dateline(text: str, year: int) -> None:
    assert infer_year(text, 12, 28) == year
