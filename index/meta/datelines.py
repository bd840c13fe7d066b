"""Datelines and bylines: who published an article and on which day.

"China News Service, September 19.", "Xinhua News Agency, Beijing, December 28.", "The Paper, May 5,
2016.", "BEIJING, Sept. 19 (Xinhua) --", "Beijing, March 3 --" (a place, no outlet), "September 15,
2025 --", "新华社北京12月28日电（记者高敬）" near the top; a byline
"(China Discipline Inspection and Supervision Daily reporter Zhang Chi)" or a "Source: X" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meta.dates import DAY_RE, MONTH_RE, day_number, month_number

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
    "caixin": "Caixin",
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

_NAME = r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|the|for|&)){0,7}"
_PLACE = r"[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?"
_DATELINE_EN = re.compile(
    rf"^[ \t]*(?P<name>{_NAME})(?:,\s*(?P<place>{_PLACE}))?,\s*(?P<month>{MONTH_RE})\.?\s+(?P<day>{DAY_RE})"
    rf"(?:,?\s*(?P<year>(?:19|20)\d\d))?(?:\s*[(（](?P<paren>[^()（）\n]{{1,60}})[)）])?"
    r"[ \t]*(?:[.:]|--|—|–|-|$|(?<=[)）])(?=\s))",
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
_DATELINE_CN = re.compile(
    rf"^[ \t]*(?P<name>{_CN_OUTLETS})(?P<place>[\u4e00-\u9fff]{{0,4}}?)"
    r"(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日电?(?:[(（][^()（）\n]{1,40}[)）])?",
    re.MULTILINE,
)
_BYLINE = re.compile(
    r"[(（](?P<name>[^()（）\n]{3,80}?)\s*(?:reporters?|correspondents?|journalists?|interns?|记者|通讯员)"
    r"[^()（）\n]{0,60}[)）]",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^[ \t]*[(（]?(?:Source|来源)\s*[:：]\s*(?P<name>[^\n)）|]{2,60}?)[ \t]*[)）]?$",
    re.MULTILINE | re.IGNORECASE,
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
    cleaned = re.sub(r"\s+", " ", name).strip(" .,:;-—–()（）")
    return KNOWN_OUTLETS.get(cleaned.lower(), cleaned)


def is_outlet_name(name: str) -> bool:
    """True for a known outlet or a name that reads like one ("Zhejiang Daily", "Sichuan Online")."""
    cleaned = name.strip().lower()
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
    """The first three non-empty lines of ``text`` (at most 800 characters), where datelines stand."""
    head_end = 0
    for _ in range(3):
        nl = text.find("\n", head_end)
        if nl < 0:
            return text[:800]
        head_end = nl + 1
        while head_end < len(text) and text[head_end] == "\n":
            head_end += 1
    return text[: min(head_end, 800)]


def find_dateline(text: str) -> Dateline | None:
    """The dateline among the first three lines of ``text``: outlet and/or place first ("China News
    Service, Beijing, May 5.", "BEIJING, July 25 (Xinhua) --"), date first ("September 15, 2025 --"), or
    Chinese ("新华社北京12月28日电"), whichever starts earliest."""
    head = _head(text)
    found: list[Dateline] = []
    match = _DATELINE_EN.search(head)
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
    match = _DATELINE_CN.search(head)
    if match:
        found.append(
            Dateline(
                normalize_outlet(match.group("name")),
                int(match.group("month")),
                int(match.group("day")),
                int(match.group("year")) if match.group("year") else None,
                match.start("name"),
                match.end(),
            )
        )
    return min(found, key=lambda dateline: dateline.start, default=None)


def find_byline_outlet(text: str) -> str | None:
    """The outlet named in a byline "(X reporter Y)" or a "Source: X" line, if any."""
    for pattern in (_BYLINE, _SOURCE_LINE):
        matches = list(pattern.finditer(text))
        if matches:
            return normalize_outlet(matches[-1].group("name"))
    return None
