"""Chinese pages as real mirrors and accounts print them: the date of a WeChat post's header line, a
dateline broken by pinyin glosses, where a count was sent (移送公安机关) and a total since the inspections
began (督察开展以来). Articles in tests/fixtures/zh_meta_articles/ (truth in tests/gold/zh_meta.yaml,
meta_articles) are our own sentences with real figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.meta.datelines import find_dateline, find_header
from index.models import InspectionScope
from index.text.documents import read_document
from tests.conftest import facts_of

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "zh_meta_articles"
LIMIT = 5_000_000
BODY = "第二轮第六批中央生态环境保护督察组向河北省反馈督察意见。\n"


@pytest.mark.parametrize(
    "line",
    [
        "原创 生态环境部 2022年06月05日 09:30 北京",
        "原创 中国环境报 中国环境 2022-06-05 21:16 发表于北京",
        "生态环境部 2022年06月05日 09:30",
    ],
)
def test_a_wechat_post_header_dates_the_article(line: str) -> None:
    header = find_header(f"督察反馈完成\n\n{line}\n\n{BODY}")
    assert header is not None and header.date == dt.date(2022, 6, 5)


def test_a_wechat_article_with_no_dateline_is_dated_by_its_header() -> None:
    meta = read_document(ARTICLES / "wechat-2022-04-24-r2b6-account-header.txt", ARTICLES, LIMIT).meta
    assert meta.date == dt.date(2022, 4, 24)
    assert meta.scope == InspectionScope(round=2, batch=6)


@pytest.mark.parametrize(
    "dateline",
    ["新华社北(běi)京(jīng)9月1日电（记者 高敬）", "中(zhōng)新网北京9月1日(rì)电"],
)
def test_a_dateline_broken_by_pinyin_glosses_is_read(dateline: str) -> None:
    text = f"督察组全部实现进驻\n\n{dateline}第二轮第四批督察组已全部完成进驻。\n"
    found = find_dateline(text)
    assert found is not None and (found.month, found.day) == (9, 1)
    assert text[found.start : found.end].startswith(dateline[:2])


def test_a_glossed_dateline_dates_the_mirror_page() -> None:
    meta = read_document(ARTICLES / "mirror-2021-09-01-r2b4-pinyin-dateline.txt", ARTICLES, LIMIT).meta
    assert meta.date == dt.date(2021, 9, 1)
    assert meta.scope == InspectionScope(round=2, batch=4)


def test_cases_sent_to_the_police_count_cases_not_the_police(tmp_path: Path) -> None:
    rows = facts_of(
        tmp_path,
        "a.txt",
        "第二轮第六批督察进展\n\n中新网北京4月23日电 第二轮第六批中央生态环境保护督察组立案侦查59件，"
        "移送公安机关59件，约谈239人，问责188人。\n",
    )
    police = [row for row in rows if row.metric == "police"]
    assert [(row.value, row.unit) for row in police] == [(59.0, "cases")]


@pytest.mark.parametrize(
    "sentence",
    [
        "督察开展以来，累计问责党政领导干部18199人。",
        "截至目前，中央环境保护督察累计问责党政领导干部18199人。",
    ],
)
def test_a_total_since_the_inspections_began_is_no_batch_figure(tmp_path: Path, sentence: str) -> None:
    rows = facts_of(
        tmp_path,
        "a.txt",
        "第一轮督察全面完成\n\n中新网北京12月28日电 第一轮第四批中央环境保护督察反馈工作全部完成。"
        f"{sentence}\n",
    )
    row = next(row for row in rows if row.phrase.startswith("18199"))
    assert row.inspection != "r1b4"


def test_this_rounds_own_total_is_not_a_running_total(tmp_path: Path) -> None:
    """本轮督察开展以来 is the round's own count (the cue opens no clause there)."""
    rows = facts_of(
        tmp_path,
        "a.txt",
        "第二轮第六批督察进展\n\n中新网北京4月23日电 第二轮第六批督察开展以来，督察组问责188人。\n",
    )
    row = next(row for row in rows if row.phrase.startswith("188"))
    assert row.inspection == "r2b6"


def test_a_city_line_carries_its_province_not_the_one_before(tmp_path: Path) -> None:
    """湖南省… then 太原市…: the city's province (Shanxi), not the province of the sentence before (the
    figures are for the test only)."""
    rows = facts_of(
        tmp_path,
        "a.txt",
        "第二轮第三批督察进展\n\n新华社北京5月9日电 第二轮第三批中央生态环境保护督察组对山西、辽宁、"
        "安徽、江西、"
        "河南、湖南、广西、云南8省（区）开展督察。\n\n湖南省立案处罚442家，问责182人。太原市拘留12人。\n",
    )
    places = {row.phrase: row.place for row in rows}
    assert places["442"] == "Hunan"
    assert places["12"] == "Shanxi"


def test_a_rounds_own_running_count_is_the_round(tmp_path: Path) -> None:
    """第二轮督察启动以来 on a page of a day when its second batch was stationed: the round, not the batch."""
    path = tmp_path / "a.txt"
    path.write_text(
        "第二轮督察推动解决一批突出生态环境问题\n\n发布时间：2020-09-15 10:30\n\n"
        "生态环境部15日表示，第二轮中央生态环境保护督察启动以来，各地整改工作扎实推进，"
        "一批群众身边的突出生态环境问题得到解决。\n",
        encoding="utf-8",
    )
    assert read_document(path, tmp_path, LIMIT).meta.scope == InspectionScope(round=2)


@pytest.mark.parametrize(
    ("header", "dateline"),
    [
        ("发布时间：2025-01-08 10:12:30", "中新网北京5月7日电 "),
        ("Updated: 2025-01-08 10:12", "BEIJING, May 7 (Xinhua) -- "),
    ],
)
def test_a_mirrors_later_header_does_not_date_the_article(tmp_path: Path, header: str, dateline: str) -> None:
    """A reprint headed months later than its yearless dateline: the dateline's day in the batch's year."""
    path = tmp_path / "a.txt"
    path.write_text(
        f"督察组进驻七省市\n\n{header}\n\n{dateline}第三轮第二批中央生态环境保护督察组已全部进驻上海、浙江、江西、"
        "湖北、湖南、重庆、云南7省（市）。\n",
        encoding="utf-8",
    )
    assert read_document(path, tmp_path, LIMIT).meta.date == dt.date(2024, 5, 7)
