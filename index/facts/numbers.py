"""Numbers in text: figures worth answering with (quantities) and the tokens the grounding check compares.

A *figure* is a quantity such as "22,511", "40.06 million yuan", "about 1.43 billion yuan",
"more than 28,000", "31.16 percent", "14 percentage points" or a spelled count ("three issues"); dates,
times, years, ordinals ("4th") and labels ("No. 3", "batch 4") are not figures. *Number tokens* are every
number in a text, figure or not, normalised ("1,158" -> "1158", "15th" -> "15", "three" -> "3"), so an
answer can be checked against its quotes.

Chinese text is read by index/facts/chinese_numbers.py ("罚款4006万元", "立案处罚1158家"): in a Chinese
stretch of text only its figures count; in English text with a few Chinese words both are found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.facts.chinese_numbers import find_chinese_figures
from index.facts.zeros import find_zeros
from index.meta.ordinals import CARDINAL_WORDS
from index.text.chinese import fold, has_chinese, language_of

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WORD_NUMBER = "|".join(
    re.escape(word).replace(r"\ ", r"\s+") for word in sorted(CARDINAL_WORDS, key=len, reverse=True)
)
_QUALIFIER = (
    r"(?:more\s+than|over|about|nearly|almost|approximately|roughly|some|at\s+least|less\s+than|"
    r"fewer\s+than|up\s+to|close\s+to|a\s+total\s+of|a\s+further|another)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
# a headline's short scale glued to the digits: "2.29b yuan", "512m yuan", "3.1bn yuan"
_ABBREVIATED = r"bn|mn|b|m|k"
_ABBREVIATIONS = {"bn": "billion", "b": "billion", "mn": "million", "m": "million", "k": "thousand"}
_UNIT = (
    r"(?:%|\s*percent(?:age\s+points?)?\b|\s*per\s+cent\b|\s+(?:yuan|RMB|tonnes|tons|mu|hectares|"
    r"square\s+kilometers|square\s+kilometres|kilometers|kilometres|km|cubic\s+meters|cubic\s+metres)\b)"
)
FIGURE_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?:(?P<pre>RMB|¥)\s*)?"
    rf"(?P<num>(?<![\w.,:])(?:{_DIGITS})(?:(?P<abbr>{_ABBREVIATED})(?=\s*(?:yuan|RMB)\b)|(?![\w:]|\.\d))"
    rf"|\b(?:{_WORD_NUMBER})\b(?!-))"
    rf"(?:\s+(?P<scale>{_SCALE})\b)?(?P<unit>{_UNIT})?",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(
    rf"(?:\b(?:{MONTHS})\.?\s*|\b(?:No|Nos|Number|round|batch|phase|Article)\.?\s*|[-/])$", re.IGNORECASE
)
# Contact details and labels, never figures: "PO Box 17", "postcode 030000", "hotline 12369", "Tel: 0351-...",
# "Room 1208", and a team's label when capitalised ("Team 3"; "the team 5 days" is no label); a number with a
# leading zero ("0351", "030000") or seven digits or more written without separators or unit ("4001109771")
# is a phone number or a code
_CONTACT_BEFORE = re.compile(
    r"\b(?:(?:P\.?\s?O\.?\s*)?Box|post(?:al)?\s*code|zip(?:\s*code)?|tel(?:ephone)?|phone|fax|hotlines?"
    r"|call(?:ing)?|dial(?:ling)?|Room)\.?\s*(?:(?:is|was|at|on)\s+)?:?\s*$",
    re.IGNORECASE,
)
_TEAM_LABEL = re.compile(r"\b(?:Team|Group|Unit)\s*$")
_CODE_NUMBER = re.compile(r"0\d{2,}|\d{7,}")
# "the second batch 2,873": after "batch" a large number is a figure, not the batch's label
_LABEL_BEFORE = re.compile(r"\b(?:round|batch|phase)\s*$", re.IGNORECASE)
_LARGE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{3,}")
_AFTER_NOT_FIGURE = re.compile(
    r"^(?:st|nd|rd|th)\b|^\s*(?:[-/]\s*\d|:\d|,\s*\d{4}\b|\s+(?:" + MONTHS + r")\b)", re.IGNORECASE
)
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:cases|people|persons|reports|enterprises|issues|"
    r"problems|complaints|tasks|measures|companies|projects|officials)\b",
    re.IGNORECASE,
)
# "one of eight teams", "two of the teams", "one by one", "one-month": a part or an idiom, no count
_WORD_NOT_FIGURE_AFTER = re.compile(r"\s+(?:of|another|by\s+one)\b|-", re.IGNORECASE)
_PHRASAL_OVER = re.compile(
    r"\b(?:hand|hands|handed|handing|turn|turned|pass|passed|took|taken|carried|signed|moved)\s+$",
    re.IGNORECASE,
)
# "fines added up to 280 million yuan": "up to" is the verb's, not a qualifier of the figure
_PHRASAL_UP_TO = re.compile(
    r"\b(?:add|adds|added|adding|sum|sums|summed|totted|built|shot)\s+$", re.IGNORECASE
)
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}


@dataclass(frozen=True)
class Figure:
    """A quantity in a text: ``text[start:end]`` is the whole phrase ("about 1.43 billion yuan")."""

    start: int
    end: int
    phrase: str  # qualifier + number + scale + unit, verbatim
    value: float  # numeric value including the scale
    unit: str | None  # "yuan", "percent", "percentage points", "tonnes" ... or None for a count
    qualifier: str | None
    counter: str | None = None  # a Chinese count's counter as written ("家", "人", "个"), after the phrase
    counter_end: int = 0  # where that counter ends in the text (0 when there is none)


def number_value(number: str) -> float | None:
    """Numeric value of "22,511", "40.06", "three", "twenty-five"; None when not a number."""
    cleaned = number.replace(",", "").strip().lower()
    try:
        return float(cleaned)
    except ValueError:
        words = re.sub(r"\s+", " ", cleaned)
        return float(CARDINAL_WORDS[words]) if words in CARDINAL_WORDS else None


def _unit_name(unit: str | None) -> str | None:
    if not unit:
        return None
    cleaned = re.sub(r"\s+", " ", unit.strip().lower())
    if cleaned in ("%", "percent", "per cent"):
        return "percent"
    if cleaned.startswith("percentage point"):
        return "percentage points"
    return "yuan" if cleaned in ("yuan", "rmb") else cleaned


def _is_year(match: re.Match[str], text: str) -> bool:
    number = match.group("num")
    if not re.fullmatch(r"\d{4}", number) or match.group("unit") or match.group("scale"):
        return False
    return 1949 <= int(number) <= 2099 and not _COUNT_NOUN_AFTER.match(text, match.end())


def _is_contact(match: re.Match[str], text: str, start: int) -> bool:
    """True for a phone number, postcode, box or room number, or a team's label ("Team 3")."""
    number = match.group("num")
    bare = not any(match.group(name) for name in ("unit", "scale", "pre", "abbr"))
    if not bare or not number[0].isdigit():
        return False
    before = text[max(start, match.start("num") - 24) : match.start("num")]
    return bool(
        _CODE_NUMBER.fullmatch(number) or _CONTACT_BEFORE.search(before) or _TEAM_LABEL.search(before)
    )


def find_figures(text: str, start: int = 0, end: int | None = None, *, zeros: bool = False) -> list[Figure]:
    """The figures in ``text[start:end]`` with offsets into ``text``, in order; with ``zeros``, the zeros said
    in words ("暂无人员被问责", "no official was punished") too, as figures of value 0."""
    end = len(text) if end is None else end
    figures = _number_figures(text, start, end)
    if not zeros:
        return figures
    words = [
        Figure(
            start=zero.start,
            end=zero.end,
            phrase=text[zero.start : zero.end],
            value=0.0,
            unit=None,
            qualifier=None,
            counter=text[zero.counter_start : zero.counter_end] if zero.counter_end else None,
            counter_end=zero.counter_end,
        )
        for zero in find_zeros(text, start, end)
    ]
    words = [z for z in words if not any(_overlap(z, f) for f in figures)]
    return sorted(figures + words, key=lambda figure: figure.start) if words else figures


def _number_figures(text: str, start: int, end: int) -> list[Figure]:
    stretch = text[start:end]
    if stretch.isascii() or not has_chinese(stretch):
        return _english_figures(text, start, end)
    chinese = [
        Figure(
            start=found.start,
            end=found.end,
            phrase=text[found.start : found.end],
            value=found.value,
            unit=found.unit,
            qualifier=found.qualifier,
            counter=text[found.counter_start : found.counter_end] if found.counter_end else None,
            counter_end=found.counter_end,
        )
        for found in find_chinese_figures(text, start, end)
    ]
    if language_of(stretch) == "zh":
        return chinese
    english = [f for f in _english_figures(text, start, end) if not any(_overlap(f, c) for c in chinese)]
    return sorted(english + chinese, key=lambda figure: figure.start)


def _overlap(a: Figure, b: Figure) -> bool:
    return a.start < b.end and b.start < a.end


def _english_figures(text: str, start: int, end: int) -> list[Figure]:
    figures = []
    for match in FIGURE_RE.finditer(text, start, end):
        number = match.group("num")
        num_start = match.start("num")
        before = text[max(start, num_start - 12) : num_start]
        after = text[match.end("num") : min(end, match.end("num") + 16)]
        label = _DATE_BEFORE.search(before) and not (
            _LABEL_BEFORE.search(before) and _LARGE.fullmatch(number)
        )
        if (
            label
            or _AFTER_NOT_FIGURE.match(after)
            or _is_year(match, text)
            or _is_contact(match, text, start)
        ):
            continue
        is_word = not number[0].isdigit()
        if is_word and _WORD_NOT_FIGURE_AFTER.match(text, match.end("num")):
            continue
        abbr = match.group("abbr")
        value = number_value(number[: -len(abbr)] if abbr else number)
        if value is None:
            continue
        if abbr:
            value *= _SCALES[_ABBREVIATIONS[abbr.lower()]]
        start_at, qualifier = match.start(), match.group("qual")
        phrasal = {"over": _PHRASAL_OVER, "up to": _PHRASAL_UP_TO}.get(
            " ".join((qualifier or "").lower().split())
        )
        if phrasal is not None and phrasal.search(text, max(0, start_at - 12), start_at):
            start_at, qualifier = match.start("num") if not match.group("pre") else match.start("pre"), None
        scale = match.group("scale")
        if scale:
            value *= _SCALES[scale.lower()]
        figures.append(
            Figure(
                start=start_at,
                end=match.end(),
                phrase=text[start_at : match.end()],
                value=value,
                unit=_unit_name(match.group("unit") or match.group("pre")),
                qualifier=qualifier,
            )
        )
    return figures


_TOKEN_RE = re.compile(rf"\d+(?:[.,:]\d+)*|\b(?:{_WORD_NUMBER})\b", re.IGNORECASE)
_ASCII_NUMBER = re.compile(r"[0-9]")
_SCALED = re.compile(r"[万亿]")  # "4006万元": the value is a token beside the digits written


def _value_token(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def number_tokens(text: str) -> list[str]:
    """Every number in ``text``, normalised: "1,158" -> "1158", "15th" -> "15", "three" -> "3"; in Chinese
    text full-width digits as ASCII ("１１５８" -> "1158"), a Chinese figure's numerals by their value
    ("八个" -> "8") and a scaled figure by its value too ("4006万元" -> "4006", "40060000")."""
    tokens = []
    if not text.isascii():
        text = fold(text)
        for figure in find_chinese_figures(text):
            phrase = text[figure.start : figure.end]
            if not _ASCII_NUMBER.search(phrase) or _SCALED.search(phrase):
                tokens.append(_value_token(figure.value))
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        if token[0].isdigit():
            token = token.rstrip(".,:")
            tokens.append(re.sub(r"(?<=\d),(?=\d{3})", "", token))
        else:
            tokens.append(str(CARDINAL_WORDS[re.sub(r"\s+", " ", token.lower())]))
    return tokens
