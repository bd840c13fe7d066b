"""Which inspection an article is about, weighed from all its evidence (index/meta/inspection.py), as the
metadata of a real article reads it. The texts are written for these tests in the styles real outlets use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli
from index.meta.inspection import (
    EVIDENCE_WEIGHTS,
    POSITION_FACTORS,
    format_evidence,
    resolve_inspection,
    without_reporting_places,
)
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


def test_a_whole_round_summary_is_the_round_not_its_last_batch() -> None:
    concluded = (
        "Second round of central inspections concluded\n\n"
        "Xinhua News Agency, Beijing, July 12. The second round of central ecological and environmental "
        "protection inspection has concluded; across its six batches the teams received more than "
        "260,000 public reports.\n"
        "In the last batch, teams went to Hebei, Jiangsu, Inner Mongolia, Tibet and Xinjiang.\n"
        "Local authorities held 3,371 people accountable.\n"
    )
    assert _meta(concluded, date="2022-07-12").scope == InspectionScope(round=2)
    listed = (
        "Inspection round ends with 2,164 tasks\n\n"
        "By Hou Liqiang | China Daily | Updated: 2022-07-13 07:21\n\n"
        "The first batch went to Shanghai, Fujian, Hainan, Chongqing, Gansu and Qinghai in July 2019, and "
        "the second batch to Beijing, Tianjin and Zhejiang in 2020.\n"
        "The third, fourth and fifth batches covered 17 more provinces in 2021, and the sixth batch went "
        "to Hebei, Jiangsu, Inner Mongolia, Tibet and Xinjiang in March 2022.\n"
        "In all, the round produced 2,164 rectification tasks.\n"
    )
    assert _meta(listed).scope == InspectionScope(round=2)
    # a round "completed" before its last batch began is a misnumbered batch (2017: the first round's third)
    early = (
        "Inspectors complete a third round of inspection\n\n"
        "The environmental watchdog has completed a third round of inspection of seven provincial regions, "
        "among them Tianjin and Hunan.\n"
    )
    assert _meta(early, date="2017-08-01").scope == InspectionScope(round=1, batch=3)


def test_an_annual_or_multi_year_summary_is_no_single_batch() -> None:
    annual = (
        "Inspections hold officials to account across 15 provinces\n\n"
        "Updated: 2018-01-10 09:12\n\n"
        "In 2017, the central environmental inspections covered 15 provinces and regions, the Ministry of "
        "Environmental Protection said at its annual press conference on Wednesday.\n"
        "Inspectors handled 104,000 public complaints and fined polluters 1.12 billion yuan.\n"
        "In Sichuan, Hainan and Hunan, officials were held to account.\n"
    )
    assert _meta(annual).scope == InspectionScope(round=1)
    minister = (
        "Minister: inspections changed local attitudes\n\n"
        "BEIJING, March 11 (Xinhua) -- Over the past two years, the central environmental inspection teams "
        "have held more than 18,000 officials accountable, Minister Li Ganjie said on Saturday.\n"
        "The teams covered Hunan, Sichuan and Hainan among other provinces.\n"
    )
    assert _meta(minister, date="2018-03-11").scope == InspectionScope(round=1)
    # since 2016 the inspections span the first round, the look-back and the second round: none of them
    since = (
        "Inspections a key tool, ministry says\n\n"
        "BEIJING, Sept 1 (Xinhua) -- Since 2016, central inspection teams have handled 230,000 public "
        "reports, a ministry spokesman said, citing work in Beijing, Tianjin and Zhejiang.\n"
    )
    assert _meta(since, date="2020-09-01").scope == InspectionScope()
    # a period with one batch in it is that batch
    one = (
        "Inspectors' year\n\n"
        "In 2019, the central inspections covered Shanghai, Fujian and Hainan, the ministry said.\n"
    )
    assert _meta(one, date="2020-01-10").scope == InspectionScope(round=2, batch=1)
    # a year and a province: the batch of that year that inspected it
    guangxi = "Guangxi told to fix mines\n\nIn 2021, central inspectors found 30 illegal mines in Guangxi.\n"
    assert _meta(guangxi).scope == InspectionScope(round=2, batch=3)


def test_a_provincial_government_site_gives_the_province_it_never_names() -> None:
    text = (
        "Central inspectors arrive in the province\n\n"
        "The second round's central ecological and environmental protection inspection team arrived in "
        "the province on April 7 and opened a hotline for the public.\n"
        "The provincial government said it would cooperate fully.\n"
    )
    assert _meta(text).scope == InspectionScope(round=2)  # nothing tells the batches of round 2 apart
    by_url = _meta(text, url="http://en.jiangxi.gov.cn/art/2021/4/8/art_7.html")
    assert by_url.scope == InspectionScope(round=2, batch=3)
    assert by_url.provinces == ["Jiangxi"]
    footer = text + "\nCopyright (c) Jiangxi Provincial People's Government. All Rights Reserved.\n"
    assert _meta(footer).scope == InspectionScope(round=2, batch=3)
    by_name = _meta(text, site_name="Hainan Provincial People's Government")
    assert by_name.provinces == ["Hainan"]
    # an outlet named after a place is no government site
    assert _meta(text, site_name="Shanghai Daily").provinces == []


def test_a_loaded_government_page_keeps_its_footers_province(tmp_path: Path) -> None:
    from index.text.documents import read_document

    path = tmp_path / "feedback.txt"
    path.write_text(
        "Central inspection team gives feedback to our province\n\n"
        "Updated: 2021-07-02 10:12\n\n"
        "The third central ecological and environmental protection inspection team of the second round "
        "gave its feedback to the province on July 1.\n"
        "The team found that the province had not done enough to protect Poyang Lake.\n\n"
        "Copyright © 2021 Jiangxi Provincial People's Government. All rights reserved.\n",
        encoding="utf-8",
    )
    doc = read_document(path, tmp_path, 1_000_000)
    assert "Copyright" not in doc.text
    assert doc.meta.scope == InspectionScope(round=2, batch=3)
    assert doc.meta.provinces == ["Jiangxi"]


def test_a_province_and_a_team_of_a_round_resolve_to_that_rounds_batch() -> None:
    team = (
        "Second round inspection team in Guangxi\n\n"
        "The No. 3 central ecological and environmental protection inspection team of the second round "
        "arrived in Guangxi.\n"
        "It received 1,200 calls in the first week.\n"
    )
    assert _meta(team).scope == InspectionScope(round=2, batch=3)
    # "the fifth group" may be team No. 5: Sichuan was inspected by the fourth batch of the second round
    group = (
        "Sichuan feedback\n\n"
        "The fifth group of the second round of central inspectors gave feedback to Sichuan on December 1.\n"
    )
    meta = _meta(group, date="2021-12-02")
    assert meta.scope == InspectionScope(round=2, batch=4)
    scope, _, _ = passage_facts(group.splitlines()[2], meta)
    assert scope == meta.scope  # the passage's "fifth group" is that batch's team No. 5
    sixth = (
        "The sixth group of the second round of central inspectors arrived in Jiangsu\n\nIt stays a month.\n"
    )
    assert _meta(sixth, date="2022-03-26").scope == InspectionScope(round=2, batch=6)


def test_pilot_background_in_a_batch_article_keeps_the_pilot() -> None:
    text = (
        "Inspectors begin work in eight regions\n\n"
        "By Zheng Jinran | China Daily | Updated: 2016-07-19 08:02\n\n"
        "The first batch of central environmental inspectors began work in Inner Mongolia, Heilongjiang, "
        "Jiangsu, Jiangxi, Henan, Guangxi, Yunnan and Ningxia on Tuesday.\n"
        "In Hebei, where the central inspection was piloted at the start of the year, 123 people were "
        "detained.\n"
        "A trial inspection in Hebei also closed 200 companies.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=1, batch=1)
    for line in text.splitlines()[5:7]:
        scope, _, _ = passage_facts(line, meta)
        assert scope.phase == "pilot", line
    scope, _, _ = passage_facts("Since it was piloted in Hebei, the inspection has grown.", meta)
    assert scope == meta.scope


def test_where_the_teams_were_stationed_is_no_reporting_place() -> None:
    stationed = "Inspectors were stationed in Yunnan on April 7, 2021."
    reported = "The ministry told reporters in Beijing on Tuesday that the teams had left."
    assert without_reporting_places(stationed) == stationed
    assert "Beijing" not in without_reporting_places(reported)


def test_an_undated_provincial_page_is_placed_by_the_days_its_team_was_stationed() -> None:
    # no publication date, no batch, no year: only the province and the days of the stay
    text = (
        "Jiangxi makes public the inspectors' feedback\n\n"
        "The central environmental protection inspection team gave its feedback to the Jiangxi provincial "
        "Party committee and government on Saturday.\n"
        "The team was stationed in the province from July 14 to August 14 and received 1,760 letters and "
        "calls from the public.\n"
    )
    meta = _meta(text, title="Jiangxi makes public the inspectors' feedback")
    assert meta.scope == InspectionScope(round=1, batch=1)
    kinds = [item.kind for item in meta.scope_evidence]
    assert "stated_day_unyeared" in kinds
    # days that fit two of Jiangxi's inspections (the 2018 look-back, the third round's 2024 batch) decide
    # nothing: the page is left without an inspection rather than guessed
    both = _meta(text.replace("from July 14 to August 14", "from May 31 to June 30"), title="Jiangxi")
    days = next(item for item in both.scope_evidence if item.kind == "stated_day_unyeared")
    assert {"lb1", "r3b2"} <= set(days.points) and both.scope == InspectionScope()
