"""Which inspection an article is about, weighed from all its evidence (index/meta/inspection.py), as the
metadata of a real article reads it. The texts are written for these tests in the styles real outlets use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli
from index.meta.inspection import EVIDENCE_WEIGHTS, POSITION_FACTORS, format_evidence, resolve_inspection
from index.meta.metadata import extract_metadata, passage_facts
from index.models import InspectionScope


def _meta(text: str, **given):
    return extract_metadata(text, given, "fallback")


def test_a_misnumbered_headline_loses_to_provinces_and_dates() -> None:
    text = (
        "Central eco teams to begin 4th round of inspection\n\n"
        "Updated: 2025-05-27 08:12\n\n"
        "Inspection teams of the central government arrived on Monday in Shanxi, Shandong and Shaanxi "
        "provinces and in the Inner Mongolia and Ningxia Hui autonomous regions for a month of checks.\n"
        "China Huaneng Group, China Datang Corporation and the State Power Investment Corporation are "
        "also on the list.\n"
    )
    meta = _meta(text, title="Central eco teams to begin 4th round of inspection", date="2025-05-27")
    assert meta.scope == InspectionScope(round=3, batch=4)


def test_a_loose_third_round_in_2017_is_the_first_rounds_third_batch() -> None:
    text = (
        "Regulators wrap up a third round of inspection; 405 detained\n\n"
        "Source:Global Times Published: 2017/8/1 22:48:39\n\n"
        "The environmental watchdog has finished a third round of inspection of seven provincial regions, "
        "among them Tianjin Municipality and Hunan Province.\n"
        "In Hunan the inspectors found that large companies had broken the law for years.\n"
    )
    meta = _meta(text, date="2017-08-01")
    assert meta.scope == InspectionScope(round=1, batch=3)


def test_the_second_group_of_inspectors_is_the_second_batch() -> None:
    text = (
        "Inspectors hold 1048 to account in seven provinces\n\n"
        "The second group of central environmental inspectors, sent to Beijing, Shanghai, Hubei, Guangdong, "
        "Chongqing, Shaanxi and Gansu at the end of 2016, has seen 1048 people held accountable.\n"
    )
    meta = _meta(text, date="2018-03-30")
    assert meta.scope == InspectionScope(round=1, batch=2)


def test_a_batch_named_only_by_provinces_and_year() -> None:
    text = (
        "Eight provinces told to fix pollution problems\n\n"
        "China News Service, May 14, 2021. Inspectors who spent a month in Shanxi, Liaoning, Anhui, Jiangxi, "
        "Henan, Hunan, Guangxi and Yunnan this spring have handed 29,133 public reports to the provinces.\n"
        "Local governments fined polluters 191 million yuan and held 844 officials accountable.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=2, batch=3)


def test_a_look_back_article_is_a_look_back_batch() -> None:
    text = (
        "Central inspectors finish acceptance check in ten provinces\n\n"
        "Date:Jun 27, 2018\n\n"
        "Six central inspection teams carried out an acceptance check of rectification in Hebei, "
        "Inner Mongolia, Heilongjiang, Jiangsu, Jiangxi, Henan, Guangdong, Guangxi, Yunnan and Ningxia "
        "from May 30.\n"
        "The teams have moved on to the third stage of their work.\n"
    )
    meta = _meta(text, date="2018-06-27")
    assert meta.scope == InspectionScope(phase="lookback", batch=1)


def test_a_summary_of_a_whole_round_is_that_round_not_the_pilot() -> None:
    text = (
        "Two years of inspections: 18,199 held to account\n\n"
        "The ministry has completed the first full round of central environmental inspections, which began "
        "with a pilot in Hebei province in December 2015.\n"
        "Since the pilot, inspectors have covered all 31 provincial-level regions in four batches, detaining "
        "1,527 people and fining polluters 1.43 billion yuan.\n"
    )
    meta = _meta(text, date="2017-12-29")
    assert meta.scope == InspectionScope(round=1)


def test_since_the_pilot_is_not_the_pilot() -> None:
    doc = _meta("Hebei pilot inspection findings published.\n\nThe pilot in Hebei found 2,856 problems.\n")
    assert doc.scope.phase == "pilot"
    nationwide = "Since the pilot, more than 15,000 officials were held accountable nationwide."
    assert _meta(nationwide + "\n").scope.phase != "pilot"
    lookback = _meta("The look-back began in May 2018 in Hebei and nine other provinces.\n")
    scope, _, _ = passage_facts(nationwide, lookback)
    assert scope == lookback.scope  # the passage names no inspection of its own


def test_a_reporting_place_is_not_a_province_inspected() -> None:
    text = (
        "China News Service, Beijing, March 27 (Reporter Ruan Yulin) The first batch of the third round of "
        "central inspections was stationed in Fujian, Henan, Hainan, Gansu and Qinghai from November 21 "
        "to 22, 2023. A ministry spokesperson told reporters in Beijing on the 27th that 289 officials "
        "were held accountable.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=3, batch=1)
    assert meta.provinces == ["Fujian", "Henan", "Hainan", "Gansu", "Qinghai"]
    _, provinces, _ = passage_facts(
        "The spokesperson said in Beijing on Tuesday that the work goes on.", meta
    )
    assert "Beijing" not in provinces
    _, provinces, _ = passage_facts("Teams checked 40 plants in Gansu, the Beijing News reported.", meta)
    assert provinces == ["Gansu"]


def test_a_background_list_of_another_batch_is_not_collected() -> None:
    text = (
        "BEIJING, Oct. 21 (Xinhua) -- Eight teams conducting the third batch of the third round of "
        "inspections have been sent to Jiangsu, Anhui, Sichuan and Guizhou and to four central "
        "enterprises, including China National Petroleum Corporation.\n"
        "The inspections will last a month.\n"
        "The second batch of the third round was launched in May this year, covering Shanghai, Chongqing, "
        "Zhejiang, Jiangxi, Hubei, Hunan and Yunnan.\n"
    )
    meta = _meta(text, date="2024-10-22")
    assert meta.scope == InspectionScope(round=3, batch=3)
    assert meta.provinces == ["Jiangsu", "Anhui", "Sichuan", "Guizhou"]
    # the sentence about the earlier batch keeps that batch
    scope, _, _ = passage_facts(text.splitlines()[2], meta)
    assert scope == InspectionScope(round=3, batch=2)


def test_the_evidence_and_scores_are_kept_and_explained() -> None:
    resolution = resolve_inspection(
        "The fourth batch of the second round has filed 1,158 cases",
        "Teams were stationed in Jilin, Shandong, Hubei, Guangdong and Sichuan from August 26 to "
        "August 31, 2021.",
        dt.date(2021, 9, 19),
    )
    assert resolution.scope == InspectionScope(round=2, batch=4)
    assert resolution.scores[0][0] == "r2b4"
    kinds = {item.kind for item in resolution.evidence}
    assert {"full_mention", "province", "published_within", "stated_date_within"} <= kinds
    mention = next(item for item in resolution.evidence if item.kind == "full_mention")
    assert mention.where == "title"
    assert mention.points["r2b4"] == EVIDENCE_WEIGHTS["full_mention"] * POSITION_FACTORS["title"]
    lines = format_evidence(resolution.scope, resolution.evidence)
    assert lines[0].startswith("scores: r2b4 ")
    assert any("full_mention (title)" in line for line in lines)


def test_sources_why_prints_the_evidence(built_index: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "--why", "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    assert "scores: r2b4 " in result.output
    assert "full_mention" in result.output
    plain = CliRunner().invoke(cli, ["sources", "--index", str(built_index)])
    assert "scores:" not in plain.output


def test_a_province_of_an_earlier_inspection_recalled_is_not_the_batchs() -> None:
    text = (
        "Inspectors fan out to eight regions\n\n"
        "By Zheng Jinran (China Daily) Updated: 2016-07-18 09:43\n\n"
        "Central inspectors have started work in Heilongjiang, Jiangsu, Jiangxi, Henan and Yunnan provinces "
        "and in Inner Mongolia, Guangxi and Ningxia.\n"
        "This first batch comes after the pilot in Hebei province ended in February.\n"
        "Hebei closed 200 companies during that pilot.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=1, batch=1)
    assert "Hebei" not in meta.provinces
    assert len(meta.provinces) == 8


def test_an_article_announcing_a_batch_before_it_began() -> None:
    text = (
        "Inspectors ready for a new round\n\n"
        "China Daily, July 1, 2019. China will soon begin its second round of central environmental "
        "inspections, a vice-minister told a news conference on Thursday.\n"
        "The first round, from the end of 2015 to 2018, mainly targeted local governments and companies.\n"
        "The first batch of inspectors has finished its preparations and will start once approved.\n"
    )
    assert _meta(text).scope == InspectionScope(round=2, batch=1)


def test_a_summary_that_names_no_round_is_the_round_of_its_date() -> None:
    text = (
        "Over 18,000 punished in two years of inspections\n\n"
        "By Zheng Jinran | China Daily | Updated: 2017-12-29 08:58\n\n"
        "The country's biggest environmental inspection, covering 31 provincial regions over two years, "
        "led to 18,199 officials being punished, the ministry said on Thursday.\n"
        "In Sichuan's Zigong, sulfur dioxide readings rose by 32.5 percent in the first half of the year.\n"
    )
    assert _meta(text, date="2017-12-29").scope == InspectionScope(round=1)
