"""Which inspection an English article is about, and its dates, as the indexer reads real outlets' pages.

The articles are written for these tests (own sentences, real figures) in the styles of CGTN, Xinhua, China
Daily, Global Times and the wire translations reposted on sites such as tellerreport. Each test names the
general cause it covers: batches called rounds, a "new round" with no number, a numbered team named instead
of a batch, one province inspected in several rounds, page headers, days stated without month or year, the
end of the stay and the feedback kept apart from the day they were announced, and a year only the file name
gives.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from index.meta.inspection import EVIDENCE_WEIGHTS
from index.meta.metadata import extract_metadata
from index.models import DocumentMeta, InspectionScope
from index.text.documents import read_document

LIMIT = 5_000_000


def _meta(text: str, name: str = "article") -> DocumentMeta:
    return extract_metadata(text, {}, name)


def _events(meta: DocumentMeta, kind: str) -> list[tuple[dt.date, dt.date | None]]:
    return [(e.start, e.end) for e in meta.events if e.kind == kind]


def _kinds(meta: DocumentMeta) -> set[str]:
    return {item.kind for item in meta.scope_evidence}


# ------------------------------------------------------------------------------------------ page headers


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Updated 18:40, 27-Aug-2021", dt.date(2021, 8, 27)),  # CGTN
        ("By Liu Wei | CGTN | Updated 09:15, 07-Dec-2021", dt.date(2021, 12, 7)),
        ("Published: 6:00pm, 26 Aug, 2021", dt.date(2021, 8, 26)),  # SCMP
        ("Published: Aug 26, 2021 10:28 PM", dt.date(2021, 8, 26)),  # Global Times
        ("UPDATED: August 27, 2021 NO. 36 SEPTEMBER 9, 2021", dt.date(2021, 8, 27)),  # Beijing Review
        ("27-Aug-2021 18:40", dt.date(2021, 8, 27)),
    ],
)
def test_page_headers_of_english_outlets_date_the_article(header: str, date: dt.date) -> None:
    text = (
        "Central inspectors settle in for a month of checks\n\n"
        f"{header}\n\n"
        "A central ecological and environmental protection inspection team has opened a hotline for "
        "complaints from the public, taking calls from 8:00 to 20:00 every day.\n"
    )
    assert _meta(text).date == date


# --------------------------------------------------------------------- a numbered team, not a batch


def test_a_numbered_team_gets_its_inspection_from_the_province_and_the_date() -> None:
    """CGTN: "the Fifth Group of the central ... inspection team" is team No. 5 of the batch that went to
    Sichuan in August 2021 (round 2, batch 4), not a fifth batch; its stay is stated with no year."""
    text = (
        "Fifth Group of central inspection team arrives in Sichuan\n\n"
        "Updated 18:40, 27-Aug-2021\n\n"
        "The Fifth Group of the central ecological and environmental protection inspection team arrived in "
        "Sichuan on Thursday and held a mobilization meeting in Chengdu.\n"
        "The group is stationed from Aug 26 to Sept 26 and takes calls on a special line from 8:00 to 20:00."
        "\n"
        "Complaints may also be mailed to a post office box in Chengdu.\n"
    )
    meta = _meta(text)
    assert meta.date == dt.date(2021, 8, 27)
    assert meta.scope == InspectionScope(round=2, batch=4)
    assert _events(meta, "stationed") == [(dt.date(2021, 8, 26), dt.date(2021, 9, 26))]


def test_a_numbered_team_in_an_undated_repost_is_placed_by_the_dates_it_states() -> None:
    text = (
        "The Fifth Group of the central inspection team arrived in Sichuan\n\n"
        "The Fifth Group of the central ecological and environmental protection inspection team held its "
        "mobilization meeting in Chengdu, Sichuan, on August 26, 2021.\n"
        "During the stay, from Aug 26 to Sept 26, the group takes calls every day.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=2, batch=4)
    assert (dt.date(2021, 8, 26), dt.date(2021, 9, 26)) in _events(meta, "stationed")


# ----------------------------------------------------------------------- "a new round", no ordinal


def test_a_new_round_without_a_number_is_the_batch_the_date_points_to() -> None:
    """China Daily, July 2019: "a new round" is round 2's first batch; the first round recalled as a whole
    (all provinces by 2017) does not make the article a summary of round 1."""
    text = (
        "China launches new round of central environmental inspections\n\n"
        "By Hou Liqiang | China Daily | Updated: 2019-07-15 08:30\n\n"
        "China has started a new round of central environmental inspections, the ministry said on Sunday.\n"
        "The first round of inspections covered all 31 provincial-level regions by the end of 2017 and held "
        "18,199 officials accountable, and a look-back in 2018 checked the rectification it asked for.\n"
        "Eight teams will stay for about a month and take complaints from the public.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=2, batch=1)
    assert "new_round" in _kinds(meta)


def test_a_new_round_in_a_cgtn_piece_on_one_province() -> None:
    text = (
        "Central inspectors begin new round of checks in Guizhou\n\n"
        "Updated 09:20, 07-Dec-2021\n\n"
        "A central environmental inspection team began a new round of checks in Guizhou province on Monday "
        "and will stay for one month.\n"
    )
    meta = _meta(text)
    assert meta.date == dt.date(2021, 12, 7)
    assert meta.scope == InspectionScope(round=2, batch=5)


# -------------------------------------------------------- one province, several rounds: the date decides


@pytest.mark.parametrize(
    ("header", "scope"),
    [
        ("Updated 10:05, 23-Oct-2024", InspectionScope(round=3, batch=3)),
        ("Updated 10:05, 27-Aug-2021", InspectionScope(round=2, batch=4)),
        ("Updated: 2017-08-08 09:00", InspectionScope(round=1, batch=4)),
    ],
)
def test_one_province_inspected_in_several_rounds_is_told_apart_by_the_date(
    header: str, scope: InspectionScope
) -> None:
    text = (
        "Central inspectors arrive in Sichuan\n\n"
        f"{header}\n\n"
        "A central ecological and environmental protection inspection team began a month of checks in "
        "Sichuan province, with a hotline open from 8:00 to 20:00 every day.\n"
    )
    assert _meta(text).scope == scope


def test_a_sentence_on_earlier_visits_is_history_not_the_batch_reported() -> None:
    text = (
        "Central inspectors back in Sichuan for a month of checks\n\n"
        "Updated 10:05, 23-Oct-2024\n\n"
        "A central ecological and environmental protection inspection team has begun a month of checks in "
        "Sichuan province.\n"
        "It is the third time the central inspection has sent a team to the province: inspectors first came "
        "in August 2017 and returned in August 2021, and a look-back team checked the province's "
        "rectification work in November 2018.\n"
    )
    meta = _meta(text)
    assert meta.scope == InspectionScope(round=3, batch=3)
    look_back = [item for item in meta.scope_evidence if item.kind == "lookback_mention"]
    assert look_back and all(
        value < EVIDENCE_WEIGHTS["lookback_mention"] for value in look_back[0].points.values()
    )


# ------------------------------------------------------------------ days stated without month or year


def test_day_only_ranges_of_a_wire_translation_take_the_month_and_year_of_the_article() -> None:
    text = (
        "Central inspectors finish their stay in Henan\n\n"
        "China News Service, Zhengzhou, December 29, 2023. The central ecological and environmental "
        "protection inspection team worked in Henan from the 21st of last month.\n"
        "The team was stationed in the province from the 22nd to the 22nd of next month, the provincial "
        "government said.\n"
        "The inspectors gave feedback on the 28th.\n"
    )
    meta = _meta(text)
    assert meta.date == dt.date(2023, 12, 29)
    assert (dt.date(2023, 12, 22), dt.date(2024, 1, 22)) in _events(meta, "stationed")
    assert _events(meta, "feedback") == [(dt.date(2023, 12, 28), None)]


def test_a_stationing_without_a_year_takes_the_articles_year() -> None:
    text = (
        "Inspection team stationed in Shandong\n\n"
        "Published: Aug 27, 2021 09:40 PM\n\n"
        "According to the arrangement, the central inspection team is stationed in Shandong from Aug 26 to "
        "Sept 26.\n"
    )
    assert _events(_meta(text), "stationed") == [(dt.date(2021, 8, 26), dt.date(2021, 9, 26))]


# ------------------------------------------- the end of the stay and the feedback, apart from announcements


def test_the_end_of_the_stay_is_no_feedback_and_completes_the_stationing() -> None:
    text = (
        "Inspectors leave Sichuan\n\n"
        "Updated: 2021-09-28 08:00\n\n"
        "The central inspection team was stationed in Sichuan from Aug 26.\n"
        "The team wrapped up its stationing on Sept 26 and will give feedback to the province later.\n"
    )
    meta = _meta(text)
    assert _events(meta, "stationed") == [(dt.date(2021, 8, 26), dt.date(2021, 9, 26))]
    assert _events(meta, "feedback") == []


def test_the_day_feedback_was_announced_is_not_the_day_it_was_given() -> None:
    text = (
        "Feedback given to five provinces\n\n"
        "Updated: 2024-01-12 08:00\n\n"
        "The ministry announced on Jan 10 that the teams of the first batch of the third round had given "
        "feedback to Fujian, Henan, Hainan, Gansu and Qinghai.\n"
        "The teams reported their findings back to Henan on December 28, 2023.\n"
        "The reporter learned from the ministry on the 12th that all five teams are stationed.\n"
    )
    meta = _meta(text)
    assert _events(meta, "feedback") == [(dt.date(2023, 12, 28), None)]
    assert _events(meta, "stationed") == []


# --------------------------------------------------------------------- a year only the file name gives


def test_a_year_only_in_the_file_name_dates_a_yearless_dateline(tmp_path: Path) -> None:
    path = tmp_path / "xinhua-2024-05-07-new-round.txt"
    path.write_text(
        "China kicks off new round of central inspections\n\n"
        "BEIJING, May 7 (Xinhua) -- China will start a new round of central environmental inspections, with "
        "seven teams bound for Shanghai, Chongqing, Zhejiang, Jiangxi, Hubei, Hunan and Yunnan for about a "
        "month, the ministry said on Tuesday.\n",
        encoding="utf-8",
    )
    meta = read_document(path, tmp_path, LIMIT).meta
    assert meta.date == dt.date(2024, 5, 7)
    assert meta.scope == InspectionScope(round=3, batch=2)


def test_a_year_only_in_the_file_name_weighs_little_and_never_against_the_text(tmp_path: Path) -> None:
    text = (
        "Central inspectors arrive in Sichuan\n\n"
        "A central ecological and environmental protection inspection team began a month of checks in "
        "Sichuan province, with a hotline open from 8:00 to 20:00 every day.\n"
    )
    undated = tmp_path / "sichuan-inspection-2024.txt"
    undated.write_text(text, encoding="utf-8")
    meta = read_document(undated, tmp_path, LIMIT).meta
    assert meta.scope == InspectionScope(round=3, batch=3)
    assert meta.date is None
    assert "file_year" in _kinds(meta)
    dated = tmp_path / "sichuan-inspection-2024-copy.txt"
    dated.write_text(text.replace("began", "began in August 2021"), encoding="utf-8")
    meta = read_document(dated, tmp_path, LIMIT).meta
    assert "file_year" not in _kinds(meta)


# ------------------------------------------------------------------------------ the evidence is shown


def test_sources_why_shows_the_new_round_and_file_year_evidence(tmp_path: Path, embedder) -> None:
    from index.builder import build_index

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "sichuan-inspection-2024.txt").write_text(
        "Central inspectors arrive in Sichuan\n\nA central ecological and environmental protection "
        "inspection team began a month of checks in Sichuan province.\n",
        encoding="utf-8",
    )
    (documents / "cgtn-guizhou.txt").write_text(
        "Central inspectors begin new round of checks in Guizhou\n\nUpdated 09:20, 07-Dec-2021\n\n"
        "A central environmental inspection team began a new round of checks in Guizhou province on Monday "
        "and will stay for one month.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    build_index(documents, index_dir, embedder)
    result = CliRunner().invoke(cli, ["sources", "--why", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "file_year (date) '2024 (file name)': r3b3 +1.00" in result.output
    assert "new_round (lead) 'new round (2021-12-07)': r2b5 +4.50" in result.output
