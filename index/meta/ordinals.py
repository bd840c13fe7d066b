"""Ordinal and cardinal number words in English and Chinese -> int.

Covers "first".."ninety-ninth", "1st"/"2nd"/"3rd"/"4th"/"11th", "one".."ninety-nine", digits, and
Chinese numerals such as 四, 十一, 二十, 第四, 首 ("first"). The regex fragments ``ORDINAL_RE`` and
``NUMBER_RE`` are exported for patterns elsewhere (scopes, metadata).
"""

from __future__ import annotations

import re

from index.meta.patterns import phrase_alternation

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_UNIT_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TEN_ORDINALS = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]

CARDINAL_WORDS: dict[str, int] = {word: i + 1 for i, word in enumerate(_UNITS)}
ORDINAL_WORDS: dict[str, int] = {word: i + 1 for i, word in enumerate(_UNIT_ORDINALS)}
for _i, (_tens, _tens_ord) in enumerate(zip(_TENS, _TEN_ORDINALS, strict=True)):
    _base = 20 + 10 * _i
    CARDINAL_WORDS[_tens] = _base
    ORDINAL_WORDS[_tens_ord] = _base
    for _j in range(9):
        for _sep in ("-", " "):
            CARDINAL_WORDS[f"{_tens}{_sep}{_UNITS[_j]}"] = _base + _j + 1
            ORDINAL_WORDS[f"{_tens}{_sep}{_UNIT_ORDINALS[_j]}"] = _base + _j + 1

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百"


#: an English ordinal: "fourth", "twenty-first", "4th", "22nd"
ORDINAL_RE = rf"(?:{phrase_alternation(ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))"
#: a number as a word or digits: "four", "twenty one", "4"
CARDINAL_RE = rf"(?:{phrase_alternation(CARDINAL_WORDS)}|\d{{1,3}})"
#: Chinese numeral (一 .. 九十九) or Arabic digits
CN_NUMBER_RE = rf"(?:[{CN_NUMERAL_CHARS}]{{1,4}}|\d{{1,3}})"

_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 四, 十一, 二十, 二十三, 一百 (or Arabic digits); None if not one."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, None
    for ch in text:
        if ch == "百":
            total += (current if current is not None else 1) * 100
            current = None
        elif ch == "十":
            total += (current if current is not None else 1) * 10
            current = None
        else:
            if current is not None:  # two digits in a row, e.g. "二三": not a well-formed numeral
                return None
            current = _CN_DIGITS[ch]
    return total + (current or 0) if (total or current) else None


def ordinal_value(word: str) -> int | None:
    """Value of an ordinal: "fourth" -> 4, "twenty-first" -> 21, "11th" -> 11, "第四" -> 4, "首" -> 1."""
    cleaned = re.sub(r"\s+", " ", word.strip().lower())
    if cleaned in ORDINAL_WORDS:
        return ORDINAL_WORDS[cleaned]
    match = _ORDINAL_SUFFIX.match(cleaned)
    if match:
        return int(match.group(1))
    if cleaned == "首":
        return 1
    if cleaned.startswith("第"):
        return chinese_number(cleaned[1:])
    return None


def number_value(word: str) -> int | None:
    """Value of any number word: ordinals, cardinals ("four", "twenty one"), digits or Chinese numerals."""
    cleaned = re.sub(r"\s+", " ", word.strip().lower())
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned in CARDINAL_WORDS:
        return CARDINAL_WORDS[cleaned]
    value = ordinal_value(cleaned)
    if value is not None:
        return value
    return chinese_number(cleaned)
