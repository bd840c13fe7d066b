"""The province whose government publishes a page: from its address ("en.hainan.gov.cn"), its site name
("Hainan Provincial People's Government") or its own banner and copyright lines ("Copyright (c) Jiangxi
Provincial People's Government"). A provincial site's article says "our province" or "the province" and
may never name it; the site's province is then evidence for the article's (see index/meta/inspection.py).
A news outlet named after a place ("Shanghai Daily", "Beijing News") is no government site. Chinese names
("河北省生态环境厅", "版權所有：雲南省生態環境廳") are read on the fold (index/text/chinese.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from index.meta.gazetteer import PROVINCES, find_provinces
from index.text.chinese import fold

# Host labels of provincial government sites that are not the province's pinyin name.
_HOST_LABELS: dict[str, str] = {
    "nmg": "Inner Mongolia",
    "gxzf": "Guangxi",
    "xizang": "Tibet",
    "gd": "Guangdong",
    "zj": "Zhejiang",
    "sc": "Sichuan",
    "yn": "Yunnan",
    "nx": "Ningxia",
    "ah": "Anhui",
    "ln": "Liaoning",
    "jl": "Jilin",
    "hlj": "Heilongjiang",
    "cq": "Chongqing",
    "tj": "Tianjin",
}
_PINYIN: dict[str, str] = {
    re.sub(r"[^a-z]", "", alias.lower()): name
    for name, aliases in PROVINCES.items()
    for alias in aliases
    if alias.isascii()
}
_ALIASES = "|".join(
    sorted((re.escape(a) for names in PROVINCES.values() for a in names), key=len, reverse=True)
)
# "Hainan Provincial People's Government", "People's Government of Jiangxi Province", "Guangxi Zhuang
# Autonomous Region People's Government", "Department of Ecology and Environment of Yunnan Province",
# "海南省人民政府".
_GOVERNMENT = re.compile(
    rf"(?P<a>{_ALIASES})\s+(?:(?:Provincial|Municipal)|(?:[A-Z][a-z]+\s+)?Autonomous\s+Region(?:al)?)\s+"
    r"(?:People'?s\s+Government|Government|Department\s+of\s+Ecology|Ecology\s+and\s+Environment)"
    rf"|\b(?:People'?s\s+Government|Government|Department\s+of\s+Ecology\s+and\s+Environment)\s+of\s+"
    rf"(?P<b>{_ALIASES})\b"
    rf"|(?P<c>{_ALIASES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?(?:人民政府|生态环境厅)",
)
# Lines of the page that name its owner: a copyright line, a site banner.
_OWNER_LINE = re.compile(r"copyright|©|all\s+rights\s+reserved|版权所有|主办|sponsored\s+by", re.IGNORECASE)


def host_province(url: str | None) -> str | None:
    """The province of a provincial government site's address ("http://en.hainan.gov.cn/..." -> Hainan)."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if not host.endswith(".gov.cn"):
        return None
    for label in host.split(".")[:-2]:
        found = _HOST_LABELS.get(label) or _PINYIN.get(label)
        if found:
            return found
    return None


def government_province(text: str) -> str | None:
    """The province whose government ``text`` names as the site's owner ("Hainan Provincial People's
    Government" -> Hainan), else None."""
    match = _GOVERNMENT.search(fold(text))
    if match is None:
        return None
    named = find_provinces(match.group("a") or match.group("b") or match.group("c"))
    return named[0] if named else None


def site_province(url: str | None, site_name: str | None, lines: Iterable[str]) -> tuple[str, str] | None:
    """(province, what says so) for a provincial government page: its address, its site name, else the
    first banner or copyright line naming a provincial government. None for any other site."""
    found = host_province(url)
    if found:
        return found, f"site address {urlsplit(url or '').hostname or url}"
    found = government_province(site_name or "")
    if found:
        return found, f"site name {site_name}"
    for line in lines:
        line = line.strip()
        if len(line) <= 200 and (_OWNER_LINE.search(fold(line)) or " | " in line or len(line.split()) <= 8):
            found = government_province(line)
            if found:
                return found, f"site line {line[:80]}"
    return None
