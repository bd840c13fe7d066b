"""Which inspection a Chinese article is about and when it was published, as real pages give it.

Our own sentences in the styles of 生态环境部, 新华社, provincial portals and news sites, with real figures
(articles in tests/fixtures/realistic_meta5/, truth in tests/gold/realistic_meta5.yaml): a department
inspected with no batch named, a policy piece (印发《…条例》), the next round's plan, a province's own
look-back, a portal page on "我省" with the date glued to its headline, a breadcrumb's date, a
"2019-05-15 | 时政 | 大江网" header, and a "08-27 10:32 来源：" header whose year is in the address.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from index.meta.metadata import passage_facts
from index.models import InspectionScope
from index.text.documents import read_document

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "realistic_meta5"
GOLD = yaml.safe_load((HERE / "gold" / "realistic_meta5.yaml").read_text(encoding="utf-8"))["articles"]
LIMIT = 5_000_000
CHINESE = sorted(
    name
    for name in GOLD
    if any("\u4e00" <= ch <= "\u9fff" for ch in (ARTICLES / name).read_text(encoding="utf-8")[:300])
)


def _meta(path: Path):
    return read_document(path, path.parent, LIMIT).meta


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _kinds(meta) -> set[str]:
    return {item.kind for item in meta.scope_evidence}


@pytest.mark.parametrize("name", CHINESE)
def test_article_inspection_and_date(name: str) -> None:
    truth = GOLD[name]
    meta = _meta(ARTICLES / name)
    assert meta.scope == InspectionScope(round=truth["round"], batch=truth["batch"], phase=truth["phase"])
    assert meta.date == truth["date"]


def test_a_department_inspected_is_the_batch_the_calendar_lists_it_in() -> None:
    meta = _meta(ARTICLES / "mee-zh-2021-01-30-forestry-feedback.txt")
    assert meta.scope == InspectionScope(round=2, batch=2)
    assert any(item.kind == "enterprise" and "r2b2" in item.points for item in meta.scope_evidence)


def test_a_policy_piece_is_no_one_inspection() -> None:
    """印发《生态环境保护督察工作条例》: "第三轮督察正在推进" and the pilot are the system's history."""
    meta = _meta(ARTICLES / "xinhua-zh-2025-05-14-inspection-rules.txt")
    assert meta.scope == InspectionScope()
    assert "policy_document" in _kinds(meta)


def test_the_next_round_named_before_it_began_is_that_round() -> None:
    """ "第三轮中央生态环境保护督察将于今年启动" in January 2023: round 3, not some round's third batch."""
    meta = _meta(ARTICLES / "mee-zh-2023-01-third-round-plan.txt")
    assert meta.scope == InspectionScope(round=3)


def test_a_provinces_own_lookback_is_no_central_inspection() -> None:
    """湖北省第一轮第二批 … 省级督察“回头看”: the province's batches and look-back."""
    meta = _meta(ARTICLES / "hubei-2020-12-23-provincial-lookback.txt")
    assert meta.scope == InspectionScope()
    assert "provincial_inspection" in _kinds(meta)


def test_a_provincial_inspection_office_does_not_make_a_central_report_provincial(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r2b3.txt",
        "第二轮第三批中央生态环境保护督察完成反馈\n\n发布时间：2021-07-20\n\n"
        "第二轮第三批中央生态环境保护督察组已完成对山西、辽宁等8省（区）的督察反馈，省生态环境保护督察办公室"
        "将牵头抓好整改。\n",
    )
    assert _meta(path).scope == InspectionScope(round=2, batch=3)


def test_a_portal_page_on_our_province_resolves_by_its_site_and_date() -> None:
    """No batch named ("第八批群众信访举报" is a batch of complaints, "中央第一…督察组" a team):
    Shanxi from the banner, April 16, 2021 from the "时间：" glued to the headline, which stays the title
    without it."""
    meta = _meta(ARTICLES / "shanxi-gov-glued-time-eighth-batch-complaints.txt")
    assert meta.scope == InspectionScope(round=2, batch=3)
    assert meta.date == dt.date(2021, 4, 16)
    assert meta.title.endswith("办理情况的通报")
    assert meta.provinces == ["Shanxi"]


def test_a_date_glued_to_the_headline_with_a_source_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "page.txt",
        "关于中央生态环境保护督察组转办我省第九批群众举报件办理情况的通报时间：2021-04-17"
        " 来源：山西省生态环境厅\n\n"
        "督察组向我省转办第九批群众信访举报件，我省已分解交办到有关市。\n",
    )
    meta = _meta(path)
    assert meta.date == dt.date(2021, 4, 17)
    assert meta.scope == InspectionScope(round=2, batch=3)


def test_a_breadcrumbs_date_is_kept_and_read() -> None:
    meta = _meta(ARTICLES / "tj-gov-breadcrumb-date-third-batch.txt")
    assert meta.date == dt.date(2017, 4, 28)
    assert meta.title == "中央第一环境保护督察组督察天津市工作动员会召开"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("---\nurl: https://www.cnr.cn/news/2020/huanbao/9275645.shtml\n---\n\n", dt.date(2020, 8, 27)),
        ("", None),  # no year anywhere: no date
    ],
)
def test_a_yearless_header_takes_the_year_of_the_address(tmp_path: Path, given: str, expected) -> None:
    path = _write(
        tmp_path,
        "page.md",
        f"{given}督察组进驻三省\n\n08-27 10:32 来源：中国新闻网\n\n"
        "7个督察组将对北京、天津、浙江3省（市）开展督察，进驻时间约1个月。\n",
    )
    assert _meta(path).date == expected


def test_a_yearless_header_in_a_sidecars_address(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "page.txt",
        "督察组进驻三省\n\n8月27日 10:32 来源：中国新闻网\n\n"
        "7个督察组将对北京、天津、浙江3省（市）开展督察。\n",
    )
    _write(tmp_path, "page.txt.meta.yaml", "url: https://www.cnr.cn/news/2020/huanbao/9275645.shtml\n")
    assert _meta(path).date == dt.date(2020, 8, 27)


def test_a_passage_of_a_provinces_own_inspection_names_no_central_one() -> None:
    meta = _meta(ARTICLES / "hubei-2020-12-23-provincial-lookback.txt")
    passage = "此次“回头看”进驻时间为12月21日至30日，共10天。"
    assert passage_facts(passage, meta)[0] == InspectionScope()
    central = _meta(ARTICLES / "jxnews-pipe-header-lookback-hunan.txt")
    assert passage_facts(passage, central)[0] == InspectionScope(phase="lookback", batch=2)
