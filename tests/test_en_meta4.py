"""Which inspection an English article is about and when it was published, as real pages give it.

The articles (tests/fixtures/realistic_meta4/, truth in tests/gold/realistic_meta4.yaml) are our own
sentences in the styles of Xinhua (and its machine translations), China Daily and its mirrors, CGTN and
government sites, with real figures. Each test names the general cause it covers: a year's national tally
that names two provinces as examples, "the four rounds" counted when one round had begun, a plan for "a new
round" with look-back reviews to follow, a publication date only in the page's address or file name, a
day.month.year header, other items' dates in a list, and a team list a translation cut over lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from index.models import InspectionScope
from index.text.documents import read_document
from tests.conftest import facts_of

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "realistic_meta4"
GOLD = yaml.safe_load((HERE / "gold" / "realistic_meta4.yaml").read_text(encoding="utf-8"))["articles"]
LIMIT = 5_000_000


def _meta(path: Path):
    return read_document(path, path.parent, LIMIT).meta


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_article_has_its_true_metadata() -> None:
    assert set(GOLD) == {path.name for path in ARTICLES.iterdir()}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_article_inspection_and_date(name: str) -> None:
    truth = GOLD[name]
    meta = _meta(ARTICLES / name)
    assert meta.scope == InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
    assert meta.date == truth["date"]


def test_a_years_national_tally_is_no_one_inspection(tmp_path: Path) -> None:
    """ "720 people were detained across the country in 2016 ... including Beijing and Shanghai": the
    ministry's figures for the whole country, so its figures answer no batch's question."""
    name = "xinhua-annual-enforcement-2016-detentions.txt"
    meta = _meta(ARTICLES / name)
    assert meta.scope == InspectionScope()
    assert any(item.kind == "nationwide_year" for item in meta.scope_evidence)
    rows = facts_of(tmp_path, name, (ARTICLES / name).read_text(encoding="utf-8"))
    detained = [row for row in rows if row.phrase.startswith("720")]
    assert detained and all(row.inspection is None for row in detained)


def test_rounds_counted_past_the_rounds_begun_are_the_round_under_way(tmp_path: Path) -> None:
    """In 2017 "the four rounds" are the first round's batches: the article is on round 1 as a whole,
    not on the batch its "inspected in the second round" names."""
    path = _write(
        tmp_path,
        "year-end.txt",
        "Four rounds of inspections hold 18,199 officials accountable\n\n"
        "2017-12-29 10:05  Source: Xinhua\n\n"
        "Xinhua News Agency, Beijing, December 28th. The four rounds of central environmental protection "
        "inspections have held 18,199 people accountable and detained 1,527, the Ministry of Environmental "
        "Protection said on the 28th.\n\n"
        "Beijing, Shanghai and Hubei, which were inspected in the second round, have made their "
        "rectification plans public.\n\nThe Hebei pilot had exposed 2,856 problems.\n",
    )
    meta = _meta(path)
    assert meta.scope == InspectionScope(round=1)
    assert any(item.kind == "rounds_as_batches" for item in meta.scope_evidence)


def test_rounds_counted_when_that_many_had_begun_are_no_one_inspection(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "cgtn.txt",
        "Central inspections bear fruit\n\nUpdated 15:02, 06-Jul-2022\n\n"
        "Two rounds of central environmental inspections over the past seven years have notified 262 typical "
        "cases, Vice Minister Zhai Qing told a press conference on Wednesday.\n",
    )
    assert _meta(path).scope == InspectionScope()


def test_a_plan_for_a_new_round_with_lookback_reviews_to_follow_is_that_round() -> None:
    """ "The round will cover every province from 2019 to 2021, with look-back reviews to follow in
    2022", months before it began: the round planned, not the pilot or the first round it recalls."""
    meta = _meta(ARTICLES / "chinadaily-2019-03-new-round-plan-2019-2021.txt")
    assert meta.scope == InspectionScope(round=2)
    assert not any(item.kind == "published_before" and "r2" in item.points for item in meta.scope_evidence)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://america.cgtn.com/2016/01/06/hebei-inspectors", dt.date(2016, 1, 6)),
        ("http://covid-19.chinadaily.com.cn/newsrepublic/2017-08/08/content_303786.htm", dt.date(2017, 8, 8)),
        ("https://www.pressreader.com/china/china-daily/20160107/281590644522170", dt.date(2016, 1, 7)),
        ("http://www.example.com/news/2017/0808/fourth-batch.html", dt.date(2017, 8, 8)),
        ("http://www.chinadaily.com.cn/a/201705/12/WS59bbe1eaa310ded8ac1894d6.html", dt.date(2017, 5, 12)),
    ],
)
def test_a_date_only_in_the_pages_address(tmp_path: Path, url: str, expected: dt.date) -> None:
    path = _write(
        tmp_path,
        "page.md",
        f"---\nurl: {url}\n---\n\n# Inspectors take complaints\n\n"
        "Central environmental inspectors are taking about 150 complaint calls a day, the team said.\n",
    )
    assert _meta(path).date == expected


def test_a_date_only_in_the_file_name(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "chinadaily-20160107-calls.txt",
        "Inspectors take complaints\n\nCentral environmental inspectors in Hebei are taking about 150 "
        "complaint calls a day, the team said.\n",
    )
    assert _meta(path).date == dt.date(2016, 1, 7)


def test_a_dateline_without_a_year_takes_the_addresss_year(tmp_path: Path) -> None:
    """ "BEIJING, Jan. 11 (Xinhua)" on a page at ".../2017-01/12/..." reporting on 2016: January 11, 2017,
    not 2016 (the year the text reports on)."""
    path = _write(
        tmp_path,
        "story.md",
        "---\nurl: http://news.xinhuanet.com/english/2017-01/12/c_135974679.htm\n---\n\n"
        "# China detains 720 over environmental wrongdoing\n\n"
        "BEIJING, Jan. 11 (Xinhua) -- A total of 720 people were detained across the country for "
        "environmental wrongdoing in 2016, a national work conference heard.\n",
    )
    assert _meta(path).date == dt.date(2017, 1, 11)


@pytest.mark.parametrize("header", ["09:35 27.06.2019", "27.06.2019 09:35"])
def test_a_day_month_year_header(tmp_path: Path, header: str) -> None:
    path = _write(
        tmp_path,
        "hainan.txt",
        f"Central inspectors report first results in Hainan\n\n{header}\n\n"
        "Central environmental inspectors stationed in Hainan province have handed 231 public complaints to "
        "local authorities in their first two weeks, the provincial government said.\n",
    )
    assert _meta(path).date == dt.date(2019, 6, 27)


def test_dates_of_other_items_in_a_list_are_not_the_pages(tmp_path: Path) -> None:
    """A page that prints no date of its own, with a "Latest" list of other headlines and their days."""
    path = _write(
        tmp_path,
        "team.txt",
        "Inspection team hands over complaints in Sichuan\n\n"
        "The central ecological and environmental protection inspection team stationed in Sichuan as part "
        "of the third batch of the third round has handed over 318 complaints to the province.\n\n"
        "Latest\nNov 21, 2024\nProvince holds winter air pollution meeting\n"
        "Nov 19, 2024\nQuarterly environment report released\n",
    )
    meta = _meta(path)
    assert meta.date is None
    assert meta.scope == InspectionScope(round=3, batch=3)


def test_a_team_list_cut_over_lines_reads_one_entry_per_sentence() -> None:
    """ "Group" / "3: Heilongjiang" / "Leader: Huang Longyun, ..." is one sentence again, offsets intact."""
    path = ARTICLES / "mt-lookback1-team-list-split-lines.txt"
    document = read_document(path, ARTICLES, LIMIT)
    sentences = [document.text[start:end] for start, end in document.sentences]
    entry = next(sentence for sentence in sentences if "Heilongjiang" in sentence and "Group" in sentence)
    assert "3: Heilongjiang" in entry and "Huang Longyun" in entry
    yunnan = next(sentence for sentence in sentences if "Yunnan" in sentence and "Group" in sentence)
    assert "Zhu Xiaodan" in yunnan and "Huang Longyun" not in yunnan
