"""Which inspection an English article is about, as real pages give it: reviews of a year, State Council
departments, policy pieces, plans of the next round, round overviews and provinces' own inspections.

The articles (tests/fixtures/realistic_meta5/, truth in tests/gold/realistic_meta5.yaml) are our own
sentences in the styles of Xinhua, China Daily, government sites and encyclopedia pages, with real figures.
Each test names the general cause it covers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from index.meta.metadata import passage_scope
from index.models import InspectionScope
from index.text.documents import read_document

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "realistic_meta5"
GOLD = yaml.safe_load((HERE / "gold" / "realistic_meta5.yaml").read_text(encoding="utf-8"))["articles"]
LIMIT = 5_000_000


def _text(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


ENGLISH = sorted(name for name in GOLD if not any("\u4e00" <= ch <= "\u9fff" for ch in _text(name)[:300]))


def _meta(path: Path):
    return read_document(path, path.parent, LIMIT).meta


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _kinds(meta) -> set[str]:
    return {item.kind for item in meta.scope_evidence}


def test_every_article_has_its_true_metadata() -> None:
    assert set(GOLD) == {path.name for path in ARTICLES.iterdir()}


@pytest.mark.parametrize("name", ENGLISH)
def test_article_inspection_and_date(name: str) -> None:
    truth = GOLD[name]
    meta = _meta(ARTICLES / name)
    assert meta.scope == InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
    assert meta.date == truth["date"]


# ------------------------------------------------------------------------------- 1. a year's inspections
def test_a_review_of_a_year_is_no_one_batch() -> None:
    """ "In 2016 the ... inspections reached 16 provinces" (no comma), the pilot and two batches in turn,
    published while the second batch was at work: the year, not its latest batch, nor the first round
    (whose last two batches came in 2017)."""
    meta = _meta(ARTICLES / "chinadaily-2016-12-year-review-16-provinces.txt")
    assert meta.scope == InspectionScope()
    assert "period_part" in _kinds(meta)


def test_a_year_ender_without_a_year_in_the_lead_is_its_dates_year() -> None:
    """ "Year-ender: ... in 2021" and "this year" in the lead: the three batches of 2021, not the fifth
    stationed that day, nor the first round whose batches the provinces also span."""
    meta = _meta(ARTICLES / "xinhua-2021-12-year-ender-17-provinces.txt")
    assert meta.scope == InspectionScope()
    assert [item.text for item in meta.scope_evidence if item.kind == "period_part"] == [
        "in 2021 (2021-01-01 to 2021-12-31)",
        "review of 2021 (2021-01-01 to 2021-12-31)",
    ]


def test_the_year_a_round_was_completed_is_that_round(tmp_path: Path) -> None:
    """In 2017 the first round's last two batches came: a review of 2017 is the round's."""
    path = _write(
        tmp_path,
        "review.txt",
        "Central inspections covered 15 provinces in 2017\n\nUpdated: 2017-12-29 08:58\n\n"
        "Central environmental inspectors went to the last 15 provincial regions this year.\n",
    )
    assert _meta(path).scope == InspectionScope(round=1)


def test_a_year_of_both_lookback_batches_is_the_lookback(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "review.txt",
        "Year-ender: central inspectors close a busy year\n\nUpdated: 2018-12-28 08:10\n\n"
        "Central environmental inspectors went back to 20 provinces this year, checking the rectification of "
        "problems found in earlier visits, a review of the year's inspections shows.\n",
    )
    assert _meta(path).scope == InspectionScope(phase="lookback")  # 2018: both look-back batches


# ------------------------------------------------------------------------- 2. State Council departments
def test_a_department_inspected_gives_the_batch_that_inspected_it() -> None:
    meta = _meta(ARTICLES / "gov-en-2021-02-01-nea-feedback.txt")
    assert meta.scope == InspectionScope(round=2, batch=2)
    assert any(item.text == "National Energy Administration" for item in meta.scope_evidence)


# ------------------------------------------------------------- 3. policy pieces, plans and round overviews
def test_a_policy_piece_recalling_the_pilot_and_the_lookback_is_no_one_inspection() -> None:
    meta = _meta(ARTICLES / "xinhua-2019-06-17-inspection-regulations.txt")
    assert meta.scope == InspectionScope()
    assert "policy_document" in _kinds(meta)


def test_a_policy_piece_keeps_a_paragraph_on_one_batch_for_that_paragraph(tmp_path: Path) -> None:
    """The article is on no one inspection; a paragraph naming the second round's first batch is still
    that batch's."""
    path = _write(
        tmp_path,
        "rules.txt",
        "China issues regulations on central environmental inspections\n\nUpdated: 2019-06-18 07:30\n\n"
        "The general offices of the CPC Central Committee and the State Council have issued regulations on "
        "central ecological and environmental protection inspections.\n\n"
        "Since the Hebei pilot in 2016, the inspections have covered all 31 provinces.\n",
    )
    meta = _meta(path)
    assert meta.scope == InspectionScope()
    paragraph = "The first batch of the second round will begin in July, the ministry said."
    assert passage_scope(paragraph, meta.scope) == InspectionScope(round=2, batch=1)


def test_a_plan_of_the_next_round_is_that_round() -> None:
    meta = _meta(ARTICLES / "chinadaily-2023-01-third-round-plan.txt")
    assert meta.scope == InspectionScope(round=3)
    assert "planned_round" in _kinds(meta)


def test_the_next_round_in_a_later_sentence_stays_an_aside(tmp_path: Path) -> None:
    """A look-back report that ends with "the second round will start in 2019" is the look-back's."""
    path = _write(
        tmp_path,
        "lookback.txt",
        "Look-back holds thousands accountable\n\nDate: Dec 29, 2018\n\n"
        "The look-back inspections of 2018 held 8,644 people from 20 provincial regions accountable, the "
        "Ministry of Ecology and Environment said Friday.\n\nFines reached 1.02 billion yuan.\n\n"
        "Officials also said 722 people were detained.\n\n"
        "The second round of inspections will start in 2019 and run for three years.\n",
    )
    assert _meta(path).scope == InspectionScope(phase="lookback")


def test_a_round_overview_is_the_round_not_its_first_batch() -> None:
    meta = _meta(ARTICLES / "wiki-second-round-overview.md")
    assert meta.scope == InspectionScope(round=2)
    assert meta.date is None


# ------------------------------------------------------------------ 5. a province's own inspection
def test_a_provinces_own_lookback_is_no_central_lookback(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "hubei.txt",
        "Hubei's provincial inspectors begin look-back in 10 cities\n\nUpdated: 2020-12-23 09:05\n\n"
        "Five provincial environmental inspection teams began a look-back in 10 cities of Hubei on Dec 21, "
        "checking how the problems found in the province's first round of inspections in 2018 were fixed.\n\n"
        "The look-back will last until Dec 30.\n",
    )
    meta = _meta(path)
    assert meta.scope == InspectionScope()
    assert "provincial_inspection" in _kinds(meta)


def test_a_central_lookback_report_is_still_the_lookback(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "central.txt",
        "Central inspectors report back to Hunan\n\nUpdated: 2019-05-15 10:00\n\n"
        "The central environmental inspection team gave its look-back findings to Hunan province, whose "
        "provincial inspection office will oversee the rectification.\n",
    )
    assert _meta(path).scope == InspectionScope(phase="lookback", batch=2)


# -------------------------------------------------------------------------------------------- 6. dates
def test_a_date_in_a_breadcrumb_is_the_pages(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "page.txt",
        "Home > News > 2019-05-15\n\nCentral inspectors report back to Hunan\n\n"
        "The central environmental inspection team gave its look-back findings to Hunan province.\n",
    )
    assert _meta(path).date == dt.date(2019, 5, 15)


def test_a_department_under_another_translation_of_its_name(tmp_path: Path) -> None:
    """ "State Forestry and Grassland Administration" is the NFGA, inspected in round 2's second batch."""
    path = _write(
        tmp_path,
        "plan.txt",
        "Forestry regulator publishes rectification plan\n\nUpdated: 2021-05-20 10:00\n\n"
        "The State Forestry and Grassland Administration has published how it will fix the problems the "
        "central environmental inspectors found.\n",
    )
    assert _meta(path).scope == InspectionScope(round=2, batch=2)
