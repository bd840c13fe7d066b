"""Pinyin glosses that some mirror pages put after Chinese characters ("第(dì)二轮第(dì)六批",
"两(liǎng)轮督察", "福(fú)建"): read past them for matching, with offsets that map back to the original text.

A gloss is a parenthesised lower-case syllable with a tone mark right after a Han character;
"中国五矿(Minmetals)" and "(2021年)" are not glosses.
"""

from __future__ import annotations

import re

_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}[)）]")


def without_glosses(text: str) -> tuple[str, list[int] | None]:
    """``text`` without its pinyin glosses, and the original offset of each character kept (plus one past
    the end), or None when there was no gloss (the text is returned as it is)."""
    if "(" not in text and "（" not in text:
        return text, None
    kept: list[str] = []
    where: list[int] = []
    position = 0
    for match in _GLOSS.finditer(text):
        kept.append(text[position : match.start()])
        where.extend(range(position, match.start()))
        position = match.end()
    if position == 0:
        return text, None
    kept.append(text[position:])
    where.extend(range(position, len(text) + 1))
    return "".join(kept), where


def original_span(where: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that ``[start, end)`` of the text without glosses covers."""
    if where is None:
        return start, end
    return where[start], (where[end - 1] + 1 if end > start else where[start])
