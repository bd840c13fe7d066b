"""Chinese text: the matching fold, language detection, and the text pipeline on Chinese articles."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from index.meta.site import site_province
from index.text.chinese import fold, has_chinese, language_of
from index.text.documents import read_document
from index.text.loaders import ArticleError, load_article
from index.text.sentences import split_sentences

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第二輪第四批中央生態環境保護督察", "第二轮第四批中央生态环境保护督察"),
        ("立案處罰１１５８家，罰款４００６萬元", "立案处罚1158家，罚款4006万元"),
        ("發佈時間：２０２１－０１－２９", "发布时间：2021-01-29"),
        ("整改率９８．５％", "整改率98.5%"),
        ("ＣＣＴＶ報道（記者 王小明）", "CCTV报道（记者 王小明）"),
        ("As of 20:00 on September 15", "As of 20:00 on September 15"),
        ("", ""),
    ],
)
def test_fold_simplifies_and_narrows_char_for_char(text: str, expected: str) -> None:
    folded = fold(text)
    assert folded == expected
    assert len(folded) == len(text)


def test_fold_keeps_chinese_punctuation_and_simplified_text() -> None:
    text = "督察组进驻后，群众举报：“问题已整改”；（一）"
    assert fold(text) == text


def test_fold_keeps_every_span_of_a_mixed_text() -> None:
    text = "據通報，截至9月15日20時，共立案處罰1158家。\nThe team said so."
    folded = fold(text)
    start = folded.index("立案处罚")
    assert text[start : start + 4] == "立案處罰"
    assert [len(line) for line in folded.split("\n")] == [len(line) for line in text.split("\n")]


def test_fold_of_a_long_page_is_fast() -> None:
    page = "中央第三生態環境保護督察組向河北省反饋督察情況，立案處罰１１５８家。" * 20_000  # ~700k chars
    fold("預熱")
    started = time.perf_counter()
    folded = fold(page)
    elapsed = time.perf_counter() - started
    assert len(folded) == len(page)
    assert elapsed < 0.5


@pytest.mark.parametrize(
    ("text", "chinese", "language"),
    [
        ("第二轮第四批督察立案处罚多少家？", True, "zh"),
        ("第二輪督察罰款多少？", True, "zh"),
        ("How many cases were filed in the fourth batch?", False, "en"),
        ("What did 中新网 report about Hebei in 2021?", True, "en"),
        ("介绍一下CCTV关于河北督察的报道", True, "zh"),
        ("", False, "en"),
        ("1158", False, "en"),
    ],
)
def test_language_follows_the_dominant_script(text: str, chinese: bool, language: str) -> None:
    assert has_chinese(text) is chinese
    assert language_of(text) == language


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # no space after 。！？; semicolons join the figures of one sentence
            "督察组完成进驻。各地立案处罚1158家，罚款4006万元；立案侦查40件，拘留61人！问题整改了吗？是的。",
            [
                "督察组完成进驻。",
                "各地立案处罚1158家，罚款4006万元；立案侦查40件，拘留61人！",
                "问题整改了吗？",
                "是的。",
            ],
        ),
        (  # a quotation's full stops stay inside it, its attribution stays with it
            "“问题必须彻底解决。我们会一抓到底。”督察组负责人说。随后督察组前往现场。",
            ["“问题必须彻底解决。我们会一抓到底。”督察组负责人说。", "随后督察组前往现场。"],
        ),
        (  # the closing quote ends the sentence when a new one follows
            "他说：“整改要到位。”随后，督察组前往现场。",
            ["他说：“整改要到位。”", "随后，督察组前往现场。"],
        ),
        (  # traditional text and corner quotes
            "「問題已整改。」他說。督察組隨後離開。",
            ["「問題已整改。」他說。", "督察組隨後離開。"],
        ),
        (  # a line hard-wrapped after a comma goes on
            "督察组向河北省反馈意见，\n要求限期整改。\n\n下一段开始。",
            ["督察组向河北省反馈意见，\n要求限期整改。", "下一段开始。"],
        ),
        (  # an unclosed quotation holds nothing
            "“这个问题没有解决。我们还会再来",
            ["“这个问题没有解决。", "我们还会再来"],
        ),
    ],
)
def test_chinese_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_chinese_sentence_offsets_are_exact_on_the_articles() -> None:
    for path in sorted((FIXTURES / "zh_articles").glob("*.*")):
        if path.name.endswith(".meta.yaml"):
            continue
        text = load_article(path, 5_000_000).text
        previous_end = 0
        for start, end in split_sentences(text):
            assert previous_end <= start < end <= len(text)
            assert text[previous_end:start].strip() == ""
            previous_end = end
        assert text[previous_end:].strip() == ""


def test_a_short_gb18030_file_decodes(tmp_path: Path) -> None:
    text = "第二轮第四批督察完成进驻\n\n各地立案处罚1158家，罚款4006万元。"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("gb18030"))
    assert load_article(path, 10**6).text == text
    korean = tmp_path / "korean.txt"  # EUC-KR bytes also read as GB2312: spaced words give them away
    korean.write_bytes("환경 감독 결과 발표 예정".encode("euc-kr"))
    with pytest.raises(ArticleError):
        load_article(korean, 10**6)


CHINESE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>第二轮第五批中央生态环境保护督察完成进驻_中华人民共和国生态环境部</title>
<meta name="ContentSource" content="生态环境部"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xw">新闻发布</a> <a href="/dc">督察动态</a></div>
<div class="crumb">您现在的位置：首页 &gt; 新闻发布 &gt; 督察动态</div>
<div class="article"><h1>第二轮第五批中央生态环境保护督察完成进驻</h1>
<div class="info">发布时间：2022-01-06　来源：生态环境部　【字体：大 中 小】</div>
<p>第二轮第五批4个中央生态环境保护督察组于2021年12月3日至5日先后进驻黑龙江、贵州、陕西、宁夏4个省（区）。</p>
<p>截至2022年1月5日，各督察组共受理群众举报8000余件，各地立案处罚683家，问责党政领导干部478人。</p>
<p>督察组表示，将持续督办群众举报问题，确保查处到位、整改到位、公开到位。</p>
<p>责任编辑：孙一凡</p><p>【打印】【关闭】</p></div>
<div class="share">分享到：微信 微博</div>
<div class="footer">版权所有：中华人民共和国生态环境部 京ICP备00000000号</div></body></html>"""


def test_a_gb2312_page_from_a_chinese_site(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(CHINESE_PAGE.encode("gb18030"))
    document = read_document(path, tmp_path, 10**6)
    assert "各地立案处罚683家，问责党政领导干部478人。" in document.text
    furniture = ("责任编辑", "打印", "分享到", "版权所有", "您现在的位置")
    assert not any(word in document.text for word in furniture)
    meta = document.meta
    assert meta.title == "第二轮第五批中央生态环境保护督察完成进驻"
    assert (meta.source, meta.date) == ("Ministry of Ecology and Environment", dt.date(2022, 1, 6))
    assert (meta.scope.round, meta.scope.batch) == (2, 5)


@pytest.mark.parametrize(
    ("line", "province"),
    [
        ("版权所有：河北省生态环境厅 冀ICP备00000000号", "Hebei"),
        ("版權所有：雲南省生態環境廳", "Yunnan"),  # traditional, through the fold
        ("主办单位：内蒙古自治区生态环境厅", "Inner Mongolia"),
        ("版权所有：新华网", None),
    ],
)
def test_a_chinese_government_site_names_its_province(line: str, province: str | None) -> None:
    found = site_province(None, None, [line])
    assert (found[0] if found else None) == province
