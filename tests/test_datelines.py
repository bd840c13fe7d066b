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
