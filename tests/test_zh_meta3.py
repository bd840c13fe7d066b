"""Which inspection a Chinese article is about and when it was published, as real pages give it.

Our own sentences in the styles of 新华社, 生态环境部 and provincial pages, with real figures (articles in
tests/fixtures/zh_meta_articles/, truth in the `meta_articles` of tests/gold/zh_meta.yaml): a year's national
tally (全国, 2016年) that names Beijing and Shanghai only as places the teams went, a page whose only full
dates are a sidebar's, and a date only in the page's address ("/202108/t20210827_…").
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
ARTICLES = HERE / "fixtures" / "zh_meta_articles"
GOLD = yaml.safe_load((HERE / "gold" / "zh_meta.yaml").read_text(encoding="utf-8"))["meta_articles"]
LIMIT = 5_000_000
NATIONWIDE = "xinhua-2017-01-11-nationwide-2016-tally.txt"
SIDEBAR = "gov-r3b3-sichuan-sidebar-dates.txt"
ADDRESS = "mee-url-date-r2b4-fourth-batch-only.md"


def _meta(path: Path):
    return read_document(path, path.parent, LIMIT).meta


@pytest.mark.parametrize("name", [NATIONWIDE, SIDEBAR, ADDRESS])
def test_article_inspection_and_date(name: str) -> None:
    truth = GOLD[name]
    meta = _meta(ARTICLES / name)
    assert meta.scope == InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
    assert meta.date == truth["date"]


def test_a_years_national_tally_is_no_one_inspection(tmp_path: Path) -> None:
    """ "2016年，全国因环境违法共拘留720人" beside "督察组先后进驻北京、上海等地": the country's figures
    for the year, so none of them is a batch's."""
    meta = _meta(ARTICLES / NATIONWIDE)
    assert meta.scope == InspectionScope()
    assert any(item.kind == "nationwide_year" for item in meta.scope_evidence)
    rows = facts_of(tmp_path, NATIONWIDE, (ARTICLES / NATIONWIDE).read_text(encoding="utf-8"))
    detained = [row for row in rows if row.phrase.startswith("720")]
    assert detained and all(row.inspection is None for row in detained)


def test_a_batch_article_with_a_national_figure_keeps_its_batch(tmp_path: Path) -> None:
    """A batch's own report that quotes a national figure stays the batch's: it names the batch."""
    path = tmp_path / "r2b4.txt"
    path.write_text(
        "第二轮第四批中央生态环境保护督察完成进驻\n\n发布时间：2021-09-01\n\n"
        "第二轮第四批中央生态环境保护督察组于8月26日至8月31日陆续进驻吉林、山东、湖北、广东、四川5个省。\n\n"
        "2020年，全国地级及以上城市优良天数比例为87%。\n",
        encoding="utf-8",
    )
    assert _meta(path).scope == InspectionScope(round=2, batch=4)


def test_sidebar_dates_under_other_headlines_are_not_the_pages() -> None:
    meta = _meta(ARTICLES / SIDEBAR)
    assert meta.date is None
    assert meta.scope == InspectionScope(round=3, batch=3)


def test_a_date_only_in_the_pages_address() -> None:
    """ "https://www.mee.gov.cn/…/202108/t20210827_860412.shtml": August 27, 2021; "第四批" with no round is
    the second round's, by its provinces and that date."""
    meta = _meta(ARTICLES / ADDRESS)
    assert meta.date == dt.date(2021, 8, 27)
    assert meta.scope == InspectionScope(round=2, batch=4)
