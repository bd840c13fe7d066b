"""What kind of text an article is, where that decides which inspection it is about.

- A policy piece: new regulations, guidelines or a plan issued ("China issues regulations on central
  environmental inspections", 印发《生态环境保护督察工作条例》). The inspections it names are history
  ("since the pilot in Hebei in 2015 ...") or the system as a whole: it is about no one inspection.
- A province's own inspection: "湖北省环保督察“回头看”", "第一轮省级环境保护督察", "provincial environmental
  inspection teams". Its batches and look-back are the province's, never the central ones.
- A review of one year ("Year-ender: ...", 2017年中央环保督察工作综述): the inspections of that year.

Each finder reads folded text (index/text/chinese.py) and returns the words that decide, or None.
"""

from __future__ import annotations

import datetime as dt
import re

# A document issued, adopted or taking effect: "issues regulations on", "unveils guideline", "印发《…条例》".
_POLICY = re.compile(
    r"\b(?:issue[sd]?|unveil(?:s|ed)?|release[sd]?|publish(?:es|ed)?|adopt(?:s|ed)?|introduce[sd]?|"
    r"roll(?:s|ed)?\s+out|promulgate[sd]?)\s+(?:a\s+|new\s+|the\s+|its\s+|revised\s+|draft\s+)*"
    r"(?:set\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:regulations?|rules|guidelines?|provisions|measures|opinions)\b"
    r"|\b(?:regulations?|rules|guidelines?|provisions)\s+(?:on|for|governing)\s+(?:the\s+)?(?:central\s+)?"
    r"(?:ecological\s+and\s+)?environmental\b"
    r"|(?:印发|出台|发布|公布|施行|实施|审议通过)[^。；\n]{0,12}《[^》\n]{2,40}(?:规定|条例|办法|意见|细则|制度|法)》"
    r"|《[^》\n]{2,40}(?:规定|条例|办法|细则)》(?:[^。；\n]{0,6})(?:印发|出台|发布|公布|施行|实施)",
    re.IGNORECASE,
)
# Words recalling what the inspections have done so far: history in a policy piece.
_HISTORY = re.compile(
    r"\bsince\b|\bso\s+far\b|\bhave\s+(?:been\s+)?(?:covered|completed|carried\s+out)|\bhad\s+(?:covered|exposed)"
    r"|以来|已(?:经)?完成|已(?:经)?实现|先后",
    re.IGNORECASE,
)
# A province's own inspection (not the central teams'): "省级环境保护督察", "湖北省环保督察", "我省生态环境
# 保护督察", "5个省生态环境保护督察组", "provincial environmental inspection teams" (not the central teams'
# "provincial-level" stage, 省级层面督察, nor round 3's "provincial inspection" beside a basin's, nor a
# province's inspection office).
_PROVINCIAL = re.compile(
    r"省级(?:生态环境保护|环境保护|生态环保|环保)督察"
    r"|(?:省|自治区|区|市)(?:委|政府)?(?:生态环境保护|环境保护|生态环保|环保)督察(?!办|整改)"
    r"|\bprovincial(?:[\s-]+level)?\s+(?:ecological\s+and\s+|eco-)?environmental\s+(?:protection\s+)?"
    r"(?:inspection|inspectors|supervision)(?!\s+(?:office|department|bureau|agency))"
    r"|\bprovincial\s+inspect(?:ion\s+teams|ors)\b"
    r"|\b(?:province|region)'s\s+own\s+(?:environmental\s+)?inspection",
    re.IGNORECASE,
)
# ... where 省/市 above ends a place's name or is 我省 (湖北省, 我省, 5个省): the characters before the match.
_PLACE_BEFORE = re.compile(r"[\u4e00-\u9fff0-9]{1,8}?[省市区]$")
# A sentence on the central inspection is none of a province's own.
_CENTRAL = re.compile(r"中央|\bcentral\b", re.IGNORECASE)
# A review of a year: "Year-ender", "year-end review", "the year in review", 年终盘点, 回眸, 综述, 回顾.
_REVIEW = re.compile(
    r"\byear[\s-]*end(?:er)?\b|\byear\s+in\s+review\b|\breview\s+of\s+the\s+year\b|\b(?:annual|yearly)\s+review\b"
    r"|年终|盘点|回眸|综述|回顾|一年来",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(20[1-3]\d)(?!\d)(?!\s*(?:年)?\s*\d{1,2}\s*月)")


def policy_document(text: str) -> str | None:
    """The words saying ``text`` tells of a document issued (regulations, guidelines, rules), else None."""
    match = _POLICY.search(text)
    return match.group(0) if match else None


def recalls_history(text: str) -> bool:
    """Whether ``text`` tells what the inspections have done so far ("since the pilot ...", 以来)."""
    return _HISTORY.search(text) is not None


def provincial_inspection(text: str) -> str | None:
    """The words saying ``text`` is on a province's own inspection ("省级环境保护督察", "湖北省环保督察",
    "provincial environmental inspection teams"), else None (also for a sentence naming the central one)."""
    if _CENTRAL.search(text):
        return None
    for match in _PROVINCIAL.finditer(text):
        words = match.group(0)
        if words.isascii() or words.startswith("省级"):
            return words
        if _PLACE_BEFORE.search(text, 0, match.start() + 1):  # the 省/市 is a place's: 湖北省, 我省
            return words
    return None


def review_year(text: str, date: dt.date | None) -> int | None:
    """The year a review of one year covers ("Year-ender: ... in 2021", 2017年中央环保督察综述): the one year
    ``text`` names, else the year of ``date`` (a year-ender is published at the year's end); None when
    ``text`` is no review."""
    if _REVIEW.search(text) is None:
        return None
    years = set(_YEAR.findall(text))
    if len(years) == 1:
        return int(years.pop())
    if not years and date is not None:
        return date.year - 1 if date.month == 1 else date.year
    return None
