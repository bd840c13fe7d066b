"""Chinese text: the matching fold, language detection, and the text pipeline on Chinese articles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.text.chinese import fold, has_chinese, language_of
from index.text.loaders import load_article
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
