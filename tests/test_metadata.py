"""Metadata from the text: inspection scope, outlet, date (year inferred), provinces, enterprises, as-of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.meta.gazetteer import XPCC, find_enterprises, find_provinces
from index.meta.metadata import extract_metadata, passage_facts
from index.meta.ordinals import number_value, ordinal_value
from index.meta.scopes import find_scopes
from index.models import DocumentMeta, InspectionScope
from index.text.documents import read_document
from index.text.loaders import load_article

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "documents"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "articles"
LIMIT = 1_000_000

# file -> (round, batch, phase, date, outlet, as_of)
EXPECTED = {
    SEEDS / "2021-09-19-chinanews-round2-batch4-progress.md": (
        2,
        4,
        None,
        dt.date(2021, 9, 19),
        "China News Service",
        "2021-09-15T20:00",
    ),
    SEEDS / "cdi-daily-round2-batch6-rectification.md": (
        2,
        6,
        None,
        None,
        "China Discipline Inspection and Supervision Daily",
        None,
    ),
    FIXTURES / "hebei-pilot-2016.txt": (1, None, "pilot", dt.date(2016, 5, 5), "The Paper", "2016-04-08"),
    FIXTURES / "lookback1-feedback-2018.txt": (
        None,
        1,
        "lookback",
        dt.date(2018, 10, 17),
        "Beijing News",
        None,
    ),
    FIXTURES / "r1-summary-2017.md": (1, None, None, dt.date(2017, 12, 28), "Xinhua News Agency", None),
    FIXTURES / "r2b4-follow-up-2021.txt": (2, 4, None, dt.date(2021, 12, 1), "China News Service", None),
    FIXTURES / "r3b2-progress-2024.txt": (
        3,
        2,
        None,
        dt.date(2024, 6, 11),
        "China News Service",
        "2024-06-09",
    ),
    FIXTURES / "r3b3-progress-2024.html": (
        3,
        3,
        None,
        dt.date(2024, 11, 2),
        "Xinhua News Agency",
        "2024-10-30T20:00",
    ),
    FIXTURES / "r3b5-progress-2025.txt": (
        3,
        5,
        None,
        dt.date(2025, 12, 22),
        "China News Service",
        "2025-12-19",
    ),
}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.name)
def test_article_metadata(path: Path) -> None:
    meta = read_document(path, path.parent, LIMIT).meta
    round_, batch, phase, date, outlet, as_of = EXPECTED[path]
    assert (meta.scope.round, meta.scope.batch, meta.scope.phase) == (round_, batch, phase)
    assert meta.date == date
    assert meta.source == outlet
    assert meta.as_of == as_of
    assert meta.title


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.name)
def test_metadata_from_text_alone(path: Path) -> None:
    """Without front matter or HTML meta, the text alone gives the same scope, outlet and date (the
    rectification article states no date at all)."""
    meta = extract_metadata(load_article(path, LIMIT).text, {}, "fallback")
    round_, batch, phase, date, outlet, as_of = EXPECTED[path]
    assert (meta.scope.round, meta.scope.batch, meta.scope.phase) == (round_, batch, phase)
    assert (meta.date, meta.source, meta.as_of) == (date, outlet, as_of)
    assert meta.title != "fallback"


def test_provinces_and_enterprises_of_articles() -> None:
    seed = read_document(SEEDS / "2021-09-19-chinanews-round2-batch4-progress.md", SEEDS, LIMIT).meta
    assert seed.provinces == ["Jilin", "Shandong", "Hubei", "Guangdong", "Sichuan"]
    assert seed.enterprises == ["China Nonferrous Mining Group", "China National Gold Group"]
    rectification = read_document(SEEDS / "cdi-daily-round2-batch6-rectification.md", SEEDS, LIMIT).meta
    assert rectification.provinces == ["Hebei", "Inner Mongolia", "Tibet"]
    assert rectification.enterprises == []  # discipline inspection "Groups" and the Party are no enterprises
    lookback = read_document(FIXTURES / "lookback1-feedback-2018.txt", FIXTURES, LIMIT).meta
    assert set(lookback.provinces) == {
        "Hebei",
        "Inner Mongolia",
        "Heilongjiang",
        "Jiangsu",
        "Jiangxi",
        "Henan",
        "Guangdong",
        "Guangxi",
        "Yunnan",
        "Ningxia",
    }
    html = read_document(FIXTURES / "r3b3-progress-2024.html", FIXTURES, LIMIT).meta
    assert html.enterprises == [
        "China National Petroleum Corporation",
        "China Petrochemical Corporation",
        "Sinochem Holdings",
        "China National Chemical Engineering Group",
    ]
    r3b5 = read_document(FIXTURES / "r3b5-progress-2025.txt", FIXTURES, LIMIT).meta
    assert r3b5.provinces == ["Beijing", "Tianjin", "Hebei"]
    assert r3b5.enterprises == ["China Huadian", "CHN Energy", "Ansteel", "China Baowu", "China Coal Energy"]
    r1 = read_document(FIXTURES / "r1-summary-2017.md", FIXTURES, LIMIT).meta
    assert "Beijing" not in r1.provinces  # the dateline's place is not a province the article is about


def test_given_values_win_even_when_null() -> None:
    text = (FIXTURES / "r3b2-progress-2024.txt").read_text(encoding="utf-8")
    given = {"title": "T", "source": None, "date": "2024-06-12", "round": 9, "batch": "first", "as_of": None}
    meta = extract_metadata(text, given, "fallback")
    assert (meta.title, meta.source, meta.date, meta.as_of) == ("T", None, dt.date(2024, 6, 12), None)
    assert (meta.scope.round, meta.scope.batch) == (9, 1)
    assert meta.provinces[:2] == ["Shanghai", "Zhejiang"]  # not given: still extracted
    assert extract_metadata(text, {"phase": "look-back"}, "f").scope == InspectionScope(
        round=3, batch=2, phase="lookback"
    )


def test_fallback_title_for_an_article_without_words() -> None:
    assert extract_metadata("2021 ... 2022", {}, "r9 note").title == "r9 note"


def test_heading_line_is_the_title() -> None:
    text = (
        "Inspectors hold 200 accountable in Guangxi\nPeople's Daily Online, April 30. The third batch began."
    )
    meta = extract_metadata(text, {}, "f")
    assert meta.title == "Inspectors hold 200 accountable in Guangxi"
    assert meta.source == "People's Daily Online"


@pytest.mark.parametrize(
    ("text", "outlet", "date"),
    [
        (
            "BEIJING, Sept. 19 (Xinhua) -- The second batch of the second round of central inspections has "
            "ended. The teams were stationed from August 29 to August 31, 2020.",
            "Xinhua News Agency",
            dt.date(2020, 9, 19),
        ),
        (
            "Xinhua News Agency, Beijing, January 5 (Reporter Gao Jing) Teams were stationed from December 6 "
            "to December 8, 2021 in Heilongjiang.",
            "Xinhua News Agency",
            dt.date(2022, 1, 5),  # a January dateline after December events: the next year
        ),
        (
            "中新网9月19日电 据生态环境部消息，第二轮第四批督察组于2021年8月26日至31日进驻吉林。",
            "China News Service",
            dt.date(2021, 9, 19),
        ),
        (
            "China News Service, December 1. The fourth batch of the second round transferred reports.",
            "China News Service",
            dt.date(2021, 12, 1),  # no year in the text: from when that inspection took place
        ),
        (
            "Work went on. (China Environment News reporter Li Ming)",
            "China Environment News",
            None,
        ),
    ],
)
def test_datelines_and_bylines(text: str, outlet: str, date: dt.date | None) -> None:
    meta = extract_metadata(text, {}, "f")
    assert (meta.source, meta.date) == (outlet, date)


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("As of 20:00 on the evening of September 15th, teams received 22,511 calls.", "2021-09-15T20:00"),
        ("As of 6 p.m. on September 15, teams received calls.", "2021-09-15T18:00"),
        ("As of September 15 at 20:00, teams received calls.", "2021-09-15T20:00"),
        ("As of June 9, the teams had accepted 32,781 reports.", "2021-06-09"),
        ("As of the end of June, 1,000 cases were closed.", "2021-06-30"),
        ("As of April 8, 2016, Hebei had shut down 200 enterprises.", "2016-04-08"),
        ("截至9月15日20时，共收到群众来电来信22511件。", "2021-09-15T20:00"),
        ("By the end of June, 1,234 tasks had been completed.", "2021-06-30"),
        ("Until May 3, the teams had received 300 reports.", "2021-05-03"),
        ("The work must be finished by June 30.", None),
        ("The teams will stay until October 1.", None),
    ],
)
def test_as_of(sentence: str, as_of: str | None) -> None:
    text = f"China News Service, September 19, 2021. {sentence}"
    assert extract_metadata(text, {}, "f").as_of == as_of


def test_as_of_in_the_previous_year() -> None:
    text = "China News Service, January 10, 2022. As of December 31, the teams had closed 900 cases."
    assert extract_metadata(text, {}, "f").as_of == "2021-12-31"


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        ("the second round of the fourth batch of 7 teams", [InspectionScope(round=2, batch=4)]),
        ("the fourth batch of the second round", [InspectionScope(round=2, batch=4)]),
        ("Second round, fourth batch of inspections", [InspectionScope(round=2, batch=4)]),
        ("a second-round fourth batch inspection", [InspectionScope(round=2, batch=4)]),
        ("round 2, batch 4", [InspectionScope(round=2, batch=4)]),
        ("Round Two Batch Four", [InspectionScope(round=2, batch=4)]),
        ("the 14 tasks of the second round and the sixth batch", [InspectionScope(round=2, batch=6)]),
        ("Third batch of third-round central inspectors", [InspectionScope(round=3, batch=3)]),
        ("batch four and the 4th batch", [InspectionScope(batch=4), InspectionScope(batch=4)]),
        (
            'The first batch of the central inspection "look-back" began',
            [InspectionScope(batch=1, phase="lookback")],
        ),
        ("the 'look-back' second batch", [InspectionScope(batch=2, phase="lookback")]),
        ("the lookback", [InspectionScope(phase="lookback")]),
        (
            "The central environmental protection inspection pilot in Hebei",
            [InspectionScope(round=1, phase="pilot")],
        ),
        ("第二轮第四批", [InspectionScope(round=2, batch=4)]),
        ("第二轮中央生态环境保护督察第四批", [InspectionScope(round=2, batch=4)]),
        ('第一批中央环保督察"回头看"', [InspectionScope(batch=1, phase="lookback")]),
        ("首轮督察试点", [InspectionScope(round=1), InspectionScope(round=1, phase="pilot")]),
        ("reports were transferred in 31 batches", []),
        ("the second group of central environmental inspectors", [InspectionScope(batch=2)]),
        ("It's the second set of inspections this year", [InspectionScope(batch=2)]),
        ("the sixth group of the second round of inspections", [InspectionScope(round=2, batch=6)]),
        ("The Fifth Central Ecological Environmental Protection Supervision Group", []),
        ("Since the pilot, more than 15,000 officials were held accountable", []),
        ("after the Hebei pilot ended; 自试点以来", []),
        ("Hebei was chosen as a pilot project of the inspections", [InspectionScope(round=1, phase="pilot")]),
        ("a pilot project on carbon trading", []),
        (
            "teams conducted the first batch of the acceptance check of inspection rectification",
            [InspectionScope(batch=1, phase="lookback")],
        ),
        ("China's first full round of inspections", [InspectionScope(round=1)]),
        ("The first batch of typical cases was exposed; 第一批典型案例", []),
        ("teams worked in an all-round way, round-the-clock", []),
        ("the ecological civilization pilot zone", []),
        (
            "With the feedback of the fourth batch, the first round of inspections",
            [InspectionScope(batch=4), InspectionScope(round=1)],
        ),
    ],
)
def test_find_scopes(text: str, scopes: list[InspectionScope]) -> None:
    mentions = find_scopes(text)
    assert [mention.scope for mention in mentions] == scopes
    for mention in mentions:
        assert mention.start < mention.end <= len(text)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("first", 1),
        ("Fourth", 4),
        ("twelfth", 12),
        ("twentieth", 20),
        ("twenty-first", 21),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
        ("11th", 11),
        ("第四", 4),
        ("第十一", 11),
        ("第二十", 20),
        ("首", 1),
    ],
)
def test_ordinal_value(word: str, value: int) -> None:
    assert ordinal_value(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("one", 1),
        ("four", 4),
        ("Twenty", 20),
        ("twenty one", 21),
        ("7", 7),
        ("四", 4),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("fifth", 5),
        ("ten thousand", None),
        ("batch", None),
    ],
)
def test_number_value(word: str, value: int | None) -> None:
    assert number_value(word) == value


def test_provinces_canonical_names() -> None:
    text = (
        "Inner Mongolia Autonomous Region, Guangxi Zhuang Autonomous Region, the Tibet Autonomous Region, "
        "Xizang, Xinjiang Uygur Autonomous Region, Ningxia Hui Autonomous Region, the Xinjiang Production "
        "and Construction Corps, Shanxi and Shaanxi, 重庆 and Chongqing; Hong Kong is not inspected."
    )
    assert find_provinces(text) == [
        "Inner Mongolia",
        "Guangxi",
        "Tibet",
        "Xinjiang",
        "Ningxia",
        XPCC,
        "Shanxi",
        "Shaanxi",
        "Chongqing",
    ]


def test_enterprises_known_and_by_pattern_but_not_state_organs() -> None:
    text = (
        "Approved by the Party Central Committee and the State Council, inspectors entered China Minmetals "
        "Corporation, China Three Gorges Group and China Energy Engineering Group Co., Ltd. The Discipline "
        "Inspection and Supervision Group of the Hebei Provincial Commission, the Ministry of Ecology and "
        "Environment and the Party Group of the Tibet Autonomous Region Department were told."
    )
    assert find_enterprises(text) == [
        "China Minmetals",
        "China Three Gorges Corporation",
        "China Energy Engineering Group",
    ]


def test_passage_facts() -> None:
    doc = DocumentMeta(
        title="t",
        date=dt.date(2021, 9, 19),
        scope=InspectionScope(round=2, batch=4),
        as_of="2021-09-15T20:00",
    )
    scope, provinces, as_of = passage_facts("The teams in Jilin and Hubei found 3 problems.", doc)
    assert (scope, provinces, as_of) == (doc.scope, ["Jilin", "Hubei"], "2021-09-15T20:00")
    scope, _, as_of = passage_facts(
        "In the third batch of the second round, as of April 28, 900 cases closed.", doc
    )
    assert (scope, as_of) == (InspectionScope(round=2, batch=3), "2021-04-28")
    scope, _, _ = passage_facts("The first round, which began in 2016, found more.", doc)
    assert scope == InspectionScope(round=1)
    scope, _, _ = passage_facts("The second round of the fourth batch went on.", doc)
    assert scope == doc.scope
    scope, _, _ = passage_facts("Unlike the first round, the fourth batch accepted more reports.", doc)
    assert scope == doc.scope  # recalls another round, but is about the document's batch
    scope, provinces, _ = passage_facts("China News Service, Beijing, September 19. Work went on.", doc)
    assert provinces == []  # the dateline's place is not what the passage is about


def test_batch_without_round_takes_the_round_of_its_time() -> None:
    text = (
        "Xinhua News Agency, Beijing, November 24. The first batch of central environmental protection "
        "inspection teams gave feedback to Inner Mongolia and Ningxia. The teams were stationed from July 14 "
        "to July 19, 2016."
    )
    meta = extract_metadata(text, {}, "f")
    assert (meta.scope, meta.date) == (InspectionScope(round=1, batch=1), dt.date(2016, 11, 24))


def test_look_back_dateline_in_the_year_after_the_events() -> None:
    text = (
        "People's Daily Online, May 10. The second batch of the look-back has given feedback. "
        "Teams were stationed in Shanxi from October 30 to November 6, 2018."
    )
    meta = extract_metadata(text, {}, "f")
    assert meta.scope == InspectionScope(batch=2, phase="lookback")
    assert (meta.source, meta.date) == ("People's Daily Online", dt.date(2019, 5, 10))


def test_site_name_is_the_outlet_of_last_resort_and_bad_given_dates_are_ignored() -> None:
    text = "The third batch of the third round began on October 18, 2024."
    meta = extract_metadata(text, {"site_name": "Xinhua", "date": "soon"}, "f")
    assert (meta.source, meta.date) == ("Xinhua News Agency", None)
    dated = extract_metadata("Xinhua News Agency, November 2, 2024\n" + text, {"site_name": "news.cn"}, "f")
    assert (dated.source, dated.date) == ("Xinhua News Agency", dt.date(2024, 11, 2))
    as_of = extract_metadata(text, {"as_of": dt.datetime(2024, 10, 30, 20, 0)}, "f").as_of
    assert as_of == "2024-10-30T20:00"


@pytest.mark.parametrize(
    ("text", "outlet", "date", "title"),
    [
        (
            "October 9, 2023 -- Inspectors sent to Henan have handed 3,400 public complaints to local "
            "officials. The teams arrived a month ago.",
            None,
            dt.date(2023, 10, 9),
            "Inspectors sent to Henan have handed 3,400 public complaints to local officials",
        ),
        (
            "Oct. 9, 2023 — Inspectors in Henan met local officials. They left on Monday.",
            None,
            dt.date(2023, 10, 9),
            "Inspectors in Henan met local officials",
        ),
        (
            "9 October 2023: Inspectors in Henan met local officials. They left on Monday.",
            None,
            dt.date(2023, 10, 9),
            "Inspectors in Henan met local officials",
        ),
        (
            "ZHENGZHOU, Oct. 9 (Xinhua) -- Inspectors have met officials in Henan. The teams were "
            "stationed on September 4, 2023.",
            "Xinhua News Agency",
            dt.date(2023, 10, 9),
            "Inspectors have met officials in Henan",
        ),
        (
            "Zhengzhou, October 9 (Henan Daily) -- Inspectors have met officials. The teams were "
            "stationed on September 4, 2023.",
            "Henan Daily",
            dt.date(2023, 10, 9),
            "Inspectors have met officials",
        ),
        (
            "Zhengzhou, October 9 -- Inspectors have met officials. The teams were stationed on "
            "September 4, 2023.",
            None,
            dt.date(2023, 10, 9),
            "Inspectors have met officials",
        ),
        (
            "Henan, October 9 — Inspectors have met officials. The teams were stationed on "
            "September 4, 2023.",
            None,
            dt.date(2023, 10, 9),
            "Inspectors have met officials",
        ),
        (
            "October 9 (Xinhua) -- Inspectors have met officials. The teams were stationed on "
            "September 4, 2023.",
            "Xinhua News Agency",
            dt.date(2023, 10, 9),
            "Inspectors have met officials",
        ),
        (
            "China Daily, Zhengzhou, October 9 (Wang Lei) -- Inspectors have met officials. The teams "
            "were stationed on September 4, 2023.",
            "China Daily",
            dt.date(2023, 10, 9),
            "Inspectors have met officials",
        ),
    ],
)
def test_date_first_and_place_first_datelines(
    text: str, outlet: str | None, date: dt.date, title: str
) -> None:
    meta = extract_metadata(text, {}, "f")
    assert (meta.source, meta.date, meta.title) == (outlet, date, title)


def test_a_date_opening_an_ordinary_sentence_is_no_dateline() -> None:
    meta = extract_metadata("October 9 saw the teams arrive in Henan in 2023. They stayed.", {}, "f")
    assert meta.date is None and meta.title.startswith("October 9 saw")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (  # 2015 and 2016 are recalled; the events reported ("early June 2017") are the latest
            "Xinhua News Agency, Changsha, July 14. Hunan, inspected in the third batch of the first round, "
            "has held 300 officials accountable. The pilot began in Hebei in late 2015 and the first batch "
            "went out in July 2016. The provincial rectification plan was published in early June 2017.",
            dt.date(2017, 7, 14),
        ),
        (  # a dateline month before the latest events' month: the next year
            "China News Service, Nanning, February 20. Guangxi closed 1,000 cases. The inspectors had been "
            "stationed there in May 2016, and the feedback came in November 2016.",
            dt.date(2017, 2, 20),
        ),
        (  # a plain year reported after the dated events
            "Legal Daily, Lanzhou, August 3. In 2018 Gansu punished 50 officials over the Qilian Mountains; "
            "the problems had been found in December 2016.",
            dt.date(2018, 8, 3),
        ),
        (  # deadlines and targets ahead are not events
            "Xinhua News Agency, Hefei, May 12. Anhui had filed 600 cases since April 2021, and all tasks "
            "must be completed by December 31, 2023, in line with goals for 2025.",
            dt.date(2021, 5, 12),
        ),
        (  # never well before the batch the article reports had begun
            "Xinhua News Agency, Beijing, March 5. The fourth batch of the third round has given feedback. "
            "Some of the problems date back to June 2022.",
            dt.date(2025, 3, 5),
        ),
    ],
)
def test_year_is_the_latest_reported(text: str, date: dt.date) -> None:
    assert extract_metadata(text, {}, "f").date == date


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("As of the evening of May 3, the teams had received 4,100 calls.", "2021-05-03"),
        ("As of the end of May, the teams had received 4,100 calls.", "2021-05-31"),
        ("As at the end of May 2021, the teams had received 4,100 calls.", "2021-05-31"),
        ("By June 30, the provinces had closed 2,000 cases.", "2021-06-30"),
        ("Up to July 20, the teams had received 4,100 calls.", "2021-07-20"),
        ("As of 24:00 on July 31, the teams had received 4,100 calls.", "2021-07-31T24:00"),
        ("As of midnight on July 31, the teams had received 4,100 calls.", "2021-07-31T24:00"),
        ("As of noon on August 2, the teams had received 4,100 calls.", "2021-08-02T12:00"),
        ("截至9月15日20时，督察组共收到举报4100件。", "2021-09-15T20:00"),
    ],
)
def test_more_as_of_forms(sentence: str, as_of: str) -> None:
    text = f"China News Service, September 19, 2021. {sentence}"
    assert extract_metadata(text, {}, "f").as_of == as_of


@pytest.mark.parametrize(
    "lead",
    [
        "As part of the third batch of the second round of central inspections, Yunnan has been inspected.",
        "During the second round's third batch of central inspections, Yunnan has been inspected.",
        "In the third batch of inspections in the second round, Yunnan has been inspected.",
    ],
)
def test_a_province_article_in_a_batch_has_round_and_batch(lead: str) -> None:
    text = (
        "Kunming, May 20 -- The second round of central ecological and environmental protection "
        f"inspections has come to Yunnan. {lead} The third batch also covered seven other provinces."
    )
    assert extract_metadata(text, {}, "f").scope == InspectionScope(round=2, batch=3)
    titled = extract_metadata(text, {"title": "Yunnan in the second round of central inspections"}, "f")
    assert titled.scope == InspectionScope(round=2, batch=3)


def test_a_round_summary_naming_several_batches_stays_the_round() -> None:
    text = (
        "The second round of central inspections has covered all provinces. The fifth batch of the second "
        "round went to Guangxi. The sixth batch of the second round went to Tibet."
    )
    assert extract_metadata(text, {}, "f").scope == InspectionScope(round=2)


def test_a_passage_listing_several_batches_keeps_the_document_scope() -> None:
    doc = DocumentMeta(title="t", scope=InspectionScope(round=2))
    listing = (
        "So far the first batch had filed 1,010 cases, the second batch 2,020 and the third batch 3,030."
    )
    assert passage_facts(listing, doc)[0] == InspectionScope(round=2)
    batch_doc = DocumentMeta(title="t", scope=InspectionScope(round=2, batch=5))
    assert passage_facts(listing, batch_doc)[0] == InspectionScope(round=2, batch=5)
    single = "So far the first batch had filed 1,010 cases."
    assert passage_facts(single, doc)[0] == InspectionScope(round=2, batch=1)


def test_a_passage_naming_no_province_is_about_its_documents() -> None:
    doc = DocumentMeta(title="t", scope=InspectionScope(round=2, batch=3), provinces=["Yunnan"])
    assert passage_facts("The teams closed 900 cases and fined 1.2 million yuan.", doc)[1] == ["Yunnan"]
    assert passage_facts("Guangxi closed 900 cases.", doc)[1] == ["Guangxi"]


def test_a_reported_span_ending_with_through_dates_the_article() -> None:
    text = (
        "Xinhua News Agency, Harbin, November 3. The teams stayed in Heilongjiang from September 12 "
        "through October 12, 2016, and 60 officials were held accountable."
    )
    assert extract_metadata(text, {}, "f").date == dt.date(2016, 11, 3)


@pytest.mark.parametrize(
    "links",
    [
        "Related Stories\n\nInspectors arrive in Hainan 2019-07-15\n",
        "- 2019 inspection teams arrive in six provinces\n"
        "- Second round's first batch stationed in six provinces\n",
        "More: Central inspection teams stationed in Hainan in 2019\n",
    ],
)
def test_links_to_other_articles_neither_date_nor_scope_the_article(tmp_path: Path, links: str) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        "Xinhua News Agency, Beijing, December 7. Central inspection teams have received 5,000 public "
        "reports in the provinces where they are stationed, the ministry said.\n\n"
        "The provinces held 84 officials accountable.\n\n" + links,
        encoding="utf-8",
    )
    meta = read_document(path, tmp_path, LIMIT).meta
    assert meta.date is None  # the dateline gives no year, and the article states none
    assert meta.scope == InspectionScope()
    assert meta.provinces == []
