"""Figures in Chinese text: "立案处罚1158家", "罚款4006万元", "1.8万余件", "八个督察组", "百分之九十五".

A Chinese figure is a number glued to what it counts: digits (full-width ones folded to ASCII) or Chinese
numerals (read with ``cn2an``), an optional 万 / 亿 scale, an optional "more than" (余 / 多) and then a
money or measure unit (元, 万元, 亿元, %, 个百分点, 吨 ...) or a counter (家, 人, 名, 件, 个, 起 ...). A
number with neither is a date, a time, an ordinal (第二批) or a label, and no figure. Patterns run on
``fold(text)`` (traditional characters simplified, full-width digits as ASCII, same length), so the span
of a figure is the same in the original and its phrase is quoted as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from index.text.chinese import fold

_CN_DIGITS = "零〇一二两三四五六七八九十廿"
_CN_NUMERAL = rf"[{_CN_DIGITS}][{_CN_DIGITS}百千万亿]*"
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
# Before a number: an ordinal (第二批), a vague count (数十家, 几百人, 上千人), a day of the week (周一),
# a word that ends in a numeral (统一, 唯一, 之一, 无一: none) or a rank ("最后三个督察组", "前三名") makes
# it no figure; so does a digit, a letter (PM2.5) or a numeral the match would cut in half (the 十六 of
# 第二十六批).
_NOT_BEFORE_DIGITS = r"(?<![0-9.,A-Za-z第])"
_NOT_BEFORE_NUMERAL = rf"(?<![{_CN_DIGITS}百千万亿第数几上每周统唯同逐之其单专划合初前后无])"
_QUALIFIERS = {
    "近": "nearly",
    "将近": "nearly",
    "接近": "nearly",
    "超过": "more than",
    "超": "more than",
    "逾": "more than",
    "约": "about",
    "大约": "about",
    "不足": "less than",
    "不到": "less than",
    "至少": "at least",
    "多达": "up to",
    "高达": "up to",
}
_QUALIFIER = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
_SCALES = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}
_SCALE = "万亿|千万|百万|万|亿"
# Units a figure is measured in (its value in that unit): money, shares, weights and areas.
_UNITS = {
    "元": "yuan",
    "%": "percent",
    "个百分点": "percentage points",
    "吨": "tonnes",
    "亩": "mu",
    "公顷": "hectares",
    "平方公里": "square kilometres",
    "平方米": "square metres",
    "立方米": "cubic metres",
    "公里": "km",
    "千米": "km",
}
# Counters: what a count counts ("1158家" enterprises, "61人" people); each kept out of words it begins
# (名单, 项目, 处理, 批示, 个月 ...), which are no counts.
_COUNTERS = (
    r"人次|省(?![级直委])|家|人(?!民)|名(?![单义称录额])|位|件|个(?!月|工作日|小时|多月)|起(?![草诉])|宗|次(?!日)"
    r"|批(?![示复准])|轮|项(?!目)|处(?![理罚置分级长])|条(?![例件])|户|座|台(?![账帐])|辆|份"
)
_SPACE = r"[ \t\u3000\xa0]?"
_NUMBER = rf"{_NOT_BEFORE_DIGITS}(?:{_DIGITS})|{_NOT_BEFORE_NUMERAL}(?:{_CN_NUMERAL})"
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_PHRASE = (
    rf"(?:(?P<qual>{_QUALIFIER}){_SPACE})?"
    rf"(?:(?P<pct>百分之)(?P<pnum>{_DIGITS}|{_CN_NUMERAL}(?:点[{_CN_DIGITS}]+)?)"  # 百分之八十八点五
    rf"|(?P<num>{_NUMBER})(?:{_SPACE}(?:至|到|-|~|～|—){_SPACE}(?P<high>{_DIGITS}|{_CN_NUMERAL}))?"
    rf"(?P<more>[余多])?(?P<scale>{_SCALE})?(?P<more2>[余多])?"
    rf"(?:{_SPACE}(?:(?P<unit>{_UNIT})|(?P<counter>{_COUNTERS})))"
)
ZH_FIGURE_RE = re.compile(_PHRASE + ")")
# A figure's phrase read back alone ("八", "1.8万余", as the arithmetic check re-reads an operand): its
# counter stays in the text it was quoted from, so here none is required.
_ALONE_RE = re.compile(_PHRASE + "?)")
# "一起研究" (together), "一批干部" (a number of): the numeral one in a word, not a count of one; but
# "一起案件", "一起事件" count one case
_ONE_IN_A_WORD = re.compile(r"一(?:起(?![案事])|批)")


@dataclass(frozen=True)
class ChineseFigure:
    """A Chinese figure: ``text[start:end]`` is its phrase (qualifier, number, scale and unit; the counter
    after a count is not part of it but is ``text[counter_start:counter_end]``)."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None
    counter_start: int
    counter_end: int


@cache
def _cn2an():
    import cn2an

    return cn2an


def numeral_value(number: str) -> Decimal | None:
    """The value of "1158", "1,158", "1.8", "八", "两", "三万七千六百四十"; None when not a number."""
    if number[0].isdigit():
        try:
            return Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
    try:
        return Decimal(str(_cn2an().cn2an(number, "normal")))
    except ValueError:
        return None


def find_chinese_figures(text: str, start: int = 0, end: int | None = None) -> list[ChineseFigure]:
    """The Chinese figures in ``text[start:end]`` with offsets into ``text``, in order."""
    end = len(text) if end is None else end
    folded = fold(text[start:end])
    figures = []
    for match in ZH_FIGURE_RE.finditer(folded):
        figure = _figure(match, start)
        if figure is not None:
            figures.append(figure)
    alone = None if figures else _ALONE_RE.fullmatch(folded)
    if alone is not None and (alone.group("scale") or not (alone.group("num") or "").isascii()):
        figure = _figure(alone, start)  # (a bare "1158" is an English figure already)
        return [figure] if figure is not None else []
    return figures


def _figure(match: re.Match[str], offset: int) -> ChineseFigure | None:
    number = match.group("pnum") or match.group("num")
    if _ONE_IN_A_WORD.match(match.string, match.start("num") if match.group("num") else match.start()):
        return None
    value = numeral_value(number)
    if value is None:
        return None
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale]
    unit = "percent" if match.group("pct") else _UNITS.get(match.group("unit") or "")
    qualifier = _QUALIFIERS.get(match.group("qual") or "")
    if match.group("more") or match.group("more2"):
        qualifier = "more than"
    elif match.group("high"):
        qualifier = "at least"  # "3至5家": a range says at least its low end
    counter = "counter" if match.group("counter") else None
    phrase_end = match.start(counter) if counter else match.end()
    # the space before a counter ("28860 件") is not part of the phrase
    while phrase_end > match.start() and match.string[phrase_end - 1].isspace():
        phrase_end -= 1
    counter_start, counter_end = (match.start(counter), match.end(counter)) if counter else (0, 0)
    return ChineseFigure(
        start=offset + match.start(),
        end=offset + phrase_end,
        value=float(value),
        unit=unit,
        qualifier=qualifier,
        counter_start=offset + counter_start if counter else 0,
        counter_end=offset + counter_end if counter else 0,
    )
