"""The grounding check every answer must pass before it is returned.

An answer is grounded when each citation's quote is exactly its document's text at its offsets, the
citations are numbered 1..n in order of first use, every ``[n]`` in the text names a listed citation, every
citation is used, and every number in the text (digits, decimals, times, number words) appears in a quote
or is the stated result of verified arithmetic on quoted figures (bot/engine/arithmetic.py); a clock time
"20:00" is quoted by "20时" or "晚8点" as well, and a day restated in another form by the quote's own day
("September 15" and "15 September" for "9月15日", "2021年9月19日" for "2021-09-19"; its year from the
quote, or from the cited article's publication date when the quote gives none).
A quoted figure may be followed by its gloss in another scale, of the same value: "4006万元 (40.06 million
yuan)".

The rule across languages: a figure is restated as its quote writes it. An English answer over a Chinese
quote says "4006万元", never "40.06 million yuan" alone (its "40.06" is in no quote), and a figure with a
scale ("million", "万", "亿") must also have the value of a quoted figure or of a verified result, so "4006
million yuan" over "4006万元" fails although its digits are quoted. Ordinals that name an inspection in a
Chinese reply ("第二轮第四批", like "the fourth batch") are words, not figures.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence

from bot.answer import Citation, Operation
from bot.engine import arithmetic as arithmetic_check
from bot.engine.chinese_time import StatedDay, clock_times, stated_days
from index.facts.numbers import find_figures, number_tokens
from index.models import Document
from index.text.chinese import fold

_MARKER = re.compile(r"\[(\d+)\]")
# "第二轮", "第四批", "第十一批": the inspection's name in a Chinese reply
_CHINESE_ORDINAL = re.compile(r"第[一二三四五六七八九十]+(?=[轮批次组])")
# A count of zero said in words: the "0" (零, "zero") of an answer restating it is quoted by it
ZERO_STATED = re.compile(
    r"暂无|暂未|尚无|并无|没有|未有|无人|无一|(?<![一二三四五六七八九十百千万亿两\d])零(?=[人家件起名个])"
    r"|\bno\s+one\b|\bnobody\b|\bnone\b|\bnot\s+a\s+single\b|\bzero\b"
    r"|\bno\s+(?:officials?|people|persons?|cadres?|enterprises?|companies|cases?|individuals?)\b",
    re.IGNORECASE,
)
_SCALED = re.compile(r"hundred|thousand|million|billion|trillion|[万亿]", re.IGNORECASE)
# "4006万元 (40.06 million yuan)": a gloss in brackets; "14.3亿元（原文为“1.43 billion yuan”）": a figure
# said in the reply's scale, the quoted one in brackets after it
_GLOSS_OPENING = re.compile(r"\s*[(（]\s*(?:原文为|原文|as written:?)?\s*[“\"]?\s*")
_GLOSS_CLOSING = re.compile(r"[”\"]?\s*[)）]")
VALUE_TOLERANCE = arithmetic_check.SHOWN_TOLERANCE  # a computed result may be written rounded


def markers(text: str) -> list[int]:
    """The citation numbers ``[n]`` in ``text`` in order of appearance."""
    return [int(n) for n in _MARKER.findall(text)]


def _stated(text: str) -> str:
    """The answer's own words: citation markers and inspection ordinals blanked (same length)."""
    text = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    return _CHINESE_ORDINAL.sub(lambda m: " " * len(m.group(0)), text)


def _scale_problems(text: str, citations: Sequence[Citation], arithmetic: Sequence[Operation]) -> list[str]:
    """Scaled figures of ``text`` whose value no quoted figure and no verified result has."""
    quoted = [figure.value for citation in citations for figure in find_figures(citation.quote)]
    computed = [abs(op.result) for op in arithmetic]
    found = []
    for figure in find_figures(text):
        if not _SCALED.search(figure.phrase):
            continue
        if any(math.isclose(figure.value, value, rel_tol=1e-9) for value in quoted):
            continue
        if any(math.isclose(figure.value, value, rel_tol=VALUE_TOLERANCE) for value in computed):
            continue
        found.append(f"figure {figure.phrase!r} has the value of no cited figure")
    return found


def _same_day(said: StatedDay, quoted: StatedDay, years: set[int]) -> bool:
    """True when ``said`` is the day (or range) ``quoted`` states, in any form."""
    if (said.month, said.day) != (quoted.month, quoted.day):
        return False
    if said.until is not None and (said.until, said.until_month or said.month) != (
        quoted.until,
        quoted.until_month or quoted.month,
    ):
        return False
    return said.year is None or said.year == quoted.year or (quoted.year is None and said.year in years)


def without_glosses(text: str, citations: Sequence[Citation]) -> str:
    """``text`` with the glosses of its quoted figures in another scale blanked (same length): "(40.06
    million yuan)" right after a quoted "4006万元", or "14.3亿元" right before a bracketed quoted "1.43
    billion yuan", of the same value."""
    quotes = [fold(citation.quote) for citation in citations]

    def quoted(phrase: str) -> bool:
        return any(fold(phrase) in quote for quote in quotes)

    figures = find_figures(text)
    glosses = [
        gloss
        for quoted_first, gloss in itertools.pairwise(figures)
        if _GLOSS_OPENING.fullmatch(text[quoted_first.end : gloss.start])
        and math.isclose(quoted_first.value, gloss.value, rel_tol=1e-9)
        and quoted(quoted_first.phrase)
    ]
    for said in figures:  # the bracket after it holds the quoted figure (read in its own language)
        opening = _GLOSS_OPENING.match(text, said.end)
        closing = _GLOSS_CLOSING.search(text, opening.end()) if opening and opening.group(0).strip() else None
        if opening is None or closing is None:
            continue
        inside = find_figures(text[opening.end() : closing.start()])
        if any(math.isclose(said.value, f.value, rel_tol=1e-9) and quoted(f.phrase) for f in inside):
            glosses.append(said)
    for gloss in glosses:
        text = text[: gloss.start] + " " * (gloss.end - gloss.start) + text[gloss.end :]
    return text


def _without_quoted_days(text: str, citations: Sequence[Citation]) -> str:
    """``text`` with the days it restates from its quotes blanked (same length)."""
    quoted = [day for citation in citations for day in stated_days(citation.quote)]
    years = {int(citation.date[:4]) for citation in citations if citation.date}
    years.update(day.year for day in quoted if day.year is not None)
    for said in stated_days(text):
        if any(_same_day(said, day, years) for day in quoted):
            text = text[: said.start] + " " * (said.end - said.start) + text[said.end :]
    return text


def problems(
    text: str,
    citations: list[Citation],
    documents: Mapping[str, Document],
    arithmetic: Sequence[Operation] = (),
) -> list[str]:
    """What is wrong with an answer (empty when it is grounded)."""
    found: list[str] = []
    numbers = [c.n for c in citations]
    if numbers != list(range(1, len(citations) + 1)):
        found.append(f"citations not numbered 1..{len(citations)}: {numbers}")
    for citation in citations:
        document = documents.get(citation.doc_id)
        if document is None or document.text[citation.start : citation.end] != citation.quote:
            found.append(f"citation [{citation.n}] does not quote {citation.doc_id} at its offsets")
    used = markers(text)
    first_use = list(dict.fromkeys(used))
    if any(n not in numbers for n in used):
        found.append(f"unknown citation markers in {sorted(set(used) - set(numbers))}")
    if sorted(first_use) != numbers:
        found.append("every citation must be used")
    elif first_use != numbers:
        found.append("citations must be numbered in order of first use")
    quoted: set[str] = set()
    for citation in citations:
        quoted.update(number_tokens(citation.quote))
    if any(ZERO_STATED.search(fold(citation.quote)) for citation in citations):
        quoted.add("0")
    found.extend(arithmetic_check.problems(arithmetic, citations))
    quoted.update(arithmetic_check.computed_tokens(arithmetic))
    stated = without_glosses(_without_quoted_days(_stated(text), citations), citations)
    clocks = {time for citation in citations for time in clock_times(citation.quote)}
    for token in number_tokens(stated):
        if token not in quoted and token not in clocks:  # "20:00" over a quoted "20时" is the same time
            found.append(f"number {token} is in no cited quote")
    found.extend(_scale_problems(stated, citations, arithmetic))
    return found


def is_grounded(
    text: str,
    citations: list[Citation],
    documents: Mapping[str, Document],
    arithmetic: Sequence[Operation] = (),
) -> bool:
    """True when ``problems`` finds nothing; an answer without citations is never grounded."""
    return bool(citations) and not problems(text, citations, documents, arithmetic)
