"""Datelines, page headers and bylines: who published an article and on which day.

Datelines: "China News Service, September 19.", "Xinhua News Agency, Beijing, December 28.", "The Paper,
May 5, 2016.", "BEIJING, Sept. 19 (Xinhua) --", "Beijing, March 3 --" (a place, no outlet), "September 15,
2025 --", "新华社北京12月28日电（记者高敬）" near the top. Page headers (a short line near the top with a
full date): "By X | China Daily | Updated: 2016-11-17 08:11", "Source: Global Times Published: 2020/9/27
20:48:05", "Source: Xinhua| 2018-03-18 00:19:42|Editor: Mengjie", "(Xinhua) 08:45, July 18, 2016",
"Date: Dec 11, 2018", "Sep 27,2020 11:23CST", "Updated 14:32, 26-Aug-2021" (CGTN), "- Mar 30, 2018-",
"2019-11-29 17:17:21 来源：新华网", "发布时间：2021-01-29". Bylines: "(China Discipline Inspection and
Supervision Daily reporter Zhang Chi)", a "Source: X" line, a closing "Story by CCTV News" or a bare outlet
name ending the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from index.meta.dates import (
    DATE_TOKEN,
    DAY_RE,
    MONTH_RE,
    TIME_TOKEN,
    day_number,
    month_number,
    safe_date,
    token_date,
)
from index.meta.glosses import original_span, without_glosses
from index.meta.patterns import phrase_alternation
from index.text.chinese import fold, has_chinese

KNOWN_OUTLETS: dict[str, str] = {
    "xinhua": "Xinhua News Agency",
    "xinhua news agency": "Xinhua News Agency",
    "xinhuanet": "Xinhua News Agency",
    "新华社": "Xinhua News Agency",
    "新华网": "Xinhua News Agency",
    "china news service": "China News Service",
    "chinanews": "China News Service",
    "chinanews.com": "China News Service",
    "china news network": "China News Service",
    "中新社": "China News Service",
    "中新网": "China News Service",
    "中国新闻网": "China News Service",
    "people's daily": "People's Daily",
    "人民日报": "People's Daily",
    "people's daily online": "People's Daily Online",
    "people.cn": "People's Daily Online",
    "人民网": "People's Daily Online",
    "the paper": "The Paper",
    "thepaper": "The Paper",
    "澎湃新闻": "The Paper",
    "beijing news": "Beijing News",
    "the beijing news": "Beijing News",
    "新京报": "Beijing News",
    "china daily": "China Daily",
    "中国日报": "China Daily",
    "cctv": "CCTV",
    "央视新闻": "CCTV",
    "央视网": "CCTV",
    "cgtn": "CGTN",
    "global times": "Global Times",
    "环球时报": "Global Times",
    "china environment news": "China Environment News",
    "中国环境报": "China Environment News",
    "china discipline inspection and supervision daily": "China Discipline Inspection and Supervision Daily",
    "中国纪检监察报": "China Discipline Inspection and Supervision Daily",
    "economic daily": "Economic Daily",
    "经济日报": "Economic Daily",
    "guangming daily": "Guangming Daily",
    "光明日报": "Guangming Daily",
    "legal daily": "Legal Daily",
    "法治日报": "Legal Daily",
    "china youth daily": "China Youth Daily",
    "中国青年报": "China Youth Daily",
    "ecns": "China News Service",
    "ecns.cn": "China News Service",
    "chinadaily.com.cn": "China Daily",
    "globaltimes.cn": "Global Times",
    "en.people.cn": "People's Daily Online",
    "xinhuanet.com": "Xinhua News Agency",
    "news.cn": "Xinhua News Agency",
    "english.news.cn": "Xinhua News Agency",
    "cctv news": "CCTV",
    "mee": "Ministry of Ecology and Environment",
    "ministry of ecology and environment": "Ministry of Ecology and Environment",
    "生态环境部": "Ministry of Ecology and Environment",
    "中华人民共和国生态环境部": "Ministry of Ecology and Environment",
    "环境保护部": "Ministry of Ecology and Environment",
    "环保部": "Ministry of Ecology and Environment",
    "english.mee.gov.cn": "Ministry of Ecology and Environment",
    "caixin": "Caixin",
    "财新网": "Caixin",
    "中评社": "China Review News Agency",
    "中国评论新闻网": "China Review News Agency",
    "crntt": "China Review News Agency",
    "www.crntt.com": "China Review News Agency",
    "科技日报": "Science and Technology Daily",
    "央广网": "China National Radio",
    "中国之声": "China National Radio",
    "中国经济网": "China Economic Net",
    "中国网": "China.org.cn",
    "中国环境网": "China Environment News",
    "中国政府网": "Chinese Government Website",
    "中央政府门户网站": "Chinese Government Website",
    "总台央视": "CCTV",
    "央视": "CCTV",
    "中央广播电视总台": "CCTV",
    "新闻联播": "CCTV",
    "人民日报海外版": "People's Daily",
    "人民日报客户端": "People's Daily",
    "新华每日电讯": "Xinhua News Agency",
    "界面新闻": "Jiemian",
    "北京青年报": "Beijing Youth Daily",
    "yicai": "Yicai",
    "第一财经": "Yicai",
    "财新": "Caixin",
    "sixth tone": "Sixth Tone",
    "reuters": "Reuters",
    "afp": "AFP",
    "ap": "AP",
    "bloomberg": "Bloomberg",
}
# Words that mark a name as a news outlet rather than a place ("Zhejiang Daily", "Shanghai Media Group").
_OUTLET_WORD = re.compile(
    r"\b(?:news|daily|agency|times|post|press|service|network|online|tv|radio|journal|herald|media|"
    r"gazette|weekly|broadcast\w*|newspaper|net|review|observer|tribune|report)\b|\.(?:com|cn|net)\b|"
    r"日报|晚报|新闻|网|报|社|电视台",
    re.IGNORECASE,
)
_CN_OUTLETS = "|".join(sorted((k for k in KNOWN_OUTLETS if not k.isascii()), key=len, reverse=True))
# A Chinese outlet not in the table reads like one: "科技日报", "海南日报", "长城网", "中国经济网".
_CN_OUTLET_LIKE = r"(?!本[报网台刊站])[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|新闻网|网|报|新闻社|电视台)"
# What is never an outlet in a "来源：" field: "本站原创", "互联网", a department's own site.
_NOT_OUTLET = re.compile(r"^(?:本站|本网|原创|互联网|网络|网友|综合|转载)")
_SOURCE_NAME_END = re.compile(
    r"\s{2,}|\u3000|\s*(?:作者|编辑|责任编辑|责编|发布|时间|日期|点击|浏览|字号|字体|【|\[|[(（]?\d{4})"
)

_NAME = r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|the|for|&)){0,7}"
_PLACE = r"[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?"
_DATELINE_EN = re.compile(
    rf"^[ \t]*(?P<name>{_NAME})(?:,\s*(?P<place>{_PLACE}))?,\s*(?P<month>{MONTH_RE})\.?\s+(?P<day>{DAY_RE})"
    rf"(?:,?\s*(?P<year>(?:19|20)\d\d))?(?:\s*[(（](?P<paren>[^()（）\n]{{1,60}})[)）])?"
    r"[ \t]*(?:[.:]|--|—|–|-|$|(?<=[)）])(?=\s)|(?P<bare>(?<=\s)(?=[A-Z])))",
    re.MULTILINE,
)
# A dateline that starts with the date: "September 15, 2025 --", "Sept. 15 (Xinhua) --",
# "15 September 2025 —".
_DATELINE_DATE_FIRST = re.compile(
    rf"^[ \t]*(?:(?P<month>{MONTH_RE})\.?\s+(?P<day>{DAY_RE})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_RE})\.?)"
    rf"(?:,?\s*(?P<year>(?:19|20)\d\d))?(?:\s*[(（](?P<paren>[^()（）\n]{{1,60}})[)）])?"
    r"[ \t]*(?:--|—|–|-\s|[.:|]\s|[ \t]*$)",
    re.MULTILINE,
)
_CN_BYLINE = r"(?:[ \t\u3000]*[(（][^()（）\n]{1,40}[)）])?"
# "中新网北京9月19日电 （记者 阮煜琳）", "据新华社北京8月22日电", "中新网 5月7日电",
# "科技日报北京7月8日电", "长城网8月15日讯（记者 张艺萌）", "央广网北京1月29日消息",
# "本报北京9月15日电" (no outlet), "北京12月28日电".
_DATELINE_CN = re.compile(
    rf"^[ \t\u3000]*(?:据)?(?:(?P<name>{_CN_OUTLETS})(?:客户端)?[ \t\u3000]*"
    r"(?P<place>[\u4e00-\u9fff]{0,4}?)[ \t\u3000]*"
    r"(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯|消息)?"
    rf"|(?P<name2>{_CN_OUTLET_LIKE})?(?:客户端)?[ \t\u3000]*(?P<place2>[\u4e00-\u9fff]{{0,4}}?)[ \t\u3000]*"
    r"(?:(?P<year2>(?:19|20)\d\d)年)?(?P<month2>\d{1,2})月(?P<day2>\d{1,2})日(?:电|讯|消息))"
    rf"{_CN_BYLINE}",
    re.MULTILINE,
)
# "新京报快讯（记者 吴为）9月29日，": the date follows the byline.
_DATELINE_CN_FLASH = re.compile(
    rf"^[ \t\u3000]*(?P<name>{_CN_OUTLETS}|{_CN_OUTLET_LIKE})快讯{_CN_BYLINE}[ \t\u3000]*"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日",
    re.MULTILINE,
)
# An outlet leading the text with no date: "央视网消息（新闻联播）：", "【财新网】", "香港文汇报讯".
_LEAD_OUTLET = re.compile(
    rf"^[ \t]*(?:【(?P<bracketed>{_CN_OUTLETS}|{_CN_OUTLET_LIKE})】"
    rf"|(?P<name>{_CN_OUTLETS}|{_CN_OUTLET_LIKE})(?:客户端)?(?:消息|讯))",
    re.MULTILINE,
)
_BYLINE = re.compile(
    r"[(（](?P<name>[^()（）\n]{3,80}?)\s*(?:reporters?|correspondents?|journalists?|interns?|记者|通讯员)"
    r"[^()（）\n]{0,60}[)）]",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^[ \t]*[(（\[【]?(?:Source|来源)\s*[:：]\s*(?P<name>[^\n)）|\]】]{2,60}?)[ \t]*[)）\]】]?$",
    re.MULTILINE | re.IGNORECASE,
)
_STORY_BY = re.compile(
    r"^[ \t]*(?:story|report)\s+by\s+(?P<name>[^\n]{2,60}?)[ \t.]*$", re.MULTILINE | re.IGNORECASE
)

# Full dates in the text: "August 31, 2021", "31 August 2021", "2021年8月31日", "in August 2021".

# ---------------------------------------------------------------------------------------- dateline


@dataclass(frozen=True)
class Dateline:
    """A dateline found near the top of an article: outlet, month, day, year if stated, and its span."""

    outlet: str | None
    month: int
    day: int
    year: int | None
    start: int
    end: int


def normalize_outlet(name: str) -> str:
    """Canonical outlet name for known aliases ("Xinhua" -> "Xinhua News Agency"), else the name trimmed."""
    cleaned = re.sub(r"\s+", " ", name).strip(" .,:;-—–()（）【】[]《》")
    if has_chinese(cleaned):  # "来源：人民网-《人民日报》", "央视新闻客户端", "长城网　作者：张艺萌"
        cleaned = _SOURCE_NAME_END.split(cleaned, maxsplit=1)[0]
        cleaned = re.split(r"\s*[-—–_|｜]\s*|《", cleaned, maxsplit=1)[0].strip()
        site = re.sub(r"(?:网站|官网|官方网站|微信公众号|客户端)$", "", cleaned)  # "生态环境部网站"
        cleaned = KNOWN_OUTLETS.get(cleaned) or KNOWN_OUTLETS.get(site) or re.sub(r"客户端$", "", cleaned)
    return KNOWN_OUTLETS.get(cleaned.lower(), cleaned)


def is_outlet_name(name: str) -> bool:
    """True for a known outlet or a name that reads like one ("Zhejiang Daily", "Sichuan Online")."""
    cleaned = name.strip().lower()
    if has_chinese(cleaned) and _NOT_OUTLET.match(cleaned):
        return False
    return cleaned in KNOWN_OUTLETS or bool(_OUTLET_WORD.search(name))


def _outlet_of(name: str, has_place: bool, paren: str | None) -> str | None:
    """The outlet of a dateline "NAME[, PLACE], DATE[ (PAREN)]": NAME when it is an outlet or a place
    follows it, else PAREN when that reads like an outlet ("BEIJING, July 25 (Xinhua)"); a bare place
    ("Beijing, March 3 --") or a reporter in parentheses ("(Leng Haoyang)") gives none."""
    if is_outlet_name(name) or (has_place and not (paren and is_outlet_name(paren))):
        return name
    if paren and is_outlet_name(paren):
        return paren
    return None


def _head(text: str) -> str:
    """The first six non-empty lines of ``text`` (at most 1,200 characters), where datelines stand: below
    a headline, a page header and a standfirst on pages copied from news sites."""
    head_end = 0
    for _ in range(6):
        nl = text.find("\n", head_end)
        if nl < 0:
            return text[:1200]
        head_end = nl + 1
        while head_end < len(text) and text[head_end] == "\n":
            head_end += 1
    return text[: min(head_end, 1200)]


def find_dateline(text: str) -> Dateline | None:
    """The dateline among the first six lines of ``text``: outlet and/or place first ("China News
    Service, Beijing, May 5.", "BEIJING, July 25 (Xinhua) --"), date first ("September 15, 2025 --"), or
    Chinese ("新华社北京12月28日电"), whichever starts earliest."""
    head = _head(text)
    found: list[Dateline] = []
    match = _DATELINE_EN.search(head)
    if match and match.group("bare") is not None and not is_outlet_name(match.group("name")):
        match = None  # "Chinanews.com, January 1 The ministry said": runs into the text only after an outlet
    if match:
        outlet = _outlet_of(match.group("name"), match.group("place") is not None, match.group("paren"))
        found.append(
            Dateline(
                normalize_outlet(outlet) if outlet else None,
                month_number(match.group("month")),
                day_number(match.group("day")),
                int(match.group("year")) if match.group("year") else None,
                match.start("name"),
                match.end(),
            )
        )
    match = _DATELINE_DATE_FIRST.search(head)
    if match and _in_date_list(text, match.start(), match.end()):
        match = None  # "Nov 21, 2024" above another headline and another day: a list of other articles
    if match:
        paren = match.group("paren")
        found.append(
            Dateline(
                normalize_outlet(paren) if paren and is_outlet_name(paren) else None,
                month_number(match.group("month") or match.group("month2")),
                day_number(match.group("day") or match.group("day2")),
                int(match.group("year")) if match.group("year") else None,
                len(match.group(0)) - len(match.group(0).lstrip()) + match.start(),
                match.end(),
            )
        )
    found += _chinese_datelines(fold(head))
    glossed = None if found else _without_glosses_dateline(head)
    found += [glossed] if glossed is not None else []
    return min(found, key=lambda dateline: dateline.start, default=None)


def _in_date_list(text: str, start: int, end: int) -> bool:
    """Whether the date at [start, end) stands alone on its line with another date on a line near it (a
    sidebar of other headlines, each under its day)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip(" \t-—–|"):
        return False
    window_start, window_end = line_start, line_end  # the line with LIST_NEIGHBOURS lines each side
    for _ in range(LIST_NEIGHBOURS):
        window_start = text.rfind("\n", 0, window_start - 1) + 1 if window_start else 0
        following = text.find("\n", window_end + 1) if window_end < len(text) else len(text)
        window_end = len(text) if following < 0 else following
    lines = text[window_start:window_end].split("\n")
    number = text.count("\n", window_start, start)
    own = {token_date(m) for m in DATE_TOKEN.finditer(lines[number])}
    near = lines[max(0, number - LIST_NEIGHBOURS) : number] + lines[number + 1 : number + 1 + LIST_NEIGHBOURS]
    return any(
        (day := token_date(m)) is not None and day not in own
        for line in near
        if len(line) <= HEADER_MAX_CHARS
        for m in DATE_TOKEN.finditer(line)
    )


def _without_glosses_dateline(head: str) -> Dateline | None:
    """A Chinese dateline that a mirror page's pinyin glosses break ("中(zhōng)新网北(běi)京6月5日(rì)电"),
    read past them, with its span in ``head`` as written."""
    plain, where = without_glosses(fold(head))
    if where is None:
        return None
    found = _chinese_datelines(plain)
    if not found:
        return None
    dateline = min(found, key=lambda item: item.start)
    start, end = original_span(where, dateline.start, dateline.end)
    return Dateline(dateline.outlet, dateline.month, dateline.day, dateline.year, start, end)


def _chinese_datelines(head: str) -> list[Dateline]:
    """Chinese datelines in the (folded) ``head``: outlet, place, date, 电/讯 and byline; or "X快讯（记者 Y）
    M月D日"."""
    found = []
    match = _DATELINE_CN.search(head)
    if match:
        name = match.group("name") or match.group("name2")
        year = match.group("year") or match.group("year2")
        found.append(
            Dateline(
                normalize_outlet(name) if name else None,
                int(match.group("month") or match.group("month2")),
                int(match.group("day") or match.group("day2")),
                int(year) if year else None,
                len(match.group(0)) - len(match.group(0).lstrip()) + match.start(),
                match.end(),
            )
        )
    match = _DATELINE_CN_FLASH.search(head)
    if match:
        found.append(
            Dateline(
                normalize_outlet(match.group("name")),
                int(match.group("month")),
                int(match.group("day")),
                None,
                match.start("name"),
                match.end(),
            )
        )
    return found


def find_byline_outlet(text: str) -> str | None:
    """The outlet named in a byline "(X reporter Y)", a "Source: X" line, a closing "Story by X" line or a
    bare outlet name as the article's last line ("Global Times"), if any; in Chinese, an outlet leading the
    text ("央视网消息（新闻联播）：", "【财新网】") or a "来源：X" line."""
    text = fold(text)
    lead = _LEAD_OUTLET.search(_head(text))
    if lead and is_outlet_name(lead.group("name") or lead.group("bracketed")):
        return normalize_outlet(lead.group("name") or lead.group("bracketed"))
    for pattern in (_BYLINE, _SOURCE_LINE, _STORY_BY):
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        name = matches[-1].group("name")
        sourced = pattern is _SOURCE_LINE and _is_chinese_source(normalize_outlet(name))
        if sourced or is_outlet_name(name):
            return normalize_outlet(name)
    last_line = text.rstrip().rsplit("\n", 1)[-1].strip(" ()（）.")
    if last_line.lower() in KNOWN_OUTLETS:
        return normalize_outlet(last_line)
    return None


# ---------------------------------------------------------------------------------------- page header

HEADER_LINES = 12  # non-empty lines from the top searched for a header
HEADER_MAX_CHARS = 240  # a header is a short line
_HEADER_LABEL = re.compile(
    r"(?:\b(?:updated?|published|posted|released?|release\s+time|publish(?:ed)?\s+(?:time|date|on)|"
    r"date|time)(?:\s+on)?|发布时间|发布日期|发表时间|更新时间|更新日期|发稿时间|发布于|成文日期|时间|日期)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_LABEL_WORDS = re.compile(
    r"\b(?:updated?|published|posted|released?|release\s+time|publish(?:ed)?\s+(?:time|date|on)|date|time)"
    r"\b\s*[:：]?|发布时间|发布日期|发表时间|更新时间|更新日期|发稿时间|发布于|成文日期|时间|日期",
    re.IGNORECASE,
)
_HEADER_FIELD = re.compile(
    r"(?i:\b(?:source|from|editor|web\s+editor|author|writer)|来源|编辑|责任编辑|作者)\s*[:：]\s*[^|｜\n]{0,40}"
    r"|\b[Bb]y\s+[A-Z][\w'’-]+(?:\s+(?:and\s+|And\s+)?[A-Z][\w'’-]+){0,5}",
)
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org)(?:\.cn)?\b", re.IGNORECASE)
_PARENS = re.compile(r"[(（\[【][^()（）\[\]【】\n]{0,40}[)）\]】]")
_KNOWN_OUTLET = re.compile(rf"(?<![A-Za-z]){phrase_alternation(KNOWN_OUTLETS)}(?![A-Za-z])", re.IGNORECASE)
_EVENT_WORDS = re.compile(r"stationed|stationing|feedback|from\s+\S+\s+\d|进驻|反馈|至", re.IGNORECASE)
_SOURCE_FIELD = re.compile(
    r"(?:\bsource|来源)\s*[:：]\s*(?P<name>[^|｜\n:：]{2,40}?)"
    r"(?=\s*(?:[|｜]|$|\d|\b(?:published|updated|editor)\b|作者|编辑|责任编辑|发布|时间|日期|点击|浏览|字[号体]|[【\[])"
    r"|\u3000|\s{2})",
    re.IGNORECASE,
)
# A breadcrumb whose last step is the page's date: "首页 > 新闻 > 2017年04月07日", "Home » News » 2019-05-15".
_CRUMBS = re.compile(
    r"\s*(?:(?:当前位置|您的位置|位置|you\s+are\s+here)\s*[:：]\s*)?(?:[^>›»\n]{1,24}?\s*[>›»]\s*){1,6}",
    re.IGNORECASE,
)
# A label glued to the end of a headline: "…办理情况的通报时间：2021-04-16 来源：山西省生态环境厅".
_GLUED_LABEL = re.compile(
    r"(?<=[\u4e00-\u9fff》”)）])(?:发布时间|发布日期|发表时间|更新时间|时间|日期)\s*[:：]\s*$"
)
# A header with month and day but no year ("08-27 10:32 来源：中国新闻网", "8月27日 10:32 来源："): the year
# is in the page's address or file name.
_YEARLESS_HEADER = re.compile(
    r"\s*(?:(?P<m>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0?[1-9])|(?P<cm>1[0-2]|0?[1-9])月(?P<cd>3[01]|[12]\d|0?[1-9])日)"
    r"\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:来源|source)\s*[:：]",
    re.IGNORECASE,
)
# A clock time between a header's label and its date: "Updated 14:32, 26-Aug-2021" (CGTN).
_TIME_BEFORE = re.compile(rf"(?:{TIME_TOKEN.pattern})[\s,|]*$", re.IGNORECASE)
_HEADER_WORD = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2}")


@dataclass(frozen=True)
class Header:
    """A page header: the publication date it prints, the outlet it names (if any), whether a label
    ("Updated:", "Published:", "发布时间：") introduces the date, and the header line's span."""

    date: dt.date
    outlet: str | None
    labelled: bool
    start: int
    end: int


def _lines(text: str, limit: int):
    """(start, end) of the first ``limit`` non-empty lines of ``text``."""
    start = 0
    found = 0
    while start < len(text) and found < limit:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            found += 1
            yield start, end
        start = end + 1


def _is_chinese_source(name: str) -> bool:
    """A Chinese name in a "来源：" field that names who published: not "本站原创", "互联网"."""
    name = name.strip()
    return has_chinese(name) and len(name) <= 24 and not _NOT_OUTLET.match(name)


def _header_outlet(line: str) -> str | None:
    """The outlet a header line names: a "Source:" field, a name in parentheses or between bars, a known
    outlet or a news site's domain."""
    sourced = [m.group("name") for m in _SOURCE_FIELD.finditer(line)]
    for name in sourced:  # "来源：昆明市人民政府": a Chinese source field names it, outlet-like or not
        if _is_chinese_source(name):
            return normalize_outlet(name)
    candidates = sourced + [m.group(0)[1:-1] for m in _PARENS.finditer(line)]
    fields = re.split(r"[|｜]", line)
    candidates += fields if len(fields) > 1 else []
    candidates += [m.group(0) for m in _KNOWN_OUTLET.finditer(line)]
    candidates += [m.group(0) for m in _DOMAIN.finditer(line)]
    for candidate in candidates:
        name = DATE_TOKEN.sub("", TIME_TOKEN.sub("", _LABEL_WORDS.sub("", candidate))).strip(" .,:;-—–|")
        known = name.lower() in KNOWN_OUTLETS or bool(_DOMAIN.fullmatch(name))
        # a section name between bars ("| News |") is no outlet: an outlet-like name has two words or more
        # (or is Chinese: "河北省人民政府网")
        several = " " in name or has_chinese(name)
        if name and (known or (is_outlet_name(name) and several and not name.lower().startswith("by "))):
            return normalize_outlet(name)
    return None


HEADER_OTHER_WORDS = (
    6  # a labelled header line holds at most this many other words, unless it opens with the label
)
BARE_OTHER_WORDS = 2  # a date line without a label holds at most this many
PARAGRAPH_CHARS = 200  # a longer line is a paragraph: the article's body has begun
TRAILING_LINES = 4  # lines at the end of the text searched for a closing date line


def _other_words(line: str) -> int:
    """The words left on a line once its dates, times, labels, header fields, outlets and domains are out."""
    rest = _LABEL_WORDS.sub(" ", TIME_TOKEN.sub(" ", DATE_TOKEN.sub(" ", line)))
    rest = _HEADER_FIELD.sub(" ", _PARENS.sub(" ", rest))
    rest = _KNOWN_OUTLET.sub(" ", _DOMAIN.sub(" ", rest))
    return len(_HEADER_WORD.findall(rest))


# A WeChat post's header: "原创 生态环境部 2022年06月05日 09:30 北京", "中国环境报 中国环境 2022-06-05 21:16
# 发表于北京": the account's (and author's) names, the date, the time and the place it was posted from.
_ACCOUNT_BEFORE = re.compile(r"^\s*(?:原创\s+)?(?:[^\s\d|｜:：]{2,20}\s+){1,3}$")
_ACCOUNT_AFTER = re.compile(rf"^\s*(?:{TIME_TOKEN.pattern})\s*(?:(?:发表于)?[\u4e00-\u9fff]{{2,4}})?\s*$")


def _is_account_line(line: str, match: re.Match[str]) -> bool:
    """True when ``line`` is a WeChat post's header around the date ``match``: names before it, its time
    (and the place it was posted from) after it."""
    return bool(_ACCOUNT_BEFORE.match(line[: match.start()]) and _ACCOUNT_AFTER.match(line[match.end() :]))


def find_header(text: str) -> Header | None:
    """The page header among the first lines of ``text``: a short line whose full date a label introduces
    ("Updated: 2016-07-18 09:43"), else the first short line that is little more than a date (and time,
    outlet, editor) above the first paragraph (below it, a date alone on a line is a table cell or a list
    entry). Lines about the inspection's own dates ("stationed from ...") are no header. Read on the fold:
    "發佈時間：２０２１－０１－２９" is a header too."""
    text = fold(text)
    bares: list[tuple[int, Header]] = []  # (line number, header) of the unlabelled candidates
    dated: list[tuple[int, dt.date]] = []  # (line number, date) of every short line with a date
    previous = ""
    in_body = False
    for number, (start, end) in enumerate(_lines(text, HEADER_LINES)):
        line = text[start:end]
        glued = _GLUED_DAY.fullmatch(line)
        if glued and not bares and not in_body:  # "152018-06": the day glued before year and month
            found = _glued_header(glued, start, end)
            bares += [(number, found)] if found else []
        if len(line) <= HEADER_MAX_CHARS and not _EVENT_WORDS.search(line):
            for match in DATE_TOKEN.finditer(line):
                date = token_date(match)
                if date is None:
                    continue
                dated.append((number, date))
                before = _TIME_BEFORE.sub("", line[max(0, match.start() - 40) : match.start()])
                labelled = bool(_HEADER_LABEL.search(before)) or (
                    match.start() == len(line) - len(line.lstrip())
                    and bool(_HEADER_LABEL.fullmatch(previous))
                )
                opens = _HEADER_LABEL.fullmatch(
                    _TIME_BEFORE.sub("", line[: match.start()]).lstrip(" \t-—–|([【")
                )
                if labelled and (opens or _other_words(line) <= HEADER_OTHER_WORDS):
                    return Header(date, _header_outlet(line), True, start, end)
                glued = _GLUED_LABEL.search(line, 0, match.start())
                if glued and _other_words(line[glued.start() :]) <= HEADER_OTHER_WORDS:
                    tail = line[glued.start() :]  # the headline before it stays the title
                    return Header(date, _header_outlet(tail), True, start + glued.start(), end)
                cued = bool(TIME_TOKEN.search(line) or _SOURCE_FIELD.search(line))
                few = (
                    _other_words(line) <= BARE_OTHER_WORDS
                    or _is_account_line(line, match)
                    or _is_breadcrumb(line, match)
                )
                if (cued or not in_body) and few:
                    bares.append((number, Header(date, _header_outlet(line), False, start, end)))
        previous = line.strip()
        in_body = in_body or len(previous) > PARAGRAPH_CHARS
    own = next((header for number, header in bares if not _listed(dated, number, header.date)), None)
    return own or _trailing_header(text)


LIST_NEIGHBOURS = 2  # a date line this many lines from a line with another date is an entry of a list


def _is_breadcrumb(line: str, match: re.Match[str]) -> bool:
    """True when the date ``match`` is the last step of a breadcrumb ("首页 > 新闻 > 2017年04月07日")."""
    rest = TIME_TOKEN.sub("", line[match.end() :]).strip()
    return not rest and _CRUMBS.fullmatch(line[: match.start()]) is not None


@dataclass(frozen=True)
class YearlessHeader:
    """A page header giving month and day but no year ("08-27 10:32 来源：中国新闻网") and its span."""

    month: int
    day: int
    start: int
    end: int


def find_yearless_header(text: str) -> YearlessHeader | None:
    """The first of the top lines that is a header with month, day, clock time and source but no year."""
    text = fold(text)
    for start, end in _lines(text, HEADER_LINES):
        match = _YEARLESS_HEADER.match(text, start, end)
        if match and end - start <= HEADER_MAX_CHARS:
            month, day = match.group("m") or match.group("cm"), match.group("d") or match.group("cd")
            return YearlessHeader(int(month), int(day), start, end)
    return None


def _listed(dated: list[tuple[int, dt.date]], number: int, date: dt.date) -> bool:
    """Whether the date on line ``number`` is one entry of a list of dated items (a sidebar's "Latest news"
    with each headline's day): another short line near it prints another date."""
    return any(0 < abs(other - number) <= LIST_NEIGHBOURS and day != date for other, day in dated)


# A header line that is only a date with its day glued before the year and month ("152018-06" for
# 2018-06-15, as a mirror's template prints it)
_GLUED_DAY = re.compile(r"\s*(?P<d>3[01]|[12]\d|0[1-9])(?P<y>(?:19|20)\d\d)-(?P<m>1[0-2]|0[1-9])\s*")


def _glued_header(match: re.Match[str], start: int, end: int) -> Header | None:
    date = safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return Header(date, None, False, start, end) if date is not None else None


def _trailing_header(text: str) -> Header | None:
    """A date line closing the article with its time or source ("2020-02-28 08:15:37 Source: Legal Daily")."""
    end = len(text.rstrip())
    found: list[tuple[int, Header]] = []
    dated: list[tuple[int, dt.date]] = []
    for number in range(TRAILING_LINES + LIST_NEIGHBOURS):
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if len(line) <= HEADER_MAX_CHARS:
            cued = bool(TIME_TOKEN.search(line) or _SOURCE_FIELD.search(line))
            for match in DATE_TOKEN.finditer(line):
                date = token_date(match)
                if date is None:
                    continue
                dated.append((number, date))
                if cued and number < TRAILING_LINES and _other_words(line) <= BARE_OTHER_WORDS:
                    found.append((number, Header(date, _header_outlet(line), False, start, end)))
        if start == 0:
            break
        end = start - 1
    return next((header for number, header in found if not _listed(dated, number, header.date)), None)
