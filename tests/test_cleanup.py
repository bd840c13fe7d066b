"""Clean-up at load time: page furniture and injected spam leave, the article and its header stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.text.cleanup import clean_text
from index.text.documents import read_document
from index.text.loaders import load_article

REPO_ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1_000_000

MIRROR_PAGE = """亚洲色怡人综合网站,国产性夜夜春夜夜爽,久久97AV综合,国产色视频一区二区三区

US EUROPE AFRICA ASIA 中文
China / Environment

Inspectors find illegal mining in nature reserve

By Wang Lei | China Daily | Updated: 2017-08-21 07:55
Share
Share - WeChat
[Print] [Close]

Central environmental inspectors said on Sunday that 23 quarries still worked in a nature reserve in Jilin.

Best online casino bonus every day, visit www.lucky-spin88.com now

The team, which arrived on Aug 11, has passed 1,406 public complaints to local authorities, it said.
低息贷款 当天放款 www.daikuan-kuai.cn
Officials in the county promised to close the quarries by the end of the month.

Editor: Li Na

Related Stories
- Panda cubs born at Chengdu base
- New round of environmental inspections begins
- Tech fair opens in Shenzhen

Copyright 1995 - 2017. All rights reserved. The content of this site belongs to China Daily Information Co.
License for publishing multimedia online 0108263
Scan the QR code to follow us on WeChat
Tags: environmental inspection, Jilin, nature reserve
"""

ARTICLE_LINES = [
    "Inspectors find illegal mining in nature reserve",
    "By Wang Lei | China Daily | Updated: 2017-08-21 07:55",
    "Central environmental inspectors said on Sunday that 23 quarries still worked in a nature reserve "
    "in Jilin.",
    "The team, which arrived on Aug 11, has passed 1,406 public complaints to local authorities, it said.",
    "Officials in the county promised to close the quarries by the end of the month.",
]


def test_mirror_page_keeps_the_article_and_drops_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "mirror.txt"
    path.write_text(MIRROR_PAGE, encoding="utf-8")
    text = load_article(path, LIMIT).text
    assert [line for line in text.split("\n") if line.strip()] == ARTICLE_LINES
    assert "\n\n\n" not in text


def test_dropped_lines_carry_their_score_and_cues() -> None:
    cleaned = clean_text(MIRROR_PAGE)
    reasons = {verdict.text: verdict.reasons for verdict in cleaned.dropped}
    assert "adult" in reasons["亚洲色怡人综合网站,国产性夜夜春夜夜爽,久久97AV综合,国产色视频一区二区三区"]
    assert "gambling" in reasons["Best online casino bonus every day, visit www.lucky-spin88.com now"]
    assert "loans" in reasons["低息贷款 当天放款 www.daikuan-kuai.cn"]
    assert reasons["Editor: Li Na"] == ("labelled furniture",)
    assert reasons["Tags: environmental inspection, Jilin, nature reserve"] == ("labelled furniture",)
    assert reasons["[Print] [Close]"] == ("menu",)
    # a related link is dropped even when it names the inspections: it is not the article's text
    assert reasons["- New round of environmental inspections begins"] == ("after list label",)
    assert all(verdict.score >= 1.0 for verdict in cleaned.dropped)


def test_quotes_are_exact_in_the_cleaned_text(tmp_path: Path) -> None:
    path = tmp_path / "mirror.txt"
    path.write_text(MIRROR_PAGE, encoding="utf-8")
    document = read_document(path, tmp_path, LIMIT)
    sentences = [document.text[start:end] for start, end in document.sentences]
    assert (
        "The team, which arrived on Aug 11, has passed 1,406 public complaints to local authorities, it said."
        in (sentences)
    )
    assert not any("casino" in sentence or "贷款" in sentence for sentence in sentences)


def test_html_page_goes_through_the_same_clean_up(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>Teams check Yunnan lakes</title></head><body><article>"
        "<h1>Teams check Yunnan lakes</h1>"
        "<p>Central inspectors stationed in Yunnan said on Monday that sewage still flowed into Dianchi.</p>"
        "<p>棋牌游戏 百家乐 真人娱乐 官方网址 www.qipai-88.com</p>"
        "<p>The team has handed 2,100 complaints to the province, of which 1,500 have been dealt with.</p>"
        "<p>Editor: Zhao Min</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    text = load_article(path, LIMIT).text
    assert "百家乐" not in text and "Editor:" not in text
    assert "sewage still flowed into Dianchi" in text and "1,500 have been dealt with" in text


def test_markdown_page_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Feedback to Hunan\n---\n"
        "The inspection team gave its feedback to Hunan on Friday.\n\n"
        "To read full article please click here\n\n"
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n",
        encoding="utf-8",
    )
    assert load_article(path, LIMIT).text == "The inspection team gave its feedback to Hunan on Friday."


@pytest.mark.parametrize(
    "line",
    [
        # inspection content is never dropped, however odd it looks
        "Inspection teams: Hebei, Shanxi, Liaoning, Jilin",
        "督察组进驻河北、山西、辽宁、吉林",
        # header lines stay for the metadata: date, source, editor on one line
        "Source: Xinhua| 2018-03-18 00:19:42|Editor: Mengjie",
        "2019-11-29 17:17:21 来源：新华网",
        # a plain off-topic sentence with no other cue stays: topic alone is too weak a reason
        "The weather in the capital was sunny and mild at the weekend.",
        # a short list of places is not a keyword-spam list
        "Beijing, Tianjin, Hebei, Shanxi",
        # a sentence naming a news site, with words found nowhere else in the article
        "In the East Dongting Lake reserve, illegal sand dredging cost 266.7 hectares of goose wetland, "
        "news site thepaper.cn reported on Monday.",
    ],
)
def test_conservative_lines_are_kept(line: str) -> None:
    text = f"The central inspection team reported its findings.\n\n{line}\n\nThe province will rectify them."
    assert clean_text(text).text == text


def test_unlabelled_trailing_headline_list_is_dropped() -> None:
    text = (
        "Inspectors arrived in Shanxi, Shandong and Shaanxi on Monday for a month-long inspection.\n"
        "The third round of the inspection began in late 2023.\n"
        "- Trade expo opens in Dalian\n"
        "- Over 2,000 teams compete in cybersecurity contest\n"
        "- Fund set up to preserve wartime site\n"
    )
    assert clean_text(text).text == (
        "Inspectors arrived in Shanxi, Shandong and Shaanxi on Monday for a month-long inspection.\n"
        "The third round of the inspection began in late 2023.\n"
    )


def test_articles_without_furniture_are_untouched() -> None:
    for folder in ("documents", "tests/fixtures/articles", "tests/fixtures/extra_articles"):
        for path in sorted((REPO_ROOT / folder).iterdir()):
            if path.suffix in {".txt", ".md"}:
                text = path.read_text(encoding="utf-8")
                assert clean_text(text).dropped == (), path.name
                assert load_article(path, LIMIT).text in text or path.suffix == ".md", path.name


def test_a_link_list_ends_at_the_blank_line_after_it() -> None:
    """The wire links under "Off the wire" go; the headline and dateline after the blank line stay."""
    text = (
        "Off the wire\nVice premier meets visitors\nFuel prices lowered\n\n"
        "Over 3,100 officials at fault in latest environmental inspections\n\nXinhua, April 14, 2017\n\n"
        "Over 3,100 officials were held accountable in the latest round of inspections."
    )
    assert clean_text(text).text == (
        "Over 3,100 officials at fault in latest environmental inspections\n\nXinhua, April 14, 2017\n\n"
        "Over 3,100 officials were held accountable in the latest round of inspections."
    )


def test_photo_captions_and_site_widgets_are_dropped() -> None:
    text = (
        "Contact us\nEnter mobile phone station\n"
        "Smog covers the capital on Nov 22, 2017. [Photo/IC]\n"
        "The minister answers questions in Beijing, March 17, 2018. (Xinhua/Shen Hong)\n"
        "The fourth batch of inspection teams began reporting their findings on Friday."
    )
    assert (
        clean_text(text).text
        == "The fourth batch of inspection teams began reporting their findings on Friday."
    )


def test_chinese_article_spam_goes_and_its_sentences_stay() -> None:
    text = (
        "督察组进驻河北省开展督察工作，受理群众举报一百二十件。\n\n"
        "久久综合网 国产精品 亚洲在线视频 夜夜更新\n\n"
        "河北省已完成整改任务三十项，问责干部五十人。\n\n"
        "亚洲开发银行支持的国产设备项目在河北落地，当地企业积极参与。"
    )
    cleaned = clean_text(text)
    assert [verdict.text for verdict in cleaned.dropped] == ["久久综合网 国产精品 亚洲在线视频 夜夜更新"]
    assert "亚洲开发银行支持的国产设备项目在河北落地" in cleaned.text


CHINESE_PAGE = """首页 > 新闻发布 > 督察动态
第二轮第五批中央生态环境保护督察完成进驻
发布时间：2022-04-12 09:30　来源：生态环境部　【字体：大 中 小】【打印】【关闭】
字号：默认 超大 | 打印 |
A- A+
中新网北京4月12日电（记者 赵立新）第二轮第五批督察组已全部完成进驻，各地共受理群众举报5200件。
记者：请问本批督察有什么新的安排？
“发现问题就要一抓到底。”督察组负责人说。（完）　【责任编辑：钱小红】　新闻结尾
原标题：五个督察组完成进驻
编辑：孙一凡 责任编辑：周二丽
分享到：
扫一扫 手机看新闻
- 评论
- 关注
上一篇
下一篇：督察组通报首批典型案例
特别声明：本文仅代表作者观点，不代表本站立场。
国内新闻精选：
- 2022年04月12日 22:45:01
- 2022年04月12日 14:10:23
版权所有：某某省生态环境厅 某ICP备00000000号
欧美大片抢先看，精彩瞬间不容错过
"""


def test_chinese_page_furniture_goes_and_the_article_stays() -> None:
    cleaned = clean_text(CHINESE_PAGE)
    assert cleaned.text.split("\n") == [
        "第二轮第五批中央生态环境保护督察完成进驻",
        "发布时间：2022-04-12 09:30　来源：生态环境部",
        "中新网北京4月12日电（记者 赵立新）第二轮第五批督察组已全部完成进驻，各地共受理群众举报5200件。",
        "记者：请问本批督察有什么新的安排？",  # an interview's question, not a credit line
        "“发现问题就要一抓到底。”督察组负责人说。",
        "",
    ]
    reasons = {verdict.text: verdict.reasons for verdict in cleaned.dropped}
    assert "copyright" in reasons["版权所有：某某省生态环境厅 某ICP备00000000号"]  # metadata reads the owner


def test_a_traditional_page_is_cleaned_through_the_fold() -> None:
    text = (
        "【打 印】【關 閉】\n\n第二輪第五批督察組完成進駐\n\n"
        "發佈時間：2022-04-12　來源：央視新聞　【字體：大 中 小】\n\n"
        "督察組已全部完成進駐，各地共受理群眾舉報5200件。\n\n"
        "[責任編輯:錢小紅]\n掃一掃 分享到微信\n返回頂部\n"
    )
    assert clean_text(text).text.strip() == (
        "第二輪第五批督察組完成進駐\n\n發佈時間：2022-04-12　來源：央視新聞\n\n"
        "督察組已全部完成進駐，各地共受理群眾舉報5200件。"
    )


def test_chinese_photo_captions_go_and_look_alike_sentences_stay() -> None:
    text = (
        "督察组抽查了一批企业。\n图为督察组在现场检查。 中新社记者 贾某 摄\n资料图：生态环境部。\n"
        "（图片来源：网络资料）\n图为什么会这样？督察组说明了原因。\n评论留言\n下沉阶段，督察组深入现场开展回访。"
    )
    assert clean_text(text).text == (
        "督察组抽查了一批企业。\n图为什么会这样？督察组说明了原因。\n下沉阶段，督察组深入现场开展回访。"
    )
